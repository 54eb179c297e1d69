# brandsite: every target sets itself up from a fresh clone (python3 + make).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000
# Material prints a long end-of-life banner on every run; editors need the content problems instead.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-internal check test bench lock clean print

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# --livereload: with some click versions serve silently drops it (mkdocs#4032).
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload --dev-addr $(HOST)

build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

build-internal: $(STAMP)
	BRANDSITE_AUDIENCE=internal $(BIN)/mkdocs build --strict --site-dir site-internal

check: $(STAMP)
	$(BIN)/brandsite check

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Regenerate requirements.lock from pyproject.toml's pins in a clean venv.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
	{ echo "# Full pinned dependency tree (runtime + tests). Regenerate with: make lock"; \
	  .lock-venv/bin/pip freeze --exclude-editable; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf site site-internal .cache $(VENV)

# Build-time benchmark against plain mkdocs-material (medians and ratios).
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --brands 100 1000 --repeat 3

# The printed brochure (品牌汇编): one A4 page per public brand, in site/catalogue.pdf.
print: $(STAMP)
	$(BIN)/brandsite print --out site/catalogue.pdf
