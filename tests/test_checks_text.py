"""Surface checks, table-driven: each row is (check, source, target, should it fire)."""

from __future__ import annotations

import pytest

from workbench.domain.checks import CHECKS, Check, CheckContext, Finding, Severity
from workbench.domain.checks.sentencecount import english_sentences
from workbench.domain.checks.text import end_mark, quote_marks
from workbench.domain.units import Unit


def run(
    check_id: str, source: str, target: str, context: CheckContext | None = None
) -> list[Finding]:
    cls = CHECKS[check_id]
    assert issubclass(cls, Check)
    return cls().check_unit(
        Unit(id="x", source=source, target=target, line=7), context or CheckContext()
    )


def passes(check_id: str, source: str, target: str) -> None:
    found = run(check_id, source, target)
    assert not found, [f.message for f in found]


def fails(check_id: str, source: str, target: str) -> None:
    found = run(check_id, source, target)
    assert found, f"{check_id} should fire on {target!r}"
    assert all(
        f.check == check_id and f.line == 7 and f.unit_id == "x" and f.message for f in found
    )


ROWS: list[tuple[str, str, str, bool]] = [
    # untranslated
    ("untranslated", "Hallo Welt.", "", True),
    ("untranslated", "Hallo Welt.", "   ", True),
    ("untranslated", "Hallo Welt.", "Hello world.", False),
    # unchanged (pofilter unchanged / Weblate same)
    ("unchanged", "Die Gäste besuchten die Stadt.", "Die Gäste besuchten die Stadt.", True),
    ("unchanged", "Das Potenzial ist einfach riesig.", "Das  Potenzial ist einfach riesig.", True),
    ("unchanged", "Die Gäste besuchten die Stadt.", "The guests visited the city.", False),
    ("unchanged", "Marc Elrich", "Marc Elrich", False),  # a proper name
    # a number with its unit glued to it (thunar's icon sizes, GTK's paper sizes)
    ("unchanged", "32px", "32px", False),
    ("unchanged", "prc 16k", "prc 16k", True),
    ("unchanged", "3 Dateien gelöscht", "3 Dateien gelöscht", True),
    ("unchanged", "Sister Cities International", "Sister Cities International", False),
    ("unchanged", "Hangzhou Future Sci-Tech City", "Hangzhou Future Sci-Tech City", False),
    ("unchanged", "1979", "1979", False),  # number only
    ("unchanged", "25.10.2024 – 27.10.2024", "25.10.2024 – 27.10.2024", False),
    ("unchanged", "Die Konferenz", "Die Konferenz", True),  # a function word: not a name
    (
        "unchanged",
        "ASG: Buschkötter, Bolte - Bruland (2), Pumpe, Exner, Klement (5), Colbatzky (5/3), Drewes (1)",
        "ASG: Buschkötter, Bolte - Bruland (2), Pumpe, Exner, Klement (5), Colbatzky (5/3), Drewes (1)",
        False,
    ),  # a line-up of names
    # end punctuation (endpunc / end-stop)
    ("end-punctuation", "Das ist gut.", "That is good.", False),
    ("end-punctuation", "Das ist gut.", "That is good", True),
    ("end-punctuation", "Ist das gut?", "Is that good.", True),
    ("end-punctuation", "Er sagte: „Komm!“", "He said: “Come!”", False),
    ("end-punctuation", "Er sagte: „Ich komme.“", "He said: “I am coming.”", False),
    (
        "end-punctuation",
        "Er sagte: „Ich komme.“",
        "He said, “I am coming”.",
        False,
    ),  # British order
    ("end-punctuation", "Sie sagte:", "She said:", False),
    # a lone mark in quotes or brackets at the end is what is quoted (texinfo, glib)
    ("end-punctuation", "Name sollte keinen „:“ enthalten", "name should not contain `:'", False),
    ("end-punctuation", "enthält keinen Doppelpunkt", "does not contain a colon (:)", False),
    ("end-punctuation", "Er fragte: „Wirklich?“", "He asked: “Really”", True),
    ("end-punctuation", "Sie sagte:", "She said.", True),
    ("end-punctuation", "Name:", "Name.", True),  # a label keeps its colon
    ("end-punctuation", "Es entstand ein Millionenschaden.", "It caused damage!", True),
    ("end-punctuation", "Komm sofort her!", "Come here at once?", True),
    ("end-punctuation", "Und dann...", "And then…", False),
    ("end-punctuation", "Konferenz in Hangzhou", "Conference in Hangzhou", False),  # heading
    ("end-punctuation", "Konferenz in Hangzhou", "Conference in Hangzhou.", True),
    ("end-punctuation", "Gäste aus den USA.", "Guests from the U.S.", False),
    ("end-punctuation", "Bei einer Tagung zum 200.", "At a conference on the 200th", True),
    ("end-punctuation", "  -o, --operating-dir=<Verz>  (Verz.)", "  -o  (dir)", False),
    ("end-punctuation", "Das Verzeichnis (Verz.)", "The directory (dir.)", False),
    (
        "end-punctuation",
        "Das ist ein Verzeichnis (siehe oben).",
        "It is a directory (see above)",
        True,
    ),
    # quotes (doublequoting)
    ("quotes", "Er sagte: „Ich nutze es.“", "He said: “I use it.”", False),
    ("quotes", "Er sagte: „Ich nutze es.“", 'He said: "I use it."', False),
    ("quotes", "Er sagte: „Ich nutze es.“", "He said: „I use it.“", True),  # German marks left
    ("quotes", "Er sagte: »Ich nutze es.«", "He said: »I use it.«", True),
    ("quotes", "Er sagte: „Ich nutze es.“", "He said: “I use it.“", True),  # closing mark wrong
    ("quotes", "Er sagte: „Ich nutze es.“", "He said: “I use it.", True),  # unbalanced
    ("quotes", "Er sagte: „Ich nutze es.“", "He said he uses it.", True),  # quotation dropped
    # a quotation running over several segments: open in one, close in a later one
    ("quotes", "Er sagte: „Ich nutze es privat.", "He said: “I use it privately.", False),
    ("quotes", "Es ist gut.“", "It is good.”", False),
    ("quotes", "Es ist gut.“", "It is good.", True),
    # a quotation inside or around inline markup (acceptance-4 TOP 7; rustbook-de [„Titel“][ref])
    ("quotes", "Siehe <a0>„Foo bar“</a0> oben.", "See <a0>“Foo bar”</a0> above.", False),
    ("quotes", "Siehe (<i0>„Foo“</i0>) oben.", "See (<i0>“Foo”</i0>) above.", False),
    ("quotes", "Siehe <b0>„Foo bar“</b0> oben.", 'See <b0>"Foo bar"</b0> above.', False),
    ("quotes", "Siehe <a0>„Foo bar“</a0> oben.", "See <a0>“Foo bar“</a0> above.", True),
    ("quotes", "Siehe <a0>„Foo bar“</a0> oben.", "See <a0>Foo bar”</a0> above.", True),
    # GNU's `quotation' (bash, cpio, texinfo, kbd: the English msgid turned round)
    ("quotes", "Ist ein Synonym für »mapfile«.", "A synonym for `mapfile'.", False),
    ("quotes", "Siehe »help declare«.", "See `help declare'.", False),
    ("quotes", "„.“ oder „,“ muss @xref folgen", "`.' or `,' must follow @xref", False),
    ("quotes", "(vielleicht zuvor „kbd_mode -u“?)", "(perhaps do `kbd_mode -u'?)", False),
    ("quotes", "Siehe »help declare«.", "See `help declare.", True),
    ("quotes", "Das Motto „Engere Partnerschaft“.", "The theme “Closer Partnership.”", False),
    (
        "quotes",
        "Das Spiel „Black Myth: Wukong“ und „Genshin“.",
        "The games “Black Myth: Wukong” and “Genshin”.",
        False,
    ),
    (
        "quotes",
        "Das Spiel „Black Myth: Wukong“ und „Genshin“.",
        "The games “Black Myth: Wukong” and Genshin.",
        True,
    ),
    ("quotes", "Er ist 1,80 m groß.", "He is 5' 11\" tall.", True),  # inch mark is a stray quote
    ("quotes", "Es ist gut.", "It’s good.", False),  # apostrophes are not quotes
    ("quotes", "Der „Trump Brasiliens“ kam.", "The ‘Brazilian Trump’ came.", False),  # single
    ("quotes", "Der „Trump Brasiliens“ kam.", "The ‘Brazilian Trump came.", True),
    ("quotes", "Die Spieler sagten „nein“.", "The players’ union said ‘no’.", False),
    ("quotes", "Er sagte: „Ich komme.", "He said: ‘I am coming.", False),  # carries on
    ("quotes", "Es ist gut.“", "It is good.’", False),
    ("quotes", "„Die Welt sieht zu“, sagte sie.", "“The world is watching,” she said.", False),
    ("quotes", "Es ist 'gut' so.", "It is 'fine' like this.", False),
    ("quotes", "Sie kam in den '90ern.", "She came in the '90s.", False),
    ("quotes", "Er sagte «Ja».", "He said “yes”.", False),  # Swiss guillemets
    # quoted punctuation in help texts (nano)
    ("quotes", "Wenn ein Dateiname „-“ ist, liest", "When a filename is '-', nano reads", False),
    ("quotes", "Verzeichnis namens „..“ ganz oben", 'the directory called ".." at the top', False),
    ("quotes", "Verzeichnis namens „..“ ganz oben", "the directory called “..” at the top", False),
    ("quotes", "Verzeichnis namens „..“ ganz oben", 'the directory called .." at the top', True),
    ("quotes", "Er sagte „Roadmap“, dann", 'He said "roadmap ", then', False),
    # brackets
    ("brackets", "Die Stadt (Hangzhou) ist groß.", "The city (Hangzhou) is big.", False),
    ("brackets", "Die Stadt (Hangzhou) ist groß.", "The city (Hangzhou is big.", True),
    ("brackets", "Die Stadt (Hangzhou) ist groß.", "The city Hangzhou is big.", True),
    ("brackets", "Die Stadt (Hangzhou) ist groß.", "The city )Hangzhou( is big.", True),
    ("brackets", "Siehe [1].", "See [1].", False),
    ("brackets", "Das ist toll :)", "That is great :)", False),  # an emoticon, both sides
    ("brackets", "Das ist toll :)", "That is great", False),
    ("brackets", "Das ist toll", "That is great ;-)", False),
    ("brackets", "1) Äpfel\n2) Birnen", "1) apples\n2) pears", False),  # list markers
    ("brackets", "a) Äpfel", "a) apples", False),
    ("brackets", "Die (alte) Stadt (Hangzhou) ist groß.", "The (old) city (Hangzhou is big.", True),
    ("brackets", "Die Stadt ist groß.", "The city (Hangzhou) is big.", True),  # added: info
    # double space
    ("double-space", "Die Stadt ist groß.", "The city  is big.", True),
    ("double-space", "Die Stadt  ist groß.", "The city  is big.", False),
    ("double-space", "Die Stadt ist groß.", "The city is big.", False),
    # leading / trailing whitespace
    ("leading-whitespace", "Hallo.", " Hello.", True),
    ("leading-whitespace", " Hallo.", " Hello.", False),
    ("leading-whitespace", "\nHallo.", "Hello.", True),
    ("trailing-whitespace", "Hallo.", "Hello. ", True),
    ("trailing-whitespace", "Hallo.\n", "Hello.\n", False),
    ("trailing-whitespace", "Hallo.\n", "Hello.", True),
    # doubled words
    ("double-words", "Das ist gut.", "That is is good.", True),
    ("double-words", "Das ist gut.", "The the city.", True),
    ("double-words", "Das ist gut.", "What he had had was enough.", False),
    ("double-words", "Er sagte, dass das stimmt.", "He said that that was true.", False),
    ("double-words", "Walla Walla liegt in Washington.", "Walla Walla is in Washington.", False),
    # unchanged: placeholders and program text need no translation (coreutils, wget)
    ("unchanged", "%s%zd %s,  %zu %s,  %zu %s", "%s%zd %s,  %zu %s,  %zu %s", False),
    ("unchanged", " euid=%s", " euid=%s", False),
    ("unchanged", "cwd_count: %d\ncwd_end: %d\n", "cwd_count: %d\ncwd_end: %d\n", False),
    ("unchanged", "[--trust-server-names %s]", "[--trust-server-names %s]", False),
    ("unchanged", "%s URL: %s %2d %s", "%s URL: %s %2d %s", False),
    ("unchanged", "Datei %s nicht gefunden", "Datei %s nicht gefunden", True),
    ("unchanged", "--force: Datei wird überschrieben", "--force: Datei wird überschrieben", True),
    ("double-words", "Die Zahl 5 5.", "The number 5 5.", False),  # digits are not words
    # help texts (coreutils, nano): options, columns, titles and metavariables
    ("double-words", "  -n, --number  alle Zeilen", "  -n, --number  number all lines", False),
    ("double-words", "  -n  alle Zeilen", "  -n, --number number all lines", False),
    (
        "double-words",
        "  ! AUSDRUCK   AUSDRUCK ist falsch",
        "  ! EXPRESSION   EXPRESSION is false",
        False,
    ),
    ("double-words", "  -b DATEI    DATEI existiert", "  -b FILE     FILE exists", False),
    ("double-words", "Hilfetext\n\n Nano ist", "Main nano help text\n\n Nano is", False),
    ("double-words", "Spalte\tSpalte", "column\tcolumn", False),
    ("double-words", "TYP im Kontext setzen", "set type TYPE in the context", False),
    ("double-words", "TYP im Kontext setzen", "set type type in the context", True),
    ("double-words", "TYP im Kontext setzen", "set TYPE TYPE in the context", True),
    ("double-words", "Das ist ein Haus.", "It is a two-storey storey house.", True),
    ("double-words", "%s liegt %s Sekunden zurück", "%s is %s s in the past", False),
    # length (German→English prose: 0.8–1.0 characters per character)
    (
        "long",
        "Das Potenzial ist einfach riesig, sagte sie.",
        "The potential is simply huge, she said.",
        False,
    ),
    (
        "long",
        "Das Potenzial ist einfach riesig, sagte sie.",
        "The potential is simply huge, she said. The potential is simply huge, she said.",
        True,
    ),
    ("long", "Ja.", "Yes, absolutely, of course, certainly.", False),  # short source exempt
    ("short", "Das Potenzial ist einfach riesig, sagte sie gestern in Hangzhou.", "Huge.", True),
    (
        "short",
        "Das Potenzial ist einfach riesig, sagte sie.",
        "The potential is huge, she said.",
        False,
    ),
    ("short", "Landrat", "CE", False),  # short segments exempt
    # sentence count (German-aware: ordinals and abbreviations do not end sentences)
    (
        "sentence-count",
        "Die Konferenz fand vom 25. Oktober bis 27. Oktober statt.",
        "The conference took place from October 25 to 27.",
        False,
    ),
    (
        "sentence-count",
        "Sie kamen z. B. aus St. Louis.",
        "They came from St. Louis, for example.",
        False,
    ),
    ("sentence-count", "Dr. Müller kam. Er blieb.", "Dr. Müller came. He stayed.", False),
    ("sentence-count", "Dr. Müller kam. Er blieb.", "Dr. Müller came and stayed.", True),
    ("sentence-count", "Gäste aus den USA kamen.", "Guests from the U.S. came.", False),
    (
        "sentence-count",
        "Die China-USA-Konferenz.",
        "The China-U.S. Sister Cities Conference.",
        False,
    ),
    (
        "sentence-count",
        "Er sagte: „Ich komme. Es ist gut.“",
        "He said: “I am coming. It is good.”",
        False,
    ),
    (
        "sentence-count",
        "Es gab Streit: Die Stadt wollte nicht.",
        "There was a row. The city refused.",
        False,
    ),
    (
        "sentence-count",
        "Der Stau auf der Autobahn 8. Immer wieder.",
        "The jam on the A8. Again and again.",
        False,
    ),
    ("sentence-count", "Die 3. Liga West spielte.", "The 3. League West played.", False),
    ("sentence-count", "Er kam. Sie ging. Es regnete.", "He came.", True),
]


