"""Consistency across the whole project: one source, one translation; one translation, one source.

These need every unit at once, so they are :class:`ProjectCheck`s and run over all units of
all files checked (Translate Toolkit's ``poconflicts`` does the first as a separate tool;
Weblate has both as ``inconsistent`` and ``reused``). Texts are grouped as written
(whitespace normalised) and the other side compared as a user reads it: where a keyboard
accelerator's marker sits is chosen per dialog (``_Cancel`` and ``Cance_l``, ``_Schließen``
and ``S_chließen`` are one text); ``reused`` also ignores case in the sources.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from workbench.domain.checks.accelerators import without_accelerators
from workbench.domain.checks.base import Issue, LocatedUnit, ProjectCheck, ProjectProblem, Severity
from workbench.domain.patterns import when_used
from workbench.domain.units import Unit


def _norm(text: str) -> str:
    return " ".join(text.split())


def _as_read(text: str) -> str:
    """A text as its reader sees it: whitespace normalised, no accelerator markers."""
    return without_accelerators(_norm(text))


_DIGIT_GROUP = re.compile(r"(?<=\d)[.,'’\u00a0\u202f\u2009 ](?=\d{3}(?!\d))")
_QUOTES = str.maketrans(dict.fromkeys("„“”«»‚‘’‹›'", '"'))


def _same_wording(text: str) -> str:
    """A source as its words go: case, spacing, accelerator markers, digit grouping
    (95.000 / 95000) and the kind of quotation marks do not make two sources different."""
    return _DIGIT_GROUP.sub("", _as_read(text)).translate(_QUOTES).casefold()


def _where(file: str, line: int) -> str:
    return f"{file}:{line}" if file and line else file or (f"line {line}" if line else "elsewhere")


def _short(text: str, limit: int = 60) -> str:
    text = _norm(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clashes(
    units: Sequence[LocatedUnit],
    group_key: Callable[[Unit], str],
    other_key: Callable[[Unit], str],
) -> Iterator[tuple[str, Unit, str, Unit, int]]:
    """Units grouped by ``group_key`` whose ``other_key`` differs within the group.

    Yields (file, unit, file of the first differing unit, that unit, how many differ).
    Units without a target are left out.
    """
    groups: dict[str, list[tuple[str, Unit, str]]] = {}
    for file, unit in units:
        if unit.target.strip():
            groups.setdefault(group_key(unit), []).append((file, unit, other_key(unit)))
    for group in groups.values():
        if len({key for _, _, key in group}) < 2:
            continue
        for file, unit, key in group:
            others = [(f, u) for f, u, k in group if k != key]
            f0, u0 = others[0]
            yield file, unit, f0, u0, len(others)


def _more(count: int) -> str:
    return f" and {count - 1} more" if count > 1 else ""


class Inconsistent(ProjectCheck):
    """Inconsistent translation

    The same source text is translated differently elsewhere in the project.
    """

    id = "inconsistent"
    severity = Severity.WARNING
    pofilter = ("poconflicts",)
    weblate = ("inconsistent",)

    def problems(self, units: Sequence[LocatedUnit]) -> Iterable[ProjectProblem]:
        for file, unit, f0, u0, count in _clashes(
            units, lambda u: _norm(u.source), lambda u: _as_read(u.target)
        ):
            yield ProjectProblem(
                file,
                unit,
                Issue(
                    f"the same source is translated “{_short(u0.target)}” "
                    f"at {_where(f0, u0.line)}{_more(count)}"
                ),
            )


class Reused(ProjectCheck):
    """Translation is used for different sources

    The same translation stands for different source texts elsewhere in the project: one
    of them is probably a copy-paste or a stale MT draft. Sources that differ only in case,
    spacing, accelerator markers, digit grouping (95.000 / 95000) or the kind of quotation
    marks are the same; sources that are one text with a few words reworded (90 % of their
    words in common) or inflected (``Kein``, ``Keine``, ``Keiner`` → "None") are reported
    for information.
    """

    id = "reused"
    severity = Severity.WARNING
    weblate = ("reused",)

    def problems(self, units: Sequence[LocatedUnit]) -> Iterable[ProjectProblem]:
        for file, unit, f0, u0, count in _clashes(
            units, lambda u: _norm(u.target), lambda u: _same_wording(u.source)
        ):
            reworded = _reworded(unit.source, u0.source)
            yield ProjectProblem(
                file,
                unit,
                Issue(
                    f"the same translation is used for “{_short(u0.source)}” "
                    f"at {_where(f0, u0.line)}{_more(count)}"
                    + (" (a reworded copy of this source)" if reworded else ""),
                    severity=Severity.INFO if reworded else None,
                ),
            )


#: Sources whose words agree this much (difflib's ratio over words, punctuation aside) are
#: one text reworded ("Anlegern gefiel das: …" / "Anlegern gefielen die Informationen: …",
#: "Falsche PIN" / "Falsche PIN!"), as are the same words in another order ("Derzeit ist X
#: ausgesetzt" / "X ist derzeit ausgesetzt"); one translation for both is expected. Two short
#: messages that differ in one word ("Datei öffnen" / "Datei schließen") stay far below it.
REWORDED = 0.9


_WORDS = when_used(r"\w+")
#: German inflection endings: a word with one of them is the same word (keine → kein).
_ENDINGS = ("em", "en", "er", "es", "e", "n", "s")


def _stem(word: str) -> str:
    """A German word without its inflection ending, if what is left has three letters."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _inflected(a: str, b: str) -> bool:
    """Whether two words are one German word, inflected (kein / keine / keiner)."""
    return a == b or _stem(a) in (b, _stem(b)) or _stem(b) == a


def _reworded(source: str, other: str) -> bool:
    """Whether two sources are one text with a few words changed (see :data:`REWORDED`)."""
    a, b = _WORDS().findall(_same_wording(source)), _WORDS().findall(_same_wording(other))
    if sorted(a) == sorted(b):
        return True  # the same words in another order
    if len(a) == len(b) and all(map(_inflected, a, b)):
        return True  # the same words inflected: Kein / Keine / Keiner
    from difflib import SequenceMatcher  # here: most runs never compare two sources

    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= REWORDED
