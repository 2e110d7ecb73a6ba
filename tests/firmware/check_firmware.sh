#!/usr/bin/env bash
# Firmware tests (tests/firmware/CMakeLists.txt):
#   check_firmware.sh images|sys-timeout|too-big|report|emulated|scenarios|on-events|pcapng|hardfault|report-target LWIPSIM FIRMWARE_BUILD SOURCE [CMAKE]
# Each prints what it checked and exits 1 on the first mismatch.
set -euo pipefail
what=$1 lwipsim=$2 fw=$3 src=$4 cmake=${5:-cmake}

fail() { echo "FAIL: $*" >&2; exit 1; }
. "$(dirname "$0")/hardfault_lib.sh"
# json FILE EXPR: one value from a JSON file (python3 is a build dependency).
json() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {"d": d}))' "$1" "$2"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

case $what in
images)
  [ -s "$fw/bin/firmware.tsv" ] || fail "$fw/bin/firmware.tsv: no firmware index (was the firmware built?)"
  n=0
  for ini in "$src"/lwipopts/*/profile.ini; do
    name=$(basename "$(dirname "$ini")")
    image=$(awk -F'\t' -v p="$name" '$1 == p { print $3 }' "$fw/bin/firmware.tsv")
    [ -n "$image" ] || fail "$name: not in firmware.tsv"
    [ -s "$fw/bin/$image" ] || fail "$name: image $fw/bin/$image missing"
    # An ELF for ARM (e_machine 40, EM_ARM).
    file_hdr=$(od -An -tx1 -N20 "$fw/bin/$image" | tr -d ' \n')
    [ "${file_hdr:0:8}" = 7f454c46 ] || fail "$name: $image is not ELF"
    [ "${file_hdr:36:4}" = 2800 ] || fail "$name: $image is not an ARM ELF (e_machine ${file_hdr:36:4})"
    "$lwipsim" fw-ram --check --json --firmware-dir "$fw" --profile "$name" >"$tmp/$name.json" ||
      fail "$name: fw-ram --check failed"
    [ -s "$fw/bin/${image%.elf}.ram.json" ] || fail "$name: the build wrote no ${image%.elf}.ram.json"
    # Fits, and the build's own report (written by its fit-check step) says the same as a fresh read.
    got=$(python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
print(a["fits"], a["image_bytes"] == b["image_bytes"] and a["pools"] == b["pools"], a["image_bytes"], a["sram_bytes"])' \
      "$tmp/$name.json" "$fw/bin/${image%.elf}.ram.json")
    case $got in
    "True True "*) echo "ok $name: ${got#True True } bytes of SRAM (image, chip)" ;;
    *) fail "$name: fits / agrees with the build's report / image / SRAM: $got" ;;
    esac
    n=$((n + 1))
  done
  [ "$n" -ge 12 ] || fail "only $n bundled profiles"
  ;;
sys-timeout)
  "$lwipsim" fw-ram --json --firmware-dir "$fw" --profile circuitpython-9.0.5 >"$tmp/r.json"
  # lwIP 2.2.1 timeouts.h:93-101: struct sys_timeo is next, time, h, arg,
  # 4 bytes each on a Cortex-M0+ (32 on x86_64); memp.h:96 declares the pool
  # as LWIP_MEM_ALIGN_BUFFER(11 x 16) = 176 + MEM_ALIGNMENT (4) - 1 = 179.
  got=$(json "$tmp/r.json" '[(p["elements"], p["element_bytes"], p["bytes"]) for p in d["pools"] if p["name"] == "SYS_TIMEOUT"]')
  [ "$got" = "[(11, 16, 179)]" ] || fail "SYS_TIMEOUT (elements, bytes/element, bytes) = $got, expected [(11, 16, 179)]"
  # Every pool's bytes are elements x element bytes plus at most 3 of alignment.
  bad=$(json "$tmp/r.json" '[p["name"] for p in d["pools"] if not 0 <= p["bytes"] - p["elements"] * p["element_bytes"] <= 3]')
  [ "$bad" = "[]" ] || fail "pools whose bytes are not elements x size + alignment: $bad"
  # The pools and the heap are lwIP's, and lwIP's total holds them.
  ok=$(json "$tmp/r.json" 'd["lwip_bytes"] >= d["pools_bytes"] + d["lwip_heap_bytes"] and d["lwip_heap_bytes"] > 4000')
  [ "$ok" = True ] || fail "lwIP's total does not hold its pools and heap"
  echo "ok circuitpython-9.0.5: SYS_TIMEOUT $got"
  ;;
too-big)
  image=$(awk -F'\t' '$1 == "fw-ram-too-big" { print $3 }' "$fw/bin/firmware.tsv")
  [ -n "$image" ] || fail "fw-ram-too-big: not in firmware.tsv"
  # The build step that checks the fit, as the build runs it for every image.
  if "$cmake" --build "$fw" --target "${image%.elf}-ram" >"$tmp/out" 2>&1; then
    fail "the fit check passed an image with a 200-buffer PBUF_POOL"
  fi
  line=$(grep 'does not fit' "$tmp/out" || true)
  echo "$line"
  # PBUF_POOL: 200 x 1532 + 3; then TCP_PCB 5 x 164 + 3; TCP_SEG 32 x 16 + 3.
  case $line in
  *"largest pools: PBUF_POOL 306403 B, TCP_PCB 823 B, TCP_SEG 515 B; lwIP heap 4019 B") ;;
  *) fail "the fit check's message does not name the largest pools: '$line'" ;;
  esac
  [ ! -e "$fw/bin/${image%.elf}.ram.json" ] || fail "a RAM report was left for an image that does not fit"
  # Read directly: exit 3.
  set +e
  "$lwipsim" fw-ram --check "$fw/bin/$image" >/dev/null 2>&1
  rc=$?
  set -e
  [ "$rc" = 3 ] || fail "fw-ram --check exit $rc, expected 3"
  ;;
report)
  # The config-safety report on a profile with an image (target figures) and
  # one without (tests/profiles are not built for the chip: host figures).
  "$lwipsim" report --out "$tmp/rep" --profile circuitpython-9.0.5 --profile circuitpython-9.0.5-recommended \
    --scenario "$src/scenarios/mdns-http-reload" --jobs 2 2>"$tmp/err" || { cat "$tmp/err" >&2; fail "report failed"; }
  r="$tmp/rep/report.json"
  P='next(p for p in d["profiles"] if p["name"] == "circuitpython-9.0.5")'
  ST="[q for q in $P[\"pools\"] if q[\"name\"] == \"SYS_TIMEOUT\"][0]"
  rec=$(json "$r" "$ST[\"recommended\"]")
  [ "$rec" -gt 11 ] || fail "circuitpython-9.0.5 SYS_TIMEOUT recommended $rec, expected more than its 11"
  got=$(json "$r" "($ST[\"ram_figures\"], $ST[\"target_element_bytes\"], $ST[\"ram_per_element_bytes\"], $ST[\"target_change_bytes\"], $ST[\"target_pool_bytes\"])")
  want="('target', 16, 32, $(((rec - 11) * 16)), $((rec * 16 + 3)))"
  [ "$got" = "$want" ] || fail "SYS_TIMEOUT (figures, target B/elem, host B/elem, change, pool) = $got, expected $want"
  got=$(json "$r" "($P[\"target\"][\"image_bytes_recommended\"] - $P[\"target\"][\"image_bytes\"], sum(max(0, q[\"target_change_bytes\"] or 0) for q in $P[\"pools\"] if q[\"interesting\"]), $P[\"target\"][\"image\"])")
  case $got in
  "("*", "*", 'fw-circuitpython-9.0.5-"*".elf')") ;;
  *) fail "target summary: $got" ;;
  esac
  a=${got#(}; a=${a%%,*}; b=${got#*, }; b=${b%%,*}
  [ "$a" = "$b" ] && [ "$a" -ge $(((rec - 11) * 16)) ] || fail "image_bytes_recommended adds $a, the raised pools $b"
  md="$tmp/rep/report.md"
  grep -qF "| SYS_TIMEOUT | 11 |" "$md" || fail "report.md has no SYS_TIMEOUT row"
  grep -F "| SYS_TIMEOUT | 11 |" "$md" | head -1 | grep -qF "$rec (+$(((rec - 11) * 16)) B, pool $((rec * 16 + 3)) B) | 16 B |" ||
    fail "report.md's SYS_TIMEOUT row does not show the target figures: $(grep -F '| SYS_TIMEOUT | 11 |' "$md" | head -1)"
  grep -qF "RP2040 image fw-circuitpython-9.0.5-" "$md" || fail "report.md does not name the RP2040 image"
  # No image: every RAM figure says host.
  H='next(p for p in d["profiles"] if p["name"] == "circuitpython-9.0.5-recommended")'
  got=$(json "$r" "($H[\"target\"], sorted(set(q[\"ram_figures\"] for q in $H[\"pools\"])))")
  [ "$got" = "(None, ['host'])" ] || fail "the profile without an image: $got"
  grep -qF "No RP2040 firmware image for this profile: RAM figures are host (x86_64) figures." "$md" ||
    fail "report.md does not say the figures are host figures"
  grep -qE "\| [0-9]+ B host \|" "$md" || fail "report.md has no 'B host' element column"
  # The target figures are the image's: the report takes them from the build's
  # RAM report beside the image (cli/fw_target.c), checked here against a
  # fresh read of the image's DWARF.
  "$lwipsim" fw-ram --json --firmware-dir "$fw" --profile circuitpython-9.0.5 >"$tmp/fresh.json"
  got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); f=json.load(open(sys.argv[2]))
p = next(p for p in d["profiles"] if p["name"] == "circuitpython-9.0.5")
t = p["target"]
fp = {q["name"]: q for q in f["pools"]}
bad = [k for k in ("image_bytes", "sram_bytes", "lwip_bytes") if t[k] != f[k]]
bad += [q["name"] for q in p["pools"] if q.get("target_element_bytes") != fp[q["name"]]["element_bytes"]]
print(bad)' "$r" "$tmp/fresh.json")
  [ "$got" = "[]" ] || fail "the report's target figures differ from a fresh read of the image: $got"
  echo "ok report: circuitpython-9.0.5 SYS_TIMEOUT recommended $rec at 16 B an element; the profile without an image says host"
  ;;
report-target)
  # report --target rp2040: the chip's runs beside the host's, per scenario,
  # in report.json, report.md, report.html and junit.xml; differences are
  # explained (10.0.0-alpha.4's heap peak: pointer width); a profile without
  # an image (tests/profiles) is said, not a failure; apsta-mdns ([device]
  # ap_mac) runs on the chip too.
  emu="$src/firmware/emu"
  if ! command -v node >/dev/null || [ ! -d "$emu/node_modules/rp2040js" ]; then
    echo "SKIP firmware.report_target: no node or no $emu/node_modules (ci/setup.sh runs npm ci there)"
    exit 77
  fi
  "$lwipsim" report --out "$tmp/rep" --target rp2040 --profile circuitpython-10.0.0-alpha.4 \
    --profile circuitpython-9.0.5 --profile circuitpython-9.0.5-recommended --scenario "$src/scenarios/mdns-http-reload" \
    --scenario "$src/scenarios/apsta-mdns" --sweep SYS_TIMEOUT=13:13 --jobs 2 2>"$tmp/err" ||
    { cat "$tmp/err" >&2; fail "report --target failed"; }
  python3 - "$tmp/rep" <<'PY' || fail "report --target: the chip's figures are not beside the host's"
import json, sys
d = json.load(open(sys.argv[1] + "/report.json"))
p = next(p for p in d["profiles"] if p["name"] == "circuitpython-10.0.0-alpha.4")
s = {x["scenario"]: x for x in p["scenarios"]}
c = s["mdns-http-reload"]["rp2040"]
assert c["not_run"] is None and c["outcome"] == c["host_outcome"] == "ok", c
assert all(q["same"] for q in c["pools"]) and len(c["pools"]) >= 10, c["pools"]
st = next(q for q in c["pools"] if q["name"] == "SYS_TIMEOUT")
assert (st["peak"], st["host_peak"], st["element_bytes"], st["host_element_bytes"]) == (13, 13, 16, 32), st
h = c["heap"]
assert 0 < h["peak_bytes"] < h["host_peak_bytes"], h
assert c["agrees"] and len(c["notes"]) == 1 and "pointer" in c["notes"][0], c["notes"]
a = s["apsta-mdns"]["rp2040"]
assert a["not_run"] is None and a["outcome"] == a["host_outcome"] == "ok" and a["agrees"], a
assert all(q["same"] for q in a["pools"]) and len(a["pools"]) >= 10, a["pools"]
# circuitpython-9.0.5: lwIP's own mem.c heap, counted on the chip too
# (heap_probe.c): 3828 B there, 3900 B on the host, the difference explained
m = next(p for p in d["profiles"] if p["name"] == "circuitpython-9.0.5")
mc = {x["scenario"]: x for x in m["scenarios"]}["mdns-http-reload"]["rp2040"]
assert mc["outcome"] == mc["host_outcome"] == "panic" and mc["agrees"], mc
assert mc["heap"] == {"peak_bytes": 3828, "host_peak_bytes": 3900, "failed": 2, "host_failed": 2}, mc["heap"]
assert len(mc["notes"]) == 1 and "heap peak 3828 B on the chip, 3900 B on the host" in mc["notes"][0], mc["notes"]
r = next(p for p in d["profiles"] if p["name"] == "circuitpython-9.0.5-recommended")
assert all(x["rp2040"]["not_run"] == "no firmware image for this profile" for x in r["scenarios"]), "a profile without an image"
md = open(sys.argv[1] + "/report.md").read()
assert "On the emulated RP2040." in md and "| mdns-http-reload | ok / ok |" in md and "| apsta-mdns | ok / ok |" in md, "report.md"
assert "heap peak %d B on the chip, %d B on the host" % (h["peak_bytes"], h["host_peak_bytes"]) in md, "report.md: heap note"
assert "On the emulated RP2040" in open(sys.argv[1] + "/report.html").read(), "report.html"
junit = open(sys.argv[1] + "/junit.xml").read()
assert '<testsuite name="rp2040" tests="4" failures="0">' in junit, "junit.xml"  # 2 profiles with an image x 2 scenarios
assert "| 3828 B (host 3900 B) |" in md, "report.md: mem.c heap beside the host's"
assert "| mdns-http-reload | not run on the chip |" in md and "no firmware image for this profile" in md, "report.md: not run"
print("ok report --target: 10.0.0-alpha.4 on mdns-http-reload ok on both, pools equal, heap %d B on the chip and %d B on the host (explained); 9.0.5's mem.c heap %d B on the chip, %d B on the host (explained); apsta-mdns ok on both, pools equal" % (h["peak_bytes"], h["host_peak_bytes"], mc["heap"]["peak_bytes"], mc["heap"]["host_peak_bytes"]))
PY
  ;;
emulated | scenarios)
  # The same scenario, frames and all, on the host runner and on the profile's
  # image in the emulated RP2040 (lwipsim replay --target rp2040): the host
  # keeps the capture, filter, rewriter and transmit match, the chip runs
  # lwIP, the script and the probe (docs/ARCHITECTURE.md, "Firmware").
  emu="$src/firmware/emu"
  if ! command -v node >/dev/null || [ ! -d "$emu/node_modules/rp2040js" ]; then
    echo "SKIP firmware.$what: no node or no $emu/node_modules (ci/setup.sh runs npm ci there)"
    exit 77
  fi
  # run_both PROFILE SCENARIO: the records in $tmp/PROFILE.SCENARIO.{host,chip}.json
  run_both() {
    local rc base="$tmp/$1.$(basename "$2")"
    for side in host chip; do
      set +e
      if [ $side = host ]; then
        "$lwipsim" replay --profile "$1" --scenario "$2" --json "$base.host.json" --quiet 2>"$base.err"
      else
        "$lwipsim" replay --target rp2040 --profile "$1" --scenario "$2" --json "$base.chip.json" --quiet 2>"$base.err"
      fi
      rc=$?
      set -e
      case $rc in 0 | 3 | 4) ;; *) cat "$base.err" >&2; fail "$1 on $(basename "$2"): $side run exit $rc" ;; esac
    done
  }
  if [ "$what" = emulated ]; then
    # The seed scenario: 9.0.5 panics on SYS_TIMEOUT, 10.0.0-alpha.4 is ok.
    seed="$src/scenarios/mdns-http-reload"
    run_both circuitpython-9.0.5 "$seed"
    run_both circuitpython-10.0.0-alpha.4 "$seed"
    # deterministic: the same inputs give a byte-identical record on the chip too
    "$lwipsim" replay --target rp2040 --profile circuitpython-9.0.5 --scenario "$seed" --json "$tmp/again.json" \
      --quiet 2>/dev/null || [ $? = 4 ] || fail "circuitpython-9.0.5: second chip run failed"
    cmp -s "$tmp/again.json" "$tmp/circuitpython-9.0.5.mdns-http-reload.chip.json" ||
      fail "circuitpython-9.0.5: two chip runs of the same inputs gave different records"
    python3 - "$tmp" <<'PY' || fail "host and chip differ"
import json, sys
tmp = sys.argv[1]
def load(p):
    return [json.load(open("%s/%s.mdns-http-reload.%s.json" % (tmp, p, side))) for side in ("host", "chip")]
def same(p, host, chip, keys):
    for k in keys:
        assert host[k] == chip[k], (p, k, host[k], chip[k])
    for h, c in zip(host["pools"], chip["pools"]):
        if h["name"] == "HEAP":
            continue  # bytes: pointer width (compared below)
        assert (h["name"], h["peak"], h["failed"], h["peak_ms"]) == (c["name"], c["peak"], c["failed"], c["peak_ms"]), (p, h["name"], h["peak"], h["failed"], c["peak"], c["failed"])
host, chip = load("circuitpython-9.0.5")
assert chip["target"] == "rp2040" and "target" not in host, chip.get("target")
assert host["outcome"] == chip["outcome"] == "panic", (host["outcome"], chip["outcome"])
hp, cp = host["panic"], chip["panic"]
for k in ("message", "file", "line", "time_ms", "arming"):
    assert hp[k] == cp[k], (k, hp[k], cp[k])
assert hp["armed_timers"] == cp["armed_timers"], (hp["armed_timers"], cp["armed_timers"])
assert "SYS_TIMEOUT" in hp["message"], hp["message"]
same("9.0.5", host, chip, ("end_time_ms", "frames", "divergence", "tx_match"))
# lwIP's 4000-byte mem.c heap, counted on the chip by the host's own probe
# (heap_probe.c, the same mem_* wraps): its blocks are smaller there (a pbuf
# is 16 bytes, not 24), so the peak is 3828 B against the host's 3900 B; on
# both, tcp_write's copy (1532 B on the chip, 1540 on the host) is refused at
# 3006 and 8012 ms from pbuf_alloc (the chip names the allocator's caller
# only), and what the failure costs is the same.
hh, ch = host["heap"], chip["heap"]
assert ch is not None and ch["kind"] == hh["kind"] == "mem.c" and ch["bytes"] == "32-bit target", ch
assert (ch["peak_bytes"], hh["peak_bytes"], ch["peak_ms"]) == (3828, 3900, 3006), (ch["peak_bytes"], hh["peak_bytes"])
assert [(f["time_ms"], f["bytes"]) for f in ch["failures"]] == [(3006, 1532), (8012, 1532)], ch["failures"]
assert [(f["time_ms"], f["bytes"]) for f in hh["failures"]] == [(3006, 1540), (8012, 1540)], hh["failures"]
assert ch["failure_sites"] == [{"site": "pbuf_alloc", "count": 2}], ch["failure_sites"]
assert host["impact"] == chip["impact"], (host["impact"], chip["impact"])
st = [p for p in chip["pools"] if p["name"] == "SYS_TIMEOUT"][0]
assert st["elem_bytes"] == 16 and st["failure_sites"] == [p for p in host["pools"] if p["name"] == "SYS_TIMEOUT"][0]["failure_sites"], st
print("ok circuitpython-9.0.5: chip = host: panic at %d ms on SYS_TIMEOUT arming %s, %d armed timers, %d frames injected, %d sent; %d instructions; mem.c heap peak %d B on the chip, %d B on the host"
      % (cp["time_ms"], cp["arming"], len(cp["armed_timers"]), chip["frames"]["injected"], chip["frames"]["transmitted"], chip["target_run"]["instructions"], ch["peak_bytes"], hh["peak_bytes"]))
host, chip = load("circuitpython-10.0.0-alpha.4")
assert host["outcome"] == chip["outcome"] == "ok", (host["outcome"], chip["outcome"])
same("10.0.0-alpha.4", host, chip, ("end_time_ms", "frames", "divergence", "tx_match"))
hh, ch = host["heap"]["peak_bytes"], chip["heap"]["peak_bytes"]
# lwIP's structures hold pointers: 4 bytes on the chip, 8 on the host
assert 0 < ch < hh and host["heap"]["failed"] == chip["heap"]["failed"] == 0, (hh, ch)
print("ok circuitpython-10.0.0-alpha.4: ok on both, pools and frames equal; heap peak %d B on the chip, %d B on the host (pointer width)" % (ch, hh))
PY
  else
    # Every bundled scenario, apsta-mdns ([device] ap_mac: the access point's
    # second netif) included: SYS_TIMEOUT, TCP_PCB and UDP_PCB peaks and
    # failures, the outcome and each interface's transmitted frames equal on
    # host and chip.
    n=0 ap=0
    for dir in "$src"/scenarios/*/; do
      [ -f "$dir/scenario.ini" ] || continue
      grep -q '^ap_mac' "$dir/scenario.ini" && ap=$((ap + 1))
      for p in circuitpython-9.0.5 circuitpython-10.0.0-alpha.4; do
        run_both "$p" "${dir%/}"
        python3 - "$tmp/$p.$(basename "$dir")" <<'PY' || fail "$p on $(basename "$dir"): host and chip differ"
