"""Markdown beyond CommonMark that documentation sites write: MDX (Docusaurus, Nextra,
Astro) and Hugo's shortcodes, as markdown-it-py rules.

- **MDX** (``.mdx``, read with :data:`Dialect.MDX`): ESM lines (``import … from …``,
  ``export const …``), JSX tags on lines of their own (``<Tabs groupId="x">``,
  ``</TabItem>``, ``<DocCardList />``, tags over several lines) and ``{expressions}`` (a
  line of its own, or inside text: ``{/* #id */}``) are markup: tokens of their own, kept
  byte for byte, never in a segment. As in MDX, indentation does not make code (MDX turns
  CommonMark's indented code off), so the prose inside ``<TabItem>`` indented by four
  spaces is paragraphs and lists to translate. JSX tags inside a sentence are inline HTML
  (tags ``<h0>…</h0>``).
- **Hugo shortcodes** (every Markdown document): ``{{< name … >}}`` and ``{{% name … %}}``
  on lines of their own are markup blocks (they also end a paragraph, as Hugo writes them);
  inside a sentence they are atoms (``<x0/>``); the body of a code shortcode
  (``{{< highlight go >}}`` … ``{{< /highlight >}}``) is code.
- **Heading attributes** ``{#id}`` / ``{#id .class}`` at a heading's end (Docusaurus, Hugo,
  kramdown, Pandoc): see :func:`heading_attributes`.

The prose of a tag's attributes that readers see (``label="Beispiel"``, ``title="…"``,
``alt``, ``text`` of a shortcode) is found by :func:`text_attribute_values` and offered as
a segment of its own, as HTML's ``alt`` and ``title`` are.

There is no maintained MDX parser for Python; these rules follow the MDX 2 syntax
(micromark-extension-mdxjs) for what documentation pages write, and anything they do not
recognise stays what CommonMark makes of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from typing import Any, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.ruler import RuleOptionsType
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token


class Dialect(StrEnum):
    """Which Markdown a document is written in (by its file name)."""

    COMMONMARK = "commonmark"  # CommonMark + GFM pieces + Hugo shortcodes
    MDX = "mdx"  # the same, read as MDX: JSX, ESM and expressions, no indented code


#: Token types that are markup blocks kept as written (their text attributes aside).
ESM = "mdx_esm"
JSX_FLOW = "mdx_jsx_flow"
EXPRESSION_FLOW = "mdx_expression_flow"
SHORTCODE_BLOCK = "shortcode_block"
#: Inline token types that are markup atoms.
EXPRESSION = "mdx_expression"
SHORTCODE = "shortcode"
VERBATIM_BLOCKS = frozenset({ESM, JSX_FLOW, EXPRESSION_FLOW, SHORTCODE_BLOCK})
#: Blocks whose tags may carry text attributes (see :func:`text_attribute_values`).
TAG_BLOCKS = frozenset({JSX_FLOW, SHORTCODE_BLOCK})

#: Attributes of JSX tags and shortcodes whose values a reader sees: a tab's ``label``, a
#: card's or diagram's ``title``, an image's ``alt``, a glossary tooltip's ``text``, a
#: figure's ``caption``. Values that are no words (``label="CLI"`` is one) are left alone
#: by the caller's word test.
TEXT_ATTRIBUTES = frozenset({"alt", "title", "label", "text", "caption"})
#: Shortcodes whose body is code, not prose: Hugo's ``highlight``; ``code``, ``code-toggle``
#: and ``output`` of the Hugo documentation itself.
CODE_SHORTCODES = frozenset({"highlight", "code", "code-toggle", "output"})

_JSX_NAME = re.compile(r"[A-Za-z_$][\w$-]*(?:[.:][A-Za-z_$][\w$-]*)*")
_ATTRIBUTE_NAME = re.compile(r"[A-Za-z_$][\w$:-]*")
_ESM_START = re.compile(r"(?:import|export)\b")
_SHORTCODE_NAME = re.compile(r"\s*/?\s*([\w./-]+)")
_HEADING_ATTRIBUTES = re.compile(r"[ \t]*\{#[^{}\s][^{}\n]*\}[ \t]*\Z")
_CLOSERS = {"{": "}", "(": ")", "[": "]"}


class Tag(NamedTuple):
    """A JSX tag found in the text: where it ends, its name and what kind of tag it is."""

    end: int
    name: str
    closing: bool  # </Name>
    self_closing: bool  # <Name … />
    attributes: tuple[tuple[str, int, int, str], ...]  # (name, value start, end, quote)


def _outside_strings(src: str, pos: int, end: int, quotes: str, comments: bool) -> Iterator[int]:
    """The positions from ``pos`` on that lie outside string literals in ``quotes`` (and
    outside ``/* … */`` comments if asked); it stops at an unterminated one."""
    while pos < end:
        ch = src[pos]
        if ch in quotes:
            pos = _skip_string(src, pos, end)
            if pos < 0:
                return
            continue
        if comments and src.startswith("/*", pos):
            close = src.find("*/", pos + 2, end)
            if close < 0:
                return
            pos = close + 2
            continue
        yield pos
        pos += 1


def _skip_string(src: str, pos: int, end: int) -> int:
    """The position after the string literal that starts at ``pos`` (its quote); -1 if it
    does not end (a quote other than ````` ends at the line's end)."""
    quote = src[pos]
    pos += 1
    while pos < end:
        ch = src[pos]
        if ch == "\\":
            pos += 2
            continue
        if ch == quote:
            return pos + 1
        if ch == "\n" and quote != "`":
            return -1
        pos += 1
    return -1


def balanced_end(src: str, pos: int, end: int) -> int:
    """Where the bracketed JavaScript that opens at ``pos`` (``{``, ``(`` or ``[``) ends
    (after its closer), strings, template literals and comments skipped; -1 if it does not."""
    stack = [_CLOSERS[src[pos]]]
    for at in _outside_strings(src, pos + 1, end, "\"'`", comments=True):
        ch = src[at]
        if ch in _CLOSERS:
            stack.append(_CLOSERS[ch])
        elif ch in "})]":
            if ch != stack.pop():
                return -1
            if not stack:
                return at + 1
    return -1


def _skip_space(src: str, pos: int, end: int) -> int:
    while pos < end and src[pos] in " \t\r\n":
        pos += 1
    return pos


def jsx_tag(src: str, pos: int, end: int) -> Tag | None:
    """The JSX tag (``<Name a="1" b={x}>``, ``</Name>``, ``<>``, ``<Name />``) that starts
    at ``pos``, or ``None``; it may run over several lines."""
    if not src.startswith("<", pos):
        return None
    pos += 1
    closing = src.startswith("/", pos)
    pos += closing
    name_match = _JSX_NAME.match(src, pos, end)
    if name_match is None and not src.startswith(">", pos):
        return None  # "<" followed by anything but a name or a fragment: text
    name = name_match.group() if name_match else ""
    pos = name_match.end() if name_match else pos
    attributes: list[tuple[str, int, int, str]] = []
    while pos >= 0:
        after = _skip_space(src, pos, end)
        if src.startswith(">", after):
            return Tag(after + 1, name, closing, False, tuple(attributes))
        if src.startswith("/>", after) and not closing:
            return Tag(after + 2, name, closing, True, tuple(attributes))
        if closing or after == pos:
            return None  # attributes need space before them; closing tags have none
        pos = _attribute(src, after, end, attributes)
    return None


def _attribute(src: str, pos: int, end: int, found: list[tuple[str, int, int, str]]) -> int:
    """Read the attribute (``name``, ``name="…"``, ``name={…}``, ``{...spread}``) at
    ``pos``; a quoted value goes to ``found``. Where it ends; -1 if it is none."""
    if src.startswith("{", pos):
        return balanced_end(src, pos, end)
    attribute = _ATTRIBUTE_NAME.match(src, pos, end)
    if attribute is None:
        return -1
    value = _skip_space(src, attribute.end(), end)
    if not src.startswith("=", value):
        return attribute.end()
    value = _skip_space(src, value + 1, end)
    if src.startswith(('"', "'"), value):
        close = src.find(src[value], value + 1, end)
        if close < 0:
            return -1
        found.append((attribute.group(), value + 1, close, src[value]))
        return close + 1
    return balanced_end(src, value, end) if src.startswith("{", value) else -1


def shortcode_end(src: str, pos: int, end: int) -> int:
    """Where the Hugo shortcode (``{{< … >}}`` or ``{{% … %}}``) at ``pos`` ends; -1 if none
    does (quoted parameters may hold the closing characters)."""
    if not src.startswith(("{{<", "{{%"), pos):
        return -1
    closer = ">}}" if src[pos + 2] == "<" else "%}}"
    for at in _outside_strings(src, pos + 3, end, '"`', comments=False):
        if src.startswith(closer, at):
            return at + 3
    return -1


#: A parse's ``env`` key for the document as written, where the parsed text has its
#: shortcodes masked (:func:`parse`).
_ORIGINAL = "wb_original"
#: Masked characters: the shortcode's own character moved to Unicode's private use plane 15.
_MASK = 0xF0000
_MASKABLE = 0xFFFE


def _masked(shortcode: str) -> str:
    """A shortcode as CommonMark reads nothing into: ``{`` and then its characters moved
    to the private use plane (line breaks kept), so the same length and lines."""
    rest = (
        ch if ch in "\r\n" or ord(ch) >= _MASKABLE else chr(_MASK + ord(ch)) for ch in shortcode[1:]
    )
    return shortcode[:1] + "".join(rest)


def _is_masked(ch: str) -> bool:
    return _MASK <= ord(ch) < _MASK + _MASKABLE


def unmasked(text: str) -> str:
    """Text with its masked shortcodes as written."""
    if not any(_is_masked(ch) for ch in text):
        return text
    return "".join(chr(ord(ch) - _MASK) if _is_masked(ch) else ch for ch in text)


def mask_shortcodes(text: str) -> str:
    """The document with each Hugo shortcode masked (see :func:`_masked`): Hugo puts a
    shortcode's output in place before it reads the Markdown, so ``[Text]({{< relref
    "x.md" >}})`` is a link, and the parser has to see it as one."""
    out: list[str] = []
    pos = 0
    at = text.find("{{")
    while at >= 0:
        end = shortcode_end(text, at, len(text))
        if end < 0:
            at = text.find("{{", at + 2)
            continue
        out += [text[pos:at], _masked(text[at:end])]
        pos = end
        at = text.find("{{", end)
    out.append(text[pos:])
    return "".join(out)


def parse(md: MarkdownIt, text: str) -> list[Token]:
    """``md``'s tokens of a document, its shortcodes masked while it is read."""
    masked = mask_shortcodes(text)
    return md.parse(masked, {_ORIGINAL: text} if masked != text else None)


def _original(state: StateBlock) -> str:
    """The document as written (a block rule's offsets are the same in both)."""
    return str(state.env.get(_ORIGINAL, state.src)) if isinstance(state.env, dict) else state.src


def _shortcode_name(text: str) -> tuple[str, bool]:
    """A shortcode's name and whether it closes (``{{< /note >}}``)."""
    m = _SHORTCODE_NAME.match(text, 3)
    return (m.group(1), text[3:].lstrip().startswith("/")) if m else ("", False)


#: A shortcode parameter in "…" (a `raw` one, or one with a backslash escape, is left alone).
_SHORTCODE_ATTRIBUTE = re.compile(r'\s([A-Za-z_][\w-]*)\s*=\s*"([^"\n]*)"')
#: Shortcode parameters readers see besides :data:`TEXT_ATTRIBUTES`: a tab's name
#: (Hugo/Docsy ``{{% tab name="Mit Paketverwaltung" %}}``).
SHORTCODE_TEXT_PARAMETERS = {"tab": frozenset({"name"})}


def text_attribute_values(tag_text: str) -> Iterable[tuple[int, int, str]]:
    """Where the values of :data:`TEXT_ATTRIBUTES` of the JSX tags or shortcodes in
    ``tag_text`` are: (start, end, quote), single-line values inside their quotes."""
    pos = 0
    size = len(tag_text)
    while pos < size:
        if tag_text.startswith(("{{<", "{{%"), pos):
            end = shortcode_end(tag_text, pos, size)
            if end < 0:
                return
            shortcode, closing = _shortcode_name(tag_text[pos:end])
            extra = SHORTCODE_TEXT_PARAMETERS.get(shortcode, frozenset())
            for m in _SHORTCODE_ATTRIBUTE.finditer(tag_text, pos, end):
                name = m.group(1).lower()
                if (name in TEXT_ATTRIBUTES or name in extra) and "\\" not in m.group(2):
                    yield m.start(2), m.end(2), '"'
            pos = _code_body_end(tag_text, end, shortcode) if not closing else end
            continue
        tag = jsx_tag(tag_text, pos, size) if tag_text[pos] == "<" else None
        if tag is None:
            pos += 1
            continue
        for name, start, end, quote in tag.attributes:
            value = tag_text[start:end]
            if name.lower() in TEXT_ATTRIBUTES and "\n" not in value:
                yield start, end, quote
        pos = tag.end


def _code_body_end(tag_text: str, pos: int, shortcode: str) -> int:
    """Past the body of a code shortcode (``{{< highlight >}}`` … ``{{< /highlight >}}``):
    the parameters written there are code."""
    if shortcode not in CODE_SHORTCODES:
        return pos
    at = tag_text.find("{{", pos)
    while at >= 0:
        end = shortcode_end(tag_text, at, len(tag_text))
        if end > 0 and _shortcode_name(tag_text[at:end]) == (shortcode, True):
            return at
        at = tag_text.find("{{", at + 2)
    return len(tag_text)


def heading_attributes(content: str) -> int:
    """Where a heading's trailing attribute list (``{#resource-limits}``, ``{#id .cls}``)
    starts in its content, with the spaces before it; -1 if it has none."""
    m = _HEADING_ATTRIBUTES.search(content)
    return m.start() if m else -1


# --- block rules -----------------------------------------------------------------------------


def _line_of(state: StateBlock, pos: int, first: int, last: int) -> int:
    """The line (from ``first``, below ``last``) that offset ``pos`` lies on; -1 past it."""
    line = first
    while line < last and state.eMarks[line] < pos:
        line += 1
    return line if line < last else -1


def _rest_is_blank(src: str, pos: int, end: int) -> bool:
    return not src[pos:end].strip(" \t")


def _push_block(state: StateBlock, kind: str, first: int, last: int) -> None:
    token = state.push(kind, "", 0)
    token.block = True
    token.map = [first, last + 1]
    token.content = _original(state)[state.bMarks[first] : state.eMarks[last]]
    state.line = last + 1


def _tag_line(state: StateBlock, line: int, end_line: int) -> tuple[list[Tag], int] | None:
    """The JSX tags that fill ``line`` (and the lines a tag runs over), and the last line
    they take; ``None`` where the line holds anything else."""
    src = state.src
    pos = state.bMarks[line] + state.tShift[line]
    if not src.startswith("<", pos) or src.startswith("<!--", pos):
        return None
    limit = state.eMarks[end_line - 1]
    tags: list[Tag] = []
    while True:
        tag = jsx_tag(src, pos, limit)
        if tag is None:
            return None
        tags.append(tag)
        pos = tag.end
        while pos < limit and src[pos] in " \t":
            pos += 1
        if pos >= limit or src[pos] == "\n":
            break
        if src[pos] != "<":
            return None  # text after a tag on its line: a paragraph with inline tags
    last = _line_of(state, pos, line, end_line)
    return (tags, last) if last >= 0 else None


def _closing_line(state: StateBlock, name: str, first: int, end_line: int) -> int:
    """The line (from ``first``) holding the ``</name>`` that closes an element; -1 if none
    does (lines inside fenced code are not looked at)."""
    depth = 1
    fence = ""
    line = first
    while line < end_line:
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
        if fence:
            fence = "" if text.startswith(fence) and not text.strip(fence[0]) else fence
        elif text.startswith(("```", "~~~")):
            fence = text[:3]
        elif (found := _tag_line(state, line, end_line)) is not None:
            tags, last = found
            for tag in tags:
                if tag.name == name and not tag.self_closing:
                    depth += -1 if tag.closing else 1
                    if depth == 0:
                        return line
            line = last
        line += 1
    return -1


def _jsx_flow(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Lines holding only JSX tags (one or more, a tag may run over lines). An element
    opened there and closed on a later line of its own has its content read at the
    content's indentation, as MDX does (``    1. Schritt`` inside ``<TabItem>`` is a list)."""
    found = _tag_line(state, start_line, end_line)
    if found is None:
        return False
    if silent:
        return True
    tags, last = found
    _push_block(state, JSX_FLOW, start_line, last)
    opened = tags[-1]
    if opened.closing or opened.self_closing:
        return True
    close = _closing_line(state, opened.name, last + 1, end_line)
    if close < 0:
        return True
    inner = [
        state.sCount[line]
        for line in range(last + 1, close)
        if state.bMarks[line] + state.tShift[line] < state.eMarks[line]
    ]
    old = (state.blkIndent, state.lineMax, state.parentType)
    state.blkIndent = max(state.blkIndent, min(inner, default=0))
    state.lineMax = close
    state.parentType = "mdx_jsx"
    state.md.block.tokenize(state, last + 1, close)
    state.blkIndent, state.lineMax, state.parentType = old
    state.line = close
    return True


def _expression_flow(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A line (or lines) holding only an expression: ``{/* Kommentar */}``."""
    src = state.src
    pos = state.bMarks[start_line] + state.tShift[start_line]
    if not src.startswith("{", pos):
        return False
    limit = state.eMarks[end_line - 1]
    end = balanced_end(src, pos, limit)
    if end < 0:
        return False
    last = _line_of(state, end, start_line, end_line)
    if last < 0 or not _rest_is_blank(src, end, state.eMarks[last]):
        return False
    if not silent:
        _push_block(state, EXPRESSION_FLOW, start_line, last)
    return True


def _esm(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """``import``/``export`` at the top level, up to a blank line where its brackets close."""
    if state.level or state.blkIndent or state.sCount[start_line]:
        return False  # not at the top level (parentType is not kept reliably by markdown-it)
    src = state.src
    pos = state.bMarks[start_line]
    if not _ESM_START.match(src, pos, state.eMarks[start_line]):
        return False
    depth = 0
    last = start_line
    line = start_line
    while line < end_line:
        begin, finish = state.bMarks[line] + state.tShift[line], state.eMarks[line]
        if begin >= finish:  # a blank line
            if depth <= 0:
                break
        else:
            last = line
            depth += _depth_change(src[begin:finish])
        line += 1
    if not silent:
        _push_block(state, ESM, start_line, last)
    return True


def _depth_change(line: str) -> int:
    """How many brackets a line of JavaScript leaves open (strings roughly skipped)."""
    line = re.sub(r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|`[^`]*`|//.*", "", line)
    return sum(line.count(c) for c in "{([") - sum(line.count(c) for c in "})]")


def _shortcode_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Lines holding only Hugo shortcodes; a code shortcode takes its body with it."""
    if state.is_code_block(start_line):
        return False
    src = _original(state)
    pos = state.bMarks[start_line] + state.tShift[start_line]
    limit = state.eMarks[end_line - 1]
    if not src.startswith(("{{<", "{{%"), pos):
        return False
    names: list[tuple[str, bool]] = []
    while True:
        end = shortcode_end(src, pos, limit)
        if end < 0:
            return False
        names.append(_shortcode_name(src[pos:end]))
        pos = end
        while pos < limit and src[pos] in " \t":
            pos += 1
        if pos >= limit or src[pos] == "\n":
            break
        if not src.startswith(("{{<", "{{%"), pos):
            return False
    last = _line_of(state, pos, start_line, end_line)
    if last < 0:
        return False
    name, closing = names[-1]
    if name in CODE_SHORTCODES and not closing:
        last = _code_shortcode_end(state, name, last + 1, end_line, last)
    if not silent:
        _push_block(state, SHORTCODE_BLOCK, start_line, last)
    return True


def _code_shortcode_end(
    state: StateBlock, name: str, first: int, end_line: int, fallback: int
) -> int:
    """The line closing a code shortcode's body (``{{< /highlight >}}``)."""
    src = _original(state)
    for line in range(first, end_line):
        text = src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]].strip()
        if text.startswith(("{{<", "{{%")) and _shortcode_name(text) == (name, True):
            return line
    return fallback


# --- inline rules ----------------------------------------------------------------------------


def _atom_rule(token_type: str, scan: Callable[[str, int, int], int]) -> Any:
    """An inline rule: the markup ``scan`` finds at the position (its end, or -1 for none)
    becomes one token of ``token_type``, its content as written."""

    def rule(state: StateInline, silent: bool) -> bool:
        pos = state.pos
        end = scan(state.src, pos, state.posMax)
        if end < 0:
            return False
        if not silent:
            state.push(token_type, "", 0).content = unmasked(state.src[pos:end])
        state.pos = end
        return True

    return rule


def _expression_end(src: str, pos: int, end: int) -> int:
    return balanced_end(src, pos, end) if src[pos] == "{" else -1


def _jsx_tag_end(src: str, pos: int, end: int) -> int:
    tag = jsx_tag(src, pos, end)
    return -1 if tag is None else tag.end


def _shortcode_inline_end(src: str, pos: int, end: int) -> int:
    """A shortcode, masked (over lines, where the lines go on masked) or as written."""
    if not (src[pos] == "{" and pos + 1 < end and _is_masked(src[pos + 1])):
        return shortcode_end(src, pos, end) if src[pos] == "{" else -1
    at = pos + 1
    while at < end and (
        _is_masked(src[at]) or (src[at] == "\n" and at + 1 < end and _is_masked(src[at + 1]))
    ):
        at += 1
    return at


#: ``{expression}`` inside text.
_expression_inline = _atom_rule(EXPRESSION, _expression_end)
#: A JSX tag inside text (``<OperationLink operation="x" />``, ``<Highlight …>``): inline
#: HTML, as markdown-it makes of HTML tags (``{…}`` attributes included).
_jsx_inline = _atom_rule("html_inline", _jsx_tag_end)
#: A shortcode inside text (``{{< glossary_tooltip text="Pod" … >}}``).
_shortcode_inline = _atom_rule(SHORTCODE, _shortcode_inline_end)


_INTERRUPTS: RuleOptionsType = {"alt": ["paragraph", "reference", "blockquote", "list"]}


def use_shortcodes(md: MarkdownIt) -> None:
    """Hugo shortcodes as markup (every Markdown document)."""
    md.block.ruler.before("fence", SHORTCODE_BLOCK, _shortcode_block, _INTERRUPTS)
    md.inline.ruler.before("backticks", SHORTCODE, _shortcode_inline)


def use_mdx(md: MarkdownIt) -> None:
    """MDX: ESM, JSX and expressions as markup; no indented code (as MDX has none)."""
    md.disable("code")
    md.block.ruler.before("fence", ESM, _esm)
    md.block.ruler.before("fence", JSX_FLOW, _jsx_flow)
    md.block.ruler.before("fence", EXPRESSION_FLOW, _expression_flow)
    md.inline.ruler.before("html_inline", "mdx_jsx_inline", _jsx_inline)
    md.inline.ruler.after(SHORTCODE, EXPRESSION, _expression_inline)
