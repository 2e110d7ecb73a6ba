#!/usr/bin/env bash
# Everything a fresh Debian 12 machine needs before lwipsim runs: Debian
# packages, upstream lwIP sources, configure and build. Safe to run again:
# each step skips what is already done.
#
# usage: ci/setup.sh [BUILD_DIR]     (default: <repo>/build)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$repo/build}

packages=(build-essential cmake pkg-config dpkg-dev xz-utils ca-certificates
          libpcap-dev check libsubunit-dev libcjson-dev libinih-dev libdw-dev
          python3-jsonschema chromium clang-format
          # hardening: memcheck (label bad-input), libFuzzer targets (the fuzz preset)
          valgrind clang
          # tests/limits: prlimit (util-linux, below) and pgrep
          procps
          # lwipsim tap / record and their tests (label tap): the link and the real peers
          iproute2 dnsmasq-base avahi-daemon avahi-utils dbus-daemon util-linux curl iputils-ping)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

"$repo/ci/fetch-lwip.sh"

# The default preset (CMakePresets.json); -B keeps BUILD_DIR working.
(cd "$repo" && cmake --preset default -B "$build" ${LWIPSIM_CMAKE_ARGS:-} >/dev/null)
cmake --build "$build" -j"$(nproc)" >/dev/null
echo "setup: built into $build"
