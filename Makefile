# Two commands on a fresh machine with Python 3.11+ and make:
#   make demo   creates .venv, installs gkmodel with its extras, runs it on the bundled example
#   make test   creates .venv with the dev tools, runs lint, type check and the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    := out
EXAMPLE := examples/data/shangguan_2020.json

.PHONY: demo test lint typecheck pytest docs bench bench-audit profile clean screenshots fuzz

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
	@echo "== build: count tables 三 and 四 from the example registers (台账, XLSX), check, render"
	$(BIN)/gkmodel build examples/register_template.xlsx --cases examples/cases_template.xlsx \
		--year 2024 --organ 某县人民政府 --level 县级政府 -o $(OUT)/built.json --render html,docx
	@echo "== the same from a generated register of 3,000 applications, in one command"
	$(BIN)/python examples/tally_register.py --records 3000 -o $(OUT)/register.xlsx
	$(BIN)/gkmodel build $(OUT)/register.xlsx --cases $(OUT)/register-cases.xlsx \
		--year 2024 --organ 某县人民政府 --level 县级政府 -o $(OUT)/built-3000.json --render html,docx
	@echo "== gkmodel check $(EXAMPLE)  (exit status 1: the report has published errors)"
	@$(BIN)/gkmodel check $(EXAMPLE); test $$? -le 1
	$(BIN)/gkmodel cells $(EXAMPLE) -o $(OUT)/cells.jsonl
	@echo "== $(OUT)/cells.jsonl: $$(wc -l < $(OUT)/cells.jsonl) cells of $(EXAMPLE); the first five:"
	@head -5 $(OUT)/cells.jsonl
	$(BIN)/gkmodel schema --edition 2019 -o $(OUT)/schema-2019.json
	$(BIN)/gkmodel render $(EXAMPLE) --to text -o $(OUT)/report.txt
	$(BIN)/gkmodel render $(EXAMPLE) --to md -o $(OUT)/report.md
	$(BIN)/gkmodel render $(EXAMPLE) --to html -o $(OUT)/report.html
	$(BIN)/gkmodel render $(EXAMPLE) --to docx -o $(OUT)/report.docx
	@echo "== rendered $(EXAMPLE) to $(OUT)/report.{txt,md,html,docx}; open $(OUT)/report.html in a browser"
	$(BIN)/gkmodel read $(OUT)/report.txt -o $(OUT)/report.read-back.json
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

# A longer fuzz run than the test suite's (examples per test; set GKMODEL_FUZZ_EXAMPLES=N to change)
GKMODEL_FUZZ_EXAMPLES ?= 1000
fuzz: $(VENV)/.dev
	GKMODEL_FUZZ_EXAMPLES=$(GKMODEL_FUZZ_EXAMPLES) $(BIN)/pytest -q tests/test_fuzz.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache

screenshots: $(VENV)/.dev
	$(BIN)/python scripts/screenshots.py
	$(BIN)/python scripts/audit_screenshots.py

$(VENV)/.bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@

bench: $(VENV)/.bench
	$(BIN)/python benchmarks/bench.py

# Audit throughput at 1 and 2 jobs over 100 and 1,000 generated pages (rendered, then transformed as
# real sites serve them), and read time per page against the parse of its bytes; BENCH_ARGS=--large
# adds 10,000 pages, BENCH_ARGS='--sizes 100 --no-write' only tries the tooling.
bench-audit: $(VENV)/.bench
	$(BIN)/python benchmarks/audit_bench.py $(BENCH_ARGS)

profile: $(VENV)/.bench
	$(BIN)/python benchmarks/profile.py --report seed
