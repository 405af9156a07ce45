"""Loads an exported TransVW BioImage.IO package with plain PyTorch and reruns its test tensor.

Usage: python3 check_export.py PACKAGE_DIR CONFIG_JSON, where CONFIG_JSON (written by the Java
test from rdf.yaml) names the architecture file, callable, kwargs, weights, test tensors and the
input preprocessing steps. Prints one JSON line: the maximum absolute error against the exported
test output, the output shape and the PyTorch version.
"""
import importlib.util
import json
import os
import sys

import numpy as np
import torch


def preprocess(x, steps):
    for s in steps:
        k = s.get("kwargs", {})
        if s["id"] == "ensure_dtype":
            x = x.astype(k["dtype"])
        elif s["id"] == "clip":
            x = np.clip(x, k["min"], k["max"])
        elif s["id"] == "scale_linear":
            x = k["gain"] * x + k["offset"]
        elif s["id"] == "scale_range":
            axes = tuple(2 + "zyx".index(a) for a in k["axes"])
            lo = np.percentile(x, k["min_percentile"], axis=axes, keepdims=True)
            hi = np.percentile(x, k["max_percentile"], axis=axes, keepdims=True)
            x = (x - lo) / (hi - lo + k.get("eps", 1e-6))
        else:
            raise ValueError("unknown preprocessing " + s["id"])
    return x.astype(np.float32)


def main():
    folder, cfg = sys.argv[1], json.loads(sys.argv[2])
    spec = importlib.util.spec_from_file_location("arch", os.path.join(folder, cfg["architecture"]))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    net = getattr(module, cfg["callable"])(**cfg["kwargs"])
    state = torch.load(os.path.join(folder, cfg["weights"]), map_location="cpu", weights_only=True)
    net.load_state_dict(state, strict=True)
    net.eval()
    x = preprocess(np.load(os.path.join(folder, cfg["input"])), cfg["preprocessing"])
    with torch.no_grad():
        y = net(torch.from_numpy(x)).numpy()
    ref = np.load(os.path.join(folder, cfg["output"]))
    if y.shape != ref.shape:
        raise SystemExit("shape %s differs from the test output %s" % (y.shape, ref.shape))
    print(json.dumps({"maxAbsError": float(np.abs(y - ref).max()), "shape": list(y.shape),
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
