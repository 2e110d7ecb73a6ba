# Sourced by check_firmware.sh (the RP2040) and check_ilp32.sh (the ILP32
# host chip): the test profile fw-hardfault's IPv4 input hook faults on the
# chip (udf on the RP2040, ud2 on i386), so the seed scenario's run must be
# outcome crash, exit 4, a HardFault in lwipsim_test_ip4_input named from the
# image, and a whole record (never a hang, never a harness error).
#   check_hardfault LABEL RUNNER SOURCE IMAGE EMULATOR TARGET TMP [PYTHON]
# TARGET is the record's "target" (rp2040, ilp32); PYTHON, more assertions
# on the record r and its crash c. Calls fail (the caller's) on a mismatch.
check_hardfault() {
  local label=$1 runner=$2 src=$3 image=$4 emulator=$5 target=$6 tmp=$7 extra=${8:-}
  local rc
  set +e
  "$runner" --scenario "$src/scenarios/mdns-http-reload" --json "$tmp/f.json" --quiet \
    --target-image "$image" --emulator "$emulator" 2>"$tmp/err"
  rc=$?
  set -e
  [ "$rc" = 4 ] || { cat "$tmp/err" >&2; fail "$label: exit $rc, expected 4 (crash)"; }
  python3 - "$tmp/f.json" "$target" "$label" "$extra" <<'PY' || fail "$label: the record does not say HardFault in the hook"
import json, sys
r = json.load(open(sys.argv[1]))
c = r["crash"]
assert r["outcome"] == "crash" and r["exit_code"] == 4 and r["target"] == sys.argv[2], (r["outcome"], r["exit_code"], r.get("target"))
assert c["signal_name"] == "HardFault" and c["fault_symbol"] == "lwipsim_test_ip4_input", c
assert any("HardFault at " + c["fault_pc"] in e for e in c["last_events"]), c["last_events"]
exec(sys.argv[4])
print("ok %s: crash, HardFault at %s (%s) at %d ms" % (sys.argv[3], c["fault_pc"], c["fault_symbol"], c["time_ms"]))
PY
}
