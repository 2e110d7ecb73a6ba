#!/usr/bin/env bash
# bench.pcap_read (label bench): a large tiled capture read to its end by
# libpcap's buffered reader and by a mapped-file walker (bench/pcap_read.c),
# with instructions (callgrind, when valgrind is there) and wall time (median
# of three) for each. Figures are printed for people, never asserted; the
# two readers must agree on what they read.
# usage: bench_pcap_read.sh PCAP_READ TILE SRC_DIR   (LWIPSIM_BENCH_PCAP_FRAMES, default 500000)
set -euo pipefail
reader=$1 tile=$2 src=$3
frames=${LWIPSIM_BENCH_PCAP_FRAMES:-500000}
work=$(mktemp -d /tmp/lwipsim-bench-pcap-XXXXXX)
trap 'rm -rf "$work"' EXIT
"$tile" "$src/scenarios/http-concurrent/capture.pcap" "$work/capture.pcap" "$frames" 28:cd:c1:03:9e:26 >/dev/null
size=$(stat -c %s "$work/capture.pcap")

declare -A out wall instr
for mode in libpcap mmap; do
  runs=()
  for _ in 1 2 3; do
    line=$("$reader" "$mode" "$work/capture.pcap")
    out[$mode]=${line% wall_ns *}
    runs+=("${line##* wall_ns }")
  done
  wall[$mode]=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p)
  instr[$mode]=-
  if command -v valgrind >/dev/null; then
    instr[$mode]=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$reader" "$mode" "$work/capture.pcap" 2>&1 |
      sed -n 's/.*Collected : \([0-9,]*\).*/\1/p' | tr -d ,)
  fi
done
if [ "${out[libpcap]}" != "${out[mmap]}" ]; then
  echo "bench.pcap_read: the readers disagree: libpcap '${out[libpcap]}', mmap '${out[mmap]}'" >&2
  exit 1
fi
n=${out[libpcap]%% frames*}
echo "bench.pcap_read: http-concurrent tiled to $n frames, $size bytes, read to the end"
echo "| reader | instructions per frame | wall per frame, median of 3 |"
echo "|---|--:|--:|"
for mode in libpcap mmap; do
  ipf=-
  [ "${instr[$mode]}" != - ] && ipf=$(awk -v i="${instr[$mode]}" -v n="$n" 'BEGIN { printf "%.0f", i / n }')
  wpf=$(awk -v w="${wall[$mode]}" -v n="$n" 'BEGIN { printf "%.1f ns", w / n }')
  label=$([ $mode = libpcap ] && echo "libpcap (pcap_open_offline, pcap_next_ex)" || echo "mapped file, classic-pcap walker")
  echo "| $label | $ipf | $wpf |"
done
