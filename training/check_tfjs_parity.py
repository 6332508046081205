"""Parity of models/nanodet_m.pt with the ORIGINAL NanoDet graph run by TensorFlow.js (training/tfjs/reference.mjs).

    /usr/bin/python3 training/check_tfjs_parity.py [--model models/nanodet_m.pt]

For each real frame (the five of pedestrians_street_dev and one nuScenes frame), resized to 416x416 like OpenCV
INTER_LINEAR, RGB in [0, 1]: the raw float32 input goes to `node training/tfjs/reference.mjs` (the graph in
@tensorflow/tfjs, CPU backend, with the same normalisation and a JS mirror of the decoding), to the torch graph
module (NanoDetYoloV8 around tfjs_graph.TfjsGraph) and to the reloaded .pt. Prints the max |difference| of the
scores and of the boxes (px), per frame, and fails (exit 1) above 1e-4 on scores or 1e-2 px on boxes. Needs
`bash training/tfjs/install.sh` to have run (convert_nanodet.py runs it).
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
import convert_nanodet as N  # noqa: E402

SIZE = 416  # the graph's fixed input size: the only one tfjs can run it at
REFERENCE = os.path.join(N.TFJS_DIR, "reference.mjs")
SCORE_LIMIT, BOX_LIMIT = 1e-4, 1e-2


def default_frames():
    """pedestrians_street_dev's images (sorted) and the first nuScenes frame, those that exist."""
    frames = []
    street = os.path.join(C.STREET_PEOPLE_DIR, "images")
    if os.path.isdir(street):
        frames += [os.path.join(street, f) for f in sorted(os.listdir(street))]
    nuscenes = os.path.join(C.SHARED_DATA_DIR, "nuscenes_boston_urban_dev", "image_2")
    if os.path.isdir(nuscenes):
        frames += [os.path.join(nuscenes, sorted(os.listdir(nuscenes))[0])]
    return frames


def frame_tensor(path, width=SIZE, height=SIZE):
    """RGB [0, 1] float32 [1, 3, height, width], resized like the Java preprocessing."""
    with Image.open(path) as im:
        arr = np.asarray(im.convert("RGB"))
    return (C.resize_like_opencv(arr, width, height).float() / 255).unsqueeze(0).contiguous()


def run_reference(json_path, x, workdir):
    """Runs reference.mjs on x; returns (decoded [84, N], the six raw outputs as flat arrays)."""
    inp, out, raw = (os.path.join(workdir, n) for n in ("in.f32", "out.f32", "raw"))
    x.numpy().astype("<f4").tofile(inp)
    subprocess.run(["node", REFERENCE, "--model", json_path, "--input", inp, "--width", str(x.shape[3]),
                    "--height", str(x.shape[2]), "--out", out, "--raw-dir", raw], check=True)
    decoded = np.fromfile(out, "<f4").reshape(4 + len(N.COCO_CLASSES), -1)
    names = ["Identity"] + [f"Identity_{k}" for k in range(1, 6)]
    return decoded, [np.fromfile(os.path.join(raw, f"{n}.f32"), "<f4") for n in names]


@torch.no_grad()
def run(pt, json_path, frames=None):
    """Compares reference.mjs with the torch module and the saved file; returns the figures, raises above the
    limits."""
    graph = N.load_graph(json_path)
    module = N.NanoDetYoloV8(graph).eval()
    loaded = torch.jit.load(pt).eval()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in frames or default_frames():
            x = frame_tensor(path)
            ref, ref_raw = run_reference(json_path, x, tmp)
            raw = [t.numpy().reshape(-1) for t in graph(N.normalise(x))]
            row = {"frame": os.path.relpath(path, C.SHARED_DATA_DIR), "n_values": ref.size,
                   "raw": max(float(np.abs(a - b).max()) for a, b in zip(raw, ref_raw))}
            for key, model in (("interp", module), ("pt", loaded)):
                got = model(x)[0].numpy()
                row[f"score_{key}"] = float(np.abs(got[4:] - ref[4:]).max())
                row[f"box_{key}"] = float(np.abs(got[:4] - ref[:4]).max())
            rows.append(row)
    result = {"frames": rows, "n_values": rows[0]["n_values"],
              "max_score_diff": max(max(r["score_interp"], r["score_pt"]) for r in rows),
              "max_box_diff": max(max(r["box_interp"], r["box_pt"]) for r in rows)}
    if result["max_score_diff"] > SCORE_LIMIT or result["max_box_diff"] > BOX_LIMIT:
        raise RuntimeError(f"torch and tfjs differ: scores {result['max_score_diff']}, boxes "
                           f"{result['max_box_diff']} px")
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=os.path.join(C.REPO_DIR, "models", f"{N.NAME}.pt"))
    ap.add_argument("--graph", default=os.path.join(N.MODEL_DIR, "nanodet.json"))
    a = ap.parse_args()
    torch.set_num_threads(2)
    try:
        result = run(a.model, a.graph)
    except RuntimeError as e:
        print(e, file=sys.stderr)
        sys.exit(1)
    for r in result["frames"]:
        print(f"{r['frame']}: scores {r['score_interp']:.1e} (module) {r['score_pt']:.1e} (.pt), boxes "
              f"{r['box_interp']:.1e} px (module) {r['box_pt']:.1e} px (.pt), raw outputs {r['raw']:.1e}")
    print(f"max |diff| scores {result['max_score_diff']:.1e}, boxes {result['max_box_diff']:.1e} px "
          f"(limits {SCORE_LIMIT}, {BOX_LIMIT} px)")


if __name__ == "__main__":
    main()
