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
          python3-jsonschema python3-yaml chromium clang-format
          # hardening: memcheck (label bad-input), libFuzzer targets (the fuzz preset)
          valgrind clang
          # the RP2040 firmware images (firmware/, label firmware): Cortex-M0+ compiler and C library
          gcc-arm-none-eabi picolibc-arm-none-eabi
          # the ILP32 host chip (firmware/ilp32, replay --target ilp32): gcc -m32 and i386 libc (libc6-dev-i386)
          gcc-multilib
          # tests/limits: prlimit (util-linux, below) and pgrep
          procps
          # lwipsim tap / record and their tests (label tap): the link and the real peers
          iproute2 dnsmasq-base avahi-daemon avahi-utils dbus-daemon util-linux curl iputils-ping
          # lwipsim record's MQTT broker, for scripts with mqtt-connect (tap.mqtt)
          mosquitto
          # the peers of the device's own clients (sntp-start, http-get), started when a script needs them
          chrony python3
          # a real pcapng reader for replay --pcapng-out's test (scenario.pcapng)
          tshark
          # bench.vs_raw: peak RSS of each command tree (GNU time)
          time)

"$repo/ci/apt-install.sh" setup "${packages[@]}"

"$repo/ci/fetch-lwip.sh"

# The emulated RP2040 (firmware/emu, test firmware.emulated): npm's rp2040js,
# pinned by firmware/emu/package-lock.json, on the machine's Node.js. Without
# npm, or with the registry out of reach (tried twice), that one test says
# SKIP and why; nothing else needs it.
emu=$repo/firmware/emu
if [ ! -d "$emu/node_modules/rp2040js" ]; then
  if ! command -v npm >/dev/null; then
    echo "setup: no npm: firmware.emulated will be skipped (install Node.js and npm)" >&2
  elif ! (cd "$emu" && { npm ci --no-audit --no-fund --loglevel=error >/dev/null ||
                         npm ci --no-audit --no-fund --loglevel=error >/dev/null; }); then
    echo "setup: npm ci in firmware/emu failed: firmware.emulated will be skipped" >&2
  fi
fi

# The default preset (CMakePresets.json); -B keeps BUILD_DIR working. The
# build includes the RP2040 firmware images (BUILD/firmware, step
# lwipsim-firmware of cmake/LwipsimFirmware.cmake), now that the ARM
# toolchain is installed: the tests labelled firmware read them.
(cd "$repo" && cmake --preset default -B "$build" ${LWIPSIM_CMAKE_ARGS:-} >/dev/null)
cmake --build "$build" -j"$(nproc)" >/dev/null
echo "setup: built into $build"
