# Two commands matter: `make run` and `make test`. Both set up .venv from the lock file first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install system lint bench screenshot clean-cache help install-desktop \
	uninstall-desktop

help:
	@echo "make run    - set up and open Twofold on the sample folder seeds/"
	@echo "make test   - set up and run every test headless"
	@echo "make lint   - ruff over the code, mypy over the engine"
	@echo "make bench  - quality and speed benchmarks"
	@echo "make install-desktop - add Twofold to this user's application menu (icon, launcher)"

run: install
	$(PY) -m twofold seeds

test: install
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest
	$(VENV)/bin/mypy

install: system $(STAMP)

# System libraries Qt needs (fonts, EGL, xcb): installed with apt-get when possible, else the
# exact command is printed and the step fails.
system:
	@bash scripts/system-deps.sh

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Twofold needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version)."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

lint: install
	$(VENV)/bin/ruff check desktop tests benchmarks scripts
	$(VENV)/bin/mypy

bench: install
	$(PY) benchmarks/alignment_quality.py
	$(PY) benchmarks/entity_quality.py
	$(PY) benchmarks/divergence_quality.py
	$(PY) benchmarks/read_precision.py
	$(PY) benchmarks/story_quality.py
	$(PY) benchmarks/speed.py
	$(PY) benchmarks/folder_scale.py
	$(PY) benchmarks/web_extraction.py
	$(PY) benchmarks/fuzz_loaders.py --seconds 5
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/highlight_share.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/soak.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/window_speed.py

screenshot: install
	QT_QPA_PLATFORM=offscreen $(PY) -m twofold --screenshot twofold.png seeds

# Launcher, icons and AppStream metadata for the current user (~/.local/share); the launcher runs
# this checkout's .venv/bin/twofold. Fails loudly when a step fails.
install-desktop: install
	@bash scripts/install-desktop.sh "$(CURDIR)/$(VENV)/bin/twofold"

uninstall-desktop:
	@bash scripts/install-desktop.sh --uninstall
