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
import json
import os
import sys

import cv2
import numpy as np
import rospy
import torch
from sensor_msgs.msg import Image
from vision_msgs.msg import Detection2D, Detection2DArray, ObjectHypothesisWithPose

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "training"))
import common as C  # noqa: E402
import eval_nanodet_sizes as E  # noqa: E402

# the default configuration's files (launch/src/main/resources/config/default.yaml), int8 included, each at its
# sidecar's input size as the default runs it (the int8 detector: 640x384); ~urban_input:=WxH overrides the detector's
GATE_MODEL = "gate_int8"
SCENE_MODELS = {"urban": "nanodet_m_int8", "highway": "highway"}
URBAN_SCORE_THRESHOLD = 0.2
MIN_LANE_POINTS = 4
TO_RGB = {"rgb8": None, "bgr8": cv2.COLOR_BGR2RGB, "bgra8": cv2.COLOR_BGRA2RGB, "rgba8": cv2.COLOR_RGBA2RGB,
          "mono8": cv2.COLOR_GRAY2RGB}
CHANNELS = {"rgb8": 3, "bgr8": 3, "bgra8": 4, "rgba8": 4, "mono8": 1}


class Model:
    """A TorchScript file with its sidecar."""

    def __init__(self, name, size=None):
        with open(os.path.join(REPO, "models", f"{name}.json")) as f:
            self.side = json.load(f)
        self.name = name
        self.size = size or (self.side["input_width"], self.side["input_height"])
        self.net = torch.jit.load(os.path.join(REPO, "models", f"{name}.pt")).eval()

    def __call__(self, rgb):
        x = cv2.resize(rgb, self.size, interpolation=cv2.INTER_LINEAR)
        t = torch.from_numpy(x).permute(2, 0, 1).unsqueeze(0).float().div_(255)
        with torch.no_grad():
            return self.net(t)


class ReferenceNode:
    def __init__(self):
        if rospy.has_param("~threads"):
            torch.set_num_threads(int(rospy.get_param("~threads")))
        rospy.loginfo("torch intra-op threads: %d", torch.get_num_threads())
        torch.backends.quantized.engine = "onednn"   # Debian's torch has no fbgemm (Triage runs FBGEMM in DJL)
        self.gate = Model(GATE_MODEL)
        urban = (tuple(int(v) for v in str(rospy.get_param("~urban_input")).split("x"))
                 if rospy.has_param("~urban_input") else None)
        self.experts = {scene: Model(name, urban if scene == "urban" else None) for scene, name in SCENE_MODELS.items()}
        rospy.loginfo("urban detector input: %dx%d", *self.experts["urban"].size)
        warm = np.zeros((480, 640, 3), np.uint8)
        for _ in range(int(rospy.get_param("~warmup", 20))):
            self.gate(warm)
            for expert in self.experts.values():
                expert(warm)
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
        probs = self.gate(rgb)[0]
        scene = self.gate.side["classes"][int(probs.argmax())]
        expert = self.experts[scene]
        out = expert(rgb)
        w, h = expert.size
        if expert.side["kind"] == "yolo":
            return E.decode(out[0].numpy(), (msg.width / w, msg.height / h, 0.0, 0.0), msg.width, msg.height,
                            URBAN_SCORE_THRESHOLD)
        C.decode_lanes(out[0][0], expert.side["row_anchors"], w, msg.width, msg.height, MIN_LANE_POINTS)
        return []


if __name__ == "__main__":
    rospy.init_node("reference", anonymous=False)
    ReferenceNode()
    rospy.loginfo("reference node ready")
    rospy.spin()
