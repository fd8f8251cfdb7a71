"""The ``tags`` check: markup and placeholders come through translation whole.

A translation that drops ``%s`` crashes the program that formats it; one that drops
``</b>`` or the workbench tag ``</a0>`` breaks the page or the exported document. So every
tag and placeholder of the source (see :mod:`workbench.domain.tags`) must appear in the
translation as often as in the source, paired tags must open before they close and nest
properly, and plain ``%s``/``%d`` placeholders (which printf fills in order) must keep
their order. Placeholders with a position (``%1$s``) or a name (``%(name)s``, ``{name}``)
may move. The singular form of a plural entry may leave out its last printf arguments, as
``msgfmt -c`` allows (``%lu block`` → ``one block``). Braces are placeholders only in a
brace-formatted entry (a flag of :data:`BRACE_FORMATS`, or the project's ``[check]
braces``), as Weblate checks them only with the format flag; words in angle brackets are
tags only when they are markup (:func:`workbench.domain.tags.find_tags`), so translated
metavariables (``--backupdir=<Verz>`` → ``--backupdir=<dir>``, also ``<Schriftart>`` →
``<font>``, an HTML element's name) pass. A date format for ``strftime`` (``%d. %b %Y``)
is localised, not kept: its directives are not compared. A ``sh-format`` entry's shell
variables (``$FILE``, ``${FILE}``) are read as ``msgfmt -c`` reads them: the translation
may use only the source's, and must use them all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from workbench.domain.checks.base import Check, CheckContext, Issue, Severity
from workbench.domain.checks.software import (
    GCC_DIRECTIVE,
    expand_abbreviations,
    gcc_diagnostic,
    strftime_format,
)
from workbench.domain.patterns import when_used
from workbench.domain.tags import Tag, TagRole, find_tags, nesting_errors
from workbench.domain.units import Unit

#: gettext's format flags of languages whose placeholders are written in braces.
BRACE_FORMATS = frozenset(
    {"python-brace-format", "perl-brace-format", "csharp-format", "java-format", "rust-format"}
)


#: gettext's format flags of languages with printf placeholders (``sh-format`` is no
#: printf: its placeholders are shell variables, see :func:`_shell_problems`).
PRINTF_FORMATS = frozenset({"c-format", "objc-format", "python-format", "php-format", "awk-format"})


def brace_formatted(unit: Unit, context: CheckContext) -> bool:
    """Whether ``{name}`` is a placeholder in this unit's strings."""
    return context.braces or any(f in BRACE_FORMATS for f in unit.flags)


class Tags(Check):
    """Tags or placeholders differ

    A tag or placeholder of the source is missing from the translation or doubled, one
    was added, paired tags do not nest, or ordered printf placeholders changed order:
    inline tags of documents (<b0>…</b0>, <c1/>), printf (%s, %(name)s, %1$s), braces
    ({name}, {0}) and HTML/XML tags.
    """

    id = "tags"
    severity = Severity.ERROR
    pofilter = ("variables", "xmltags", "printf")
    weblate = (
        "placeholders",
        "xml-tags",
        "python-format",
        "python-brace-format",
        "c-format",
        "php-format",
        "java-printf-format",
    )

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        # gettext compares every form of a plural entry with msgid_plural
        source = unit.source if unit.source_plural is None else unit.source_plural
        target = unit.target
        if "sh-format" in unit.flags:
            yield from _shell_problems(source, target, strict=not _singular_form(unit))
        if not any(c in source or c in target for c in "<%{"):
            return  # the common case, without a regex scan
        if "@" in source or "@" in target:  # e2fsprogs' @E stands for "entry '%Dn' in %p (%i)"
            source, target = expand_abbreviations(source), expand_abbreviations(target)
        key_of, wanted, found = _tags_of(unit, source, target, brace_formatted(unit, context))
        if not wanted and not found:
            return
        singular = _singular_form(unit)
        if singular or _positioned(wanted) != _positioned(found):
            # one side numbers its printf arguments (%2$s), the other fills them in order
            # (%s): compare both as numbered, as printf reads them
            wanted, found = _numbered(wanted), _numbered(found)
        have, need = Counter(map(key_of, found)), Counter(map(key_of, wanted))
        written = {key_of(t): t.text for t in (*found, *wanted)}
        may_omit = _omissible(wanted, found, key_of) if singular else set()
        for key, n in (need - have).items():
            if key in may_omit:
                continue
            text = written[key]
            yield Issue(f"missing {text}" + (f" ({n}×)" if n > 1 else ""), text)
        for key, n in (have - need).items():
            text = written[key]
            where = "not in the source" if key not in need else f"{n}× more than in the source"
            yield Issue(f"{text} is {where}", text)
        if not nesting_errors(wanted):
            for problem in nesting_errors(found):
                yield Issue(problem)
        order, now = _ordered(wanted), _ordered(found)
        keys, now_keys = [key_of(t) for t in order], [key_of(t) for t in now]
        if keys and now_keys != keys and Counter(keys) == Counter(now_keys):
            yield Issue(
                "printf placeholders changed order: "
                + " ".join(t.text for t in now)
                + f" (the source has {' '.join(t.text for t in order)}; use %1$s, %2$d… "
                "to reorder)"
            )


