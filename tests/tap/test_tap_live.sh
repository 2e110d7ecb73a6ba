#!/usr/bin/env bash
# lwipsim tap in a network namespace of its own: the live lwIP answers ping
# and an HTTP GET from curl, and SIGINT ends it with a run record written.
# usage: test_tap_live.sh BIN_DIR
set -u
bin=$1
. "$(dirname "$0")/tap_lib.sh"

# Without root the front end must say so and exit 2 (checked first, so the
# test shows it even where the live part is skipped).
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  # nobody runs a copy of the front end and its profile list from a folder it
  # can read: the build tree may sit in a directory only root may enter
  # (a clone in a mktemp -d folder, say).
  asnobody=$(mktemp -d)
  chmod 755 "$asnobody"
  cp "$bin/lwipsim" "$bin/profiles.tsv" "$bin/layout.tsv" "$asnobody/"
  tap_msg=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$asnobody/lwipsim" tap --profile circuitpython-9.0.5 \
        --script /nonexistent --ifname lwtap0 2>&1)
  tap_rc=$?
  rec_msg=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$asnobody/lwipsim" record --profile circuitpython-9.0.5 \
        --script /nonexistent --duration 10 --out /nonexistent 2>&1)
  rec_rc=$?
  rm -rf "$asnobody"
  [ $tap_rc = 2 ] || fail "lwipsim tap as nobody: exit $tap_rc, expected 2"
  [ "$tap_msg" = "lwipsim tap: needs root (CAP_NET_ADMIN) to attach to a TAP device" ] || fail "as nobody: '$tap_msg'"
  [ $rec_rc = 2 ] || fail "lwipsim record as nobody: exit $rec_rc, expected 2"
  [ "$rec_msg" = "lwipsim record: needs root (it creates a network namespace and a TAP device)" ] ||
    fail "as nobody: '$rec_msg'"
fi
require_live ip ping curl

work=$(mktemp -d)
ns=lwipsim-test-tap-$$
pid=
cleanup() {
  [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
  ip netns del "$ns" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

cat >"$work/scenario.ini" <<'INI'
[scenario]
duration = 60s
[device]
mac = 28:cd:c1:03:9e:26
[script]
0s = netif-up
0s = static 10.79.0.2/24 gw 10.79.0.1
0s = http-listen 80
INI
ip netns add "$ns" || fail "ip netns add $ns"
ip -n "$ns" link set lo up
ip -n "$ns" tuntap add dev lwtap0 mode tap
ip -n "$ns" addr add 10.79.0.1/24 dev lwtap0
ip -n "$ns" link set lwtap0 address 02:79:00:00:00:01 up

ip netns exec "$ns" "$bin/lwipsim" tap --profile circuitpython-9.0.5 --script "$work" --ifname lwtap0 \
  --json "$work/record.json" >"$work/out.txt" 2>&1 &
pid=$!
for _ in $(seq 50); do
  ip -n "$ns" link show lwtap0 | grep -q NO-CARRIER || break
  sleep 0.1
done
ip -n "$ns" link show lwtap0 | grep -q NO-CARRIER && fail "the device never attached to lwtap0: $(cat "$work/out.txt")"

ping_out=$(ip netns exec "$ns" ping -n -c 3 -i 0.2 -W 2 10.79.0.2)
echo "$ping_out" | grep -q "3 packets transmitted, 3 received" || fail "ping: $ping_out"
body=$(ip netns exec "$ns" curl -sS -m 5 http://10.79.0.2/ | tr -d "\r")
[ "$body" = "<html><body><h1>kittyfood</h1></body></html>" ] || fail "curl got '$body'"

kill -INT "$pid"
wait "$pid"
rc=$?
pid=
cat "$work/out.txt"
[ $rc = 0 ] || fail "lwipsim tap exited $rc after SIGINT, expected 0"
[ -s "$work/record.json" ] || fail "no run record after SIGINT"
grep -q '"mode":[[:space:]]*"tap"' "$work/record.json" || fail "record mode is not tap"
grep -q '"outcome":[[:space:]]*"ok"' "$work/record.json" || fail "record outcome is not ok"
end=$(json_number "$work/record.json" end_time_ms)
[ "$end" -gt 0 ] && [ "$end" -lt 60000 ] || fail "end_time_ms $end: SIGINT should end the run before 60 s"
[ "$(json_number "$work/record.json" duration_ms)" = 60000 ] || fail "duration_ms is not the script's 60000"
# one TCP connection for the GET, the listener, 3 echo replies and the ARP answer
[ "$(pool_peak "$work/record.json" TCP_PCB)" = 1 ] || fail "TCP_PCB peak $(pool_peak "$work/record.json" TCP_PCB), expected 1"
[ "$(pool_peak "$work/record.json" TCP_PCB_LISTEN)" = 1 ] || fail "TCP_PCB_LISTEN peak is not 1"
injected=$(json_number "$work/record.json" injected)
[ "$injected" -ge 9 ] || fail "only $injected frames reached lwIP (ARP + 3 echo + TCP exchange is at least 9)"
grep -q "^outcome: ok" "$work/out.txt" || fail "no table with the outcome on stdout"
echo "PASS: ping 3/3, GET 200, record written on SIGINT at ${end} ms, $injected frames in"
