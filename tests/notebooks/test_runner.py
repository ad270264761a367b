#!/usr/bin/env python3
"""Checks that tools/notebooks.py rejects what it must: each notebook here is executed through the
real kernel, and the runner's verdict and message are compared with what is expected. A test suite
whose notebook check could never fail would prove nothing."""
import pathlib
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
RUNNER = HERE.parent.parent / "tools" / "notebooks.py"

EXPECTED = {  # notebook -> texts its failure message must contain (None: it must pass)
    "fails-with-exception": ["cell 4 ('int[] a = new int[2];'): ", "ArrayIndexOutOfBoundsException, Index 3 out of bounds for length 2"],
    "fails-its-check": ["cell 4 ('show(new gradnotes.notebook.SheetComparison", "check failed: ✘ two: sheet 3, computed 2"],
    "check-without-mark": ["cell 4 ('System.out.println", "check cell printed no ✔"],
    "passes": None,
}


def verdict(name, expected, run):
    text = run.stdout + run.stderr
    if expected is None:
        return f"{name}.ipynb: done in" in text and f"{name}.ipynb, cell" not in text
    return run.returncode != 0 and f"{name}.ipynb, cell" in text and all(e in text for e in expected)


# The runner, with Jupyter's port choice made to hand the kernel a port this test holds, once: the
# kernel cannot bind it (the race of jupyter/jupyter_client#487, forced), and the runner must start
# it again on new ports, at once rather than after its 60 s start timeout.
PORT_TAKEN_ONCE = """
import runpy, socket, sys
from jupyter_client.localinterfaces import localhost
from jupyter_client.provisioning.local_provisioner import LocalPortCache
held = socket.socket()
held.bind((localhost(), 0))
held.listen()
find = LocalPortCache.find_available_port
calls = []
def first_one_taken(self, ip):
    calls.append(ip)
    return held.getsockname()[1] if len(calls) == 1 else find(self, ip)
LocalPortCache.find_available_port = first_one_taken
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def port_taken_once(out):
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-c", PORT_TAKEN_ONCE, str(RUNNER), "execute", "--force", "--serial",
                          "--source", str(HERE), "--into", out, "passes"], capture_output=True, text=True)
    seconds = time.monotonic() - started
    text = run.stdout + run.stderr
    ok = (run.returncode == 0 and "starting it again on new ports" in text and "passes.ipynb: done in" in text
          and seconds < 45)
    print(f"{'ok  ' if ok else 'FAIL'} passes, its kernel given a port already taken: started again, "
          f"done in {seconds:.0f} s")
    if not ok:
        print("     runner said:\n     " + text.strip().replace("\n", "\n     "))
    return ok


def main():
    passed = failed = 0
    with tempfile.TemporaryDirectory() as out:
        # all at once, as `make` runs them (two kernels at a time), then one at a time (--serial)
        together = subprocess.run([sys.executable, str(RUNNER), "execute", "--force", "--source", str(HERE),
                                   "--into", out, *EXPECTED], capture_output=True, text=True)
        runs = [(name, expected, together, "together") for name, expected in EXPECTED.items()]
        for name, expected in EXPECTED.items():
            runs.append((name, expected, subprocess.run(
                [sys.executable, str(RUNNER), "execute", "--force", "--serial", "--source", str(HERE), "--into", out,
                 name], capture_output=True, text=True), "alone"))
        for name, expected, run, how in runs:
            ok = verdict(name, expected, run) and (how == "alone" or run.returncode != 0)
            if how == "alone" and expected is None:
                ok = ok and run.returncode == 0
            print(f"{'ok  ' if ok else 'FAIL'} {name} ({how})")
            if not ok:
                text = run.stdout + run.stderr
                print("     runner said:\n     " + text.strip().replace("\n", "\n     "))
            passed, failed = passed + ok, failed + (not ok)
        ok = port_taken_once(out)
        passed, failed = passed + ok, failed + (not ok)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
