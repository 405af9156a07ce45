#!/usr/bin/python3
"""The TransVW perturbation policy in numpy/scipy, for `bin/transvw-bench perturb-compare`.

A re-implementation written for this project from the description in docs/method.md §3.1/§3.4
(the reference's algorithms and per-voxel work, not its code): the cost of the authors'
numpy pipeline per 64x64x32 cube, to compare with the Java transforms on one thread.

Per sample (PyTorch data loader, method.md §3.1), with x of shape (1, R, C, D) = (1, 64, 64, 32):
    target = deep copy of x
    xe = elastic(x)                 # alpha 991, sigma 8, always on
    r = random.random()
    r <= .25: local shuffle (5 blocks) | <= .5: Bezier non-linear | <= .75: in-paint | else out-paint

What each transform does, as the reference does it:
* elastic: a fresh RandomState(None); two fields rand(R, C, D) * 2 - 1 (float64), each through
  scipy.ndimage.gaussian_filter(sigma 8, mode='constant', cval 0; radius 32 on all three axes)
  times alpha; an index grid (meshgrid) plus the fields as (N, 1) coordinate arrays;
  map_coordinates(order=1, mode='reflect') and a reshape. z is not displaced.
* non-linear: P0 = (0, 0), P1, P2 from random.random(), P3 = (1, 1); the Bernstein basis
  comb(3, i) t^(3-i) (1-t)^i over t = linspace(0, 1, 100000) as a (4, 100000) array, the
  curve as dot products; xs sorted; with p 1/2 ys kept (decreasing map), else sorted
  independently; np.interp(x, xs, ys) over every voxel.
* local shuffle: copies of the input (output and original); 5 blocks of randint(1, dim // 10)
  per axis at randint(0, dim - size) (Python's random, inclusive), each window of the original
  flattened, np.random.shuffle'd, reshaped and written into the output.
* in-painting: one hole of randint(dim // 6, dim // 3) per axis at randint(3, dim - size - 3),
  filled in place with np.random.rand(bx, by, bz).
* out-painting: a copy of the input, np.random.rand over the full shape, one kept window of
  dim - randint(3 dim // 7, 4 dim // 7) per axis at randint(3, dim - size - 3) copied back.

One thread: OMP_NUM_THREADS / OPENBLAS_NUM_THREADS / MKL_NUM_THREADS = 1 are set before numpy
is imported. Input cubes are float32 in [0, 1) (np.random.rand changes the dtype of
out-painted cubes to float64, as in the reference).

Timing: per entry a warm-up, then `rounds` rounds of about `seconds / rounds` each (at least
`policy-cubes` = 40 cubes for the policy); every round reseeds Python's and numpy's global
streams and replays the same cubes. The best round is reported, as CPU time of the process
(time.process_time, "value") and wall time; the policy line adds its branch mix.
Prints one JSON object per line:
  {"bench": "perturb-numpy.<policy.transvw|transform.NAME|part.NAME>", "value": ms,
   "unit": "ms/cube", "cpu_ms_per_cube": ..., "wall_ms_per_cube": ..., "threads": 1, ...}
Usage: perturb_numpy.py [seconds=1] [rounds=5] [only=policy.transvw,transform.elastic,...]
       [seed=0] [policy-cubes=40]
"""
import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_v] = "1"

import json  # noqa: E402
import math  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
from scipy.ndimage import gaussian_filter, map_coordinates  # noqa: E402

CUBE = (1, 64, 64, 32)
ALPHA, SIGMA = 991.0, 8.0
N_TIMES = 100_000
SHUFFLE_BLOCKS = 5


# ---------------------------------------------------------------- elastic (method.md §3.1)

def elastic_fields(shape, rs):
    """The two displacement fields: alpha * gaussian(U(-1, 1)), zero padding, float64."""
    f1 = gaussian_filter(rs.rand(*shape) * 2 - 1, SIGMA, mode="constant", cval=0) * ALPHA
    f2 = gaussian_filter(rs.rand(*shape) * 2 - 1, SIGMA, mode="constant", cval=0) * ALPHA
    return f1, f2


