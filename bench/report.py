#!/usr/bin/python3
"""Turns the interleaved rounds (bench/interleave.py) into the comparison tables and the scaling figure.

Per benchmark: each round gives the median run time on each side and their ratio (PyTorch time /
Java time, above 1: Java is faster). The table shows the median over rounds of each side's time,
the median ratio, its spread (lowest to highest over the rounds), the worst round's ratio, and
whether the target is met on the median and in the worst round; then the slowest single run on each
side and their ratio.

Writes, next to ROUNDS_JSON: report.txt (what it prints), report.md (the same as Markdown tables),
scaling.svg (LSTM time against T and against N, log-log, Java and PyTorch) and scaling.md.

With --runs, one table over several such runs (make bench does three): per benchmark the median
ratio of each run, the worst round of all, and whether the target held in every run, on the median
and in the worst round; written to summary.txt and summary.md next to the first run's directory,
with the last run's scaling figure as scaling.svg and, for a README, as text (scaling.txt).

Usage: report.py ROUNDS_JSON | report.py --runs ROUNDS_JSON...
"""
import json
import math
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_bench import dims  # noqa: E402

# multiply-adds of forward + backward, counted as 2 flops each: a recurrent step's forward does one
# N×N product per weight matrix per batch column; the backward does two more (weight and input
# gradients) for each, so 3 × 2·B·N² per matrix. RNN: 2 matrices (Wx, Wh), GRU: 6, LSTM: 8.
MATRICES = {"rnn": 2, "gru": 6, "lstm": 8}
TARGETS = {"tiny": 20.0, "small": 1.0, "medium": 1.0, "attention": 1.0, "dgemm": 0.8}
# the recurrent models' slowest iteration, judged at equal counts (slowest_equal_ratio, in summarise)
SLOWEST_TARGET = 1.0
LABELS = {"tiny": "tiny (B 1, T 50, N 16)", "small": "small (B 16, T 100, N 64)", "medium": "medium (B 32, T 100, N 128)"}


def flops(kind, size):
    if kind == "attention":
        L, d = 128, 128
        return 3 * (8 * L * d * d + 4 * L * L * d)   # projections Q, K, V, O and the two L×L products, ×3 for backward
    if kind.startswith("dgemm"):
        return 2 * 512 ** 3
    B, T, N = dims(size)
    return 3 * MATRICES[kind] * 2 * B * N * N * T


def target(kind, size):
    return TARGETS.get(size) if kind in MATRICES else TARGETS.get(kind)


def name(kind, size):
    if kind == "attention":
        return "multi-head attention (128 × 128, 8 heads)"
    if kind == "dgemm":
        return "512 × 512 product, MatMul"
    if kind == "dgemm-ejml":
        return "512 × 512 product, EJML mult"
    return f"{kind.upper()} {LABELS.get(size, size)}"


def short(kind, size):
    return f"{kind} {size}"


def us(x):
    """A time in µs, in the unit that reads best, 3 significant digits."""
    for unit, scale in (("s", 1e6), ("ms", 1e3), ("µs", 1.0)):
        if x >= scale or unit == "µs":
            v = x / scale
            return f"{v:.3g} {unit}" if v < 1000 else f"{v:.0f} {unit}"


