"""Checks of a translation's surface: empty, copied, punctuation, quotes, spaces, length.

These mirror Translate Toolkit's pofilter tests and Weblate's checks of the same names,
tuned for German prose translated into English: German „…“ quotes must become English
“…” or "…", a copied proper name or number-only segment is not "unchanged", and the
length band is the one German→English prose actually shows.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator

from workbench.domain.checks.base import Check, CheckContext, Issue, Severity
from workbench.domain.checks.software import CODE_TOKEN, expand_abbreviations, program_message
from workbench.domain.checks.spelling import Speller
from workbench.domain.document import BlockKind
from workbench.domain.patterns import when_used
from workbench.domain.tags import find_tags
from workbench.domain.units import Unit

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_LETTER = re.compile(r"[^\W\d_]")


class Untranslated(Check):
    """Not translated

    The entry has no translation (only checked when untranslated entries are selected
    with ``--states``).
    """

    id = "untranslated"
    severity = Severity.ERROR
    pofilter = ("untranslated",)
    needs_target = False

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        source, target = unit.source, unit.target
        if source.strip() and not target.strip():
            yield Issue("no translation")


# German words that never occur in a proper name, so a copied segment containing one is
# an untranslated sentence, not a name.
_GERMAN_FUNCTION_WORDS = frozenset(
    [
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "einem",
        "einen",
        "eines",
        "und",
        "oder",
        "aber",
        "nicht",
        "ist",
        "sind",
        "war",
        "waren",
        "hat",
        "haben",
        "wird",
        "werden",
        "mit",
        "von",
        "vom",
        "zu",
        "zur",
        "zum",
        "im",
        "in",
        "am",
        "an",
        "auf",
        "aus",
        "bei",
        "für",
        "über",
        "unter",
        "nach",
        "vor",
        "wie",
        "als",
        "auch",
        "sich",
        "es",
        "sie",
        "er",
        "wir",
        "ich",
        "ihr",
        "man",
        "noch",
        "schon",
        "sehr",
    ]
)


def _is_name_like(text: str, dnt_words: set[str]) -> bool:
    """Capitalised words with no German function word: a proper name, or a list of them
    (a line-up: "ASG: Buschkötter, Bolte, Pumpe (5)"). German prose always has a word in
    lower case."""
    words = _WORD.findall(text)
    if not words:
        return False
    for w in words:
        if w.lower() in _GERMAN_FUNCTION_WORDS and w not in dnt_words:
            return False
    return all(w[0].isupper() or w in dnt_words for w in words)


class Unchanged(Check):
    """Translation is the same as the source

    The target repeats the source. Segments that are rightly copied are exempt: those
    without letters once placeholders and program text are set aside (numbers, dates,
    a number's unit glued to it: ``32px``, ``16k``; ``%s%zd %s``, ``uid=%s``,
    ``--directory-prefix=%s``), those made only of
    do-not-translate terms, and short proper names such as "Marc Elrich" or "Sister Cities
    International". A source that is English already (with spelling on: every word in the
    English dictionary, as GCC's internal messages a German catalogue leaves untranslated)
    is information.
    """

    id = "unchanged"
    severity = Severity.WARNING
    pofilter = ("unchanged",)
    weblate = ("same",)

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        source, target = unit.source, unit.target
        if " ".join(source.split()) != " ".join(target.split()):
            return
        rest = _NUMBER_SUFFIX().sub(" ", _prose(source))
        if not _LETTER.search(rest):
            return
        dnt_words: set[str] = set()
        for hit in context.source_hits(source):
            if hit.concept.is_dnt:
                dnt_words.update(_WORD.findall(hit.text))
                rest = rest.replace(hit.text, " ")
        if not _LETTER.search(rest):
            return
        if _is_name_like(rest, dnt_words):
            return
        if context.speller is not None and _english_already(rest, context.speller):
            yield Issue(
                "the translation is a copy of the source, which is English already (every "
                "word is in the English dictionary)",
                severity=Severity.INFO,
            )
            return
        yield Issue("the translation is a copy of the source")


#: A unit or suffix glued to a number (``32px``, ``16k``, ``0x``): no word to translate.
_NUMBER_SUFFIX = when_used(r"\d+[^\W\d_]{1,3}\b")


#: German words that give a German sentence away even where English has the same word.
_GERMAN_GIVEAWAYS = frozenset(["die", "der", "das", "und", "ist", "mit", "von", "zu", "den"])


def _english_already(prose: str, speller: Speller) -> bool:
    """Whether a source is English text (every word in the English dictionary but names
    and abbreviations, at least one lower-case English word, no German article or
    conjunction): a catalogue leaves internal messages in English (GCC's
    ``gfc_resolve_expr(): Bad expression type``, ``Linux root (PPC)``), and copying them is
    right."""
    words = _WORD.findall(prose)
    if not words or any(w.lower() in _GERMAN_GIVEAWAYS for w in words):
        return False
    unknown = speller.unknown(words)
    # abbreviations and names with inner capitals are no German words either: Linux root
    # (PPC), SunOS home; a capitalised word alone may be a German noun (Zündstoff)
    return not unknown or (
        any(w.islower() and w not in unknown for w in words)
        and all(w.isupper() or _INNER_CAPITAL().match(w) for w in unknown)
    )


#: A word with a capital after its first letter: a name (SunOS, LoongArch), no German noun.
_INNER_CAPITAL = when_used(r"[^\W\d_][^\W\d_]*?[A-Z]")


def _prose(text: str) -> str:
    """The text without placeholders (``%s``, ``%zd``, tags) and tokens of program text:
    what would have to be translated."""
    for tag in reversed(find_tags(text, braces=False)):
        text = text[: tag.start] + " " + text[tag.end :]
    return CODE_TOKEN.sub(" ", text)


_CLOSERS = "\"'”“’‘»«›‹)]}* \t\n\u00a0"
_ELLIPSIS = re.compile(r"(\.\.\.|…)$")


def end_mark(text: str) -> str:
    """The sentence-final punctuation of a text, looking through closing quotes and brackets.

    ``"..."`` and ``"…"`` are both ``"…"``; no final punctuation is ``""``, also where the
    last mark is what a quotation or bracket holds (``must not contain `:'``, ``(:)``).
    """
    stripped = text.rstrip(_CLOSERS)
    if _ELLIPSIS.search(stripped):
        return "…"
    if stripped and stripped[-1] in ".!?:;":
        i = len(stripped) - 1
        around = text[i - 1 : i + 2 : 2] if i else ""
        return "" if around in _AROUND_A_LONE_MARK else stripped[-1]
    return ""


#: A quotation or bracket around one mark (`` `:' ``, „:“, (:)): the mark is what is quoted.
_AROUND_A_LONE_MARK = frozenset(["`'", "„“", "‚‘", "“”", "‘’", '""', "''", "»«", "«»", "()", "[]"])


_END_NAMES = {
    ".": "a full stop",
    "!": "an exclamation mark",
    "?": "a question mark",
    ":": "a colon",
    ";": "a semicolon",
    "…": "an ellipsis",
    "": "no end punctuation",
}


#: A source that ends in one abbreviated word in brackets, ``(Verz.)``: the full stop
#: belongs to the abbreviation (a sentence would end after the bracket).
_BRACKETED_ABBREVIATION = when_used(r"[(\[]\s*[^\W\d_]{1,8}\.\s*[)\]]\s*$")
#: A source ending in a colon with at least this many words is a sentence leading into
#: what follows, not a label.
_LEAD_IN_WORDS = 5
_ORDINAL_END = when_used(r"(?<![\d.])\d{1,4}\.[\"'”“’)\]]*\s*$")
_NUMBER_END = when_used(r"\d(?:st|nd|rd|th)?[\"'”’)\]]*\s*$")


class EndPunctuation(Check):
    """Ending punctuation does not match the source

    The source ends with a full stop, question mark, exclamation mark, colon or ellipsis
    and the translation ends differently. Closing quotes and brackets are looked through,
    so German ``.“`` matches English ``.”`` and ``”.``. For information only: a heading
    block that differs, a translation that adds a full stop to a source without end
    punctuation (a headline), and a source whose last full stop belongs to an ordinal
    ("zum 200." ↔ "the 200th"), an exclamation mark toned down to a full stop (German uses
    more of them), and a sentence of five words or more that leads with a colon into the
    next segment and ends with a full stop in English (a short label such as "Name:"
    keeps its colon), and a full stop on one side only of a help text or a program's
    message (a line lists an option, it ends with a line break or fills in ``%s``): the
    program's own style decides there; and a German question the English words as an
    indirect question or a condition, which takes no question mark ("Sollen die Details
    angezeigt werden?" ↔ "Whether the details are shown", "If TRUE, details are shown",
    "How to align the lines": GTK's property descriptions). A full stop that ends an
    abbreviation in brackets (``(Verz.)`` ↔ ``(dir)``) is not end punctuation.
    """

    id = "end-punctuation"
    severity = Severity.WARNING
    pofilter = ("endpunc",)
    weblate = ("end-stop", "end-question", "end-exclamation", "end-colon", "end-ellipsis")

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        source, target = unit.source, unit.target
        s, t = end_mark(source), end_mark(target)
        if s == t:
            return
        if {s, t} == {";", "."}:  # English often ends a clause list where German keeps going
            return
        if s == "." and t == "" and _BRACKETED_ABBREVIATION().search(source):
            return  # (Verz.) → (dir)
        message = f"the source ends with {_END_NAMES[s]}, the translation with {_END_NAMES[t]}"
        heading = unit.placement is not None and unit.placement.kind is BlockKind.HEADING
        headline = s == "" and t == "."
        ordinal = s == "." and t == "" and bool(_ORDINAL_END().search(source))
        # German ends a statement with "!" where English keeps to a full stop; a sentence
        # that leads with a colon into the next segment may end in English (not a label:
        # "Name:" → "Name." stays a warning)
        toned_down = s == "!" and t == "."
        lead_in = s == ":" and t == "." and len(_WORD.findall(source)) >= _LEAD_IN_WORDS
        # a help text or program message keeps its program's style for a final full stop
        house_style = {s, t} == {".", ""} and (program_message(source) or program_message(target))
        indirect = s == "?" and t in ("", ".") and bool(_NOT_A_QUESTION().match(target.lstrip()))
        if (
            heading
            or headline
            or toned_down
            or lead_in
            or house_style
            or indirect
            or (ordinal and _NUMBER_END().search(target))
        ):
            yield Issue(message, severity=Severity.INFO)
        else:
            yield Issue(message)


#: English that answers a German question without asking one: an indirect question
#: ("Whether the children …", "How to align …", "How far … to move …") or a condition
#: ("If TRUE, …", "When the scrollbar is shown"), not "When will it …".
_NOT_A_QUESTION = when_used(
    r"(?:Whether|If|When)\b(?!\s+(?:is|are|was|were|do|does|did|can|could|will|would|should|"
    r"shall|has|have|had)\b)"
    r"|(?:How|What|Which|Where|When)\b(?:\s+[\w-]+){0,5}?\s+to\s+[a-z]"
)


_OPEN_CONTEXT = " \t\n\u00a0([{/—–-"
_SENTENCE_PUNCT = ".,!?;:…"
_CLOSING_PUNCT = ".,!?;:…)]}"


def _opens(text: str, i: int) -> bool:
    """A mark at ``i`` opens a quotation: after the start, a space or an opening bracket,
    and before something that is neither a space nor closing punctuation (a stray space
    before a closing mark, ``roadmap ",``, does not make it an opening one) — unless that
    punctuation starts what is quoted (``called ".."``, ``":profile start"``)."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before not in _OPEN_CONTEXT or after.isspace():
        return False
    if after not in _CLOSING_PUNCT:
        return True
    # punctuation in quotation marks opens too: the directory called "..", '-', ":set"
    end = i + 1
    while end < len(text) and text[end] in _CLOSING_PUNCT:
        end += 1
    return end < len(text) and not text[end].isspace()


def quote_marks(text: str) -> tuple[int, int]:
    """How many quotations a text opens and closes, German or English typography, double or
    single marks.

    „ and ‚ always open; “ ” " « » ‹ › ‘ open when they follow the start of the text, a
    space or an opening bracket and precede a non-space, and close otherwise, so the German
    closing “ in „…“ and a quotation that carries on into the next segment are both counted
    right. ’ and ' are apostrophes ("it’s", "Germany’s", "players'") unless a single
    quotation is open or they end one after punctuation ("…, he said.’"). A backtick
    opens a quotation that an apostrophe closes, as GNU's messages quote (`` `declare' ``);
    a backtick with no apostrophe after it (Markdown's code) is no quotation mark.
    """
    opened = closed = 0
    single_open = 0
    for i, ch in enumerate(text):
        if ch in "„‚":
            opened += 1
            single_open += ch == "‚"
        elif ch in '“”"«»‹›':
            if _opens(text, i):
                opened += 1
            else:
                closed += 1
        elif ch in "‘’'":
            mark = _single_mark(text, i, single_open)
            opened += mark == "open"
            closed += mark == "close"
            single_open += (mark == "open") - (mark == "close" and single_open > 0)
        elif ch == "`" and _gnu_quote(text, i):
            opened += 1
            single_open += 1
    return opened, closed


def _gnu_quote(text: str, i: int) -> bool:
    """Whether the backtick at ``i`` opens GNU's `` `quotation' ``: an apostrophe follows
    before any other backtick."""
    close, tick = text.find("'", i + 1), text.find("`", i + 1)
    return close > 0 and (tick < 0 or close < tick)


def _single_mark(text: str, i: int, single_open: int) -> str:
    """What a single mark at ``i`` is: ``open``, ``close`` or an ``apostrophe``."""
    ch = text[i]
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch == "‘":
        return "close" if single_open or not _opens(text, i) else "open"
    if ch == "'" and _opens(text, i) and not after.isdigit():
        return "open"
    if single_open and not (before.isalnum() and after.isalnum()):
        return "close"
    if before in _SENTENCE_PUNCT and (after.isspace() or after in _SENTENCE_PUNCT):
        return "close"  # the end of a quotation opened in an earlier segment
    if ch == "'" and before.isalpha() and before not in "sxzßSXZ" and after in ".!?…":
        return "close"  # …kommen'. (a possessive follows s, x, z: players'.; goin', is elided)
    return "apostrophe"


def _misused_curly(text: str) -> str:
    """An English curly quote used the wrong way round (“Hello“ or ”Hello”), if any."""
    for i, ch in enumerate(text):
        if ch not in "“”":
            continue
        before = text[i - 1] if i else " "
        opening = _opens(text, i)
        if ch == "“" and not opening and not before.isspace():
            return "“ closes a quotation; use ”"
        if ch == "”" and opening:
            return "” opens a quotation; use “"
    return ""


class Quotes(Check):
    """Quotation marks are wrong

    German „…“ (and »…«, ‚…‘) become English “…”, "…" or ‘…’ in the translation.
    Reported as warnings: German quotation marks left in the translation, curly quotes the
    wrong way round, and a translation whose quotation marks do not balance as the
    source's do (a quotation running over several segments is fine when the source does
    the same). For information: a translation with fewer or no quotation marks where the
    source has balanced ones (English often drops the quotes around a newspaper's name),
    or one that closes within the segment a quotation the source carries on.
    """

    id = "quotes"
    english_target = True
    severity = Severity.WARNING
    pofilter = ("doublequoting",)

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        target = unit.target
        leftover = [q for q in ("„", "‚", "»", "«") if q in target]
        if leftover:
            yield Issue(
                f"German quotation marks {' '.join(leftover)} left in the translation; "
                'use “…” or "…"',
                term=leftover[0],
            )
            return
        misused = _misused_curly(_without_markup(target))
        if misused:
            yield Issue(f"wrong quotation mark: {misused}")
            return
        s_open, s_close = quote_marks(_without_markup(unit.source))
        t_open, t_close = quote_marks(_without_markup(target))
        if (s_open, s_close) == (t_open, t_close):
            return
        s_net, t_net = s_open - s_close, t_open - t_close
        if t_open == t_close == 0:
            yield Issue(
                f"the source has {_quotations(s_open, s_close)}, the translation no quotation "
                "marks",
                severity=Severity.INFO,
            )
        elif s_net == t_net:
            yield Issue(
                f"the source has {_quotations(s_open, s_close)}, the translation "
                f"{_quotations(t_open, t_close)}",
                severity=Severity.INFO,
            )
        elif s_net != 0 and t_net == 0:
            yield Issue(
                f"the source carries a quotation on to the next segment "
                f"({_quotations(s_open, s_close)}); the translation closes its quotations "
                f"({_quotations(t_open, t_close)})",
                severity=Severity.INFO,
            )
        else:
            yield Issue(
                f"quotation marks do not balance as in the source: the translation opens "
                f"{t_open} and closes {t_close}, the source opens {s_open} and closes {s_close}"
            )


def _without_markup(text: str) -> str:
    """The text without its markup (``<a0>“Foo”</a0>`` → ``“Foo”``): a quotation inside or
    around tags is quoted as if they were not there."""
    if "<" not in text:
        return text
    for tag in reversed(find_tags(text, braces=False)):
        if tag.family in ("inline", "xml"):
            text = text[: tag.start] + text[tag.end :]
    return text


def _quotations(opened: int, closed: int) -> str:
    if opened == closed:
        return f"{opened} quotation{'s' if opened != 1 else ''}"
    return f"{opened} opening and {closed} closing quotation mark{'s' if closed != 1 else ''}"


_PAIRS = {"(": ")", "[": "]", "{": "}"}
_CLOSING = {v: k for k, v in _PAIRS.items()}
#: Brackets that belong to no pair: emoticons (``:)``, ``;-(``) and list markers (``1)``,
#: ``a)``, ``iv)``) at the start of the text or of a line.
_UNPAIRED = re.compile(
    r"(?<!\w)[:;=][-^']?[()\[\]{}]|(?:^|(?<=[\n\t]))\s*(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})\)"
)


def _bracket_text(text: str) -> str:
    """The text with emoticons and list markers blanked out."""
    return _UNPAIRED.sub(lambda m: " " * len(m.group()), text)


def _bracket_problem(text: str) -> str:
    stack: list[str] = []
    for ch in text:
        if ch in _PAIRS:
            stack.append(_PAIRS[ch])
        elif ch in _CLOSING and (not stack or stack.pop() != ch):
            return f"“{ch}” without “{_CLOSING[ch]}”"
    return f"“{_CLOSING[stack[-1]]}” is not closed" if stack else ""


class Brackets(Check):
    """Brackets do not match

    The translation's (), [] or {} do not pair up as the source's do: one is left open or
    closed twice, or they do not nest. Emoticons ``:)`` and list markers ``1)`` are not
    brackets. A translation that adds or drops a balanced pair (an explanation in
    parentheses, a gloss in brackets) is reported for information.
    """

    id = "brackets"
    severity = Severity.WARNING
    pofilter = ("brackets",)

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        source, target = _bracket_text(unit.source), _bracket_text(unit.target)
        counts_s, counts_t = (
            Counter(c for c in source if c in "()[]{}"),
            Counter(c for c in target if c in "()[]{}"),
        )
        if counts_s == counts_t:
            problem = _bracket_problem(target)
            if problem and not _bracket_problem(source):
                yield Issue(f"brackets do not nest: {problem}")
            return
        for opener, closer in _PAIRS.items():
            s_net = counts_s[opener] - counts_s[closer]
            t_net = counts_t[opener] - counts_t[closer]
            if s_net != t_net:
                problem = _bracket_problem(target) or f"“{opener}” and “{closer}” do not pair up"
                yield Issue(
                    f"brackets do not pair up as in the source: {problem} (the source has "
                    f"{counts_s[opener]}{opener}{counts_s[closer]}{closer}, the translation "
                    f"{counts_t[opener]}{opener}{counts_t[closer]}{closer})"
                )
                return
        opener = next(o for o, c in _PAIRS.items() if counts_s[o] != counts_t[o])
        closer = _PAIRS[opener]
        yield Issue(
            f"the source has {counts_s[opener]} {opener}…{closer}, the translation "
            f"{counts_t[opener]}",
            severity=Severity.INFO,
        )


_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")


class DoubleSpace(Check):
    """Double space

    The translation has two or more spaces in a row between words where the source has
    none.
    """

    id = "double-space"
    severity = Severity.INFO
    pofilter = ("doublespacing",)
    weblate = ("double-space",)

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        source, target = unit.source, unit.target
        if _DOUBLE_SPACE.search(target) and not _DOUBLE_SPACE.search(source):
            yield Issue("double space in the translation")


def _leading(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _trailing(text: str) -> str:
    return text[len(text.rstrip()) :]


#: Said when a line break at one end differs: gettext's compiler refuses the file.
_REFUSED = " (a line break at one end only: msgfmt -c refuses the file)"


def _newline_severity(source_end: str, target_end: str) -> Severity | None:
    """An error when exactly one of the texts has a line break at that end (``msgfmt -c``
    refuses "msgid and msgstr entries do not both begin/end with '\\n'"); else the
    check's own severity."""
    return Severity.ERROR if (source_end == "\n") != (target_end == "\n") else None


