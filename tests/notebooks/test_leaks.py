#!/usr/bin/env python3
"""No answer leaks into student material.

Takes every expected answer from the instructor run (build/executed/: the self-check cells there
run with the instructor's answers filled in and print each one as "✓ what: VALUE is right.") and
fails if any of them can be read from the student material:

* build/student/*.ipynb and build/handouts/student/*.ipynb (the notebooks students get),
* build/student-executed/*.ipynb (the same, run: their outputs),
* build/handouts/student/*.html (the student handouts).

What counts as a leak:

1. a self-check whose expected answer is not a salted key: a literal (`SelfCheck.number("Q1", myQ1,
   1, 0)`), an expression (`Math.ceil(1000.0 / 50)`) or a call on a visible object (`fw.yHat(2)`);
   a key made in the notebook (`SelfCheck.numberKey(...)`) counts too;
2. a multiple-choice key without salt (SHA-256 of the sorted options, the old scheme) for any
   expected set, or two self-checks with the same key (which tells that their answers are equal);
3. an expected number in any usual formatting (0.49, .49, 0.490, 4.9e-01, 0,49) in code (comments
   left out), in an output, or in the text of a handout. A number of one or two digits (a count
   such as 20, an exponent such as 3, a given such as d = 64) occurs everywhere in prose and code,
   so it counts where it is given as the answer to its question ("L = 2", "Var(qᵀk): 64"), and
   as the expected value of a self-check (1. above);
4. an expected set of options written out in code (`Set.of("b", "d")`).

`--self-test` injects each leak an earlier version of the notebooks had into a copy of the student material and
requires the check to find every one, then requires the clean material to pass.
"""
import copy
import hashlib
import html
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
BUILD = ROOT / "build"

RIGHT = re.compile(r"✓ (.+?): (\{[^}]*\}|-?\d+(?:\.\d+)?) is right\.")
CALL = re.compile(r"SelfCheck\s*\.\s*(number|choices)\s*\(")
KEYED_CALL = re.compile(r'SelfCheck\.(number|choices)\(\s*"[^"]*"\s*,\s*[A-Za-z_]\w*\s*,\s*'
                        r'"(?:n\d{1,2}|c):[0-9a-f]{16}:[0-9a-f]{20}(?:\+[0-9a-f]{20})*"\s*\)')
KEY = re.compile(r'"((?:n\d{1,2}|c):[0-9a-f]{16}:[0-9a-f+]+)"')
KEY_MAKERS = re.compile(r"SelfCheck\s*\.\s*(numberKey|choicesKey|key)\s*\(")
COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)


def cells(nb):
    return nb.get("cells", [])


def source(cell):
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def outputs_text(cell):
    parts = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            parts.append("".join(o.get("text", "")))
        elif o.get("output_type") == "error":
            parts.append(o.get("evalue", ""))
        for mime, value in o.get("data", {}).items():
            if mime.startswith("text/") or mime.endswith("json"):
                parts.append(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                             if not isinstance(value, list) else "".join(value))
    return "\n".join(parts)


def is_answer_cell(cell):
    return "nbgrader" in cell.get("metadata", {}) or "SelfCheck" in source(cell)


def expected_answers(executed):
    """{sheet: [(what, value)]} from the instructor run; every self-check there must have passed."""
    answers = {}
    for path in sorted(executed.glob("*.ipynb")):
        nb = json.loads(path.read_text())
        found = []
        for cell in cells(nb):
            grading = cell.get("metadata", {}).get("nbgrader", {})
            if not (grading.get("grade") and not grading.get("solution")):
                continue  # only the self-check cells (nbgrader's autograded tests)
            calls = len(CALL.findall(COMMENT.sub("", source(cell).split("BEGIN HIDDEN TESTS")[0])))
            shown = RIGHT.findall(outputs_text(cell))
            if calls and len(shown) != calls:
                raise SystemExit(f"{path.name}: a self-check did not pass in the instructor run, so its "
                                 f"answer cannot be taken from it: {source(cell)[:120]!r}")
            found += shown
        if found:
            answers[path.stem] = found
    return answers


def number_forms(value):
    """The usual ways of writing a number rounded as its key rounds it."""
    text = value.lstrip("-")
    sign = "-" if value.startswith("-") else ""
    decimals = len(text.split(".")[1]) if "." in text else 0
    v = float(value)
    forms = {value, f"{v:.{decimals}f}"}
    for places in range(0, decimals + 4):
        if places >= decimals or float(f"{v:.{places}f}") == v:
            forms.add(f"{v:.{places}f}")
    if v == int(v):
        forms.add(str(int(v)))
    stripped = f"{v:.{decimals}f}".rstrip("0").rstrip(".") if "." in f"{v:.{decimals}f}" else f"{v:.0f}"
    forms.add(stripped)
    if stripped.lstrip("-").startswith("0."):
        forms.add(sign + stripped.lstrip("-")[1:])  # .49
    if v != 0:
        forms.add(f"{v:.{max(decimals - 1, 0) + 1}e}")
        forms.add(f"{v:e}")
    forms |= {f.replace(".", ",") for f in list(forms) if "." in f}
    return {f for f in forms if f not in ("-0", "")}


