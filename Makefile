# Two commands on a fresh machine: `make run` (the dashboard) and `make test` (the tests).
# Both create the virtual environment and install the pinned requirements on first use.
VENV ?= .venv
PYTHON ?= python3
# Raw snapshots: SANTECARTE_RAW_DIR if set, else ../shared/data beside the checkout, else data/raw.
SANTECARTE_RAW_DIR ?= $(if $(wildcard ../shared/data/apl),$(abspath ../shared/data),$(abspath data/raw))
export SANTECARTE_RAW_DIR

.PHONY: run test build bench
$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	$(VENV)/bin/pip install --quiet --no-deps -e .
	touch $@

run: $(VENV)/.installed
	$(VENV)/bin/streamlit run app.py

# Browser tests need Chromium: installed here when possible (root with apt-get, no browser of
# one's own named in SANTECARTE_CHROMIUM), else skipped with one line saying how to get them.
test: $(VENV)/.installed
	@if [ -z "$$SANTECARTE_CHROMIUM" ] && [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installation de Chromium pour les tests navigateur (apt-get)…"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core; \
	fi
	@[ -x "$${SANTECARTE_CHROMIUM:-/usr/bin/chromium}" ] || echo "Chromium absent ($${SANTECARTE_CHROMIUM:-/usr/bin/chromium}) : les tests navigateur seront ignorés. Pour les lancer : sudo apt-get install chromium (Debian), ou SANTECARTE_CHROMIUM=chemin du navigateur."
	$(VENV)/bin/python -m pytest

build: $(VENV)/.installed
	$(VENV)/bin/python -m santecarte build

bench: $(VENV)/.installed
	$(VENV)/bin/python bench/build.py
