# The two commands for a newcomer: `make demo` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DATABASE_URL_TEST ?= postgres://postgres@127.0.0.1:5432/postgres
STAMP := $(VENV)/.installed
BACKUP_DIR ?= var/backups
UTRECHT := assets/node_modules/@utrecht
VENDOR := kwaliteitslabel/static/vendor/utrecht

.PHONY: demo test lint bench assets install chromium faketime system-libs clean backup restore pg-client
# Waits for another apt (an unattended upgrade, a second make) instead of failing on its lock.
APT := apt-get -o DPkg::Lock::Timeout=600
APT_INSTALL = if [ "$$(id -u)" = 0 ]; then $(APT) update -qq && DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq $(1) >/dev/null; \
	  else sudo $(APT) update -qq && sudo DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq $(1) >/dev/null; fi

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) system-libs

# Pango and fonts from Debian for WeasyPrint's PDF export.
system-libs:
	@ldconfig -p | grep -q 'libpangoft2-1.0.so.0' && test -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || { \
	  $(call APT_INSTALL,libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core); }

# Prepares the database (idempotent) and serves the site; stops with Ctrl-C.
demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_frameworks
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py generate_trend_data --once
	@echo ""
	@echo "Kwaliteitslabel Sterk Sociaal Werk draait op http://127.0.0.1:$(PORT)/"
	@echo "  normenkaders:  http://127.0.0.1:$(PORT)/normenkaders/"
	@echo "  API:           http://127.0.0.1:$(PORT)/api/v1/docs  (schema: /api/v1/openapi.json)"
	@echo ""
	exec $(BIN)/python manage.py runserver 127.0.0.1:$(PORT) --noreload </dev/null

# Chromium from Debian for the browser tests; never a browser download.
chromium:
	@test -x /usr/bin/chromium || { $(call APT_INSTALL,chromium); }

# axe-core from npm for the browser tests' accessibility check (tests/e2e/package.json), npm
# from Debian when missing; installed again only when the lock changes.
AXE := tests/e2e/node_modules/axe-core/axe.min.js
$(AXE): tests/e2e/package-lock.json
	@command -v npm >/dev/null || { $(call APT_INSTALL,npm); }
	cd tests/e2e && npm ci --no-audit --no-fund
	@touch $(AXE)

# pg_dump and pg_restore from Debian, for backup, restore and their test.
pg-client:
	@command -v pg_dump >/dev/null && command -v pg_restore >/dev/null || { \
	  $(call APT_INSTALL,postgresql-client); }

# A folder named after the moment, in BACKUP_DIR: the database of DATABASE_URL and the uploads.
backup: $(STAMP) pg-client
	$(BIN)/python manage.py backup --output '$(BACKUP_DIR)'

# BACKUP=<folder> back into the empty database of DATABASE_URL; FORCE=1 replaces a full one.
restore: $(STAMP) pg-client
	@test -n '$(BACKUP)' || { echo "Welke back-up? make restore BACKUP=$(BACKUP_DIR)/kwaliteitslabel-..."; exit 2; }
	$(BIN)/python manage.py restore '$(BACKUP)' $(if $(FORCE),--force)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# libfaketime from Debian moves the clock for the SQLite pass (CLOCK_SHIFT below).
faketime:
	@command -v faketime >/dev/null || { $(call APT_INSTALL,faketime); }

# The SQLite pass runs with the clock CLOCK_SHIFT ahead (libfaketime), browser tests aside:
# nothing may depend on the day the suite runs. 400 days cross a new year and the expiry of
# the demo's certificate that runs out within six months (Bijlage 6 stap 16-17). The
# PostgreSQL pass runs on today's clock, so the suite is seen on both days and both databases.
CLOCK_SHIFT ?= +400 days

# ruff, then the whole suite on SQLite and, when it answers, on PostgreSQL; one worker
# per core (pytest-xdist gives each its own test database).
test: install chromium faketime $(AXE) pg-client lint
	DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 faketime '$(CLOCK_SHIFT)' $(BIN)/pytest -n auto -m "not e2e"
	DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 $(BIN)/pytest -n auto -m e2e
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(DATABASE_URL_TEST)', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== PostgreSQL: $(DATABASE_URL_TEST)"; \
	  DATABASE_URL='$(DATABASE_URL_TEST)' $(BIN)/pytest -n auto; \
	else echo "== PostgreSQL does not answer at $(DATABASE_URL_TEST): suite ran on SQLite only"; fi

# wrk from Debian drives the load test (bench_load.py) against gunicorn. Every benchmark
# runs (one that cannot run here says "skipped: ..."); the target fails after them if any did.
bench: install
	@command -v wrk >/dev/null || { $(call APT_INSTALL,wrk); } || echo "wrk could not be installed"
	@status=0; for b in benchmarks/bench_*.py; do \
	  echo "== $$b"; $(BIN)/python $$b || { echo "FAILED: $$b"; status=1; }; \
	done; exit $$status

