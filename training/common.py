"""Shared training code for the Triage models: data loading, augmentation, targets, losses, decoding, metrics,
TorchScript export and model cards.

Run everything with /usr/bin/python3 (Debian python3-torch); see training/README.md.
"""
import argparse
import hashlib
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

TRAINING_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_DIR = os.path.dirname(TRAINING_DIR)
CACHE_DIR = os.path.join(TRAINING_DIR, ".data", "cache")
DET_CLASSES = ["pedestrian", "cyclist", "vehicle"]
KITTI_MIN_HEIGHT = 25.0  # px, as the Java DetectionEvaluator
STRIDE = 4
LANE_IGNORE = -100  # row-anchor target that the lane loss skips (torch's cross-entropy ignore_index)


# ----------------------------------------------------------------------------------------------------------------
# reproducibility
# ----------------------------------------------------------------------------------------------------------------
def setup(seed, threads=2):
    torch.set_num_threads(threads)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def status(line):
    """Appends a progress line to /tmp/training_status.txt (for the lead) and prints it."""
    msg = time.strftime("%H:%M:%S ") + line
    print(msg, flush=True)
    try:
        with open("/tmp/training_status.txt", "a") as f:
            f.write(msg + "\n")
    except OSError:
        pass


# ----------------------------------------------------------------------------------------------------------------
# dataset
# ----------------------------------------------------------------------------------------------------------------
def read_labels(data_dir):
    with open(os.path.join(data_dir, "labels.jsonl")) as f:
        return [json.loads(line) for line in f if line.strip()]


def resize_like_opencv(img_u8_hwc, width, height):
    """Bilinear resize without antialiasing, half-pixel centres: the same sampling as OpenCV INTER_LINEAR, which
    the Java TensorPreprocessor uses. Returns a uint8 CHW tensor (RGB)."""
    t = torch.from_numpy(np.array(img_u8_hwc, copy=True)).permute(2, 0, 1).unsqueeze(0).float()
    if t.shape[2] != height or t.shape[3] != width:
        t = F.interpolate(t, size=(height, width), mode="bilinear", align_corners=False)
    return t.round().clamp(0, 255).to(torch.uint8)[0]


def _load_one(args):
    path, width, height = args
    torch.set_num_threads(1)
    with Image.open(path) as im:
        arr = np.asarray(im.convert("RGB"))  # JPEG on disk decodes to RGB (OpenCV wrote it from BGR)
    return resize_like_opencv(arr, width, height).numpy()


def load_dataset(data_dir, width, height, workers=2):
    """Loads (and caches under training/.data/cache) all frames of an exported dataset, resized to width x height.

    Returns (images uint8 tensor [N, 3, H, W] RGB, records list from labels.jsonl)."""
    data_dir = os.path.abspath(data_dir)
    records = read_labels(data_dir)
    st = os.stat(os.path.join(data_dir, "labels.jsonl"))
    key = hashlib.sha1(f"{data_dir}|{st.st_size}|{st.st_mtime_ns}|{width}x{height}".encode()).hexdigest()[:16]
    os.makedirs(CACHE_DIR, exist_ok=True)
    cache = os.path.join(CACHE_DIR, f"{os.path.basename(data_dir)}_{width}x{height}_{key}.npy")
    if os.path.exists(cache):
        arr = np.load(cache, mmap_mode=None)
        if arr.shape[0] == len(records):
            return torch.from_numpy(arr), records
    t0 = time.time()
    jobs = [(os.path.join(data_dir, r["file"]), width, height) for r in records]
    arr = np.empty((len(records), 3, height, width), np.uint8)
    with ProcessPoolExecutor(workers) as ex:
        for i, a in enumerate(ex.map(_load_one, jobs, chunksize=32)):
            arr[i] = a
    np.save(cache, arr)
    print(f"decoded {len(records)} frames from {data_dir} at {width}x{height} in {time.time() - t0:.1f}s", flush=True)
    return torch.from_numpy(arr), records


SHARED_DATA_DIR = os.path.join(os.path.dirname(REPO_DIR), "shared", "data")
STREET_PEOPLE_DIR = os.path.join(SHARED_DATA_DIR, "pedestrians_street_dev")
# the 4 TuSimple-labelled frames (clips 0313-1) are in the fixed dev_train split (training/splits/dev_train.csv)
TUSIMPLE_TRAIN_JSON = os.path.join(SHARED_DATA_DIR, "tusimple_highway_lanes_dev", "tusimple_512x288",
                                   "label_data.json")
# the 2 LaneNet-labelled frames (1280x720 masks) of the same set, in the fixed dev_val split
LANENET_DIR = os.path.join(SHARED_DATA_DIR, "tusimple_highway_lanes_dev", "lanenet_examples")


def load_boxes_csv_set(set_dir, width, height):
    """A real set labelled with boxes.csv (filename,class,x1,y1,x2,y2; DontCare = ignore region), resized to
    width x height like load_dataset. Used for reporting only, never for training. Empty when the set is absent."""
    path = os.path.join(set_dir, "boxes.csv")
    if not os.path.exists(path):
        print(f"note: {path} absent: no real-street evaluation", flush=True)
        return torch.zeros((0, 3, height, width), dtype=torch.uint8), []
    by_file = {}
    with open(path) as f:
        next(f)
        for line in f:
            name, cls, *xyxy = line.strip().split(",")
            box = dict(zip(("x1", "y1", "x2", "y2"), map(float, xyxy)))
            rec = by_file.setdefault(name, {"file": name, "scene": "urban", "boxes": [], "ignore": []})
            (rec["ignore"] if cls == "DontCare" else rec["boxes"]).append({"cls": cls, **box})
    records, images = list(by_file.values()), []
    for r in records:
        with Image.open(os.path.join(set_dir, r["file"])) as im:
            arr = np.asarray(im.convert("RGB"))
        r["height"], r["width"] = arr.shape[:2]
        images.append(resize_like_opencv(arr, width, height))
    return torch.stack(images), records


def load_tusimple_set(json_path, width, height):
    """Frames of a TuSimple label_data.json (raw_file relative to the json's folder), resized to width x height,
    with records in the exporter's lane format: 4 slots (left-left, left, right, right-right), chosen by each
    lane's x on its lowest labelled row relative to the frame centre. Empty when the file is absent."""
    if not os.path.exists(json_path):
        print(f"note: {json_path} absent: no real lane frames", flush=True)
        return torch.zeros((0, 3, height, width), dtype=torch.uint8), []
    images, records = [], []
    with open(json_path) as f:
        for line in f:
            if not line.strip():
                continue
            j = json.loads(line)
            with Image.open(os.path.join(os.path.dirname(json_path), j["raw_file"])) as im:
                arr = np.asarray(im.convert("RGB"))
            h, w = arr.shape[:2]
            records.append(_lane_record(j["raw_file"], w, h, j["h_samples"], j["lanes"]))
            images.append(resize_like_opencv(arr, width, height))
    return torch.stack(images), records


