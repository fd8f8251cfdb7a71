"""Software catalogues' conventions the checks read the way the program does: program text
copied as it is (``[16,32]``), GCC's diagnostic directives (``%qs`` ≡ ``%<%s%>``), e2fsprogs'
``@E`` abbreviations, a do-not-translate name in the source's capitals (``GNUPG``), and the
``accelerators`` check. Rows first, then Debian's real catalogues (fetched at test time,
turned round: the German translation checked as the source of the English original)."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from tests.support.po_corpus import debian_catalogue
from workbench.adapters.spelling import HunspellSpeller
from workbench.domain.checks import ALIASES, CHECKS, DEFAULT_CHECKS, CheckContext
from workbench.domain.checks.accelerators import markers_in_use
from workbench.domain.checks.base import Check, Severity
from workbench.domain.checks.software import expand_abbreviations
from workbench.domain.glossary.matching import GlossaryMatcher
from workbench.domain.glossary.model import Glossary, Term, TermStatus
from workbench.domain.units import Unit
from workbench.services.checking import check_files


def run(check_id: str, source: str, target: str, flags: tuple[str, ...] = ()) -> list[str]:
    cls = CHECKS[check_id]
    assert issubclass(cls, Check)
    unit = Unit("x", source, target, flags=flags)
    return [f.message for f in cls().check_unit(unit, CheckContext())]


# --- numbers: program text copied as it is -------------------------------------------------

NUMBER_ROWS = [
    # gcc's option syntax, kept verbatim: not German notation
    ("-mtls-size=[16,32]\tBit-Breite angeben.", "-mtls-size=[16,32]\tSpecify bit size.", False),
    (
        "nur verfügbar, wenn %<--with-double={32|32,64|64,32}%> konfiguriert ist",
        "only available if configured %<--with-double={32|32,64|64,32}%>",
        False,
    ),
    ("Wert im Bereich [0,127] angeben", "Specify a value in [0,127]", False),
    # ... but a number changed inside it is still found
    ("-mtls-size=[16,32]\tBit-Breite angeben.", "-mtls-size=[16,64]\tSpecify bit size.", True),
    # and German notation kept in prose is still one
    ("Wenn das Verhältnis über 9.999 liegt", "If the ratio is over 9.999", True),
    ("Es kamen 1.500 Gäste.", "1.500 guests came.", True),
    # program text without a decimal mark still lends its numbers (-1 ↔ column 1)
    ("  -1   Zeilen unterdrücken", "  -1   suppress column 1", False),
    # number words in compounds (GCC's catalogue): zero-width, nonzero, Zweierpotenz
    ("Bitfelder der Breite 0", "zero-width bit fields", False),
    ("mit Offset ungleich 0", "with nonzero offset", False),
    ("muss eine exakte Zweierpotenz sein", "must be an exact power of 2", False),
    ("muss eine exakte Zweierpotenz sein", "must be an exact power of 4", True),
    # "[0,15]" is no English number (a group has three digits) but an interval
    ("im Bereich [0, 15]", "in range [0,15]", False),
    ("im Bereich [0, 15]", "in range [0,16]", True),
    # "(3,5)" in prose stays ambiguous (reads as German 3.5): newstest2021, judged true
    ("mit ihren beiden Kindern (3, 5)", "with her two children (3,5)", True),
]


@pytest.mark.parametrize(("source", "target", "fires"), NUMBER_ROWS)
def test_numbers_in_program_text(source: str, target: str, fires: bool) -> None:
    assert bool(run("numbers", source, target)) == fires


def test_the_digits_of_gcc_directives_are_no_numbers() -> None:
    source = "Bei %2$L deklarierter Typ %1$qs muss ABSTRACT sein"
    assert run("numbers", source, "Type %qs declared at %L must be ABSTRACT") == []
    # the position of a directive printf does not know (%2$L read as c-format) is no number
    # either (acceptance-4: MPFR's %2$Rg, GMP's %3$Zd); a number of the text still counts
    assert run("numbers", source, "Type %qs declared at %L must be ABSTRACT", ("c-format",)) == []
    assert run("numbers", "%s: Nr. %2$Rg ist 3", "%s: #%Rg is 4", ("c-format",))
    # GnuPG's %0A (a line break in its Assuan strings; %%0A in a printf string)
    source = "Ein Passwort sollte %u Sonderzeichen enthalten."
    assert run("numbers", source, "A passphrase should contain %u digit or%%0Aspecial.") == []
    assert run("numbers", "Keine gute Idee!%0A\nBitte", "a bad idea!%0APlease") == []
    assert run("numbers", "%sNummer: %s%%0ABesitzer: %s", "%sNumber: %s%%0AHolder: %s") == []
    flagged = ("gcc-internal-format",)
    assert run("numbers", "%2$L: %1$qD hat 3 Argumente", "%qD at %L has 3 arguments", flagged) == []
    assert run("numbers", "%2$L: %1$qD hat 3 Argumente", "%qD at %L has 4 arguments", flagged)


# --- tags: GCC's diagnostics and e2fsprogs' abbreviations --------------------------------------

GCC_ROWS = [
    # %qs is %<%s%>: the quote directives read no argument
    ("%<%s%> ist ungültig", "%qs is invalid", False),
    ("%qs ist ungültig", "%<%s%> is invalid", False),
    ("%q+D wurde redeklariert", "%qD redeclared", False),
    ("Bei %2$L deklarierter Typ %1$qs", "Type %qs declared at %L", False),
    ("Typ %qs bei %L", "Type %qs at %L", False),
    ("%qD passt nicht", "%qD doesn%'t match", False),  # %' is an apostrophe
    ("Definition von %q+D einer Klasse", "definition of %q+D of dllimport%'d class", False),
    # still wrong: an argument dropped, added, or of another type
    ("%<%s%> und %qs sind ungültig", "%qs is invalid", True),
    ("%qs ist ungültig", "%qd is invalid", True),
    ("Typ %qs bei %L", "Type %qs", True),
]


@pytest.mark.parametrize(("source", "target", "fires"), GCC_ROWS)
def test_gcc_diagnostics_agree_with_msgfmt(
    tmp_path: Path, source: str, target: str, fires: bool
) -> None:
    """Flagged gcc-internal-format, the tags check says what ``msgfmt -c`` (the reference)
    says; without the flag (a catalogue turned back from .mo) it reads GCC's quoting
    directives the same way."""
    assert bool(run("tags", source, target, ("gcc-internal-format",))) == fires
    assert bool(run("tags", source, target)) == fires
    po = tmp_path / "gcc.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f"#, gcc-internal-format\nmsgid {_quoted(source)}\nmsgstr {_quoted(target)}\n",
        encoding="utf-8",
    )
    msgfmt = subprocess.run(
        ["msgfmt", "-c", "-o", os.devnull, str(po)], capture_output=True, text=True, check=False
    )
    assert (msgfmt.returncode != 0) == fires, msgfmt.stderr


def _quoted(text: str) -> str:
    """``text`` as a PO string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\t", "\\t") + '"'


