"""Acronyms of the source that the translation lost or changed (pofilter's ``acronyms``).

An all-capital token of the German source (AFC, CDU, NATO, ZDF) should be in the
translation as written: pofilter's test catches typos such as ``AFC`` → ``AGC``. What a
professional translation legitimately does instead is allowed:

* a German acronym with an established English one (USA → US or U.S., EZB → ECB,
  WM → World Cup, DDR → GDR or East Germany), from :data:`ENGLISH_FORMS`;
* the acronym as a glossary term (source or target) or a do-not-translate term;
* dotted, plural and possessive forms (U.S., NGOs, CDU's);
* a word written in capitals for emphasis (NIE → NEVER): the translation has an English
  word in capitals the source lacks;
* the acronym of the acronym and the word after it (US-Dollar → USD, AC Florenz → ACF);
* a German word in capitals translated into an English one (help texts' metavariables:
  TYP → TYPE, LISTE → LIST) is no mistyped acronym;
* a heading or segment written all in capitals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from workbench.domain.checks.base import Check, CheckContext, Issue, Severity
from workbench.domain.units import Unit

if TYPE_CHECKING:
    from workbench.domain.checks.spelling import Speller

_ACRONYM = re.compile(r"(?<!\w)[A-ZÄÖÜ]{2,}(?:[0-9]+)?(?!\w)")  # also in US-Präsident
_WORDLIKE = re.compile(r"[A-ZÄÖÜ]*[AEIOUÄÖÜY][A-ZÄÖÜ]*")
#: Roman numerals as prose has them (World War II, Louis XIV): I, V and X only.
_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
#: German acronyms and what English usually writes instead (any one will do).
ENGLISH_FORMS: dict[str, tuple[str, ...]] = {
    "USA": ("US", "United States", "America"),
    "US": ("USA", "United States", "America"),
    "UNO": ("UN", "United Nations"),
    "BRD": ("FRG", "Federal Republic", "Germany"),
    "DDR": ("GDR", "East Germany", "East German"),
    "UdSSR": ("USSR", "Soviet Union"),
    "EZB": ("ECB", "European Central Bank"),
    "IWF": ("IMF", "International Monetary Fund"),
    "WM": ("World Cup", "World Championship", "world championship", "world cup"),
    "EM": ("European Championship", "Euro", "European championship"),
    "NRW": ("North Rhine-Westphalia",),
    "LKW": ("truck", "lorry", "HGV"),
    "PKW": ("car", "vehicle"),
    "KMU": ("SME",),
    "OB": ("mayor", "Mayor"),
    "MdB": ("MP", "member of the Bundestag", "Member of the Bundestag"),
    "ÖPNV": ("public transport",),
    "SMS": ("text message", "text"),
    "EU": ("European Union",),
    "BIP": ("GDP",),
    "AG": ("plc", "Inc", "corporation"),
}


def acronyms(text: str) -> list[str]:
    """The all-capital tokens of a text, in order, without Roman numerals and repeats."""
    found = [m.group() for m in _ACRONYM.finditer(text) if not _ROMAN.fullmatch(m.group())]

    return list(dict.fromkeys(found))


def _present(acronym: str, target: str) -> bool:
    """The acronym is in the target, perhaps dotted, spaced (GSG 9), plural or possessive."""
    undotted = re.sub(r"(?<=[A-Z])\.(?=[A-Z])|(?<=\b[A-Z])\.(?=\s|$)", "", target)
    undotted = re.sub(r"(?<=[A-Z]) (?=\d)", "", undotted)
    pattern = rf"(?<!\w){re.escape(acronym)}(?:s|['’]s|['’])?(?!\w)"
    return bool(re.search(pattern, target) or re.search(pattern, undotted))


def _shouting(text: str) -> bool:
    letters = "".join(filter(str.isalpha, text))
    return len(letters) >= 8 and sum(map(str.isupper, letters)) > 0.6 * len(letters)


def _closest(acronym: str, candidates: Iterable[str]) -> str:
    """A target acronym that differs from ``acronym`` in one letter (AFC → AGC), if any."""
    for c in candidates:
        if len(c) == len(acronym) and sum(a != b for a, b in zip(c, acronym, strict=True)) == 1:
            return c
        if abs(len(c) - len(acronym)) == 1:
            longer, shorter = (c, acronym) if len(c) > len(acronym) else (acronym, c)
            if any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer))):
                return c
    return ""


def _word_in_capitals(target: str, source: str, speller: Speller | None) -> bool:
    """Both are words written in capitals, the target an English word of four letters or
    more: a translated metavariable (TYP → TYPE, WORT → WORD, LISTE → LIST), no acronym."""
    return (
        speller is not None
        and len(target) >= 4
        and bool(_WORDLIKE.fullmatch(target) and _WORDLIKE.fullmatch(source))
        and speller.known(target.lower())
    )


def _named_on(acronym: str, longer: str, source: str) -> bool:
    """The target's acronym abbreviates the source's acronym and the word after it
    (US-Dollar → USD, AC Florenz → ACF): the translator wrote the whole name's acronym."""
    if len(longer) != len(acronym) + 1 or not longer.startswith(acronym):
        return False
    pattern = rf"(?<!\w){re.escape(acronym)}[-\s]+{re.escape(longer[-1])}"
    return re.search(pattern, source) is not None


