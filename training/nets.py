"""Network definitions for the three shipped Triage models.

All models take one float32 input [1, 3, H, W], RGB in [0, 1]; mean/std normalisation happens inside the model
(see CONTRACTS.md). Everything here is plain conv/BN/ReLU so that torch.jit.trace produces graphs that load in
libtorch 2.x through DJL.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


class Normalize(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("mean", torch.tensor(MEAN).view(1, 3, 1, 1))
        self.register_buffer("inv_std", 1.0 / torch.tensor(STD).view(1, 3, 1, 1))

    def forward(self, x):
        return (x - self.mean) * self.inv_std


def cbr(cin, cout, k=3, s=1, d=1):
    """Conv-BN-ReLU (same padding; k may be an int or a (kh, kw) tuple)."""
    p = tuple(d * (kk - 1) // 2 for kk in k) if isinstance(k, tuple) else d * (k - 1) // 2
    return nn.Sequential(nn.Conv2d(cin, cout, k, s, p, dilation=d, bias=False), nn.BatchNorm2d(cout),
                         nn.ReLU(inplace=True))


# Speed rule for every network here (checked by check_conv_paths below): each convolution either has stride 2,
# dilation, groups > 1, or a batch-1 input of more than 20480 elements, and no 1x1 convolution runs on a large map.
# torch (1.13 and libtorch 2.x alike) sends other batch-1 convolutions to its 'slow_conv2d' fallback, which goes
# through the BLAS; Debian's torch links reference BLAS, where that fallback is 5-20x slower than oneDNN.
MKLDNN_MIN_NUMEL = 20480


def fuse_for_export(model):
    """Returns a deep copy in eval mode with every Conv2d+BatchNorm2d pair folded into one Conv2d."""
    import copy
    from torch.nn.utils.fusion import fuse_conv_bn_eval
    m = copy.deepcopy(model).eval()

    def visit(mod):
        for name, child in mod.named_children():
            if isinstance(child, nn.Sequential):
                layers = list(child)
                out, i = [], 0
                while i < len(layers):
                    if i + 1 < len(layers) and isinstance(layers[i], nn.Conv2d) and \
                            isinstance(layers[i + 1], nn.BatchNorm2d):
                        out.append(fuse_conv_bn_eval(layers[i], layers[i + 1]))
                        i += 2
                    else:
                        visit(layers[i])
                        out.append(layers[i])
                        i += 1
                setattr(mod, name, nn.Sequential(*out))
            else:
                visit(child)
    visit(m)
    return m


def check_conv_paths(model, example):
    """Lists convolutions that would take torch's slow fallback path at batch 1 with 1 thread."""
    slow = []

    def hook(mod, inp, _out):
        x = inp[0]
        k = mod.kernel_size
        strided = any(s != 1 for s in mod.stride)
        dilated = any(d != 1 for d in mod.dilation)
        first = strided or dilated or x.shape[0] >= 16 or k[0] != 1 or k[1] != 1
        second = mod.groups > 1 or (k[0] > 3 and k[1] > 3) or x.shape[0] > 1 or x.numel() > MKLDNN_MIN_NUMEL
        if not (first and second):
            macs = mod.weight.numel() * _out.shape[2] * _out.shape[3]
            slow.append((name_of[mod], tuple(x.shape), macs))
    name_of = {m: n for n, m in model.named_modules()}
    hooks = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, nn.Conv2d)]
    with torch.no_grad():
        model.eval()(example)
    for h in hooks:
        h.remove()
    return slow


