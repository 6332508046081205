#!/usr/bin/python3
"""Reference ROS 1 node for the latency comparison of issue 20: what a user could write in an afternoon with rospy
and PyTorch, doing the same work as Triage's node with the same TorchScript files.

For every sensor_msgs/Image on ~image (rgb8, bgr8, bgra8, rgba8, mono8): wrap the bytes with numpy, resize with
OpenCV (INTER_LINEAR, the sampling Triage uses) to the gate's input, run the gate, take the most likely scene, resize
to that scene's expert input, run the expert and decode its output with the training-side decoders (the Python
mirrors of Triage's decoders: `training/eval_nanodet_sizes.decode`, `training/common.decode_lanes`), then publish
vision_msgs/Detection2DArray (noetic layout, the same message as Triage's ~detections) with the input's header.
Input sizes, classes and row anchors come from the models' sidecar json files; inputs are RGB in [0, 1], CHW (the
models normalise themselves). torch keeps its default intra-op threads (one per core), as a plain script would;
~threads:=N sets them (Triage's default is 1).

Simplifications against Triage (each makes this node faster, none slower): no gate smoothing or hysteresis, no
deadline accounting, the highway expert's lanes are decoded but its vehicle head is not.

Run with Debian's interpreter (python3-rospy, python3-torch, python3-opencv) and generated vision_msgs classes on
PYTHONPATH (bench/ros-latency-compare.sh does both):
    /usr/bin/python3 bench/reference/rospy_torch_node.py ~image:=/camera/image_raw
"""
import os
import sys

import cv2
import numpy as np
import rospy
from sensor_msgs.msg import Image
from vision_msgs.msg import Detection2D, Detection2DArray, ObjectHypothesisWithPose

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_work import ReferenceWork  # noqa: E402

TO_RGB = {"rgb8": None, "bgr8": cv2.COLOR_BGR2RGB, "bgra8": cv2.COLOR_BGRA2RGB, "rgba8": cv2.COLOR_RGBA2RGB,
          "mono8": cv2.COLOR_GRAY2RGB}
CHANNELS = {"rgb8": 3, "bgr8": 3, "bgra8": 4, "rgba8": 4, "mono8": 1}


class ReferenceNode:
    def __init__(self):
        threads = int(rospy.get_param("~threads")) if rospy.has_param("~threads") else None
        urban = (tuple(int(v) for v in str(rospy.get_param("~urban_input")).split("x"))
                 if rospy.has_param("~urban_input") else None)
        self.work = ReferenceWork(threads, int(rospy.get_param("~warmup", 20)), urban)
        rospy.loginfo("torch intra-op threads: %d", self.work.threads)
        rospy.loginfo("urban detector input: %dx%d", *self.work.experts["urban"].size)
        self.pub = rospy.Publisher("~detections", Detection2DArray, queue_size=10)
        self.sub = rospy.Subscriber("~image", Image, self.on_image, queue_size=1, buff_size=64 << 20,
                                    tcp_nodelay=True)
        self.errors = 0

    def on_image(self, msg):
        try:
            detections = self.process(msg)
        except (ValueError, KeyError) as e:
            self.errors += 1
            rospy.logwarn("image seq %d (%s): %s", msg.header.seq, msg.header.frame_id, e)
            return
        out = Detection2DArray(header=msg.header)
        for cls, score, x1, y1, x2, y2 in detections:
            d = Detection2D(header=msg.header)
            d.results = [ObjectHypothesisWithPose(id=int(cls), score=float(score))]
            d.bbox.center.x, d.bbox.center.y = (x1 + x2) / 2, (y1 + y2) / 2
            d.bbox.size_x, d.bbox.size_y = x2 - x1, y2 - y1
            out.detections.append(d)
        self.pub.publish(out)

    def process(self, msg):
        channels = CHANNELS[msg.encoding]
        pixels = np.frombuffer(msg.data, np.uint8).reshape(msg.height, msg.step)[:, :msg.width * channels]
        pixels = pixels.reshape(msg.height, msg.width, channels)
        code = TO_RGB[msg.encoding]
        rgb = pixels if code is None else cv2.cvtColor(pixels, code)
        return self.work.detect(rgb)


if __name__ == "__main__":
    rospy.init_node("reference", anonymous=False)
    ReferenceNode()
    rospy.loginfo("reference node ready")
    rospy.spin()
