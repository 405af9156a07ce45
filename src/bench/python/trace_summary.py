#!/usr/bin/python3
"""Summarises a chrome trace of the PyTorch profiler (DJL's JniUtils.stopProfile or
torch.profiler's export_chrome_trace) for `bin/transvw-bench train ... profile=FILE`.

Prints one JSON object per line: the self time of each op name (time in the op minus the time in
ops it calls, per thread), the engine's top-level time per thread, and the summed self time of
all ops. Usage: trace_summary.py TRACE [label] [top].
"""
import json
import sys
from collections import defaultdict


def events(path):
    with open(path) as f:
        data = json.load(f)
    evs = data["traceEvents"] if isinstance(data, dict) else data
    return [e for e in evs if e.get("ph") == "X" and "dur" in e]


def summarise(evs):
    """(self time per name, top-level time per thread, calls per name), microseconds."""
    by_thread = defaultdict(list)
    for e in evs:
        by_thread[e.get("tid")].append(e)
    self_us, calls, top_us = defaultdict(float), defaultdict(int), defaultdict(float)
    for tid, es in by_thread.items():
        es.sort(key=lambda e: (float(e["ts"]), -float(e["dur"])))
        stack = []  # (end, name, [child time])
        for e in es:
            ts, dur = float(e["ts"]), float(e["dur"])
            while stack and stack[-1][0] <= ts:
                stack.pop()
            if stack:
                stack[-1][2][0] += dur
            else:
                top_us[tid] += dur
            node = (ts + dur, e["name"], [0.0])
            self_us[e["name"]] += dur
            calls[e["name"]] += 1
            stack.append(node)
            e["_child"] = node[2]
        for e in es:
            self_us[e["name"]] -= e["_child"][0]
    return self_us, top_us, calls


def main(argv):
    path = argv[1]
    label = argv[2] if len(argv) > 2 else path
    top = int(argv[3]) if len(argv) > 3 else 25
    self_us, top_us, calls = summarise(events(path))
    total = sum(self_us.values())
    for name, us in sorted(self_us.items(), key=lambda kv: -kv[1])[:top]:
        print(json.dumps(dict(bench="profile.self_seconds", value=round(us * 1e-6, 4), unit="s",
                              op=name, calls=calls[name], share=round(us / total, 4),
                              trace=label)))
    for tid, us in top_us.items():
        print(json.dumps(dict(bench="profile.top_level_seconds", value=round(us * 1e-6, 4),
                              unit="s", thread=str(tid), trace=label)))
    print(json.dumps(dict(bench="profile.op_self_seconds_total", value=round(total * 1e-6, 4),
                          unit="s", trace=label)))


if __name__ == "__main__":
    main(sys.argv)
