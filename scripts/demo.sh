#!/usr/bin/env bash
# The main job on the sample corpus, in README order: segment → status → check → draft →
# score → export. Run by `make demo` after set-up. Outputs land in build/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
W=.venv/bin/workbench
PY=.venv/bin/python
OUT=build/demo
CORPUS=corpora/hangzhou-sister-cities
mkdir -p "$OUT"

step() { printf '\n\033[1;36m== %s\033[0m\n' "$*"; }

step "1. segment: the German article into PO (the project's corpus; untouched if the source did not change)"
$W segment

step "2. status: segments and words per review state"
$W status

step "3. check: glossary and QA gate on the human translation (what CI runs; exit 1 on errors)"
$W check

step "4. draft: machine drafts for a fresh copy of the article (MT only: --no-memory)"
rm -f "$OUT/hangzhou.en.po"
$W segment "$CORPUS/source.de.md" -o "$OUT/hangzhou.en.po"
if $PY -c 'import sys; from workbench.services.drafting import model_status; sys.exit(0 if model_status().ready else 1)'; then
  $W draft "$OUT/hangzhou.en.po" --no-memory
else
  echo "No de→en Argos model is installed, and none can be downloaded on this machine."
  echo "The demo drafts with the repository's tiny test model instead: a real CTranslate2"
  echo "package with random weights, so its output is noise, not a translation."
  export ARGOS_PACKAGES_DIR="$PWD/$OUT/argos-packages" WORKBENCH_CACHE_DIR="$PWD/$OUT/cache"
  model=$($PY -c 'from pathlib import Path; from tests.support.argos_model import build_package; print(build_package(Path("'"$OUT"'")))')
  $W mt install "$model"
  $W mt list
  $W draft "$OUT/hangzhou.en.po" --no-memory
fi
$W status "$OUT/hangzhou.en.po"

step "4b. memory: segment fed the translated article into the project's translation memory"
$W tm stats
echo "(a sentence the memory has with other dates: the match takes the new numbers)"
$W tm lookup "Die siebte Chinesisch-amerikanische Städtepartnerschaft-Konferenz hat vom 26. Oktober bis 29. Oktober in der südostchinesischen Metropole Hangzhou stattgefunden."
$W tm search Partnerstädte
echo "(pre-translation of another fresh copy from the memory alone: no model needed)"
rm -f "$OUT/memory.en.po"
$W segment "$CORPUS/source.de.md" -o "$OUT/memory.en.po"
$W draft "$OUT/memory.en.po" --tm-only

step "5. check the raw drafts: do-not-translate and forbidden terms hold even on noise"
$W check "$OUT/hangzhou.en.po" --states draft --checks dnt,forbidden
echo "(every check on the raw drafts, summary only; findings are expected on raw MT:)"
$W check "$OUT/hangzhou.en.po" --states draft --format json \
  | $PY -c 'import json,sys; print(json.load(sys.stdin)["summary"]["by_check"])' || true

step "6. score: the human translation and the drafts against the reference"
$W score --segments 3
$W score "$OUT/hangzhou.en.po" --reference "$CORPUS/reference.en.md" --segments 0

step "7. export: markdown, bilingual table, TMX and PO"
$W export "$CORPUS/hangzhou-sister-cities.en.po" --format md --unreviewed mark -o "$OUT/hangzhou.en.md"
$W export "$CORPUS/hangzhou-sister-cities.en.po" --format bilingual-md -o "$OUT/hangzhou.bilingual.md"
$W export "$CORPUS/hangzhou-sister-cities.en.po" --format tmx -o "$OUT/hangzhou.tmx"
$W export "$OUT/hangzhou.en.po" --format po -o "$OUT/drafts.en.po"
ls -l "$OUT"
printf '\nOpen the translator UI with:  .venv/bin/workbench open\n'
