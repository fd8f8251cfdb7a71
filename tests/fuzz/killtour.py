"""kill -9 during writes: every writer, killed at random moments, never leaves a half file.

``python -m tests.fuzz.killtour [--runs N] [--seed S]`` runs each writer (segment onto an
existing PO, export, check --waive, check -o, glossary export, the editor's save, the merge
driver, tm import into a SQLite memory, tm export, the dictionary's index, check
--add-word) on a big catalogue in a child process, kills it with SIGKILL after a random
delay, and checks the target: it must be as before, or complete (the same as an unkilled
run's output, or a catalogue that reads back whole; a SQLite file: the same entries). It then runs the writer
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


DICTIONARY = """
import sys
from pathlib import Path
from workbench.adapters.dictionary import DingDictionary
DingDictionary(Path(sys.argv[1]), Path("cache")).build()
"""


@dataclass(frozen=True)
class Writer:
    """One command that writes ``target`` (made fresh by ``prepare`` in a folder).

    ``state`` reads what the target holds where its bytes do not tell (a SQLite file after
    a kill is whole when SQLite reads it whole: its journal is part of it); ``setup`` makes
    what only this writer needs."""

    name: str
    argv: Callable[[Path], list[str]]
    target: str
    state: Callable[[Path], object] | None = None
    setup: Callable[[Path, int], None] | None = None


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


def memory_state(path: Path) -> object:
    """A memory file's entries (count and a digest of them), or why SQLite cannot read it."""
    import hashlib
    import sqlite3

    try:
        db = sqlite3.connect(path)
        try:
            if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                return "damaged"
            rows = db.execute("SELECT source, target FROM units ORDER BY id").fetchall()
        finally:
            db.close()
    except sqlite3.Error as exc:
        return f"unreadable: {exc}"
    return len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()


def index_state(folder: Path) -> object:
    """The dictionary indexes in the cache folder, each with what it holds."""
    found = sorted(folder.rglob("ding-*.sqlite")) if folder.is_dir() else []
    return [(p.name, index_forms(p)) for p in found]


def index_forms(path: Path) -> object:
    import sqlite3

    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return db.execute("SELECT count(*) FROM forms").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error as exc:
        return f"unreadable: {exc}"


def memory_of(po: str) -> Callable[[Path, int], None]:
    """Setup: a memory holding ``po``'s entries (made by tm import)."""

    def make(folder: Path, entries: int) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        subprocess.run(
            workbench("tm", "import", po, "--memory", "mem.sqlite"),
            cwd=folder,
            env=env,
            capture_output=True,
            check=True,
        )

    return make


def ding_file(folder: Path, entries: int) -> None:
    """Setup: a Ding dictionary file of ``entries`` × 5 lines."""
    with (folder / "ding.txt").open("w", encoding="utf-8") as out:
        out.write("# Version :: killtour\n")
        for i in range(entries * 5):
            out.write(f"Stadt{i} {{f}}; Ort{i} {{m}} | Städte{i} {{pl}} :: city{i} | cities{i}\n")


def project(folder: Path, entries: int) -> None:
    """Setup: a project whose word list holds ``entries`` words."""
    (folder / "workbench.toml").write_text(
        '[[corpus]]\nsource = "doc.md"\npo = "big.po"\n[check]\nwords = "words.txt"\n',
        encoding="utf-8",
    )
    words = "".join(f"Wort{i}\n" for i in range(entries))
    (folder / "words.txt").write_text(words, encoding="utf-8")


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
    Writer(
        "tm import (SQLite)",
        lambda d: workbench("tm", "import", "big.po", "--memory", "mem.sqlite"),
        "mem.sqlite",
        memory_state,
        memory_of("theirs.po"),
    ),
    Writer(
        "tm export -o (TMX)",
        lambda d: workbench("tm", "export", "--memory", "mem.sqlite", "-o", "out.tmx"),
        "out.tmx",
        None,
        memory_of("big.po"),
    ),
    Writer(
        "dictionary index",
        lambda d: [sys.executable, "-c", DICTIONARY, "ding.txt"],
        "cache",
        index_state,
        ding_file,
    ),
    Writer(
        "check --add-word",
        lambda d: workbench("check", "--add-word", "Xiaoshan", "--add-word", "Yuhang"),
        "words.txt",
        None,
        project,
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
    for name in ("out.po", "out.md", "out.json", "out.tbx", "out.tmx"):
        (folder / name).write_text("old output\n", encoding="utf-8")


def temps(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.wbtmp") if "reference" not in p.parts]


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


def tour(runs: int, seed: int, entries: int, only: str = "") -> int:
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
            if only and not any(part in writer.name for part in only.split(",")):
                continue
            base = Path(tmp) / writer.name.replace(" ", "_").replace("/", "")
            base.mkdir()
            prepare(base, entries)
            if writer.setup is not None:
                writer.setup(base, entries)
            ref_dir = base / "reference"
            shutil.copytree(base, ref_dir, ignore=shutil.ignore_patterns("reference"))
            started = time.perf_counter()
            subprocess.run(
                writer.argv(ref_dir), cwd=ref_dir, env=env, capture_output=True, check=False
            )
            full = time.perf_counter() - started
            read = writer.state or (lambda p: p.read_bytes())
            reference = read(ref_dir / writer.target)
            kept = done = half = stale = mid = 0
            for k in range(runs):
                run_dir = base / "run"
                shutil.rmtree(run_dir, ignore_errors=True)
                shutil.copytree(base, run_dir, ignore=shutil.ignore_patterns("reference", "run"))
                before = read(run_dir / writer.target)
                proc: subprocess.Popen[bytes] = subprocess.Popen(
                    writer.argv(run_dir),
                    cwd=run_dir,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                if k % 2 or writer.state is memory_state:  # at a random moment (SQLite
                    # writes no temporary file to wait for)
                    time.sleep(rng.uniform(0.2, 1.05) * full)
                else:  # while the new file is being written: once its temporary file shows
                    _wait_for_temp(run_dir, proc, full * 3)
                    time.sleep(rng.uniform(0, 0.01))
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                target = run_dir / writer.target
                now = read(target)
                if now == before:
                    kept += 1
                elif now == reference or (
                    isinstance(reference, bytes) and complete(target, reference)
                ):
                    done += 1
                else:
                    half += 1
                # killed between the temporary file and rename (SQLite: with its log open)
                wal = run_dir / f"{writer.target}-wal"
                mid += bool(temps(run_dir)) or (wal.exists() and wal.stat().st_size > 0)
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
    parser.add_argument("--only", default="", help="writers whose names hold one of these, a,b")
    args = parser.parse_args()
    sys.exit(tour(args.runs, args.seed, args.entries, args.only))


if __name__ == "__main__":
    main()
