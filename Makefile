# Two commands on a fresh machine with Python 3.11+ and make:
#   make demo   creates .venv, installs gkmodel with its extras, runs it on the bundled example
#   make test   creates .venv with the dev tools, runs lint, type check and the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    := out
EXAMPLE := examples/data/shangguan_2020.json

.PHONY: demo test lint typecheck pytest docs bench clean screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

$(VENV)/.all: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[all]'
	touch $@

demo: $(VENV)/.all
	@mkdir -p $(OUT)
	@echo "== build: count tables 三 and 四 from the example registers (台账)"
	$(BIN)/gkmodel build examples/register_template.csv --year 2024 --organ 某县人民政府 \
		--level 县级政府 --cases examples/cases_template.csv -o $(OUT)/built.json
	$(BIN)/gkmodel check $(OUT)/built.json --min-severity inconsistency
	@echo "== gkmodel check $(EXAMPLE)  (exit status 1: the report has published errors)"
	@$(BIN)/gkmodel check $(EXAMPLE); test $$? -le 1
	$(BIN)/gkmodel cells $(EXAMPLE) > $(OUT)/cells.jsonl
	@echo "== $(OUT)/cells.jsonl: $$(wc -l < $(OUT)/cells.jsonl) cells of $(EXAMPLE); the first five:"
	@head -5 $(OUT)/cells.jsonl
	$(BIN)/gkmodel schema --edition 2019 > $(OUT)/schema-2019.json
	$(BIN)/gkmodel render $(EXAMPLE) --to text -o $(OUT)/report.txt
	$(BIN)/gkmodel render $(EXAMPLE) --to md -o $(OUT)/report.md
	$(BIN)/gkmodel render $(EXAMPLE) --to html -o $(OUT)/report.html
	$(BIN)/gkmodel render $(EXAMPLE) --to docx -o $(OUT)/report.docx
	@echo "== rendered $(EXAMPLE) to $(OUT)/report.{txt,md,html,docx}; open $(OUT)/report.html in a browser"
	$(BIN)/gkmodel read $(OUT)/report.txt > $(OUT)/report.read-back.json
	@echo "== read back from plain text: $(OUT)/report.read-back.json; the cells it holds:"
	@$(BIN)/gkmodel cells $(OUT)/report.txt | wc -l

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev
	$(BIN)/mypy

pytest: $(VENV)/.dev
	$(BIN)/pytest -q

docs: $(VENV)/.dev
	cp CHANGELOG.md docs/changelog.md
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir $(OUT)/site

test: lint typecheck pytest docs

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache

screenshots: $(VENV)/.dev
	$(BIN)/python scripts/screenshots.py

$(VENV)/.bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@

bench: $(VENV)/.bench
	$(BIN)/python benchmarks/bench.py
