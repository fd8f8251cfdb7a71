"""Reading PO files strictly, in their charset, and after other tools rewrote them.

* What ``msgfmt -c`` refuses as structure (issue 11, item 4) is an input error with
  file:line and exit 2, and no command rewrites the file; what it accepts is read and comes
  back byte for byte. ``msgfmt -c`` is the oracle for every case of the table.
* A file is read and written in the charset its header names; UTF-8 under a Latin-1 label
  is read as UTF-8 with a warning and written back labelled UTF-8.
* ``domain`` directives are kept.
* ``wb:`` comments that polib re-wrapped are read as before (issue 10, item 3).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.adapters.po import PoCatalog
from workbench.cli import main
from workbench.domain.states import ReviewState
from workbench.domain.units import LINE_LIMIT, MtOrigin, Unit
from workbench.errors import UserError

needs_gettext = pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext not installed")

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)
#: Malformed entries (after HEADER, which ends on line 5), each refused by msgfmt -c.
MALFORMED = {
    "missing msgstr": 'msgid "a"\n\nmsgid "b"\nmsgstr "c"\n',
    "missing msgstr at the end": 'msgid "b"\nmsgstr "c"\n\nmsgid "a"\n',
    "duplicate entry": 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
    "duplicate with context": 'msgctxt "m"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "m"\nmsgid "a"\nmsgstr "c"\n',
    "obsolete duplicate": 'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n',
    "bad escape": 'msgid "a"\nmsgstr "b\\q"\n',
    "plural index out of range": 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[5] "z"\n',
    "more plural forms than nplurals": 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\nmsgstr[2] "z"\n',
    "fewer plural forms than nplurals": 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\n',
    "first plural form not 0": 'msgid "a"\nmsgid_plural "as"\nmsgstr[1] "x"\nmsgstr[2] "y"\n',
    "lone msgctxt": 'msgid "a"\nmsgstr "b"\n\nmsgctxt "c"\n',
    "msgctxt before msgstr": 'msgctxt "c"\nmsgstr "b"\n',
    "unclosed string": 'msgid "a"\nmsgstr "b\n',
    "unknown keyword": 'msgid "a"\nmsgstr "b"\nbogus "c"\n',
    "msgstr[0] without msgid_plural": 'msgid "a"\nmsgstr[0] "x"\n',
    "msgstr with msgid_plural": 'msgid "a"\nmsgid_plural "b"\nmsgstr "x"\n',
    "inconsistent #~": 'msgid "a"\n#~ msgstr "b"\n',
    "context separator": 'msgid "a"\nmsgstr "b\x04c"\n',
    "stray character": 'msgid "a" x\nmsgstr "b"\n',
    "two msgstr": 'msgid "a"\nmsgstr "b"\nmsgstr "c"\n',
    "comment inside an entry": 'msgid "a"\n# note\nmsgstr "b"\n',
    "obsolete mark after a string starts an entry": 'msgid "a"\nmsgstr "b"#~ msgid "o"\n',
    "previous mark after a string with no entry": 'msgid "a"\nmsgstr "b"#| msgid "p"\n',
}
#: Unusual but valid PO (msgfmt -c accepts each): read, and written back unchanged.
VALID = {
    "escapes": 'msgctxt "e"\nmsgid "Tab\\tquote \\" back\\\\slash \\a bell \\101 \\x41"\nmsgstr "line\\nbreak"\n',
    "strings on one line": 'msgid "a" "b"\nmsgstr "c" "d"\n',
    "keyword and string apart": 'msgid\n"a"\nmsgstr\n"b"\n',
    "spaces": '  msgid   "a"  \n\tmsgstr "b"\t\n',
    "plural with spaces": 'msgid "a"\nmsgid_plural "as"\nmsgstr [0] "x"\nmsgstr[ 1 ] "y"\n',
    "hash-hash and bare comments": '## double\n#\n#note\n#  padded  \nmsgid "a"\nmsgstr "b"\n',
    "flags without space": '#,fuzzy\n#:a.c:1 b.c\nmsgid "a"\nmsgstr "b"\n',
    "previous strings": '#| msgctxt "x"\n#| msgid "z"\n#| msgid_plural "zz"\nmsgctxt "h"\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "c"\n',
    "obsolete with previous": '#, fuzzy\n#~| msgid "old"\n#~ msgid "gone"\n#~ msgstr "weg"\n',
    "empty msgid with context": 'msgctxt "c"\nmsgid ""\nmsgstr "x"\n',
    "trailing comment": 'msgid "a"\nmsgstr "b"\n\n# the end\n',
    "comment after a string": 'msgid "a"\nmsgstr "b" # aside\n',
    "no final newline": 'msgid "a"\nmsgstr "b"',
    "crlf": 'msgid "a"\r\nmsgstr "b"\r\n\r\n#, fuzzy\r\nmsgid "c"\r\nmsgstr "d"\r\n',
    "a string continued after a blank line": 'msgid "a"\nmsgstr "b"\n\n"c"\n',
    "line separator in a string": 'msgid "a\u2028b"\nmsgstr "c\u0085d"\n',
    "obsolete entry after a string on its line": 'msgid "a"\nmsgstr "b"#~ msgid "o"\n#~ msgstr "p"\n',
    "previous strings after a string on its line": 'msgid "a"\nmsgstr "b"#| msgid "p"\nmsgid "c"\nmsgstr "d"\n',
}


def msgfmt_errors(path: Path) -> list[int]:
    """The lines ``msgfmt -c`` names in its errors (empty: it accepts the file)."""
    result = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=False
    )
    if result.returncode == 0:
        return []
    found = [int(n) for n in re.findall(rf"{re.escape(str(path))}:(\d+):", result.stderr)]
    return found or [0]


@needs_gettext
@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_what_msgfmt_refuses_is_an_error_with_its_line(tmp_path: Path, name: str) -> None:
    path = tmp_path / "bad.po"
    text = HEADER + MALFORMED[name]
    path.write_text(text, encoding="utf-8")
    lines = msgfmt_errors(path)
    assert lines, f"msgfmt -c accepts {name!r}: not a malformed case"
    with pytest.raises(UserError) as info:
        PoCatalog.load(path)
    where = info.value.where
    assert where.startswith(f"{path}:"), where
    line = int(where.rsplit(":", 1)[1])
    # gettext names the line after an unclosed string (it has read the line end): the
    # workbench names the line that holds it
    assert line in lines or ("end-of-line" in info.value.message and line + 1 in lines), (
        where,
        lines,
    )
    assert "malformed PO file" in info.value.message


@needs_gettext
@pytest.mark.parametrize("name", sorted(VALID))
def test_what_msgfmt_accepts_is_read_and_kept(tmp_path: Path, name: str) -> None:
    path = tmp_path / "odd.po"
    data = (HEADER + VALID[name]).encode("utf-8")
    path.write_bytes(data)
    assert not msgfmt_errors(path), f"msgfmt -c refuses {name!r}"
    catalog = PoCatalog.load(path)
    assert catalog.render_bytes() == data
    unit = catalog.units(include_obsolete=True)[0]
    catalog.apply(unit.with_target("neu").confirmed())
    catalog.save()
    assert not msgfmt_errors(path), path.read_text(encoding="utf-8")
    again = {(u.id, u.source): u for u in PoCatalog.load(path).units(include_obsolete=True)}
    assert again[(unit.id, unit.source)].target == "neu"
    assert len(again) == len(catalog.units(include_obsolete=True))


COMMANDS = {
    "status": lambda po, src: ["status", str(po)],
    "check": lambda po, src: ["check", str(po)],
    "check --waive": lambda po, src: [
        "check", str(po), "--waive", "numbers", "--entry", "s1", "--reason", "fine",
    ],
    "export": lambda po, src: ["export", str(po), "--format", "po", "-o", str(po) + ".out"],
    "segment": lambda po, src: ["segment", str(src), "-o", str(po)],
}  # fmt: skip


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("name", ["missing msgstr", "duplicate entry", "bad escape"])
def test_no_command_rewrites_a_malformed_file(
    tmp_path: Path, command: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    po = tmp_path / "bad.po"
    source = tmp_path / "source.de.md"
    source.write_text("# Titel\n\nEin Satz. Noch einer.\n", encoding="utf-8")
    text = (
        HEADER
        + '#. wb:block {"n":1,"s":1,"kind":"paragraph","marker":""}\nmsgctxt "s1"\nmsgid "Ein Satz."\nmsgstr "x"\n\n'
        + MALFORMED[name]
    )
    po.write_text(text, encoding="utf-8")
    assert main(COMMANDS[command](po, source)) == 2
    assert po.read_text(encoding="utf-8") == text
    err = capsys.readouterr().err
    assert f"{po}:" in err and "malformed PO file" in err


# --- charsets ------------------------------------------------------------------------------

LATIN1 = """\
msgid ""
msgstr ""
"Project-Id-Version: x\\n"
"Content-Type: text/plain; charset=ISO-8859-1\\n"
"Content-Transfer-Encoding: 8bit\\n"

