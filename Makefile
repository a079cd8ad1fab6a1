# The README's commands. `make run` sets everything up and serves the site on SQLite with demo
# content; `make test` runs the whole suite (unit, integration, browser).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
BENCH_SCALE ?= 1000
BENCH_SEARCH_DOCUMENTS ?= 50000

.PHONY: run test setup venv deps assets messages extract-messages migrate demo lint format bench lock clean

# Development and CI install requirements-dev.lock (the site's pins plus the test tools); a
# production server installs requirements.lock only (docs/deploy.md).
$(VENV)/.installed: pyproject.toml requirements.lock requirements-dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.lock
	touch $@

venv deps: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed
	npm run --silent build

messages: $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

setup: deps assets messages
	$(PY) manage.py migrate --noinput -v 0

run: setup
	$(PY) manage.py load_demo --if-empty
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: deps assets messages
	$(PY) -m pytest

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: deps
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: deps assets messages
	DJANGO_SETTINGS_MODULE=config.settings.bench $(PY) manage.py bench --scale $(BENCH_SCALE) --output docs/benchmarks.md
	DJANGO_SETTINGS_MODULE=config.settings.bench $(PY) manage.py bench_registrations --people 200 --seats 20
	DJANGO_SETTINGS_MODULE=config.settings.bench $(PY) manage.py bench_search --documents $(BENCH_SEARCH_DOCUMENTS) --output docs/benchmarks.md
	DJANGO_SETTINGS_MODULE=config.settings.bench $(PY) manage.py bench_http --output docs/benchmarks.md

# Regenerate both lock files after changing pyproject.toml dependencies: requirements.lock for
# the site (with the s3 extra), requirements-dev.lock adding the dev tools, pinned to the same
# versions (-c). No index URL or local path is written into them.
LOCK_FLAGS := --quiet --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host
lock:
	$(VENV)/bin/pip-compile $(LOCK_FLAGS) --extra s3 --output-file requirements.lock pyproject.toml
	$(VENV)/bin/pip-compile $(LOCK_FLAGS) --extra s3 --extra dev -c requirements.lock --output-file requirements-dev.lock pyproject.toml

clean:
	rm -rf $(VENV) node_modules assets var

# Extract translatable strings: site templates and the project package into locale/, each app
# into its own <app>/locale/ (so parallel work on different apps never edits the same catalogue).
APPS := core members practices exchange events communities search
extract-messages: deps
	$(PY) manage.py makemessages -l it -l en --no-obsolete --no-location --ignore=.venv --ignore=node_modules --ignore=assets --ignore=var $(foreach app,$(APPS),--ignore=$(app)) -v 0
	for app in $(APPS); do mkdir -p $$app/locale && (cd $$app && ../$(PY) ../manage.py makemessages -l it -l en --no-obsolete --no-location -v 0); done