def _lane_record(name, w, h, h_samples, lanes):
    """A real lane-labelled frame in the exporter's record format: lanes (TuSimple x per h_sample, -2 = none) put
    in 4 slots (left-left, left, right, right-right) by their x on their lowest labelled row relative to the frame
    centre; no vehicle labels, so the whole frame is an ignore region for the detection loss."""
    lanes = [ln for ln in lanes if any(x >= 0 for x in ln)]
    bottom_x = [[x for x in ln if x >= 0][-1] for ln in lanes]  # h_samples run top to bottom
    left = sorted((bx, i) for i, bx in enumerate(bottom_x) if bx < w / 2)[::-1][:2]
    right = sorted((bx, i) for i, bx in enumerate(bottom_x) if bx >= w / 2)[:2]
    slots = [[-2] * len(h_samples) for _ in range(4)]
    for k, (_, i) in enumerate(left):
        slots[1 - k] = lanes[i]
    for k, (_, i) in enumerate(right):
        slots[2 + k] = lanes[i]
    return {"file": name, "scene": "highway", "width": w, "height": h, "boxes": [],
            "ignore": [{"x1": 0, "y1": 0, "x2": w, "y2": h}], "h_samples": list(h_samples), "lanes": slots}


def lanenet_lanes(instance_mask, min_pixels=50):
    """(h_samples, lanes) of a LaneNet instance mask (0 = background, one grey value per lane), exactly as the
    Java `LaneNetMasks` reads it: rows every round(H / 72) px upwards from H - step to the highest lane pixel, a
    lane's x on a row is the mean column of its pixels (-2 if none), lanes with >= min_pixels pixels and >= 2
    sampled points, ordered left to right by their x at their lowest sampled row."""
    h = instance_mask.shape[0]
    ids, counts = np.unique(instance_mask[instance_mask != 0], return_counts=True)
    if len(ids) == 0:
        return [], []
    top = int(np.nonzero((instance_mask != 0).any(1))[0][0])
    step = max(1, int(round(h / 72.0)))
    rows = list(range(h - step, top - 1, -step))[::-1]
    lanes = []
    for lane_id in ids[counts >= min_pixels]:
        xs = []
        for y in rows:
            cols = np.nonzero(instance_mask[y] == lane_id)[0]
            xs.append(float(cols.mean()) if len(cols) else -2)
        found = [x for x in xs if x >= 0]
        if len(found) >= 2:
            lanes.append((found[-1], xs))
    lanes.sort(key=lambda t: t[0])
    return rows, [xs for _, xs in lanes]


def load_lanenet_set(set_dir, width, height):
    """Frames of a LaneNet example folder (image/, gt_instance_image/), resized to width x height, with records
    like load_tusimple_set. Empty when the folder is absent."""
    image_dir = os.path.join(set_dir, "image")
    if not os.path.isdir(image_dir):
        print(f"note: {image_dir} absent: no LaneNet lane frames", flush=True)
        return torch.zeros((0, 3, height, width), dtype=torch.uint8), []
    images, records = [], []
    for name in sorted(os.listdir(image_dir)):
        with Image.open(os.path.join(image_dir, name)) as im:
            arr = np.asarray(im.convert("RGB"))
        with Image.open(os.path.join(set_dir, "gt_instance_image", name)) as im:
            mask = np.asarray(im.convert("L"))
        h, w = arr.shape[:2]
        rows, lanes = lanenet_lanes(mask)
        records.append(_lane_record(os.path.join("image", name), w, h, rows, lanes))
        images.append(resize_like_opencv(arr, width, height))
    return torch.stack(images), records


def dev_val_files():
    """Paths (relative to shared/data) of the fixed dev-validation split, which no model trains on."""
    with open(os.path.join(TRAINING_DIR, "splits", "dev_val.csv")) as f:
        next(f)
        return {line.split(",")[0] for line in f if line.strip()}


def load_exported_weights(model, pt_path):
    """Initialises an eager model from an exported TorchScript file of the same architecture. Where export folded a
    BatchNorm into the preceding convolution, the conv gets the folded weight and the BatchNorm becomes an identity
    plus the folded bias (running mean 0, variance 1), so the eager model in eval mode computes what the file does."""
    exported = torch.jit.load(pt_path).state_dict()
    own = model.state_dict()
    loaded = {}
    for key, value in exported.items():
        if key in own and own[key].shape == value.shape:
            loaded[key] = value
        elif key in own and _zero_padded_input(own[key], value):  # an older file without the zero channels
            loaded[key] = torch.cat([value, value.new_zeros(value.shape[0], own[key].shape[1] - value.shape[1],
                                                            *value.shape[2:])], 1)
        elif key.endswith(".bias") and key not in own:  # folded conv bias -> the following BatchNorm
            prefix, idx = key[:-len(".bias")].rsplit(".", 1)
            bn = f"{prefix}.{int(idx) + 1}"
            loaded[f"{bn}.bias"] = value
            loaded[f"{bn}.running_mean"] = torch.zeros_like(value)
            loaded[f"{bn}.running_var"] = torch.ones_like(value)
            loaded[f"{bn}.weight"] = torch.full_like(value, (1 + 1e-5) ** 0.5)
    missing = [k for k, _ in model.named_parameters() if k not in loaded]
    if missing:
        raise RuntimeError(f"{pt_path} does not fit the model: missing {missing[:5]}")
    model.load_state_dict(loaded, strict=False)
    print(f"initialised from {pt_path} ({len(loaded)} tensors; structural buffers such as row anchors are the "
          f"model's own)", flush=True)


def _zero_padded_input(own, exported):
    """True when `own` is a conv weight like `exported` with extra input channels appended (see nets.LaneHead)."""
    return own.dim() == 4 and exported.dim() == 4 and own.shape[0] == exported.shape[0] \
        and own.shape[2:] == exported.shape[2:] and own.shape[1] > exported.shape[1]


def train_mode(model, frozen_batchnorm=False):
    """Puts `model` in training mode; with `frozen_batchnorm`, BatchNorm layers keep their stored statistics while
    the rest trains (fine-tuning with small batches)."""
    model.train()
    if frozen_batchnorm:
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.eval()


def dataset_summary(records):
    scenes = {}
    for r in records:
        scenes[r["scene"]] = scenes.get(r["scene"], 0) + 1
    return scenes


def read_manifest(data_dir, name="EXPORT_COMMAND.txt"):
    """Optional provenance written next to the data (by default the exporter command of train_all.sh)."""
    p = os.path.join(data_dir, name)
    if os.path.exists(p):
        with open(p) as f:
            return f.read().strip()
    return None


