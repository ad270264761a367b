#!/usr/bin/env python3
"""nbgrader round trip on the Java kernel, on one sheet (default in5400-rnn).

In a fresh course directory (build/nbgrader-test/): nbgrader generate_assignment makes the student
version of the sheet; two submissions are made from it, one with every answer cell filled in with
the instructor's solution and every written answer written, one with wrong numbers; nbgrader
autograde runs both on the real kernel; generate_feedback writes their feedback. The test requires
full autograded marks for the right submission, fewer for the wrong one, and feedback that says
which answer is wrong without giving the expected value.

Run with build/venv/bin/python (the Makefile does), JUPYTER_PATH pointing at build/venv's kernels.
"""
import os
import pathlib
import re
import shutil
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import notebooks  # noqa: E402  (tools/notebooks.py)

SHEET = sys.argv[1] if len(sys.argv) > 1 else "in5400-rnn"
COURSE = ROOT / "build" / "nbgrader-test"
BEGIN, END = "// BEGIN SOLUTION", "// END SOLUTION"


def solutions(nb):
    """The instructor's answer regions by grade_id, from the source notebook."""
    regions = {}
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("solution") and cell.cell_type == "code":
            text = cell.source
            regions[cell.metadata.nbgrader.grade_id] = text[text.index(BEGIN) + len(BEGIN):text.index(END)].strip()
    return regions


def submission(release, regions, wrong):
    import nbformat

    nb = nbformat.read(release, as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("solution"):
            continue
        if cell.cell_type == "markdown":
            cell.source = "Because the gradient is a product of one factor per step."
            continue
        answer = regions[meta["grade_id"]]
        if wrong:  # ŷ₂ and ∂L/∂W_h one off; the BPTT loop carries nothing back
            answer = re.sub(r"(\w+) = (fw\.yHat\(2\)|g\.dWh\(\));", r"\1 = \2 + 1;", answer)
            answer = answer.replace(" + delta * rnn.Wh;", ";")
        assert "// YOUR CODE HERE" in cell.source, cell.source
        cell.source = cell.source.replace("// YOUR CODE HERE", answer)
    return nb


def main():
    import warnings

    import nbformat
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", category=SAWarning)  # nbgrader's own session bookkeeping

    started = time.monotonic()
    os.environ.setdefault("JUPYTER_PATH", str(ROOT / "build" / "venv" / "share" / "jupyter"))
    shutil.rmtree(COURSE, ignore_errors=True)
    src = notebooks.NOTEBOOKS / f"{SHEET}.ipynb"
    notebooks.course_source(src, COURSE / "source" / SHEET / src.name)
    notebooks.generate(COURSE, [SHEET])
    release = COURSE / "release" / SHEET / src.name
    regions = solutions(nbformat.read(src, as_version=4))
    api = notebooks.nbgrader_api(COURSE)
    for student, wrong in (("right", False), ("wrong", True)):
        nb = submission(release, regions, wrong)
        folder = COURSE / "submitted" / student / SHEET
        folder.mkdir(parents=True)
        # autograde runs the notebook in autograded/<student>/<sheet>/, as deep as submitted/
        notebooks.set_classpath(nb, os.path.relpath(notebooks.JAR, folder))
        nbformat.write(nb, folder / src.name)
        result = api.autograde(SHEET, student, force=True, create=True)
        if not result["success"]:
            raise SystemExit(f"nbgrader autograde failed for {student}:\n{result['error']}\n{result['log']}")
        result = api.generate_feedback(SHEET, student, force=True)
        if not result["success"]:
            raise SystemExit(f"nbgrader generate_feedback failed for {student}:\n{result['error']}")
    with Gradebook(f"sqlite:///{COURSE / 'gradebook.db'}") as gb:
        scores = {}
        for student in ("right", "wrong"):
            nb = gb.find_submission_notebook(src.stem, SHEET, student)
            auto = [g for g in nb.grades if g.cell.cell_type == "code"]
            written = [g for g in nb.grades if g.cell.cell_type == "markdown"]
            scores[student] = (sum(g.auto_score or 0 for g in auto), sum(g.max_score for g in auto),
                               sum(1 for g in written if g.needs_manual_grade))
    right, out_of, manual = scores["right"]
    wrong = scores["wrong"][0]
    feedback = (COURSE / "feedback" / "wrong" / SHEET / f"{SHEET}.html").read_text(encoding="utf-8")
    problems = []
    if out_of == 0:
        problems.append("the sheet has no autograded test cells")
    if right != out_of:
        problems.append(f"the right submission got {right} of {out_of} autograded points")
    if not wrong < right:
        problems.append(f"the wrong submission got {wrong}, not less than the right one's {right}")
    if manual == 0:
        problems.append("no written answer is left for manual grading")
    if "is not it yet" not in feedback:
        problems.append("the wrong submission's feedback does not say which answer is wrong")
    if SHEET == "in5400-rnn" and "entries are wrong" not in feedback:
        problems.append("the feedback does not say which entries of the written BPTT loop are wrong")
    text = re.sub(r"<[^>]+>", " ", feedback)
    if SHEET == "in5400-rnn" and re.search(r"(?<![\d.])(6\.00|8\.00)(?!\d)", text):
        problems.append("the feedback shows the expected value of a wrong answer (ŷ₂ or ∂L/∂W_h)")
    if problems:
        raise SystemExit(f"nbgrader round trip on {SHEET}: " + "; ".join(problems))
    line = next(l for l in text.splitlines() if "is not it yet" in l)
    loop = next((l for l in text.splitlines() if "entries are wrong" in l), "")
    print(f"nbgrader round trip on {SHEET}: right answers {right:g}/{out_of:g}, wrong answers {wrong:g}/{out_of:g}, "
          f"{manual} written answers left for manual grading; feedback says: {line.strip()[:100]!r}, "
          f"{loop.strip()[:100]!r} "
          f"({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
