"""The fuzz cases: every command against bad PO, glossary, TBX, TOML, source and package inputs.

:func:`build` lays out a private workspace (the hand-written corpus under
``tests/fuzz/corpus``, files too big or too binary to keep in git, deterministic mutants of
good files, special files: a FIFO, a folder, a symlink loop, devices) and returns one
:class:`Case` per command run. A case names the files that must come out byte-identical
(``inputs``); a file a command is meant to change (``check --waive``, ``segment -o`` onto
an existing PO, the editor's save, the merge driver's result) is a private copy that is not
listed. Pseudo-commands run what the CLI cannot: ``@open`` builds the TUI app for a file
(``workbench open`` up to the first screen) and ``@edit`` opens an editing session, types
into the first segment and saves.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import shutil
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"
GOOD_PO = REPO / "tests" / "data" / "tui_sample.po"
GOOD_TSV = REPO / "glossaries" / "civic.de-en.tsv"
GOOD_TBX = REPO / "glossaries" / "civic.de-en.tbx"
SOURCE = REPO / "corpora" / "hangzhou-sister-cities" / "source.de.md"
REFERENCE = REPO / "corpora" / "hangzhou-sister-cities" / "reference.en.md"
SENTENCE = "Der Landrat besuchte die Partnerstadt und sprach über die Städtepartnerschaft."
MUTANTS_PER_FILE = 24
SEED = 11


@dataclass(frozen=True)
class Case:
    """One command run: its arguments, folder, environment and the files it must not change."""

    name: str
    argv: tuple[str, ...]
    cwd: str
    inputs: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    #: files the command may change, but only when it succeeds (a refused import leaves
    #: the memory as it was, a refused --add-word the word list)
    kept_on_error: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "argv": list(self.argv),
            "cwd": self.cwd,
            "inputs": list(self.inputs),
            "env": self.env,
            "kept_on_error": list(self.kept_on_error),
        }


class Workspace:
    """A folder for the cases, with the good files they combine bad ones with."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.good = root / "good"
        self.good.mkdir(parents=True)
        for src in (GOOD_PO, GOOD_TSV, GOOD_TBX, SOURCE, REFERENCE):
            shutil.copy(src, self.good / src.name)
        self.po = self.good / GOOD_PO.name
        self.tsv = self.good / GOOD_TSV.name
        self.tbx = self.good / GOOD_TBX.name
        self.source = self.good / SOURCE.name
        self.reference = self.good / REFERENCE.name
        self.memory = self.good / "memory.sqlite"
        from workbench.cli import main  # a real memory of the sample PO, made by tm import

        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            main(["tm", "import", str(self.po), "--memory", str(self.memory)])
        self._n = 0

    def scratch(self) -> Path:
        """A fresh folder for one case's outputs and private copies."""
        self._n += 1
        folder = self.root / "runs" / f"{self._n:04d}"
        folder.mkdir(parents=True)
        return folder

    def copy(self, path: Path, folder: Path, name: str | None = None) -> Path:
        target = folder / (name or path.name)
        if path.is_file():
            shutil.copyfile(path, target)
        return target


# --- the files ---------------------------------------------------------------------------


def corpus_files(kind: str) -> list[Path]:
    return sorted((CORPUS / kind).iterdir())


