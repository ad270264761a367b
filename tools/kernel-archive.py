#!/usr/bin/env python3
"""Makes the archive that lets the JJava kernel start faster.

A kernel spends its first seconds loading and verifying the classes of the JVM's compiler, of JShell
and of JJava. An archive holds those classes already parsed and verified: this script starts the
kernel once, runs what every notebook runs first (the `%classpath` cell, each notebook's imports,
the index notebook), ends the JVM, and the JVM writes the archive as it exits, next to the
kernelspec's jars. On JDK 25 and later that is an AOT cache (`-XX:AOTCacheOutput`, JEP 514/515:
the classes loaded and linked, and the methods' profiles), `gradnotes.aot`; on an older JDK a
dynamic class-data sharing archive (`-XX:ArchiveClassesAtExit`), `gradnotes.jsa`.
install-kernel.sh then adds `-XX:AOTCache=...` or `-XX:SharedArchiveFile=...` to the kernel's JVM command line
(host.json, beside kernel.json).

The archive is made again when the library jar, the kernel's jars, the JDK or the kernel's JVM
options change (a key next to it records what it was made from); otherwise this script does
nothing. A stale or missing archive is harmless: the JVM checks it and, if it does not match,
starts without it, silently, as the kernelspec turns CDS's warnings off.

  kernel-archive.py [--force]     run with the Python of the environment that holds the kernelspec
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

from notebooks import sha256  # tools/, this script's folder, is first on sys.path

ROOT = pathlib.Path(__file__).resolve().parent.parent
JAR = ROOT / "lib" / "target" / "gradnotes.jar"
NOTEBOOKS = ROOT / "notebooks"
SPEC = pathlib.Path(sys.prefix) / "share" / "jupyter" / "kernels" / "java"
LOG = ROOT / "build" / "kernel-archive.log"
USE_OPTIONS = ("-XX:SharedArchiveFile=", "-XX:AOTCache=")  # the kernelspec's option that maps an archive
ARCHIVE_OPTIONS = USE_OPTIONS + ("-Xlog:cds", "-Xlog:aot")  # ... and the ones that turn their messages off
TIMEOUT = 120  # seconds for each warm-up cell, on a busy machine too


class Archive:
    """Which archive the kernel's JDK makes: an AOT cache from JDK 25 on, a dynamic CDS archive before."""

    def __init__(self, java):
        settings = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True, text=True).stderr
        feature = next((line.split("=")[1].strip() for line in settings.splitlines()
                        if line.strip().startswith("java.specification.version")), "0")
        self.aot = int(feature) >= 25
        self.path = SPEC / ("gradnotes.aot" if self.aot else "gradnotes.jsa")
        self.key = self.path.with_name(self.path.name + ".key")

    def dump_options(self, tmp):
        if self.aot:  # the JVM records as it runs, then a second JVM assembles the cache when it exits
            return [f"-XX:AOTCacheOutput={tmp}", "-Xlog:aot=off", "-Xlog:cds=off"]
        # the classes it cannot archive (JFR's, generated ones) are expected
        return [f"-XX:ArchiveClassesAtExit={tmp}", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"]


def jvm_options(argv):
    """The kernelspec's JVM options, without the archive's (what the archive must be made with)."""
    return [a for a in argv[1:argv.index("-cp")] if not a.startswith(ARCHIVE_OPTIONS)]


def key(argv):
    java = subprocess.run([argv[0], "-version"], capture_output=True, text=True).stderr.strip()
    return {"java": java, "jvm_options": jvm_options(argv), "jjava_jar": sha256(SPEC / "jjava.jar"),
            "kernel_jar": sha256(SPEC / "gradnotes-kernel.jar"), "gradnotes_jar": sha256(JAR)}


def warm_up_cells():
    """What a notebook runs first: the library on the class path, every notebook's imports, the index."""
    import nbformat

    cells = [f"%classpath {JAR}"]
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        code = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        if path.name == "index.ipynb":
            index = code[1:]
        else:
            cells += code[1:2]
    return cells + index


def make_archive(argv, archive):
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    tmp = archive.path.with_name(archive.path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        spec = pathlib.Path(folder) / "java-archive"
        spec.mkdir()
        dump = [a.replace("{resource_dir}", str(SPEC)) for a in argv if not a.startswith(ARCHIVE_OPTIONS)]
        dump[1:1] = archive.dump_options(tmp)
        (spec / "kernel.json").write_text(json.dumps({"argv": dump, "display_name": "archive", "language": "java",
                                                      "interrupt_mode": "message", "env": {"JJAVA_COMPILER_OPTS": ""}}))
        km = KernelManager(kernel_name="java-archive", kernel_spec_manager=KernelSpecManager(kernel_dirs=[folder]))
        km.shutdown_wait_time = TIMEOUT  # writing the archive takes a few seconds: no kill before it is done
        LOG.parent.mkdir(parents=True, exist_ok=True)  # a fresh clone (Binder's postBuild) has no build/ yet
        with open(LOG, "w") as log:
            km.start_kernel(stdout=log, stderr=log, cwd=str(NOTEBOOKS))
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=TIMEOUT)
            for source in warm_up_cells():
                reply = kc.execute_interactive(source, timeout=TIMEOUT, output_hook=lambda msg: None)
                if reply["content"]["status"] != "ok":
                    raise SystemExit(f"kernel-archive: a warm-up cell failed: {source.splitlines()[0]!r}")
            # The JVM writes the archive as it exits; System.exit ends it at once, without the
            # shutdown request's round trip.
            kc.execute("System.exit(0);")
            deadline = time.monotonic() + TIMEOUT
            while km.is_alive() and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            kc.stop_channels()
            if km.is_alive():
                km.shutdown_kernel(now=True)
            km.cleanup_resources()
    if not tmp.exists():
        raise SystemExit(f"kernel-archive: the kernel exited without writing its archive (its log: {LOG})")
    tmp.replace(archive.path)


def main():
    if not (SPEC / "kernel.json").exists():
        raise SystemExit(f"kernel-archive: no kernelspec in {SPEC}: run tools/install-kernel.sh first (make setup)")
    if not JAR.exists():
        raise SystemExit(f"kernel-archive: {JAR.relative_to(ROOT)} is missing: run `make lib` first")
    if not (SPEC / "host.json").exists():
        raise SystemExit(f"kernel-archive: {SPEC / 'host.json'} (the kernel's JVM command line) is missing; "
                         "run tools/install-kernel.sh again")
    # the archive is made by one kernel in a JVM of its own (gradnotes.kernel.Main), started with the
    # options the kernel hosts run with
    argv = json.loads((SPEC / "host.json").read_text())["java"] + ["gradnotes.kernel.Main", "{connection_file}"]
    want, archive = key(argv), Archive(argv[0])
    if "--force" not in sys.argv and archive.path.exists() and archive.key.exists() \
            and json.loads(archive.key.read_text()) == want:
        print("kernel-archive: up to date")
    else:
        started = time.monotonic()
        archive.key.unlink(missing_ok=True)
        make_archive(argv, archive)
        archive.key.write_text(json.dumps(want, indent=1))
        print(f"kernel-archive: {archive.path} ({archive.path.stat().st_size >> 20} MiB) "
              f"in {time.monotonic() - started:.0f} s")
    if not any(a.startswith(USE_OPTIONS) for a in argv):
        subprocess.run([str(ROOT / "tools" / "install-kernel.sh"), sys.executable], check=True)


if __name__ == "__main__":
    main()
