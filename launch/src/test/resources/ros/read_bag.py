#!/usr/bin/env python3
"""Reads a recorded bag with Debian's python3-rosbag (message classes built from the definitions stored in the
bag) and prints 'TOPIC TYPE COUNT' per topic, then 'scene SCENE' of the first triage_msgs/SceneContext and
'detections_frame FRAME' of the first Detection2DArray."""
import sys

import rosbag

bag = rosbag.Bag(sys.argv[1])
info = bag.get_type_and_topic_info()
for topic, t in sorted(info.topics.items()):
    print("%s %s %d" % (topic, t.msg_type, t.message_count))
for topic, msg, _ in bag.read_messages():
    if msg._type == "triage_msgs/SceneContext":
        print("scene %s" % msg.scene)
        break
for topic, msg, _ in bag.read_messages():
    if msg._type == "vision_msgs/Detection2DArray":
        print("detections_frame %s" % msg.header.frame_id)
        break
bag.close()
