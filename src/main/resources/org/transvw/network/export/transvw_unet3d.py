"""The 3D U-Net of TransVW for Fiji (PyTorch flavour), for BioImage.IO consumers.

Written for the TransVW for Fiji project (BSD-2-Clause); it reproduces the Java network
org.transvw.network.UNet3d exactly, with the same module and parameter names, so the exported
state dict loads with ``load_state_dict(strict=True)``:

- encoder ``down_tr64 .. down_tr512``: two units Conv3d(k3, padding 1) -> BatchNorm3d -> ReLU per
  level (``ops.0``, ``ops.1``), 2x2x2 max pooling between levels; channels in -> b -> 2b,
  2b -> 2b -> 4b, 4b -> 4b -> 8b, 8b -> 8b -> 16b (b = ``base_width``);
- decoder ``up_tr256, up_tr128, up_tr64``: ConvTranspose3d(k2, s2) (``up_conv``), concatenation
  [up-sampled, skip] along channels, two units; ``out_tr.final_conv``: Conv3d(k1) -> activation;
- batch normalisation eps 1e-5; ``batch_norm="batch"`` uses the statistics of the current batch
  also in ``eval()`` (the reference TransVW / Models Genesis behaviour), ``"running"`` the stored
  running statistics (PyTorch's default);
- the network works on arrays (x, y, z) as the reference does; with ``axes="bczyx"`` (the
  BioImage.IO export) inputs (batch, channel, z, y, x) are transposed on the way in and out.

Spatial sizes must be multiples of 8. Needs only torch.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class _BatchNorm3d(nn.BatchNorm3d):
    def __init__(self, channels, batch_statistics):
        super().__init__(channels, eps=1e-5, momentum=0.1)
        self.batch_statistics = batch_statistics

    def forward(self, x):
        if self.training or not self.batch_statistics:
            return super().forward(x)
        return F.batch_norm(x, None, None, self.weight, self.bias, True, 0.0, self.eps)


class _Unit(nn.Module):
    def __init__(self, cin, cout, batch_statistics):
        super().__init__()
        self.conv1 = nn.Conv3d(cin, cout, 3, padding=1)
        self.bn1 = _BatchNorm3d(cout, batch_statistics)

    def forward(self, x):
        return F.relu(self.bn1(self.conv1(x)))


class _Down(nn.Module):
    def __init__(self, cin, mid, cout, batch_statistics):
        super().__init__()
        self.ops = nn.Sequential(_Unit(cin, mid, batch_statistics),
                                 _Unit(mid, cout, batch_statistics))

    def forward(self, x):
        return self.ops(x)


class _Up(nn.Module):
    def __init__(self, cin, cskip, cout, batch_statistics):
        super().__init__()
        self.up_conv = nn.ConvTranspose3d(cin, cin, 2, stride=2)
        self.ops = nn.Sequential(_Unit(cin + cskip, cout, batch_statistics),
                                 _Unit(cout, cout, batch_statistics))

    def forward(self, x, skip):
        u = self.up_conv(x)
        return self.ops(u if skip is None else torch.cat([u, skip], 1))


class _Out(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.final_conv = nn.Conv3d(cin, cout, 1)

    def forward(self, x):
        return self.final_conv(x)


class TransVWUNet3d(nn.Module):
    def __init__(self, base_width=32, in_channels=1, out_channels=1, skip_connections=True,
                 output="sigmoid", batch_norm="running", axes="bczyx"):
        super().__init__()
        if output not in ("sigmoid", "softmax", "none"):
            raise ValueError("output: expected sigmoid, softmax or none, got %r" % output)
        if batch_norm not in ("running", "batch"):
            raise ValueError("batch_norm: expected running or batch, got %r" % batch_norm)
        if axes not in ("bczyx", "bcxyz"):
            raise ValueError("axes: expected bczyx or bcxyz, got %r" % axes)
        b, bs = base_width, batch_norm == "batch"
        self.skip_connections, self.output, self.axes = skip_connections, output, axes
        self.down_tr64 = _Down(in_channels, b, 2 * b, bs)
        self.down_tr128 = _Down(2 * b, 2 * b, 4 * b, bs)
        self.down_tr256 = _Down(4 * b, 4 * b, 8 * b, bs)
        self.down_tr512 = _Down(8 * b, 8 * b, 16 * b, bs)
        skip = 1 if skip_connections else 0
        self.up_tr256 = _Up(16 * b, skip * 8 * b, 8 * b, bs)
        self.up_tr128 = _Up(8 * b, skip * 4 * b, 4 * b, bs)
        self.up_tr64 = _Up(4 * b, skip * 2 * b, 2 * b, bs)
        self.out_tr = _Out(2 * b, out_channels)

    def forward(self, x):
        if self.axes == "bczyx":
            x = x.permute(0, 1, 4, 3, 2)
        s64 = self.down_tr64(x)
        s128 = self.down_tr128(F.max_pool3d(s64, 2))
        s256 = self.down_tr256(F.max_pool3d(s128, 2))
        h = self.down_tr512(F.max_pool3d(s256, 2))
        keep = self.skip_connections
        h = self.up_tr256(h, s256 if keep else None)
        h = self.up_tr128(h, s128 if keep else None)
        h = self.up_tr64(h, s64 if keep else None)
        y = self.out_tr(h)
        if self.output == "sigmoid":
            y = torch.sigmoid(y)
        elif self.output == "softmax":
            y = torch.softmax(y, 1)
        if self.axes == "bczyx":
            y = y.permute(0, 1, 4, 3, 2)
        return y