def summarise(entries):
    """One row per benchmark, in first-seen order."""
    by = {}
    for e in entries:
        by.setdefault((e["kind"], e["size"]), []).append(e)
    torch_dgemm = {e["round"]: statistics.median(e["torch"]) for e in entries if e["kind"] == "dgemm"}
    rows = []
    for (kind, size), es in by.items():
        java = [statistics.median(e["java"]) for e in es]
        if kind == "dgemm-ejml":
            torch = [torch_dgemm[e["round"]] for e in es]
            torch_all = []
        else:
            torch = [statistics.median(e["torch"]) for e in es]
            torch_all = [t for e in es for t in e["torch"]]
        ratios = [t / j for t, j in zip(torch, java)]
        if kind != "dgemm-ejml" and "java_cpu" in es[0]:
            cpu_ratios = [e["torch_cpu"] / e["java_cpu"] for e in es if e["java_cpu"] > 0]
        else:
            cpu_ratios = []
        java_all = [t for e in es for t in e["java"]]
        row = {"kind": kind, "size": size, "java": statistics.median(java), "torch": statistics.median(torch),
               "ratio": statistics.median(ratios), "low": min(ratios), "high": max(ratios),
               "runs": len(java_all), "java_slowest": max(java_all),
               "torch_slowest": max(torch_all) if torch_all else None, "target": target(kind, size)}
        row["cpu_ratio"] = statistics.median(cpu_ratios) if cpu_ratios else None
        row["cpu_low"] = min(cpu_ratios) if cpu_ratios else None
        row["slowest_ratio"] = row["torch_slowest"] / row["java_slowest"] if torch_all else None
        # The same, with as many chances on each side: in a turn the faster side runs many more
        # times (the tiny RNN about 7000 times to PyTorch's 200), so its single slowest run is the
        # worst of far more draws. PyTorch's slowest is the worst of its n runs; Java's run of the
        # same rank is its (runs / n)-th slowest.
        if torch_all:
            rank = max(1, round(len(java_all) / len(torch_all)))
            row["java_slowest_equal"] = sorted(java_all)[-rank]
            row["slowest_equal_ratio"] = row["torch_slowest"] / row["java_slowest_equal"]
        else:
            row["java_slowest_equal"] = row["slowest_equal_ratio"] = None
        # the fastest run on each side: the least disturbed by other work on the machine
        row["java_fastest"], row["torch_fastest"] = min(java_all), min(torch_all) if torch_all else None
        row["fastest_ratio"] = row["torch_fastest"] / row["java_fastest"] if torch_all else None
        f = flops(kind, size)
        row["java_gflops"], row["torch_gflops"] = f / row["java"] / 1e3, f / row["torch"] / 1e3
        rows.append(row)
    return rows


def verdict(value, goal):
    return "" if goal is None else ("met" if value >= goal else "MISSED")


def text_table(rows):
    head = (f"{'benchmark':<22}{'Java':>10}{'PyTorch':>10}{'ratio':>7}{'spread':>13}{'worst':>7}"
            f"{'target':>8}{'median':>8}{'worst':>8}{'Java GF/s':>10}{'Torch GF/s':>11}"
            f"{'slowest Java':>14}{'slowest Torch':>14}{'ratio':>7}{'equal n':>9}{'fastest':>9}{'CPU ratio':>10}"
            f"{'CPU worst':>10}")
    lines = [head]
    for r in rows:
        goal = r["target"]
        lines.append(
            f"{short(r['kind'], r['size']):<22}{us(r['java']):>10}{us(r['torch']):>10}{r['ratio']:>7.2f}"
            f"{r['low']:>6.2f}–{r['high']:<6.2f}{r['low']:>7.2f}{'≥ %g' % goal if goal else '':>8}"
            f"{verdict(r['ratio'], goal):>8}{verdict(r['low'], goal):>8}{r['java_gflops']:>10.1f}{r['torch_gflops']:>11.1f}"
            f"{us(r['java_slowest']):>14}{us(r['torch_slowest']) if r['torch_slowest'] else '':>14}"
            f"{r['slowest_ratio'] if r['slowest_ratio'] else float('nan'):>7.2f}"
            f"{r['slowest_equal_ratio'] if r['slowest_equal_ratio'] else float('nan'):>9.2f}"
            f"{r['fastest_ratio'] if r['fastest_ratio'] else float('nan'):>9.2f}"
            f"{r['cpu_ratio'] if r['cpu_ratio'] else float('nan'):>10.2f}{r['cpu_low'] if r['cpu_low'] else float('nan'):>10.2f}")
    return "\n".join(lines)


