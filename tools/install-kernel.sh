#!/usr/bin/env bash
# Makes the JJava kernelspec "java" that the jjava package installed into a Python environment ready for
# gradnotes: the Vector API module for the library's kernels, a heap for the larger examples, and a
# name that says which kernel it is. The jars stay where pip put them ({resource_dir}), so the
# kernelspec holds no absolute path and survives the project being moved or copied.
#   install-kernel.sh [PYTHON]   the environment's interpreter (default: build/venv/bin/python)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
python=${1:-$root/build/venv/bin/python}
prefix=$("$python" -c 'import sys; print(sys.prefix)')
spec="$prefix/share/jupyter/kernels/java"
[ -f "$spec/jjava.jar" ] || { echo "install-kernel: $spec/jjava.jar is missing: install tools/requirements.txt into that environment first (make setup)" >&2; exit 1; }
version=$("$python" -m pip show jjava | sed -n 's/^Version: //p')

# The kernel's JVM is started directly, with the options JJava's launcher would add
# (--add-opens for JShell), rather than through jjava-launcher.jar, which would start a second JVM
# first: half a second or more of every kernel start. With the class-data sharing archive that
# tools/kernel-archive.py makes (gradnotes.jsa, next to the jars) the JVM maps the classes of
# javac, JShell, JJava and the library instead of loading them; CDS's own messages are off, so a
# stale archive (another JDK) is skipped silently.
cds=""
[ -f "$spec/gradnotes.jsa" ] && cds='"-XX:SharedArchiveFile={resource_dir}/gradnotes.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", '
cat > "$spec/kernel.json.tmp" <<JSON
{
  "argv": ["java", "-Xmx1g", "-XX:+UseSerialGC", "--add-modules", "jdk.incubator.vector",
           "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED", $cds
           "-jar", "{resource_dir}/jjava.jar", "{connection_file}"],
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
echo "install-kernel: kernelspec 'java' (JJava $version$([ -n "$cds" ] && echo ", CDS archive")) in $spec"
