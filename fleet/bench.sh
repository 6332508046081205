#!/usr/bin/env bash
# Fleet throughput bench (not a test): the same drives through sequential `bin/triage replay` (one JVM per drive, as a
# user would script it) and through `bin/triage fleet` with 1 and 2 local executor cores. Prints one line per run:
# wall time and CPU time (user + sys of the whole JVM, children included), which other load on the machine
# disturbs less than wall time.
# Usage: fleet/bench.sh DRIVES_DIR [OUT_DIR]     (DRIVES_DIR: recordings only)
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DRIVES="${1:?usage: fleet/bench.sh DRIVES_DIR [OUT_DIR]}"
OUT="${2:-/tmp/triage-fleet-bench}"
rm -rf "$OUT" && mkdir -p "$OUT"
"$HOME_DIR/bin/triage" --version >/dev/null   # build first, outside the timings
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

for f in "$DRIVES"/*; do
  /usr/bin/time -a -o "$OUT/replay.times" -f "%e %U %S" \
    "$HOME_DIR/bin/triage" replay "$f" --out "$OUT/replay/$(basename "$f")" --no-video > /dev/null
done
/usr/bin/python3 - "$OUT" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
frames = sum(json.loads((d / 'summary.json').read_text())['frames_processed'] for d in (out / 'replay').iterdir())
runs = [list(map(float, l.split())) for l in (out / 'replay.times').read_text().split('\n') if l.strip()]
wall, cpu = sum(r[0] for r in runs), sum(r[1] + r[2] for r in runs)
print(f"sequential replay ({len(runs)} JVMs): {frames} frames, wall {wall:.1f} s = {frames / wall:.2f} frames/s, "
      f"CPU {cpu:.1f} s = {1000 * cpu / frames:.1f} ms/frame")
PY

for n in 1 2; do
  /usr/bin/time -o "$OUT/fleet-$n.times" -f "%e %U %S" \
    "$HOME_DIR/bin/triage" fleet "$DRIVES" --out "$OUT/fleet-$n" --master "local[$n]" > /dev/null 2>&1
  /usr/bin/python3 - "$OUT" "$n" <<'PY'
import json, pathlib, sys
out, n = pathlib.Path(sys.argv[1]), sys.argv[2]
s = json.loads((out / f'fleet-{n}' / 'fleet_summary.json').read_text())
wall, user, sys_ = map(float, (out / f'fleet-{n}.times').read_text().split())
cpu = user + sys_
print(f"fleet local[{n}]: {s['frames']} frames, wall {wall:.1f} s = {s['frames'] / wall:.2f} frames/s, "
      f"CPU {cpu:.1f} s = {1000 * cpu / s['frames']:.1f} ms/frame; job {s['job_seconds']:.1f} s {s['job_phases_s']}; "
      f"replay time in tasks {s['task_seconds']:.1f} s; model loads {s['model_loads_by_executor']}; "
      f"latency p50/p99 {s['latency_ms']['p50']:.1f}/{s['latency_ms']['p99']:.1f} ms")
PY
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