def markdown_table(rows):
    lines = ["| work | Java | PyTorch | ratio (median) | spread over rounds | worst round | target | median | worst round | slowest run Java / PyTorch (ratio) | slowest at equal counts | fastest runs' ratio | CPU-time ratio (worst round) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        goal = r["target"]
        extra = ""
        if r["kind"] in ("dgemm", "dgemm-ejml"):
            extra = f" ({r['java_gflops']:.0f} GFLOP/s)"
        torch = us(r["torch"]) + (f" ({r['torch_gflops']:.0f} GFLOP/s)" if r["kind"] == "dgemm" else "")
        if r["kind"] == "dgemm-ejml":
            torch = "(OpenBLAS, as above)"
        slowest = (f"{us(r['java_slowest'])} / {us(r['torch_slowest'])} ({r['slowest_ratio']:.2f})"
                   if r["torch_slowest"] else f"{us(r['java_slowest'])} / –")
        lines.append(f"| {name(r['kind'], r['size'])} | {us(r['java'])}{extra} | {torch} | {r['ratio']:.2f} | "
                     f"{r['low']:.2f}–{r['high']:.2f} | {r['low']:.2f} | {'≥ %g' % goal if goal else ''} | "
                     f"{verdict(r['ratio'], goal)} | {verdict(r['low'], goal)} | {slowest} | "
                     f"{'%.2f' % r['slowest_equal_ratio'] if r['slowest_equal_ratio'] else ''} | "
                     f"{'%.2f' % r['fastest_ratio'] if r['fastest_ratio'] else ''} | "
                     f"{'%.2f (%.2f)' % (r['cpu_ratio'], r['cpu_low']) if r['cpu_ratio'] else ''} |")
    return "\n".join(lines)


def scaling_points(rows):
    """(T series at N 128, N series at T 100): lists of (x, java µs, torch µs)."""
    by_t, by_n = [], []
    for r in rows:
        B, T, N = dims(r["size"])
        if N == 128:
            by_t.append((T, r["java"], r["torch"]))
        if T == 100:
            by_n.append((N, r["java"], r["torch"]))
    return sorted(by_t), sorted(by_n)


def svg_panel(x0, title, xlabel, points, slope):
    """One log-log panel 420 × 300 at x offset x0: Java and PyTorch times and a reference slope."""
    w, h, left, top, bottom = 420, 300, 70, 40, 50
    pw, ph = w - left - 20, h - top - bottom
    xs = [p[0] for p in points]
    ys = [v for p in points for v in p[1:]]
    lx0, lx1 = math.log10(min(xs)) - 0.05, math.log10(max(xs)) + 0.05
    ly0, ly1 = math.floor(math.log10(min(ys)) * 2) / 2, math.ceil(math.log10(max(ys)) * 2) / 2

    def X(v):
        return x0 + left + (math.log10(v) - lx0) / (lx1 - lx0) * pw

    def Y(v):
        return top + ph - (math.log10(v) - ly0) / (ly1 - ly0) * ph

    clip = f"panel{x0}"
    out = [f'<clipPath id="{clip}"><rect x="{x0 + left}" y="{top}" width="{pw}" height="{ph}"/></clipPath>',
           f'<text x="{x0 + left + pw / 2}" y="22" text-anchor="middle" font-size="14">{title}</text>',
           f'<rect x="{x0 + left}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="#999"/>']
    for x in xs:
        out.append(f'<line x1="{X(x):.1f}" y1="{top + ph}" x2="{X(x):.1f}" y2="{top + ph + 5}" stroke="#333"/>')
        out.append(f'<text x="{X(x):.1f}" y="{top + ph + 18}" text-anchor="middle" font-size="11">{x}</text>')
    e = math.ceil(ly0)
    while e <= ly1:
        y = Y(10 ** e)
        out.append(f'<line x1="{x0 + left}" y1="{y:.1f}" x2="{x0 + left + pw}" y2="{y:.1f}" stroke="#eee"/>')
        out.append(f'<text x="{x0 + left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{us(10 ** e * 1.0)}</text>')
        e += 1
    out.append(f'<text x="{x0 + left + pw / 2}" y="{h - 12}" text-anchor="middle" font-size="12">{xlabel} (log scale)</text>')
    # reference: time ∝ x^slope through the first PyTorch point
    x_a, x_b = xs[0], xs[-1]
    t_a = points[0][2]
    out.append(f'<line x1="{X(x_a):.1f}" y1="{Y(t_a):.1f}" x2="{X(x_b):.1f}" y2="{Y(t_a * (x_b / x_a) ** slope):.1f}" '
               f'stroke="#aaa" stroke-dasharray="4 3" clip-path="url(#{clip})"/>')
    for column, colour, label in ((1, "#1f77b4", "Java (gradnotes)"), (2, "#d62728", "PyTorch 1 thread")):
        path = " ".join(f"{'M' if i == 0 else 'L'}{X(p[0]):.1f},{Y(p[column]):.1f}" for i, p in enumerate(points))
        out.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for p in points:
            out.append(f'<circle cx="{X(p[0]):.1f}" cy="{Y(p[column]):.1f}" r="3.5" fill="{colour}"/>')
    ly = top + 14
    for colour, label, dash in (("#1f77b4", "Java (gradnotes)", ""), ("#d62728", "PyTorch, 1 thread", ""),
                                ("#aaa", f"slope {slope} (time ∝ {xlabel.split()[0]}{'²' if slope == 2 else ''})", ' stroke-dasharray="4 3"')):
        out.append(f'<line x1="{x0 + left + 10}" y1="{ly}" x2="{x0 + left + 30}" y2="{ly}" stroke="{colour}" stroke-width="2"{dash}/>')
        out.append(f'<text x="{x0 + left + 35}" y="{ly + 4}" font-size="11">{label}</text>')
        ly += 15
    return out


def scaling_svg(by_t, by_n):
    body = svg_panel(0, "LSTM forward + BPTT, B 32, N 128", "T steps", by_t, 1) + \
        svg_panel(430, "LSTM forward + BPTT, B 32, T 100", "N (input = hidden size)", by_n, 2)
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="860" height="300" font-family="sans-serif">\n'
            '<title>LSTM time against sequence length T and against width N, Java and PyTorch, log-log</title>\n'
            '<rect width="860" height="300" fill="white"/>\n' + "\n".join(body) + "\n</svg>\n")


