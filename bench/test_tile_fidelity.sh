#!/usr/bin/env bash
# The benchmarks' tiler makes each copy of a capture a new conversation, so a
# long tiled capture replays as faithfully as the capture itself: under 2%
# (20 per mille) of its inbound frames withheld as divergence, where the
# time-shift tiling it replaces withheld a third. For http-concurrent (TCP
# connections) and mdns-http-reload (DHCP, mDNS, HTTP), tiled to 5000 frames.
# usage: test_tile_fidelity.sh BIN_DIR TILE_TOOL SRC_DIR
set -uo pipefail
bin=$1 tile=$2 src=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$src/tests/common/check_lib.sh"
profile=circuitpython-9.0.5 # the demand build: no pool runs dry however long the traffic
for s in http-concurrent mdns-http-reload; do
  mkdir "$work/$s"
  "$tile" "$src/scenarios/$s/capture.pcap" "$work/$s/capture.pcap" 5000 28:cd:c1:03:9e:26 >"$work/$s.tile" || fail=1
  span=$(awk '{printf "%d", $3 + 2}' "$work/$s.tile")
  sed -e "s/^duration = .*/duration = ${span}s/" -e '/^capture_start/d' "$src/scenarios/$s/scenario.ini" \
    >"$work/$s/scenario.ini"
  "$bin/lwipsim" replay --profile $profile --demand --scenario "$work/$s" --json "$work/$s.json" --quiet
  check "$s tiled to 5000 frames: replayed" yes "$([ -s "$work/$s.json" ] && echo yes || echo no)"
  check "$s tiled: under 2% withheld" yes \
    "$(jget "$work/$s.json" '"yes" if r["divergence"]["diverged_permille"] < 20 and r["frames"]["injected"] > 2000 else (r["divergence"], r["frames"]["injected"])')"
done
exit $fail
