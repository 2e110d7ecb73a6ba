#!/usr/bin/env bash
# lwipsim compare end to end: a stats dump written from a run's own figures
# agrees (exit 0); the same dump edited to show one more TCP_PCB is flagged
# on that pool (exit 1); dumps at times are compared with the run up to
# then; a truncated dump is one line naming the file and line (exit 2).
# The dumps are written in lwIP's stats_display() format (src/core/stats.c,
# stats_display_mem), inside other serial-log text.
# usage: test_compare.sh BIN_DIR SRC_DIR
set -uo pipefail
bin=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../common/check_lib.sh"

# circuitpython-9.0.5 on the seed scenario: SYS_TIMEOUT fails (the panic)
"$bin/lwipsim" replay --profile circuitpython-9.0.5 --scenario "$src/scenarios/mdns-http-reload" \
  --json "$work/run.json" --quiet
check "replay exit (the panic)" 4 $?

# stats_dump RECORD AT_MS [POOL=+N ...]: lwIP's text for each pool as the run
# stood at AT_MS (-1: its end), with POOL's max raised by N
cat >"$work/dump.py" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); at = int(sys.argv[2])
bump = dict((a.split("=+")[0], int(a.split("=+")[1])) for a in sys.argv[3:])
print("I (1042) cyw43: link up\r")
for p in r["pools"]:
    pts = [v for t, v in p["timeline"] if at < 0 or t <= at]
    used = pts[-1] if pts else 0
    mx = (p["peak"] if at < 0 else max(pts, default=0)) + bump.get(p["name"], 0)
    failed = p["failed"] if at < 0 or (p["first_failure_ms"] is not None and p["first_failure_ms"] <= at) else 0
    name = "PBUF_REF/ROM" if p["name"] == "PBUF" else p["name"]
    print("\r\nMEM %s\r\n\tavail: %d\r\n\tused: %d\r\n\tmax: %d\r\n\terr: %d\r" % (name, p["configured"], used, mx, failed))
print("I (1043) app: stats done\r")
PY
python3 "$work/dump.py" "$work/run.json" -1 >"$work/same.log"
"$bin/lwipsim" compare --stats "$work/same.log" --record "$work/run.json" >"$work/out" 2>&1
check "the run's own figures: exit" 0 $?
check "the run's own figures: verdict" "the device and the simulation agree (tolerance 0)" "$(tail -n 1 "$work/out")"
check "SYS_TIMEOUT row" "SYS_TIMEOUT           11      11      11       1 |      11      11       1  agree" \
  "$(grep '^SYS_TIMEOUT ' "$work/out")"

python3 "$work/dump.py" "$work/run.json" -1 TCP_PCB=+1 >"$work/more.log"
"$bin/lwipsim" compare --stats "$work/more.log" --record "$work/run.json" >"$work/out" 2>&1
check "one TCP_PCB more: exit" 1 $?
check "one TCP_PCB more: the flagged row" \
  "TCP_PCB                5       4       6       0 |       5       5       0  DEVICE ABOVE: the device used more; the recording missed something" \
  "$(grep '^TCP_PCB ' "$work/out")"
check "one TCP_PCB more: one flag" "1 pool comparison(s) flagged (tolerance 0)" "$(tail -n 1 "$work/out")"
"$bin/lwipsim" compare --stats "$work/more.log" --record "$work/run.json" --tolerance 1 >/dev/null 2>&1
check "one TCP_PCB more, tolerance 1: exit" 0 $?

# dumps over time: at 3 s and at the end, each as the run stood then
end=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["end_time_ms"])' "$work/run.json")
{ python3 "$work/dump.py" "$work/run.json" 3000; python3 "$work/dump.py" "$work/run.json" "$end"; } >"$work/two.log"
"$bin/lwipsim" compare --stats "$work/two.log" --record "$work/run.json" --at "3s,${end}ms" >"$work/out" 2>&1
check "two dumps at their times: exit" 0 $?
check "two dumps: both compared" 2 "$(grep -c '^dump [12] (line [0-9]*) at ' "$work/out")"
# the end-of-run dump claimed at 3 s: the device is above the run then
python3 "$work/dump.py" "$work/run.json" "$end" >"$work/late.log"
"$bin/lwipsim" compare --stats "$work/late.log" --record "$work/run.json" --at 3s >"$work/out" 2>&1
check "the end's figures claimed at 3 s: exit" 1 $?
"$bin/lwipsim" compare --stats "$work/two.log" --record "$work/run.json" --at 3s >/dev/null 2>"$work/err"
check "--at with too few times" "2 lwipsim compare: --at gives 1 time(s) for 2 stats dump(s); give one per dump" \
  "$? $(cat "$work/err")"

# a dump cut short, and a record that is not one
head -n 10 "$work/same.log" >"$work/cut.log"
"$bin/lwipsim" compare --stats "$work/cut.log" --record "$work/run.json" >/dev/null 2>"$work/err"
check "cut short: exit and line" \
  "2 lwipsim compare: $work/cut.log:10: the file ends inside MEM UDP_PCB, after 'avail'; the stats dump is cut short" \
  "$? $(cat "$work/err")"
head -n 9 "$work/same.log" >"$work/cut9.log"
"$bin/lwipsim" compare --stats "$work/cut9.log" --record "$work/run.json" >/dev/null 2>"$work/err"
check "cut after a block's name: exit and line" \
  "2 lwipsim compare: $work/cut9.log:9: the file ends after 'MEM UDP_PCB'; the stats dump is cut short" \
  "$? $(cat "$work/err")"
echo '{"outcome": "ok"}' >"$work/notrecord.json"
"$bin/lwipsim" compare --stats "$work/same.log" --record "$work/notrecord.json" >/dev/null 2>"$work/err"
check "not a record" \
  "2 lwipsim compare: $work/notrecord.json: not a run record (no pools); write one with lwipsim replay --json" \
  "$? $(cat "$work/err")"
exit $fail