def elastic_warp(img, d_first, d_second):
    """out[i, j, k] = img(i + d_second, j + d_first, k), bilinear, half-sample reflection."""
    shape = img.shape
    gi, gj, gk = np.meshgrid(np.arange(shape[0]), np.arange(shape[1]), np.arange(shape[2]),
                             indexing="ij")
    coords = (np.reshape(gi + d_second, (-1, 1)), np.reshape(gj + d_first, (-1, 1)),
              np.reshape(gk, (-1, 1)))
    return map_coordinates(img, coords, order=1, mode="reflect").reshape(shape)


def elastic(x):
    """x of shape (1, R, C, D): the in-plane warp of the volume x[0]."""
    rs = np.random.RandomState(None)  # the reference's unseeded stream
    vol = x[0]
    d1, d2 = elastic_fields(vol.shape, rs)
    return elastic_warp(vol, d1, d2)[None]


# ---------------------------------------------------------------- non-linear (§3.1, §3.4)

def bernstein(i, n, t):
    # the reference's reversed convention: at t = 0 the curve sits at the LAST control point
    return math.comb(n, i) * (t ** (n - i)) * (1 - t) ** i


def bezier(points, n_times=N_TIMES):
    px = np.array([p[0] for p in points])
    py = np.array([p[1] for p in points])
    t = np.linspace(0.0, 1.0, n_times)
    basis = np.array([bernstein(i, len(points) - 1, t) for i in range(len(points))])
    return np.dot(px, basis), np.dot(py, basis)


def nonlinear(x):
    points = [[0, 0], [random.random(), random.random()], [random.random(), random.random()],
              [1, 1]]
    xs, ys = bezier(points)
    if random.random() < 0.5:
        xs = np.sort(xs)  # ys keep their order: a decreasing map
    else:
        xs, ys = np.sort(xs), np.sort(ys)
    return np.interp(x, xs, ys)


# ---------------------------------------------------------------- local shuffle (§3.1)

