#!/usr/bin/env python3
"""bench/kernel_cpu.py, which bench/notebooks.sh uses to say where the kernels' CPU time goes, on
a real kernel: a cell that keeps its thread busy for 1.5 s of CPU must be counted under "cells"
(at least 1.2 s of it), the snippets' compilation under "JShell compiling", and the kernel's peak
memory must be read. A JJava or JDK release that renames the threads would send their time to
"other", and this test would say so.
"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

ROOT = pathlib.Path(__file__).resolve().parents[2]
# 1.5 s of the cell thread's own CPU time, however loaded the machine is
BUSY = ("var threads = java.lang.management.ManagementFactory.getThreadMXBean();"
        " long until = threads.getCurrentThreadCpuTime() + 1_500_000_000L; double x = 0;"
        " while (threads.getCurrentThreadCpuTime() < until) x += Math.sqrt(x + 1);")


def main():
    out = pathlib.Path(tempfile.mkdtemp()) / "kernel-cpu.json"
    sampler = subprocess.Popen([sys.executable, str(ROOT / "bench" / "kernel_cpu.py"), str(out)])
    km = KernelManager(kernel_name="java")
    km.start_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        for source in ("int a = 1;", "int b = a + 1;", BUSY):
            reply = kc.execute_interactive(source, timeout=60)
            assert reply["content"]["status"] == "ok", f"{source!r}: {reply['content']}"
        time.sleep(0.5)                               # one more sample after the busy cell
        # the kernel's JVM: a kernel host, not the process Jupyter started (gradnotes-kernel.py)
        said = []
        kc.execute_interactive("ProcessHandle.current().pid()", timeout=60,
                               output_hook=lambda m: said.append(m["content"].get("data", {}).get("text/plain", "")))
        pid = "".join(said).strip()
    finally:
        sampler.terminate()
        sampler.wait(timeout=10)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    kernels = json.loads(out.read_text())
    failed = 0

    def report(ok, what, detail):
        nonlocal failed
        print(f"{'ok  ' if ok else 'FAIL'} {what}" + ("" if ok else f": {detail}"))
        failed += not ok

    report(pid in kernels, f"the kernel (pid {pid}) was sampled", f"sampled {sorted(kernels)}")
    if pid in kernels:
        k = kernels[pid]
        cpu = k["cpu_seconds"]
        report(cpu["cells"] >= 1.2, f"a 1.5 s busy cell counted under cells ({cpu['cells']:.2f} s)", cpu)
        report(cpu["JShell compiling"] > 0, f"compiling the snippets counted ({cpu['JShell compiling']:.2f} s)", cpu)
        report(cpu["cells"] < sum(cpu.values()), "the other groups are not empty", cpu)
        report(k["peak_mib"] > 50, f"peak resident memory read ({k['peak_mib']} MiB)", k)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