@pytest.mark.parametrize(("check_id", "source", "target", "fires"), ROWS)
def test_check_rows(check_id: str, source: str, target: str, fires: bool) -> None:
    if fires:
        fails(check_id, source, target)
    else:
        passes(check_id, source, target)


@pytest.mark.parametrize(
    ("check_id", "source", "target", "severity"),
    [
        # a headline gains a full stop: information; a sentence loses one: a warning
        ("end-punctuation", "Konferenz in Hangzhou", "Conference in Hangzhou.", Severity.INFO),
        ("end-punctuation", "Die Gäste kamen.", "The guests came", Severity.WARNING),
        # an exclamation toned down: information; one added: a warning
        ("end-punctuation", "Es entstand ein Schaden!", "It caused damage.", Severity.INFO),
        ("end-punctuation", "Es entstand ein Schaden.", "It caused damage!", Severity.WARNING),
        # a sentence leading into the next segment with a colon may end: information
        (
            "end-punctuation",
            "Dem Konzern wirft er enge Kontakte zum Staat vor:",
            "He accuses the group of close links to the state.",
            Severity.INFO,
        ),
        ("end-punctuation", "Größe:", "Size.", Severity.WARNING),
        (
            "end-punctuation",
            "Bei einer Tagung zum 200.",
            "At a conference on the 200th",
            Severity.INFO,
        ),
        # a German question worded as an indirect question or a condition (GTK's property
        # descriptions): information; a direct question that lost its mark: a warning
        (
            "end-punctuation",
            "Sollen verborgene Dateien angezeigt werden?",
            "Whether the hidden files should be displayed",
            Severity.INFO,
        ),
        (
            "end-punctuation",
            "Sollen die Details angezeigt werden?",
            "If TRUE, details are shown",
            Severity.INFO,
        ),
        (
            "end-punctuation",
            "Wie sollen die Zeilen ausgerichtet werden?",
            "How to align the lines",
            Severity.INFO,
        ),
        (
            "end-punctuation",
            "Wie weit soll der Pfeil versetzt werden?",
            "How far in the x direction to move the arrow",
            Severity.INFO,
        ),
        (
            "end-punctuation",
            "Wird ein Dialog angezeigt?",
            "Are we showing a dialog",
            Severity.WARNING,
        ),
        ("end-punctuation", "Wann kommt er?", "When will he come", Severity.WARNING),
        ("end-punctuation", "Wie weit ist es?", "How far is it", Severity.WARNING),
        # quotation marks dropped or a balanced pair fewer: information; unbalanced: warning
        ("quotes", "Er sagte: „Ich nutze es.“", "He said he uses it.", Severity.INFO),
        ("quotes", "Die „Bild“ berichtet „viel“.", "The Bild reports “a lot”.", Severity.INFO),
        ("quotes", "Er sagte: „Ich nutze es.“", "He said: “I use it.", Severity.WARNING),
        ("quotes", "Er sagte: „Ich komme.", "He said: “I am coming.”", Severity.INFO),
        # explained (1.6–2×): information; twice as long: a warning
        (
            "long",
            "Das Stadtmarketing meldet einen Besucher-Rekord.",
            "The city's own marketing agency, Braunschweig Stadtmarketing GmbH, reported record visitors.",
            Severity.INFO,
        ),
        (
            "long",
            "Das Stadtmarketing meldet einen Besucher-Rekord.",
            "The city marketing reports a record number of visitors. The city marketing reports a record number of visitors.",
            Severity.WARNING,
        ),
        # a gloss in parentheses added: information; one left open: a warning
        ("brackets", "Die Stadt ist groß.", "The city (Hangzhou) is big.", Severity.INFO),
        (
            "brackets",
            "Die Stadt (Hangzhou) ist groß.",
            "The city (Hangzhou is big.",
            Severity.WARNING,
        ),
    ],
)
def test_severity_suits_the_case(
    check_id: str, source: str, target: str, severity: Severity
) -> None:
    [finding] = run(check_id, source, target)
    assert finding.severity is severity, finding.message


