"""Reference outputs of the shipped models for the Java parity test (models/parity.json).

Python torch and DJL's libtorch must compute the same function from the same TorchScript file. They did not on an
AVX-512 AMD CPU (oneDNN's AVX-512 convolutions gave wrong results until DNNL_MAX_CPU_ISA=AVX2 was set), and nothing
but a replay accuracy drop showed it. This script runs every shipped model on a fixed analytic input that Java
rebuilds bit for bit, and records each output's shape, sum, absolute sum and 64 evenly spaced values, plus the
model file's sha256. `inference/src/test/.../ShippedModelParityTest` compares DJL's outputs against them.

It also pins training to serving on real frames (`real_frames` in parity.json, when ../shared/data is there): the
training-side preprocessing (`common.resize_like_opencv`, RGB [0, 1]) of each frame at each model's input size, the
gate's probabilities, and the detections and lanes that the training-side decoders (`eval_nanodet_sizes.decode`,
`common.decode_lanes`) make of the model outputs. `launch/src/test/.../RealFrameParityTest` runs the Java
TensorPreprocessor, gate and experts on the same files and asserts the same tensors, probabilities, detections and
lanes within stated tolerances.

    /usr/bin/python3 training/parity_reference.py          # after any change to models/*.pt
"""
import hashlib
import json
import math
import os
import sys

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
import eval_nanodet_sizes as E  # noqa: E402

# Real frames (paths relative to ../shared/data) and what each pins: the gate on both, the urban detector on the
# street photo, the highway expert's lanes on the TuSimple frame. Float files only (the quality profile's): the
# default's int8 files differ between Python's and DJL's int8 kernels by more than this check's tolerances (see
# INT8_RELATIVE_TOLERANCE). Thresholds as in the default configuration.
REAL_FRAMES = {
    "pedestrians_street_dev/images/mmtrack_demo_f0.png": ("gate", "nanodet_m"),
    "tusimple_highway_lanes_dev/tusimple_test_unlabeled/0.jpg": ("gate", "highway"),
}
# the float detector serves the quality profile (launch/src/main/resources/config/profiles/quality.yaml) at 640x384
REAL_FRAME_INPUT = {"nanodet_m": (640, 384)}
URBAN_SCORE_THRESHOLD = 0.2   # launch/src/main/resources/config/default.yaml, experts.urban.score_threshold
MIN_LANE_POINTS = 4           # experts.highway.min_lane_points
CONTINUE_LANES = True         # experts.highway.continue_lanes

MODELS = ("gate", "gate_int8", "urban", "highway", "nanodet_m", "nanodet_m_int8")
SAMPLES = 64
# Relative tolerances for int8 files in ShippedModelParityTest (float files use the test's 2e-3 for both): DJL's x86
# int8 kernels and Debian torch's oneDNN ones round the requantisation differently. Measured on nanodet_m_int8 at
# its 512x320 input (2026-12-06): worst sampled value 0.081 relative (0.65 px of a box centre 8 px from the corner;
# 1.1 px at 21 px), sums 2.6e-4. Values: twice the worst; sums: 1e-2, which a wrong kernel would not meet.
INT8_RELATIVE_TOLERANCE = 0.16
INT8_SUM_RELATIVE_TOLERANCE = 0.01
# Java: ShippedModelParityTest.input(); keep the two in step
INPUT_FORMULA = "x[c][i][j] = 0.5 + 0.45 * sin(0.083 * i + 0.061 * j + 1.7 * c) * cos(0.019 * i * (c + 1) - 0.031 * j)"


def analytic_input(height, width):
    i = torch.arange(height, dtype=torch.float64).view(1, height, 1)
    j = torch.arange(width, dtype=torch.float64).view(1, 1, width)
    c = torch.arange(3, dtype=torch.float64).view(3, 1, 1)
    x = 0.5 + 0.45 * torch.sin(0.083 * i + 0.061 * j + 1.7 * c) * torch.cos(0.019 * i * (c + 1) - 0.031 * j)
    return x.float().unsqueeze(0)


