# Two commands on a fresh machine: `make build` and `make test`.
# Each creates .venv and installs the pinned dependencies when they are missing or changed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --quiet --disable-pip-version-check
RUN    := $(BIN)/python -m generator

.PHONY: build check serve test lint eval bench clean

build: $(VENV)/.runtime ## Generate the briefs and build the site into site/
	$(RUN) build

check: $(VENV)/.runtime ## Validate every seed without building
	$(RUN) check

serve: $(VENV)/.runtime ## Live preview on http://127.0.0.1:8000
	$(RUN) serve

test: $(VENV)/.dev lint ## Lint, type-check and run the whole test suite
	$(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy --strict generator

eval: $(VENV)/.dev ## ROUGE of every summarizer and Lead on ../shared/corpus (a few minutes)
	$(BIN)/python bench/rouge.py

bench: $(VENV)/.dev ## Summarizer speed in ms/article on ../shared/corpus, splitting included
	$(BIN)/python bench/summary_speed.py

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
