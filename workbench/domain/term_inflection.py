"""Which English form a glossary target takes for one German occurrence of its term.

A draft that follows the glossary must say "County Executives" where the German says
"die Landräte", and "Marc Elrich's speech" where it says "Marc Elrichs Rede". The glossary
holds base forms; this module reads the German occurrence (its ending against the base
form, umlaut, the determiner or number before it, what follows it) and builds the English
form: plural when the German is plural, possessive where the German genitive stands before
its noun (a postnominal genitive, "die Rede des Landrats", is "of the …" in English and
needs no possessive). Pure string rules; the glossary engine's own surface forms
(:mod:`workbench.domain.glossary.forms`) supply the English plural and the umlaut.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from workbench.domain.glossary.forms import GERMAN_FUNCTION_WORDS, english_plural, umlaut

#: Determiners and quantifiers that make the next noun plural.
PLURAL_WORDS = frozenset(
    {
        *("zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf"),
        *("zwölf", "zwanzig", "hundert", "tausend", "beide", "beiden", "mehrere", "mehreren"),
        *("viele", "vielen", "einige", "einigen", "alle", "allen", "zahlreiche", "zahlreichen"),
        *("verschiedene", "verschiedenen", "wenige", "wenigen", "sämtliche", "sämtlichen"),
    }
)
#: Determiners that make the next noun singular (and some of them genitive).
GENITIVE_WORDS = frozenset({"des", "eines", "dieses", "jedes", "seines", "ihres", "unseres"})
SINGULAR_WORDS = GENITIVE_WORDS | {
    *("ein", "eine", "einen", "einem", "einer", "dem", "diesem", "jedem", "jeden"),
    *("seinem", "ihrem", "unserem", "meines", "meinem"),
}
#: Suffixes of weak masculine nouns, whose singular takes -en/-n (den Präsidenten).
WEAK_SUFFIXES = ("ent", "ant", "ist", "oge", "graf", "at", "et", "e")
_WORD = re.compile(r"[\w'’-]+")
_SEPARATORS = re.compile(r"[\s\u00a0\u202f]+")


class Occurrence(NamedTuple):
    """What one German occurrence of a term says about number and case."""

    plural: bool
    genitive: bool
    #: The genitive stands before its noun ("Marc Elrichs Rede"): English needs "X's".
    prenominal: bool


def _head_index(words: list[str]) -> int:
    """The inflected word of a multiword term: the last one before a function word."""
    for i, w in enumerate(words):
        if i > 0 and w.lower() in GERMAN_FUNCTION_WORDS:
            return i - 1
    return len(words) - 1


def _last_part(word: str) -> str:
    return word.rsplit("-", 1)[-1] if "-" in word.strip("-") else word


def _ending(surface: str, base: str) -> tuple[str | None, bool]:
    """The ending ``surface`` adds to ``base`` and whether the stem took an umlaut.

    ``None`` when the surface is not base + ending (a Latin plural: Zentrum → Zentren).
    """
    s, b = surface.lower(), base.lower()
    if s.startswith(b):
        return s[len(b) :], False
    uml = umlaut(b)
    if uml and s.startswith(uml):
        return s[len(uml) :], True
    if b.endswith("e") and s.startswith(b[:-1]):
        return s[len(b) - 1 :], False
    return None, False


def _words_before(before: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` words right before the term, nearest first (stops at punctuation)."""
    tail = re.split(r"[.!?;:,()\[\]„“”\"«»]", before)[-1]
    return [w.lower() for w in reversed(_WORD.findall(tail))][:limit]


def _is_number_above_one(word: str) -> bool:
    digits = word.replace(".", "").replace(",", "")
    return digits.isdigit() and int(digits) > 1


def german_occurrence(
    surface: str, base: str, before: str = "", after: str = "", name: bool = False
) -> Occurrence:
    """Number and case of ``surface``, an occurrence of the glossary term ``base``.

    ``before`` and ``after`` are the source text around it; ``name`` is for do-not-translate
    names, which have no plural here (Hangzhous is a genitive). A noun is plural when its
    ending says so (Landräte, Städtepartnerschaften, Mitglieder, Start-ups) or a number or
    quantifier comes before it (zwei Forum); a weak noun's -en after a singular determiner
    stays singular (dem Präsidenten).
    """
    words_s = _SEPARATORS.split(surface.strip())
    words_b = _SEPARATORS.split(base.strip())
    head = _head_index(words_b)
    head_s = words_s[head] if len(words_s) == len(words_b) else words_s[_head_index(words_s)]
    head_b = words_b[head]
    near = _words_before(before)
    det = next((w for w in near if w in SINGULAR_WORDS or w in PLURAL_WORDS), "")
    counted = any(w in PLURAL_WORDS or _is_number_above_one(w) for w in near[:2])
    ending, umlauted = _ending(_last_part(head_s), _last_part(head_b))
    plural, genitive = _by_ending(
        ending, umlauted, _last_part(head_b).lower(), det=det, counted=counted, name=name
    )
    if name or not head_b[:1].isupper():
        plural = counted and not name  # names, adjectives: only a number says plural
    if genitive and ending in ("s", "es"):
        plural = False
    following = re.match(r"[ \u00a0]([^\W\d_])", after)
    prenominal = (
        genitive
        and det not in GENITIVE_WORDS
        and following is not None
        and following.group(1).isupper()
    )
    return Occurrence(plural, genitive, prenominal)


def _by_ending(
    ending: str | None, umlauted: bool, low_b: str, *, det: str, counted: bool, name: bool
) -> tuple[bool, bool]:
    """Plural and genitive as the head noun's ending (against the base ``low_b``, lower
    case) and the determiner ``det`` before it say; ``counted``: a number or quantifier
    comes before it."""
    genitive = det in GENITIVE_WORDS
    plural = counted
    if ending is None:
        plural = not name  # Zentrum → Zentren, Museum → Museen
    elif ending == "in" or (ending == "" and not umlauted):
        pass  # the base form, or a feminine singular (Landrätin)
    elif ending in ("s", "es"):
        if not name and not genitive and (low_b[-1:] in "aeiouy" or low_b.endswith("up")):
            plural = True  # Start-ups, Forums
        else:
            genitive = True
    elif ending in ("en", "n") and not umlauted:
        weak = low_b.endswith(WEAK_SUFFIXES) and not low_b.endswith(("schaft", "ung"))
        plural = plural or not (weak and det in SINGULAR_WORDS | {"den"})
    else:  # -e, -er, -ern, -innen, -nen, or an umlaut: Landräte, Mitglieder, Städte
        plural = True
    return plural, genitive


def english_form(target: str, plural: bool = False, possessive: bool = False) -> str:
    """``target`` in the plural and/or possessive (County Executives, the County Executive's)."""
    text = target
    if plural:
        head, sep, last = text.rpartition(" ")
        if last[:1].isalpha():
            text = head + sep + min(english_plural(last))
    if possessive:
        text += "'" if plural and text.endswith(("s", "S")) else "'s"
    return text
