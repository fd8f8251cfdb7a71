"""Looking up the German words of a segment in the dictionary, as a translator would.

For each content word of the source (function words such as articles and pronouns are
left out, each word once): the word as written; if the dictionary does not list it, a
shorter form (German inflection adds -n, -en, -e, -es, -er, -ern, -em, -s) and its lemma;
if still nothing, the compound taken apart into known parts
(:func:`workbench.domain.compounds.split_compound`) with each part's entries. The
dictionary itself is :class:`workbench.adapters.dictionary.DingDictionary`; its index is
built once, off the UI thread (:meth:`Dictionary.prepare`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from workbench.adapters.dictionary import INSTALL_HINT, DingDictionary, Entry
from workbench.domain.compounds import Part, split_compound

__all__ = ["INSTALL_HINT", "Dictionary", "Entry", "Part", "WordLookup"]

_TOKEN = re.compile(r"[^\W\d_][\w]*(?:-[^\W\d_][\w]*)*")
#: Endings German inflection adds to a dictionary form, longest first.
ENDINGS = ("ern", "en", "er", "em", "es", "e", "n", "s")
#: Words looked up no further than this many per segment.
MAX_WORDS = 40

#: Function words: the dictionary has entries for them, but a translator never needs them.
FUNCTION_WORDS = frozenset(
    """
    der die das den dem des ein eine einer eines einem einen kein keine keiner keines keinem
    keinen ich du er sie es wir ihr mich dich sich uns euch mir dir ihm ihn ihnen ihrer
    mein meine meinen meinem meiner dein deine sein seine seinen seinem seiner ihre ihren
    ihrem unser unsere euer eure dieser diese dieses diesem diesen jener jene jenes welche
    welcher welches welchem welchen man und oder aber denn doch sondern sowie als wie wenn
    weil dass daß ob damit bevor nachdem während obwohl da so auch noch nur schon sehr nicht
    ja nein mit ohne für gegen um durch bei von vom zu zum zur aus nach seit über unter vor
    hinter neben zwischen auf an am im in ins bis ab je pro per wird werden wurde wurden
    worden ist sind war waren bin bist sei seien wäre hat haben hatte hatten habe hast hätte
    kann können konnte muss müssen musste soll sollen sollte will wollen wollte darf dürfen
    mag dort hier etwas alle allem allen aller alles viel viele vielen mehr wieder immer
    dann eben etwa gar sogar wohl zwar dabei dafür dazu darin darüber davon
    """.split()  # noqa: SIM905 - a word list reads better as words
)


class WordLookup(NamedTuple):
    """What the dictionary says about one word of the source.

    ``form`` is what was found (the word, a shorter form or its lemma; empty if nothing);
    ``parts`` the compound's parts with their entries when the whole word is not listed.
    """

    word: str
    form: str
    entries: list[Entry]
    parts: list[tuple[Part, list[Entry]]]


def content_words(text: str) -> list[str]:
    """The words of ``text`` worth looking up, each once, in order."""
    seen: set[str] = set()
    out = []
    for match in _TOKEN.finditer(text):
        for word in (match.group(), *match.group().split("-")):
            key = word.casefold()
            if len(word) < 3 or key in FUNCTION_WORDS or key in seen:
                continue
            seen.add(key)
            out.append(word)
    return out[:MAX_WORDS]


def shorter_forms(word: str) -> Iterable[str]:
    """``word`` without one of the inflection :data:`ENDINGS` (at least 3 letters left)."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            yield word[: -len(ending)]


class Dictionary:
    """The dictionary the TUI shows: Ding through its index, and how to find a word in it."""

    def __init__(self, path: Path | None = None, cache: Path | None = None) -> None:
        self.ding = DingDictionary(path, cache)
        self._lock = threading.Lock()

    @property
    def installed(self) -> bool:
        return self.ding.installed

    @property
    def ready(self) -> bool:
        """True once lookups are instant (the one-time index exists)."""
        return self.ding.ready

    @property
    def path(self) -> Path:
        return self.ding.path

    def prepare(self) -> None:
        """Build the index if needed (seconds, once; call it off the UI thread)."""
        with self._lock:
            self.ding.build()

    def lookup_text(self, text: str) -> list[WordLookup]:
        """Every content word of ``text`` looked up (see the module docstring)."""
        self.prepare()
        return [self.lookup_word(word) for word in content_words(text)]

    def lookup_word(self, word: str) -> WordLookup:
        for form in self._forms(word):
            entries = self.ding.lookup(form)
            if entries:
                return WordLookup(word, form, entries, [])
        parts = split_compound(word, self.ding.count, self._final_count)
        if parts is None:
            return WordLookup(word, "", [], [])
        noun = word[:1].isupper()  # a capitalised compound's parts are nouns: look them up so
        return WordLookup(
            word,
            "",
            [],
            [
                (part, self._part_entries(part, n == len(parts) - 1, noun))
                for n, part in enumerate(parts)
            ],
        )

    def _forms(self, word: str) -> Iterator[str]:
        """The word, then shorter forms, then its lemma: the forms to try, each once. The
        lemma only when the others are not in the dictionary: simplemma's German table takes
        seconds to load, which the first lookup of a segment should not wait for."""
        tried: set[str] = set()
        for form in (word, *shorter_forms(word)):
            if form and form not in tried:
                tried.add(form)
                yield form
        base = lemma(word)
        if base and base not in tried:
            yield base

    def _part_entries(self, part: Part, last: bool, noun: bool) -> list[Entry]:
        text = part.text[:1].upper() + part.text[1:] if noun else part.text
        forms = [text, *shorter_forms(text)] if last else [text]
        for form in forms:
            entries = self.ding.lookup(form, limit=2)
            if entries:
                return entries
        return []

    def _final_count(self, stem: str) -> int:
        """How common the last part of a compound is, as written or without an ending."""
        return self.ding.count(stem) or max(map(self.ding.count, shorter_forms(stem)), default=0)

    def close(self) -> None:
        self.ding.close()


@lru_cache(maxsize=4096)
def lemma(word: str) -> str:
    """The word's German lemma (simplemma), or the word itself."""
    import simplemma

    return str(simplemma.lemmatize(word, lang="de"))
