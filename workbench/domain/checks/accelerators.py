"""The ``accelerators`` check: a menu label's keyboard accelerator survives translation.

GTK and GNOME mark the accelerator letter of a label with ``_`` (``Sch_lummern`` →
``S_nooze``), Qt, KDE and Windows with ``&`` (``&Datei`` → ``&File``), LibreOffice with
``~``. A translation that drops the marker leaves the control without its Alt key; one
that adds a second gives the toolkit two. The letter may differ (it follows the
translated word), as in pofilter's ``accelerators`` test; what must agree is that there
is one.

A marker counts as an accelerator only where a catalogue uses it so: its translations
carry it over (:func:`markers_in_use`; pofilter asks for the marker on the command line,
Weblate for a flag), once in the source string, directly before a letter or digit, and
not in program text the translation keeps as it is (``fts_close``, ``LC_ALL``, ``AT&T``,
``K&R``, ``%<&X::Y%>``) nor in an HTML entity (``&amp;``). So catalogues of command-line
programs, full of ``ai_flags`` and ``PAGE_WIDTH``, get no findings. It is a project check
(it reads a whole catalogue first), so ``workbench check`` reports it, not live QA.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from workbench.domain.checks.base import Issue, LocatedUnit, ProjectCheck, ProjectProblem, Severity
from workbench.domain.checks.software import program_message
from workbench.domain.patterns import when_used
from workbench.domain.units import Unit

#: The accelerator markers of the toolkits, with who uses them.
MARKERS = {"_": "GTK/GNOME", "&": "Qt/KDE/Windows", "~": "LibreOffice"}
#: A word that may hold an accelerator: letters, digits and markers (``Sch_lummern``,
#: ``AT&T``, ``op_verify_result``).
_TOKEN = when_used(r"[^\W_]*(?:[_&~][^\W_]+)+|[_&~][^\W_]+")
_ENTITY = when_used(r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")


def _accelerators(text: str, marker: str) -> list[str]:
    """The words of ``text`` with ``marker`` as an accelerator in them (``Sch_lummern``):
    one marker before a letter, in a word without digits and not between two capitals
    (``LC_ALL``, ``AT&T`` and ``op_verify_result`` are names, not labels)."""
    if marker not in text:
        return []
    if marker == "&":
        text = _ENTITY().sub(" ", text)
    text = text.replace(marker * 2, "  ")  # && is a literal ampersand
    words = []
    for m in _TOKEN().finditer(text):
        word = m.group()
        if sum(word.count(c) for c in MARKERS) != 1 or marker not in word:
            continue
        at = word.index(marker)
        before, after = word[at - 1 : at], word[at + 1]
        if any(c.isdigit() for c in word) or not after.isalpha():
            continue
        if before.isupper() and after.isupper():
            continue
        words.append(word)
    return words


def without_accelerators(text: str) -> str:
    """The text as a user reads it: every accelerator marker taken out (``S_chließen`` →
    ``Schließen``, ``Cance_l`` → ``Cancel``), whether or not its catalogue uses markers;
    program text (``LC_ALL``, ``AT&T``) as it is. Where a label's marker sits is chosen per
    dialog, so two labels that differ only there are one text."""
    for marker in MARKERS:
        for word in set(_accelerators(text, marker)):
            text = text.replace(word, word.replace(marker, "", 1))
    return text


class Accelerators(ProjectCheck):
    """Accelerator missing or doubled

    In a catalogue whose translations mark keyboard accelerators (``_`` in GTK/GNOME,
    ``&`` in Qt/KDE/Windows, ``~`` in LibreOffice: ``Sch_lummern`` → ``S_nooze``,
    ``&Datei`` → ``&File``), the source marks one and the translation has none, or more
    than one. The accelerated letter may differ. Markers in program text that the
    translation copies (``fts_close``, ``AT&T``) are not accelerators.
    """

    id = "accelerators"
    severity = Severity.WARNING
    pofilter = ("accelerators",)

    def problems(self, units: Sequence[LocatedUnit]) -> Iterable[ProjectProblem]:
        by_file: dict[str, list[Unit]] = {}
        for file, unit in units:
            if unit.target.strip():
                by_file.setdefault(file, []).append(unit)
        for file, translated in by_file.items():
            for marker in markers_in_use(translated):
                for unit in translated:
                    for issue in accelerator_issues(unit.source, unit.target, marker):
                        yield ProjectProblem(file, unit, issue)


def markers_in_use(units: Iterable[Unit]) -> list[str]:
    """The accelerator markers a catalogue uses: those that at least
    :data:`MIN_EVIDENCE` translations carry over to a word of their own (``Sch_lummern``
    → ``S_nooze``). Program text keeps its ``ai_flags`` as it is, so a catalogue of a
    command-line program uses none."""
    seen = dict.fromkeys(MARKERS, 0)
    for unit in units:
        for marker in MARKERS:
            mine = _labels(unit.source, unit.target, marker)
            theirs = _labels(unit.target, unit.source, marker)
            if len(mine) == len(theirs) == 1 and not _one_name(mine[0], theirs[0], marker):
                seen[marker] += 1
    return [m for m, n in seen.items() if n >= MIN_EVIDENCE]


def _one_name(word: str, other: str, marker: str) -> bool:
    """Whether two marked words are one name spelt apart (``io_channels``/``io_channel``,
    ``Has_journal``/``has_journal``): the same letters on one side of the marker. A label
    and its translation differ on both (``Sch_lummern``/``S_nooze``)."""
    head, _, tail = word.casefold().partition(marker)
    other_head, _, other_tail = other.casefold().partition(marker)
    return (bool(head) and head == other_head) or (bool(tail) and tail == other_tail)


#: How many translations must carry an accelerator over before a catalogue counts as
#: using the marker.
MIN_EVIDENCE = 2


def _labels(text: str, other: str, marker: str) -> list[str]:
    """The words of ``text`` with ``marker`` as an accelerator that ``other`` does not
    copy (a copied word is program text)."""
    return [w for w in _accelerators(text, marker) if not _copied(w, other)]


def accelerator_issues(source: str, target: str, marker: str) -> Iterator[Issue]:
    """What is wrong with the accelerators of one translation, for ``marker``."""
    marked = _accelerators(source, marker)
    if len(marked) != 1 or _copied(marked[0], target) or not _label(source, marked[0]):
        return  # no accelerator, or not one (two markers, a sentence: program text)
    found = _labels(target, source, marker)
    if not found and len(re.findall(rf"{re.escape(marker)}[^\W\d_]", target)) > 1:
        found = [w for w in target.split() if marker in w] * 2  # S_n_ooze: doubled
    if not found:
        yield Issue(
            f"the source has the accelerator {marker}{_letter(marked[0], marker)} "
            f"(“{marked[0]}”), the translation none; mark one letter with {marker} "
            f"({MARKERS[marker]})",
            term=marked[0],
        )
    elif len(found) > 1:
        yield Issue(
            f"the translation has more than one accelerator "
            f"({', '.join(dict.fromkeys(f'“{w}”' for w in found))}), the source one "
            f"(“{marked[0]}”)",
            term=marked[0],
        )


#: The longest text that is still a label (a menu item, a button, a dialog's option).
MAX_LABEL = 60


def _label(text: str, word: str) -> bool:
    """Whether ``text`` is a label and ``word`` a word of it: one line of at most
    :data:`MAX_LABEL` characters, no address, no program message (printf placeholders,
    :func:`~workbench.domain.checks.software.program_message`), and the word not quoted or
    bracketed as program text (``»inode_map«``, ``[neuer_Name]``, ``<neues_wurzelverzeichnis>``)."""
    line = text.strip()
    if "\n" in line or len(line) > MAX_LABEL or "://" in line or program_message(text):
        return False
    at = text.find(word)
    return at <= 0 or text[at - 1] not in "[<({\"'«»„“‘`"


def _letter(word: str, marker: str) -> str:
    return word[word.index(marker) + 1]


def _copied(word: str, other: str) -> bool:
    """Whether ``word`` stands in the other text as it is: program text, not a label."""
    found = re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", other, re.IGNORECASE)
    return found is not None
