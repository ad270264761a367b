#!/usr/bin/env python3
"""Starts a real JupyterLab (from build/venv, with the project's kernelspec) on a copy of the
notebooks and drives it in headless Chromium with check-lab.mjs: Run All, plots, math, save and
reload, untrusted notebooks, Run All twice, interrupt, Restart & Run All. The sources in
notebooks/ are never touched: the server works on build/lab-test/, where notebooks/ is a fresh
copy and lib/ points at the project's library, so each notebook's first cell finds the jar. As
`make lab` does, a warm kernel host is made for that folder first (tools/warm-host.py).

  run-lab.py [NAME ...]      (default: every notebook)

Screenshots go to build/screenshots/lab/, the server's log to build/lab-test/server.log.
"""
import os
import pathlib
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
WORK = ROOT / "build" / "lab-test"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(names):
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "notebooks").mkdir(parents=True)
    (WORK / "lib").symlink_to(ROOT / "lib")
    sources = sorted((ROOT / "notebooks").glob("*.ipynb"))
    chosen = [p for p in sources if not names or p.stem in names]
    if names and len(chosen) != len(names):
        raise SystemExit(f"no such notebooks: {sorted(set(names) - {p.stem for p in chosen})}")
    for p in chosen:
        shutil.copy2(p, WORK / "notebooks" / p.name)
    shutil.copy2(ROOT / "notebooks" / "index.ipynb", WORK / "notebooks" / "index.ipynb")  # for the warm-up
    # notebooks executed elsewhere (by nbclient, unsigned): JupyterLab opens them untrusted
    executed = ROOT / "build" / "executed"
    (WORK / "executed").mkdir()
    (WORK / "executed" / "lib").symlink_to(ROOT / "lib")
    for p in chosen:
        if (executed / p.name).exists():
            shutil.copy2(executed / p.name, WORK / "executed" / p.name)
    # a scratch notebook for the interrupt test
    (WORK / "notebooks" / "scratch-interrupt.ipynb").write_text("""{
 "cells": [
  {"cell_type": "code", "execution_count": null, "id": "s1", "metadata": {}, "outputs": [], "source": ["while (true) {}"]},
  {"cell_type": "code", "execution_count": null, "id": "s2", "metadata": {}, "outputs": [], "source": ["System.out.println(\\"after the interrupt\\");"]}
 ],
 "metadata": {"kernelspec": {"name": "java", "display_name": "Java (gradnotes)", "language": "java"}},
 "nbformat": 4, "nbformat_minor": 5
}
""")
    settings = WORK / "settings" / "@jupyterlab"
    # no "what's new" banner asking to fetch news from the internet
    (settings / "apputils-extension").mkdir(parents=True)
    (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false", "checkForUpdates": false}')
    return [p.stem for p in chosen]


def main():
    names = prepare(sys.argv[1:])
    port, token = free_port(), secrets.token_hex(16)
    args = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            f"--ServerApp.token={token}", f"--ServerApp.root_dir={WORK}",
            "--LabApp.expose_app_in_browser=True", f"--LabApp.user_settings_dir={WORK / 'settings'}",
            f"--LabApp.workspaces_dir={WORK / 'workspaces'}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.news_url=None"]
    if os.geteuid() == 0:
        args.append("--allow-root")
    # as `make lab` does (tools/lab.sh): a warm kernel host for the notebooks' folder, made before the
    # first notebook opens (here before the server starts, so that it is ready whatever the timing)
    subprocess.run([sys.executable, str(ROOT / "tools" / "warm-host.py"), str(WORK / "notebooks")], check=True)
    log = open(WORK / "server.log", "w")
    server = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, cwd=WORK)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"JupyterLab did not start; its log: {WORK / 'server.log'}")
                time.sleep(0.3)
        env = dict(os.environ, LAB_URL=base, LAB_WORK=str(WORK), LAB_TOKEN=token, LAB_NOTEBOOKS=",".join(names),
                   LAB_SCREENSHOTS=str(ROOT / "build" / "screenshots" / "lab"))
        run = subprocess.run(["node", str(ROOT / "tests" / "browser" / "check-lab.mjs")], env=env)
        sys.exit(run.returncode)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
