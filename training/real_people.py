"""Real people for the urban expert: pseudo-labels from a static-camera pedestrian video and copy-paste composites.

The synthetic generator's pedestrians are drawn shapes; a detector trained only on them finds none of the people in
real street photos. This script turns a real video of walking people into training data, without hand labels:

1. **Harvest** (static camera): the background is the per-pixel median of frames spread over the video (people
   move, the plaza does not). Pixels far from it are foreground; after morphological clean-up every connected
   blob with a person's shape (height/width 1.8-4.5, 40-260 px tall, filled >= 35 %) becomes a pseudo-labelled
   pedestrian box and a sprite (the crop plus its foreground mask as alpha). Blobs that are too wide (groups
   walking together), too small or cut by the frame border become ignore regions, so they teach nothing wrong.
   Every 3rd frame is kept as a whole training frame with those labels.
2. **Compose**: sprites are pasted onto street backgrounds - synthetic urban frames (their labels are kept) and the
   real urban frames of the fixed dev_train split (`training/splits/dev_train.csv`, never dev_val or the
   `pedestrians_street_dev` images, which come whole, see 3) - at heights from 8 % to 70 %
   of the frame, feet below the horizon band, with per-sprite colour jitter, flips and soft mask edges; a share of the
   composites (`--crowd-share`, default 35 %) paste a crowd instead: 3-10 people side by side in 1-3 ranks, sized by
   perspective and overlapping their neighbours, so that adjacent people are not boxed together. People are pasted
   far to near. A labelled object left < 40 % visible by a pasted person becomes an ignore region.
3. **Street people**: the 4 `pedestrians_street_dev` images of dev_train (hand-labelled, eye level) are added as
   whole frames, and their pedestrians (GrabCut masks inside the labelled boxes) are half of the pasted people.
   The dev_val image of that set is never read.

Writes a dataset folder in the exporter's format (labels.jsonl, images/) plus DATA_LIST.txt (inputs, counts,
seed, command). Deterministic for a given seed.

    /usr/bin/python3 training/real_people.py --out training/.data/people
Needs python3-opencv and the OpenCV sample video (`scripts/install-deps.sh --training` installs both).
"""
import argparse
import csv
import json
import os
import sys

import cv2
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402

VIDEO = "/usr/share/doc/opencv-doc/examples/data/vtest.avi"
SHARED = os.path.join(os.path.dirname(C.REPO_DIR), "shared", "data")
DEV_TRAIN = os.path.join(C.TRAINING_DIR, "splits", "dev_train.csv")


# ---------------------------------------------------------------------------------------------------------------
# harvest
# ---------------------------------------------------------------------------------------------------------------
def read_frames(path):
    """Every frame of a video file (BGR); exits naming the file when it cannot be read."""
    cap = cv2.VideoCapture(path)
    if not cap.isOpened():
        sys.exit(f"cannot open video {path} (the default sample video comes with scripts/install-deps.sh --training)")
    frames = []
    while True:
        ok, f = cap.read()
        if not ok:
            break
        frames.append(f)
    if not frames:
        sys.exit(f"no frames decoded from {path}")
    return frames


def foreground_masks(frames, threshold=38):
    bg = np.median(np.stack(frames[::max(1, len(frames) // 60)]), axis=0).astype(np.int16)
    open_k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3))
    close_k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 15))
    for f in frames:
        diff = np.abs(f.astype(np.int16) - bg).max(axis=2)
        m = (diff > threshold).astype(np.uint8) * 255
        m = cv2.morphologyEx(m, cv2.MORPH_OPEN, open_k)
        m = cv2.morphologyEx(m, cv2.MORPH_CLOSE, close_k)
        yield m


def person_blobs(mask):
    """(boxes, ignores) in pixels: person-shaped blobs and the rest worth ignoring."""
    n, lab, stats, _ = cv2.connectedComponentsWithStats(mask, 8)
    H, W = mask.shape
    boxes, ignores = [], []
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        if h < 14 or area < 120:
            continue
        aspect, fill = h / max(w, 1), area / float(w * h)
        at_border = x <= 1 or y <= 1 or x + w >= W - 1 or y + h >= H - 1
        if 1.8 <= aspect <= 4.5 and 40 <= h <= 260 and fill >= 0.35 and not at_border:
            boxes.append((i, x, y, x + w, y + h))
        else:
            ignores.append((x, y, x + w, y + h))
    return lab, boxes, ignores


