#!/usr/bin/env bash
# Benchmark (ctest label bench, never a timed assertion): the fixed costs
# issue 12 sets targets for, on this machine's cores.
#   - `lwipsim report` over every bundled profile and scenario (target 3 s on
#     2 cores): wall time, the number of runs it made, wall per run;
#   - `lwipsim sweep` of 21 SYS_TIMEOUT values on the seed scenario (target
#     0.2 s): median wall of five, and per run.
# Both go through the fork server (sim/runner/serve.c), so a run costs a fork,
# not an exec and a dynamic link.
#   bench_report.sh LWIPSIM SOURCE
set -euo pipefail
lwipsim=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
jobs=$(nproc)
now() { date +%s.%N; }

start=$(now)
set +e
"$lwipsim" report --out "$tmp/report" --jobs "$jobs" >"$tmp/report.log" 2>&1
rc=$?
set -e
end=$(now)
case $rc in 0 | 3) ;; *) echo "FAIL: lwipsim report: exit $rc" >&2; tail -5 "$tmp/report.log" >&2; exit 1 ;; esac

sweeps=()
for _ in 1 2 3 4 5; do
  s=$(now)
  "$lwipsim" sweep --profile circuitpython-9.0.5 --scenario "$src/scenarios/mdns-http-reload" --pool SYS_TIMEOUT \
    --range 5:25 --jobs "$jobs" --json "$tmp/sweep.json" >/dev/null 2>&1
  e=$(now)
  sweeps+=("$(awk -v s="$s" -v e="$e" 'BEGIN { print e - s }')")
done

python3 - "$tmp/report/report.json" "$start" "$end" "$jobs" "$tmp/sweep.json" "$tmp/report.log" "${sweeps[@]}" <<'PY'
import json, re, statistics, sys
report = json.load(open(sys.argv[1]))
wall = float(sys.argv[3]) - float(sys.argv[2])
jobs = int(sys.argv[4])
sweep = json.load(open(sys.argv[5]))
walls = [float(w) for w in sys.argv[7:]]
# the report's log line per run: "lwipsim report: runs: [i/N] ..." and "sweeps: [i/N] ..."
totals = {}
for kind, n in re.findall(r"^lwipsim report: (runs|sweeps): \[\d+/(\d+)\]", open(sys.argv[6]).read(), re.M):
    totals[kind] = int(n)
runs = sum(totals.values())
# sweep runs a lower value's run answers for are copied, not made (run_pool.c)
made = re.search(r"^lwipsim report: sweeps: (\d+) of \d+ runs made", open(sys.argv[6]).read(), re.M)
made = runs - totals.get("sweeps", 0) + int(made.group(1)) if made else runs
s = report["summary"]
print("| figure | measured | target |")
print("|---|--:|--:|")
print("| `report`, %d profiles x %d scenarios, %d runs (%d sweep), %d made, %d jobs | %.2f s (%.1f ms a made run a core) | 3 s |"
      % (s["profiles"], s["scenarios"], runs, totals.get("sweeps", 0), made, jobs, wall,
         wall * 1000 * jobs / max(made, 1)))
rows = len(sweep["rows"])
med = statistics.median(walls)
print("| `sweep`, %d values, seed scenario, median of %d | %.3f s (%.1f ms a run) | 0.2 s |"
      % (rows, len(walls), med, med * 1000 * jobs / max(rows, 1)))
PY
