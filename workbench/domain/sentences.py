"""German-aware sentence boundaries, as character offsets into the text exactly as written.

Translators work one sentence at a time, so this splitter decides what a segment is. General
splitters stumble over German: nouns are capitalised, so "full stop + capital letter" is a weak
signal, and a full stop also marks ordinals ("vom 25. Oktober", "im 19. Jahrhundert"),
abbreviations ("z. B.", "Dr.", "Hauptstr. 5") and initials ("J. R. R. Tolkien"). Quotations come
in three styles („…“, "…", »…«) and often carry on after the closing mark („…“, sagte sie).

How it works: one regular expression finds every candidate (``.``, ``!``, ``?`` or an ellipsis,
then any closing quotes or brackets, then whitespace), and a few ordered rules decide each
candidate from the word before it and the word after it. The result is a list of offsets, never
rewritten text, so documents can be rebuilt byte for byte. ``python -m bench.segment`` times it
against pysbd's German mode, and ``python -m bench.segment --table`` compares its accuracy with
pysbd's and SoMaJo's on our case table.

Decisions, where German leaves a choice:

- A candidate followed by a lowercase letter or a dash never ends a sentence („Komm!“ rief
  sie., "PHP, Ruby usw. – schon seit Jahren").
- Sentences inside a quotation are split: translators want one segment per sentence, and the
  closing mark belongs to the last sentence of the quotation. A quotation that carries on after
  its closing mark („Ich komme.“, sagte er) has no whitespace after the mark, so it never splits.
- ``usw.``, ``etc.``, ``u. Ä.``, ``o. Ä.``, ``e. V.``, ``v. Chr.`` and kin end a sentence when a
  capital follows: in German they close an enumeration or a name, and a capitalised word right
  after them almost always starts a new sentence. ``z. B.``, ``u. a.``, ``Dr.``, ``St.``, ``ca.``,
  ``bzw.`` and kin never end one (unless the paragraph ends).
- A number with a full stop before a capitalised word is an ordinal (``3. Platz``), unless the
  next word is one that only starts a sentence when capitalised (``Er ist 35. Seine Frau…``), the
  number looks like a year or an amount (``im Jahr 1979. Hangzhou…``, ``50.000. Die…``), or the
  full stop follows a closing bracket. Measure abbreviations (``Mio.``, ``Mrd.``, ``Jh.``),
  initials and regnal numbers (``Ludwig XIV.``) follow the same function-word test.
- A sentence never consists of a bare list mark: "1. Die Gäste…" and "A. Die Gäste…" stay whole.
- A lowercase word after a full stop never starts a sentence, so "… Smartphone. iPhones sind…"
  stays one sentence; such starts are rare in German prose, lowercase continuations are not.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Final

__all__ = ["sentence_spans", "split_sentences"]

_OPENERS: Final = "„“\"»«‚‘'([{"
"""Marks that may stand before the first letter of a sentence."""
_CLOSERS: Final = "“”\"»«’‘')]}"
"""Marks that may stand after the final punctuation of a sentence."""

_CANDIDATE: Final = re.compile(
    r"(?<!\S)(\S*?)(?<![.!?…])([.!?…]++)([" + re.escape(_CLOSERS) + r"]*+)\s+",
)
"""A possible boundary: the word before (group 1), end punctuation (2), closing marks (3), space."""

_WORD: Final = re.compile(r"[^\W\d_]+")
_PREVIOUS_WORD: Final = re.compile(r"(?<!\S)(\S+)\s+\Z")
_LETTER_CHAIN: Final = re.compile(r"(?<![\w.])(?:[^\W\d_]{1,2}\.\s*)+\Z")
"""Short dotted pieces right before a word, such as "z. " before "B." or "v. " before "Chr."."""
_DOTTED: Final = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}")
"""Compact dotted abbreviations: z.B, u.a, U.S, e.V."""
_ROMAN: Final = re.compile(r"[IVXLCDM]{2,}")
_DAY_MONTH: Final = re.compile(r"\d{1,2}\.\d{1,2}")
_SECTION: Final = re.compile(r"\d{1,3}(?:\.\d{1,2})+")
"""Dotted section and table numbers: "Tabelle 1.1. Liste…", "Kapitel 2.3.1. Aufbau"."""
_LOOKBACK: Final = 24
_DASHES: Final = "–—"
"""Dashes that carry a sentence on after an abbreviation or an exclamation: "usw. – schon"."""


def _words(text: str) -> frozenset[str]:
    """A word list written as one string, separated by spaces."""
    return frozenset(text.split())


# Keys are the abbreviation as written, without inner spaces and with the final full stop.
_ENDS_LIST: Final = _words(
    "usw. usf. etc. u.Ä. o.Ä. u.ä. o.ä. u.v.m. u.s.w. u.s.f. e.V. v.Chr. n.Chr. Chr. s.o. s.u."
)
"""Abbreviations that end a sentence when a capital follows."""

_NEVER_ENDS: Final = _words(
    "Dr. Prof. St. Hr. Hrn. Frl. Nr. Tel. Dipl. Ing. Mag. Dir. Präs. Hl. hl. Mr. Mrs. Ms. "
    "Gebr. Univ. Hrsg. hrsg. Verw. "
    "z.B. z.T. z.Zt. u.a. d.h. i.d.R. u.U. o.g. i.A. i.V. bzw. ca. vgl. ggf. evtl. inkl. "
    "exkl. zzgl. sog. bspw. insb. insbes. bzgl. bez. ggü. gem. lt. max. mind. zw. allg. "
    "ehem. eigtl. geb. gest. verh. bes. entspr. einschl. vs. resp. ebd. ev. kath."
)
"""Abbreviations that stand before another word and never end a sentence mid-paragraph."""

_BEFORE_NUMBERS: Final = _words(
    "Art. Abs. Kap. Abb. Tab. Bd. Bde. Ziff. No. Str. Jg. Fax. Pos. Anl. min."
)
"""Abbreviations that are not sentence ends when a number follows ("Art. 5", "Abs. 2")."""

_UNITS_AND_TIMES: Final = _words(
    "Mio. Mrd. Tsd. Mill. Std. Min. Sek. Jh. Jhd. Jahrh. Aufl. Co. Inc. Ltd. Corp. "
    "Jan. Feb. Mär. Apr. Jun. Jul. Aug. Sep. Sept. Okt. Nov. Dez. "
    "Mo. Di. Mi. Do. Fr. Sa. Jr. Sr. jun. sen. a.D. Bhf. Hbf. Anm. Abt. Verf. Bsp. ff."
)
"""Abbreviations that end a sentence only before a word that can only start one."""

_DETERMINERS: Final = _words(
    "der die das dem den des am im vom zum zur beim ins ans aufs "
    "ihr ihre ihrem ihren ihrer sein seine seinem seinen seiner jede jeder jedes jedem jeden "
    "unser unsere unserem unseren Der Die Das Am Im Vom Zum Zur Beim"
)
"""Words after which a number with a full stop is an ordinal ("am 1. Mai", "zum 100. Mal")."""

_SENTENCE_STARTERS: Final = _words(
    "Der Die Das Den Dem Des Ein Eine Einen Einem Einer Eines Er Sie Es Ich Du Wir Ihr Man "
    "Mein Meine Dein Deine Sein Seine Seinen Seinem Seiner Ihre Ihren Ihrem Ihrer Unser Unsere "
    "Kein Keine Dies Diese Dieser Dieses Diesem Diesen Jene Jener Jede Jeder Jedes Alle Viele "
    "Manche Einige Beide Dann Danach Davor Daher Dabei Damit Darum Deshalb Deswegen Dadurch "
    "Dafür Dagegen Darauf Daraus Darin Dort Hier Doch Aber Und Oder Denn Sondern Auch Als Wenn "
    "Wie Was Wer Wo Wann Warum Weshalb Weil Da Dass Ob Obwohl Während Nachdem Bevor Seit "
    "Seitdem Im In Am An Auf Aus Bei Beim Mit Nach Von Vom Vor Zu Zum Zur Für Über Unter Um "
    "Gegen Ohne Durch Nun Jetzt Heute Gestern So Nicht Noch Schon Nur Zudem Außerdem "
    "Trotzdem Jedoch Somit Also Allerdings Inzwischen Zunächst Später Dennoch Ebenfalls Zuvor "
    "Deren Dessen Ja Nein The This That It He She We They There"
)
"""Capitalised words that, in running German text, are capitalised only at a sentence start."""


def sentence_spans(text: str, whole: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """(start, end) character offsets of each sentence in `text`, in order.

    ``text[start:end]`` is the sentence exactly as written; whitespace between sentences belongs
    to no span, and the spans cover every non-whitespace character. Soft line breaks inside a
    paragraph stay inside sentences. Empty or whitespace-only text gives ``[]``.

    ``whole`` lists ``(start, end)`` ranges of `text` that no boundary may fall in (inline
    code, a URL): their ``.``, ``!``, ``?`` and spaces are not sentence punctuation, so
    ``Rufe `foo(). Bar` auf.`` stays one sentence. The ranges must be sorted and disjoint.
    """
    end = len(text.rstrip())
    if end == 0:
        return []
    start = len(text) - len(text.lstrip())
    spans: list[tuple[int, int]] = []
    ends = [e for _, e in whole]
    for match in _CANDIDATE.finditer(text, start, end):
        if _inside(whole, ends, match.start(2), match.end()):
            continue
        if _ends_sentence(text, match, start):
            spans.append((start, match.end(3)))
            start = match.end()
    spans.append((start, end))
    return spans


def _inside(whole: Sequence[tuple[int, int]], ends: Sequence[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of the sorted, disjoint ranges ``whole``."""
    i = bisect.bisect_right(ends, start)  # the first range that ends after `start`
    return i < len(whole) and whole[i][0] < end


