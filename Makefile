# The two commands: `make demo` and `make test`. Both set up .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEMO_MODELS := .cache/demo-models
DEMO_MARKETS := en-US,en-GB,de-DE
DEMO_OUT := out/demo
DEMO_DB := sqlite:///$(CURDIR)/.localize/demo.db
DEMO_USER := demo
DEMO_PASSWORD := review-demo-2026
# `make demo ENGINE=ctranslate2` runs the demo on the same models converted for CTranslate2.
ENGINE ?= transformers
DEMO_CT2 := .cache/demo-models-ct2
DEMO_MODELS_FILE := $(if $(filter ctranslate2,$(ENGINE)),$(DEMO_CT2),$(DEMO_MODELS))/models.toml
DEMO_ENV := LOCALIZE_MODELS=$(DEMO_MODELS_FILE) LOCALIZE_DATABASE_URL=$(DEMO_DB) LOCALIZE_ENGINE=$(ENGINE)
# The example rates' day: the demo localises as of it, so its prices are not flagged as stale.
DEMO_AS_OF := 2026-11-20

# No model hub is reachable: never wait on one.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test install lint bench serve system-packages

install: $(INSTALLED)

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

$(DEMO_MODELS)/models.toml: $(INSTALLED) localize/data/corpus/zh-en.tsv localize/data/corpus/en-de.tsv tools/demo_models.py
	$(BIN)/localize models build-demo $(DEMO_MODELS)

$(DEMO_CT2)/models.toml: $(DEMO_MODELS)/models.toml
	$(BIN)/localize models convert $(DEMO_MODELS)/zh-en $(DEMO_CT2)/zh-en
	$(BIN)/localize models convert $(DEMO_MODELS)/en-de $(DEMO_CT2)/en-de
	printf 'default = ""\n"zh-en" = "./zh-en"\n"en-de" = "./en-de"\n' > $@

demo: $(DEMO_MODELS_FILE)
	$(BIN)/localize rates import examples/rates.csv
	LOCALIZE_MODELS=$(DEMO_MODELS_FILE) LOCALIZE_ENGINE=$(ENGINE) $(BIN)/localize batch examples/catalog.csv \
		--markets $(DEMO_MARKETS) --out $(DEMO_OUT) --as-of $(DEMO_AS_OF)
	rm -f .localize/demo.db
	$(DEMO_ENV) $(BIN)/localize users add $(DEMO_USER) --markets $(DEMO_MARKETS) --password $(DEMO_PASSWORD)
	$(DEMO_ENV) $(BIN)/localize submit examples/catalog.csv --markets $(DEMO_MARKETS) --seller demo-seller \
		--as-of $(DEMO_AS_OF)
	@echo
	@echo "Done: the example catalog localised for $(DEMO_MARKETS) is in $(DEMO_OUT)/ (<market>.jsonl and <market>.csv),"
	@echo "and waits in the review queue. Start it with:  make serve"
	@echo "then open http://127.0.0.1:8000/review  and sign in as $(DEMO_USER) / $(DEMO_PASSWORD)"
	@echo "Try one sentence: LOCALIZE_MODELS=$(DEMO_MODELS_FILE) LOCALIZE_ENGINE=$(ENGINE) $(BIN)/localize translate '女士纯棉短袖T恤' --to de-DE"

serve: $(DEMO_MODELS_FILE)
	$(DEMO_ENV) $(BIN)/localize serve --host 127.0.0.1 --port 8000

test: lint system-packages
	$(BIN)/python -m pytest -q

# The store's tests need a real PostgreSQL, the Celery tests Redis, the browser test Debian's chromium.
system-packages:
	@command -v chromium >/dev/null && command -v redis-server >/dev/null && \
		ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		echo "installing chromium, postgresql and redis-server (Debian packages)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium postgresql \
			redis-server >/dev/null; }

# ruff on everything; mypy --strict on the package, the API and tools (configured in pyproject.toml; tests excluded).
lint: $(INSTALLED)
	$(BIN)/ruff check localize api tools tests bench
	$(BIN)/mypy

bench: $(DEMO_MODELS)/models.toml
	LOCALIZE_MODELS=$(DEMO_MODELS)/models.toml $(BIN)/python bench/pipeline.py

# Rewrite the demo corpus (localize/data/corpus/) from tools/corpus/data/; the output is the same on every run.
.PHONY: corpus
corpus: $(INSTALLED)
	$(BIN)/python -m tools.corpus
