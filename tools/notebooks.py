#!/usr/bin/env python3
"""Executes the gradnotes notebooks headless and turns them into HTML handouts.

  notebooks.py execute [--force] [--serial] [NAME ...]   run notebooks/NAME.ipynb into build/executed/
  notebooks.py students                       build/student/*.ipynb (by nbgrader) + a copy in build/handouts/student/
  notebooks.py handouts                       build/handouts/{instructor,student}/*.html + index.html

Execution goes through real Jupyter (nbclient) with kernelspec "java": by default JJava from the
project's environment build/venv (see setup-venv.sh, install-kernel.sh); with KERNEL=ijava in the
environment, whichever "java" kernelspec Jupyter finds (IJava from the conda environment). The sources in notebooks/ are never written. A notebook fails the run when any
cell produces an error or writes to stderr, or when a cell tagged `check` does not print a passing
mark (✔) or prints a failing one (✘); the message names the notebook, the cell number and the
cell's first line. A notebook already executed from the same source and the same library jar
(their SHA-256 are kept in the executed notebook) is not run again unless --force is given.

Two notebooks run at a time, each on its own kernel (the longest first, by the last run's times), as
a machine with two cores finishes the suite sooner so; --serial runs one at a time. At the end the
runner prints a timing report: per notebook the time from starting its kernel to the end of its
second code cell (the library loaded and imported: what a student waits for on opening a notebook),
its total time and its slowest cells. The report is kept as JSON in build/executed/timings.json.

Run it with the project environment's Python, build/venv/bin/python (the Makefile does).
"""
import argparse
import copy
import hashlib
import html
import json
import os
import pathlib
import re
import shutil
import signal
import sys
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build"
EXECUTED = BUILD / "executed"
HANDOUTS = BUILD / "handouts"
COURSE = BUILD / "nbgrader"                    # an nbgrader course directory: source/, release/, gradebook.db
STUDENT = BUILD / "student"                    # runnable student notebooks
STUDENT_EXECUTED = BUILD / "student-executed"  # the same, run (what the student handouts show)
JAR = ROOT / "lib" / "target" / "gradnotes.jar"
PLOTLY = ROOT / "lib" / "src" / "main" / "js" / "node_modules" / "plotly.js-cartesian-dist-min" / "plotly-cartesian.min.js"
MATHJAX = pathlib.Path("/usr/share/javascript/mathjax")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
CELL_TIMEOUT = 300  # seconds; a demo cell should take a few


class NotebookFailure(Exception):
    def __init__(self, message, port_taken=False):
        super().__init__(message)
        self.port_taken = port_taken  # the kernel could not bind a port it was given (see execute_one)


# Jupyter picks a kernel's ports by binding port 0 and letting go; the kernel binds them a moment later.
# With two runner processes starting kernels, one in a few hundred starts finds a port taken in between
# (jupyter/jupyter_client#487) and JJava stops with this in its log, its JVM still up.
PORT_TAKEN = "Address already in use"


def sources(names, folder=NOTEBOOKS):
    if names:
        paths = [folder / (n if n.endswith(".ipynb") else n + ".ipynb") for n in names]
        for p in paths:
            if not p.exists():
                raise SystemExit(f"no notebook {p}")
        return paths
    # index.ipynb first: it is where a reader starts
    return sorted(folder.glob("*.ipynb"), key=lambda p: (p.name != "index.ipynb", p.name))


def first_line(cell):
    lines = [l for l in cell.source.splitlines() if l.strip()]
    return lines[0][:80] if lines else "(empty cell)"


def output_text(cell):
    parts = []
    for o in cell.get("outputs", []):
        if o.output_type == "stream":
            parts.append(o.text)
        elif "data" in o:
            parts.append(o.data.get("text/plain", ""))
    return "\n".join(parts)


