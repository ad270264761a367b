#!/usr/bin/env python3
"""Readable output everywhere, and code a reader can see.

  test_readable.py [--self-test] [FOLDER_OR_NOTEBOOK ...]

Reads executed notebooks (default: build/executed/ and build/student-executed/) and the source
notebooks (notebooks/), and fails on any of:

  digits     a number written with more than 4 significant digits (a decimal point or an exponent;
             whole numbers are counts and sizes and pass) in an output: text/plain, text/markdown,
             text/latex, text/html (outside scripts) or printed text. A comparison may show more:
             an output whose HTML carries the class `gradnotes-comparison` (SheetComparison,
             ReplayComparison: they write the computed value with Numbers.full) and a self-check's
             line (it starts with ✓, ✗ or ✎ and echoes the answer as typed) are not counted.
  array      a raw array dump: a bracketed list of such numbers ([0.12345678901, 2.3456789012]), as
             Arrays.toString writes it.
  markdown   generated Markdown (a text/markdown output) with a `_` or `^` outside $…$ maths and code
             spans that is not escaped: Markdown would read "‖h_t − h_{t−1}‖" as markup. Escape the
             text with Markdown.escape, or write the symbol as maths.
  blank      an empty cell in an HTML table: a NaN or a missing value must show as a word.
  script     a title written the TeX way (h_{t-1}, W^(k), ∂h_T) where nothing typesets TeX: a table's
             caption or column header (<caption>, <th>), a plotly figure's title, axis title, colour
             bar title or trace name (legend). The library writes them with <sub>/<sup>
             (gradnotes.notebook.Symbols).
  entity     a title or a table header that shows an HTML entity as text (`s &amp;lt; t` draws
             "s &lt; t"): text escaped twice.
  long line  a code line longer than 100 columns in a notebook's source.
  question   a question asked only in a code comment (a `//` comment ending in "?"): a question goes
             into the Markdown above its answer cell.

--self-test first executes tests/notebooks/readable-defects.ipynb, whose cells each say on their first
line which of the above they must be flagged for (`// expect: digits`), or that they must pass
(`// expect: clean`), and fails unless every verdict matches.
"""
import html
import json
import pathlib
import re
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RUNNER = ROOT / "tools" / "notebooks.py"
DEFAULT_OUTPUTS = [ROOT / "build" / "executed", ROOT / "build" / "student-executed"]
SOURCES = ROOT / "notebooks"
FIXTURE = "readable-defects"

MAX_DIGITS = 4
MAX_COLUMNS = 100
PLOTLY = "application/vnd.plotly.v1+json"
SELF_CHECK_MARKS = ("✓", "✗", "✎")
COMPARISON_CLASS = "gradnotes-comparison"

