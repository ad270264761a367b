#!/usr/bin/python3
"""Prints the Java (JMH) and PyTorch times side by side with ratios, GFLOP/s and the targets.

Usage: report.py JMH_JSON TORCH_TXT
"""
import json
import sys

SIZES = {"tiny": (1, 50, 16), "small": (16, 100, 64), "medium": (32, 100, 128)}
# multiply-adds of forward + backward, counted as 2 flops each: a recurrent step's forward does one
# N×N product per weight matrix per batch column; the backward does two more (weight and input
# gradients) for each, so 3 × 2·B·N² per matrix. RNN: 2 matrices (Wx, Wh), GRU: 6, LSTM: 8.
MATRICES = {"rnn": 2, "gru": 6, "lstm": 8}
TARGETS = {"tiny": 20.0, "small": 1.0, "medium": 0.5}   # required torch_time / java_time


def flops(kind, size):
    if kind == "attention":
        L, d = 128, 128
        return 3 * (8 * L * d * d + 4 * L * L * d)   # projections Q, K, V, O and the two L×L products, ×3 for backward
    if kind.startswith("dgemm"):
        return 2 * 512 ** 3
    B, T, N = SIZES[size]
    return 3 * MATRICES[kind] * 2 * B * N * N * T


def main():
    jmh = json.load(open(sys.argv[1]))
    java = {}
    for r in jmh:
        name, method = r["benchmark"].rsplit(".", 2)[-2:]
        params = r.get("params", {})
        key = {"RecurrentBenchmark": (params.get("model"), params.get("size")),
               "AttentionBenchmark": ("attention", "seq128-d128-h8"),
               "DgemmBenchmark": ("dgemm" if method == "mult512" else "dgemm-ejml", "512")}[name]
        java[key] = r["primaryMetric"]["score"]
    torch = {}
    for line in open(sys.argv[2]):
        kind, size, us = line.split()
        torch[(kind, size)] = float(us)
    print(f"{'benchmark':<28}{'Java µs':>12}{'PyTorch µs':>12}{'ratio':>8}{'Java GF/s':>11}{'Torch GF/s':>11}  target")
    for key in sorted(java, key=lambda k: (not k[0].startswith("dgemm"), k)):
        j, t = java[key], torch.get(("dgemm", "512") if key[0] == "dgemm-ejml" else key)
        f = flops(*key)
        ratio = t / j if t else float("nan")
        target = TARGETS.get(key[1])
        verdict = ""
        if target and key[0] in MATRICES:
            verdict = f"≥ {target:g}×: " + ("met" if ratio >= target else f"MISSED ({ratio / target:.2f} of the target)")
        print(f"{key[0] + ' ' + key[1]:<28}{j:>12.1f}{t:>12.1f}{ratio:>8.2f}{f / j / 1e3:>11.2f}{f / t / 1e3:>11.2f}  {verdict}")
    print("ratio = PyTorch time / Java time (above 1: Java is faster); GF/s = GFLOP/s of forward + backward")


if __name__ == "__main__":
    main()