def harvest(frames, out_dir, every=3, sprite_every=2):
    """Pseudo-labelled whole frames (records) and sprites (list of BGRA crops)."""
    os.makedirs(os.path.join(out_dir, "images"), exist_ok=True)
    records, sprites = [], []
    for k, (frame, mask) in enumerate(zip(frames, foreground_masks(frames))):
        if k < 5:
            continue
        lab, boxes, ignores = person_blobs(mask)
        if k % sprite_every == 0:
            for i, x1, y1, x2, y2 in boxes:
                alpha = (lab[y1:y2, x1:x2] == i).astype(np.uint8) * 255
                alpha = cv2.dilate(alpha, np.ones((3, 3), np.uint8))
                sprites.append(np.dstack([frame[y1:y2, x1:x2], alpha]))
        if k % every == 0:
            name = f"images/vtest_{k:04d}.jpg"
            cv2.imwrite(os.path.join(out_dir, name), frame, [cv2.IMWRITE_JPEG_QUALITY, 92])
            records.append(record(name, frame.shape, [("pedestrian", b[1:]) for b in boxes], ignores,
                                  f"vtest.avi frame {k} (pseudo-labels: background subtraction)"))
    return records, sprites


def record(name, shape, boxes, ignores, source):
    return {"file": name, "scene": "urban", "width": int(shape[1]), "height": int(shape[0]), "source": source,
            "boxes": [{"cls": c, "x1": float(b[0]), "y1": float(b[1]), "x2": float(b[2]), "y2": float(b[3])}
                      for c, b in boxes],
            "ignore": [{"x1": float(b[0]), "y1": float(b[1]), "x2": float(b[2]), "y2": float(b[3])} for b in ignores]}


def street_people(out_dir, repeat):
    """The pedestrians_street_dev images of the fixed dev_train split (hand-labelled visible people, eye level):
    whole frames with their labels (each written `repeat` times with a different JPEG quality, so that they are
    not drowned by the composites) and GrabCut-masked sprites of every pedestrian at least 60 px tall."""
    with open(DEV_TRAIN) as f:
        names = [r["filename"] for r in csv.DictReader(f) if r["filename"].startswith("pedestrians_street_dev/")]
    set_dir = os.path.join(SHARED, "pedestrians_street_dev")
    labels = {}
    with open(os.path.join(set_dir, "boxes.csv")) as f:
        for row in csv.DictReader(f):
            labels.setdefault(row["filename"], []).append(
                (row["class"], tuple(float(row[k]) for k in ("x1", "y1", "x2", "y2"))))
    records, sprites = [], []
    for name in names:
        rel = name[len("pedestrians_street_dev/"):]
        img = cv2.imread(os.path.join(set_dir, rel))
        boxes = [(c, b) for c, b in labels.get(rel, []) if c in ("pedestrian", "cyclist")]
        ignores = [b for c, b in labels.get(rel, []) if c == "DontCare"]
        for k in range(repeat):
            out = f"images/street_{os.path.splitext(os.path.basename(rel))[0]}_{k}.jpg"
            cv2.imwrite(os.path.join(out_dir, out), img, [cv2.IMWRITE_JPEG_QUALITY, 95 - 12 * k])
            records.append(record(out, img.shape, boxes, ignores, f"dev_train {name} (hand labels)"))
        for c, (x1, y1, x2, y2) in boxes:
            x1, y1, x2, y2 = int(max(0, x1)), int(max(0, y1)), int(min(img.shape[1], x2)), int(min(img.shape[0], y2))
            if c != "pedestrian" or y2 - y1 < 60 or x2 - x1 < 12:
                continue
            mask = np.zeros(img.shape[:2], np.uint8)
            bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
            cv2.grabCut(img, mask, (x1, y1, x2 - x1, y2 - y1), bgd, fgd, 4, cv2.GC_INIT_WITH_RECT)
            alpha = np.where((mask == cv2.GC_FGD) | (mask == cv2.GC_PR_FGD), 255, 0).astype(np.uint8)[y1:y2, x1:x2]
            if alpha.mean() > 40:
                sprites.append(np.dstack([img[y1:y2, x1:x2], alpha]))
    return records, sprites


# ---------------------------------------------------------------------------------------------------------------
# compose
# ---------------------------------------------------------------------------------------------------------------
def backgrounds(synthetic_dir, n_synthetic, rng):
    """(image BGR, boxes [(cls, box)], ignores, source) for real dev_train urban frames and synthetic urban ones."""
    out = []
    with open(DEV_TRAIN) as f:
        for row in csv.DictReader(f):
            if row["scene"] != "urban" or row["filename"].startswith("pedestrians_"):  # those come whole
                continue
            img = cv2.imread(os.path.join(SHARED, row["filename"]))
            if img is None:
                continue
            scale = 800.0 / img.shape[1]
            img = cv2.resize(img, (800, int(round(img.shape[0] * scale))), interpolation=cv2.INTER_AREA)
            # unlabelled real people may be present: the pasted ones are the only positives, as in copy-paste papers
            out.append((img, [], [], f"dev_train {row['filename']}"))
    recs = [r for r in C.read_labels(synthetic_dir) if r["scene"] == "urban"]
    for j in rng.choice(len(recs), size=min(n_synthetic, len(recs)), replace=False):
        r = recs[int(j)]
        img = cv2.imread(os.path.join(synthetic_dir, r["file"]))
        boxes = [(b["cls"], (b["x1"], b["y1"], b["x2"], b["y2"])) for b in r["boxes"]]
        ign = [(b["x1"], b["y1"], b["x2"], b["y2"]) for b in r.get("ignore", [])]
        out.append((img, boxes, ign, f"synthetic {r['file']}"))
    return out


