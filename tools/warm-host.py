#!/usr/bin/env python3
"""Leaves a warm kernel host ready for the notebooks: runs the index notebook (the starting page)
on a kernel started in notebooks/, as JupyterLab starts one, and shuts the kernel down as asked, so
that its host (gradnotes.kernel.Host) stays up, its JVM started and javac and JShell compiled, for
the first notebook a student opens. `make lab` runs it in the background while JupyterLab starts.

Does nothing when the kernelspec "java" is not the project's (no gradnotes-kernel.py beside it:
`make lab KERNEL=...` with IJava, say) or GRADNOTES_KERNEL_HOST=0 is set.

  warm-host.py [FOLDER]   with the Python of the environment that holds the kernelspec; FOLDER
                          (default notebooks/) holds the notebooks and their index.ipynb
"""
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main():
    try:
        import nbformat
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
        from nbclient import NotebookClient
    except ImportError:           # an environment without nbclient: no warm-up, nothing else changes
        return

    try:
        spec = KernelSpecManager().get_kernel_spec("java")
    except NoSuchKernel:
        return
    if not (pathlib.Path(spec.resource_dir) / "gradnotes-kernel.py").exists() \
            or os.environ.get("GRADNOTES_KERNEL_HOST", "1") == "0":
        return
    # the host serves kernels started in this folder only (a kernel's working folder is its notebook's)
    index = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "notebooks").resolve() / "index.ipynb"
    nb = nbformat.read(index, as_version=4)
    client = NotebookClient(nb, kernel_name="java", timeout=120, startup_timeout=120, shutdown_kernel="graceful",
                            resources={"metadata": {"path": str(index.parent)}})
    try:
        client.execute()
    except Exception as e:  # a warm-up only: JupyterLab works without it, with a new host
        print(f"warm-host: the warm-up kernel failed ({type(e).__name__}: {e}); the first notebook opened "
              "will start a new kernel host", file=sys.stderr)


if __name__ == "__main__":
    main()
