#!/usr/bin/env bash
# The house style (.clang-format) on lwipsim's own C: one line per file that
# is not formatted, and a non-zero exit. `ci/format-check.sh --fix` formats
# them in place.
#
# Left out on purpose: the profiles' lwipopts.h files (lwipopts/,
# tests/profiles/: firmware headers reproduced with their own alignment and
# citations) and the overlay's option lists under sim/stack/port/include
# (column-aligned tables of the preprocessor).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
if ! command -v clang-format >/dev/null; then
  echo "format-check: clang-format not found; install Debian's clang-format (ci/setup.sh does)" >&2
  exit 1
fi
mapfile -t files < <(git ls-files 'sim/*.c' 'sim/*.h' 'tests/*.c' 'tests/*.h' 'bench/*.c' 'bench/*.h' \
  'firmware/*.c' 'firmware/*.h' | grep -v -e '^tests/profiles/' -e '^sim/stack/port/include/')
if [ "${1:-}" = --fix ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
bad=0
for f in "${files[@]}"; do
  if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
    echo "format-check: $f is not in the house style; run ci/format-check.sh --fix"
    bad=1
  fi
done
[ "$bad" = 0 ] && echo "format-check: ${#files[@]} files in the house style (.clang-format)"
exit "$bad"
