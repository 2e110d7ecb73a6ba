#!/usr/bin/env bash
# lwipsim record's MQTT broker peer: a script with mqtt-connect gets mosquitto
# on the peers' address; the broker's log counts what the live device sent,
# and a replay of the recording sends the same. Also: a script whose broker
# address is not the peers' is refused before anything starts.
# usage: test_tap_mqtt.sh BIN_DIR
set -u
bin=$1
. "$(dirname "$0")/tap_lib.sh"
require_live ip dnsmasq curl ping mosquitto

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
profile=arduino-pico-4.x-ipv4
# Connect once DHCP binds (in the first second), a PINGREQ at each 5 s tick
# of lwIP's cyclic timer, a publish every 2 s from 3 s: 3, 5, 7 and 9 s.
cat >"$work/script.ini" <<'INI'
[scenario]
duration = 10s
[script]
0s = netif-up
0s = dhcp
on dhcp-bound = mqtt-connect 10.77.0.1:1883 keepalive 5
3s = mqtt-publish lwipsim/test 32 every 2s
INI
netns_left() { ip netns list | grep -c '^lwipsim-rec-'; }
before=$(netns_left)

"$bin/lwipsim" record --profile $profile --script "$work/script.ini" --duration 10 --out "$work/rec" \
  --browsers 0 --http-clients 0 --ping-count 0 >"$work/record.out" 2>&1
rc=$?
cat "$work/record.out"
[ $rc = 0 ] || fail "lwipsim record exited $rc"
[ "$(netns_left)" = "$before" ] || fail "lwipsim record left its network namespace behind"
line=$(grep -o 'MQTT broker (mosquitto on 10.77.0.1:1883): .*' "$work/record.out")
[ -n "$line" ] || fail "no MQTT broker line in the recorder's output"
grep -q -- "- $line" "$work/rec/RECORDING.md" || fail "RECORDING.md lacks the broker's line"
grep -q ';   mosquitto ' "$work/rec/scenario.ini" || fail "scenario.ini lacks mosquitto's version"
connects=$(echo "$line" | sed -E 's/.*: ([0-9]+) connects.*/\1/')
publishes=$(echo "$line" | sed -E 's/.* ([0-9]+) PUBLISH.*/\1/')
pings=$(echo "$line" | sed -E 's/.* ([0-9]+) PINGREQ.*/\1/')
[ "$connects" = 1 ] || fail "the broker saw $connects connects, expected 1"
[ "$publishes" -ge 3 ] && [ "$publishes" -le 4 ] || fail "the broker got $publishes PUBLISH, expected 3 or 4"
[ "$pings" -ge 1 ] && [ "$pings" -le 2 ] || fail "the broker got $pings PINGREQ, expected 1 or 2"
live_published=$(json_number "$work/rec/live-record.json" mqtt_published)
[ "$live_published" = "$publishes" ] || fail "live device published $live_published, broker got $publishes"

"$bin/lwipsim" replay --profile $profile --scenario "$work/rec" --json "$work/replay.json" >/dev/null
rc=$?
[ $rc = 0 ] || fail "lwipsim replay of the recorded scenario exited $rc"
[ "$(json_number "$work/replay.json" diverged)" = 0 ] ||
  fail "the replay withheld frames as divergence: $(divergence_reasons "$work/replay.json")"
# On a mismatch, say each count: the broker's (received), the live device's
# and the replay's (PINGREQs lwIP queued), so that a rare live-timing case
# can be told from a replay that went another way.
counts() {
  echo "broker $1 $2, live device $(json_number "$work/rec/live-record.json" "$3"), replay $(json_number "$work/replay.json" "$3")"
}
[ "$(json_number "$work/replay.json" mqtt_published)" = "$publishes" ] ||
  fail "the replay published another count: $(counts "$publishes" PUBLISH mqtt_published)"
[ "$(json_number "$work/replay.json" mqtt_pings)" = "$pings" ] ||
  fail "the replay pinged another count: $(counts "$pings" PINGREQ mqtt_pings)"

# The broker listens on the peers' address only: another one is refused.
sed 's/10.77.0.1:1883/10.77.0.9:1883/' "$work/script.ini" >"$work/elsewhere.ini"
"$bin/lwipsim" record --profile $profile --script "$work/elsewhere.ini" --duration 10 --out "$work/no" \
  >"$work/no.out" 2>&1
rc=$?
[ $rc = 2 ] || fail "a broker elsewhere: lwipsim record exited $rc, expected 2"
want="lwipsim record: $work/elsewhere.ini:6: mqtt-connect 10.77.0.9:1883, but the recorder's broker listens on 10.77.0.1:1883 (the peers' address)"
[ "$(cat "$work/no.out")" = "$want" ] || fail "a broker elsewhere: got '$(cat "$work/no.out")'"
[ ! -e "$work/no" ] || fail "a refused recording made its folder"
echo "PASS: broker got $connects connect, $publishes PUBLISH, $pings PINGREQ; the replay sent the same"
