"""German compounds taken apart into words a dictionary knows.

German writes compounds as one word (*Partnerstädten*, *Nachhaltigkeitsbericht*), and no
dictionary lists them all. When the whole word is missing, :func:`split_compound` finds
the most likely split into known parts, joined by the linking elements German uses
(*Nachhaltigkeit-s-bericht*, *Partner-städten*); the last part may be inflected, so the
caller's ``weight_final`` may accept inflected forms. Pure: the dictionary is a callable.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

#: Linking elements (Fugenelemente) between the parts of a compound, longest first.
LINKS = ("ens", "es", "en", "er", "s", "n", "e", "")
#: The shortest part worth looking up (shorter ones match by accident: "Ei", "Al").
MIN_PART = 3


class Part(NamedTuple):
    """One part of a compound as written (``text``), and the linking element after it."""

    text: str
    link: str = ""


def split_compound(
    word: str,
    weight: Callable[[str], int],
    weight_final: Callable[[str], int] | None = None,
    min_part: int = MIN_PART,
) -> list[Part] | None:
    """The most likely split of ``word`` into known parts (at least two), else ``None``.

    ``weight(stem)`` says how common a stem is (0: unknown). The fewest parts win (a
    dictionary lists *Landrat*: *Land-rat-s-amt* would split too far); among splits with as
    many parts, the highest geometric mean of the parts' weights, as in Koehn and Knight's
    compound splitting (EACL 2003), so *Landrat-s-amts* beats *Landrat-samts*. Every part
    but the last is weighed by ``weight``, the last (which may be inflected) by
    ``weight_final``.
    """
    final = weight_final or weight
    n = len(word)

    @cache
    def splits(start: int) -> list[tuple[tuple[Part, ...], float]]:
        """Every split of ``word[start:]`` into known parts, with the log of its weights."""
        found: list[tuple[tuple[Part, ...], float]] = []
        rest = word[start:]
        if start > 0 and len(rest) >= min_part and (w := final(rest)) > 0:
            found.append(((Part(rest),), math.log(w)))
        for end in range(start + min_part, n - min_part + 1):
            w = weight(word[start:end])
            if w <= 0:
                continue
            for link in LINKS:
                if not word.startswith(link, end):
                    continue
                for tail, score in splits(end + len(link)):
                    found.append(((Part(word[start:end], link), *tail), math.log(w) + score))
        return found

    candidates = [(parts, score / len(parts)) for parts, score in splits(0) if len(parts) >= 2]
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (-len(c[0]), c[1], len(c[0][-1].text)))
    return list(best[0])
