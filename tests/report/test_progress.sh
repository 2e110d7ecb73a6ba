#!/bin/bash
# Progress of `lwipsim sweep` (the same run pool as `report`). In a log
# (stderr not a terminal) it keeps one line per finished run, naming the run
# and its exit code, and never a carriage return. At a terminal (a
# pseudo-terminal from util-linux's `script`) it is one line redrawn with \r,
# with done/total, runs per second and the time left, ending "done in".
# usage: test_progress.sh BIN_DIR SOURCE_DIR
set -u
bin=$1/lwipsim
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
fail() {
  echo "FAIL: $*"
  fails=$((fails + 1))
}
# 96 runs one at a time: long enough (each run takes milliseconds) for the
# terminal line to be redrawn before the end. Every run made: copying the
# runs above the first that never reaches its cap (report.sweep_copy) would
# end the sweep before the first redraw
export LWIPSIM_SWEEP_COPY=0
args=(sweep --profile circuitpython-9.0.5 --scenario "$src/scenarios/mdns-http-reload" --pool SYS_TIMEOUT
      --range 1:96 --jobs 1)

"$bin" "${args[@]}" >"$work/log.out" 2>"$work/log.err" || fail "sweep in a log exited $?"
n=$(grep -cE '^lwipsim sweep: \[([1-9]|[1-8][0-9]|9[0-6])/96\] SYS_TIMEOUT=[0-9]+: exit [0-9]+$' \
  "$work/log.err")
[ "$n" = 96 ] || fail "log: $n of 96 per-run lines: $(head -3 "$work/log.err")"
grep -q $'\r' "$work/log.err" && fail "log: a carriage return in a log"
grep -qE '^lwipsim sweep: \[96/96\] .*SYS_TIMEOUT=[0-9]+: exit [0-9]+$' "$work/log.err" || fail "log: no [96/96] line"

if ! command -v script >/dev/null; then
  echo "SKIP (terminal half): no util-linux script"
  [ "$fails" = 0 ] || exit 1
  exit 77
fi
# the command's stdout (the table) goes to a file: what the terminal shows is stderr
printf -v cmd '%q ' "$bin" "${args[@]}"
script -qec "$cmd >$work/tty.out" "$work/tty.typescript" >/dev/null 2>&1 || fail "sweep at a terminal exited $?"
t=$work/tty.typescript
grep -q 'lwipsim sweep: \[' "$t" && fail "terminal: per-run log lines at a terminal"
grep -qF $'\rlwipsim sweep: 0/96 runs' "$t" || fail "terminal: no first 0/96 line"
grep -qE $'\rlwipsim sweep: ([1-9]|[1-8][0-9]|9[0-5])/96 runs, [0-9]+\\.[0-9] runs/s, [0-9.]+ s left' "$t" ||
  fail "terminal: no redrawn line with a rate and the time left: $(tr '\r' '\n' <"$t" | head -5)"
grep -qE $'\rlwipsim sweep: 96/96 runs, [0-9]+\\.[0-9] runs/s, done in [0-9.]+ s' "$t" ||
  fail "terminal: no final 96/96 line"
lines=$(tr -d '\r' <"$t" | grep -c 'lwipsim sweep: ')
[ "$lines" = 1 ] || fail "terminal: the progress took $lines lines, not one"
cmp -s "$work/log.out" "$work/tty.out" || fail "the sweep table differs between a log and a terminal"

[ "$fails" = 0 ] || exit 1
echo "progress: 96 per-run lines in a log; one redrawn line at a terminal"
