#!/usr/bin/python3
"""Writes a ROS1 bag with Debian's rosbag API from the PNG frames of a folder (test helper).

Usage: write_bag.py OUT.bag FRAMES_DIR [--compression none|lz4|bz2] [--stream TOPIC:KIND:FORMAT ...]
                    [--chatter] [--zero-stamps] [--chunk-threshold BYTES] [--speed TOPIC:float32|odometry ...]

Frame i is stamped 1700000000 s + i * 100 ms in its header and recorded 5 ms later; every stream gets every frame.
--chatter writes a std_msgs/String on /chatter before the first image; --zero-stamps leaves the header stamps 0.
--speed writes a speed with every frame: std_msgs/Float32 data = 10 + i / 2 m/s, or nav_msgs/Odometry with
twist.twist.linear = (3, 4, 0) * (2 + i / 10) (so 5 * (2 + i / 10) m/s) stamped like the frame.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import rosbag  # noqa: E402
import rospy  # noqa: E402
from std_msgs.msg import String  # noqa: E402

from frames_to_ros import frame_files, to_message  # noqa: E402

BASE_NS = 1700000000 * 10**9


def speed_message(kind, i, stamp):
    if kind == 'float32':
        from std_msgs.msg import Float32
        return Float32(data=10 + i / 2)
    from nav_msgs.msg import Odometry
    odom = Odometry()
    odom.header.stamp = stamp
    odom.header.frame_id = 'odom'
    odom.child_frame_id = 'base_link'
    odom.pose.pose.orientation.w = 1.0
    odom.twist.twist.linear.x = 3 * (2 + i / 10)
    odom.twist.twist.linear.y = 4 * (2 + i / 10)
    return odom


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('out')
    ap.add_argument('frames')
    ap.add_argument('--compression', default='none', choices=['none', 'bz2', 'lz4'])
    ap.add_argument('--stream', action='append', default=[])
    ap.add_argument('--chatter', action='store_true')
    ap.add_argument('--zero-stamps', action='store_true')
    ap.add_argument('--chunk-threshold', type=int, default=768 * 1024)
    ap.add_argument('--speed', action='append', default=[])
    a = ap.parse_args()
    with rosbag.Bag(a.out, 'w', compression=a.compression, chunk_threshold=a.chunk_threshold) as bag:
        if a.chatter:
            bag.write('/chatter', String(data='hello'), rospy.Time(nsecs=BASE_NS - 10**9))
        for i, path in enumerate(frame_files(a.frames)):
            stamp_ns = BASE_NS + i * 100 * 10**6
            header_stamp = rospy.Time() if a.zero_stamps else rospy.Time(nsecs=stamp_ns)
            for spec in a.stream:
                topic, kind, fmt = spec.split(':')
                bag.write(topic, to_message(path, kind, fmt, i, header_stamp), rospy.Time(nsecs=stamp_ns + 5 * 10**6))
            for spec in a.speed:
                topic, kind = spec.split(':')
                bag.write(topic, speed_message(kind, i, header_stamp), rospy.Time(nsecs=stamp_ns + 5 * 10**6))
    print('wrote', a.out)


if __name__ == '__main__':
    main()
