# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install migrate demo lint format bench browser nginx compose clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py demo_data --overstapseizoen

run: demo
	$(BIN)/python manage.py demo_data --logins
	@echo "OSO-module draait op http://$(HOST):$(PORT)/  (stoppen: Ctrl+C)"
	$(BIN)/python manage.py oso_run $(HOST):$(PORT)

browser:
	@bash scripts/ensure-chromium.sh

nginx:
	@bash scripts/ensure-nginx.sh

compose:
	@bash scripts/ensure-compose.sh

test: install browser nginx compose
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Figures, not a test: make bench BENCH_ARGS="--snel" for a quick run (see bench/dossiers.py,
# bench/uitwisseling.py, bench/seizoen.py, bench/api.py and bench/productie.py; the last needs PostgreSQL, Redis and nginx).
bench: install
	$(BIN)/python -m bench.dossiers $(BENCH_ARGS)
	$(BIN)/python -m bench.uitwisseling $(BENCH_ARGS)
	$(BIN)/python -m bench.seizoen $(BENCH_ARGS)
	$(BIN)/python -m bench.productie $(BENCH_ARGS)
	$(BIN)/python -m bench.api $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var