class LeadingWhitespace(Check):
    """Leading whitespace differs

    The translation starts with different whitespace than the source; rebuilt documents
    would gain or lose an indent or blank line. Both sides padded with spaces, in
    different amounts, is information: a column aligned to the translation's own labels.
    """

    id = "leading-whitespace"
    severity = Severity.WARNING
    pofilter = ("startwhitespace",)
    weblate = ("begin-space", "begin-newline")

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        source, target = unit.source, unit.target
        mine, theirs = _leading(source), _leading(target)
        if mine != theirs:
            if _padding(mine, theirs):
                yield Issue(
                    f"starts with {len(theirs)} spaces, the source with {len(mine)} (padding "
                    "that aligns a column: the translation's label has its own width)",
                    severity=Severity.INFO,
                )
                return
            severity = _newline_severity(source[:1], target[:1])
            yield Issue(
                f"starts with {theirs!r}, the source with {mine!r}"
                + (_REFUSED if severity else ""),
                severity=severity,
            )


def _padding(mine: str, theirs: str) -> bool:
    """Both sides indented with spaces alone: padding to a column (``      w/o user IDs:``
    under longer labels), which a translation adjusts to its own words."""
    return bool(mine) and bool(theirs) and not (mine + theirs).strip(" ")


class TrailingWhitespace(Check):
    """Trailing whitespace differs

    The translation ends with different whitespace than the source.
    """

    id = "trailing-whitespace"
    severity = Severity.WARNING
    pofilter = ("endwhitespace",)
    weblate = ("end-space", "end-newline")

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        source, target = unit.source, unit.target
        if _trailing(source) != _trailing(target):
            severity = _newline_severity(source[-1:], target[-1:])
            yield Issue(
                f"ends with {_trailing(target)!r}, the source with {_trailing(source)!r}"
                + (_REFUSED if severity else ""),
                severity=severity,
            )


