#!/usr/bin/env bash
# Benchmark (ctest label bench, never a timed assertion): the seed scenario
# (scenarios/mdns-http-reload) on the emulated RP2040 (lwipsim replay
# --target rp2040): wall time, and the emulator's speed in MIPS
# (instructions stepped by rp2040js / wall time) and in emulated MHz (its
# cycle counter / wall time). Target: the seed scenario in under 2 minutes
# on the 2-core machine.
#   bench_target.sh LWIPSIM SOURCE
set -euo pipefail
lwipsim=$1 src=$2
if ! command -v node >/dev/null || [ ! -d "$src/firmware/emu/node_modules/rp2040js" ]; then
  echo "SKIP bench.target: no node or no firmware/emu/node_modules (ci/setup.sh runs npm ci there)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-30s %-18s %-12s %9s %14s %14s %8s %8s\n' profile scenario outcome "wall s" instructions cycles MIPS "MHz"
for p in circuitpython-9.0.5 circuitpython-10.0.0-alpha.4; do
  start=$(date +%s.%N)
  set +e
  "$lwipsim" replay --target rp2040 --profile "$p" --scenario "$src/scenarios/mdns-http-reload" --json "$tmp/r.json" --quiet
  rc=$?
  set -e
  end=$(date +%s.%N)
  case $rc in 0 | 3 | 4) ;; *) echo "FAIL: $p: exit $rc" >&2; exit 1 ;; esac
  python3 - "$tmp/r.json" "$p" "$start" "$end" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
wall = float(sys.argv[4]) - float(sys.argv[3])
n, c = r["target_run"]["instructions"], r["target_run"]["cycles"]
print("%-30s %-18s %-12s %9.2f %14d %14d %8.2f %8.2f" % (sys.argv[2], r["scenario"], r["outcome"], wall, n, c, n / wall / 1e6, c / wall / 1e6))
PY
done
