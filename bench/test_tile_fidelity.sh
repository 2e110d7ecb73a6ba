#!/usr/bin/env bash
# The benchmarks' tiler makes each copy of a capture a new conversation, so a
# long tiled capture replays as faithfully as the capture itself: under 2%
# (20 per mille) of its inbound frames withheld as divergence, where the
# time-shift tiling it replaces withheld a third. For http-concurrent (TCP
# connections) and mdns-http-reload (DHCP, mDNS, HTTP), tiled to 5000 frames,
# and mdns-http-reload tiled past its captured lease (3600 s) with its own
# DHCP script: the copies' DHCP replies must renew the lease. Tiled as for a
# static address (DHCP left out of later copies), the same run loses its
# lease and withholds most connections after it: the control that shows the
# check can tell.
# usage: test_tile_fidelity.sh BIN_DIR TILE_TOOL SRC_DIR
set -uo pipefail
bin=$1 tile=$2 src=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$src/tests/common/check_lib.sh"
profile=circuitpython-9.0.5 # the demand build: no pool runs dry however long the traffic
mac=28:cd:c1:03:9e:26

# tile_and_replay NAME SCENARIO FRAMES MODE: the scenario's capture tiled, its
# own script (DHCP) run over it; the record in $work/NAME.json.
tile_and_replay() {
  local name=$1 s=$2 frames=$3 mode=$4 span
  mkdir "$work/$name"
  "$tile" "$src/scenarios/$s/capture.pcap" "$work/$name/capture.pcap" "$frames" $mac "$mode" >"$work/$name.tile" || fail=1
  span=$(awk '{printf "%d", $3 + 2}' "$work/$name.tile")
  sed -e "s/^duration = .*/duration = ${span}s/" -e '/^capture_start/d' "$src/scenarios/$s/scenario.ini" \
    >"$work/$name/scenario.ini"
  "$bin/lwipsim" replay --profile $profile --demand --scenario "$work/$name" --json "$work/$name.json" --quiet
  check "$name: replayed" yes "$([ -s "$work/$name.json" ] && echo yes || echo no)"
}
# withheld NAME MIN_INJECTED: "under 2%" or what the record says instead
withheld() {
  jget "$work/$1.json" '"under 2%" if r["divergence"]["diverged_permille"] < 20 and r["frames"]["injected"] > '"$2"' else (r["divergence"]["diverged_permille"], r["divergence"]["by_reason"], r["frames"]["injected"])'
}

for s in http-concurrent mdns-http-reload; do
  tile_and_replay "$s-5000" $s 5000 dhcp
  check "$s tiled to 5000 frames: under 2% withheld" "under 2%" "$(withheld "$s-5000" 2000)"
done

tile_and_replay lease-dhcp mdns-http-reload 30000 dhcp
check "mdns-http-reload tiled to 30000 frames: spans more than the 3600 s lease" yes \
  "$(awk '{ print ($3 > 3600 + 600) ? "yes" : $3 }' "$work/lease-dhcp.tile")"
check "mdns-http-reload tiled past its lease, copies keep DHCP: under 2% withheld" "under 2%" \
  "$(withheld lease-dhcp 14000)"

tile_and_replay lease-static mdns-http-reload 30000 static
check "the same tiled as for a static address: the lease runs out, over 10% withheld" yes \
  "$(jget "$work/lease-static.json" '"yes" if r["divergence"]["diverged_permille"] > 100 else r["divergence"]')"
exit $fail