#: A printf placeholder's parts: argument (number or name), flags, width, precision,
#: length and conversion.
_PRINTF_PARTS = when_used(
    r"%(\d+\$|\([^)]*\))?[-+#0' ]*(\d+|\*)?(?:\.(\d+|\*))?(hh|h|ll|l|L|q|j|z|t)?(.)"
)
#: Conversions that read the same argument type (msgfmt -c accepts one for the other).
_SAME_TYPE = str.maketrans("iouxXeEFgGaA", "duuuufffffff")


def _key(tag: Tag) -> str:
    """What must agree between source and translation: for a printf placeholder its
    argument and the type it reads, as ``msgfmt -c`` compares them (``%i`` ≡ ``%d``,
    ``%02X`` ≡ ``%x``, ``%5.2f`` ≡ ``%f``; a ``*`` width reads an argument of its own);
    any other tag as written."""
    m = _PRINTF_PARTS().fullmatch(tag.text) if tag.family == "printf" else None
    if m is None:
        return tag.text
    argument, width, precision, length, conversion = m.groups()
    stars = "*" * ((width == "*") + (precision == "*"))
    return f"%{argument or ''}{stars}{length or ''}{conversion.translate(_SAME_TYPE)}"


def _gcc_key(tag: Tag) -> str:
    """:func:`_key` in a GCC diagnostic, where ``q`` is no length but a flag that quotes
    the argument: ``%qs`` is ``%<%s%>`` (the quoting directives take no argument), and
    ``%q+D`` reads what ``%qD`` reads."""
    return _key(tag._replace(text=_GCC_MODIFIERS().sub("", tag.text)))


#: GCC's ``q`` (quote) and ``+`` (location) modifiers after ``%`` or ``%1$``.
_GCC_MODIFIERS = when_used(r"(?<=[%$])[q+#]+")


def _tags_of(
    unit: Unit, source: str, target: str, braces: bool
) -> tuple[Callable[[Tag], str], list[Tag], list[Tag]]:
    """How tags are compared (their key) and the tags of source and target, read in the
    entry's format: a GCC diagnostic's directives, or printf's."""
    if gcc_diagnostic(unit.flags, source, target):
        return _gcc_key, _gcc_tags(source, braces), _gcc_tags(target, braces)
    formatted = any(f in PRINTF_FORMATS for f in unit.flags)
    wanted, found = find_tags(source, braces, formatted), find_tags(target, braces, formatted)
    if not formatted and _unflagged(unit.flags):
        if strftime_format(source) and strftime_format(target):
            # a date format: each language writes its own fields (%d. %b ↔ %b %e)
            wanted, found = _no_printf(wanted), _no_printf(found)
        elif _has_printf(wanted) or _has_printf(found):
            # a catalogue turned back from .mo keeps no flags; xgettext flags a string
            # with a printf directive c-format (on either side: a catalogue may be turned
            # round), where %s may precede a letter (%sd, the German genitive %ss)
            wanted, found = find_tags(source, braces, True), find_tags(target, braces, True)
    return _key, *_without_translated_metavariables(source, target, wanted, found)