import json, sys
host, chip = (json.load(open("%s.%s.json" % (sys.argv[1], side))) for side in ("host", "chip"))
# lwIP's mem.c heap in bytes depends on pointer width: a copy the host's
# heap refuses (pool-failure on HEAP only) can fit on the chip. Explained,
# not a difference of the runs: every memp pool below must still agree.
heap_only = (host["outcome"] == "pool-failure" and chip["outcome"] == "ok" and (host["heap"] or {}).get("failed", 0) > 0
             and all(q["failed"] == 0 for q in host["pools"]))
if heap_only:
    print("note %s: pool-failure on the host's heap (8-byte pointers), ok on the chip (4-byte)" % sys.argv[1].rsplit("/", 1)[1])
else:
    assert host["outcome"] == chip["outcome"], (host["outcome"], chip["outcome"])
hp = {q["name"]: q for q in host["pools"]}
cp = {q["name"]: q for q in chip["pools"]}
for name in ("SYS_TIMEOUT", "TCP_PCB", "UDP_PCB"):
    if name in hp:
        assert (hp[name]["peak"], hp[name]["failed"]) == (cp[name]["peak"], cp[name]["failed"]), (name, hp[name]["peak"], hp[name]["failed"], cp[name]["peak"], cp[name]["failed"])
