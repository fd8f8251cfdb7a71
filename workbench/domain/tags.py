"""Tags and placeholders in a text: what must come through translation unchanged.

Two families share one reader here, so the ``tags`` check, MT drafting and the editor
agree on what a tag is:

- the workbench's own inline tags in segments of documents: ``<b0>…</b0>`` (paired),
  ``<c1/>`` (standing alone), numbered per segment as OmegaT numbers them;
- the placeholders of software strings: printf (``%s``, ``%d``, ``%(name)s``,
  ``%1$s``), Python/ICU braces (``{name}``, ``{0}``, ``{count:>3}``) and HTML/XML tags
  (``<b>``, ``</b>``, ``<br/>``, ``<a href="…">``).

What is *not* a tag, as Weblate decides it: a word in angle brackets that is no markup —
the metavariables of help texts (``--backupdir=<Verz>``, ``<Zeilenumbruch>``, ``<TAB>``),
which translators translate. ``<name>`` is markup when it is a well-known HTML element
written in lower case (``<b>``, ``<br>``), has attributes (``<x href="…">``), closes
itself (``<x/>``), or is closed (``<x>…</x>``) or opened in the same text. Braces
(``{name}``) are placeholders only where the caller says the string is brace-formatted
(a ``python-brace-format`` flag or the project's ``[check] braces``): help texts write
``{GANZZAHL}`` for a value the user types.

Everything here is pure string work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from functools import cache
from typing import Literal, NamedTuple, cast

from workbench.domain.patterns import when_used

#: The workbench's inline tags: ``<b0>``, ``</b0>``, ``<c1/>``.
INLINE_TAG = re.compile(r"<(/?)([a-z]{1,2})(\d{1,3})(/?)>")


def _printf(flags: str) -> str:
    """A printf placeholder whose flags are among ``flags``."""
    return (
        rf"%(?:\d+\$|\([A-Za-z_][\w.]*\))?[{flags}]*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
        r"(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcrsaAp%@]"
    )


#: A printf placeholder as a string flagged c-format (python-format…) has it, as printf and
#: ``msgfmt -c`` read it: C's space flag counts (``% d`` is a conversion: "%d% done" has two),
#: and a letter may follow (the German genitive "des privaten %ss").
FORMATTED_PRINTF = _printf("-+ #0'")
#: The printf placeholders of software strings (``%%`` included; prose such as "50 % der"
#: or "100%ig" is not: no space flag, and no letter may follow).
PRINTF = _printf("-+#0'") + r"(?![A-Za-z])"


@cache
def _placeholders(printf: str) -> re.Pattern[str]:
    """Tags and placeholders with ``printf``'s placeholders (compiled when first used)."""
    return re.compile(
        r"(?P<inline><(?:/?[a-z]{1,2}\d{1,3}|[a-z]{1,2}\d{1,3}/)>)"
        r"|(?P<xml></?[A-Za-z][\w:.-]*(?:\s+[^<>]*?)?\s*/?>)"
        rf"|(?P<printf>{printf})"
        r"|(?P<brace>\{[A-Za-z_0-9][\w.\[\]]*(?:![rsa])?(?::[^{}]*)?\})"
    )


class TagRole(StrEnum):
    """Whether a tag opens a pair, closes one, or stands alone (placeholders stand alone)."""

    OPEN = "open"
    CLOSE = "close"
    ALONE = "alone"


#: Which kind of markup a tag is: a workbench inline tag (``<b0>``), an XML/HTML element,
#: a printf placeholder or a ``{name}`` placeholder (the names of the pattern's groups).
TagFamily = Literal["inline", "xml", "printf", "brace"]


class Tag(NamedTuple):
    """One tag or placeholder found in a text.

    ``key`` pairs an opening tag with its closing one (``b0`` for ``<b0>``/``</b0>``,
    ``a`` for ``<a href=…>``/``</a>``); ``text`` is exactly as written.
    """

    text: str
    start: int
    end: int
    role: TagRole
    key: str
    family: TagFamily


_XML_NAME = when_used(r"</?([A-Za-z][\w:.-]*)")
#: An attribute after the element name: ``href="…"``, ``class='x'``, ``width=3``.
_XML_ATTRIBUTE = when_used(r"^</?[A-Za-z][\w:.-]*\s+[A-Za-z_:][\w:.-]*\s*=")
#: HTML elements that are markup by their name alone (no pair, no attribute needed) when
#: written in lower case: the ones user-interface strings carry. Words that help texts use
#: as metavariables (``<var>``, ``<dir>``, ``<data>``, ``<time>``, ``<input>``, ``<source>``,
#: ``<title>``…) are left out: those count only as pairs, with attributes or as ``<x/>``.
HTML_MARKUP = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "blockquote",
        "br",
        "caption",
        "center",
        "cite",
        "code",
        "dd",
        "del",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "font",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "tt",
        "u",
        "ul",
        "wbr",
    ]
)
#: HTML elements that never take a closing tag (``<br>``, ``<img …>``).
HTML_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


