#!/usr/bin/env bash
# ROS 1 latency at real camera sizes, Triage's node against a plain rospy + PyTorch node (issue 20).
#
# A Debian rosmaster on 127.0.0.1 (free port, temporary ROS_HOME); bench/reference/latency_probe.py publishes the
# labelled real frames of ../shared/data scaled to each size as sensor_msgs/Image rgb8 at RATE Hz and times
# image-in -> detections-out; the two nodes (bin/triage node, bench/reference/rospy_torch_node.py, same TorchScript
# files in models/) take turns, ROUNDS rounds per size; the table gives, per node, the median over the rounds of
# each round's p50 and p99, and Triage / reference as the ratio; "late or lost" counts, per round, the measured
# frames answered after the 50 ms budget (from the probe's stamp) or not at all.
#
#   bash bench/ros-latency-compare.sh [--sizes "1280x720 1920x1080"] [--rounds 3] [--frames 150] [--rate 10]
#                                     [--data ../shared/data] [--out FILE.md] [--reference-threads N]
#                                     [--triage-config FILE] [--reference-urban-input WxH] [--under-load]
# The reference node keeps torch's default intra-op threads (one per core) unless --reference-threads is given;
# Triage runs its default configuration (1 torch thread) with under_load_inputs off, so that both nodes do the same
# work on every frame (--under-load keeps the default's smaller detector input for frames short of time, reported by
# the node as expert:urban:under_load); the reference runs the same files at their sidecars' input
# sizes, as the default does (pass --reference-urban-input WxH with a --triage-config that changes the detector's).
# Needs: ros-core rosbash python3-rospy python3-sensor-msgs python3-torch python3-opencv (Debian 12).
# Not part of the test suite (minutes; timing on a shared machine: say what else ran).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZES="1280x720 1920x1080"; ROUNDS=3; FRAMES=150; RATE=10; DATA="$REPO/../shared/data"; OUT=""; REF_ARGS=(); TRIAGE_ARGS=()
UNDER_LOAD=("_under_load_inputs:=false")
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --frames) FRAMES="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --data) DATA="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --reference-threads) REF_ARGS+=("_threads:=$2"); shift 2 ;;
    --reference-urban-input) REF_ARGS+=("_urban_input:=$2"); shift 2 ;;
    --triage-config) TRIAGE_ARGS=("_config:=$(readlink -f "$2")"); shift 2 ;;
    --under-load) UNDER_LOAD=(); shift ;;
    *) echo "ros-latency-compare: unknown argument '$1' (see the header of $0)" >&2; exit 2 ;;
  esac
done
PY=/usr/bin/python3
for need in /usr/bin/rosmaster /usr/lib/genpy/genmsg_py.py; do
  [ -e "$need" ] || { echo "ros-latency-compare: $need missing (apt-get install ros-core rosbash python3-rospy)" >&2; exit 2; }
done
$PY -c "import torch, cv2, rospy" 2>/dev/null || { echo "ros-latency-compare: /usr/bin/python3 lacks torch, cv2 or rospy (apt-get install python3-torch python3-opencv python3-rospy)" >&2; exit 2; }
[ -f "$DATA/labels.csv" ] || { echo "ros-latency-compare: no real frames: $DATA/labels.csv missing (--data DIR)" >&2; exit 2; }

