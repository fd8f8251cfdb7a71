"""Bringing existing translations forward when the source document changes.

This follows what ``msgmerge`` does for gettext catalogues, at sentence level: an
unchanged sentence keeps its translation and state, a changed one keeps the old
translation as a fuzzy draft with the previous source recorded, a new one arrives empty,
and a removed one becomes obsolete so its translation is not lost.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from workbench.domain.document import Segment
from workbench.domain.units import Unit

#: Similarity (0-100) from which a changed sentence inherits the old translation.
#: gettext's msgmerge uses 0.6 on its own similarity measure.
FUZZY_THRESHOLD = 60.0


@dataclass(frozen=True)
class MergeReport:
    """What an update did, counted for the user."""

    kept: int
    fuzzy: int
    new: int
    obsoleted: int


def closest(text: str, candidates: Sequence[str]) -> int | None:
    """The index of the candidate most similar to ``text``, if one reaches the threshold.

    The one rule for "similar enough to carry an old translation over as a fuzzy draft",
    used when a source document changes and when a git merge meets a changed msgid.
    """
    from rapidfuzz import fuzz, process  # here: a merge without changed msgids never needs it

    best = process.extractOne(text, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
    return None if best is None else int(best[2])


def fresh_unit(segment: Segment, reference: str) -> Unit:
    """An untranslated unit for a sentence seen for the first time."""
    return Unit(
        id=segment.id,
        source=segment.text,
        target="",
        placement=segment.placement,
        references=(f"{reference}:{segment.line}",),
    )


def merge_units(
    old: Sequence[Unit], segments: Sequence[Segment], reference: str
) -> tuple[list[Unit], MergeReport]:
    """The units for ``segments``, carrying over what ``old`` knew.

    ``reference`` is the source file name used in ``#:`` references. Returns the new
    active units in document order followed by the obsolete ones.
    """
    used: set[int] = set()
    result, unmatched = _same_sentences(old, segments, reference, used)
    free = [u for u in old if id(u) not in used and not u.obsolete and u.target]
    fuzzy_count = 0
    for i in unmatched:
        seg = segments[i]
        base = fresh_unit(seg, reference)
        best = closest(seg.text, [u.source for u in free])
        if best is None:
            result[i] = base
            continue
        match = free.pop(best)
        used.add(id(match))
        fuzzy_count += 1
        result[i] = _carry(base, match, fuzzy=True, previous=match.source)

    dropped = [u for u in old if id(u) not in used and u.target]
    obsolete = [replace(u, obsolete=True, placement=None) for u in dropped]
    active = [u for u in result if u is not None]
    newly_obsolete = sum(1 for u in dropped if not u.obsolete)
    kept = len(segments) - len(unmatched)
    new_count = len(unmatched) - fuzzy_count
    return active + obsolete, MergeReport(kept, fuzzy_count, new_count, newly_obsolete)


def _same_sentences(
    old: Sequence[Unit], segments: Sequence[Segment], reference: str, used: set[int]
) -> tuple[list[Unit | None], list[int]]:
    """Each segment with what the old unit of its id knew, or else an old unit of the same
    sentence (spacing aside); each old unit is taken once (its ``id()`` goes in ``used``).
    Returns the units (``None`` where there was no such unit) and the segments without one."""
    by_id = {u.id: u for u in old if not u.obsolete}
    by_source: dict[str, list[Unit]] = defaultdict(list)
    for u in old:
        by_source[_spacing(u.source)].append(u)
    result: list[Unit | None] = []
    unmatched: list[int] = []
    for i, seg in enumerate(segments):
        match = by_id.get(seg.id)
        if match is None or _spacing(match.source) != _spacing(seg.text) or id(match) in used:
            spaced = by_source.get(_spacing(seg.text), [])
            match = next((u for u in spaced if id(u) not in used), None)
        if match is None:
            result.append(None)
            unmatched.append(i)
            continue
        used.add(id(match))
        base = fresh_unit(seg, reference)
        result.append(_carry(base, match, fuzzy=match.fuzzy, previous=match.previous_source))
    return result, unmatched


def _spacing(text: str) -> str:
    """A sentence with its line breaks and runs of spaces as single spaces: a paragraph
    re-flowed in the source (or a PO written before sentences were stored on one line)
    keeps its translations and states."""
    return " ".join(text.split())


def _carry(base: Unit, old: Unit, fuzzy: bool, previous: str | None) -> Unit:
    """``base`` (placement and references from the new source) with ``old``'s work."""
    return replace(
        base,
        target=old.target,
        fuzzy=fuzzy and bool(old.target),
        review=None if fuzzy else old.review,
        origin=old.origin,
        waivers=old.waivers,
        notes=old.notes,
        previous_source=previous if fuzzy and old.target else None,
    )
