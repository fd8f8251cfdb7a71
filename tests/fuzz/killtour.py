"""kill -9 during writes: every writer, killed at random moments, never leaves a half file.

``python -m tests.fuzz.killtour [--runs N] [--seed S]`` runs each writer (segment onto an
existing PO, export, check --waive, check -o, glossary export, the editor's save, the merge
driver) on a big catalogue in a child process, kills it with SIGKILL after a random delay,
and checks the target: it must be byte-identical to before, or complete (the same as an
unkilled run's output, or a catalogue that reads back whole). It then runs the writer
again to the end and counts the temporary files left beside the target (the next write
must have removed them). It prints one line per writer and the totals; the exit code is 1
if any run left a half file or a stale temporary file.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GLOSSARY = REPO / "glossaries" / "civic.de-en.tsv"
SOURCE = REPO / "corpora" / "hangzhou-sister-cities" / "source.de.md"

EDIT = """
import sys
from pathlib import Path
from workbench.services.session import EditSession
with EditSession.open(Path(sys.argv[1]), lock=True) as session:
    session.ensure_complete()
    for i in range(0, len(session.units), 7):
        session.set_target(i, f"edited {i}")
    session.save()
"""


@dataclass(frozen=True)
class Writer:
    """One command that writes ``target`` (made fresh by ``prepare`` in a folder)."""

    name: str
    argv: Callable[[Path], list[str]]
    target: str


def big_po(path: Path, entries: int) -> None:
    head = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n"Language: en\\n"\n\n'
    )
    body = "".join(
        f'msgctxt "k{i}"\nmsgid "Die Stadt hat {i}.500 Einwohner und eine Partnerstadt."\n'
        f'msgstr "The city has {i},500 inhabitants and a sister city."\n\n'
        for i in range(entries)
    )
    path.write_text(head + body, encoding="utf-8")


def workbench(*args: str) -> list[str]:
    return [sys.executable, "-m", "workbench", *args]


WRITERS = (
    Writer(
        "export -o (po)",
        lambda d: workbench("export", "big.po", "-f", "po", "-o", "out.po"),
        "out.po",
    ),
    Writer(
        "export -o (md)",
        lambda d: workbench("export", "big.po", "-f", "bilingual-md", "-o", "out.md"),
        "out.md",
    ),
    Writer(
        "check -o (json)",
        lambda d: workbench("check", "big.po", "-f", "json", "-o", "out.json"),
        "out.json",
    ),
    Writer(
        "check --waive",
        lambda d: workbench(
            "check", "--waive", "numbers", "--entry", "k5", "--reason", "r", "big.po"
        ),
        "big.po",
    ),
    Writer(
        "glossary export -o",
        lambda d: workbench("glossary", "export", "g.tsv", "-o", "out.tbx"),
        "out.tbx",
    ),
    Writer(
        "segment -o (update)", lambda d: workbench("segment", "doc.md", "-o", "big.po"), "big.po"
    ),
    Writer("editor save", lambda d: [sys.executable, "-c", EDIT, "big.po"], "big.po"),
    Writer(
        "merge-driver",
        lambda d: workbench("merge-driver", "base.po", "big.po", "theirs.po", "big.po"),
        "big.po",
    ),
)


def prepare(folder: Path, entries: int) -> None:
    big_po(folder / "big.po", entries)
    shutil.copy(folder / "big.po", folder / "base.po")
    text = (folder / "big.po").read_text(encoding="utf-8")
    (folder / "theirs.po").write_text(
        text.replace("sister city.", "twin city.", 50), encoding="utf-8"
    )
    shutil.copy(GLOSSARY, folder / "g.tsv")
    shutil.copy(SOURCE, folder / "doc.md")
    for name in ("out.po", "out.md", "out.json", "out.tbx"):
        (folder / name).write_text("old output\n", encoding="utf-8")


def temps(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".wbtmp")]


def _wait_for_temp(folder: Path, proc: subprocess.Popen[bytes], limit: float) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        if temps(folder):
            return
        time.sleep(0.0005)


def complete(path: Path, reference: bytes) -> bool:
    """A whole file: the unkilled run's bytes, or (for PO targets, whose header carries a
    time) a catalogue that reads back with as many entries as the unkilled run's."""
    data = path.read_bytes()
    if data == reference:
        return True
    if path.suffix != ".po":
        return False
    from workbench.adapters.po import PoCatalog

    try:
        return len(PoCatalog.load(path).units()) == reference.count(b"\nmsgid ")
    except Exception:
        return False


def tour(runs: int, seed: int, entries: int) -> int:
    rng = random.Random(seed)
    env = {**os.environ, "WORKBENCH_REVIEWER": "killtour", "PYTHONPATH": str(REPO)}
    failures = 0
    print(
        "| writer | kills | killed mid-write | old file kept | new file complete | half files "
        "| stale temps after the next write |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    totals = [0, 0, 0, 0, 0, 0]
    with tempfile.TemporaryDirectory() as tmp:
        for writer in WRITERS:
            base = Path(tmp) / writer.name.replace(" ", "_").replace("/", "")
            base.mkdir()
            prepare(base, entries)
            ref_dir = base / "reference"
            shutil.copytree(base, ref_dir, ignore=shutil.ignore_patterns("reference"))
            started = time.perf_counter()
            subprocess.run(
                writer.argv(ref_dir), cwd=ref_dir, env=env, capture_output=True, check=False
            )
            full = time.perf_counter() - started
            reference = (ref_dir / writer.target).read_bytes()
            kept = done = half = stale = mid = 0
            for k in range(runs):
                run_dir = base / "run"
                shutil.rmtree(run_dir, ignore_errors=True)
                shutil.copytree(base, run_dir, ignore=shutil.ignore_patterns("reference", "run"))
                before = (run_dir / writer.target).read_bytes()
                proc: subprocess.Popen[bytes] = subprocess.Popen(
                    writer.argv(run_dir),
                    cwd=run_dir,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                if k % 2:  # at a random moment of the run
                    time.sleep(rng.uniform(0.2, 1.05) * full)
                else:  # while the new file is being written: once its temporary file shows
                    _wait_for_temp(run_dir, proc, full * 3)
                    time.sleep(rng.uniform(0, 0.01))
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                target = run_dir / writer.target
                now = target.read_bytes()
                if now == before:
                    kept += 1
                elif complete(target, reference):
                    done += 1
                else:
                    half += 1
                mid += bool(temps(run_dir))  # killed between the temporary file and rename
                subprocess.run(
                    writer.argv(run_dir), cwd=run_dir, env=env, capture_output=True, check=False
                )
                stale += len(temps(run_dir))
            row = (runs, mid, kept, done, half, stale)
            print(f"| {writer.name} | " + " | ".join(map(str, row)) + " |")
            for k, v in enumerate(row):
                totals[k] += v
            failures += half + stale
    print("| total | " + " | ".join(map(str, totals)) + " |")
    return 1 if failures else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="kills per writer")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--entries", type=int, default=20_000, help="entries in the big PO")
    args = parser.parse_args()
    sys.exit(tour(args.runs, args.seed, args.entries))


if __name__ == "__main__":
    main()
