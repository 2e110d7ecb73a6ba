#!/usr/bin/env bash
# Fetch upstream lwIP as Debian source packages and unpack the pristine orig
# tarballs into a cache folder (git ignores it).
#
# The deb-src entry is derived from this machine's own apt sources (the first
# "deb" entry of the Debian archive), so no package registry host name is
# written in the repository. apt runs with a private state directory: the
# system's apt configuration is left untouched.
#
# usage: ci/fetch-lwip.sh [CACHE_DIR]      (default: <repo>/.cache/lwip)
# result: CACHE_DIR/2.1.3/src/..., CACHE_DIR/2.2.1/src/...
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${1:-$repo/.cache/lwip}
sums=$repo/ci/lwip-orig.sha256

# upstream version -> Debian suite carrying it
declare -A suite_of=([2.1.3]=bookworm [2.2.1]=trixie)

die() { echo "fetch-lwip: $*" >&2; exit 1; }

have_all=1
for v in "${!suite_of[@]}"; do
  [ -f "$cache/$v/src/include/lwip/init.h" ] || have_all=0
done
if [ "$have_all" = 1 ]; then
  echo "fetch-lwip: lwIP ${!suite_of[*]} already in $cache"
  exit 0
fi

# The archive URI of the machine's Debian main suite: deb822 files first, then
# one-line sources.list entries.
archive_uri() {
  local f uri="" keyring=""
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri=$(awk '
      /^[[:space:]]*$/ { if (deb && debian && uri != "") { print uri; exit } deb=0; debian=0; uri=""; next }
      /^Types:/ { for (i=2;i<=NF;i++) if ($i=="deb") deb=1 }
      /^URIs:/ { uri=$2 }
      /^Suites:/ { for (i=2;i<=NF;i++) if ($i ~ /^(bookworm|trixie|stable|testing|sid|unstable)$/) debian=1 }
      END { if (deb && debian && uri != "") print uri }' "$f" | head -n1)
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    uri=$(awk '$1=="deb" { u=$2; if (u ~ /^\[/) u=$3; s=(u==$2)?$3:$4;
           if (s ~ /^(bookworm|trixie|stable|testing|sid|unstable)$/) { print u; exit } }' "$f")
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
}

uri=$(archive_uri)
[ -n "$uri" ] || die "no Debian 'deb' entry found in /etc/apt/sources.list{,.d}; add one for the Debian archive and retry"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || die "$keyring missing: apt-get install debian-archive-keyring"

apt_dir=$cache/apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/sources.list.d" "$cache/dl"
{
  echo "Types: deb-src"
  echo "URIs: $uri"
  echo "Suites: ${suite_of[*]}"
  echo "Components: main"
  echo "Signed-By: $keyring"
} > "$apt_dir/sources.list.d/lwipsim-src.sources"

apt_opts=(-o "Dir::Etc::SourceList=/dev/null"
          -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
          -o "Dir::State::Lists=$apt_dir/lists"
          -o "Dir::Cache=$apt_dir/cache"
          -o "APT::Sandbox::User=root")

echo "fetch-lwip: deb-src from the machine's archive ($uri), suites ${suite_of[*]}"
apt-get "${apt_opts[@]}" -q update >"$apt_dir/update.log" 2>&1 \
  || die "apt-get update failed (see $apt_dir/update.log)"

for v in "${!suite_of[@]}"; do
  [ -f "$cache/$v/src/include/lwip/init.h" ] && continue
  orig="lwip_${v}+dfsg1.orig.tar.xz"
  want=$(awk -v f="$orig" '$2==f {print $1}' "$sums")
  [ -n "$want" ] || die "no checksum for $orig in $sums"
  if [ ! -f "$cache/dl/$orig" ]; then
    # Any Debian revision of this upstream version carries the same orig tarball.
    debver=$(apt-cache "${apt_opts[@]}" showsrc lwip 2>/dev/null \
             | awk -v v="$v+dfsg1-" '/^Version:/ && index($2, v)==1 {print $2; exit}')
    [ -n "$debver" ] || die "no lwip source package for upstream $v in ${suite_of[$v]}"
    (cd "$cache/dl" && apt-get "${apt_opts[@]}" -q source --download-only "lwip=$debver" >"$apt_dir/source-$v.log" 2>&1) \
      || die "apt-get source lwip=$debver failed (see $apt_dir/source-$v.log)"
  fi
  got=$(sha256sum "$cache/dl/$orig" | awk '{print $1}')
  [ "$got" = "$want" ] || die "$orig: sha256 $got does not match the recorded $want"
  rm -rf "$cache/$v.tmp" && mkdir -p "$cache/$v.tmp"
  tar -xJf "$cache/dl/$orig" -C "$cache/$v.tmp" --strip-components=1
  # Debian's orig tarballs for 2.1.3 carry CRLF sources; compilers do not mind.
  rm -rf "$cache/$v" && mv "$cache/$v.tmp" "$cache/$v"
  echo "fetch-lwip: lwIP $v ready in $cache/$v (orig sha256 ok)"
done
