# Two commands on a fresh machine: `make build` and `make test`.
# Each creates .venv and installs the pinned dependencies when they are missing or changed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --quiet --disable-pip-version-check
RUN    := $(BIN)/python -m generator

.PHONY: build check serve test lint clean bench bench-large

build: $(VENV)/.runtime ## Generate the briefs and build the site into site/
	$(RUN) build

check: $(VENV)/.runtime ## Validate every seed without building
	$(RUN) check

serve: $(VENV)/.runtime ## Live preview on http://127.0.0.1:8000
	$(RUN) serve

test: $(VENV)/.dev lint ## Lint, type-check and run the whole test suite
	$(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy --strict generator

bench: $(VENV)/.dev ## Benchmark 100 and 1,000 briefs against Material's blog plugin
	$(BIN)/python bench/run.py --sizes 100 1000 --runs 3 --search

bench-large: $(VENV)/.dev ## The same at 10,000 briefs (takes several minutes)
	$(BIN)/python bench/run.py --sizes 10000 --runs 3 --search

clean:
	rm -rf site .site.* .cache

$(VENV)/.runtime: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PIP) install -r requirements-dev.txt
	touch $@