# ----------------------------------------------------------------------------------------------------------------
# augmentation (batched, on float [0, 1] tensors)
# ----------------------------------------------------------------------------------------------------------------
_NOISE_BANK = {}


def _noise_bank(shape, gen, n=16):
    """A fixed bank of unit Gaussian noise images (drawing fresh noise for every batch dominated the step time)."""
    key = tuple(shape)
    if key not in _NOISE_BANK:
        _NOISE_BANK[key] = torch.randn((n, *shape), generator=gen)
    return _NOISE_BANK[key]


def photometric(x, gen, strength=1.0):
    """Colour jitter, brightness/contrast/saturation, gamma, grey, blur and noise on a float batch [B,3,H,W].

    The costly parts (gamma, blur, greyscale, noise) run only on the samples that draw them."""
    B = x.shape[0]

    def u(lo, hi, shape=(B, 1, 1, 1)):
        return lo + (hi - lo) * torch.rand(shape, generator=gen)

    s = strength
    gain = u(1 - 0.4 * s, 1 + 0.4 * s) * u(1 - 0.08 * s, 1 + 0.08 * s, (B, 3, 1, 1))  # brightness, white balance
    x = x * gain
    mean = x.mean(dim=(1, 2, 3), keepdim=True)
    grey = x.mean(dim=1, keepdim=True)
    c = u(1 - 0.35 * s, 1 + 0.35 * s)                                     # contrast
    sat = u(1 - 0.5 * s, 1 + 0.4 * s)                                     # saturation
    # contrast then saturation, fused: ((x - m) c + m - (g - m) c - m) sat + (g - m) c + m
    x = ((x - grey) * sat + (grey - mean)) * c + mean
    x = x.clamp_(0, 1)
    draws = torch.rand((4, B), generator=gen)
    gam = u(1 - 0.3 * s, 1 + 0.3 * s).flatten()
    pick = torch.nonzero(draws[0] < 0.5 * s).flatten()                   # gamma on half of the samples
    if len(pick):
        x[pick] = x[pick] ** gam[pick].view(-1, 1, 1, 1)
    pick = torch.nonzero(draws[1] < 0.05 * s).flatten()                  # occasional greyscale
    if len(pick):
        x[pick] = x[pick].mean(dim=1, keepdim=True).expand(-1, 3, -1, -1)
    pick = torch.nonzero(draws[2] < 0.2 * s).flatten()                   # occasional 3x3 blur
    if len(pick):
        x[pick] = F.avg_pool2d(F.pad(x[pick], (1, 1, 1, 1), mode="replicate"), 3, 1)
    pick = torch.nonzero(draws[3] < 0.6 * s).flatten()                   # sensor noise on 60 %
    if len(pick):
        bank = _noise_bank(x.shape[1:], gen)
        which = torch.randint(0, bank.shape[0], (len(pick),), generator=gen)
        sigma = u(0.005, 0.025 * s, (len(pick), 1, 1, 1))
        x[pick] = x[pick] + bank[which] * sigma
    return x.clamp_(0, 1)


def affine_params(B, rng, scale=(0.85, 1.2), shift=0.08, flip=0.5, shift_y=None, aspect=(1.0, 1.0)):
    """Per-sample (sx, sy, tx_frac, ty_frac, flip): output pixel x_out = sx * x_in + tx * W (after the flip),
    y_out = sy * y_in + ty * H. sx = s * a with a drawn from aspect (a < 1 squeezes horizontally, like a 16:9
    camera frame resized to 4:3)."""
    out = []
    for _ in range(B):
        s = rng.uniform(*scale)
        a = rng.uniform(*aspect) if aspect[0] != aspect[1] else aspect[0]  # no draw when fixed
        sx, sy = s * a, s
        # translation keeps the image mostly in view: centre the scaled image, then jitter
        tx = (1 - sx) / 2 + rng.uniform(-shift, shift)
        jy = shift if shift_y is None else shift_y
        ty = (1 - sy) / 2 + rng.uniform(-jy, jy)
        out.append((sx, sy, tx, ty, rng.random() < flip))
    return out


IDENTITY = (1.0, 1.0, 0.0, 0.0, False)


def apply_affine(x, params):
    """Warps a float batch with per-sample (sx, sy, tx_frac, ty_frac, flip); borders replicate the edge pixels."""
    B, _, H, W = x.shape
    theta = torch.zeros(B, 2, 3)
    for i, (sx, sy, tx, ty, fl) in enumerate(params):
        # normalised coords (align_corners=False): x_n = 2 x / W - 1; p_in = (p_out - t) / s
        theta[i, 0, 0] = -1.0 / sx if fl else 1.0 / sx
        theta[i, 0, 2] = ((1 - 2 * tx) / sx - 1) * (-1 if fl else 1)
        theta[i, 1, 1] = 1.0 / sy
        theta[i, 1, 2] = (1 - 2 * ty) / sy - 1
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)


def map_x(xs, W, p):
    """Maps input x (pixels, width W) through (sx, sy, tx, ty, flip): flip first, then scale + shift."""
    sx, sy, tx, ty, fl = p
    xs = np.asarray(xs, np.float64)
    if fl:
        xs = W - xs
    return sx * xs + tx * W


def map_y(ys, H, p):
    sx, sy, tx, ty, fl = p
    return sy * np.asarray(ys, np.float64) + ty * H


def transform_boxes(boxes, W, H, p):
    """boxes [N,4] x1y1x2y2 in input px -> transformed and clipped; also returns visible fraction."""
    if len(boxes) == 0:
        return np.zeros((0, 4)), np.zeros(0)
    b = np.asarray(boxes, np.float64)
    xa, xb = map_x(b[:, 0], W, p), map_x(b[:, 2], W, p)
    x1, x2 = np.minimum(xa, xb), np.maximum(xa, xb)
    y1, y2 = map_y(b[:, 1], H, p), map_y(b[:, 3], H, p)
    area = (x2 - x1) * (y2 - y1)
    c = np.stack([x1.clip(0, W), y1.clip(0, H), x2.clip(0, W), y2.clip(0, H)], 1)
    carea = (c[:, 2] - c[:, 0]).clip(0) * (c[:, 3] - c[:, 1]).clip(0)
    return c, carea / np.maximum(area, 1e-6)


