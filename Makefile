# gradnotes: the two commands are `make` (set up, build, run every notebook, write the handouts)
# and `make test` (everything `make` does, checked: unit tests, notebooks, handouts in a browser).
# Each step is skipped when its inputs did not change, so a second run is quick.

PYTHON ?= $(shell /usr/bin/python3 -c 'import nbclient' >/dev/null 2>&1 && echo /usr/bin/python3 || echo python3)

# KERNEL=rapaio (default): rapaio-jupyter-kernel, installed by the build as kernelspec "java" in
# build/jupyter. KERNEL=ijava: the kernelspec "java" that IJava installed (conda env, environment.yml).
KERNEL ?= rapaio
export KERNEL
ifeq ($(KERNEL),rapaio)
JUPYTER_PATH := $(CURDIR)/build/jupyter
export JUPYTER_PATH
endif

JAR := lib/target/gradnotes.jar
KERNELSPEC := build/jupyter/kernels/java/kernel.json
LIB_SOURCES := $(shell find lib/src/main -type f -not -path '*/node_modules/*' 2>/dev/null) pom.xml lib/pom.xml
NOTEBOOKS := $(wildcard notebooks/*.ipynb)

.PHONY: all setup setup-test lib kernel notebooks handouts lab test unit-test notebook-test browser-test bench clean

all: handouts
	@echo "handouts: build/handouts/index.html"

setup:
	@tools/setup-system.sh

setup-test:
	@tools/setup-system.sh --test

lib: $(JAR)

$(JAR): $(LIB_SOURCES)
	mvn -q -B -pl lib package -DskipTests
	@touch $(JAR)

kernel: $(KERNELSPEC)

$(KERNELSPEC): tools/install-kernel.sh pom.xml $(shell find tools/kernel -name '*.java')
	@tools/install-kernel.sh

notebooks: setup $(JAR) $(KERNELSPEC)
	$(PYTHON) tools/notebooks.py execute

handouts: notebooks
	$(PYTHON) tools/notebooks.py handouts

# A local Jupyter on localhost with the kernel ready: JupyterLab where installed (environment.yml),
# else the classic Notebook from Debian.
lab: setup $(JAR) $(KERNELSPEC)
	@cd notebooks && if command -v jupyter-lab >/dev/null; then \
	  exec jupyter-lab --ip=127.0.0.1 --no-browser; else \
	  exec $(PYTHON) -m notebook --ip=127.0.0.1 --no-browser; fi

test: setup-test unit-test notebook-test browser-test

unit-test:
	mvn -B -ntp verify
	@touch $(JAR)

notebook-test: setup $(JAR) $(KERNELSPEC)
	$(PYTHON) tests/kernel/test_starts.py
	$(PYTHON) tests/notebooks/test_runner.py
	$(PYTHON) tools/notebooks.py execute
	$(PYTHON) tools/notebooks.py handouts

browser-test: tests/browser/node_modules/.package-lock.json
	node tests/browser/check-handouts.mjs build/handouts

tests/browser/node_modules/.package-lock.json: tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error

# Benchmarks against PyTorch and of the notebook suite; minutes, not part of `make test`.
bench: setup $(JAR) $(KERNELSPEC)
	bench/run.sh
	bench/notebooks.sh

clean:
	rm -rf build
	mvn -q clean
