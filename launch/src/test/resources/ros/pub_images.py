#!/usr/bin/env python3
"""Test publisher: camera images on a topic at a fixed rate, with rospy (Debian's python3-rospy).

Usage: pub_images.py TOPIC [--rate HZ] [--count N] [--width W] [--height H] [--encoding rgb8]
                           [--compressed] [--corrupt] [--frame-id camera] [--wait-subscribers N]
Prints 'published N' when done.
"""
import argparse
import io
import sys
import time

import rospy
from sensor_msgs.msg import CompressedImage, Image


def pattern(width, height, channels):
    row = bytes((x * 255 // max(1, width - 1)) for x in range(width) for _ in range(channels))
    return b"".join(row for _ in range(height))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("topic")
    ap.add_argument("--rate", type=float, default=20.0)
    ap.add_argument("--count", type=int, default=40)
    ap.add_argument("--width", type=int, default=640)
    ap.add_argument("--height", type=int, default=480)
    ap.add_argument("--encoding", default="rgb8")
    ap.add_argument("--compressed", action="store_true")
    ap.add_argument("--corrupt", action="store_true", help="send bytes that are not a JPEG")
    ap.add_argument("--frame-id", default="camera")
    ap.add_argument("--wait-subscribers", type=int, default=1)
    args = ap.parse_args(rospy.myargv()[1:])

    rospy.init_node("pub_images", anonymous=True, disable_signals=True)
    msg_type = CompressedImage if args.compressed else Image
    pub = rospy.Publisher(args.topic, msg_type, queue_size=2)
    deadline = time.time() + 60
    while pub.get_num_connections() < args.wait_subscribers and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)
    channels = {"mono8": 1, "bgra8": 4, "rgba8": 4}.get(args.encoding, 3)
    data = pattern(args.width, args.height, channels)
    period = 1.0 / args.rate
    start = time.time()
    for i in range(args.count):
        stamp = rospy.Time.now()
        if args.compressed:
            msg = CompressedImage()
            msg.header.stamp = stamp
            msg.header.frame_id = args.frame_id
            msg.format = "jpeg"
            msg.data = b"\xff\xd8\xff\xe0 this is not a jpeg" if args.corrupt else data
        else:
            msg = Image()
            msg.header.stamp = stamp
            msg.header.frame_id = args.frame_id
            msg.height, msg.width = args.height, args.width
            msg.encoding = args.encoding
            msg.step = args.width * channels
            msg.data = data
        pub.publish(msg)
        next_at = start + (i + 1) * period
        delay = next_at - time.time()
        if delay > 0:
            time.sleep(delay)
    time.sleep(0.5)
    print("published %d" % args.count, flush=True)
    rospy.signal_shutdown("done")


if __name__ == "__main__":
    sys.exit(main())
