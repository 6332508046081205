"""Trains the highway expert (row-anchor lanes + single-class CenterNet vehicles) and exports models/highway.pt
+ highway.json + highway.md.

    /usr/bin/python3 training/train_highway.py --data training/.data/train --val training/.data/val --out models
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
from nets import HighwayNet, CenterHead  # noqa: E402

W, H = 320, 240
GRID = W // C.STRIDE          # one grid cell per stride-4 column
DET = ["vehicle"]
THRESHOLD = 0.3


def anchor_rows(top_frac, step):
    """Stride-4 feature rows used as row anchors: from the bottom row up to top_frac of the height."""
    last = H // C.STRIDE - 1
    rows = [i for i in range(last, -1, -step) if (C.STRIDE * i + C.STRIDE / 2) / H >= top_frac][::-1]
    fracs = [(C.STRIDE * i + C.STRIDE / 2) / H for i in rows]
    return rows, fracs


@torch.no_grad()
def evaluate(model, images, records, fracs, batch=32):
    model.eval()
    le = C.LaneEval()
    de = C.DetectionEval(DET, min_height=C.KITTI_MIN_HEIGHT)
    for s in range(0, len(records), batch):
        lanes, det = model(images[s:s + batch].float() / 255)
        for b in range(lanes.shape[0]):
            rec = records[s + b]
            le.add(rec, C.decode_lanes(lanes[b], fracs, W, rec["width"], rec["height"]))
            dets = C.decode_centernet(det[b], 1, 0.05, rec["width"] / W, rec["height"] / H)
            boxes, cls, ign = C.scaled_boxes(rec, rec["width"], rec["height"], DET)
            de.add(dets, boxes, cls, ign)
    return le.summary(), de.summary(THRESHOLD)


def lane_loss(logits, tgt, xcell, grid):
    """Cross-entropy over G cells + absent, plus an L1 term on the soft-argmax x (cell units) of present rows."""
    B, L, R, G1 = logits.shape
    labelled = tgt != C.LANE_IGNORE
    ce = F.cross_entropy(logits.reshape(-1, G1), tgt.reshape(-1), ignore_index=C.LANE_IGNORE) \
        if labelled.any() else logits.sum() * 0
    present = ((tgt != grid) & labelled).float()
    p = torch.softmax(logits[..., :grid], -1)
    x = (p * (torch.arange(grid, dtype=torch.float32) + 0.5)).sum(-1)
    l1 = ((x - xcell).abs() * present).sum() / present.sum().clamp(min=1)
    return ce, l1


def optimise_step(opt, sched, model, lanes, hm, reg, batch, grid, det_weight=0.5):
    """One optimiser step on the highway loss (lane cross-entropy + 0.05 x soft-argmax L1 + det_weight x the
    CenterNet focal and box losses); returns the four loss values."""
    ce, l1 = lane_loss(lanes, batch["lanes"], batch["lanex"], grid)
    lf, lb = C.det_loss(hm, reg, batch, CenterHead.ltrb)
    loss = ce + 0.05 * l1 + det_weight * (lf + lb)
    C.optimiser_step(opt, sched, loss, model.parameters())
    return np.asarray([float(ce), float(l1), float(lf), float(lb)])


def lane_stats(records, fracs):
    ys = []
    for r in records:
        for slot in range(4):
            p = C.lane_points(r, slot)
            if len(p):
                ys.extend((p[:, 1] / r["height"]).tolist())
    if not ys:
        return "no labelled lane points"
    ys = np.asarray(ys)
    return (f"{len(ys)} labelled points; y/height min {ys.min():.3f}, 2nd pct {np.percentile(ys, 2):.3f}, "
            f"max {ys.max():.3f}; anchors cover {fracs[0]:.3f}-{fracs[-1]:.3f}; "
            f"{(ys < fracs[0] - (fracs[1] - fracs[0])).mean() * 100:.1f} % of points lie above the top anchor")


def main():
    ap = C.training_args(__doc__, epochs=6, batch=16)
    ap.add_argument("--top", type=float, default=0.42, help="top row anchor as a fraction of the height")
    ap.add_argument("--row-step", type=int, default=2, help="row anchors every N stride-4 rows")
    ap.add_argument("--urban-weight", type=float, default=0.3, help="relative sampling weight of urban frames")
    ap.add_argument("--eval-every", type=int, default=2)
    ap.add_argument("--shift-y", type=float, default=0.04,
                    help="vertical shift augmentation (fraction of the height): camera pitch / horizon height")
    ap.add_argument("--scale", type=float, nargs=2, default=(0.9, 1.15), help="scale augmentation range")
    ap.add_argument("--init", help="start from this exported highway.pt (row anchors may differ)")
    ap.add_argument("--real-lanes", default=C.TUSIMPLE_TRAIN_JSON,
                    help="TuSimple label_data.json of real frames to train on (the dev_train ones); '' for none")
    ap.add_argument("--extra", action="append", default=[], metavar="DIR",
                    help="a dataset folder of real frames with lanes (e.g. training/lane_pseudo_labels.py output), "
                         "drawn with the --real-lanes frames; may repeat")
    ap.add_argument("--real-share", type=float, default=0.1,
                    help="share of samples drawn from the real frames (--real-lanes and --extra)")
    a = ap.parse_args()
    C.setup(a.seed)
    timer = C.Timer()
    rows, fracs = anchor_rows(a.top, a.row_step)
    anchor_y = np.asarray(fracs) * H
    train_x, train_rec = C.load_dataset(a.data, W, H)
    n_synthetic = len(train_rec)
    real_x, real_rec = C.load_tusimple_set(a.real_lanes, W, H) if a.real_lanes else (None, [])
    if real_rec:
        train_x, train_rec = torch.cat([train_x, real_x]), train_rec + real_rec
    for d in a.extra:
        x, r = C.load_dataset(d, W, H)
        train_x, train_rec = torch.cat([train_x, x]), train_rec + r
    n_real = len(train_rec) - n_synthetic
    val_x, val_rec = C.load_dataset(a.val, W, H)
    hw_val = [i for i, r in enumerate(val_rec) if r["scene"] == "highway"]
    print(f"train {len(train_rec)} {C.dataset_summary(train_rec)}  val {len(val_rec)} {C.dataset_summary(val_rec)}")
    stats = lane_stats(train_rec, fracs)
    print(f"R={len(rows)} anchors {['%.3f' % f for f in fracs]}; G={GRID}; {stats}", flush=True)

    model = HighwayNet(rows, GRID)
    if a.init:
        C.load_exported_weights(model, a.init)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=1e-4)
    weights = C.frame_sampling_weights(train_rec, {"highway": 1.0, "urban": a.urban_weight})
    if n_real:
        syn, real = weights[:n_synthetic], weights[n_synthetic:]
        weights = torch.cat([syn / syn.sum() * (1 - a.real_share), real / real.sum() * a.real_share])
    n_eff = int(sum(1 for r in train_rec if r["scene"] == "highway") + a.urban_weight * sum(
        1 for r in train_rec if r["scene"] != "highway"))
    steps_per_epoch = max(1, n_eff // a.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, a.lr, total_steps=a.epochs * steps_per_epoch, pct_start=0.1) \
        if a.epochs > 0 else None  # --epochs 0: evaluate and export the --init weights as they are
    gen = torch.Generator().manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    train_t = C.Timer()
    for ep in range(a.epochs):
        C.train_mode(model, frozen_batchnorm=bool(a.init))
        acc = np.zeros(4)
        for s, idx in enumerate(C.epoch_batches(weights, steps_per_epoch, a.batch, gen)):
            b = C.make_batch(train_x, train_rec, idx, rng, gen, DET,
                             anchor_y=anchor_y, grid=GRID, scale=tuple(a.scale), shift=0.06, shift_y=a.shift_y,
                             aspect=(0.85, 1.05))
            lanes, hm, reg = model.raw(b["x"])
            acc += optimise_step(opt, sched, model, lanes, hm, reg, b, GRID)
            if (s + 1) % 50 == 0:
                k = s + 1
                print(f"  ep {ep + 1} step {k}/{steps_per_epoch} ce {acc[0] / k:.3f} l1 {acc[1] / k:.3f} "
                      f"focal {acc[2] / k:.3f} box {acc[3] / k:.3f} ({train_t.elapsed():.0f}s)", flush=True)
        k = steps_per_epoch
        msg = f"epoch {ep + 1}/{a.epochs} ce {acc[0] / k:.3f} l1 {acc[1] / k:.3f} focal {acc[2] / k:.3f} " \
              f"box {acc[3] / k:.3f}"
        if (ep + 1) % a.eval_every == 0 or ep + 1 == a.epochs:
            lm, dm = evaluate(model, val_x[hw_val], [val_rec[i] for i in hw_val], fracs)
            msg += f" | val lane acc {lm['accuracy']:.3f} FP {lm['FP_rate']:.3f} FN {lm['FN_rate']:.3f}; vehicle " \
                   f"R {dm['vehicle'][f'recall@{THRESHOLD}']:.3f} AP {dm['vehicle']['AP50']:.3f}"
            if real_rec:
                rl, _ = evaluate(model, real_x, real_rec, fracs)
                msg += f" | real TuSimple (trained on) lane acc {rl['accuracy']:.3f}"
        print(msg + f" ({train_t.elapsed():.0f}s)", flush=True)
    train_s = train_t.elapsed()

    lm_hw, dm_hw = evaluate(model, val_x[hw_val], [val_rec[i] for i in hw_val], fracs)
    lm_all, dm_all = evaluate(model, val_x, val_rec, fracs)
    print("val highway frames:", json.dumps(lm_hw), json.dumps(dm_hw))
    print("val all frames:", json.dumps(lm_all), json.dumps(dm_all))

    os.makedirs(a.out, exist_ok=True)
    pt = os.path.join(a.out, "highway.pt")
    extra = [val_x[i:i + 1].float() / 255 for i in range(min(3, len(val_x)))]
    diff, fold = C.export_torchscript(model, torch.rand(1, 3, H, W), pt, extra_inputs=extra)
    sidecar = {"name": "highway", "kind": "row_anchor_lanes", "input_width": W, "input_height": H,
               "grid_cells": GRID, "row_anchors": [float(f) for f in fracs], "lanes": 4, "stride": 4,
               "classes": DET}
    lat, digest, size, export_cmd, val_cmd = C.release_facts(a.out, sidecar, pt, (1, 3, H, W), a.data, a.val)
    wall = timer.elapsed()

    def lane_row(name, m):
        return [name, m["gt_lanes"], m["gt_points"], f"{m['accuracy']:.3f}", f"{m['FP_rate']:.3f}",
                f"{m['FN_rate']:.3f}"]

    lane_table = C.md_table([lane_row(f"highway frames ({len(hw_val)})", lm_hw),
                             lane_row(f"all frames ({len(val_rec)})", lm_all)],
                            ["validation set", "GT lanes", "GT points", "accuracy", "FP rate", "FN rate"])
    C.write_card(os.path.join(a.out, "highway.md"), "highway.pt: highway-lane expert (row-anchor lanes + vehicles)", [
        ("Purpose", "Finds up to four lane boundaries (slots: second-left, ego-left, ego-right, second-right) and "
                    "the vehicles ahead in frames that the gate routes to the highway expert (see `experts`)."),
        ("Architecture", "`training/nets.py: HighwayNet`: the same backbone and neck as the urban expert "
                         "(conv-BN-ReLU, strides 2/4/8/16, widths 16/24/48/80, top-down neck to 24 channels at "
                         "stride 4). "
                         f"Lane head (UFLD-style row anchors): the stride-4 feature rows at the {len(rows)} anchor "
                         f"rows form a [24, R, {GRID}] grid (one grid cell per stride-4 column, so G = {GRID}); x/y "
                         "coordinate channels and a 16-d global context vector (pooled stride-16 features) are "
                         "appended; four conv-BN-ReLU layers (3x3, 1x3, dilated 3x3 d=2 and d=4, 24 channels) and "
                         "a 3x3 conv give 4 slot logits per cell; the 'absent' logit per (slot, row) comes from "
                         "max + mean pooling across the row and a 1x1 conv; softmax over G + 1. Vehicle head: "
                         "conv3x3-BN-ReLU (24) and a conv3x3 to 1 + 4 channels: heatmap (sigmoid) + ltrb "
                         f"(`exp(clamp(x, -6, 6)) * 16`). {C.count_params(model):,} parameters. Exported with "
                         f"`torch.jit.trace` (torch {torch.__version__}); the reloaded file matches eager within "
                         f"{diff:.1e} (BatchNorm folded into the convolutions before tracing; folding changes "
                         f"outputs by at most {fold:.1e})."),
        ("Input / output", f"Input float32 `[1, 3, {H}, {W}]`, RGB in [0, 1], whole frame resized bilinearly "
                           f"(OpenCV INTER_LINEAR). Output tuple: lanes `[1, 4, {len(rows)}, {GRID + 1}]` (softmax "
                           f"over {GRID} cells + absent; cell k covers x in [4k, 4k + 4) input px) and vehicles "
                           "`[1, 5, 60, 80]` (heatmap + ltrb, CenterNet layout of CONTRACTS.md). Row anchors "
                           "(fractions of the height) are the stride-4 row centres `(4 i + 2) / 240` for i in "
                           f"{rows}. Sidecar `highway.json`:\n```json\n{json.dumps(sidecar)}\n```"),
        ("Training data", f"Synthetic frames from the Java generator.\n- train: `{a.data}`: {len(train_rec)} frames "
                          f"{C.dataset_summary(train_rec)}; exporter: `{export_cmd}`\n- validation: `{a.val}`: "
                          f"{len(val_rec)} frames {C.dataset_summary(val_rec)}; exporter: `{val_cmd}`\n"
                          f"Urban frames are sampled with relative weight {a.urban_weight}; their lanes are used "
                          "when labelled and count as absent otherwise. Lane label statistics (train): "
                          f"{stats}."
                          + (f"\n\nFine-tuned from `{a.init}` (BatchNorm statistics frozen; the lane head's row "
                             "anchors are this card's)." if a.init else "")
                          + (f"\n\nReal frames ({a.real_share:.0%} of the samples): the {len(real_rec)} TuSimple-"
                             f"labelled frames of `{a.real_lanes}` (clip 0313-1, all in the fixed dev_train split; "
                             "lanes put in slots by their x on the lowest labelled row; the whole frame is an "
                             "ignore region for vehicles, which are not labelled there). The dev_val lane frames "
                             "(LaneNet examples) are never trained on." if real_rec else "")
                          + "".join(f"\n\nReal frames with pseudo-labelled lanes: `{d}` "
                                    f"({(C.read_manifest(d, 'DATA_LIST.txt') or '').splitlines()[:4]}), drawn with "
                                    "the TuSimple frames; made by `training/lane_pseudo_labels.py` (confident and "
                                    "temporally stable lane points only)." for d in a.extra)),
        ("Targets and losses", "Lane x at each anchor row by linear interpolation of the labelled TuSimple points "
                               "(h_samples, as fractions of the frame height; no extrapolation beyond the labelled "
                               "rows; outside the image = absent). Cross-entropy over the G + 1 classes for every "
                               "(slot, row) plus 0.05 x L1 on the soft-argmax x (cell units) at present rows. "
                               "Vehicles: CenterNet focal loss + GIoU (weight 0.5 in total), ignore regions masked."),
        ("Augmentation", f"Random scale {a.scale[0]}-{a.scale[1]}, horizontal squeeze 0.85-1.05, shift +-6 % "
                         f"horizontally and +-{a.shift_y:.0%} vertically (camera pitch; affine, edge "
                         "replicate; lane points and boxes are transformed with the image), horizontal flip 0.5 "
                         "(lane slots swapped 0<->3, 1<->2), brightness +-40 %, contrast +-35 %, saturation "
                         "-50/+40 %, per-channel gain +-8 %, gamma +-30 %, greyscale 5 %, 3x3 blur 20 %, Gaussian "
                         "noise sigma <= 0.025."),
        ("Training", f"AdamW (lr {a.lr}, weight decay 1e-4, one-cycle), batch {a.batch}, {a.epochs} epochs of "
                     f"{steps_per_epoch} steps, seed {a.seed}, 2 CPU threads. Training time {train_s:.0f} s; "
                     f"whole script {wall:.0f} s (including decoding, evaluation, export and latency)."),
        ("Validation (synthetic)", "Lanes: decoded like CONTRACTS.md (argmax absent test, soft-argmax x, >= 4 "
                                   "points), matched by slot, evaluated at the GT's own h_samples in frame pixels; "
                                   "a point is correct within 20 px at 640 px width (scaled with the frame width; "
                                   "no angle adjustment); predicted polylines are read between their first and last "
                                   "point, as decoded (continued at both ends, CONTRACTS.md). accuracy = correct / GT points (target >= 0.8); FN = GT "
                                   "lanes below 85 % accuracy; FP = predicted lanes without a matching GT lane.\n\n"
                                   f"{lane_table}\n\nVehicles (KITTI moderate protocol of the Java `DetectionEvaluator`: IoU 0.5, "
                                   f"GT boxes under 25 px tall not required), highway frames:\n\n"
                                   f"{C.fmt_metrics_table(dm_hw, THRESHOLD)}\n\nVehicles (all frames):\n\n"
                                   f"{C.fmt_metrics_table(dm_all, THRESHOLD)}"),
        ("File", f"`models/highway.pt`, {size:,} bytes, sha256 `{digest}`."),
        C.latency_section(lat),
        C.rebuild_section(),
    ])
    C.status(f"highway trained: lane acc {lm_hw['accuracy']:.3f} (FP {lm_hw['FP_rate']:.3f}, FN "
             f"{lm_hw['FN_rate']:.3f}) on highway val, vehicle R@0.3 {dm_hw['vehicle'][f'recall@{THRESHOLD}']:.3f} "
             f"AP {dm_hw['vehicle']['AP50']:.3f}; {train_s:.0f}s train, sha256 {digest[:12]}, latency "
             f"{lat['plain']['median_ms']} ms plain / {lat['mkldnn']['median_ms']} ms mkldnn")


if __name__ == "__main__":
    main()