def jitter_sprite(sprite, rng):
    rgb = sprite[..., :3].astype(np.float32)
    rgb = rgb * rng.uniform(0.7, 1.3) + rng.uniform(-25, 25)
    rgb = rgb * rng.uniform(0.85, 1.15, size=3)
    if rng.random() < 0.3:  # recolour the clothing a little: shift hue
        hsv = cv2.cvtColor(np.clip(rgb, 0, 255).astype(np.uint8), cv2.COLOR_BGR2HSV)
        hsv[..., 0] = (hsv[..., 0].astype(np.int32) + int(rng.integers(0, 180))) % 180
        rgb = cv2.cvtColor(hsv, cv2.COLOR_HSV2BGR).astype(np.float32)
    out = np.dstack([np.clip(rgb, 0, 255), sprite[..., 3].astype(np.float32)])
    return out[:, ::-1] if rng.random() < 0.5 else out


def visible_fraction(box, cover):
    x1, y1, x2, y2 = box
    area = max(1e-6, (x2 - x1) * (y2 - y1))
    return 1.0 - cover[int(max(0, y1)):int(max(0, y2)), int(max(0, x1)):int(max(0, x2))].sum() / area


def scattered_people(pool, rng, W, H):
    """1-6 people, each at its own random size (8-70 % of the height) and place: (sprite, x1, foot, height)."""
    people = []
    for _ in range(int(rng.integers(1, 7))):
        sp = pool[int(rng.integers(len(pool)))]
        h = max(12, int(float(np.exp(rng.uniform(np.log(0.08), np.log(0.7)))) * H))
        foot = rng.uniform(0.55, 1.08) * H  # feet below the horizon band; may be cut by the bottom edge
        w = h * sp.shape[1] / sp.shape[0]
        people.append((sp, rng.uniform(-0.2 * w, W - 0.8 * w), foot, h))
    return people


