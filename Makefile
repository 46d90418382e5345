# Two commands after the clone:  make demo  (Python only)  ·  make test  (everything)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NEO4J := tools/neo4j/neo4j.sh
PY_SOURCES := registry ingest api tests bench
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test lint typecheck pytest bench browser neo4j-build neo4j-up neo4j-down clean check-python

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11")'

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

## demo: ingest the project's synthetic demo data, load the embedded store, serve the API
demo: $(VENV)/.installed
	$(BIN)/registry --workspace .registry/demo demo

## test: lint, type-check and every test, with a real Neo4j started by the test session
test: $(VENV)/.installed-dev neo4j-build browser lint typecheck pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check $(PY_SOURCES)
	$(BIN)/ruff format --check $(PY_SOURCES)

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

pytest: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

## bench: every benchmark, figures printed and written to bench/results/ (about 40 minutes)
bench: $(VENV)/.installed-dev
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/ingest_bench.py --scales 10 100
	$(BIN)/python bench/resolve_bench.py --scale 100
	$(BIN)/python bench/ownership_bench.py
	$(BIN)/python bench/owners_bench.py
	$(BIN)/python bench/risk_bench.py --scale 100
	$(BIN)/python bench/export_bench.py --scale 10

## browser: Debian's chromium for the page's browser tests (Playwright drives it; no download)
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
		{ $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }

neo4j-build:
	bash $(NEO4J) build

## neo4j-up / neo4j-down: a persistent local Neo4j on 127.0.0.1 (needs REGISTRY_NEO4J_PASSWORD)
neo4j-up:
	bash $(NEO4J) up

neo4j-down:
	bash $(NEO4J) down

clean:
	rm -rf $(VENV) .registry .pytest_cache .mypy_cache .ruff_cache tools/neo4j/target
