# brandsite: every target sets itself up from a fresh clone (python3 + make).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000
# Material prints a long end-of-life banner on every run; editors need the content problems instead.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-internal zip check test bench bench-10k bench-check bench-events bench-search bench-search-latency bench-serve lock clean print vendor-cms

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# `brandsite serve`: what `mkdocs serve --livereload --dirty` runs, with its log in Chinese.
# Dirty: after a save only the pages whose content changed are rebuilt (the plugin keeps
# that correct: see plugins/brandsite/site/incremental.py). Only the preview is
# incremental: `make build` is always a full build.
serve: $(STAMP)
	$(BIN)/brandsite serve --dev-addr $(HOST)

# A full build into a fresh temporary folder, swapped in only on success, so a
# failed, interrupted or killed build keeps the last good site. One build of a
# site at a time: a second one stops with a message. BRANDSITE_AUDIENCE=internal
# builds the intranet site into site-internal/.
build: $(STAMP)
	$(BIN)/brandsite build

build-internal: $(STAMP)
	$(BIN)/brandsite build --audience internal

# Zipped copies of both sites to hand over (dist/dangjian-<audience>-<date>.zip): `brandsite zip`,
# which builds both and zips them (also `py start.py zip` where there is no make). A build
# replaces the whole site folder, so a brochure printed earlier is gone: PRINT=1 prints each
# site's (catalogue.pdf, as `make print`) after the builds, into the zips.
zip: $(STAMP)
	$(BIN)/brandsite zip $(if $(filter 1,$(PRINT)),--print)

check: $(STAMP)
	$(BIN)/brandsite check --strict

# On up to 4 workers (pytest-xdist), one test module to a worker at a time (--dist loadscope);
# PYTEST_ARGS="-n 0" runs the suite in one process.
test: $(STAMP)
	$(BIN)/python -m pytest -n auto --maxprocesses 4 --dist loadscope --no-loadscope-reorder $(PYTEST_ARGS)

# Regenerate requirements.lock from pyproject.toml's pins in a clean venv.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
	{ echo "# Full pinned dependency tree (runtime + tests). Regenerate with: make lock"; \
	  .lock-venv/bin/pip freeze --exclude-editable; } > requirements.lock
	rm -rf .lock-venv

# The web editor at /admin/ (preview and internal build): Sveltia CMS and its fonts,
# pinned in tools/vendor_sveltia.py, fetched with npm into plugins/brandsite/vendor/sveltia-cms/.
# The result is committed: building the site needs no network. Run only to change the version.
vendor-cms: $(STAMP)
	$(BIN)/python tools/vendor_sveltia.py

clean:
	rm -rf site site-internal .site-* dist .cache $(VENV)

# Build and search benchmark against plain mkdocs-material (medians and ratios),
# appended to benchmarks/RESULTS.md. bench-10k takes many minutes.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --brands 100 1000 --repeat 3 --write benchmarks/RESULTS.md

bench-10k: $(STAMP)
	$(BIN)/python benchmarks/run.py --brands 10000 --repeat 1 --write benchmarks/RESULTS.md

# Editing speed: from saving a brand.yml to the reloaded page under `mkdocs serve --dirty`, 1,000 brands.
bench-serve: $(STAMP)
	$(BIN)/python benchmarks/serve.py --brands 1000 --edits 5

# Where a cold build's time goes at 1,000 brands, by MkDocs event, next to plain mkdocs-material (medians of 3).
bench-events: $(STAMP)
	$(BIN)/python benchmarks/events.py --brands 1000 --repeat 3

# Search recall in Chromium (words inside compounds, pinyin, initials, the test queries) on the
# sample site and 300 synthetic brands, with index bytes and header typing time; appended to RESULTS.md.
bench-search: $(STAMP)
	$(BIN)/python benchmarks/search_recall.py --synthetic 300 --compare --latency --write benchmarks/RESULTS.md

# Header search typing latency on a phone profile (4× CPU slowdown in Chromium), 300 synthetic brands:
# queries typed key by key and pasted whole, median, p95 and max over 5 runs; appended to RESULTS.md.
bench-search-latency: $(STAMP)
	$(BIN)/python benchmarks/search_latency.py --brands 300 --repeat 5 --write benchmarks/RESULTS.md

# Time `brandsite check` and the near-duplicate check over 1,000 synthetic brands.
bench-check: $(STAMP)
	$(BIN)/python benchmarks/check.py --brands 1000 --repeat 5

# The printed brochure (品牌汇编): one A4 page per public brand, in site/catalogue.pdf;
# with BRANDSITE_AUDIENCE=internal, every brand, in site-internal/catalogue.pdf.
print: $(STAMP)
	$(BIN)/brandsite print
