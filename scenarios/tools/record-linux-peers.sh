#!/usr/bin/env bash
# record-linux-peers.sh - record an mDNS + HTTP capture between real Linux peers
#
# Builds two network namespaces joined by one veth pair:
#
#   device  veth-dev  28:cd:c1:03:9e:26  10.77.0.2/24 (DHCP from lan)
#           udhcpc, avahi-daemon (kittyfood.local, _http._tcp:80),
#           python3 http.server on :80
#   lan     veth-lan  02:77:00:00:00:01  10.77.0.1/24
#           dnsmasq (DHCP only, port=0), avahi-daemon + avahi-browse/
#           avahi-resolve, python3-zeroconf browsers, legacy one-shot
#           mDNS queries, curl
#
# and captures every frame on veth-lan with tcpdump while a fixed workload
# timeline runs. Nothing leaves the two namespaces: no interface outside
# them is touched and no route out of them exists.
#
# Usage: sudo scenarios/tools/record-linux-peers.sh OUTPUT.pcap [DURATION_S]
#   DURATION_S defaults to 75 (allowed 30..300).
#
# Each namespace gets its own private D-Bus system bus (socket in a temp
# dir) and its own avahi-daemon, which runs in a private mount namespace
# with a tmpfs on /run and the namespace's own config bind-mounted over
# /etc/avahi, so nothing under the host's /etc or /run is modified.
set -euo pipefail

NS_DEV=device
NS_LAN=lan
IF_DEV=veth-dev
IF_LAN=veth-lan
MAC_DEV=28:cd:c1:03:9e:26
MAC_LAN=02:77:00:00:00:01
IP_DEV=10.77.0.2
IP_LAN=10.77.0.1
HOST_DEV=kittyfood
HOST_LAN=lwipsim-peer
PY=/usr/bin/python3     # Debian's python (python3-zeroconf lives there)

log() { printf '[%7s] %s\n' "$(elapsed)" "$*"; }
die() { echo "record-linux-peers: error: $*" >&2; exit 1; }

usage() {
    echo "usage: $0 OUTPUT.pcap [DURATION_S (30..300, default 75)]" >&2
    exit 2
}

if [[ ${EUID:-$(id -u)} -ne 0 ]]; then
    echo "record-linux-peers: must be run as root (it creates network namespaces," >&2
    echo "veth links and runs dnsmasq/avahi/tcpdump inside them). Try: sudo $0 $*" >&2
    exit 1
fi

