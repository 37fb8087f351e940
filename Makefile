# Two commands on a fresh machine: `make build` and `make test`.
# Each creates .venv and installs the pinned dependencies when they are missing or changed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --quiet --disable-pip-version-check
RUN    := $(BIN)/python -m generator
NPM    ?= npm
FUZZ_BATCHES ?= 10
FUZZ_BATCH   ?= 10000

.PHONY: build check serve test lint fuzz clean

build: $(VENV)/.runtime ## Generate the briefs and build the site into site/
	$(RUN) build

check: $(VENV)/.runtime ## Validate every seed without building
	$(RUN) check

serve: $(VENV)/.runtime ## Live preview on http://127.0.0.1:8000
	$(RUN) serve

test: $(VENV)/.dev node_modules/.installed lint ## Lint, type-check and run the whole test suite
	$(BIN)/python -m pytest

fuzz: $(VENV)/.dev ## Long property test: FUZZ_BATCHES runs of FUZZ_BATCH generated seeds each
	for batch in $$(seq 1 $(FUZZ_BATCHES)); do \
	  FUZZ_SEED=$$batch FUZZ_EXAMPLES=$(FUZZ_BATCH) $(BIN)/python -m pytest -q -s \
	    -p no:cacheprovider tests/test_fuzz.py -k generated_seeds || exit 1; \
	done
	@echo "fuzz: $(FUZZ_BATCHES) batches of $(FUZZ_BATCH) inputs passed"

lint: $(VENV)/.dev
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy --strict generator

clean:
	rm -rf site .site.* .cache

# axe-core for the accessibility test, pinned in package.json and package-lock.json.
node_modules/.installed: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund --loglevel=error
	touch $@

$(VENV)/.runtime: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PIP) install -r requirements-dev.txt
	touch $@