def short(value):
    return len(re.sub(r"\D", "", value.rstrip("0").rstrip("."))) <= 2 and "." not in value.rstrip("0").rstrip(".")


def find_number(form, text):
    return re.search(r"(?<![\w.,])" + re.escape(form) + r"(?![\d])(?!\.\d)(?!,\d)", text)


NUMBER = re.compile(r"(?<![\w.,])-?\d*\.\d+(?![\d.])")


def unrounded(value, text):
    """A number in text with more decimals than the answer's that rounds to it (0.4860 for 0.49)."""
    from decimal import ROUND_HALF_UP, Decimal

    decimals = len(value.split(".")[1]) if "." in value else 0
    target = Decimal(value)
    for m in NUMBER.finditer(text):
        written = m.group(0)
        if len(written.split(".")[1]) > decimals and \
                Decimal(written).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP) == target:
            return written
    return None


def legacy_key(options):
    joined = "|".join(sorted(o.replace(" ", "").lower() for o in options))
    return hashlib.sha256(joined.encode()).hexdigest()[:16]


def html_text(page):
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def leaks(answers, material):
    """material: {label: notebook dict or HTML text}. Returns the leaks found, one line each."""
    found = []
    keys = {}  # per notebook: the answer hashes of its self-checks
    for label, item in material.items():
        sheet = pathlib.Path(label.split(" ")[0]).stem
        expected = answers.get(sheet, [])
        if isinstance(item, str):  # a handout page
            text = html_text(item)
            for what, value in expected:
                if value.startswith("{"):
                    continue
                if short(value):
                    continue  # one- and two-digit values: checked in the notebooks' cells and outputs
                more = unrounded(value, text)
                if more:
                    found.append(f"{label}: the answer to {what} ({value}) appears unrounded, as {more!r}")
                for form in number_forms(value):
                    if find_number(form, text):
                        found.append(f"{label}: the answer to {what} ({value}) appears as {form!r}")
            continue
        for n, cell in enumerate(cells(item), 1):
            src = source(cell)
            code = COMMENT.sub("", src) if cell.get("cell_type") == "code" else ""
            out = outputs_text(cell)
            where = f"{label}, cell {n}"
            if cell.get("cell_type") == "code":
                for m in CALL.finditer(code):
                    if not KEYED_CALL.match(code, m.start()):
                        end = code.find(";", m.start())
                        found.append(f"{where}: a self-check without a salted key: "
                                     f"{code[m.start():end if end > 0 else None].strip()!r}")
                if KEY_MAKERS.search(code):
                    found.append(f"{where}: a key is made in the student's notebook, from the answer")
                for key in KEY.findall(COMMENT.sub("", src.split("BEGIN HIDDEN TESTS")[0])):
                    keys.setdefault(label, []).extend(key.split(":")[2].split("+"))
            for what, value in expected:
                if value.startswith("{"):
                    options = [o.strip() for o in value.strip("{}").split(",") if o.strip()]
                    if legacy_key(options) in src + out:
                        found.append(f"{where}: the unsalted key of {what}'s answer {value}")
                    quoted = r"\s*,\s*".join(f'"{re.escape(o)}"' for o in sorted(options))
                    if re.search(r"Set\.of\(\s*" + quoted + r"\s*\)", code):
                        found.append(f"{where}: the answer to {what} written out ({value})")
                    continue
                places = [("output", out), ("code", code)]
                if cell.get("cell_type") == "markdown":
                    places.append(("text", src))
                for kind, text in places:
                    more = None if short(value) else unrounded(value, text)
                    if more:
                        found.append(f"{where}: the answer to {what} ({value}) appears in its {kind} "
                                     f"unrounded, as {more!r}")
                        continue
                    for form in number_forms(value):
                        # a one- or two-digit value counts where it is given as the answer to its question
                        named = re.escape(what) + r"\s*(?:[:=]|is|equals)\s*"
                        if find_number(form, text) if not short(value) else \
                                re.search(named + r"(?<![\w.,])" + re.escape(form) + r"(?!\d)(?!\.\d)", text):
                            found.append(f"{where}: the answer to {what} ({value}) appears in its {kind} "
                                         f"as {form!r}")
                            break
    for label, hashes in keys.items():
        repeated = sorted({h for h in hashes if hashes.count(h) > 1})
        if repeated:
            found.append(f"{label}: two self-checks share a key ({repeated[0][:12]}…), which says that "
                         f"their answers are equal")
    return found


