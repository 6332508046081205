"""The Python reference's per-frame work (issue 20), shared by the rospy node (rospy_torch_node.py) and the replay
script (replay_clip.py): resize with OpenCV (INTER_LINEAR) to the gate's input, run the gate, take the most likely
scene, resize to that scene's expert input, run the expert and decode its output with the training-side decoders
(`training/eval_nanodet_sizes.decode`, `training/common.decode_lanes`). The default configuration's TorchScript
files, int8 included, each at its sidecar's input size; inputs RGB in [0, 1], CHW (the models normalise
themselves). No gate smoothing or hysteresis, no deadline accounting, the highway expert's vehicle head not decoded:
each simplification makes the reference faster, none slower.
"""
import json
import os
import sys

import cv2
import numpy as np
import torch

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "training"))
import common as C  # noqa: E402
import eval_nanodet_sizes as E  # noqa: E402

# the default configuration's files (launch/src/main/resources/config/default.yaml), int8 included, each at its
# sidecar's input size as the default runs it (the int8 detector: 640x384) unless urban_input overrides the detector's
GATE_MODEL = "gate_int8"
SCENE_MODELS = {"urban": "nanodet_m_int8", "highway": "highway"}
URBAN_SCORE_THRESHOLD = 0.2
MIN_LANE_POINTS = 4


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


class ReferenceWork:
    """Gate, experts and decoders, loaded and warmed up; threads=None keeps torch's default (one per core);
    urban_input (width, height) runs the detector at another size than its sidecar's."""

    def __init__(self, threads=None, warmup=20, urban_input=None):
        if threads is not None:
            torch.set_num_threads(threads)
        self.threads = torch.get_num_threads()
        torch.backends.quantized.engine = "onednn"   # Debian's torch has no fbgemm (Triage runs FBGEMM in DJL)
        self.gate = Model(GATE_MODEL)
        self.experts = {scene: Model(name, urban_input if scene == "urban" else None)
                        for scene, name in SCENE_MODELS.items()}
        warm = np.zeros((480, 640, 3), np.uint8)
        for _ in range(warmup):
            self.gate(warm)
            for expert in self.experts.values():
                expert(warm)

    def detect(self, rgb):
        """Detections (cls, score, x1, y1, x2, y2) of one RGB frame; lanes are decoded, not returned."""
        height, width = rgb.shape[:2]
        probs = self.gate(rgb)[0]
        scene = self.gate.side["classes"][int(probs.argmax())]
        expert = self.experts[scene]
        out = expert(rgb)
        w, h = expert.size
        if expert.side["kind"] == "yolo":
            return E.decode(out[0].numpy(), (width / w, height / h, 0.0, 0.0), width, height, URBAN_SCORE_THRESHOLD)
        C.decode_lanes(out[0][0], expert.side["row_anchors"], w, width, height, MIN_LANE_POINTS)
        return []
