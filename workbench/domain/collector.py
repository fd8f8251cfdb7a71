"""Pausing Python's cyclic garbage collector around a batch of acyclic allocations.

Building a glossary matcher or checking a catalogue allocates hundreds of thousands of
small objects that hold no reference cycles, while everything loaded before (a large
PO catalogue) stays alive. Each collection the allocations trigger walks that whole
heap again; ``python -m bench.glossary`` shows what the pause saves.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run a batch with the cyclic garbage collector paused, then resume it.

    Reference counting still frees everything that is not in a cycle; cycles wait for the
    collector to resume. On resuming, what survived is moved to the oldest generation at
    once (``freeze`` then ``unfreeze`` only relinks lists), so the first young collection
    does not walk it all either. Nested pauses (or a collector already off) change nothing.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        gc.enable()
