"""Surface forms of glossary terms: German declension and gender forms, English plurals.

Matching scans text once with an Aho-Corasick automaton, so every form a term can take
must be known up front. This module generates them from the base term with a small model
of German noun and adjective declension (endings -s/-es/-e/-en/-n/-er/-ern, feminine
-in/-innen, umlaut alternation a→ä, o→ö, u→ü, au→äu, Latin -um/-en) and of English
plurals and possessives. Generation over-produces a little; the matcher checks word
boundaries and capitalisation after the scan, and an optional lemma filter can drop
forms a dictionary knows as another word.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import NamedTuple

#: Separators that may stand between the words of a multiword term, in either language.
SEPARATOR_CHARS = " -\u2010\u2011\u2012\u2013\u00a0\u202f"
_OTHER_SEPARATORS = tuple(c for c in SEPARATOR_CHARS if c not in " -")
_WORD_SPLIT = re.compile(r"([ \-\u2010\u2011\u2012\u2013\u00a0\u202f]+)")

#: Function words that end the inflected head of a German multiword term
#: ("Mitglied des Stadtrats", "Volksvereinigung für Freundschaft mit dem Ausland").
GERMAN_FUNCTION_WORDS = frozenset(
    [
        "des",
        "der",
        "dem",
        "den",
        "die",
        "das",
        "für",
        "mit",
        "von",
        "vom",
        "zum",
        "zur",
        "zu",
        "in",
        "im",
        "am",
        "an",
        "auf",
        "aus",
        "bei",
        "über",
        "unter",
        "und",
        "oder",
        "nach",
        "vor",
        "gegen",
        "durch",
        "ohne",
        "um",
    ]
)

_FEMININE_SUFFIXES = (
    "ung", "heit", "keit", "schaft", "ion", "tät", "ik", "ei", "enz", "anz", "ur", "ie",
)  # fmt: skip
_ADJ_SUFFIXES = ("isch", "lich", "ig", "al", "ell", "iv", "ar", "är", "bar", "los", "sam")
_ADJ_ENDINGS = ("em", "en", "er", "es", "e")
_UMLAUT = {"au": "äu", "a": "ä", "o": "ö", "u": "ü", "A": "Ä", "O": "Ö", "U": "Ü"}
_LAST_VOWEL = re.compile(r"(au|aa|a|o|u|A|O|U)(?=[^aeiouäöüAEIOUÄÖÜ]*$)")
MAX_FORMS_PER_TERM = 96


def normalize(text: str) -> str:
    """Lower-case ``text`` and turn hyphens and no-break spaces into plain spaces.

    The result has the same length as ``text``, so positions in it are positions in the
    original (characters whose lower case is longer are kept as they are).
    """
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    if "-" in low:
        low = low.replace("-", " ")
    if not low.isascii():
        for sep in _OTHER_SEPARATORS:
            if sep in low:
                low = low.replace(sep, " ")
    return low


def umlaut(word: str) -> str | None:
    """``word`` with its last a/o/u/au umlauted (Rat → Rät, Stadt → Städt), or None."""
    m = _LAST_VOWEL.search(word)
    if m is None:
        return None
    vowel = m.group(1)
    repl = "ä" if vowel == "aa" else _UMLAUT[vowel]
    return word[: m.start()] + repl + word[m.end() :]


def german_noun_forms(word: str) -> set[str]:  # noqa: PLR0911 - one return per noun class
    """Declension and gender forms of a German noun (Landrat → Landrats, Landräte, Landrätin…)."""
    forms = {word}
    low = word.lower()
    if low.endswith(_FEMININE_SUFFIXES):
        return forms | ({word + "en", word + "n"} if low.endswith("ie") else {word + "en"})
    if low.endswith("nis"):
        return forms | {word + "se", word + "ses", word + "sen"}
    if low.endswith("innen"):
        return forms
    if low.endswith("in"):
        return forms | {word + "nen"}
    if low.endswith("e"):
        return forms | {word + "n", word + "s", word[:-1] + "in", word[:-1] + "innen"}
    if low.endswith("um") and len(low) > 4:
        return forms | {word + "s", word[:-2] + "en"}
    if low.endswith(("el", "er", "en")) and len(low) > 3 and low[-3] not in "aeiouäöüy":
        forms |= {word + "s", word + "n", word + "in", word + "innen"}
        uml = umlaut(word)
        if uml:
            forms |= {uml, uml + "n", uml + "in", uml + "innen"}
        return forms
    forms |= {word + s for s in ("s", "es", "e", "en", "n", "er", "ern", "in", "innen")}
    uml = umlaut(word)
    if uml:
        forms |= {uml + s for s in ("e", "en", "er", "ern", "in", "innen")}
    return forms


def german_adjective_base(word: str) -> str:
    """The uninflected adjective (immaterielles → immateriell, nachhaltige → nachhaltig)."""
    low = word.lower()
    for ending in _ADJ_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def german_adjective_forms(word: str) -> set[str]:
    """All strong/weak/mixed endings of a German adjective, keeping the given spelling."""
    base = german_adjective_base(word)
    return {base, *(base + e for e in _ADJ_ENDINGS)}


def _looks_adjective(word: str) -> bool:
    low = word.lower()
    if word[:1].islower():
        return True
    stem = german_adjective_base(word).lower()
    return (stem.endswith(("isch", "lich", "ig")) and stem != low) or low.endswith("ische")


def english_plural(word: str) -> set[str]:
    """Plural spellings of an English noun (city → cities, partnership → partnerships)."""
    low = word.lower()
    if low.endswith(("man", "woman")) and not low.endswith("human"):
        return {word[:-2] + ("E" if word[-2].isupper() else "e") + word[-1]}
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return {word[:-1] + ("IES" if word.isupper() else "ies")}
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return {word + ("ES" if word.isupper() else "es")}
    return {word + ("S" if word.isupper() else "s")}


def english_term_stem(term: str) -> tuple[str, frozenset[str]]:
    """The longest common start of the term's English forms, and the endings after it.

    The forms are the term, its plural, and possessives of both (the County Executive's,
    the County Executives'). "sister city" → ("sister cit", {"y", "ies", "y's", "ies'"});
    the matcher looks for the stem and then checks the letters and apostrophes that
    follow against the endings. Apostrophes are straight (curly ones in a text are
    straightened before matching).
    """
    parts = _WORD_SPLIT.split(term.strip().replace("\u2019", "'"))
    last = parts[-1]
    head = "".join(parts[:-1])
    singular = head + last
    forms = [singular, singular + "'s"]
    if last[:1].isalpha():
        for plural in english_plural(last):
            forms.append(head + plural)
            forms.append(head + plural + ("'" if plural.endswith(("s", "S")) else "'s"))
    first, final = min(forms), max(forms)  # what all share, the first and last share
    size = len(head)  # every form starts with the words before the last
    while size < len(first) and first[size] == final[size]:
        size += 1
    return first[:size], frozenset(f[size:] for f in forms)


class StemPattern(NamedTuple):
    """What the source scan looks for: a stem, then one of its endings, then a fixed tail.

    ``key`` is the term up to the head's stem, in the term's own case and with single
    spaces for separators ("immateriellen Kulturerb", "Landrät"); ``endings`` are the
    letters that may follow the stem to end the word ("" / "s" / "e" / "innen" …; each
    key + ending is a real form); ``tail`` is what must follow the head word unchanged
    (" des Stadtrats"). ``exact_ending`` is the ending that spells the term as written,
    or None when the key itself is already inflected.
    """

    key: str
    endings: frozenset[str]
    tail: str = ""
    exact_ending: str | None = ""

    @property
    def forms(self) -> list[str]:
        """Every surface form this pattern stands for."""
        return [self.key + e + self.tail for e in sorted(self.endings)]


_Stem = tuple[str, frozenset[str], "str | None"]


@functools.lru_cache(maxsize=65536)
def _head_stems(last: str, noun: bool) -> tuple[_Stem, ...]:
    """(stem, endings, exact ending) for the last part of the head word.

    Stems that extend another stem are folded into it, so one occurrence in a text is
    found once by the automaton (Kulturschul + e/en/in… rather than Kulturschul and
    Kulturschule).
    """
    forms = german_noun_forms(last) if noun else german_adjective_forms(last)
    candidates = {last}
    uml = umlaut(last) if len(last) >= 3 else None
    if uml and uml != last:
        candidates.add(uml)
    if not noun:
        candidates.add(german_adjective_base(last))
    if last.lower().endswith("um"):
        candidates.add(last[:-2])
    if last.lower().endswith("e"):
        candidates.add(last[:-1])
    stems = sorted(candidates, key=len)  # shortest first: a form goes to the shortest prefix
    by_stem: dict[str, set[str]] = {}
    for form in forms:
        for stem in stems:
            if form.startswith(stem):
                by_stem.setdefault(stem, set()).add(form[len(stem) :])
                break
    out: list[_Stem] = []
    for stem, endings in by_stem.items():
        exact = last[len(stem) :] if last.startswith(stem) else None
        out.append((stem, frozenset(endings), exact if exact in endings else None))
    return tuple(out)


def german_term_patterns(term: str, inflect: bool = True) -> list[StemPattern]:
    """The stem patterns of a German (multiword) term; see :class:`StemPattern`.

    The head is the last word before a function word ("Mitglied des Stadtrats") or the
    last word; in a hyphenated word only the last part inflects (Open-Source-Modelle).
    Words before the head that look like adjectives take every ending; words after it stay.
    """
    words = term.split()
    if not words:
        return []
    if not inflect:
        joined = " ".join(words)
        genitive = frozenset({""} if joined.endswith(("s", "x", "z")) else {"", "s"})
        return [StemPattern(joined, genitive, "", "")]
    head = _head_index(words)
    options = [_spellings_before_head(w) for w in words[:head]]
    joint, last = _hyphen_parts(words[head])
    tail = "".join(" " + w for w in words[head + 1 :])
    if last[:1].isalpha():
        stems = _head_stems(last, noun=words[head][:1].isupper())
    else:
        stems = ((last, frozenset({""}), ""),)
    patterns: list[StemPattern] = []
    for combo in itertools.product(*options):
        before = "".join(w + " " for w in combo)
        as_written = list(combo) == words[:head]
        for stem, endings, exact in stems:
            key = before + joint + stem
            patterns.append(StemPattern(key, endings, tail, exact if as_written else None))
        if len(patterns) >= MAX_FORMS_PER_TERM:
            break
    return patterns


def _head_index(words: list[str]) -> int:
    """Which word inflects: the one before the first function word after the first word
    ("Mitglied des Stadtrats"), else the last."""
    for i, word in enumerate(words[1:], start=1):
        if word.lower() in GERMAN_FUNCTION_WORDS:
            return i - 1
    return len(words) - 1


def _hyphen_parts(word: str) -> tuple[str, str]:
    """A hyphenated word as what stays (up to its last hyphen, included) and the part that
    inflects ("Open-Source-" and "Modelle"); ("", word) for any other word."""
    if "-" not in word.strip("-"):
        return "", word
    prefix, _, last = word.rpartition("-")
    return prefix + "-", last


def _spellings_before_head(word: str) -> list[str]:
    """The spellings of a word before the head: with every adjective ending if it looks
    like an adjective (or is a small-letter part after a hyphen), else as written."""
    joint, last = _hyphen_parts(word)
    if last[:1].isalpha() and (_looks_adjective(last) or (joint and last[:1].islower())):
        return sorted({word, *(joint + f for f in german_adjective_forms(last))})
    return [word]


def clear_caches() -> None:
    """Forget memoised stems, so the next build does all its work (benchmarks use this)."""
    _head_stems.cache_clear()
