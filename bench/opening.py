#!/usr/bin/env python3
"""Times what a student waits for on opening a notebook: from starting its kernel to the end of its
second code cell (the library on the class path, then the imports), with nothing else running, as
on a laptop or in a JupyterHub session of one's own. The notebook suite (bench/notebooks.sh) reports
the same span, but there two notebooks run side by side on two cores, so each start competes with
the other notebook's work.

Each opening is timed twice: on a new kernel host (a JVM started for it: the first notebook of a
session), and on a warm one (a host that ran a kernel before, as every later notebook gets; see
gradnotes.kernel.Host). The target is judged on the new hosts, the slower of the two.

  opening.py [--rounds 3]    every notebook under notebooks/, each opened ROUNDS times, one at a time
"""
import argparse
import pathlib
import statistics
import subprocess
import sys
import time

import nbformat
from jupyter_client.manager import KernelManager

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
TARGET = 2.5  # seconds (issue 17)


def open_once(path, warm):
    """Seconds from starting the kernel to the end of the notebook's second code cell. warm: the
    kernel is shut down as asked, so its host stays up for the next opening; otherwise it is killed,
    and its host with it, so that the next opening starts a new one."""
    cells = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"][:2]
    started = time.monotonic()
    km = KernelManager(kernel_name="java")
    km.start_kernel(cwd=str(path.parent), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        for source in cells:
            reply = kc.execute_interactive(source, timeout=60, output_hook=lambda msg: None)
            if reply["content"]["status"] != "ok":
                raise SystemExit(f"opening.py: {path.name}: a first cell failed: {source.splitlines()[0]!r}")
        return time.monotonic() - started
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=not warm)
        km.cleanup_resources()


def stop_idle_hosts():
    from jupyter_client.kernelspec import KernelSpecManager

    script = pathlib.Path(KernelSpecManager().get_kernel_spec("java").resource_dir) / "gradnotes-kernel.py"
    subprocess.run([sys.executable, str(script), "--stop"], check=True, stdout=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    seconds = {p.name: [] for p in paths}
    warm = {p.name: [] for p in paths}
    stop_idle_hosts()                                # none left from before: the first start is a new host
    for _ in range(args.rounds):  # round by round, so that a slow minute of the machine touches every notebook
        for path in paths:
            seconds[path.name].append(open_once(path, warm=True))  # a new host, left warm ...
            warm[path.name].append(open_once(path, warm=False))    # ... and used again, then ended
    print(f"opening a notebook alone (kernel start to the end of its second code cell), {args.rounds} times each:")
    for name, s in seconds.items():
        print(f"  {name:<24} median {statistics.median(s):.2f} s, slowest {max(s):.2f} s on a new host; "
              f"median {statistics.median(warm[name]):.2f} s, slowest {max(warm[name]):.2f} s on a warm one")
    medians = [statistics.median(s) for s in seconds.values()]
    worst = max(max(s) for s in seconds.values())
    print(f"target: library ready <= {TARGET} s after kernel start, opening a notebook alone: "
          f"{'met' if max(medians) <= TARGET and worst <= TARGET else 'not met'} "
          f"(medians {min(medians):.2f} to {max(medians):.2f} s, slowest of all {worst:.2f} s)")


if __name__ == "__main__":
    main()