def scaled_boxes(rec, W, H, classes):
    """GT boxes of the wanted classes and ignore regions, scaled from frame pixels to the model input."""
    sx, sy = W / rec["width"], H / rec["height"]
    boxes, cls, ign = [], [], []
    for b in rec.get("boxes", []):
        if b["cls"] in classes:
            boxes.append([b["x1"] * sx, b["y1"] * sy, b["x2"] * sx, b["y2"] * sy])
            cls.append(classes.index(b["cls"]))
        elif b["cls"] in DET_CLASSES:
            pass  # a class this model does not detect: neither positive nor ignored
    for b in rec.get("ignore", []):
        ign.append([b["x1"] * sx, b["y1"] * sy, b["x2"] * sx, b["y2"] * sy])
    return np.asarray(boxes, np.float64).reshape(-1, 4), np.asarray(cls, np.int64), \
        np.asarray(ign, np.float64).reshape(-1, 4)


# ----------------------------------------------------------------------------------------------------------------
# CenterNet targets and losses
# ----------------------------------------------------------------------------------------------------------------
def gaussian_radius(h, w, min_overlap=0.7):
    """CenterNet's radius (in output cells) for a box of h x w output cells."""
    a1 = 1
    b1 = h + w
    c1 = w * h * (1 - min_overlap) / (1 + min_overlap)
    r1 = (b1 + np.sqrt(b1 ** 2 - 4 * a1 * c1)) / 2
    a2 = 4
    b2 = 2 * (h + w)
    c2 = (1 - min_overlap) * w * h
    r2 = (b2 + np.sqrt(b2 ** 2 - 4 * a2 * c2)) / 2
    a3 = 4 * min_overlap
    b3 = -2 * min_overlap * (h + w)
    c3 = (min_overlap - 1) * w * h
    r3 = (b3 + np.sqrt(b3 ** 2 - 4 * a3 * c3)) / 2
    return min(r1, r2, r3)


def centernet_targets(boxes, cls, ignore, num_classes, W, H, stride=STRIDE):
    """Heatmap [C,h,w], ltrb [4,h,w], regression weight [h,w], heatmap loss mask [h,w] (0 inside ignore regions)."""
    h, w = H // stride, W // stride
    hm = np.zeros((num_classes, h, w), np.float32)
    reg = np.zeros((4, h, w), np.float32)
    regw = np.zeros((h, w), np.float32)
    mask = np.ones((h, w), np.float32)
    cx = (np.arange(w) + 0.5) * stride
    cy = (np.arange(h) + 0.5) * stride
    for b in ignore:
        j0, j1 = np.searchsorted(cx, b[0]), np.searchsorted(cx, b[2])
        i0, i1 = np.searchsorted(cy, b[1]), np.searchsorted(cy, b[3])
        mask[i0:i1, j0:j1] = 0
    if len(boxes):
        order = np.argsort(-(boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1]))  # big first, small wins
        for k in order:
            x1, y1, x2, y2 = boxes[k]
            c = cls[k]
            bw, bh = (x2 - x1) / stride, (y2 - y1) / stride
            ctx, cty = (x1 + x2) / 2 / stride, (y1 + y2) / 2 / stride
            ci, cj = min(int(cty), h - 1), min(int(ctx), w - 1)
            r = max(0, int(gaussian_radius(bh, bw)))
            sigma = (2 * r + 1) / 6.0
            i0, i1 = max(0, ci - r), min(h, ci + r + 1)
            j0, j1 = max(0, cj - r), min(w, cj + r + 1)
            yy = np.arange(i0, i1)[:, None] - ci
            xx = np.arange(j0, j1)[None, :] - cj
            g = np.exp(-(xx * xx + yy * yy) / (2 * sigma * sigma)).astype(np.float32)
            hm[c, i0:i1, j0:j1] = np.maximum(hm[c, i0:i1, j0:j1], g)
            # regression at the centre cell and its 3x3 neighbours whose centres lie inside the box
            for di in (-1, 0, 1):
                for dj in (-1, 0, 1):
                    i, j = ci + di, cj + dj
                    if not (0 <= i < h and 0 <= j < w):
                        continue
                    px, py = cx[j], cy[i]
                    if di == 0 and dj == 0:
                        wgt = 1.0
                    elif x1 < px < x2 and y1 < py < y2:
                        wgt = float(np.exp(-(di * di + dj * dj) / (2 * max(sigma, 0.5) ** 2)))
                    else:
                        continue
                    if wgt < 0.2:
                        continue
                    reg[:, i, j] = (max(px - x1, 0.5), max(py - y1, 0.5), max(x2 - px, 0.5), max(y2 - py, 0.5))
                    regw[i, j] = max(wgt, regw[i, j]) if wgt < 1 else 1.0
    mask = np.maximum(mask, (hm.max(0) > 0).astype(np.float32))  # positives are never ignored
    return hm, reg, regw, mask


def focal_loss(logits, target, mask):
    """CenterNet penalty-reduced focal loss on logits, normalised by the number of centre cells."""
    p = torch.sigmoid(logits).clamp(1e-4, 1 - 1e-4)
    pos = target.eq(1).float()
    neg = 1 - pos
    m = mask.unsqueeze(1)
    pos_loss = torch.log(p) * (1 - p) ** 2 * pos
    neg_loss = torch.log(1 - p) * p ** 2 * (1 - target) ** 4 * neg * m
    npos = pos.sum().clamp(min=1)
    return -(pos_loss.sum() + neg_loss.sum()) / npos


def giou_ltrb_loss(pred, target, weight):
    """GIoU loss between ltrb distances from the same point; pred/target [B,4,h,w], weight [B,h,w]."""
    pl, pt, pr, pb = pred.unbind(1)
    tl, tt, tr, tb = target.unbind(1)
    pa = (pl + pr) * (pt + pb)
    ta = (tl + tr) * (tt + tb)
    iw = torch.min(pl, tl) + torch.min(pr, tr)
    ih = torch.min(pt, tt) + torch.min(pb, tb)
    inter = iw * ih
    union = pa + ta - inter
    iou = inter / union.clamp(min=1e-6)
    ew = torch.max(pl, tl) + torch.max(pr, tr)
    eh = torch.max(pt, tt) + torch.max(pb, tb)
    enc = (ew * eh).clamp(min=1e-6)
    giou = iou - (enc - union) / enc
    return ((1 - giou) * weight).sum() / weight.sum().clamp(min=1)


# ----------------------------------------------------------------------------------------------------------------
# lanes: row-anchor targets and the TuSimple metric
# ----------------------------------------------------------------------------------------------------------------
def lane_points(rec, slot):
    """Valid (x, y) points of one lane slot in frame pixels, sorted by y."""
    hs = rec.get("h_samples") or []
    lanes = rec.get("lanes") or []
    if slot >= len(lanes):
        return np.zeros((0, 2))
    pts = [(x, y) for x, y in zip(lanes[slot], hs) if x is not None and x >= 0]
    pts.sort(key=lambda p: p[1])
    return np.asarray(pts, np.float64).reshape(-1, 2)


