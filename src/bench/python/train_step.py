#!/usr/bin/python3
"""The TransVW pre-training step in PyTorch-Python, for `bin/transvw-bench train-python`.

Same network as the Java benchmark (`org.transvw.cli.TrainBenchmark`): the PyTorch-flavour 3D
U-Net of method.md §4.1 (LUConv = Conv3d k3 p1 + BatchNorm3d + ReLU, MaxPool 2,
ConvTranspose3d k2 s2, concat [up, skip], 1x1x1 conv + sigmoid) with the TransVW head on the
bottleneck (Conv3d 16b -> 32b + BN + ReLU, GAP, Linear -> C), loss MSE + 0.01 * CE, Adam 1e-3.
Written from docs/method.md for this project (not the reference code).

Prints one JSON object per line: {"bench": ..., "value": ..., "unit": ...}.
Keys (defaults): widths=32,8 batches=2,4 steps=5 cube=64,64,32 classes=44 threads=0
rss-steps=50,500 rss-width=8 rss-batch=2 ("rss-steps=" skips the RSS run).
Batches are prepared before the timed step (random smooth cubes plus noise), so the data-wait
fraction is 0 by construction: the Java benchmark perturbs with the full TransVW policy on
worker threads instead.
"""
import json
import math
import resource
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def lu_conv(cin, cout):
    return nn.Sequential(nn.Conv3d(cin, cout, 3, padding=1), nn.BatchNorm3d(cout), nn.ReLU())


class Down(nn.Module):
    def __init__(self, cin, mid, cout, pool):
        super().__init__()
        self.a, self.b, self.pool = lu_conv(cin, mid), lu_conv(mid, cout), pool

    def forward(self, x):
        skip = self.b(self.a(x))
        return (F.max_pool3d(skip, 2) if self.pool else skip), skip


class Up(nn.Module):
    def __init__(self, cin, cskip, cout):
        super().__init__()
        self.up = nn.ConvTranspose3d(cin, cin, 2, stride=2)
        self.a, self.b = lu_conv(cin + cskip, cout), lu_conv(cout, cout)

    def forward(self, x, skip):
        return self.b(self.a(torch.cat([self.up(x), skip], 1)))


class YNet(nn.Module):
    def __init__(self, base, classes):
        super().__init__()
        b = base
        self.d1, self.d2 = Down(1, b, 2 * b, True), Down(2 * b, 2 * b, 4 * b, True)
        self.d3, self.d4 = Down(4 * b, 4 * b, 8 * b, True), Down(8 * b, 8 * b, 16 * b, False)
        self.u3, self.u2, self.u1 = Up(16 * b, 8 * b, 8 * b), Up(8 * b, 4 * b, 4 * b), Up(4 * b, 2 * b, 2 * b)
        self.out = nn.Conv3d(2 * b, 1, 1)
        self.head = lu_conv(16 * b, 32 * b)
        self.fc = nn.Linear(32 * b, classes)

    def forward(self, x):
        x, s1 = self.d1(x)
        x, s2 = self.d2(x)
        x, s3 = self.d3(x)
        bottom, _ = self.d4(x)
        h = self.u1(self.u2(self.u3(bottom, s3), s2), s1)
        logits = self.fc(self.head(bottom).mean(dim=(2, 3, 4)))
        return torch.sigmoid(self.out(h)), logits


def rss_mib(field="VmRSS"):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def emit(bench, value, unit, **extra):
    print(json.dumps(dict(bench=bench, value=round(value, 6) if math.isfinite(value) else None,
                          unit=unit, **extra)), flush=True)


def batch_of(n, cube, classes, gen):
    x, y, z = cube
    f = torch.rand(n, 3, generator=gen) * 0.3
    gx = torch.arange(x).view(1, x, 1, 1) * f[:, 0].view(n, 1, 1, 1)
    gy = torch.arange(y).view(1, 1, y, 1) * f[:, 1].view(n, 1, 1, 1)
    gz = torch.arange(z).view(1, 1, 1, z) * f[:, 2].view(n, 1, 1, 1)
    target = (0.5 + 0.25 * torch.sin(gx) * torch.cos(gy) + 0.2 * torch.sin(gz)).unsqueeze(1)
    noisy = (target + 0.1 * torch.randn(target.shape, generator=gen)).clamp(0, 1)
    return noisy.float(), target.float(), torch.randint(0, classes, (n,), generator=gen)


def timed_step(net, opt, x, t, label):
    """One pre-training step (joint loss, Adam); (seconds, loss), the loss read to synchronise."""
    t0 = time.perf_counter()
    opt.zero_grad()
    restored, logits = net(x)
    loss = F.mse_loss(restored, t) + 0.01 * F.cross_entropy(logits, label)
    loss.backward()
    opt.step()
    value = loss.item()
    return time.perf_counter() - t0, value


