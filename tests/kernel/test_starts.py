#!/usr/bin/python3
"""Starts the installed Java kernel several times, the way Jupyter does (connect at once, ask for
kernel_info until it answers, then run a cell), and requires every start to answer. Without
tools/kernel's start-up fixes about one start in ten never answers (see StartRapaioKernel.java);
ten starts catch that more often than not, and a single hang fails the test."""
import os
import sys
import time

STARTS = int(os.environ.get("KERNEL_STARTS_TESTED", "10"))
ANSWER_WITHIN = 20  # seconds; a healthy start answers in about 2


def start_once(i):
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name="java")
    t0 = time.monotonic()
    km.start_kernel(stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=ANSWER_WITHIN)
        ready = time.monotonic() - t0
        outputs = []
        reply = kc.execute_interactive("System.out.print(6 * 7);", timeout=ANSWER_WITHIN,
                                       output_hook=lambda m: outputs.append(m["content"].get("text", "")))
        printed = "".join(outputs)
        ok = reply["content"]["status"] == "ok" and printed == "42"
        return ok, f"start {i}: answered in {ready:.1f} s, printed {printed!r} for 6 * 7"
    except RuntimeError as e:
        return False, f"start {i}: no answer within {ANSWER_WITHIN} s ({e})"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        del kc, km  # while logging is still up: a client collected at exit logs into a torn-down logger


def main():
    if os.environ.get("KERNEL", "rapaio") != "rapaio":
        print("kernel starts: skipped (KERNEL is not rapaio)")
        return
    failed = 0
    for i in range(1, STARTS + 1):
        ok, what = start_once(i)
        print(("ok   " if ok else "FAIL ") + what, flush=True)
        failed += not ok
    print(f"kernel starts: {STARTS - failed} of {STARTS} answered")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
