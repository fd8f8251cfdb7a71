"""The memory on real material: GNU coreutils' German catalogue (Debian's .mo through
msgunfmt), an English → German catalogue that the import turns round into 1,800 German →
English entries with printf placeholders, option names and numbers."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path

import polib
import pytest

from tests.conftest import have
from tests.support.registry import fetch
from workbench.cli import main
from workbench.domain.memory import tokens

pytestmark = pytest.mark.skipif(not have("msgunfmt"), reason="GNU gettext (msgunfmt) not installed")


MANIFEST = Path(__file__).parent / "data" / "tm_material.toml"


@pytest.fixture(scope="module")
def coreutils_po(tmp_path_factory: pytest.TempPathFactory) -> Path:
    item = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))["coreutils-deb"]
    deb = fetch(item["url"], item["sha256"])
    work = tmp_path_factory.mktemp("coreutils")
    unpacked = subprocess.run(
        ["dpkg-deb", "-x", str(deb), str(work / "deb")], capture_output=True, text=True, check=False
    )
    if unpacked.returncode != 0:
        pytest.skip(f"dpkg-deb cannot unpack {deb.name}: {unpacked.stderr.strip()[-200:]}")
    mo = work / "deb" / "usr" / "share" / "locale" / "de" / "LC_MESSAGES" / "coreutils.mo"
    po = work / "coreutils.de.po"
    subprocess.run(["msgunfmt", str(mo), "-o", str(po)], check=True)
    return po


def pairs(po: Path) -> dict[str, set[str]]:
    """German text → the English msgids it translates (translated, non-fuzzy; a plural
    entry gives msgstr[0] → msgid and msgstr[1] → msgid_plural, when both are written)."""
    out: dict[str, set[str]] = {}
    for entry in polib.pofile(str(po)):
        if entry.fuzzy or entry.obsolete or not entry.msgid.strip():
            continue
        if entry.msgid_plural:
            forms = [(entry.msgstr_plural.get(0, ""), entry.msgid)]
            forms.append((entry.msgstr_plural.get(1, ""), entry.msgid_plural))
        else:
            forms = [(entry.msgstr, entry.msgid)]
        if all(german for german, _ in forms):
            for german, english in forms:
                out.setdefault(german, set()).add(english)
    return out


def run_json(*args: str, capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def test_real_catalogue_in_the_memory(
    coreutils_po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    memory = str(tmp_path / "m.sqlite")
    assert main(["tm", "import", str(coreutils_po), "--memory", memory]) == 0
    out = capsys.readouterr().out
    assert "turned round" in out
    german = pairs(coreutils_po)
    expected = sum(len(v) for v in german.values())
    stats = run_json("tm", "stats", "--format", "json", "--memory", memory, capsys=capsys)
    assert stats["units"] == expected > 1500
    assert stats["pairs"] == {"de→en": expected}

    # every German text with one English original is found exactly, with that original
    unique = sorted((de, next(iter(en))) for de, en in german.items() if len(en) == 1)
    for de, en in unique[::25]:
        found = run_json("tm", "lookup", de, "--format", "json", "--memory", memory, capsys=capsys)
        best = found["matches"][0]
        assert best["source"] == de and best["target"] == en and best["score"] == 99.0, de

    # a number that occurs once on each side is replaced by the new sentence's
    checked = 0
    for de, en in unique:
        numbers = [t for t in tokens(de) if t.isdigit()]
        if len(numbers) != 1 or tokens(de).count(numbers[0]) != 1 or len(tokens(de)) < 6:
            continue
        old = numbers[0]
        if len(re.findall(rf"(?<![\w.,]){old}(?![\w]|[.,]\d)", en)) != 1:
            continue
        new = str(int(old) + 7)
        query = re.sub(rf"(?<![\w.,]){old}(?![\w]|[.,]\d)", new, de, count=1)
        found = run_json(
            "tm", "lookup", query, "--format", "json", "--memory", memory, capsys=capsys
        )
        best = found["matches"][0]
        assert best["source"] == de and best["adjusted"], query
        assert best["target"] == re.sub(rf"(?<![\w.,]){old}(?![\w]|[.,]\d)", new, en, count=1)
        checked += 1
    assert checked >= 3

    # concordance finds exactly the entries holding the word, in source or target
    hits = run_json(
        "tm", "search", "Verzeichnis", "--format", "json", "--limit", "5000", "--memory", memory,
        capsys=capsys,
    )["results"]  # fmt: skip
    truth = sum(
        len(en) for de, en in german.items() if "verzeichnis" in de.lower()
    ) + sum(
        1 for de, en in german.items() for e in en if "verzeichnis" in e.lower() and "verzeichnis" not in de.lower()
    )  # fmt: skip
    assert len(hits) == truth > 50


def test_real_catalogue_round_trips_through_tmx(
    coreutils_po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = str(tmp_path / "a.sqlite"), str(tmp_path / "b.sqlite")
    tmx = tmp_path / "coreutils.tmx"
    assert main(["tm", "import", str(coreutils_po), "--memory", first]) == 0
    assert main(["tm", "export", "-o", str(tmx), "--memory", first]) == 0
    assert main(["tm", "import", str(tmx), "--memory", second]) == 0
    capsys.readouterr()
    from workbench.adapters.memory import open_store

    with open_store(first) as a, open_store(second) as b:
        assert sorted((e.source, e.target, e.state) for e in a.entries()) == sorted(
            (e.source, e.target, e.state) for e in b.entries()
        )


def test_pretranslating_real_sentences(
    coreutils_po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """German messages as a new document: the ones in the catalogue come back exactly, the
    ones with a word dropped as fuzzy drafts, and nothing else is touched."""
    from workbench.adapters.po import PoCatalog
    from workbench.domain.units import Unit

    memory = str(tmp_path / "m.sqlite")
    assert main(["tm", "import", str(coreutils_po), "--memory", memory]) == 0
    german = pairs(coreutils_po)
    singles = sorted(
        de for de, en in german.items() if len(en) == 1 and "\n" not in de and len(tokens(de)) >= 8
    )[:120]
    exact, edited = singles[:60], singles[60:]
    fuzzy = [" ".join(de.split(" ")[:-2] + de.split(" ")[-1:]) for de in edited]
    doc = tmp_path / "doc.po"
    catalog = PoCatalog.new(doc, "de", "en", "doc")
    for i, text in enumerate(exact + fuzzy):
        catalog.apply(Unit(id=f"s{i}", source=text, target=""))
    catalog.apply(Unit(id="done", source=exact[0] + " Fertig.", target="Done by hand."))
    catalog.save(doc)
    capsys.readouterr()
    assert main(["draft", str(doc), "--tm-only", "--memory", memory]) == 0
    out = capsys.readouterr().out
    match = re.search(
        r"memory: (\d+) exact \(drafts\), (\d+) fuzzy ≥ 75 \(drafts[^)]*\), (\d+) without", out
    )
    assert match, out
    n_exact, n_fuzzy, n_none = map(int, match.groups())
    assert n_exact >= 60 and n_exact + n_fuzzy + n_none == 120 and n_fuzzy >= 40
    units = {u.id: u for u in PoCatalog.load(doc).units()}
    assert units["done"].target == "Done by hand." and not units["done"].fuzzy
    for i, text in enumerate(exact):
        unit = units[f"s{i}"]
        assert unit.fuzzy and unit.target == next(iter(german[text]))
        assert unit.origin is not None and unit.origin.engine == "memory"
        assert unit.origin.extra["match"] == "exact" and unit.origin.extra["source"] == text


def test_accepted_exact_matches_compile_whatever_the_edge_newlines(
    coreutils_po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """acceptance-3 TOP 4 on real messages: coreutils' German texts with their final newline
    dropped, or one added before and after, match exactly; the translations take the new
    edges, and the file ``draft --accept-exact`` writes passes ``msgfmt -c``."""
    from workbench.adapters.po import PoCatalog
    from workbench.domain.units import Unit

    memory = str(tmp_path / "m.sqlite")
    assert main(["tm", "import", str(coreutils_po), "--memory", memory]) == 0
    german = pairs(coreutils_po)
    singles = sorted(de for de, en in german.items() if len(en) == 1)
    ending = [de for de in singles if de.endswith("\n") and de.rstrip("\n") == de.strip()][:80]
    plain = [de for de in singles if de == de.strip() and len(tokens(de)) >= 4][:80]
    assert len(ending) == len(plain) == 80
    sources = [de[:-1] for de in ending] + ["\n" + de + "\n" for de in plain]
    doc = tmp_path / "edges.po"
    catalog = PoCatalog.new(doc, "de", "en", "edges")
    for i, text in enumerate(sources):
        catalog.apply(Unit(id=f"s{i}", source=text, target=""))
    catalog.save(doc)
    capsys.readouterr()
    assert main(["draft", str(doc), "--tm-only", "--accept-exact", "--memory", memory]) == 0
    out = capsys.readouterr().out
    assert "memory: 160 exact (translated), 0 fuzzy" in out, out
    checked = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(doc)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stderr[-2000:]
    units = {u.id: u for u in PoCatalog.load(doc).units()}
    for i, de in enumerate(ending + plain):
        unit = units[f"s{i}"]
        english = next(iter(german[de]))
        assert not unit.fuzzy and unit.target.strip() == english.strip(), de
        assert unit.target.startswith("\n") == unit.source.startswith("\n"), de
        assert unit.target.endswith("\n") == unit.source.endswith("\n"), de