#: The characters a program's output depends on that a translator cannot see or easily type,
#: with the words a finding uses: a tab turned into spaces misaligns a column, a lost
#: backslash breaks an escape. (Line breaks inside a text are left out: translators rewrap
#: help texts, and the edge ones are the whitespace checks'.)
_ESCAPES = (("\t", "tab (→)", "tabs (→)"), ("\\", "backslash", "backslashes"))


class Escapes(Check):
    """Tabs or backslashes differ

    The translation has a different number of tab characters (``\\t``, shown as ``→``;
    insert one with Ctrl+K) or backslashes than the source: a tab typed as spaces
    misaligns the program's columns, a lost backslash changes an escape.
    """

    id = "escapes"
    severity = Severity.WARNING
    pofilter = ("tabs", "escapes")

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        source, target = unit.source, unit.target
        for char, one, many in _ESCAPES:
            s, t = source.count(char), target.count(char)
            if s != t:
                yield Issue(
                    f"{t} {one if t == 1 else many} in the translation, {s} in the source",
                    term=char,
                )


_TOKEN = re.compile(r"[\w’'-]+|[^\w\s]")
# Doubled words that are good English ("he had had", "that that", "bye bye").
_GOOD_DOUBLES = frozenset({"had", "that", "bye", "so", "no", "yes", "ha", "knock"})
#: What may stand between the two words of a doubling: one space. A line break, a tab or a
#: run of spaces separates columns or paragraphs (``-b FILE     FILE exists``, a title and
#: the text under it), not two words of one sentence.
_WORD_GAP = frozenset({" ", "\u00a0"})


