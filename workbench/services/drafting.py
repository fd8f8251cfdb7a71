"""Machine drafts for untranslated segments: select, translate in batches, enforce, write.

``workbench draft`` and the TUI both use :class:`Drafter`. It picks the units that need a
draft (untranslated; with ``redraft`` also existing drafts, never translated or reviewed
ones), prepares each source for the glossary (:mod:`workbench.domain.mt_constraints`), looks
the model input up in the MT cache, sends the rest to the CTranslate2 engine in one batched
run, repairs each output against the glossary and markup, and writes ``draft`` (fuzzy) units
whose ``wb:origin`` comment records engine, model, the draft as delivered (``mt``), the
model's own output where that differs (``raw``) and what was enforced.

Stopping keeps work: a cancel flag (TUI) or Ctrl+C (CLI) stops the engine, the drafts that
finished are written (atomically, like every save) and then the interrupt goes on.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.adapters.argos_packages import ArgosPackage, find_package, install_command
from workbench.adapters.config import ProjectConfig
from workbench.adapters.ct2_engine import Ct2Engine, ThreadLayout
from workbench.adapters.libretranslate import LibreTranslateEngine
from workbench.adapters.mt_cache import MtCache, cache_key
from workbench.adapters.mt_engine import BatchDone, DecodeOptions, MtEngine
from workbench.adapters.po import PoCatalog
from workbench.domain.glossary import Glossary, GlossaryMatcher
from workbench.domain.mt_constraints import (
    Enforced,
    Prepared,
    TermMode,
    enforce,
    forbidden_renderings,
    kept,
    prepare,
)
from workbench.domain.states import ReviewState
from workbench.domain.units import MEMORY_ENGINE, MtOrigin, Unit, needs_draft
from workbench.errors import UserError
from workbench.services.identity import translator_name
from workbench.services.project import project_config

#: Where a LibreTranslate API key may come from instead of workbench.toml.
API_KEY_ENV = "WORKBENCH_MT_API_KEY"


@dataclass(frozen=True)
class ModelStatus:
    """Whether a model for the pair is installed, and if not, the command that installs one."""

    from_code: str
    to_code: str
    package: ArgosPackage | None
    command: str

    @property
    def ready(self) -> bool:
        return self.package is not None

    @property
    def message(self) -> str:
        if self.package is not None:
            return f"MT model {self.package.model_id} ({self.package.code})"
        return f"no {self.from_code}→{self.to_code} MT model installed; run `{self.command}`"


def model_status(from_code: str = "de", to_code: str = "en") -> ModelStatus:
    """The installed package for the pair, or the exact install command to show."""
    return ModelStatus(
        from_code, to_code, find_package(from_code, to_code), install_command(from_code, to_code)
    )


def require_model(from_code: str = "de", to_code: str = "en") -> ArgosPackage:
    """The installed package for the pair; :class:`UserError` naming the install command if none."""
    status = model_status(from_code, to_code)
    if status.package is None:
        raise UserError(
            f"no {from_code}→{to_code} MT model is installed",
            None,
            f"run `{status.command}` (or `workbench mt install PATH.argosmodel` offline)",
        )
    return status.package


def configured_engine(
    name: str | None = None, url: str | None = None, config: ProjectConfig | None = None
) -> MtEngine | None:
    """The engine ``[mt]`` in workbench.toml names (or ``name``/``url`` given), or ``None``
    for the local Argos package.

    A LibreTranslate engine needs a URL; its API key comes from ``WORKBENCH_MT_API_KEY`` or
    ``[mt] api_key``.
    """
    if config is None:
        config = project_config(required=False)
    chosen = name or (config.value("mt", "engine") if config else "argos")
    if chosen == "argos":
        return None
    url = url or (config.value("mt", "url") if config else None)
    if not url:
        raise UserError(
            "the LibreTranslate engine needs the server's URL",
            config.root / "workbench.toml" if config else None,
            'set [mt] url = "http://HOST:5000" in workbench.toml (or pass --url)',
        )
    key = os.environ.get(API_KEY_ENV) or (config.value("mt", "api_key") if config else "")
    source, target = (config.source_language, config.target_language) if config else ("de", "en")
    return LibreTranslateEngine(
        url,
        key,
        source=source,
        target=target,
        batch_size=config.value("mt", "batch_size") if config else 16,
        timeout=config.value("mt", "timeout") if config else 120.0,
    )


def configured_drafter(glossary: Glossary | None, options: DraftOptions | None = None) -> Drafter:
    """A drafter on the engine workbench.toml names; :class:`UserError` saying what to set
    up (the model to install, the server URL) when it cannot draft."""
    engine = configured_engine()
    package = require_model() if engine is None else None
    return Drafter(package, glossary, options, engine=engine)


@dataclass(frozen=True)
class DraftOptions:
    """What to draft and how."""

    beam_size: int = 4
    redraft: bool = False
    use_cache: bool = True
    #: How glossary terms reach the model; every mode inserts what the model left out.
    terms: TermMode = TermMode.PLACEHOLDER
    #: n-best hypotheses to choose from (the one that keeps the most terms; at most the beam).
    num_hypotheses: int = 4
    max_input_tokens: int = 200
    max_decoding_length: int | None = None
    min_decoding_length: int = 1

    def decode(self) -> DecodeOptions:
        return DecodeOptions(
            beam_size=self.beam_size,
            max_input_tokens=self.max_input_tokens,
            max_decoding_length=self.max_decoding_length,
            min_decoding_length=self.min_decoding_length,
            num_hypotheses=self.num_hypotheses,
        )


@dataclass
class DraftProgress:
    """Where a drafting run is: segments done of total, target tokens, time."""

    done: int = 0
    total: int = 0
    cached: int = 0
    target_tokens: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    @property
    def tokens_per_second(self) -> float:
        return self.target_tokens / self.elapsed if self.elapsed > 0 else 0.0


@dataclass(frozen=True)
class SegmentDraft:
    """One finished draft: the target to write, the raw MT text and the enforcement record."""

    source: str
    target: str
    mt: str
    enforced: Enforced
    split: int = 1
    cached: bool = False
    copied: bool = False


@dataclass
class FileReport:
    """What drafting did to one PO file."""

    path: Path
    selected: int = 0
    drafted: int = 0
    cached: int = 0
    kept: int = 0  # translated or reviewed: never touched
    skipped_drafts: int = 0  # existing drafts left alone (no --redraft)
    split: int = 0
    enforcement: dict[str, int] = field(default_factory=dict)  # status -> count
    interrupted: bool = False
    seconds: float = 0.0
    target_tokens: int = 0


ProgressFn = Callable[[DraftProgress], None]
CancelFn = Callable[[], bool]


def select_units(units: Sequence[Unit], redraft: bool = False) -> list[Unit]:
    """Units to draft: untranslated, with ``redraft`` also drafts; never translated/reviewed.

    Drafts taken from the translation memory are redone by pre-translation, not by MT.
    """
    return [
        u
        for u in units
        if needs_draft(u, redraft)
        and not (u.origin is not None and u.origin.engine == MEMORY_ENGINE)
    ]


def _draft_sources(unit: Unit) -> tuple[str, ...]:
    """What MT drafts for a unit: its source, and a plural entry's plural source."""
    return unit.form_sources[:2]


