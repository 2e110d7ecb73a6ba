#!/usr/bin/env bash
# Resource limits and the harness's own outcomes (docs/run-record.md):
#   - a scenario longer than the documented maximum is refused, on its line;
#   - 10^6 s of virtual time replays under a small address-space cap
#     (prlimit --as), with a record under 256 KiB: memory and record stay flat
#     in the run's length (before the bucketed timelines this run needed GBs);
#   - --max-wall stops a run with outcome timeout and exit 7; sweep and report
#     pass it through and stop with the runner's line;
#   - harness failures are outcome harness-error, exit 2, one line, never a
#     crash: open_memstream failing with ENOMEM (fail_print.so, preloaded) in the
#     run's process or everywhere, and the run's process killed by SIGKILL.
#
# usage: test_limits.sh BIN_DIR FAIL_PRINT_SO ASAN(0|1)
set -uo pipefail
bin=$1
shim=$2
asan=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
profile=circuitpython-9.0.5

check() { # check WHAT EXPECTED ACTUAL
  if [ "$2" != "$3" ]; then
    echo "FAIL $1: expected [$2], got [$3]"
    fail=1
  else
    echo "ok   $1"
  fi
}
first_with() { # first_with PREFIX FILE: the first line of FILE that starts with PREFIX (whole)
  awk -v p="$1" 'index($0, p) == 1 { print substr($0, 1, length(p)); exit }' "$2"
}
jget() { # jget FILE PYTHON-EXPRESSION-ON-r
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print($2)" "$1" 2>/dev/null || echo "(no record)"
}
scenario() { # scenario DIR DURATION [EXTRA-DEVICE-LINE]
  mkdir -p "$1"
  printf '[scenario]\ndescription = limits test\nduration = %s\n[device]\n%s\n[script]\n0s = netif-up\n0s = dhcp\n0s = mdns-start lwipsim-limits\n0s = http-listen 80\n' \
    "$2" "${3:-}" >"$1/scenario.ini"
}

# 1. the longest scenario, one millisecond more
scenario "$work/too-long" 10000000.001s
"$bin/lwipsim" replay --profile $profile --scenario "$work/too-long" --quiet >/dev/null 2>"$work/err"
check "too long: exit" 2 $?
check "too long: message" \
  "lwipsim: $work/too-long/scenario.ini:3: duration 10000000.001s is longer than the longest run lwipsim replays (10000000s, about 115 days)" \
  "$(cat "$work/err")"

# 2. 10^6 s under a small address-space cap. Timers polled every 2 s keep the
# wall time to seconds while still adding millions of timeline changes (the
# SYS_TIMEOUT pool alone changes at every timer), which the unbounded timeline
# kept in memory, printed and parsed back: hundreds of MiB.
scenario "$work/long" 1000000s "timers = poll 2s"
if [ "$asan" = 1 ]; then
  echo "skip long run under prlimit: ASan reserves terabytes of address space"
  "$bin/lwipsim" replay --profile $profile --scenario "$work/long" --json "$work/long.json" --quiet 2>"$work/err"
  rc=$?
else
  prlimit --as=$((96 << 20)) -- "$bin/lwipsim" replay --profile $profile --scenario "$work/long" \
    --json "$work/long.json" --quiet 2>"$work/err"
  rc=$?
fi
check "10^6 s under prlimit --as=96MiB: exit" 0 "$rc"
check "10^6 s: outcome and end" "ok 1000000000" "$(jget "$work/long.json" 'r["outcome"], r["end_time_ms"]')"
size=$(stat -c %s "$work/long.json" 2>/dev/null || echo 999999999)
check "10^6 s: record at most 256 KiB" yes "$([ "$size" -le 262144 ] && echo yes || echo "no ($size bytes)")"
check "10^6 s: SYS_TIMEOUT timeline bucketed (points <= 602, last bucket 300)" yes \
  "$(jget "$work/long.json" '"yes" if all(len(p["timeline"]) <= 602 for p in r["pools"]) and len([p for p in r["pools"] if p["name"]=="SYS_TIMEOUT"][0]["timeline"]) > 300 else "no"')"
check "10^6 s: the peak point is in the timeline" yes \
  "$(jget "$work/long.json" '"yes" if all(p["peak"] == 0 or [p["peak_ms"], p["peak"]] in p["timeline"] for p in r["pools"]) else "no"')"