def test_an_unflagged_printf_entry_reads_as_c_format(tmp_path: Path) -> None:
    """A catalogue turned back from .mo keeps no flags; an entry with printf directives is
    c-format (as xgettext flags it), where ``%s`` may precede a letter — as ``msgfmt -c``
    accepts it in the flagged entry."""
    source, target = "Version %s %s führt %s aus", "version %s %sexecuting %s"
    assert run("tags", source, target) == []
    assert run("tags", source, target, ("c-format",)) == []
    assert run("tags", source, "version %s executing %s")
    po = tmp_path / "c.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f"#, c-format\nmsgid {_quoted(source)}\nmsgstr {_quoted(target)}\n",
        encoding="utf-8",
    )
    msgfmt = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(po)], check=False)
    assert msgfmt.returncode == 0


def test_gettext_system_dependent_macros_are_no_gcc_quotes() -> None:
    """``%<PRIu32>`` is gettext's, not GCC's ``%<…%>``: the entry is plain printf."""
    assert run("tags", "von %<PRIu32> auf %<PRIu32>", "from %<PRIu32> to %<PRIu32>") == []
    assert run("numbers", "von %<PRIu32> auf 3", "from %<PRIu32> to 3") == []


E2FS_ROWS = [
    ("Eintrag „%Dn“ in %p (%i) ist ein Link auf „.“  ", "@E @L to '.'  ", False),
    ("Eintrag „%Dn“ in %p (%i) hat einen Namen der Länge Null.\n", "@E has a @z name.\n", False),
    (
        "HTREE-Verzeichnis-Inode %i hat eine ungültige Wurzel.\n",
        "@h %i has an @n root node.\n",
        False,
    ),
    ("Eintrag „%Dn“ in %p (%i) ist ein Link auf „.“  ", "@e @L to '.'  ", True),  # @e ≠ @E
    ("@E @L to '.'  ", "@E ist ein Link auf „.“  ", False),  # both abbreviated
]


