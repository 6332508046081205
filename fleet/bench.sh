#!/usr/bin/env bash
# Fleet throughput bench (not a test): the same drives through sequential `bin/triage replay` (one JVM per drive, as a
# user would script it) and through `bin/triage fleet` with 1 and 2 local executor cores. Prints one line per run.
# Usage: fleet/bench.sh DRIVES_DIR [OUT_DIR]     (DRIVES_DIR: recordings only; the machine's other load matters)
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DRIVES="${1:?usage: fleet/bench.sh DRIVES_DIR [OUT_DIR]}"
OUT="${2:-/tmp/triage-fleet-bench}"
rm -rf "$OUT" && mkdir -p "$OUT"
"$HOME_DIR/bin/triage" --version >/dev/null   # build first, outside the timings
now() { date +%s.%N; }

start=$(now)
for f in "$DRIVES"/*; do
  "$HOME_DIR/bin/triage" replay "$f" --out "$OUT/replay/$(basename "$f")" --no-video > /dev/null
done
seq_s=$(echo "$(now) - $start" | bc)
/usr/bin/python3 - "$OUT/replay" "$seq_s" <<'PY'
import json, pathlib, sys
frames = sum(json.loads((d / 'summary.json').read_text())['frames_processed'] for d in pathlib.Path(sys.argv[1]).iterdir())
wall = float(sys.argv[2])
print(f"sequential replay: {frames} frames in {wall:.1f} s wall = {frames / wall:.2f} frames/s")
PY

for n in 1 2; do
  start=$(now)
  "$HOME_DIR/bin/triage" fleet "$DRIVES" --out "$OUT/fleet-$n" --master "local[$n]" > /dev/null
  wall=$(echo "$(now) - $start" | bc)
  /usr/bin/python3 - "$OUT/fleet-$n/fleet_summary.json" "$wall" "$n" <<'PY'
import json, sys
s = json.loads(open(sys.argv[1]).read())
wall = float(sys.argv[2])
print(f"fleet local[{sys.argv[3]}]: {s['frames']} frames in {wall:.1f} s wall = {s['frames'] / wall:.2f} frames/s; "
      f"job {s['job_seconds']:.1f} s = {s['frames_per_second']:.2f} frames/s; replay time in tasks {s['task_seconds']:.1f} s; "
      f"model loads {s['model_loads_by_executor']}; latency p50/p99 {s['latency_ms']['p50']:.1f}/{s['latency_ms']['p99']:.1f} ms")
PY
done