# 3. --max-wall: the child stops itself; outcome timeout, exit 7, one line.
# The longest scenario (10^7 s, about 2 s of wall time on the 2-core machine):
# 10^6 s can end in 0.2 s on a quiet machine, before the limit.
scenario "$work/longest" 10000000s "timers = poll 2s"
"$bin/lwipsim" replay --profile $profile --scenario "$work/longest" --max-wall 0.3 --json "$work/wall.json" --quiet \
  2>"$work/err"
check "--max-wall: exit" 7 $?
want="lwipsim: timeout: stopped by --max-wall 0.300 at "
check "--max-wall: message" "$want" "$(first_with "$want" "$work/err")"
check "--max-wall: one line" 1 "$(wc -l <"$work/err")"
check "--max-wall: record" "timeout 7 True True" \
  "$(jget "$work/wall.json" 'r["outcome"], r["exit_code"], 0 < r["end_time_ms"] < r["duration_ms"], all(isinstance(p["timeline"], list) for p in r["pools"])')"
"$bin/lwipsim" replay --profile $profile --scenario "$work/long" --max-wall 0 --quiet 2>"$work/err"
check "--max-wall 0: refused" "2 lwipsim: --max-wall 0: expected seconds greater than 0 (e.g. 60 or 2.5)" "$? $(cat "$work/err")"

# ... passed through by sweep and report, which stop with the runner's line
"$bin/lwipsim" sweep --profile $profile --scenario "$work/longest" --pool SYS_TIMEOUT --range 11:11 --max-wall 0.2 \
  >/dev/null 2>"$work/err"
check "sweep --max-wall: exit" 2 $?
want="lwipsim sweep: SYS_TIMEOUT=11: lwipsim: timeout: stopped by --max-wall 0.200 at "
check "sweep --max-wall: message" "$want" "$(first_with "$want" "$work/err")"
"$bin/lwipsim" report --profile $profile --scenario "$work/longest" --out "$work/report" --max-wall 0.2 --jobs 1 \
  >/dev/null 2>"$work/err"
check "report --max-wall: exit" 2 $?
want="lwipsim report: $profile × longest (faithful): lwipsim: timeout: stopped by --max-wall 0.200 at "
check "report --max-wall: message" "$want" "$(first_with "$want" "$work/err")"

# 4. cJSON_Print fails (ENOMEM) in the run's process: the runner writes a
# harness-error record from the shared state, one line, exit 2
short=$work/short
scenario "$short" 20s
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
LD_PRELOAD=$shim LWIPSIM_TEST_FAIL_PRINT=child "$bin/lwipsim" replay --profile $profile --scenario "$short" \
  --json "$work/enomem.json" --quiet 2>"$work/err"
check "ENOMEM in the run: exit" 2 $?
check "ENOMEM in the run: message" "lwipsim: harness error: out of memory writing the run record" "$(cat "$work/err")"
check "ENOMEM in the run: record" "harness-error 2 out of memory writing the run record None None" \
  "$(jget "$work/enomem.json" 'r["outcome"], r["exit_code"], r["harness_error"], r["crash"], r["pools"][0]["timeline"]')"
# ... and in the runner too: no record, one line, exit 2, no crash
LD_PRELOAD=$shim LWIPSIM_TEST_FAIL_PRINT=all "$bin/lwipsim" replay --profile $profile --scenario "$short" \
  --json "$work/enomem-all.json" --quiet 2>"$work/err"
check "ENOMEM everywhere: exit" 2 $?
check "ENOMEM everywhere: message" "lwipsim: harness error: out of memory writing the run record" "$(cat "$work/err")"
check "ENOMEM everywhere: no record" no "$([ -e "$work/enomem-all.json" ] && echo yes || echo no)"

# 5. the run's process killed by SIGKILL (as by the OOM killer)
"$bin/lwipsim" replay --profile $profile --scenario "$work/longest" --json "$work/killed.json" --quiet 2>"$work/err" &
runner=$!
child=
for _ in $(seq 1 500); do
  child=$(pgrep -P $runner | head -1)
  [ -n "$child" ] && break
  sleep 0.01
done
[ -n "$child" ] && kill -KILL "$child"
wait $runner
check "SIGKILL: exit" 2 $?
check "SIGKILL: message" \
  "lwipsim: harness error: the run's process was killed by SIGKILL (out of memory, or another process)" \
  "$(cat "$work/err")"
check "SIGKILL: record" "harness-error None" "$(jget "$work/killed.json" 'r["outcome"], r["crash"]')"

exit $fail
