# Two commands on a fresh machine:
#   make map    renders the bundled seed article to maps/ (sets everything up first)
#   make test   runs the test suite (sets everything up first)
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: map test lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

map: $(BIN)/.installed
	$(BIN)/rangemap

test: $(BIN)/.installed
	$(BIN)/python -m pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check rangemap tests benchmarks scripts
	$(BIN)/mypy

bench: $(BIN)/.installed
	for b in benchmarks/bench_*.py benchmarks/score_parser.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info
