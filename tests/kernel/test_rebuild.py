#!/usr/bin/env python3
"""A kernel that has the library loaded must survive the library being built again under it
(`make`, `mvn package`, another session's `make test`): the build must put a new jar in place,
not write over the one the kernel has open. The kernel loads the library and uses one class, the
jar is built again with Maven, and the kernel must still load a class it had not touched (before,
it failed with "invalid LOC header": the old jar's bytes were overwritten under it)."""
import pathlib
import subprocess
import sys

from jupyter_client.manager import KernelManager

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
JAR = ROOT / "lib" / "target" / "gradnotes.jar"
# a file put among the compiled classes for one build, so that the new jar's entries lie at other
# offsets than the old one's, as after any real change (an unchanged build writes the same bytes)
MARKER = ROOT / "lib" / "target" / "classes" / "0-rebuild-test.txt"


def package():
    build = subprocess.run(["mvn", "-q", "-B", "-ntp", "-o", "-f", str(ROOT / "pom.xml"), "-pl", "lib", "package",
                            "-DskipTests"], capture_output=True, text=True)
    if build.returncode != 0:
        raise SystemExit("FAIL mvn package:\n" + build.stdout + build.stderr)


def run(kc, source):
    out = []
    reply = kc.execute_interactive(source, timeout=120, output_hook=lambda m: out.append(m))
    text = "".join(m["content"].get("text", "") + "".join(m["content"].get("traceback", []))
                   + m["content"].get("evalue", "") for m in out)
    return reply["content"]["status"], text


def main():
    km = KernelManager(kernel_name="java")
    km.start_kernel(cwd=str(ROOT / "notebooks"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kc = km.client()
    kc.start_channels()
    failed = 0
    try:
        kc.wait_for_ready(timeout=60)
        status, text = run(kc, f"%classpath {JAR}\nSystem.out.print(gradnotes.nn.Init.class.getSimpleName());")
        if status != "ok" or text != "Init":
            raise SystemExit(f"FAIL the kernel did not load the library: {status} {text!r}")
        inode = JAR.stat().st_ino
        MARKER.write_text("x" * 4096)
        try:
            package()
        finally:
            MARKER.unlink()
        replaced = JAR.stat().st_ino != inode
        print(f"{'ok  ' if replaced else 'FAIL'} the build put a new jar in place rather than writing over the old one")
        failed += not replaced
        status, text = run(kc, "System.out.print(new gradnotes.plot.SeriesTable(\"x\", \"y\").getClass().getSimpleName());")
        ok = status == "ok" and text == "SeriesTable"
        print(f"{'ok  ' if ok else 'FAIL'} after the rebuild the kernel still loads classes of the library it had not"
              f" used{'' if ok else f': {status} {text.strip()[:300]!r}'}")
        failed += not ok
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        package()  # the jar as it was, without the marker
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
