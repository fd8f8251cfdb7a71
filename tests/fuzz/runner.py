"""Run fuzz cases in this process, one after another, and write one JSON line per case.

``python -m tests.fuzz.runner CASES.json RESULTS.jsonl`` runs every case of the file
through :func:`workbench.cli.main` (or the ``@open``/``@edit``/``@dictionary``
pseudo-commands), with a 20-second alarm per case, and records its exit code, any exception
that escaped (a traceback), "Traceback" in its output, and the inputs whose bytes changed
(``kept_on_error``: changed although the run failed). The test runs
this in one child process, so a case that kills the process (a segmentation fault) is
seen as the child's death with the case it was running, not as pytest's own crash.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import signal
import sys
import time
import traceback
from pathlib import Path
from types import FrameType
from typing import Any

ALARM_SECONDS = 20


class Hang(Exception):
    """A case ran longer than the alarm."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang(f"no answer after {ALARM_SECONDS} s")


def digest(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def run_pseudo(argv: list[str]) -> int:
    """``@open PATH``: the TUI app up to its first screen; ``@edit PATH``: type and save."""
    from workbench.errors import UserError

    kind, path = argv[0], Path(argv[1])
    try:
        if kind == "@dictionary":
            return look_up(path, argv[2] if len(argv) > 2 else "")
        if kind == "@open":
            from workbench.tui.app import make_app

            app = make_app(path)
            if app.session is not None:
                app.session.close()
            return 0
        from workbench.services.session import EditSession

        with EditSession.open(path, lock=True) as session:
            if session.read_only or not session.units:
                return 0
            session.ensure_complete()
            session.set_target(0, "fuzz edit")
            session.save()
        return 0
    except UserError:
        return 2


def look_up(ding: Path, damage: str) -> int:
    """``@dictionary PATH [garbage|cut|folder]``: what the TUI's dictionary pane does with
    Ding file PATH (build the index, look a sentence up); with a damage, the index is then
    overwritten with garbage, cut short or replaced by a folder, and the lookup repeated."""
    from workbench.services.dictionary import Dictionary

    dictionary = Dictionary(ding)
    try:
        if not dictionary.installed:
            return 2  # the pane says how to install it
        dictionary.lookup_text("Der Landrat besuchte die Partnerstadt Hangzhou.")
        if damage:
            index = dictionary.ding.index_path()
            dictionary.close()
            if damage == "garbage":
                index.write_bytes(b"garbage " * 512)
            elif damage == "cut":
                index.write_bytes(index.read_bytes()[:2048])
            else:
                index.unlink()
                index.mkdir()
            dictionary.lookup_text("Die Städte")
        return 0
    finally:
        dictionary.close()


def run_case(case: dict[str, Any]) -> dict[str, Any]:
    from workbench.cli import main

    before = {p: digest(p) for p in case["inputs"]}
    kept = {p: digest(p) for p in case.get("kept_on_error", ())}
    saved_env = {k: os.environ.get(k) for k in case["env"]}
    os.environ.update(case["env"])
    os.chdir(case["cwd"])
    out, err = io.StringIO(), io.StringIO()
    result: dict[str, Any] = {"name": case["name"], "argv": case["argv"]}
    started = time.perf_counter()
    signal.alarm(ALARM_SECONDS)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            argv = case["argv"]
            code = run_pseudo(argv) if argv[0].startswith("@") else main(argv)
        result["code"] = code
    except SystemExit as exc:
        result["code"] = exc.code if isinstance(exc.code, int) else 2
    except BaseException as exc:
        result["code"] = None
        result["traceback"] = "".join(traceback.format_exception(exc))[-3000:]
    finally:
        signal.alarm(0)
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    result["seconds"] = round(time.perf_counter() - started, 3)
    text = out.getvalue() + err.getvalue()
    if "Traceback (most recent call last)" in text:
        result["traceback"] = result.get("traceback") or text[-3000:]
    result["changed"] = [p for p, d in before.items() if digest(p) != d]
    if result["code"] != 0:  # a refused run changes nothing it was meant to change
        result["changed"] += [p for p, d in kept.items() if digest(p) != d]
    result["stderr"] = err.getvalue()[-500:]
    return result


def main(cases_file: str, results_file: str) -> None:
    signal.signal(signal.SIGALRM, _alarm)
    cases = json.loads(Path(cases_file).read_text(encoding="utf-8"))
    with Path(results_file).open("a", encoding="utf-8") as results:
        for case in cases:
            results.write(json.dumps({"started": case["name"]}) + "\n")
            results.flush()
            results.write(json.dumps(run_case(case)) + "\n")
            results.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