def student_material():
    material = {}
    for folder in (BUILD / "student", BUILD / "student-executed", BUILD / "handouts" / "student"):
        for path in sorted(folder.glob("*.ipynb")):
            material[str(path.relative_to(BUILD))] = json.loads(path.read_text())
        for path in sorted(folder.glob("*.html")):
            material[str(path.relative_to(BUILD))] = path.read_text(encoding="utf-8")
    if not material:
        raise SystemExit("no student material under build/: run `make handouts` first")
    return material


def code_cell(src, outputs=()):
    return {"cell_type": "code", "metadata": {}, "source": src, "outputs": list(outputs), "execution_count": None}


def text_output(text):
    return {"output_type": "display_data", "metadata": {}, "data": {"text/plain": text}}


# The leaks earlier student material had, each as it showed it (sheet, cell to add).
ISSUE_LEAKS = {
    "ex03 cell 4: literal answer": ("dl4nlp-ex03", code_cell(
        'show(SelfCheck.number("Q1", myQ1, 1, 0));')),
    "ex08 cell 24: literal answer 0.25": ("dl4nlp-ex08", code_cell(
        'show(SelfCheck.number("largest σ\'", myMax, 0.25, 1e-9));')),
    "co3086 cell 29: literal answer 64": ("co3086-lab11", code_cell(
        'show(SelfCheck.number("Var(qᵀk)", myVariance, 64, 1e-9));')),
    "in5400 cell 50: answer as an expression": ("in5400-rnn", code_cell(
        'show(SelfCheck.number("updates per pass", myUpdates, Math.ceil(1000.0 / 50), 0));')),
    "in5400: answer from a visible object, fw.yHat(2)": ("in5400-rnn", code_cell(
        'show(SelfCheck.number("ŷ₂", myYHat2, fw.yHat(2), 1e-6));')),
    "in5400: answer from a visible object, g.dWh()": ("in5400-rnn", code_cell(
        'show(SelfCheck.number("∂L/∂W_h", myDLdWh, g.dWh(), 1e-6));')),
    "ex03: answer from a visible object, hand.dEda(2)": ("dl4nlp-ex03", code_cell(
        'show(SelfCheck.number("∂E/∂p₁", myDEdp1, Numbers.round(hand.dEda(2).get(0, 0), 2), 0.0051));')),
    "ex03: unsalted multiple-choice key": ("dl4nlp-ex03", code_cell(
        'show(SelfCheck.choices("Q2", myQ2, "3f7dc29ee8aedb34"));')),
    "ex08: Q1 and Q2 with the same key": ("dl4nlp-ex08", code_cell(
        'show(SelfCheck.choices("Q1", myQ1, "c:cb4158fd67580a77:f88bce4fc08721c4d66c"));\n'
        'show(SelfCheck.choices("Q2", myQ2, "c:cb4158fd67580a77:f88bce4fc08721c4d66c"));')),
    "ex03: an answer in an output": ("dl4nlp-ex03", code_cell(
        'show(sheetNet.backward(sheetNet.forward(x), new SquaredError(), t).dEda(2));',
        [text_output("1×1 matrix: 0.4860")])),
    "in5400: an answer printed in a student output": ("in5400-rnn", code_cell(
        'System.out.println(rnn.forward(h0, x, y).totalLoss());', [text_output("L = 2.0")])),
    "ex03: the answer typed in a student cell": ("dl4nlp-ex03", code_cell(
        'myQ2 = Set.of("b", "d");')),
    "ex03: a key made in the notebook": ("dl4nlp-ex03", code_cell(
        'var k = SelfCheck.numberKey("Q1", 0, 1);')),
}


def self_test(answers, material):
    clean = leaks(answers, material)
    if clean:
        raise SystemExit("the clean student material already leaks:\n  " + "\n  ".join(clean))
    missed = []
    for name, (sheet, cell) in ISSUE_LEAKS.items():
        label = next(l for l in material if l.startswith("student-executed/") and sheet in l)
        injected = dict(material)
        nb = copy.deepcopy(material[label])
        nb["cells"].append(cell)
        injected[label] = nb
        found = leaks(answers, injected)
        print(f"  {'found' if found else 'MISSED'}: {name}" + (f" ({found[0].split(': ', 1)[1][:90]})" if found else ""))
        if not found:
            missed.append(name)
    if missed:
        raise SystemExit("the leak check missed: " + ", ".join(missed))


def main():
    answers = expected_answers(BUILD / "executed")
    count = sum(len(a) for a in answers.values())
    if count < 15:
        raise SystemExit(f"only {count} expected answers found in build/executed/: run `make notebooks`")
    material = student_material()
    if "--self-test" in sys.argv:
        print(f"leak check, self-test: {len(ISSUE_LEAKS)} leaks that earlier student material had, injected one at a time")
        self_test(answers, material)
    found = leaks(answers, material)
    if found:
        print("answers leak into student material:\n  " + "\n  ".join(found), file=sys.stderr)
        raise SystemExit(1)
    print(f"leak check: {count} expected answers of {len(answers)} sheets, none in {len(material)} "
          f"student notebooks and handouts")


if __name__ == "__main__":
    main()