def generated(root: Path) -> dict[str, list[Path]]:
    """Inputs too big or too odd to keep in git, made at test time."""
    out: dict[str, list[Path]] = {"po": [], "glossary": [], "tbx": [], "toml": [], "source": []}
    gen = root / "generated"
    gen.mkdir()
    head = GOOD_PO.read_text(encoding="utf-8").split("\n\n", 1)[0] + "\n\n"

    def put(kind: str, name: str, data: bytes | str) -> Path:
        path = gen / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        out[kind].append(path)
        return path

    put("po", "long-line.po", head + 'msgid "' + "Wort " * 40_000 + '"\nmsgstr "word"\n')
    put("po", "many-continuations.po", head + 'msgid ""\n' + '"a"\n' * 20_000 + 'msgstr "b"\n')
    put(
        "po",
        "many-entries.po",
        head
        + "".join(
            f'msgctxt "k{i}"\nmsgid "Satz {i}."\nmsgstr "Sentence {i}"\n\n' for i in range(3000)
        ),
    )
    put(
        "glossary", "huge-term.tsv", "source\ttarget\tstatus\n" + "a" * 700_000 + "\tx\tpreferred\n"
    )
    put(
        "glossary",
        "many-terms.tsv",
        "source\ttarget\tstatus\n"
        + "".join(f"Begriff{i}\tterm{i}\tpreferred\n" for i in range(5000)),
    )
    put(
        "tbx",
        "deep-nesting.tbx",
        '<?xml version="1.0"?><tbx xmlns="urn:iso:std:iso:30042:ed-2">'
        + "<text>" * 3000
        + "</text>" * 3000
        + "</tbx>",
    )
    put(
        "toml",
        "huge-array.toml",
        '[[corpus]]\nsource = "doc.md"\npo = "doc.en.po"\n'
        "[glossary]\nfiles = [" + ", ".join(['"g.tsv"'] * 5000) + "]\n",
    )
    put("source", "one-huge-line.txt", "Wort " * 200_000 + "\n")
    sparse = put("source", "over-the-limit.md", b"")
    os.truncate(sparse, 65 * 1024 * 1024)  # sparse: refused by its size, never read
    fifo = gen / "fifo.md"
    os.mkfifo(fifo)
    loop = gen / "loop.po"
    loop.symlink_to(loop)
    folder = gen / "folder.po"
    folder.mkdir()
    out["source"] += [fifo, Path("/dev/zero")]
    out["po"] += [loop, folder, Path("/dev/null"), gen / "missing.po"]
    fifo_po = gen / "fifo.po"
    os.mkfifo(fifo_po)
    fifo_tsv = gen / "fifo.tsv"
    os.mkfifo(fifo_tsv)
    out["po"].append(fifo_po)
    out["glossary"] += [fifo_tsv, gen / "missing.tsv", folder]
    return out


def mutants(path: Path, folder: Path, n: int = MUTANTS_PER_FILE) -> list[Path]:
    """``n`` damaged copies of a good file: cut short, bytes flipped, lines dropped,
    doubled or swapped, quotes removed, line ends changed, garbage inserted, at places a
    seeded random generator picks (the same every run)."""
    rng = random.Random(f"{SEED}:{path.name}")
    data = path.read_bytes()
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for k in range(n):
        target = folder / f"{path.stem}.mut{k:02d}{path.suffix}"
        target.write_bytes(MUTATIONS[k % len(MUTATIONS)](data, rng))
        made.append(target)
    return made


