# EcoDesk developer entry points. `make run` and `make test` work from a clean clone: they create .venv,
# install the package with what it needs, and (for tests) the Debian tools the tests call.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SYSTEM_TOOLS := age pdftotext pdfsig pdftoppm xvfb-run certutil
APT_PACKAGES := age poppler-utils libnss3-tools xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0
PYTEST_WORKERS ?= 2

.PHONY: run test venv system-deps lint typecheck translations screenshots memos architecture bench clean package wheelhouse soak fuzz

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/ecodesk

# The tests call the standard age tool, poppler's pdftotext/pdfsig/pdftoppm and Xvfb: install them when missing.
system-deps:
	@missing=""; for t in $(SYSTEM_TOOLS); do command -v $$t >/dev/null 2>&1 || missing="$$missing $$t"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages for:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

# Lint and types first: the test runner's summary stays the last line CI reads.
test: $(STAMP) system-deps
	$(VENV)/bin/ruff check ecodesk tests benchmarks packaging
	$(VENV)/bin/mypy
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n $(PYTEST_WORKERS) -p no:cacheprovider

lint: $(STAMP)
	$(VENV)/bin/ruff check ecodesk tests benchmarks

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# The example memos in docs/memos: one specimen case, assessed once, signed in English, French and Spanish.
memos: $(STAMP) system-deps
	$(PY) docs/memos/make_examples.py

# The package diagram in docs/architecture.md, drawn from the imports in the code (a test checks it is current).
architecture: $(STAMP)
	$(PY) docs/architecture/make_diagram.py

# Performance figures (printed, never asserted): each script states its targets and what it compares with.
bench: $(STAMP) system-deps
	$(PY) benchmarks/vault_bench.py
	$(PY) benchmarks/records_list_bench.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/gui_bench.py
	$(PY) benchmarks/package_bench.py
	$(PY) benchmarks/memo_bench.py
	$(PY) benchmarks/reports_bench.py

# README screenshots: a real window under Xvfb with 1,000 demo cases, in English, French and Spanish.
screenshots: $(STAMP) system-deps
	$(PY) docs/screenshots/make_screenshots.py

# Linux one-folder bundle (GUI + command line) in dist/ecodesk, then its smoke test.
package: $(STAMP)
	$(PY) -m pip install --quiet -e '.[package]'
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/ecodesk.spec
	$(PY) packaging/smoke_test.py dist/ecodesk

# Every wheel for an offline install on Windows, macOS and Linux (Python 3.11 and 3.12), with SHA256SUMS.
wheelhouse: $(STAMP)
	$(PY) packaging/wheelhouse.py --out wheelhouse

# Long reliability runs (not part of make test): 1,000 crash-and-kill iterations, 10,000 records, 100 lock/unlock
# cycles, 200 package imports, mutation fuzzing, a leak scan; prints a summary table. SOAK_SCALE=0.1 for a short run.
SOAK_SCALE ?= 1
soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen ECODESK_KDF_PROFILE=fast $(PY) tests/reliability/soak.py --scale $(SOAK_SCALE)

# Coverage-guided fuzzing (atheris) of the key-slot parser, JSON record intake and the package reader.
FUZZ_SECONDS ?= 60
fuzz: $(STAMP)
	$(PY) -c "import atheris" 2>/dev/null || $(PY) -m pip install --quiet -e '.[fuzz]'
	$(PY) fuzz/run.py --seconds $(FUZZ_SECONDS)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
