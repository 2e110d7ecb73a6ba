#!/usr/bin/env bash
# The main job: set up, then run every bundled scenario through every bundled
# profile and print each pool table and outcome.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$repo/build}
"$repo/ci/setup.sh" "$build"
lwipsim=$build/bin/lwipsim
for profile_dir in "$repo"/lwipopts/*/; do
  profile=$(basename "$profile_dir")
  for scenario in "$repo"/scenarios/*/scenario.ini; do
    dir=$(dirname "$scenario")
    echo "== $profile x $(basename "$dir")"
    rc=0
    "$lwipsim" replay --profile "$profile" --scenario "$dir" || rc=$?
    [ "$rc" = 2 ] && exit 2
    echo
  done
done