def lane_targets(rec, W, H, p, anchor_y, grid, max_gap_px=None):
    """Row-anchor class targets [4, R] (cell index, or grid = absent) after the augmentation p.

    x at each anchor row is linearly interpolated between the labelled points (no extrapolation beyond the
    first/last labelled row, and none across a gap larger than max_gap_px input pixels). A record with
    "lanes_partial" (pseudo-labels: only reliable points kept) marks every unlabelled (slot, row) LANE_IGNORE
    instead of absent."""
    R = len(anchor_y)
    unlabelled = LANE_IGNORE if rec.get("lanes_partial") else grid
    tgt = np.full((4, R), unlabelled, np.int64)
    xcell = np.zeros((4, R), np.float32)
    sx, sy = W / rec["width"], H / rec["height"]
    fl = p[4]
    gap = max_gap_px if max_gap_px is not None else 0.15 * H
    for slot in range(4):
        src = 3 - slot if fl else slot
        pts = lane_points(rec, src)
        if len(pts) < 2:
            continue
        xs = map_x(pts[:, 0] * sx, W, p)
        ys = map_y(pts[:, 1] * sy, H, p)
        k = np.searchsorted(ys, anchor_y)                       # ys increasing
        ok = (k > 0) & (k < len(ys))
        k1 = np.clip(k, 1, len(ys) - 1)
        y0, y1 = ys[k1 - 1], ys[k1]
        x0, x1 = xs[k1 - 1], xs[k1]
        t = (anchor_y - y0) / np.maximum(y1 - y0, 1e-6)
        x = x0 + t * (x1 - x0)
        ok &= (y1 - y0) <= gap
        exact = np.isin(anchor_y, ys)                            # an anchor exactly on the first/last point
        ok |= exact
        x = np.where(exact, np.interp(anchor_y, ys, xs), x)
        ok &= (x >= 0) & (x < W)
        cell = np.floor(x / (W / grid)).astype(np.int64).clip(0, grid - 1)
        tgt[slot] = np.where(ok, cell, unlabelled)
        xcell[slot] = np.where(ok, x / (W / grid), 0.0)
    return tgt, xcell


def decode_lanes(probs, anchor_frac, W, frame_w, frame_h, min_points=4, continue_lanes=True):
    """probs [4, R, G+1] softmax -> list of 4 entries: None or array [(x, y)] in frame pixels (CONTRACTS.md).

    continue_lanes continues each kept lane at both ends as the Java decoder does (experts.highway.continue_lanes,
    default true; LaneContinuation): see continue_lane."""
    G = probs.shape[-1] - 1
    out = []
    cells = (torch.arange(G, dtype=torch.float32) + 0.5)
    for slot in range(probs.shape[0]):
        pr = probs[slot]
        present = pr.argmax(-1) != G
        pc = pr[:, :G]
        x = (pc * cells).sum(-1) / pc.sum(-1).clamp(min=1e-9) * (W / G)
        pts = [(float(x[r]) * frame_w / W, anchor_frac[r] * frame_h) for r in range(pr.shape[0]) if present[r]]
        if len(pts) >= min_points and continue_lanes:
            pts = continue_lane(pts, [a * frame_h for a in anchor_frac], frame_w)
        out.append(np.asarray(pts) if len(pts) >= min_points else None)
    return out


def _slope(pts):
    """dx/dy of the least-squares line through pts (0 when they share one row)."""
    p = np.asarray(pts, dtype=np.float64)
    dy = p[:, 1] - p[:, 1].mean()
    syy = float((dy * dy).sum())
    return 0.0 if syy == 0 else float((dy * (p[:, 0] - p[:, 0].mean())).sum()) / syy


def continue_lane(pts, anchor_ys, frame_w, fit_points=4):
    """The Java LaneContinuation. pts [(x, y)] in increasing y, at least 2. Far end: one anchor row above the first
    point, along the direction of the first fit_points points, when inside the frame. Near end: from the last point
    through every lower anchor along the direction of the last fit_points points, ending with a point on the side edge
    where that line leaves the frame."""
    right = frame_w - 1
    out = []
    above = [y for y in anchor_ys if y < pts[0][1]]
    if above:
        x = pts[0][0] + _slope(pts[:fit_points]) * (above[-1] - pts[0][1])
        if 0 <= x <= right:
            out.append((x, above[-1]))
    out.extend(pts)
    slope = _slope(pts[-fit_points:])
    last_x, last_y = pts[-1]
    for y in anchor_ys:
        if y <= last_y:
            continue
        x = last_x + slope * (y - last_y)
        if x < 0 or x > right:
            edge = 0.0 if x < 0 else float(right)
            out.append((edge, last_y + (edge - last_x) / slope))
            break
        out.append((x, y))
    return out


def pred_x_at(pred, ys):
    """Interpolates a predicted polyline at rows ys; NaN outside its rows (half a pixel of tolerance)."""
    py, px = pred[:, 1], pred[:, 0]
    x = np.interp(ys, py, px)
    return np.where((ys < py[0] - 0.5) | (ys > py[-1] + 0.5), np.nan, x)


class LaneEval:
    """TuSimple-style lane accuracy with slot matching and a plain pixel threshold (20 px at 640 wide).

    accuracy = correct GT points / GT points over all GT lanes (a missing predicted slot scores 0 for that lane);
    a GT lane counts as found when its accuracy is >= 0.85 (TuSimple); a predicted lane on a slot without GT is
    a false positive. A predicted lane is read only between its first and last point, as the Java TuSimple metric
    reads it: decode_lanes continues lanes at both ends itself (continue_lanes), so the metric adds nothing."""

    def __init__(self):
        self.correct = 0
        self.total = 0
        self.gt_lanes = 0
        self.found = 0
        self.pred_lanes = 0
        self.fp = 0

    def add(self, rec, pred):
        thr = 20.0 * rec["width"] / 640.0
        for slot in range(4):
            gt = lane_points(rec, slot)
            p = pred[slot]
            if p is not None:
                self.pred_lanes += 1
            if len(gt) < 2:
                if p is not None:
                    self.fp += 1
                continue
            self.gt_lanes += 1
            self.total += len(gt)
            if p is None:
                continue
            x = pred_x_at(p, gt[:, 1])
            ok = np.abs(x - gt[:, 0]) < thr
            ok &= ~np.isnan(x)
            c = int(ok.sum())
            self.correct += c
            if c / len(gt) >= 0.85:
                self.found += 1
            else:
                self.fp += 1  # a predicted lane that does not match its GT

    def summary(self):
        return {"accuracy": self.correct / max(self.total, 1), "gt_points": self.total,
                "gt_lanes": self.gt_lanes, "FN_rate": 1 - self.found / max(self.gt_lanes, 1),
                "FP_rate": self.fp / max(self.pred_lanes, 1), "pred_lanes": self.pred_lanes}


