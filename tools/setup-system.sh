#!/usr/bin/env bash
# Installs the system packages gradnotes needs, from Debian, when they are missing.
#   setup-system.sh          MathJax for the offline handouts, and Python's venv module
#   setup-system.sh --test   also Chromium, for the browser tests
# Java 17, Maven, Node/npm and Python 3 are expected on the machine already (see README).
# Everything on the Python side (Jupyter, the kernel) goes into build/venv: tools/setup-venv.sh.
set -euo pipefail

packages=(libjs-mathjax)
python=${PYTHON3:-python3}
"$python" -c 'import ensurepip, venv' 2>/dev/null || packages+=(python3-venv)
[ "${1:-}" = "--test" ] && packages+=(chromium)

for tool in java mvn npm "$python"; do
  command -v "$tool" >/dev/null || { echo "setup: '$tool' is not on PATH; gradnotes needs JDK 17, Maven, Node.js with npm and Python 3" >&2; exit 1; }
done

if ! command -v dpkg-query >/dev/null; then
  # not Debian: MathJax and Chromium come from the user's own system (see README)
  echo "setup: not a Debian system; install MathJax 2.7 (and Chromium for the tests) yourself"
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { echo "setup: system packages present"; exit 0; }

echo "setup: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "setup: need root to run: apt-get install ${missing[*]}" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
