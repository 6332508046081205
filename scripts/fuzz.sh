#!/usr/bin/env bash
# Long coverage-guided fuzzing runs (issue 15). Every `mvn verify` already fuzzes each target for 5 s (the fuzz-*
# surefire executions, JAZZER_FUZZ=1) and replays the seeds and committed crashes; this runs them for longer.
# Usage: scripts/fuzz.sh [DURATION (default 10m)] [TARGET...]
#   targets: fuzz-image (perception), fuzz-bag, fuzz-mcap (datasets), fuzz-tcpros, fuzz-xmlrpc, fuzz-http (ros-client)
# A finding is written by Jazzer to the target's src/test/resources/.../<Test>Inputs/<method>/crash-<sha1>: fix the
# cause and commit the file, so that every later test run replays it. Logs: target/fuzz/<target>.log.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DURATION="${1:-10m}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(fuzz-image fuzz-bag fuzz-mcap fuzz-tcpros fuzz-xmlrpc fuzz-http)
declare -A MODULE=([fuzz-image]=perception [fuzz-bag]=datasets [fuzz-mcap]=datasets [fuzz-tcpros]=ros-client [fuzz-xmlrpc]=ros-client [fuzz-http]=ros-client)
source scripts/runtime-env.sh
mkdir -p target/fuzz
mvn -B -q install -DskipTests || exit 2
status=0
printf '%-12s %10s %12s %8s %8s %s\n' target duration inputs exec/s cov findings
for t in "${TARGETS[@]}"; do
  m="${MODULE[$t]:?unknown target $t}"
  log="target/fuzz/$t.log"
  mvn -B -ntp surefire:test@"$t" -pl "$m" -Dfuzz.duration="$DURATION" > "$log" 2>&1 || status=1
  done_line="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1)"
  inputs="$(sed -E 's/^#([0-9]+).*/\1/' <<< "$done_line")"
  rate="$(sed -E 's/.*exec\/s: ([0-9]+).*/\1/' <<< "$done_line")"
  cov="$(sed -E 's/.*cov: ([0-9]+).*/\1/' <<< "$done_line")"
  findings="$(grep -c 'Test unit written to' "$log")"
  printf '%-12s %10s %12s %8s %8s %s\n' "$t" "$DURATION" "${inputs:-?}" "${rate:-?}" "${cov:-?}" "$findings"
done
exit $status
