#!/usr/bin/env python3
"""Executes every notebook a second time, afresh, and requires the same outputs as the run in
build/executed/: a notebook whose numbers, verdicts or figures depend on the clock, the machine's
load or an unseeded random draw fails here, naming the cell and the first difference. Only what
is meant to differ between runs is set aside: each figure's random div id, the PNG snapshot a
front end may add, and the numbers of a cell tagged `clock` (one that times the library, whose
check asserts only what holds at any speed): there only the kinds of output must repeat.

  test_repeatable.py [NAME ...]    (default: every notebook in build/executed)
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXECUTED = ROOT / "build" / "executed"
FIGURE_ID = re.compile(r"gradnotes-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def outputs(path):
    nb = json.loads(path.read_text())
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        shown = []
        clock = "clock" in cell.get("metadata", {}).get("tags", [])
        for o in cell.get("outputs", []):
            if clock:
                shown.append(json.dumps([o["output_type"], sorted(o.get("data", {}))]))
                continue
            o = {k: v for k, v in o.items() if k not in ("metadata", "execution_count")}
            if "data" in o:
                o["data"] = {m: v for m, v in o["data"].items() if m != "image/png"}
            shown.append(FIGURE_ID.sub("gradnotes-ID", json.dumps(o, sort_keys=True)))
        cells.append(shown)
    return cells


def first_difference(a, b):
    n = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
    return f"…{a[max(0, n - 60):n + 60]}…  against  …{b[max(0, n - 60):n + 60]}…"


def main():
    names = sys.argv[1:] or sorted(p.stem for p in EXECUTED.glob("*.ipynb"))
    if not names:
        raise SystemExit("nothing executed yet: run `make notebooks` first")
    failed = 0
    with tempfile.TemporaryDirectory() as again:
        run = subprocess.run([sys.executable, str(ROOT / "tools" / "notebooks.py"), "execute", "--force",
                              "--into", again, *names], capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stdout + run.stderr)
            raise SystemExit("the second run failed")
        for name in names:
            first, second = outputs(EXECUTED / f"{name}.ipynb"), outputs(pathlib.Path(again) / f"{name}.ipynb")
            differing = [(i, a, b) for i, (a, b) in enumerate(zip(first, second)) if a != b]
            if len(first) != len(second):
                print(f"FAIL {name}: {len(first)} code cells, then {len(second)}")
                failed += 1
            elif differing:
                i, a, b = differing[0]
                print(f"FAIL {name}: {len(differing)} code cells show other outputs the second time; "
                      f"code cell {i + 1}: {first_difference(' '.join(a), ' '.join(b))}")
                failed += 1
            else:
                print(f"ok   {name}: the same outputs in every one of {len(first)} code cells")
    print(f"repeatable: {len(names) - failed} of {len(names)} notebooks")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
