#!/usr/bin/env bash
# docs/findings.md, finding "ICMPv6 Parameter Problem with no source address":
# lwIP 2.2.1 computes the reply's source through ip_2_ip6() of a NULL pointer
# (icmp6.c:318) when the netif has no IPv6 address. A normal build shows only
# the visible part (the frames are taken in, nothing is sent, the run is ok);
# a build with UBSan (the sanitize or fuzz preset) also reports the null member
# access at icmp6.c:318, which this test then requires.
#
# usage: test_icmp6_no_source.sh BIN_DIR SRC_DIR SANITIZED(0|1)
set -uo pipefail
bin=$1 src=$2 sanitized=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$bin/lwipsim" replay --profile micropython-rp2 --scenario "$src/tests/scenarios/finding-icmp6-no-source" \
  --quiet --json "$T/run.json" 2>"$T/err"
rc=$?
fail=0
[ "$rc" = 0 ] || { echo "FAIL: exit $rc, expected 0 (ok)" >&2; fail=1; }
read -r injected transmitted < <(python3 -c '
import json, sys
f = json.load(open(sys.argv[1]))["frames"]
print(f["injected"], f["transmitted"])' "$T/run.json")
[ "$injected" = 2 ] || { echo "FAIL: $injected frames injected, expected 2" >&2; fail=1; }
[ "$transmitted" = 0 ] || { echo "FAIL: $transmitted frames sent, expected 0 (no source for the reply)" >&2; fail=1; }
if [ "$sanitized" = 1 ]; then
  grep -q "icmp6.c:318:[0-9]*: runtime error: member access within null pointer" "$T/err" ||
    { echo "FAIL: no UBSan report at icmp6.c:318; stderr: $(head -2 "$T/err")" >&2; fail=1; }
fi
[ $fail = 0 ] && echo "ok: 2 frames in, 0 out$([ "$sanitized" = 1 ] && echo ', UBSan: null member access at icmp6.c:318')"
exit $fail
