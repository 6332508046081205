#!/usr/bin/env python3
"""Writes a ROS1 bag of raw bgr8 frames with Debian's python3-rosbag (the golden replay's bag variant).

Usage: raw_to_bag.py FRAMES.raw STAMPS.txt WIDTH HEIGHT OUT.bag TOPIC
FRAMES.raw holds the frames back to back (WIDTH*3 bytes a row, no padding); STAMPS.txt one stamp in ns a line.
"""
import sys

import rosbag
import rospy
from sensor_msgs.msg import Image

raw, stamps, width, height, out, topic = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], \
    sys.argv[6]
size = width * height * 3
with open(stamps) as f:
    stamp_ns = [int(line) for line in f if line.strip()]
with open(raw, "rb") as frames, rosbag.Bag(out, "w") as bag:
    for i, ns in enumerate(stamp_ns):
        msg = Image()
        msg.header.seq = i
        msg.header.stamp = rospy.Time(ns // 1_000_000_000, ns % 1_000_000_000)
        msg.header.frame_id = "synthetic_camera"
        msg.height, msg.width, msg.encoding, msg.step = height, width, "bgr8", width * 3
        msg.data = frames.read(size)
        if len(msg.data) != size:
            sys.exit("raw_to_bag: %s ends inside frame %d" % (raw, i))
        bag.write(topic, msg, msg.header.stamp)
print("wrote %d" % len(stamp_ns))