# ----------------------------------------------------------------------------------------------------------------
# batches for the detectors
# ----------------------------------------------------------------------------------------------------------------
def make_batch(images, records, idx, rng, gen, det_classes, aug=True, anchor_y=None, grid=None,
               scale=(0.75, 1.3), shift=0.1, shift_y=None, aspect=(1.0, 1.0), min_visible=0.4, stride=STRIDE):
    """Builds one training (or eval when aug=False) batch at the cached resolution (detection targets at
    `stride`).

    Returns dict with x [B,3,H,W] float, hm [B,C,h,w], reg [B,4,h,w], regw [B,h,w], mask [B,h,w] and, when
    anchor_y is given, lanes [B,4,R] (long; grid = absent) and lanex [B,4,R] (x in cell units)."""
    x = images[idx].float() / 255
    B, _, H, W = x.shape
    if aug:
        params = affine_params(B, rng, scale=scale, shift=shift, flip=0.5, shift_y=shift_y, aspect=aspect)
        x = apply_affine(x, params)
        x = photometric(x, gen, 1.0)
    else:
        params = [IDENTITY] * B
    hms, regs, regws, masks, lanes, lanex = [], [], [], [], [], []
    for b, i in enumerate(idx.tolist()):
        rec = records[i]
        boxes, cls, ign = scaled_boxes(rec, W, H, det_classes)
        p = params[b]
        tb, vis = transform_boxes(boxes, W, H, p)
        ti, _ = transform_boxes(ign, W, H, p)
        keep = (vis >= min_visible) & ((tb[:, 3] - tb[:, 1]) >= 3) & ((tb[:, 2] - tb[:, 0]) >= 1.5) \
            if len(tb) else np.zeros(0, bool)
        ti = np.concatenate([ti, tb[~keep]], 0) if len(tb) else ti   # cut-off objects: not penalised
        hm, reg, regw, mask = centernet_targets(tb[keep], cls[keep] if len(cls) else cls, ti, len(det_classes),
                                                W, H, stride)
        hms.append(hm)
        regs.append(reg)
        regws.append(regw)
        masks.append(mask)
        if anchor_y is not None:
            lt, lx = lane_targets(rec, W, H, p, anchor_y, grid)
            lanes.append(lt)
            lanex.append(lx)
    out = {"x": x, "hm": torch.from_numpy(np.stack(hms)), "reg": torch.from_numpy(np.stack(regs)),
           "regw": torch.from_numpy(np.stack(regws)), "mask": torch.from_numpy(np.stack(masks))}
    if anchor_y is not None:
        out["lanes"] = torch.from_numpy(np.stack(lanes))
        out["lanex"] = torch.from_numpy(np.stack(lanex))
    return out


def det_loss(hm_logits, reg_raw, batch, ltrb_fn):
    lf = focal_loss(hm_logits, batch["hm"], batch["mask"])
    pred = ltrb_fn(reg_raw)
    lg = giou_ltrb_loss(pred, batch["reg"], batch["regw"])
    w = batch["regw"]
    ll = ((torch.log(pred.clamp(min=1e-3)) - torch.log(batch["reg"].clamp(min=1e-3))).abs().sum(1) * w).sum() \
        / w.sum().clamp(min=1)
    return lf, lg + 0.1 * ll


def frame_sampling_weights(records, weights_by_scene):
    return torch.tensor([weights_by_scene.get(r["scene"], 1.0) for r in records], dtype=torch.double)


# ----------------------------------------------------------------------------------------------------------------
# training epochs and steps
# ----------------------------------------------------------------------------------------------------------------
def epoch_batches(weights, steps, batch, gen):
    """One epoch's samples: `steps` batches of `batch` indices, drawn by `weights` with replacement in one draw."""
    idx = torch.multinomial(weights, steps * batch, replacement=True, generator=gen)
    return [idx[s * batch:(s + 1) * batch] for s in range(steps)]


def optimiser_step(opt, sched, loss, clip_params=None, max_norm=10.0):
    """One optimiser step on `loss`, then the schedule's; gradients of `clip_params` clipped to `max_norm` first."""
    opt.zero_grad()
    loss.backward()
    if clip_params is not None:
        torch.nn.utils.clip_grad_norm_(clip_params, max_norm)
    opt.step()
    sched.step()


# ----------------------------------------------------------------------------------------------------------------
# decoding and detection metrics (mirrors the Java decoder described in CONTRACTS.md)
# ----------------------------------------------------------------------------------------------------------------
def decode_centernet(out, num_classes, threshold, scale_x, scale_y, stride=STRIDE, max_det=100):
    """out: [C+4, h, w] tensor (sigmoid heatmaps + ltrb). Returns list of (cls, score, x1, y1, x2, y2) in frame px."""
    hm = out[:num_classes]
    reg = out[num_classes:num_classes + 4]
    peak = F.max_pool2d(hm.unsqueeze(0), 3, 1, 1)[0]
    keep = (hm >= threshold) & (hm == peak)
    c, i, j = torch.nonzero(keep, as_tuple=True)
    if len(c) == 0:
        return []
    scores = hm[c, i, j]
    order = torch.argsort(scores, descending=True)[:max_det * 3]
    c, i, j, scores = c[order], i[order], j[order], scores[order]
    ltrb = reg[:, i, j]
    cx, cy = (j.float() + 0.5) * stride, (i.float() + 0.5) * stride
    x1 = ((cx - ltrb[0]) * scale_x).tolist()
    y1 = ((cy - ltrb[1]) * scale_y).tolist()
    x2 = ((cx + ltrb[2]) * scale_x).tolist()
    y2 = ((cy + ltrb[3]) * scale_y).tolist()
    dets = list(zip(c.tolist(), scores.tolist(), x1, y1, x2, y2))
    return nms(dets, 0.5)[:max_det]


def iou_matrix(a, b):
    a = np.asarray(a, np.float64).reshape(-1, 4)
    b = np.asarray(b, np.float64).reshape(-1, 4)
    ix1 = np.maximum(a[:, None, 0], b[None, :, 0])
    iy1 = np.maximum(a[:, None, 1], b[None, :, 1])
    ix2 = np.minimum(a[:, None, 2], b[None, :, 2])
    iy2 = np.minimum(a[:, None, 3], b[None, :, 3])
    inter = (ix2 - ix1).clip(0) * (iy2 - iy1).clip(0)
    aa = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    ab = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    return inter / np.maximum(aa[:, None] + ab[None, :] - inter, 1e-9)


