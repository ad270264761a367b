#!/usr/bin/env python3
"""The process Jupyter starts for the "Java (gradnotes)" kernel: it hands the connection file to a
warm kernel host (gradnotes.kernel.Host, a JVM that runs one kernel after another, each on a fresh
JShell) and stays up exactly as long as the kernel does.

A host that shares the classes of a jar (the gradnotes library) with its kernels answers "stale"
once that jar has been built again, and ends; the client then looks further or starts a new host.

It looks for an idle host started with the same JVM, options, jars, JJAVA_* settings and working
folder (each host listens on a Unix socket in a folder of this user's, only while idle); if there is
none, it starts one, detached, with its log beside its socket. When the kernel shuts down on a
shutdown request, the host says so and this process exits; the host waits for the next kernel. When
this process is killed, the host ends too, so Jupyter's kill still stops the kernel.

  gradnotes-kernel.py CONNECTION_FILE   what the kernelspec runs
  gradnotes-kernel.py --stop            ends this user's idle hosts (a benchmark that must start cold)
  GRADNOTES_KERNEL_HOST=0               runs the kernel in a JVM of its own, as before the hosts
  GRADNOTES_KERNEL_IDLE=SECONDS         how long a host waits for its next kernel (default 600)
  GRADNOTES_KERNEL_SHARED=0             loads every jar per kernel, the library's too

host.json, beside this file, holds the JVM's command line ({resource_dir} stands for this folder).
"""
import hashlib
import json
import os
import pathlib
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid

HERE = pathlib.Path(__file__).resolve().parent
START_TIMEOUT = 120       # seconds for a new host's JVM to listen, on a busy machine too
SETTINGS = ("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS",  # and every JJAVA_* variable
            "GRADNOTES_KERNEL_SHARED")


def java_command():
    spec = json.loads((HERE / "host.json").read_text())
    return [a.replace("{resource_dir}", str(HERE)) for a in spec["java"]]


def host_folder():
    folder = pathlib.Path(tempfile.gettempdir()) / f"gradnotes-kernels-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    info = folder.stat()
    if info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise SystemExit(f"gradnotes-kernel: {folder} is not this user's alone (owner {info.st_uid}, "
                         f"mode {oct(info.st_mode & 0o777)}); remove it or set TMPDIR")
    return folder


def host_key(java):
    """What a host must share with this kernel to serve it: JVM, options, jars, settings and folder.

    The folder by its path and by its identity: a host keeps working in the folder it started in, so
    a folder removed and made again under the same name (a test's scratch copy) needs a new host,
    whose relative paths (`%classpath ../lib/...`) resolve in the new folder."""
    files = sorted(str(p) + ":" + str(p.stat().st_mtime_ns) + ":" + str(p.stat().st_size)
                   for p in HERE.iterdir() if p.suffix in (".jar", ".aot", ".jsa"))
    settings = sorted((k, v) for k, v in os.environ.items() if k.startswith("JJAVA_") or k in SETTINGS)
    here = os.stat(".")
    made_of = json.dumps([java, files, settings, os.getcwd(), here.st_dev, here.st_ino])
    return hashlib.sha256(made_of.encode()).hexdigest()[:16]


def read_line(conn, timeout):
    conn.settimeout(timeout)
    data = b""
    while not data.endswith(b"\n"):
        try:
            chunk = conn.recv(256)
        except (socket.timeout, OSError):
            return None
        if not chunk:
            return None
        data += chunk
    return data.decode().strip()


def ask(path, request, timeout):
    """Connects to the host listening on path and sends request: (socket, first answer) or None."""
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(str(path))
    except ConnectionRefusedError:
        conn.close()
        try:   # a host that was killed left its socket behind (a new one refuses only between bind and listen)
            if time.time() - path.stat().st_mtime > 10:
                path.unlink(missing_ok=True)
        except FileNotFoundError:
            pass
        return None
    except FileNotFoundError:       # it took a kernel a moment ago (a busy host does not listen)
        conn.close()
        return None
    try:
        conn.sendall(request.encode() + b"\n")
    except OSError:
        conn.close()
        return None
    answer = read_line(conn, timeout)
    if answer is None:           # it took another client just before, or it ended
        conn.close()
        return None
    if answer.startswith("stale "):  # a jar it shares was built again since: it ends, another host serves
        conn.close()
        return None
    return conn, answer


def start_host(java, folder, key):
    stem = folder / f"{key}-{uuid.uuid4().hex[:8]}"
    path, log = stem.with_suffix(".sock"), stem.with_suffix(".log")
    for old in folder.glob("*.log"):            # logs of hosts that ended more than a week ago
        if time.time() - old.stat().st_mtime > 7 * 86400:
            old.unlink(missing_ok=True)
    idle = os.environ.get("GRADNOTES_KERNEL_IDLE", "600")
    with open(log, "ab") as out:
        host = subprocess.Popen([*java, "gradnotes.kernel.Host", str(path), idle], stdin=subprocess.DEVNULL,
                                stdout=out, stderr=out, start_new_session=True)
    deadline = time.monotonic() + START_TIMEOUT
    while not path.exists():
        if host.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-2000:]
            raise SystemExit(f"gradnotes-kernel: the kernel host did not start (exit {host.poll()}; log {log}):\n{tail}")
        time.sleep(0.01)
    return path


def serve(connection_file):
    java = java_command()
    if os.environ.get("GRADNOTES_KERNEL_HOST", "1") == "0":
        os.execv(java[0], [*java, "gradnotes.kernel.Main", connection_file])
    folder, key = host_folder(), host_key(java)
    request = "kernel " + str(pathlib.Path(connection_file).resolve())
    answer = None
    for path in sorted(folder.glob(f"{key}-*.sock")):
        answer = ask(path, request, START_TIMEOUT)
        if answer:
            break
    for _ in range(3 if not answer else 0):
        path = start_host(java, folder, key)
        for _ in range(100):                      # it binds, then listens
            answer = ask(path, request, START_TIMEOUT)
            if answer or not path.exists():       # served, or another client starting beside this one took it
                break
            time.sleep(0.01)
        if answer:
            break
    if not answer:
        raise SystemExit("gradnotes-kernel: the kernel hosts it started did not take the kernel")
    conn, status = answer
    if not status.startswith("started "):
        # "failed ...": the host could not start the kernel (a port already in use, say)
        print(f"gradnotes-kernel: {status}", file=sys.stderr, flush=True)
        sys.exit(1)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # closing the socket ends the host's kernel
    ended = read_line(conn, None)
    sys.exit(0 if ended == "ended" else 1)


def stop_idle_hosts():
    stopped = 0
    for path in host_folder().glob("*.sock"):
        answer = ask(path, "stop", 10)
        if answer:
            answer[0].close()
            stopped += 1
        deadline = time.monotonic() + 10
        while path.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    print(f"gradnotes-kernel: {stopped} idle kernel host{'s' if stopped != 1 else ''} stopped")


def main():
    if sys.argv[1:] == ["--stop"]:
        stop_idle_hosts()
    elif len(sys.argv) == 2 and not sys.argv[1].startswith("-"):
        serve(sys.argv[1])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
