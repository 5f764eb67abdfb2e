# The two commands: `make demo` and `make test`. Both set up .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEMO_MODELS := .cache/demo-models
DEMO_MARKETS := en-US,en-GB,de-DE
DEMO_OUT := out/demo

# No model hub is reachable: never wait on one.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test install lint bench

install: $(INSTALLED)

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

$(DEMO_MODELS)/models.toml: $(INSTALLED) localize/data/corpus/zh-en.tsv localize/data/corpus/en-de.tsv localize/demo_models.py
	$(BIN)/localize models build-demo $(DEMO_MODELS)

demo: $(DEMO_MODELS)/models.toml
	$(BIN)/localize rates import examples/rates.csv
	LOCALIZE_MODELS=$(DEMO_MODELS)/models.toml $(BIN)/localize batch examples/catalog.csv \
		--markets $(DEMO_MARKETS) --out $(DEMO_OUT)
	@echo
	@echo "Done: the example catalog localised for $(DEMO_MARKETS) is in $(DEMO_OUT)/ (<market>.jsonl and <market>.csv)."
	@echo "Try one sentence: LOCALIZE_MODELS=$(DEMO_MODELS)/models.toml $(BIN)/localize translate '女士纯棉短袖T恤' --to de-DE"

test: $(INSTALLED)
	$(BIN)/python -m pytest -q

lint: $(INSTALLED)
	$(BIN)/ruff check localize api tests bench

bench: $(DEMO_MODELS)/models.toml
	LOCALIZE_MODELS=$(DEMO_MODELS)/models.toml $(BIN)/python bench/pipeline.py
