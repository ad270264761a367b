#!/usr/bin/env bash
# Creates the project's Python environment, build/venv, from the pinned tools/requirements.txt:
# JupyterLab 4, Notebook 7, the JJava kernel, nbclient, nbconvert 7, nbgrader, plotly's renderer.
# Nothing is installed outside the project. Re-running is cheap: the environment is rebuilt only
# when the requirements change or the project has moved (a virtual environment holds absolute
# paths, so a moved one is made afresh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/build/venv"
requirements="$root/tools/requirements.txt"
stamp="$venv/.gradnotes"
want="$root $(sha256sum "$requirements" | cut -d' ' -f1)"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$venv/bin/python" ]; then
  echo "setup: Python environment build/venv up to date"
  exit 0
fi

python=${PYTHON3:-python3}
command -v "$python" >/dev/null || { echo "setup: no python3 on PATH (gradnotes needs Python 3.9 or newer)" >&2; exit 1; }
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 9))' \
  || { echo "setup: $("$python" --version) is too old; gradnotes needs Python 3.9 or newer" >&2; exit 1; }

[ -d "$venv" ] && echo "setup: rebuilding build/venv (requirements changed or the project moved)"
rm -rf "$venv"
echo "setup: creating build/venv from tools/requirements.txt (a minute or two, once)"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements"
echo "$want" > "$stamp"
echo "setup: build/venv ready ($("$venv/bin/jupyter-lab" --version | head -1 | sed 's/^/JupyterLab /'), jjava $("$venv/bin/python" -m pip show jjava 2>/dev/null | sed -n 's/^Version: //p'))"