def _cut(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(1 + rng.randrange(4)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _drop_line(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def _double_line(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    return b"\n".join([*lines[:i], lines[i], *lines[i:]])


def _swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def _drop_quotes(data: bytes, rng: random.Random) -> bytes:
    return data.replace(b'"', b"", 1 + rng.randrange(3))


def _cr_endings(data: bytes, rng: random.Random) -> bytes:
    return data.replace(b"\n", b"\r", rng.randrange(1, 50))


def _insert_garbage(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data))
    return data[:i] + bytes([rng.randrange(256)]) * 3 + data[i:]


MUTATIONS: tuple[Callable[[bytes, random.Random], bytes], ...] = (
    _cut,
    _flip,
    _drop_line,
    _double_line,
    _swap_lines,
    _drop_quotes,
    _cr_endings,
    _insert_garbage,
)


# --- packages --------------------------------------------------------------------------------

META = {"from_code": "de", "to_code": "en", "package_version": "0.1"}
GOOD_MEMBERS = {
    "pkg/metadata.json": json.dumps(META).encode(),
    "pkg/model/model.bin": b"\x00" * 64,
    "pkg/model/config.json": b"{}",
    "pkg/sentencepiece.model": b"sp",
}


def packages(folder: Path) -> list[Path]:
    """Damaged and malicious ``.argosmodel`` files."""
    folder.mkdir()
    made: list[Path] = []

    def zipped(name: str, members: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> Path:
        path = folder / f"{name}.argosmodel"
        with zipfile.ZipFile(path, "w", compression) as zf:
            for member, data in members.items():
                zf.writestr(member, data)
        made.append(path)
        return path

    zipped("slip", {**GOOD_MEMBERS, "pkg/../../evil.txt": b"x"})
    zipped("absolute", {**GOOD_MEMBERS, "/tmp/evil.txt": b"x"})
    zipped("no-metadata", {k: v for k, v in GOOD_MEMBERS.items() if "metadata" not in k})
    zipped("bad-metadata", {**GOOD_MEMBERS, "pkg/metadata.json": b"{not json"})
    zipped(
        "metadata-types", {**GOOD_MEMBERS, "pkg/metadata.json": b'{"from_code": 5, "to_code": []}'}
    )
    zipped("metadata-list", {**GOOD_MEMBERS, "pkg/metadata.json": b"[1, 2]"})
    zipped("no-model", {k: v for k, v in GOOD_MEMBERS.items() if "model.bin" not in k})
    zipped("two-tops", {**GOOD_MEMBERS, "other/x": b"x"})
    zipped("empty", {})
    zipped(
        "bomb",
        {**GOOD_MEMBERS, "pkg/model/model.bin": bytes(80 * 1024 * 1024)},
        zipfile.ZIP_DEFLATED,
    )
    link = folder / "symlink.argosmodel"
    with zipfile.ZipFile(link, "w") as zf:
        for member, data in GOOD_MEMBERS.items():
            zf.writestr(member, data)
        info = zipfile.ZipInfo("pkg/link")
        info.external_attr = 0o120777 << 16
        zf.writestr(info, "/etc/passwd")
    made.append(link)
    crc = zipped("bad-crc", {**GOOD_MEMBERS, "pkg/model/model.bin": b"weights" * 200})
    data = bytearray(crc.read_bytes())
    data[data.index(b"weights" * 4) + 5] ^= 0xFF
    crc.write_bytes(bytes(data))
    truncated = folder / "truncated.argosmodel"
    truncated.write_bytes(crc.read_bytes()[:300])
    made.append(truncated)
    not_zip = folder / "not-a-zip.argosmodel"
    not_zip.write_text("this is not a zip", encoding="utf-8")
    made.append(not_zip)
    with zipfile.ZipFile(folder / "many.argosmodel", "w") as zf:
        zf.writestr("pkg/metadata.json", json.dumps(META))
        for i in range(10_001):
            zf.writestr(f"pkg/f{i}", b"")
    made.append(folder / "many.argosmodel")
    return made


# --- the cases --------------------------------------------------------------------------------


def build(root: Path) -> list[Case]:
    """Lay out the workspace under ``root`` and return every case."""
    ws = Workspace(root)
    extra = generated(root)
    mut = root / "mutants"
    cases: list[Case] = []
    po_files = corpus_files("po") + extra["po"]
    po_mutants = mutants(GOOD_PO, mut / "po")
    for po in po_files:
        cases += po_cases(ws, po, full=True)
    for po in po_mutants:
        cases += po_cases(ws, po, full=False)
    glossaries = corpus_files("glossary") + corpus_files("tbx") + extra["glossary"] + extra["tbx"]
    glossaries += mutants(GOOD_TSV, mut / "tsv", 16) + mutants(GOOD_TBX, mut / "tbx", 16)
    for glossary in glossaries:
        cases += glossary_cases(ws, glossary)
    for toml in corpus_files("toml") + extra["toml"]:
        cases += toml_cases(ws, toml)
    for source in corpus_files("source") + extra["source"]:
        cases += source_cases(ws, source)
    for package in packages(root / "packages"):
        cases += package_cases(ws, package)
    for source in corpus_files("source") + extra["source"]:
        cases += export_source_cases(ws, source)
    memories = bad_memories(ws, root / "memories")
    for memory in memories:
        cases += memory_cases(ws, memory)
    tmx_files = corpus_files("tmx") + special_files(root / "special-tmx", ".tmx")
    tmx_files += mutants(good_tmx(root), mut / "tmx", 16)
    for tmx in tmx_files:
        cases += tmx_cases(ws, tmx, ws.memory)
    for words in bad_word_lists(root / "words"):
        cases += word_list_cases(ws, words)
    dings = bad_dictionaries(root / "dictionaries")
    for ding in dings:
        cases += dictionary_cases(ws, ding)
    for attributes in bad_attributes(root / "attributes"):
        cases += git_setup_cases(ws, attributes)
    cases += output_cases(ws)
    return cases


def _inputs(*paths: Path) -> tuple[str, ...]:
    return tuple(str(p) for p in paths if p.is_file() and not p.is_symlink())


def po_cases(ws: Workspace, po: Path, full: bool) -> Iterator[Case]:
    label = f"{po.parent.name}/{po.name}"
    mine = _inputs(po, ws.tsv, ws.reference, ws.source)
    runs: list[tuple[str, ...]] = [
        ("status", str(po), "--format", "json"),
        ("check", str(po), "-g", str(ws.tsv), "-f", "json"),
        ("export", str(po), "-f", "po", "-o", "{out}/x.po"),
        ("@open", str(po)),
    ]
    if full:
        runs += [
            ("status", str(po)),
            ("check", str(po)),
            ("check", str(po), "-f", "sarif", "-o", "{out}/r.sarif"),
            ("check", str(po), "-f", "junit", "-o", "{out}/r.xml"),
            ("export", str(po), "-f", "md", "-o", "{out}/x.md"),
            ("export", str(po), "-f", "tmx", "-o", "{out}/x.tmx"),
            ("export", str(po), "-f", "bilingual-md", "-o", "-"),
            ("score", str(po), "--reference", str(ws.reference), "--no-cache", "--workers", "1"),
            (
                "score",
                str(ws.po),
                str(po),
                "--reference",
                str(ws.reference),
                "--no-cache",
                "--workers",
                "1",
                "--samples",
                "10",
            ),
            ("draft", str(po), "--no-cache"),
        ]
    for argv in runs:
        out = ws.scratch()
        yield Case(f"{label}: {' '.join(argv[:2])}", _fill(argv, out), str(out), mine)
    if not full:
        return
    # commands meant to change the PO work on a private copy (not listed as an input)
    for argv in (
        ("check", "--waive", "numbers", "--entry", "a1", "--reason", "fuzz", "{copy}"),
        ("segment", str(ws.source), "-o", "{copy}"),
        ("merge-driver", str(ws.po), "{copy}", str(ws.po), "x.po"),
        ("merge-driver", "{copy2}", str(ws.po), "{copy3}", "x.po"),
        ("@edit", "{copy}"),
    ):
        out = ws.scratch()
        copies = {k: ws.copy(po, out, f"{k}{po.suffix}") for k in ("copy", "copy2", "copy3")}
        filled = tuple(a.format(out=out, **{k: str(v) for k, v in copies.items()}) for a in argv)
        fixed = (copies["copy2"], copies["copy3"]) if argv[0] == "merge-driver" else ()
        yield Case(f"{label}: {argv[0]} {argv[1]}", filled, str(out), mine + _inputs(*fixed))


def glossary_cases(ws: Workspace, glossary: Path) -> Iterator[Case]:
    label = f"{glossary.parent.name}/{glossary.name}"
    mine = _inputs(glossary, ws.po)
    for argv in (
        ("glossary", "show", str(glossary)),
        ("glossary", "find", SENTENCE, "-g", str(glossary)),
        ("glossary", "export", str(glossary), "-o", "{out}/g.tbx"),
        ("glossary", "export", str(glossary), "--format", "tsv", "-o", "{out}/g.tsv"),
        ("glossary", "export", str(glossary), "--format", "tsv", "-o", str(glossary)),
        ("check", str(ws.po), "-g", str(glossary)),
    ):
        out = ws.scratch()
        yield Case(f"{label}: {' '.join(argv[:2])}", _fill(argv, out), str(out), mine)


def toml_cases(ws: Workspace, toml: Path) -> Iterator[Case]:
    label = f"toml/{toml.name}"
    for argv in (("status",), ("check",), ("segment",), ("score", "--no-cache"), ("draft",)):
        out = ws.scratch()
        shutil.copyfile(toml, out / "workbench.toml")
        shutil.copyfile(ws.source, out / "doc.md")
        shutil.copyfile(ws.po, out / "doc.en.po")
        shutil.copyfile(ws.tsv, out / "g.tsv")
        mine = _inputs(out / "workbench.toml", out / "doc.md", out / "g.tsv")
        if argv[0] != "segment":  # segment is meant to update the project's PO
            mine += _inputs(out / "doc.en.po")
        yield Case(f"{label}: {argv[0]}", argv, str(out), mine)


def source_cases(ws: Workspace, source: Path) -> Iterator[Case]:
    label = f"{source.parent.name}/{source.name}"
    for extra in ((), ("--encoding", "latin-1"), ("--encoding", "no-such-codec")):
        out = ws.scratch()
        argv = ("segment", str(source), "-o", f"{out}/doc.po", *extra)
        yield Case(f"{label}: segment {' '.join(extra)}".strip(), argv, str(out), _inputs(source))


def package_cases(ws: Workspace, package: Path) -> Iterator[Case]:
    out = ws.scratch()
    env = {"ARGOS_PACKAGES_DIR": str(out / "packages"), "WORKBENCH_CACHE_DIR": str(out / "cache")}
    label = f"packages/{package.name}"
    yield Case(
        f"{label}: mt install", ("mt", "install", str(package)), str(out), _inputs(package), env
    )
    yield Case(f"{label}: mt list", ("mt", "list"), str(out), (), env)
    yield Case(f"{label}: mt remove", ("mt", "remove", "de", "en"), str(out), (), env)


def output_cases(ws: Workspace) -> Iterator[Case]:
    """Odd output paths for every command that writes one."""
    special = ws.root / "outputs"
    special.mkdir()
    fifo = special / "fifo"
    os.mkfifo(fifo)
    readonly = special / "readonly.txt"
    readonly.write_text("keep\n", encoding="utf-8")
    readonly.chmod(0o444)
    folder = special / "folder"
    folder.mkdir()
    targets = [
        str(ws.memory),
        str(ws.source),
        str(fifo),
        str(readonly),
        str(folder),
        "/dev/full",
        "/dev/null",
        "-",
        str(special / "missing" / "x"),
        str(ws.po),
    ]
    for target in targets:
        for argv, reads in (
            (("check", str(ws.po), "-g", str(ws.tsv), "-f", "json", "-o", target), (ws.po, ws.tsv)),
            (("export", str(ws.po), "-f", "md", "-o", target), (ws.po,)),
            (("glossary", "export", str(ws.tsv), "-o", target), (ws.tsv,)),
            (("segment", str(ws.source), "-o", target), (ws.source,)),
            (("tm", "export", "--memory", str(ws.memory), "-o", target), (ws.memory,)),
        ):
            own = (str(ws.memory), str(ws.source), str(ws.po))
            if target in own and target not in argv[:-2]:
                continue  # not its input: a legal overwrite (segment updating a PO: covered above)
            out = ws.scratch()
            # what the command reads must stay; a read-only file must stay whatever it is
            keep = _inputs(*reads, readonly)
            yield Case(f"output {target}: {argv[0]}", argv, str(out), keep)


# --- the files issue 11's later write paths read: memories, TMX, word lists, dictionaries ---


def special_files(folder: Path, suffix: str) -> list[Path]:
    """A FIFO, a folder, a symlink loop and a missing file named like ``suffix`` files,
    and ``/dev/zero``: what no reader may hang on, read or crash over."""
    folder.mkdir(parents=True)
    fifo = folder / f"fifo{suffix}"
    os.mkfifo(fifo)
    loop = folder / f"loop{suffix}"
    loop.symlink_to(loop)
    directory = folder / f"folder{suffix}"
    directory.mkdir()
    return [fifo, loop, directory, folder / f"missing{suffix}", Path("/dev/zero")]


def good_tmx(root: Path) -> Path:
    """A small valid TMX 1.4 file (the seed of the TMX mutants)."""
    path = root / "good.tmx"
    units = "".join(
        f'<tu tuid="t{i}" changedate="2026011{i}T120000Z"><prop type="x-ConfirmationLevel">'
        f'ApprovedTranslation</prop><tuv xml:lang="de-DE"><seg>Die Stadt Nummer {i} '
        f'hat <ph x="1">{{{i}}}</ph> Einwohner.</seg></tuv><tuv xml:lang="en-GB"><seg>City '
        f"number {i} has {{{i}}} inhabitants.</seg></tuv></tu>\n"
        for i in range(6)
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header '
        'creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" '
        'srclang="de" datatype="plaintext"/>\n<body>\n' + units + "</body>\n</tmx>\n",
        encoding="utf-8",
    )
    return path


def bad_memories(ws: Workspace, folder: Path) -> list[Path]:
    """Files named as a translation memory that are none, or a damaged one."""
    folder.mkdir()
    made = special_files(folder / "special", ".sqlite")
    garbage = folder / "garbage.sqlite"
    garbage.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 8)
    text = folder / "text.sqlite"
    text.write_text("not a database\n", encoding="utf-8")
    other = folder / "other-tables.sqlite"  # a real SQLite file of something else
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); "
            "d.execute('CREATE TABLE mt (key TEXT, output TEXT)'); d.commit()",
            str(other),
        ],
        check=True,
    )
    newer = folder / "schema-99.sqlite"
    shutil.copyfile(ws.memory, newer)
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); "
            "d.execute(\"UPDATE meta SET value='99' WHERE key='schema'\"); d.commit(); d.close()",
            str(newer),
        ],
        check=True,
    )
    made += [garbage, text, other, newer, ws.po, GOOD_TSV]
    rng = random.Random(f"{SEED}:memory")
    data = ws.memory.read_bytes()
    for k in range(8):  # cut at a page boundary or mid-page, bytes flipped, garbage in
        damaged = folder / f"memory.mut{k:02d}.sqlite"
        mutate = (_cut, _flip, _insert_garbage)[k % 3]
        damaged.write_bytes(data[: 4096 * (k + 1)] if k in (0, 3) else mutate(data, rng))
        made.append(damaged)
    return made