def test_a_heading_block_is_information() -> None:
    from workbench.domain.document import BlockKind, Placement

    heading = Unit(
        "h",
        "Die Gäste kamen.",
        "The guests came",
        placement=Placement(1, 0, BlockKind.HEADING, "# "),
    )
    [finding] = CHECKS["end-punctuation"]().check_unit(heading, CheckContext())  # type: ignore[call-arg]
    assert finding.severity is Severity.INFO


def test_checks_skip_empty_targets_except_untranslated() -> None:
    for check_id, cls in CHECKS.items():
        if issubclass(cls, Check) and check_id != "untranslated":
            assert run(check_id, "Die Stadt ist groß.", "") == [], check_id


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("Gut.", "."),
        ("Gut.“", "."),
        ("Gut”.", "."),
        ("Gut?)", "?"),
        ("Gut...", "…"),
        ("Gut", ""),
        ("Gut:", ":"),
    ],
)
def test_end_mark(text: str, mark: str) -> None:
    assert end_mark(text) == mark


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("„Hallo“", (1, 1)),
        ("“Hello”", (1, 1)),
        ('"Hello"', (1, 1)),
        ("Er sagte: „Ich", (1, 0)),
        ("gut.“ Dann", (0, 1)),
        ("»Hallo«", (1, 1)),
        ("(“Hello”)", (1, 1)),
        ("‘Hello’", (1, 1)),
        ("It’s Germany’s", (0, 0)),
        ("the players’ ‘union’", (1, 1)),
        ("„Ich ‚gehe‘ jetzt“", (2, 2)),
        ("gut.’ Dann", (0, 1)),
        ("«Ja»", (1, 1)),
        # a stray space before a closing mark does not make it an opening one
        ('"A roadmap ", said Schiff', (1, 1)),
        ("“who screamed ‘Britain first’ ”, she said", (2, 2)),
        # a single closing mark after a word ends a quotation; after s it is possessive
        ("näher kommen'.", (0, 1)),
        ("the players'.", (0, 0)),
        ("the band Gasolin', which", (0, 0)),
        # GNU's `quotation'; a backtick alone is code, no quotation mark
        ("A synonym for `mapfile'.", (1, 1)),
        ("`.' or `,' must follow", (2, 2)),
        ("`don't'", (1, 1)),
        ("run `make` first", (0, 0)),
        # quoted text that starts with punctuation
        ('First use ":profile start {fname}"', (1, 1)),
        ('the directory called ".."', (1, 1)),
    ],
)
def test_quote_marks(text: str, counts: tuple[int, int]) -> None:
    assert quote_marks(text) == counts


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("He came. She stayed.", 2),
        ("Dr. Smith came. Mr. Jones stayed.", 2),
        ("J. R. R. Tolkien wrote it.", 1),
        ("The U.S. President came.", 1),
        ("It started at 5 p.m. and ended late.", 1),
        ("Really? Yes! Fine.", 3),
        ("He said: “I use it. It is good.” Then he left.", 3),
        ("From October 25 to 27. The end.", 2),
        ("", 0),
    ],
)
def test_english_sentences(text: str, n: int) -> None:
    assert len(english_sentences(text)) == n
