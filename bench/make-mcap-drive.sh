#!/usr/bin/env bash
# Makes the recording of McapDecodeBenchmark: N frames (default 300) of the synthetic drive at 640x480, exported
# as JPEG (bin/triage synth, quality 92), stamped 20 Hz, stored as sensor_msgs/msg/CompressedImage in an MCAP file
# with zstd chunks by the npm @mcap/core writer of the datasets test fixtures (bash scripts/install-deps.sh
# installs it). Usage: bash bench/make-mcap-drive.sh [OUT.mcap] [N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-/tmp/triage-bench/drive_zstd.mcap}"
N="${2:-300}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$(dirname "$OUT")"
bash "$ROOT/datasets/src/test/fixtures-npm/install.sh"
"$ROOT/bin/triage" synth --out "$WORK/synth" --frames "$N" --route "urban:$N" >/dev/null
/usr/bin/python3 - "$WORK/synth/images" "$OUT" "$WORK/spec.json" <<'PY'
import json, os, sys
images, out, spec = sys.argv[1:]
base = 1_700_000_000 * 10**9
msgs = []
for i, name in enumerate(sorted(os.listdir(images))):
    stamp = base + i * 50_000_000
    msgs.append({"topic": "/camera/image_raw/compressed", "type": "sensor_msgs/msg/CompressedImage",
                 "logTime": str(stamp + 2_000_000),
                 "message": {"header": {"stamp": {"sec": stamp // 10**9, "nanosec": stamp % 10**9},
                                        "frame_id": "camera"}, "format": "jpeg"},
                 "dataFile": os.path.join(images, name)})
json.dump({"mcap": out, "compression": "zstd", "messages": msgs}, open(spec, "w"))
PY
(cd "$ROOT/datasets/src/test/fixtures-npm" && node write_rosbag2.mjs "$WORK/spec.json")
echo "wrote $OUT ($(stat -c %s "$OUT") bytes, $N frames)"
