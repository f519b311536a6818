# NHE newsroom: `make run` serves the demo site, `make test` runs every check.
PYTHON_VERSION := $(shell cat .python-version)
PYTHON ?= $(shell command -v python$(PYTHON_VERSION) 2>/dev/null || (command -v pyenv >/dev/null && pyenv which python 2>/dev/null) || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run serve test checks audit backup restore lint format venv bench bench-cpu bench-newsletter drill lighthouse clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 12), "Python 3.12+ is needed, found " + sys.version' 
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo
	DEBUG=1 $(BIN)/python manage.py seed_comments
	DEBUG=1 $(BIN)/python manage.py seed_newsletter
	DEBUG=1 $(BIN)/python manage.py create_demo_editor
	DEBUG=1 BIN=$(BIN) scripts/run

# The production stack on this machine: gunicorn behind nginx (deploy/), DEBUG off, on
# http://127.0.0.1:8080/. Uses DATABASE_URL if set, else the SQLite file `make run` made.
# Plain http and no two-factor prompt, because this is a local machine, not the internet.
# Without CACHE_URL, gunicorn's workers and the task worker share file caches in var/ (the
# counters in a folder of their own, which the page cache's culling never reaches).
serve: $(STAMP)
	SECRET_KEY=$${SECRET_KEY:-local-serve-only-$$(hostname)-not-for-production} \
	CACHE_URL=$${CACHE_URL:-filecache://$(CURDIR)/var/cache} \
	COUNTERS_CACHE_URL=$${COUNTERS_CACHE_URL:-$${CACHE_URL:-filecache://$(CURDIR)/var/counters}} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 \
	ADMIN_REQUIRE_OTP=0 BIN=$(BIN) scripts/serve

# The dependency audit only warns when its vulnerability service is out of reach (as on
# machines whose package index is a mirror); `make audit` on its own stays strict.
test: $(STAMP)
	scripts/with-postgres $(MAKE) --no-print-directory checks
	AUDIT_DEPENDENCIES=$${AUDIT_DEPENDENCIES:-best-effort} $(MAKE) --no-print-directory audit

# What `make test` runs once DATABASE_URL points at a PostgreSQL server.
checks:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python scripts/check_plain_django.py
	$(BIN)/python -m pytest

# Static security checks (bandit, configured in pyproject.toml) and known vulnerabilities in
# the installed packages (pip-audit against PyPI's data). Any finding fails; so does an audit
# that could not check its packages, unless AUDIT_DEPENDENCIES=best-effort (README).
audit: $(STAMP)
	$(BIN)/bandit -q -c pyproject.toml -r .
	$(BIN)/python scripts/audit-dependencies $(BIN)/pip-audit

# Back up the database and every storage (media, private uploads) into BACKUP_ROOT (default
# var/backups), then delete the backups the retention (BACKUP_KEEP_*) no longer keeps.
backup: $(STAMP)
	$(BIN)/python manage.py backup

# Restore one backup folder over the configured database and storages: make restore BACKUP=...
restore: $(STAMP)
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/nhe-YYYYMMDD-HHMMSS" >&2; exit 2; }
	$(BIN)/python manage.py restore "$(BACKUP)"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Load-test the production stack against a bare Django view (see bench/run.py).
bench: $(STAMP)
	scripts/with-postgres $(BIN)/python bench/run.py $(BENCH_ARGS)

# Each uncached page's CPU time in one process, on the database `make bench` filled;
# BENCH_ARGS=--instructions counts instructions under valgrind instead.
bench-cpu: $(STAMP)
	scripts/with-postgres $(BIN)/python bench/cpu.py $(BENCH_ARGS)

# Send one bulletin issue to 10,000 and 100,000 subscribers through one worker to a local SMTP
# sink, against Django's own send_messages() (bench/newsletter_send.py).
bench-newsletter: $(STAMP)
	scripts/with-postgres $(BIN)/python bench/newsletter_send.py $(BENCH_ARGS)

# Ten minutes of mixed load through nginx while Redis stops and database connections are
# killed (bench/drill.py); DRILL_ARGS=--minutes=1 for a smoke run.
drill: $(STAMP)
	scripts/with-postgres $(BIN)/python -m bench.drill $(DRILL_ARGS)

# Lighthouse 12 (mobile, median of three runs) on every public page type, served by the
# production stack with the demo content (bench/lighthouse.py; the pinned version in
# bench/lighthouse/package-lock.json). LIGHTHOUSE_ARGS="--runs 1 --only 'front page'" for one look.
bench/lighthouse/node_modules/.package-lock.json: bench/lighthouse/package-lock.json
	cd bench/lighthouse && npm ci --no-audit --no-fund

lighthouse: $(STAMP) bench/lighthouse/node_modules/.package-lock.json
	scripts/with-postgres $(BIN)/python -m bench.lighthouse $(LIGHTHOUSE_ARGS)

clean:
	rm -rf $(VENV) var bench/lighthouse/node_modules
