# Two commands on a fresh machine: `make build` and `make test`.
# Each creates .venv and installs the pinned dependencies when they are missing or changed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --quiet --disable-pip-version-check
RUN    := $(BIN)/python -m generator
ARGS   ?=

.PHONY: build check new serve stats test lint clean bench bench-large

build: $(VENV)/.runtime ## Generate the briefs and build the site into site/
	$(RUN) build

check: $(VENV)/.runtime ## Validate seeds without building: make check ARGS="--strict briefs/001_x.txt"
	$(RUN) check $(ARGS)

new: $(VENV)/.runtime ## Start a seed: make new HEADLINE="Bitcoin Tops 100k" ARGS="--sentiment Bullish"
	@test -n "$(HEADLINE)" || { echo 'usage: make new HEADLINE="Your headline" [ARGS="--sentiment Bullish --date 2025-06-10"]' >&2; exit 2; }
	$(RUN) new "$(HEADLINE)" $(ARGS)

serve: $(VENV)/.runtime ## Live preview on http://127.0.0.1:8000, drafts included
	$(RUN) serve $(ARGS)

stats: $(VENV)/.runtime ## Count briefs by sentiment, undated and draft
	$(RUN) stats

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
