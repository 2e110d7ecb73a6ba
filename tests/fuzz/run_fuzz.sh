#!/usr/bin/env bash
# Runs one libFuzzer target on a fresh corpus: tests/fuzz/corpus/NAME (small,
# committed) plus seeds made from the bundled scenarios and, when present,
# the shared third-party captures (read in place, never copied into the
# repository). Fails on any crash in lwipsim's own code, printing the input's
# path; fuzz_replay keeps lwIP's own crashes as findings instead.
#
# usage: run_fuzz.sh FUZZER NAME SRC_DIR RUNS
#   LWIPSIM_FUZZ_SECONDS=600  run for that long instead of RUNS inputs
#   LWIPSIM_FUZZ_KEEP=DIR     keep crashes, findings and the corpus in DIR
set -uo pipefail

fuzzer=$1 name=$2 src=$3 runs=$4
work=${LWIPSIM_FUZZ_KEEP:-$(mktemp -d)}
mkdir -p "$work/corpus" "$work/crashes" "$work/findings"
[ -n "${LWIPSIM_FUZZ_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

shared=${LWIPSIM_SHARED_CAPTURES:-$src/../shared/captures}
captures=("$src"/scenarios/*/capture.pcap "$src"/tests/scenarios/*/capture.pcap)
[ -d "$shared" ] && captures+=("$shared"/*.pcap)

case $name in
pcap | replay)
  for c in "${captures[@]}"; do
    [ -f "$c" ] && [ "$(stat -c %s "$c")" -le 262144 ] && cp "$c" "$work/corpus/$(basename "$(dirname "$c")")-$(basename "$c")"
  done
  max_len=262144 ;;
scenario)
  for s in "$src"/scenarios/*/scenario.ini "$src"/tests/scenarios/*/scenario.ini; do
    cp "$s" "$work/corpus/$(basename "$(dirname "$s")").ini"
  done
  max_len=8192 ;;
frames)
  # each capture's frames as the target's records: [flags][len LE16][bytes],
  # flags bit 0 when the frame is the scenario device's own
  python3 - "$work/corpus" "${captures[@]}" <<'PY'
import os, struct, sys
out = sys.argv[1]
for path in sys.argv[2:]:
    if not os.path.isfile(path):
        continue
    data = open(path, "rb").read()
    if len(data) < 24 or struct.unpack("<I", data[:4])[0] != 0xa1b2c3d4:
        continue  # classic little-endian pcap only; pcapng seeds come from the pcap target
    at, recs, first_src = 24, b"", None
    while at + 16 <= len(data) and len(recs) < 8000:
        cap = struct.unpack("<I", data[at + 8:at + 12])[0]
        frame = data[at + 16:at + 16 + cap]
        at += 16 + cap
        if len(frame) < 14:
            continue
        first_src = first_src or frame[6:12]
        flags = 1 if frame[6:12] == first_src else 0
        recs += bytes([flags]) + struct.pack("<H", len(frame)) + frame
    if recs:
        name = os.path.basename(os.path.dirname(path)) + "-" + os.path.basename(path) + ".frames"
        open(os.path.join(out, name), "wb").write(recs)
PY
  max_len=8192 ;;
*) echo "run_fuzz: unknown target $name" >&2; exit 2 ;;
esac
[ -d "$src/tests/fuzz/corpus/$name" ] && cp "$src/tests/fuzz/corpus/$name"/* "$work/corpus/" 2>/dev/null

limit=(-runs="$runs")
[ -n "${LWIPSIM_FUZZ_SECONDS:-}" ] && limit=(-max_total_time="$LWIPSIM_FUZZ_SECONDS")
export LWIPSIM_FUZZ_FINDINGS="$work/findings"
"$fuzzer" "${limit[@]}" -max_len="$max_len" -timeout=20 -rss_limit_mb=2048 \
  -artifact_prefix="$work/crashes/" -print_final_stats=1 "$work/corpus" 2>"$work/fuzz.log"
rc=$?
grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$work/fuzz.log" | tail -2
n_findings=$(ls "$work/findings" | wc -l)
[ "$n_findings" -gt 0 ] && echo "fuzz.$name: $n_findings input(s) crashed inside lwIP (findings, kept in $work/findings when LWIPSIM_FUZZ_KEEP is set)"
if [ $rc -ne 0 ]; then
  echo "FAIL fuzz.$name: crash in lwipsim's code; input: $(ls "$work"/crashes/* 2>/dev/null | head -1)" >&2
  tail -40 "$work/fuzz.log" >&2
  exit 1
fi
echo "ok fuzz.$name"
