#!/usr/bin/env bash
# SIGINT/SIGTERM mid-work: the command passes the signal on to its runners,
# reaps them, removes its scratch folder, leaves no partial output and exits
# 128 + the signal. Checked with ps (no runner of this test's scenario left)
# and the private TMPDIR (empty).
#
# usage: test_signals.sh BIN_DIR SRC_DIR
set -uo pipefail

bin=$1 src=$2
lwipsim="$bin/lwipsim"
T=$(mktemp -d)
trap 'pkill -KILL -f "$T/" 2>/dev/null; rm -rf "$T"' EXIT
export TMPDIR="$T/tmp"
mkdir -p "$TMPDIR"
failures=0

# A scenario that keeps a runner busy for seconds: 10^6 s of virtual time,
# lwIP's timers at their deadlines and a UDP datagram every 20 s (no
# capture), in a folder whose path names this test's runners. (90 s with a
# datagram every millisecond was busy enough while every pool change was
# kept in the run's timeline; with the bucketed timelines it ends in a tenth
# of a second, before the signal.)
scen="$T/busy"
mkdir -p "$scen"
cat >"$scen/scenario.ini" <<'INI'
[scenario]
description = keeps a runner busy: 10^6 s of timers and a datagram every 20 s
duration = 1000000s

[script]
0s = netif-up
0s = static 10.0.0.2/24 gw 10.0.0.1
0s = udp-send 10.0.0.9:9 1400 every 20s
INI

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# Waits until a file matching the glob exists (the work is under way).
wait_for() { # GLOB SECONDS
  for _ in $(seq 1 $(($2 * 20))); do
    compgen -G "$1" >/dev/null && return 0
    sleep 0.05
  done
  return 1
}

check_after() { # NAME PID EXPECTED_EXIT
  local name=$1 pid=$2 want=$3 code
  wait "$pid"
  code=$?
  [ "$code" = "$want" ] || fail "$name: exit $code, expected $want"
  sleep 0.3 # a runner the command failed to reap would still be running now
  if pgrep -f "$scen" >/dev/null; then
    fail "$name: runners left: $(pgrep -af "$scen" | head -3 | tr '\n' ';')"
  fi
  # sweep and report run through fork servers, whose runs carry the server's
  # command line (RUNNER --serve): this test's are the ones with its TMPDIR
  local p
  for p in $(pgrep -f -- '--serve$'); do
    if tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qxF "TMPDIR=$TMPDIR"; then
      fail "$name: fork server or run left: $(tr '\0' ' ' <"/proc/$p/cmdline")"
    fi
  done
  if [ -n "$(ls -A "$TMPDIR")" ]; then
    fail "$name: left in TMPDIR: $(ls -A "$TMPDIR" | head -3 | tr '\n' ' ')"
  fi
  echo "$name: exit $code, no runner left, TMPDIR empty"
}

# 1. SIGTERM to lwipsim alone, mid-sweep (its runners are not in the signal)
"$lwipsim" sweep --profile circuitpython-9.0.5 --scenario "$scen" --pool UDP_PCB --range 1:40 --jobs 2 \
  --json "$T/sweep.json" >/dev/null 2>"$T/sweep.err" &
pid=$!
wait_for "$TMPDIR/lwipsim-*" 10 || fail "sweep: no scratch folder appeared"
sleep 0.5
kill -TERM "$pid"
check_after "sweep SIGTERM" "$pid" 143
[ -e "$T/sweep.json" ] && fail "sweep: wrote $T/sweep.json although interrupted"
grep -q "interrupted (SIGTERM)" "$T/sweep.err" || fail "sweep: no 'interrupted' line: $(tail -1 "$T/sweep.err")"

# 2. SIGINT to lwipsim alone, mid-report
"$lwipsim" report --out "$T/report" --profile circuitpython-9.0.5 --scenario "$scen" --jobs 2 \
  >/dev/null 2>"$T/report.err" &
pid=$!
wait_for "$TMPDIR/lwipsim-*" 10 || fail "report: no scratch folder appeared"
sleep 0.5
kill -INT "$pid"
check_after "report SIGINT" "$pid" 130
[ -e "$T/report/report.json" ] && fail "report: wrote report.json although interrupted"

# 3. SIGINT to a replay runner alone: its forked child stops too, and the
#    --pcap-out file it was writing is removed
"$lwipsim" replay --profile circuitpython-9.0.5 --scenario "$scen" --quiet --pcap-out "$T/out.pcap" \
  --json "$T/run.json" 2>"$T/replay.err" &
pid=$!
wait_for "$T/out.pcap" 10 || fail "replay: no --pcap-out file appeared"
sleep 0.15 # the run takes seconds on the 2-core machine
kill -INT "$pid"
check_after "replay SIGINT" "$pid" 130
[ -e "$T/out.pcap" ] && fail "replay: left the partial $T/out.pcap"
[ -e "$T/run.json" ] && fail "replay: wrote $T/run.json although interrupted"

exit $((failures > 0))