[[ $# -ge 1 && $# -le 2 ]] || usage
OUT=$1
DUR=${2:-75}
[[ $DUR =~ ^[0-9]+$ ]] && (( DUR >= 30 && DUR <= 300 )) || die "duration must be an integer 30..300 seconds"
OUT_DIR=$(dirname -- "$OUT")
[[ -d $OUT_DIR ]] || die "output directory $OUT_DIR does not exist"
OUT=$(cd -- "$OUT_DIR" && pwd)/$(basename -- "$OUT")

T0=""
elapsed() {
    if [[ -z $T0 ]]; then echo "-"; return; fi
    awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1fs", b-a}'
}

# --------------------------------------------------------------------------
# packages
# --------------------------------------------------------------------------
need_pkgs=()
for p in dnsmasq-base avahi-daemon avahi-utils dbus-daemon dbus-bin curl tcpdump iproute2 \
         python3-zeroconf udhcpc util-linux ethtool; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
        || need_pkgs+=("$p")
done
if (( ${#need_pkgs[@]} )); then
    echo "installing missing packages: ${need_pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # policy-rc.d / no systemd here: the packages' own services are not
    # started by this; the script only runs its private instances.
    apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi
for c in ip dnsmasq avahi-daemon avahi-browse avahi-resolve dbus-daemon curl tcpdump udhcpc unshare; do
    command -v "$c" >/dev/null || die "$c not found after install"
done
"$PY" -c 'import zeroconf' 2>/dev/null || die "python3-zeroconf not importable by $PY"

for ns in "$NS_DEV" "$NS_LAN"; do
    if ip netns list | awk '{print $1}' | grep -qx "$ns"; then
        die "network namespace '$ns' already exists; remove it first (ip netns del $ns)"
    fi
done

WORK=$(mktemp -d /tmp/lwipsim-rec.XXXXXX)
chmod 755 "$WORK"
PIDS=()          # every background process we started (direct children)
TCPDUMP_PID=""
CREATED_NS=()
CLEANED=0

cleanup() {
    local rc=$?
    (( CLEANED )) && return
    CLEANED=1
    trap - INT TERM EXIT
    set +e
    echo "cleaning up (rc=$rc)..."
    if [[ -n $TCPDUMP_PID ]] && kill -0 "$TCPDUMP_PID" 2>/dev/null; then
        kill -INT "$TCPDUMP_PID" 2>/dev/null; sleep 1
    fi
    local p
    for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
    sleep 1
    for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null; done
    # anything still living inside our own namespaces was started by us
    local ns
    for ns in "${CREATED_NS[@]}"; do
        for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
    done
    wait 2>/dev/null
    for ns in "${CREATED_NS[@]}"; do
        ip netns del "$ns" 2>/dev/null && echo "  deleted netns $ns"
    done
    if [[ ${KEEP_WORK:-0} == 1 ]]; then
        echo "  work dir kept: $WORK"
    else
        rm -rf -- "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'echo "interrupted"; exit 130' INT TERM

bg() {  # bg LOGNAME cmd... : start in background, remember pid
    local name=$1; shift
    "$@" >"$WORK/log/$name.log" 2>&1 &
    PIDS+=("$!")
}

mkdir -p "$WORK/log" "$WORK/res"

# --------------------------------------------------------------------------
# configuration files
# --------------------------------------------------------------------------
for side in dev lan; do
    mkdir -p "$WORK/$side/etc-avahi/services" "$WORK/$side/dbus"
    : >"$WORK/$side/etc-avahi/hosts"
    cat >"$WORK/$side/dbus/system.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$WORK/$side/dbus/system_bus_socket</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
EOF
done

avahi_conf() {  # avahi_conf HOSTNAME IFACE
    cat <<EOF
[server]
host-name=$1
domain-name=local
use-ipv4=yes
use-ipv6=no
allow-interfaces=$2
enable-dbus=yes
ratelimit-interval-usec=1000000
ratelimit-burst=1000

[wide-area]
enable-wide-area=no

[publish]
publish-addresses=yes
publish-hinfo=no
publish-workstation=no
publish-domain=no
publish-aaaa-on-ipv4=no
publish-a-on-ipv6=no

[reflector]
enable-reflector=no

[rlimits]
EOF
}
avahi_conf "$HOST_DEV" "$IF_DEV" >"$WORK/dev/etc-avahi/avahi-daemon.conf"
avahi_conf "$HOST_LAN" "$IF_LAN" >"$WORK/lan/etc-avahi/avahi-daemon.conf"

cat >"$WORK/dev/etc-avahi/services/http.service" <<EOF
<?xml version="1.0" standalone='no'?>
<!DOCTYPE service-group SYSTEM "avahi-service.dtd">
<service-group>
  <name>$HOST_DEV</name>
  <service>
    <type>_http._tcp</type>
    <port>80</port>
    <txt-record>path=/</txt-record>
  </service>
</service-group>
EOF

mkdir -p "$WORK/dev/www"
cat >"$WORK/dev/www/index.html" <<'EOF'
<!DOCTYPE html>
<html><head><title>kittyfood</title></head>
<body><h1>kittyfood</h1><p>Feeder online. Bowl: 42 g.</p></body></html>
EOF

# udhcpc hook: only sets the address on the device's veth (no resolv.conf,
# no routes -- the device talks to the link only).
cat >"$WORK/dev/udhcpc.script" <<EOF
#!/bin/sh
case "\$1" in
  deconfig) ip -4 addr flush dev "\$interface" ;;
  bound|renew)
    ip -4 addr replace "\$ip/\${mask:-24}" dev "\$interface"
    echo "\$1 \$ip/\${mask:-24} lease=\$lease" >>"$WORK/dev/dhcp.events" ;;
esac
exit 0
EOF
chmod 755 "$WORK/dev/udhcpc.script"

# python3-zeroconf browser: first queries are QU, later ones QM.
cat >"$WORK/zc_browse.py" <<'EOF'
import sys, time
from zeroconf import Zeroconf, ServiceBrowser, ServiceStateChange, IPVersion
iface, secs = sys.argv[1], float(sys.argv[2])
zc = Zeroconf(interfaces=[iface], ip_version=IPVersion.V4Only)
def on_change(zeroconf, service_type, name, state_change):
    print(f"{time.monotonic():.3f} {state_change.name} {name}", flush=True)
    if state_change is ServiceStateChange.Added:
        info = zeroconf.get_service_info(service_type, name, timeout=3000)
        if info:
            print(f"  -> {info.server} {info.parsed_addresses()} port {info.port} "
                  f"txt {info.properties}", flush=True)
b = ServiceBrowser(zc, "_http._tcp.local.", handlers=[on_change])
time.sleep(secs)
b.cancel(); zc.close()
EOF

# legacy (one-shot, RFC 6762 s6.7) unicast-port query sent to 224.0.0.251:5353
cat >"$WORK/oneshot.py" <<'EOF'
import socket, struct, sys, random
name, qtype, iface = sys.argv[1], int(sys.argv[2]), sys.argv[3]
qid = random.randint(1, 0xffff)
q = struct.pack("!HHHHHH", qid, 0, 1, 0, 0, 0)
for label in name.rstrip(".").split("."):
    q += bytes([len(label)]) + label.encode()
q += b"\0" + struct.pack("!HH", qtype, 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 255)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(iface))
s.bind((iface, 0))
s.settimeout(2.0)
s.sendto(q, ("224.0.0.251", 5353))
try:
    data, peer = s.recvfrom(9000)
    rid, flags, qd, an = struct.unpack("!HHHH", data[:8])
    print(f"answer from {peer}: id_match={rid == qid} ancount={an} {len(data)} bytes")
except socket.timeout:
    print("no answer"); sys.exit(1)
EOF

# --------------------------------------------------------------------------
# namespaces + link
# --------------------------------------------------------------------------
echo "work dir: $WORK"
ip netns add "$NS_LAN";  CREATED_NS+=("$NS_LAN")
ip netns add "$NS_DEV";  CREATED_NS+=("$NS_DEV")
ip -n "$NS_LAN" link add "$IF_LAN" address "$MAC_LAN" type veth \
    peer name "$IF_DEV" address "$MAC_DEV" netns "$NS_DEV"
for ns in "$NS_LAN" "$NS_DEV"; do ip -n "$ns" link set lo up; done
# veth hands checksum work to a NIC that does not exist: with offload on,
# the capture holds TCP/UDP checksums that were never filled in, and a
# replaying stack (lwIP checks them) drops every such frame. Real NICs put
# correct checksums on the wire, so compute them in software.
ip netns exec "$NS_LAN" ethtool -K "$IF_LAN" tx off rx off >/dev/null
ip netns exec "$NS_DEV" ethtool -K "$IF_DEV" tx off rx off >/dev/null
ip -n "$NS_LAN" addr add "$IP_LAN/24" dev "$IF_LAN"
ip -n "$NS_LAN" link set "$IF_LAN" up
echo "netns $NS_LAN: $IF_LAN $MAC_LAN $IP_LAN/24 (up)"
echo "netns $NS_DEV: $IF_DEV $MAC_DEV (down, address by DHCP)"

# private D-Bus system buses (one per namespace)
for pair in "dev:$NS_DEV" "lan:$NS_LAN"; do
    side=${pair%%:*} ns=${pair#*:}
    bg "dbus-$side" ip netns exec "$ns" dbus-daemon --nofork --nopidfile \
        --config-file="$WORK/$side/dbus/system.conf"
done
for side in dev lan; do
    for _ in $(seq 50); do [[ -S $WORK/$side/dbus/system_bus_socket ]] && break; sleep 0.1; done
    [[ -S $WORK/$side/dbus/system_bus_socket ]] || die "dbus-daemon ($side) did not start"
done
BUS_DEV="unix:path=$WORK/dev/dbus/system_bus_socket"
BUS_LAN="unix:path=$WORK/lan/dbus/system_bus_socket"

start_avahi() {  # start_avahi side ns bus
    local side=$1 ns=$2 bus=$3
    bg "avahi-$side" ip netns exec "$ns" env DBUS_SYSTEM_BUS_ADDRESS="$bus" \
        unshare -m --propagation private sh -c "
            mount -t tmpfs -o mode=755 lwipsim-run /run &&
            mkdir -p /run/avahi-daemon &&
            mount --bind '$WORK/$side/etc-avahi' /etc/avahi &&
            exec avahi-daemon --no-drop-root --no-chroot --no-rlimits --no-proc-title"
}
wait_avahi() {  # wait_avahi bus
    local bus=$1
    for _ in $(seq 50); do
        DBUS_SYSTEM_BUS_ADDRESS=$bus dbus-send --system --print-reply --dest=org.freedesktop.Avahi \
            / org.freedesktop.Avahi.Server.GetVersionString >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    return 1
}

# --------------------------------------------------------------------------
# capture starts here: t=0
# --------------------------------------------------------------------------
ip netns exec "$NS_LAN" tcpdump -i "$IF_LAN" -n -U -Z root -w "$WORK/capture.pcap" \
    >"$WORK/log/tcpdump.log" 2>&1 &
TCPDUMP_PID=$!
PIDS+=("$TCPDUMP_PID")
for _ in $(seq 50); do grep -q 'listening on' "$WORK/log/tcpdump.log" 2>/dev/null && break; sleep 0.1; done
grep -q 'listening on' "$WORK/log/tcpdump.log" || die "tcpdump did not start: $(cat "$WORK/log/tcpdump.log")"
T0=$(date +%s.%N)
log "tcpdump capturing on $NS_LAN/$IF_LAN -> $OUT (${DUR}s)"

at() {  # at SECONDS : sleep until SECONDS after T0; false if past the duration
    local t=$1
    awk -v t="$t" -v d="$DUR" 'BEGIN{exit !(t < d - 1)}' || return 1
    local s
    s=$(awk -v a="$T0" -v b="$(date +%s.%N)" -v t="$t" 'BEGIN{x=t-(b-a); printf "%.3f", (x>0?x:0)}')
    sleep "$s" & wait $!   # interruptible by the INT/TERM trap
}

# DHCP server on the lan side: DHCP only (port=0), lease pinned to device MAC
bg dnsmasq ip netns exec "$NS_LAN" dnsmasq --keep-in-foreground --conf-file=/dev/null \
    --port=0 --interface="$IF_LAN" --bind-interfaces --except-interface=lo \
    --dhcp-range=10.77.0.100,10.77.0.150,255.255.255.0,1h \
    --dhcp-host="$MAC_DEV,$IP_DEV,$HOST_DEV,1h" --dhcp-authoritative \
    --dhcp-leasefile="$WORK/lan/dnsmasq.leases" --pid-file="$WORK/lan/dnsmasq.pid" \
    --log-dhcp --log-facility=-
log "dnsmasq (DHCP only) started in $NS_LAN"

start_avahi lan "$NS_LAN" "$BUS_LAN"
wait_avahi "$BUS_LAN" || die "avahi-daemon (lan) not reachable on its bus"
log "avahi-daemon ($HOST_LAN.local) started in $NS_LAN"

at 0.8
ip -n "$NS_DEV" link set "$IF_DEV" up
log "device link up"
bg udhcpc ip netns exec "$NS_DEV" udhcpc -f -S -i "$IF_DEV" -s "$WORK/dev/udhcpc.script" \
    -x hostname:"$HOST_DEV" -t 10 -T 2 -A 2
UDHCPC_PID=${PIDS[-1]}
for _ in $(seq 100); do grep -q '^bound' "$WORK/dev/dhcp.events" 2>/dev/null && break; sleep 0.1; done
grep -q '^bound' "$WORK/dev/dhcp.events" 2>/dev/null || die "device did not get a DHCP lease"
log "device DHCP: $(head -1 "$WORK/dev/dhcp.events")"

bg httpd ip netns exec "$NS_DEV" "$PY" -m http.server 80 --bind 0.0.0.0 --directory "$WORK/dev/www"
start_avahi dev "$NS_DEV" "$BUS_DEV"
wait_avahi "$BUS_DEV" || die "avahi-daemon (device) not reachable on its bus"
log "device: avahi-daemon ($HOST_DEV.local, _http._tcp port 80) and http.server :80 started"

# --------------------------------------------------------------------------
# workload helpers (all run inside the lan namespace)
# --------------------------------------------------------------------------
N=0
lan() { ip netns exec "$NS_LAN" env DBUS_SYSTEM_BUS_ADDRESS="$BUS_LAN" "$@"; }

do_curl() {  # resolve kittyfood.local via avahi, then GET /
    local tag=$1 ip
    ip=$(lan timeout 4 avahi-resolve -4 -n "$HOST_DEV.local" 2>/dev/null | awk 'NR==1{print $2}') || true
    [[ -n $ip ]] || ip=$IP_DEV
    lan curl -sS -m 8 --resolve "$HOST_DEV.local:80:$ip" -o /dev/null \
        -w "$tag http://$HOST_DEV.local/ via $ip -> %{http_code} %{size_download}B %{time_total}s\n" \
        "http://$HOST_DEV.local/"
}
curl_at() {  # curl_at T [PARALLEL]
    at "$1" || return 0
    local k
    for ((k = 0; k < ${2:-1}; k++)); do
        N=$((N + 1))
        do_curl "curl#$N" >"$WORK/res/curl-$N.txt" 2>&1 &
        PIDS+=("$!")
    done
    log "curl GET / x${2:-1}"
}
resolve_at() {
    at "$1" || return 0
    N=$((N + 1))
    lan timeout 5 avahi-resolve -4 -n "$HOST_DEV.local" >"$WORK/res/resolve-$N.txt" 2>&1 &
    PIDS+=("$!")
    log "avahi-resolve -n $HOST_DEV.local"
}
oneshot_at() {  # legacy one-shot query (source port != 5353)
    at "$1" || return 0
    N=$((N + 1))
    lan "$PY" "$WORK/oneshot.py" "$2" "$3" "$IP_LAN" >"$WORK/res/oneshot-$N.txt" 2>&1 &
    PIDS+=("$!")
    log "one-shot legacy query $2 type $3"
}
zc_at() {  # second browser: python3-zeroconf (QU first, then QM)
    at "$1" || return 0
    N=$((N + 1))
    lan "$PY" "$WORK/zc_browse.py" "$IP_LAN" "$2" >"$WORK/res/zeroconf-$N.txt" 2>&1 &
    PIDS+=("$!")
    log "python3-zeroconf ServiceBrowser _http._tcp for ${2}s"
}
avahi_browse_at() {  # one more avahi-browse, terminates after the cache dump
    at "$1" || return 0
    N=$((N + 1))
    lan timeout 8 avahi-browse -r -t -p _http._tcp >"$WORK/res/avahi-browse-$N.txt" 2>&1 &
    PIDS+=("$!")
    log "avahi-browse -r -t _http._tcp (one-shot)"
}

# --------------------------------------------------------------------------
# timeline
# --------------------------------------------------------------------------
at 2.0
bg avahi-browse ip netns exec "$NS_LAN" env DBUS_SYSTEM_BUS_ADDRESS="$BUS_LAN" \
    avahi-browse -r -p _http._tcp
log "avahi-browse -r _http._tcp (runs to the end)"
resolve_at 4
curl_at 6
curl_at 12
oneshot_at 15 "$HOST_DEV.local" 1
curl_at 19 2
zc_at 21 8
curl_at 26
resolve_at 30
curl_at 33
oneshot_at 36 "_http._tcp.local" 12
zc_at 40 8
avahi_browse_at 42
curl_at 44 2
curl_at 51
resolve_at 55
curl_at 58
oneshot_at 62 "$HOST_DEV.local" 1
if at $((DUR - 12)); then
    kill -USR1 "$UDHCPC_PID" 2>/dev/null && log "device DHCP renew (udhcpc SIGUSR1)"
fi
curl_at 65 2
curl_at 72
curl_at 80
curl_at 90
curl_at 100
s=$(awk -v a="$T0" -v b="$(date +%s.%N)" -v d="$DUR" 'BEGIN{x=d-(b-a); printf "%.3f", (x>0?x:0)}')
sleep "$s" & wait $!

# --------------------------------------------------------------------------
# stop capture first (no goodbye packets from daemon shutdown in the file)
# --------------------------------------------------------------------------
kill -INT "$TCPDUMP_PID"
wait "$TCPDUMP_PID" 2>/dev/null || true
log "tcpdump stopped: $(grep -E 'packets (captured|received|dropped)' "$WORK/log/tcpdump.log" | tr '\n' ' ')"
TCPDUMP_PID=""
cp -- "$WORK/capture.pcap" "$OUT"
chmod 644 "$OUT"

echo "--- results ---"
grep -h . "$WORK/dev/dhcp.events" | sed 's/^/dhcp: /'
cat "$WORK"/res/* 2>/dev/null | sed 's/^/  /'
echo "--- avahi-browse (lan) ---"
sed 's/^/  /' "$WORK/log/avahi-browse.log"
echo "--- dnsmasq ---"
grep -E 'DHCP(DISCOVER|OFFER|REQUEST|ACK)' "$WORK/log/dnsmasq.log" | sed 's/^/  /' || true
echo "--- versions ---"
dpkg-query -W -f='  ${Package} ${Version}\n' dnsmasq-base avahi-daemon avahi-utils dbus-daemon \
    curl tcpdump iproute2 python3-zeroconf python3 udhcpc 2>/dev/null
echo "capture: $OUT ($(stat -c %s "$OUT") bytes)"
ok_curl=$(cat "$WORK"/res/curl-*.txt 2>/dev/null | grep -c ' -> 200 ' || true)
echo "curl GETs answered 200: $ok_curl"
