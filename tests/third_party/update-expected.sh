#!/bin/sh
# Regenerates tests/expected/third-party/*.json from this build's lwipsim:
# the same replay and the same filtering (record_filter.c) as the
# scenario.third_party test. Review `git diff tests/expected` before committing.
#   tests/third_party/update-expected.sh [BUILD_DIR] [--only NAME]
# The shared captures must be at <repo>/../shared/captures or in
# $LWIPSIM_SHARED_CAPTURES.
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
build=$repo/build
case "${1:-}" in
"" | -*) ;;
*) build=$1; shift ;;
esac
cmake --build "$build" --target lwipsim_third_party lwipsim >/dev/null
mkdir -p "$repo/tests/expected/third-party"
exec "$build/tests/third_party/lwipsim_third_party" --update \
  --lwipsim "$build/bin/lwipsim" \
  --scenarios "$repo/scenarios/third-party" \
  --expected "$repo/tests/expected/third-party" "$@"
