"""Scene gate v2: trains GateNet (same architecture and I/O contract as models/gate.pt) on the synthetic frames plus
the real development frames of training/splits/dev_train.csv, and reports on the fixed real split dev_val.csv.

    # 1. the fixed split of /work/shared/data/labels.csv (written once, committed as CSV path lists only)
    /usr/bin/python3 training/finetune_gate.py --make-splits
    # 2. train + export /tmp/gate_v2/gate.pt, gate.json, gate.md
    /usr/bin/python3 training/finetune_gate.py --out /tmp/gate_v2
    # optional: group k-fold cross-validation inside dev_train (model selection without dev_val)
    /usr/bin/python3 training/finetune_gate.py --cv 3 --init scratch

dev_val is never used for training or for choosing anything: it is evaluated once, after the last epoch, for the
report. The model is the one after the last epoch (no early stopping, no checkpoint picking).
"""
import csv
import hashlib
import io
import json
import os
import re
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
REAL_ROOT = "/work/shared/data"
SPLIT_DIR = os.path.join(C.TRAINING_DIR, "splits")
SPLIT_SALT = "triage-gate-split-v1"
VAL_FRACTION = 0.30      # target share of each scene's frames in dev_val
VAL_MAX_FRACTION = 0.35  # a group is not put into dev_val if that would push the scene's val share above this

# ----------------------------------------------------------------------------------------------------------------
# split: group key per frame, so that frames of one sequence / clip / drive stay on one side
# ----------------------------------------------------------------------------------------------------------------
# Explicit groups (by visual check of the frames and the SOURCE.md files):
#  - udacity: the 12 frames of solidWhiteRight.mp4 and the stills solidWhiteCurve/solidWhiteRight come from the
#    solidWhiteRight drive; solidYellowCurve, solidYellowCurve2, solidYellowLeft and whiteCarLaneSwitch (yellow
#    left line, same hills) from the solidYellowLeft drive.
#  - tusimple: the 4 clips 0313-1/* are one recording session; the 2 lanenet examples (consecutive-looking) one
#    group; the 4 unlabeled TuSimple test frames one group (provenance of their clips unknown, kept together).
#  - argoverse: 3 consecutive frames, one group.
#  - nuscenes: image_2/000070-000099 is one 2 Hz run; sequence_unlabeled is split into its runs of consecutive
#    indices (000000-000042 and 000076-000098).
#  - everything else (bdd100k, pedestrians_street_dev): independent single images, one group each.
GROUP_RULES = [
    (r"^udacity_highway_p1/(frames_from_video/solidWhiteRight_f\d+|test_images/solidWhite\w*)\.jpg$",
     "udacity/solidWhiteRight-drive"),
    (r"^udacity_highway_p1/test_images/(solidYellow\w*|whiteCarLaneSwitch)\.jpg$", "udacity/solidYellowLeft-drive"),
    (r"^tusimple_highway_lanes_dev/tusimple_512x288/clips/0313-1/", "tusimple/0313-1"),
    (r"^tusimple_highway_lanes_dev/lanenet_examples/", "tusimple/lanenet_examples"),
    (r"^tusimple_highway_lanes_dev/tusimple_test_unlabeled/", "tusimple/test_unlabeled"),
    (r"^argoverse_kitti_format_urban/", "argoverse/sequence"),
    (r"^nuscenes_boston_urban_dev/image_2/", "nuscenes/image_2-run"),
]


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def group_keys(rows):
    """Group key of every row of labels.csv (see GROUP_RULES)."""
    keys = []
    seq = []  # nuscenes sequence_unlabeled: runs of consecutive indices
    for r in rows:
        fn = r["filename"]
        key = None
        for pat, k in GROUP_RULES:
            if re.search(pat, fn):
                key = k
                break
        m = re.match(r"^nuscenes_boston_urban_dev/sequence_unlabeled/(\d+)\.\w+$", fn)
        if m:
            seq.append((int(m.group(1)), len(keys)))
            key = "pending"
        keys.append(key or fn)
    seq.sort()
    run_start, prev = None, None
    for idx, i in seq:
        if prev is None or idx != prev + 1:
            run_start = idx
        keys[i] = f"nuscenes/sequence_unlabeled-run{run_start:06d}"
        prev = idx
    return keys


