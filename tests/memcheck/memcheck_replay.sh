#!/usr/bin/env bash
# valgrind memcheck over one replay, parent and child: lwipsim, the runner it
# execs and the runner's forked child (--trace-children=yes). Zero errors and
# zero definite leaks, whatever the replay's own outcome (ok, pool failure or
# panic are lwIP's business, reported in the record).
#
# usage: memcheck_replay.sh VALGRIND BIN_DIR SRC_DIR
set -uo pipefail
valgrind=$1 bin=$2 src=$3
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$valgrind" --trace-children=yes --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
  --show-leak-kinds=definite --log-file="$log.%p" \
  "$bin/lwipsim" replay --profile circuitpython-9.0.5 --scenario "$src/scenarios/http-page-3851" --quiet
rc=$?
processes=$(ls "$log".* 2>/dev/null | wc -l)
errors=$(cat "$log".* 2>/dev/null | grep -c "ERROR SUMMARY: [1-9]")
cat "$log".* 2>/dev/null | grep -E "ERROR SUMMARY|definitely lost" | sort | uniq -c
rm -f "$log".*
# two logs: lwipsim exec'd into the runner (one process), and the runner's child
if [ "$processes" -lt 2 ]; then
  echo "FAIL: valgrind followed $processes process(es); expected the runner and its child" >&2
  exit 1
fi
if [ "$rc" = 99 ] || [ "$errors" -gt 0 ]; then
  echo "FAIL: memcheck errors or definite leaks (exit $rc)" >&2
  exit 1
fi
if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ] && [ "$rc" -ne 4 ]; then
  echo "FAIL: the replay itself failed (exit $rc)" >&2
  exit 1
fi
echo "ok: $processes processes under memcheck, 0 errors, no definite leaks (replay exit $rc)"