itf = lambda r: [(i["name"], i["mac"], i["transmitted"]) for i in r["interfaces"]]
# The frames sent follow from the same heap story: where the host's heap
# (8-byte pointers) refused more HTTP writes than the chip's, the chip
# answered more and sent more (http-concurrent on 9.0.5: 12 refused on the
# host, 10 on the chip). apsta-mdns refuses none on either and must agree.
refused = [r["device"]["http_write_refused"] for r in (host, chip)]
if refused[0] != refused[1] and not sys.argv[1].endswith(".apsta-mdns"):
    assert refused[0] > refused[1] and (host["heap"] or {}).get("failed", 0) > 0, ("refused writes", refused)
    assert [i[:2] for i in itf(host)] == [i[:2] for i in itf(chip)], (itf(host), itf(chip))
    print("note %s: the host's heap refused %d HTTP writes, the chip's %d (pointer width): sent %s on the host, %s on the chip"
          % (sys.argv[1].rsplit("/", 1)[1], refused[0], refused[1], [i[2] for i in itf(host)], [i[2] for i in itf(chip)]))
else:
    assert itf(host) == itf(chip), (itf(host), itf(chip))
print("ok %s: %s on both; SYS_TIMEOUT %s, TCP_PCB %s, UDP_PCB %s (peak, failed); sent %s" % (sys.argv[1].rsplit("/", 1)[1], chip["outcome"],
      *[(cp[n]["peak"], cp[n]["failed"]) for n in ("SYS_TIMEOUT", "TCP_PCB", "UDP_PCB")], ", ".join("%s %d" % (i[0], i[2]) for i in itf(chip))))
