#!/usr/bin/env bash
# The whole test suite: set up (packages, lwIP, build), then every ctest test.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$repo/build}
"$repo/ci/setup.sh" "$build"
cd "$build"
ctest --output-on-failure -j"$(nproc)" "$@"