def _doubled(text: str) -> Iterator[str]:
    """Words written twice in a row, also across a hyphen ("two-storey storey").

    Not doubled: words on either side of a line break, tab or column of spaces; an option
    and its word (``--number number``: ``--number`` is no word); a word and a metavariable
    in capitals (``set type TYPE``); a placeholder's letter and a word (``%s s``).
    """
    tokens = list(_TOKEN.finditer(text))
    for ma, mb in itertools.pairwise(tokens):
        a, b = ma.group(), mb.group()
        if text[ma.end() : mb.start()] not in _WORD_GAP or a.startswith("-"):
            continue
        if text[ma.start() - 1 : ma.start()] == "%" or text[mb.start() - 1] == "%":
            continue  # a printf conversion: "%s s" (seconds)
        last, first = a.rsplit("-", 1)[-1], b.split("-", 1)[0]
        if last.lower() != first.lower() or not _LETTER.search(last):
            continue
        if last.lower() in _GOOD_DOUBLES or _capitals_differ(last, first):
            continue
        yield a if a.lower() == b.lower() else last.lower()


def _capitals_differ(a: str, b: str) -> bool:
    """One word in capitals and the other not (``type TYPE``: a word and a metavariable)."""
    return len(a) > 1 and a.isupper() != b.isupper()


