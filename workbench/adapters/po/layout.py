"""Writing PO entries in GNU gettext's own layout, as ``msgcat`` and ``msgmerge`` do.

The rules are gettext 0.21's ``write-po.c``: comments in the order translator (``#``),
extracted (``#.``), references (``#:``, filled to the page width), flags (``#,``),
previous strings (``#|``); strings escaped with ``\\n \\t \\" \\\\`` and friends, cut after
every ``\\n`` and filled to 79 columns with gnulib's line breaker (:mod:`.linebreak`), never
inside a format directive of the entry's language; a string that does not fit on its
keyword's line starts with ``""``. ``Layout.width = 0`` writes what ``msgcat --no-wrap``
writes, and an entry flagged ``no-wrap`` is never filled.

:func:`render_entry` writes an entry from its values alone. :func:`rerender_entry` writes
a changed entry over the text it was read from: every part whose value did not change
(a comment block, the msgid, …) keeps its original lines, so an edit of the translation
changes only the msgstr lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from workbench.adapters.po.linebreak import PROHIBITED, width_breaks
from workbench.domain.catalog import PoEntry

#: gettext's default page width (``msgcat --width``).
PAGE_WIDTH = 79
_NO_WIDTH = 2**31 - 1  # INT_MAX, the width gettext uses when it does not wrap

_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    "\\": "\\\\",
    '"': '\\"',
}
_NEEDS_ESCAPE = re.compile(r'[\a\b\f\n\r\t\v\\"]')


class Layout(NamedTuple):
    """How a file's strings are laid out: page width (0: not wrapped), and its charset's widths."""

    width: int = PAGE_WIDTH
    wide_cjk: bool = False


#: gettext's default: filled at 79 columns, a charset without double-width characters.
GETTEXT = Layout()


#: The format-string languages in gettext's order (``format_language``): the first one an
#: entry's flags name decides where its strings may not be broken.
FORMAT_LANGUAGES = [
    "c",
    "objc",
    "python",
    "python-brace",
    "java",
    "java-printf",
    "csharp",
    "javascript",
    "scheme",
    "lisp",
    "elisp",
    "librep",
    "ruby",
    "sh",
    "awk",
    "lua",
    "object-pascal",
    "smalltalk",
    "qt",
    "qt-plural",
    "kde",
    "kde-kuit",
    "boost",
    "tcl",
    "perl",
    "perl-brace",
    "php",
    "gcc-internal",
    "gfc-internal",
    "ycp",
]

_C_DIRECTIVE = re.compile(
    r"%(?:[0-9]+\$)?[-+ #0'I]*(?:[0-9]+|\*(?:[0-9]+\$)?)?(?:\.(?:[0-9]+|\*(?:[0-9]+\$)?)?)?"
    r"(?:hh|h|ll|l|L|q|j|z|Z|t)?(?:[diouxXeEfFgGaAcCsSpnm%]|<[A-Za-z0-9_]+>)"
)
_PYTHON_DIRECTIVE = re.compile(
    r"%(?:\([^)]*\))?[-+ #0]*(?:[0-9]+|\*)?(?:\.(?:[0-9]+|\*)?)?[hlL]?[diouxXeEfFgGcrsa%]"
)
_DIRECTIVES = {"c": _C_DIRECTIVE, "objc": _C_DIRECTIVE, "python": _PYTHON_DIRECTIVE}


def format_language(flags: Sequence[str]) -> str | None:
    """The first format language (gettext's order) the flags declare or call possible."""
    for language in FORMAT_LANGUAGES:
        if f"{language}-format" in flags or f"possible-{language}-format" in flags:
            return language
    return None


def directive_spans(value: str, language: str | None) -> list[tuple[int, int]]:
    """Where the format directives of ``value`` are, for the languages the writer knows.

    Like gettext's parsers, the scan stops at the first ``%`` that starts no valid
    directive.
    """
    pattern = _DIRECTIVES.get(language or "")
    if pattern is None or "%" not in value:
        return []
    spans = []
    at = value.find("%")
    while at >= 0:
        match = pattern.match(value, at)
        if match is None:
            break
        spans.append(match.span())
        at = value.find("%", match.end())
    return spans


def escape(text: str) -> str:
    """A value as it stands between the quotes of a PO string."""
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group()], text)


