"""Writes reference values as plain text fixtures that the Java tests read (gradnotes.testing.Reference).

Format: one matrix per line, `name rows cols v11 v12 ... vrc` (row-major, repr precision).
Vectors are written as columns (n x 1), scalars as 1 x 1. Lines starting with '#' are comments.
Run the generators with Debian's interpreter: /usr/bin/python3 lib/src/test/python/make_<model>.py
"""
import pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "resources" / "reference"


def _matrix(value):
    import numpy as np
    a = value.detach().double().numpy() if hasattr(value, "detach") else np.asarray(value, dtype=float)
    if a.ndim == 0:
        a = a.reshape(1, 1)
    elif a.ndim == 1:
        a = a.reshape(-1, 1)
    elif a.ndim > 2:
        raise ValueError(f"only scalars, vectors and matrices can be written, got shape {a.shape}")
    return a


def save(name, comment, **arrays):
    """Writes OUT/name.txt with one line per array (keyword order is kept)."""
    OUT.mkdir(parents=True, exist_ok=True)
    lines = [f"# {line}" for line in comment.strip().splitlines()]
    for key, value in arrays.items():
        a = _matrix(value)
        values = " ".join(repr(float(v)) for v in a.reshape(-1))
        lines.append(f"{key} {a.shape[0]} {a.shape[1]} {values}")
    path = OUT / f"{name}.txt"
    path.write_text("\n".join(lines) + "\n")
    print(f"wrote {path} ({len(arrays)} arrays)")
