"""Issue 11 for the files that came later: the SQLite translation memory, TMX import and
export, the dictionary's index, the project word list and git-setup's .gitattributes.

Each: a FIFO, a device or a folder where a file belongs is a message at once (never a hang,
never a journal beside a device), a damaged file is a message (never a traceback), an
output is never written over the file it is made from, and a refused run changes nothing.
"""

from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import REPO
from workbench.adapters.files import TEMP_SUFFIX
from workbench.cli import main
from workbench.errors import UserError
from workbench.services.dictionary import Dictionary

CORPUS_PO = REPO / "corpora" / "hangzhou-sister-cities" / "hangzhou-sister-cities.en.po"
DING = (
    "Stadt {f}; Ort {m} | Städte {pl} :: city; town | cities\n"
    "Partnerstadt {f} :: twin town [Br.]; sister city [Am.]\n"
)


@pytest.fixture
def memory(tmp_path: Path) -> Path:
    """A memory of the sample corpus's 24 translated segments."""
    path = tmp_path / "memory.sqlite"
    assert main(["tm", "import", str(CORPUS_PO), "--memory", str(path)]) == 0
    return path


def test_tm_export_never_overwrites_its_memory(
    memory: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = memory.read_bytes()
    link = tmp_path / "link.sqlite"
    link.symlink_to(memory)
    for out in (memory, link):
        assert main(["tm", "export", "--memory", str(memory), "-o", str(out)]) == 2
        assert "is an input of this command" in capsys.readouterr().err
    assert memory.read_bytes() == before
    assert main(["tm", "stats", "--memory", str(memory)]) == 0


def test_tm_export_to_stdout_keeps_the_tmx_clean(
    memory: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["tm", "export", "--memory", str(memory), "-o", "-"]) == 0
    out, err = capsys.readouterr()
    assert out.rstrip().endswith("</tmx>") and "wrote" in err


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_a_memory_that_is_no_file_is_refused_at_once(
    kind: str, sample_po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = Path("/dev/null") if kind == "device" else tmp_path / "memory.sqlite"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    journal_before = Path("/dev/null-journal").exists()
    for argv in (["tm", "stats"], ["tm", "import", str(sample_po)]):
        assert main([*argv, "--memory", str(path)]) == 2
        assert "not a regular file" in capsys.readouterr().err or kind == "folder"
    assert Path("/dev/null-journal").exists() == journal_before  # no journal beside a device


def test_a_damaged_memory_is_a_message(
    memory: Path, sample_po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = bytearray(memory.read_bytes())
    noise = random.Random(11)
    for page in range(4, len(data) // 4096):  # all but the schema and meta pages: torn
        data[page * 4096 + 8 : page * 4096 + 400] = noise.randbytes(392)
    memory.write_bytes(bytes(data))
    for argv in (
        ["tm", "stats"],
        ["tm", "lookup", "Die Stadt hat eine Partnerstadt."],
        ["tm", "search", "Stadt"],
        ["tm", "import", str(sample_po)],
    ):
        assert main([*argv, "--memory", str(memory)]) == 2, argv
        err = capsys.readouterr().err
        assert "translation memory is damaged" in err and "Traceback" not in err


def test_a_sqlite_file_that_is_no_memory_is_left_as_it_is(
    sample_po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "cache.sqlite"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE mt (key TEXT, output TEXT)")
    db.commit()
    db.close()
    before = other.read_bytes()
    for argv in (["tm", "stats"], ["tm", "import", str(sample_po)]):
        assert main([*argv, "--memory", str(other)]) == 2
        assert "not a translation memory" in capsys.readouterr().err
    assert other.read_bytes() == before  # not even switched to WAL


def test_tm_import_refuses_a_fifo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "in.tmx"
    os.mkfifo(fifo)
    assert main(["tm", "import", str(fifo), "--memory", str(tmp_path / "m.sqlite")]) == 2
    assert "named pipe" in capsys.readouterr().err


# --- the dictionary's index (a cache, rebuilt when damaged) ------------------------------


def test_a_damaged_dictionary_index_is_rebuilt(tmp_path: Path) -> None:
    ding = tmp_path / "ding.txt"
    ding.write_text(DING, encoding="utf-8")
    cache = tmp_path / "cache"
    for damage in (b"garbage " * 512, None):
        dictionary = Dictionary(ding, cache)
        assert dictionary.lookup_word("Städte").entries
        index = dictionary.ding.index_path()
        dictionary.close()
        index.write_bytes(damage if damage is not None else index.read_bytes()[:2048])
        dictionary = Dictionary(ding, cache)
        assert dictionary.lookup_word("Partnerstadt").entries  # built again, once
        dictionary.close()


def test_the_dictionary_index_where_it_cannot_be_written(tmp_path: Path) -> None:
    ding = tmp_path / "ding.txt"
    ding.write_text(DING, encoding="utf-8")
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    dictionary = Dictionary(ding, blocked / "sub")
    with pytest.raises(UserError, match="cannot create the dictionary's cache folder"):
        dictionary.lookup_text("Die Stadt")


def test_a_killed_index_build_leaves_nothing_after_the_next(tmp_path: Path) -> None:
    ding = tmp_path / "ding.txt"
    ding.write_text(DING, encoding="utf-8")
    dictionary = Dictionary(ding, tmp_path / "cache")
    index = dictionary.ding.index_path()
    index.parent.mkdir(parents=True)
    left = index.parent / f".{index.name}.999999999.x1{TEMP_SUFFIX}"  # a dead writer's
    left.write_bytes(b"half an index")
    assert dictionary.lookup_word("Stadt").entries
    dictionary.close()
    assert sorted(p.name for p in index.parent.iterdir()) == [index.name]


# --- the word list and .gitattributes ----------------------------------------------------


def _project(folder: Path, words: str) -> None:
    (folder / "workbench.toml").write_text(
        f'[[corpus]]\nsource = "doc.md"\npo = "doc.po"\n[check]\nwords = "{words}"\n',
        encoding="utf-8",
    )


def test_add_word_where_the_list_cannot_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-file").write_text("x\n", encoding="utf-8")
    _project(tmp_path, "a-file/words.txt")
    assert main(["check", "--add-word", "Xiaoshan"]) == 2
    assert "cannot create the word list's folder" in capsys.readouterr().err
    _project(tmp_path, "words.txt")
    assert main(["check", "--add-word", "#hashtag"]) == 2  # it would read as a comment
    assert "comment" in capsys.readouterr().err
    assert not (tmp_path / "words.txt").exists()
    assert main(["check", "--add-word", "Xiaoshan"]) == 0
    assert (tmp_path / "words.txt").read_text(encoding="utf-8") == "Xiaoshan\n"


def test_git_setup_refuses_a_fifo_gitattributes_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import subprocess

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    os.mkfifo(tmp_path / ".gitattributes")
    monkeypatch.chdir(tmp_path)
    assert main(["git-setup"]) == 2  # it hung here, reading the FIFO
    assert "named pipe" in capsys.readouterr().err