PY
        n=$((n + 1))
      done
    done
    [ "$n" -ge 14 ] || fail "only $n profile x scenario pairs"
    [ "$ap" -ge 1 ] || fail "no bundled scenario with [device] ap_mac"
  fi
  ;;
on-events)
  # "on dhcp-bound" and "on link-up" on the chip: the device code's own
  # edge check (sim/stack/device/device.c) runs the actions the host sent at
  # boot. tests/scenarios/http-page-3851-on-events is the bundled
  # http-page-3851 plus a UDP send once DHCP bound and a group join when the
  # link comes up: on the chip as on the host, one more UDP PCB, one more
  # IGMP group and three more frames than the plain scenario, and every
  # pool, the frames, divergence and transmit match equal to the host's.
  emu="$src/firmware/emu"
  if ! command -v node >/dev/null || [ ! -d "$emu/node_modules/rp2040js" ]; then
    echo "SKIP firmware.on_events: no node or no $emu/node_modules (ci/setup.sh runs npm ci there)"
    exit 77
  fi
  p=arduino-pico-4.x-ipv4
  for s in "$src/scenarios/http-page-3851" "$src/tests/scenarios/http-page-3851-on-events"; do
    for side in host chip; do
      target=()
      [ $side = chip ] && target=(--target rp2040)
      "$lwipsim" replay "${target[@]}" --profile $p --scenario "$s" --json "$tmp/$(basename "$s").$side.json" --quiet \
        2>"$tmp/err" || { cat "$tmp/err" >&2; fail "$p on $(basename "$s"): $side run exit $?"; }
    done
  done
  python3 - "$tmp" <<'PY' || fail "on EVENT actions: host and chip differ"
