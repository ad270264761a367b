#!/usr/bin/env bash
# Installs the Java kernel (rapaio-jupyter-kernel, from Maven Central) as kernelspec "java" in the
# project's own Jupyter data directory, build/jupyter. Nothing outside the project is written:
# the Makefile points JUPYTER_PATH there. Re-running is cheap: the jar is fetched once.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's:.*<rapaio.kernel.version>\(.*\)</rapaio.kernel.version>.*:\1:p' "$root/pom.xml")
[ -n "$version" ] || { echo "install-kernel: no <rapaio.kernel.version> in $root/pom.xml" >&2; exit 1; }

jar="$root/build/kernel/rapaio-jupyter-kernel-$version.jar"
if [ ! -f "$jar" ]; then
  echo "install-kernel: fetching io.github.padreati:rapaio-jupyter-kernel:$version"
  mvn -q -f "$root/pom.xml" -N dependency:copy \
      -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$version" \
      -DoutputDirectory="$root/build/kernel"
fi

# The kernel starts through tools/kernel/StartRapaioKernel.java, and with tools/kernel's LoopThread ahead
# of the kernel's own: together they close two start-up races that leave a kernel that never answers
# (see those files). Both are compiled against the pinned jar.
start="$root/build/kernel/start"
rm -rf "$start" && mkdir -p "$start"
javac -nowarn -cp "$jar" -d "$start" "$root/tools/kernel/StartRapaioKernel.java" \
    "$root/tools/kernel/org/rapaio/jupyter/kernel/channels/LoopThread.java"

spec="$root/build/jupyter/kernels/java"
mkdir -p "$spec"
# RJK_MIMA_CACHE (where %dependency keeps downloads) is always taken relative to the kernel jar's
# folder, so "mima_cache" means build/kernel/mima_cache.
cat > "$spec/kernel.json.tmp" <<JSON
{
  "argv": ["java", "-Xmx1g", "-XX:+UseSerialGC", "--add-modules", "jdk.incubator.vector", "-cp", "$start:$jar", "StartRapaioKernel", "{connection_file}"],
  "display_name": "Java (gradnotes)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {
    "RJK_COMPILER_OPTIONS": "",
    "RJK_TIMEOUT_MILLIS": "-1",
    "RJK_INIT_SCRIPT": "",
    "RJK_MIMA_CACHE": "mima_cache"
  },
  "metadata": {"gradnotes": {"kernel": "rapaio-jupyter-kernel", "version": "$version"}}
}
JSON
mv "$spec/kernel.json.tmp" "$spec/kernel.json"
echo "install-kernel: kernelspec 'java' (rapaio-jupyter-kernel $version) in $spec"