@pytest.mark.parametrize(("source", "target", "fires"), E2FS_ROWS)
def test_e2fsprogs_abbreviations_are_read_as_the_program_prints_them(
    source: str, target: str, fires: bool
) -> None:
    assert bool(run("tags", source, target)) == fires


def test_abbreviations_stand_alone() -> None:
    assert expand_abbreviations("@S has_@j flag") == "superblock has_@j flag"
    assert expand_abbreviations("mail user@example.org for @GNUPG@") == (
        "mail user@example.org for @GNUPG@"
    )


# --- dnt in the source's capitals -------------------------------------------------------------


def test_a_dnt_term_kept_as_the_source_writes_it() -> None:
    matcher = GlossaryMatcher(Glossary.from_terms([Term("GnuPG", "", TermStatus.DNT)]))
    context = CheckContext(matcher=matcher)
    check = CHECKS["dnt"]()
    assert isinstance(check, Check)

    def dnt(source: str, target: str) -> list[str]:
        return [f.message for f in check.check_unit(Unit("x", source, target), context)]

    assert dnt("Verwaltung für @GNUPG@", "Management for @GNUPG@") == []
    assert dnt("Verwaltung für GNUPG", "Management for GnuPG") == []
    assert dnt("Verwaltung für GNUPG", "Management for GNU Privacy Guard")


# --- accelerators --------------------------------------------------------------------------------


def _po(tmp_path: Path, pairs: list[tuple[str, str]]) -> Path:
    po = tmp_path / "ui.po"
    pairs = list(dict(pairs).items())  # one entry per source, as gettext wants
    body = "".join(f"msgid {_quoted(s)}\nmsgstr {_quoted(t)}\n\n" for s, t in pairs)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'
        + body,
        encoding="utf-8",
    )
    return po


LABELS = [
    ("Sch_lummern", "S_nooze"),
    ("A_bbrechen", "_Cancel"),
    ("&Datei", "&File"),
    ("&Hilfe", "&Help"),
]


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        ("Wecker _entfernen", "Remove Alarm", "the source has the accelerator _e"),
        ("Wecker _entfernen", "_Remove _Alarm", "the translation has more than one accelerator"),
        ("&Bearbeiten", "Edit", "the source has the accelerator &B"),
        ("Wecker _entfernen", "R_emove Alarm", ""),
        ("Fehler in ai_flags", "Bad ai_flags", ""),  # program text, copied
        ("AT&T-Stil", "AT&T style", ""),
        ("Tom &amp; Jerry", "Tom &amp; Jerry", ""),
        # program text in a catalogue that also has labels (acceptance 3's merged catalogue)
        ("Puffer für »inode_map« zuweisen", "Allocate inode map buffer", ""),
        ("Aufruf: e2label [neuer_Name]", "Usage: e2label [newlabel]", ""),
        ("siehe https://gcc.gnu.org/bugzilla/show_bug.cgi", "see the bug", ""),
    ],
)
def test_accelerators_in_a_catalogue_that_uses_them(
    tmp_path: Path, source: str, target: str, message: str
) -> None:
    po = _po(tmp_path, [*LABELS, (source, target)])
    found = [f.message for f in check_files([po], checks=["accelerators"]).findings]
    assert (found[0] if found else "").startswith(message) if message else found == []
    assert len(found) <= 1


