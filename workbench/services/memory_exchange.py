"""Filling a memory from TMX and PO files, and writing it out as TMX.

Each file is imported in one transaction: a file that turns out malformed half-way leaves
the memory as it was. A PO file gives its translated and reviewed entries (and, when asked, its
drafts, which matching penalises); a catalogue in the opposite direction
(English → German, as Debian's are) is turned round.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from workbench import __version__
from workbench.adapters.files import regular_file
from workbench.adapters.memory import MemoryStore, WriteReport
from workbench.adapters.po import PoCatalog
from workbench.adapters.tmx import TmxReport, read_tmx, write_tmx
from workbench.domain.memory import MemoryEntry
from workbench.errors import UserError
from workbench.services.project_memory import MemorySettings, catalog_entries, origin_name


@dataclass
class ImportReport:
    """What importing one file did."""

    path: Path
    kind: Literal["tmx", "po"]
    units: int = 0  # <tu> elements or PO entries read
    entries: int = 0  # memory entries they gave (a <tu> with two English variants gives two)
    written: WriteReport = field(default_factory=WriteReport)
    incomplete: int = 0  # TMX units without both languages
    other_languages: Counter[str] = field(default_factory=Counter)
    turned: bool = False  # a PO catalogue in the opposite direction


def import_file(
    store: MemoryStore, path: Path, settings: MemorySettings, with_drafts: bool = False
) -> ImportReport:
    """Import one ``.tmx`` or ``.po`` file into ``store``. A PO file gives its translated
    and reviewed entries, and with ``with_drafts`` its fuzzy ones too, as drafts."""
    path = Path(path)
    suffix = path.suffix.lower()
    if regular_file(path, "TMX or PO file") is None:  # a FIFO or a device: said so
        raise UserError("no such file", path)
    origin = origin_name(path, settings.root)
    if suffix == ".tmx":
        tmx = TmxReport(path)
        written = store.add(read_tmx(path, origin, tmx, settings.source_lang, settings.target_lang))
        return ImportReport(
            path, "tmx", tmx.units, tmx.entries, written, tmx.incomplete, tmx.other_languages
        )
    if suffix in (".po", ".pot"):
        catalog = PoCatalog.load(path)
        entries, turned = catalog_entries(catalog, settings, origin, with_drafts)
        written = store.replace_origin(origin, entries)
        return ImportReport(path, "po", len(catalog.units()), len(entries), written, turned=turned)
    raise UserError(
        f"cannot import {suffix or 'a file without suffix'}",
        path,
        "import .tmx (TMX 1.4) or .po files",
    )


def import_files(
    store: MemoryStore, paths: Sequence[Path], settings: MemorySettings, with_drafts: bool = False
) -> Iterator[ImportReport]:
    """Import each file in turn (each in its own transaction)."""
    for path in paths:
        yield import_file(store, path, settings, with_drafts)


def export_tmx(
    store: MemoryStore,
    out: Path,
    settings: MemorySettings,
    reviewed_only: bool = False,
) -> int:
    """Write the memory's entries of the project's language pair as TMX 1.4; returns how
    many. Drafts are left out; with ``reviewed_only`` translated entries too."""
    from workbench.domain.states import ReviewState

    least = ReviewState.REVIEWED if reviewed_only else ReviewState.TRANSLATED

    def chosen() -> Iterator[MemoryEntry]:
        for entry in store.entries(settings.source_lang, settings.target_lang):
            if entry.state >= least:
                yield entry

    memory_file = () if settings.is_server else (Path(settings.location),)
    try:
        return write_tmx(
            Path(out),
            chosen(),
            settings.source_lang,
            settings.target_lang,
            __version__,
            inputs=memory_file,
        )
    except OSError as exc:
        raise UserError(f"cannot write: {exc.strerror}", out) from None
