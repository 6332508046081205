"""Evaluates the shipped TorchScript files (models/*.pt + sidecars) on an exported dataset, using only the sidecar
JSON and the decoding of CONTRACTS.md (the same path the Java side takes).

    /usr/bin/python3 training/evaluate.py --val training/.data/val --models models
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402


def load(models, name):
    pt = os.path.join(models, name + ".pt")
    if not os.path.exists(pt):
        return None, None
    with open(os.path.join(models, name + ".json")) as f:
        side = json.load(f)
    return torch.jit.load(pt).eval(), side


@torch.no_grad()
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--val", default=os.path.join(C.TRAINING_DIR, ".data", "val"))
    ap.add_argument("--models", default=os.path.join(C.REPO_DIR, "models"))
    ap.add_argument("--threshold", type=float, default=0.3)
    a = ap.parse_args()
    C.setup(0)
    results = {}

    gate, side = load(a.models, "gate")
    if gate is not None:
        x, recs = C.load_dataset(a.val, side["input_width"], side["input_height"])
        p = torch.cat([gate(x[i:i + 256].float() / 255) for i in range(0, len(recs), 256)])
        y = torch.tensor([side["classes"].index(r["scene"]) for r in recs])
        results["gate"] = {"accuracy": float((p.argmax(1) == y).float().mean()), "frames": len(recs)}

    urban, side = load(a.models, "urban")
    if urban is not None:
        W, H = side["input_width"], side["input_height"]
        x, recs = C.load_dataset(a.val, W, H)
        ev = C.DetectionEval(side["classes"], min_height=C.KITTI_MIN_HEIGHT)
        for i, r in enumerate(recs):
            if r["scene"] != "urban":
                continue
            out = urban(x[i:i + 1].float() / 255)[0]
            dets = C.decode_centernet(out, len(side["classes"]), 0.05, r["width"] / W, r["height"] / H)
            boxes, cls, ign = C.scaled_boxes(r, r["width"], r["height"], side["classes"])
            ev.add(dets, boxes, cls, ign)
        results["urban (urban frames)"] = ev.summary(a.threshold)

    hw, side = load(a.models, "highway")
    if hw is not None:
        W, H = side["input_width"], side["input_height"]
        fr = side["row_anchors"]
        x, recs = C.load_dataset(a.val, W, H)
        le = C.LaneEval()
        de = C.DetectionEval(side["classes"], min_height=C.KITTI_MIN_HEIGHT)
        for i, r in enumerate(recs):
            if r["scene"] != "highway":
                continue
            lanes, det = hw(x[i:i + 1].float() / 255)
            le.add(r, C.decode_lanes(lanes[0], fr, W, r["width"], r["height"]))
            dets = C.decode_centernet(det[0], 1, 0.05, r["width"] / W, r["height"] / H)
            boxes, cls, ign = C.scaled_boxes(r, r["width"], r["height"], side["classes"])
            de.add(dets, boxes, cls, ign)
        results["highway lanes (highway frames)"] = le.summary()
        results["highway vehicles (highway frames)"] = de.summary(a.threshold)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