def string_lines(
    keyword: str,
    value: str,
    layout: Layout,
    *,
    prefix: str = "",
    wrap: bool = True,
    language: str | None = None,
) -> list[str]:
    """``keyword "value"`` as gettext writes it, one item per output line (no line ends).

    ``prefix`` starts every line (``#~ `` for obsolete entries, ``#| `` for previous
    strings); ``wrap`` is false for an entry flagged ``no-wrap``.
    """
    after_break = len(prefix) + 1
    width = (layout.width if wrap and layout.width else _NO_WIDTH) - 1 - after_break
    spans = directive_spans(value, language)
    lines: list[str] = []
    first = True
    start = 0
    size = len(value)
    while True:
        end = value.find("\n", start)
        end = size if end < 0 else end + 1
        portion = value[start:end]
        escaped = escape(portion)
        more = end < size
        overrides = _overrides(portion, start, spans)
        column = len(prefix) + (len(keyword) + 2 if first else 1) - after_break
        breaks = _breaks(escaped, overrides, width, column, layout)
        if first and escaped and (more or column > width or breaks):
            lines.append(f'{prefix}{keyword} ""')
            first = False
            column = len(prefix) + 1 - after_break
            breaks = _breaks(escaped, overrides, width, column, layout)
        head = f"{prefix}{keyword} " if first else prefix
        first = False
        cut = 0
        for at in breaks:
            lines.append(f'{head}"{escaped[cut:at]}"')
            head = prefix
            cut = at
        lines.append(f'{head}"{escaped[cut:]}"')
        start = end
        if start >= size:
            return lines


def _overrides(portion: str, offset: int, spans: list[tuple[int, int]]) -> list[int | None]:
    """Per character of the escaped portion: no break inside an escape or a format directive."""
    overrides: list[int | None] = []
    for i, char in enumerate(portion):
        inside = any(s < offset + i < e for s, e in spans)
        overrides.append(PROHIBITED if inside else None)
        if char in _ESCAPES:
            overrides.append(PROHIBITED)
    if portion.endswith("\n"):
        overrides[-2] = PROHIBITED  # never break just before the "\n" at the end
    return overrides


def _breaks(
    escaped: str, overrides: list[int | None], width: int, column: int, layout: Layout
) -> list[int]:
    """Where gettext breaks one ``\\n``-delimited portion (positions in ``escaped``)."""
    if not escaped:
        return []
    if (
        column + len(escaped) <= width
        and not layout.wide_cjk
        and (escaped.isascii() or max(escaped) < "\u1100")
    ):
        return []  # it fits: no character is wider than one column
    return width_breaks(escaped, width, column, overrides, layout.wide_cjk)


def reference_lines(references: Sequence[str], width: int = PAGE_WIDTH) -> list[str]:
    """``#:`` lines: references filled to the page width as gettext fills them."""
    lines: list[str] = []
    line = "#:"
    column = 2
    for ref in references:
        size = len(ref) + 1
        if column > 2 and column + size > width:
            lines.append(line)
            line, column = "#:", 2
        line += f" {ref}"
        column += size
    lines.append(line)
    return lines


def comment_lines(marker: str, values: Sequence[str]) -> list[str]:
    """Comment lines as gettext writes them: ``#`` / ``#.``, a space, the text."""
    return [f"{marker} {v}" if v else marker for v in values]


def flag_line(entry: PoEntry) -> list[str]:
    """The ``#,`` line (empty list when there is nothing to flag).

    gettext leaves ``fuzzy`` out when the translation is empty; other flags are written
    in their order.
    """
    flags = entry.flags
    if "fuzzy" in flags and not entry.msgstr and not entry.obsolete:
        flags = tuple(f for f in flags if f != "fuzzy")
    return [f"#, {', '.join(flags)}"] if flags else []


# --- entries ------------------------------------------------------------------------------


