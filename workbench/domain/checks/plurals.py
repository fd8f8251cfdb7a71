"""The ``plurals`` check: a plural entry with a form left empty.

A gettext plural entry (``msgid_plural``) has one ``msgstr[n]`` per plural form of the
target language. When the first form is written and another is empty, programs print an
empty string for those numbers, and ``msgfmt -c`` refuses the catalogue when the entry is
a format string; Weblate calls this check ``plurals`` ("Missing plurals").
"""

from __future__ import annotations

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


def header_finding(units: Sequence[Unit], plural_forms: str, file: str = "") -> Finding | None:
    """An error on the first plural entry of a catalogue whose header has no ``nplurals``
    (``Plural-Forms``): gettext cannot pick a form, and ``msgfmt -c`` refuses the file.
    (A plural entry with another number of forms than ``nplurals`` is refused when the
    file is read, with its line, as ``msgfmt -c`` refuses it.)"""
    if nplurals_of(plural_forms) is not None:
        return None
    first = next((u for u in units if u.source_plural is not None and not u.obsolete), None)
    if first is None:
        return None
    return Finding(
        Plurals.id,
        Severity.ERROR,
        "the catalogue has plural entries but its header has no Plural-Forms nplurals: "
        'add "Plural-Forms: nplurals=2; plural=(n != 1);\\n" (English) to the header',
        first.id,
        first.source,
        first.target,
        first.line,
        file=file,
    )
