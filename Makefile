# Pobratym: `make run` serves the demo, `make test` runs every check CI runs.
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_WORKERS ?= 2

.PHONY: install run test test-deep lint messages compilemessages test-sqlite test-postgres test-browser bench clean kern htmx \
	lane-sqlite-parallel lane-postgres-parallel lane-browser lane-sqlite-migrating lane-postgres-alone

$(BIN)/.installed: pyproject.toml
	@echo "Installing Python packages into $(VENV) (a few minutes the first time)…"
	@test -x $(BIN)/python || python3 -m venv $(VENV)
	@$(BIN)/pip install --quiet --upgrade pip
	@$(BIN)/pip install --quiet -e '.[dev]'
	@echo "Python packages installed."
	@touch $@

install: $(BIN)/.installed

compilemessages: install
	@echo "Compiling the German, Ukrainian and English translations…"
	@cd src/pobratym && ../../$(BIN)/pobratym compilemessages --verbosity 0

messages: install
	cd src/pobratym && ../../$(BIN)/pobratym makemessages --no-obsolete --add-location file -l de -l uk -l en --ignore 'static/*'

# The site's own (translated) 404 and 500 pages, as in production: DEBUG is off unless
# `DEBUG=true make run` asks for Django's debug pages; --insecure serves the static files then.
run: install compilemessages
	@mkdir -p var
	@echo "Preparing the database var/pobratym.sqlite3…"
	@$(BIN)/pobratym migrate --noinput --verbosity 0
	@echo "Loading the demo partnership Dortmund–Zhytomyr (half a minute the first time)…"
	@$(BIN)/pobratym demo
	@echo "Pobratym: http://127.0.0.1:$(PORT)/ (the task worker runs beside it; Ctrl+C stops both)"
	@export POBRATYM_BASE_URL=http://127.0.0.1:$(PORT) DEBUG=$${DEBUG:-false}; \
	$(BIN)/pobratym db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/pobratym runserver --insecure 127.0.0.1:$(PORT)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Rebuild the vendored KERN-UX subset (docs/decisions/0015-kern-ux.md) after changing the pinned
# @kern-ux/native version or scripts/kern/pobratym-kern.scss; the result is committed, so
# `make run` and `make test` never need this step.
KERN_DIR := src/pobratym/static/vendor/kern
kern: node_modules/.installed
	mkdir -p $(KERN_DIR)
	node_modules/.bin/sass --quiet --load-path=node_modules --style=compressed --no-source-map \
		scripts/kern/pobratym-kern.scss $(KERN_DIR)/kern.min.css
	cp node_modules/@kern-ux/native/LICENSE.md $(KERN_DIR)/LICENSE.md
	node -p '"@kern-ux/native " + require("@kern-ux/native/package.json").version + ", subset built by make kern from scripts/kern/pobratym-kern.scss"' > $(KERN_DIR)/VERSION

# Copy the pinned htmx.org (package.json) into the vendored static files, with its licence;
# committed like KERN, so only a version change needs Node.
HTMX_DIR := src/pobratym/static/vendor/htmx
htmx: node_modules/.installed
	mkdir -p $(HTMX_DIR)
	cp node_modules/htmx.org/dist/htmx.min.js node_modules/htmx.org/LICENSE $(HTMX_DIR)/
	node -p '"htmx.org " + require("htmx.org/package.json").version + ", dist/htmx.min.js copied by make htmx"' > $(HTMX_DIR)/VERSION

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=pobratym.config.settings.test $(BIN)/pobratym makemigrations --check --dry-run

# The parallel passes build their databases from the models (--no-migrations); the tests
# marked `migrations` (tests/conftest.py) and the restart and load tests run in one process
# that migrates, as production does.
SQLITE_PARALLEL = $(BIN)/pytest -n $(PYTEST_WORKERS) --no-migrations -m "not browser and not migrations and (sqlite_pass or both_databases)" --ignore=tests/postgres
SQLITE_MIGRATING = $(BIN)/pytest -m "migrations and both_databases" --ignore=tests/postgres
POSTGRES_PARALLEL = scripts/with-postgres.sh $(BIN)/pytest -n $(PYTEST_WORKERS) --no-migrations -m "not browser and not restarts_database and not load and not sqlite_pass and not migrations"
POSTGRES_ALONE = scripts/with-postgres.sh $(BIN)/pytest -m "restarts_database or load or (migrations and not sqlite_pass)"
BROWSER = $(BIN)/pytest -n $(PYTEST_WORKERS) --no-migrations -m browser tests/browser

test-sqlite: install compilemessages
	$(SQLITE_PARALLEL)
	$(SQLITE_MIGRATING)

test-postgres: install compilemessages
	$(POSTGRES_PARALLEL)
	$(POSTGRES_ALONE)

test-browser: install compilemessages node_modules/.installed
	$(BROWSER)

# Not part of `make test`: the stateful tests with the deep hypothesis profile (many more and
# longer random sequences, new ones each run), and schemathesis over the whole API with its
# coverage phase (every boundary case of the OpenAPI document) on PostgreSQL.
test-deep: install compilemessages
	HYPOTHESIS_PROFILE=deep $(BIN)/pytest -n $(PYTEST_WORKERS) tests/agreements/test_rules_stateful.py tests/aid/test_pledges_stateful.py
	HYPOTHESIS_PROFILE=deep scripts/with-postgres.sh $(BIN)/pytest -n $(PYTEST_WORKERS) --no-migrations tests/test_api_schemathesis.py

# Not part of `make test`: it generates a dataset of the whole platform per database and times every page (bench/README.md).
bench: install compilemessages
	env -u DATABASE_URL $(BIN)/python -m bench.run $(BENCH_ARGS)
	scripts/with-postgres.sh $(BIN)/python -m bench.run $(BENCH_ARGS)

# `make test` runs two lanes at once, one per core of a small machine: the SQLite and the
# PostgreSQL parallel passes one after the other (two processes each), and beside them lint,
# the passes that migrate (one process each) and then the Chromium pass (two processes): the
# lanes take about as long as each other. Each pass's output appears when it ends.
test:
	scripts/system-packages.sh
	$(MAKE) --jobs=2 --output-sync=target lane-postgres-parallel lane-browser

lane-sqlite-parallel: install compilemessages
	$(SQLITE_PARALLEL)

lane-postgres-parallel: lane-sqlite-parallel
	$(POSTGRES_PARALLEL)

lane-sqlite-migrating: lint compilemessages
	$(SQLITE_MIGRATING)

lane-postgres-alone: lane-sqlite-migrating
	$(POSTGRES_ALONE)

lane-browser: lane-postgres-alone node_modules/.installed
	$(BROWSER)

clean:
	rm -rf $(VENV) node_modules var