WORK="$(mktemp -d /tmp/ros-latency-compare.XXXXXX)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# vision_msgs is not packaged in Debian: Python classes from the repo's .msg files (as the ROS tests do)
GEN="$WORK/py/vision_msgs/msg"; mkdir -p "$GEN"; : > "$WORK/py/vision_msgs/__init__.py"
$PY /usr/lib/genpy/genmsg_py.py -p vision_msgs -Ivision_msgs:"$REPO/ros-client/src/main/resources/msg/vision_msgs" \
  -Istd_msgs:/usr/share/std_msgs/msg -Igeometry_msgs:/usr/share/geometry_msgs/msg \
  -Isensor_msgs:/usr/share/sensor_msgs/msg -o "$GEN" "$REPO"/ros-client/src/main/resources/msg/vision_msgs/*.msg >/dev/null
$PY /usr/lib/genpy/genmsg_py.py --initpy -p vision_msgs -o "$GEN" >/dev/null

PORT="$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export ROS_MASTER_URI="http://127.0.0.1:$PORT" ROS_IP=127.0.0.1 ROS_HOME="$WORK/ros" ROS_LOG_DIR="$WORK/ros/log"
export PYTHONPATH="$WORK/py${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1
mkdir -p "$ROS_LOG_DIR"
$PY /usr/bin/rosmaster --core -p "$PORT" >"$WORK/rosmaster.log" 2>&1 &
PIDS+=($!)
"$REPO/bin/triage" --help >/dev/null   # builds once, before any timing

start_node() {   # $1 = triage | reference; prints the PID
  if [ "$1" = triage ]; then
    "$REPO/bin/triage" node '~image:=/camera/image_raw' "${TRIAGE_ARGS[@]}" "${UNDER_LOAD[@]}" >"$WORK/$1.log" 2>&1 &
  else
    $PY "$REPO/bench/reference/rospy_torch_node.py" '~image:=/camera/image_raw' "${REF_ARGS[@]}" >"$WORK/$1.log" 2>&1 &
  fi
  echo $!
}

RESULTS="$WORK/results.jsonl"
for size in $SIZES; do
  for round in $(seq 1 "$ROUNDS"); do
    for node in triage reference; do
      pid="$(start_node $node)"; PIDS+=("$pid")
      load="$(cut -d' ' -f1 /proc/loadavg)"
      if ! $PY "$REPO/bench/reference/latency_probe.py" --detections "/$node/detections" --size "$size" \
          --frames "$FRAMES" --rate "$RATE" --images "$DATA" --label "$node" >"$WORK/probe.out" 2>"$WORK/probe.err"; then
        echo "ros-latency-compare: probe failed for $node at $size (logs: $WORK)" >&2; tail -5 "$WORK/probe.err" >&2
        tail -20 "$WORK/$node.log" >&2; exit 3
      fi
      kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
      line="$(tail -1 "$WORK/probe.out")"
      echo "$line" | $PY -c "import json,sys; d=json.load(sys.stdin); d.update(round=$round, load_before=$load, load_after=float(open('/proc/loadavg').read().split()[0])); print(json.dumps(d))" | tee -a "$RESULTS"
    done
  done
done

$PY - "$RESULTS" "$ROUNDS" "$RATE" "${#UNDER_LOAD[@]}" <<'PYEOF' | tee "$WORK/table.md"
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
under_load = "off (the same work as the reference)" if sys.argv[4] != "0" else "as configured (--under-load)"
print(f"\nImage-in -> detections-out, ROS 1 on loopback, rgb8 at {sys.argv[3]} Hz, median over {sys.argv[2]} rounds "
      f"of each round's p50 / p99 (ms); Triage's under-load inputs {under_load}:\n")
print("| size | node | received | p50 | p99 | late or lost | load (1 min) |\n|---|---|---|---|---|---|---|")
for size in dict.fromkeys(r["size"] for r in rows):
    med = {}
    for node in ("triage", "reference"):
        rs = [r for r in rows if r["size"] == size and r["label"] == node]
        med[node] = (statistics.median(r["p50_ms"] for r in rs), statistics.median(r["p99_ms"] for r in rs))
        got = "/".join(str(r["received"]) for r in rs)
        load = f"{min(r['load_before'] for r in rs):.1f}-{max(r['load_after'] for r in rs):.1f}"
        name = "Triage" if node == "triage" else "rospy + torch"
        late = "/".join(str(r["late"] + r["sent"] - r["received"]) for r in rs)
        print(f"| {size} | {name} | {got} of {rs[0]['sent']} | {med[node][0]:.1f} | {med[node][1]:.1f} | {late} | {load} |")
    print(f"| {size} | ratio | | {med['triage'][0] / med['reference'][0]:.2f} | {med['triage'][1] / med['reference'][1]:.2f} | | |")
PYEOF
[ -z "$OUT" ] || cp "$WORK/table.md" "$OUT"
echo "raw results: $RESULTS"
