# Weather App: `make run` starts the whole stack, `make test` checks everything.
# Both install what they need first (idempotently: a second run skips what is up to date).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NPM_STAMP := frontend/node_modules/.installed
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: help install install-frontend run test test-python test-frontend test-e2e lint format \
        check-deploy check-containers test-containers check-monitoring bench clean system-test \
        system-run fuzz chaos cluster bench-cluster lock lighthouse

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

install: $(PY_STAMP) ## Python virtualenv with the app and its dev tools

# Every package from the lock file, checked against its hash; then the app itself, alone.
$(PY_STAMP): pyproject.toml requirements-dev.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --requirement requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@$(BIN)/python -m pip check >/dev/null || { $(BIN)/python -m pip check; \
	  echo "pyproject.toml names a package the lock file lacks: run make lock"; exit 1; }
	@touch $@

LOCK := $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes --quiet

lock: ## Renew requirements.lock (the images) and requirements-dev.lock (make install)
	@test -x $(BIN)/uv || $(MAKE) install
	$(LOCK) --upgrade -o requirements.lock
	$(LOCK) --upgrade --extra dev -o requirements-dev.lock

install-frontend: $(NPM_STAMP) ## Node packages for the SPA

$(NPM_STAMP): frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

system-test: ## System packages the tests need (installed when root with apt)
	@bash server/system-packages.sh test

system-run: ## System packages the stack needs; RabbitMQ's management plugin on
	@bash server/system-packages.sh run

run: system-run install install-frontend ## Prepare, then run the Procfile with honcho (OFFLINE=1: fake upstream)
	$(BIN)/python server/prepare.py

MODULE_MAX_LINES := 400
SIZED_MODULES = find weather server_config server -name '*.py' \
	-not -path 'weather/tests/*' -not -path 'weather/testing/*' -not -path 'weather/migrations/*'

lint: install install-frontend ## Ruff, import direction, module sizes, migrations; API types up to date; ESLint and TypeScript
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	@$(SIZED_MODULES) -exec wc -l {} + | awk -v max=$(MODULE_MAX_LINES) \
	  '$$2 != "total" && $$1 > max {print "over " max " lines: " $$2 " (" $$1 ")"; bad = 1} END {exit bad}'
	$(BIN)/python manage.py makemigrations --check --dry-run
	cd frontend && npm run --silent gen:api && git diff --exit-code -- src/types/api.gen.ts
	cd frontend && npm run --silent typecheck && npm run --silent lint

format: install ## Format the Python code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-deploy: install ## Django's deployment checklist with production settings
	DJANGO_SETTINGS_MODULE=server_config.settings.production \
	DJANGO_SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	DJANGO_ALLOWED_HOSTS=weather.example.com \
	PUBLIC_URL=https://weather.example.com \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

check-containers: install ## Validate docker-compose.yml, lint the Dockerfiles and scripts (tests/containers)
	bash server/check-containers.sh

test-containers: ## Build the images and run docker-compose.yml end to end (needs root or Docker)
	bash tests/containers/run.sh

check-monitoring: ## Prometheus config, alert rules and their unit tests, Alertmanager, dashboards
	bash monitoring/check.sh

test-python: install ## The API and worker test suite (real PostgreSQL, Redis, RabbitMQ)
	$(BIN)/pytest

test-frontend: install-frontend ## SPA unit and component tests
	cd frontend && npm run --silent test

test-e2e: system-test install install-frontend ## SPA end-to-end in Chromium against a real stack
	cd frontend && npm run --silent build && npm run --silent e2e

test: system-test lint check-deploy check-containers check-monitoring test-python test-frontend test-e2e ## Everything CI runs
	@echo "All checks passed."

fuzz: install ## Schemathesis against a running stack's API (see README.md: Development)
	bash server/fuzz-api.sh

chaos: install ## Searches under injected faults: nothing lost, nothing doubled (RELIABILITY.md)
	$(BIN)/python tests/chaos/run.py $(CHAOS_ARGS)

cluster: install ## Faults across hosts (network namespaces) under load: nothing lost, nothing doubled (root)
	@bash server/system-packages.sh cluster
	$(BIN)/python tests/cluster/run.py $(CLUSTER_ARGS)

bench: install install-frontend ## Benchmarks (see BENCHMARKS.md)
	@bash server/system-packages.sh bench
	$(BIN)/python bench/api_bench.py
	$(BIN)/python bench/celery_bench.py
	$(BIN)/python bench/warmup_bench.py
	$(BIN)/python bench/bulk_bench.py
	$(BIN)/python bench/gazetteer_bench.py
	$(BIN)/python bench/nginx_cache_bench.py

lighthouse: system-test install install-frontend ## Lighthouse (simulated mobile) on both SPA entry points; writes BENCHMARKS.md
	cd frontend && npm run --silent build && node scripts/lighthouse.mjs --stack --write

bench-cluster: install ## Throughput with 1-3 worker hosts and 1-2 web hosts, CPU per tier (root)
	@bash server/system-packages.sh bench
	@bash server/system-packages.sh cluster
	$(BIN)/python bench/cluster_bench.py

clean: ## Remove generated files (keeps the virtualenv and node_modules)
	rm -rf var staticfiles frontend/dist frontend/test-results .pytest_cache .ruff_cache
