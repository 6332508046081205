"""Quantization-aware fine-tuning of the int8 NanoDet detector by distillation from the float one.

    /usr/bin/python3 training/finetune_nanodet_qat.py --out /tmp/nanodet-qat [--steps 600]   # ~11 min

Writes DIR/nanodet_m_int8.pt and prints the agreement figures. Measured and not shipped (models/nanodet_m_int8.md,
"Quantization-aware fine-tuning"): the gain was no larger than the spread between runs.

Post-training quantization with 7-bit activations (quantize_nanodet.py until 2026-12-07; it now uses 8-bit
activations and 7-bit weights, about 0.92) reproduced about 0.84 of the float detector's detections at 640x384 on
real frames, and the loss is spread over the whole network (its card: output or input layers kept in float gain
about a point). This script lets the weights adapt to int8 instead: the graph is prepared for quantization-aware
training (PyTorch FX, the same "fbgemm" configuration: weights int8 per output channel, activations uint8 per tensor
with reduce_range; the class sigmoids stay float32), and trained to reproduce the float model's outputs (the float
detector is the teacher; no labels are used, so nothing here is trained towards any figure this repo scores):
- class scores: squared difference of the class logits, weighted by the larger of the two models' probabilities (the
  scores that decide detections near the 0.2 threshold, not the far background);
- box distributions: KL divergence from the teacher's 11-bin distributions of the 4 sides, weighted by the teacher's
  best class probability at the cell (boxes matter where something is detected).

Frames: every 4th frame of OpenCV's vtest.avi (people on a plaza), the Udacity clip's frames away from the 12 that
`../shared/data` lists (index mod 20 in 5..15), and 400 synthetic frames (`training/.data/gate_synth`), with random
scale, crop, flip and photometric changes, at the two profile inputs (640x384 and 416x256) in turn. None of the 138
frames of `../shared/data/labels.csv` is trained on: agreement with the float model is measured on the 133 of them
outside pedestrians_street_dev (the held-out check; the same measure as quantize_nanodet.py's card),
before (post-training quantization) and after, with a fixed schedule (no step is chosen on it). Street-photo figures
are reported only.

The output has the same contract and structure as quantize_nanodet.py's (same ops, same runtime cost).
"""
import argparse
import copy
import glob
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
import convert_nanodet as N  # noqa: E402
import quantize_nanodet as Q  # noqa: E402
from finetune_gate import read_csv  # noqa: E402
from train_gate_pretrained import UDACITY_VIDEO, VTEST_CANDIDATES, video_frames  # noqa: E402

NAME = Q.NAME
SIZES = ((640, 384), (416, 256))
SYNTH_DIR = os.path.join(C.TRAINING_DIR, ".data", "gate_synth")


def training_frames(synthetic):
    """[(source, uint8 HWC RGB)]: the distillation frames (module docstring), none of ../shared/data/labels.csv."""
    vtest = next((p for p in VTEST_CANDIDATES if os.path.exists(p)), None)
    if vtest is None:
        raise SystemExit(f"OpenCV's vtest.avi not found at {VTEST_CANDIDATES}: bash scripts/install-deps.sh --training")
    out = [("opencv_vtest", a) for a in video_frames(vtest, list(range(0, 795, 4)))]
    clip = [i for i in range(221) if 5 <= i % 20 <= 15]
    out += [("udacity_clip", a) for a in video_frames(UDACITY_VIDEO, clip)]
    paths = sorted(glob.glob(os.path.join(SYNTH_DIR, "images", "*.jpg")))[:synthetic]
    if len(paths) < synthetic:
        raise SystemExit(f"{SYNTH_DIR}: {len(paths)} synthetic frames, {synthetic} wanted: bin/triage synth --out "
                         f"{SYNTH_DIR} --frames 1500 --seed 11")
    for p in paths:
        with Image.open(p) as im:
            out.append(("synthetic", np.asarray(im.convert("RGB"))))
    return out


def held_out_frames():
    """[(source, name, uint8 HWC RGB)]: labels.csv frames outside pedestrians_street_dev (the agreement check)."""
    out = []
    for r in read_csv(os.path.join(C.SHARED_DATA_DIR, "labels.csv")):
        source = r["filename"].split("/")[0]
        if source != Q.EVAL_SET:
            with Image.open(os.path.join(C.SHARED_DATA_DIR, r["filename"])) as im:
                out.append((source, r["filename"], np.asarray(im.convert("RGB"))))
    return out


def augmented(rgb, width, height, gen):
    """One training input: a random crop (scale 0.7-1.0 of each side), flip 0.5, photometric changes, resized to
    width x height; RGB [0, 1] float [3, H, W]."""
    h, w = rgb.shape[:2]
    s = float(torch.empty(1).uniform_(0.7, 1.0, generator=gen))
    ch, cw = max(32, int(h * s)), max(32, int(w * s))
    y0 = int(torch.randint(0, h - ch + 1, (1,), generator=gen))
    x0 = int(torch.randint(0, w - cw + 1, (1,), generator=gen))
    x = C.resize_like_opencv(np.ascontiguousarray(rgb[y0:y0 + ch, x0:x0 + cw]), width, height).float() / 255
    if bool(torch.rand(1, generator=gen) < 0.5):
        x = x.flip(2)
    return C.photometric(x.unsqueeze(0), gen, 0.7)[0].clamp(0, 1)


def logit(p):
    """The class logit of a probability (clamped away from 0 and 1)."""
    p = p.clamp(1e-4, 1 - 1e-4)
    return torch.log(p) - torch.log1p(-p)


