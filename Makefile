# Atlas des communs: `make run` serves the demo atlas, `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
PYTHON := $(VENV)/bin/python
MANAGE := $(PYTHON) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-14s %s\n", $$1, $$2}'

$(PYTHON):
	@interpreter=$$(bin/find-python) && echo "Creating $(VENV) with $$interpreter" && "$$interpreter" -m venv $(VENV)

$(VENV)/.installed: requirements/dev.txt | $(PYTHON)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r requirements/dev.txt
	@touch $@

.PHONY: install
install: $(VENV)/.installed ## Create the virtual environment and install the locked dependencies
	@$(MANAGE) compile_catalogues

.PHONY: migrate
migrate: install ## Apply database migrations
	$(MANAGE) migrate --no-input

.PHONY: seed
seed: migrate ## Load or update the demo atlas (idempotent)
	$(MANAGE) load_demo

.PHONY: run
run: seed ## Install, migrate, load the demo atlas and serve it on http://127.0.0.1:8000
	$(MANAGE) create_demo_users --site-url http://$(HOST):$(PORT)
	$(MANAGE) runserver $(HOST):$(PORT)

.PHONY: test
test: install ## Run the whole test suite (browser tests need /usr/bin/chromium: make system-deps)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

.PHONY: system-deps
system-deps: ## Install the Debian packages the full suite uses (PostgreSQL, Chromium, gettext); needs root
	bin/install-system-deps

.PHONY: screenshots
screenshots: install ## Screenshot the demo home page at 375 and 1280 px into test-artifacts/
	$(VENV)/bin/pytest tests/bench/test_screenshots.py -p no:cacheprovider -s -q

.PHONY: bench
bench: install ## Run the benchmarks (tests/bench/) on PostgreSQL and write their figures
	@if [ -n "$$DATABASE_URL" ]; then \
		$(VENV)/bin/pytest tests/bench -p no:cacheprovider -s -q $(PYTEST_ARGS); \
	else \
		bin/with-postgres $(VENV)/bin/pytest tests/bench -p no:cacheprovider -s -q --create-db $(PYTEST_ARGS); \
	fi

.PHONY: lint
lint: install ## Check code style and migrations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit --configfile pyproject.toml --quiet --recursive atlas importers pages timeline
	$(MANAGE) makemigrations --check --dry-run

.PHONY: format
format: install ## Format the code
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

.PHONY: messages
messages: install ## Extract interface strings into locale/ and compile the catalogues
	$(MANAGE) makemessages --all --no-location --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=node_modules
	$(MANAGE) fill_source_catalogue
	$(MANAGE) compile_catalogues

.PHONY: lock
lock: install ## Re-resolve the locked dependency files from pyproject.toml
	$(PYTHON) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --universal --python-version 3.12 --upgrade -o requirements/base.txt
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.12 --upgrade -o requirements/dev.txt

.PHONY: release-build
release-build: install ## Run the Docker image's build steps here (catalogues, static files)
	PATH=$(VENV)/bin:$$PATH bin/release-build

.PHONY: docker-build
docker-build: ## Build the production image (needs a Docker engine)
	docker build -t atlas-des-communs .