# Refreshes the vendored NL Design System CSS from npm (built files are committed).
assets:
	cd assets && npm ci --no-audit --no-fund
	mkdir -p $(VENDOR)
	cp $(UTRECHT)/component-library-css/dist/index.css $(VENDOR)/component-library.css
	cp $(UTRECHT)/design-tokens/dist/theme.css $(VENDOR)/design-tokens-theme.css
	cp $(UTRECHT)/component-library-css/LICENSE.md $(VENDOR)/LICENSE.md

clean:
	rm -rf $(VENV) var

# --- The production image, built and run: make image-test (docs/operations.md) ---
# Docker from Debian when missing; dockerd started when it does not answer. The base is
# debian:bookworm-slim when it is here or can be pulled, otherwise one made once with
# debootstrap from Debian's mirror (no registry needed). docker/journey.py then runs the
# image against this machine's PostgreSQL (DATABASE_URL_TEST's server) and Redis.
.PHONY: docker-daemon image-test
DOCKER ?= docker
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
IMAGE_TEST_TAG ?= kwaliteitslabel:test
IMAGE_BASE ?= debian:bookworm-slim
LOCAL_BASE := kwaliteitslabel-base:bookworm
DEBIAN_MIRROR ?= http://deb.debian.org/debian
DEBIAN_SECURITY ?= http://deb.debian.org/debian-security
BASE_ROOTFS := var/image-base-rootfs
# The host's own certificate authorities (a company CA, a TLS-inspecting proxy), so pip in
# the build reaches PyPI the way pip here does; they stay in the build stage.
EXTRA_CA_DIR ?= /usr/local/share/ca-certificates

docker-daemon:
	@{ command -v docker && { command -v dockerd || test -x /usr/sbin/dockerd; }; } >/dev/null || { \
	  echo "== docker.io from Debian"; $(call APT_INSTALL,docker.io); }
	@if ! $(DOCKER) info >/dev/null 2>&1; then \
	  echo "== starting dockerd (log: var/dockerd.log)"; mkdir -p var; \
	  pid=$$($(SUDO) sh -c 'PATH="$$PATH:/usr/sbin"; nohup dockerd >var/dockerd.log 2>&1 & echo $$!'); \
	  for _ in $$(seq 1 60); do $(DOCKER) info >/dev/null 2>&1 || ! test -d /proc/$$pid && break; sleep 1; done; \
	  $(DOCKER) info >/dev/null 2>&1 || { echo "dockerd does not answer:"; tail -n 5 var/dockerd.log; exit 1; }; \
	fi

image-test: docker-daemon $(STAMP)
	@set -euo pipefail; \
	base='$(IMAGE_BASE)'; \
	if ! $(DOCKER) image inspect "$$base" >/dev/null 2>&1 && ! timeout 300 $(DOCKER) pull -q "$$base" >/dev/null 2>&1; then \
	  base='$(LOCAL_BASE)'; \
	  if $(DOCKER) image inspect "$$base" >/dev/null 2>&1; then echo "== base: $$base (made here earlier)"; \
	  else \
	    echo "== $(IMAGE_BASE) cannot be pulled: making $$base with debootstrap (log: var/debootstrap.log)"; \
	    command -v debootstrap >/dev/null || test -x /usr/sbin/debootstrap || { $(call APT_INSTALL,debootstrap); }; \
	    mkdir -p var; $(SUDO) rm -rf $(BASE_ROOTFS); \
	    $(SUDO) env PATH="$$PATH:/usr/sbin:/sbin" debootstrap --variant=minbase bookworm $(BASE_ROOTFS) $(DEBIAN_MIRROR) >var/debootstrap.log 2>&1 \
	      || { tail -n 20 var/debootstrap.log; exit 1; }; \
	    printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s bookworm-security main\n' \
	      '$(DEBIAN_MIRROR)' '$(DEBIAN_MIRROR)' '$(DEBIAN_SECURITY)' | $(SUDO) tee $(BASE_ROOTFS)/etc/apt/sources.list >/dev/null; \
	    $(SUDO) sh -c 'rm -rf $(BASE_ROOTFS)/var/cache/apt/archives/*.deb $(BASE_ROOTFS)/var/lib/apt/lists/*'; \
	    $(SUDO) tar -C $(BASE_ROOTFS) -c . | $(DOCKER) import \
	      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
	      --change 'CMD ["bash"]' - "$$base" >/dev/null; \
	    $(SUDO) rm -rf $(BASE_ROOTFS); \
	    echo "== base $$base made in $$SECONDS s"; \
	  fi; \
	fi; \
	echo "== docker build --build-arg BASE=$$base -t $(IMAGE_TEST_TAG)"; \
	started=$$SECONDS; mkdir -p var; \
	$(DOCKER) build --network host --build-arg BASE="$$base" \
	  --build-arg EXTRA_CA_CERTS="$$(cat $(EXTRA_CA_DIR)/*.crt 2>/dev/null || true)" \
	  -t $(IMAGE_TEST_TAG) . >var/image-build.log 2>&1 || { tail -n 30 var/image-build.log; exit 1; }; \
	echo "== image built in $$((SECONDS - started)) s (log: var/image-build.log)"; \
	DOCKER='$(DOCKER)' DATABASE_URL_TEST='$(DATABASE_URL_TEST)' $(BIN)/python docker/journey.py $(IMAGE_TEST_TAG); \
	echo "== make image-test: $$SECONDS s in all"