import json, sys
t = sys.argv[1]
r = {(s, side): json.load(open("%s/%s.%s.json" % (t, s, side))) for s in ("http-page-3851", "http-page-3851-on-events") for side in ("host", "chip")}
peak = lambda rec, name: next(q["peak"] for q in rec["pools"] if q["name"] == name)
for side in ("host", "chip"):
    plain, ev = r["http-page-3851", side], r["http-page-3851-on-events", side]
    assert ev["outcome"] == "ok", (side, ev["outcome"])
    got = (peak(ev, "UDP_PCB") - peak(plain, "UDP_PCB"), peak(ev, "IGMP_GROUP") - peak(plain, "IGMP_GROUP"),
           ev["frames"]["transmitted"] - plain["frames"]["transmitted"], ev["divergence"]["diverged"])
    assert got == (1, 1, 3, 0), (side, "UDP_PCB, IGMP_GROUP, frames sent more than plain; diverged", got)
host, chip = r["http-page-3851-on-events", "host"], r["http-page-3851-on-events", "chip"]
assert chip["target"] == "rp2040", chip.get("target")
for k in ("outcome", "end_time_ms", "frames", "divergence", "tx_match", "interfaces", "device"):
    assert host[k] == chip[k], (k, host[k], chip[k])
key = lambda rec: [(q["name"], q["peak"], q["failed"], q["peak_ms"]) for q in rec["pools"] if q["name"] != "HEAP"]
assert key(host) == key(chip), [(a, b) for a, b in zip(key(host), key(chip)) if a != b]
print("ok http-page-3851-on-events on arduino-pico-4.x-ipv4: ok on both; UDP_PCB %d, IGMP_GROUP %d, %d frames sent (plain: %d, %d, %d); every pool equal"
      % (peak(chip, "UDP_PCB"), peak(chip, "IGMP_GROUP"), chip["frames"]["transmitted"], peak(r["http-page-3851", "chip"], "UDP_PCB"),
         peak(r["http-page-3851", "chip"], "IGMP_GROUP"), r["http-page-3851", "chip"]["frames"]["transmitted"]))
