# receipts: the two commands the README starts with are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= receipts.db
export HF_HUB_OFFLINE := 1

.PHONY: demo test test-full-polnear install bench lint clean serve rule-table

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch first, pinned: anything else would pull a CUDA build of several GB.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[models,test]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/receipts ingest examples --db $(DB)
	$(BIN)/receipts verify --db $(DB)
	$(BIN)/receipts report --db $(DB) --format md
	@echo "Next: 'make serve' opens the web UI and REST API on this store at http://127.0.0.1:8000"

test: install
	$(BIN)/python -m pytest -q -m "not benchmark" --durations=15

# A release check: all 924 PolNeAR train and dev articles ingest with no failure (about 8 minutes on two
# cores; `make test` ingests the 84 dev articles and every fourth train article)
test-full-polnear: install
	RECEIPTS_FULL_POLNEAR=1 $(BIN)/python -m pytest -q tests/integration/test_polnear_ingest.py

# After `make demo`: the web UI and REST API on the example corpus at http://127.0.0.1:8000
serve: install
	$(BIN)/receipts serve --db $(DB)

# Style and layers: ruff (lint, then format check) and the import contract in pyproject.toml.
lint: install
	$(BIN)/ruff check src tests scripts training
	$(BIN)/ruff format --check src tests scripts training
	$(BIN)/lint-imports

bench: install
	$(BIN)/receipts bench extract

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache

# The verification rules' measured precision, the table the verifier's gate reads: hand-judged real news
# (tests/data/audit) plus PolitiHop train and Climate-FEVER dev pairs (../shared/data). See docs/evaluation.md.
SHARED_DATA ?= ../shared/data
RULE_TABLE := src/receipts/data/rule_precision.json
rule-table: install
	rm -f $(RULE_TABLE)
	$(BIN)/receipts eval audit --score tests/data/audit/polnear-dev-leads.tsv --rule-table $(RULE_TABLE)
	$(BIN)/receipts eval audit --score tests/data/audit/polnear-newrules.tsv --rule-table $(RULE_TABLE)
	$(BIN)/receipts eval audit --score tests/data/audit/polnear-all-promise-leads.tsv --rule-table $(RULE_TABLE)
	$(BIN)/receipts eval audit --score tests/data/audit/polnear-all-session27-refute-leads.tsv --rule-table $(RULE_TABLE)
	$(BIN)/receipts eval rules --data $(SHARED_DATA)/politihop/politihop_train.jsonl --format politihop --rule-table $(RULE_TABLE)
	$(BIN)/receipts eval rules --data $(SHARED_DATA)/politihop/politihop_train.jsonl --format politihop --evidence ruling --rule-table $(RULE_TABLE)
	$(BIN)/receipts eval rules --data $(SHARED_DATA)/climate_fever/climate_fever_pairs_dev.jsonl --format climate-fever --rule-table $(RULE_TABLE)
	$(BIN)/receipts eval stories --data tests/data/real_stories --split dev --rule-table $(RULE_TABLE)
