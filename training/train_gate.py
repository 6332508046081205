"""Trains the scene gate (urban vs highway) and exports models/gate.pt + gate.json + gate.md.

    /usr/bin/python3 training/train_gate.py --data training/.data/train --val training/.data/val --out models
"""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
from nets import GateNet  # noqa: E402

W, H = 128, 96
CLASSES = ["urban", "highway"]
REAL_CSV = "/work/shared/data/labels.csv"


def labels_of(records):
    return torch.tensor([CLASSES.index(r["scene"]) for r in records], dtype=torch.long)


@torch.no_grad()
def evaluate(model, images, labels, batch=256):
    model.eval()
    correct = 0
    per = {c: [0, 0] for c in CLASSES}
    probs_all = []
    for i in range(0, len(images), batch):
        x = images[i:i + batch].float() / 255
        p = model(x)
        probs_all.append(p)
        pred = p.argmax(1)
        y = labels[i:i + batch]
        correct += int((pred == y).sum())
        for k, c in enumerate(CLASSES):
            per[c][0] += int(((pred == y) & (y == k)).sum())
            per[c][1] += int((y == k).sum())
    return correct / max(len(images), 1), {c: (a / max(n, 1), n) for c, (a, n) in per.items()}


def load_real(csv_path):
    """Real development frames (/work/shared/data): a domain-gap check only, never used for training."""
    if not os.path.exists(csv_path):
        return None
    base = os.path.dirname(csv_path)
    imgs, labels = [], []
    with open(csv_path) as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split(",")
            if len(parts) < 2 or parts[1] not in CLASSES:
                continue
            with Image.open(os.path.join(base, parts[0])) as im:
                arr = np.asarray(im.convert("RGB"))
            imgs.append(C.resize_like_opencv(arr, W, H))
            labels.append(CLASSES.index(parts[1]))
    return torch.stack(imgs), torch.tensor(labels)


