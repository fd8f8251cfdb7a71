"""The project's translation memory: where it lives, opening it, and feeding it.

Where: ``--memory PATH|URL`` when given; else ``$WORKBENCH_MEMORY``; else the ``[memory]``
table of workbench.toml
(``path`` relative to the file, or ``url = "postgresql://…"`` for a team's server); else
``translation-memory.sqlite`` beside workbench.toml; outside any project, the user's own
memory under the XDG data folder (``$XDG_DATA_HOME/workbench/memory.sqlite``).

Feeding: every translated and reviewed entry of a PO file becomes a memory entry whose
origin is the file (relative to the project) and whose context is the entry's msgctxt.
:func:`feed_files` replaces a file's entries wholesale (after ``segment`` and ``draft``);
the TUI records the entries it saves (:func:`record_units`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from workbench.adapters.config import SETTINGS, ProjectConfig
from workbench.adapters.memory import MemoryStore, WriteReport, is_url, open_store
from workbench.adapters.po import PoCatalog
from workbench.domain.memory import MatchPolicy, MemoryEntry, base_language
from workbench.domain.states import ReviewState
from workbench.domain.units import Unit
from workbench.errors import UserError
from workbench.services.project import project_config

MEMORY_FILE = "translation-memory.sqlite"
#: The ``[memory]`` settings outside any project: the defaults of workbench.toml's rows.
MEMORY_DEFAULTS: dict[str, object] = {s.key: s.default for s in SETTINGS if s.table == "memory"}
Propagation = Literal["offer", "draft", "translated", "off"]


@dataclass(frozen=True)
class MemorySettings:
    """The ``[memory]`` settings in force, with the location resolved.

    ``propagate`` is what confirming a segment does to its identical repeats in the file:
    ``offer`` them (ask), make them ``draft``\\ s, make them ``translated``, or nothing.
    """

    location: str
    policy: MatchPolicy = field(default_factory=MatchPolicy)
    feed: bool = True
    propagate: Propagation = "offer"
    source_lang: str = "de"
    target_lang: str = "en"
    root: Path | None = None

    @property
    def is_server(self) -> bool:
        return is_url(self.location)


def user_memory_path() -> Path:
    """The memory used outside any project: under ``$XDG_DATA_HOME`` (``~/.local/share``)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "workbench" / "memory.sqlite"


def memory_settings(
    explicit: str | Path | None = None, config: ProjectConfig | None = None
) -> MemorySettings:
    """The settings from workbench.toml's ``[memory]`` (if there is a project), with the
    location ``explicit`` (``--memory``) taking precedence."""
    if config is None:
        config = project_config(required=False)
    where = config.root / "workbench.toml" if config is not None else None

    def value(key: str) -> object:
        return config.value("memory", key) if config is not None else MEMORY_DEFAULTS[key]

    def score(key: str) -> float:
        number = float(value(key))  # type: ignore[arg-type]
        if not 0 <= number <= 100:
            raise UserError(f"[memory] {key} must be a number from 0 to 100", where)
        return number

    policy = MatchPolicy(
        cutoff=score("min_score"),
        draft_penalty=score("draft_penalty"),
        unreviewed_penalty=score("unreviewed_penalty"),
    )
    url, path = value("url"), value("path")
    if explicit is not None and str(explicit):
        location = str(explicit)
    elif os.environ.get("WORKBENCH_MEMORY"):
        location = os.environ["WORKBENCH_MEMORY"]
    elif url is not None:
        location = str(url)
        if not is_url(location):
            raise UserError("[memory] url must start with postgresql://", where)
    elif path is not None:
        location = str(path)
    elif config is not None:
        location = str(config.root / MEMORY_FILE)
    else:
        location = str(user_memory_path())
    feed, propagate = value("feed"), value("propagate")
    return MemorySettings(
        location=location,
        policy=policy,
        feed=bool(feed),
        propagate=propagate,  # type: ignore[arg-type]
        source_lang=base_language(config.source_language) if config else "de",
        target_lang=base_language(config.target_language) if config else "en",
        root=config.root if config is not None else None,
    )


def open_memory(settings: MemorySettings | None = None, create: bool = True) -> MemoryStore:
    """Open the memory the settings name (created if it is a file that does not exist yet)."""
    settings = settings or memory_settings()
    return open_store(settings.location, settings.policy, create=create)


def memory_exists(settings: MemorySettings) -> bool:
    """True if the memory is a server, or a file that exists."""
    return settings.is_server or Path(settings.location).exists()


def origin_name(path: Path, root: Path | None) -> str:
    """A file's name as memory entries record it: relative to the project, else absolute."""
    resolved = Path(path).resolve()
    if root is not None:
        try:
            return resolved.relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return resolved.as_posix()


def catalog_languages(catalog: PoCatalog, settings: MemorySettings) -> tuple[str, str]:
    """The (source, target) languages of a PO file, from its header.

    Without ``X-Source-Language`` the msgids are taken to be the project's source language,
    unless the file's own language is that one: then they are English, as gettext's
    convention has it (Debian's catalogues are English → German).
    """
    target = base_language(catalog.target_language) if catalog.target_language else ""
    target = target or settings.target_lang
    if catalog.source_language:
        return base_language(catalog.source_language), target
    source = settings.source_lang if target != settings.source_lang else settings.target_lang
    return source, target


