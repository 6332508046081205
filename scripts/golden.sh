#!/usr/bin/env bash
# Golden replay regression: replays a short synthetic drive and compares it with the committed reference, through
# three paths: the synthetic source, a ROS 1 bag of its frames (replay) and the live ROS node (lock-step rospy peer).
#   bash scripts/golden.sh                  check (also part of the normal test run)
#   bash scripts/golden.sh --update-golden  regenerate launch/src/test/resources/golden/ on purpose; review the diff
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
update=false
for arg in "$@"; do
  case "$arg" in
    --update-golden) update=true ;;
    *) echo "usage: $0 [--update-golden]" >&2; exit 2 ;;
  esac
done
source scripts/runtime-env.sh
mvn -B -q -Dstyle.color=never -DskipTests install
mvn -B -Dstyle.color=never -pl launch surefire:test -Dtest="GoldenReplayTest,GoldenNodeReplayTest" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtriage.golden.update="$update"
