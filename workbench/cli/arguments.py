"""Argument types shared by the commands: numbers with a lower bound.

A value below the bound is a usage error (exit 2) naming the option's limit, instead of
being quietly raised to it (``--samples -5`` used to become 1).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable


def int_at_least(minimum: int, meaning: str = "") -> Callable[[str], int]:
    """An argparse ``type``: a whole number ``>= minimum`` (``meaning`` explains the bound)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < minimum:
            why = f" ({meaning})" if meaning else ""
            raise argparse.ArgumentTypeError(f"must be at least {minimum}{why}, not {value}")
        return value

    parse.__name__ = f"int >= {minimum}"
    return parse
