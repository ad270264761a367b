#!/usr/bin/python3
"""The benchmark's work in PyTorch (Debian's python3-torch 1.13), on the CPU in float64, for comparison.

Same models and sizes as the JMH benchmarks (B = batch, T = steps, N = input = hidden size): forward
plus backward with a loss gradient at every step, L = sum(h * G). Times are the median of repeated
runs after warm-up, in microseconds. PyTorch runs with as many threads as the Java side (the
library's model code is single-threaded), set by --threads (default 1). torch.set_num_threads alone
does not bind the BLAS library's own thread pool (OpenBLAS would use every core for a matrix
product), so the thread count also goes into OMP_NUM_THREADS, OPENBLAS_NUM_THREADS and
MKL_NUM_THREADS before torch is loaded.

Output: one line per benchmark, `name size microseconds`. bench/interleave.py imports `make` from
here to run the same work in turns with the Java side.
"""
import argparse
import os
import re
import statistics
import time

SIZES = {"tiny": (1, 50, 16), "small": (16, 100, 64), "medium": (32, 100, 128)}


def dims(size):
    """B, T, N of a named size or of one written B32-T100-N128."""
    if size in SIZES:
        return SIZES[size]
    match = re.fullmatch(r"B(\d+)-T(\d+)-N(\d+)", size)
    if not match:
        raise ValueError(f"unknown size {size}: tiny, small, medium or B32-T100-N128")
    return tuple(int(g) for g in match.groups())


def median_us(work, min_seconds=1.0, min_runs=10):
    for _ in range(3):
        work()
    runs = []
    start = time.perf_counter()
    while len(runs) < min_runs or time.perf_counter() - start < min_seconds:
        t0 = time.perf_counter()
        work()
        runs.append((time.perf_counter() - t0) * 1e6)
    return statistics.median(runs)


torch = None   # imported in main(), after the thread variables are set


def recurrent(kind, size):
    return median_us(recurrent_work(kind, size))


def recurrent_work(kind, size):
    B, T, N = dims(size)
    torch.manual_seed(1)
    cls = {"rnn": torch.nn.RNN, "gru": torch.nn.GRU, "lstm": torch.nn.LSTM}[kind]
    model = cls(N, N).double()
    x = torch.randn(T, B, N, dtype=torch.double, requires_grad=True)
    G = torch.randn(T, B, N, dtype=torch.double)

    def work():
        model.zero_grad(set_to_none=True)
        x.grad = None
        out, _ = model(x)
        (out * G).sum().backward()
    return work


def attention():
    return median_us(attention_work())


def attention_work():
    torch.manual_seed(1)
    mha = torch.nn.MultiheadAttention(128, 8, bias=False).double()
    x = torch.randn(128, 1, 128, dtype=torch.double, requires_grad=True)
    dy = torch.randn(128, 1, 128, dtype=torch.double)

    def work():
        mha.zero_grad(set_to_none=True)
        x.grad = None
        y, _ = mha(x, x, x, need_weights=False)
        y.backward(dy)
    return work


def dgemm():
    return median_us(dgemm_work())


def dgemm_work():
    a = torch.randn(512, 512, dtype=torch.double)
    b = torch.randn(512, 512, dtype=torch.double)
    return lambda: torch.mm(a, b)


def make(kind, size):
    """The work of one benchmark, as a function of no arguments (torch must be loaded: see load)."""
    if kind in ("rnn", "gru", "lstm"):
        return recurrent_work(kind, size)
    if kind == "attention":
        return attention_work()
    if kind == "dgemm":
        return dgemm_work()
    raise ValueError(f"unknown benchmark {kind} {size}")


def load(threads):
    """Imports torch with `threads` threads for itself and for its BLAS."""
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = str(threads)
    global torch
    import torch as loaded
    torch = loaded
    torch.set_num_threads(threads)
    return torch


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    load(args.threads)
    for kind in ("rnn", "gru", "lstm"):
        for size in SIZES:
            print(f"{kind} {size} {recurrent(kind, size):.3f}", flush=True)
    print(f"attention seq128-d128-h8 {attention():.3f}", flush=True)
    print(f"dgemm 512 {dgemm():.3f}", flush=True)


if __name__ == "__main__":
    main()