def make_splits(labels_csv, out_dir):
    """Deterministic group split: per scene, groups are taken in the order of sha1(salt + group key); a group goes
    to dev_val while that scene's val share is below VAL_FRACTION and the group does not push it above
    VAL_MAX_FRACTION; every other group goes to dev_train."""
    rows = [r for r in read_csv(labels_csv) if r["scene"] in CLASSES]
    keys = group_keys(rows)
    groups = {}
    for r, k in zip(rows, keys):
        groups.setdefault((r["scene"], k), []).append(r)
    # a group must not span both scenes
    scenes_of = {}
    for (s, k) in groups:
        scenes_of.setdefault(k, set()).add(s)
    bad = [k for k, s in scenes_of.items() if len(s) > 1]
    assert not bad, f"groups with both scenes: {bad}"
    val_keys = set()
    summary = []
    for scene in CLASSES:
        total = sum(len(v) for (s, _), v in groups.items() if s == scene)
        order = sorted([k for (s, k) in groups if s == scene],
                       key=lambda k: hashlib.sha1((SPLIT_SALT + ":" + k).encode()).hexdigest())
        n_val = 0
        for k in order:
            n = len(groups[(scene, k)])
            if n_val < VAL_FRACTION * total and n_val + n <= VAL_MAX_FRACTION * total:
                val_keys.add(k)
                n_val += n
        summary.append((scene, total, n_val))
    os.makedirs(out_dir, exist_ok=True)
    fields = ["filename", "scene", "source"]
    out = {"dev_train": [], "dev_val": []}
    for r, k in zip(rows, keys):
        out["dev_val" if k in val_keys else "dev_train"].append(r)
    for name, rs in out.items():
        with open(os.path.join(out_dir, name + ".csv"), "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
            w.writeheader()
            for r in rs:
                w.writerow({k: r[k] for k in fields})
    lines = []
    for name, rs in out.items():
        cnt = {c: sum(r["scene"] == c for r in rs) for c in CLASSES}
        gk = sorted({k for r, k in zip(rows, keys) if (k in val_keys) == (name == "dev_val")})
        lines.append(f"{name}: {len(rs)} frames {cnt}, {len(gk)} groups")
        for g in gk:
            lines.append(f"    {g}: {sum(1 for kk in keys if kk == g)}")
    print("\n".join(lines))
    return out


# ----------------------------------------------------------------------------------------------------------------
# data
# ----------------------------------------------------------------------------------------------------------------
def load_real(csv_path, root=REAL_ROOT):
    """Frames listed in a split CSV (paths relative to root), resized like the Java side. Returns (uint8 [N,3,H,W],
    labels, filenames)."""
    rows = read_csv(csv_path)
    imgs, labels, names = [], [], []
    for r in rows:
        with Image.open(os.path.join(root, r["filename"])) as im:
            arr = np.asarray(im.convert("RGB"))
        imgs.append(C.resize_like_opencv(arr, W, H))
        labels.append(CLASSES.index(r["scene"]))
        names.append(r["filename"])
    return torch.stack(imgs), torch.tensor(labels), names


def labels_of(records):
    return torch.tensor([CLASSES.index(r["scene"]) for r in records], dtype=torch.long)


# ----------------------------------------------------------------------------------------------------------------
# augmentation on top of common.py's affine + photometric
# ----------------------------------------------------------------------------------------------------------------
def jpeg_degrade(x, rng, p=0.3, quality=(15, 75)):
    """Re-encodes a random subset of the float batch as JPEG (PIL) at a random quality."""
    for i in range(x.shape[0]):
        if rng.random() >= p:
            continue
        u8 = (x[i].permute(1, 2, 0).clamp(0, 1) * 255).round().to(torch.uint8).numpy()
        buf = io.BytesIO()
        Image.fromarray(u8).save(buf, format="JPEG", quality=int(rng.integers(quality[0], quality[1] + 1)))
        buf.seek(0)
        with Image.open(buf) as im:
            x[i] = torch.from_numpy(np.asarray(im.convert("RGB")).copy()).permute(2, 0, 1).float() / 255
    return x


def lowres_degrade(x, rng, p=0.2, factor=(0.35, 0.75)):
    """Down- then up-samples a random subset (softness of small or heavily compressed source frames)."""
    H, W = x.shape[2:]
    for i in range(x.shape[0]):
        if rng.random() >= p:
            continue
        f = rng.uniform(*factor)
        h, w = max(8, int(H * f)), max(8, int(W * f))
        y = F.interpolate(x[i:i + 1], size=(h, w), mode="bilinear", align_corners=False, antialias=True)
        x[i:i + 1] = F.interpolate(y, size=(H, W), mode="bilinear", align_corners=False)
    return x


def augment(x, rng, gen, strong):
    if strong:
        x = C.apply_affine(x, C.affine_params(len(x), rng, scale=(0.8, 1.5), shift=0.12, flip=0.5,
                                                 aspect=(0.7, 1.1)))
        x = C.photometric(x, gen, 1.3)
        x = lowres_degrade(x, rng)
        x = jpeg_degrade(x, rng)
    else:  # the shipped gate's augmentation (synthetic frames)
        x = C.apply_affine(x, C.affine_params(len(x), rng, scale=(0.85, 1.3), shift=0.1, flip=0.5,
                                                 aspect=(0.75, 1.05)))
        x = C.photometric(x, gen, 1.0)
        x = jpeg_degrade(x, rng, p=0.15)
    return x


# ----------------------------------------------------------------------------------------------------------------
# evaluation
# ----------------------------------------------------------------------------------------------------------------
@torch.no_grad()
def predict(model, images, batch=256):
    model.eval()
    return torch.cat([model(images[i:i + batch].float() / 255) for i in range(0, len(images), batch)])


def report(probs, labels, names=None):
    pred = probs.argmax(1)
    acc = float((pred == labels).float().mean()) if len(labels) else 0.0
    per = {}
    for k, c in enumerate(CLASSES):
        m = labels == k
        per[c] = (int(((pred == labels) & m).sum()), int(m.sum()))
    wrong = []
    if names is not None:
        for i in torch.nonzero(pred != labels).flatten().tolist():
            wrong.append((names[i], CLASSES[int(labels[i])], float(probs[i, int(labels[i])])))
    ptrue = probs[torch.arange(len(labels)), labels] if len(labels) else torch.ones(1)
    return {"acc": acc, "per": per, "wrong": wrong, "n": len(labels), "min_p": float(ptrue.min())}


def fmt(r):
    s = f"{r['acc']:.4f} ({sum(v[0] for v in r['per'].values())}/{r['n']}); " + ", ".join(
        f"{c} {a}/{n}" for c, (a, n) in r["per"].items()) + f"; lowest p(true class) {r['min_p']:.2f}"
    if r["wrong"]:
        s += "; wrong: " + ", ".join(f"`{n}` ({t}, p={p:.2f})" for n, t, p in r["wrong"])
    return s


# How the defaults (--init scratch --lr 3e-3 --epochs 10 --real-frac 0.5 --hw-weight 1) were chosen: group 3-fold CV
# inside dev_train only (`--cv 3`, folds stratified by scene, each fold holds out whole drives/sequences), pooled
# accuracy over the 94 dev_train frames. dev_val played no part.
SELECTION_NOTE = (
    "Chosen by group 3-fold cross-validation inside dev_train only (`--cv 3`; each fold holds out whole "
    "sequences/drives, e.g. all udacity solidWhiteRight frames or all TuSimple 0313-1 clips), pooled over the 94 "
    "dev_train frames; dev_val played no part:\n\n"
    "| init | lr | epochs | real share | highway weight | seed | CV accuracy |\n|---|---|---|---|---|---|---|\n"
    "| shipped `models/gate.pt` | 1e-3 | 6 | 0.5 | 1 | 1 | 0.862 (81/94) |\n"
    "| scratch | 3e-3 | 6 | 0.5 | 1 | 1 | 0.936 (88/94) |\n"
    "| scratch | 3e-3 | 6 | 0.5 | 1 | 2 | 0.968 (91/94) |\n"
    "| scratch | 3e-3 | 6 | 0.5 | 2 | 1 | 0.904 (85/94) |\n"
    "| scratch | 3e-3 | 6 | 0.75 | 1 | 1 | 0.936 (88/94) |\n"
    "| **scratch** | **3e-3** | **10** | **0.5** | **1** | **1** | **0.947 (89/94)** |\n\n"
    "Fine-tuning the shipped weights generalised worse to held-out real drives than training from scratch on the "
    "mixed data. The seed changes CV accuracy by ~3 frames, so the other differences are within noise. Most CV "
    "errors are highway frames of a drive style absent from the training folds (TuSimple 0313-1 when only udacity "
    "highway frames are left) and BDD100K `0ace96c3` (urban) / `8e1c1ab0` (highway).")


# ----------------------------------------------------------------------------------------------------------------
# training
# ----------------------------------------------------------------------------------------------------------------
def build_model(a):
    model = GateNet(a.width)
    if a.init == "shipped":
        ts = torch.jit.load(a.shipped)
        model.load_state_dict(ts.state_dict(), strict=True)
    return model


def train(a, syn_x, syn_y, real_x, real_y, log=print):
    """Trains one model. Each batch: (1 - real_frac) synthetic frames (class-balanced, the shipped gate's
    augmentation) and real_frac real dev_train frames (class-balanced, oversampled, strong augmentation)."""
    C.setup(a.seed)
    model = build_model(a)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=a.wd)
    steps_per_epoch = max(1, len(syn_x) // a.batch)
    total = a.epochs * steps_per_epoch
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, a.lr, total_steps=total, pct_start=0.15)
    gen = torch.Generator().manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    n_real = int(round(a.batch * a.real_frac)) if real_x is not None and len(real_x) else 0
    n_syn = a.batch - n_real
    sw = (1.0 / torch.bincount(syn_y, minlength=2).float().clamp(min=1))[syn_y]
    rw = (1.0 / torch.bincount(real_y, minlength=2).float().clamp(min=1))[real_y] if n_real else None
    cw = torch.tensor([1.0, a.hw_weight])
    timer = C.Timer()
    for ep in range(a.epochs):
        model.train()
        syn_batches = C.epoch_batches(sw, steps_per_epoch, n_syn, gen)
        real_batches = C.epoch_batches(rw, steps_per_epoch, n_real, gen) if n_real else None
        tot, n = 0.0, 0
        for s, b in enumerate(syn_batches):
            xs, ys = [augment(syn_x[b].float() / 255, rng, gen, strong=False)], [syn_y[b]]
            if n_real:
                rb = real_batches[s]
                xs.append(augment(real_x[rb].float() / 255, rng, gen, strong=True))
                ys.append(real_y[rb])
            x, y = torch.cat(xs), torch.cat(ys)
            loss = F.cross_entropy(model.logits(x), y, weight=cw, label_smoothing=a.smooth)
            C.optimiser_step(opt, sched, loss)
            tot += float(loss) * len(y)
            n += len(y)
        log(f"epoch {ep + 1}/{a.epochs} loss {tot / n:.4f} ({timer.elapsed():.0f}s)")
    return model.eval(), timer.elapsed()


