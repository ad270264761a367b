#!/usr/bin/env bash
# Times the notebook suite: every notebook executed afresh and both handout sets built, per notebook
# and in total, with the peak resident memory of each notebook's kernel (sampled from /proc every
# 0.2 s while the suite runs). Results in build/bench/notebooks.txt.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/build/bench"
mkdir -p "$out"
export JUPYTER_PATH="$root/build/venv/share/jupyter"
python="$root/build/venv/bin/python"
peaks="$out/kernel-rss.txt"
: > "$peaks"
(
  while sleep 0.2; do
    for pid in $(pgrep -f jjava.jar || true); do
      rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
      [ -n "$rss" ] && echo "$pid $rss" >> "$peaks"
    done
  done
) &
sampler=$!
start=$(date +%s.%N)
"$python" "$root/tools/notebooks.py" execute --force
"$python" "$root/tools/notebooks.py" handouts
end=$(date +%s.%N)
kill "$sampler" 2>/dev/null || true
{
  echo "notebook suite: $(echo "$end - $start" | bc) s wall time for execution of every notebook and both handout sets"
  "$python" - "$root/build/executed/timings.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
for name, r in sorted(t.items()):
    slow = max(r["cells"], key=lambda c: c["seconds"])
    print(f"  {name:<24} {r['seconds']:6.1f} s   slowest cell {slow['cell']:>3}: {slow['seconds']:.2f} s")
PY
  echo "kernel peak resident memory (VmHWM, MiB) per kernel process: $(sort -k1,1 -k2,2n "$peaks" | awk '{m[$1]=$2} END {for (p in m) printf "%d ", m[p]/1024}')"
} | tee "$out/notebooks.txt"