def test_no_accelerators_where_a_catalogue_uses_none(tmp_path: Path) -> None:
    """A command-line program's catalogue (metavariables, identifiers) has no labels: a
    lone ``_`` is no accelerator there."""
    pairs = [("NEUES_WURZELVERZEICHNIS setzen", "set NEWROOT"), ("Puffer für inode_map", "map")]
    assert check_files([_po(tmp_path, pairs)], checks=["accelerators"]).findings == []


def test_listed_with_its_pofilter_name() -> None:
    assert "accelerators" in DEFAULT_CHECKS
    cls = CHECKS["accelerators"]
    assert cls.pofilter == ("accelerators",) and cls.severity is Severity.WARNING
    assert "accelerators" not in ALIASES  # our id is pofilter's name


# --- Debian's real catalogues, turned round ---------------------------------------------------


def turned_round(name: str, keep: Callable[[polib.POEntry], bool] = lambda e: True) -> list[Unit]:
    """The singular entries of a real German catalogue as German → English units."""
    data = debian_catalogue(name)
    with tempfile.NamedTemporaryFile(suffix=".po") as handle:
        handle.write(data)
        handle.flush()
        entries = polib.pofile(handle.name)
    return [
        Unit(f"{name}:{e.linenum}", e.msgstr, e.msgid, flags=tuple(e.flags))
        for e in entries
        if e.msgid and e.msgstr and not e.msgid_plural and keep(e)
    ]


def findings(check_id: str, units: list[Unit]) -> list[str]:
    check = CHECKS[check_id]()
    assert isinstance(check, Check)
    return [f"{u.id}: {f.message}" for u in units for f in check.check_unit(u, CheckContext())]


def test_gcc_quoting_in_the_real_catalogue() -> None:
    """Debian's German GCC 12 catalogue: entries whose translator wrote ``%<%s%>`` for
    ``%qs`` (or the other way round) or kept GCC's positions (``%2$L``); 75 tags errors
    on the turned-round catalogue before, none of them now."""
    quoting = re.compile(r"%<%[sdu]%>|%\d+\$")
    units = turned_round(
        "gcc-12",
        lambda e: (
            bool(quoting.search(e.msgid)) != bool(quoting.search(e.msgstr))
            or bool(re.search(r"%\d+\$", e.msgstr))
        ),
    )
    assert len(units) >= 40  # the catalogue has them: the test can fail
    assert findings("tags", units) == []
    spaced = [u for u in units if re.search(r"%\d+\$[A-Z]", u.source)]
    assert len(spaced) >= 20 and findings("numbers", spaced) == []


def test_e2fsprogs_abbreviations_in_the_real_catalogue() -> None:
    """Debian's German e2fsprogs: the English writes ``@E`` for "entry '%Dn' in %p
    (%i)", the German writes it out (47 tags errors before)."""
    units = turned_round("e2fsprogs", lambda e: bool(re.search(r"@[EFh]\b", e.msgid)))
    assert len(units) >= 40
    wrong = findings("tags", units)
    assert len(wrong) <= len(units) // 20, wrong  # a few real differences remain


