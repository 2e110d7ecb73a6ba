#!/usr/bin/env bash
# The run record of every bundled profile x bundled scenario, byte for byte
# against tests/expected/records/PROFILE/SCENARIO.json: a refactoring that
# changes any record fails here, with the diff. A pair the profile cannot run
# (exit 6: the script needs a feature it turns off) has no expected file.
#
# usage: check_records.sh BIN_DIR SOURCE_DIR [--update]
set -uo pipefail
bin=$1
src=$2
update=${3:-}
expected=$src/tests/expected/records
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail=0
checked=0
profiles=$(ls "$src/lwipopts")
scenarios=$(cd "$src/scenarios" && for d in */; do [ -f "$d/scenario.ini" ] && echo "${d%/}"; done)
for p in $profiles; do
  for s in $scenarios; do
    out=$work/$p-$s.json
    "$bin/lwipsim" replay --profile "$p" --scenario "$src/scenarios/$s" --json "$out" >/dev/null 2>"$work/err"
    rc=$?
    want=$expected/$p/$s.json
    if [ "$rc" = 6 ]; then
      if [ -e "$want" ]; then
        echo "FAIL $p x $s: not run (exit 6: $(head -c 300 "$work/err")), but $want expects a record"
        fail=1
      fi
      continue
    fi
    if [ ! -s "$out" ]; then
      echo "FAIL $p x $s: exit $rc and no record: $(head -c 300 "$work/err")"
      fail=1
      continue
    fi
    if [ "$update" = --update ]; then
      mkdir -p "$expected/$p"
      cp "$out" "$want"
    elif ! cmp -s "$out" "$want"; then
      echo "FAIL $p x $s: record differs from $want"
      diff -u "$want" "$out" | head -40
      fail=1
    fi
    checked=$((checked + 1))
  done
done
if [ "$update" = --update ]; then
  echo "wrote $checked records under $expected"
  exit 0
fi
echo "$checked records compared with $expected"
exit $fail
