#!/usr/bin/env python3
"""The kernel's own starter, gradnotes.kernel.Main (tools/kernel/), against what it promises:

- a request is taken as soon as it arrives. JJava's shell loop sleeps 50 ms between polls, so with
  it every cell took at least about 50 ms (an empty one 51 to 54 ms) and a Run All of n cells lost
  n times up to 50 ms; here 30 empty cells, queued as Run All queues them, must follow each other
  less than 25 ms apart (median), which a loop that sleeps 50 ms between requests cannot;
- JJava's settings still apply, as the starter reads them through JJava's own code: a startup
  snippet from JJAVA_STARTUP_SCRIPT runs, and JJAVA_TIMEOUT stops a cell that runs too long;
- the kernel stops when asked, at once, on either channel: a shutdown request on the control
  channel (what Jupyter sends) or on the shell channel (what older clients send), after cells ran
  (JJava's own launcher kept the JVM up for another 60 s, until its idle cell thread ended).
"""
import os
import statistics
import subprocess
import sys
import time

from jupyter_client.manager import KernelManager

failed = 0


def report(ok, what, detail=""):
    global failed
    print(f"{'ok  ' if ok else 'FAIL'} {what}{'' if ok or not detail else ': ' + detail}")
    failed += not ok


def start(env=None):
    km = KernelManager(kernel_name="java")
    km.start_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


def run(kc, source, timeout=60):
    out = []
    reply = kc.execute_interactive(source, timeout=timeout, output_hook=out.append)
    text = "".join(m["content"].get("text", "") + m["content"].get("data", {}).get("text/plain", "")
                   + m["content"].get("evalue", "") for m in out)
    return reply["content"]["status"], text


def stop(km, kc):
    kc.stop_channels()
    if km.is_alive():
        km.shutdown_kernel(now=True)
    km.cleanup_resources()


def queued_cells(kc, n=30):
    """Seconds from each reply to the next one, n empty cells sent at once (as Run All sends them)."""
    ids = [kc.execute("") for _ in range(n)]
    arrivals = []
    while len(arrivals) < n:
        msg = kc.get_shell_msg(timeout=30)
        if msg["parent_header"].get("msg_id") in ids:
            arrivals.append(time.monotonic())
    return [b - a for a, b in zip(arrivals, arrivals[1:])]


def waits_for_stop(km, seconds=10):
    deadline = time.monotonic() + seconds
    while km.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    return not km.is_alive()


def main():
    km, kc = start()
    try:
        run(kc, "int warm = 1;")
        queued_cells(kc, 10)  # the first requests warm the JIT up
        gaps = queued_cells(kc)
        median = statistics.median(gaps)
        report(median < 0.025, f"queued cells follow each other without a poll's sleep between them "
                               f"(median {median * 1000:.1f} ms apart, slowest {max(gaps) * 1000:.0f} ms)",
               "JJava's 50 ms sleep is back")
        kc.control_channel.send(kc.session.msg("shutdown_request", {"restart": False}))
        report(waits_for_stop(km), "a shutdown request on the control channel stops the kernel")
    finally:
        stop(km, kc)

    km, kc = start()
    try:
        run(kc, "int warm = 1;")
        kc.shell_channel.send(kc.session.msg("shutdown_request", {"restart": False}))
        report(waits_for_stop(km), "a shutdown request on the shell channel stops the kernel")
    finally:
        stop(km, kc)

    km, kc = start({"JJAVA_STARTUP_SCRIPT": "int startedWith = 42;", "JJAVA_TIMEOUT": "2 SECONDS"})
    try:
        status, text = run(kc, "startedWith")
        report(status == "ok" and text.strip() == "42", "JJAVA_STARTUP_SCRIPT runs at start", f"{status} {text!r}")
        began = time.monotonic()
        status, text = run(kc, "Thread.sleep(20_000);")
        took = time.monotonic() - began
        report(status == "error" and took < 10, f"JJAVA_TIMEOUT=\"2 SECONDS\" stops a 20 s cell (after {took:.1f} s)",
               f"{status} {text.strip()[:200]!r}")
    finally:
        stop(km, kc)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
