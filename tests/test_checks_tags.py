"""The ``tags`` check, table-driven: inline tags of documents and the placeholders of
software strings (printf, braces, HTML/XML), each row (source, target, should it fire)."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.support.po_corpus import debian_catalogue
from tests.test_checks_text import run
from tests.test_export import coreutils_de_po  # noqa: F401 (a fixture)
from workbench.domain.checks import ALIASES, CHECKS, resolve_check_ids
from workbench.domain.checks.base import CheckContext
from workbench.domain.tags import TagRole, find_tags, next_missing_tag
from workbench.domain.units import Unit
from workbench.services.checking import check_files, load_units

ROWS: list[tuple[str, str, bool]] = [
    # the workbench's inline tags (Markdown documents)
    ("Nutze <b0>nie</b0> <a1>die Doku</a1>.", "Never use <a1>the docs</a1> <b0>alone</b0>.", False),
    ("Nutze <b0>nie</b0> <c1/>.", "Never use <c1/>.", True),  # <b0> pair dropped
    ("Nutze <b0>nie</b0> die Doku.", "Never use <b0>the docs.", True),  # </b0> missing
    ("Ein <b0><i1>Satz</i1></b0>.", "A <b0><i1>sentence</b0></i1>.", True),  # crossed
    ("Ein <b0>Satz</b0>.", "A </b0>sentence<b0>.", True),  # closed before opened
    ("Siehe <c0/>.", "See <c0/> and <c0/>.", True),  # doubled
    ("Siehe <c0/>.", "See <c1/>.", True),  # a tag the source does not have
    ("Text ohne Tags.", "Text without tags.", False),
    # printf (pofilter variables / printf, Weblate c-format, python-format)
    ("%s Dateien gelöscht", "%s files deleted", False),
    ("%s Dateien gelöscht", "files deleted", True),
    ("%d von %d Dateien", "%d of %d files", False),
    ("%s von %d Dateien", "%d of %s files", True),  # ordered placeholders swapped
    ("%1$s von %2$d Dateien", "%2$d files of %1$s", False),  # positions may move
    ("%(count)d Dateien in %(dir)s", "%(dir)s holds %(count)d files", False),
    ("%(count)d Dateien", "%(cnt)d files", True),
    ("100 % sicher", "100% sure", False),  # prose, not a placeholder
    ("50 % der Menschen", "50% of people", False),
    ("Ein 100%iger Erfolg", "A complete success", False),
    ("%%-Zeichen und %s", "%% sign and %s", False),
    # the same argument type, as msgfmt -c compares them: %i ≡ %d, %X ≡ %x, width free
    ("zwischen 8 und %i", "between 8 and %d", False),
    ("Zeichen 0x%02X", "char 0x%02x", False),
    ("%5.2f Sekunden", "%.1f seconds", False),
    ("%e Sekunden", "%g seconds", False),
    ("%d Dateien", "%s files", True),  # another type
    ("%ld Dateien", "%d files", True),  # another length
    ("%*d Dateien", "%d files", True),  # a * width reads an argument of its own
    # braces (Weblate python-brace-format, placeholders): the entry is flagged (BRACED)
    # HTML/XML tags (pofilter xmltags, Weblate xml-tags)
    ("Klicke <b>hier</b>.", "Click <b>here</b>.", False),
    ("Klicke <b>hier</b>.", "Click here.", True),
    ("Klicke <b>hier</b>.", "Click <b>here.", True),
    ('Siehe <a href="/doku">Doku</a>.', 'See <a href="/docs">docs</a>.', True),
    ("Zeile<br/>zwei", "Line<br/>two", False),
    ("Zeile<br>zwei", "Line two", True),
    ("a < b und c > d", "a < b and c > d", False),
    ("Ein <foo>Satz</foo>.", "A <foo>sentence.", True),  # an unknown element, paired
    ('Siehe <x-ref id="a"/>.', "See below.", True),  # closes itself
    ('Siehe <span class="x">hier</span>.', "See <span>here</span>.", True),  # attribute lost
    # metavariables of help texts are words in angle brackets, translated (acceptance F2:
    # Debian nano/coreutils de.po turned round); no markup, so no tags
    ("  -B, --backupdir=<Verz>  Verzeichnis für Sicherungen", "--backupdir=<dir>  backups", False),
    ("Trenne mit <Zeilenumbruch> statt <TAB>", "separate with <newline> instead of <TAB>", False),
    ("Trenne mit <TAB>", "separate with a tab", False),
    ("<Eingabe> drücken", "press <Enter>", False),
    ("[<Datei>...]", "[<file>...]", False),
    # numbered and in-order printf arguments are the same arguments (coreutils' de.po)
    ("Argument „%3$s“ für %1$s%2$s ist zu groß", "%s%s argument '%s' too large", False),
    ("%s%s: Argument %s zu groß", "%2$s argument %3$s too large for %1$s", False),
    ("Argument „%3$s“ für %1$s%2$s ist zu groß", "%s%s argument too large", True),
    ("Argument „%2$s“ für %1$s", "%s argument '%d'", True),  # %2$s is a string, not %d
    ("%s: <Verz> fehlt", "%s: <dir> is missing", False),  # printf still checked beside it
    ("%s: <Verz> fehlt", "<dir> is missing", True),
    # a metavariable translated into an HTML element's name (vim: <Schriftart> → <font>)
    ("-font <Schriftart>\tBenutze <Schriftart>", "-font <font>\t\tUse <font>", False),
    ("Größe <Zahl>", "size <big>", False),
    ("Siehe <b>hier</b>", "See <font>here</font>", True),  # a closed <font> is markup
    ("<b>Fett", "<b>Bold", False),
    ("<b>Fett", "Bold", True),
    ("Größe <Zahl>", "size <big> in <b>bold", True),  # one metavariable, two elements
    # a date format for strftime is localised: its fields follow the language (mc, glib)
    ("%d. %b %Y ", "%b %e  %Y", False),
    ("%d. %b %H:%M", "%b %e %H:%M", False),
    ("%I:%M:%S", "%I:%M:%S %p", False),
    ("%s vom %d. %B", "%s of %B %e", False),
    ("%s Dateien am %d.", "%d files on %s", True),  # printf: no strftime directive
    # gawk's MPFR %Rg is no strftime %R: the German's numbered arguments are wrong
    ("%s: Wert %2$Rg in Argument %1$d", "%s: argument #%d value %Rg", True),
    # the German genitive after a placeholder in an entry with no other one (shadow)
    ("%ss Datei", "%s's file", False),
    ("%ss Datei", "%s's file, %d", True),
    ("%zu Dateien", "%d files", True),  # %zu is printf (%z is strftime's too)
    # braces in an entry without a brace format are words too (coreutils' {GANZZAHL})
    ("--width={GANZZAHL}", "--width={INTEGER}", False),
    ("Hallo {name}!", "Hello {Name}!", False),
]

#: Rows checked in an entry flagged ``python-brace-format`` (Weblate's python-brace-format).
BRACED: list[tuple[str, str, bool]] = [
    ("Hallo {name}!", "Hello {name}!", False),
    ("Hallo {name}!", "Hello {Name}!", True),
    ("{0} von {1}", "{1} of {0}", False),
    ("{count:>3} Einträge", "{count:>3} entries", False),
    ("--width={GANZZAHL}", "--width={INTEGER}", True),
    ("%s: {n} Dateien", "%s: {n} files", False),
]


@pytest.mark.parametrize(("source", "target", "fires"), ROWS)
def test_tags(source: str, target: str, fires: bool) -> None:
    found = run("tags", source, target)
    assert bool(found) == fires, [f.message for f in found]


def tags_in(source: str, target: str, flags: tuple[str, ...], context: CheckContext) -> list[str]:
    unit = Unit("", source, target, line=7, flags=flags)
    return [f.message for f in CHECKS["tags"]().check_unit(unit, context)]


@pytest.mark.parametrize(("source", "target", "fires"), BRACED)
def test_braces_in_brace_formatted_entries(source: str, target: str, fires: bool) -> None:
    for flags in [("python-brace-format",), ("fuzzy", "c-format", "perl-brace-format")]:
        found = tags_in(source, target, flags, CheckContext())
        assert bool(found) == fires, (flags, found)
    # the project says every entry is brace-formatted ([check] braces = true)
    assert bool(tags_in(source, target, (), CheckContext(braces=True))) == fires
    # a flag that says "not brace-formatted" or another format does not make braces tags
    assert tags_in(source, target, ("no-python-brace-format", "c-format"), CheckContext()) == []


def test_the_flags_of_a_po_entry_reach_the_check(tmp_path: Path) -> None:
    po = tmp_path / "b.en.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, python-brace-format\nmsgid "Hallo {name}!"\nmsgstr "Hello {Name}!"\n\n'
        'msgid "--width={GANZZAHL}"\nmsgstr "--width={INTEGER}"\n',
        encoding="utf-8",
    )
    findings = check_files([po], checks=["tags"]).findings
    assert [(f.line, f.message) for f in findings] == [
        (5, "missing {name}"),
        (5, "{Name} is not in the source"),
    ]


def test_messages_name_what_is_wrong() -> None:
    messages = [f.message for f in run("tags", "%s und <b0>x</b0>", "and <b0>x")]
    assert messages == ["missing %s", "missing </b0>", "<b0> is never closed"]


def test_registered_with_pofilter_and_weblate_names() -> None:
    assert "tags" in CHECKS
    for name in ("variables", "xmltags", "printf", "xml-tags", "python-format", "c-format"):
        assert ALIASES[name] == "tags"
    assert resolve_check_ids(["placeholders"]) == ("tags",)


def test_roles_and_keys() -> None:
    found = [(t.text, t.role, t.family) for t in find_tags("<b0>a</b0><c1/> %s {x} <br> <i>")]
    assert found == [
        ("<b0>", TagRole.OPEN, "inline"),
        ("</b0>", TagRole.CLOSE, "inline"),
        ("<c1/>", TagRole.ALONE, "inline"),
        ("%s", TagRole.ALONE, "printf"),
        ("{x}", TagRole.ALONE, "brace"),
        ("<br>", TagRole.ALONE, "xml"),
        ("<i>", TagRole.OPEN, "xml"),
    ]


NEXT_MISSING = [
    # (source, target, the tag the editor's key inserts next)
    ("Ein <b0>fetter</b0> <c1/>.", "", "<b0>"),
    ("Ein <b0>fetter</b0> <c1/>.", "A <b0>bold", "</b0>"),
    ("Ein <b0>fetter</b0> <c1/>.", "A <b0>bold</b0>", "<c1/>"),
    ("Ein <b0>fetter</b0> <c1/>.", "A <b0>bold</b0> <c1/>.", None),
    ("%s und %d", "%d", "%s"),
    ("Kein Tag.", "No tag.", None),
    # a tab is a placeable too (F21: coreutils' help columns), in source order
    ("Name:\t%s\nGröße:\t%d\n", "Name:", "\t"),
    ("Name:\t%s\nGröße:\t%d\n", "Name:\t", "%s"),
    ("Name:\t%s\nGröße:\t%d\n", "Name:\t%s\nSize:", "\t"),
    ("Name:\t%s\nGröße:\t%d\n", "Name:\t%s\nSize:\t%d\n", None),
    # a line break at an end too (msgfmt -c), not one inside the text (wrapping may differ)
    ("Name:\t%s\nGröße:\t%d\n", "Name:\t%s\nSize:\t%d", "\n"),
    ("\nGröße: %d", "", "\n"),
    ("\nGröße: %d", "\n", "%d"),
    ("Eins\nZwei", "One Two", None),
    ("Eins\n\n", "One\n", "\n"),
    ("\n", "", "\n"),
]


@pytest.mark.parametrize(("source", "target", "expected"), NEXT_MISSING)
def test_next_missing_tag(source: str, target: str, expected: str | None) -> None:
    assert next_missing_tag(source, target) == expected


def test_the_digits_of_tags_are_no_numbers() -> None:
    assert run("numbers", "Lies <a2>das Handbuch</a2> (<c3/>).", "Read <a2>the manual</a2>.") == []
    assert run("numbers", "Seite <a2>12</a2>.", "Page <a2>13</a2>.")
    # printf placeholders: numbered arguments and widths (coreutils)
    assert (
        run("numbers", "Argument „%3$s“ für %1$s%2$s ist zu groß", "%s%s argument '%s' too large")
        == []
    )
    assert run("numbers", "%-10s %5.2f Sekunden", "%-10s %5.2f seconds") == []
    assert run("numbers", "%d von 100 Dateien", "%d of 10 files")
    assert run("numbers", "50 % der Menschen", "5% of people")  # prose per cent: a number


def test_a_real_catalogue_has_no_false_tag_errors_for_its_metavariables(
    coreutils_de_po: Path,  # noqa: F811 (the fixture of tests/test_export.py)
) -> None:
    """Debian's German coreutils (real, professional): its help texts translate
    metavariables (``{GANZZAHL}``, ``<Zeilenumbruch>``); none of them is a tag finding."""
    units = [u for u in load_units(coreutils_de_po) if u.target]
    words = re.compile(r"<[A-Za-zÄÖÜäöü]+>|\{[A-ZÄÖÜ]+\}")
    translated = [u for u in units if set(words.findall(u.target)) - set(words.findall(u.source))]
    assert len(translated) >= 3  # the catalogue has them (4 in 9.1): the test can fail
    check = CHECKS["tags"]()
    assert [f.message for u in translated for f in check.check_unit(u, CheckContext())] == []


PLURAL_HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: {forms}\\n"\n\n'
    "#, c-format\n"
    'msgid "%lu Block in %s"\nmsgid_plural "%lu Blöcke in %s"\n'
)
TWO_FORMS = "nplurals=2; plural=(n != 1);"
THREE_FORMS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
    "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
)


@pytest.mark.parametrize(
    ("forms", "msgstrs", "fires"),
    [
        # the singular may say "one" instead of the number: it stands for n = 1 only
        (TWO_FORMS, ("one block", "%lu blocks in %s"), False),
        (TWO_FORMS, ("%lu block", "%lu blocks in %s"), False),
        (TWO_FORMS, ("%lu block in %s", "%lu blocks in %s"), False),
        # ... but printf cannot skip an argument: what it keeps must be the first ones
        (TWO_FORMS, ("one block in %2$s", "%lu blocks in %s"), True),
        (TWO_FORMS, ("one block in %s", "%lu blocks in %s"), True),
        # the other form stands for every other number: it keeps every argument
        (TWO_FORMS, ("one block", "blocks in %s"), True),
        # three forms (Russian, Polish…): the first stands for 1, 21, 31…
        (THREE_FORMS, ("one block", "%lu blocks in %s", "%lu blocks in %s"), True),
    ],
)
def test_the_singular_of_a_plural_entry_may_leave_out_the_count_as_msgfmt_allows(
    tmp_path: Path, forms: str, msgstrs: tuple[str, ...], fires: bool
) -> None:
    """The tags check agrees with GNU gettext's ``msgfmt -c`` (the reference) on plural
    entries whose forms leave out printf arguments."""
    po = tmp_path / "p.po"
    body = "".join(f'msgstr[{i}] "{text}"\n' for i, text in enumerate(msgstrs))
    po.write_text(PLURAL_HEADER.format(forms=forms) + body, encoding="utf-8")
    findings = check_files([po], checks=["tags"]).findings
    assert bool(findings) == fires, [f.message for f in findings]
    msgfmt = subprocess.run(
        ["msgfmt", "-c", "-o", os.devnull, str(po)], capture_output=True, text=True, check=False
    )
    assert (msgfmt.returncode != 0) == fires, msgfmt.stderr


def test_a_real_catalogues_singular_forms_without_the_count_pass() -> None:
    """Debian's German tar (real, professional): plural entries whose msgstr[0] says
    "ein"/"eine" instead of the number (7 tags errors before) give no tags finding, and the
    catalogue passes ``msgfmt -c``."""
    po_bytes = debian_catalogue("tar")
    work = Path(tempfile.mkdtemp())
    po = work / "tar.de.po"
    po.write_bytes(po_bytes)
    units = [u for u in load_units(po) if u.source_plural is not None and u.target]
    printf = re.compile(r"%[-#0 +']*\d*(?:\.\d+)?(?:hh|h|ll|l|j|z|t)?[diouxXs]")
    dropped = [u for u in units if len(printf.findall(u.target)) < len(printf.findall(u.source))]
    assert len(dropped) >= 3  # the catalogue has them: the test can fail
    check = CHECKS["tags"]()
    assert [f.message for u in dropped for f in check.check_unit(u, CheckContext())] == []
    msgfmt = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(po)], check=False)
    assert msgfmt.returncode == 0


def test_a_plural_entrys_forms_are_compared_with_msgid_plural(tmp_path: Path) -> None:
    """msgid "Eine Datei gelöscht" (no count), msgid_plural "%d Dateien gelöscht":
    msgstr[0] "%d file deleted" is right (gettext compares every form with msgid_plural),
    and msgfmt -c agrees."""
    po = tmp_path / "p.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {TWO_FORMS}\\n"\n\n'
        '#, c-format\nmsgid "Eine Datei gelöscht"\nmsgid_plural "%d Dateien gelöscht"\n'
        'msgstr[0] "%d file deleted"\nmsgstr[1] "%d files deleted"\n',
        encoding="utf-8",
    )
    assert check_files([po], checks=["tags"]).findings == []
    msgfmt = subprocess.run(
        ["msgfmt", "-c", "-o", os.devnull, str(po)], capture_output=True, text=True, check=False
    )
    assert msgfmt.returncode == 0, msgfmt.stderr


def test_a_letter_after_a_placeholder_in_a_c_format_entry(tmp_path: Path) -> None:
    """In a c-format entry ``%ss`` is ``%s`` and an s (German genitive); in prose without
    the flag, ``100%ig`` is no placeholder."""
    po = tmp_path / "g.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, c-format\nmsgid "Fehler beim Löschen des privaten %ss: %s\\n"\n'
        'msgstr "deleting secret %s failed: %s\\n"\n\n'
        '#, c-format\nmsgid "Fehler beim Löschen des privaten %ss: %s"\n'
        'msgstr "deleting secret %s failed"\n\n'
        'msgid "Ein 100%iger Erfolg"\nmsgstr "A complete success"\n',
        encoding="utf-8",
    )
    findings = check_files([po], checks=["tags"]).findings
    assert [(f.line, f.message) for f in findings] == [(9, "missing %s")]


HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'


def msgfmt_refuses(po: Path) -> bool:
    done = subprocess.run(
        ["msgfmt", "-c", "-o", os.devnull, str(po)], capture_output=True, text=True, check=False
    )
    return done.returncode != 0


@pytest.mark.parametrize(
    ("entry", "refused"),
    [
        # C's space flag: "% d" is a conversion, so "%d% done" has two (acceptance-4 TOP 4)
        ('#, c-format\nmsgid "%d%% erledigt"\nmsgstr "%d% done"\n', True),
        ('#, c-format\nmsgid "%d%% erledigt"\nmsgstr "%d%% done"\n', False),
        ('#, c-format\nmsgid "% d Punkte"\nmsgstr "% d points"\n', False),
        # without the flag "50 % der" is prose: no placeholder either side
        ('msgid "50 % der Dateien"\nmsgstr "50 % of the files"\n', False),
    ],
)
def test_c_formats_space_flag_as_msgfmt_reads_it(tmp_path: Path, entry: str, refused: bool) -> None:
    po = tmp_path / "p.po"
    po.write_text(f"{HEADER}\n{entry}", encoding="utf-8")
    findings = check_files([po], checks=["tags"]).findings
    assert bool(findings) == refused == msgfmt_refuses(po), [f.message for f in findings]


@pytest.mark.parametrize(
    ("plural_forms", "refused"),
    [
        ("nplurals=2; plural=(n != 1);", False),
        (
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
            False,
        ),
        ("nplurals=2; plural=(n != 1;", True),  # not C (acceptance-4 TOP 4)
        ("nplurals=2; plural=(n > 1 ? 2 : 0);", True),  # a form beyond nplurals
        ("nplurals=1; plural=n;", True),
    ],
)
def test_a_headers_plural_expression_as_msgfmt_reads_it(
    tmp_path: Path, plural_forms: str, refused: bool
) -> None:
    po = tmp_path / "p.po"
    forms = plural_forms.split(";", maxsplit=1)[0].split("=")[1]
    body = "".join(f'msgstr[{i}] "%d files"\n' for i in range(int(forms)))
    po.write_text(
        f'{HEADER}"Plural-Forms: {plural_forms}\\n"\n\n'
        f'#, c-format\nmsgid "%d Datei"\nmsgid_plural "%d Dateien"\n{body}',
        encoding="utf-8",
    )
    findings = check_files([po], checks=["plurals"]).findings
    assert bool(findings) == refused == msgfmt_refuses(po), [f.message for f in findings]


@pytest.mark.parametrize(
    ("entry", "refused"),
    [
        # acceptance-4 TOP 4: a shell variable misspelt in the translation
        ('msgid "Datei $FILE fehlt"\nmsgstr "File $FIEL missing"\n', True),
        ('msgid "Datei $FILE fehlt"\nmsgstr "File ${FILE} missing"\n', False),
        ('msgid "$FILE und $DIR"\nmsgstr "$DIR and $FILE"\n', False),
        ('msgid "Datei $FILE fehlt"\nmsgstr "File missing"\n', True),
        ('msgid "$FILE oder $FILE"\nmsgstr "$FILE"\n', False),  # compared as sets
        ('msgid "Datei $FILE"\nmsgstr "File $FILE costs 5 $"\n', True),  # $ at the end
        ('msgid "Datei ${FILE}"\nmsgstr "File ${FILE:-x}"\n', True),  # default values
        ('msgid "Datei $FILE"\nmsgstr "File $FILE for $1"\n', True),
        ('msgid "Datei $FILE"\nmsgstr "File $FILE_X"\n', True),
        ('msgid "Preis: 5 $ für $FILE"\nmsgstr "price: $5 for $FILE"\n', False),  # msgid invalid
        ('msgid "Datei $FILE %s"\nmsgstr "File %s $FILE"\n', False),  # % is no sh directive
        # a singular form may leave a variable out, the plural form may not
        (
            'msgid "$N Datei"\nmsgid_plural "$N Dateien"\n'
            'msgstr[0] "one file"\nmsgstr[1] "$N files"\n',
            False,
        ),
        (
            'msgid "$N Datei"\nmsgid_plural "$N Dateien"\nmsgstr[0] "$N file"\nmsgstr[1] "files"\n',
            True,
        ),
    ],
)
def test_sh_format_as_msgfmt_reads_it(tmp_path: Path, entry: str, refused: bool) -> None:
    """A ``sh-format`` entry's shell variables, with GNU gettext's ``msgfmt -c`` as the
    reference on every row."""
    po = tmp_path / "p.po"
    header = f'{HEADER}"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
    po.write_text(f"{header}\n#, sh-format\n{entry}", encoding="utf-8")
    findings = check_files([po], checks=["tags"]).findings
    assert bool(findings) == refused == msgfmt_refuses(po), [f.message for f in findings]
