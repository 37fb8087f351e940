# Two commands on a fresh machine: `make build` and `make test`.
# Each creates .venv and installs the pinned dependencies when they are missing or changed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --quiet --disable-pip-version-check
RUN    := $(BIN)/python -m generator
ARGS   ?=
NPM    ?= npm
FUZZ_BATCHES ?= 10
FUZZ_BATCH   ?= 10000
CHAOS_KILLS  ?= 200
CHAOS_ROUNDS ?= 20

.PHONY: build check new serve stats test lint fuzz chaos eval clean bench bench-large bench-huge bench-summary bench-reload

build: $(VENV)/.runtime ## Generate the briefs and build the site into site/
	$(RUN) build

check: $(VENV)/.runtime ## Validate seeds without building: make check ARGS="--strict briefs/001_x.txt"
	$(RUN) check $(ARGS)

new: $(VENV)/.runtime ## Start a seed: make new HEADLINE="Bitcoin Tops 100k" ARGS="--sentiment Bullish"
	@test -n "$(HEADLINE)" || { echo 'usage: make new HEADLINE="Your headline" [ARGS="--sentiment Bullish --date 2025-06-10"]' >&2; exit 2; }
	$(RUN) new "$(HEADLINE)" $(ARGS)

serve: $(VENV)/.runtime ## Live preview on http://127.0.0.1:8000/<site_url path>/, drafts included
	$(RUN) serve $(ARGS)

stats: $(VENV)/.runtime ## Count briefs by sentiment, undated and draft
	$(RUN) stats

test: $(VENV)/.dev node_modules/.installed lint ## Lint, type-check and run the whole test suite
	$(BIN)/python -m pytest -n 2 --dist loadscope --no-loadscope-reorder  # two workers; a module's fixtures made once; conftest orders the modules

fuzz: $(VENV)/.dev ## Long property test: FUZZ_BATCHES runs of FUZZ_BATCH generated seeds each
	for batch in $$(seq 1 $(FUZZ_BATCHES)); do \
	  FUZZ_SEED=$$batch FUZZ_EXAMPLES=$(FUZZ_BATCH) $(BIN)/python -m pytest -q -s \
	    -p no:cacheprovider tests/test_fuzz.py -k generated || exit 1; \
	done
	@echo "fuzz: $(FUZZ_BATCHES) batches of $(FUZZ_BATCH) inputs passed"

lint: $(VENV)/.dev
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy --strict generator
	$(BIN)/actionlint -no-color -shellcheck= -pyflakes= .github/workflows/*.yml  # offline

chaos: $(VENV)/.dev ## Long fault tests: CHAOS_KILLS random kills, CHAOS_ROUNDS concurrent rounds
	CHAOS_KILLS=$(CHAOS_KILLS) CHAOS_ROUNDS=$(CHAOS_ROUNDS) $(BIN)/python -m pytest -q -s \
	  -p no:cacheprovider tests/site/test_faults.py tests/site/test_concurrency.py

eval: $(VENV)/.dev ## ROUGE, asset precision/recall and the label check on ../shared/corpus
	$(BIN)/python bench/rouge.py
	$(BIN)/python bench/rouge_folds.py
	$(BIN)/python bench/assets_eval.py
	$(BIN)/python bench/labels_eval.py

bench: $(VENV)/.dev ## Benchmark 100 and 1,000 briefs against Material's blog plugin
	$(BIN)/python bench/run.py --sizes 100 1000 --runs 3 --search
	$(MAKE) bench-reload

bench-reload: $(VENV)/.dev ## Save -> preview reload, per kind of edit, at 1,000 briefs (BRIEFS=10000 for more)
	$(BIN)/python scripts/reload_latency.py --briefs $(or $(BRIEFS),1000) --runs 5

bench-large: $(VENV)/.dev ## The same at 10,000 briefs: about 10 min, plus the blog anchor (about 17 min)
	$(BIN)/python bench/run.py --sizes 10000 --runs 3 --blog-runs 1 --search

bench-huge: $(VENV)/.dev ## 50,000 briefs, cold, warm and as CI rebuilds, without the blog anchor (about 20 min)
	$(BIN)/python bench/run.py --sizes 50000 --runs 1 --no-blog

bench-summary: $(VENV)/.dev ## Summarizer speed in ms/article, sentence splitting included
	$(BIN)/python bench/summary_speed.py

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
