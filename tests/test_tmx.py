"""TMX 1.4 reading and writing: language variants, inline codes, states from other tools,
encodings, malformed and unsafe files, streaming, and the round trip."""

from __future__ import annotations

import tracemalloc
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from workbench.adapters.tmx import TmxReport, read_tmx, tmx_date, write_tmx
from workbench.domain.memory import MemoryEntry
from workbench.domain.states import ReviewState
from workbench.errors import UserError

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
    '<tmx version="1.4"><header srclang="de-DE" datatype="plaintext" segtype="sentence" '
    'adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/><body>\n'
)
TAIL = "</body></tmx>\n"


def tmx(tmp_path: Path, body: str, name: str = "m.tmx", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    text = HEAD + body + TAIL
    if encoding != "utf-8":
        text = text.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"')
    path.write_bytes(text.encode(encoding))
    return path


def read(path: Path) -> tuple[list[MemoryEntry], TmxReport]:
    report = TmxReport(path)
    return list(read_tmx(path, "m.tmx", report)), report


def tu(*variants: tuple[str, str], attrs: str = "", props: str = "") -> str:
    tuvs = "".join(f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>' for lang, text in variants)
    return f"<tu{attrs}>{props}{tuvs}</tu>\n"


def test_language_variants_map_to_de_and_en(tmp_path: Path) -> None:
    body = (
        tu(("de-DE", "Die Stadt."), ("en-GB", "The town."), ("fr-FR", "La ville."))
        + tu(("DE-AT", "Der Markt."), ("EN-US", "The market."))
        + tu(("de-CH", "Die Strasse."), ("en", "The street."), ("en-GB", "The road."))
        + '<tu><tuv lang="de"><seg>Alt.</seg></tuv><tuv lang="en"><seg>Old.</seg></tuv></tu>\n'
        + tu(("de", "Nur Deutsch."), ("it", "Solo tedesco."))
        + tu(("de", "Leer."), ("en", ""))
    )
    entries, report = read(tmx(tmp_path, body))
    assert [(e.source, e.target) for e in entries] == [
        ("Die Stadt.", "The town."),
        ("Der Markt.", "The market."),
        ("Die Strasse.", "The street."),
        ("Die Strasse.", "The road."),  # two English variants: both kept
        ("Alt.", "Old."),  # TMX 1.1's lang attribute
    ]
    assert all(e.source_lang == "de" and e.target_lang == "en" for e in entries)
    assert report.units == 6 and report.entries == 5 and report.incomplete == 2
    assert report.other_languages == {"fr-FR": 1, "it": 1}


def test_inline_codes_keep_the_markup(tmp_path: Path) -> None:
    body = tu(
        (
            "de",
            'Klicke <bpt i="1">&lt;b&gt;</bpt>hier<ept i="1">&lt;/b&gt;</ept>.<ph>&lt;br/&gt;</ph>',
        ),
        (
            "en",
            'Click <bpt i="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept>.<ph>&lt;br/&gt;</ph>',
        ),
    )
    [entry], _ = read(tmx(tmp_path, body))
    assert (entry.source, entry.target) == ("Klicke <b>hier</b>.<br/>", "Click <b>here</b>.<br/>")


@pytest.mark.parametrize(
    ("props", "state"),
    [
        ("", ReviewState.TRANSLATED),
        ('<prop type="x-state">reviewed</prop>', ReviewState.REVIEWED),
        ('<prop type="x-state">draft</prop>', ReviewState.DRAFT),
        ('<prop type="x-ConfirmationLevel">ApprovedTranslation</prop>', ReviewState.REVIEWED),
        ('<prop type="x-ConfirmationLevel">Translated</prop>', ReviewState.TRANSLATED),
        ('<prop type="x-ConfirmationLevel">Draft</prop>', ReviewState.DRAFT),
        ('<prop type="x-state">nonsense</prop>', ReviewState.TRANSLATED),
    ],
)
def test_states_from_our_and_other_tools(tmp_path: Path, props: str, state: ReviewState) -> None:
    [entry], _ = read(tmx(tmp_path, tu(("de", "Ja."), ("en", "Yes."), props=props)))
    assert entry.state is state


def test_author_date_and_context(tmp_path: Path) -> None:
    attrs = ' tuid="42" creationid="bob" creationdate="20200101T000000Z" changeid="ann" changedate="20240131T235959Z"'
    [entry], _ = read(tmx(tmp_path, tu(("de", "Ja."), ("en", "Yes."), attrs=attrs)))
    assert (entry.author, entry.changed, entry.context, entry.origin) == (
        "ann", "2024-01-31T23:59:59Z", "42", "m.tmx"
    )  # fmt: skip
    assert tmx_date("2024-01-31") == ""


def test_utf16_with_bom_as_trados_writes_it(tmp_path: Path) -> None:
    path = tmx(tmp_path, tu(("de-DE", "Größe ändern"), ("en-US", "Resize")), encoding="utf-16")
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    [entry], _ = read(path)
    assert (entry.source, entry.target) == ("Größe ändern", "Resize")


def test_malformed_tmx_names_the_line(tmp_path: Path) -> None:
    body = tu(("de", "Ja."), ("en", "Yes.")) + "<tu><tuv xml:lang='de'><seg>kaputt</tuv></tu>\n"
    with pytest.raises(UserError, match="malformed TMX") as info:
        read(tmx(tmp_path, body))
    assert info.value.where.endswith("m.tmx:5")


def test_entity_bombs_are_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.tmx"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<tmx version="1.4"><header/><body><tu><tuv xml:lang="de"><seg>&b;</seg></tuv>'
        '<tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    with pytest.raises(UserError, match="declares XML entities"):
        read(bomb)


def test_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="cannot read"):
        read(tmp_path / "missing.tmx")


def test_reading_streams(tmp_path: Path) -> None:
    """30,000 units are read one at a time: the parsed tree is dropped as it goes."""
    unit = tu(("de", "Die Partnerstadt liegt am Meer und hat einen großen Hafen."),
              ("en", "The twin city lies by the sea and has a large port."))  # fmt: skip
    path = tmp_path / "big.tmx"
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for _ in range(30_000):
            out.write(unit)
        out.write(TAIL)
    report = TmxReport(path)
    tracemalloc.start()
    count = sum(1 for _ in read_tmx(path, "big.tmx", report))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == report.units == 30_000
    assert peak < path.stat().st_size / 4, f"peak {peak / 1e6:.1f} MB"


def test_round_trip(tmp_path: Path) -> None:
    entries = [
        MemoryEntry("Die Stadt & der <Hafen>.", "The city & the <port>.", state=ReviewState.REVIEWED,
                    origin="a.po", context="s1", author="Ann", changed="2024-05-06T07:08:09Z"),
        MemoryEntry("Ja.\x01", "Yes.", origin="b.tmx"),
        MemoryEntry("Entwurf.", "Draft.", state=ReviewState.DRAFT),
    ]  # fmt: skip
    path = tmp_path / "out.tmx"
    assert write_tmx(path, entries, "de", "en", "test") == 3
    back, report = read(path)
    assert report.other_languages == {} and report.incomplete == 0
    assert [(e.source, e.target, e.state, e.author, e.changed, e.context) for e in back] == [
        ("Die Stadt & der <Hafen>.", "The city & the <port>.", ReviewState.REVIEWED, "Ann",
         "2024-05-06T07:08:09Z", "s1"),
        ("Ja.\ufffd", "Yes.", ReviewState.TRANSLATED, "", "", ""),
        ("Entwurf.", "Draft.", ReviewState.DRAFT, "", "", ""),
    ]  # fmt: skip
    # where each entry came from survives the trip; a TMX without x-origin gets the file's
    assert [e.origin for e in back] == ["a.po", "b.tmx", "m.tmx"]


def test_writing_where_one_cannot(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="folder does not exist"):
        write_tmx(tmp_path / "no" / "such" / "dir.tmx", [], "de", "en", "test")


def test_inline_tags_are_written_as_tmx_inline_codes(tmp_path: Path) -> None:
    """Other CAT tools must see a document segment's tags as codes, not as words; reading
    the file back gives the text with its tags as before."""
    source = "<b0>Astro</b0> ist <c1/> schnell, <a2><b3>sehr</b3> schnell</a2> und </i4> klar <b5>"
    target = "<b0>Astro</b0> is <c1/> fast, <a2>very <b3>fast</b3></a2> and </i4> clear <b5>"
    path = tmp_path / "tags.tmx"
    write_tmx(path, [MemoryEntry(source, target)], "de", "en", "test")
    seg = ET.parse(path).getroot().find("body/tu/tuv/seg")
    assert seg is not None
    assert "".join(seg.itertext()) == source
    words = (seg.text or "") + "".join(child.tail or "" for child in seg)
    assert "<" not in words and "b0" not in words  # every tag is inside an inline code
    codes = [
        (child.tag, child.text, child.get("i"), child.get("x"), child.get("pos")) for child in seg
    ]
    assert codes == [
        ("bpt", "<b0>", "1", "1", None),
        ("ept", "</b0>", "1", None, None),
        ("ph", "<c1/>", None, "2", None),
        ("bpt", "<a2>", "3", "3", None),
        ("bpt", "<b3>", "2", "4", None),
        ("ept", "</b3>", "2", None, None),
        ("ept", "</a2>", "3", None, None),
        ("it", "</i4>", None, "5", "end"),
        ("it", "<b5>", None, "6", "begin"),
    ]
    [back], _ = read(path)
    assert (back.source, back.target) == (source, target)
