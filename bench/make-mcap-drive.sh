#!/usr/bin/env bash
# Makes the recording of McapDecodeBenchmark: N frames (default 300) of the synthetic drive at 640x480, exported
# as JPEG (bin/triage synth, quality 92), stamped 20 Hz, stored as sensor_msgs/msg/CompressedImage in an MCAP file
# with zstd chunks by the npm @mcap/core writer of the datasets test fixtures (bash scripts/install-deps.sh
# installs it). Usage: bash bench/make-mcap-drive.sh [OUT.mcap] [N] [LAYOUT[,LAYOUT...]]
# Layout ordered goes to OUT.mcap, any other to OUT_LAYOUT.mcap (one synth run for all). LAYOUT: ordered (default: indexed, in log-time order), unindexed (no summary, as a crashed recorder leaves it),
# shuffled (indexed, stored as two writer threads leave it: per 8 frames the odd ones, then the even ones, so
# neighbouring chunks overlap in log time and replay merges them) or shuffled-unindexed (the re-order window sorts it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-/tmp/triage-bench/drive_zstd.mcap}"
N="${2:-300}"
LAYOUTS="${3:-ordered}"
for layout in ${LAYOUTS//,/ }; do
  case "$layout" in ordered|unindexed|shuffled|shuffled-unindexed) ;;
    *) echo "make-mcap-drive.sh: LAYOUT must be ordered, unindexed, shuffled or shuffled-unindexed" >&2; exit 2;; esac
done
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$(dirname "$OUT")"
bash "$ROOT/datasets/src/test/fixtures-npm/install.sh"
"$ROOT/bin/triage" synth --out "$WORK/synth" --frames "$N" --route "urban:$N" >/dev/null
for layout in ${LAYOUTS//,/ }; do
out="$OUT"; [[ "$layout" == ordered ]] || out="${OUT%.mcap}_$layout.mcap"
/usr/bin/python3 - "$WORK/synth/images" "$out" "$WORK/spec.json" "$layout" <<'PY'
import json, os, sys
images, out, spec, layout = sys.argv[1:]
base = 1_700_000_000 * 10**9
msgs = []
for i, name in enumerate(sorted(os.listdir(images))):
    stamp = base + i * 50_000_000
    msgs.append({"topic": "/camera/image_raw/compressed", "type": "sensor_msgs/msg/CompressedImage",
                 "logTime": str(stamp + 2_000_000),
                 "message": {"header": {"stamp": {"sec": stamp // 10**9, "nanosec": stamp % 10**9},
                                        "frame_id": "camera"}, "format": "jpeg"},
                 "dataFile": os.path.join(images, name)})
if layout.startswith("shuffled"):
    msgs = [m for b in range(0, len(msgs), 8) for m in msgs[b + 1:b + 8:2] + msgs[b:b + 8:2]]
json.dump({"mcap": out, "compression": "zstd", "summary": not layout.endswith("unindexed"), "messages": msgs},
          open(spec, "w"))
PY
(cd "$ROOT/datasets/src/test/fixtures-npm" && node write_rosbag2.mjs "$WORK/spec.json")
echo "wrote $out ($(stat -c %s "$out") bytes, $N frames, $layout)"
done