def scaling_markdown(rows):
    lines = ["| LSTM, B 32 | Java | PyTorch | ratio (median) | spread |", "|---|---|---|---|---|"]
    for r in sorted(rows, key=lambda r: dims(r["size"])):
        B, T, N = dims(r["size"])
        lines.append(f"| T {T}, N {N} | {us(r['java'])} | {us(r['torch'])} | {r['ratio']:.2f} | {r['low']:.2f}–{r['high']:.2f} |")
    return "\n".join(lines)


def text_chart(title, xlabel, points, slope, width=56, height=14):
    """A log-log chart in text: J = Java, P = PyTorch, * = both in one cell, . = reference slope."""
    xs = [p[0] for p in points]
    ys = [v for p in points for v in p[1:]]
    lx0, lx1 = math.log10(min(xs)), math.log10(max(xs))
    ly0, ly1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    grid = [[" "] * width for _ in range(height)]

    def cell(x, y):
        c = round((math.log10(x) - lx0) / (lx1 - lx0) * (width - 1))
        r = round((ly1 - math.log10(y)) / (ly1 - ly0) * (height - 1))
        return r, c

    x_a, t_a = xs[0], points[0][2]
    for c in range(width):
        x = 10 ** (lx0 + c / (width - 1) * (lx1 - lx0))
        r, _ = cell(x, t_a * (x / x_a) ** slope)
        if 0 <= r < height:
            grid[r][c] = "."
    for x, java, torch in points:
        rj, cj = cell(x, java)
        rt, ct = cell(x, torch)
        grid[rj][cj] = "J"
        grid[rt][ct] = "*" if (rt, ct) == (rj, cj) else "P"
    lines = [title]
    for r, row in enumerate(grid):
        e = ly1 - r * (ly1 - ly0) / (height - 1)
        label = us(10 ** e) if abs(e - round(e)) < 1e-9 else ""
        lines.append(f"{label:>8} |" + "".join(row))
    lines.append(" " * 9 + "+" + "-" * width)
    ticks = [" "] * (width + 12)
    for x in xs:
        c = 10 + round((math.log10(x) - lx0) / (lx1 - lx0) * (width - 1))
        for k, ch in enumerate(str(x)):
            if c + k < len(ticks):
                ticks[c + k] = ch
    lines.append("".join(ticks).rstrip())
    lines.append(f"{'':>10}{xlabel} (log scale); J Java, P PyTorch, * both, . time ∝ x^{slope}")
    return "\n".join(lines)


