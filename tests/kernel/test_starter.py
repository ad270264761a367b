#!/usr/bin/env python3
"""The kernel's own starter (tools/kernel/: gradnotes.kernel.Main, the kernel hosts of
gradnotes.kernel.Host and the client gradnotes-kernel.py that Jupyter starts) against what it promises:

- a request is taken as soon as it arrives. JJava's shell loop sleeps 50 ms between polls, so with
  it every cell took at least about 50 ms (an empty one 51 to 54 ms) and a Run All of n cells lost
  n times up to 50 ms; here 30 empty cells, queued as Run All queues them, must follow each other
  less than 25 ms apart (median), which a loop that sleeps 50 ms between requests cannot;
- JJava's settings still apply, as the starter reads them through JJava's own code: a startup
  snippet from JJAVA_STARTUP_SCRIPT runs, and JJAVA_TIMEOUT stops a cell that runs too long;
- the kernel stops when asked, at once, on either channel: a shutdown request on the control
  channel (what Jupyter sends) or on the shell channel (what older clients send), after cells ran
  (JJava's own launcher kept the JVM up for another 60 s, until its idle cell thread ended);
- a kernel that shut down as asked leaves its host warm for the next kernel, which finds nothing of
  the last one: not its variables, not a system property it set, not the static state of a
  %classpath jar; a host whose kernel left a thread at work is not reused; a killed kernel takes its
  host with it; GRADNOTES_KERNEL_HOST=0 runs the kernel in a JVM of its own;
- the library's jar, which declares its classes shareable, is loaded once per host: the next kernel
  finds the same classes (their compiled code with them); a jar without the declaration is loaded
  anew; a host whose shared jar was built again does not serve the next kernel (a new host does);
  a jar whose classes the shared ones would shadow is refused with a message, and its host retires;
- a folder removed and made again under the same name gets a new host (the old one works in the
  removed folder); two kernels started at once in a new folder both start (one client may take the
  host the other started).
"""
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

failed = 0


def report(ok, what, detail=""):
    global failed
    print(f"{'ok  ' if ok else 'FAIL'} {what}{'' if ok or not detail else ': ' + detail}")
    failed += not ok


def start(env=None, cwd=None):
    km = KernelManager(kernel_name="java")
    km.start_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})},
                    **({"cwd": cwd} if cwd else {}))
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


def value(kc, expression):
    status, text = run(kc, expression)
    assert status == "ok", f"{expression}: {status} {text}"
    return text.strip()


def ended(pid, seconds=10):
    deadline = time.monotonic() + seconds
    while os.path.exists(f"/proc/{pid}") and time.monotonic() < deadline:
        time.sleep(0.05)
    return not os.path.exists(f"/proc/{pid}")


def shut_down(km, kc):
    kc.control_channel.send(kc.session.msg("shutdown_request", {"restart": False}))
    stopped = waits_for_stop(km)
    stop(km, kc)
    return stopped


def counter_jar(folder):
    """A jar of one class with a static counter, compiled by the kernel's JDK; no shared-classes manifest."""
    spec = KernelSpecManager().get_kernel_spec("java").resource_dir
    java = json.loads(pathlib.Path(spec, "host.json").read_text())["java"][0]
    source = pathlib.Path(folder, "sharetest", "Counter.java")
    source.parent.mkdir(parents=True)
    source.write_text("package sharetest; public class Counter { public static int n; }\n")
    subprocess.run([str(pathlib.Path(java).with_name("javac")), "-d", folder, str(source)], check=True)
    jar = pathlib.Path(folder, "counter.jar")
    with zipfile.ZipFile(jar, "w") as z:
        z.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n\n")
        z.write(source.with_suffix(".class"), "sharetest/Counter.class")
    return jar