def cell_problem(cell):
    """What is wrong with an executed cell's outputs, or None."""
    for o in cell.get("outputs", []):
        if o.output_type == "error":
            detail = ANSI.sub("", "\n".join(o.get("traceback", []))).strip()
            return f"{o.ename}: {o.evalue}" + (f"\n{detail}" if detail else "")
        if o.output_type == "stream" and o.name == "stderr" and o.text.strip():
            return "wrote to stderr: " + o.text.strip().splitlines()[0][:200]
    if "check" in cell.metadata.get("tags", []):
        text = output_text(cell)
        if "✘" in text:
            bad = [l for l in text.splitlines() if "✘" in l]
            return "check failed: " + bad[0][:200]
        if "✔" not in text:
            return "check cell printed no ✔ (it must confirm what it checks)"
    return None


def sha256(path):
    """The SHA-256 of a file, read a mebibyte at a time."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fingerprint(src):
    """What an executed notebook was made from: the source notebook and the library jar."""
    return {"source_sha256": sha256(src), "jar_sha256": sha256(JAR)}


def up_to_date(src, out):
    if not out.exists():
        return False
    try:
        made_from = json.loads(out.read_text()).get("metadata", {}).get("gradnotes", {})
    except ValueError:
        return False
    return made_from == fingerprint(src)


STARTUP_TIMEOUT = 60  # seconds for the kernel's first kernel_info reply; JJava answers in 1 to 3


def execute_one(src, out, progress=True):
    """Runs one notebook into `out`; returns its timings. Raises NotebookFailure."""
    import nbformat

    log = out.with_suffix(".kernel.log")
    for attempt in (1, 2):
        nb = nbformat.read(src, as_version=4)
        started = time.monotonic()
        try:
            with open(log, "w") as kernel_log:
                timings = run_cells(nb, src, log, kernel_log, progress)
            break
        except NotebookFailure as e:
            out.unlink(missing_ok=True)
            if attempt == 2 or not e.port_taken:
                raise
            print(f"{src.name}: the kernel found a port it was given already taken ({PORT_TAKEN}); "
                  "starting it again on new ports", flush=True)
    nb.metadata["gradnotes"] = fingerprint(src)
    nbformat.write(nb, out)
    return {"seconds": round(time.monotonic() - started, 2), **timings}


def run_cells(nb, src, log, kernel_log, progress):
    from nbclient import NotebookClient

    # "graceful": a shutdown request, so that the kernel's host (gradnotes.kernel.Host) sees the
    # kernel end as asked and stays up, warm, for the next notebook; a killed kernel takes its host
    # with it
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, startup_timeout=STARTUP_TIMEOUT, kernel_name="java",
                            shutdown_kernel="graceful", resources={"metadata": {"path": str(src.parent)}})
    timings = []
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    kernel_started = time.monotonic()
    opened = {}
    ready = threading.Event()
    threading.Thread(target=stop_if_port_taken, args=(client, log, ready), daemon=True).start()
    try:
        # the kernel's own log (its stderr) goes to a file; nbclient waits for its kernel_info reply
        with client.setup_kernel(stderr=kernel_log):
            ready.set()
            opened["kernel_ready"] = round(time.monotonic() - kernel_started, 3)
            for n, index in enumerate(code_cells, 1):
                cell = nb.cells[index]
                started = time.monotonic()
                try:
                    client.execute_cell(cell, index)
                except Exception as e:  # CellExecutionError, timeouts, a dead kernel
                    if not cell.get("outputs"):
                        raise NotebookFailure(f"{src.name}, cell {index + 1} ({first_line(cell)!r}): {type(e).__name__}: "
                                              f"{str(e).strip().splitlines()[-1] if str(e).strip() else ''} "
                                              f"(kernel log: {log})")
                seconds = time.monotonic() - started
                timings.append({"cell": index + 1, "first_line": first_line(cell), "seconds": round(seconds, 3)})
                if n == min(2, len(code_cells)):
                    opened["library_ready"] = round(time.monotonic() - kernel_started, 3)
                problem = cell_problem(cell)
                if problem:
                    raise NotebookFailure(f"{src.name}, cell {index + 1} ({first_line(cell)!r}): {problem}")
                if progress and sys.stdout.isatty():
                    print(f"\r    cell {n}/{len(code_cells)}", end="", flush=True)
    except RuntimeError as e:  # the kernel did not start, or died before replying
        port_taken = PORT_TAKEN in log.read_text(errors="replace")
        raise NotebookFailure(f"{src.name}: the kernel did not start: {e} (kernel log: {log})", port_taken) from e
    finally:
        ready.set()
    if progress and sys.stdout.isatty():
        print("\r", end="")
    return {"kernel_ready_seconds": opened.get("kernel_ready"), "open_seconds": opened.get("library_ready"),
            "cells": timings}


def stop_if_port_taken(client, log, ready):
    """Until the kernel answers: if its log says a port was taken, kill it, so that the start fails now
    rather than after STARTUP_TIMEOUT (JJava's JVM stays up with its sockets half bound)."""
    while not ready.wait(0.2):
        if PORT_TAKEN in log.read_text(errors="replace"):
            pid = getattr(getattr(getattr(client, "km", None), "provisioner", None), "pid", None)
            if pid:
                os.kill(pid, signal.SIGKILL)
            return


def slowest_cells(cells, n=3):
    return sorted(cells, key=lambda c: -c["seconds"])[:n]


def summary_line(r):
    slow = ", ".join(f"cell {c['cell']} {c['seconds']:.1f} s" for c in slowest_cells(r["cells"]))
    return f"done in {r['seconds']:.1f} s, library ready {r['open_seconds']:.1f} s after kernel start; slowest {slow}"


def execute(args):
    if not JAR.exists():
        raise SystemExit(f"{JAR.relative_to(ROOT)} is missing: run `make lib` first")
    if os.environ.get("KERNEL", "jjava") == "jjava" and "JUPYTER_PATH" not in os.environ:
        os.environ["JUPYTER_PATH"] = str(BUILD / "venv" / "share" / "jupyter")
    into = pathlib.Path(args.into).resolve() if args.into else EXECUTED
    into.mkdir(parents=True, exist_ok=True)
    paths = sources(args.names, pathlib.Path(args.source).resolve() if args.source else NOTEBOOKS)
    timing_file = into / "timings.json"
    try:
        old = json.loads(timing_file.read_text()) if timing_file.exists() else {}
    except ValueError:
        old = {}
    old = old.get("notebooks", {}) if "notebooks" in old else {}
    report, failures = {}, []
    total = time.monotonic()
    load_before = os.getloadavg()[0]
    todo = []
    for src in paths:
        timed = all(isinstance(old.get(src.name, {}).get(f), (int, float)) for f in ("seconds", "open_seconds"))
        if not args.force and timed and up_to_date(src, into / src.name):  # (untimed: run again for the report)
            print(f"{src.name}: up to date")
        else:
            todo.append(src)
    jobs = 1 if args.serial else max(1, min(args.jobs, len(todo)))
    # longest first (by the last run), so that the two kernels finish together
    todo.sort(key=lambda p: -old.get(p.name, {}).get("seconds", 0))
    counter = iter(range(1, len(todo) + 1))

    def finished(src, result):
        i = next(counter)
        if isinstance(result, NotebookFailure):
            failures.append(str(result))
            print(f"[{i}/{len(todo)}] {src.name}: FAILED: {result}", flush=True)
        else:
            report[src.name] = result
            print(f"[{i}/{len(todo)}] {src.name}: {summary_line(result)}", flush=True)

    if jobs == 1:
        for src in todo:
            print(f"{src.name}: running", flush=True)
            try:
                finished(src, execute_one(src, into / src.name))
            except NotebookFailure as e:
                finished(src, e)
    else:
        import concurrent.futures
        import multiprocessing

        print(f"running {len(todo)} notebooks, {jobs} at a time (--serial: one at a time): "
              + ", ".join(p.stem for p in todo), flush=True)
        with concurrent.futures.ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
            running = {pool.submit(execute_one, src, into / src.name, False): src for src in todo}
            for future in concurrent.futures.as_completed(running):
                try:
                    finished(running[future], future.result())
                except NotebookFailure as e:
                    finished(running[future], e)
    wall = time.monotonic() - total
    old.update(report)
    existing = {p.name for p in sources([], paths[0].parent)} if paths else set()
    notebooks = {name: r for name, r in old.items() if name in existing}  # notebooks since removed drop out
    if report:
        suite = {"notebooks_run": len(report), "jobs": jobs, "wall_seconds": round(wall, 2),
                 "load_average_before": round(load_before, 2), "load_average_after": round(os.getloadavg()[0], 2),
                 "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    else:
        previous = json.loads(timing_file.read_text()) if timing_file.exists() else {}
        suite = previous.get("suite", {}) if isinstance(previous.get("suite"), dict) else {}
    timing_file.write_text(json.dumps({"suite": suite, "notebooks": notebooks}, indent=1))
    if report:
        print_report(report, wall, jobs, timing_file)
    print(f"executed {len(todo) - len(failures)}/{len(todo)} notebooks in {wall:.1f} s"
          + (f" ({len(paths) - len(todo)} up to date)" if len(todo) < len(paths) else ""))
    if failures:
        print("\n".join(["notebook failures:"] + failures), file=sys.stderr)
        raise SystemExit(1)


def print_report(report, wall, jobs, timing_file):
    print(f"timing report ({timing_file.relative_to(ROOT) if timing_file.is_relative_to(ROOT) else timing_file}):")
    print(f"  {'notebook':<24} {'library ready':>13} {'total':>7}   slowest cells")
    for name, r in sorted(report.items(), key=lambda kv: -kv[1]["seconds"]):
        slow = ", ".join(f"{c['cell']}: {c['seconds']:.1f} s" for c in slowest_cells(r["cells"]))
        print(f"  {name:<24} {r['open_seconds']:>11.1f} s {r['seconds']:>5.1f} s   {slow}")
    opens = sorted(r["open_seconds"] for r in report.values())
    print(f"  library ready after kernel start: {opens[len(opens) // 2]:.1f} s median, {opens[-1]:.1f} s at most; "
          f"{len(report)} notebooks in {wall:.1f} s, {jobs} at a time")


def copy_assets(assets):
    assets.mkdir(parents=True, exist_ok=True)
    if not PLOTLY.exists():
        raise SystemExit(f"{PLOTLY.relative_to(ROOT)} is missing: run `make lib` first")
    shutil.copy2(PLOTLY, assets / PLOTLY.name)
    if not (MATHJAX / "MathJax.js").exists():
        raise SystemExit(f"{MATHJAX}/MathJax.js is missing: install Debian's libjs-mathjax (`make setup`)")
    target = assets / "mathjax"
    if not (target / "MathJax.js").exists():
        # only what TeX input with SVG output needs: SVG draws glyphs itself, so no web fonts
        for part in ["MathJax.js", "config/TeX-AMS_SVG-full.js", "extensions", "jax/input/TeX",
                     "jax/output/SVG", "jax/element", "localization/en"]:
            src, dst = MATHJAX / part, target / part
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst, symlinks=False, dirs_exist_ok=True)
            else:
                shutil.copy2(src, dst)


def title_of(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return fallback


NOTEBOOK_LINK = re.compile(r"\]\(([\w.-]+)\.ipynb(#[^)]*)?\)")


def handout(nb, student):
    nb = copy.deepcopy(nb)
    if student:
        nb.cells = [c for c in nb.cells if "solution" not in c.metadata.get("tags", [])]
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            # links between notebooks lead to the matching handout page
            cell.source = NOTEBOOK_LINK.sub(lambda m: f"]({m.group(1)}.html{m.group(2) or ''})", cell.source)
        if student and cell.cell_type == "code":
            cell.execution_count = None  # counts with gaps would show where solutions were taken out
        if cell.cell_type == "code" and cell.source.lstrip().startswith(("%classpath", "%jars")):
            cell.outputs = []  # a kernel's note would name a path on the machine that built the handout
        if cell.cell_type == "code":
            # nbgrader's markers are for its generate and autograde steps; a reader sees the answer
            # code without them, and not the hidden tests that only the autograder runs
            cell.source = NBGRADER_MARKER.sub("", HIDDEN_TESTS.sub("", cell.source)).rstrip("\n")
    return nb


HIDDEN_TESTS = re.compile(r"^[ \t]*// BEGIN HIDDEN TESTS\n.*?^[ \t]*// END HIDDEN TESTS[ \t]*\n?", re.S | re.M)
NBGRADER_MARKER = re.compile(r"^[ \t]*// (BEGIN|END) SOLUTION[ \t]*\n?", re.M)


# nbgrader's generate step, configured for the notebooks: Java answer regions become a comment, a
# written answer becomes a prompt; everything else is nbgrader's default.
NBGRADER_CONFIG = {
    "ClearSolutions": {"code_stub": {"java": "// YOUR CODE HERE"},
                       "text_stub": "**Your answer** (in words, graded by hand): write it here."},
}


def set_classpath(nb, jar):
    """Points the notebook's first code cell (`%classpath ...`) at the library jar, given relative to the notebook."""
    first = next(c for c in nb.cells if c.cell_type == "code")
    if not first.source.lstrip().startswith("%classpath"):
        raise SystemExit(f"the first code cell is not a %classpath line: {first_line(first)!r}")
    first.source = f"%classpath {jar}"


def course_source(src, into):
    """A sheet as nbgrader's source notebook: the worked solutions (cells tagged `solution`) left out,
    the answer cells, autograded tests and written-answer cells kept with their nbgrader metadata."""
    import nbformat

    nb = nbformat.read(src, as_version=4)
    nb.cells = [c for c in nb.cells if "solution" not in c.metadata.get("tags", [])]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata.pop("gradnotes", None)
    set_classpath(nb, os.path.relpath(JAR, into.parent))
    into.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, into)


def nbgrader_api(root):
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    # nbgrader runs its database migrations with the `alembic` script of its own environment
    bin_dir = str(pathlib.Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    config = Config(NBGRADER_CONFIG)
    config.CourseDirectory.root = str(root)
    config.Exchange.root = str(root / "exchange")
    return NbGraderAPI(config=config)


def generate(root, names):
    """Runs nbgrader's generate_assignment for every sheet, one assignment per sheet."""
    api = nbgrader_api(root)
    for name in names:
        result = api.generate_assignment(name, force=True, create=True)
        if not result["success"]:
            raise SystemExit(f"nbgrader generate_assignment {name} failed:\n{result['error']}\n{result['log']}")


def students(args):
    import nbformat

    paths = sources([])
    shutil.rmtree(COURSE / "source", ignore_errors=True)
    for src in paths:
        course_source(src, COURSE / "source" / src.stem / src.name)
    started = time.monotonic()
    generate(COURSE, [p.stem for p in paths])
    shutil.rmtree(STUDENT, ignore_errors=True)  # no student notebook may outlive its sheet
    for stale in (HANDOUTS / "student").glob("*.ipynb"):
        stale.unlink()
    (HANDOUTS / "lib").mkdir(parents=True, exist_ok=True)
    shutil.copy2(JAR, HANDOUTS / "lib" / JAR.name)
    for src in paths:
        nb = nbformat.read(COURSE / "release" / src.stem / src.name, as_version=4)
        for folder, jar in ((STUDENT, os.path.relpath(JAR, STUDENT)),
                            (HANDOUTS / "student", f"../lib/{JAR.name}")):
            set_classpath(nb, jar)
            folder.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, folder / src.name)
    print(f"wrote {len(paths)} student notebooks to {STUDENT.relative_to(ROOT)}/ and "
          f"{(HANDOUTS / 'student').relative_to(ROOT)}/ (nbgrader, {time.monotonic() - started:.1f} s)")


def handouts(args):
    import nbformat
    from nbconvert import HTMLExporter

    executed = sorted(EXECUTED.glob("*.ipynb"), key=lambda p: (p.name != "index.ipynb", p.name))
    expected = {p.name for p in sources([])}
    missing = expected - {p.name for p in executed}
    if missing:
        raise SystemExit(f"not executed yet: {', '.join(sorted(missing))} (run `make notebooks`)")
    copy_assets(HANDOUTS / "assets")
    students_run = {p.name: p for p in STUDENT_EXECUTED.glob("*.ipynb")}
    missing = expected - set(students_run)
    if missing:
        raise SystemExit(f"student notebooks not executed yet: {', '.join(sorted(missing))} "
                         f"(run `make handouts`)")
    shutil.rmtree(HANDOUTS / "instructor", ignore_errors=True)  # no page may outlive its notebook
    for page in (HANDOUTS / "student").glob("*.html"):
        page.unlink()
    exporter = HTMLExporter(template_name="gradnotes", extra_template_basedirs=[str(ROOT / "tools" / "nbconvert")])
    exporter.mathjax_url = "../assets/mathjax/MathJax.js?config=TeX-AMS_SVG-full"
    entries = []
    started = time.monotonic()
    for path in executed:
        if path.name not in expected:
            continue
        nb = nbformat.read(path, as_version=4)
        title = title_of(nb, path.stem)
        # the student page shows the student notebook as run: answers not typed, nothing to give away
        run = {"instructor": nb, "student": nbformat.read(students_run[path.name], as_version=4)}
        for version in ("instructor", "student"):
            out = HANDOUTS / version / (path.stem + ".html")
            out.parent.mkdir(parents=True, exist_ok=True)
            banner = ("Instructor version: questions, solutions and checks." if version == "instructor"
                      else "Student version: questions and self-checks; solutions are not included.")
            body, _ = exporter.from_notebook_node(handout(run[version], version == "student"), resources={
                "metadata": {"name": title}, "gradnotes_assets": "../assets", "gradnotes_banner": banner})
            out.write_text(body, encoding="utf-8")
        entries.append((path.stem, title))
        print(f"  {path.stem}: instructor and student handouts")
    rows = "\n".join(
        f'<tr><td>{html.escape(t)}</td><td><a href="student/{s}.html">student</a></td>'
        f'<td><a href="instructor/{s}.html">instructor</a></td></tr>' for s, t in entries)
    (HANDOUTS / "index.html").write_text(f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>gradnotes handouts</title>
<style>body {{ font-family: sans-serif; margin: 2em; }} td, th {{ padding: 0.3em 1em; text-align: left; }}</style>
</head><body>
<h1>gradnotes handouts</h1>
<p>One page per exercise sheet. The student version keeps the questions and the self-checks;
the instructor version adds the solutions. Everything here opens without a network connection.</p>
<table><tr><th>notebook</th><th></th><th></th></tr>
{rows}
</table></body></html>
""", encoding="utf-8")
    print(f"wrote {len(entries) * 2} handouts and {(HANDOUTS / 'index.html').relative_to(ROOT)} "
          f"in {time.monotonic() - started:.1f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("execute", help="run notebooks into build/executed")
    ex.add_argument("--force", action="store_true", help="run even when up to date")
    ex.add_argument("--serial", action="store_true", help="one notebook at a time (default: two at a time)")
    ex.add_argument("--jobs", type=int, default=2, help="notebooks at a time (default 2)")
    ex.add_argument("--source", help="folder of the notebooks (default: notebooks/)")
    ex.add_argument("--into", help="folder for the executed notebooks (default: build/executed/)")
    ex.add_argument("names", nargs="*", help="notebook names (default: all)")
    sub.add_parser("students", help="write the student notebooks (nbgrader generate_assignment)")
    sub.add_parser("handouts", help="write build/handouts from build/executed and build/student-executed")
    args = parser.parse_args()
    {"execute": execute, "students": students, "handouts": handouts}[args.command](args)


if __name__ == "__main__":
    main()