def memory_cases(ws: Workspace, memory: Path) -> Iterator[Case]:
    label = f"memory/{memory.name}"
    reads = _inputs(memory, ws.po)
    for argv in (
        ("tm", "stats", "--memory", str(memory), "--format", "json"),
        ("tm", "lookup", SENTENCE, "--memory", str(memory)),
        ("tm", "search", "Stadt", "--memory", str(memory)),
        ("tm", "export", "--memory", str(memory), "-o", "{out}/m.tmx"),
    ):
        out = ws.scratch()
        yield Case(f"{label}: {' '.join(argv[:2])}", _fill(argv, out), str(out), reads)
    out = ws.scratch()  # importing into it: a refused import leaves it as it was
    copy = ws.copy(memory, out, f"copy{memory.suffix}")
    target = copy if copy.exists() else memory
    yield Case(
        f"{label}: tm import",
        ("tm", "import", str(ws.po), "--memory", str(target)),
        str(out),
        _inputs(ws.po, *(() if target == copy else (memory,))),
        kept_on_error=_inputs(copy),
    )


def tmx_cases(ws: Workspace, tmx: Path, memory: Path) -> Iterator[Case]:
    label = f"{tmx.parent.name}/{tmx.name}"
    out = ws.scratch()
    copy = ws.copy(memory, out, "memory.sqlite")
    yield Case(
        f"{label}: tm import",
        ("tm", "import", str(tmx), "--memory", str(copy)),
        str(out),
        _inputs(tmx),
        kept_on_error=_inputs(copy),
    )
    out = ws.scratch()
    yield Case(
        f"{label}: tm import (new memory)",
        ("tm", "import", str(tmx), "--memory", f"{out}/new.sqlite"),
        str(out),
        _inputs(tmx),
    )


