"""Start-up cost of the command line against ``python -c "import polib"`` (issue 16).

Git runs the merge driver once per conflicted PO file, CI runs ``check`` on every push and
people type ``workbench --help``: each is a whole process whose time is mostly start-up.
Each command runs as a child process on the sample corpus (the repository's
workbench.toml); its cost is the CPU time the child used (user + system, from the kernel's
accounting of the reaped child), steadier than wall time on a shared machine. Every round
runs the anchor and then each command once; the ratio shown is the median of the rounds'
own ratios, with their range. Goal: at most 5× the anchor for each.

The children use a cache folder of their own (``WORKBENCH_CACHE_DIR``): the warm-up run
builds the spelling check's dictionary index there, as a user's first ``check`` does, and
the rounds measure the warm ``check``. The row "first run" measures ``check`` with an empty
cache folder every time (what a CI job on a clean machine pays once).

    python -m bench.startup              # 15 rounds
    python -m bench.startup --rounds 5   # quicker
    python -m bench.startup --imports    # also list the slowest imports of each command
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpora" / "hangzhou-sister-cities" / "hangzhou-sister-cities.en.po"
GOAL = 5.0


def workbench_command() -> list[str]:
    """The ``workbench`` console script beside this interpreter, else ``python -m``."""
    script = Path(sys.executable).parent / "workbench"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "workbench"]


def child_cpu(argv: Sequence[str], cwd: Path, env: dict[str, str]) -> float:
    """CPU seconds (user + system) the child process used, output discarded."""
    process = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _pid, _status, usage = os.wait4(process.pid, 0)
    process.returncode = 0  # reaped here; keep Popen from waiting again
    return usage.ru_utime + usage.ru_stime


def merge_inputs(folder: Path) -> list[str]:
    """Base, ours and theirs of the sample catalogue: each side changed one translation."""
    text = SAMPLE.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    targets = [
        i for i, line in enumerate(lines) if line.startswith('msgstr "') and line != 'msgstr ""\n'
    ]
    ours, theirs = list(lines), list(lines)
    ours[targets[0]] = ours[targets[0]].replace('msgstr "', 'msgstr "Ours: ', 1)
    theirs[targets[-1]] = theirs[targets[-1]].replace('msgstr "', 'msgstr "Theirs: ', 1)
    paths = []
    for name, content in (("base", lines), ("ours", ours), ("theirs", theirs)):
        path = folder / f"{name}.po"
        path.write_text("".join(content), encoding="utf-8")
        paths.append(str(path))
    return paths


#: The label of the row measured with an empty cache folder every time.
FIRST_RUN = "workbench check, first run (index built)"


def commands(folder: Path) -> dict[str, list[str]]:
    """What is measured: the label and the argument list of each command."""
    workbench = workbench_command()
    return {
        "workbench --help": [*workbench, "--help"],
        "workbench status": [*workbench, "status"],
        "workbench check": [*workbench, "check"],
        "workbench merge-driver": [*workbench, "merge-driver", *merge_inputs(folder), "x.po"],
        FIRST_RUN: [*workbench, "check"],
    }


def slowest_imports(
    argv: Sequence[str], cwd: Path, env: dict[str, str], count: int = 8
) -> list[str]:
    """The top-level imports that took longest (cumulative) in one run of ``argv``."""
    env = {**env, "PYTHONPROFILEIMPORTTIME": "1"}
    result = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    rows = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _self, cumulative, name = line[len("import time:") :].split("|")
        if cumulative.strip().isdigit() and not name.startswith("   "):  # top level only
            rows.append((int(cumulative), name.strip()))
    rows.sort(reverse=True)
    return [f"{name} {micro / 1000:.0f} ms" for micro, name in rows[:count]]


def child_env(folder: Path) -> dict[str, str]:
    """The children's environment: compiled bytecode kept (in ``folder``, not in the
    repository), as an installed package has it, even where PYTHONDONTWRITEBYTECODE is set."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    env["WORKBENCH_CACHE_DIR"] = str(folder / "cache")
    return env


def bench(rounds: int, imports: bool = False) -> str:
    anchor = [sys.executable, "-c", "import polib"]
    with tempfile.TemporaryDirectory(prefix="wb-startup-") as tmp:
        folder = Path(tmp)
        env = child_env(folder)
        measured = commands(folder)
        pristine = {p: Path(p).read_bytes() for p in measured["workbench merge-driver"][-4:-1]}

        def run(argv: Sequence[str], cold: bool = False) -> float:
            for path, data in pristine.items():  # the driver writes its result over ours
                Path(path).write_bytes(data)
            if not cold:
                return child_cpu(argv, REPO, env)
            with tempfile.TemporaryDirectory(dir=folder) as empty:
                return child_cpu(argv, REPO, {**env, "WORKBENCH_CACHE_DIR": empty})

        for argv in (anchor, *measured.values()):  # warm-up: bytecode compiled and cached
            run(argv)
        anchors: list[float] = []
        times: dict[str, list[float]] = {label: [] for label in measured}
        for _round in range(rounds):
            anchors.append(run(anchor))
            for label, argv in measured.items():
                times[label].append(run(argv, cold=label == FIRST_RUN))
        lines = [
            f'{rounds} rounds; anchor `python -c "import polib"`: median '
            f"{statistics.median(anchors) * 1000:.0f} ms CPU",
            "",
            "| command | CPU ms (median) | × anchor (median of rounds) | range of rounds | goal |",
            "|---|---|---|---|---|",
        ]
        for label, seconds in times.items():
            ratios = sorted(t / a for t, a in zip(seconds, anchors, strict=True))
            ratio = statistics.median(ratios)
            verdict = "ok" if ratio <= GOAL else f"over {GOAL:g}×"
            if label == FIRST_RUN:
                verdict = "once per machine and dictionary"
            lines.append(
                f"| {label} | {statistics.median(seconds) * 1000:.0f} | {ratio:.1f} | "
                f"{ratios[0]:.1f}–{ratios[-1]:.1f} | {verdict} |"
            )
        if imports:
            lines.append("")
            for label, argv in measured.items():
                run(argv)
                lines.append(f"{label}: " + ", ".join(slowest_imports(argv, REPO, env)))
        return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.startup", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument("--rounds", type=int, default=15, help="rounds; medians shown")
    parser.add_argument("--imports", action="store_true", help="list the slowest imports")
    args = parser.parse_args(argv)
    print(bench(max(1, args.rounds), args.imports))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
