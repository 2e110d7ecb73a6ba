#!/usr/bin/env bash
# Bad input, one case at a time: each gets a one-line error that names the
# file and the problem, and a non-zero exit (never a crash, a hang or a silent
# partial result). A case checks the exit code and the first line of stderr
# word for word, with the case's temporary folder written as $T.
#
# usage: check_bad_input.sh BIN_DIR SRC_DIR CASE     (CASE: see the table below)
#        check_bad_input.sh BIN_DIR SRC_DIR --list
set -uo pipefail

bin=$1 src=$2 case=$3
lwipsim="$bin/lwipsim"
profile=circuitpython-9.0.5
seed="$src/scenarios/mdns-http-reload"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# A classic pcap: magic, version 2.4, snaplen, link type; then records
# given as "caplen:len:hexbytes" (python3 writes the bytes).
pcap() { # FILE LINKTYPE [RECORD ...]
  python3 - "$@" <<'PY'
import struct, sys
out, link, recs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
with open(out, "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, link))
    for i, r in enumerate(recs):
        cap, ln, data = r.split(":")
        f.write(struct.pack("<IIII", 1 + i, 0, int(cap), int(ln)) + bytes.fromhex(data))
PY
}

scenario_with() { # DIR CAPTURE [SCRIPT LINE ...]: a scenario folder around a capture
  local dir=$1 cap=$2
  shift 2
  mkdir -p "$dir"
  { printf '[scenario]\nduration = 5s\ncapture = %s\n\n[device]\nmac = 28:cd:c1:03:9e:26\n\n[script]\n0s = netif-up\n' "$cap"
    for l in "$@"; do printf '%s\n' "$l"; done; } >"$dir/scenario.ini"
}

replay() { "$lwipsim" replay --profile "$profile" --quiet "$@"; }

# case: expected exit code, expected first stderr line, then the command
run_case() {
  case $1 in
  # 1. a huge duration hung while memory grew: a documented maximum, and
  #    --max-wall (tests/limits also replays 10^6 s under prlimit --as)
  duration-too-long)
    mkdir "$T/s" && printf '[scenario]\ndescription = too long\nduration = 1000000000000s\n' >"$T/s/scenario.ini"
    want 2 'lwipsim: $T/s/scenario.ini:3: duration 1000000000000s is longer than the longest run lwipsim replays (10000000s, about 115 days)'
    replay --scenario "$T/s" ;;
  max-wall)
    mkdir "$T/s" && printf '[scenario]\nduration = 10000000s\n[device]\ntimers = poll 2s\n[script]\n0s = netif-up\n0s = dhcp\n' >"$T/s/scenario.ini"
    want 7 'lwipsim: timeout: stopped by --max-wall 0.200 at '
    want_prefix=1 # then the virtual time it had reached
    replay --scenario "$T/s" --max-wall 0.2 ;;
  # 2. running out of memory was reported as an lwIP crash: open_memstream
  #    fails with ENOMEM in the run's process (fail_print.so, preloaded)
  enomem-record)
    preload_check LWIPSIM_FAIL_PRINT_SO tests/limits/fail_print.c
    want 2 'lwipsim: harness error: out of memory writing the run record'
    LD_PRELOAD=$LWIPSIM_FAIL_PRINT_SO LWIPSIM_TEST_FAIL_PRINT=child replay --scenario "$seed" --json "$T/r.json" ;;
  # 3. a FIFO as --scenario or as scenario.ini blocked forever
  fifo-scenario)
    mkfifo "$T/fifo"
    want 2 'lwipsim: $T/fifo: not a regular file; give a scenario folder or its scenario.ini'
    replay --scenario "$T/fifo" ;;
  fifo-scenario-ini)
    mkdir "$T/s" && mkfifo "$T/s/scenario.ini"
    want 2 'lwipsim: $T/s/scenario.ini: not a regular file; a scenario file must be a plain text file'
    replay --scenario "$T/s" ;;
  # 4. /dev/zero, or a file without a newline, was read until memory ran out
  dev-zero-scenario)
    want 2 'lwipsim: /dev/zero: not a regular file; give a scenario folder or its scenario.ini'
    replay --scenario /dev/zero ;;
  no-newline)
    head -c 5000000 /dev/zero | tr '\0' a >"$T/long.ini"
    want 2 'lwipsim: $T/long.ini:1: line is longer than 1023 characters; at most 197 are allowed'
    replay --scenario "$T/long.ini" ;;
  # 5. a huge capture_max_gap wrapped and replayed 36 of 201 frames
  max-gap-huge)
    scenario_with "$T/s" "$seed/capture.pcap"
    sed -i 's/^duration = 5s/duration = 5s\ncapture_max_gap = 18446744073710s/' "$T/s/scenario.ini"
    want 2 'lwipsim: $T/s/scenario.ini:3: capture_max_gap '"'"'18446744073710s'"'"' is over the limit of 10000000s'
    replay --scenario "$T/s" ;;
  # 6. a cap of 0 meant "no cap"
  cap-zero)
    want 4 ''
    "$lwipsim" replay --profile "$profile" --demand --quiet --scenario "$seed" --cap SYS_TIMEOUT=0 ;;
  # 7. options past the table's size were dropped
  scenarios-65)
    local args=()
    for i in $(seq 1 65); do args+=(--scenario "$T/x$i"); done
    want 2 'lwipsim report: more than 64 --scenario options; at most 64 are taken (split the report)'
    "$lwipsim" report --out "$T/o" "${args[@]}" ;;
  # 8. two scenarios of one folder name were reported as one
  duplicate-names)
    mkdir -p "$T/a/mdns-http-reload" && cp "$seed/scenario.ini" "$T/a/mdns-http-reload/"
    want 2 "lwipsim report: $seed and \$T/a/mdns-http-reload are both named 'mdns-http-reload'; the report names scenarios by folder, so rename one"
    "$lwipsim" report --out "$T/o" --profile "$profile" --scenario "$seed" --scenario "$T/a/mdns-http-reload" ;;
  # 9. --pcap-out /dev/full was silent
  pcap-out-full)
    want 2 'lwipsim: /dev/full: cannot write (No space left on device)'
    replay --scenario "$seed" --pcap-out /dev/full ;;
  # 10. non-UTF-8 text made invalid JSON and junit.xml
  non-utf8-folder)
    mkdir "$T/bad"$'\xff' && printf '[scenario]\nduration = 1s\n' >"$T/bad"$'\xff'/scenario.ini
    want 2 "lwipsim: \$T/bad"$'\xff'": the scenario's folder name is not UTF-8 text; rename it (it names the scenario in records and reports)"
    replay --scenario "$T/bad"$'\xff' ;;
  non-utf8-description)
    mkdir "$T/s" && printf '[scenario]\ndescription = caf\xe9\nduration = 1s\n' >"$T/s/scenario.ini"
    want 2 'lwipsim: $T/s/scenario.ini:2: column 18: not UTF-8 text (or a control character); save the file as UTF-8'
    replay --scenario "$T/s" ;;
  control-char-description)
    mkdir "$T/s" && printf '[scenario]\ndescription = a\033b\nduration = 1s\n' >"$T/s/scenario.ini"
    want 2 'lwipsim: $T/s/scenario.ini:2: column 16: not UTF-8 text (or a control character); save the file as UTF-8'
    replay --scenario "$T/s" ;;
  # 11. owed ACKs were lost silently when the owed queue was full: the
  #     rewriter's own input, so its unit test (nine flows, a queue of eight)
  #     is the check, run by name; its summary line is the first line
  owed-ack-queue-full)
    [ -x "${LWIPSIM_UNIT_COMMON:-}" ] || { echo "SKIP $case: LWIPSIM_UNIT_COMMON (lwipsim_unit_common) not built" >&3; exit 77; }
    want 0 '100%: Checks: 1, Failures: 0, Errors: 0'
    CK_RUN_SUITE=rewriter CK_RUN_CASE=owed-ack-queue-full CK_VERBOSITY=minimal CK_FORK=yes "$LWIPSIM_UNIT_COMMON" |
      tail -n 1 >&2 ;;
  # 12. the probe indexed past its pool table on a profile with more pools
  #     than it holds: now a build error with the probe's own sentence
  custom-pools-over-limit)
    mkdir "$T/pools"
    printf '#ifndef P_H\n#define P_H\n#define NO_SYS 1\n#define LWIP_SOCKET 0\n#define LWIP_NETCONN 0\n#define MEM_ALIGNMENT 4\n#define MEMP_USE_CUSTOM_POOLS 1\n#endif\n' \
      >"$T/pools/lwipopts.h"
    for i in $(seq 1 40); do echo "LWIP_MEMPOOL(APP$i, 1, 16, \"APP$i\")"; done >"$T/pools/lwippools.h"
    want 2 "lwipsim report: \$T/pools/lwipopts.h: does not compile: this profile has more memp pools than lwipsim's run state holds (LWIPSIM_MAX_POOLS in sim/stack/state/run_state.h)"
    after_progress=1
    "$lwipsim" report --out "$T/o" --lwipopts "$T/pools" --lwip-version 2.2.1 --assert-policy panic --build-dir "$T/b" --jobs 2 ;;
  # 14. lwipsim record sent SIGINT and warned on every 10 ms pass once the
  #     device was 15 s overdue: the device is stopped (SIGSTOP) so it cannot
  #     end; the warning must come once. The first line is its count.
  record-overdue)
    [ "$(id -u)" = 0 ] && [ -c /dev/net/tun ] && command -v dnsmasq >/dev/null ||
      { echo "SKIP $case: needs root, /dev/net/tun and dnsmasq (a live recording)" >&3; exit 77; }
    printf '[scenario]\nduration = 5s\n[device]\nmac = 28:cd:c1:03:9e:26\n[script]\n0s = netif-up\n0s = static 10.77.0.2/24\n' >"$T/script.ini"
    want 0 '      1 lwipsim record: the device did not end at its duration; stopping it'
    record_overdue ;;
  # the capture is read from a mapped file: one cut short under the run
  # raises SIGBUS in the run's process, a harness error, never lwIP's crash
  capture-shrinks)
    want 2 "lwipsim: harness error: the run's process got SIGBUS: the capture was cut short while the run read it (another process writing to it?); run again once it is complete"
    capture_shrinks ;;
  # 15. minor items
  cap-17)
    local caps=()
    for i in $(seq 1 17); do caps+=(--cap "SYS_TIMEOUT=$i"); done
    want 2 'lwipsim: --cap SYS_TIMEOUT=17: more than 16 --cap options; at most 16 pools can be capped in one run'
    "$lwipsim" replay --profile "$profile" --demand --quiet --scenario "$seed" "${caps[@]}" ;;
  cap-signed)
    want 2 'lwipsim: --cap SYS_TIMEOUT=-18446744073709551615: expected POOL=N with a pool of this profile (e.g. SYS_TIMEOUT=12)'
    "$lwipsim" replay --profile "$profile" --demand --quiet --scenario "$seed" --cap SYS_TIMEOUT=-18446744073709551615 ;;
  cap-plus)
    want 2 'lwipsim: --cap SYS_TIMEOUT=+5: expected POOL=N with a pool of this profile (e.g. SYS_TIMEOUT=12)'
    "$lwipsim" replay --profile "$profile" --demand --quiet --scenario "$seed" --cap SYS_TIMEOUT=+5 ;;
  range-blank)
    want 2 'lwipsim sweep: --range  5:6: expected LO:HI with 0 <= LO <= HI <= 250'
    "$lwipsim" sweep --profile "$profile" --scenario "$seed" --pool SYS_TIMEOUT --range ' 5:6' ;;
  capture-is-folder)
    mkdir "$T/cap.pcap" && scenario_with "$T/s" "$T/cap.pcap"
    want 2 "lwipsim: \$T/s/scenario.ini: capture '\$T/cap.pcap' is a folder, not a pcap or pcapng file (\$T/cap.pcap)"
    replay --scenario "$T/s" ;;
  capture-is-fifo)
    mkfifo "$T/cap.pcap" && scenario_with "$T/s" "$T/cap.pcap"
    want 2 "lwipsim: \$T/s/scenario.ini: capture '\$T/cap.pcap' is not a regular file, not a pcap or pcapng file (\$T/cap.pcap)"
    replay --scenario "$T/s" ;;
  tap-unknown-profile)
    want 2 "lwipsim tap: unknown profile 'nosuch' (see \`lwipsim profiles\`)"
    "$lwipsim" tap --profile nosuch --ifname lwipsim-x --script "$seed" ;;
  actions-over-limit)
    mkdir "$T/s"
    { printf '[scenario]\nduration = 1000s\n\n[script]\n'
      seq 0 100000 | sed 's/$/ms = netif-up/'; } >"$T/s/scenario.ini"
    want 2 'lwipsim: $T/s/scenario.ini:100005: more than 100000 actions; split the scenario'
    replay --scenario "$T/s" ;;
  lwipopts-path-quote)
    mkdir "$T/my\"opts" && cp "$src/lwipopts/$profile/lwipopts.h" "$T/my\"opts/"
    want 2 "lwipsim report: --lwipopts \$T/my\"opts: the folder's path has a '\"', which the build cannot carry; copy the folder to a path without \", \\, ; or \$"
    "$lwipsim" report --out "$T/o" --lwipopts "$T/my\"opts" --build-dir "$T/b" ;;
  # 13. unchecked calloc in sweep and report: out of memory for the job table
  #     is one line and exit 2 (fail_calloc.so makes big callocs fail)
  calloc-sweep)
    preload_calloc
    want 2 'lwipsim sweep: out of memory for 251 runs'
    LD_PRELOAD=$LWIPSIM_FAIL_CALLOC_SO LWIPSIM_TEST_FAIL_CALLOC_OVER=100000 \
      "$lwipsim" sweep --profile "$profile" --scenario "$seed" --pool SYS_TIMEOUT --range 0:250 ;;
  calloc-report)
    preload_calloc
    want 2 'lwipsim report: out of memory for 192 runs'
    after_progress=1 # report says what it is about to do first
    LD_PRELOAD=$LWIPSIM_FAIL_CALLOC_SO LWIPSIM_TEST_FAIL_CALLOC_OVER=100000 \
      "$lwipsim" report --out "$T/o" $(for s in "$src"/scenarios/*/scenario.ini; do printf -- '--scenario %s ' "$(dirname "$s")"; done) ;;
  # cases that held before: kept so they stay held
  pcap-truncated)
    pcap "$T/c.pcap" 1 "60:60:$(printf '00%.0s' $(seq 1 20))"
    scenario_with "$T/s" "$T/c.pcap"
    want 2 'lwipsim: $T/c.pcap: frame 1: truncated dump file; tried to read 60 captured bytes, only got 20'
    replay --scenario "$T/s" ;;
  pcap-wrong-magic)
    printf 'this is not a capture at all, just text\n' >"$T/c.pcap"
    scenario_with "$T/s" "$T/c.pcap"
    want 2 'lwipsim: $T/c.pcap: unknown file format (not a pcap or pcapng capture)'
    replay --scenario "$T/s" ;;
  pcap-caplen-300mib)
    pcap "$T/c.pcap" 1 "314572800:314572800:00"
    scenario_with "$T/s" "$T/c.pcap"
    want 2 'lwipsim: $T/c.pcap: frame 1: invalid packet capture length 314572800, bigger than snaplen of 65535'
    replay --scenario "$T/s" ;;
  pcapng-mixed-links)
    python3 - "$T/c.pcapng" <<'PY'
import struct, sys
def block(t, body):
    body += b"\0" * (-len(body) % 4)
    n = 12 + len(body)
    return struct.pack("<II", t, n) + body + struct.pack("<I", n)
shb = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
idb_eth = block(1, struct.pack("<HHI", 1, 0, 65535))
idb_sll = block(1, struct.pack("<HHI", 113, 0, 65535))
frame = bytes(60)
epb = block(6, struct.pack("<IIIII", 1, 0, 0, len(frame), len(frame)) + frame)
open(sys.argv[1], "wb").write(shb + idb_eth + idb_sll + epb)
PY
    scenario_with "$T/s" "$T/c.pcapng"
    want 2 'lwipsim: $T/c.pcapng: frame 1: an interface has a type 113 different from the type of the first interface'
    replay --scenario "$T/s" ;;
  pcap-linux-sll)
    pcap "$T/c.pcap" 113
    scenario_with "$T/s" "$T/c.pcap"
    want 2 'lwipsim: $T/c.pcap: link type LINUX_SLL (113) is not supported; lwipsim replays Ethernet (EN10MB) captures'
    replay --scenario "$T/s" ;;
  pcap-radiotap)
    pcap "$T/c.pcap" 127
    scenario_with "$T/s" "$T/c.pcap"
    want 2 'lwipsim: $T/c.pcap: link type IEEE802_11_RADIO (127) is not supported; lwipsim replays Ethernet (EN10MB) captures'
    replay --scenario "$T/s" ;;
  bad-mac)
    mkdir "$T/s" && printf '[scenario]\nduration = 1s\n\n[device]\nmac = 28:cd:c1:03:9e\n' >"$T/s/scenario.ini"
    want 2 "lwipsim: \$T/s/scenario.ini:5: bad MAC '28:cd:c1:03:9e'; write six hex pairs separated by ':', e.g. 28:cd:c1:03:9e:26"
    replay --scenario "$T/s" ;;
  bad-ip)
    mkdir "$T/s" && printf '[scenario]\nduration = 1s\n\n[script]\n0s = static 10.0.0.256/24\n' >"$T/s/scenario.ini"
    want 2 "lwipsim: \$T/s/scenario.ini:5: static: bad IPv4 address '10.0.0.256'; write 'static A.B.C.D/PREFIX' or 'static A.B.C.D/PREFIX gw A.B.C.D'"
    replay --scenario "$T/s" ;;
  line-1mb)
    mkdir "$T/s" && { printf '[scenario]\ndescription = '; head -c 1000000 /dev/zero | tr '\0' x; printf '\nduration = 1s\n'; } >"$T/s/scenario.ini"
    want 2 'lwipsim: $T/s/scenario.ini:2: line is longer than 1023 characters; at most 197 are allowed'
    replay --scenario "$T/s" ;;
  nul-byte)
    mkdir "$T/s" && printf '[scenario]\nduration = 1s\0\n' >"$T/s/scenario.ini"
    want 2 'lwipsim: $T/s/scenario.ini:2: NUL byte in the line; is this a text file?'
    replay --scenario "$T/s" ;;
  *) echo "check_bad_input: unknown case '$1'" >&2; exit 2 ;;
  esac
}

want() { want_code=$1 want_line=$2; }

# LWIPSIM_FAIL_PRINT_SO and the like: a test-only preload, built by the
# tests' CMake, in a build without ASan (its runtime must come first);
# skipped (77) otherwise, with the reason.
preload_check() { # VARIABLE SOURCE
  local so=${!1:-}
  if [ -z "$so" ] || [ ! -f "$so" ]; then
    echo "SKIP $case: $1 ($2) not built" >&3
    exit 77
  fi
  # the runners are what the preload lands in; the front end may be plain
  # (ldd's whole output first: under pipefail, grep -q quitting early would
  # make ldd's SIGPIPE the pipeline's status)
  local libs
  libs=$(ldd "$lwipsim" "$bin"/lwipsim-run-"$profile"-lwip* 2>/dev/null || true)
  if grep -q libasan <<<"$libs"; then
    echo "SKIP $case: an ASan build cannot take an LD_PRELOAD before its runtime" >&3
    exit 77
  fi
}

# record-overdue: record, stop the device's runner and its run once they
# exist, let the recorder pass its 15 s grace, then let them go on; the
# warning lines, counted, go to stderr.
record_overdue() {
  "$lwipsim" record --profile "$profile" --script "$T/script.ini" --duration 5 --out "$T/rec" >"$T/rec.out" 2>&1 &
  local rec=$! runner= child=
  for _ in $(seq 1 500); do
    runner=$(pgrep -P $rec -f 'lwipsim-run-' | head -1)
    [ -n "$runner" ] && child=$(pgrep -P "$runner" | head -1)
    [ -n "$child" ] && break
    sleep 0.02
  done
  [ -n "$child" ] || { kill -INT $rec; wait $rec; echo "no runner seen" >&2; return 1; }
  kill -STOP "$runner" "$child"
  for _ in $(seq 1 40); do # 5 s + 15 s grace, then some 10 ms passes more
    grep -q 'did not end' "$T/rec.out" && break
    sleep 1
  done
  sleep 1
  kill -CONT "$runner" "$child"
  wait $rec
  grep -F 'did not end at its duration' "$T/rec.out" | uniq -c >&2
}

# capture-shrinks: 200,000 broadcast ARP frames, 1 ms apart; once a process
# of the run has the capture mapped it is stopped, the file is cut to its
# first frames, and it goes on.
capture_shrinks() {
  mkdir "$T/s"
  python3 - "$T/s/capture.pcap" <<'PY'
import struct, sys
arp = bytes.fromhex("ffffffffffff" "020000000001" "0806" "0001080006040001" "020000000001" "0a4d0001"
                    "000000000000" "0a4d00fe") + bytes(18)
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i in range(200000):
        f.write(struct.pack("<IIII", 1 + i // 1000, (i % 1000) * 1000, len(arp), len(arp)) + arp)
PY
  printf '[scenario]\nduration = 300s\ncapture = capture.pcap\n[device]\nmac = 28:cd:c1:03:9e:26\n[script]\n0s = netif-up\n' >"$T/s/scenario.ini"
  # an ASan build's runtime would take the SIGBUS itself and exit 1
  ASAN_OPTIONS=handle_sigbus=0${ASAN_OPTIONS:+:$ASAN_OPTIONS} replay --scenario "$T/s" &
  local run=$! pid=
  for _ in $(seq 1 500); do
    pid=$(grep -l "$T/s/capture.pcap" /proc/[0-9]*/maps 2>/dev/null | head -1 | cut -d/ -f3)
    [ -n "$pid" ] && break
    sleep 0.01
  done
  [ -n "$pid" ] || { wait $run; echo "the capture was never mapped" >&2; return 1; }
  kill -STOP "$pid"
  truncate -s 4096 "$T/s/capture.pcap"
  kill -CONT "$pid"
  wait $run
}

