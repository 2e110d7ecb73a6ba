#!/usr/bin/env bash
# report.concurrent_lwipopts: two `lwipsim report --lwipopts` runs at once,
# on two folders, building in one (fresh) build folder while a third holds
# its lock: both wait, then build one after the other, and both succeed
# with their own profile.
#
# usage: test_concurrent.sh BIN_DIR SOURCE_DIR WORK_DIR
set -uo pipefail
bin=$1 src=$2 work=$3
fail() { echo "FAIL $*"; exit 1; }
rm -rf "$work" && mkdir -p "$work"
for b in board-a board-b; do
  mkdir "$work/$b"
  cp "$src/lwipopts/circuitpython-9.0.5/lwipopts.h" "$src/lwipopts/circuitpython-9.0.5/profile.ini" "$work/$b/"
done
scenario=$src/scenarios/dhcp-renew-long
# Another build holds the folder's lock while both runs start (flock(1) on
# the same lock file, as a third lwipsim would): each must say it waits,
# however fast the machine, then the two build one after the other.
mkdir -p "$work/user-build"
flock "$work/user-build/lwipsim.lock" sleep 5 &
holder=$!
sleep 0.5
for b in board-a board-b; do
  "$bin/lwipsim" report --lwipopts "$work/$b" --scenario "$scenario" --out "$work/out-$b" --jobs 1 \
    --build-dir "$work/user-build" >"$work/$b.out" 2>"$work/$b.err" &
  eval "pid_${b//-/_}=\$!"
done
wait "$pid_board_a"; rc_a=$?
wait "$pid_board_b"; rc_b=$?
for b in board-a board-b; do
  rc=$rc_a
  [ "$b" = board-b ] && rc=$rc_b
  [ "$rc" = 0 ] || [ "$rc" = 3 ] || fail "$b: exit $rc: $(tail -3 "$work/$b.err")"
  grep -q "building $b (lwIP 2.2.1)" "$work/$b.err" || fail "$b was not built: $(cat "$work/$b.err")"
  other=board-b
  [ "$b" = board-b ] && other=board-a
  grep -q "\"name\":[[:space:]]*\"$b\"" "$work/out-$b/report.json" || fail "$b: report.json has no profile $b"
  grep -q "\"name\":[[:space:]]*\"$other\"" "$work/out-$b/report.json" && fail "$b: report.json has $other too"
done
wait "$holder"
for b in board-a board-b; do
  grep -q "^lwipsim report: waiting for another lwipsim build (PID .*) in $work/user-build\$" "$work/$b.err" \
    || fail "$b did not wait for the held lock: $(head -3 "$work/$b.err")"
done
echo "PASS two concurrent report --lwipopts runs in one build folder: both built and reported"