def summary(t):
    flat = t.detach().double().reshape(-1)
    idx = [int(k * (flat.numel() - 1) / (SAMPLES - 1)) for k in range(SAMPLES)]
    return {"shape": list(t.shape), "sum": float(flat.sum()), "abs_sum": float(flat.abs().sum()),
            "indices": idx, "values": [float(flat[k]) for k in idx]}


def main():
    torch.set_num_threads(1)
    torch.backends.quantized.engine = "onednn"   # int8 files (Debian's torch has no fbgemm; DJL repacks for its own)
    out = {"input": INPUT_FORMULA, "generated_by": C.command_line(), "torch": torch.__version__, "models": {}}
    for name in MODELS:
        pt = os.path.join(C.REPO_DIR, "models", f"{name}.pt")
        with open(os.path.join(C.REPO_DIR, "models", f"{name}.json")) as f:
            side = json.load(f)
        w, h = side["input_width"], side["input_height"]
        model = torch.jit.load(pt).eval()
        with torch.no_grad():
            res = model(analytic_input(h, w))
        outs = list(res) if isinstance(res, (tuple, list)) else [res]
        with open(pt, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        out["models"][name] = {"file": f"{name}.pt", "sha256": digest, "input_width": w, "input_height": h,
                               "outputs": [summary(o) for o in outs]}
        if side.get("precision") == "int8":
            out["models"][name]["relative_tolerance"] = INT8_RELATIVE_TOLERANCE
            out["models"][name]["sum_relative_tolerance"] = INT8_SUM_RELATIVE_TOLERANCE
        print(f"{name}: {[o.shape for o in outs]} sums {[round(summary(o)['sum'], 4) for o in outs]}")
    assert not any(math.isnan(v["sum"]) for m in out["models"].values() for v in m["outputs"])
    out["real_frames"] = real_frames()
    with open(os.path.join(C.REPO_DIR, "models", "parity.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


def real_frames():
    """{path: {model: {"input": summary, and "probabilities" | "detections" | "lanes"}}}; {} without shared data."""
    frames = {}
    for rel, models in REAL_FRAMES.items():
        path = os.path.join(C.SHARED_DATA_DIR, rel)
        if not os.path.isfile(path):
            print(f"real frames skipped: {path} missing")
            return {}
        with Image.open(path) as im:
            rgb = np.asarray(im.convert("RGB"))
        frame_h, frame_w = rgb.shape[:2]
        entry = {}
        for name in models:
            with open(os.path.join(C.REPO_DIR, "models", f"{name}.json")) as f:
                side = json.load(f)
            w, h = REAL_FRAME_INPUT.get(name, (side["input_width"], side["input_height"]))
            x = C.resize_like_opencv(rgb, w, h).float().unsqueeze(0) / 255
            with torch.no_grad():
                res = torch.jit.load(os.path.join(C.REPO_DIR, "models", f"{name}.pt")).eval()(x)
            item = {"input_width": w, "input_height": h, "input": summary(x)}
            if name == "gate":
                item["probabilities"] = dict(zip(side["classes"], [round(float(p), 6) for p in res[0]]))
            elif name.startswith("nanodet_m"):
                dets = E.decode(res[0].numpy(), (frame_w / w, frame_h / h, 0.0, 0.0), frame_w, frame_h,
                                URBAN_SCORE_THRESHOLD)
                item["detections"] = [{"cls": E.DET[d[0]], "score": round(d[1], 5),
                                       "box": [round(v, 2) for v in d[2:]]} for d in dets]
            else:
                lanes = C.decode_lanes(res[0][0], side["row_anchors"], w, frame_w, frame_h, MIN_LANE_POINTS,
                                         CONTINUE_LANES)
                item["lanes"] = [{"slot": slot, "points": [[round(float(px), 2), round(float(py), 2)] for px, py in pts]}
                                 for slot, pts in enumerate(lanes) if pts is not None]
            entry[name] = item
        frames[rel] = entry
        print(f"{rel}: " + ", ".join(f"{k}: {len(v.get('detections', v.get('lanes', v.get('probabilities'))))}"
                                    for k, v in entry.items()))
    return frames


if __name__ == "__main__":
    main()
