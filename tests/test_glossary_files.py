"""Glossary files: TSV/CSV/TBX round trips, the committed TBX export, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.adapters.glossary_files import (
    load_glossaries,
    load_glossary,
    save_tbx,
    save_tsv,
    tsv_text,
)
from workbench.adapters.tbx import tbx_text
from workbench.cli import main
from workbench.domain.glossary.model import Glossary, Term, TermStatus
from workbench.errors import UserError

REPO = Path(__file__).resolve().parent.parent
CIVIC_TSV = REPO / "glossaries" / "civic.de-en.tsv"
CIVIC_TBX = REPO / "glossaries" / "civic.de-en.tbx"
HEADER = "source\ttarget\tstatus\tnote\n"


def test_civic_glossary_has_enough_real_terms() -> None:
    g = load_glossary(CIVIC_TSV)
    assert len(g) >= 25
    landrat = g.concept("Landrat")
    assert landrat is not None
    assert landrat.preferred_targets == ("County Executive",)
    assert landrat.forbidden_targets == ("District Administrator",)
    dnt = {c.source for c in g.concepts if c.is_dnt}
    assert {
        "DeepSeek",
        "Sister Cities International",
        "Black Myth: Wukong",
        "Montgomery County",
    } <= dnt


def test_round_trip_tsv_tbx_tsv(tmp_path: Path) -> None:
    g = load_glossary(CIVIC_TSV)
    save_tbx(g, tmp_path / "g.tbx")
    back = load_glossary(tmp_path / "g.tbx")
    assert [t.content_key() for t in back.terms] == [t.content_key() for t in g.terms]
    assert back.version == g.version
    save_tsv(back, tmp_path / "g.tsv")
    again = load_glossary(tmp_path / "g.tsv")
    assert tsv_text(again) == tsv_text(g)
    assert again.version == g.version


def test_committed_tbx_equals_a_fresh_export() -> None:
    """Regenerate with: workbench glossary export glossaries/civic.de-en.tsv --format tbx -o glossaries/civic.de-en.tbx"""
    assert CIVIC_TBX.read_text(encoding="utf-8") == tbx_text(load_glossary(CIVIC_TSV))


def test_cli_export_writes_the_same_tbx(tmp_path: Path) -> None:
    out = tmp_path / "civic.tbx"
    assert main(["glossary", "export", str(CIVIC_TSV), "--format", "tbx", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == CIVIC_TBX.read_text(encoding="utf-8")


def test_csv_with_quotes_optional_columns_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(
        "# a comment line\n"
        "source,target,status,note,case_sensitive,variants\n"
        'Landrat,County Executive,preferred,"US county head, elected",,Landrätin\n'
        "\n"
        "DeepSeek,,dnt,,yes,\n"
        "Landrat,District Administrator,Forbidden\n",
        encoding="utf-8",
    )
    g = load_glossary(path)
    assert [c.source for c in g.concepts] == ["Landrat", "DeepSeek"]
    landrat = g.concepts[0]
    assert landrat.note == "US county head, elected"
    assert landrat.variants == ("Landrätin",)
    assert [t.line for t in landrat.terms] == [3, 6]
    deepseek = g.concepts[1].terms[0]
    assert (
        deepseek.status is TermStatus.DNT
        and deepseek.target == "DeepSeek"
        and deepseek.case_sensitive
    )


def test_tbx_v2_martif_import(tmp_path: Path) -> None:
    path = tmp_path / "old.tbx"
    path.write_text(
        """<?xml version="1.0"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="de"><text><body>
  <termEntry id="1">
    <langSet xml:lang="de-DE"><tig><term>Landrat</term></tig></langSet>
    <langSet xml:lang="en-US">
      <tig><term>County Executive</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      <tig><term>District Administrator</term>
        <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></tig>
      <ntig><termGrp><term>county head</term></termGrp>
        <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></ntig>
    </langSet>
  </termEntry>
  <termEntry id="2">
    <note>doNotTranslate</note>
    <langSet xml:lang="de"><tig><term>DeepSeek</term></tig></langSet>
  </termEntry>
  <termEntry id="3"><langSet xml:lang="fr"><tig><term>préfet</term></tig></langSet></termEntry>