def _no_printf(tags: list[Tag]) -> list[Tag]:
    return [t for t in tags if t.family != "printf"]


#: A word in angle brackets: markup, or a metavariable of a help text (``<Verz>``).
_ANGLE_WORD = when_used(r"<[^\W\d_][\w-]*>")


def _without_translated_metavariables(
    source: str, target: str, wanted: list[Tag], found: list[Tag]
) -> tuple[list[Tag], list[Tag]]:
    """The tags of each side without the metavariables the translation translated into an
    HTML element's name: ``<Schriftart>`` → ``<font>`` (vim's help) is a word in brackets
    that is never closed, has no attributes and stands where the other side has a
    metavariable, not markup. Up to as many are left out as the other side has
    metavariables; ``<b>`` in both, or a ``<font>`` that is closed, stays markup."""
    return (
        _unclosed_words(wanted, found, _metavariables(target, found)),
        _unclosed_words(found, wanted, _metavariables(source, wanted)),
    )


def _metavariables(text: str, tags: list[Tag]) -> int:
    """How many words in angle brackets of ``text`` are no markup (not among its tags)."""
    if "<" not in text:
        return 0
    markup = {t.start for t in tags}
    return sum(m.start() not in markup for m in _ANGLE_WORD().finditer(text))


def _unclosed_words(tags: list[Tag], others: list[Tag], allowed: int) -> list[Tag]:
    if not allowed:
        return tags
    closed = {t.key for t in tags if t.role is TagRole.CLOSE}
    other_keys = {t.key for t in others}
    kept: list[Tag] = []
    for tag in tags:
        word = (
            tag.family == "xml"
            and tag.role is TagRole.OPEN
            and tag.text == f"<{tag.key}>"
            and tag.key not in closed
            and tag.key not in other_keys
        )
        if word and allowed:
            allowed -= 1
            continue
        kept.append(tag)
    return kept


#: A shell variable as ``envsubst`` and ``msgfmt -c`` read a sh-format string: ``$`` and
#: an ASCII name (not starting with a digit), or the name in braces; anything else after
#: ``$`` is refused (``$1``, ``$$``, ``${x:-default}``, ``${}``, a ``$`` at the end).
_SHELL_VARIABLE = when_used(
    r"\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\}|(\{[^}]*\}?|.?))", re.ASCII | re.DOTALL
)


def _shell_variables(text: str) -> tuple[set[str], str]:
    """The names of a sh-format string's variables, and why it is no valid one (empty: it
    is)."""
    names: set[str] = set()
    for m in _SHELL_VARIABLE().finditer(text):
        name = m.group(1) or m.group(2)
        if name is None:
            bad = m.group(3)
            if not bad or (bad.startswith("{") and not bad.endswith("}")):
                return names, f"the shell variable at “{m.group()}” is not finished"
            if bad.startswith("{"):
                return names, f"“{m.group()}” is no plain shell variable (use ${{NAME}})"
            return names, f"“{m.group()}” is no shell variable (a name must follow $)"
        names.add(name)
    return names, ""


def _shell_problems(source: str, target: str, strict: bool) -> Iterable[Issue]:
    """A sh-format entry as ``msgfmt -c`` checks it: the translation refers only to the
    source's variables, and to every one of them (``strict``: not a singular form, which
    may leave some out), and is a valid shell format itself; a source that is no valid
    one is not checked."""
    wanted, invalid = _shell_variables(source)
    if invalid:
        return
    found, invalid = _shell_variables(target)
    if invalid:
        yield Issue(f"not a valid sh-format string, unlike the source: {invalid}")
        return
    for name in sorted(found - wanted):
        yield Issue(f"${name} is not in the source", f"${name}")
    if strict:
        for name in sorted(wanted - found):
            yield Issue(f"missing ${name}", f"${name}")


