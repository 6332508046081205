"""Reference outputs of the shipped models for the Java parity test (models/parity.json).

Python torch and DJL's libtorch must compute the same function from the same TorchScript file. They did not on an
AVX-512 AMD CPU (oneDNN's AVX-512 convolutions gave wrong results until DNNL_MAX_CPU_ISA=AVX2 was set), and nothing
but a replay accuracy drop showed it. This script runs every shipped model on a fixed analytic input that Java
rebuilds bit for bit, and records each output's shape, sum, absolute sum and 64 evenly spaced values, plus the
model file's sha256. `inference/src/test/.../ShippedModelParityTest` compares DJL's outputs against them.

    /usr/bin/python3 training/parity_reference.py          # after any change to models/*.pt
"""
import hashlib
import json
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402

MODELS = ("gate", "urban", "highway", "nanodet_m")
SAMPLES = 64
# Java: ShippedModelParityTest.input(); keep the two in step
INPUT_FORMULA = "x[c][i][j] = 0.5 + 0.45 * sin(0.083 * i + 0.061 * j + 1.7 * c) * cos(0.019 * i * (c + 1) - 0.031 * j)"


def analytic_input(height, width):
    i = torch.arange(height, dtype=torch.float64).view(1, height, 1)
    j = torch.arange(width, dtype=torch.float64).view(1, 1, width)
    c = torch.arange(3, dtype=torch.float64).view(3, 1, 1)
    x = 0.5 + 0.45 * torch.sin(0.083 * i + 0.061 * j + 1.7 * c) * torch.cos(0.019 * i * (c + 1) - 0.031 * j)
    return x.float().unsqueeze(0)


def summary(t):
    flat = t.detach().double().reshape(-1)
    idx = [int(k * (flat.numel() - 1) / (SAMPLES - 1)) for k in range(SAMPLES)]
    return {"shape": list(t.shape), "sum": float(flat.sum()), "abs_sum": float(flat.abs().sum()),
            "indices": idx, "values": [float(flat[k]) for k in idx]}


def main():
    torch.set_num_threads(1)
    out = {"input": INPUT_FORMULA, "generated_by": C.command_line(), "torch": torch.__version__, "models": {}}
    for name in MODELS:
        pt = os.path.join(C.REPO_DIR, "models", f"{name}.pt")
        with open(os.path.join(C.REPO_DIR, "models", f"{name}.json")) as f:
            side = json.load(f)
        w, h = side["input_width"], side["input_height"]
        model = torch.jit.load(pt).eval()
        with torch.no_grad():
            res = model(analytic_input(h, w))
        outs = list(res) if isinstance(res, (tuple, list)) else [res]
        with open(pt, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        out["models"][name] = {"file": f"{name}.pt", "sha256": digest, "input_width": w, "input_height": h,
                               "outputs": [summary(o) for o in outs]}
        print(f"{name}: {[o.shape for o in outs]} sums {[round(summary(o)['sum'], 4) for o in outs]}")
    assert not any(math.isnan(v["sum"]) for m in out["models"].values() for v in m["outputs"])
    with open(os.path.join(C.REPO_DIR, "models", "parity.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
