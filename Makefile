# The README's two commands: `make demo` (set up, then run the main job on the sample corpus)
# and `make test` (set up, then run lint, types and the test suite). Both install what they need.

PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test sysdeps venv lint bench clean noise-model

# The Debian packages the app and the tests need, in one list (CI installs them through this):
# gettext (msgfmt, msgcat, msgmerge), tmux (the TUI's real-terminal tests), trans-de-en (the
# Ding German-English dictionary behind the TUI's dictionary pane), postgresql (the tests start
# a throwaway server for the team-sized translation memory), Hunspell's en_US and en_GB
# dictionaries and Enchant (the spelling check). Only the missing ones are installed.
SYSDEPS := gettext tmux trans-de-en postgresql hunspell-en-us hunspell-en-gb libenchant-2-2

sysdeps:
	@missing=$$(for p in $(SYSDEPS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "installing" $$missing "(apt)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; fi

# Everything: the core, the `mt` extra (argostranslate, torch) and the dev tools. CPU-only
# torch must come before argostranslate, or pip pulls several GB of CUDA packages: a local
# CPU wheel where pip is configured with one (find-links), else PyTorch's CPU wheel index.
# Where neither can be had, the venv gets the core and the dev tools without the `mt` extra
# (drafting with an installed package, the demo and the tests still work) and says so.
TORCH_LOCAL     := torch==2.13.0
TORCH_CPU_INDEX := https://download.pytorch.org/whl/cpu
$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	@if $(BIN)/pip install -q --dry-run --no-deps --no-index '$(TORCH_LOCAL)' >/dev/null 2>&1; \
	then echo "CPU-only torch: the local wheel"; $(BIN)/pip install -q '$(TORCH_LOCAL)'; \
	else echo "CPU-only torch: from $(TORCH_CPU_INDEX)"; \
	  $(BIN)/pip install -q --retries 1 --timeout 30 torch --index-url $(TORCH_CPU_INDEX); fi; \
	if $(BIN)/pip show -q torch >/dev/null 2>&1; then $(BIN)/pip install -q -e '.[mt,dev]'; \
	else $(BIN)/pip install -q -e '.[dev]' && echo && \
	  echo "NOTE: no CPU-only torch (no local wheel, and $(TORCH_CPU_INDEX) cannot be reached):" && \
	  echo "  this venv has the core and the dev tools WITHOUT the \`mt\` extra (argostranslate)." && \
	  echo "  Drafting with an installed Argos package works (the demo uses the repository's noise" && \
	  echo "  model); \`workbench mt install de en\` and BPE-tokenized packages need the extra:" && \
	  echo "    $(BIN)/pip install torch --index-url $(TORCH_CPU_INDEX)" && \
	  echo "    $(BIN)/pip install -e '.[mt,dev]'" && echo; fi
	@touch $(STAMP)

venv: $(STAMP)

demo: sysdeps venv
	bash scripts/demo.sh

lint: venv
	$(BIN)/ruff check workbench tests bench
	$(BIN)/ruff format --check workbench tests bench
	$(BIN)/mypy

test: sysdeps venv lint
	$(BIN)/python -m pytest -q

bench: venv
	for b in segment glossary mt mt_terms tui score merge po startup; do $(BIN)/python -m bench.$$b || exit 1; done

# Try drafting without a real model: build the repository's tiny test model (random weights:
# its output is NOISE, not a translation) and install it where argostranslate keeps packages.
noise-model: venv
	@echo "building the tiny random-weight test model: its drafts are noise, not translations"
	$(BIN)/python -c 'from pathlib import Path; import tempfile; \
	  from tests.support.argos_model import build_package; \
	  print(build_package(Path(tempfile.mkdtemp(prefix="wb-noise-model-"))))' > $(VENV)/.noise-model
	$(BIN)/workbench mt install "$$(cat $(VENV)/.noise-model)"
	@echo "installed: a NOISE model for trying the mechanics (draft, completion, glossary"
	@echo "protection); remove it with: $(BIN)/workbench mt remove de en"

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