def bad_word_lists(folder: Path) -> list[Path]:
    """Project word lists ([check] words) that cannot be read or written."""
    made = special_files(folder / "special", ".txt")
    latin1 = folder / "latin1.txt"
    latin1.write_bytes("Stra\xdfenbahn\n".encode("latin-1"))
    nul = folder / "nul.txt"
    nul.write_bytes(b"Wort\x00\nzwei\n")
    readonly = folder / "readonly.txt"
    readonly.write_text("Hangzhou\n", encoding="utf-8")
    readonly.chmod(0o444)
    big = folder / "big.txt"
    big.write_bytes(b"")
    os.truncate(big, 5 * 1024 * 1024)  # over the word list's 4 MiB limit
    no_newline = folder / "no-newline.txt"
    no_newline.write_text("# words\nHangzhou", encoding="utf-8")
    target = folder / "real-words.txt"
    target.write_text("Hangzhou\n", encoding="utf-8")
    link = folder / "link.txt"
    link.symlink_to(target)
    return [*made, latin1, nul, readonly, big, no_newline, link, latin1 / "under-a-file.txt"]


def word_list_cases(ws: Workspace, words: Path) -> Iterator[Case]:
    label = f"words/{words.name}"
    real = _inputs(Path(os.path.realpath(words)))  # a symlinked list: the file it names
    for argv in (("check",), ("check", "--add-word", "Xiaoshan"), ("check", "--add-word", "#x")):
        out = ws.scratch()
        shutil.copyfile(ws.source, out / "doc.md")
        shutil.copyfile(ws.po, out / "doc.en.po")
        toml = out / "workbench.toml"
        toml.write_text(
            f'[[corpus]]\nsource = "doc.md"\npo = "doc.en.po"\n[check]\nwords = "{words}"\n',
            encoding="utf-8",
        )
        mine = _inputs(toml, out / "doc.md", out / "doc.en.po")
        adds = argv[-1] == "Xiaoshan"  # the one run meant to change the list
        yield Case(
            f"{label}: {' '.join(argv)}",
            argv,
            str(out),
            mine + (() if adds else real),
            kept_on_error=real if adds else (),
        )


