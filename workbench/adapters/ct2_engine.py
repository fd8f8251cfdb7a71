"""Batched MT with the CTranslate2 model of an Argos package, without argostranslate.

argostranslate's ``translate()`` splits text into sentences and calls ``translate_batch`` once
per paragraph (``python -m bench.mt`` prints its tokens/s beside this engine's). Drafting
a whole PO file does not need that: this engine loads the model and its tokenizer once, sorts
all segments by length (less padding), cuts them into batches of up to 32 and submits every
batch asynchronously to one ``ctranslate2.Translator`` whose worker threads run batches in
parallel (2 cores: ``inter_threads=2, intra_threads=1``). Results are collected as batches
finish, which gives progress, tokens/s and a clean stop on Ctrl+C or a cancel flag.

Segments longer than ``max_input_tokens`` are split at word boundaries into parts that are
translated separately and joined (reported per segment); empty input gives empty output.

With ``num_hypotheses`` > 1 each input gets its n-best list (the caller chooses among them);
an input may name renderings to keep out of the output, which are banned while decoding
with ``suppress_sequences`` in every tokenisation the tokenizer can give them (inputs with
the same bans share batches).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from workbench.adapters.argos_packages import ArgosPackage, argos_module
from workbench.adapters.cores import available_cores
from workbench.adapters.mt_engine import (
    BatchDone,
    DecodeOptions,
    EngineResult,
    MtEngine,
)
from workbench.errors import UserError

__all__ = ["BatchDone", "Ct2Engine", "DecodeOptions", "EngineResult", "ThreadLayout"]
#: Tokenisations tried per banned rendering (SentencePiece n-best segmentations).
BAN_SEGMENTATIONS = 8


@dataclass(frozen=True)
class ThreadLayout:
    """How CTranslate2 uses the cores: parallel batches x threads per batch."""

    inter_threads: int
    intra_threads: int
    max_batch_size: int = 32

    @classmethod
    def for_machine(cls, cores: int | None = None) -> ThreadLayout:
        """Parallel batches first: on 2 cores 2x1 beats 1x2 (measured), up to 4 workers."""
        n = cores or available_cores()
        inter = max(1, min(4, n))
        return cls(inter_threads=inter, intra_threads=max(1, n // inter))


def _batches(pieces: Sequence[Sequence[str]], bans: Sequence[Any], size: int) -> list[list[int]]:
    """The pieces' indexes cut into batches of at most ``size`` that share one ban set,
    sorted by bans, then length (less padding)."""
    order = sorted(range(len(pieces)), key=lambda k: (bans[k], len(pieces[k])))
    batches: list[list[int]] = []
    for k in order:
        if not batches or len(batches[-1]) >= size or bans[batches[-1][0]] != bans[k]:
            batches.append([])
        batches[-1].append(k)
    return batches


class _Pending(NamedTuple):
    """A submitted batch: the pieces' indexes and CTranslate2's handles of their results."""

    batch: list[int]
    handles: list[Any]


class _InFlight:
    """The batches of one call, submitted a few at a time: one per worker thread plus one
    queued keeps them busy, and a cancel leaves almost nothing behind (CTranslate2 cannot
    abort a batch, and its destructor waits for queued ones)."""

    def __init__(
        self, submit: Callable[[list[int]], list[Any]], batches: list[list[int]], depth: int
    ) -> None:
        self._submit = submit
        self._queue = iter(batches)
        self.pending: list[_Pending] = []
        for _ in range(depth):
            self._next()

    def _next(self) -> None:
        batch = next(self._queue, None)
        if batch is not None:
            self.pending.append(_Pending(batch, self._submit(batch)))

    def ready(self) -> list[_Pending]:
        """The submitted batches that have finished."""
        return [p for p in self.pending if all(h.done() for h in p.handles)]

    def replace(self, finished: _Pending) -> None:
        """Let go of a finished batch and submit the next one."""
        self.pending.remove(finished)
        self._next()


class Ct2Engine(MtEngine):
    """One Argos package's model and tokenizer, loaded once."""

    name = "argos"

    def __init__(self, package: ArgosPackage, layout: ThreadLayout | None = None) -> None:
        import ctranslate2

        self.package = package
        self.layout = layout or ThreadLayout.for_machine()
        try:
            self.translator = ctranslate2.Translator(
                str(package.path / "model"),
                device="cpu",
                compute_type="int8",
                inter_threads=self.layout.inter_threads,
                intra_threads=self.layout.intra_threads,
            )
        except (RuntimeError, OSError, ValueError) as exc:
            raise _damaged(package, "model/", exc) from None
        try:
            self._tokenizer = _load_tokenizer(package)
        except (RuntimeError, OSError, ValueError) as exc:
            raise _damaged(package, "tokenizer", exc) from None
        self._target_vocabulary: frozenset[str] | None = None

    @property
    def model_id(self) -> str:
        return self.package.model_id

    def tokenize(self, text: str) -> list[str]:
        return [str(t) for t in self._tokenizer.encode(text)]

    def detokenize(self, tokens: Sequence[str]) -> str:
        return str(self._tokenizer.decode(list(tokens)))

    def translate(
        self,
        texts: Sequence[str],
        options: DecodeOptions | None = None,
        on_batch: Callable[[BatchDone], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        banned: Sequence[Sequence[str]] | None = None,
    ) -> EngineResult:
        """Translate ``texts``; stop early (keeping what finished) when ``cancelled()`` is true.

        ``banned[i]`` lists renderings input ``i``'s output must not contain (every
        tokenisation of each is suppressed while decoding). A ``KeyboardInterrupt`` while
        waiting propagates; the caller keeps nothing from this call in that case unless it
        used ``on_batch`` (the service does).
        """
        opts = options or DecodeOptions()
        started = time.perf_counter()
        result = EngineResult(outputs=[None] * len(texts))
        pieces, owners = self._tokenize_all(texts, opts, result)
        bans = [self.ban_sequences(banned[o]) if banned else () for o in owners]
        parts_of: dict[int, list[int]] = {}
        for k, owner in enumerate(owners):
            parts_of.setdefault(owner, []).append(k)
        part_outputs: dict[int, list[list[str]]] = {}
        flight = _InFlight(
            lambda batch: self._submit([pieces[k] for k in batch], opts, bans[batch[0]]),
            _batches(pieces, bans, self.layout.max_batch_size),
            self.layout.inter_threads + 1,
        )
        # collect batches as they finish, assemble split inputs, report
        while flight.pending:
            if cancelled is not None and cancelled():
                result.cancelled = True
                break
            ready = flight.ready()
            if not ready:
                time.sleep(0.002)
                continue
            for item in ready:
                flight.replace(item)
                done = self._collect(item, owners, parts_of, part_outputs, result)
                if on_batch is not None and done.texts:
                    on_batch(done)
        result.seconds = time.perf_counter() - started
        return result

    # --- completion: continuing what the translator typed ---------------------------------

    def continuation(
        self,
        source: str,
        prefix: str,
        max_tokens: int,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[str]:
        """The model's continuation of ``prefix`` as a translation of ``source``, growing.

        Greedy decoding with ``prefix`` as CTranslate2's target prefix, streamed: each item
        is the continuation so far (text after ``prefix``), one per generated token. It
        ends at the end of the sentence, after ``max_tokens`` or when ``cancelled()``
        (the decoder stops with the generator).
        """
        src = self.tokenize(source)
        pre = self.tokenize(prefix) if prefix.strip() else []
        head = self.detokenize(pre)
        tokens = list(pre)
        steps = self.translator.generate_tokens(
            src, pre or None, max_decoding_length=len(pre) + max_tokens, disable_unk=True
        )
        try:
            for step in steps:
                if cancelled is not None and cancelled():
                    return  # also while the prefix is decoded: a newer keystroke wins
                if step.step < len(pre):
                    continue  # the prefix comes back first, a decoder step per token
                tokens.append(step.token)
                yield _after(self.detokenize(tokens), head, prefix)
        finally:
            steps.close()

    def alternatives(self, source: str, prefix: str, count: int, max_tokens: int) -> list[str]:
        """Up to ``count`` short continuations of ``prefix`` that differ at the cursor.

        CTranslate2's ``return_alternatives``: the most likely next tokens after the prefix,
        each continued greedily for at most ``max_tokens`` tokens; best first.
        """
        src = self.tokenize(source)
        pre = self.tokenize(prefix) if prefix.strip() else []
        head = self.detokenize(pre)
        result = self.translator.translate_batch(
            [src],
            target_prefix=[pre] if pre else None,
            beam_size=1,
            num_hypotheses=count,
            return_alternatives=True,
            max_decoding_length=len(pre) + max_tokens,
            disable_unk=True,
        )
        found = [_after(self.detokenize(h), head, prefix) for h in result[0].hypotheses]
        return list(dict.fromkeys(f for f in found if f.strip()))

    def ban_sequences(self, renderings: Sequence[str]) -> tuple[tuple[str, ...], ...]:
        """Every token sequence the model could write ``renderings`` as, in its vocabulary.

        SentencePiece gives each rendering several segmentations (its n-best); a sequence
        with a token the model cannot emit is left out (banning ``<unk>`` would ban more).
        """
        out: dict[tuple[str, ...], None] = {}
        for text in renderings:
            for tokens in self._segmentations(text):
                if tokens and all(t in self.target_vocabulary for t in tokens):
                    out.setdefault(tuple(tokens), None)
        return tuple(sorted(out))

    def _segmentations(self, text: str) -> list[list[str]]:
        nbest = getattr(self._tokenizer, "nbest", None)
        if nbest is not None:
            found: list[list[str]] = nbest(text, BAN_SEGMENTATIONS)
            return found
        return [self.tokenize(text)]

    @property
    def target_vocabulary(self) -> frozenset[str]:
        """The tokens the model can write (from the model folder's vocabulary file)."""
        if self._target_vocabulary is None:
            self._target_vocabulary = _read_vocabulary(self.package.path / "model")
        return self._target_vocabulary

    def _tokenize_all(
        self, texts: Sequence[str], opts: DecodeOptions, result: EngineResult
    ) -> tuple[list[list[str]], list[int]]:
        """Token lists to translate and the input each belongs to (long inputs give parts)."""
        pieces: list[list[str]] = []
        owners: list[int] = []
        for i, text in enumerate(texts):
            if not text.strip():
                result.outputs[i] = ""
                continue
            parts = _split_tokens(self.tokenize(text), opts.max_input_tokens)
            if len(parts) > 1:
                result.split[i] = len(parts)
            for part in parts:
                pieces.append(part)
                owners.append(i)
        return pieces, owners

    def _collect(
        self,
        item: _Pending,
        owners: list[int],
        parts_of: dict[int, list[int]],
        part_outputs: dict[int, list[list[str]]],
        result: EngineResult,
    ) -> BatchDone:
        """Take a finished batch's hypotheses; finish every input whose parts are all done.

        A split input's k-th hypothesis joins each part's k-th (or last) hypothesis.
        """
        batch, handles = item
        tokens = 0
        for k, handle in zip(batch, handles, strict=True):
            hyps = handle.result().hypotheses
            tokens += len(hyps[0])
            part_outputs[k] = hyps
        done: dict[int, str] = {}
        nbest: dict[int, list[str]] = {}
        for owner in dict.fromkeys(owners[k] for k in batch):
            ks = parts_of[owner]
            if all(k in part_outputs for k in ks):
                count = max(len(part_outputs[k]) for k in ks)
                texts = [
                    " ".join(
                        self.detokenize(part_outputs[k][min(n, len(part_outputs[k]) - 1)]).strip()
                        for k in ks
                    ).strip()
                    for n in range(count)
                ]
                nbest[owner] = list(dict.fromkeys(texts))
                result.outputs[owner] = done[owner] = texts[0]
        result.target_tokens += tokens
        splits = {i: result.split[i] for i in done if i in result.split}
        return BatchDone(done, tokens, splits, nbest)

    def _submit(
        self, batch: list[list[str]], opts: DecodeOptions, bans: Sequence[Sequence[str]] = ()
    ) -> list[Any]:
        """Queue one batch on the translator's workers; returns its async results."""
        longest = max(len(tokens) for tokens in batch)
        extra: dict[str, Any] = {"suppress_sequences": [list(b) for b in bans]} if bans else {}
        handles: list[Any] = self.translator.translate_batch(
            batch,
            asynchronous=True,
            max_batch_size=len(batch),
            beam_size=opts.beam_size,
            num_hypotheses=opts.hypotheses,
            length_penalty=opts.length_penalty,
            max_input_length=0,
            max_decoding_length=opts.max_decoding_length or min(512, 2 * longest + 10),
            min_decoding_length=opts.min_decoding_length,
            replace_unknowns=True,
            **extra,
        )
        return handles


def _after(full: str, head: str, typed: str) -> str:
    """The text ``full`` adds after ``head`` (the detokenized prefix), to follow ``typed``.

    A typed text that ends in a space gets no second one; the tokenizer drops it.
    """
    rest = full[len(head) :] if full.startswith(head) else full[len(head.rstrip()) :]
    if typed[-1:].isspace() or not typed:
        rest = rest.lstrip()
    return rest


def _read_vocabulary(model_dir: Path) -> frozenset[str]:
    """The target vocabulary of a CTranslate2 model folder (JSON list or one token a line)."""
    for name in ("target_vocabulary", "shared_vocabulary"):
        for suffix, parse in ((".json", json.loads), (".txt", str.splitlines)):
            path = model_dir / f"{name}{suffix}"
            if path.is_file():
                return frozenset(parse(path.read_text(encoding="utf-8")))
    return frozenset()


def _split_tokens(tokens: list[str], limit: int) -> list[list[str]]:
    """Cut tokens into parts of at most ``limit``: after punctuation, else at a word start."""
    if limit <= 0 or len(tokens) <= limit:
        return [tokens]
    parts: list[list[str]] = []
    start = 0
    while len(tokens) - start > limit:
        window = range(start + limit, start + limit // 2, -1)
        cut = next((k for k in window if tokens[k - 1].rstrip()[-1:] in ".;:!?,"), None)
        if cut is None:
            cut = next((k for k in window if tokens[k].startswith("▁")), start + limit)
        parts.append(tokens[start:cut])
        start = cut
    parts.append(tokens[start:])
    return parts


class _SentencePiece:
    def __init__(self, model_file: Path) -> None:
        import sentencepiece

        self.processor = sentencepiece.SentencePieceProcessor(model_file=str(model_file))

    def encode(self, text: str) -> list[str]:
        pieces = self.processor.encode(text, out_type=str)
        return [str(p) for p in pieces]

    def decode(self, tokens: list[str]) -> str:
        text = str(self.processor.decode_pieces(tokens))
        return text.replace("▁", " ")

    def nbest(self, text: str, n: int) -> list[list[str]]:
        """Up to ``n`` segmentations of ``text``, the most likely first."""
        found = self.processor.nbest_encode_as_pieces(text, n)
        return [[str(p) for p in pieces] for pieces in found]


def _damaged(package: ArgosPackage, part: str, exc: Exception) -> UserError:
    """A package whose model or tokenizer cannot be loaded: say which, and how to mend it."""
    detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
    return UserError(
        f"the MT package {package.name} is damaged: its {part} cannot be loaded ({detail})",
        package.path,
        f"reinstall it: `workbench mt remove {package.name}`, then `workbench mt install …`",
    )


def _load_tokenizer(package: ArgosPackage) -> Any:
    sp = package.path / "sentencepiece.model"
    if sp.is_file():
        return _SentencePiece(sp)
    tokenizer = argos_module("tokenizer", f"the BPE-tokenized package {package.name}")
    return tokenizer.BPETokenizer(package.path / "bpe.model", package.from_code, package.to_code)