def across_runs(paths):
    """The summary over several runs of interleave.py."""
    runs = [json.load(open(p)) for p in paths]
    per_run = [summarise(r["main"]) for r in runs]
    lines = ["| work | target | median ratio, run by run | worst round of all | CPU-time median, run by run "
             "| median met in every run | worst round met | slowest iteration at equal counts, run by run "
             "(target ≥ 1 for the recurrent models) | met in every run |", "|---|---|---|---|---|---|---|---|---|"]
    text = []
    for i, first in enumerate(per_run[0]):
        rows = [rs[i] for rs in per_run]
        goal = first["target"]
        medians = ", ".join(f"{r['ratio']:.2f}" for r in rows)
        worst = min(r["low"] for r in rows)
        cpu = ", ".join(f"{r['cpu_ratio']:.2f}" for r in rows if r["cpu_ratio"])
        met_median = "" if goal is None else ("yes" if all(r["ratio"] >= goal for r in rows) else "NO")
        met_worst = "" if goal is None else ("yes" if worst >= goal else "NO")
        slowest = ", ".join(f"{r['slowest_equal_ratio']:.2f}" for r in rows if r["slowest_equal_ratio"])
        met_slowest = ("" if first["kind"] not in MATRICES
                       else "yes" if all(r["slowest_equal_ratio"] >= SLOWEST_TARGET for r in rows) else "NO")
        lines.append(f"| {name(first['kind'], first['size'])} | {'≥ %g' % goal if goal else ''} | {medians} | "
                     f"{worst:.2f} | {cpu} | {met_median} | {met_worst} | {slowest} | {met_slowest} |")
        text.append(f"{short(first['kind'], first['size']):<22}{'≥ %g' % goal if goal else '':>7}  medians {medians:<24}"
                    f" worst {worst:<6.2f} CPU {cpu:<24} median met: {met_median or '-':<4} worst met: {met_worst or '-':<4}"
                    f" slowest (equal counts) {slowest:<18} met: {met_slowest or '-'}")
    loads = "; ".join(f"run {k + 1}: load {r['load_average_start'][0]:.2f} → {r['load_average_end'][0]:.2f}"
                      for k, r in enumerate(runs))
    out = os.path.dirname(os.path.dirname(os.path.abspath(paths[0])))
    head = f"{len(runs)} side-by-side runs ({loads}, 1-minute load averages on {runs[0]['machine']['cores']} cores)"
    print(head + "\n" + "\n".join(text))
    with open(os.path.join(out, "summary.txt"), "w") as f:
        f.write(head + "\n" + "\n".join(text) + "\n")
    with open(os.path.join(out, "summary.md"), "w") as f:
        f.write(head + "\n\n" + "\n".join(lines) + "\n")
    last = next((r for r in reversed(runs) if r["scaling"]), None)
    if last:
        by_t, by_n = scaling_points(summarise(last["scaling"]))
        with open(os.path.join(out, "scaling.svg"), "w") as f:
            f.write(scaling_svg(by_t, by_n))
        chart = (text_chart("LSTM forward + BPTT, B 32, N 128: time against T", "T steps", by_t, 1) + "\n\n"
                 + text_chart("LSTM forward + BPTT, B 32, T 100: time against N", "N = input = hidden", by_n, 2))
        with open(os.path.join(out, "scaling.txt"), "w") as f:
            f.write(chart + "\n")
        print("\n" + chart)


def main():
    if sys.argv[1] == "--runs":
        across_runs(sys.argv[2:])
        return
    path = sys.argv[1]
    out = os.path.dirname(os.path.abspath(path))
    record = json.load(open(path))
    m = record["machine"]
    rows = summarise(record["main"])
    load = (f"load average {record['load_average_start'][0]:.2f} (1 min) at the start, "
            f"{record['load_average_end'][0]:.2f} at the end, on {m['cores']} cores")
    about = (f"{m['cores']} cores, {m['cpu']}{' with AVX-512' if m['avx512'] else ''}, {m['java']}, "
             f"matrix kernel: {m['kernel']}; PyTorch {m['torch']} on {os.path.basename(os.path.dirname(m['blas']))} "
             f"({m['blas']}), 1 thread, float64; "
             f"{record['rounds']} interleaved rounds of {record['seconds_per_turn']} s per benchmark and side; {load}")
    text = [about, "", text_table(rows),
            "ratio = PyTorch time / Java time (above 1: Java is faster), median over rounds; spread = lowest–highest "
            "round; worst = the lowest round; times = median over rounds of each round's median run; "
            "slowest = the single slowest run of all rounds; equal n = the same ratio with Java's run of the rank "
            "PyTorch's slowest holds (its (runs / PyTorch's runs)-th slowest), as many chances on each side; "
            "fastest = ratio of the fastest single runs; "
            "CPU ratio = the same median ratio on process CPU time (time waiting for a core left out), and its worst round"]
    md = [about, "", markdown_table(rows)]
    if record["scaling"]:
        srows = summarise(record["scaling"])
        by_t, by_n = scaling_points(srows)
        with open(os.path.join(out, "scaling.svg"), "w") as f:
            f.write(scaling_svg(by_t, by_n))
        table = scaling_markdown(srows)
        with open(os.path.join(out, "scaling.md"), "w") as f:
            f.write(table + "\n")
        text += ["", "scaling (LSTM, B 32), figure in scaling.svg:", table]
        md += ["", table]
    print("\n".join(text))
    with open(os.path.join(out, "report.txt"), "w") as f:
        f.write("\n".join(text) + "\n")
    with open(os.path.join(out, "report.md"), "w") as f:
        f.write("\n".join(md) + "\n")


if __name__ == "__main__":
    main()