</body></text></martif>
""",
        encoding="utf-8",
    )
    g = load_glossary(path)
    landrat = g.concept("Landrat")
    assert landrat is not None
    assert [(t.target, t.status) for t in landrat.terms] == [
        ("County Executive", TermStatus.PREFERRED),
        ("District Administrator", TermStatus.FORBIDDEN),
        ("county head", TermStatus.ADMITTED),
    ]
    assert landrat.terms[0].line == 7  # the <tig> line
    deepseek = g.concept("DeepSeek")
    assert deepseek is not None and deepseek.is_dnt
    assert len(g) == 2


def test_merged_glossaries_report_conflicts_across_files(tmp_path: Path) -> None:
    a = tmp_path / "a.tsv"
    b = tmp_path / "b.tsv"
    a.write_text(HEADER + "Landrat\tCounty Executive\tpreferred\n", encoding="utf-8")
    b.write_text(
        HEADER + "Kreisrat\tcounty council\tpreferred\nLandrat\tCounty Executive\tforbidden\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError) as err:
        load_glossaries([a, b])
    assert err.value.where == f"{b}:3"
    assert f"{a}:2" in err.value.message
    merged = load_glossaries([a, tmp_path / "a.tsv"])  # the same rows twice are one
    assert len(merged.terms) == 1


TBX_HEAD = '<?xml version="1.0"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="de"><text><body>\n'

# (file name, content, message fragment, line (0: the file alone is named))
BAD_INPUT = [
    (
        "missing-column.tsv",
        "source\ttarget\nLandrat\tCounty Executive\n",
        "lacks the column status",
        1,
    ),
    ("missing-columns.csv", "term,translation\n", "lacks the columns source, target, status", 1),
    (
        "empty-source.tsv",
        HEADER + "Landrat\tCounty Executive\tpreferred\n\tcity\tpreferred\n",
        "empty source term",
        3,
    ),
    ("empty-target.tsv", HEADER + "Landrat\t\tpreferred\n", "empty target for 'Landrat'", 2),
    ("no-status.tsv", HEADER + "Landrat\tCounty Executive\n", "no status for 'Landrat'", 2),
    (
        "unknown-status.tsv",
        HEADER + "\n# ok\nLandrat\tCounty Executive\tmaybe\n",
        "unknown status 'maybe'",
        4,
    ),
    (
        "dnt-target.tsv",
        HEADER + "DeepSeek\tDeep Search\tdnt\n",
        "dnt row for 'DeepSeek' has a different target",
        2,
    ),
    (
        "case-flag.tsv",
        "source\ttarget\tstatus\tcase_sensitive\nUSA\tUnited States\tpreferred\tmaybe\n",
        "case_sensitive must be yes or no",
        2,
    ),
    (
        "extra-cells.tsv",
        HEADER + "Landrat\tCounty Executive\tpreferred\tnote\textra\n",
        "row has 5 cells",
        2,
    ),
    (
        "bad-quote.csv",
        'source,target,status\nLandrat,"County Executive,preferred\n',
        "malformed CSV",
        2,
    ),
    (
        "conflict.tsv",
        HEADER + "Landrat\tCounty Executive\tpreferred\nLandrat\tCounty Executive\tforbidden\n",
        "is preferred at",
        3,
    ),
    (
        "both.tsv",
        HEADER
        + "Landrat\tCounty Executive\tpreferred\nKreisdirektor\tCounty Executive\tforbidden\n",
        "is preferred for 'Landrat'",
        3,
    ),
    ("empty.tsv", "\n# only a comment\n", "the glossary is empty", 0),
    (
        "control.tsv",
        HEADER + "Landrat\tCounty\x01Executive\tpreferred\n",
        "control character U+0001",
        2,
    ),
    ("latin1.tsv", None, "is not valid UTF-8", 2),
    ("glossary.xlsx", "whatever", "unknown glossary format", 0),
    (
        "broken.tbx",
        TBX_HEAD
        + "<conceptEntry>\n<langSec xml:lang='de'><termSec><term>Landrat</term></termSec>\n</conceptEntry></body></text></tbx>",
        "malformed TBX",
        5,
    ),
    (
        "bomb.tbx",
        '<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n<tbx><text><body/></text></tbx>',
        "declares XML entities",
        0,
    ),
    (
        "external.tbx",
        '<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<tbx><text><body>&x;</body></text></tbx>',
        "declares XML entities",
        0,
    ),
    ("html.tbx", "<html>\n<body/></html>", "not a TBX file", 1),
    (
        "status.tbx",
        TBX_HEAD
        + "<conceptEntry><langSec xml:lang='de'><termSec><term>Landrat</term></termSec></langSec>\n<langSec xml:lang='en'><termSec>\n<term>County Executive</term><termNote type='administrativeStatus'>bestTerm</termNote></termSec></langSec></conceptEntry></body></text></tbx>",
        "unknown administrativeStatus 'bestTerm'",
        4,
    ),
    (
        "empty-term.tbx",
        TBX_HEAD
        + "<conceptEntry><langSec xml:lang='de'>\n<termSec><term> </term></termSec></langSec></conceptEntry></body></text></tbx>",
        "empty <term>",
        4,
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "fragment", "line"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT]
)
def test_bad_input_names_file_line_and_what_to_do(
    tmp_path: Path, name: str, content: str | None, fragment: str, line: int
) -> None:
    path = tmp_path / name
    if content is None:
        path.write_bytes(
            (HEADER + "Landrat\tCounty Executive\tpreferred\tf\xfcr US\n").encode("latin-1")
        )
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_glossary(path)
    assert fragment in err.value.message
    assert err.value.where == (f"{path}:{line}" if line else str(path))
    assert err.value.hint


def test_cli_bad_glossary_exits_2_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(HEADER + "Landrat\tCounty Executive\tmaybe\n", encoding="utf-8")
    assert main(["glossary", "show", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:2" in err and "unknown status" in err and "hint" in err


def test_cli_find_shows_hits(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["glossary", "find", "Die Landrätin im Landratsamt", "-g", str(CIVIC_TSV)])
    out = capsys.readouterr().out
    assert code == 0
    assert "Landrätin" in out and "inflected" in out and "compound" in out and "County" in out


def test_cli_export_refuses_missing_folder(tmp_path: Path) -> None:
    out = tmp_path / "nope" / "g.tbx"
    assert main(["glossary", "export", str(CIVIC_TSV), "-o", str(out)]) == 2
    assert not out.exists()


def test_csv_quoted_note_may_span_lines(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(
        'source,target,status,note\nLandrat,County Executive,preferred,"first line\nsecond line"\n'
        "Partnerstadt,sister city,admitted\n",
        encoding="utf-8",
    )
    g = load_glossary(path)
    assert g.concepts[0].note == "first line\nsecond line"
    assert [t.line for t in g.terms] == [2, 4]


_cell = (
    st.text(
        alphabet=st.characters(
            # the noncharacters U+FFFE/U+FFFF are refused as TBX (XML) cannot hold them
            blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
            blacklist_characters="|\ufeff\ufffe\uffff",
        ),
        min_size=1,
        max_size=12,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: bool(s) and not s.startswith("#"))
)


@st.composite
def _glossaries(draw: st.DrawFn) -> Glossary:
    terms: list[Term] = []
    used: set[str] = set()  # a target in two concepts could be preferred and forbidden
    for source in draw(st.lists(_cell, min_size=1, max_size=5, unique=True)):
        targets = [
            t for t in draw(st.lists(_cell, min_size=1, max_size=3, unique=True)) if t not in used
        ]
        used.update(targets)
        variants = tuple(v for v in draw(st.lists(_cell, max_size=2, unique=True)) if v != source)
        for i, target in enumerate(targets):
            status = draw(st.sampled_from([s for s in TermStatus if s is not TermStatus.DNT]))
            terms.append(
                Term(
                    source,
                    target,
                    status,
                    draw(st.one_of(st.just(""), _cell)),
                    draw(st.booleans()),
                    variants if i == 0 else (),
                )
            )
    return Glossary.from_terms(terms)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(glossary=_glossaries())
def test_property_tsv_tbx_tsv_round_trip(tmp_path: Path, glossary: Glossary) -> None:
    """Any glossary survives TSV → TBX → TSV (XML specials, quotes, umlauts, commas)."""
    tsv, tbx = tmp_path / "g.tsv", tmp_path / "g.tbx"
    save_tsv(glossary, tsv)
    first = load_glossary(tsv)
    save_tbx(first, tbx)
    back = load_glossary(tbx)
    assert [t.content_key() for t in back.terms] == [t.content_key() for t in glossary.terms]
    assert tsv_text(back) == tsv_text(glossary)


def test_terms_starting_with_hash_survive_and_are_never_skipped_silently(tmp_path: Path) -> None:
    """`#` starts a comment; `\\#` (TSV) or a quoted cell (CSV) is a term starting with `#`,
    the TSV export writes it so, and a `#` line that looks like a row is an error."""
    tsv = tmp_path / "g.tsv"
    tsv.write_text(
        "# comment\nsource\ttarget\tstatus\n# Landrat\tCounty Executive\tpreferred\n"
        "\\#Neuland\t#Neuland\tdnt\n",
        encoding="utf-8",
    )
    g = load_glossary(tsv)
    assert [(t.source, t.target) for t in g.terms] == [("#Neuland", "#Neuland")]
    out = tmp_path / "out.tsv"
    save_tsv(g, out)
    assert load_glossary(out).terms[0].source == "#Neuland"
    csv_file = tmp_path / "g.csv"
    csv_file.write_text('source,target,status\n"#Neuland",#Neuland,dnt\n', encoding="utf-8")
    assert load_glossary(csv_file).terms[0].source == "#Neuland"
    for path, text in (
        (tsv, "source\ttarget\tstatus\n#Neuland\t#Neuland\tdnt\n"),
        (csv_file, "source,target,status\n#Neuland,#Neuland,dnt\n"),
    ):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(UserError, match="starts with '#'") as caught:
            load_glossary(path)
        assert caught.value.where == f"{path}:2"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("a" * 700_000 + "\tx\tpreferred", "source cell has 700,000 characters, over the limit"),
        ("Stadt\t" + "b" * 1001 + "\tpreferred", "target cell has 1,001 characters"),
        ("Stadt\tcity\tpreferred\t" + "n" * 10_001, "note cell has 10,001 characters"),
        ("Stadt\tcity\tpreferred\t\t\tStädte|" + "v" * 2000, "variant cell has 2,000"),
    ],
)
def test_cells_over_the_size_limits_are_refused(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "g.tsv"
    path.write_text(
        "source\ttarget\tstatus\tnote\tcase_sensitive\tvariants\n" + row + "\n", encoding="utf-8"
    )
    with pytest.raises(UserError, match=message) as caught:
        load_glossary(path)
    assert caught.value.where == f"{path}:2"


def test_a_huge_term_is_a_message_in_check_and_find(
    tmp_path: Path, sample_po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It crashed pyahocorasick with a segmentation fault (exit 139)."""
    path = tmp_path / "g.tsv"
    path.write_text(
        "source\ttarget\tstatus\n" + "a" * 700_000 + "\tx\tpreferred\n", encoding="utf-8"
    )
    assert main(["check", str(sample_po), "-g", str(path)]) == 2
    assert main(["glossary", "find", "Stadt", "-g", str(path)]) == 2
    assert "over the limit of 1,000" in capsys.readouterr().err