def matched_detections(ref, other):
    """How many of `ref`'s detections, (cls, score, x1, y1, x2, y2) tuples, have an unused same-class detection of
    `other` at IoU >= 0.5 (each of `other`'s used once, the best overlap first come)."""
    used, hits = set(), 0
    for d in ref:
        best, k = 0.5, None
        for j, o in enumerate(other):
            if j not in used and o[0] == d[0]:
                iou = iou_matrix(np.asarray([d[2:]]), np.asarray([o[2:]]))[0, 0]
                if iou >= best:
                    best, k = iou, j
        if k is not None:
            used.add(k)
            hits += 1
    return hits


def nms(dets, thr):
    """Class-wise greedy NMS on (cls, score, x1, y1, x2, y2) tuples, highest score first."""
    kept = []
    for c in sorted(set(d[0] for d in dets)):
        ds = sorted([d for d in dets if d[0] == c], key=lambda d: -d[1])
        boxes = np.asarray([d[2:] for d in ds], np.float64)
        alive = np.ones(len(ds), bool)
        for i in range(len(ds)):
            if not alive[i]:
                continue
            kept.append(ds[i])
            if i + 1 < len(ds):
                ious = iou_matrix(boxes[i:i + 1], boxes[i + 1:])[0]
                alive[i + 1:] &= ious <= thr
    return sorted(kept, key=lambda d: -d[1])


class DetectionEval:
    """Per-class recall/precision at a score threshold and AP50 (all-point), mirroring the Java
    `DetectionEvaluator` (datasets/eval): predictions are matched greedily by descending score to the unused GT
    box of highest IoU >= iou; like KITTI's "moderate" protocol, GT boxes shorter than min_height (frame px) are not
    required (they act as ignore regions), and an unmatched prediction is a false positive only if it is at least
    min_height tall, does not lie mostly (> 50 % of its area) inside an ignore region, and does not overlap a
    too-small GT box at the IoU threshold. min_height = 0 requires every labelled box."""

    def __init__(self, classes, iou=0.5, min_height=0.0):
        self.classes = classes
        self.iou = iou
        self.min_height = min_height
        self.scored = {c: [] for c in range(len(classes))}   # (score, is_tp)
        self.ngt = {c: 0 for c in range(len(classes))}

    def add(self, dets, gt_boxes, gt_cls, ignore):
        gt_boxes = np.asarray(gt_boxes, np.float64).reshape(-1, 4)
        ignore = np.asarray(ignore, np.float64).reshape(-1, 4)
        for c in range(len(self.classes)):
            g = gt_boxes[np.asarray(gt_cls) == c] if len(gt_boxes) else np.zeros((0, 4))
            tall = (g[:, 3] - g[:, 1]) >= self.min_height
            truth, small = g[tall], g[~tall]
            self.ngt[c] += len(truth)
            d = sorted([x for x in dets if x[0] == c], key=lambda x: -x[1])
            used = np.zeros(len(truth), bool)
            for x in d:
                box = np.asarray([x[2:]], np.float64)
                if len(truth):
                    ious = iou_matrix(box, truth)[0]
                    ious[used] = -1
                    k = int(np.argmax(ious))
                    if ious[k] >= self.iou:
                        used[k] = True
                        self.scored[c].append((x[1], True))
                        continue
                if x[5] - x[3] < self.min_height:
                    continue
                if len(small) and iou_matrix(box, small)[0].max() >= self.iou:
                    continue
                if len(ignore):
                    a = (x[4] - x[2]) * (x[5] - x[3])
                    ix = np.minimum(x[4], ignore[:, 2]) - np.maximum(x[2], ignore[:, 0])
                    iy = np.minimum(x[5], ignore[:, 3]) - np.maximum(x[3], ignore[:, 1])
                    inside = (ix > 0) & (iy > 0) & (ix * iy / max(a, 1e-9) > 0.5)
                    if a > 0 and inside.any():
                        continue
                self.scored[c].append((x[1], False))

    def summary(self, threshold):
        out = {}
        for c, name in enumerate(self.classes):
            s = sorted(self.scored[c], key=lambda t: -t[0])
            tp = np.cumsum([t[1] for t in s]) if s else np.zeros(0)
            fp = np.cumsum([not t[1] for t in s]) if s else np.zeros(0)
            ngt = self.ngt[c]
            rec = tp / max(ngt, 1)
            prec = tp / np.maximum(tp + fp, 1)
            ap = 0.0
            if len(s):
                mrec = np.concatenate([[0], rec, [1]])
                mpre = np.concatenate([[0], prec, [0]])
                for i in range(len(mpre) - 2, -1, -1):
                    mpre[i] = max(mpre[i], mpre[i + 1])
                idx = np.where(mrec[1:] != mrec[:-1])[0]
                ap = float(np.sum((mrec[idx + 1] - mrec[idx]) * mpre[idx + 1]))
            at = [t for t in s if t[0] >= threshold]
            ntp = sum(1 for t in at if t[1])
            out[name] = {"gt": ngt, f"recall@{threshold}": ntp / max(ngt, 1),
                         f"precision@{threshold}": ntp / max(len(at), 1), "AP50": ap}
        return out


@torch.no_grad()
def recall_by_height(model, images, records, classes, cls, threshold, bins=(0, 12, 16, 25, 32, 48, 1e9)):
    """Markdown table: recall of one class at IoU 0.5 by labelled box height (frame px). model returns the
    CenterNet map [B, C+4, h, w] (or a tuple whose last element is)."""
    W, H = images.shape[3], images.shape[2]
    n = np.zeros(len(bins) - 1, int)
    hit = np.zeros(len(bins) - 1, int)
    for i, rec in enumerate(records):
        out = model(images[i:i + 1].float() / 255)
        out = out[-1] if isinstance(out, (tuple, list)) else out
        dets = decode_centernet(out[0], len(classes), threshold, rec["width"] / W, rec["height"] / H)
        boxes, bc, _ = scaled_boxes(rec, rec["width"], rec["height"], classes)
        cand = [d[2:] for d in dets if d[0] == cls]
        for b, c in zip(boxes, bc):
            if c != cls:
                continue
            k = int(np.digitize(b[3] - b[1], bins)) - 1
            n[k] += 1
            hit[k] += bool(cand) and iou_matrix([b], cand)[0].max() >= 0.5
    rows = [[f"{bins[k]:g}-{bins[k + 1]:g}" if bins[k + 1] < 1e9 else f">= {bins[k]:g}", n[k],
             f"{hit[k] / max(n[k], 1):.3f}"] for k in range(len(n))]
    return md_table(rows, ["height (px)", "GT boxes", "recall"])


# ----------------------------------------------------------------------------------------------------------------
# TorchScript export, verification, latency, sidecar and model card
# ----------------------------------------------------------------------------------------------------------------
def _flat(o):
    return list(o) if isinstance(o, (tuple, list)) else [o]