PY
  # The image holds 8 event actions (fw_protocol.h LWIPSIM_FW_EVENT_ACTIONS):
  # a ninth is refused before the chip starts, with one line naming it.
  mkdir "$tmp/nine"
  sed 's|^capture = ../../../|capture = '"$src"'/|' "$src/tests/scenarios/http-page-3851-on-events/scenario.ini" >"$tmp/nine/scenario.ini"
  for i in 1 2 3 4 5 6 7; do echo "on link-up = igmp-join 239.1.1.$((i + 1))" >>"$tmp/nine/scenario.ini"; done
  line=$(grep -n '239.1.1.8' "$tmp/nine/scenario.ini" | cut -d: -f1)
  set +e
  "$lwipsim" replay --target rp2040 --profile $p --scenario "$tmp/nine" --json "$tmp/nine.json" --quiet 2>"$tmp/err"
  rc=$?
  set -e
  want="lwipsim: $tmp/nine/scenario.ini:$line: more than 8 'on EVENT' actions, which the RP2040 image holds (replay it on the host)"
  [ "$rc" = 2 ] && [ "$(cat "$tmp/err")" = "$want" ] || fail "nine 'on EVENT' actions: exit $rc, '$(cat "$tmp/err")'"
  echo "ok nine 'on EVENT' actions: exit 2, one line"
  ;;
