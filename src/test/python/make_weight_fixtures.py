#!/usr/bin/python3
"""Builds the small weight-import fixtures of org.transvw.network.weights (issue 7).

Run with Debian's python3-torch and python3-h5py (no other dependency):

    /usr/bin/python3 src/test/python/make_weight_fixtures.py src/test/resources/org/transvw/network/weights

Our own re-implementation of the reference modules from method.md §4 / 7, at a reduced base
width, with the reference state-dict key names (PyTorch) and layer names (Keras). For each
fixture it saves the weights and the outputs for a fixed input, as raw little-endian float32:

  input.f32                       (2, 1, 16, 16, 8)
  <name>.seg.f32 / <name>.cls.f32 segmentation output (after sigmoid) / class logits
                                  (an encoder-only fixture has no segmentation output)

transvw_ckpt_b1.pt and transvw_en_b1.pt are written as the authors' TransVW training script
writes checkpoints (numpy float64 best_loss / best_acc, an Adam optimizer_state_dict).

fixtures.json lists every file with its shapes and flavour.
"""
import collections
import json
import os
import sys

import h5py
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class ContBatchNorm3d(nn.BatchNorm3d):
    """Reference PyTorch BN: always batch statistics (method.md §4.1)."""

    def forward(self, x):
        return F.batch_norm(x, self.running_mean, self.running_var, self.weight, self.bias,
                            True, self.momentum, self.eps)