def _unflagged(flags: Iterable[str]) -> bool:
    """No format flag at all (``c-format``, ``no-c-format``, ``python-format``…)."""
    return not any(f.endswith("-format") for f in flags)


def _has_printf(tags: Iterable[Tag]) -> bool:
    return any(t.family == "printf" for t in tags)


#: A GCC directive or ``%%``: GCC's directives that read no argument are left out.
_GCC_SCAN = when_used(rf"%%|{GCC_DIRECTIVE}")
_GCC_NO_ARGUMENT = frozenset({"%%", "%<", "%>", "%'", "%m"})


def _gcc_tags(text: str, braces: bool) -> list[Tag]:
    """The tags of a GCC diagnostic: markup, and every directive that reads an argument
    (``%qD``, ``%2$L``, ``%s``) as a printf placeholder; the quoting directives ``%<``,
    ``%>`` and ``%'`` read none, as ``msgfmt -c`` has it for gcc-internal-format."""
    tags = [t for t in find_tags(text, braces, formatted=True) if t.family != "printf"]
    tags += [
        Tag(m.group(), m.start(), m.end(), TagRole.ALONE, m.group(), "printf")
        for m in _GCC_SCAN().finditer(text)
        if m.group() not in _GCC_NO_ARGUMENT
    ]
    return sorted(tags, key=lambda t: t.start)


def _singular_form(unit: Unit) -> bool:
    """Whether the unit's target is the singular form of a two-form plural entry
    (``msgstr[0]`` for n = 1). It may leave out printf arguments ("one file" for
    ``%d file``), as ``msgfmt -c`` allows in a form that stands for one number only; the
    arguments it keeps must be the source's, as printf reads them. The other forms, and
    every form of a language with more forms (whose first form stands for 1, 21, 31…),
    must keep them all."""
    return unit.source_plural is not None and len(unit.forms) == 2


def _omissible(wanted: list[Tag], found: list[Tag], key_of: Callable[[Tag], str]) -> set[str]:
    """The numbered printf arguments of the source (as :func:`_key` names them) a
    singular form may leave out: the last ones (printf cannot skip argument 1 and read
    argument 2), so the arguments the form keeps must be 1…k."""
    kept = {int(n) for t in found if t.family == "printf" for n in _ARGUMENT().findall(t.text)}
    if kept != set(range(1, len(kept) + 1)):
        return set()
    return {
        key_of(t)
        for t in wanted
        if t.family == "printf" and all(int(n) > len(kept) for n in _ARGUMENT().findall(t.text))
    }


_ARGUMENT = when_used(r"^%(\d+)\$")


def _positioned(tags: Iterable[Tag]) -> bool:
    """Whether the printf placeholders of a text name their argument (``%2$s``)."""
    return any(t.family == "printf" and "$" in t.text for t in tags)


def _numbered(tags: list[Tag]) -> list[Tag]:
    """The tags with each printf placeholder filled in order written with its argument's
    number (``%s %d`` → ``%1$s %2$d``); numbered and named ones as they are."""
    if _positioned(tags):
        return tags
    out: list[Tag] = []
    n = 0
    for tag in tags:
        if tag.family == "printf" and "(" not in tag.text:
            n += 1
            out.append(tag._replace(text=f"%{n}${tag.text[1:]}"))
        else:
            out.append(tag)
    return out


def _ordered(tags: Iterable[Tag]) -> list[Tag]:
    """The printf placeholders that are filled in order (no position, no name)."""
    return [
        t
        for t in tags
        if t.family == "printf"
        and t.role is TagRole.ALONE
        and "$" not in t.text
        and "(" not in t.text
    ]