def export_torchscript(model, example, path, extra_inputs=()):
    """Folds BatchNorm into the convolutions, traces in eval mode, saves, reloads and checks the file.

    Returns (max abs difference file vs folded eager (must be <= 1e-5), max abs difference folded vs the trained
    eager model (BN folding rounding only))."""
    from nets import fuse_for_export
    model = model.eval()
    fused = fuse_for_export(model)
    for name, m in fused.named_modules():
        if isinstance(m, torch.nn.Conv2d) and m.in_channels not in (1, 3) and m.in_channels % 8:
            raise RuntimeError(f"{name} takes {m.in_channels} input channels: oneDNN pads them to a multiple of 8 "
                               f"and, in DJL's libtorch, can read that padding uninitialised (NaN outputs). Pad "
                               f"the input with zero channels (see nets.LaneHead).")
    with torch.no_grad():
        traced = torch.jit.trace(fused, example, check_trace=True)
    traced.save(path)
    loaded = torch.jit.load(path)
    worst, fold = 0.0, 0.0
    with torch.no_grad():
        for x in [example, *extra_inputs]:
            for a, b, c in zip(_flat(fused(x)), _flat(loaded(x)), _flat(model(x))):
                assert a.shape == b.shape, (a.shape, b.shape)
                worst = max(worst, float((a - b).abs().max()))
                fold = max(fold, float((a - c).abs().max()))
    if worst > 1e-5:
        raise RuntimeError(f"exported {path} differs from eager by {worst}")
    return worst, fold


def release_facts(out_dir, sidecar, pt, input_shape, data_dir, val_dir):
    """Writes `<name>.json` (the sidecar) next to the exported model and gathers what every model card states.

    Returns (latency dict of measure_latency, sha256, size in bytes, exporter command of the training data, of the
    validation data)."""
    write_sidecar(os.path.join(out_dir, f"{sidecar['name']}.json"), sidecar)
    unknown = "(exporter command not recorded next to the data)"
    return (measure_latency(pt, input_shape), sha256(pt), os.path.getsize(pt), read_manifest(data_dir) or unknown,
            read_manifest(val_dir) or unknown)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def measure_latency(path, shape, runs=200, warmup=20):
    """Median/p90 forward latency (ms) of a TorchScript file at 1 intra-op thread.

    'plain' runs the shipped file as-is. 'mkldnn' runs torch.jit.freeze + optimize_for_inference on it: Debian's
    torch 1.13 uses reference BLAS and sends batch-1 convs with small inputs to a slow non-oneDNN path, whereas
    DJL's libtorch (MKL/oneDNN) does not, so 'mkldnn' is the closer estimate of the Java-side cost."""
    prev = torch.get_num_threads()
    torch.set_num_threads(1)
    x = torch.rand(*shape, generator=torch.Generator().manual_seed(0))
    res = {}
    try:
        m = torch.jit.load(path).eval()
        variants = {"plain": m, "mkldnn": torch.jit.optimize_for_inference(torch.jit.freeze(m))}
        for name, mod in variants.items():
            with torch.no_grad():
                for _ in range(warmup):
                    mod(x)
                ts = []
                for _ in range(runs):
                    t0 = time.perf_counter()
                    mod(x)
                    ts.append((time.perf_counter() - t0) * 1000)
            ts.sort()
            res[name] = {"median_ms": round(statistics.median(ts), 3), "p90_ms": round(ts[int(0.9 * len(ts))], 3)}
    finally:
        torch.set_num_threads(prev)
    return res


def write_sidecar(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def command_line():
    return "cd /work/main && /usr/bin/python3 training/" + " ".join(
        [os.path.basename(sys.argv[0])] + sys.argv[1:])


def environment_line():
    return f"torch {torch.__version__}, numpy {np.__version__}, Python {platform.python_version()}, " \
           f"{torch.get_num_threads()} threads, {platform.machine()}"


def latency_section(lat):
    """The model card's "Latency (Python)" section for a measure_latency() result."""
    return ("Latency (Python)", f"Median over 200 forwards at 1 intra-op thread, batch 1: "
                                f"**{lat['plain']['median_ms']} ms** as shipped (p90 {lat['plain']['p90_ms']} ms); "
                                f"{lat['mkldnn']['median_ms']} ms after `torch.jit.freeze` + "
                                f"`optimize_for_inference` (p90 {lat['mkldnn']['p90_ms']} ms). Debian's torch "
                                "1.13 uses reference BLAS and routes batch-1 convs on small feature maps to a slow "
                                "non-oneDNN kernel, so the second number is closer to what DJL's libtorch does. "
                                f"{environment_line()}. DJL latency: see the Java benchmarks.")


def rebuild_section():
    """The model card's "Rebuild" section of the three synthetic-data training scripts."""
    return ("Rebuild", f"```\n{command_line()}\n```\n(git {git_rev()} at training time; `training/train_all.sh` "
                       "exports the data and runs all three scripts.)")


def training_args(doc, epochs, batch):
    """An argument parser with the options every synthetic-data training script shares (--data, --val, --out,
    --epochs, --seed, --batch, --lr); the script adds its own."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(TRAINING_DIR, ".data", "train"))
    ap.add_argument("--val", default=os.path.join(TRAINING_DIR, ".data", "val"))
    ap.add_argument("--out", default=os.path.join(REPO_DIR, "models"))
    ap.add_argument("--epochs", type=int, default=epochs)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=batch)
    ap.add_argument("--lr", type=float, default=3e-3)
    return ap


def write_card(path, title, sections):
    """sections: list of (heading, markdown text)."""
    with open(path, "w") as f:
        f.write(f"# {title}\n\n")
        for head, body in sections:
            f.write(f"## {head}\n{body.rstrip()}\n\n")


def md_table(rows, header):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        lines.append("| " + " | ".join(str(x) for x in r) + " |")
    return "\n".join(lines)


def fmt_metrics_table(det_summary, threshold):
    rows = []
    for name, m in det_summary.items():
        rows.append([name, m["gt"], f"{m[f'recall@{threshold}']:.3f}", f"{m[f'precision@{threshold}']:.3f}",
                     f"{m['AP50']:.3f}"])
    return md_table(rows, ["class", "GT boxes", f"recall@IoU0.5 (score>={threshold})",
                           f"precision (score>={threshold})", "AP50"])


def count_params(model):
    return sum(p.numel() for p in model.parameters())


def git_rev():
    try:
        return subprocess.check_output(["git", "-C", REPO_DIR, "rev-parse", "--short", "HEAD"],
                                       stderr=subprocess.DEVNULL).decode().strip()
    except Exception:
        return "unknown"


class Timer:
    def __init__(self):
        self.t0 = time.time()

    def elapsed(self):
        return time.time() - self.t0