def main():
    ap = C.training_args(__doc__, epochs=6, batch=64)
    ap.add_argument("--width", type=int, default=16)
    ap.add_argument("--real", default=REAL_CSV, help="labels.csv of real frames for a domain-gap check ('' = off)")
    a = ap.parse_args()
    C.setup(a.seed)
    timer = C.Timer()
    train_x, train_rec = C.load_dataset(a.data, W, H)
    val_x, val_rec = C.load_dataset(a.val, W, H)
    train_y, val_y = labels_of(train_rec), labels_of(val_rec)
    print(f"train {len(train_rec)} {C.dataset_summary(train_rec)}  val {len(val_rec)} {C.dataset_summary(val_rec)}")

    model = GateNet(a.width)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=1e-4)
    steps_per_epoch = max(1, len(train_x) // a.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, a.lr, total_steps=a.epochs * steps_per_epoch, pct_start=0.15)
    gen = torch.Generator().manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    # balance the classes by sampling weights
    counts = torch.bincount(train_y, minlength=2).float().clamp(min=1)
    weights = (1.0 / counts)[train_y]
    train_t0 = C.Timer()
    for ep in range(a.epochs):
        model.train()
        tot, n = 0.0, 0
        for b in C.epoch_batches(weights, steps_per_epoch, a.batch, gen):
            x = train_x[b].float() / 255
            x = C.apply_affine(x, C.affine_params(len(b), rng, scale=(0.85, 1.3), shift=0.1, flip=0.5,
                                                     aspect=(0.75, 1.05)))
            x = C.photometric(x, gen, 1.0)
            loss = F.cross_entropy(model.logits(x), train_y[b], label_smoothing=0.05)
            C.optimiser_step(opt, sched, loss)
            tot += float(loss) * len(b)
            n += len(b)
        acc, per = evaluate(model, val_x, val_y)
        print(f"epoch {ep + 1}/{a.epochs} loss {tot / n:.4f} val acc {acc:.4f} {per} ({train_t0.elapsed():.0f}s)",
              flush=True)
    train_s = train_t0.elapsed()
    acc, per = evaluate(model, val_x, val_y)

    real = load_real(a.real) if a.real else None
    real_line = "not measured"
    if real is not None:
        racc, rper = evaluate(model, real[0], real[1])
        real_line = f"accuracy {racc:.3f} on {len(real[1])} frames; " + ", ".join(
            f"{c} {v[0]:.3f} ({v[1]} frames)" for c, v in rper.items())
        print("real dev frames (domain gap, not used for training):", real_line)

    os.makedirs(a.out, exist_ok=True)
    pt = os.path.join(a.out, "gate.pt")
    extra = [val_x[:4].float() / 255]
    diff, fold = C.export_torchscript(model, torch.rand(1, 3, H, W), pt, extra_inputs=[e[i:i + 1] for e in extra
                                                                                 for i in range(len(e))])
    sidecar = {"name": "gate", "kind": "scene_classifier", "input_width": W, "input_height": H, "classes": CLASSES}
    lat, digest, size, export_cmd, val_cmd = C.release_facts(a.out, sidecar, pt, (1, 3, H, W), a.data, a.val)
    wall = timer.elapsed()
    C.write_card(os.path.join(a.out, "gate.md"), "gate.pt: scene gate (urban vs highway)", [
        ("Purpose", "Classifies every camera frame as `urban` or `highway` so that the pipeline can route it to the "
                    "urban-pedestrian expert or the highway-lane expert (see `gating`)."),
        ("Architecture", f"Tiny CNN (`training/nets.py: GateNet(width={a.width})`): mean/std normalisation inside "
                         "the model, four conv3x3-BN-ReLU blocks (three with stride 2, widths "
                         f"{a.width}-{2 * a.width}-{2 * a.width}-{4 * a.width}) and a grouped (2 groups) stride-2 "
                         f"conv3x3 to {6 * a.width} channels, "
                         "concatenated global average + max pooling, dropout 0.2, linear layer, softmax. "
                         f"{C.count_params(model):,} parameters. Exported with `torch.jit.trace` (torch "
                         f"{torch.__version__}); the reloaded file matches eager within {diff:.1e} (BatchNorm folded into the "
                         f"convolutions before tracing; folding changes outputs by at most {fold:.1e})."),
        ("Input / output", f"Input float32 `[1, 3, {H}, {W}]` (H x W), RGB in [0, 1], whole frame resized "
                           "bilinearly (OpenCV INTER_LINEAR, no letterbox). Output `[1, 2]` softmax "
                           "probabilities in the order `[urban, highway]`. Sidecar `gate.json`:\n"
                           f"```json\n{__import__('json').dumps(sidecar)}\n```"),
        ("Training data", f"Synthetic frames from the Java generator (`datasets`), exported to "
                          f"labels.jsonl (CONTRACTS.md).\n- train: `{a.data}`: {len(train_rec)} frames "
                          f"{C.dataset_summary(train_rec)}; exporter: `{export_cmd}`\n- validation: `{a.val}`: "
                          f"{len(val_rec)} frames {C.dataset_summary(val_rec)}; exporter: `{val_cmd}`\n"
                          "Classes are balanced by sampling weights. No real images are used for training."),
        ("Augmentation", "Random scale 0.85-1.3, horizontal squeeze 0.75-1.05 (as when a 16:9 frame is resized "
                         "to 4:3) and shift +-10 % (affine, edge replicate), horizontal flip 0.5, "
                         "brightness +-40 %, contrast +-35 %, saturation -50/+40 %, per-channel gain +-8 %, gamma "
                         "+-30 %, greyscale 5 %, 3x3 blur 20 %, Gaussian noise sigma <= 0.025; label smoothing "
                         "0.05."),
        ("Training", f"AdamW (lr {a.lr}, weight decay 1e-4, one-cycle), batch {a.batch}, {a.epochs} epochs of "
                     f"{steps_per_epoch} steps, seed {a.seed}, 2 CPU threads. Training time {train_s:.0f} s; "
                     f"whole script {wall:.0f} s (including decoding, export and latency)."),
        ("Validation (synthetic)", f"Accuracy **{acc:.4f}** on {len(val_rec)} held-out frames (different "
                                   "generator seed); per class: " + ", ".join(
                                       f"{c} {v[0]:.4f} ({v[1]} frames)" for c, v in per.items()) + "."),
        ("Real development frames (domain gap)", f"`{a.real}`: {real_line}. These frames were never used for "
                                                 "training or model selection; they show how far the synthetic "
                                                 "training transfers."),
        ("File", f"`models/gate.pt`, {size:,} bytes, sha256 `{digest}`."),
        C.latency_section(lat),
        C.rebuild_section(),
    ])
    C.status(f"gate trained: val acc {acc:.4f}, real-dev {real_line}, {train_s:.0f}s train, sha256 {digest[:12]}, "
             f"latency {lat['plain']['median_ms']} ms plain / {lat['mkldnn']['median_ms']} ms mkldnn")


if __name__ == "__main__":
    main()
