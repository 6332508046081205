#!/usr/bin/env bash
# Soak benchmark of the ROS node (issue 15): 20 Hz camera, churning peers, rosmaster restarted periodically.
# Usage: scripts/soak.sh [MINUTES (default 60)] [MASTER_RESTART_MINUTES (default 10)]
# Writes launch/target/soak.tsv (a row per 10 s: RSS, threads, fds, images answered, misses, drops) and soak.svg.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
MINUTES="${1:-60}"
RESTART="${2:-10}"
source scripts/runtime-env.sh
mvn -B -q install -DskipTests
mvn -B -ntp verify -pl launch -Dfuzz.skip=true -Dtest=NodeSoakTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtriage.soak.minutes="$MINUTES" -Dtriage.soak.restart.minutes="$RESTART" \
  -Dsurefire.timeout=$(( (${MINUTES%.*} + 5) * 60 ))
echo "soak: launch/target/soak.tsv, launch/target/soak.svg"