def run(width, batch, steps, cube, classes, rss_at=()):
    torch.manual_seed(1)
    gen = torch.Generator().manual_seed(1)
    net = YNet(width, classes)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    net.train()
    times, rss = [], []
    for step in range(1, steps + 1):
        x, t, label = batch_of(batch, cube, classes, gen)
        seconds, _ = timed_step(net, opt, x, t, label)
        times.append(seconds)
        if step in rss_at:
            rss.append(rss_mib())
    return times, rss


def serve(argv):
    """`serve key=value...`: one network, then one timed step per "step" line on stdin, each
    answered by a JSON line {"seconds": ...}; "quit" ends. The Java benchmark `train-compare`
    drives it to alternate Java and Python steps in one run."""
    a = {"width": "32", "batch": "4", "cube": "64,64,32", "classes": "44", "threads": "1",
         "channels-last": "false"}
    for arg in argv:
        k, _, v = arg.partition("=")
        if k not in a or not _:
            sys.exit("argument: expected key=value with key in %s, got '%s'" % (list(a), arg))
        a[k] = v
    torch.set_num_threads(int(a["threads"]))
    cube = [int(p) for p in a["cube"].split(",")]
    width, batch, classes = int(a["width"]), int(a["batch"]), int(a["classes"])
    fmt = torch.channels_last_3d if a["channels-last"] == "true" else torch.contiguous_format
    torch.manual_seed(1)
    gen = torch.Generator().manual_seed(1)
    net = YNet(width, classes).to(memory_format=fmt)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    net.train()
    print(json.dumps(dict(ready=True, torch=torch.__version__, threads=torch.get_num_threads(),
                          parameters=sum(p.numel() for p in net.parameters()))), flush=True)
    for line in sys.stdin:
        if line.strip() != "step":
            break
        x, t, label = batch_of(batch, cube, classes, gen)
        x = x.contiguous(memory_format=fmt)
        seconds, value = timed_step(net, opt, x, t, label)
        print(json.dumps(dict(seconds=seconds, loss=value)), flush=True)


def main(argv):
    if argv and argv[0] == "serve":
        return serve(argv[1:])
    a = {"widths": "32,8", "batches": "2,4", "steps": "5", "cube": "64,64,32", "classes": "44",
         "threads": "0", "rss-steps": "50,500", "rss-width": "8", "rss-batch": "2"}
    for arg in argv:
        k, _, v = arg.partition("=")
        if k not in a or not _:
            sys.exit("argument: expected key=value with key in %s, got '%s'" % (list(a), arg))
        a[k] = v
    ints = lambda s: [int(p) for p in s.split(",") if p.strip()]
    if int(a["threads"]) > 0:
        torch.set_num_threads(int(a["threads"]))
    cube, classes, steps = ints(a["cube"]), int(a["classes"]), int(a["steps"])
    cube_text = "x".join(map(str, cube))
    for width in ints(a["widths"]):
        for batch in ints(a["batches"]):
            times, _ = run(width, batch, steps + 1, cube, classes)
            per = sum(times[1:]) / len(times[1:])  # the first step is left out, as in Java
            extra = dict(width=width, batch=batch, cube=cube_text, steps=steps, runtime="python",
                         torch=torch.__version__)
            emit("train.seconds_per_step", per, "s", **extra)
            emit("train.cubes_per_second", batch / per, "cubes/s", **extra)
            emit("train.data_wait_fraction", 0.0, "fraction", **extra)
    rss_at = ints(a["rss-steps"])
    if rss_at:
        width, batch = int(a["rss-width"]), int(a["rss-batch"])
        _, rss = run(width, batch, max(rss_at), cube, classes, rss_at)
        for s, v in zip(rss_at, rss):
            emit("train.rss_after_steps", v, "MiB", steps=s, width=width, batch=batch,
                 cube=cube_text, runtime="python")
        if len(rss_at) >= 3:  # after warm-up: from the second sample on, as in Java
            xs, ys = rss_at[1:], rss[1:]
            m, sx, sy = len(xs), sum(xs), sum(ys)
            sxx, sxy = sum(x * x for x in xs), sum(x * y for x, y in zip(xs, ys))
            emit("train.rss_slope", 100 * (m * sxy - sx * sy) / (m * sxx - sx * sx),
                 "MiB per 100 steps", from_step=xs[0], to_step=xs[-1], width=width, batch=batch,
                 runtime="python")
    emit("train.peak_rss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, "MiB",
         runtime="python")


if __name__ == "__main__":
    main(sys.argv[1:])
