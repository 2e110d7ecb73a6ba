#!/usr/bin/env bash
# A sweep run whose cap was never reached answers for every value above it
# (sim/cli/run_pool.c, settled_below): `lwipsim sweep` copies that record
# instead of making the runs. The seed scenario on circuitpython-9.0.5, one
# run at a time so the count is fixed: 5..12 panic on SYS_TIMEOUT, 13 never
# reaches its cap, so 14..25 are copied. The rows must be byte for byte those
# of a sweep that makes every run (LWIPSIM_SWEEP_COPY=0), and so must a
# report's sweeps.
#   test_sweep_copy.sh BIN_DIR SOURCE_DIR
set -uo pipefail
bin=$1 src=$2
. "$src/tests/common/check_lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sweep=("$bin/lwipsim" sweep --profile circuitpython-9.0.5 --scenario "$src/scenarios/mdns-http-reload" --pool SYS_TIMEOUT
  --range 5:25 --jobs 1)
"${sweep[@]}" --json "$tmp/copied.json" >"$tmp/copied.out" 2>"$tmp/copied.err"
check "sweep exit" 0 "$?"
LWIPSIM_SWEEP_COPY=0 "${sweep[@]}" --json "$tmp/made.json" >"$tmp/made.out" 2>"$tmp/made.err"
check "sweep exit, every run made" 0 "$?"
check "the line that says what was copied" \
  "lwipsim sweep: 9 of 21 runs made; 12 copied from a lower value's run that never reached its cap" \
  "$(grep copied "$tmp/copied.err")"
check "no such line when every run is made" "" "$(grep copied "$tmp/made.err")"
check "sweep rows (JSON) equal" same "$(cmp -s "$tmp/copied.json" "$tmp/made.json" && echo same || echo differ)"
check "sweep table equal" same "$(cmp -s "$tmp/copied.out" "$tmp/made.out" && echo same || echo differ)"
check "rows" 21 "$(jget "$tmp/copied.json" 'len(r["rows"])')"
check "value 25: SYS_TIMEOUT peak and failures" "13 0" \
  "$(jget "$tmp/copied.json" '"%d %d" % (r["rows"][-1]["peak"], r["rows"][-1]["failed"])')"

report=("$bin/lwipsim" report --profile circuitpython-9.0.5 --profile arduino-pico-4.x-ipv4
  --scenario "$src/scenarios/mdns-http-reload" --scenario "$src/scenarios/http-concurrent" --jobs 2)
"${report[@]}" --out "$tmp/r-copied" >"$tmp/r-copied.log" 2>&1
LWIPSIM_SWEEP_COPY=0 "${report[@]}" --out "$tmp/r-made" >"$tmp/r-made.log" 2>&1
check "some report sweep runs copied" yes "$(grep -q 'sweeps: .* copied' "$tmp/r-copied.log" && echo yes || echo no)"
for f in report.json report.md report.html junit.xml; do
  check "report $f equal" same "$(cmp -s "$tmp/r-copied/$f" "$tmp/r-made/$f" && echo same || echo differ)"
done
exit $fail
