"""What drafting needs from an MT engine, whichever it is: batches, progress, a stop.

Two engines implement :class:`MtEngine`: the local CTranslate2 model of an installed Argos
package (:mod:`workbench.adapters.ct2_engine`) and a LibreTranslate server
(:mod:`workbench.adapters.libretranslate`). Drafting hands either of them the prepared
inputs (glossary terms as placeholders), gets each finished batch back through
``on_batch`` (progress, n-best hypotheses) and enforces the glossary on the outputs the
same way.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

MAX_INPUT_TOKENS = 200  # Argos models are trained on sentences; longer inputs are split


@dataclass(frozen=True)
class DecodeOptions:
    """Decoding settings; argostranslate's defaults are beam 4 and length penalty 0.2."""

    beam_size: int = 4
    length_penalty: float = 0.2
    max_input_tokens: int = MAX_INPUT_TOKENS
    max_decoding_length: int | None = None  # default: 2 x input + 10, capped at 512
    min_decoding_length: int = 1
    num_hypotheses: int = 1  # n-best: at most beam_size

    def key(self) -> str:
        """The part of a cache key that changes the output."""
        return f"beam={self.beam_size};lp={self.length_penalty};max_in={self.max_input_tokens};" + (
            f"dec={self.min_decoding_length}-{self.max_decoding_length};n={self.hypotheses}"
        )

    @property
    def hypotheses(self) -> int:
        """How many hypotheses per input are returned (never more than the beam)."""
        return max(1, min(self.num_hypotheses, self.beam_size))


@dataclass
class BatchDone:
    """Progress report: the inputs that just finished (index -> text), and their target tokens.

    ``hypotheses`` holds each finished input's n-best list, best first (``texts`` is its head).
    """

    texts: dict[int, str]
    target_tokens: int
    splits: dict[int, int] = field(default_factory=dict)  # index -> parts, for split inputs
    hypotheses: dict[int, list[str]] = field(default_factory=dict)


@dataclass
class EngineResult:
    """Outputs by input position (``None`` where stopped before it ran), plus statistics."""

    outputs: list[str | None]
    split: dict[int, int] = field(default_factory=dict)  # input index -> number of parts
    target_tokens: int = 0
    seconds: float = 0.0
    cancelled: bool = False


class MtEngine(ABC):
    """An MT engine: translates many texts in batches, reporting each finished batch.

    An implementation must call ``on_batch`` with each batch's outputs (and n-best lists
    where it has them) as soon as it has them, check ``cancelled()`` between batches and
    stop early when it is true (keeping what finished), and honour ``banned`` (renderings
    to keep out of an input's output) where the engine can; drafting replaces any that
    get through.
    """

    #: The engine's name in a draft's ``wb:origin`` record.
    name: ClassVar[str]

    @property
    @abstractmethod
    def model_id(self) -> str:
        """What a draft's origin records as the model (and what keys the MT cache)."""

    @abstractmethod
    def translate(
        self,
        texts: Sequence[str],
        options: DecodeOptions | None = None,
        on_batch: Callable[[BatchDone], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        banned: Sequence[Sequence[str]] | None = None,
    ) -> EngineResult:
        """Translate ``texts``; see the class docstring for what must be honoured."""