msgctxt "s1"
msgid "Größe"
msgstr "Größe"

msgctxt "s2"
msgid "Maß"
msgstr ""
"""


@needs_gettext
def test_a_latin1_catalogue_is_read_and_written_in_latin1(tmp_path: Path) -> None:
    po = tmp_path / "latin1.po"
    data = LATIN1.encode("iso-8859-1")
    po.write_bytes(data)
    catalog = PoCatalog.load(po)
    assert [u.source for u in catalog.units()] == ["Größe", "Maß"]
    assert catalog.render_bytes() == data
    unit = catalog.units()[1]
    catalog.apply(unit.with_target("Maß und Ähre").confirmed())
    catalog.save(translator="Jürgen")
    written = po.read_bytes()
    assert "Maß und Ähre".encode("iso-8859-1") in written and b"\xc3" not in written
    assert "charset=ISO-8859-1" in written.decode("iso-8859-1")
    assert not msgfmt_errors(po)
    assert PoCatalog.load(po).units()[1].target == "Maß und Ähre"


def test_a_character_the_charset_cannot_hold_is_refused_and_nothing_written(
    tmp_path: Path,
) -> None:
    po = tmp_path / "latin1.po"
    data = LATIN1.encode("iso-8859-1")
    po.write_bytes(data)
    catalog = PoCatalog.load(po)
    catalog.apply(catalog.units()[1].with_target("5 €").confirmed())
    with pytest.raises(UserError) as info:
        catalog.save()
    assert "ISO-8859-1" in info.value.message and "msgconv" in info.value.hint
    assert po.read_bytes() == data


@needs_gettext
def test_utf8_under_a_latin1_label_is_read_as_utf8_and_relabelled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = tmp_path / "mislabelled.po"
    data = LATIN1.encode("utf-8")
    po.write_bytes(data)
    catalog = PoCatalog.load(po)
    assert [u.source for u in catalog.units()] == ["Größe", "Maß"]
    assert any("charset=ISO-8859-1 but the file is UTF-8" in w for w in catalog.warnings)
    assert main(["status", str(po)]) == 0
    assert f"{po}:8" in capsys.readouterr().err
    out = tmp_path / "exported.po"
    assert main(["export", str(po), "--format", "po", "-o", str(out)]) == 0
    assert b"charset=UTF-8" in out.read_bytes() and "Größe".encode() in out.read_bytes()
    catalog.apply(catalog.units()[1].with_target("Maß").confirmed())
    catalog.save()
    written = po.read_bytes()
    assert b"charset=UTF-8" in written and b"ISO-8859-1" not in written
    assert not msgfmt_errors(po)
    assert subprocess.run(["msgcat", str(po)], capture_output=True, check=True).stdout == written


@needs_gettext
@pytest.mark.parametrize(
    ("charset", "codec", "text"),
    [
        ("KOI8-R", "koi8_r", "Размер"),
        ("BIG5", "big5", "檔案大小"),
        ("EUC-JP", "euc_jp", "ファイル"),
    ],
)
def test_other_charsets_stay_what_they_are(
    tmp_path: Path, charset: str, codec: str, text: str
) -> None:
    po = tmp_path / "other.po"
    data = LATIN1.replace("ISO-8859-1", charset).replace('msgstr "Größe"', f'msgstr "{text}"')
    data = data.replace("Größe", "Size").replace("Maß", "Measure")
    po.write_bytes(data.encode(codec))
    catalog = PoCatalog.load(po)
    assert catalog.units()[0].target == text
    catalog.apply(catalog.units()[1].with_target(text * 30).confirmed())
    catalog.save()
    assert not msgfmt_errors(po)
    msgcat = subprocess.run(["msgcat", str(po)], capture_output=True, check=True).stdout
    assert msgcat == po.read_bytes()  # long CJK lines wrapped where gettext wraps them
    assert PoCatalog.load(po).units()[1].target == text * 30


# --- domains ---------------------------------------------------------------------------------


def test_domain_directives_are_kept(tmp_path: Path) -> None:
    po = tmp_path / "domains.po"
    text = (
        HEADER
        + 'domain "first"\n\nmsgid "a"\nmsgstr "eins"\n\ndomain "second"\n\n'
        + 'msgid "a"\nmsgstr "zwei"\n\nmsgid "b"\nmsgstr ""\n'
    )
    po.write_text(text, encoding="utf-8")
    catalog = PoCatalog.load(po)
    assert [(e.domain, e.msgid) for e in catalog.entries()[1:]] == [
        ("first", "a"),
        ("second", "a"),
        ("second", "b"),
    ]
    assert catalog.render() == text
    unit = next(u for u in catalog.units() if u.source == "b")
    catalog.apply(unit.with_target("bee").confirmed())
    catalog.save()
    saved = po.read_text(encoding="utf-8")
    assert saved.count("domain ") == 2 and 'msgstr "bee"' in saved


# --- metadata that other tools rewrote -----------------------------------------------------


def _reviewed_po(path: Path, long_lines: bool) -> list[Unit]:
    """A catalogue with review marks, MT origins and waivers in long or short lines."""
    catalog = PoCatalog.new(path, "de", "en", "t")
    units = []
    for i in range(6):
        source = f"Der Landrat eröffnete am {i}. Mai die neue Schule in Hangzhou-Binjiang."
        target = f"On May {i}, the County Executive opened the new school in Hangzhou-Binjiang."
        unit = Unit(f"s{i}", source, target)
        if i % 2 == 0:
            unit = unit.reviewed("Anna-Lena Müller-Lüdenscheidt", "2026-11-30T10:00:00+00:00")
        else:
            unit = unit.drafted(
                target, MtOrigin("argos", "translate-de_en-1.9", target, "glossary v3")
            )
        units.append(unit)
    catalog.replace_units(units)
    catalog.save()
    if long_lines:  # as older workbench versions wrote them: one long line per value
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\n# wb:\+", "", text)
        path.write_text(text, encoding="utf-8")
    return PoCatalog.load(path).units()


@pytest.mark.parametrize("long_lines", [False, True], ids=["short lines", "old long lines"])
def test_comments_polib_rewrapped_are_read_as_before(
    tmp_path: Path, long_lines: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    po = tmp_path / "reviewed.po"
    before = _reviewed_po(po, long_lines)
    assert [u.state for u in before].count(ReviewState.REVIEWED) == 3
    polib.pofile(str(po)).save()  # polib's defaults: comments filled to 78 columns
    text = po.read_text(encoding="utf-8")
    if long_lines:
        assert re.search(r"^# wb:origin .*\n# [^w]", text, re.MULTILINE), "polib wrapped nothing"
    else:
        assert all(len(line) <= LINE_LIMIT + 2 for line in text.splitlines() if "wb:" in line)
    after = PoCatalog.load(po)
    assert [replace(u, line=0) for u in after.units()] == [replace(u, line=0) for u in before]
    assert not after.warnings
    assert main(["status", str(po), "--format", "json"]) == 0
    assert '"reviewed": 3' in capsys.readouterr().out
    assert main(["check", str(po)]) in (0, 1)
    assert "broken" not in capsys.readouterr().err


def test_an_unreadable_wb_comment_costs_only_its_metadata(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = tmp_path / "broken.po"
    text = (
        HEADER
        + '# translator note\n# wb:reviewed {"by":"Ann","at":\n# wb:frobnicate {}\n'
        + '#. wb:block {"n":1}\nmsgctxt "s1"\nmsgid "a"\nmsgstr "b"\n'
    )
    po.write_text(text, encoding="utf-8")
    catalog = PoCatalog.load(po)
    [unit] = catalog.units()
    assert unit.state is ReviewState.TRANSLATED and unit.target == "b"
    assert unit.notes == (
        "translator note",
        'wb:reviewed {"by":"Ann","at":',
        "wb:frobnicate {}",
    )
    assert [w.split(": ", 1)[0] for w in catalog.warnings] == [f"{po}:7", f"{po}:8", f"{po}:9"]
    assert main(["check", str(po)]) in (0, 1)
    assert f"{po}:7" in capsys.readouterr().err
    catalog.apply(unit.reviewed("Bea", "2026-11-30T00:00:00Z"))
    catalog.save()
    saved = po.read_text(encoding="utf-8")
    assert "# translator note\n" in saved and "wb:frobnicate {}" in saved
    assert 'wb:reviewed {"by":"Ann"' not in saved  # the new review replaced the broken one
    assert PoCatalog.load(po).units()[0].state is ReviewState.REVIEWED


# --- any mix of lines: the workbench refuses exactly what msgfmt -c refuses -------------------

PIECES = [
    *MALFORMED.values(),
    *VALID.values(),
    "\n",
    '"loose"\n',
    "# c\n",
    "#. e\n",
    "#: a.c:1\n",
    "#, fuzzy\n",
    '#| msgid "p"\n',
    'msgctxt "x"\n',
    'msgid "m"\n',
    'msgstr "s"\n',
    'msgstr[1] "y"\n',
    'msgid_plural "q"\n',
    '#~ msgid "o"\n',
    '#~ msgstr "p"\n',
]


@needs_gettext
@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(PIECES), max_size=6), st.booleans())
def test_any_mix_is_refused_exactly_when_msgfmt_refuses_it(
    tmp_path: Path, pieces: list[str], blank: bool
) -> None:
    path = tmp_path / "mix.po"
    data = (HEADER + ("\n" if blank else "").join(pieces)).encode("utf-8")
    path.write_bytes(data)
    # msgfmt -c checks plural counts; msgcat catches a duplicate that msgfmt only mentions
    # (two entries on one line: msgfmt prints the error and still exits 0)
    msgcat = subprocess.run(["msgcat", str(path)], capture_output=True, check=False)
    refused_by_gettext = bool(msgfmt_errors(path)) or msgcat.returncode != 0
    try:
        catalog = PoCatalog.load(path)
    except UserError:
        assert refused_by_gettext, data.decode()
        return
    assert not refused_by_gettext, data.decode()
    assert catalog.render_bytes() == data
