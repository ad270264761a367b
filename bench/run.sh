#!/usr/bin/env bash
# Benchmarks the library against PyTorch on this machine, in one run: JMH for Java, then the same
# work in PyTorch, then a side-by-side table. Takes a few minutes. Results go to build/bench/.
# Needs Debian's python3-torch (installed here if missing). Not part of `make test`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/build/bench"
mkdir -p "$out"
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "bench: installing Debian's python3-torch"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -q && apt-get install -y -q python3-torch; else sudo apt-get install -y -q python3-torch; fi
fi
echo "bench: building"
mvn -q -B -f "$root/pom.xml" -pl lib,bench -am package -DskipTests
echo "bench: machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "bench: Java (JMH, 1 fork, 3 × 1 s warm-up, 5 × 1 s measurement per benchmark)"
java -jar "$root/bench/target/benchmarks.jar" -f 1 -wi 3 -w 1s -i 5 -r 1s -rf json -rff "$out/jmh.json" > "$out/jmh.log"
tail -n 16 "$out/jmh.log"
echo "bench: PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'), 1 thread, float64"
/usr/bin/python3 "$root/bench/torch_bench.py" --threads 1 | tee "$out/torch.txt"
echo
/usr/bin/python3 "$root/bench/report.py" "$out/jmh.json" "$out/torch.txt" | tee "$out/report.txt"