_EMAIL = re.compile(r"\s*<[^>]*>\s*$")


def _po_date(value: str) -> str:
    """A PO header date (``2025-01-31 12:00+0000``) as ISO 8601 UTC; "" otherwise."""
    m = re.match(r"(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d)(?::(\d\d))?\s*([+-]\d{4}|Z)?", value.strip())
    if not m or (m.group(4) not in (None, "Z", "+0000", "-0000")):
        return ""
    return f"{m.group(1)}T{m.group(2)}:{m.group(3) or '00'}Z"


def unit_entries(
    units: Iterable[Unit],
    origin: str,
    languages: tuple[str, str],
    *,
    author: str = "",
    changed: str = "",
    include_drafts: bool = False,
) -> list[MemoryEntry]:
    """Memory entries for the translated and reviewed units (and drafts, if asked).

    A reviewed unit records its reviewer and review time; others ``author`` and ``changed``.
    A plural entry gives two: ``msgid`` with ``msgstr[0]``, and ``msgid_plural`` with
    ``msgstr[1]`` (the first plural form; a language's further forms share that source).
    """
    least = ReviewState.DRAFT if include_drafts else ReviewState.TRANSLATED
    out = []
    for unit in units:
        state = unit.state
        if unit.obsolete or state < least or not unit.source.strip():
            continue
        by, at = author, changed
        if state is ReviewState.REVIEWED and unit.review is not None:
            by, at = unit.review.by or author, unit.review.at or changed
        for source, target in list(zip(unit.form_sources, unit.forms, strict=True))[:2]:
            out.append(
                MemoryEntry(
                    source, target, languages[0], languages[1], state, origin, unit.id, by, at
                )
            )  # fmt: skip
    return out


def catalog_entries(
    catalog: PoCatalog, settings: MemorySettings, origin: str, include_drafts: bool = False
) -> tuple[list[MemoryEntry], bool]:
    """A catalogue's entries in the project's direction, and whether they had to be turned
    round (an English → German catalogue gives German → English entries)."""
    languages = catalog_languages(catalog, settings)
    metadata = catalog.header
    author = _EMAIL.sub("", str(metadata.get("Last-Translator", ""))).strip()
    changed = _po_date(str(metadata.get("PO-Revision-Date", "")))
    entries = unit_entries(
        catalog.units(),
        origin,
        languages,
        author=author,
        changed=changed,
        include_drafts=include_drafts,
    )
    if languages == (settings.target_lang, settings.source_lang):
        return [e.turned() for e in entries], True
    return entries, False


def feed_files(
    paths: Sequence[Path], settings: MemorySettings | None = None
) -> dict[Path, WriteReport]:
    """Make the memory hold exactly the translated and reviewed entries of each PO file
    (its earlier entries from that file are replaced). Nothing happens when ``feed`` is off,
    and nothing for an output that is not a regular file (standard output, a pipe).
    """
    settings = settings or memory_settings()
    paths = [Path(p) for p in paths if Path(p).is_file()]  # not "-", /dev/stdout, a pipe
    if not settings.feed or not paths:
        return {}
    with open_memory(settings) as store:
        return {Path(p): feed_file(store, settings, Path(p)) for p in paths}


def feed_file(store: MemoryStore, settings: MemorySettings, path: Path) -> WriteReport:
    """Make ``store`` hold exactly the translated and reviewed entries of one PO file."""
    catalog = PoCatalog.load(Path(path))
    origin = origin_name(path, settings.root)
    entries, _ = catalog_entries(catalog, settings, origin)
    return store.replace_origin(origin, entries)


def record_units(
    store: MemoryStore,
    settings: MemorySettings,
    path: Path,
    units: Sequence[Unit],
    *,
    author: str,
    changed: str,
) -> WriteReport:
    """Record the units of one PO file that were just saved: the translated and reviewed
    ones replace what the memory had for their msgctxt; the others are forgotten."""
    origin = origin_name(path, settings.root)
    languages = (settings.source_lang, settings.target_lang)
    entries = unit_entries(units, origin, languages, author=author, changed=changed)
    kept = {(e.context, e.source) for e in entries}
    gone = [
        (u.id, source)
        for u in units
        for source in dict.fromkeys(u.form_sources)
        if (u.id, source) not in kept
    ]
    return store.replace(origin, entries, gone)


def display_location(location: str) -> str:
    """A memory's location fit to show: a server URL without its password."""
    if is_url(location):
        return re.sub(r"//([^:/@]+):[^@]*@", r"//\1@", location)
    return location


def recorded_location(location: str, root: Path | None) -> str:
    """A memory's or a file's location as a shared PO file records it (``wb:origin``): a
    server URL without its password, a file relative to the project, else its name alone —
    one translator's directory layout does not belong in every clone."""
    if is_url(location) or not Path(location).is_absolute():
        return display_location(location)
    name = origin_name(Path(location), root)
    return Path(name).name if Path(name).is_absolute() else name
