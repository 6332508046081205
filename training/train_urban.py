"""Trains the urban expert (CenterNet-style pedestrian / cyclist / vehicle detector) and exports models/urban.pt
+ urban.json + urban.md.

    /usr/bin/python3 training/train_urban.py --data training/.data/train --val training/.data/val --out models
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
from nets import UrbanNet, CenterHead  # noqa: E402

W, H = 448, 336  # model input; --width/--height override
CLASSES = ["pedestrian", "cyclist", "vehicle"]
THRESHOLD = 0.3


@torch.no_grad()
def evaluate(model, images, records, batch=32, threshold=THRESHOLD, min_height=C.KITTI_MIN_HEIGHT):
    model.eval()
    ev = C.DetectionEval(CLASSES, min_height=min_height)
    for s in range(0, len(records), batch):
        out = model(images[s:s + batch].float() / 255)
        for b in range(out.shape[0]):
            rec = records[s + b]
            dets = C.decode_centernet(out[b], len(CLASSES), 0.05, rec["width"] / W, rec["height"] / H)
            boxes, cls, ign = C.scaled_boxes(rec, rec["width"], rec["height"], CLASSES)
            ev.add(dets, boxes, cls, ign)
    return ev.summary(threshold)


def data_list_command(data_dir):
    """The first line of an extra set's DATA_LIST.txt ("command: ..."), formatted for the model card."""
    listing = C.read_manifest(data_dir, "DATA_LIST.txt")
    if not listing:
        return "no DATA_LIST.txt"
    first = listing.split("\n")[0]
    return f"command: `{first[len('command: '):]}`" if first.startswith("command: ") else first


