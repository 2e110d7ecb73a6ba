#!/usr/bin/env bash
# replay --pcapng-out read back by a real client (tshark): circuitpython-9.0.5
# on the seed scenario panics at 10837 ms. The file has two interfaces; the
# peers' and the device's frame counts equal the record's; its first frame is
# stamped as the capture's first frame (the capture's own clock); the panic's
# comment carries the message, its virtual time and the armed timers; each
# script action is a comment. An output that takes no bytes is one line.
# usage: test_pcapng.sh BIN_DIR SRC_DIR
set -uo pipefail
bin=$1 src=$2
command -v tshark >/dev/null || { echo "SKIP: tshark is not installed (ci/setup.sh installs it)"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../common/check_lib.sh"
seed=$src/scenarios/mdns-http-reload
ts() { tshark -r "$1" "${@:2}" 2>/dev/null; }

"$bin/lwipsim" replay --profile circuitpython-9.0.5 --scenario "$seed" --pcapng-out "$work/run.pcapng" \
  --json "$work/run.json" --quiet
check "replay exit (the panic)" 4 $?
check "tshark reads it: two interfaces" "2" "$(capinfos -I "$work/run.pcapng" 2>/dev/null | grep -c '^Interface #')"
peers=$(jget "$work/run.json" 'sum(r["frames"][k] for k in ("injected", "synthetic_arp_replies", "synthetic_nd_replies", "synthetic_acks"))')
device=$(jget "$work/run.json" 'r["frames"]["transmitted"]')
check "peers' frames (interface 0) = injected + synthetic" "$peers" "$(ts "$work/run.pcapng" -Y 'frame.interface_id == 0' | wc -l)"
check "device frames (interface 1) = transmitted" "$device" "$(ts "$work/run.pcapng" -Y 'frame.interface_id == 1' | wc -l)"
check "the capture's own clock" "$(ts "$seed/capture.pcap" -c 1 -T fields -e frame.time_epoch)" \
  "$(ts "$work/run.pcapng" -c 1 -T fields -e frame.time_epoch)"
comments=$(ts "$work/run.pcapng" -T fields -e frame.comment -E aggregator='|' | tr '|' '\n' | grep -v '^$')
check "the panic's comment" \
  "10837 ms: panic: sys_timeout: timeout != NULL, pool MEMP_SYS_TIMEOUT is empty (src/core/timeouts.c:190); armed timers (11): igmp_tmr" \
  "$(echo "$comments" | grep -o '^10837 ms: panic: .*armed timers (11): igmp_tmr')"
check "the pool's first failure" "10837 ms: pool SYS_TIMEOUT empty (11 in use), allocation for mdns_probe_and_announce failed" \
  "$(echo "$comments" | grep '^10837 ms: pool SYS_TIMEOUT')"
check "script actions" "0 ms: device: netif-up|0 ms: device: dhcp|500 ms: device: mdns-start|500 ms: device: http-listen|10000 ms: device: reload" \
  "$(echo "$comments" | grep ' ms: device: ' | paste -sd'|')"
# the same run again: the same bytes
"$bin/lwipsim" replay --profile circuitpython-9.0.5 --scenario "$seed" --pcapng-out "$work/again.pcapng" --quiet
check "deterministic" same "$(cmp -s "$work/run.pcapng" "$work/again.pcapng" && echo same || echo differ)"

"$bin/lwipsim" replay --profile circuitpython-9.0.5 --scenario "$seed" --pcapng-out /dev/full --quiet 2>"$work/err"
check "/dev/full" "2 lwipsim: /dev/full: cannot write (No space left on device)" "$? $(cat "$work/err")"
exit $fail