def _strings(entry: PoEntry, layout: Layout, name: str) -> list[str]:
    """The lines of one string part of ``entry``: ``msgctxt``, ``msgid``, ``msgstr[1]``, …"""
    prefix = "#~ " if entry.obsolete else ""
    wrap = "no-wrap" not in entry.flags
    language = format_language(entry.flags)
    value = _string_value(entry, name)
    if value is None:
        return []
    return string_lines(name, value, layout, prefix=prefix, wrap=wrap, language=language)


def _string_value(entry: PoEntry, name: str) -> str | None:
    getter = _STRINGS.get(name)
    if getter is not None:
        return getter(entry)
    if name == "msgstr":
        return entry.msgstr if entry.msgid_plural is None else None
    index = int(name[len("msgstr[") : -1])
    if entry.msgid_plural is None or index > len(entry.plurals):
        return None
    return entry.msgstrs[index]


def _previous(entry: PoEntry, layout: Layout) -> list[str]:
    prefix = "#~| " if entry.obsolete else "#| "
    wrap = "no-wrap" not in entry.flags
    language = format_language(entry.flags)
    lines: list[str] = []
    for keyword, value in (
        ("msgctxt", entry.previous_msgctxt),
        ("msgid", entry.previous_msgid),
        ("msgid_plural", entry.previous_msgid_plural),
    ):
        if value is not None:
            lines += string_lines(
                keyword, value, layout, prefix=prefix, wrap=wrap, language=language
            )
    return lines


def _string_names(entry: PoEntry) -> list[str]:
    names = ["msgctxt"] if entry.msgctxt is not None else []
    names.append("msgid")
    if entry.msgid_plural is None:
        return [*names, "msgstr"]
    return [*names, "msgid_plural", *(f"msgstr[{i}]" for i in range(len(entry.msgstrs)))]


_PARTS: dict[str, Callable[[PoEntry, Layout], list[str]]] = {
    "comments": lambda e, _: comment_lines("#", e.comments),
    "extracted": lambda e, _: comment_lines("#.", e.extracted),
    "references": lambda e, _: reference_lines(e.references) if e.references else [],
    "flags": lambda e, _: flag_line(e),
    "previous": _previous,
}
#: gettext's order of an entry's parts.
_ORDER = ["comments", "extracted", "references", "flags", "previous"]


def _rank(part: str) -> tuple[int, int]:
    if part in _PARTS:
        return (_ORDER.index(part), 0)
    if part.startswith("msgstr["):
        return (len(_ORDER) + 3, int(part[7:-1]))
    return (len(_ORDER) + ["msgctxt", "msgid", "msgid_plural", "msgstr"].index(part), 0)


def _part_lines(entry: PoEntry, part: str, layout: Layout) -> list[str]:
    maker = _PARTS.get(part)
    return maker(entry, layout) if maker is not None else _strings(entry, layout, part)


def render_entry(entry: PoEntry, layout: Layout = GETTEXT, newline: str = "\n") -> str:
    """The entry as ``msgcat`` writes it, every line ended by ``newline``."""
    lines: list[str] = []
    for part in (*_ORDER, *_string_names(entry)):
        lines += _part_lines(entry, part, layout)
    return newline.join(lines) + newline


_STRINGS: dict[str, Callable[[PoEntry], str | None]] = {
    "msgctxt": lambda e: e.msgctxt,
    "msgid": lambda e: e.msgid,
    "msgid_plural": lambda e: e.msgid_plural,
}
#: What each comment part of an entry holds (two entries with equal values write the same).
_COMMENT_VALUES: dict[str, Callable[[PoEntry], object]] = {
    "comments": lambda e: e.comments,
    "extracted": lambda e: e.extracted,
    "references": lambda e: e.references,
    "flags": flag_line,
    "previous": lambda e: (e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural),
}


def _part_value(entry: PoEntry, part: str) -> object:
    getter = _COMMENT_VALUES.get(part)
    return getter(entry) if getter is not None else _string_value(entry, part)


_LINE_KIND = {".": "extracted", ":": "references", ",": "flags", "!": "flags", "|": "previous"}
_KEYWORD = re.compile(r"[ \t]*(msgctxt|msgid_plural|msgid|msgstr(?:\[[0-9]+\])?)[ \t]*\"")


