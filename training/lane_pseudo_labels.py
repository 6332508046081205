"""Pseudo-labelled lanes from a real highway clip, kept only where they are reliable.

Runs a highway model (TorchScript + sidecar) on every frame of a clip and keeps a lane point as a label only when
  - the model is confident there (the chosen cell's probability >= --min-prob), and
  - it is stable in time: the same slot is found at that row in each of the 2 frames before and after, within
    --max-jitter of the frame width of their median (a lane on a highway moves little in 0.1 s at 25 fps).
A lane keeps its reliable points when they are at least --min-share of its points and at least 4. Records carry
"lanes_partial": every slot and row without a reliable point is ignored by the lane loss (not taught as absent: the
model may simply have missed a lane that is there). Vehicles are not labelled: the
whole frame is an ignore region for the detection loss.

Writes a dataset folder (labels.jsonl with TuSimple-style h_samples/lanes, images/) and DATA_LIST.txt.

    /usr/bin/python3 training/lane_pseudo_labels.py --model models/highway.pt --out training/.data/udacity_lanes
The default clip (udacity_highway_p1/videos/solidWhiteRight.mp4) belongs to the dev_train side of the fixed split.
"""
import argparse
import json
import os
import sys
import warnings

import cv2
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
from real_people import read_frames  # noqa: E402

CLIP = os.path.join(C.SHARED_DATA_DIR, "udacity_highway_p1", "videos", "solidWhiteRight.mp4")


def lane_tracks(model, side, frames):
    """Per frame: [4, R] x in frame pixels (NaN = absent) and [4, R] probability of the chosen cell."""
    W, H, G = side["input_width"], side["input_height"], side["grid_cells"]
    xs, ps = [], []
    cells = (torch.arange(G, dtype=torch.float32) + 0.5)
    for f in frames:
        h, w = f.shape[:2]
        x = C.resize_like_opencv(f[..., ::-1], W, H).float().unsqueeze(0) / 255
        with torch.no_grad():
            probs = model(x)[0][0]                                   # [4, R, G+1]
        present = probs.argmax(-1) != G
        pc = probs[..., :G]
        xcell = (pc * cells).sum(-1) / pc.sum(-1).clamp(min=1e-9)
        xs.append(torch.where(present, xcell * w / G, torch.full_like(xcell, float("nan"))).numpy())
        ps.append(pc.max(-1).values.numpy())
    return np.stack(xs), np.stack(ps)


def reliable_labels(xs, ps, width, min_prob, max_jitter, min_share, k=2):
    """Boolean [T, 4, R] of reliable points (see the module docstring)."""
    T = xs.shape[0]
    ok = np.zeros(xs.shape, bool)
    for t in range(k, T - k):
        window = xs[t - k:t + k + 1]                                 # [2k+1, 4, R]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN (absent) rows
            med = np.nanmedian(window, axis=0)
        stable = np.isfinite(window).all(0) & (np.abs(xs[t] - med) <= max_jitter * width)
        ok[t] = stable & (ps[t] >= min_prob)
    for t in range(T):
        for s in range(4):
            found = np.isfinite(xs[t, s])
            if found.sum() == 0 or ok[t, s].sum() < max(4, min_share * found.sum()):
                ok[t, s] = False
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=os.path.join(C.REPO_DIR, "models", "highway.pt"))
    ap.add_argument("--clip", default=CLIP)
    ap.add_argument("--out", default=os.path.join(C.TRAINING_DIR, ".data", "udacity_lanes"))
    ap.add_argument("--every", type=int, default=2, help="keep every Nth frame")
    ap.add_argument("--min-prob", type=float, default=0.3)
    ap.add_argument("--max-jitter", type=float, default=0.012)
    ap.add_argument("--min-share", type=float, default=0.8)
    a = ap.parse_args()
    torch.set_num_threads(2)
    side_path = os.path.splitext(a.model)[0] + ".json"
    with open(side_path) as f:
        side = json.load(f)
    frames = read_frames(a.clip)
    model = torch.jit.load(a.model).eval()
    xs, ps = lane_tracks(model, side, frames)
    h, w = frames[0].shape[:2]
    ok = reliable_labels(xs, ps, w, a.min_prob, a.max_jitter, a.min_share)
    rows = [int(round(fr * h)) for fr in side["row_anchors"]]
    os.makedirs(os.path.join(a.out, "images"), exist_ok=True)
    records, kept_lanes = [], 0
    for t in range(0, len(frames), a.every):
        lanes = [[float(round(xs[t, s, r], 1)) if ok[t, s, r] else -2 for r in range(len(rows))] for s in range(4)]
        n = sum(1 for ln in lanes if any(x >= 0 for x in ln))
        if n == 0:
            continue
        kept_lanes += n
        name = f"images/{os.path.splitext(os.path.basename(a.clip))[0]}_{t:04d}.jpg"
        cv2.imwrite(os.path.join(a.out, name), frames[t], [cv2.IMWRITE_JPEG_QUALITY, 95])
        records.append({"file": name, "scene": "highway", "width": w, "height": h, "boxes": [],
                        "ignore": [{"x1": 0, "y1": 0, "x2": w, "y2": h}], "h_samples": rows, "lanes": lanes, "lanes_partial": True,
                        "source": f"{a.clip} frame {t} (pseudo-labels of {a.model})"})
    with open(os.path.join(a.out, "labels.jsonl"), "w") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    with open(os.path.join(a.out, "DATA_LIST.txt"), "w") as f:
        f.write(f"command: {C.command_line()}\nclip: {a.clip} ({len(frames)} frames)\nmodel: {a.model} "
                f"(sha256 {C.sha256(a.model)})\nframes: {len(records)}, lanes kept: {kept_lanes}\n")
        for r in records:
            f.write(f"{r['file']}\t{r['source']}\n")
    print(f"{len(records)} frames, {kept_lanes} reliable lanes written to {a.out}")


if __name__ == "__main__":
    main()
