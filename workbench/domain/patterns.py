"""Regular expressions that few texts need, compiled the first time one is used.

A module-level ``re.compile`` runs at import, in every command that imports the module;
a pattern for content that most runs never meet (a GCC diagnostic's directives, the words
around an ambiguous month name, a ``#|`` previous-msgid line) is made with
:func:`when_used` instead, and compiled by its first use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable


def when_used(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function giving ``re.compile(pattern, flags)``, compiled at its first call and the
    same pattern object from then on: ``_MONTH_LEAD = when_used(r"…")`` is used as
    ``_MONTH_LEAD().search(text)``."""
    return functools.cache(functools.partial(re.compile, pattern, flags))
