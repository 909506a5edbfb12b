# make demo  - install plankit in .venv and build every example into out/
# make test  - install plankit with its test tools in .venv, lint, and run the test suite
# make check - lint and run the fast tier: unit tests, one end-to-end build per document
#              kind and a fixed sample of the bad-input corpus (tests not marked slow)
# make reference - rebuild templates/docx/reference.docx and the DOCX font width table
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
EXAMPLES = $(wildcard examples/*.yaml)
# pytest-xdist: two worker processes (the machines this runs on have two cores); each test
# file runs whole in one worker, so its module fixtures (example builds) are made once, and
# files are handed out in collection order, where tests/conftest.py puts the longest first.
JOBS   ?= 2
PYTEST  = $(BIN)/python -m pytest -q -n $(JOBS) --dist loadfile --no-loadscope-reorder

.PHONY: demo test check bench install reference clean

$(BIN)/plankit: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

install: $(BIN)/plankit

demo: install
	$(BIN)/plankit build $(EXAMPLES) -o out -f docx,pdf,html,md
	$(BIN)/plankit build examples/three-rivers/*.yaml -o out/three-rivers -f docx,pdf,html,md
	$(BIN)/plankit build examples/rfp-nevi-ev-charging.yaml \
		examples/rfp-transit-construction-pla.yaml -o out -f json,csv,ics
	$(BIN)/plankit compare examples/compare/wioa-local-plan-2024.yaml \
		examples/compare/wioa-local-plan-2026.yaml -o out/compare --summary md
	$(BIN)/plankit compare examples/compare/mou-data-sharing-2023.yaml \
		examples/compare/mou-data-sharing-2026.yaml -o out/compare --summary md
	$(BIN)/plankit compare examples/compare/mou-data-sharing-2023.yaml \
		examples/compare/mou-data-sharing-2026.yaml -o out/compare -f docx,md --as amendment

test: install
	$(BIN)/ruff check src tests bench
	$(PYTEST)

check: install
	$(BIN)/ruff check src tests bench
	$(PYTEST) -m "not slow" --corpus-sample

reference: install
	$(BIN)/python -m plankit.render.docx.metrics
	$(BIN)/python -m plankit.render.docx.reference

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf out .pytest_cache
