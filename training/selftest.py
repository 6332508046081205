"""Checks the target builders against the decoders: perfect predictions made from the training targets must
decode back to the (augmented) ground truth. Runs on any exported dataset (or training/fake_data.py output).

    /usr/bin/python3 training/selftest.py --data /tmp/fake_val
"""
import argparse
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402

W, H = 320, 240


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--frames", type=int, default=200)
    a = ap.parse_args()
    C.setup(0, 1)
    images, records = C.load_dataset(a.data, W, H)
    n = min(a.frames, len(records))
    rng = np.random.default_rng(0)
    gen = torch.Generator().manual_seed(0)
    classes = C.DET_CLASSES

    # 1. detection targets, no augmentation: decoding the target maps (a perfect prediction) must recover the GT
    #    boxes. Boxes narrower than a cell can miss (the cell centre lies outside them, and ltrb must be >= 0) and
    #    same-class centres in neighbouring cells collide, so this is also the recall ceiling of the encoding.
    b = C.make_batch(images, records, torch.arange(n), rng, gen, classes, aug=False)
    ev, ev_big = C.DetectionEval(classes), C.DetectionEval(classes)
    for k in range(n):
        rec = records[k]
        out = torch.cat([b["hm"][k], b["reg"][k]], 0)
        dets = C.decode_centernet(out, len(classes), 0.99, rec["width"] / W, rec["height"] / H, max_det=500)
        boxes, cls, ign = C.scaled_boxes(rec, rec["width"], rec["height"], classes)
        ev.add(dets, boxes, cls, ign)
        big = ((boxes[:, 2] - boxes[:, 0]) >= 16 * rec["width"] / W) if len(boxes) else np.zeros(0, bool)
        ev_big.add(dets, boxes[big], cls[big], np.concatenate([ign, boxes[~big]], 0))
    for name, e in (("all boxes", ev), ("boxes >= 16 input px wide", ev_big)):
        print(f"detection round trip, {name}: " + ", ".join(
            f"{c} recall ceiling {m['recall@0.5']:.3f} ({m['gt']})" for c, m in e.summary(0.5).items()))
    assert all(m["recall@0.5"] > 0.97 for m in ev_big.summary(0.5).values() if m["gt"] > 0)

    # 2. lane targets: perfect one-hot probabilities decode to points within 1 cell of the labels
    top = 0.42
    rows = [i for i in range(59, -1, -2) if (4 * i + 2) / H >= top][::-1]
    fracs = [(4 * i + 2) / H for i in rows]
    grid = W // 4
    le = C.LaneEval()
    for k in range(n):
        rec = records[k]
        tgt, _ = C.lane_targets(rec, W, H, C.IDENTITY, np.asarray(fracs) * H, grid)
        probs = torch.nn.functional.one_hot(torch.from_numpy(tgt), grid + 1).float()
        le.add(rec, C.decode_lanes(probs, fracs, W, rec["width"], rec["height"]))
    s = le.summary()
    print(f"lane round trip (anchors from {top}): {s}")
    assert s["gt_points"] == 0 or s["accuracy"] > 0.9, s

    # 3. flip: lane slots swap and x mirrors
    rec = next((r for r in records[:n] if sum(len(C.lane_points(r, q)) > 1 for q in range(4)) >= 2), None)
    if rec is not None:
        ay = np.asarray(fracs) * H
        t0, x0 = C.lane_targets(rec, W, H, C.IDENTITY, ay, grid)
        t1, x1 = C.lane_targets(rec, W, H, (1.0, 1.0, 0.0, 0.0, True), ay, grid)
        for slot in range(4):
            m = t0[slot] != grid
            assert np.array_equal(m, t1[3 - slot] != grid)
            assert np.allclose(x0[slot][m], grid - x1[3 - slot][m], atol=1e-4)
        print("lane flip: ok")

    # 4. augmented image and boxes stay aligned: the affine on a synthetic marker image
    img = torch.zeros(1, 3, H, W)
    img[:, :, 100:120, 50:70] = 1.0
    for p in [(1.2, 1.2, -0.1, -0.05, False), (0.8, 0.8, 0.1, 0.1, True), (0.75, 1.0, 0.1, 0.0, True)]:
        warped = C.apply_affine(img, [p])[0, 0]
        tb, _ = C.transform_boxes(np.asarray([[50, 100, 70, 120]], np.float64), W, H, p)
        ys, xs = torch.nonzero(warped > 0.5, as_tuple=True)
        got = [xs.min().item(), ys.min().item(), xs.max().item() + 1, ys.max().item() + 1]
        assert np.abs(np.asarray(got) - tb[0]).max() <= 1.5, (got, tb[0], p)
    print("affine image/box alignment: ok")
    print("selftest passed")


if __name__ == "__main__":
    main()
