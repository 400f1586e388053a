# The whole set-up is `make run` (the main job on seeds/) and `make test` (lint + tests).
# Both create .venv if missing and install the package with its pinned ranges; reinstalling
# happens only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
CORPUS ?= seeds/
export PATH := $(abspath $(BIN)):$(PATH)
export MPLBACKEND := Agg
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: setup run parse test lint format lab bench evaluate check-browser clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $(STAMP)

# The parse fills the cache under data/processed/<corpus-key>/ that the notebooks then read.
run: setup
	$(PY) -m analysis parse $(CORPUS) --csv
	$(PY) -m analysis run --corpus $(CORPUS)

parse: setup
	$(PY) -m analysis parse $(CORPUS)

lint: setup
	$(BIN)/ruff check analysis tests tools
	$(BIN)/ruff format --check analysis tests tools

format: setup
	$(BIN)/ruff format analysis tests tools
	$(BIN)/ruff check --fix analysis tests tools

test: lint
	$(PY) -m pytest -n 2 --dist loadfile -q

# Lab's kernels must not inherit the Agg backend exported above (figures would not show inline).
lab: setup
	env -u MPLBACKEND $(BIN)/jupyter lab --notebook-dir=notebooks

bench: setup
	$(PY) -m analysis bench

SHARED := ../shared
evaluate: setup
	$(PY) -m analysis evaluate sentences $(SHARED)/eval/ud_arabic_pud_sentences.jsonl
	$(PY) -m analysis evaluate actors $(SHARED)/eval/newsfane_gold_sentences.jsonl --type-map $(SHARED)/eval/newsfane_type_map.csv
	$(PY) -m analysis evaluate actors $(SHARED)/eval/newsfane_gold_sentences.jsonl --type-map $(SHARED)/eval/newsfane_type_map.csv --split test
	$(PY) -m analysis evaluate actors --raw tests/data/actors_raw_a.jsonl --corpus $(SHARED)/corpora/saudinewsnet_2015-08-10_2015-08-11.jsonl
	$(PY) -m analysis evaluate actors --raw tests/data/actors_raw_b.jsonl --corpus $(SHARED)/corpora/saudinewsnet_2015-08-10_2015-08-11.jsonl
	$(PY) -m analysis evaluate dates tests/data/dates_test.jsonl --corpus $(SHARED)/corpora/saudinewsnet_2015-08-10_2015-08-11.jsonl
	$(PY) -m analysis evaluate quotes --split test --corpus $(SHARED)/corpora/saudinewsnet_2015-07-21_2015-07-31.jsonl
	$(PY) -m analysis evaluate stories $(SHARED)/corpora/saudinewsnet_2015-08-10_2015-08-11.jsonl tests/data/stories_pairs_test.jsonl

check-browser: setup
	bash tools/check_browser.sh

clean:
	rm -rf exports data/processed/* .pytest_cache
