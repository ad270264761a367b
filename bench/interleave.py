#!/usr/bin/python3
"""Runs the Java and PyTorch benchmarks in turns, in short rounds, and saves every run's time.

This machine's speed drifts (other work, a shared host): the same product can take 10 ms in one
minute and 16 ms in the next, so two harnesses run one after the other compare two different
machines. Here one long-lived JVM (gradnotes.bench.Interleaved, which runs the JMH benchmarks' own
work) and this process (PyTorch, bench/torch_bench.py's work) take turns: every round runs every
benchmark briefly on both sides, one right after the other, the side that goes first alternating
from round to round. Each round then gives one ratio measured under one set of conditions, and the
spread of the ratios over the rounds shows how far to trust it. Each turn also records the CPU time
its process used per run (time.process_time on this side, the JVM's process CPU time on the other,
garbage collection included), which leaves out the time spent waiting for a core.

A warm-up pass (not recorded) runs every benchmark on both sides first, so the JIT has compiled the
Java side and PyTorch has allocated what it caches. The scaling sweep (LSTM, time against T and
against N) runs after the main rounds, in fewer rounds.

Usage: interleave.py --jar bench/target/benchmarks.jar --out build/bench/rounds.json [--rounds 5]
One thread on both sides; run with Debian's /usr/bin/python3 (python3-torch).
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_bench  # noqa: E402

MAIN = [(kind, size) for kind in ("rnn", "gru", "lstm") for size in ("tiny", "small", "medium")] + [
    ("attention", "seq128-d128-h8"), ("dgemm", "512")]
JAVA_ONLY = [("dgemm-ejml", "512")]
SCALING_T = [25, 50, 100, 200, 400]
SCALING_N = [32, 64, 128, 256]
SCALING = sorted({("lstm", f"B32-T{t}-N128") for t in SCALING_T} | {("lstm", f"B32-T100-N{n}") for n in SCALING_N},
                 key=lambda b: torch_bench.dims(b[1]))


class Java:
    """The benchmark JVM, one request at a time over its stdin and stdout."""

    def __init__(self, jar, log):
        self.process = subprocess.Popen(
            [os.environ.get("JAVA", "java"), "--add-modules", "jdk.incubator.vector", "-cp", jar, "gradnotes.bench.Interleaved"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True, bufsize=1)
        ready = self.process.stdout.readline().split(None, 1)
        if not ready or ready[0] != "ready":
            raise SystemExit(f"interleave: the benchmark JVM did not start: {ready}")
        self.kernel = ready[1].strip()

    def run(self, kind, size, seconds, min_runs):
        self.process.stdin.write(f"{kind} {size} {seconds} {min_runs}\n")
        answer = self.process.stdout.readline().split()
        if not answer or answer[0] != "ok":
            raise SystemExit(f"interleave: Java {kind} {size}: {' '.join(answer) or 'no answer'}")
        times = [float(t) for t in answer[2:]]
        return times, float(answer[1]) / len(times)

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


class Torch:
    def __init__(self):
        self.work = {}

    def run(self, kind, size, seconds, min_runs):
        work = self.work.get((kind, size))
        if work is None:
            work = self.work[(kind, size)] = torch_bench.make(kind, size)
        times = []
        until = time.perf_counter() + seconds
        cpu0 = time.process_time_ns()
        while len(times) < min_runs or time.perf_counter() < until:
            t0 = time.perf_counter()
            work()
            times.append((time.perf_counter() - t0) * 1e6)
        return times, (time.process_time_ns() - cpu0) / 1e3 / len(times)


def load_average():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


def rounds(java, torch, benches, count, seconds, min_runs, label, torch_seconds=None):
    """count rounds over benches; each entry: {kind, size, round, load, java: [µs of each run], java_cpu:
    CPU µs per run over the turn, and the same for torch (absent for Java-only benchmarks)}."""
    results = []
    for r in range(count):
        started = time.time()
        for kind, size in benches:
            entry = {"kind": kind, "size": size, "round": r + 1, "load": load_average()[0]}
            sides = [("java", java)] + ([("torch", torch)] if (kind, size) not in JAVA_ONLY else [])
            if r % 2 == 1:
                sides.reverse()
            for name, side in sides:
                entry[name], entry[name + "_cpu"] = side.run(kind, size, torch_seconds if name == "torch" and torch_seconds else seconds, min_runs)
            results.append(entry)
        print(f"interleave: {label} round {r + 1}/{count} in {time.time() - started:.0f} s, "
              f"load average {load_average()[0]:.2f}", flush=True)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=0.3, help="per benchmark, side and round")
    parser.add_argument("--warmup", type=float, default=3.0,
                        help="seconds per benchmark, once, on the Java side (the JIT needs it; PyTorch gets a third)")
    parser.add_argument("--only", help="comma-separated kinds to run (rnn,gru,lstm,attention,dgemm), for a quick look")
    parser.add_argument("--scaling-rounds", type=int, default=3)
    parser.add_argument("--no-scaling", action="store_true")
    args = parser.parse_args()

    torch = torch_bench.load(1)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    load_start = load_average()
    log = open(os.path.splitext(args.out)[0] + "-java.log", "w")
    java = Java(args.jar, log)
    side_torch = Torch()
    try:
        started = time.time()
        main, sweep = MAIN + JAVA_ONLY, [] if args.no_scaling else SCALING
        if args.only:
            kinds = args.only.split(",")
            main = [b for b in main if b[0] in kinds]
            sweep = [b for b in sweep if b[0] in kinds]
        rounds(java, side_torch, main + sweep, 1, args.warmup, 3, "warm-up", torch_seconds=args.warmup / 3)
        main_rounds = rounds(java, side_torch, main, args.rounds, args.seconds, 3, "main")
        scaling = rounds(java, side_torch, sweep, args.scaling_rounds, args.seconds, 2, "scaling") if sweep else []
    finally:
        java.close()
    with open("/proc/cpuinfo") as f:
        cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "unknown")
        f.seek(0)
        flags = next((line for line in f if line.startswith("flags")), "")
    java_version = subprocess.run([os.environ.get("JAVA", "java"), "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    record = {
        "machine": {"cores": os.cpu_count(), "cpu": cpu, "avx512": "avx512f" in flags.split(),
                    "java": java_version, "kernel": java.kernel, "torch": torch.__version__,
                    "python": platform.python_version(),
                    "blas": os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")},
        "load_average_start": load_start, "load_average_end": load_average(),
        "seconds": time.time() - started, "rounds": args.rounds, "seconds_per_turn": args.seconds,
        "main": main_rounds, "scaling": scaling,
    }
    with open(args.out, "w") as f:
        json.dump(record, f, indent=1)
    print(f"interleave: {record['seconds']:.0f} s, load average {load_start[0]:.2f} at the start, "
          f"{record['load_average_end'][0]:.2f} at the end; runs in {args.out}")


if __name__ == "__main__":
    main()
