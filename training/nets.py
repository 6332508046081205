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
            cbr(3, w, 3, 2),           # 64x48
            cbr(w, 2 * w, 3, 2),       # 32x24
            cbr(2 * w, 2 * w, 3, 1),
            cbr(2 * w, 4 * w, 3, 2),   # 16x12
            cbr(4 * w, 4 * w, 3, 1),
            cbr(4 * w, 4 * w, 3, 2),   # 8x6
        )
        self.drop = nn.Dropout(0.2)
        self.fc = nn.Linear(8 * w, 2)

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
    def __init__(self, c=(16, 24, 48, 64), head=32):
        super().__init__()
        c1, c2, c3, c4 = c
        self.norm = Normalize()
        self.stem = cbr(3, c1, 3, 2)                                   # /2
        self.s4 = nn.Sequential(cbr(c1, c2, 3, 2), cbr(c2, c2))       # /4
        self.s8 = nn.Sequential(cbr(c2, c3, 3, 2), cbr(c3, c3))       # /8
        self.s16 = nn.Sequential(cbr(c3, c4, 3, 2), cbr(c4, c4), cbr(c4, c4, 3, 1, 2))  # /16, wider RF
        self.lat16 = nn.Conv2d(c4, head, 1)
        self.lat8 = nn.Conv2d(c3, head, 1)
        self.lat4 = nn.Conv2d(c2, head, 1)

    def forward(self, x):
        x = self.norm(x)
        f4 = self.s4(self.stem(x))
        f8 = self.s8(f4)
        f16 = self.s16(f8)
        p = self.lat16(f16)
        p = F.interpolate(p, size=(f8.shape[2], f8.shape[3]), mode="nearest") + self.lat8(f8)
        p = F.interpolate(p, size=(f4.shape[2], f4.shape[3]), mode="nearest") + self.lat4(f4)
        return p, f16


class CenterHead(nn.Module):
    """Heatmap (sigmoid) + ltrb (exp, input pixels) head on stride-4 features."""

    def __init__(self, cin, num_classes, mid=32):
        super().__init__()
        self.hm = nn.Sequential(cbr(cin, mid), nn.Conv2d(mid, num_classes, 1))
        self.reg = nn.Sequential(cbr(cin, mid), nn.Conv2d(mid, 4, 1))
        nn.init.constant_(self.hm[-1].bias, -2.19)  # prior 0.1 (CenterNet)
        nn.init.zeros_(self.reg[-1].bias)

    def raw(self, f):
        return self.hm(f), self.reg(f)

    @staticmethod
    def ltrb(reg_raw):
        return torch.exp(reg_raw.clamp(-6.0, 6.0)) * 16.0

    def forward(self, f):
        hm, reg = self.raw(f)
        return torch.cat([torch.sigmoid(hm), self.ltrb(reg)], 1)


class UrbanNet(nn.Module):
    """CenterNet-style detector: 320x240 -> [1, 3 + 4, 60, 80]."""

    def __init__(self, num_classes=3, c=(16, 24, 48, 64), head=32):
        super().__init__()
        self.backbone = Backbone(c, head)
        self.head = CenterHead(head, num_classes, head)

    def raw(self, x):
        f, _ = self.backbone(x)
        return self.head.raw(f)

    def forward(self, x):
        f, _ = self.backbone(x)
        return self.head(f)


class LaneHead(nn.Module):
    """Row-anchor lane head.

    The stride-4 feature map has one column per grid cell (G = W / 4), and the row anchors are chosen at stride-4
    row centres, so cell logits are read straight off a per-anchor-row feature grid [B, C, R, G]. A few convs on
    that grid (with an x-coordinate channel, so that slot identity can depend on absolute position) give 4 slot
    logits per cell; the 'absent' logit per (slot, row) comes from a max+avg pool across the row plus a global
    context vector.
    """

    def __init__(self, cin, row_index, grid, c16, mid=32, lanes=4):
        super().__init__()
        self.register_buffer("row_index", torch.tensor(row_index, dtype=torch.long))
        self.grid = grid
        self.lanes = lanes
        xs = (torch.arange(grid, dtype=torch.float32) + 0.5) / grid * 2 - 1
        self.register_buffer("xcoord", xs.view(1, 1, 1, grid))
        R = len(row_index)
        rs = (torch.arange(R, dtype=torch.float32) + 0.5) / R * 2 - 1
        self.register_buffer("ycoord", rs.view(1, 1, R, 1))
        self.ctx = nn.Sequential(cbr(c16, mid, 1), )
        self.grid_convs = nn.Sequential(
            cbr(cin + 2 + mid, mid, 3),
            cbr(mid, mid, (1, 3), 1, 1),
            cbr(mid, mid, 3, 1, 2),
            cbr(mid, mid, 3, 1, 4),
        )
        self.cell = nn.Conv2d(mid, lanes, 1)
        self.absent = nn.Conv2d(2 * mid, lanes, 1)

    def logits(self, f4, f16):
        B = f4.shape[0]
        g = torch.index_select(f4, 2, self.row_index)                       # [B, C, R, G]
        R = g.shape[2]
        ctx = F.adaptive_avg_pool2d(self.ctx(f16), 1)                        # [B, mid, 1, 1]
        g = torch.cat([g, self.xcoord.expand(B, 1, R, self.grid), self.ycoord.expand(B, 1, R, self.grid),
                       ctx.expand(B, ctx.shape[1], R, self.grid)], 1)
        g = self.grid_convs(g)
        cells = self.cell(g)                                                  # [B, L, R, G]
        pooled = torch.cat([g.amax(3, keepdim=True), g.mean(3, keepdim=True)], 1)
        absent = self.absent(pooled)                                          # [B, L, R, 1]
        return torch.cat([cells, absent], 3)                                  # [B, L, R, G+1]


class HighwayNet(nn.Module):
    """Row-anchor lanes + single-class CenterNet vehicles: 320x240 -> ([1,4,R,G+1], [1,1+4,60,80])."""

    def __init__(self, row_index, grid=80, c=(16, 24, 48, 64), head=32):
        super().__init__()
        self.backbone = Backbone(c, head)
        self.lanes = LaneHead(head, row_index, grid, c[3], head)
        self.det = CenterHead(head, 1, head)

    def raw(self, x):
        f4, f16 = self.backbone(x)
        hm, reg = self.det.raw(f4)
        return self.lanes.logits(f4, f16), hm, reg

    def forward(self, x):
        f4, f16 = self.backbone(x)
        lanes = torch.softmax(self.lanes.logits(f4, f16), dim=3)
        return lanes, self.det(f4)
