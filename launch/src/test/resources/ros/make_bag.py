#!/usr/bin/env python3
"""Writes a ROS1 bag of N 640x480 rgb8 camera images at RATE Hz on TOPIC, with Debian's python3-rosbag.

Usage: make_bag.py OUT.bag TOPIC N RATE
"""
import sys

import rosbag
import rospy
from sensor_msgs.msg import Image

out, topic, n, rate = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
width, height = 640, 480
row = bytes((x * 255 // (width - 1)) for x in range(width) for _ in range(3))
data = row * height
t0 = rospy.Time.from_sec(1700000000.0)
with rosbag.Bag(out, "w") as bag:
    for i in range(n):
        msg = Image()
        msg.header.seq = i
        msg.header.stamp = t0 + rospy.Duration.from_sec(i / rate)
        msg.header.frame_id = "camera_front"
        msg.height, msg.width, msg.encoding, msg.step = height, width, "rgb8", width * 3
        msg.data = data
        bag.write(topic, msg, msg.header.stamp)
print("wrote %d" % n)
