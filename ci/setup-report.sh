#!/usr/bin/env bash
# What `lwipsim report` alone needs on a fresh Debian 12 machine (a CI
# runner of a firmware repository: ci/github-actions.yml, ci/gitlab-ci.yml):
# the build's Debian packages, upstream lwIP, and the front end and runners,
# without the tests, the peers of `lwipsim record` or the RP2040 images
# (ci/setup.sh installs and builds everything). Safe to run again.
#
# usage: ci/setup-report.sh [BUILD_DIR]     (default: <repo>/build)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$repo/build}
packages=(build-essential cmake pkg-config dpkg-dev xz-utils ca-certificates
          libpcap-dev libcjson-dev libinih-dev libdw-dev)
"$repo/ci/apt-install.sh" setup-report "${packages[@]}"
"$repo/ci/fetch-lwip.sh"
(cd "$repo" && cmake --preset default -B "$build" -DBUILD_TESTING=OFF -DLWIPSIM_FIRMWARE_IMAGES=OFF \
   ${LWIPSIM_CMAKE_ARGS:-} >/dev/null)
cmake --build "$build" -j"$(nproc)" >/dev/null
echo "setup-report: built into $build"
