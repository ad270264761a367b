#!/usr/bin/env bash
# Starts JupyterLab on the notebooks, on 127.0.0.1 only. Root is allowed (Jupyter refuses it
# unless told), since `make` is often run as root on a course machine or in a container.
#   lab.sh PYTHON [extra jupyter-lab options]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
python=$1; shift
args=(--ip=127.0.0.1 --no-browser "--ServerApp.root_dir=$root/notebooks")
[ "$(id -u)" -eq 0 ] && args+=(--allow-root)
# a warm kernel host for the first notebook opened (tools/warm-host.py), made while JupyterLab starts
"$python" "$root/tools/warm-host.py" > /dev/null &
exec "$python" -m jupyterlab "${args[@]}" "$@"
