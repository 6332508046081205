#!/usr/bin/env python3
"""Test publisher: the bytes of image files as sensor_msgs/CompressedImage, in turn, at a fixed rate, with rospy.

Usage: pub_files.py TOPIC FILE... [--rate HZ] [--count N (0 = until killed)] [--frame-id ID] [--format jpeg]
Prints 'published N' when done (a count of 0 runs until SIGINT/SIGTERM).
"""
import argparse
import sys
import time

import rospy
from sensor_msgs.msg import CompressedImage


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("topic")
    ap.add_argument("files", nargs="+")
    ap.add_argument("--rate", type=float, default=20.0)
    ap.add_argument("--count", type=int, default=0)
    ap.add_argument("--frame-id", default="camera")
    ap.add_argument("--format", default="jpeg")
    args = ap.parse_args(rospy.myargv()[1:])

    blobs = []
    for name in args.files:
        with open(name, "rb") as f:
            blobs.append(f.read())
    rospy.init_node("pub_files", anonymous=True)
    pub = rospy.Publisher(args.topic, CompressedImage, queue_size=2)
    period = 1.0 / args.rate
    start = time.time()
    i = 0
    while not rospy.is_shutdown() and (args.count == 0 or i < args.count):
        msg = CompressedImage()
        msg.header.stamp = rospy.Time.now()
        msg.header.frame_id = args.frame_id
        msg.header.seq = i
        msg.format = args.format
        msg.data = blobs[i % len(blobs)]
        pub.publish(msg)
        i += 1
        delay = start + i * period - time.time()
        if delay > 0:
            time.sleep(delay)
        elif delay < -1.0:
            start = time.time() - i * period  # fell behind (busy machine): do not burst
    print("published %d" % i, flush=True)


if __name__ == "__main__":
    sys.exit(main())
