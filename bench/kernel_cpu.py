"""Samples every running notebook kernel's JVM (a kernel host, gradnotes.kernel.Host, which runs one
kernel after another, or a single kernel, gradnotes.kernel.Main) from /proc until it is stopped
(SIGTERM or SIGINT), then writes, per JVM, its peak resident memory and the CPU time its threads
spent while sampled (a host that was already running counts from the first sample), grouped by
what they do:

  JIT compilers         HotSpot's C2 and C1 compiler threads
  JShell compiling      the kernel's shell thread, where javac and JShell compile each snippet
  cells                 the threads running the cells (JJava's executor, parallel streams)
  other                 garbage collection, the VM thread, sockets, start-up

A thread's time is read from /proc/PID/task/TID/stat every 0.25 s; a thread that ends between two
samples loses at most its last 0.25 s. Usage: kernel_cpu.py OUT.json (bench/notebooks.sh runs it).
"""
import json
import os
import re
import signal
import sys
import time

TICKS = os.sysconf("SC_CLK_TCK")
GROUPS = (("JIT compilers", re.compile(r"^C[12] CompilerThre")),
          ("JShell compiling", re.compile(r"^Shell-prompt")),
          ("cells", re.compile(r"^(jjava-exec|ForkJoinPool)")))


def group(thread_name):
    return next((g for g, pattern in GROUPS if pattern.match(thread_name)), "other")


def kernels():
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read()
                if b"gradnotes.kernel.Main" in cmdline or b"gradnotes.kernel.Host" in cmdline:
                    yield pid
        except OSError:
            pass


def sample(seen, first=False):
    """seen: pid -> {"threads": {tid: (name, seconds)}, "before": {tid: seconds}, "peak_kib": int},
    updated in place; on the first sample, a JVM's threads' times so far go to "before"."""
    for pid in kernels():
        entry = seen.setdefault(pid, {"threads": {}, "before": {}, "peak_kib": 0})
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        entry["peak_kib"] = max(entry["peak_kib"], int(line.split()[1]))
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/comm") as f:
                    name = f.read().strip()
                with open(f"/proc/{pid}/task/{tid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                seconds = (int(fields[11]) + int(fields[12])) / TICKS
                if first:
                    entry["before"][tid] = seconds
                entry["threads"][tid] = (name, seconds)
        except (OSError, IndexError, ValueError):
            pass                                  # the kernel or a thread ended while being read


def summary(seen):
    result = {}
    for pid, entry in seen.items():
        if not any(seconds > entry["before"].get(tid, 0.0) for tid, (_, seconds) in entry["threads"].items()):
            continue                              # a JVM that sat idle all along (an idle kernel host)
        cpu = {g: 0.0 for g, _ in GROUPS} | {"other": 0.0}
        for tid, (name, seconds) in entry["threads"].items():
            cpu[group(name)] += seconds - entry["before"].get(tid, 0.0)
        result[pid] = {"peak_mib": round(entry["peak_kib"] / 1024), "cpu_seconds":
                       {g: round(s, 2) for g, s in cpu.items()}}
    return result


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    stop = []
    for s in (signal.SIGTERM, signal.SIGINT):
        signal.signal(s, lambda *_: stop.append(True))
    seen = {}
    sample(seen, first=True)
    while not stop:
        time.sleep(0.25)
        sample(seen)
    with open(sys.argv[1], "w") as f:
        json.dump(summary(seen), f, indent=1)


if __name__ == "__main__":
    main()
