#!/usr/bin/env bash
# The sanitized half of the test suite (ci/test.sh runs it after the default
# build's tests when LWIPSIM_SANITIZED=1): the unit, scenario and bad-input
# tests again on the sanitize preset (ASan + UBSan on lwipsim and lwIP), then
# every libFuzzer target of the fuzz preset for a bounded number of inputs.
#
# usage: ci/test-sanitized.sh     (LWIPSIM_SANITIZED=0 skips it)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
if [ "${LWIPSIM_SANITIZED:-1}" = 0 ]; then
  echo "test-sanitized: skipped (LWIPSIM_SANITIZED=0)"
  exit 0
fi
jobs=$(nproc)
rc=0

san=${SANITIZE_BUILD_DIR:-$repo/build-sanitize}
(cd "$repo" && cmake --preset sanitize -B "$san" >/dev/null)
cmake --build "$san" -j"$jobs" >/dev/null
echo "test-sanitized: ASan + UBSan build in $san"
(cd "$san" && ctest --output-on-failure -j"$jobs" -L 'unit|scenario|bad-input' -E '^scenario.third_party$') || rc=$?

fuzz=${FUZZ_BUILD_DIR:-$repo/build-fuzz}
(cd "$repo" && cmake --preset fuzz -B "$fuzz" >/dev/null)
cmake --build "$fuzz" -j"$jobs" --target lwipsim_fuzz_frames lwipsim_fuzz_pcap lwipsim_fuzz_scenario \
  lwipsim_fuzz_replay >/dev/null
echo "test-sanitized: libFuzzer targets in $fuzz"
(cd "$fuzz" && ctest --output-on-failure -j"$jobs" -L fuzz) || rc=$?
exit "$rc"
