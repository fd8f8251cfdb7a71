# The README's two commands: `make demo` (set up, then run the main job on the sample corpus)
# and `make test` (set up, then run lint, types and the test suite). Both install what they need.

PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test sysdeps venv lint bench clean

sysdeps:
	@command -v msgfmt >/dev/null && command -v tmux >/dev/null || { \
	  echo "installing gettext and tmux (apt)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq gettext tmux >/dev/null; }

# torch must come before argostranslate: the pinned CPU build, or pip pulls several GB of CUDA packages.
$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
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
	for b in segment glossary mt tui score; do $(BIN)/python -m bench.$$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
