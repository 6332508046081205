"""Writes a small fake dataset in the CONTRACTS.md export layout, for testing the training scripts without the
Java exporter. Not for shipping models.

    /usr/bin/python3 training/fake_data.py --out /tmp/fake_train --frames 200 --seed 1
"""
import argparse
import json
import os

import numpy as np
from PIL import Image, ImageDraw


def lane_x(y, x_bottom, vx, vy, H):
    """Straight line from (x_bottom, H) towards the vanishing point (vx, vy)."""
    return vx + (x_bottom - vx) * (y - vy) / (H - vy)


def frame(rng, i, W=640, H=480):
    highway = rng.random() < 0.5
    sky = tuple(int(c) for c in rng.integers(120, 220, 3))
    img = Image.new("RGB", (W, H), sky)
    d = ImageDraw.Draw(img)
    vy = int(H * rng.uniform(0.38, 0.45))
    vx = W / 2 + rng.uniform(-40, 40)
    d.rectangle([0, vy, W, H], fill=(70, 70, 75) if highway else (90, 85, 80))
    h_samples = list(range(int(H * 0.4) // 10 * 10, H, 10))
    lanes = [[-2] * len(h_samples) for _ in range(4)]
    lane_w = rng.uniform(300, 420)
    bottoms = [W / 2 + rng.uniform(-60, 60) + k * lane_w for k in (-1.5, -0.5, 0.5, 1.5)]
    present = [rng.random() < 0.8, True, True, rng.random() < 0.8] if highway else \
        ([False, rng.random() < 0.5, rng.random() < 0.5, False])
    for s in range(4):
        if not present[s]:
            continue
        xb = bottoms[s]
        pts = [(lane_x(y, xb, vx, vy, H), y) for y in range(vy + 5, H, 4)]
        d.line(pts, fill=(240, 240, 240), width=5)
        for k, y in enumerate(h_samples):
            x = lane_x(y, xb, vx, vy, H)
            if y > vy + 5 and 0 <= x < W:
                lanes[s][k] = round(float(x), 1)
    if not highway:
        for _ in range(int(rng.integers(2, 5))):  # buildings
            x0 = rng.uniform(0, W)
            d.rectangle([x0, rng.uniform(50, vy), x0 + rng.uniform(40, 150), vy + 20],
                        fill=tuple(int(c) for c in rng.integers(60, 200, 3)))
    boxes, ignore = [], []
    n = int(rng.integers(1, 6)) if not highway else int(rng.integers(0, 3))
    for _ in range(n):
        cls = rng.choice(["pedestrian", "cyclist", "vehicle"], p=[0.6, 0.15, 0.25]) if not highway else "vehicle"
        yb = rng.uniform(vy + 20, H)
        scale = (yb - vy) / (H - vy)
        if cls == "vehicle":
            w, h = 160 * scale, 110 * scale
            col = tuple(int(c) for c in rng.integers(0, 255, 3))
        elif cls == "cyclist":
            w, h = 50 * scale, 150 * scale
            col = (200, 40, 40)
        else:
            w, h = 35 * scale, 150 * scale
            col = (30, 30, 140)
        x0 = rng.uniform(0, W - w)
        box = [x0, yb - h, x0 + w, yb]
        if h < 6:
            ignore.append({"x1": box[0], "y1": box[1], "x2": box[2], "y2": box[3]})
            continue
        d.rectangle(box, fill=col)
        d.ellipse([box[0] + w * 0.25, box[1], box[2] - w * 0.25, box[1] + w * 0.5], fill=(220, 180, 150)) \
            if cls != "vehicle" else None
        boxes.append({"cls": str(cls), "x1": round(box[0], 1), "y1": round(box[1], 1), "x2": round(box[2], 1),
                      "y2": round(box[3], 1)})
    arr = np.asarray(img).astype(np.int16) + rng.integers(-8, 8, (H, W, 3))
    img = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    return img, {"scene": "highway" if highway else "urban", "width": W, "height": H, "boxes": boxes,
                 "ignore": ignore, "h_samples": h_samples, "lanes": lanes}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--frames", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    os.makedirs(os.path.join(a.out, "images"), exist_ok=True)
    with open(os.path.join(a.out, "labels.jsonl"), "w") as jl, open(os.path.join(a.out, "labels.csv"), "w") as csv:
        csv.write("filename,scene,source\n")
        for i in range(a.frames):
            img, rec = frame(rng, i)
            name = f"images/{i:06d}.jpg"
            img.save(os.path.join(a.out, name), quality=92)
            jl.write(json.dumps({"file": name, **rec}) + "\n")
            csv.write(f"{name},{rec['scene']},fake\n")


if __name__ == "__main__":
    main()