class DoubleWords(Check):
    """Doubled word

    The same word twice in a row ("the the"), unless the source doubles it too or it is
    good English ("had had", "that that").
    """

    id = "double-words"
    severity = Severity.WARNING
    pofilter = ("doublewords",)
    weblate = ("duplicate",)

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        source, target = unit.source, unit.target
        in_source = {w.lower() for w in _doubled(source)}
        for word in dict.fromkeys(_doubled(target)):
            if word.lower() not in in_source:
                yield Issue(f"doubled word: “{word} {word}”", term=word)


#: German→English prose keeps ~0.8–1.0 of the characters; outside this band is suspicious.
SHORT_RATIO = 0.5
LONG_RATIO = 1.6
#: Above this the translation most likely says something twice: a warning.
TWICE_RATIO = 2.0
#: Sources shorter than this are exempt: headings and names vary too much.
MIN_LENGTH = 40


def length_ratio(source: str, target: str) -> float | None:
    """Target characters per source character, ``None`` for exempt (short) segments."""
    s, t = len(" ".join(source.split())), len(" ".join(target.split()))
    if s < MIN_LENGTH and t < MIN_LENGTH:
        return None
    return t / s if s else None


class Long(Check):
    """Translation is much longer than the source

    More than 2 English characters per German character (prose averages 0.8–1.0): the
    translation probably says something twice. Between 1.6 and 2 it is information: a
    translator explaining a name or an abbreviation gets there. Segments under 40
    characters are exempt.
    """

    id = "long"
    severity = Severity.WARNING
    pofilter = ("long",)

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        ratio = length_ratio(unit.source, unit.target)
        if ratio is not None and ratio > LONG_RATIO:
            yield Issue(
                f"the translation is {ratio:.1f}× as long as the source (expected 0.5–1.6×)",
                severity=Severity.WARNING if ratio > TWICE_RATIO else Severity.INFO,
            )


class Short(Check):
    """Translation is much shorter than the source

    Fewer than 0.5 English characters per German character (prose averages 0.8–1.0):
    part of the sentence was probably left out. Segments under 40 characters are exempt.
    Help texts and program messages (a line lists an option, the text ends with a line
    break or fills in ``%s``) get it as information: command-line English is terser than
    German (``quiet mode``), and a dropped argument is the ``tags`` check's finding.
    e2fsprogs' ``@i`` counts as the ``inode`` it prints.
    """

    id = "short"
    severity = Severity.WARNING
    pofilter = ("short",)

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        source, target = unit.source, unit.target
        if "@" in source or "@" in target:  # e2fsprogs' @i is "inode" when printed
            source, target = expand_abbreviations(source), expand_abbreviations(target)
        ratio = length_ratio(source, target)
        if ratio is not None and ratio < SHORT_RATIO:
            terse = program_message(source) or program_message(target)
            yield Issue(
                f"the translation is {ratio:.2f}× as long as the source (expected 0.5–1.6×)",
                severity=Severity.INFO if terse else None,
            )
