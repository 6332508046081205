#!/usr/bin/env bash
# Frames per second of lossless replay against replay --throughput on the same source, alternated ROUNDS times
# (the machine may be shared: the load average and process CPU time per frame are printed beside every run).
# Usage: bash bench/throughput-compare.sh [SOURCE] [ROUNDS] [LANES]   (default: synthetic: 2 rounds, one lane a core)
# Prints one Markdown row per run from each run's summary.json "rate" object. When SOURCE is a video file, each round
# also runs the Python reference (bench/reference/replay_clip.py: OpenCV + torch, one frame after another) with one
# torch thread and with two (Debian's torch defaults to one here).
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
  if [ -f "$SOURCE" ]; then
    for threads in 1 2; do
      /usr/bin/python3 "$HOME_DIR/bench/reference/replay_clip.py" "$SOURCE" --threads "$threads" \
        > "$OUT/python-$threads-$round.json"
      /usr/bin/python3 - "$OUT/python-$threads-$round.json" "$round" <<'PY'
import json, sys
r = json.loads(open(sys.argv[1]).read())
print(f"| {sys.argv[2]} | python, {r['threads']} torch thread(s) | 1 | {r['frames']} | {r['wall_s']:.1f} | "
      f"{r['fps']:.1f} | {r['cpu_ms_per_frame']:.1f} | {r['load_average_start']:.1f} / {r['load_average_end']:.1f} |")
PY
    done
  fi
done
echo "Outputs in $OUT"
