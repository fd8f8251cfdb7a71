"""Whether a command's output goes to a terminal, decided as rich decides it, without
importing rich (``workbench check`` in CI prints plain lines; rich costs a short command a
large share of its start-up, ``python -m bench.startup``).

Rich's rules (``Console.is_terminal``): ``TTY_COMPATIBLE=0`` says no and ``=1`` yes; else a
set ``FORCE_COLOR`` says yes unless empty (https://force-color.org/); else the stream's
``isatty()``. A command that finds a terminal prints through rich, whose console then
applies ``NO_COLOR`` and ``TERM=dumb`` itself.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TextIO


def is_terminal(stream: TextIO, environ: Mapping[str, str] = os.environ) -> bool:
    """True when rich's console on ``stream`` would treat it as a terminal."""
    if getattr(sys.stdin, "__module__", "").startswith("idlelib"):
        return False
    tty_compatible = environ.get("TTY_COMPATIBLE", "")
    if tty_compatible in ("0", "1"):
        return tty_compatible == "1"
    force_color = environ.get("FORCE_COLOR")
    if force_color is not None:
        return force_color != ""
    isatty = getattr(stream, "isatty", None)
    try:
        return False if isatty is None else bool(isatty())
    except ValueError:  # a closed stream
        return False
