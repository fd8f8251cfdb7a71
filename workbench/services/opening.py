"""Reading a PO file for editing: the catalogue (for saving) and its units, in one parse.

:class:`workbench.adapters.po.PoCatalog` reads the file once; a malformed one raises
:class:`UserError` with file and line. The editing session decides what to do with what
was read; this module only reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.adapters.po import Fingerprint, PoCatalog, StagedRead
from workbench.domain.units import Unit


@dataclass
class FirstRead:
    """What was read at open: the units so far, and how to get the rest if any is left.

    ``catalog`` is set when the whole file was read (everything is in ``units``); else
    ``rest`` gives the other units and ``finish`` the catalogue, from the same parse.
    """

    units: list[Unit]
    fingerprint: Fingerprint | None
    catalog: PoCatalog | None = None
    rest: Iterator[Unit] | None = None
    finish: Callable[[], PoCatalog] | None = None


def read_for_editing(path: Path, fast: bool = True, head: int | None = None) -> FirstRead:
    """Read ``path`` for editing: all of it, or (``head``) its first units now, the rest later.

    One parse serves the units and the catalogue kept for saving. ``fast`` is accepted for
    callers that still pass it.
    """
    if head:
        staged = StagedRead(path)
        units = staged.head(head)
        return FirstRead(units, staged.fingerprint, rest=iter(staged), finish=staged.catalog)
    catalog = PoCatalog.load(path)
    return FirstRead(catalog.units(), catalog.fingerprint, catalog=catalog)
