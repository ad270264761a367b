#!/usr/bin/env bash
# Benchmarks the library against PyTorch on this machine: Java and PyTorch take turns in short
# rounds (bench/interleave.py), so each round compares them under the same load, then a table with
# the median ratio, its spread over the rounds and the worst round (bench/report.py), and the
# scaling figure; three such runs, and a table over all three. About ten minutes. Results go to
# build/bench/. RUNS=3, ROUNDS=5 and SECONDS_PER_TURN=0.3 (per benchmark, side and round) change the
# length. `bench/run.sh --jmh` runs the JMH benchmarks instead
# (java -jar bench/target/benchmarks.jar, for profiling one benchmark: -prof jfr).
# Needs Debian's python3-torch (installed here if missing). Not part of `make test`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/build/bench"
mkdir -p "$out"
# python3-torch, and OpenBLAS as the BLAS it calls: without it Debian gives torch the reference BLAS,
# ten times slower at a matrix product, and the comparison would flatter the library.
need=()
/usr/bin/python3 -c 'import torch' 2>/dev/null || need+=(python3-torch)
dpkg -s libopenblas0-pthread >/dev/null 2>&1 || need+=(libopenblas0-pthread)
if [ ${#need[@]} -gt 0 ]; then
  echo "bench: installing ${need[*]} (Debian)"
  sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -q && $sudo apt-get install -y -q "${need[@]}"
fi
blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)
# the Java side runs on the kernel's JDK (tools/install-kernel.sh picks the newest, 17 or later)
spec="$root/build/venv/share/jupyter/kernels/java/host.json"
JAVA=$( [ -f "$spec" ] && python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["java"][0])' "$spec" || echo java)
export JAVA
echo "bench: building"
mvn -q -B -f "$root/pom.xml" -pl lib,bench -am package -DskipTests
echo "bench: machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $("$JAVA" -version 2>&1 | head -1) ($JAVA)"
if [ "${1:-}" = "--jmh" ]; then
  shift
  echo "bench: JMH only (1 fork, 3 × 2 s warm-up, 5 × 2 s measurement per benchmark)"
  exec "$JAVA" -jar "$root/bench/target/benchmarks.jar" -f 1 -wi 3 -w 2s -i 5 -r 2s "$@"
fi
echo "bench: PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'), 1 thread, float64, BLAS $blas"
# one thread on both sides: the BLAS keeps its own pool otherwise (torch_bench.load sets these too)
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
# RUNS side-by-side runs (3 by default), each its own rounds and report in build/bench/run-N/; the
# scaling sweep in the last run only; then one table over all runs (build/bench/summary.md)
runs=${RUNS:-3}
reports=()
for i in $(seq 1 "$runs"); do
  echo "bench: run $i of $runs"
  mkdir -p "$out/run-$i"
  scaling=--no-scaling; [ "$i" -eq "$runs" ] && scaling=
  /usr/bin/python3 "$root/bench/interleave.py" --jar "$root/bench/target/benchmarks.jar" \
    --out "$out/run-$i/rounds.json" --rounds "${ROUNDS:-5}" --seconds "${SECONDS_PER_TURN:-0.3}" $scaling
  /usr/bin/python3 "$root/bench/report.py" "$out/run-$i/rounds.json" > /dev/null
  reports+=("$out/run-$i/rounds.json")
done
echo
/usr/bin/python3 "$root/bench/report.py" --runs "${reports[@]}"
