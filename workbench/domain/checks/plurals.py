"""The ``plurals`` check: a plural entry with a form left empty.

A gettext plural entry (``msgid_plural``) has one ``msgstr[n]`` per plural form of the
target language. When the first form is written and another is empty, programs print an
empty string for those numbers, and ``msgfmt -c`` refuses the catalogue when the entry is
a format string; Weblate calls this check ``plurals`` ("Missing plurals").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from workbench.domain.catalog import nplurals_of
from workbench.domain.checks.base import Check, CheckContext, Finding, Issue, Severity
from workbench.domain.units import Unit, form_name


class Plurals(Check):
    """Plural form left empty

    A plural entry whose translation is written in some forms (``msgstr[0]``, …) but not
    in all of them: gettext shows nothing for the numbers the empty form stands for, and
    ``msgfmt -c`` refuses format strings so. In the editor, fill every form.
    """

    id = "plurals"
    severity = Severity.ERROR
    weblate = ("plurals",)
    needs_target = False

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        count = len(unit.forms)
        for index in unit.missing_forms:
            yield Issue(f"plural form {form_name(index, count)} is empty", term=f"msgstr[{index}]")


#: The counts ``msgfmt -c`` tries a plural expression on.
PLURAL_PROBE = range(1000)


def plural_expression_problem(plural_forms: str, nplurals: int) -> str | None:
    """What is wrong with a ``Plural-Forms`` header's ``plural=`` expression, as ``msgfmt
    -c`` refuses it: missing, not a C expression gettext can read, or giving a form number
    outside ``0 … nplurals-1`` for some count."""
    match = re.search(r"plural\s*=\s*([^;]*)", plural_forms.replace("nplurals", ""))
    if match is None or not match.group(1).strip():
        return "the header's Plural-Forms has no plural= expression"
    expression = match.group(1).strip()
    from gettext import c2py  # the C-expression reader gettext itself uses for .mo files

    try:
        form = c2py(expression)
        largest = max(form(n) for n in PLURAL_PROBE)
    except (ValueError, SyntaxError, RecursionError, ZeroDivisionError):
        return f"the header's plural expression {expression!r} is no valid C expression"
    if largest >= nplurals:
        return (
            f"the header's plural expression {expression!r} gives form {largest}, "
            f"but nplurals = {nplurals}"
        )
    return None


def header_finding(units: Sequence[Unit], plural_forms: str, file: str = "") -> Finding | None:
    """An error on the first plural entry of a catalogue whose header has no ``nplurals``
    (``Plural-Forms``) or a plural expression gettext cannot use (see
    :func:`plural_expression_problem`): gettext cannot pick a form, and ``msgfmt -c``
    refuses the file.
    (A plural entry with another number of forms than ``nplurals`` is refused when the
    file is read, with its line, as ``msgfmt -c`` refuses it.)"""
    first = next((u for u in units if u.source_plural is not None and not u.obsolete), None)
    if first is None:
        return None
    nplurals = nplurals_of(plural_forms)
    problem = (
        "the catalogue has plural entries but its header has no Plural-Forms nplurals"
        if nplurals is None
        else plural_expression_problem(plural_forms, nplurals)
    )
    if problem is None:
        return None
    return Finding(
        Plurals.id,
        Severity.ERROR,
        f'{problem}: write "Plural-Forms: nplurals=2; plural=(n != 1);\\n" (English) in the header',
        first.id,
        first.source,
        first.target,
        first.line,
        file=file,
    )
