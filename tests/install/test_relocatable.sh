#!/usr/bin/env bash
# install.relocatable: `cmake --install` into a temporary prefix, the prefix
# moved elsewhere, then from an unrelated folder, with the checkout and the
# build tree out of sight: `lwipsim profiles`, `lwipsim replay` (its record
# byte for byte as tests/expected/records has it) and `lwipsim report
# --lwipopts` on a copy of an installed profile folder (built in
# $XDG_CACHE_HOME/lwipsim).
#
# Out of sight: as root, a private mount namespace lays an empty tmpfs over
# the source and build folders for the three commands; and when strace is
# there, every file a command (and the compilers it starts) touches is listed
# and none may lie under them.
#
# usage: test_relocatable.sh CMAKE SOURCE_DIR BUILD_DIR
set -uo pipefail
cmake=$1 src=$(cd "$2" && pwd -P) build=$(cd "$3" && pwd -P)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lwipsim-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL $*"; exit 1; }
case "$tmp/" in "$src/"* | "$build/"*) fail "temporary folder $tmp lies in the checkout or build tree" ;; esac

"$cmake" --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 || fail "cmake --install: $(tail -3 "$tmp/install.log")"
mv "$tmp/prefix" "$tmp/moved" # relocatable: nothing knows the install prefix
prefix=$tmp/moved
mkdir -p "$tmp/elsewhere" "$tmp/cache"
cp -r "$prefix/share/lwipsim/lwipopts/circuitpython-9.0.5" "$tmp/my-board"
cp "$src/tests/expected/records/circuitpython-9.0.5/dhcp-renew-long.json" "$tmp/expected.json"
scenario=$prefix/share/lwipsim/scenarios/dhcp-renew-long
installed_profiles=$(ls "$prefix/share/lwipsim/lwipopts" | wc -l)

# The three commands, as one script run out of sight of src and build.
cat >"$tmp/run.sh" <<SCRIPT
cd "$tmp/elsewhere" || exit 1
export XDG_CACHE_HOME="$tmp/cache"
"$prefix/bin/lwipsim" profiles >"$tmp/profiles.out" 2>"$tmp/profiles.err"; echo \$? >"$tmp/profiles.rc"
"$prefix/bin/lwipsim" replay --profile circuitpython-9.0.5 --scenario "$scenario" --json "$tmp/replay.json" \
  >"$tmp/replay.out" 2>"$tmp/replay.err"; echo \$? >"$tmp/replay.rc"
"$prefix/bin/lwipsim" report --lwipopts "$tmp/my-board" --scenario "$scenario" --out "$tmp/report" --jobs 2 \
  >"$tmp/report.out" 2>"$tmp/report.err"; echo \$? >"$tmp/report.rc"
SCRIPT
hide=""
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
  # Build tree first (it may lie inside the checkout), then the checkout.
  hide="mount -t tmpfs lwipsim-hidden '$build' && { [ '$src' = '$build' ] || mount -t tmpfs lwipsim-hidden '$src'; } &&"
  echo "checkout and build tree hidden (tmpfs in a private mount namespace)"
fi
trace=()
if command -v strace >/dev/null; then
  trace=(strace -f -qq -e trace=file,execve -o "$tmp/strace.log")
  echo "file accesses traced (strace)"
fi
cd "$tmp/elsewhere" && unset OLDPWD # not even the shell starts in, or looks at, the build tree
if [ -n "$hide" ]; then
  unshare -m sh -c "$hide ${trace[*]} bash '$tmp/run.sh'"
else
  "${trace[@]}" bash "$tmp/run.sh"
fi

for c in profiles replay report; do
  [ -f "$tmp/$c.rc" ] || fail "lwipsim $c did not run"
done
[ "$(cat "$tmp/profiles.rc")" = 0 ] || fail "lwipsim profiles: exit $(cat "$tmp/profiles.rc"): $(cat "$tmp/profiles.err")"
grep -q "^circuitpython-9.0.5 " "$tmp/profiles.out" || fail "lwipsim profiles does not list circuitpython-9.0.5"
listed=$(($(wc -l <"$tmp/profiles.out") - 1))
[ "$listed" = "$installed_profiles" ] || fail "lwipsim profiles lists $listed profiles, $installed_profiles are installed"

[ "$(cat "$tmp/replay.rc")" = 0 ] || fail "lwipsim replay: exit $(cat "$tmp/replay.rc"): $(cat "$tmp/replay.err")"
cmp -s "$tmp/replay.json" "$tmp/expected.json" || fail "installed replay record differs from tests/expected/records"

rc=$(cat "$tmp/report.rc")
[ "$rc" = 0 ] || [ "$rc" = 3 ] || fail "lwipsim report --lwipopts: exit $rc: $(tail -3 "$tmp/report.err")"
grep -q "building my-board (lwIP 2.2.1)" "$tmp/report.err" || fail "report did not build my-board: $(cat "$tmp/report.err")"
grep -q "configuring $tmp/cache/lwipsim/" "$tmp/report.err" || fail "report did not build in XDG_CACHE_HOME: $(head -3 "$tmp/report.err")"
grep -q '"name":[[:space:]]*"my-board"' "$tmp/report/report.json" || fail "report.json has no profile my-board"

if [ -f "$tmp/strace.log" ]; then
  seen=$(grep -F -e "\"$src/" -e "\"$src\"" -e "\"$build/" -e "\"$build\"" "$tmp/strace.log" | head -3)
  [ -z "$seen" ] || fail "the installed lwipsim touched the checkout or build tree: $seen"
fi
echo "PASS installed to a prefix, moved, and run elsewhere: profiles ($listed), replay (record as expected), report --lwipopts"
