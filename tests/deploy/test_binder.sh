#!/usr/bin/env bash
# Checks the image recipe that repo2docker reads (.binder/: Binder, and JupyterHub images built with
# repo2docker) as far as a machine without a Docker engine allows: the system packages it names
# exist in the package index, and a clean copy of the repository, set up exactly as the image
# build does (a fresh Python environment from .binder/requirements.txt, then .binder/postBuild),
# starts the kernel from that environment alone and runs the index notebook.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work="$root/build/deploy-test"
rm -rf "$work" && mkdir -p "$work/repo"

missing=()
while read -r pkg; do
  [ -z "$pkg" ] || [ "${pkg#\#}" != "$pkg" ] && continue
  apt-cache show "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done < "$root/.binder/apt.txt"
[ ${#missing[@]} -eq 0 ] || { echo "FAIL .binder/apt.txt names packages the index does not have: ${missing[*]}"; exit 1; }
echo "ok   .binder/apt.txt: every package is in the package index"

# the repository as a clone has it: tracked files only, no build/, no node_modules
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} cp --parents {} "$work/repo/")
python3 -m venv "$work/env"
"$work/env/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$work/repo/.binder/requirements.txt"
(cd "$work/repo" && PATH="$work/env/bin:$PATH" .binder/postBuild) > "$work/postBuild.log" 2>&1 \
  || { echo "FAIL .binder/postBuild (log: $work/postBuild.log)"; tail -20 "$work/postBuild.log"; exit 1; }
echo "ok   .binder/postBuild built the library and readied the kernelspec"

# only what the image would have: no JUPYTER_PATH, an empty user data directory
env -u JUPYTER_PATH JUPYTER_DATA_DIR="$work/user-data" JUPYTER_CONFIG_DIR="$work/user-config" \
  JUPYTER_RUNTIME_DIR="$work/runtime" "$work/env/bin/python" - "$work/repo/notebooks/index.ipynb" <<'PY'
import sys, nbformat
from nbclient import NotebookClient
from jupyter_client.kernelspec import KernelSpecManager
spec = KernelSpecManager().get_kernel_spec("java")
assert spec.display_name == "Java (gradnotes)", f"kernelspec java is {spec.display_name!r}, not the project's"
nb = nbformat.read(sys.argv[1], 4)
NotebookClient(nb, timeout=120, startup_timeout=60, kernel_name="java",
               resources={"metadata": {"path": sys.argv[1].rsplit("/", 1)[0]}}).execute()
errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"
          or (o.output_type == "stream" and o.name == "stderr")]
figures = [o for c in nb.cells for o in c.get("outputs", []) if "application/vnd.plotly.v1+json" in o.get("data", {})]
assert not errors, f"the index notebook failed in the image's environment: {errors[0]}"
assert figures, "the index notebook drew no figure in the image's environment"
print(f"ok   the kernel from the image's environment ran the index notebook ({len(figures)} figure)")
PY
