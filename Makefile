# The README's commands. Everything installs itself into .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test fuzz bench copy-report lint format clean lock image-check promtool

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Run the service on http://127.0.0.1:8000 with an embedded Redis under ./var/
run: $(STAMP)
	$(BIN)/horoscope-service serve --port 8000

## Run the whole test suite against one redis-server, then the Redis-facing tests against a
## three-master Redis Cluster (the tests start and stop every server themselves)
test: $(STAMP)
	$(BIN)/python -m pytest
	HOROSCOPE_TEST_REDIS=cluster $(BIN)/python -m pytest tests/service tests/jobs

## Fuzz the live service from its OpenAPI document (schemathesis, bounded examples per operation)
fuzz: $(STAMP)
	.ci/fuzz-api

## Load and generation benchmarks against a bare Flask baseline (about 3 minutes; needs wrk: installs it
## with apt-get when missing). Not part of the tests; see bench/README.md
bench: $(STAMP)
	$(BIN)/python bench/run.py

## The copy desk's figures for a year of horoscopes (both systems, every period): each copy lint's
## entries flagged, the worst examples, median words (about two minutes; see bench/README.md).
## Pass options with ARGS, e.g. make copy-report ARGS="--year 2027 --show 2026-03-03"
copy-report: $(STAMP)
	$(BIN)/python bench/copy_report.py $(ARGS)

## Lock the dependencies (uv.lock, for every Python from 3.11) and export, with hashes, what the image
## installs (deploy/requirements.lock) and builds with (deploy/build-requirements.lock)
lock: $(STAMP)
	$(BIN)/uv lock
	$(BIN)/uv export --quiet --frozen --group image --no-emit-project -o deploy/requirements.lock
	$(BIN)/uv export --quiet --frozen --only-group build --no-emit-project -o deploy/build-requirements.lock

## Build the image and run both roles against a real Redis, with Docker or podman (deploy/image-check;
## 10-20 minutes with podman). Without either it says so and passes.
image-check:
	deploy/image-check

## promtool, for the alert rules' tests: taken from Debian's prometheus package (no server is installed)
promtool: $(BIN)/promtool
$(BIN)/promtool: | $(STAMP)
	rm -rf $(VENV)/prometheus-deb && mkdir -p $(VENV)/prometheus-deb
	cd $(VENV)/prometheus-deb && apt-get download prometheus && dpkg-deb -x prometheus_*.deb .
	cp $(VENV)/prometheus-deb/usr/bin/promtool $@
	rm -rf $(VENV)/prometheus-deb

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache *.egg-info
