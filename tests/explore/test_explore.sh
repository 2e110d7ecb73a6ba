#!/usr/bin/env bash
# lwipsim explore end to end, on circuitpython-9.0.5 x mdns-http-reload
# (SYS_TIMEOUT: 13 as recorded, analytic bound 23, size 11). With search
# seed 1 and a budget of 48 runs, the search finds a peak of 14 at run 17
# (both fixed by the seed); the scenario it writes replays to exactly 14,
# without divergence; no peak is ever above the bound; the same search on
# --jobs 1 writes the same files. Bad windows get one line and exit 2.
# usage: test_explore.sh BIN_DIR SRC_DIR
set -uo pipefail
bin=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../common/check_lib.sh"
seed=$src/scenarios/mdns-http-reload
explore() { "$bin/lwipsim" explore --profile circuitpython-9.0.5 --scenario "$seed" --pool SYS_TIMEOUT "$@"; }

explore --budget 48 --window reload=2s:60s --out "$work/found" >"$work/out" 2>"$work/err"
# exit 3: the worst case found (14) needs more than the profile's 11
check "explore exit" 3 $?
check "explore: the search" "48 0 13 14 17 23 11" \
  "$(jget "$work/found/explore.json" 'r["runs"], r["dropped"], r["recorded_peak"], r["found_peak"], r["found_at_run"], r["bound"], r["size"]')"
check "explore: its line" \
  "mdns-http-reload on circuitpython-9.0.5, SYS_TIMEOUT: peak 14 found in 48 runs (0 dropped: a broken conversation), recorded 13, bound 23, size 11" \
  "$(head -n 1 "$work/out")"
for f in scenario.ini capture.pcap record.json explore.json; do
  check "explore wrote $f" yes "$([ -s "$work/found/$f" ] && echo yes || echo no)"
done

# the written scenario is a normal one: replay gives the same peak, faithfully
"$bin/lwipsim" replay --profile circuitpython-9.0.5 --demand --scenario "$work/found" --json "$work/again.json" --quiet
check "replay of the worst case: exit" 0 $?
check "replay of the worst case: SYS_TIMEOUT peak, divergence" "14 0" \
  "$(jget "$work/again.json" '[p["peak"] for p in r["pools"] if p["name"] == "SYS_TIMEOUT"][0], r["divergence"]["diverged"]')"
# ... and on the profile's own size, the pool fails
"$bin/lwipsim" replay --profile circuitpython-9.0.5 --scenario "$work/found" --json "$work/sized.json" --quiet
check "the worst case at the profile's size: outcome" panic "$(jget "$work/sized.json" 'r["outcome"]')"

# never above the analytic bound: a longer search with more freedom
explore --budget 160 --window reload=2s:60s --window mdns-start=0.5s:5s --copies 48 --search-seed 7 \
  --out "$work/wide" >/dev/null 2>&1
check "a wider search stays at or under the bound" yes \
  "$(jget "$work/wide/explore.json" '"yes" if 13 <= r["found_peak"] <= r["bound"] == 23 else r["found_peak"]')"

# the same search on one core writes the same files
explore --budget 48 --window reload=2s:60s --out "$work/one" --jobs 1 >/dev/null 2>&1
check "--jobs 1: same scenario.ini and capture" same \
  "$(cmp -s "$work/found/scenario.ini" "$work/one/scenario.ini" && cmp -s "$work/found/capture.pcap" "$work/one/capture.pcap" && echo same || echo differ)"

# conversations moved (--shift): the worst case still replays faithfully,
# within 2% (20 per mille) of the scenario's own divergence
conc=$src/scenarios/http-concurrent
"$bin/lwipsim" explore --profile circuitpython-9.0.5 --scenario "$conc" --pool TCP_PCB --budget 24 --shift 1s \
  --out "$work/moved" >/dev/null 2>&1
check "--shift: exit (TCP_PCB 8 > 5)" 3 $?
"$bin/lwipsim" replay --profile circuitpython-9.0.5 --demand --scenario "$conc" --json "$work/conc.json" --quiet
"$bin/lwipsim" replay --profile circuitpython-9.0.5 --demand --scenario "$work/moved" --json "$work/moved.json" --quiet
base=$(jget "$work/conc.json" 'r["divergence"]["diverged_permille"]')
check "--shift: the worst case stays faithful" yes \
  "$(jget "$work/moved.json" '"yes" if r["divergence"]["diverged_permille"] < '"$base"' + 20 else r["divergence"]')"

# report --explore: every MARGINAL pool searched on the scenario that set its
# demand; arduino-pico-4.x-ipv4's SYS_TIMEOUT (size 13, demand 13, bound 23)
"$bin/lwipsim" report --out "$work/report" --profile arduino-pico-4.x-ipv4 --scenario "$seed" --explore 48 \
  >/dev/null 2>"$work/err"
check "report --explore: exit" 0 $?
check "report --explore: the SYS_TIMEOUT row" \
  "**MARGINAL** (size below the worst case 23)<br>search found up to 13 (48 runs); bound 23: 0% of the band above the recorded 13" \
  "$(grep '^| SYS_TIMEOUT |' "$work/report/report.md" | grep -o '\*\*MARGINAL\*\*[^|]*' | sed 's/ *$//')"
check "report --explore: report.json" "13 13 48 23 mdns-http-reload explore/arduino-pico-4.x-ipv4-mdns-http-reload-SYS_TIMEOUT" \
  "$(jget "$work/report/report.json" '" ".join(str(x) for x in [[q["search"] for q in r["profiles"][0]["pools"] if q["name"] == "SYS_TIMEOUT"][0][k] for k in ("found", "recorded", "runs", "bound", "scenario", "folder")])')"
check "report --explore: the worst case kept" yes \
  "$([ -s "$work/report/explore/arduino-pico-4.x-ipv4-mdns-http-reload-SYS_TIMEOUT/scenario.ini" ] && echo yes || echo no)"
"$bin/lwipsim" report --out "$work/x" --shard 1/2 --explore 4 >/dev/null 2>"$work/err"
check "report --explore with --shard" \
  "2 lwipsim report: --explore needs the whole report in one run: not with --shard or --merge" "$? $(cat "$work/err")"

explore --window nosuch=1s:2s --out "$work/x" >/dev/null 2>"$work/err"
check "a window no line runs" \
  "2 lwipsim explore: $seed/scenario.ini: --window nosuch: no timed script line runs 'nosuch'" "$? $(cat "$work/err")"
explore --window reload=9s:2s --out "$work/x" >/dev/null 2>"$work/err"
check "a window backwards" \
  "2 lwipsim explore: --window reload=9s:2s: expected times LO <= HI with units, e.g. reload=5s:15s" "$? $(cat "$work/err")"
explore --window reload=2s:75s --out "$work/x" >/dev/null 2>"$work/err"
check "a window past the end" \
  "2 lwipsim explore: $seed/scenario.ini: --window reload: ends at or after the scenario's end (75000 ms)" \
  "$? $(cat "$work/err")"
exit $fail
