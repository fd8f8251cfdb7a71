"""Suggestions for the segment in the editor: the MT draft, memory matches, the reference.

Each kind comes from a :class:`SuggestionSource`; the editing session asks its sources in
order and the TUI numbers what they return (1 = the first), so Alt+N, F3, the palette's
"Use suggestion N" and a click all mean the same suggestion. A source that is too slow for
the UI thread says so with ``slow = True`` and is asked in a worker. To add a kind (a
project memory, a terminology server…), subclass :class:`SuggestionSource` and pass an
instance to :meth:`workbench.services.session.EditSession.add_suggestion_source`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from workbench.domain.alignment import rendering_of
from workbench.domain.checks.sentencecount import english_sentences
from workbench.domain.units import MEMORY_ENGINE, Unit
from workbench.services.memory import TM_CUTOFF, TM_LIMIT, TranslationMemory


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One text the translator may take into the editor.

    ``kind`` is the short label the list shows ("MT", "TM", "Ref"); ``score`` a 0-100 match
    score where there is one; ``source`` the source text the suggestion translated (a
    memory match's), so the TUI can show how it differs from the segment's; ``detail`` says
    where it came from.
    """

    kind: str
    text: str
    score: float | None = None
    source: str = ""
    detail: str = ""


class SuggestionSource(ABC):
    """Where suggestions of one kind come from.

    An implementation returns the suggestions for unit ``index`` of ``units`` (best first),
    never raises for a unit it has nothing for, and sets ``slow`` when it must not run on
    the UI thread (it is then called from a worker, with the units as they are then).
    """

    slow: ClassVar[bool] = False

    @abstractmethod
    def suggest(self, units: Sequence[Unit], index: int) -> list[Suggestion]:
        """The suggestions for ``units[index]``."""

    def close(self) -> None:  # noqa: B027 - most sources hold nothing to let go of
        """Let go of what the source holds (a database); the session calls it on close."""


class MtDraftSource(SuggestionSource):
    """The machine translation recorded for the unit (its ``wb:origin``), as it came out of MT.

    A draft the memory made (pre-translation, a repetition) is no MT: the memory's own sources
    list its match, with the score and what differs."""

    def suggest(self, units: Sequence[Unit], index: int) -> list[Suggestion]:
        origin = units[index].origin
        if origin is None or not origin.mt or origin.engine == MEMORY_ENGINE:
            return []
        return [Suggestion("MT", origin.mt, detail=origin.model or origin.engine)]


class OpenFileMemory(SuggestionSource):
    """Translated and reviewed segments of the open file whose source resembles this one."""

    slow = True

    def __init__(
        self, memory: TranslationMemory, limit: int = TM_LIMIT, cutoff: float = TM_CUTOFF
    ) -> None:
        self.memory = memory
        self.limit = limit
        self.cutoff = cutoff

    def suggest(self, units: Sequence[Unit], index: int) -> list[Suggestion]:
        return [
            Suggestion("TM", m.target, m.score, m.source, detail=f"segment {m.index + 1}")
            for m in self.memory.matches(index, units, self.limit, self.cutoff)
        ]


class ReferenceSentences(SuggestionSource):
    """The sentences of a paragraph-aligned reference translation that render this segment.

    The reference is aligned by block (paragraph, heading, list item); within a block the
    segment's sentence is paired with the reference's sentences by length
    (:func:`workbench.domain.alignment.rendering_of`), so a one-sentence segment is offered
    one sentence, not the paragraph.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._blocks: dict[int, str] | None = None

    def blocks(self) -> dict[int, str]:
        """The reference's blocks by number, read once."""
        if self._blocks is None:
            self._blocks = _read_reference(self.path)
        return self._blocks

    def suggest(self, units: Sequence[Unit], index: int) -> list[Suggestion]:
        text = self.sentence_for(units, index)
        if not text:
            return []
        block = units[index].placement
        where = f"{self.path.name} ¶{block.block}" if block is not None else self.path.name
        return [Suggestion("Ref", text, detail=where)]

    def sentence_for(self, units: Sequence[Unit], index: int) -> str:
        """The reference text for ``units[index]``: its sentence(s) of the block's paragraph."""
        placement = units[index].placement
        if placement is None:
            return ""
        paragraph = self.blocks().get(placement.block, "")
        if not paragraph:
            return ""
        siblings = _block_indices(units, index)
        sources = [units[i].source for i in siblings]
        sentences = english_sentences(paragraph)
        picked = rendering_of(siblings.index(index), sources, sentences)
        return " ".join(sentences[k] for k in picked)


def _block_indices(units: Sequence[Unit], index: int) -> list[int]:
    """The units of ``units[index]``'s block, in sentence order (a block's units are adjacent)."""
    placement = units[index].placement
    assert placement is not None
    block = placement.block
    start = index
    while start > 0 and _block_of(units[start - 1]) == block:
        start -= 1
    end = index + 1
    while end < len(units) and _block_of(units[end]) == block:
        end += 1
    found = list(range(start, end))
    found.sort(key=lambda i: _position_of(units[i]))
    return found


def _position_of(unit: Unit) -> int:
    return unit.placement.position if unit.placement is not None else 0


def _block_of(unit: Unit) -> int | None:
    return unit.placement.block if unit.placement is not None else None


def _read_reference(path: Path) -> dict[int, str]:
    from workbench.adapters.documents import is_markdown, text_blocks
    from workbench.adapters.files import read_source_text

    text = read_source_text(path)
    return {b.number: b.text for b in text_blocks(text, is_markdown(path))}


def default_sources(memory: TranslationMemory, reference: Path | None) -> list[SuggestionSource]:
    """The sources every session starts with: MT draft, open-file memory, then reference."""
    sources: list[SuggestionSource] = [MtDraftSource(), OpenFileMemory(memory)]
    if reference is not None:
        sources.append(ReferenceSentences(reference))
    return sources
