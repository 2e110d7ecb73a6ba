# Shared by the tap tests: skipping with a reason (exit 77, ctest's
# SKIP_RETURN_CODE), failing with one, and reading numbers from run records.

skip() { echo "SKIP: $*"; exit 77; }
# LWIPSIM_TAP_KEEP=DIR keeps a failed test's work folder (its recording and
# records) for a look afterwards: live recordings are not reproducible.
fail() {
  echo "FAIL: $*"
  if [ -n "${LWIPSIM_TAP_KEEP:-}" ] && [ -n "${work:-}" ] && [ -d "$work" ]; then
    mkdir -p "$LWIPSIM_TAP_KEEP" && cp -r "$work" "$LWIPSIM_TAP_KEEP/" && echo "kept $work in $LWIPSIM_TAP_KEEP"
  fi
  exit 1
}

require_live() {
  [ "$(id -u)" = 0 ] || skip "needs root (it makes a network namespace and a TAP device)"
  [ -c /dev/net/tun ] || skip "no /dev/net/tun on this machine (the kernel's tun module)"
  local c
  for c in "$@"; do
    command -v "$c" >/dev/null || skip "$c is not installed (ci/setup.sh installs it)"
  done
}

# json_number FILE KEY: the first "KEY": N in a run record
json_number() {
  grep -o "\"$2\":[[:space:]]*[0-9-]*" "$1" | head -1 | grep -o '[0-9-]*$'
}

# pool_peak FILE POOL: that pool's peak in a run record
pool_peak() {
  awk -v pool="\"$2\"" '
    $0 ~ "\"name\":[ \t]*" pool { found = 1 }
    found && /"peak":/ { gsub(/[^0-9]/, "", $0); print; exit }' "$1"
}

# divergence_reasons FILE: the non-zero divergence reasons of a run record
divergence_reasons() {
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["divergence"]["by_reason"]; print({k: v for k, v in d.items() if v})' "$1"
}