# ----------------------------------------------------------------------------------------------------------------
# gate
# ----------------------------------------------------------------------------------------------------------------
class GateNet(nn.Module):
    """Tiny scene classifier: 128x96 RGB -> softmax [urban, highway]."""

    def __init__(self, width=16):
        super().__init__()
        w = width
        self.norm = Normalize()
        self.features = nn.Sequential(
            cbr(3, w, 3, 2),                       # 64x48
            cbr(w, 2 * w, 3, 2),                   # 32x24
            cbr(2 * w, 2 * w, 3, 1),
            cbr(2 * w, 4 * w, 3, 2),               # 16x12
            nn.Sequential(nn.Conv2d(4 * w, 6 * w, 3, 2, 1, groups=2, bias=False), nn.BatchNorm2d(6 * w),
                          nn.ReLU(inplace=True)),  # 8x6, grouped (cheap, oneDNN path)
        )
        self.drop = nn.Dropout(0.2)
        self.fc = nn.Linear(12 * w, 2)

    def logits(self, x):
        f = self.features(self.norm(x))
        f = torch.cat([F.adaptive_avg_pool2d(f, 1), F.adaptive_max_pool2d(f, 1)], 1).flatten(1)
        return self.fc(self.drop(f))

    def forward(self, x):
        return torch.softmax(self.logits(x), dim=1)


# ----------------------------------------------------------------------------------------------------------------
# shared detector backbone: strides 4, 8, 16 fused back to stride 4 (FPN-lite)
# ----------------------------------------------------------------------------------------------------------------
class Backbone(nn.Module):
    """conv-BN-ReLU backbone (strides 2/4/8/16) with a top-down neck back to stride 4.

    Returns (p4 [B, c2, H/4, W/4], f16 [B, c4, H/16, W/16])."""

    def __init__(self, c=(16, 24, 48, 80), s4_blocks=2):
        super().__init__()
        c1, c2, c3, c4 = c
        self.norm = Normalize()
        self.stem = cbr(3, c1, 3, 2)                                                      # /2
        self.s4 = nn.Sequential(cbr(c1, c2, 3, 2), *[cbr(c2, c2) for _ in range(s4_blocks - 1)])  # /4
        self.s8 = nn.Sequential(cbr(c2, c3, 3, 2), cbr(c3, c3))                           # /8
        self.s16 = nn.Sequential(cbr(c3, c4, 3, 2), cbr(c4, c4), cbr(c4, c4, 3, 1, 2))   # /16, wider RF
        self.top16 = cbr(c4, c2, 3)
        self.lat8 = cbr(c3, c2, 3)

    def forward(self, x):
        x = self.norm(x)
        f4 = self.s4(self.stem(x))
        f8 = self.s8(f4)
        f16 = self.s16(f8)
        p = F.interpolate(self.top16(f16), size=(f8.shape[2], f8.shape[3]), mode="nearest") + self.lat8(f8)
        p = F.interpolate(p, size=(f4.shape[2], f4.shape[3]), mode="nearest") + f4
        return p, f16


class CenterHead(nn.Module):
    """Heatmap (sigmoid) + ltrb (exp, input pixels) head on stride-4 features: one conv tower, one 3x3 output
    conv for all C + 4 channels."""

    def __init__(self, cin, num_classes, mid=32):
        super().__init__()
        self.num_classes = num_classes
        self.tower = cbr(cin, mid)
        self.out = nn.Conv2d(mid, num_classes + 4, 3, 1, 1)
        with torch.no_grad():
            self.out.bias[:num_classes].fill_(-2.19)  # prior 0.1 (CenterNet)
            self.out.bias[num_classes:].zero_()
            self.out.weight[num_classes:].mul_(0.1)

    def raw(self, f):
        o = self.out(self.tower(f))
        return o[:, :self.num_classes], o[:, self.num_classes:]

    @staticmethod
    def ltrb(reg_raw):
        return torch.exp(reg_raw.clamp(-6.0, 6.0)) * 16.0

    def forward(self, f):
        hm, reg = self.raw(f)
        return torch.cat([torch.sigmoid(hm), self.ltrb(reg)], 1)


class UrbanNet(nn.Module):
    """CenterNet-style detector: [1, 3, H, W] -> [1, 3 + 4, H / 4, W / 4] (fully convolutional)."""

    def __init__(self, num_classes=3, c=(16, 24, 48, 80), head=32, s4_blocks=2):
        super().__init__()
        self.backbone = Backbone(c, s4_blocks)
        self.head = CenterHead(c[1], num_classes, head)

    def raw(self, x):
        f, _ = self.backbone(x)
        return self.head.raw(f)

    def forward(self, x):
        f, _ = self.backbone(x)
        return self.head(f)


