# Two commands for a fresh machine with Python 3.11+: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint format clean chromium

$(BIN)/fundwatch: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

demo: $(BIN)/fundwatch
	$(BIN)/fundwatch demo

# Three workers, each test file whole in one (its module fixtures, such as a round's crawl, run once):
# the suite is mostly waiting on real processes and loopback servers, so even on two cores a third
# worker helps (10,149 tests: 552 s in one process, 290 s in two; 11,217 tests: 414 s in two, 341 s
# in three, on the 2-core development machine).
test: $(BIN)/fundwatch chromium
	$(BIN)/python -m pytest -q -n 3 --dist loadfile

# The browser test drives Debian's headless Chromium: installed when missing (CI runs as root; sudo
# otherwise). If it cannot be installed, that one test is skipped and says why.
chromium:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update && $$SUDO apt-get install -y --no-install-recommends chromium chromium-driver \
	  || echo "make: could not install chromium and chromium-driver; the browser test will be skipped"; }

lint: $(BIN)/fundwatch
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/fundwatch
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) data/demo .pytest_cache test-artifacts