def bad_dictionaries(folder: Path) -> list[Path]:
    """Ding files the dictionary pane may be pointed at ($WORKBENCH_DICTIONARY)."""
    made = special_files(folder / "special", ".txt")
    good = folder / "ding.txt"
    good.write_text(
        "# Version :: 1.9\n"
        "Stadt {f}; Ort {m} | Städte {pl} :: city; town | cities\n"
        "Partnerstadt {f} :: twin town [Br.]; sister city [Am.]\n"
        "besuchen {vt} | besuchend | besucht :: to visit | visiting | visited\n",
        encoding="utf-8",
    )
    latin1 = folder / "latin1.txt"
    latin1.write_bytes("Stra\xdfe {f} :: street\n".encode("latin-1"))
    binary = folder / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    long_line = folder / "long-line.txt"
    long_line.write_text("Stadt " * 200_000 + ":: " + "city | " * 50_000 + "\n", encoding="utf-8")
    pipes = folder / "pipes.txt"
    pipes.write_text("a | b | c :: x\n:: ::\n | :: | \n{{{ :: }}}\n<<< :: >>>\n", encoding="utf-8")
    return [*made, good, latin1, binary, empty, long_line, pipes, *mutants(good, folder / "mut", 8)]


def dictionary_cases(ws: Workspace, ding: Path) -> Iterator[Case]:
    label = f"dictionary/{ding.name}"
    for damage in ("", "garbage", "cut", "folder"):
        out = ws.scratch()
        env = {"WORKBENCH_CACHE_DIR": str(out / "cache")}
        argv = ("@dictionary", str(ding), *((damage,) if damage else ()))
        yield Case(f"{label}: dictionary {damage}".strip(), argv, str(out), _inputs(ding), env)
    out = ws.scratch()
    blocked = out / "cache"
    blocked.write_text("a file where the cache folder should be\n", encoding="utf-8")
    yield Case(
        f"{label}: dictionary (cache is a file)",
        ("@dictionary", str(ding)),
        str(out),
        _inputs(ding, blocked),
        {"WORKBENCH_CACHE_DIR": str(blocked)},
    )