pcapng)
  # replay --target rp2040 --pcapng-out: the host keeps the frame path, so
  # the chip's run writes the host runner's pcapng, events included (the
  # chip's, read out of its SRAM before the frame they came before, code
  # addresses named from the image). Byte for byte equal to the host run's:
  # the seed scenario's panic on circuitpython-9.0.5, apsta-mdns (the
  # access point's frames) on circuitpython-10.0.0-alpha.4; read back by
  # tshark as scenario.pcapng does.
  emu="$src/firmware/emu"
  if ! command -v node >/dev/null || [ ! -d "$emu/node_modules/rp2040js" ] || ! command -v tshark >/dev/null; then
    echo "SKIP firmware.pcapng: no node, no $emu/node_modules or no tshark (ci/setup.sh installs them)"
    exit 77
  fi
  for pair in circuitpython-9.0.5:mdns-http-reload:4 circuitpython-10.0.0-alpha.4:apsta-mdns:0; do
    IFS=: read -r p s want <<<"$pair"
    for side in host chip; do
      target=()
      [ $side = chip ] && target=(--target rp2040)
      set +e
      "$lwipsim" replay "${target[@]}" --profile "$p" --scenario "$src/scenarios/$s" --pcapng-out "$tmp/$s.$side.pcapng" \
        --json "$tmp/$s.$side.json" --quiet 2>"$tmp/err"
      rc=$?
      set -e
      [ "$rc" = "$want" ] || { cat "$tmp/err" >&2; fail "$p on $s --pcapng-out: $side run exit $rc, expected $want"; }
    done
    n_if=$(capinfos -I "$tmp/$s.chip.pcapng" 2>/dev/null | grep -c '^Interface #' || true)
    [ "$n_if" = 2 ] || fail "$s: tshark reads $n_if interfaces in the chip's pcapng, expected 2"
    peers=$(json "$tmp/$s.chip.json" 'sum(d["frames"][k] for k in ("injected", "synthetic_arp_replies", "synthetic_nd_replies", "synthetic_acks"))')
    device=$(json "$tmp/$s.chip.json" 'sum(i["transmitted"] for i in d["interfaces"])')
    got=$(tshark -r "$tmp/$s.chip.pcapng" -T fields -e frame.interface_id 2>/dev/null | sort | uniq -c | awk '{ printf "%s:%s ", $2, $1 }')
    [ "$got" = "0:$peers 1:$device " ] || fail "$s: frames per interface in the chip's pcapng '$got', the record says 0:$peers 1:$device"
    for side in host chip; do
      tshark -r "$tmp/$s.$side.pcapng" -T fields -e frame.interface_id -e frame.time_epoch -e frame.len -e frame.comment \
        2>/dev/null >"$tmp/$s.$side.txt"
    done
    cmp -s "$tmp/$s.host.txt" "$tmp/$s.chip.txt" ||
      fail "$s: tshark reads the chip's pcapng differently: $(diff "$tmp/$s.host.txt" "$tmp/$s.chip.txt" | head -4)"
    cmp -s "$tmp/$s.host.pcapng" "$tmp/$s.chip.pcapng" || fail "$s: the chip's pcapng is not the host's byte for byte"
    comments=$(tshark -r "$tmp/$s.chip.pcapng" -T fields -e frame.comment -E aggregator='|' 2>/dev/null | tr '|' '\n' | grep -c ' ms: ' || true)
    [ "$comments" -ge 5 ] || fail "$s: only $comments event comments in the chip's pcapng"
    echo "ok $p on $s: the chip's pcapng = the host's ($(wc -c <"$tmp/$s.chip.pcapng") bytes, $peers frames from the peers, $device from the device, $comments event comments)"
  done
  grep -qF "allocation for mdns_probe_and_announce failed" "$tmp/mdns-http-reload.chip.txt" ||
    fail "mdns-http-reload: the pool failure's comment does not name the function from the image"
  ;;
