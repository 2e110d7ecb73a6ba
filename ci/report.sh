#!/usr/bin/env bash
# The main job: set up (packages, lwIP, build), then `lwipsim report` over
# every bundled profile and scenario. Extra arguments go to lwipsim report
# (e.g. --gate, --lwipopts DIR). OUT_DIR picks the output folder.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$repo/build}
out=${OUT_DIR:-$repo/report}
"$repo/ci/setup.sh" "$build"
rc=0
"$build/bin/lwipsim" report --out "$out" "$@" || rc=$?
if [ "$rc" = 0 ] || [ "$rc" = 3 ]; then
  echo
  echo "report: $out/report.html (open in a browser), $out/report.md (for a pull request),"
  echo "        $out/report.json (docs/report.schema.json), $out/junit.xml (CI test results)"
  echo
  cat "$out/report.md"
fi
exit "$rc"
