"""The fast paths of `workbench check` give exactly what the full paths give.

Checking reads PO files with the read-only scanner (``scan_units(strict=True)``) and falls
back to the full parser when unsure; the glossary checks share one source scan per unit.
These tests hold the fast paths to the slow ones: equal units (line numbers included),
the same errors for malformed files, the same findings.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS
from workbench.adapters.po import PoCatalog
from workbench.adapters.po_scan import scan_units
from workbench.errors import UserError
from workbench.services.checking import load_units

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'

#: Entries that read the same in both parsers, in the shapes real PO files have.
PLAIN = {
    "simple": 'msgctxt "s1"\nmsgid "Der Landrat kam."\nmsgstr "The County Executive came."\n',
    "no-context": 'msgid "Hallo"\nmsgstr ""\n',
    "escapes": 'msgctxt "e"\nmsgid "Tab\\tquote \\" back\\\\slash \\a bell"\nmsgstr "line\\nbreak"\n',
    "multiline": 'msgctxt "m"\nmsgid ""\n"first "\n"second"\nmsgstr ""\n"one "\n"two"\n',
    "comments": (
        "# a note\n#. extracted\n#: a.md:3 b.md:4 c.md\n#, fuzzy, python-format\n"
        '#| msgid "old "\n#| "text"\nmsgctxt "c"\nmsgid "new"\nmsgstr "neu"\n'
    ),
    "workbench-meta": (
        '# wb:reviewed {"by":"ana","at":"2025-01-01","hash":"x"}\n'
        '# wb:waive {"check":"numbers","reason":"fine","term":""}\n'
        '#. wb:block {"n":3,"s":2,"kind":"paragraph","marker":""}\n'
        'msgctxt "w"\nmsgid "Es kamen 1.500 Gäste."\nmsgstr "1.500 guests came."\n'
    ),
    "plural": (
        'msgctxt "p"\nmsgid "one"\nmsgid_plural "many"\nmsgstr[0] "eins"\nmsgstr[1] "viele"\n"r"\n'
    ),
    "fuzzy-empty": '#, fuzzy\nmsgctxt "f"\nmsgid "Leer"\nmsgstr ""\n',
}

#: Variations the fast scan must either read as polib does or leave to polib.
ODD = {
    "obsolete": '#~ msgid "gone"\n#~ msgstr "weg"\n',
    "stray-quote": 'msgctxt "q"\nmsgid "a"b"\nmsgstr "c"\n',
    "odd-backslash": 'msgctxt "b"\nmsgid "a"\nmsgstr "c\\"\n',
    "unclosed": 'msgctxt "u"\nmsgid "a"\nmsgstr "c\n',
    "plural-unclosed": 'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] "y\n',
    "plural-with-msgstr": 'msgid "a"\nmsgid_plural "b"\nmsgstr "x"\n',
    "msgstr0-without-plural": 'msgid "a"\nmsgstr[0] "x"\n',
    "plural-index-01": 'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[01] "y"\n',
    "stray-continuation": 'msgctxt "s"\nmsgid "a"\nmsgstr "b"\n\n"c"\n',
    "hash-hash": '## double\nmsgctxt "h"\nmsgid "a"\nmsgstr "b"\n',
    "hash-word": '#note\nmsgctxt "h"\nmsgid "a"\nmsgstr "b"\n',
    "bare-hash": '#\n# after\nmsgctxt "h"\nmsgid "a"\nmsgstr "b"\n',
    "padded-comment": '#  note  \nmsgctxt "h"\nmsgid "a"\nmsgstr "b"\n',
    "flag-no-space": '#,fuzzy\nmsgctxt "h"\nmsgid "a"\nmsgstr "b"\n',
    "previous-ctxt": '#| msgctxt "x"\n#| "y"\n#| msgid "z"\nmsgctxt "h"\nmsgid "a"\nmsgstr "b"\n',
    "previous-plural": '#| msgid "z"\n#| msgid_plural "zz"\n#| "y"\nmsgid "a"\nmsgstr "b"\n',
    "previous-stray": '#| msgid "z"\n# note\n#| "y"\nmsgid "a"\nmsgstr "b"\n',
    "previous-bad": '#| msgid "z"q"\nmsgid "a"\nmsgstr "b"\n',
    "keyword-spaces": 'msgctxt "k"\nmsgid  "a"\nmsgstr "b" \n',
    "line-separator": 'msgctxt "l"\nmsgid "a\u2028b"\nmsgstr "c"\n',
    "bogus-line": 'msgctxt "x"\nmsgid "a"\nmsgstr "b"\nbogus "c"\n',
    "bad-meta": '# wb:waive {"check":\nmsgctxt "m"\nmsgid "a"\nmsgstr "b"\n',
    "blank-with-spaces": " \t\n\u3000\n",
    "trailing-comment": "# the end\n",
}


def _check_same(path: Path) -> None:
    """``load_units`` gives what the full parser gives, or raises the same error."""
    try:
        expected = PoCatalog.load(path).units()
    except UserError as exc:
        with pytest.raises(UserError) as info:
            load_units(path)
        assert (info.value.message, info.value.where) == (exc.message, exc.where)
        return
    assert load_units(path) == expected


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_the_strict_scan_reads_plain_entries_itself(tmp_path: Path, name: str) -> None:
    path = tmp_path / "plain.po"
    path.write_text(HEADER + "\n" + PLAIN[name] + "\n" + PLAIN["simple"], encoding="utf-8")
    assert scan_units(path, strict=True) == PoCatalog.load(path).units()


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_files_read_as_the_full_parser_reads_them(tmp_path: Path, name: str) -> None:
    path = tmp_path / "odd.po"
    path.write_text(HEADER + "\n" + PLAIN["simple"] + "\n" + ODD[name], encoding="utf-8")
    _check_same(path)
    with_more = HEADER + "\n" + ODD[name] + "\n" + PLAIN["comments"]
    path.write_text(with_more, encoding="utf-8")
    _check_same(path)


def test_no_header_and_crlf_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_text("# first\n" + PLAIN["simple"], encoding="utf-8")
    _check_same(path)
    path.write_bytes((HEADER + "\n" + PLAIN["comments"]).replace("\n", "\r\n").encode())
    _check_same(path)
    path.write_bytes((HEADER + "\n" + PLAIN["simple"]).encode("utf-8").replace(b"Der", b"D\xe9r"))
    _check_same(path)
    _check_same(tmp_path / "missing.po")


LINES = st.sampled_from(
    [
        *PLAIN.values(),
        *ODD.values(),
        "\n",
        "\n\n",
        '"loose"\n',
        "# c\n",
        "#. e\n",
        '#| msgid "p"\n',
        'msgstr[1] "y"\n',
        'msgid_plural "q"\n',
    ]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(LINES, max_size=8), st.booleans())
def test_any_mix_reads_as_the_full_parser_reads_it(
    tmp_path: Path, parts: list[str], blank: bool
) -> None:
    path = tmp_path / "mix.po"
    joiner = "\n" if blank else ""
    path.write_text(HEADER + "\n" + joiner.join(parts), encoding="utf-8")
    _check_same(path)


@pytest.mark.parametrize("name", ["corpus", "bench"])
def test_real_files_are_scanned_exactly(tmp_path: Path, name: str) -> None:
    if name == "corpus":
        path = CORPUS / "hangzhou-sister-cities.en.po"
        if not path.is_file():
            pytest.skip("the sample corpus PO is not there yet")
    else:
        from bench.glossary import write_fixture

        _glossary, path = write_fixture(tmp_path, terms=300, segments=2_000)
    fast = scan_units(path, strict=True)
    assert fast == PoCatalog.load(path).units()
    assert len(fast) > 10 and len({u.line for u in fast}) == len(fast)
