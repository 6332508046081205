#!/usr/bin/env python3
"""Lock-step peer of the golden replay through the live ROS node: publishes raw bgr8 frames one at a time on TOPIC,
waits for the node's Detection2DArray, LaneArray and SceneContext of that frame (matched by header stamp), and
writes one JSON line per frame in the shape of `triage replay`'s detections.jsonl. Images are stamped with the
time of publishing (a live camera's stamps; the recorded ones would be stale for the node), and the line keeps the
recorded stamp.

Usage: golden_node_peer.py FRAMES.raw STAMPS.txt WIDTH HEIGHT TOPIC OUTPUT_NS CLASSES OUT.jsonl
CLASSES: the node's class names, comma-separated (a detection's hypothesis id indexes them).
"""
import json
import sys
import threading

import rospy
from sensor_msgs.msg import Image
from triage_msgs.msg import LaneArray, SceneContext
from vision_msgs.msg import Detection2DArray

raw, stamps, width, height, topic, ns, classes, out = sys.argv[1:9]
width, height, classes = int(width), int(height), classes.split(",")
size = width * height * 3
with open(stamps) as f:
    stamp_ns = [int(line) for line in f if line.strip()]

received = {"detections": {}, "lanes": {}, "context": {}}
arrived = threading.Condition()


def keep(kind):
    def callback(msg):
        with arrived:
            received[kind][msg.header.stamp.to_nsec()] = msg
            arrived.notify_all()
    return callback


rospy.init_node("golden_peer", anonymous=True, disable_signals=True)
subs = [rospy.Subscriber(ns + "/detections", Detection2DArray, keep("detections")),
        rospy.Subscriber(ns + "/lanes", LaneArray, keep("lanes")),
        rospy.Subscriber(ns + "/context", SceneContext, keep("context"))]
pub = rospy.Publisher(topic, Image, queue_size=1)
deadline = rospy.Time.now() + rospy.Duration(30)
while (pub.get_num_connections() < 1 or any(s.get_num_connections() < 1 for s in subs)) \
        and rospy.Time.now() < deadline:
    rospy.sleep(0.1)


def line(i, live, recorded):
    det, lanes, ctx = (received[k][live] for k in ("detections", "lanes", "context"))
    frame = {"seq": i, "stamp_ns": recorded, "frame_id": ctx.header.frame_id, "scene": ctx.scene,
             "scene_probs": {s: round(p, 4) for s, p in zip(ctx.scenes, ctx.probabilities)},
             "experts": list(ctx.experts_run), "detections": [], "lanes": []}
    for d in det.detections:
        h, b = d.results[0], d.bbox
        frame["detections"].append({"cls": classes[h.id], "score": round(h.score, 4),
                                    "x1": b.center.x - b.size_x / 2, "y1": b.center.y - b.size_y / 2,
                                    "x2": b.center.x + b.size_x / 2, "y2": b.center.y + b.size_y / 2})
    for lane in lanes.lanes:
        frame["lanes"].append([[p.x, p.y] for p in lane.points])
    return json.dumps(frame)


with open(raw, "rb") as frames, open(out, "w") as sink:
    for i, ns_stamp in enumerate(stamp_ns):
        msg = Image()
        msg.header.seq = i
        msg.header.stamp = rospy.Time.now()
        live = msg.header.stamp.to_nsec()
        msg.header.frame_id = "synthetic_camera"
        msg.height, msg.width, msg.encoding, msg.step = height, width, "bgr8", width * 3
        msg.data = frames.read(size)
        pub.publish(msg)
        with arrived:
            if not arrived.wait_for(lambda: all(live in r for r in received.values()), timeout=30):
                sys.exit("golden_node_peer: no complete result for frame %d (stamp %d) within 30 s" % (i, live))
        sink.write(line(i, live, ns_stamp) + "\n")
print("answered %d" % len(stamp_ns))