def split_sentences(text: str) -> list[str]:
    """The sentences of `text` as written: ``[text[s:e] for s, e in sentence_spans(text)]``."""
    return [text[s:e] for s, e in sentence_spans(text)]


def _ends_sentence(text: str, match: re.Match[str], sentence_start: int) -> bool:
    """Whether the candidate `match` closes the sentence that began at `sentence_start`."""
    nxt = match.end()
    size = len(text)
    while nxt < size and text[nxt] in _OPENERS:
        nxt += 1
    if nxt == size:
        return True
    first = text[nxt]
    if first.islower() or first in _DASHES:
        return False
    token, punct, closers = match.group(1, 2, 3)
    if punct != ".":  # ! ? … and dot ellipses end sentences, except an elision: „Wir haben […]“
        return not (token.endswith(("(", "[")) and closers.startswith((")", "]")))
    core = token.lstrip(_OPENERS)
    if closers or not core or core[-1] in _CLOSERS:
        return True  # „Ich komme.“ Er ging. / a detached full stop / „…“. Im Rahmen…
    return _ends_after_word(
        text, core, match.start(1) + len(token) - len(core), nxt, sentence_start
    )


def _ends_after_word(  # noqa: PLR0911
    text: str, core: str, core_start: int, nxt: int, sentence_start: int
) -> bool:
    """Whether "`core`." ends a sentence, given that the next word starts at `nxt`.

    The rules are tried in order and the first that applies decides, hence many returns.
    """
    if core[0].isdigit():
        return _ends_after_number(text, core, core_start, nxt, sentence_start)
    at_start = core_start == sentence_start
    if at_start and (len(core) == 1 or _ROMAN.fullmatch(core)):
        return False  # an outline mark: "A. Die Gäste…", "IV. Ergebnisse"
    key = core + "."
    if len(core) <= 3 and core.isalpha():
        decided = _ends_letter_chain(text, core, core_start, nxt, sentence_start)
        if decided is not None:
            return decided
    if key in _ENDS_LIST:
        return True
    tail = core.rpartition("-")[2] + "."  # Dipl.-Ing.
    if tail in _NEVER_ENDS or (at_start and key[0].lower() + key[1:] in _NEVER_ENDS):
        return False  # Dr. Müller, Ca. 50 Gäste…
    if key in _BEFORE_NUMBERS or tail in _BEFORE_NUMBERS or tail.lower().endswith("str."):
        return not text[nxt].isdigit()  # Art. 5, Hauptstr. 5, Max-Planck-Str. 9
    if key in _UNITS_AND_TIMES or (len(core) == 1 and core.isalpha()) or _DOTTED.fullmatch(core):
        return _starts_sentence(text, nxt)  # 12 Mio. Einwohner, Marc E. Elrich, U.S.A.
    if _ROMAN.fullmatch(core):
        previous = _PREVIOUS_WORD.search(text, max(0, core_start - _LOOKBACK), core_start)
        if previous is not None and previous.group(1)[:1].isupper():
            return _starts_sentence(text, nxt)  # Ludwig XIV.
    return True