class Acronyms(Check):
    """Acronym missing or changed

    An all-capital token of the source (AFC, CDU, NATO) is not in the translation and is
    not a glossary term. Mistyped (the translation has AGC for AFC: one letter changed,
    added or lost) is a warning; left out or spelt out (FC Bayern → Bayern, VW →
    Volkswagen) is information. Established English forms (USA → US, EZB → ECB, WM → World
    Cup), dotted, plural and possessive forms, words in capitals for emphasis and
    all-capital headings are fine.
    """

    id = "acronyms"
    english_target = True
    uses_speller = True
    severity = Severity.WARNING
    pofilter = ("acronyms",)

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        source, target = unit.source, unit.target
        if _shouting(source) or _shouting(target):
            return
        found = acronyms(source)
        if not found:
            return
        glossary = context.known_words()
        terms = " ".join(hit.text for hit in context.source_hits(source))
        in_target = acronyms(target)
        source_set = set(found)
        speller = context.speller
        emphasis = sum(
            1
            for a in in_target
            if a not in source_set
            and len(a) >= 3
            and _WORDLIKE.fullmatch(a)
            and speller is not None
            and speller.known(a.lower())
        )
        explained = source_set | {f for a in found for f in ENGLISH_FORMS.get(a, ())}
        # GSG9 written GSG 9: its letters are no mistyped acronym
        explained |= {a.rstrip("0123456789") for a in found if _present(a, target)}
        mistyped = {}
        for a in in_target:
            if a not in explained:
                near = _closest(a, found)
                if (
                    near
                    and not _named_on(near, a, source)
                    and not _word_in_capitals(a, near, speller)
                ):
                    mistyped[near] = a
        for acronym in found:
            if acronym in mistyped:
                yield Issue(
                    f"the acronym “{acronym}” is “{mistyped[acronym]}” in the translation",
                    term=acronym,
                )
                continue
            if _present(acronym, target) or acronym.casefold() in glossary:
                continue
            if re.search(rf"(?<!\w){re.escape(acronym)}(?!\w)", terms):
                continue  # a glossary term: the glossary check looks at its rendering
            if any(form in target for form in ENGLISH_FORMS.get(acronym, ())):
                continue
            if emphasis and len(acronym) >= 3 and _WORDLIKE.fullmatch(acronym):
                emphasis -= 1
                continue  # NIE → NEVER: one English word in capitals for each
            yield Issue(
                f"the acronym “{acronym}” is not in the translation (spelt out or left out?)",
                term=acronym,
                severity=Severity.INFO,
            )
