# eParaksts after-hours assistant. `make help` lists the verbs.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(PY) -m eparaksts.settings $(VENV)/bin/rasa
MODEL := models/eparaksts.tar.gz
# Everything a trained model depends on: retrain only when one of these changed.
TRAIN_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null) \
	$(wildcard eparaksts/components/*.py) eparaksts/language.py eparaksts/stemming.py eparaksts/text.py eparaksts/urgent_cues.py eparaksts/urgent.py

export TF_CPP_MIN_LOG_LEVEL := 2
export RASA_TELEMETRY_ENABLED := false
export PYTHONPATH := $(CURDIR)

.PHONY: help setup run shell train validate test bench cv bench-load clean desk desk-test browser-setup console-test create-admin webchat-setup webchat-test nginx-setup

help: ## list the verbs
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: ## create .venv from Python 3.10 and install the pinned requirements
	@scripts/setup_venv.sh

# Trained on one thread: TensorFlow's result depends on how many threads share the work (with
# DIET the same data gave NLU figures up to 1.5 points apart on machines with different core
# counts). The intent classifier no longer uses TensorFlow, the dialogue policy (TED) still does;
# one thread keeps the model the same everywhere and costs seconds.
$(MODEL): $(TRAIN_INPUTS) | setup
	TF_INTRA_OP_PARALLELISM_THREADS=1 TF_INTER_OP_PARALLELISM_THREADS=1 \
		$(RASA) train --fixed-model-name eparaksts --out models

train: setup $(MODEL) ## train the model if data, domain or config changed

run: setup $(MODEL) webchat-setup ## serve the assistant (REST + Socket.IO on :5005, actions on :5055, case desk and web chat on :8080)
	@scripts/serve.sh run

shell: setup $(MODEL) ## chat in the terminal
	@scripts/serve.sh shell

desk: setup webchat-setup ## run only the case desk (cases and ratings API on :8080)
	$(PY) -m eparaksts.settings $(PY) -m desk serve

desk-test: setup ## the case desk's and its client's tests (SQLite and local PostgreSQL)
	$(PY) -m pytest tests/desk -q

browser-setup: ## Chromium (apt) and playwright-core (npm ci) for the console's browser test
	@scripts/setup_browser.sh

webchat-setup: ## the web chat widget (rasa-webchat, npm ci into webchat/node_modules)
	@scripts/setup_webchat.sh

webchat-test: setup $(MODEL) webchat-setup browser-setup ## the web chat page in a browser, and the service status file
	$(PY) -m pytest tests/webchat tests/test_service_status.py -q

console-test: setup browser-setup ## the staff console's tests (HTTP, SQLite and PostgreSQL, browser)
	$(PY) -m pytest tests/console -q

create-admin: setup ## create the first staff console administrator: make create-admin NAME=username
	@test -n "$(NAME)" || { echo "usage: make create-admin NAME=username" >&2; exit 2; }
	$(PY) -m desk create-admin $(NAME)

validate: setup ## check domain, data and stories for consistency
	$(RASA) data validate --fail-on-warnings

nginx-setup: ## nginx from the distribution (the two-instance production test runs behind it)
	@scripts/setup_nginx.sh

test: setup validate $(MODEL) browser-setup webchat-setup nginx-setup ## every test: unit, actions, NLU gate, conversations, end-to-end, console, web chat, production
	$(PY) -m pytest tests

bench: setup $(MODEL) ## accuracy and latency benchmark -> results/bench.json
	$(PY) -m tests.bench.run

cv: setup ## 5-fold cross-validation of the NLU on the training data -> results/cv/ (per-intent report, confusions, urgent recall and false alarms)
	@# Rasa leaves an old errors or successes file in place when the new one would be empty.
	rm -f results/cv/intent_errors.json results/cv/intent_successes.json
	$(RASA) test nlu --nlu data/nlu --config config.yml --cross-validation --folds 5 --successes --out results/cv
	$(PY) -m tests.bench.cv_urgent results/cv

bench-load: setup $(MODEL) ## concurrent REST load (10/50/200 conversations) beside a stock `rasa init` bot -> results/load.json
	$(PY) -m tests.bench.load

clean: ## remove the virtual environment, models and local databases
	rm -rf $(VENV) models/*.tar.gz var results .rasa