hardfault)
  # tests/firmware/profiles/fw-hardfault: 9.0.5's options and an IPv4 input
  # hook that executes UDF. On the chip the first IPv4 packet is a HardFault:
  # outcome crash, exit 4, the faulting PC inside the hook, named from the
  # image; the record is whole (never a hang, never a harness error).
  emu="$src/firmware/emu"
  if ! command -v node >/dev/null || [ ! -d "$emu/node_modules/rp2040js" ]; then
    echo "SKIP firmware.hardfault: no node or no $emu/node_modules (ci/setup.sh runs npm ci there)"
    exit 77
  fi
  image=$(awk -F'\t' '$1 == "fw-hardfault" { print $3 }' "$fw/bin/firmware.tsv")
  [ -n "$image" ] && [ -s "$fw/bin/$image" ] || fail "fw-hardfault: no image in $fw/bin/firmware.tsv"
  runner=$(dirname "$lwipsim")/lwipsim-run-circuitpython-9.0.5-lwip2.2.1
  # on the RP2040 also: no host signal, the PC in the image's flash, the run's end at the fault
  check_hardfault fw-hardfault "$runner" "$src" "$fw/bin/$image" "$emu/chip.mjs" rp2040 "$tmp" '
assert c["signal"] is None and int(c["fault_pc"], 16) >= 0x10000000, c
assert 0 <= c["time_ms"] == r["end_time_ms"] < r["duration_ms"], (c["time_ms"], r["end_time_ms"])'
  # A chip that does not get done is stopped by its instruction budget:
  # outcome timeout, exit 7, a whole record (9.0.5 boots in about 0.9 M
  # instructions and panics after 3.1 M).
  set +e
  "$lwipsim" replay --target rp2040 --profile circuitpython-9.0.5 --scenario "$src/scenarios/mdns-http-reload" \
    --target-budget 2000000 --json "$tmp/b.json" --quiet 2>"$tmp/err"
  rc=$?
  set -e
  [ "$rc" = 7 ] || { cat "$tmp/err" >&2; fail "--target-budget 2000000: exit $rc, expected 7 (timeout)"; }
  # the budget is checked after each doorbell: it stops at the first past 2 M
  got=$(json "$tmp/b.json" '(d["outcome"], 2000000 < d["target_run"]["instructions"] < 3000000, d["end_time_ms"] < 10837)')
  [ "$got" = "('timeout', True, True)" ] || fail "--target-budget: (outcome, instructions just past 2 M, stopped before the panic) = $got"
  grep -q "instruction budget" "$tmp/err" || fail "--target-budget: stderr does not say the budget: $(cat "$tmp/err")"
  echo "ok --target-budget 2000000: timeout, exit 7"
  ;;
*) fail "unknown check $what" ;;
esac
