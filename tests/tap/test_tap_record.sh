#!/usr/bin/env bash
# lwipsim record of a short scenario with real peers, then lwipsim replay of
# what it wrote: the replay must accept the scenario and reach the same
# SYS_TIMEOUT peak as the live run it was recorded from. Also: Ctrl-C during
# a recording writes nothing and leaves no namespace behind.
# usage: test_tap_record.sh BIN_DIR
set -u
bin=$1
. "$(dirname "$0")/tap_lib.sh"
require_live ip dnsmasq avahi-daemon avahi-browse dbus-daemon unshare curl ping

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
profile=circuitpython-10.0.0-alpha.4
cat >"$work/script.ini" <<'INI'
[scenario]
duration = 22s
[device]
mac = 28:cd:c1:03:9e:26
[script]
0s = netif-up
0s = dhcp
0.5s = mdns-start kittyfood _http._tcp 80
0.5s = http-listen 80
8s = reload
INI
netns_left() { ip netns list | grep -c '^lwipsim-rec-' ; }
before=$(netns_left)

# record_and_replay DIR: one live recording into DIR, its checks, and its
# replay; returns 3 when everything held but the replay withheld frames
record_and_replay() {
  local rec=$1
  "$bin/lwipsim" record --profile $profile --script "$work/script.ini" --duration 22 --out "$rec" \
    --browsers 2 --http-clients 2 --http-every 4 --ping-count 3 >"$work/record.out" 2>&1
  rc=$?
  cat "$work/record.out"
  [ $rc = 0 ] || fail "lwipsim record exited $rc"
  [ "$(netns_left)" = "$before" ] || fail "lwipsim record left its network namespace behind"
  for f in scenario.ini capture.pcap RECORDING.md live-record.json; do
    [ -s "$rec/$f" ] || fail "no $f in the recorded scenario"
  done
  grep -q '^mac = 28:cd:c1:03:9e:26$' "$rec/scenario.ini" || fail "scenario.ini lacks the device MAC"
  grep -q '^8s = reload$' "$rec/scenario.ini" || fail "scenario.ini lacks the script"
  grep -q '^source = recorded live' "$rec/scenario.ini" || fail "scenario.ini lacks its source"
  grep -q ';   dnsmasq-base ' "$rec/scenario.ini" || fail "scenario.ini lacks the peers' versions"
  # At least one echo answered, not all: the first ping goes out with the first
  # HTTP round, and when lwIP has no ARP entry for the peer yet it queues one
  # packet per entry (ARP_QUEUEING 0), so an echo reply can be replaced by a
  # SYN-ACK waiting on the same entry. TCP retransmits; ping does not.
  grep -Eq 'ping [123]/3' "$work/record.out" || fail "the live device answered no ping"
  grep -q 'browsers resolved 2/2' "$work/record.out" || fail "an avahi browser did not resolve the device's service"
  grep -q 'DHCP ACKs 1' "$work/record.out" || fail "the device did not get its DHCP lease"
  live=$(pool_peak "$rec/live-record.json" SYS_TIMEOUT)
  grep -q '"mode":[[:space:]]*"tap"' "$rec/live-record.json" || fail "the live record's mode is not tap"

  "$bin/lwipsim" replay --profile $profile --scenario "$rec" --json "$work/replay.json"
  rc=$?
  [ $rc = 0 ] || fail "lwipsim replay of the recorded scenario exited $rc"
  replayed=$(pool_peak "$work/replay.json" SYS_TIMEOUT)
  [ -n "$live" ] && [ "$live" -gt 0 ] || fail "no SYS_TIMEOUT peak in the live record"
  [ "$replayed" = "$live" ] || fail "SYS_TIMEOUT peak: live $live, replayed $replayed"
  [ "$(json_number "$work/replay.json" diverged)" = 0 ] && return 0
  echo "note: the replay withheld $(json_number "$work/replay.json" diverged) frames as divergence: $(divergence_reasons "$work/replay.json")"
  return 3
}

# A live recording runs on real clocks and is not reproducible: a clean-clone
# CI run once saw 4 of 80 frames withheld (reasons not printed then). The
# replay of a second recording must not diverge; the first one's reasons are
# printed above it.
record_and_replay "$work/rec" || {
  [ -n "${LWIPSIM_TAP_KEEP:-}" ] && mkdir -p "$LWIPSIM_TAP_KEEP" && cp -r "$work/rec" "$LWIPSIM_TAP_KEEP/first-rec"
  rm -rf "$work/rec"
  echo "recording again"
  record_and_replay "$work/rec" || fail "the replay withheld frames as divergence twice: $(divergence_reasons "$work/replay.json")"
}

# Ctrl-C: exit 130, nothing written, namespace and peers gone.
"$bin/lwipsim" record --profile $profile --script "$work/script.ini" --duration 30 --out "$work/cut" \
  >"$work/cut.out" 2>&1 &
pid=$!
sleep 4
kill -INT $pid
wait $pid
rc=$?
[ $rc = 130 ] || fail "interrupted lwipsim record exited $rc, expected 130: $(cat "$work/cut.out")"
[ ! -e "$work/cut/scenario.ini" ] || fail "an interrupted recording wrote scenario.ini"
[ "$(netns_left)" = "$before" ] || fail "an interrupted recording left its network namespace behind"
echo "PASS: recorded and replayed; SYS_TIMEOUT peak live $live = replayed $replayed; Ctrl-C cleaned up"
