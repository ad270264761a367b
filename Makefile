# gradnotes: the two commands are `make` (set up, build, run every notebook, write the handouts)
# and `make test` (everything `make` does, checked: unit tests, kernel, notebooks, JupyterLab and
# the handouts in a browser). Each step is skipped when its inputs did not change.

# KERNEL=jjava (default): JJava, the IJava line, installed from PyPI into build/venv as kernelspec
# "java"; Jupyter and everything Python come from build/venv, and Jupyter's paths point into
# build/jupyter, so nothing outside the project is read or written.
# KERNEL=path (or ijava): the Jupyter on your PATH and whichever "java" kernelspec it finds: IJava
# 1.3, or JJava in the conda environment of environment.yml. Nothing is installed for it.
KERNEL ?= jjava
export KERNEL
VENV := $(CURDIR)/build/venv
ifeq ($(KERNEL),jjava)
PYTHON := $(VENV)/bin/python
export JUPYTER_PATH := $(VENV)/share/jupyter
export JUPYTER_CONFIG_DIR := $(CURDIR)/build/jupyter/config
export JUPYTER_DATA_DIR := $(CURDIR)/build/jupyter/data
export JUPYTER_RUNTIME_DIR := $(CURDIR)/build/jupyter/runtime
else ifneq ($(filter $(KERNEL),path ijava),)
PYTHON := python3
else
$(error KERNEL=$(KERNEL): choose jjava (default) or path; see README, Kernels)
endif

JAR := lib/target/gradnotes.jar
KERNELSPEC := $(VENV)/share/jupyter/kernels/java/kernel.json
LIB_SOURCES := $(shell find lib/src/main -type f -not -path '*/node_modules/*' 2>/dev/null) pom.xml lib/pom.xml

.PHONY: all setup setup-test lib kernel kernel-archive notebooks handouts lab test unit-test bench-test kernel-test notebook-test \
        lab-test browser-test deploy-test bench clean

all: handouts
	@echo "handouts: build/handouts/index.html"

setup:
	@tools/setup-system.sh
ifeq ($(KERNEL),jjava)
	@tools/setup-venv.sh
	@tools/install-kernel.sh
endif

setup-test:
	@tools/setup-system.sh --test

lib: $(JAR)

$(JAR): $(LIB_SOURCES)
	mvn -q -B -ntp -pl lib package -DskipTests
	@touch $(JAR)

kernel: setup kernel-archive

# The kernel's class-data sharing archive, which makes it start faster (tools/kernel-archive.py):
# made again only when the library jar, the kernel, its JVM options or the JDK changed.
kernel-archive: setup $(JAR)
ifeq ($(KERNEL),jjava)
	@$(PYTHON) tools/kernel-archive.py
endif

notebooks: kernel-archive
	$(PYTHON) tools/notebooks.py execute

# student notebooks (nbgrader generate_assignment), run, then every handout page
handouts: notebooks
	$(PYTHON) tools/notebooks.py students
	$(PYTHON) tools/notebooks.py execute --source build/student --into build/student-executed
	$(PYTHON) tools/notebooks.py handouts

# JupyterLab on http://127.0.0.1:8888 with the notebooks and the kernel ready (as root too).
lab: kernel-archive
	@tools/lab.sh $(PYTHON)

test: setup setup-test unit-test bench-test kernel-test notebook-test browser-test lab-test deploy-test

unit-test:
	mvn -B -ntp verify
	@touch $(JAR)

# the benchmark report's measures, on made-up rounds (the benchmarks themselves: make bench)
bench-test: setup
	$(PYTHON) tests/bench/test_report.py

kernel-test: kernel-archive
	$(PYTHON) tests/kernel/test_starts.py
	$(PYTHON) tests/kernel/test_starter.py
	$(PYTHON) tests/kernel/test_kernel_cpu.py
	$(PYTHON) tests/kernel/test_conformance.py
	$(PYTHON) tests/kernel/test_rebuild.py

notebook-test: kernel-archive
	$(PYTHON) tests/notebooks/test_runner.py
	$(PYTHON) tools/notebooks.py execute
	$(PYTHON) tests/notebooks/test_timings.py
	$(PYTHON) tests/notebooks/test_repeatable.py
	$(PYTHON) tools/notebooks.py students
	$(PYTHON) tools/notebooks.py execute --source build/student --into build/student-executed
	$(PYTHON) tests/notebooks/test_readable.py --self-test
	$(PYTHON) tools/notebooks.py handouts
	$(PYTHON) tests/notebooks/test_leaks.py --self-test
	$(PYTHON) tests/notebooks/test_nbgrader.py

browser-test: tests/browser/node_modules/.package-lock.json
	node tests/browser/check-handouts.mjs build/handouts

lab-test: kernel-archive tests/browser/node_modules/.package-lock.json
	$(PYTHON) tests/browser/run-lab.py

# the Binder / JupyterHub image recipe (.binder/), checked without a Docker engine
deploy-test:
	tests/deploy/test_binder.sh

tests/browser/node_modules/.package-lock.json: tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error

# Benchmarks against PyTorch and of the notebook suite; minutes, not part of `make test`.
bench: kernel-archive
	bench/run.sh
	bench/notebooks.sh

clean:
	rm -rf build
	mvn -q clean
