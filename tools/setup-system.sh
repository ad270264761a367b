#!/usr/bin/env bash
# Installs the system packages gradnotes needs, from Debian, when they are missing.
#   setup-system.sh          Jupyter (classic Notebook, nbconvert, nbclient) and MathJax: enough to
#                            run the notebooks and build the handouts
#   setup-system.sh --test   also Chromium, for the browser test of the handouts
# Java 17, Maven and Node/npm are expected on the machine already (see README).
set -euo pipefail

packages=(jupyter-notebook jupyter-nbconvert python3-nbclient libjs-mathjax)
[ "${1:-}" = "--test" ] && packages+=(chromium)

if ! command -v dpkg-query >/dev/null; then
  # not Debian: Jupyter comes from the user's own environment (environment.yml)
  command -v jupyter >/dev/null || { echo "setup: no Jupyter on PATH; create the conda environment in environment.yml" >&2; exit 1; }
  echo "setup: not a Debian system; using the Jupyter on PATH"
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
for tool in java mvn npm; do
  command -v "$tool" >/dev/null || { echo "setup: '$tool' is not on PATH; gradnotes needs JDK 17, Maven and Node.js with npm" >&2; exit 1; }
done
[ ${#missing[@]} -eq 0 ] && { echo "setup: system packages present"; exit 0; }

echo "setup: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "setup: need root to run: apt-get install ${missing[*]}" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q "${missing[@]}"
