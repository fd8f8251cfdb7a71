"""The ``plurals`` check: a plural entry with a form left empty.

A gettext plural entry (``msgid_plural``) has one ``msgstr[n]`` per plural form of the
target language. When the first form is written and another is empty, programs print an
empty string for those numbers, and ``msgfmt -c`` refuses the catalogue when the entry is
a format string; Weblate calls this check ``plurals`` ("Missing plurals").
"""

from __future__ import annotations

from collections.abc import Iterable

from workbench.domain.checks.base import Check, CheckContext, Issue, Severity
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
