# MotCua: two commands on a fresh machine, `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: demo test check lint types migrations-check install translations serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependency list changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) translations

# Translations are compiled in the build (Babel, no system gettext needed), never at run time.
translations: $(STAMP)
	$(BIN)/pybabel compile --domain django --directory motcua/locale --statistics

demo: install
	mkdir -p var
	$(BIN)/motcua migrate --no-input
	$(BIN)/motcua collectstatic --no-input --verbosity 0
	$(BIN)/motcua seed-demo
	$(BIN)/motcua serve

serve: install
	$(BIN)/motcua serve

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

types: install
	$(BIN)/mypy motcua

migrations-check: install
	$(BIN)/motcua makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=motcua.sandbox.settings $(BIN)/motcua makemigrations --check --dry-run sandbox

check: lint types migrations-check test

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static
