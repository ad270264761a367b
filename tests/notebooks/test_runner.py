#!/usr/bin/env python3
"""Checks that tools/notebooks.py rejects what it must: each notebook here is executed through the
real kernel, and the runner's verdict and message are compared with what is expected. A test suite
whose notebook check could never fail would prove nothing."""
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
RUNNER = HERE.parent.parent / "tools" / "notebooks.py"

EXPECTED = {  # notebook -> texts its failure message must contain (None: it must pass)
    "fails-with-exception": ["cell 4 ('int[] a = new int[2];'): ", "ArrayIndexOutOfBoundsException, Index 3 out of bounds for length 2"],
    "fails-its-check": ["cell 4 ('show(new gradnotes.notebook.SheetComparison", "check failed: ✘ two: sheet 3, computed 2"],
    "check-without-mark": ["cell 4 ('System.out.println", "check cell printed no ✔"],
    "passes": None,
}


def main():
    passed = failed = 0
    with tempfile.TemporaryDirectory() as out:
        for name, expected in EXPECTED.items():
            run = subprocess.run([sys.executable, str(RUNNER), "execute", "--force", "--source", str(HERE),
                                  "--into", out, name], capture_output=True, text=True)
            text = run.stdout + run.stderr
            ok = (run.returncode == 0) if expected is None else (run.returncode != 0 and f"{name}.ipynb, cell" in text
                                                                   and all(e in text for e in expected))
            print(f"{'ok  ' if ok else 'FAIL'} {name}")
            if not ok:
                print("     runner said:\n     " + text.strip().replace("\n", "\n     "))
            passed, failed = passed + ok, failed + (not ok)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
