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
from typing import ClassVar, Literal, NamedTuple

from workbench.domain.alignment import (
    Bead,
    BlockAlignment,
    BlockText,
    align_blocks,
    rendering_of,
    source_blocks,
)
from workbench.domain.checks.sentencecount import english_sentences
from workbench.domain.document import iter_block_runs
from workbench.domain.units import MEMORY_ENGINE, Unit
from workbench.errors import UserError
from workbench.services.memory import TM_CUTOFF, TM_LIMIT, TranslationMemory

#: Where a suggestion comes from, as the list labels it: machine translation, a memory match,
#: the reference translation.
SuggestionKind = Literal["MT", "TM", "Ref"]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One text the translator may take into the editor.

    ``kind`` is the short label the list shows ("MT", "TM", "Ref"); ``score`` a 0-100 match
    score where there is one; ``source`` the source text the suggestion translated (a
    memory match's), so the TUI can show how it differs from the segment's; ``detail`` says
    where it came from.
    """

    kind: SuggestionKind
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

    def note(self, units: Sequence[Unit], index: int) -> str:
        """Why the source has nothing for ``units[index]``, when a translator would expect
        something ("" when there is nothing to say)."""
        return ""

    def notices(self) -> list[str]:
        """What to say once about the whole file (each notice is returned once)."""
        return []


class MtDraftSource(SuggestionSource):
    """The machine translation recorded for the unit (its ``wb:origin``), as it came out of MT.

    A draft the memory made (pre-translation, a repetition) is no MT: the memory's own sources
    list its match, with the score and what differs."""

    def suggest(self, units: Sequence[Unit], index: int) -> list[Suggestion]:
        origin = units[index].origin
        if origin is None or not origin.mt or origin.engine == MEMORY_ENGINE:
            return []
        return [Suggestion("MT", origin.mt, detail=origin.model or origin.engine)]


class MtOffers(SuggestionSource):
    """MT drafts asked for segments that already had a translation (F5 on a translated or
    reviewed segment): offered first among the suggestions, never written over what a
    person confirmed (as OmegaT and Poedit show MT; the CLI's ``draft`` skips such entries
    too). Kept for this session only."""

    def __init__(self) -> None:
        self._offers: dict[tuple[str, str], Suggestion] = {}

    def offer(self, unit: Unit, text: str, detail: str) -> None:
        self._offers[(unit.id, unit.source)] = Suggestion("MT", text, detail=detail)

    def suggest(self, units: Sequence[Unit], index: int) -> list[Suggestion]:
        unit = units[index]
        offer = self._offers.get((unit.id, unit.source))
        return [offer] if offer is not None and offer.text != unit.target else []


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
        from workbench.domain.memory import fit_edges  # rapidfuzz: loaded when first asked

        source = units[index].source
        return [
            Suggestion(
                "TM",
                fit_edges(m.source, m.target, source),  # the same rule as the project memory
                m.score,
                m.source,
                detail=f"segment {m.index + 1}",
            )
            for m in self.memory.matches(index, units, self.limit, self.cutoff)
        ]


class ReferenceSentences(SuggestionSource):
    """The sentences of a translated reference document that render this segment.

    The reference's blocks are aligned with the file's blocks by structure and length
    (:func:`workbench.domain.alignment.align_blocks`: a published translation drifts by a
    few paragraphs); within a block the segment's sentence is paired with the reference's
    sentences by length (:func:`workbench.domain.alignment.rendering_of`), so a one-sentence
    segment is offered one sentence, not the paragraph. Where the reference has nothing for
    a segment, :meth:`note` says why, and :meth:`notices` once how the document aligned.
    """

    slow = True  # the first call aligns the whole document

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.error = ""
        self._blocks: list[BlockText] | None = None
        self._aligned: _Aligned | None = None
        self._said = False

    def blocks(self) -> list[BlockText]:
        """The reference's blocks in order, read once (none when it cannot be read)."""
        if self._blocks is None:
            try:
                self._blocks = _read_reference(self.path)
            except UserError as exc:
                self.error = exc.message
                self._blocks = []
        return self._blocks

    def aligned(self, units: Sequence[Unit]) -> _Aligned:
        """The file's blocks (unit indices) and their alignment with the reference's."""
        if self._aligned is None or self._aligned.units != len(units):
            runs = list(
                iter_block_runs((u.placement, i) for i, u in enumerate(units) if u.placement)
            )
            groups = [(placement, [units[i] for i in members]) for placement, members in runs]
            alignment = align_blocks(source_blocks(groups), self.blocks())
            by_block = {placement.block: n for n, (placement, _) in enumerate(runs)}
            self._aligned = _Aligned(len(units), [m for _, m in runs], by_block, alignment)
        return self._aligned

    def suggest(self, units: Sequence[Unit], index: int) -> list[Suggestion]:
        text = self.sentence_for(units, index)
        if not text:
            return []
        block = units[index].placement
        where = f"{self.path.name} ¶{block.block}" if block is not None else self.path.name
        return [Suggestion("Ref", text, detail=where)]

    def _bead(self, units: Sequence[Unit], index: int) -> tuple[_Aligned, Bead | None]:
        aligned = self.aligned(units)
        placement = units[index].placement
        group = aligned.by_block.get(placement.block) if placement is not None else None
        bead = aligned.alignment.bead_of(group) if group is not None else None
        return aligned, bead

    def sentence_for(self, units: Sequence[Unit], index: int) -> str:
        """The reference text for ``units[index]``: its sentence(s) of the aligned paragraph."""
        if units[index].placement is None or not self.blocks():
            return ""
        aligned, bead = self._bead(units, index)
        if bead is None or not bead.target:
            return ""
        paragraph = " ".join(self.blocks()[j].text for j in bead.target)
        siblings = [i for g in bead.source for i in aligned.members[g]]
        sources = [units[i].source for i in siblings]
        sentences = english_sentences(paragraph)
        picked = rendering_of(siblings.index(index), sources, sentences)
        return " ".join(sentences[k] for k in picked)

    def note(self, units: Sequence[Unit], index: int) -> str:
        name = self.path.name
        if not self.blocks():
            return f"no reference: {name}: {self.error or 'no text to offer'}"
        if units[index].placement is None:
            return (
                f"no reference: this entry has no place in a document (no wb:block comment; "
                f"catalogues made by `workbench segment` have one), so {name} cannot be matched"
            )
        aligned, bead = self._bead(units, index)
        if bead is None or not bead.target:
            a = aligned.alignment
            return (
                f"no reference: this block has no counterpart in {name} "
                f"({a.aligned} of {a.source_blocks} blocks aligned)"
            )
        if not self.sentence_for(units, index):
            return f"no reference: the aligned paragraph of {name} has no sentence for this one"
        return ""

    def notices(self) -> list[str]:
        if self._said or self._blocks is None:
            return []
        self._said = True
        name = self.path.name
        if not self._blocks:
            return [f"Reference {name}: {self.error or 'has no text'}; no reference is offered."]
        if self._aligned is None:
            return []
        a = self._aligned.alignment
        if a.skipped == 0:
            return []
        return [
            f"Reference {name}: {a.aligned} of {a.source_blocks} blocks aligned with its "
            f"{a.reference_blocks}; no reference is offered for the {a.skipped} without a "
            "counterpart in it."
        ]


class _Aligned(NamedTuple):
    """A file's blocks (unit indices in sentence order) aligned with a reference's blocks."""

    units: int  # how many units the alignment was made for
    members: list[list[int]]
    by_block: dict[int, int]  # block number → index in ``members``
    alignment: BlockAlignment


def _read_reference(path: Path) -> list[BlockText]:
    from workbench.adapters.documents import dialect_of, is_markdown, text_blocks
    from workbench.adapters.files import read_source_text

    text = read_source_text(path)
    blocks = text_blocks(text, is_markdown(path), dialect_of(path))
    return [BlockText(b.kind, b.text) for b in blocks]


def default_sources(memory: TranslationMemory, reference: Path | None) -> list[SuggestionSource]:
    """The sources every session starts with: MT draft, open-file memory, then reference."""
    sources: list[SuggestionSource] = [MtOffers(), MtDraftSource(), OpenFileMemory(memory)]
    if reference is not None:
        sources.append(ReferenceSentences(reference))
    return sources
