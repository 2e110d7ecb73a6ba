# Shared by the shell tests that compare many figures (tests/compare,
# tests/explore): check WHAT EXPECTED ACTUAL prints ok or FAIL with both
# values and sets fail=1; jget FILE EXPR evaluates a Python expression on the
# JSON file's object r ("(none)" when it cannot).
fail=0
check() {
  if [ "$2" != "$3" ]; then
    printf 'FAIL %s\n  expected: %s\n  got:      %s\n' "$1" "$2" "$3"
    fail=1
  else
    echo "ok   $1"
  fi
}
jget() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print($2)" "$1" 2>/dev/null || echo "(none)"; }
