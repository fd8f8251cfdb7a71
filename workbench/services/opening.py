"""Reading a PO file for editing: fast first, and a big file in two steps.

The quick scanner (:mod:`workbench.adapters.po_scan`) reads the units in a fraction of the
full parser's time, so the translator's first screen comes up at once; with a ``head`` only
the first units are read before it, the rest right after. A file the scanner does not
understand, and a malformed one, go through the full parser
(:class:`workbench.adapters.po.PoCatalog`), which raises :class:`UserError` with file and
line. The editing session decides what to do with what was read; this module only reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.adapters.po import Fingerprint, PoCatalog
from workbench.adapters.po_scan import iter_units, po_text
from workbench.domain.units import Unit


@dataclass
class FirstRead:
    """What was read at open: the units so far, and how to get the others if any are left.

    ``catalog`` is set when the full parser read the file (everything is in ``units``);
    ``rest`` when the scanner stopped after the head (the others come from iterating it).
    """

    units: list[Unit]
    fingerprint: Fingerprint | None
    catalog: PoCatalog | None = None
    rest: Iterator[Unit] | None = None


def read_for_editing(path: Path, fast: bool = True, head: int | None = None) -> FirstRead:
    """Read ``path``: with the scanner if ``fast`` (only ``head`` units if given), else parse."""
    if fast and path.is_file():
        try:
            stat, raw = path.stat(), path.read_bytes()
            fingerprint = Fingerprint.of_bytes(stat, raw)
            found = iter_units(po_text(raw))
            units, rest = _take_head(found, head) if head else (list(found), None)
        except (ValueError, UnicodeDecodeError, OSError):
            pass
        else:
            return FirstRead(units, fingerprint, rest=rest)
    catalog = PoCatalog.load(path)
    return FirstRead(catalog.units(), catalog.fingerprint, catalog=catalog)


def _take_head(found: Iterator[Unit], head: int) -> tuple[list[Unit], Iterator[Unit] | None]:
    """The first ``head`` units, and on to the first that needs work; the rest, if any."""
    units: list[Unit] = []
    seen_work = False
    for unit in found:
        units.append(unit)
        seen_work = seen_work or unit.state.needs_work
        if len(units) >= head and seen_work:
            return units, found
    return units, None
