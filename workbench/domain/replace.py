"""Find and replace in translations: what a search matches and what it turns a text into.

A :class:`Search` is what the translator typed (words or a regular expression, match case,
whole words) and the replacement; :meth:`Search.apply` gives a text's new value and where
it changed, so a preview shows exactly what "replace all" will do. With a regular
expression, ``\\1`` and ``\\g<name>`` in the replacement refer to groups; otherwise the
replacement is taken literally.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

#: What a planned text is known by (a unit's index; a unit and a plural form).
Key = TypeVar("Key")


class Replaced(NamedTuple):
    """One text after the replacement, and the spans of the new text that were put in."""

    text: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Search:
    """A find-and-replace as typed; :meth:`compile` raises ``ValueError`` for a bad regex."""

    find: str
    replace: str = ""
    match_case: bool = False
    whole_words: bool = False
    regex: bool = False

    def compile(self) -> re.Pattern[str]:
        if not self.find:
            raise ValueError("type something to find")
        body = self.find if self.regex else re.escape(self.find)
        if self.whole_words:
            body = rf"(?<!\w)(?:{body})(?!\w)"
        try:
            return re.compile(body, 0 if self.match_case else re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from None

    def apply(self, text: str, pattern: re.Pattern[str] | None = None) -> Replaced | None:
        """``text`` with every match replaced (``None`` if nothing matches)."""
        pattern = pattern or self.compile()
        pieces: list[str] = []
        spans: list[tuple[int, int]] = []
        last = 0
        length = 0
        for match in pattern.finditer(text):
            if match.end() == match.start() and not self.regex:
                continue
            try:
                new = match.expand(self.replace) if self.regex else self.replace
            except (re.error, IndexError) as exc:
                raise ValueError(f"the replacement refers to a missing group: {exc}") from None
            before = text[last : match.start()]
            pieces += [before, new]
            length += len(before)
            spans.append((length, length + len(new)))
            length += len(new)
            last = match.end()
        if not spans:
            return None
        pieces.append(text[last:])
        return Replaced("".join(pieces), tuple(spans))

    def plan(self, texts: Iterable[tuple[Key, str]]) -> dict[Key, Replaced]:
        """The new value of every text that changes, by its key."""
        pattern = self.compile()
        out: dict[Key, Replaced] = {}
        for key, text in texts:
            found = self.apply(text, pattern)
            if found is not None and found.text != text:
                out[key] = found
        return out
