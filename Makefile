# The two commands of the README: `make demo` and `make test`. Each sets up what it needs.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: demo test setup lint messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

## Set up and serve the demo (SQLite, demo users and data) on http://127.0.0.1:8000
demo: $(STAMP)
	$(BIN)/payung demo

## Set up and run the whole suite: ruff, mypy, pytest on SQLite and PostgreSQL, browser tests
test: $(STAMP)
	bash scripts/test.sh

lint: $(STAMP)
	$(BIN)/ruff check src benchmarks
	$(BIN)/ruff format --check src benchmarks

## Re-extract the UI strings and compile the translations (needs gettext)
messages: $(STAMP)
	cd src/payung && ../../$(BIN)/django-admin makemessages -l id --settings=payung.settings \
		--ignore='tests/*' --ignore=conftest.py
	msgfmt --check -o src/payung/locale/id/LC_MESSAGES/django.mo src/payung/locale/id/LC_MESSAGES/django.po

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