def test_gnupg_kept_in_its_own_capitals_in_the_real_catalogue(tmp_path: Path) -> None:
    """Debian's German GnuPG with a glossary ``GnuPG dnt``: entries that keep ``GNUPG`` or
    ``@GNUPG@`` as the source writes it pass (2 errors in acceptance test 3)."""
    units = turned_round("gnupg2", lambda e: "GNUPG" in e.msgid)
    assert len(units) >= 2
    matcher = GlossaryMatcher(Glossary.from_terms([Term("GnuPG", "", TermStatus.DNT)]))
    check = CHECKS["dnt"]()
    assert isinstance(check, Check)
    assert [f for u in units for f in check.check_unit(u, CheckContext(matcher=matcher))] == []


def test_accelerators_in_the_real_gnome_clocks_catalogue(tmp_path: Path) -> None:
    """Debian's German GNOME Clocks marks accelerators with ``_``: the real catalogue
    passes, and removing the marker from English labels is found every time (while the
    catalogue's other labels show the marker in use)."""
    units = turned_round("gnome-clocks")
    assert markers_in_use(units) == ["_"]
    labelled = [u for u in units if re.search(r"_[^\W\d_]", u.source)]
    assert len(labelled) >= 8
    po = _po(tmp_path, [(u.source, u.target) for u in units])
    assert check_files([po], checks=["accelerators"]).findings == []
    for half in (labelled[::2], labelled[1::2]):  # the other half shows the marker in use
        planted = [(u.source, u.target.replace("_", "")) for u in half]
        po = _po(tmp_path, [(u.source, u.target) for u in units if u not in half] + planted)
        assert len(check_files([po], checks=["accelerators"]).findings) == len(half)


@pytest.mark.parametrize(
    ("name", "markers"),
    [("gcc-12", []), ("e2fsprogs", []), ("gnupg2", ["_"])],  # gnupg2: pinentry's buttons
)
def test_which_real_catalogues_use_accelerators(name: str, markers: list[str]) -> None:
    assert markers_in_use(turned_round(name)) == markers


# --- help texts and program messages: the program's own style ---------------------------------


def severities(check_id: str, source: str, target: str) -> list[Severity]:
    cls = CHECKS[check_id]
    assert issubclass(cls, Check)
    return [f.severity for f in cls().check_unit(Unit("x", source, target), CheckContext())]


@pytest.mark.parametrize(
    ("check_id", "source", "target", "expected"),
    [
        # a help text's option line: GNU's English has no full stop, German adds one
        (
            "end-punctuation",
            "      --debug           gibt die verwendete Implementierung an.\n",
            "      --debug           indicate which implementation used\n",
            [Severity.INFO],
        ),
        (
            "end-punctuation",
            "%d Blöcke enthielten die Daten.\n",
            "%d blocks held the data\n",
            [Severity.INFO],
        ),
        # a one-line message in GNU's style (lower case first, no end mark)
        (
            "end-punctuation",
            "Der Modus darf nur Dateizugriffsrechte angeben.",
            "mode must specify only file permission bits",
            [Severity.INFO],
        ),
        (
            "short",
            "Die Gruppenkennung konnte nicht festgelegt werden",
            "cannot set group id",
            [Severity.INFO],
        ),
        # prose, and other marks, stay warnings
        ("end-punctuation", "Die Daten sind verloren.", "The data is lost", [Severity.WARNING]),
        ("end-punctuation", "Daten löschen?\n", "Delete data\n", [Severity.WARNING]),
        # terse command-line English
        (
            "short",
            " -q             zusätzliche Infomeldungen unterdrücken\n",
            " -q             quiet mode\n",
            [Severity.INFO],
        ),
        (
            "short",
            "Die Entwickler haben die zusätzlichen Meldungen unterdrückt.",
            "They were quiet.",
            [Severity.WARNING],
        ),
        # e2fsprogs' @i is printed as "inode": no short translation
        (
            "short",
            "Erweiterte Attribute im Inode wurden bereits behandelt",
            "@a in @i were handled",
            [],
        ),
    ],
)
def test_program_style(check_id: str, source: str, target: str, expected: list[Severity]) -> None:
    assert severities(check_id, source, target) == expected