def group_folds(rows, k):
    """Group k-fold inside dev_train, stratified by scene: per scene, groups (GROUP_RULES), largest first (ties in
    sha1 order), go to the fold with the fewest frames of that scene."""
    keys = group_keys(rows)
    size = {g: keys.count(g) for g in keys}
    scene_of = {g: r["scene"] for r, g in zip(rows, keys)}
    fold_of = {}
    for scene in CLASSES:
        sizes = [0] * k
        order = sorted([g for g in size if scene_of[g] == scene],
                       key=lambda g: (-size[g], hashlib.sha1((SPLIT_SALT + ":cv:" + g).encode()).hexdigest()))
        for g in order:
            f = min(range(k), key=lambda i: (sizes[i], i))
            fold_of[g] = f
            sizes[f] += size[g]
    return np.array([fold_of[g] for g in keys])


def main():
    ap = C.training_args(__doc__, epochs=10, batch=64)
    ap.set_defaults(out="/tmp/gate_v2")
    ap.add_argument("--make-splits", action="store_true", help="write training/splits/dev_{train,val}.csv and exit")
    ap.add_argument("--labels", default=os.path.join(REAL_ROOT, "labels.csv"))
    ap.add_argument("--dev-train", default=os.path.join(SPLIT_DIR, "dev_train.csv"))
    ap.add_argument("--dev-val", default=os.path.join(SPLIT_DIR, "dev_val.csv"))
    ap.add_argument("--cache-dir", default=None, help="decoded-frame cache (default: training/.data/cache)")
    ap.add_argument("--init", choices=["scratch", "shipped"], default="scratch")
    ap.add_argument("--shipped", default=os.path.join(C.REPO_DIR, "models", "gate.pt"))
    ap.add_argument("--wd", type=float, default=1e-4)
    ap.add_argument("--smooth", type=float, default=0.05)
    ap.add_argument("--width", type=int, default=16)
    ap.add_argument("--hw-weight", type=float, default=1.0, help="loss weight of the highway class (urban 1)")
    ap.add_argument("--real-frac", type=float, default=0.5, help="share of each batch drawn from dev_train")
    ap.add_argument("--syn-limit", type=int, default=0, help="use only the first N synthetic frames (smoke tests)")
    ap.add_argument("--cv", type=int, default=0, help="group k-fold CV inside dev_train only; no export")
    a = ap.parse_args()

    if a.make_splits:
        make_splits(a.labels, SPLIT_DIR)
        return
    if a.cache_dir:
        C.CACHE_DIR = a.cache_dir
    C.setup(a.seed)
    timer = C.Timer()
    syn_x, syn_rec = C.load_dataset(a.data, W, H)
    val_x, val_rec = C.load_dataset(a.val, W, H)
    if a.syn_limit:
        syn_x, syn_rec = syn_x[:a.syn_limit], syn_rec[:a.syn_limit]
    syn_y, val_y = labels_of(syn_rec), labels_of(val_rec)
    dtr_x, dtr_y, dtr_n = load_real(a.dev_train)
    print(f"synthetic train {len(syn_rec)} {C.dataset_summary(syn_rec)}  synthetic val {len(val_rec)}  "
          f"dev_train {len(dtr_n)} {dict(zip(CLASSES, torch.bincount(dtr_y, minlength=2).tolist()))}", flush=True)

    if a.cv:
        folds = group_folds(read_csv(a.dev_train), a.cv)
        allp = torch.zeros(len(dtr_n), 2)
        for f in range(a.cv):
            tr = torch.from_numpy(np.nonzero(folds != f)[0])
            te = torch.from_numpy(np.nonzero(folds == f)[0])
            model, secs = train(a, syn_x, syn_y, dtr_x[tr], dtr_y[tr], log=lambda s: print(f"  fold {f}: {s}",
                                                                                             flush=True))
            p = predict(model, dtr_x[te])
            allp[te] = p
            r = report(p, dtr_y[te], [dtr_n[i] for i in te.tolist()])
            print(f"fold {f} ({len(te)} frames held out): {fmt(r)}", flush=True)
        r = report(allp, dtr_y, dtr_n)
        line = (f"CV{a.cv} init={a.init} lr={a.lr} epochs={a.epochs} real_frac={a.real_frac} "
                f"hw_weight={a.hw_weight} seed={a.seed}: {fmt(r)}")
        print(line, flush=True)
        return

    model, train_s = train(a, syn_x, syn_y, dtr_x, dtr_y)
    res_syn = report(predict(model, val_x), val_y)
    res_dtr = report(predict(model, dtr_x), dtr_y, dtr_n)
    dva_x, dva_y, dva_n = load_real(a.dev_val)  # loaded only now: evaluated once, for the report
    res_dva = report(predict(model, dva_x), dva_y, dva_n)
    shipped = torch.jit.load(a.shipped).eval()
    base_dva = report(predict(shipped, dva_x), dva_y, dva_n)
    base_dtr = report(predict(shipped, dtr_x), dtr_y, dtr_n)
    base_syn = report(predict(shipped, val_x), val_y)
    for name, r in [("synthetic val", res_syn), ("dev_train", res_dtr), ("dev_val", res_dva),
                    ("shipped gate on dev_val", base_dva)]:
        print(f"{name}: {fmt(r)}", flush=True)

    os.makedirs(a.out, exist_ok=True)
    pt = os.path.join(a.out, "gate.pt")
    extra = [val_x[:4].float() / 255, dva_x[:4].float() / 255]
    diff, fold = C.export_torchscript(model, torch.rand(1, 3, H, W), pt,
                                      extra_inputs=[e[i:i + 1] for e in extra for i in range(len(e))])
    # the exported file must give the same decisions on the real frames
    loaded = torch.jit.load(pt).eval()
    assert torch.equal(predict(loaded, dva_x).argmax(1), predict(model, dva_x).argmax(1))
    from nets import fuse_for_export
    n_bn = sum(isinstance(m, torch.nn.BatchNorm2d) for m in fuse_for_export(model).modules())
    fold_line = (f"BatchNorm folded into the convolutions before tracing (changes outputs by at most {fold:.1e})"
                 if n_bn == 0 else
                 f"`nets.fuse_for_export` left all {n_bn} BatchNorm layers unfolded (it only folds Conv+BN pairs "
                 "inside a Sequential that is itself visited as a child; GateNet's conv-BN-ReLU blocks are "
                 "nested one level deeper), so the file keeps BatchNorm, as the shipped gate.pt does")
    sidecar = {"name": "gate", "kind": "scene_classifier", "input_width": W, "input_height": H, "classes": CLASSES}
    with open(os.path.join(C.REPO_DIR, "models", "gate.json")) as f:
        assert json.load(f) == sidecar, "sidecar differs from the shipped models/gate.json"
    lat, digest, size, export_cmd, val_cmd = C.release_facts(a.out, sidecar, pt, (1, 3, H, W), a.data, a.val)
    wall = timer.elapsed()
    n_real = int(round(a.batch * a.real_frac))
    steps = max(1, len(syn_x) // a.batch)
    init_line = ("initialised from the shipped `models/gate.pt` (sha256 `" + C.sha256(a.shipped)[:16] +
                 "...`; its TorchScript state dict holds the unfolded Conv/BN weights of `GateNet`, loaded "
                 "with strict=True)" if a.init == "shipped" else "trained from scratch (random init)")
    C.write_card(os.path.join(a.out, "gate.md"), "gate.pt (v2): scene gate (urban vs highway), synthetic + real", [
        ("Purpose", "Classifies every camera frame as `urban` or `highway` so that the pipeline can route it to the "
                    "urban-pedestrian expert or the highway-lane expert (see `gating`). Drop-in replacement for "
                    "`models/gate.pt`: same architecture, input, output and sidecar."),
        ("Architecture", f"Tiny CNN (`training/nets.py: GateNet(width={a.width})`): mean/std normalisation inside "
                         "the model, four conv3x3-BN-ReLU blocks (three with stride 2, widths "
                         f"{a.width}-{2 * a.width}-{2 * a.width}-{4 * a.width}) and a grouped (2 groups) stride-2 "
                         f"conv3x3 to {6 * a.width} channels, concatenated global average + max pooling, dropout "
                         f"0.2, linear layer, softmax. {C.count_params(model):,} parameters; {init_line}. "
                         f"Exported with `torch.jit.trace` (torch {torch.__version__}) by `common.export_torchscript`; "
                         f"the reloaded file matches eager within {diff:.1e}; {fold_line}."),
        ("Input / output", f"Input float32 `[1, 3, {H}, {W}]` (H x W), RGB in [0, 1], whole frame resized "
                           "bilinearly (OpenCV INTER_LINEAR, no letterbox). Output `[1, 2]` softmax "
                           "probabilities in the order `[urban, highway]`. Sidecar `gate.json` (identical to "
                           f"`models/gate.json`):\n```json\n{json.dumps(sidecar)}\n```"),
        ("Training data", f"- synthetic train: `{a.data}`: {len(syn_rec)} frames {C.dataset_summary(syn_rec)}; "
                          f"exporter: `{export_cmd}`\n"
                          f"- real: `training/splits/dev_train.csv`: {len(dtr_n)} frames of `{REAL_ROOT}` "
                          f"({', '.join(f'{c} {n}' for c, (_, n) in res_dtr['per'].items())}); the split is a "
                          "deterministic group split by sha1 of the sequence/clip/drive key (see "
                          "`training/splits/README.md`), made by `/usr/bin/python3 training/finetune_gate.py "
                          "--make-splits`\n"
                          f"- synthetic validation: `{a.val}`: {len(val_rec)} frames {C.dataset_summary(val_rec)}; "
                          f"exporter: `{val_cmd}`\n"
                          f"- real validation: `training/splits/dev_val.csv`: {len(dva_n)} frames "
                          f"({', '.join(f'{c} {n}' for c, (_, n) in res_dva['per'].items())}), no sequence, clip "
                          "or drive shared with dev_train. **Never used for training, early stopping or "
                          "hyper-parameter choice**: evaluated once after the last epoch.\n"
                          f"Each batch of {a.batch}: {a.batch - n_real} synthetic frames (class-balanced) + "
                          f"{n_real} real dev_train frames (class-balanced, i.e. heavily oversampled)."),
        ("Augmentation", "Synthetic frames: as the shipped gate (scale 0.85-1.3, horizontal squeeze 0.75-1.05, "
                         "shift +-10 %, flip 0.5, `common.photometric` at strength 1.0) plus JPEG re-encoding "
                         "(quality 15-75) on 15 %. Real frames (strong): scale 0.8-1.5 (crops), horizontal "
                         "squeeze/stretch 0.7-1.1, shift +-12 %, flip 0.5, `common.photometric` at strength 1.3 "
                         "(brightness +-52 %, contrast +-45 %, saturation -65/+52 %, gamma +-39 %, grey 6.5 %, "
                         "blur 26 %, noise on 78 %), down/up-sampling by 0.35-0.75 on 20 %, JPEG re-encoding "
                         f"(quality 15-75) on 30 %. Label smoothing {a.smooth}; "
                         f"highway loss weight {a.hw_weight} (urban 1)."),
        ("Training", f"AdamW (lr {a.lr}, weight decay {a.wd}, one-cycle), batch {a.batch}, {a.epochs} epochs of "
                     f"{steps} steps, seed {a.seed}, 2 CPU threads; the model after the last epoch is exported "
                     f"(no checkpoint selection). Training time {train_s:.0f} s; whole script {wall:.0f} s "
                     "(including decoding, evaluation, export and latency)."),
        ("Model selection", SELECTION_NOTE),
        ("Validation (synthetic)", f"Accuracy **{res_syn['acc']:.4f}** on {res_syn['n']} held-out frames; "
                                   f"{fmt(res_syn)}. (Shipped gate: {base_syn['acc']:.4f}.)"),
        ("Real dev_val (held out)", f"Accuracy **{res_dva['acc']:.4f}**: {fmt(res_dva)}.\n\n"
                                    f"Shipped `models/gate.pt` on the same frames: {fmt(base_dva)}."),
        ("Real dev_train (trained on)", f"Accuracy {res_dtr['acc']:.4f}: {fmt(res_dtr)}. (Shipped gate: "
                                        f"{base_dtr['acc']:.4f}.) Training-set accuracy, not a generalisation "
                                        "measure."),
        ("Caveats", f"dev_val is small ({len(dva_n)} frames from a handful of groups: most urban frames are one "
                    "nuScenes Boston run, most highway frames one or two drives), so one frame is "
                    f"{100 / max(len(dva_n), 1):.1f} points of accuracy; the founders' hidden test set uses other "
                    "drives and clips. Urban and highway frames also differ in source datasets, so part of what the "
                    "gate learns may be dataset style rather than scene."),
        ("File", f"`{pt}`, {size:,} bytes, sha256 `{digest}`."),
        ("Latency (Python)", f"Median over 200 forwards at 1 intra-op thread, batch 1: "
                             f"**{lat['plain']['median_ms']} ms** as exported (p90 {lat['plain']['p90_ms']} ms); "
                             f"{lat['mkldnn']['median_ms']} ms after `torch.jit.freeze` + "
                             f"`optimize_for_inference` (p90 {lat['mkldnn']['p90_ms']} ms). "
                             f"{C.environment_line()}. DJL latency: see the Java benchmarks."),
        ("Rebuild", f"```\n{C.command_line()}\n```\n(git {C.git_rev()} at training time; splits: "
                    "`/usr/bin/python3 training/finetune_gate.py --make-splits`.)"),
    ])
    C.status(f"gate_v2 trained ({a.init}): dev_val {res_dva['acc']:.4f}, synthetic val {res_syn['acc']:.4f}, "
             f"dev_train {res_dtr['acc']:.4f}, {train_s:.0f}s train, sha256 {digest[:12]}")


if __name__ == "__main__":
    main()