def hosts():
    jar = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../lib/target/gradnotes.jar"))
    scratch = tempfile.mkdtemp(prefix="gradnotes-starter-")
    counter = counter_jar(scratch)
    km, kc = start()
    try:
        pid = value(kc, "ProcessHandle.current().pid()")
        run(kc, f"%classpath {jar}")
        first_class = value(kc, "System.identityHashCode(gradnotes.nn.Gru.class)")
        run(kc, f"%classpath {counter}")
        run(kc, "sharetest.Counter.n = 5;")
        run(kc, 'int fromFirst = 1; System.setProperty("gradnotes.test", "first");')
        report(pid != str(km.provisioner.pid), f"the kernel runs in a host JVM (pid {pid}), not in the "
                                               f"process Jupyter started ({km.provisioner.pid})")
        report(shut_down(km, kc), "a shutdown request ends the process Jupyter started")
    finally:
        stop(km, kc)
    report(not ended(pid, 1), "the host stays up after its kernel shut down as asked")

    km, kc = start()
    try:
        report(value(kc, "ProcessHandle.current().pid()") == pid, "the next kernel runs on the same, warm host")
        status, _ = run(kc, "fromFirst")
        report(status == "error", "the next kernel does not see the last one's variables", status)
        report(value(kc, 'String.valueOf(System.getProperty("gradnotes.test"))') == "null",
               "the next kernel does not see a system property the last one set")
        run(kc, f"%classpath {jar}")
        second_class = value(kc, "System.identityHashCode(gradnotes.nn.Gru.class)")
        report(second_class == first_class, "the next kernel finds the library's classes as the last one loaded "
               "them (its jar declares them shareable)", f"class objects {first_class} and {second_class}")
        run(kc, f"%classpath {counter}")
        report(value(kc, "sharetest.Counter.n") == "0", "the next kernel loads its own copy of a %classpath jar "
               "that does not declare its classes shareable, with fresh static state")
        run(kc, "new Thread(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) { } }).start();")
        shut_down(km, kc)
    finally:
        stop(km, kc)
    report(ended(pid), "a host whose kernel left a thread at work ends rather than serve another kernel")

    km, kc = start()
    try:
        pid = value(kc, "ProcessHandle.current().pid()")
        km.shutdown_kernel(now=True)                  # what Jupyter does to a kernel that does not stop
    finally:
        stop(km, kc)
    report(ended(pid), "killing the process Jupyter started ends its host")

    started_together(scratch)
    rebuilt_and_shadowed(jar, scratch)
    folder_made_again(scratch, counter)
    shutil.rmtree(scratch, ignore_errors=True)

    # make lab's warm-up: the first kernel started in notebooks/ after it finds its JVM already up
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "../.."))
    subprocess.run([sys.executable, os.path.join(root, "tools", "warm-host.py")], check=True)
    asked = time.monotonic()
    km, kc = start(cwd=os.path.join(root, "notebooks"))
    try:
        up = int(value(kc, "java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()")) / 1000
        waited = time.monotonic() - asked
        report(up > waited + 0.5, f"after tools/warm-host.py the first kernel in notebooks/ runs on a JVM that "
                                  f"was up before it was asked for (up {up:.1f} s, asked {waited:.1f} s ago)")
        shut_down(km, kc)
    finally:
        stop(km, kc)

    km, kc = start({"GRADNOTES_KERNEL_HOST": "0"})
    try:
        pid = value(kc, "ProcessHandle.current().pid()")
        report(pid == str(km.provisioner.pid), "GRADNOTES_KERNEL_HOST=0: the kernel's JVM is the process "
                                               "Jupyter started", f"{pid} against {km.provisioner.pid}")
    finally:
        stop(km, kc)


def started_together(scratch, rounds=3):
    """Two kernels started at once in a folder with no host yet (the runner's two lanes on a new folder):
    each client starts a host, and one may take the other's; both kernels must start all the same."""
    started = 0
    for n in range(rounds):
        folder = pathlib.Path(scratch, f"together-{n}")
        folder.mkdir()
        pair = []
        for _ in range(2):
            km = KernelManager(kernel_name="java")
            km.start_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=str(folder))
            pair.append(km)
        for km in pair:
            kc = km.client()
            kc.start_channels()
            try:
                kc.wait_for_ready(timeout=60)
                started += value(kc, "1 + 1") == "2"
                shut_down(km, kc)
            except RuntimeError:
                pass
            finally:
                stop(km, kc)
    report(started == 2 * rounds, "two kernels started at once in a new folder both start, whichever host "
           "each ends up on", f"{started} of {2 * rounds} started")


def rebuilt_and_shadowed(jar, scratch):
    """A host (of its own: another working folder) sharing a copy of the library, which is then built again."""
    copy = pathlib.Path(scratch, "lib", "gradnotes.jar")
    copy.parent.mkdir()
    shutil.copyfile(jar, copy)
    km, kc = start(cwd=scratch)
    try:
        pid = value(kc, "ProcessHandle.current().pid()")
        run(kc, f"%classpath {copy}")
        value(kc, "gradnotes.nn.Gru.class.getName()")
        shut_down(km, kc)
    finally:
        stop(km, kc)
    shutil.copyfile(jar, copy.with_suffix(".building"))     # as the build does: a new file, renamed into place
    os.replace(copy.with_suffix(".building"), copy)
    km, kc = start(cwd=scratch)
    try:
        second = value(kc, "ProcessHandle.current().pid()")
        report(second != pid and ended(pid), "a host whose shared jar was built again ends, and the next kernel "
               "starts on a new host", f"pid {pid} then {second}")
        run(kc, f"%classpath {copy}")
        value(kc, "gradnotes.nn.Gru.class.getName()")
        status, text = run(kc, f"%classpath {jar}")   # the same classes in another file
        report(status == "error" and "same names" in text, "a jar whose classes the shared ones would shadow is "
               "refused, with the reason", f"{status} {text.strip()[:300]!r}")
        shut_down(km, kc)
    finally:
        stop(km, kc)
    report(ended(second), "the host of a kernel whose jar was refused ends rather than serve another kernel")


def folder_made_again(scratch, counter):
    """A host works in the folder it started in: one removed and made again needs a new host."""
    folder = pathlib.Path(scratch, "again")
    folder.mkdir()
    km, kc = start(cwd=folder)
    try:
        pid = value(kc, "ProcessHandle.current().pid()")
        shut_down(km, kc)
    finally:
        stop(km, kc)
    folder.rename(folder.with_name("gone"))
    folder.mkdir()
    shutil.copyfile(counter, folder / "counter.jar")
    km, kc = start(cwd=folder)
    try:
        second = value(kc, "ProcessHandle.current().pid()")
        run(kc, "%classpath counter.jar")
        status, text = run(kc, "sharetest.Counter.n")
        report(second != pid and status == "ok", "a folder removed and made again under its name gets a new host, "
               "where a jar named relative to the folder compiles", f"pid {pid} then {second}; {status} {text[:200]!r}")
        shut_down(km, kc)
    finally:
        stop(km, kc)


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
    hosts()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
