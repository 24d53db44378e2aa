# Two commands for a fresh machine with Python 3.11+: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint format clean

$(BIN)/fundwatch: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

demo: $(BIN)/fundwatch
	$(BIN)/fundwatch demo

test: $(BIN)/fundwatch
	$(BIN)/python -m pytest -q

lint: $(BIN)/fundwatch
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/fundwatch
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) data/demo .pytest_cache