def _ends_letter_chain(
    text: str, core: str, core_start: int, nxt: int, sentence_start: int
) -> bool | None:
    """Whether "`core`." ends a sentence as the last piece of a dotted chain ("z. B.",
    "J. R. R."); ``None`` when no chain stands before it, or when `core` is a lowercase
    word of its own ("z.B. vim. Emacs…")."""
    lookback = max(sentence_start, core_start - _LOOKBACK)
    chain = _LETTER_CHAIN.search(text, lookback, core_start)
    if chain is None:
        return None
    compound = "".join(chain.group().split()) + core + "."
    if compound in _ENDS_LIST:
        return True
    if compound in _NEVER_ENDS:
        return False
    if len(core) == 3 and core.islower():
        return None
    return _starts_sentence(text, nxt)  # J. R. R. Tolkien, i. d. R.


def _ends_after_number(
    text: str, core: str, core_start: int, nxt: int, sentence_start: int
) -> bool:
    """Whether "`core`." ends a sentence when `core` starts with a digit."""
    if core_start == sentence_start:
        return False  # a list number: "1. Die Gäste…"
    small = core.isdigit() and len(core) <= 3
    if text[nxt].isdigit():
        return not (small or _DAY_MONTH.fullmatch(core))  # am 1. 2. 2026, am 24.12. 2025
    previous = _PREVIOUS_WORD.search(text, max(0, core_start - _LOOKBACK), core_start)
    after_determiner = previous is not None and previous.group(1) in _DETERMINERS
    if not small:
        if _SECTION.fullmatch(core) and not after_determiner:
            return _starts_sentence(text, nxt)  # Tabelle 1.1. Liste…, but: am 24.12. Danach…
        return True  # a year, an amount or a full date: im Jahr 1979. Hangzhou…
    if after_determiner:
        return False  # am 1. Mai, zum 100. Mal
    return _starts_sentence(text, nxt)  # 3. Platz, but: Er ist 35. Seine Frau…


def _starts_sentence(text: str, nxt: int) -> bool:
    """Whether the word at `nxt` is one that, capitalised, only begins a sentence."""
    word = _WORD.match(text, nxt)
    return word is not None and word.group() in _SENTENCE_STARTERS
