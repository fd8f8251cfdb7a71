"""Where GNU gettext breaks a long PO string, and how wide it counts each character.

``msgcat`` fills string lines with libunistring's line breaker (the pair table of
Unicode's line breaking algorithm, UAX #14, with libunistring's rules for spaces,
combining marks, ZWJ, regional indicators and Hebrew) and its ``uc_width`` for columns.
This module follows libunistring 1.0's ``u8_possible_linebreaks`` and
``u8_width_linebreaks`` (what Debian 12's gettext 0.21 uses) step by step, with the tables
of :mod:`._unicode`, so that the workbench breaks a line exactly where that msgcat does.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from typing import Final

from workbench.adapters.po import _unicode

#: Break decisions, as libunistring names them.
PROHIBITED: Final = 0
POSSIBLE: Final = 1
MANDATORY: Final = 2

CLASS_NAMES = _unicode.CLASS_NAMES
_TABLE = round(len(_unicode.PAIRS) ** 0.5)  # the classes the pair table covers come first
_INDEX = {name: i for i, name in enumerate(CLASS_NAMES)}
_NAMED = ("BK", "CR", "LF", "CM", "ZW", "SP", "CB", "AI", "SA", "XX")
_BK, _CR, _LF, _CM, _ZW, _SP, _CB, _AI, _SA, _XX = (_INDEX[n] for n in _NAMED)
_ID1, _AL, _HL, _HY, _BA, _RI, _ZWJ = (
    _INDEX[n] for n in ("ID1", "AL", "HL", "HY", "BA", "RI", "ZWJ")
)
_HL_BA = 100  # Hebrew letter followed by a hyphen or break-after character
_D, _I = 1, 2
_PAIRS = [
    [{"D": _D, "I": _I, "P": 3}[_unicode.PAIRS[_TABLE * row + col]] for col in range(_TABLE)]
    for row in range(_TABLE)
]


def _starts(text: str) -> list[int]:
    return [int(x, 16) for x in text.split(",")] if text else []


_LB_STARTS = _starts(_unicode.LINEBREAK_STARTS)
_LB_CLASSES = [ord(c) - ord("0") for c in _unicode.LINEBREAK_CLASSES]
_ZERO = sorted(
    [(s, True) for s in _starts(_unicode.ZERO_STARTS)]
    + [(s, False) for s in _starts(_unicode.NONZERO_STARTS)]
)
_WIDE = sorted(
    [(s, True) for s in _starts(_unicode.WIDE_STARTS)]
    + [(s, False) for s in _starts(_unicode.NARROW_STARTS)]
)
_ZERO_AT, _ZERO_IS = [s for s, _ in _ZERO], [z for _, z in _ZERO]
_WIDE_AT, _WIDE_IS = [s for s, _ in _WIDE], [w for _, w in _WIDE]


@cache
def line_break_class(char: str) -> int:
    """libunistring's line-break class of a character (an index into :data:`CLASS_NAMES`)."""
    return _LB_CLASSES[bisect_right(_LB_STARTS, ord(char)) - 1]


@cache
def char_width(char: str, wide_cjk: bool = False) -> int:
    """Columns libunistring's ``uc_width`` gives a character: 0, 1 or 2, and -1 for controls.

    ``wide_cjk``: the file's charset is a legacy CJK one, where libunistring counts most
    non-ASCII characters as two columns.
    """
    uc = ord(char)
    if uc >> 9 < 248:
        if _ZERO_IS[bisect_right(_ZERO_AT, uc) - 1]:
            return -1 if 0 < uc < 0xA0 else 0
    elif uc >> 9 == 0xE0000 >> 9 and (
        uc <= 0xE01EF if uc >= 0xE0100 else (uc <= 0xE007F if uc >= 0xE0020 else uc == 0xE0001)
    ):
        return 0
    if _WIDE_IS[bisect_right(_WIDE_AT, uc) - 1]:
        return 2
    if wide_cjk and 0xA1 <= uc < 0xFF61 and uc != 0x20A9:
        return 2
    return 1


def _resolved(prop: int, ambiguous: int) -> int:
    """The class libunistring breaks by for a class it does not handle itself."""
    if prop == _AI:
        return ambiguous
    if prop == _CB:
        return _ID1
    if prop in (_SA, _XX):
        return _AL
    return prop


def _between(last: int, prev: int, prop: int, seen_space: bool, regional: int) -> int:
    """May a line break go between what came before (``last``, ``prev``) and ``prop``?"""
    if last == _ZW:
        return POSSIBLE  # (LB8) after a zero-width space
    if last == _BK or prev in (_ZWJ, _HL_BA):
        return PROHIBITED  # line start; (LB8a) after ZWJ; (LB21a) Hebrew + hyphen
    if last == _RI and prop == _RI:  # (LB30a) pairs of regional indicators
        return POSSIBLE if seen_space or regional % 2 == 0 else PROHIBITED
    pair = _PAIRS[last][prop]
    return POSSIBLE if pair == _D or (pair == _I and seen_space) else PROHIBITED


def possible_breaks(text: str, wide_cjk: bool = False) -> list[int]:
    """libunistring's ``u8_possible_linebreaks``: may a line break go before each character?"""
    ambiguous = _ID1 if wide_cjk else _AL
    result = [PROHIBITED] * len(text)
    prev = _BK  # class of the last character
    last = _BK  # class of the last non-space character
    seen_space = False
    regional = 0  # regional indicators right before this point
    for i, char in enumerate(text):
        prop = _resolved(line_break_class(char), ambiguous)
        if prop in (_BK, _LF, _CR):  # (LB4-LB6) a mandatory break
            result[i] = MANDATORY
            prev, last, seen_space = prop, _BK, False
            regional = 0
            continue
        if prop == _SP:  # (LB7) never before a space
            seen_space = True
        elif prop == _ZW:
            last, seen_space = _ZW, False
        elif prop in (_CM, _ZWJ):  # (LB9, LB10) combining marks go with what is before
            if last in (_BK, _ZW) or seen_space:
                if last != _BK:
                    result[i] = POSSIBLE
                last, seen_space = _AL, False
        else:
            result[i] = _between(last, prev, prop, seen_space, regional)
            last, seen_space = prop, False
        prev = _HL_BA if prev == _HL and prop in (_HY, _BA) else prop
        regional = regional + 1 if prop == _RI else 0
    return result


def width_breaks(
    text: str,
    width: int,
    start_column: int,
    overrides: Sequence[int | None],
    wide_cjk: bool = False,
) -> list[int]:
    """gnulib's ``u8_width_linebreaks``: where to break ``text`` to fit ``width`` columns.

    ``start_column`` is where the text starts on its first line; ``overrides`` gives, per
    character, a decision that replaces the computed one (``None``: keep it). Returns the
    positions before which a line break goes, in order.
    """
    decisions = possible_breaks(text, wide_cjk)
    breaks: list[int] = []
    last_break: int | None = None
    last_column = start_column
    piece = 0
    for i, char in enumerate(text):
        decision = decisions[i] if overrides[i] is None else overrides[i]
        if decision != PROHIBITED:
            if last_break is not None and last_column + piece > width:
                breaks.append(last_break)
                last_column = 0
            if decision == MANDATORY:
                last_break = None
                last_column = piece = 0
                continue
            last_break = i
            last_column += piece
            piece = 0
        w = char_width(char, wide_cjk)
        if w > 0:
            piece += w
    if last_break is not None and last_column + piece > width:
        breaks.append(last_break)
    return breaks