# The calloc cases need the preload, and a build without ASan (its runtime
# must come first): skipped (77) otherwise, with the reason.
preload_calloc() { preload_check LWIPSIM_FAIL_CALLOC_SO tests/bad-input/fail_calloc.c; }

if [ "$case" = --list ]; then
  sed -n 's/^  \([a-z0-9-]*\))$/\1/p' "$0"
  exit 0
fi

err="$T/stderr"
exec 3>&1 # the case's own output goes nowhere; a SKIP line goes here
run_case "$case" >/dev/null 2>"$err" </dev/null
code=$?
after_progress=${after_progress:-0}
if [ "$after_progress" = 1 ]; then
  got=$(grep -Ev '^lwipsim report: ([0-9]* profile\(s\) × [0-9]* scenario\(s\)|configuring .* for [0-9]* user profile\(s\)|building .* from .*/lwipopts.h)$' "$err" |
    head -n 1 | sed "s#$T#\$T#g")
else
  got=$(head -n 1 "$err" | sed "s#$T#\$T#g")
fi
expect=$(printf '%s' "$want_line" | sed "s#\\\$T#\$T#g")
fail=0
if [ "$code" != "$want_code" ]; then
  echo "FAIL $case: exit $code, expected $want_code" >&2
  fail=1
fi
# want_prefix=1: the line starts with the expected text (a time follows)
if [ "${want_prefix:-0}" = 1 ]; then
  got=${got:0:${#expect}}
fi
# an empty expected line: the exit code is the whole check (a finding, not an error)
if [ -n "$want_line" ] && [ "$got" != "$expect" ]; then
  printf 'FAIL %s: first line\n  got:      %s\n  expected: %s\n' "$case" "$got" "$expect" >&2
  fail=1
fi
if [ $fail = 0 ]; then
  echo "ok $case: exit $code, $got"
fi
exit $fail