def crowd(pool, rng, W, H):
    """3-10 people standing or walking side by side in 1-3 ranks, sized by perspective (height proportional to the
    feet's distance below a horizon row), neighbours overlapping by up to 55 % of a width, as at a crossing or on a
    busy pavement, so that the detector learns to separate adjacent people rather than box them together."""
    horizon = rng.uniform(0.3, 0.55) * H
    foot0 = rng.uniform(0.62, 1.0) * H
    scale = float(np.exp(rng.uniform(np.log(0.1), np.log(0.55)))) * H / (foot0 - horizon)
    people, n = [], int(rng.integers(3, 11))
    ranks = int(rng.integers(1, 4))
    x0 = rng.uniform(-0.1, 0.6) * W
    for rank in range(ranks):
        foot = foot0 - rank * rng.uniform(0.03, 0.08) * H
        h = scale * (foot - horizon)
        x = x0 + rng.uniform(-0.2, 0.4) * h
        for _ in range(max(1, n // ranks)):
            sp = pool[int(rng.integers(len(pool)))]
            w = h * sp.shape[1] / sp.shape[0]
            people.append((sp, x, foot + rng.uniform(-0.02, 0.02) * h, h))
            x += w * rng.uniform(0.45, 1.1)
    return people


def compose_one(bg, pool, rng, crowd_share=0.0):
    img, boxes, ignores, source = bg
    img = img.astype(np.float32).copy()
    H, W = img.shape[:2]
    cover = np.zeros((H, W), np.float32)
    pasted = []
    people = crowd(pool, rng, W, H) if rng.random() < crowd_share else scattered_people(pool, rng, W, H)
    for sprite, left, foot, height in sorted(people, key=lambda p: p[2]):  # far (feet higher) first
        sp = jitter_sprite(sprite, rng)
        h = max(12, int(height))
        w = max(4, int(h * sp.shape[1] / sp.shape[0] * rng.uniform(0.85, 1.15)))
        sp = cv2.resize(sp, (w, h), interpolation=cv2.INTER_LINEAR)
        x1, y1 = int(left), int(foot - h)
        xa, ya, xb, yb = max(0, x1), max(0, y1), min(W, x1 + w), min(H, y1 + h)
        if xb - xa < 4 or yb - ya < 8:
            continue
        crop = sp[ya - y1:yb - y1, xa - x1:xb - x1]
        alpha = cv2.GaussianBlur(crop[..., 3], (3, 3), 0)[..., None] / 255.0
        img[ya:yb, xa:xb] = img[ya:yb, xa:xb] * (1 - alpha) + crop[..., :3] * alpha
        cover[ya:yb, xa:xb] = np.maximum(cover[ya:yb, xa:xb], (alpha[..., 0] > 0.5).astype(np.float32))
        # the visible part of the person is the label, like KITTI boxes cut at the image border
        pasted.append([(xa, ya, xb, yb), (xb - xa) * (yb - ya) / float(w * h)])
    kept, new_ignores = [], list(ignores)
    for cls, b in boxes:
        if visible_fraction(b, cover) >= 0.4:
            kept.append((cls, b))
        else:
            new_ignores.append(b)
    # a pasted person occluded by a later one, or mostly outside the frame, is ignored rather than required
    for i, (b, inside) in enumerate(pasted):
        later = np.zeros_like(cover)
        for b2, _ in pasted[i + 1:]:
            later[b2[1]:b2[3], b2[0]:b2[2]] = 1
        if inside >= 0.4 and visible_fraction(b, later) >= 0.5:
            kept.append(("pedestrian", b))
        else:
            new_ignores.append(b)
    out = np.clip(img, 0, 255).astype(np.uint8)
    if rng.random() < 0.5:  # JPEG artefacts at a random quality
        ok, enc = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(35, 95))])
        out = cv2.imdecode(enc, cv2.IMREAD_COLOR)
    return out, kept, new_ignores, source


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--video", default=VIDEO)
    ap.add_argument("--synthetic", default=os.path.join(C.TRAINING_DIR, ".data", "train"),
                    help="exported synthetic dataset whose urban frames serve as backgrounds")
    ap.add_argument("--out", default=os.path.join(C.TRAINING_DIR, ".data", "people"))
    ap.add_argument("--composites", type=int, default=1500)
    ap.add_argument("--synthetic-backgrounds", type=int, default=600)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--street-repeat", type=int, default=4,
                    help="copies of each dev_train pedestrians_street_dev frame (different JPEG quality)")
    ap.add_argument("--crowd-share", type=float, default=0.35,
                    help="share of composites that paste a crowd (3-10 overlapping people, perspective-sized) "
                         "instead of 1-6 scattered people")
    ap.add_argument("--street-sprite-share", type=float, default=0.5,
                    help="share of pasted people taken from the dev_train street images (the rest from the video)")
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    cv2.setRNGSeed(a.seed)
    os.makedirs(os.path.join(a.out, "images"), exist_ok=True)
    frames = read_frames(a.video)
    records, sprites = harvest(frames, a.out)
    print(f"harvested {len(sprites)} sprites, {len(records)} pseudo-labelled frames "
          f"({sum(len(r['boxes']) for r in records)} boxes) from {a.video}", flush=True)
    street_records, street_sprites = street_people(a.out, a.street_repeat)
    records += street_records
    print(f"{len(street_sprites)} street sprites and {len(street_records)} frames from the dev_train "
          f"pedestrians_street_dev images", flush=True)
    bgs = backgrounds(a.synthetic, a.synthetic_backgrounds, rng)
    for n in range(a.composites):
        pool = street_sprites if street_sprites and rng.random() < a.street_sprite_share else sprites
        img, boxes, ignores, source = compose_one(bgs[int(rng.integers(len(bgs)))], pool, rng, a.crowd_share)
        name = f"images/composite_{n:05d}.jpg"
        cv2.imwrite(os.path.join(a.out, name), img, [cv2.IMWRITE_JPEG_QUALITY, 92])
        records.append(record(name, img.shape, boxes, ignores, f"composite on {source}"))
    with open(os.path.join(a.out, "labels.jsonl"), "w") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    with open(os.path.join(a.out, "DATA_LIST.txt"), "w") as f:
        f.write(f"command: {C.command_line()}\nvideo: {a.video} ({len(frames)} frames)\n"
                f"sprites: {len(sprites)}\nbackgrounds: {len(bgs)} ({a.synthetic_backgrounds} synthetic from "
                f"{a.synthetic}, the rest real urban frames of {DEV_TRAIN} outside pedestrians_street_dev)\n"
                f"frames: {len(records)}\n")
        for r in records:
            f.write(f"{r['file']}\t{r['source']}\t{len(r['boxes'])} boxes\n")
    print(f"wrote {len(records)} frames to {a.out}", flush=True)


if __name__ == "__main__":
    main()
