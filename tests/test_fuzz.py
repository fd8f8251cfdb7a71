"""Every command on bad inputs (issue 11): exit 0, 1 or 2 only, never a traceback, never a
signal death or a hang, and inputs byte-identical unless the command is meant to change them.

The corpus is tests/fuzz/corpus (hand-written bad PO, glossary, TBX, TOML and source files)
plus what tests/fuzz/cases.py makes at test time (huge, binary and special files, seeded
mutants of good files, malicious packages, odd output paths). All cases run in one child
process (tests/fuzz/runner.py), so a crash is reported with the case that caused it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.fuzz.cases import build


def run_all(tmp_path: Path) -> tuple[list[dict[str, object]], list[str], int]:
    cases = build(tmp_path / "ws")
    cases_file = tmp_path / "cases.json"
    cases_file.write_text(json.dumps([c.to_json() for c in cases]), encoding="utf-8")
    results_file = tmp_path / "results.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "tests.fuzz.runner", str(cases_file), str(results_file)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    results, started = [], []
    for line in results_file.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "started" in record:
            started.append(record["started"])
        else:
            results.append(record)
    assert done.returncode == 0, (
        f"the runner died with {done.returncode} during {started[-1] if started else '?'}: "
        f"{done.stderr[-2000:]}"
    )
    return results, [c.name for c in cases], len(cases)


@pytest.mark.slow
def test_every_command_survives_the_bad_input_corpus(tmp_path: Path) -> None:
    results, names, total = run_all(tmp_path)
    assert len(results) == total == len(names)
    bad_codes = [(r["name"], r["code"]) for r in results if r["code"] not in (0, 1, 2)]
    tracebacks = [(r["name"], r["traceback"]) for r in results if r.get("traceback")]
    changed = [(r["name"], r["changed"]) for r in results if r["changed"]]
    assert not tracebacks, tracebacks[:3]
    assert not bad_codes, bad_codes[:10]
    assert not changed, changed[:10]
    codes = Counter(r["code"] for r in results)
    # the corpus is mostly bad input: most runs must be refused with a message
    assert codes[2] > total / 3, codes
    print(f"fuzz: {total} runs, exit codes {dict(codes)}")
