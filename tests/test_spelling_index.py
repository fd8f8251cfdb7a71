"""The one-time index of Hunspell's word forms gives Hunspell's own verdicts, and a warm
``check`` never opens Hunspell (Debian's en_US and en_GB, Enchant as the reference)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS, REPO
from tests.support.po_corpus import debian_catalogue
from workbench.adapters.hunspell_index import (
    Unsupported,
    WordIndex,
    all_forms,
    dictionary_files,
    index_path,
    open_index,
    parse_aff,
)

enchant = pytest.importorskip("enchant")
TAGS = ("en_US", "en_GB")


def hunspell(tag: str) -> Any:  # pyenchant has no types
    """Hunspell's dictionary through Enchant: the reference."""
    broker = enchant.Broker()
    broker.set_ordering(tag, "hunspell")
    return broker.request_dict(tag)


@pytest.fixture(scope="module")
def indexes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, WordIndex]:
    """Both dictionaries' indexes, built once into a private cache folder."""
    cache = tmp_path_factory.mktemp("spelling-cache")
    out = {}
    for tag in TAGS:
        index = open_index(tag, lambda tag=tag: hunspell(tag).check, cache)  # type: ignore[misc]
        assert index is not None, f"no index for {tag}"
        out[tag] = index
    return out


def real_words() -> set[str]:
    """Every token of real catalogues' English msgids, as the spelling check asks them:
    space-separated tokens with their edge punctuation stripped, and the words in them."""
    words: set[str] = set()
    for name in ("coreutils", "apt", "dpkg-man"):
        text = debian_catalogue(name).decode("utf-8", "replace")
        for msgid in re.findall(r'(?m)^msgid "(.*)"', text):
            for token in msgid.replace("\\n", " ").split():
                stripped = token.strip(".,;:!?\"'“”‘’()[]{}<>*`")
                words.update({stripped, *re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)*", token)})
    words.discard("")
    return words


#: Hunspell's own corners: case rules, hidden capitalised roots, BREAK at hyphens (the
#: second one first; all-capital words broken lower-cased), numbers, COMPOUNDRULE ordinals.
EDGES = (
    "iPod", "IPod", "IPOD", "ipod", "CD", "CDs", "CDS", "CD's", "CD'S", "DECS", "NATO", "Nato",
    "nato", "London", "LONDON", "london", "o'clock", "O'clock", "O'CLOCK", "O'Clock", "don't",
    "DON'T", "Don't", "co-op", "Co-op", "CO-OP", "well-known", "Well-Known", "WELL-KNOWN",
    "CPU-ID", "SHA-1", "COVID-19", "e-mail-address", "sister-city", "Sister-city", "U.S",
    "u.s", "e.g", "1979", "2014-15", "1.500", "1,000", "-1", "1-", "a--b", "21st",
    "22nd-century", "1024x768", "Straße", "naïve", "Naïve", "NAÏVE", "café", "Zürich", "ǅemal",
    "Ĳssel", "a-b-c-d-e-f-g-h-i-j-k-l", "x", "X", "I", "'tis", "students'", "Hangzhou",
)  # fmt: skip


def sample(words: set[str], step: int) -> Iterator[str]:
    yield from sorted(words)[::step]


@pytest.mark.parametrize("tag", TAGS)
def test_the_index_gives_hunspells_verdict(tag: str, indexes: dict[str, WordIndex]) -> None:
    """Every 13th form of the dictionary in each case (lower, capitalised, all capitals),
    every word of three real catalogues and the corners above: where the index decides, it
    says what Hunspell says; it decides nearly all of them."""
    reference = hunspell(tag)
    index = indexes[tag]
    files = dictionary_files(tag)
    assert files is not None
    words = {*sample(set(all_forms(files)), 13), *real_words(), *EDGES}
    decided = 0
    wrong = []
    for word in sorted(words):
        verdict = index.accepts(word)
        if verdict is None:
            continue
        decided += 1
        if verdict != bool(reference.check(word)):
            wrong.append((word, verdict))
    assert not wrong, wrong[:50]
    assert decided > 0.9 * len(words), (decided, len(words))
    assert index.accepts("21st") is None and index.accepts("1024x768") is None
    assert index.accepts("Straße") is None and index.accepts("ǅemal") is None
    assert index.accepts("CPU-ID") is False and index.accepts("IPOD") is True


def test_unknown_affix_rules_and_personal_lists_leave_it_to_hunspell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An affix file with a rule the index does not model, Enchant's personal word list or
    exclusions: no index (Hunspell judges every word). A changed dictionary file gets a new
    index."""
    for rule in ("KEEPCASE k", "NEEDAFFIX n", "FLAG long", "SET ISO8859-1", "ICONV a b"):
        with pytest.raises(Unsupported):
            parse_aff(f"SET UTF-8\n{rule}\n")
    with pytest.raises(Unsupported):
        parse_aff("SFX S Y 1\nSFX S 0 s/T .\n")  # two-level affixes
    config = tmp_path / "enchant"
    monkeypatch.setenv("ENCHANT_CONFIG_DIR", str(config))
    own = config / "hunspell"
    own.mkdir(parents=True)
    system = dictionary_files("en_US")
    assert system is not None
    for path in system:
        shutil.copy(path, own / path.name)
    files = dictionary_files("en_US")
    assert files is not None and files.dic == own / "en_US.dic"
    before = index_path(files, "en_US", tmp_path / "cache")
    with files.dic.open("a", encoding="utf-8") as dic:
        dic.write("Qwertzuiop\n")
    assert index_path(files, "en_US", tmp_path / "cache") != before
    index = open_index("en_US", lambda: hunspell("en_US").check, tmp_path / "cache")
    assert index is not None and index.accepts("Qwertzuiop") is True
    assert index.accepts("QWERTZUIOP") is bool(hunspell("en_US").check("QWERTZUIOP")) is True
    (config / "en_US.exc").write_text("house\n", encoding="utf-8")
    assert open_index("en_US", lambda: hunspell("en_US").check, tmp_path / "cache") is None
    assert not hunspell("en_US").check("house")  # what the index could not have known


def check_run(po: Path, env: dict[str, str]) -> tuple[dict[str, Any], set[str]]:
    """``workbench check PO --format json`` in a fresh interpreter: the report and every
    module it imported."""
    code = (
        "import contextlib, io, sys\n"
        "from workbench.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):\n"
        f"    main(['check', {str(po)!r}, '--format', 'json'])\n"
        "print(' '.join(sorted(sys.modules)))\n"
        "print(out.getvalue())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
        env={**os.environ, **env},
    )  # fmt: skip
    modules, _, report = result.stdout.partition("\n")
    return json.loads(report), set(modules.split())


def test_a_warm_check_never_opens_hunspell_and_finds_the_same(tmp_path: Path) -> None:
    """The first `check` builds the index in the cache folder and remembers Hunspell's
    suggestions for the misspelt words beside it; the next ones, of the sample project and
    of the same typos, load no Enchant at all; the findings are the same with the index
    cold, warm, or not used (an Enchant exclusion list turns it off), and with the
    remembered suggestions damaged (the file is made again)."""
    typos = tmp_path / "typos.en.po"
    typos.write_text(
        (CORPUS / "hangzhou-sister-cities.en.po")
        .read_text(encoding="utf-8")
        .replace("sister cities", "sistr cities", 1)
        .replace("expressed interest", "expresed interest", 1),
        encoding="utf-8",
    )
    config = tmp_path / "enchant"
    config.mkdir()
    env = {"WORKBENCH_CACHE_DIR": str(tmp_path / "cache"), "ENCHANT_CONFIG_DIR": str(config)}
    cold, _ = check_run(typos, env)
    folder = tmp_path / "cache" / "spelling"
    built = sorted(p.name.split("-")[2] for p in folder.glob("hunspell-*"))
    assert built == ["en_GB", "en_US"]
    [memory] = folder.glob("suggestions-*-en_US-*.sqlite")
    report, loaded = check_run(CORPUS / "hangzhou-sister-cities.en.po", env)
    assert report["summary"]["units_checked"] == 24
    assert "enchant" not in loaded and "workbench.adapters.hunspell_index" in loaded
    warm, loaded = check_run(typos, env)
    assert "enchant" not in loaded
    memory.write_bytes(b"not a database" * 100)
    damaged, _ = check_run(typos, env)
    assert damaged == warm and not memory.exists()
    again, _ = check_run(typos, env)
    assert again == warm and memory.exists()
    (config / "en_US.exc").write_text("zzyzzx\n", encoding="utf-8")
    (config / "en_GB.exc").write_text("zzyzzx\n", encoding="utf-8")
    hunspell_only, _ = check_run(typos, env)
    spelling = [f["message"] for f in cold["findings"] if f["check"] == "spelling"]
    assert any("sistr" in m for m in spelling) and any("expresed" in m for m in spelling)
    assert cold == warm == hunspell_only


def test_a_damaged_index_leaves_it_to_hunspell_and_is_built_again(tmp_path: Path) -> None:
    """A cache file someone cut or overwrote: the index says "ask Hunspell" for every word
    and is removed; the next use builds it again."""
    cache = tmp_path / "cache"
    index = open_index("en_US", lambda: hunspell("en_US").check, cache)
    assert index is not None and index.accepts("house") is True
    index.path.write_bytes(b"SQLite format 3\0" + b"\xff" * 4000)
    damaged = WordIndex(index.path)
    assert damaged.accepts("house") is None and damaged.accepts("houses") is None
    assert not index.path.exists()
    again = open_index("en_US", lambda: hunspell("en_US").check, cache)
    assert again is not None and again.accepts("house") is True
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    assert open_index("en_US", lambda: hunspell("en_US").check, blocked / "cache") is None
