#!/usr/bin/env bash
# lwipsim fix (report --fix) on circuitpython-9.0.5 over the seed scenario
# and http-concurrent: SYS_TIMEOUT (panic), TCP_PCB (pool failure) and the
# 4000-byte heap are UNSAFE before. The fix raises all three in one step; the patch applies to the
# bundled header with patch -p1 and with git apply and gives exactly the
# header that was built and run; every run with the fix is ok and neither
# pool is UNSAFE; the defined macro keeps its expression and comment, the
# default one is added in one block. --gate on the fixed result exits 0.
# Then a header whose first fix moves the failure to the heap: two steps.
# usage: test_fix.sh BIN_DIR SRC_DIR
set -uo pipefail
bin=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../common/check_lib.sh"
profile=circuitpython-9.0.5

"$bin/lwipsim" report --fix --gate --profile $profile --scenario "$src/scenarios/mdns-http-reload" \
  --scenario "$src/scenarios/http-concurrent" --out "$work/fix" --build-dir "$work/build" >"$work/out" 2>"$work/err"
rc=$?
check "report --fix --gate: exit (fixed)" 0 $rc
[ $rc = 0 ] || tail -5 "$work/err"
check "one step" "1 step(s); UNSAFE pools: 3 before, 0 with the fix." \
  "$(grep -o '^[0-9] step(s); UNSAFE pools: [0-9]* before, [0-9]* with the fix\.' "$work/fix/fix.md")"
check "SYS_TIMEOUT before and after" "| SYS_TIMEOUT | UNSAFE (size 11, demand 13) | MARGINAL (size 23) |" \
  "$(grep '^| SYS_TIMEOUT |' "$work/fix/fix.md")"
check "TCP_PCB before and after" "| TCP_PCB | UNSAFE (size 5, demand 8) | MARGINAL (size 8) |" \
  "$(grep '^| TCP_PCB |' "$work/fix/fix.md")"
check "every run ok with the fix" "| mdns-http-reload | panic | ok ||| http-concurrent | pool-failure | ok |" \
  "$(grep -E '^\| (mdns-http-reload|http-concurrent) \|' "$work/fix/fix.md" | paste -sd'||')"

# the image's own RAM (from the ELF, in the first report) and the fix's
# target bytes: 12 more SYS_TIMEOUT at 16 B, 3 more TCP_PCB at 164 B and
# 14432 more bytes of MEM_SIZE
image=$(jget "$work/fix/before/report.json" 'r["profiles"][0]["target"]["image_bytes"]')
check "RAM the fix costs" "RAM: +15116 bytes (RP2040 target)." "$(grep -o 'RAM: [^)]*)\.' "$work/fix/fix.md")"
check "the heap raised" "| HEAP | UNSAFE (size 4000, demand 14648) | MARGINAL (size 18432) |" "$(grep '^| HEAP |' "$work/fix/fix.md")"
check "the fix still fits the chip" "RP2040 image with the fix: $((image + 15116)) of 270336 bytes of SRAM (fits)." \
  "$(grep '^RP2040 image with the fix' "$work/fix/fix.md")"

# the patch, applied to a copy of the bundled header, is what was built
mkdir "$work/mine" && cp "$src/lwipopts/$profile/lwipopts.h" "$work/mine/"
(cd "$work/mine" && patch -p1 --quiet <"$work/fix/lwipopts.patch")
check "patch -p1 applies" 0 $?
check "the patched header is the one that ran" same \
  "$(cmp -s "$work/mine/lwipopts.h" "$work/fix/$profile-fix1/lwipopts.h" && echo same || echo differ)"
mkdir "$work/git" && cp "$src/lwipopts/$profile/lwipopts.h" "$work/git/"
(cd "$work/git" && git apply --check "$work/fix/lwipopts.patch")
check "git apply --check" 0 $?
check "the defined macro keeps its style and comment" \
  "+#define MEMP_NUM_SYS_TIMEOUT            (8 + 3 * (LWIP_IPV4 + LWIP_IPV6) + 12) /* N:113, F4 */" \
  "$(grep '^+#define MEMP_NUM_SYS_TIMEOUT' "$work/fix/lwipopts.patch")"
check "lwIP's default is added" "+#define MEMP_NUM_TCP_PCB 8" "$(grep '^+#define MEMP_NUM_TCP_PCB' "$work/fix/lwipopts.patch")"
check "the bundled header is untouched" "" "$(cd "$src" && git status --porcelain -- "lwipopts/$profile" 2>/dev/null)"

# A header whose first fix moves the failure: 9.0.5 with MEM_SIZE just over
# the heap's demand (14648 bytes) is MARGINAL on its heap, until TCP_PCB goes
# from 5 to 8 and the faithful run's heap, fragmented, refuses a copy. The
# second step raises MEM_SIZE to the recommendation.
mkdir "$work/tight"
cp "$src/lwipopts/$profile/profile.ini" "$work/tight/"
sed 's/^#define MEM_SIZE  *4000 .*/#define MEM_SIZE 14848/' "$src/lwipopts/$profile/lwipopts.h" >"$work/tight/lwipopts.h"
"$bin/lwipsim" fix --gate --lwipopts "$work/tight" --scenario "$src/scenarios/mdns-http-reload" \
  --scenario "$src/scenarios/http-concurrent" --out "$work/fix2" --build-dir "$work/build" >/dev/null 2>"$work/err2"
check "two steps: exit" 0 $?
check "two steps" "2 step(s); UNSAFE pools: 2 before, 0 with the fix." \
  "$(grep -o '^[0-9] step(s); UNSAFE pools: [0-9]* before, [0-9]* with the fix\.' "$work/fix2/fix.md")"
check "the heap raised in step 2" "| \`MEM_SIZE\` | 14848 | 18432 | 2 |" "$(grep '^| `MEM_SIZE`' "$work/fix2/fix.md")"
check "step 1 left the heap UNSAFE" "lwipsim fix: step 1: 1 UNSAFE pool(s) left" "$(grep 'step 1:' "$work/err2")"
check "HEAP before and after" "| HEAP | MARGINAL (size 14848, demand 14648) | MARGINAL (size 18432) |" \
  "$(grep '^| HEAP |' "$work/fix2/fix.md")"

"$bin/lwipsim" fix --lwipopts "$work/nosuch" --out "$work/x" >/dev/null 2>"$work/err"
check "a folder that is not there" "2 lwipsim fix: $work/nosuch: No such file or directory" "$? $(cat "$work/err")"
exit $fail