def local_shuffle(x):
    out = x.copy()
    orig = x.copy()
    _, rows, cols, deps = x.shape
    for _ in range(SHUFFLE_BLOCKS):
        bx, by, bz = random.randint(1, rows // 10), random.randint(1, cols // 10), \
            random.randint(1, deps // 10)
        px, py, pz = random.randint(0, rows - bx), random.randint(0, cols - by), \
            random.randint(0, deps - bz)
        window = orig[0, px:px + bx, py:py + by, pz:pz + bz]
        flat = window.flatten()
        np.random.shuffle(flat)
        out[0, px:px + bx, py:py + by, pz:pz + bz] = flat.reshape((bx, by, bz))
    return out


# ---------------------------------------------------------------- painting (§3.1)

def in_painting(x):
    _, rows, cols, deps = x.shape
    bx, by, bz = random.randint(rows // 6, rows // 3), random.randint(cols // 6, cols // 3), \
        random.randint(deps // 6, deps // 3)
    px, py, pz = random.randint(3, rows - bx - 3), random.randint(3, cols - by - 3), \
        random.randint(3, deps - bz - 3)
    x[:, px:px + bx, py:py + by, pz:pz + bz] = np.random.rand(bx, by, bz) * 1.0  # in place
    return x


def out_painting(x):
    _, rows, cols, deps = x.shape
    keep = x.copy()
    x = np.random.rand(*x.shape) * 1.0
    bx = rows - random.randint(3 * rows // 7, 4 * rows // 7)
    by = cols - random.randint(3 * cols // 7, 4 * cols // 7)
    bz = deps - random.randint(3 * deps // 7, 4 * deps // 7)
    px, py, pz = random.randint(3, rows - bx - 3), random.randint(3, cols - by - 3), \
        random.randint(3, deps - bz - 3)
    x[:, px:px + bx, py:py + by, pz:pz + bz] = keep[:, px:px + bx, py:py + by, pz:pz + bz]
    return x


# ---------------------------------------------------------------- the policy (§3.1)

BRANCHES = {"shuffle": 0, "nonlinear": 0, "inpainting": 0, "outpainting": 0}


def transvw(x):
    target = x.copy()
    xe = elastic(x)
    r = random.random()
    if r <= 0.25:
        inp, b = local_shuffle(xe), "shuffle"
    elif r <= 0.5:
        inp, b = nonlinear(xe), "nonlinear"
    elif r <= 0.75:
        inp, b = in_painting(xe), "inpainting"
    else:
        inp, b = out_painting(xe), "outpainting"
    BRANCHES[b] += 1  # bookkeeping for the report (the branch mix of a round)
    return inp, target


def single(transform):
    """One transform on a copy of the cube plus the target copy, as the Java SingleTransformPolicy."""
    def run(x):
        target = x.copy()
        return transform(x.copy()), target
    return run


def entries():
    shape = CUBE[1:]
    rs = np.random.RandomState(7)
    d1, d2 = elastic_fields(shape, rs)
    return {
        "policy.transvw": transvw,
        "transform.elastic": single(elastic),
        "transform.shuffle": single(local_shuffle),
        "transform.nonlinear": single(nonlinear),
        "transform.inpainting": single(in_painting),
        "transform.outpainting": single(out_painting),
        # the two halves of the elastic transform
        "part.elastic-fields": lambda x: elastic_fields(shape, np.random.RandomState(None)),
        "part.elastic-warp": lambda x: elastic_warp(x[0], d1, d2),
    }


def measure(fn, x, seconds, rounds, seed, min_cubes):
    """Best round {cpu, wall} ms per cube. Every round replays the same cubes (the global
    streams are reseeded and the count is fixed after the warm-up), so rounds differ only by
    the machine's noise, and the policy's branch mix is the same in every round."""
    w0 = time.perf_counter()
    warm = 0
    while warm < 3 or time.perf_counter() - w0 < 0.2:
        fn(x)
        warm += 1
    per = (time.perf_counter() - w0) / warm
    n = max(min_cubes, int(math.ceil(seconds / rounds / per)))
    best_cpu = best_wall = math.inf
    for _ in range(rounds):
        random.seed(seed)
        np.random.seed(seed)
        for k in BRANCHES:
            BRANCHES[k] = 0
        w0, c0 = time.perf_counter(), time.process_time()
        for _ in range(n):
            fn(x)
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        best_cpu, best_wall = min(best_cpu, cpu / n), min(best_wall, wall / n)
    return best_cpu * 1e3, best_wall * 1e3, n


def main(argv):
    kv = dict(a.split("=", 1) for a in argv if "=" in a)
    pos = [a for a in argv if "=" not in a]
    seconds = float(kv.get("seconds", pos[0] if pos else 1))
    rounds = int(kv.get("rounds", pos[1] if len(pos) > 1 else 5))
    seed = int(kv.get("seed", 0))
    random.seed(seed)
    np.random.seed(seed)
    x = np.random.RandomState(seed).rand(*CUBE).astype(np.float32)
    todo = entries()
    only = kv.get("only")
    names = only.split(",") if only else list(todo)
    policy_cubes = int(kv.get("policy-cubes", 40))
    for name in names:
        policy = name.startswith("policy.")
        cpu, wall, cubes = measure(todo[name], x, seconds, rounds, seed,
                                   policy_cubes if policy else 3)
        line = {"bench": "perturb-numpy." + name, "value": round(cpu, 3), "unit": "ms/cube",
                "cpu_ms_per_cube": round(cpu, 3), "wall_ms_per_cube": round(wall, 3),
                "threads": 1, "rounds": rounds, "cubes_per_round": cubes, "cube": "64x64x32"}
        if policy:
            line["mix"] = dict(BRANCHES)
        line.update({"numpy": np.__version__, "scipy": scipy.__version__,
                     "python": "%d.%d.%d" % sys.version_info[:3]})
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
