#!/usr/bin/python3
"""Camera stand-in and stopwatch for bench/ros-latency-compare.sh: publishes real frames as sensor_msgs/Image rgb8
at a fixed size and rate on /camera/image_raw, listens to a node's vision_msgs/Detection2DArray topic, and prints
one JSON line with image-in -> detections-out latencies (publish instant to arrival, matched by header stamp; both
nodes copy the input stamp to their output).

    /usr/bin/python3 bench/reference/latency_probe.py --detections /triage/detections --size 1280x720 \
        --frames 150 --warmup 20 --rate 10 --images ../shared/data
"""
import argparse
import csv
import json
import math
import os
import sys
import threading
import time

import cv2
import numpy as np
import rospy
from sensor_msgs.msg import Image
from diagnostic_msgs.msg import DiagnosticArray
from vision_msgs.msg import Detection2DArray

# the node's own figures worth keeping beside the probe's (Triage publishes them on /diagnostics; whole run)
NODE_KEYS = ("latency_ms.end_to_end.p50", "latency_ms.end_to_end.p99", "latency_ms.decode.p50",
             "latency_ms.preprocess.p50", "latency_ms.gate.p50", "latency_ms.expert:urban.p50",
             "latency_ms.expert:highway.p50", "latency_ms.expert:urban.count",
             "latency_ms.expert:urban:under_load.p50", "latency_ms.expert:urban:under_load.count", "frames_dropped",
             "deadline_misses")


def real_frames(data_dir, width, height, limit):
    """The labelled real frames of data_dir (labels.csv order), scaled to width x height, as rgb8 bytes."""
    with open(os.path.join(data_dir, "labels.csv")) as f:
        names = [row["filename"] for row in csv.DictReader(f)][:limit]
    frames = []
    for name in names:
        bgr = cv2.imread(os.path.join(data_dir, name), cv2.IMREAD_COLOR)
        if bgr is None:
            sys.exit(f"latency_probe: cannot read image {os.path.join(data_dir, name)}")
        shrink = bgr.shape[1] > width
        bgr = cv2.resize(bgr, (width, height), interpolation=cv2.INTER_AREA if shrink else cv2.INTER_LINEAR)
        frames.append(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB).tobytes())
    if not frames:
        sys.exit(f"latency_probe: no frames listed in {data_dir}/labels.csv")
    return frames


def percentile(values, q):
    """Nearest-rank percentile."""
    s = sorted(values)
    return s[max(0, math.ceil(q * len(s)) - 1)] if s else float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--detections", required=True)
    ap.add_argument("--image-topic", default="/camera/image_raw")
    ap.add_argument("--size", default="1280x720")
    ap.add_argument("--frames", type=int, default=150)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--rate", type=float, default=10.0)
    ap.add_argument("--images", required=True, help="folder with labels.csv (shared/data)")
    ap.add_argument("--distinct", type=int, default=1000, help="at most this many different frames")
    ap.add_argument("--label", default="")
    ap.add_argument("--connect-timeout", type=float, default=120.0)
    ap.add_argument("--budget-ms", type=float, default=50.0, help="a measured frame answered later than this is late")
    args = ap.parse_args(rospy.myargv()[1:])
    width, height = (int(v) for v in args.size.lower().split("x"))
    frames = real_frames(args.images, width, height, args.distinct)

    rospy.init_node("latency_probe", anonymous=True, disable_signals=True)
    sent = {}
    latencies = []
    lock = threading.Lock()

    def on_detections(msg):
        now = time.monotonic()
        key = (msg.header.stamp.secs, msg.header.stamp.nsecs)
        with lock:
            t0 = sent.pop(key, None)
            if t0 is not None and t0[1]:
                latencies.append((now - t0[0]) * 1000.0)

    node_stats = {}

    def on_diagnostics(msg):
        for status in msg.status:
            for kv in status.values:
                if kv.key in NODE_KEYS:
                    node_stats[kv.key] = kv.value

    rospy.Subscriber("/diagnostics", DiagnosticArray, on_diagnostics, queue_size=10)
    pub = rospy.Publisher(args.image_topic, Image, queue_size=1, tcp_nodelay=True)
    rospy.Subscriber(args.detections, Detection2DArray, on_detections, queue_size=100, tcp_nodelay=True)
    deadline = time.monotonic() + args.connect_timeout
    while pub.get_num_connections() == 0 or not any(
            t == args.detections for t, _ in rospy.get_published_topics()):
        if time.monotonic() > deadline:
            sys.exit(f"latency_probe: no subscriber on {args.image_topic} or no {args.detections} "
                     f"after {args.connect_timeout:.0f} s")
        time.sleep(0.2)
    time.sleep(1.0)

    period = 1.0 / args.rate
    total = args.warmup + args.frames
    start = time.monotonic()
    for i in range(total):
        target = start + i * period
        delay = target - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        msg = Image(height=height, width=width, encoding="rgb8", is_bigendian=0, step=3 * width,
                    data=frames[i % len(frames)])
        msg.header.seq = i
        msg.header.frame_id = "camera"
        stamp = rospy.Time.now()
        msg.header.stamp = stamp
        with lock:
            sent[(stamp.secs, stamp.nsecs)] = (time.monotonic(), i >= args.warmup)
        pub.publish(msg)
    time.sleep(2.5)
    with lock:
        got = list(latencies)
    print(json.dumps({"label": args.label, "size": args.size, "rate_hz": args.rate, "sent": args.frames,
                      "received": len(got), "p50_ms": round(percentile(got, 0.50), 2),
                      "p99_ms": round(percentile(got, 0.99), 2), "max_ms": round(max(got), 2) if got else None,
                      "late": sum(1 for v in got if v > args.budget_ms), "budget_ms": args.budget_ms,
                      "node": node_stats}))
    rospy.signal_shutdown("done")


if __name__ == "__main__":
    main()
