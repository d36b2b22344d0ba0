# Lagebild: two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
STAMP := $(VENV)/.installed

.PHONY: demo test bench eval lint clean screenshot

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

DEMO_DB ?= demo.duckdb
SERVE ?= 1
PORT ?= 8000

demo: $(STAMP)
	@echo "== Lagebild demo: coding the sample news shipped with the package"
	$(BIN)/lagebild code src/lagebild/samples/news.jsonl --format table
	@echo "== Storing the samples and the sample stories in $(DEMO_DB) (a rerun adds nothing)"
	$(BIN)/lagebild watch add russia-denials --actor RUS --status denied --replace --db $(DEMO_DB)
	$(BIN)/lagebild ingest src/lagebild/samples/news.jsonl src/lagebild/samples/stories.jsonl --db $(DEMO_DB)
	@if [ -f $(SHARED)/data/seed/000_3254c015179ba7b5.txt ]; then \
	  echo "== The founding article ($(SHARED)/data/seed)"; \
	  $(BIN)/lagebild code $(SHARED)/data/seed/000_3254c015179ba7b5.txt --lang de \
	    --published 2023-08-30 --format table; \
	  $(BIN)/lagebild ingest $(SHARED)/data/seed/000_3254c015179ba7b5.txt --lang de \
	    --published 2023-08-30 --db $(DEMO_DB); \
	else echo "(no $(SHARED) beside the project: the founding article is skipped)"; fi
	@echo "== Real-world events reported by more than one outlet"
	$(BIN)/lagebild query --stories --limit 10 --db $(DEMO_DB)
	@if [ "$(SERVE)" = 1 ]; then \
	  echo "== The situation picture: open http://127.0.0.1:$(PORT)/ (API docs at /docs; Ctrl-C stops)"; \
	  $(BIN)/lagebild serve --db $(DEMO_DB) --port $(PORT); fi

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --shared $(SHARED) --end-to-end --ray

eval: $(STAMP)
	@if [ ! -d $(SHARED)/data/gold ]; then echo "no $(SHARED)/data/gold: nothing to evaluate"; exit 0; fi
	@for g in de_seed.events.jsonl de_news.dev.events.jsonl en_plover_gsr.dev.events.jsonl; do \
	  echo "== $$g"; $(BIN)/lagebild eval $(SHARED)/data/gold/$$g | tail -3; done
	@echo "== de_wikinews.dev.quotes.jsonl"
	@$(BIN)/lagebild eval-quotes $(SHARED)/data/gold/de_wikinews.dev.quotes.jsonl

screenshot: $(STAMP)
	LAGEBILD_SCREENSHOT=docs/screenshot.png $(BIN)/python -m pytest tests/service/test_page.py -q -k screenshot

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache $(DEMO_DB) $(DEMO_DB).wal
