#!/usr/bin/env bash
# Frames per second of lossless replay against replay --throughput on the same source, alternated ROUNDS times
# (the machine may be shared: the load average and process CPU time per frame are printed beside every run).
# Usage: bash bench/throughput-compare.sh [SOURCE] [ROUNDS] [LANES]   (default: synthetic: 2 rounds, one lane a core)
# Prints one Markdown row per run from each run's summary.json "rate" object.
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SOURCE="${1:-synthetic:}"
ROUNDS="${2:-2}"
LANES="${3:-}"
OUT="$(mktemp -d /tmp/triage-throughput.XXXXXX)"
echo "| run | mode | lanes | frames | wall s | frames/s | CPU ms/frame | load avg start/end |"
echo "|---|---|---|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  for mode in lossless throughput; do
    extra=()
    [ "$mode" = throughput ] && extra=("--throughput${LANES:+=$LANES}")
    dir="$OUT/$mode-$round"
    "$HOME_DIR/bin/triage" replay "$SOURCE" --out "$dir" --no-video "${extra[@]}" > "$dir.log" 2>&1 \
      || { echo "replay failed, see $dir.log" >&2; exit 1; }
    /usr/bin/python3 - "$dir/summary.json" "$round" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["rate"]
print(f"| {sys.argv[2]} | {r['mode']} | {r['lanes']} | {r['frames']} | {r['wall_s']:.1f} | {r['fps']:.1f} | "
      f"{r['cpu_ms_per_frame']:.1f} | {r['load_average_start']:.1f} / {r['load_average_end']:.1f} |")
PY
  done
done
echo "Outputs in $OUT"