def entry_parts(raw: str) -> list[tuple[str, str]] | None:
    """The lines of an entry's text grouped into its parts, in order; ``None`` if unusual.

    Each item is (part, text) with the text's line ends. Parts: ``comments``,
    ``extracted``, ``references``, ``flags``, ``previous``, and one per keyword
    (``msgstr[1]``…). Lines that continue a string belong to its keyword; blank lines to
    the part before them. A line holding two keywords makes the entry unusual.
    """
    parts: list[tuple[str, str]] = []
    for line in raw.splitlines(keepends=True):
        body = line
        if line.startswith("#~"):
            body = line[2:]
            if body.startswith("|"):
                parts.append(("previous", line))
                continue
        elif line.startswith("#"):
            parts.append((_LINE_KIND.get(line[1:2], "comments"), line))
            continue
        match = _KEYWORD.match(body)
        if match is not None:
            name = match.group(1)
            if _KEYWORD.search(body, match.end()) or any(p == name for p, _ in parts):
                return None
            parts.append((name, line))
        elif parts and (not body.strip() or body.lstrip().startswith('"')):
            parts.append((parts[-1][0], line))
        else:
            return None
    return parts


def rerender_entry(
    old: PoEntry, new: PoEntry, raw: str, layout: Layout = GETTEXT, newline: str = "\n"
) -> str:
    """``new`` written over ``raw``, the text ``old`` was read from, changing only what changed.

    Parts whose value is the same keep their lines byte for byte; changed parts are
    written in gettext's layout where they stood (a new part where gettext puts it);
    comment lines whose text is kept keep their original spelling. An entry whose text
    is unusual, or that becomes obsolete or live, is written whole.
    """
    parts = entry_parts(raw) if old.obsolete == new.obsolete else None
    if parts is None:
        return render_entry(new, layout, newline)
    changed = _changed_parts(old, new)
    if not changed:
        return raw
    out: list[tuple[str, str]] = []
    for name, text in parts:
        if name not in changed:
            out.append((name, text))
        elif all(n != name for n, _ in out):
            out.append((name, _changed_part(new, name, parts, layout, newline)))
    for name in sorted(changed - {n for n, _ in out}, key=_rank):
        at = next((i for i, (n, _) in enumerate(out) if _rank(n) > _rank(name)), len(out))
        out.insert(at, (name, _changed_part(new, name, parts, layout, newline)))
    return "".join(text for _, text in out)


def _changed_parts(old: PoEntry, new: PoEntry) -> set[str]:
    """The parts of the entry to write anew: those whose value changed, and every string
    when the format language or ``no-wrap`` changed (they decide how strings are split)."""
    restring = format_language(old.flags) != format_language(new.flags) or (
        "no-wrap" in old.flags
    ) != ("no-wrap" in new.flags)
    names = [*_ORDER, *_string_names(old), *_string_names(new)]
    return {
        name
        for name in names
        if _part_value(old, name) != _part_value(new, name)
        or (restring and name not in _PARTS.keys() - {"previous"})
    }


def _comment_value(line: str, marker: str) -> str | None:
    """What gettext reads from one ``#`` or ``#.`` line (``None``: not such a line)."""
    if not line.startswith(marker):
        return None
    body = line[len(marker) :].rstrip("\r\n")
    return body[1:] if body.startswith(" ") else body


def _changed_part(
    new: PoEntry, name: str, parts: list[tuple[str, str]], layout: Layout, newline: str
) -> str:
    if name in ("comments", "extracted"):
        # lines whose text stays keep their original spelling (``#@ x``, ``#.x``)
        marker = "#" if name == "comments" else "#."
        spelled: dict[str, str] = {}
        for part, text in parts:
            value = _comment_value(text, marker) if part == name else None
            if value is not None:
                spelled.setdefault(value, text.rstrip("\r\n"))
        values = new.comments if name == "comments" else new.extracted
        lines = [spelled.get(v) or comment_lines(marker, [v])[0] for v in values]
    else:
        lines = _part_lines(new, name, layout)
    return "".join(line + newline for line in lines)