class LaneHead(nn.Module):
    """Row-anchor lane head.

    The stride-4 feature map has one column per grid cell (G = W / 4), and the row anchors are stride-4 row
    centres, so cell logits are read straight off a per-anchor-row feature grid [B, C, R, G]. A few convs on that
    grid (with x/y coordinate channels, so that slot identity can depend on absolute position, and a global context
    vector) give 4 slot logits per cell; the 'absent' logit per (slot, row) comes from max + mean pooling across
    the row.

    The grid convs' input is padded with zero channels to a multiple of 16: libtorch's oneDNN convolution (DJL,
    AVX2 path) read its own channel padding uninitialised for the 42-channel input, so lane logits turned NaN now
    and then when freed memory held Inf/NaN bit patterns. Zero channels with zero weights change no output."""

    def __init__(self, cin, row_index, grid, c16, mid=24, ctx=16, lanes=4):
        super().__init__()
        self.register_buffer("row_index", torch.tensor(row_index, dtype=torch.long))
        self.grid = grid
        self.lanes = lanes
        xs = (torch.arange(grid, dtype=torch.float32) + 0.5) / grid * 2 - 1
        self.register_buffer("xcoord", xs.view(1, 1, 1, grid))
        R = len(row_index)
        rs = (torch.arange(R, dtype=torch.float32) + 0.5) / R * 2 - 1
        self.register_buffer("ycoord", rs.view(1, 1, R, 1))
        self.ctx = nn.Sequential(nn.Conv2d(c16, ctx, 1), nn.ReLU(inplace=True))  # on the pooled [B, c16, 1, 1]
        self.zero_channels = -(cin + 2 + ctx) % 16
        self.grid_convs = nn.Sequential(
            cbr(cin + 2 + ctx + self.zero_channels, mid, 3),
            cbr(mid, mid, (1, 3), 1, 1),
            cbr(mid, mid, 3, 1, 2),
            cbr(mid, mid, 3, 1, 4),
        )
        self.cell = nn.Conv2d(mid, lanes, 3, 1, 1)
        self.absent = nn.Conv2d(2 * mid, lanes, 1)

    def logits(self, f4, f16):
        B = f4.shape[0]
        g = torch.index_select(f4, 2, self.row_index)                       # [B, C, R, G]
        R = g.shape[2]
        ctx = self.ctx(F.adaptive_avg_pool2d(f16, 1))                        # [B, ctx, 1, 1]
        g = torch.cat([g, self.xcoord.expand(B, 1, R, self.grid), self.ycoord.expand(B, 1, R, self.grid),
                       ctx.expand(B, ctx.shape[1], R, self.grid),
                       g.new_zeros(B, self.zero_channels, R, self.grid)], 1)
        g = self.grid_convs(g)
        cells = self.cell(g)                                                  # [B, L, R, G]
        pooled = torch.cat([g.amax(3, keepdim=True), g.mean(3, keepdim=True)], 1)
        absent = self.absent(pooled)                                          # [B, L, R, 1]
        return torch.cat([cells, absent], 3)                                  # [B, L, R, G+1]


class HighwayNet(nn.Module):
    """Row-anchor lanes + single-class CenterNet vehicles: 320x240 -> ([1,4,R,G+1], [1,1+4,60,80])."""

    def __init__(self, row_index, grid=80, c=(16, 24, 48, 80), head=24, s4_blocks=2):
        super().__init__()
        self.backbone = Backbone(c, s4_blocks)
        self.lanes = LaneHead(c[1], row_index, grid, c[3])
        self.det = CenterHead(c[1], 1, head)

    def raw(self, x):
        f4, f16 = self.backbone(x)
        hm, reg = self.det.raw(f4)
        return self.lanes.logits(f4, f16), hm, reg

    def forward(self, x):
        f4, f16 = self.backbone(x)
        lanes = torch.softmax(self.lanes.logits(f4, f16), dim=3)
        return lanes, self.det(f4)
