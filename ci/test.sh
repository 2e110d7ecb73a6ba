#!/usr/bin/env bash
# The whole test suite: set up (packages, lwIP, build), then every ctest test.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$repo/build}
"$repo/ci/setup.sh" "$build"
rc=0
# The house style first: a misformatted file fails the run, after the tests.
"$repo/ci/format-check.sh" || rc=$?
cd "$build"
ctest --output-on-failure -j"$(nproc)" "$@" || rc=$?
# ctest shows a skipped test as "Skipped" only; say why, from the tests' own
# SKIP lines (shared captures absent, no root for the tap tests, ...).
grep -h '^SKIP ' Testing/Temporary/LastTest.log 2>/dev/null | sort -u || true
# Then the same unit, scenario and bad-input tests under ASan + UBSan, and
# the fuzz targets for a bounded number of inputs (ci/test-sanitized.sh;
# LWIPSIM_SANITIZED=0 leaves them out, e.g. for a quick local run).
if [ $# -eq 0 ] && [ "${LWIPSIM_SANITIZED:-1}" = 1 ]; then
  "$repo/ci/test-sanitized.sh" || rc=$?
fi
exit "$rc"
