#!/usr/bin/python3
"""Publishes the PNG frames of a folder on a ROS topic once a subscriber (rosbag record) is connected (test helper).

Usage: publish_frames.py FRAMES_DIR TOPIC KIND FORMAT [--rate HZ] [--wait-s S]
Environment: ROS_MASTER_URI, ROS_IP (127.0.0.1), ROS_HOME, ROS_LOG_DIR. Header stamps are the wall time at publishing.
Prints 'published N' and exits 0, or exits 2 when no subscriber connected in time.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import rospy  # noqa: E402
from sensor_msgs.msg import CompressedImage, Image  # noqa: E402

from frames_to_ros import frame_files, to_message  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('frames')
    ap.add_argument('topic')
    ap.add_argument('kind', choices=['raw', 'compressed'])
    ap.add_argument('format')
    ap.add_argument('--rate', type=float, default=20.0)
    ap.add_argument('--wait-s', type=float, default=30.0)
    a = ap.parse_args(rospy.myargv()[1:])
    rospy.init_node('triage_test_publisher', anonymous=True, disable_signals=True)
    pub = rospy.Publisher(a.topic, Image if a.kind == 'raw' else CompressedImage, queue_size=100)
    deadline = time.monotonic() + a.wait_s
    while pub.get_num_connections() < 1:
        if time.monotonic() > deadline:
            print('no subscriber on', a.topic, file=sys.stderr)
            sys.exit(2)
        time.sleep(0.05)
    time.sleep(0.5)
    files = frame_files(a.frames)
    for i, path in enumerate(files):
        pub.publish(to_message(path, a.kind, a.format, i, rospy.Time.now()))
        time.sleep(1.0 / a.rate)
    time.sleep(1.0)
    print('published', len(files), flush=True)
    rospy.signal_shutdown('done')


if __name__ == '__main__':
    main()