def distillation_loss(student, teacher):
    """Class BCE + weighted box-distribution KL (module docstring); both output tuples are graph outputs."""
    cls, box = 0.0, 0.0
    for s, t in zip(student[:3], teacher[:3]):
        weight = torch.maximum(t, s.detach())               # the candidates of either model
        cls = cls + (weight * (logit(s) - logit(t)) ** 2).sum() / s.shape[0]
    for level, (s, t) in enumerate(zip(student[3:], teacher[3:])):
        weight = teacher[level].max(2).values                              # [B, HW]
        sl = F.log_softmax(s.reshape(*s.shape[:2], 4, N.BINS), 3)
        tl = F.log_softmax(t.reshape(*t.shape[:2], 4, N.BINS), 3)
        kl = (tl.exp() * (tl - sl)).sum((2, 3))                            # [B, HW]
        box = box + (kl * weight).sum() / s.shape[0]
    return cls, box


def normalised(x, wrap):
    """RGB [0, 1] [B, 3, H, W] -> the graph's input (NanoDet's normalised BGR)."""
    return (x.flip(1) * 255.0 - wrap.mean) / wrap.std


def qat(graph, frames, steps, batch, lr, observer_steps, seed):
    """The fine-tuned int8 GraphModule (converted)."""
    from torch.ao.quantization import get_default_qat_qconfig_mapping
    from torch.ao.quantization.quantize_fx import convert_fx, prepare_qat_fx
    w, h = SIZES[0]
    traced = Q.fx_traced(graph, (h, w))
    mapping = get_default_qat_qconfig_mapping("fbgemm").set_object_type(torch.sigmoid, None)
    student = prepare_qat_fx(copy.deepcopy(traced).train(), mapping, (torch.zeros(1, 3, h, w),))
    teacher = graph.eval()
    wrap = N.NanoDetYoloV8(graph).eval()
    gen = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(student.parameters(), lr=lr)
    timer = C.Timer()
    for step in range(steps):
        for g in opt.param_groups:
            g["lr"] = lr * 0.5 * (1 + math.cos(math.pi * step / steps))
        if step == observer_steps:
            student.apply(torch.ao.quantization.disable_observer)
        cw, ch = SIZES[step % len(SIZES)]
        idx = torch.randint(0, len(frames), (batch,), generator=gen).tolist()
        x = normalised(torch.stack([augmented(frames[i][1], cw, ch, gen) for i in idx]), wrap)
        with torch.no_grad():
            target = teacher(x)
        cls, box = distillation_loss(student(x), target)
        opt.zero_grad()
        (cls + box).backward()
        opt.step()
        if step % 50 == 0 or step == steps - 1:
            C.status(f"qat step {step}/{steps} {cw}x{ch}: class logit {float(cls):.2f}, box KL {float(box):.3f} "
                     f"({timer.elapsed():.0f}s)")
    student.eval()
    return convert_fx(student)


def summarise(agree):
    """{size: (float kept, int8 also in float, float count, int8 count, {source: (kept, also)})}."""
    out = {}
    for size, per in agree.items():
        tot = [sum(v[i] for v in per.values()) for i in range(4)]
        out[size] = (tot[0] / max(tot[2], 1), tot[1] / max(tot[3], 1), tot[2], tot[3],
                     {s: (v[0] / max(v[2], 1), v[1] / max(v[3], 1)) for s, v in sorted(per.items())})
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="folder for the fine-tuned nanodet_m_int8.pt")
    ap.add_argument("--float-model", default=os.path.join(C.REPO_DIR, "models", "nanodet_m.pt"))
    ap.add_argument("--ptq-model", default=os.path.join(C.REPO_DIR, "models", "nanodet_m_int8.pt"),
                    help="the post-training-quantized file, the 'before' of the agreement check")
    ap.add_argument("--steps", type=int, default=600)
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--lr", type=float, default=2e-5)
    ap.add_argument("--observer-steps", type=int, default=100, help="steps before the activation ranges freeze")
    ap.add_argument("--synthetic", type=int, default=400)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.backends.quantized.engine = "onednn"
    torch.manual_seed(a.seed)
    timer = C.Timer()
    graph = N.load_graph(N.install_package())
    frames = training_frames(a.synthetic)
    C.status(f"qat: {len(frames)} training frames")
    int8_graph = qat(graph, frames, a.steps, a.batch, a.lr, a.observer_steps, a.seed)
    model = N.NanoDetYoloV8(graph).eval()
    model.graph = int8_graph
    os.makedirs(a.out, exist_ok=True)
    pt = os.path.join(a.out, f"{NAME}.pt")
    Q.export(model, pt)
    train_seconds = timer.elapsed()
    held = held_out_frames()
    sizes = tuple(SIZES)
    before = summarise(Q.agreement(a.float_model, a.ptq_model, held, sizes))
    after = summarise(Q.agreement(a.float_model, pt, held, sizes))
    for size in before:
        C.status(f"agreement {size}: float kept {before[size][0]:.3f} -> {after[size][0]:.3f}, int8 in float "
                 f"{before[size][1]:.3f} -> {after[size][1]:.3f}")
    street = {"ptq": Q.street_figures(a.ptq_model), "qat": Q.street_figures(pt)}
    C.status(f"street (reported only) 640x384: ptq {street['ptq']['640x384']}, qat {street['qat']['640x384']}")
    lat = {f"{w}x{h}": (Q.cpu_latency(a.ptq_model, w, h), Q.cpu_latency(pt, w, h)) for w, h in sizes}
    C.status(f"python int8 latency ms (ptq, qat): {lat}")
    print({"before": {k: v[:4] for k, v in before.items()}, "after": {k: v[:4] for k, v in after.items()},
           "per_source_after": {k: v[4] for k, v in after.items()}, "per_source_before": {k: v[4] for k, v in before.items()},
           "train_seconds": train_seconds})


if __name__ == "__main__":
    main()