def find_tags(text: str, braces: bool = True, formatted: bool = False) -> list[Tag]:
    """Every tag and placeholder in ``text``, in order (``%%`` is not a placeholder).

    ``braces``: whether ``{name}`` is a placeholder (a brace-formatted string);
    ``formatted``: whether the string is flagged printf-formatted (``c-format``…), where
    ``%s`` is a placeholder even with a letter after it (``%ss``). Words in angle brackets
    that are no markup (see the module's docstring) are not tags.
    """
    tags: list[Tag] = []
    names: set[str] | None = None
    pattern = _placeholders(FORMATTED_PRINTF if formatted else PRINTF)
    for m in pattern.finditer(text):
        raw = m.group()
        family = cast(TagFamily, m.lastgroup)  # the group that matched
        if family == "printf" and raw == "%%":
            continue
        if family == "brace" and not braces:
            continue
        if family == "xml":
            if names is None:
                names = _element_names(text)
            if not _is_markup(raw, names):
                continue
        key, role = _key_and_role(raw, family)
        tags.append(Tag(raw, m.start(), m.end(), role, key, family))
    return tags


def _key_and_role(raw: str, family: TagFamily) -> tuple[str, TagRole]:
    """What pairs a tag with its partner (an inline tag's letters and number, an element's
    lower-case name, a placeholder's text) and whether it opens, closes or stands alone."""
    if family == "inline":
        inner = INLINE_TAG.fullmatch(raw)
        assert inner is not None
        slash, letters, number, alone = inner.groups()
        return letters + number, (
            TagRole.ALONE if alone else TagRole.CLOSE if slash else TagRole.OPEN
        )
    if family == "xml":
        name = _XML_NAME().match(raw)
        key = name.group(1).lower() if name else raw
        if raw.startswith("</"):
            return key, TagRole.CLOSE
        if raw.endswith("/>") or key in HTML_VOID:
            return key, TagRole.ALONE
        return key, TagRole.OPEN
    return raw, TagRole.ALONE


def _element_names(text: str) -> set[str]:
    """``"open:x"`` / ``"close:x"`` for each element name opened or closed in ``text``."""
    found: set[str] = set()
    for m in re.finditer(r"<(/?)([A-Za-z][\w:.-]*)", text):
        found.add(("close:" if m.group(1) else "open:") + m.group(2))
    return found


def _is_markup(raw: str, names: set[str]) -> bool:
    """Whether an angle-bracket match is markup, not a word in brackets (``<Verz>``)."""
    name = _XML_NAME().match(raw)
    if name is None:
        return False
    word = name.group(1)
    if word in HTML_MARKUP or raw.endswith("/>") or _XML_ATTRIBUTE().match(raw):
        return True
    other = "open:" if raw.startswith("</") else "close:"
    return other + word in names


def nesting_errors(tags: Iterable[Tag]) -> list[str]:
    """What is wrong with how the paired tags of a text nest, in words (empty: all fine).

    Closing tags without an opening one, opening tags never closed, and pairs that cross
    (``<b0><i1></b0></i1>``) are reported.
    """
    problems: list[str] = []
    stack: list[Tag] = []
    crossed: set[str] = set()
    for tag in tags:
        if tag.role is TagRole.OPEN:
            stack.append(tag)
        elif tag.role is TagRole.CLOSE:
            if tag.key not in [t.key for t in stack]:
                if tag.key not in crossed:
                    problems.append(f"{tag.text} closes a tag that is not open")
                continue
            while stack[-1].key != tag.key:
                inner = stack.pop()
                crossed.add(inner.key)
                problems.append(f"{inner.text} and {tag.text} cross")
            stack.pop()
    problems.extend(f"{t.text} is never closed" for t in stack)
    return problems


def next_missing_tag(source: str, target: str, braces: bool = True) -> str | None:
    """The first tag, placeholder, tab character or line break at either end of the source
    (in source order) that the target has fewer times than the source: what the editor's
    "insert next tag" key types (a tab is a placeable too: the Tab key moves focus, and it
    is not seen on screen; a line break at an end must be in both, as ``msgfmt -c`` checks,
    while line breaks inside the text may differ, so those are left to Enter)."""

    def placeables(text: str) -> list[tuple[int, str]]:
        found = [(tag.start, tag.text) for tag in find_tags(text, braces)]
        found += [(m.start(), m.group()) for m in re.finditer("\t", text)]
        lead, trail = len(text) - len(text.lstrip("\n")), len(text) - len(text.rstrip("\n"))
        found += [(i, "\n") for i in {*range(lead), *range(len(text) - trail, len(text))}]
        return sorted(found)

    have: dict[str, int] = {}
    for _, text in placeables(target):
        have[text] = have.get(text, 0) + 1
    for _, text in placeables(source):
        if have.get(text, 0) > 0:
            have[text] -= 1
        else:
            return text
    return None


def inline_pairs_in_order(text: str) -> tuple[str, list[str]]:
    """The text with every inline pair the other way round (``</b0>…<b0>``, as MT models
    sometimes write them) put back in order; and the opening tags that were turned."""
    turned: list[str] = []
    for m in INLINE_TAG.finditer(text):
        slash, letters, number, alone = m.groups()
        if slash or alone:
            continue
        opening, closing = m.group(), f"</{letters}{number}>"
        i, j = text.find(opening), text.find(closing)
        if 0 <= j < i:
            text = (
                text[:j] + opening + text[j + len(closing) : i] + closing + text[i + len(opening) :]
            )
            turned.append(opening)
    return text, turned