def main():
    global W, H
    ap = C.training_args(__doc__, epochs=12, batch=16)
    ap.add_argument("--highway-weight", type=float, default=0.35,
                    help="relative sampling weight of highway frames (they add vehicles)")
    ap.add_argument("--eval-every", type=int, default=4)
    ap.add_argument("--width", type=int, default=W, help="model input width (multiple of 16)")
    ap.add_argument("--height", type=int, default=H, help="model input height (multiple of 16)")
    ap.add_argument("--init", help="start from this exported urban.pt (fine-tuning; BatchNorm statistics frozen)")
    ap.add_argument("--extra", action="append", default=[], metavar="DIR",
                    help="another dataset folder (labels.jsonl) trained on beside --data, e.g. the real people "
                         "of training/real_people.py; may repeat")
    ap.add_argument("--extra-share", type=float, default=0.5, help="share of samples drawn from the --extra sets")
    ap.add_argument("--squeeze", type=float, nargs=2, default=(0.6, 1.05), metavar=("LO", "HI"),
                    help="horizontal squeeze range of the augmentation: real cameras are 16:9 to 2:1 and the "
                         "whole frame is resized to the 4:3 input, which narrows people to 0.75-0.67 of their "
                         "width; 1 1 turns it off")
    a = ap.parse_args()
    W, H = a.width, a.height
    C.setup(a.seed)
    timer = C.Timer()
    train_x, train_rec = C.load_dataset(a.data, W, H)
    n_synthetic = len(train_rec)
    for d in a.extra:
        x, r = C.load_dataset(d, W, H)
        train_x, train_rec = torch.cat([train_x, x]), train_rec + r
    street_x, street_rec = C.load_boxes_csv_set(C.STREET_PEOPLE_DIR, W, H)
    dev_val = C.dev_val_files()
    street_parts = {part: [i for i, r in enumerate(street_rec)
                           if (f"pedestrians_street_dev/{r['file']}" in dev_val) == (part == "dev_val")]
                    for part in ("dev_train", "dev_val")}
    val_x, val_rec = C.load_dataset(a.val, W, H)
    urban_val = [i for i, r in enumerate(val_rec) if r["scene"] == "urban"]
    print(f"train {len(train_rec)} {C.dataset_summary(train_rec)}  val {len(val_rec)} {C.dataset_summary(val_rec)}",
          flush=True)

    model = UrbanNet(len(CLASSES))
    if a.init:
        C.load_exported_weights(model, a.init)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=1e-4)
    weights = C.frame_sampling_weights(train_rec, {"urban": 1.0, "highway": a.highway_weight})
    if a.extra:
        syn, ext = weights[:n_synthetic], weights[n_synthetic:]
        weights = torch.cat([syn / syn.sum() * (1 - a.extra_share), ext / ext.sum() * a.extra_share])
    n_eff = int(sum(1 for r in train_rec if r["scene"] == "urban") + a.highway_weight * sum(
        1 for r in train_rec if r["scene"] != "urban"))
    steps_per_epoch = max(1, n_eff // a.batch)
    total = a.epochs * steps_per_epoch
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, a.lr, total_steps=total, pct_start=0.1)
    gen = torch.Generator().manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    train_t = C.Timer()
    step = 0
    for ep in range(a.epochs):
        C.train_mode(model, frozen_batchnorm=bool(a.init))
        acc = np.zeros(2)
        for s, idx in enumerate(C.epoch_batches(weights, steps_per_epoch, a.batch, gen)):
            b = C.make_batch(train_x, train_rec, idx, rng, gen, CLASSES, aspect=tuple(a.squeeze))
            hm, reg = model.raw(b["x"])
            lf, lr_ = C.det_loss(hm, reg, b, CenterHead.ltrb)
            C.optimiser_step(opt, sched, lf + lr_, model.parameters())
            step += 1
            acc += [float(lf), float(lr_)]
            if (s + 1) % 50 == 0:
                print(f"  ep {ep + 1} step {s + 1}/{steps_per_epoch} focal {acc[0] / (s + 1):.3f} "
                      f"box {acc[1] / (s + 1):.3f} ({train_t.elapsed():.0f}s)", flush=True)
        msg = f"epoch {ep + 1}/{a.epochs} focal {acc[0] / steps_per_epoch:.3f} box {acc[1] / steps_per_epoch:.3f}"
        if (ep + 1) % a.eval_every == 0 or ep + 1 == a.epochs:
            m = evaluate(model, val_x[urban_val], [val_rec[i] for i in urban_val])
            msg += " | val " + ", ".join(f"{k} R {v[f'recall@{THRESHOLD}']:.3f} P {v[f'precision@{THRESHOLD}']:.3f}"
                                         f" AP {v['AP50']:.3f}" for k, v in m.items())
            for part, idx in street_parts.items():
                p = evaluate(model, street_x[idx], [street_rec[i] for i in idx])["pedestrian"]
                msg += f" | real street people {part} R {p[f'recall@{THRESHOLD}']:.3f} AP {p['AP50']:.3f}"
        print(msg + f" ({train_t.elapsed():.0f}s)", flush=True)
    train_s = train_t.elapsed()

    m_urban = evaluate(model, val_x[urban_val], [val_rec[i] for i in urban_val])
    m_urban_every = evaluate(model, val_x[urban_val], [val_rec[i] for i in urban_val], min_height=0)
    m_all = evaluate(model, val_x, val_rec)
    recall_by_height = C.recall_by_height(model, val_x[urban_val], [val_rec[i] for i in urban_val], CLASSES, 0,
                                          THRESHOLD)
    print("val urban frames (KITTI moderate, >= 25 px):", json.dumps(m_urban))
    print("val urban frames (every box):", json.dumps(m_urban_every))
    print("val all frames (KITTI moderate):", json.dumps(m_all))
    print("pedestrian recall by height:", recall_by_height)

    os.makedirs(a.out, exist_ok=True)
    pt = os.path.join(a.out, "urban.pt")
    extra = [val_x[i:i + 1].float() / 255 for i in range(min(3, len(val_x)))]
    diff, fold = C.export_torchscript(model, torch.rand(1, 3, H, W), pt, extra_inputs=extra)
    sidecar = {"name": "urban", "kind": "centernet", "input_width": W, "input_height": H, "stride": 4,
               "classes": CLASSES}
    lat, digest, size, export_cmd, val_cmd = C.release_facts(a.out, sidecar, pt, (1, 3, H, W), a.data, a.val)
    wall = timer.elapsed()
    ped = m_urban["pedestrian"][f"recall@{THRESHOLD}"]
    C.write_card(os.path.join(a.out, "urban.md"), "urban.pt: urban-pedestrian expert (CenterNet-style detector)", [
        ("Purpose", "Detects pedestrians, cyclists and vehicles in frames that the gate routes to the urban "
                    "expert (see `experts`)."),
        ("Architecture", "Anchor-free one-stage detector (`training/nets.py: UrbanNet`): mean/std normalisation "
                         "inside the model; conv3x3-BN-ReLU backbone with strides 2/4/8/16 (widths 16, 24, 48, 80; "
                         "two blocks at stride 4 and 8, three at stride 16, the last dilated); top-down neck "
                         "(conv3x3 to 24 channels at stride 16 and 8, nearest upsampling, sums) back to stride 4; "
                         "head: conv3x3-BN-ReLU (32) and one conv3x3 to 3 + 4 channels: 3-class centre heatmaps "
                         "(sigmoid) and ltrb distances `exp(clamp(x, -6, 6)) * 16` in input pixels. Every conv "
                         "takes torch's oneDNN path at batch 1 (see `nets.py`). "
                         f"{C.count_params(model):,} parameters. Exported with `torch.jit.trace` (torch "
                         f"{torch.__version__}); the reloaded file matches eager within {diff:.1e} (BatchNorm folded into the "
                         f"convolutions before tracing; folding changes outputs by at most {fold:.1e})."),
        ("Input / output", f"Input float32 `[1, 3, {H}, {W}]`, RGB in [0, 1], whole frame resized bilinearly "
                           f"(OpenCV INTER_LINEAR). Output `[1, 7, {H // 4}, {W // 4}]`: channels 0-2 heatmaps for "
                           "`[pedestrian, cyclist, vehicle]`, channels 3-6 `l, t, r, b` from the cell centre "
                           "`((j + 0.5) * 4, (i + 0.5) * 4)`. Decode as in CONTRACTS.md (3x3 peak, threshold, "
                           "class-wise NMS). Sidecar `urban.json`:\n"
                           f"```json\n{json.dumps(sidecar)}\n```"),
        ("Training data", f"Synthetic frames from the Java generator.\n- train: `{a.data}`: {len(train_rec)} frames "
                          f"{C.dataset_summary(train_rec)}; exporter: `{export_cmd}`\n- validation: `{a.val}`: "
                          f"{len(val_rec)} frames {C.dataset_summary(val_rec)}; exporter: `{val_cmd}`\n"
                          f"Highway frames are sampled with relative weight {a.highway_weight} (they add vehicles). "
                          "Ignore regions (heavily occluded or tiny objects) and objects cut to < 40 % by the "
                          "augmentation are excluded from the heatmap loss."
                          + (f"\n\nFine-tuned from `{a.init}` (BatchNorm statistics frozen)." if a.init else "")
                          + (f"\n\nReal people ({a.extra_share:.0%} of the samples): " + ", ".join(
                              f"`{d}` ({data_list_command(d)})" for d in a.extra) + "; made by `training/real_people.py` (pseudo-labelled people of "
                              "OpenCV's vtest.avi by background subtraction, and copy-paste composites of them on "
                              "synthetic and real dev_train street frames, plus the dev_train images of "
                              "`pedestrians_street_dev`, whole and as pasted people). The dev_val image of that set "
                              "is never trained on." if a.extra else "")),
        ("Targets and losses", "CenterNet Gaussian heatmaps (radius from the box size, min overlap 0.7) with the "
                               "penalty-reduced focal loss (alpha 2, beta 4), masked in ignore regions; GIoU loss "
                               "plus 0.1 x L1 on log-distances for ltrb at the centre cell and at 3x3 neighbours "
                               "whose centres lie inside the box (Gaussian-weighted)."),
        ("Augmentation", f"Random scale 0.75-1.3, horizontal squeeze {a.squeeze[0]}-{a.squeeze[1]} (a 16:9 to 2:1 "
                         "camera frame resized to the 4:3 input narrows people) and shift +-10 % (affine, edge "
                         "replicate), horizontal flip 0.5, "
                         "brightness +-40 %, contrast +-35 %, saturation -50/+40 %, per-channel gain +-8 %, gamma "
                         "+-30 %, greyscale 5 %, 3x3 blur 20 %, Gaussian noise sigma <= 0.025."),
        ("Training", f"AdamW (lr {a.lr}, weight decay 1e-4, one-cycle), batch {a.batch}, {a.epochs} epochs of "
                     f"{steps_per_epoch} steps, seed {a.seed}, 2 CPU threads. Training time {train_s:.0f} s; "
                     f"whole script {wall:.0f} s (including decoding, evaluation, export and latency)."),
        ("Validation (synthetic)", f"Decoded like the Java side (3x3 peak, class-wise NMS 0.5); matched at IoU "
                                   ">= 0.5 in frame pixels with the protocol of the Java `DetectionEvaluator` "
                                   "(KITTI 'moderate': GT boxes under 25 px tall are not required and act as ignore "
                                   "regions; detections on ignore regions are neither TP nor FP). Pedestrian recall "
                                   f"at score >= {THRESHOLD}: **{ped:.3f}** (KITTI moderate, target >= 0.8); "
                                   f"{m_urban_every['pedestrian'][f'recall@{THRESHOLD}']:.3f} when every labelled "
                                   "pedestrian (down to 6 px tall) is required.\n\n"
                                   f"Urban validation frames ({len(urban_val)}), KITTI moderate (>= 25 px):\n\n"
                                   f"{C.fmt_metrics_table(m_urban, THRESHOLD)}\n\nUrban validation frames, every "
                                   f"labelled box required:\n\n{C.fmt_metrics_table(m_urban_every, THRESHOLD)}\n\n"
                                   f"All validation frames ({len(val_rec)}), KITTI moderate:\n\n"
                                   f"{C.fmt_metrics_table(m_all, THRESHOLD)}\n\nPedestrian recall (score >= "
                                   f"{THRESHOLD}, IoU 0.5) by labelled height in frame pixels (640x480 frames; the "
                                   f"model sees them scaled by {W / 640:.2f}):\n\n{recall_by_height}"),
        ("File", f"`models/urban.pt`, {size:,} bytes, sha256 `{digest}`."),
        C.latency_section(lat),
        C.rebuild_section(),
    ])
    C.status(f"urban trained: ped recall@0.3 {ped:.3f} (KITTI moderate; every box "
             f"{m_urban_every['pedestrian'][f'recall@{THRESHOLD}']:.3f}), " + ", ".join(
        f"{k} R {v[f'recall@{THRESHOLD}']:.3f} P {v[f'precision@{THRESHOLD}']:.3f} AP {v['AP50']:.3f}"
        for k, v in m_urban.items()) + f"; {train_s:.0f}s train, sha256 {digest[:12]}, latency "
        f"{lat['plain']['median_ms']} ms plain / {lat['mkldnn']['median_ms']} ms mkldnn")


if __name__ == "__main__":
    main()