class LUConv(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = nn.Conv3d(cin, cout, 3, padding=1)
        self.bn1 = ContBatchNorm3d(cout)

    def forward(self, x):
        return F.relu(self.bn1(self.conv1(x)))


class Down(nn.Module):
    def __init__(self, cin, mid, cout, pool=True):
        super().__init__()
        self.ops = nn.Sequential(LUConv(cin, mid), LUConv(mid, cout))
        self.pool = pool

    def forward(self, x):
        out = self.ops(x)
        return (F.max_pool3d(out, 2) if self.pool else out), out


class Up(nn.Module):
    def __init__(self, c, skip, cout):
        super().__init__()
        self.up_conv = nn.ConvTranspose3d(c, c, 2, stride=2)
        self.ops = nn.Sequential(LUConv(c + skip, cout), LUConv(cout, cout))

    def forward(self, x, skip):
        return self.ops(torch.cat([self.up_conv(x), skip], 1))


class Out(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.final_conv = nn.Conv3d(cin, cout, 1)


class Head(nn.Module):
    def __init__(self, cin, mid, classes):
        super().__init__()
        self.conv1 = nn.Conv3d(cin, mid, 3, padding=1)
        self.bn1 = ContBatchNorm3d(mid)
        self.fc1 = nn.Linear(mid, classes)

    def forward(self, x):
        return self.fc1(F.relu(self.bn1(self.conv1(x))).mean(dim=(2, 3, 4)))


def add_encoder(module, b):
    """The U-Net encoder's four stages, under the reference names, as attributes of module."""
    module.down_tr64 = Down(1, b, 2 * b)
    module.down_tr128 = Down(2 * b, 2 * b, 4 * b)
    module.down_tr256 = Down(4 * b, 4 * b, 8 * b)
    module.down_tr512 = Down(8 * b, 8 * b, 16 * b, pool=False)


def encode(module, x):
    """The bottleneck and the three skips of add_encoder's stages."""
    x, s64 = module.down_tr64(x)
    x, s128 = module.down_tr128(x)
    x, s256 = module.down_tr256(x)
    bottom, _ = module.down_tr512(x)
    return bottom, (s64, s128, s256)


class YNet3D(nn.Module):
    """UNet3D (+ TransVW head when classes > 0) with the reference key names."""

    def __init__(self, b, classes):
        super().__init__()
        add_encoder(self, b)
        self.up_tr256 = Up(16 * b, 8 * b, 8 * b)
        self.up_tr128 = Up(8 * b, 4 * b, 4 * b)
        self.up_tr64 = Up(4 * b, 2 * b, 2 * b)
        self.out_tr = Out(2 * b, 1)
        if classes:
            self.clc_out = Head(16 * b, 32 * b, classes)

    def forward(self, x):
        bottom, (s64, s128, s256) = encode(self, x)
        x = self.up_tr256(bottom, s256)
        x = self.up_tr128(x, s128)
        x = self.up_tr64(x, s64)
        seg = torch.sigmoid(self.out_tr.final_conv(x))
        return seg, (self.clc_out(bottom) if hasattr(self, 'clc_out') else None)


class ClassificationNet3D(nn.Module):
    """TransVW's encoder-only network (method.md §4.1): the U-Net encoder + the head, no decoder."""

    def __init__(self, b, classes):
        super().__init__()
        add_encoder(self, b)
        self.clc_out = Head(16 * b, 32 * b, classes)

    def forward(self, x):
        return self.clc_out(encode(self, x)[0])


def authors_checkpoint(model, x, path, gen):
    """One Adam step, then torch.save exactly as TransVW's pytorch/train.py writes checkpoints:
    epoch, state_dict, optimizer_state_dict, num_epoch_no_improvement, and best_loss / best_acc
    as numpy float64 scalars (np.average of the per-batch values)."""
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    out = model(x)
    loss = sum(o.square().mean() for o in (out if isinstance(out, tuple) else (out,))
               if o is not None)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    valid_losses = [float(loss.item()), float(gen.uniform(0.1, 0.3))]
    best_loss = np.average(valid_losses)
    best_acc = np.average([0.5, 0.75])
    assert type(best_loss) is np.float64 and type(best_acc) is np.float64
    torch.save({
        'epoch': 7 + 1,
        'state_dict': model.state_dict(),
        'optimizer_state_dict': optimizer.state_dict(),
        'num_epoch_no_improvement': 2,
        'best_loss': best_loss,
        'best_acc': best_acc,
    }, path)
    return float(best_loss), float(best_acc)


def keras_layers(b, classes):
    """Keras unet/ynet layer list: name -> (kind, in, out) (method.md §4.2)."""
    plan = [(1, b), (b, 2 * b), (2 * b, 2 * b), (2 * b, 4 * b), (4 * b, 4 * b), (4 * b, 8 * b),
            (8 * b, 8 * b), (8 * b, 16 * b), (24 * b, 8 * b), (8 * b, 8 * b), (12 * b, 4 * b),
            (4 * b, 4 * b), (6 * b, 2 * b), (2 * b, 2 * b)]
    if classes:
        plan.append((16 * b, 16 * b))
    layers = collections.OrderedDict()
    for n, (cin, cout) in enumerate(plan):
        layers['depth_%d_conv' % n] = ('conv', cin, cout, 3)
        layers['depth_%d_bn' % n] = ('bn', cout, cout, 0)
    layers['final_conv'] = ('conv', 2 * b, 1, 1)
    if classes:
        layers['cls_fc'] = ('dense', 16 * b, 32 * b, 0)
        layers['cls_output'] = ('dense', 32 * b, classes, 0)
    return layers


def keras_weights(b, classes, gen):
    """Random Keras-layout weights: name -> {param: array in Keras layout}."""
    w = collections.OrderedDict()
    for name, (kind, cin, cout, k) in keras_layers(b, classes).items():
        if kind == 'conv':
            bound = 1 / np.sqrt(cin * k ** 3)
            w[name] = {'kernel': gen.uniform(-bound, bound, (k, k, k, cin, cout)),
                       'bias': gen.uniform(-0.1, 0.1, cout)}
        elif kind == 'dense':
            bound = 1 / np.sqrt(cin)
            w[name] = {'kernel': gen.uniform(-bound, bound, (cin, cout)),
                       'bias': gen.uniform(-0.1, 0.1, cout)}
        else:
            w[name] = {'gamma': gen.uniform(0.5, 1.5, cout), 'beta': gen.uniform(-0.2, 0.2, cout),
                       'moving_mean': gen.uniform(-0.2, 0.2, cout),
                       'moving_variance': gen.uniform(0.05, 0.3, cout)}
    return w


def keras_forward(w, x, classes):
    """Keras unet/ynet inference (BN with moving statistics, eps 1e-3, nearest up-sampling)."""
    t = {n: {p: torch.tensor(a, dtype=torch.float32) for p, a in d.items()} for n, d in w.items()}

    def unit(n, h):
        c, bn = t['depth_%d_conv' % n], t['depth_%d_bn' % n]
        h = F.conv3d(h, c['kernel'].permute(4, 3, 0, 1, 2), c['bias'], padding=1)
        h = F.batch_norm(h, bn['moving_mean'], bn['moving_variance'], bn['gamma'], bn['beta'],
                         False, 0.01, 1e-3)
        return F.relu(h)

    skips = []
    h = x
    for level in range(4):
        h = unit(2 * level + 1, unit(2 * level, h))
        if level < 3:
            skips.append(h)
            h = F.max_pool3d(h, 2)
    bottom = h
    for level in range(3):
        h = torch.cat([F.interpolate(h, scale_factor=2, mode='nearest'), skips[2 - level]], 1)
        h = unit(9 + 2 * level, unit(8 + 2 * level, h))
    fc = t['final_conv']
    seg = torch.sigmoid(F.conv3d(h, fc['kernel'].permute(4, 3, 0, 1, 2), fc['bias']))
    if not classes:
        return seg, None
    g = unit(14, bottom).mean(dim=(2, 3, 4))
    g = F.relu(g @ t['cls_fc']['kernel'] + t['cls_fc']['bias'])
    return seg, g @ t['cls_output']['kernel'] + t['cls_output']['bias']


def write_keras(path, w, full_model, rename=None):
    """Keras 2.2.4 HDF5 layout: [model_weights/]<layer>/<layer>/<param>:0 + name attributes."""
    rename = rename or {}
    with h5py.File(path, 'w') as f:
        f.attrs['keras_version'] = b'2.2.4'
        f.attrs['backend'] = b'tensorflow'
        root = f.create_group('model_weights') if full_model else f
        names = [rename.get(n, n) for n in w]
        root.attrs['layer_names'] = [n.encode() for n in ['input_1'] + names]
        root.create_group('input_1').attrs['weight_names'] = []
        for name, params in w.items():
            name = rename.get(name, name)
            g = root.create_group(name)
            g.attrs['weight_names'] = [('%s/%s:0' % (name, p)).encode() for p in params]
            for p, a in params.items():
                g.create_dataset('%s/%s:0' % (name, p), data=a.astype(np.float32))


def randomise_bn(model, gen):
    for m in model.modules():
        if isinstance(m, nn.BatchNorm3d):
            m.weight.data = torch.tensor(gen.uniform(0.5, 1.5, m.num_features), dtype=torch.float32)
            m.bias.data = torch.tensor(gen.uniform(-0.2, 0.2, m.num_features), dtype=torch.float32)
            m.running_mean.data = torch.tensor(gen.uniform(-0.2, 0.2, m.num_features),
                                               dtype=torch.float32)
            m.running_var.data = torch.tensor(gen.uniform(0.5, 1.5, m.num_features),
                                              dtype=torch.float32)


def save_f32(folder, name, tensor):
    tensor.detach().numpy().astype('<f4').tofile(os.path.join(folder, name))


def main(folder):
    os.makedirs(folder, exist_ok=True)
    torch.manual_seed(7)
    gen = np.random.default_rng(7)
    x = torch.rand(2, 1, 16, 16, 8)
    save_f32(folder, 'input.f32', x)
    manifest = {'input': {'file': 'input.f32', 'shape': list(x.shape)}, 'fixtures': []}

    def record(name, file, flavour, base, classes, seg, cls, **extra):
        entry = {'name': name, 'file': file, 'flavour': flavour, 'baseWidth': base,
                 'numClasses': classes}
        if seg is not None:
            save_f32(folder, name + '.seg.f32', seg)
            entry.update(seg=name + '.seg.f32', segShape=list(seg.shape))
        if cls is not None:
            save_f32(folder, name + '.cls.f32', cls)
            entry.update(cls=name + '.cls.f32', clsShape=list(cls.shape))
        entry.update(extra)
        manifest['fixtures'].append(entry)

    # TransVW PyTorch ynet (base 1, C = 3): zip format, training-checkpoint wrapper, DataParallel
    ynet = YNet3D(1, 3)
    randomise_bn(ynet, gen)
    sd = collections.OrderedDict(('module.' + k, v.clone()) for k, v in ynet.state_dict().items())
    torch.save({'epoch': 12, 'state_dict': sd, 'optimizer_state_dict': {'state': {}},
                'num_epoch_no_improvement': 0, 'best_loss': 0.25, 'best_acc': 0.5},
               os.path.join(folder, 'ynet_b1.pt'))
    with torch.no_grad():
        seg, cls = ynet(x)
    record('ynet_b1', 'ynet_b1.pt', 'pytorch', 1, 3, seg, cls, bn='batch')

    # Models Genesis PyTorch unet (base 2, no head): legacy format, plain state dict with the
    # ClassificationNet prefix, plus a projection head to be ignored
    unet = YNet3D(2, 0)
    randomise_bn(unet, gen)
    sd = collections.OrderedDict(('classficationNet.' + k, v.clone())
                                 for k, v in unet.state_dict().items())
    sd['projection_head.0.weight'] = torch.zeros(4, 32)
    torch.save(sd, os.path.join(folder, 'unet_b2_legacy.pt'), _use_new_zipfile_serialization=False)
    with torch.no_grad():
        seg, _ = unet(x)
    record('unet_b2_legacy', 'unet_b2_legacy.pt', 'pytorch', 2, 0, seg, None, bn='batch')

    # TransVW Keras ynet (base 2, C = 3): full-model HDF5 layout
    kw = keras_weights(2, 3, gen)
    write_keras(os.path.join(folder, 'ynet_keras_b2.h5'), kw, True)
    seg, cls = keras_forward(kw, x, 3)
    record('ynet_keras_b2', 'ynet_keras_b2.h5', 'keras', 2, 3, seg, cls, bn='running')

    # Models Genesis Keras unet (base 1, no head): weights-only layout, unnamed final conv
    kw = keras_weights(1, 0, gen)
    write_keras(os.path.join(folder, 'genesis_keras_b1.h5'), kw, False, {'final_conv': 'conv3d_15'})
    seg, _ = keras_forward(kw, x, 0)
    record('genesis_keras_b1', 'genesis_keras_b1.h5', 'keras', 1, 0, seg, None, bn='running')

    # The authors' exact checkpoint layout (numpy float64 best_loss / best_acc, Adam state),
    # full TransVW ynet (base 1, C = 3) and the encoder-only ClassificationNet3D (base 1, C = 3)
    ynet = YNet3D(1, 3)
    randomise_bn(ynet, gen)
    best = authors_checkpoint(ynet, x, os.path.join(folder, 'transvw_ckpt_b1.pt'), gen)
    with torch.no_grad():
        seg, cls = ynet(x)
    record('transvw_ckpt_b1', 'transvw_ckpt_b1.pt', 'pytorch', 1, 3, seg, cls, bn='batch',
           epoch=8, bestLoss=best[0], bestAcc=best[1])
    encoder = ClassificationNet3D(1, 3)
    randomise_bn(encoder, gen)
    best = authors_checkpoint(encoder, x, os.path.join(folder, 'transvw_en_b1.pt'), gen)
    with torch.no_grad():
        cls = encoder(x)
    record('transvw_en_b1', 'transvw_en_b1.pt', 'pytorch', 1, 3, None, cls, bn='batch',
           encoderOnly=True, epoch=8, bestLoss=best[0], bestAcc=best[1])

    # broken files: a wrong shape and a missing tensor (base 1, zip format)
    bad = collections.OrderedDict(YNet3D(1, 0).state_dict())
    bad['down_tr128.ops.0.conv1.weight'] = torch.zeros(2, 3, 3, 3, 3)
    torch.save(bad, os.path.join(folder, 'wrong_shape_b1.pt'))
    bad = collections.OrderedDict(YNet3D(1, 0).state_dict())
    del bad['up_tr64.ops.1.bn1.running_var']
    torch.save(bad, os.path.join(folder, 'missing_key_b1.pt'))

    with open(os.path.join(folder, 'fixtures.json'), 'w') as f:
        json.dump(manifest, f, indent=1)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