NUMBER = re.compile(r"(?<![\w.])[-+−]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+−]?\d+)?(?!\.?\d)")
ARRAY = re.compile(r"\[\s*[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?(?:\s*,\s*[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?)+\s*\]")
SCRIPT_TEX = re.compile(r"[_^](?:\{|\(|[^\W_])")
MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$|`[^`\n]*`", re.S)
TAG = re.compile(r"<[^>]*>")
TWICE_ESCAPED = re.compile(r"&amp;(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
HTML_SKIP = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)


def significant(token):
    """Significant digits of a number as written; None for a whole number (a count), which passes."""
    mantissa = re.split(r"[eE]", token.lstrip("+-−"))[0]
    if "." not in mantissa and not re.search(r"[eE]", token):
        return None
    digits = mantissa.replace(".", "").lstrip("0")
    if "." not in mantissa:
        digits = digits.rstrip("0")
    return len(digits)


def too_precise(text):
    """The numbers in `text` written with more than MAX_DIGITS significant digits."""
    found = []
    for m in NUMBER.finditer(text):
        n = significant(m.group(0))
        if n is not None and n > MAX_DIGITS:
            found.append(m.group(0))
    return found


def raw_arrays(text):
    return [m.group(0) for m in ARRAY.finditer(text) if too_precise(m.group(0))]


def html_text(fragment):
    return html.unescape(TAG.sub(" ", HTML_SKIP.sub(" ", fragment)))


def unescaped_markup(markdown):
    plain = MATH.sub(" ", markdown)
    bad = []
    for m in re.finditer(r"(?<!\\)[_^]", plain):
        bad.append(plain[max(0, m.start() - 12):m.end() + 12].replace("\n", " "))
    return bad


def figure_titles(figure):
    """Every title and trace name of a plotly figure (its JSON form), with where it sits."""
    if isinstance(figure, str):
        figure = json.loads(figure)
    found = []

    def title(where, value):
        text = value.get("text") if isinstance(value, dict) else value
        if isinstance(text, str) and text:
            found.append((where, text))

    layout = figure.get("layout", {})
    title("title", layout.get("title"))
    for key, axis in layout.items():
        if re.fullmatch(r"[xy]axis\d*", key) and isinstance(axis, dict):
            title(key + " title", axis.get("title"))
    for frame in [{"data": figure.get("data", [])}] + list(figure.get("frames", [])):
        for trace in frame.get("data", []):
            if isinstance(trace.get("name"), str) and trace["name"]:
                found.append(("trace name", trace["name"]))
            if isinstance(trace.get("colorbar"), dict):
                title("colour bar title", trace["colorbar"].get("title"))
    return found


def output_problems(cell):
    """(kind, detail) for every readability problem in an executed code cell's outputs."""
    problems = []
    joined = lambda v: "".join(v) if isinstance(v, list) else (v or "")
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            if out.get("name") == "stdout":
                texts, data = [joined(out.get("text"))], {}
            else:
                continue
        elif "data" in out:
            data = out["data"]
            texts = []
        else:
            continue
        plain, md, latex, page = (joined(data.get(k)) for k in ("text/plain", "text/markdown", "text/latex", "text/html"))
        comparison = COMPARISON_CLASS in page or plain.lstrip().startswith(SELF_CHECK_MARKS)
        if data and not comparison:
            texts += [plain, md, latex, html_text(page)]
        if comparison:
            texts = []
        for text in texts:
            arrays = raw_arrays(text)
            for a in arrays:
                problems.append(("array", a[:80]))
            rest = ARRAY.sub(" ", text)
            for n in too_precise(rest):
                problems.append(("digits", n))
        if md:
            for context in unescaped_markup(md):
                problems.append(("markdown", context))
        if page:
            for m in re.finditer(r"<td\b[^>]*>(.*?)</td>", HTML_SKIP.sub(" ", page), re.S):
                if not html_text(m.group(1)).strip():
                    problems.append(("blank", "an empty <td> in an HTML table"))
            for m in re.finditer(r"<(th|caption)\b[^>]*>(.*?)</\1>", page, re.S):
                inner = html_text(m.group(2))
                if SCRIPT_TEX.search(MATH.sub(" ", inner)):
                    problems.append(("script", f"<{m.group(1)}> {inner.strip()[:60]}"))
                if TWICE_ESCAPED.search(m.group(2)):
                    problems.append(("entity", f"<{m.group(1)}> {m.group(2).strip()[:60]}"))
        if PLOTLY in data:
            for where, text in figure_titles(data[PLOTLY]):
                if SCRIPT_TEX.search(html_text(text)):
                    problems.append(("script", f"{where}: {text[:60]}"))
                if TWICE_ESCAPED.search(text):
                    problems.append(("entity", f"{where}: {text[:60]}"))
    return problems


def source_problems(cell):
    problems = []
    if cell.get("cell_type") != "code":
        return problems
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    for number, line in enumerate(source.splitlines(), 1):
        if len(line) > MAX_COLUMNS:
            problems.append(("long line", f"line {number} has {len(line)} columns"))
        comment = line.split("//", 1)[1] if "//" in line and not line.lstrip().startswith(("/*", "*")) else ""
        if comment.rstrip().endswith("?") and "BEGIN" not in comment:
            problems.append(("question", f"line {number}: //{comment.strip()[:70]}"))
    return problems


def first_line(cell):
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    lines = [l for l in source.splitlines() if l.strip()]
    return lines[0][:70] if lines else "(empty)"


def check_notebook(path, outputs=True, sources=True):
    """{cell number: [(kind, detail), ...]} for the cells of `path` with problems."""
    nb = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    found = {}
    for index, cell in enumerate(nb["cells"], 1):
        problems = (output_problems(cell) if outputs and cell.get("cell_type") == "code" else []) + \
                   (source_problems(cell) if sources else [])
        if problems:
            found[index] = (first_line(cell), problems)
    return found


def report(path, found):
    lines = []
    for index, (first, problems) in found.items():
        for kind, detail in problems:
            lines.append(f"{path.name}, cell {index} ({first!r}): {kind}: {detail}")
    return lines


def self_test():
    """Runs the fixture and requires each cell's verdict to be the one its first line expects."""
    with tempfile.TemporaryDirectory() as out:
        run = subprocess.run([sys.executable, str(RUNNER), "execute", "--force", "--source", str(HERE),
                              "--into", out, FIXTURE], capture_output=True, text=True)
        if run.returncode != 0:
            print("FAIL the fixture did not run:\n" + run.stdout + run.stderr)
            return False
        executed = pathlib.Path(out) / f"{FIXTURE}.ipynb"
        nb = json.loads(executed.read_text(encoding="utf-8"))
        found = check_notebook(executed)
    ok = True
    expectations = 0
    for index, cell in enumerate(nb["cells"], 1):
        m = re.match(r"\s*// expect: ([\w ,]+)", "".join(cell["source"]))
        if not m:
            continue
        expectations += 1
        wanted = {k.strip() for k in m.group(1).split(",")} - {"clean"}
        got = {kind for kind, _ in found.get(index, ("", []))[1]}
        good = wanted == got
        ok &= good
        print(f"{'ok  ' if good else 'FAIL'} self-test cell {index}: expected {sorted(wanted) or 'clean'}, "
              f"found {sorted(got) or 'clean'}" + ("" if good else f" {found.get(index)}"))
    if expectations < 10:
        print(f"FAIL the fixture has only {expectations} expectations")
        ok = False
    return ok


def main():
    args = [a for a in sys.argv[1:] if a != "--self-test"]
    ok = True
    if "--self-test" in sys.argv[1:]:
        ok = self_test()
    problems = []
    targets = [pathlib.Path(a) for a in args] or DEFAULT_OUTPUTS
    notebooks = []
    for t in targets:
        notebooks += sorted(t.glob("*.ipynb")) if t.is_dir() else [t]
    if not notebooks:
        print("no executed notebooks: run `make notebooks` (and the student step) first")
        sys.exit(1)
    for path in notebooks:
        problems += report(path, check_notebook(path, sources=False))
    if not args:
        for path in sorted(SOURCES.glob("*.ipynb")):
            problems += report(path, check_notebook(path, outputs=False))
    for p in problems:
        print("FAIL " + p)
    print(f"readable: {len(notebooks)} executed notebooks checked, {len(problems)} problems")
    sys.exit(0 if ok and not problems else 1)


if __name__ == "__main__":
    main()
