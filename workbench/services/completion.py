"""Interactive completion for the editor: the rest of the sentence from the local MT model.

The TUI asks :class:`Completer` in a worker thread, once per keystroke that the current
suggestion does not already cover (:func:`workbench.domain.completion.follow`). The source
is prepared as for drafting (glossary terms as placeholders, so the model treats them the
same way), the typed text is given to the model as its target prefix with the terms it holds
turned into their placeholders, and the continuation comes back as it grows (``on_update``:
the first words show before the sentence is finished), then with a few alternatives at the
cursor. A newer keystroke cancels an older request (``cancelled``), which stops the decoder.

Completion needs an installed Argos package (a LibreTranslate server cannot continue a
prefix); the model is loaded on first use, with both cores on one request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from workbench.adapters.argos_packages import ArgosPackage
from workbench.adapters.cores import available_cores
from workbench.adapters.ct2_engine import Ct2Engine, ThreadLayout
from workbench.domain.completion import Completion, model_prefix, next_word, shown_continuation
from workbench.domain.glossary import Glossary, GlossaryMatcher
from workbench.domain.mt_constraints import Prepared, prepare
from workbench.services.drafting import require_model

__all__ = ["Completer", "Completion"]

#: Alternatives shown at the cursor, and how far each is decoded (tokens).
ALTERNATIVES = 3
ALTERNATIVE_TOKENS = 4
#: How far a completion may run past the source's length (tokens), and the least it runs.
LENGTH_RATIO = 1.3
MIN_TOKENS = 8


class Completer:
    """Completions of what is typed in a segment, from one installed Argos package."""

    def __init__(
        self,
        package: ArgosPackage | None = None,
        glossary: Glossary | None = None,
        layout: ThreadLayout | None = None,
    ) -> None:
        self.package = package or require_model()
        self.matcher = GlossaryMatcher(glossary) if glossary is not None and len(glossary) else None
        self.layout = layout or ThreadLayout(1, max(1, available_cores()))
        self._engine: Ct2Engine | None = None
        self._lock = threading.Lock()
        self._prepared: dict[str, Prepared] = {}

    @property
    def engine(self) -> Ct2Engine:
        with self._lock:
            if self._engine is None:
                self._engine = Ct2Engine(self.package, self.layout)
            return self._engine

    def prepared(self, source: str) -> Prepared:
        """The source as drafting prepares it (kept for the segment's keystrokes)."""
        found = self._prepared.get(source)
        if found is None:
            if len(self._prepared) > 256:
                self._prepared.clear()
            found = self._prepared[source] = prepare(source, self.matcher)
        return found

    def complete(
        self,
        source: str,
        typed: str,
        on_update: Callable[[Completion], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        alternatives: int = ALTERNATIVES,
    ) -> Completion | None:
        """The rest of the sentence after ``typed``; ``None`` if cancelled first.

        ``on_update`` sees the completion grow, a word at a time; the result adds up to
        ``alternatives`` other next words at the cursor.
        """
        prepared = self.prepared(source)
        prefix = model_prefix(prepared, typed)
        engine = self.engine
        budget = max(MIN_TOKENS, int(LENGTH_RATIO * len(engine.tokenize(source))) + 4)
        budget -= len(engine.tokenize(prefix)) if prefix.strip() else 0
        rest = ""
        shown_words = 0
        for rest in engine.continuation(prepared.mt_input, prefix, max(budget, 4), cancelled):
            if on_update is not None:
                shown = shown_continuation(prepared, prefix, rest, typed)
                words = len(shown.split())
                if words > shown_words:  # a word is complete when the next one starts
                    shown_words = words
                    on_update(Completion(typed, shown))
        if cancelled is not None and cancelled():
            return None
        shown = shown_continuation(prepared, prefix, rest, typed)
        others: list[str] = []
        if alternatives > 1:
            first = next_word(shown).strip()
            for alt in engine.alternatives(
                prepared.mt_input, prefix, alternatives, ALTERNATIVE_TOKENS
            ):
                word = next_word(shown_continuation(prepared, prefix, alt, typed)).strip()
                if word and word != first and word not in others:
                    others.append(word)
        return Completion(typed, shown, tuple(others))
