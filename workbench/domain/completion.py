"""Interactive completion: the rest of the sentence, continuing exactly what was typed.

As the translator types, the MT model continues the typed text (CTranslate2's
``target_prefix``). This module holds the rules that do not depend on the model:

- what the model is given: the typed text with the glossary terms it already holds turned
  into the source's placeholders (the model saw ``{1}`` in the source, so the typed "County
  Executive" becomes ``{1}`` in the prefix), see :func:`model_prefix`;
- what the translator is shown: the model's continuation with placeholders turned into the
  terms in their English form, a term the typed text already holds never repeated
  (:func:`shown_continuation`);
- how a completion follows typing without asking the model again (:func:`follow`), and
  what "the next word" of it is (:func:`next_word`).

The typed text itself is never changed: a completion is only ever appended to it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from workbench.domain.mt_constraints import PLACEHOLDER, Prepared, Requirement, cased_for

_NEXT_WORD = re.compile(r"\s*[^\s]+")


class Completion(NamedTuple):
    """A suggestion for the rest of a segment's target.

    ``typed`` is the text it continues, ``rest`` what would follow it, ``alternatives``
    other continuations at the cursor (the model's runner-up next words), best first.
    """

    typed: str
    rest: str
    alternatives: tuple[str, ...] = ()


def follow(completion: Completion, typed: str) -> Completion | None:
    """The completion still valid after the translator typed on, or ``None``.

    Typing what the suggestion says keeps the rest of it (no new model call); typing
    anything else, or deleting, ends it.
    """
    if not typed.startswith(completion.typed):
        return None
    added = typed[len(completion.typed) :]
    if not completion.rest.startswith(added):
        return None
    return Completion(typed, completion.rest[len(added) :])


def next_word(rest: str) -> str:
    """The part of ``rest`` that accepting one word takes: its spaces and the next word."""
    match = _NEXT_WORD.match(rest)
    return match.group() if match else rest


def model_prefix(prepared: Prepared, typed: str) -> str:
    """``typed`` as the model should see it: the terms it holds as the source's placeholders.

    Each placeholder requirement's term, in any of its forms the typed text uses, is
    replaced (first occurrence, in source order), so the model continues after ``{1}`` as
    it would in a draft.
    """
    text = typed
    for req in _slots(prepared):
        for form in _forms(req):
            at = text.find(form)
            if at >= 0:
                text = text[:at] + req.placeholder + text[at + len(form) :]
                break
    return text


def shown_continuation(prepared: Prepared, prefix: str, continuation: str, typed: str) -> str:
    """The model's ``continuation`` of ``prefix`` (model side) as the translator sees it.

    Placeholders become their terms (possessive where the model wrote ``{1}'s``, a capital
    at a sentence start); a placeholder whose term the typed text already holds, or that
    the source does not have, is dropped with its space.
    """
    slots = {r.placeholder: r for r in _slots(prepared)}
    used = {m.group() for m in PLACEHOLDER.finditer(prefix)}
    out = ""
    last = 0
    for m in PLACEHOLDER.finditer(continuation):
        key = f"{{{m.group(1)}}}"
        out += continuation[last : m.start()]
        last = m.end()
        req = slots.get(key)
        if req is None or key in used:
            if out.endswith(" ") and continuation[last : last + 1] in (" ", ""):
                last += continuation[last : last + 1] == " "
            continue
        used.add(key)
        after = re.match(r"\s?['’]s?\b", continuation[last:])
        if after is not None:
            last += after.end()
        out += cased_for(req, req.form(req.possessive or after is not None), typed + out)
    return out + continuation[last:]


def _slots(prepared: Prepared) -> list[Requirement]:
    return [r for r in prepared.requirements if r.placeholder]


def _forms(req: Requirement) -> list[str]:
    """The spellings of a requirement's term a translator may have typed, longest first."""
    forms = {req.text, req.base, req.form(not req.possessive)}
    forms |= {f[:1].upper() + f[1:] for f in list(forms) if f}
    return sorted((f for f in forms if f), key=len, reverse=True)