def _needs_model(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


@dataclass
class _TextRun:
    """One :meth:`Drafter.draft_texts` call: the sources, their model inputs and cache keys,
    the drafts so far (``None`` until drafted) and the progress reported."""

    sources: Sequence[str]
    prepared: list[Prepared]
    keys: list[str]
    on_done: Callable[[int, SegmentDraft], None] | None
    progress: ProgressFn | None
    results: list[SegmentDraft | None] = field(init=False)
    state: DraftProgress = field(init=False)

    def __post_init__(self) -> None:
        self.results = [None] * len(self.sources)
        self.state = DraftProgress(total=len(self.sources))

    def keep(self, i: int, draft: SegmentDraft) -> None:
        self.results[i] = draft
        if self.on_done is not None:
            self.on_done(i, draft)

    def report(self) -> None:
        if self.progress is not None:
            self.progress(self.state)


class Drafter:
    """Drafts with one MT engine and an optional glossary.

    The engine is an installed Argos package (its model and tokenizer are loaded on first
    use and reused) unless another :class:`MtEngine` is given (a LibreTranslate server).
    ``engine_segments`` counts the segments actually sent to the engine (cache hits are
    not), for tests and reports. A :class:`threading.Event` given as ``cancel`` (or any
    callable) stops a run cleanly.
    """

    def __init__(
        self,
        package: ArgosPackage | None = None,
        glossary: Glossary | None = None,
        options: DraftOptions | None = None,
        cache: MtCache | None = None,
        layout: ThreadLayout | None = None,
        *,
        engine: MtEngine | None = None,
    ) -> None:
        self.package = None if engine is not None else (package or require_model())
        self.glossary = glossary
        self.matcher = GlossaryMatcher(glossary) if glossary is not None and len(glossary) else None
        self.options = options or DraftOptions()
        self.cache = cache if cache is not None else (MtCache() if self.options.use_cache else None)
        self.layout = layout
        self.engine_segments = 0
        self._engine: MtEngine | None = engine
        self._lock = threading.Lock()

    @property
    def engine(self) -> MtEngine:
        with self._lock:
            if self._engine is None:
                assert self.package is not None
                self._engine = Ct2Engine(self.package, self.layout)
            return self._engine

    @property
    def model_id(self) -> str:
        """The model drafts record (the package's, without loading it)."""
        if self.package is not None:
            return self.package.model_id
        return self.engine.model_id

    @property
    def engine_name(self) -> str:
        return Ct2Engine.name if self.package is not None else self.engine.name

    @property
    def glossary_version(self) -> str:
        return self.glossary.version if self.glossary is not None else ""

    # --- texts ------------------------------------------------------------------------

    def draft_texts(
        self,
        sources: Sequence[str],
        on_done: Callable[[int, SegmentDraft], None] | None = None,
        progress: ProgressFn | None = None,
        cancel: CancelFn | threading.Event | None = None,
    ) -> list[SegmentDraft | None]:
        """Draft each source; ``None`` where a cancel stopped it first.

        ``on_done(i, draft)`` is called as each draft is finished, so a caller keeps the
        finished ones even if a ``KeyboardInterrupt`` ends the call.
        """
        cancelled = cancel.is_set if isinstance(cancel, threading.Event) else cancel
        prepared = [prepare(s, self.matcher, self.options.terms) for s in sources]
        keys = [self._key(p.mt_input) for p in prepared]
        run = _TextRun(sources, prepared, keys, on_done, progress)
        todo = self._without_model(run)
        run.report()
        if todo and not (cancelled is not None and cancelled()):
            self._with_model(run, todo, cancelled)
        return run.results

    def _draft(
        self,
        run: _TextRun,
        i: int,
        mt: str,
        split: int = 1,
        *,
        cached: bool = False,
        copied: bool = False,
    ) -> None:
        """Text ``i`` of the run is drafted from ``mt``: the glossary and tags enforced,
        the source's outer spaces kept; the draft is kept and reported."""
        source, prepared = run.sources[i], run.prepared[i]
        enforced = enforce(prepared, mt, self.matcher)
        target = _keep_outer_space(source, enforced.target)
        run.keep(i, SegmentDraft(source, target, mt, enforced, split, cached, copied))

    def _without_model(self, run: _TextRun) -> list[int]:
        """Draft what needs no model (no letters: copied; in the cache: reused); the
        indices of the rest."""
        hits = self.cache.get_many(run.keys) if self.cache is not None else {}
        todo: list[int] = []
        for i, p in enumerate(run.prepared):
            if not _needs_model(p.mt_input):
                self._draft(run, i, run.sources[i], copied=True)
            elif run.keys[i] in hits:
                self._draft(run, i, hits[run.keys[i]], cached=True)
                run.state.cached += 1
            else:
                todo.append(i)
        run.state.done = len(run.sources) - len(todo)
        return todo

    def _with_model(self, run: _TextRun, todo: list[int], cancelled: CancelFn | None) -> None:
        """Draft texts ``todo`` with the model, batched: each finished batch is enforced,
        kept and reported at once, and cached (also when a cancel or Ctrl+C ends it)."""
        fresh: list[tuple[str, str]] = []

        def on_batch(done: BatchDone) -> None:
            run.state.target_tokens += done.target_tokens
            for k, mt in done.texts.items():
                i = todo[k]
                best = self._choose(run.prepared[i], done.hypotheses.get(k) or [mt])
                fresh.append((run.keys[i], best))
                self._draft(run, i, best, done.splits.get(k, 1))
                run.state.done += 1
            run.report()

        engine = self.engine
        self.engine_segments += len(todo)
        banned = [forbidden_renderings(run.prepared[i]) for i in todo]
        try:
            engine.translate(
                [run.prepared[i].mt_input.strip() for i in todo],
                self.options.decode(),
                on_batch=on_batch,
                cancelled=cancelled,
                banned=banned if any(banned) else None,
            )
        finally:
            if self.cache is not None and fresh:
                self.cache.put_many(fresh)

    def _choose(self, prepared: Prepared, hypotheses: Sequence[str]) -> str:
        """The hypothesis that keeps the most terms and tags; ties go to the model's ranking."""
        if len(hypotheses) == 1 or not prepared.requirements:
            return hypotheses[0]
        scores = [kept(prepared, h, self.matcher) for h in hypotheses]
        return hypotheses[scores.index(max(scores))]

    def _key(self, mt_input: str) -> str:
        return cache_key(
            self.model_id,
            self.options.decode().key(),
            self.glossary_version,
            mt_input.strip(),
        )

    # --- units and files --------------------------------------------------------------

    def origin(self, draft: SegmentDraft) -> MtOrigin:
        """The ``wb:origin`` record of a draft."""
        extra: dict[str, Any] = {"beam": self.options.beam_size}
        if draft.enforced.records:
            extra["terms"] = [r.as_dict() for r in draft.enforced.records]
        if draft.split > 1:
            extra["split"] = draft.split
        if draft.copied:
            return MtOrigin(
                engine="copy", model="", mt=draft.mt, glossary=draft.enforced.summary, extra={}
            )
        # ``mt`` is the draft as delivered (post-editing effort is measured from it, and the
        # TUI offers it); the model's own output, placeholders and all, is kept beside it
        if draft.mt.strip() != draft.target.strip():
            extra["raw"] = draft.mt
        return MtOrigin(
            self.engine_name, self.model_id, draft.target.strip(), draft.enforced.summary, extra
        )

    def draft_forms(
        self,
        units: Sequence[Unit],
        on_done: Callable[[int, tuple[SegmentDraft, ...]], None] | None = None,
        progress: ProgressFn | None = None,
        cancel: CancelFn | threading.Event | None = None,
    ) -> list[tuple[SegmentDraft, ...] | None]:
        """Draft every form of each unit: its source, and a plural entry's plural source
        (``msgid_plural``, drafted once for all further forms); ``None`` where a cancel
        stopped it first. ``on_done(k, drafts)`` is called when unit ``k`` is complete."""
        texts: list[str] = []
        owner: list[tuple[int, int]] = []  # (unit, form source) of each text
        for k, unit in enumerate(units):
            sources = _draft_sources(unit)
            texts += sources
            owner += [(k, n) for n in range(len(sources))]
        results: list[tuple[SegmentDraft, ...] | None] = [None] * len(units)
        parts: dict[int, dict[int, SegmentDraft]] = {}

        def done(j: int, draft: SegmentDraft) -> None:
            k, n = owner[j]
            got = parts.setdefault(k, {})
            got[n] = draft
            if len(got) == len(_draft_sources(units[k])):
                complete = tuple(got[m] for m in range(len(got)))
                results[k] = complete
                if on_done is not None:
                    on_done(k, complete)

        self.draft_texts(texts, on_done=done, progress=progress, cancel=cancel)
        return results

    def drafted(self, unit: Unit, drafts: Sequence[SegmentDraft]) -> Unit:
        """``unit`` with the drafts of :meth:`draft_forms` in every form."""
        return unit.drafted_per_source([d.target for d in drafts], self.origin(drafts[0]))

    def draft_file(
        self,
        path: Path,
        progress: ProgressFn | None = None,
        cancel: CancelFn | threading.Event | None = None,
    ) -> FileReport:
        """Draft one PO file in place. Finished drafts are saved even on cancel or Ctrl+C."""
        started = time.perf_counter()
        catalog = PoCatalog.load(Path(path))
        units = catalog.units()
        report = FileReport(Path(path))
        report.kept = sum(1 for u in units if u.state >= ReviewState.TRANSLATED)
        selected = select_units(units, self.options.redraft)
        report.selected = len(selected)
        report.skipped_drafts = (
            0 if self.options.redraft else sum(1 for u in units if u.state is ReviewState.DRAFT)
        )
        finished: dict[int, tuple[SegmentDraft, ...]] = {}
        tokens = [0]

        def track(state: DraftProgress) -> None:
            tokens[0] = state.target_tokens
            if progress is not None:
                progress(state)

        try:
            self.draft_forms(
                selected,
                on_done=finished.__setitem__,
                progress=track,
                cancel=cancel,
            )
        except KeyboardInterrupt:
            report.interrupted = True
            self._write(catalog, selected, finished, report)
            raise
        report.interrupted = len(finished) < len(selected)
        self._write(catalog, selected, finished, report)
        report.seconds = time.perf_counter() - started
        report.target_tokens = tokens[0]
        return report

    def _write(
        self,
        catalog: PoCatalog,
        selected: list[Unit],
        finished: dict[int, tuple[SegmentDraft, ...]],
        report: FileReport,
    ) -> None:
        for i, drafts in sorted(finished.items()):
            catalog.apply(self.drafted(selected[i], drafts))
            report.drafted += 1
            draft = drafts[0]
            report.cached += int(draft.cached)
            report.split += int(draft.split > 1)
            for record in (r for d in drafts for r in d.enforced.records):
                report.enforcement[record.status] = report.enforcement.get(record.status, 0) + 1
        if finished:
            catalog.save(translator=translator_name())


def _keep_outer_space(source: str, target: str) -> str:
    """Give the target the source's leading and trailing whitespace."""
    core = target.strip()
    lead = source[: len(source) - len(source.lstrip())]
    trail = source[len(source.rstrip()) :]
    return f"{lead}{core}{trail}" if core else ""
