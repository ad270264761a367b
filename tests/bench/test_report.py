#!/usr/bin/env python3
"""bench/report.py's slowest-iteration measure at equal counts, on rounds whose answers are known.

In a turn the faster side runs many more times than the slower one, so its single slowest run is
the worst of far more draws. The measure compares PyTorch's slowest run with Java's run of the same
rank: with 1000 Java runs and 10 PyTorch runs, Java's 100th slowest. It must forgive one stray
Java run among a thousand, and must still catch a tail that a tenth of the runs share.
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "bench"))
from report import summarise  # noqa: E402

failed = 0


def check(ok, what, detail):
    global failed
    print(f"{'ok  ' if ok else 'FAIL'} {what}{'' if ok else ': ' + detail}")
    failed += not ok


def row(java, torch):
    entries = [{"kind": "rnn", "size": "tiny", "round": 1, "java": java, "torch": torch, "load": [1.0]}]
    return summarise(entries)[0]


def main():
    torch = [5.0] * 9 + [8.0]                    # PyTorch: 10 runs, the slowest 8 µs

    one_stray = row([1.0] * 999 + [100.0], torch)  # Java: 1000 runs of 1 µs, one of them stopped for 100 µs
    check(abs(one_stray["slowest_ratio"] - 0.08) < 1e-12, "the plain slowest-run ratio is 8 / 100",
          str(one_stray["slowest_ratio"]))
    check(one_stray["java_slowest_equal"] == 1.0 and abs(one_stray["slowest_equal_ratio"] - 8.0) < 1e-12,
          "at equal counts one stray run in a thousand is Java's 100th slowest no more: 8 / 1",
          f"{one_stray['java_slowest_equal']}, {one_stray['slowest_equal_ratio']}")

    heavy_tail = row([1.0] * 900 + [10.0] * 100, torch)  # a tenth of Java's runs take 10 µs
    check(heavy_tail["java_slowest_equal"] == 10.0 and abs(heavy_tail["slowest_equal_ratio"] - 0.8) < 1e-12,
          "a tail a tenth of the runs share is still caught: 8 / 10",
          f"{heavy_tail['java_slowest_equal']}, {heavy_tail['slowest_equal_ratio']}")

    same_counts = row([1.0, 2.0, 3.0, 4.0], [2.0, 3.0, 4.0, 6.0])  # as many runs on each side: the plain ratio
    check(same_counts["slowest_equal_ratio"] == same_counts["slowest_ratio"] == 1.5,
          "with as many runs on each side it is the plain slowest-run ratio",
          f"{same_counts['slowest_equal_ratio']}, {same_counts['slowest_ratio']}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
