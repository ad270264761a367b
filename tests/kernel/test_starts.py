#!/usr/bin/env python3
"""The default kernel, started the way Jupyter starts it, must answer the very first
kernel_info_request, sent once and never repeated, every time; then run a cell; then stop a
runaway cell when interrupted and run the next one. A kernel that misses a single start fails
(clients that re-send the request until one is answered hide exactly that).

  KERNEL_STARTS_TESTED=50 test_starts.py     (default 20)
"""
import os
import sys
import time

STARTS = int(os.environ.get("KERNEL_STARTS_TESTED", "20"))
ANSWER_WITHIN = 30  # seconds for the first answer; a healthy start answers in 1 to 3


def reply_to(kc, msg_id, timeout):
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no reply within {timeout} s")
        msg = kc.get_shell_msg(timeout=left)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def started_kernel():
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name="java")
    km.start_kernel(stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))
    kc = km.client()
    kc.start_channels()
    return km, kc


def start_once(i):
    km, kc = started_kernel()
    try:
        return first_answers(i, kc)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        del kc, km  # while logging is still up: a client collected at exit logs into a torn-down logger


def first_answers(i, kc):
    t0 = time.monotonic()
    try:
        info = reply_to(kc, kc.kernel_info(), ANSWER_WITHIN)  # one request, never re-sent
    except (TimeoutError, RuntimeError) as e:
        return False, f"start {i}: the single kernel_info_request got no answer ({e})"
    ready = time.monotonic() - t0
    content = info["content"]
    # (JJava's reply carries no "status" field: a known limitation, see test_conformance.py)
    if content.get("language_info", {}).get("name", "").lower() != "java":
        return False, f"start {i}: the kernel_info reply names no Java language: {content}"
    try:
        # The reply came on the shell channel; the cell's output comes on IOPub, whose subscription
        # may still be on its way (ZeroMQ drops what is published before it arrives). Wait for it as
        # every Jupyter client does, by repeating kernel_info until IOPub answers too.
        kc.wait_for_ready(timeout=ANSWER_WITHIN)
        outputs = []
        reply = kc.execute_interactive("System.out.print(6 * 7);", timeout=ANSWER_WITHIN,
                                       output_hook=lambda m: outputs.append(m["content"].get("text", "")))
    except (TimeoutError, RuntimeError) as e:
        return False, f"start {i}: kernel_info was answered, but `System.out.print(6 * 7);` did not finish ({e})"
    printed = "".join(outputs)
    ok = reply["content"]["status"] == "ok" and printed == "42"
    return ok, f"start {i}: answered the first kernel_info_request in {ready:.1f} s, printed {printed!r} for 6 * 7"


def interrupt_stops_a_runaway_cell():
    km, kc = started_kernel()
    try:
        kc.wait_for_ready(timeout=ANSWER_WITHIN)
        runaway = kc.execute("while (true) {}")
        time.sleep(2)
        t0 = time.monotonic()
        km.interrupt_kernel()
        reply = reply_to(kc, runaway, 20)
        stopped = time.monotonic() - t0
        if reply["content"]["status"] == "ok":
            return False, "interrupt: the runaway cell reported success"
        outputs = []
        after = kc.execute_interactive("System.out.print(\"still here\");", timeout=20,
                                       output_hook=lambda m: outputs.append(m["content"].get("text", "")))
        ok = after["content"]["status"] == "ok" and "".join(outputs) == "still here"
        return ok, (f"interrupt: `while (true) {{}}` stopped {stopped:.1f} s after the interrupt "
                    f"({reply['content'].get('ename', reply['content']['status'])}); the next cell printed {''.join(outputs)!r}")
    except (TimeoutError, RuntimeError) as e:
        return False, f"interrupt: {e}"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        del kc, km


def main():
    failed = 0
    times = []
    for i in range(1, STARTS + 1):
        ok, what = start_once(i)
        print(("ok   " if ok else "FAIL ") + what, flush=True)
        failed += not ok
    print(f"kernel starts: {STARTS - failed} of {STARTS} answered their single kernel_info_request")
    ok, what = interrupt_stops_a_runaway_cell()
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    failed += not ok
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
