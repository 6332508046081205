"""Chooses the input size of models/nanodet_m.pt: pedestrian recall and AP50 on pedestrians_street_dev, and Python
forward latency, at several input sizes (run by convert_nanodet.py for the model card; also on its own):

    /usr/bin/python3 training/eval_nanodet_sizes.py [--model models/nanodet_m.pt]

Frames are resized whole to W x H (stretched, no letterbox: the Java pipeline's preprocessing), except the 416x416
letterbox row (aspect kept, centred on black), FACTS' reference point. Detections are decoded like the Java
YoloDecoder (best class per candidate, score threshold, at most 1000 candidates, boxes scaled to the frame and clipped, class-wise
NMS 0.5, the rider rule, the label map, NMS again, the best 100) and scored with common.DetectionEval (IoU 0.5; DontCare boxes are
ignore regions; detections there are neither TP nor FP). Like the urban expert's figures on this set, GT boxes under
25 px are not required (KITTI "moderate"); the all-heights columns require every box. These figures choose a size;
nothing else is tuned on them.
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
import convert_nanodet as N  # noqa: E402

STRETCHED = [(320, 192), (384, 224), (416, 256), (480, 288), (512, 320), (640, 384)]
LETTERBOX = (416, 416)
THRESHOLD = 0.2
AP_THRESHOLD = 0.05   # detections kept for AP50
CANDIDATES_BEFORE_NMS, MAX_DETECTIONS, NMS_IOU = 1000, 100, 0.5  # DetectionParams; the cap applies after NMS
MIN_MOUNT_COVER = 0.3  # RiderRule.MIN_MOUNT_COVER
DET = C.DET_CLASSES    # pedestrian, cyclist, vehicle


# ----------------------------------------------------------------------------------------------------------------
# inputs
# ----------------------------------------------------------------------------------------------------------------
def stretched_inputs(width, height):
    """[(input [1, 3, H, W] float, record, to_frame)] for the street set; to_frame maps input px to frame px."""
    images, records = C.load_boxes_csv_set(C.STREET_PEOPLE_DIR, width, height)
    out = []
    for img, rec in zip(images, records):
        sx, sy = rec["width"] / width, rec["height"] / height
        out.append((img.float().unsqueeze(0) / 255, rec, (sx, sy, 0.0, 0.0)))
    return out


def letterbox_inputs(width, height):
    """Like stretched_inputs, but each frame keeps its aspect ratio, centred on black (NanoDet's own evaluation)."""
    _, records = C.load_boxes_csv_set(C.STREET_PEOPLE_DIR, 32, 32)
    out = []
    for rec in records:
        with Image.open(os.path.join(C.STREET_PEOPLE_DIR, rec["file"])) as im:
            arr = np.asarray(im.convert("RGB"))
        r = min(width / rec["width"], height / rec["height"])
        nw, nh = round(rec["width"] * r), round(rec["height"] * r)
        dx, dy = (width - nw) // 2, (height - nh) // 2
        x = torch.zeros(1, 3, height, width)
        x[0, :, dy:dy + nh, dx:dx + nw] = C.resize_like_opencv(arr, nw, nh).float() / 255
        out.append((x, rec, (1 / r, 1 / r, float(dx), float(dy))))
    return out


# ----------------------------------------------------------------------------------------------------------------
# decoding like the Java YoloDecoder
# ----------------------------------------------------------------------------------------------------------------
def decode(out, to_frame, frame_w, frame_h, threshold, riders=True):
    """[84, N] output -> [(DET class index, score, x1, y1, x2, y2)] in frame px (see the module docstring)."""
    classes = N.COCO_CLASSES
    scores = out[4:]
    best, score = scores.argmax(0), scores.max(0)
    wanted = {classes.index(c) for c in list(N.LABEL_MAP) + (list(N.RIDERS) if riders else [])}
    keep = [k for k in np.argsort(-score, kind="stable") if score[k] >= threshold and best[k] in wanted][:CANDIDATES_BEFORE_NMS]
    sx, sy, dx, dy = to_frame
    boxes = []
    for k in keep:
        cx, cy, w, h = out[0, k], out[1, k], max(0.0, out[2, k]), max(0.0, out[3, k])
        x1, x2 = np.clip([(cx - w / 2 - dx) * sx, (cx + w / 2 - dx) * sx], 0, frame_w)
        y1, y2 = np.clip([(cy - h / 2 - dy) * sy, (cy + h / 2 - dy) * sy], 0, frame_h)
        if (x2 - x1) * (y2 - y1) > 0:
            boxes.append((int(best[k]), float(score[k]), float(x1), float(y1), float(x2), float(y2)))
    boxes = C.nms(boxes, NMS_IOU)
    cyclists, rest = rider_rule(boxes) if riders else ([], boxes)
    labelled = [(DET.index("cyclist"),) + d[1:] for d in cyclists]
    labelled += [(DET.index(N.LABEL_MAP[classes[d[0]]]),) + d[1:] for d in rest if classes[d[0]] in N.LABEL_MAP]
    return C.nms(labelled, NMS_IOU)[:MAX_DETECTIONS]


def rider_rule(dets):
    """Python mirror of the Java RiderRule: (riders boxed around person and mount, everything else)."""
    person = N.COCO_CLASSES.index("person")
    mounts = {N.COCO_CLASSES.index(m) for m in N.RIDERS}
    pairs = [(_cover(p, m), i, j) for i, p in enumerate(dets) if p[0] == person
             for j, m in enumerate(dets) if m[0] in mounts]
    used, riders = set(), []
    for cover, i, j in sorted((p for p in pairs if p[0] >= MIN_MOUNT_COVER), key=lambda p: -p[0]):
        if i in used or j in used:
            continue
        used |= {i, j}
        p, m = dets[i], dets[j]
        riders.append((None, p[1], min(p[2], m[2]), min(p[3], m[3]), max(p[4], m[4]), max(p[5], m[5])))
    return riders, [d for k, d in enumerate(dets) if k not in used]


def _cover(p, m):
    """0 unless the person could sit on the mount (centred over it, top above its top); else the share of the
    mount inside the widened person box."""
    pcx = (p[2] + p[4]) / 2
    m_area = (m[4] - m[2]) * (m[5] - m[3])
    if pcx < m[2] or pcx > m[4] or p[3] >= m[3] or m_area <= 0:
        return 0.0
    widen = (p[4] - p[2]) / 2
    iw = min(p[4] + widen, m[4]) - max(p[2] - widen, m[2])
    ih = min(p[5], m[5]) - max(p[3], m[3])
    return 0.0 if iw <= 0 or ih <= 0 else iw * ih / m_area


# ----------------------------------------------------------------------------------------------------------------
# metrics and latency
# ----------------------------------------------------------------------------------------------------------------
@torch.no_grad()
def street_metrics(model, inputs, riders=True, threshold=THRESHOLD):
    """{min_height: summary} for min_height 25 and 0: recall/precision at `threshold`, AP50 from AP_THRESHOLD."""
    outs = [(model(x)[0].numpy(), rec, tf) for x, rec, tf in inputs]
    result = {}
    for min_h in (C.KITTI_MIN_HEIGHT, 0.0):
        at_thr, for_ap = C.DetectionEval(DET, min_height=min_h), C.DetectionEval(DET, min_height=min_h)
        for out, rec, tf in outs:
            boxes, cls, ign = C.scaled_boxes(rec, rec["width"], rec["height"], DET)
            for ev, thr in ((at_thr, threshold), (for_ap, AP_THRESHOLD)):
                ev.add(decode(out, tf, rec["width"], rec["height"], thr, riders), boxes, cls, ign)
        s, s_ap = at_thr.summary(threshold), for_ap.summary(threshold)
        result[min_h] = {c: {"gt": s[c]["gt"], "recall": s[c][f"recall@{threshold}"],
                             "precision": s[c][f"precision@{threshold}"], "AP50": s_ap[c]["AP50"]} for c in DET}
    return result


def latency(pt, width, height, threads, frozen, runs=50, warmup=10):
    """Median forward time (ms) of the file at W x H with `threads` intra-op threads; frozen = after
    torch.jit.freeze + optimize_for_inference. Returns (wall ms, CPU ms of the calling thread): at 1 thread torch
    computes on the calling thread, so the CPU time holds when other processes share the cores; wall time does not."""
    prev = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        m = torch.jit.load(pt).eval()
        if frozen:
            m = torch.jit.optimize_for_inference(torch.jit.freeze(m))
        x = torch.rand(1, 3, height, width, generator=torch.Generator().manual_seed(0))
        wall, cpu = [], []
        with torch.no_grad():
            for i in range(warmup + runs):
                t0, c0 = time.perf_counter(), time.thread_time()
                m(x)
                if i >= warmup:
                    wall.append((time.perf_counter() - t0) * 1000)
                    cpu.append((time.thread_time() - c0) * 1000)
        return statistics.median(wall), statistics.median(cpu)
    finally:
        torch.set_num_threads(prev)


def evaluate_all(pt, threads=2, skip=False):
    """The size table (metrics with and without the rider rule, latency at 1 and 2 threads), or None if skip."""
    if skip:
        return None
    torch.set_num_threads(threads)
    model = torch.jit.load(pt).eval()
    rows = []
    for (w, h), letterbox in [(s, False) for s in STRETCHED] + [(LETTERBOX, True)]:
        inputs = letterbox_inputs(w, h) if letterbox else stretched_inputs(w, h)
        row = {"size": f"{w}x{h}" + (" letterbox" if letterbox else ""), "w": w, "h": h,
               "riders": street_metrics(model, inputs, True), "no_riders": street_metrics(model, inputs, False),
               "ms": {f"{t}t{'_frozen' if fr else ''}": latency(pt, w, h, t, fr)
                      for t in (1, 2) for fr in (False, True)}, "load": os.getloadavg()[0]}
        torch.set_num_threads(threads)
        rows.append(row)
        C.status(f"nanodet sizes: {row['size']}: pedestrian recall "
                 f"{row['riders'][C.KITTI_MIN_HEIGHT]['pedestrian']['recall']:.3f} AP50 "
                 f"{row['riders'][C.KITTI_MIN_HEIGHT]['pedestrian']['AP50']:.3f}, {row['ms']}")
    return {"rows": rows, "centre_offset": centre_offset_check()}


@torch.no_grad()
def centre_offset_check():
    """Recall / AP50 of pedestrians at the letterbox size with box centres decoded at (j + 0.5) s (the model) and
    at j s (the other convention), from the torch graph's raw outputs: which one NanoDet was trained with."""
    graph = N.load_graph()
    inputs = letterbox_inputs(*LETTERBOX)
    res = {}
    for offset in (0.5, 0.0):
        class Decoded(torch.nn.Module):
            def forward(self, x):
                raw = [t.numpy() for t in graph(N.normalise(x))]
                return torch.from_numpy(N.reference_decode(raw, x.shape[3], x.shape[2], offset)).unsqueeze(0)
        m = street_metrics(Decoded(), inputs)[C.KITTI_MIN_HEIGHT]["pedestrian"]
        res[offset] = (m["recall"], m["AP50"])
    return res


def card_text(street, width, height):
    """Markdown for the model card."""
    if street is None:
        return "(left out: --skip-sizes)"
    mh = C.KITTI_MIN_HEIGHT
    rows = []
    for r in street["rows"]:
        p, cy, pn = r["riders"][mh]["pedestrian"], r["riders"][mh]["cyclist"], r["no_riders"][mh]["pedestrian"]
        if r["riders"][0.0]["pedestrian"] != p:
            p = dict(p, note="(all heights: {recall:.3f} / {AP50:.3f})".format(**r["riders"][0.0]["pedestrian"]))
        ms = r["ms"]
        rows.append([("**" + r["size"] + "**") if (r["w"], r["h"]) == (width, height) and "letter" not in r["size"]
                     else r["size"], f"{p['recall']:.3f}", f"{p['precision']:.3f}",
                     f"{p['AP50']:.3f} {p.get('note', '')}".strip(), f"{pn['recall']:.3f} / {pn['AP50']:.3f}",
                     f"{cy['recall']:.2f}", f"{ms['1t'][1]:.0f} / {ms['1t_frozen'][1]:.0f}",
                     f"{ms['2t'][0]:.0f} / {ms['2t_frozen'][0]:.0f}", f"{r['load']:.1f}"])
    gt = street["rows"][0]["riders"][mh]
    table = C.md_table(rows, ["input W x H", f"recall@{THRESHOLD}", f"precision@{THRESHOLD}", "AP50",
                              "no rider rule: recall / AP50", f"cyclist recall@{THRESHOLD}",
                              "1 thread CPU ms: file / frozen", "2 threads wall ms: file / frozen", "load"])
    off = street["centre_offset"]
    return f"""\
`training/eval_nanodet_sizes.py` (run by the converter): pedestrian = COCO person (score >= {THRESHOLD} for
recall and precision; AP50 from every detection >= {AP_THRESHOLD}), decoded like the Java YoloDecoder with the
sidecar's label map and rider rule, IoU 0.5, DontCare = ignore, GT boxes under 25 px not required unless stated.
GT: {gt['pedestrian']['gt']} pedestrians and {gt['cyclist']['gt']} cyclists, all at least 25 px tall (unless
the AP50 column says otherwise). Latency: Python (Debian torch 1.13), median of 50 after 10 warm-up runs, of the
shipped file and after `torch.jit.freeze` + `optimize_for_inference`; at 1 thread the CPU time of the calling
thread (robust to other processes on the 2 shared cores), at 2 threads wall time, which is only meaningful when
the load column (1-minute load average during the row) is well under 2. The default ({width}x{height}) is in bold.
{table}
- Box centres: decoding at (j + 0.5) s gives pedestrian recall / AP50 {off[0.5][0]:.3f} / {off[0.5][1]:.3f}
  ({LETTERBOX[0]}x{LETTERBOX[1]} letterbox), at j s {off[0.0][0]:.3f} / {off[0.0][1]:.3f}; the model uses (j + 0.5) s.
- The rider rule: the cyclist column is the share of labelled cyclists found as a person on a bicycle or
  motorcycle; the "no rider rule" column scores pedestrians when every person stays a pedestrian."""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=os.path.join(C.REPO_DIR, "models", f"{N.NAME}.pt"))
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    with open(os.path.join(os.path.dirname(a.model), f"{N.NAME}.json")) as f:
        side = json.load(f)
    print(card_text(evaluate_all(a.model, a.threads), side["input_width"], side["input_height"]))


if __name__ == "__main__":
    main()