def bad_attributes(folder: Path) -> list[Path]:
    """What may stand at a repository's .gitattributes (git-setup adds its line there)."""
    made = special_files(folder / "special", "")
    latin1 = folder / "latin1"
    latin1.write_bytes("# Stra\xdfe\n".encode("latin-1"))
    readonly = folder / "readonly"
    readonly.write_text("*.txt text\n", encoding="utf-8")
    readonly.chmod(0o444)
    target = folder / "real"
    target.write_text("*.md text\n", encoding="utf-8")
    link = folder / "link"
    link.symlink_to(target)
    no_newline = folder / "no-newline"
    no_newline.write_text("*.md text", encoding="utf-8")
    return [*made[:-1], latin1, readonly, link, no_newline]


def git_setup_cases(ws: Workspace, attributes: Path) -> Iterator[Case]:
    out = ws.scratch()
    subprocess.run(["git", "init", "-q", str(out)], check=True)
    placed = out / ".gitattributes"
    if attributes.name == "loop":
        placed.symlink_to(placed)
    elif attributes.is_symlink() or not attributes.exists():
        placed.symlink_to(os.path.realpath(attributes))
    elif attributes.is_file():
        shutil.copy2(attributes, placed)
    elif stat.S_ISFIFO(attributes.stat().st_mode):
        os.mkfifo(placed)
    else:
        placed.mkdir()
    yield Case(
        f"attributes/{attributes.name}: git-setup",
        ("git-setup",),
        str(out),
        (),
        kept_on_error=_inputs(Path(os.path.realpath(placed))),
    )


def export_source_cases(ws: Workspace, source: Path) -> Iterator[Case]:
    """``export --source`` with a bad source document, as md and as txt."""
    label = f"{source.parent.name}/{source.name}"
    for fmt in ("md", "txt"):
        out = ws.scratch()
        argv = ("export", str(ws.po), "-f", fmt, "--source", str(source), "-o", f"{out}/x.{fmt}")
        yield Case(f"{label}: export {fmt} --source", argv, str(out), _inputs(source, ws.po))


def _fill(argv: tuple[str, ...], out: Path) -> tuple[str, ...]:
    return tuple(a.replace("{out}", str(out)) for a in argv)
