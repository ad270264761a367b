#!/usr/bin/env python3
"""Checks the timing report the notebook runner writes (build/executed/timings.json): present, and
well-formed for every notebook in notebooks/. It judges no time: how fast the suite is, is the
benchmark's business (bench/notebooks.sh), as times on a shared machine vary too much for a test.

  test_timings.py [REPORT]      (default: build/executed/timings.json)
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
REPORT = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "executed" / "timings.json"


def is_time(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and x >= 0


def problems(report, notebooks):
    import nbformat

    found = []
    suite = report.get("suite")
    if not isinstance(suite, dict):
        return ["no \"suite\" object"]
    if not (isinstance(suite.get("jobs"), int) and suite["jobs"] >= 1):
        found.append(f"suite: jobs is {suite.get('jobs')!r}, not a count of notebooks at a time")
    for field in ("wall_seconds", "load_average_before", "load_average_after"):
        if not is_time(suite.get(field)):
            found.append(f"suite: {field} is {suite.get(field)!r}, not a non-negative number")
    runs = report.get("notebooks")
    if not isinstance(runs, dict):
        return found + ["no \"notebooks\" object"]
    for path in notebooks:
        r = runs.get(path.name)
        if r is None:
            found.append(f"{path.name}: not in the report")
            continue
        for field in ("seconds", "kernel_ready_seconds", "open_seconds"):
            if not is_time(r.get(field)):
                found.append(f"{path.name}: {field} is {r.get(field)!r}, not a non-negative number")
        if all(is_time(r.get(f)) for f in ("seconds", "kernel_ready_seconds", "open_seconds")) and not (
                r["kernel_ready_seconds"] <= r["open_seconds"] <= r["seconds"]):
            found.append(f"{path.name}: kernel ready {r['kernel_ready_seconds']} s, library ready {r['open_seconds']} s "
                         f"and total {r['seconds']} s are not in that order")
        code = [i + 1 for i, c in enumerate(nbformat.read(path, as_version=4).cells) if c.cell_type == "code"]
        cells = r.get("cells")
        if not isinstance(cells, list) or [c.get("cell") for c in cells if isinstance(c, dict)] != code:
            found.append(f"{path.name}: the cells timed are not the notebook's {len(code)} code cells in order")
            continue
        for c in cells:
            if not (isinstance(c.get("first_line"), str) and is_time(c.get("seconds"))):
                found.append(f"{path.name}, cell {c['cell']}: no first line or no time")
    return found


def main():
    if not REPORT.exists():
        raise SystemExit(f"FAIL no timing report {REPORT}: run `make notebooks` first")
    try:
        report = json.loads(REPORT.read_text())
    except ValueError as e:
        raise SystemExit(f"FAIL {REPORT} is not JSON: {e}")
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    found = problems(report, notebooks) if isinstance(report, dict) else ["not a JSON object"]
    for p in found:
        print(f"FAIL {p}")
    if found:
        sys.exit(1)
    print(f"ok   timing report {REPORT.relative_to(ROOT)}: {len(notebooks)} notebooks, every code cell timed")


if __name__ == "__main__":
    main()