def test_real_help_texts_turned_round_keep_their_style() -> None:
    """Debian's German coreutils turned round: its help texts (option lines) end without
    a full stop in GNU's English and with one in German; none of them is a warning."""
    option = re.compile(r"(?m)^[ \t]*--?[A-Za-z]")
    units = turned_round(
        "coreutils",
        lambda e: bool(option.search(e.msgid)) and e.msgstr.rstrip().endswith("."),
    )
    assert len(units) >= 20
    check = CHECKS["end-punctuation"]()
    assert isinstance(check, Check)
    found = [f for u in units for f in check.check_unit(u, CheckContext())]
    assert found and {f.severity for f in found} == {Severity.INFO}


# --- spelling: GCC's directives and command-line options are no words --------------------------


@pytest.mark.parametrize(
    ("source", "target", "misspelt"),
    [
        ("%qE bezieht sich nicht auf Funktionen", "%qE attribute doesn%'t apply to functions", []),
        ("%qs in einer Clobber-Anweisung", "%qs LHS in clobber statement", []),
        ("Typ %1$qs bei %2$L", "type %qs declared at %L", []),
        ("nur Benutzer an der Eingabe", "  -m, --lookup-only   only the user on input", []),
        # a double-hyphen option in a segment with no other mark of code (qa4's note)
        ("Stapel nicht ausführbar", "use --noexecstack here", []),
        ("Stapel nicht ausführbar", "use --noexecstack herre", ["herre"]),
        # a misspelling beside them is still one
        ("%qE bezieht sich nicht auf Funktionen", "%qE atribute doesn%'t apply", ["atribute"]),
        ("Warnung für --lookup", "warnnig for --lookup", ["warnnig"]),
    ],
)
def test_spelling_reads_gcc_directives_and_options_as_code(
    source: str, target: str, misspelt: list[str]
) -> None:
    speller = HunspellSpeller("en")
    unit = Unit("x", source, target)
    messages = [
        f.term for f in CHECKS["spelling"]().check_unit(unit, CheckContext(speller=speller))
    ]
    assert messages == misspelt


# --- unchanged: a source that is English already -------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gfc_resolve_expr(): Bad expression type", [Severity.INFO]),  # GCC's internal message
        ("%<verify_marked_backedges%> failed", [Severity.INFO]),
        ("multiple virtual PHI nodes in BB %d", [Severity.INFO]),
        ("Linux root (RISC-V-32)", [Severity.INFO]),  # a name and an English word
        ("Wurzel des Systems (PPC)", [Severity.WARNING]),
        ("Parlament: Neuer Zündstoff in Ukraine-Affäre", [Severity.WARNING]),  # newstestB2020
        ("Die Datei wurde nicht gefunden", [Severity.WARNING]),  # German copied
        ("Datei %s nicht gefunden", [Severity.WARNING]),
        ("Die Bank war zu", [Severity.WARNING]),  # German made of English-looking words
    ],
)
def test_unchanged_english_source(text: str, expected: list[Severity]) -> None:
    context = CheckContext(speller=HunspellSpeller("en"))
    unit = Unit("x", text, text)
    assert [f.severity for f in CHECKS["unchanged"]().check_unit(unit, context)] == expected


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        # gnupg2's statistics: labels right-aligned under the longest one, in each language
        (
            "                neue Schlüsselwiderrufe: %lu\n",
            "   new key revocations: %lu\n",
            [Severity.INFO],
        ),
        ("  Eintrag", "Entry", [Severity.WARNING]),  # an indent lost
        ("\tEintrag", "  Entry", [Severity.WARNING]),  # a tab is no padding
    ],
)
def test_leading_padding_of_columns(source: str, target: str, expected: list[Severity]) -> None:
    assert severities("leading-whitespace", source, target) == expected
