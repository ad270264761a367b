#!/usr/bin/env bash
# Benchmarks the library against PyTorch on this machine, in one run: JMH for Java, then the same
# work in PyTorch, then a side-by-side table. Takes a few minutes. Results go to build/bench/.
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
echo "bench: building"
mvn -q -B -f "$root/pom.xml" -pl lib,bench -am package -DskipTests
echo "bench: machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "bench: Java (JMH, 1 fork, 3 × 2 s warm-up, 5 × 2 s measurement per benchmark; matrix kernel: Vector API)"
java -jar "$root/bench/target/benchmarks.jar" -f 1 -wi 3 -w 2s -i 5 -r 2s -rf json -rff "$out/jmh.json" > "$out/jmh.log"
tail -n 16 "$out/jmh.log"
echo "bench: PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'), 1 thread, float64, BLAS $blas"
/usr/bin/python3 "$root/bench/torch_bench.py" --threads 1 | tee "$out/torch.txt"
echo
/usr/bin/python3 "$root/bench/report.py" "$out/jmh.json" "$out/torch.txt" | tee "$out/report.txt"
