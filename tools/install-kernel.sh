#!/usr/bin/env bash
# Makes the JJava kernelspec "java" that the jjava package installed into a Python environment ready for
# gradnotes: the Vector API module for the library's kernels, a heap for the larger examples, and a
# name that says which kernel it is. The jars stay where pip put them ({resource_dir}), so the
# kernelspec holds no path into the project and survives the project being moved or copied; the only
# absolute path in it is the JDK's.
#   install-kernel.sh [PYTHON]   the environment's interpreter (default: build/venv/bin/python)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
python=${1:-$root/build/venv/bin/python}
prefix=$("$python" -c 'import sys; print(sys.prefix)')
spec="$prefix/share/jupyter/kernels/java"
[ -f "$spec/jjava.jar" ] || { echo "install-kernel: $spec/jjava.jar is missing: install tools/requirements.txt into that environment first (make setup)" >&2; exit 1; }
version=$("$python" -m pip show jjava | sed -n 's/^Version: //p')

# The JDK the kernel runs on: the newest one, 17 or later, with JShell and the Vector API, among
# `java` on PATH, $JAVA_HOME and /usr/lib/jvm; GRADNOTES_JAVA=/path/to/bin/java chooses one. A newer
# JDK runs the same notebooks faster (JDK 25 against 17: id2223's trainings in less than half the
# time) and to the same bits (lib: SameRoundingTest).
feature() {  # the JDK's feature version (17, 21, 25...), or nothing if it is not a usable JDK
  "$1" --list-modules 2>/dev/null | grep -q '^jdk.incubator.vector@' || return 0
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p'
}
if [ -n "${GRADNOTES_JAVA:-}" ]; then
  java=$GRADNOTES_JAVA
  [ -n "$(feature "$java")" ] || { echo "install-kernel: GRADNOTES_JAVA=$java is not a JDK with JShell and the Vector API" >&2; exit 1; }
else
  java= best=0
  for candidate in "$(command -v java || true)" "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    v=$(feature "$candidate")
    if [ -n "$v" ] && [ "$v" -ge 17 ] && [ "$v" -gt "$best" ]; then java=$(readlink -f "$candidate") best=$v; fi
  done
  [ -n "$java" ] || { echo "install-kernel: no JDK 17 or later found (java on PATH, JAVA_HOME, /usr/lib/jvm); set GRADNOTES_JAVA" >&2; exit 1; }
fi
version_of_java=$(feature "$java")

# The kernel's own starter, gradnotes-kernel.jar (tools/kernel/): JJava's kernel, magics and JJAVA_*
# settings, on a shell channel that takes each request as it arrives, where JJava's polls every
# 50 ms (every cell waited up to 50 ms before it started). Compiled here, against the jjava.jar it
# runs with, by the kernel's JDK; a JJava whose classes it no longer fits fails here, not in a cell.
# Made again only when its sources, jjava.jar or the JDK change (the archive below depends on it).
jdk_bin=$(dirname "$java")
[ -x "$jdk_bin/javac" ] || { echo "install-kernel: $jdk_bin has no javac: the kernel needs a JDK, not a JRE" >&2; exit 1; }
sources=("$root"/tools/kernel/gradnotes/kernel/*.java)
made_from=$( (cat "${sources[@]}" "$spec/jjava.jar"; echo "$java") | sha256sum | cut -d' ' -f1)
if [ ! -f "$spec/gradnotes-kernel.jar" ] || [ "$(cat "$spec/gradnotes-kernel.jar.key" 2>/dev/null)" != "$made_from" ]; then
  classes=$(mktemp -d)
  trap 'rm -rf "$classes"' EXIT
  "$jdk_bin/javac" --release 17 -cp "$spec/jjava.jar" -d "$classes" "${sources[@]}"
  "$jdk_bin/jar" --create --file "$spec/gradnotes-kernel.jar.tmp" -C "$classes" .
  mv "$spec/gradnotes-kernel.jar.tmp" "$spec/gradnotes-kernel.jar"
  echo "$made_from" > "$spec/gradnotes-kernel.jar.key"
fi

# The kernel's JVM is started directly, with the options JJava's launcher would add
# (--add-opens for JShell), rather than through jjava-launcher.jar, which would start a second JVM
# first: half a second or more of every kernel start. With the archive that tools/kernel-archive.py
# makes next to the jars the JVM maps the classes of javac, JShell and JJava instead of loading them:
# on JDK 25 and later an AOT cache (gradnotes.aot, which also holds the methods' profiles), before
# that a class-data sharing archive (gradnotes.jsa). Their own messages are off, so a stale archive
# (another JDK) is skipped silently.
archive=""
if [ "$version_of_java" -ge 25 ]; then
  [ -f "$spec/gradnotes.aot" ] && archive='"-XX:AOTCache={resource_dir}/gradnotes.aot", "-Xlog:aot=off", "-Xlog:cds=off", '
else
  [ -f "$spec/gradnotes.jsa" ] && archive='"-XX:SharedArchiveFile={resource_dir}/gradnotes.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", '
fi
# JDK 24 and later warn on stderr when a library calls sun.misc.Unsafe's memory methods (classgraph,
# in Tablesaw's plotting, does); the option (JDK 23 and later) allows them without the warning.
[ "$version_of_java" -ge 23 ] && archive+='"--sun-misc-unsafe-memory-access=allow", '
# The JVM's command line, without its main class: gradnotes-kernel.py (below) starts it as a kernel
# host (gradnotes.kernel.Host), which runs one kernel after another, or, with GRADNOTES_KERNEL_HOST=0,
# as a single kernel (gradnotes.kernel.Main); tools/kernel-archive.py starts it to make the archive.
# The second --add-opens lets a host share the library's classes between its kernels (SharedJars.java).
cat > "$spec/host.json.tmp" <<JSON
{
  "java": ["$java", "-Xmx1g", "-XX:+UseSerialGC", "--add-modules", "jdk.incubator.vector",
           "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED", "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
           $archive
           "-cp", "{resource_dir}/gradnotes-kernel.jar:{resource_dir}/jjava.jar"]
}
JSON
mv "$spec/host.json.tmp" "$spec/host.json"
cp "$root/tools/kernel/gradnotes-kernel.py" "$spec/gradnotes-kernel.py"
# "python3": Jupyter starts the kernel with its own Python (jupyter_client replaces the name with
# sys.executable), so the kernelspec names no path at all; the script needs only the standard library.
cat > "$spec/kernel.json.tmp" <<JSON
{
  "argv": ["python3", "{resource_dir}/gradnotes-kernel.py", "{connection_file}"],
  "display_name": "Java (gradnotes)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {
    "JJAVA_COMPILER_OPTS": ""
  },
  "metadata": {"gradnotes": {"kernel": "jjava", "version": "$version"}}
}
JSON
mv "$spec/kernel.json.tmp" "$spec/kernel.json"
echo "install-kernel: kernelspec 'java' (JJava $version on JDK $version_of_java, $java$(grep -q 'AOTCache\|SharedArchive' "$spec/host.json" && echo ", with its archive"), on warm kernel hosts) in $spec"
