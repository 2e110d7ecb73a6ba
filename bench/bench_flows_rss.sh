#!/usr/bin/env bash
# bench.flows_rss (label bench): peak RSS of a replay whose conversations keep
# being new (issue 12: memory flat in the capture's length). The bundled
# http-concurrent capture is tiled faithfully (every copy a new conversation:
# new peer ports and ISNs) to two lengths and replayed on the
# circuitpython-9.0.5 demand build with an HTTP listener; /usr/bin/time's
# maximum resident set (the runner's largest process) is printed for each,
# never asserted (the flow tables' bound is asserted by the unit tests).
# usage: bench_flows_rss.sh BIN_DIR TILE SRC_DIR
#   (LWIPSIM_BENCH_RSS_FRAMES: the two lengths, default "100000 1000000")
set -euo pipefail
bin=$1 tile=$2 src=$3
mac=28:cd:c1:03:9e:26
if [ ! -x /usr/bin/time ]; then
  echo "bench.flows_rss: skipped, no /usr/bin/time (GNU time)"
  exit 77
fi
work=$(mktemp -d /tmp/lwipsim-bench-flows-XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "bench.flows_rss: http-concurrent tiled faithfully, circuitpython-9.0.5 demand, http-listen 80"
echo "| capture frames | capture time | peak RSS, KiB | record, bytes |"
echo "|--:|--:|--:|--:|"
for n in ${LWIPSIM_BENCH_RSS_FRAMES:-100000 1000000}; do
  d=$work/s$n
  mkdir -p "$d"
  out=$("$tile" "$src/scenarios/http-concurrent/capture.pcap" "$d/capture.pcap" "$n" "$mac")
  span=$(echo "$out" | awk '{ print int($3) + 2 }')
  printf '[scenario]\ndescription = bench: http-concurrent tiled\ncapture = capture.pcap\nduration = %ss\n[device]\nmac = %s\n[script]\n0s = netif-up\n0s = static 10.77.0.2/24 gw 10.77.0.1\n0s = http-listen 80\n' \
    "$span" "$mac" >"$d/scenario.ini"
  rss=$(/usr/bin/time -f %M "$bin/lwipsim" replay --profile circuitpython-9.0.5 --demand --scenario "$d" \
    --json "$d/run.json" --quiet 2>&1 >/dev/null | tail -1)
  echo "| $n | ${span} s | $rss | $(stat -c %s "$d/run.json") |"
  rm -f "$d/capture.pcap"
done
