#!/usr/bin/env bash
# The ILP32 host chip against the emulated RP2040 (test firmware.ilp32):
#   check_ilp32.sh LWIPSIM FIRMWARE_BUILD SOURCE
# The same firmware sources built for Linux i386 (BUILD/firmware-ilp32,
# `lwipsim replay --target ilp32`) run every bundled scenario (apsta-mdns's
# access point included) for
# circuitpython-9.0.5 (lwIP's own mem.c heap) and circuitpython-10.0.0-alpha.4
# (a heap budget): lwIP's heap peak within 5% of the RP2040's, the same
# outcome, and SYS_TIMEOUT, TCP_PCB and UDP_PCB peaks and failures equal;
# and a fault there is the run's crash. Prints the figures. Exits 77 (skip) without the ILP32 build (gcc-multilib)
# or without the emulator (node, firmware/emu/node_modules).
set -euo pipefail
lwipsim=$1 fw=$2 src=$3

fail() { echo "FAIL: $*" >&2; exit 1; }
. "$(dirname "$0")/hardfault_lib.sh"
if [ ! -s "$fw-ilp32/bin/firmware.tsv" ]; then
  echo "SKIP firmware.ilp32: no ILP32 host chip in $fw-ilp32 (gcc cannot link -m32: apt-get install gcc-multilib; ci/setup.sh does)"
  exit 77
fi
if ! command -v node >/dev/null || [ ! -d "$src/firmware/emu/node_modules/rp2040js" ]; then
  echo "SKIP firmware.ilp32: no node or no $src/firmware/emu/node_modules (ci/setup.sh runs npm ci there)"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for dir in "$src"/scenarios/*/; do
  [ -f "$dir/scenario.ini" ] || continue
  name=$(basename "$dir")
  for p in circuitpython-9.0.5 circuitpython-10.0.0-alpha.4; do
    for target in rp2040 ilp32; do
      set +e
      "$lwipsim" replay --target $target --profile "$p" --scenario "${dir%/}" --json "$tmp/$p.$name.$target.json" \
        --quiet 2>"$tmp/err"
      rc=$?
      set -e
      case $rc in 0 | 3 | 4) ;; *) cat "$tmp/err" >&2; fail "$p on $name: --target $target exit $rc" ;; esac
    done
    python3 - "$tmp/$p.$name" <<'PY' || fail "$p on $name: the ILP32 host chip and the RP2040 differ"
import json, sys
chip, ilp = (json.load(open("%s.%s.json" % (sys.argv[1], t))) for t in ("rp2040", "ilp32"))
label = sys.argv[1].rsplit("/", 1)[1]
assert (chip["target"], ilp["target"]) == ("rp2040", "ilp32"), (chip.get("target"), ilp.get("target"))
assert ilp["target_run"] == {"instructions": 0, "cycles": 0}, ilp["target_run"]
assert chip["outcome"] == ilp["outcome"], (chip["outcome"], ilp["outcome"])
ch, ih = chip["heap"], ilp["heap"]
assert ch is not None and ih is not None and ch["kind"] == ih["kind"], (ch, ih)
c, i = ch["peak_bytes"], ih["peak_bytes"]
assert c > 0 and abs(i - c) <= 0.05 * c, ("heap peak", c, i)
cp = {q["name"]: q for q in chip["pools"]}
ip = {q["name"]: q for q in ilp["pools"]}
# -m32 -malign-double -fshort-enums lay lwIP's structures out as the chip does
assert {k: q["elem_bytes"] for k, q in cp.items()} == {k: q["elem_bytes"] for k, q in ip.items()}, "element sizes"
for name in ("SYS_TIMEOUT", "TCP_PCB", "UDP_PCB"):
    assert (cp[name]["peak"], cp[name]["failed"]) == (ip[name]["peak"], ip[name]["failed"]), (name, cp[name]["peak"], cp[name]["failed"], ip[name]["peak"], ip[name]["failed"])
print("ok %s: %s on both; %s heap peak %d B on the RP2040, %d B on ILP32 (%+.1f%%); SYS_TIMEOUT %s, TCP_PCB %s, UDP_PCB %s (peak, failed)"
      % (label, ilp["outcome"], ih["kind"], c, i, 100.0 * (i - c) / c,
         *[(ip[n]["peak"], ip[n]["failed"]) for n in ("SYS_TIMEOUT", "TCP_PCB", "UDP_PCB")]))
PY
    n=$((n + 1))
  done
done
[ "$n" -ge 16 ] || fail "only $n profile x scenario pairs"

# A fault on the ILP32 host chip is its HardFault: the test profile
# fw-hardfault's IPv4 input hook executes ud2 there (udf on the RP2040); the
# driver turns the SIGILL into the chip's fault reply, so the run is outcome
# crash, exit 4, the faulting PC named from the executable, the record whole.
image=$(awk -F'\t' '$1 == "fw-hardfault" { print $3 }' "$fw-ilp32/bin/firmware.tsv")
[ -n "$image" ] && [ -x "$fw-ilp32/bin/$image" ] || fail "fw-hardfault: no ILP32 image in $fw-ilp32/bin/firmware.tsv"
# the ILP32 image is its own emulator (it speaks chip.mjs's protocol)
check_hardfault "fw-hardfault on ILP32" "$(dirname "$lwipsim")/lwipsim-run-circuitpython-9.0.5-lwip2.2.1" "$src" \
  "$fw-ilp32/bin/$image" "$fw-ilp32/bin/$image" ilp32 "$tmp"
