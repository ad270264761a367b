#!/usr/bin/env bash
# Times the notebook suite: every notebook executed afresh and both handout sets built, per notebook
# and in total, with the peak resident memory of each notebook's kernel and where its CPU time went
# while they are executed (JIT compilers, JShell compiling the cells, the cells themselves;
# bench/kernel_cpu.py), and whether issue 17's target for the suite is met (within 45 s);
# then bench/opening.py times opening each notebook alone and judges the target for that (library
# ready, second code cell done, within 2.5 s of the kernel's start).
# The machine's load average goes with the figures, and its speed: a calibration (a scalar loop and
# a small model's training, gradnotes.bench.Calibration) runs before and after the suite, so that
# suites timed on different days can be compared. Results in build/bench/notebooks.txt.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/build/bench"
mkdir -p "$out"
export JUPYTER_PATH="$root/build/venv/share/jupyter"
python="$root/build/venv/bin/python"
# the calibration runs on the kernel's JDK, with the kernel's vector module and collector
java=$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["java"][0])' \
       "$JUPYTER_PATH/kernels/java/host.json")
[ -f "$root/bench/target/benchmarks.jar" ] || mvn -q -B -f "$root/pom.xml" -pl lib,bench -am package -DskipTests
calibrate() {
  "$java" --add-modules jdk.incubator.vector -XX:+UseSerialGC -cp "$root/bench/target/benchmarks.jar" \
    gradnotes.bench.Calibration 2>/dev/null
}
calibration_before=$(calibrate)
# the suite starts cold: no kernel host (gradnotes.kernel.Host) left warm by an earlier run; the
# first notebook of each lane starts one, and the notebooks after it run on that host, warm
"$python" "$JUPYTER_PATH/kernels/java/gradnotes-kernel.py" --stop
# every kernel's peak memory and its threads' CPU time, by what they do (bench/kernel_cpu.py)
kernels="$out/kernel-cpu.json"
"$python" "$root/bench/kernel_cpu.py" "$kernels" &
sampler=$!
load_before=$(cut -d' ' -f1 /proc/loadavg)
start=$(date +%s.%N)
"$python" "$root/tools/notebooks.py" execute --force
executed=$(date +%s.%N)
kill -TERM "$sampler" 2>/dev/null || true
wait "$sampler" || true
# the student notebooks (nbgrader), executed with every answer empty, then both handout sets
"$python" "$root/tools/notebooks.py" students
"$python" "$root/tools/notebooks.py" execute --force --source "$root/build/student" --into "$root/build/student-executed"
"$python" "$root/tools/notebooks.py" handouts
end=$(date +%s.%N)
calibration_after=$(calibrate)
{
  echo "before the suite, $calibration_before"
  echo "after the suite,  $calibration_after"
  echo "notebook suite: $(echo "$end - $start" | bc) s wall time for executing every notebook, the student notebooks and both handout sets" \
       "($(echo "$executed - $start" | bc) s executing the notebooks, two at a time; load average $load_before before," \
       "$(cut -d' ' -f1 /proc/loadavg) after, on $(nproc) cores)"
  "$python" - "$root/build/executed/timings.json" "$(echo "$executed - $start" | bc)" <<'PY'
import json, sys
SUITE_TARGET = 45.0  # seconds (issue 17)
t = json.load(open(sys.argv[1]))["notebooks"]
for name, r in sorted(t.items(), key=lambda kv: -kv[1]["seconds"]):
    slow = sorted(r["cells"], key=lambda c: -c["seconds"])[:3]
    print(f"  {name:<24} {r['seconds']:6.1f} s   library ready {r['open_seconds']:4.1f} s after kernel start"
          f"   slowest cells " + ", ".join(f"{c['cell']}: {c['seconds']:.1f} s" for c in slow))
worst = max(r["open_seconds"] for r in t.values())
suite = float(sys.argv[2])
print(f"library ready after kernel start, two notebooks at a time: at most {worst:.1f} s "
      f"(the target is judged opening a notebook alone, below)")
print(f"target: every notebook executed afresh in <= {SUITE_TARGET:.0f} s: "
      f"{'met' if suite <= SUITE_TARGET else 'not met'} ({suite:.1f} s)")
PY
  "$python" - "$kernels" <<'PY'
import json, sys
k = json.load(open(sys.argv[1]))
print("kernel JVMs' peak resident memory (VmHWM, MiB; a kernel host runs several notebooks): "
      + " ".join(str(r["peak_mib"]) for r in k.values()))
total = {}
for r in k.values():
    for g, s in r["cpu_seconds"].items():
        total[g] = total.get(g, 0) + s
cpu = sum(total.values())
print(f"CPU time of the {len(k)} kernel JVMs executing the notebooks: {cpu:.1f} s, of which "
      + ", ".join(f"{g} {s:.1f} s ({100 * s / cpu:.0f} %)" for g, s in total.items()))
PY
  # what a student waits for on opening a notebook, with nothing else running (the suite's figure
  # above has two notebooks competing for the two cores)
  "$python" "$root/bench/opening.py"
} | tee "$out/notebooks.txt"
