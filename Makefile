# Two commands on a fresh machine: `make run` (the dashboard) and `make test` (the tests).
# Both create the virtual environment and install the pinned requirements on first use.
VENV ?= .venv
PYTHON ?= python3
# Raw snapshots: SANTECARTE_RAW_DIR if set, else ../shared/data beside the checkout, else data/raw.
SANTECARTE_RAW_DIR ?= $(if $(wildcard ../shared/data/apl),$(abspath ../shared/data),$(abspath data/raw))
export SANTECARTE_RAW_DIR

.PHONY: run test build bench
$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

run: $(VENV)/.installed
	$(VENV)/bin/streamlit run app.py

test: $(VENV)/.installed
	$(VENV)/bin/python -m pytest

build: $(VENV)/.installed
	$(VENV)/bin/python -m santecarte build

bench: $(VENV)/.installed
	$(VENV)/bin/python bench/build.py
