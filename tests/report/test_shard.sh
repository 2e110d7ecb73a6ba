#!/bin/bash
# `lwipsim report --shard I/N` then `--merge`: the merged report.json,
# report.md, report.html and junit.xml are byte-identical to the unsharded
# report's, in both ways of splitting (fewer profiles than shards: the runs are
# dealt out one by one; at least as many: whole profiles), and --gate on the
# merge exits as it does unsharded. Bad merges (a shard missing, given twice,
# of another report, a folder with no shard) end in one line naming the
# folder and exit 2. A subset of the bundled profiles and scenarios keeps it
# to seconds.
# usage: test_shard.sh BIN_DIR SOURCE_DIR
set -u
bin=$1/lwipsim
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
fail() {
  echo "FAIL: $*"
  fails=$((fails + 1))
}

# report NAME EXPECTED_RC ARGS...: the unsharded report into $work/NAME/full,
# four shards into $work/NAME/s1..s4, the merge into $work/NAME/merged.
report() {
  local name=$1 want=$2
  shift 2
  local d=$work/$name
  mkdir -p "$d"
  "$bin" report --out "$d/full" --gate "$@" 2>"$d/full.err"
  local rc=$?
  [ "$rc" = "$want" ] || fail "$name: unsharded report exited $rc, expected $want: $(tail -1 "$d/full.err")"
  for i in 1 2 3 4; do
    "$bin" report --shard "$i/4" --out "$d/s$i" "$@" 2>"$d/s$i.err" ||
      fail "$name: shard $i/4 exited $?: $(tail -1 "$d/s$i.err")"
    [ -s "$d/s$i/shard.json" ] || fail "$name: shard $i/4 wrote no shard.json"
    [ -e "$d/s$i/report.json" ] && fail "$name: shard $i/4 wrote a report.json of its own"
  done
  # the shards' folders in another order than their numbers: the merge sorts them
  "$bin" report --merge "$d/s3" "$d/s1" "$d/s4" "$d/s2" --out "$d/merged" --gate 2>"$d/merge.err"
  rc=$?
  [ "$rc" = "$want" ] || fail "$name: merge --gate exited $rc, expected $want: $(cat "$d/merge.err")"
  for f in report.json report.md report.html junit.xml; do
    [ -s "$d/full/$f" ] || fail "$name: unsharded $f missing"
    cmp -s "$d/full/$f" "$d/merged/$f" || fail "$name: merged $f differs from the unsharded one"
  done
}

# By run: 2 profiles, 4 shards; the default SYS_TIMEOUT sweep (its range comes
# from the runs); circuitpython-9.0.5 is UNSAFE, so --gate trips (3);
# pico-examples-ntp-sdk-2.0.0 has no mDNS responder: only sntp-http-1281 runs on it (not_run entries).
report byrun 3 --profile circuitpython-9.0.5 --profile pico-examples-ntp-sdk-2.0.0 \
  --scenario "$src/scenarios/mdns-http-reload" --scenario "$src/scenarios/sntp-http-1281" \
  --scenario "$src/scenarios/http-concurrent"
# By profile: 5 profiles, 4 shards (shard 1 has two), a sweep range given.
report byprofile 3 --profile circuitpython-9.0.5 --profile circuitpython-10.0.0-alpha.4 \
  --profile micropython-rp2 --profile pico-examples-httpd --profile lwip-2.1.3-mdns \
  --scenario "$src/scenarios/mdns-http-reload" --scenario "$src/scenarios/http-concurrent" --sweep SYS_TIMEOUT=10:13

grep -qE '"not_run":[[:space:]]*\[[[:space:]]*\{' "$work/byrun/full/report.json" ||
  fail "byrun: no scenario was skipped by a profile, so not_run was not exercised"

# bad_merge NAME DIR_IN_MESSAGE DIRS...: exit 2 with one line naming the folder.
bad_merge() {
  local name=$1 named=$2
  shift 2
  "$bin" report --merge "$@" --out "$work/bad-$name" 2>"$work/bad-$name.err"
  local rc=$?
  [ "$rc" = 2 ] || fail "bad merge $name: exit $rc, expected 2"
  [ "$(wc -l <"$work/bad-$name.err")" = 1 ] || fail "bad merge $name: not one line: $(cat "$work/bad-$name.err")"
  grep -qF "$named" "$work/bad-$name.err" || fail "bad merge $name: does not name $named: $(cat "$work/bad-$name.err")"
  [ -e "$work/bad-$name/report.json" ] && fail "bad merge $name: wrote a report"
  echo "bad merge $name: $(cat "$work/bad-$name.err")"
}
b=$work/byrun
bad_merge missing "$b/s4" "$b/s1" "$b/s2" "$b/s4"
bad_merge twice "$b/s2" "$b/s1" "$b/s2" "$b/s2" "$b/s3" "$b/s4"
bad_merge foreign "$work/byprofile/s2" "$b/s1" "$work/byprofile/s2" "$b/s3" "$b/s4"
bad_merge nofolder "$work/none" "$b/s1" "$b/s2" "$b/s3" "$work/none"
mkdir -p "$work/notjson" && echo '{"lwipsim_report": 1}' >"$work/notjson/shard.json"
bad_merge notshard "$work/notjson" "$b/s1" "$work/notjson"

# Usage: --shard out of range, --gate on a shard, run options on a merge.
for args in "--shard 5/4" "--shard 0/4" "--shard 1/0" "--shard 2" "--shard 1/4 --gate" "--merge $b/s1 --profile x"; do
  # shellcheck disable=SC2086
  "$bin" report --out "$work/usage" $args 2>"$work/usage.err"
  rc=$?
  [ "$rc" = 2 ] || fail "report $args: exit $rc, expected 2"
  [ "$(wc -l <"$work/usage.err")" = 1 ] || fail "report $args: not one line: $(cat "$work/usage.err")"
done

[ "$fails" = 0 ] || exit 1
echo "shard: merged reports identical to unsharded (by run and by profile); bad merges refused"
