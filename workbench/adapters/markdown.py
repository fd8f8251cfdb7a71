"""Markdown sources, read with markdown-it-py: CommonMark plus GitHub's tables,
strikethrough and URL autolinks, footnotes, YAML front matter and the ``:::`` custom
containers of VitePress, VuePress and Starlight (``::: tip Title`` … ``:::``; mdit-py-plugins).

markdown-it-py is the reference-compliant Python port of markdown-it (it passes the
CommonMark spec tests), is maintained by the Executable Books project, and its plugins
cover the GFM pieces real documents use. What it does not give is *where* inline markup
sits in the source, which a byte-exact rebuild needs: so each inline rule is wrapped to
record the span it consumed (``token.meta["span"]``), and block content is located on its
source lines from the block maps. Every located block is checked against the parser's own
content; a block that does not check out is kept verbatim, never guessed at.

The result is the pure :class:`~workbench.domain.document.SourceDocument`: segments with
tags, and their offsets in the original text (any line endings).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from workbench.adapters.markdown_syntax import (
    EXPRESSION,
    SHORTCODE,
    TAG_BLOCKS,
    VERBATIM_BLOCKS,
    Dialect,
    heading_attributes,
    mask_shortcodes,
    parse,
    text_attribute_values,
    unmasked,
    use_mdx,
    use_shortcodes,
)
from workbench.domain.document import (
    BlockKind,
    InlineBlock,
    Piece,
    PieceKind,
    SourceDocument,
    TextSyntax,
    build_document,
)
from workbench.domain.tags import HTML_VOID

#: Front-matter keys whose values are offered for translation unless told otherwise.
FRONT_MATTER_KEYS = ("title", "description", "summary")

_SPAN = "wb_span"
_LABEL_END = "wb_label_end"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TASK = re.compile(r"\[[ xX]\](?=[ \t]|$)")
_HTML_OPEN = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?>\Z")
_HTML_CLOSE = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)\s*>\Z")
#: A custom container's opening line: ``::: tip Title``, ``:::note``, ``:::tip[Title]``,
#: ``::: details Title {open}`` (VitePress, VuePress, Starlight): the marker, the type, the
#: title (group 3, or group 4 in Starlight's brackets) and attributes in braces.
_CONTAINER = re.compile(
    r"[ \t]*(:{3,})[ \t]*([A-Za-z][\w-]*)(?:\[(.*)\]|[ \t]+(.*?))??[ \t]*(?:\{[^{}]*\})?[ \t]*\Z"
)
#: An HTML start tag (``<img src="…" alt="…" />``): its name and its attributes.
_HTML_START_TAG = re.compile(
    r"<([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*/?>"
)
#: One attribute of a start tag: name, then a value in "…" (group 2) or '…' (group 3).
_HTML_ATTRIBUTE = re.compile(
    r"\s+([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|[^\s\"'=<>`]+))?"
)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
#: What is not text in an HTML block: comments, tags (attributes too), character references.
_HTML_MARKUP = re.compile(r"<!--.*?-->|<[^<>]*>|&#?\w+;", re.DOTALL)
_HTML_WORDS = re.compile(r"[^\W\d_]{3,}")
#: HTML attributes a reader sees or hears (an image's text alternative, a tooltip): their
#: values are translated as blocks of their own, as HTML filters of CAT tools do.
HTML_TEXT_ATTRIBUTES = frozenset({"alt", "title"})
#: The container plugin's token types (``container_<name>_open``).
_CONTAINER_NAME = "custom"


def _container_opens(params: str, _markup: str) -> bool:
    """Whether ``:::`` + ``params`` opens a container: a type name first, as VitePress asks."""
    return _CONTAINER.match(":::" + params) is not None


def _configured(dialect: Dialect = Dialect.COMMONMARK) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"linkify": True})
    md.enable(["table", "strikethrough", "linkify"])
    md.core.ruler.disable("linkify")  # URLs with a scheme only (the inline rule), as GFM
    if md.linkify is not None:
        md.linkify.set({"fuzzy_link": False, "fuzzy_email": False, "fuzzy_ip": False})
    md.use(front_matter_plugin).use(footnote_plugin)
    md.use(container_plugin, name=_CONTAINER_NAME, validate=_container_opens)
    md.use(use_shortcodes)
    if dialect is Dialect.MDX:
        md.use(use_mdx)
    return md


@cache
def parser(dialect: Dialect = Dialect.COMMONMARK) -> MarkdownIt:
    """The Markdown parser every part of the workbench reads documents with."""
    return _configured(dialect)


@cache
def _locator(dialect: Dialect = Dialect.COMMONMARK) -> MarkdownIt:
    """The same parser, with inline rules that record their spans (and escapes kept apart)."""
    md = _configured(dialect)
    md.core.ruler.disable("text_join")
    names = md.get_active_rules()["inline"]
    for name, fn in zip(names, md.inline.ruler.getRules(""), strict=True):
        md.inline.ruler.at(name, _recording(name, fn))
    return md


def tokens(text: str, dialect: Dialect = Dialect.COMMONMARK) -> list[Token]:
    """The parser's token stream of a document (what "same structure" is measured on)."""
    return parse(parser(dialect), text)


_DELIMITER_RULES = frozenset({"emphasis", "strikethrough"})


def _recording(name: str, fn: Callable[[StateInline, bool], bool]) -> Any:
    """An inline rule that also records, on every token it makes, the source span it read."""

    def rule(state: StateInline, silent: bool) -> bool:
        if silent:
            return fn(state, silent)
        start = state.pos
        count = len(state.tokens)
        pending = state.pending
        ok = fn(state, silent)
        if not ok:
            return ok
        made = state.tokens[count:]
        kept = 0
        if pending and not state.pending and made and made[0].type == "text":
            kept = len(made[0].content)
            made = made[1:]  # the text that was waiting, pushed before the rule's tokens
        if name == "linkify":
            start -= len(pending) - kept  # the scheme ("https") was taken back from the text
        if name in _DELIMITER_RULES:
            pos = start
            for token in made:
                token.meta[_SPAN] = (pos, pos + len(token.content))
                pos += len(token.content)
            return ok
        for token in made:
            if _SPAN not in token.meta:
                token.meta[_SPAN] = (start, state.pos)
        if name in ("link", "image") and made:
            made[0].meta[_LABEL_END] = _label_end(state, start, name)
        return ok

    return rule


def _label_end(state: StateInline, start: int, name: str) -> int:
    """Where the ``]`` of a link's or image's label is (as the rule found it)."""
    end = state.pos
    try:
        if name == "image":
            return int(state.md.helpers.parseLinkLabel(state, start + 1, False))
        return int(state.md.helpers.parseLinkLabel(state, start, True))
    finally:
        state.pos = end


# --- locating block content on its lines --------------------------------------------------


class _Lines:
    """The original text's lines: where each starts and where its content ends."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = [0]
        self.ends: list[int] = []
        for m in _LINE_BREAK.finditer(text):
            self.ends.append(m.start())
            self.starts.append(m.end())
        self.ends.append(len(text))

    def content(self, line: int) -> str:
        return self.text[self.starts[line] : self.ends[line]]


class _Located(NamedTuple):
    """Block content ``C`` (as the parser gave it) and, per line of it, where it sits."""

    content: str
    offsets: list[int]  # C offset where each line of C starts
    columns: list[tuple[int, int]]  # (document offset of the line's first kept char, skipped)
    char_map: tuple[int, ...] = ()  # document offset of every C offset, where not linear

    def to_doc(self, pos: int) -> int:
        """The document offset of content offset ``pos`` (the end of C included)."""
        if self.char_map:
            return self.char_map[pos]
        k = max(0, _bisect(self.offsets, pos))
        doc, skipped = self.columns[k]
        within = pos - self.offsets[k]
        return doc + max(0, within - skipped)


def _bisect(starts: list[int], pos: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


class _Unplaceable(Exception):
    """Content that could not be found on its source lines."""


def _locate_lines(content: str, lines: _Lines, first: int, heading: bool) -> _Located:
    """Find each line of ``content`` on the document lines from ``first`` on."""
    parts = content.split("\n")
    offsets: list[int] = []
    columns: list[tuple[int, int]] = []
    pos = 0
    for j, part in enumerate(parts):
        line = first + j
        if line >= len(lines.starts):
            raise _Unplaceable
        doc_line = lines.content(line).replace("\x00", "\ufffd")
        kept = part.lstrip(" \t") if j else part
        skipped = len(part) - len(kept)
        if heading:
            col = doc_line.find(kept, len(doc_line) - len(doc_line.lstrip(" #")))
        elif j < len(parts) - 1:
            col = len(doc_line) - len(kept) if doc_line.endswith(kept) else -1
        else:
            col = _last_column(doc_line, kept)
        if col < 0 or (not heading and not kept and j):
            raise _Unplaceable
        offsets.append(pos)
        columns.append((lines.starts[line] + col, skipped))
        pos += len(part) + 1
    return _Located(content, offsets, columns)


def _last_column(doc_line: str, kept: str) -> int:
    """Where ``kept`` sits on a line it ends (only whitespace may follow)."""
    col = doc_line.rfind(kept)
    while col >= 0:
        if not doc_line[col + len(kept) :].strip():
            return col
        col = doc_line.rfind(kept, 0, col + len(kept) - 1) if kept else -1
    return -1


# --- pieces from inline tokens ------------------------------------------------------------


_PAIRS = {
    "em_open": ("i", PieceKind.OPEN),
    "em_close": ("i", PieceKind.CLOSE),
    "strong_open": ("b", PieceKind.OPEN),
    "strong_close": ("b", PieceKind.CLOSE),
    "s_open": ("s", PieceKind.OPEN),
    "s_close": ("s", PieceKind.CLOSE),
}


class _Raw(NamedTuple):
    """A piece in content coordinates, before it is mapped to the document."""

    kind: PieceKind
    start: int
    end: int
    text: str = ""
    tag: str = ""


def _span(token: Token) -> tuple[int, int]:
    span = token.meta.get(_SPAN)
    if span is None:
        raise _Unplaceable
    return int(span[0]), int(span[1])


_ATOMS = {"code_inline": "c", "html_inline": "h", "footnote_ref": "f"}


def _markup(children: Sequence[Token], offset: int, content: str) -> list[_Raw]:
    """The markup pieces of an inline token's children, in content coordinates."""
    out: list[_Raw] = []
    k = 0
    while k < len(children):
        token = children[k]
        if token.type != "text":
            k = _one_markup(children, k, offset, content, out)
        k += 1
    return out


def _one_markup(
    children: Sequence[Token], k: int, offset: int, content: str, out: list[_Raw]
) -> int:
    """Add the pieces of ``children[k]``; return the index of the last token it took."""
    token = children[k]
    kind = token.type
    start, end = (offset + s for s in _span(token))
    if kind == "text_special":
        out.append(_Raw(PieceKind.CHAR, start, end, token.content))
    elif kind in ("softbreak", "hardbreak"):
        start = _back_over_blanks(content, start)
        if kind == "softbreak":
            out.append(_Raw(PieceKind.SPACE, start, end, " "))
        else:
            out.append(_Raw(PieceKind.ATOM, start, end, " ", "br"))
    elif kind in _ATOMS:
        visible = unmasked(token.content) if kind == "code_inline" else ""
        out.append(_Raw(PieceKind.ATOM, start, end, visible, _ATOMS[kind]))
    elif kind in _PAIRS:
        tag, role = _PAIRS[kind]
        size = len(token.markup)
        # the pair keeps the delimiter tokens next to its content: `**` opens at the
        # second `*` token's end, and closes at the first closing one's start
        if role is PieceKind.OPEN:
            out.append(_Raw(role, end - size, end, "", tag))
        else:
            out.append(_Raw(role, start, start + size, "", tag))
    elif kind == "link_open" and token.markup in ("autolink", "linkify"):
        out.append(_Raw(PieceKind.ATOM, start, end, content[start:end].strip("<>"), "u"))
        return _closing(children, k)
    elif kind in ("link_open", "image"):
        return _link_markup(children, k, offset, content, out)
    elif kind == "link_close":
        raise _Unplaceable
    else:
        out.append(_Raw(PieceKind.ATOM, start, end, "", "x"))
    return k


def _link_markup(
    children: Sequence[Token], k: int, offset: int, content: str, out: list[_Raw]
) -> int:
    """A link (``[`` label ``](url)``) or an image (``![`` alt ``](src)``) as a pair of
    pieces around its label's own pieces; returns the index of its last token."""
    token = children[k]
    start, end = (offset + s for s in _span(token))
    label_end = offset + int(token.meta.get(_LABEL_END, -1))
    if label_end < start:
        raise _Unplaceable
    if token.type == "image":
        out.append(_Raw(PieceKind.OPEN, start, start + 2, "", "m"))
        out.extend(_markup(token.children or [], start + 2, content))
        reference = _full_reference(content, start + 2, label_end, end)
        out.append(_Raw(PieceKind.CLOSE, label_end, end, reference, "m"))
        return k
    close = _closing(children, k)
    out.append(_Raw(PieceKind.OPEN, start, start + 1, "", "a"))
    out.extend(_markup(children[k + 1 : close], 0, content))
    reference = _full_reference(content, start + 1, label_end, end)
    out.append(_Raw(PieceKind.CLOSE, label_end, end, reference, "a"))
    return close


def _full_reference(content: str, label_start: int, label_end: int, end: int) -> str:
    """For a shortcut or collapsed reference link (``[Text]``, ``[Text][]``), whose text is
    also its label, the closing markup a translation needs: ``][Text]``. Empty otherwise."""
    if content[label_end:end] not in ("]", "][]"):
        return ""
    return "][" + " ".join(content[label_start:label_end].split()) + "]"


def _closing(children: Sequence[Token], k: int) -> int:
    depth = 0
    for i in range(k, len(children)):
        depth += children[i].nesting
        if depth == 0:
            return i
    raise _Unplaceable


def _back_over_blanks(content: str, pos: int) -> int:
    while pos > 0 and content[pos - 1] in " \t":
        pos -= 1
    return pos


def _pair_html(raws: list[_Raw], content: str) -> list[_Raw]:
    """Turn ``<span …>…</span>`` atoms into a pair where they nest with the other markup."""
    out = list(raws)
    for i, raw in enumerate(out):
        if raw.tag != "h" or raw.kind is not PieceKind.ATOM:
            continue
        opened = _HTML_OPEN.match(content[raw.start : raw.end])
        if opened is None or opened.group(1).lower() in HTML_VOID:
            continue
        name = opened.group(1).lower()
        depth = 0
        for j in range(i + 1, len(out)):
            other = out[j]
            if other.kind is PieceKind.OPEN:
                depth += 1
            elif other.kind is PieceKind.CLOSE:
                depth -= 1
                if depth < 0:
                    break
            elif other.tag == "h" and depth == 0:
                closed = _HTML_CLOSE.match(content[other.start : other.end])
                if closed is not None and closed.group(1).lower() == name:
                    out[i] = raw._replace(kind=PieceKind.OPEN)
                    out[j] = other._replace(kind=PieceKind.CLOSE)
                    break
                if _HTML_OPEN.match(content[other.start : other.end]):
                    break
    return out


def _with_heading_attributes(raws: list[_Raw], content: str) -> list[_Raw]:
    """A heading's trailing ``{#id}`` as an atom (so it stays out of the segment), unless
    other markup (an MDX expression) already took it."""
    at = heading_attributes(content)
    if at < 0:
        return raws
    brace = content.index("{", at)
    if any(raw.end > brace for raw in raws):
        return raws
    end = len(content.rstrip(" \t"))
    return [*raws, _Raw(PieceKind.ATOM, brace, end, "", "x")]


def _pieces(raws: list[_Raw], located: _Located) -> tuple[Piece, ...]:
    """All pieces of a block: the markup, and literal text between, in document offsets."""
    content = located.content
    ordered = sorted(raws, key=lambda r: (r.start, r.end))
    pieces: list[Piece] = []
    pos = 0
    to_doc = located.to_doc
    for raw in [*ordered, _Raw(PieceKind.TEXT, len(content), len(content))]:
        if raw.start < pos:
            raise _Unplaceable  # overlapping markup
        if raw.start > pos:
            literal = content[pos : raw.start]
            if "\n" in literal:
                raise _Unplaceable
            pieces.extend(_literal(literal, pos, to_doc))
        if raw.end > raw.start:
            pieces.append(Piece(raw.kind, to_doc(raw.start), to_doc(raw.end), raw.text, raw.tag))
        pos = max(pos, raw.end)
    return tuple(pieces)


def _literal(literal: str, pos: int, to_doc: Callable[[int], int]) -> list[Piece]:
    """Literal text as text pieces; a character the document writes longer (a table's
    ``\\|``) becomes a piece of its own."""
    a, b = to_doc(pos), to_doc(pos + len(literal))
    if b - a == len(literal):
        return [Piece(PieceKind.TEXT, a, b, literal)]
    out: list[Piece] = []
    run = 0
    for k, ch in enumerate(literal):
        start, end = to_doc(pos + k), to_doc(pos + k + 1)
        if end - start == 1:
            continue
        if k > run:
            out.append(Piece(PieceKind.TEXT, to_doc(pos + run), start, literal[run:k]))
        out.append(Piece(PieceKind.CHAR, start, end, ch))
        run = k + 1
    if run < len(literal):
        out.append(Piece(PieceKind.TEXT, to_doc(pos + run), b, literal[run:]))
    return out


# --- walking the blocks -------------------------------------------------------------------


class _Walk:
    """Block tokens → inline blocks, with the container each one sits in."""

    def __init__(self, text: str, keys: Sequence[str], dialect: Dialect) -> None:
        self.text = text
        self.dialect = dialect
        self.lines = _Lines(text)
        masked = mask_shortcodes(text)  # what the parser read: token contents are found there
        self.read = self.lines if masked == text else _Lines(masked)
        self.keys = tuple(keys)
        self.blocks: list[InlineBlock] = []
        self.verbatim: list[int] = []
        self.unread: list[int] = []  # HTML blocks with text a reader sees (first lines)
        self._cell_cursor: dict[int, int] = {}  # table row (line) -> column written up to

    def run(self, stream: list[Token]) -> None:
        containers: list[Token] = []
        first_in_item = False
        for token in stream:
            if token.type == "front_matter":
                self.front_matter(token)
            if token.nesting == 1:
                if token.type == f"container_{_CONTAINER_NAME}_open":
                    self.container_title(token)
                if token.type == "list_item_open":
                    first_in_item = True
                containers.append(token)
                continue
            if token.nesting == -1:
                closed = containers.pop() if containers else None
                if closed is not None and closed.type == "paragraph_open":
                    first_in_item = False
                continue
            if token.type == "inline" and token.map is not None and containers:
                self.inline(token, containers, first_in_item)
            elif token.type == "html_block" and token.map is not None:
                self.html_block(token)
            elif token.type in TAG_BLOCKS and token.map is not None:
                self.tag_block(token)

    def inline(self, token: Token, containers: list[Token], first_in_item: bool) -> None:
        parent = containers[-1]
        assert token.map is not None
        line = token.map[0]
        if not token.content.strip():
            return
        kind, marker, syntax = self.shape(parent, containers, first_in_item)
        try:
            if parent.type in ("th_open", "td_open"):
                located = self.cell(token)
            else:
                heading = parent.type == "heading_open" and parent.markup.startswith("#")
                located = _locate_lines(token.content, self.read, line, heading)
            raws = _markup(token.children or [], 0, token.content)
            if kind is BlockKind.ITEM and (task := _TASK.match(token.content)):
                raws.append(_Raw(PieceKind.ATOM, 0, task.end(), "", "t"))
            if parent.type == "heading_open":
                raws = _with_heading_attributes(raws, token.content)
            raws = _pair_html(raws, token.content)
            pieces = _pieces(raws, located)
        except _Unplaceable:
            self.verbatim.append(line + 1)
            return
        self.blocks.append(InlineBlock(kind, marker, line + 1, pieces, syntax))
        self.titles(token.children or [], located, token.content)

    def container_title(self, token: Token) -> None:
        """A custom container's title (``::: tip Title``) as a block of its own on the
        opening line; the ``:::`` and the type stay markup, outside every segment."""
        assert token.map is not None
        row = token.map[0]
        doc_line = self.lines.content(row)
        m = _CONTAINER.match(doc_line)
        if m is None:
            return
        group = 3 if m.group(3) is not None else 4
        title = m.group(group)
        if not title or not title.strip():
            return
        base = self.lines.starts[row] + m.start(group)
        located = _Located(title, [0], [(base, 0)])
        (inline,) = _locator(self.dialect).parseInline(title)
        try:
            raws = _pair_html(_markup(inline.children or [], 0, title), title)
            pieces = _pieces(raws, located)
        except _Unplaceable:
            self.verbatim.append(row + 1)
            return
        marker = doc_line[: m.start(group)]
        self.blocks.append(InlineBlock(BlockKind.HEADING, marker, row + 1, pieces))

    def cell(self, token: Token) -> _Located:
        """A table cell's content on its row, found cell by cell from the row's start."""
        assert token.map is not None
        row = token.map[0]
        doc_line = self.read.content(row)
        start = self._cell_cursor.get(row, 0)
        content = token.content
        written = content.replace("|", "\\|")  # GFM: a cell's "\\|" is its "|"
        col = doc_line.find(written, start)
        if col < 0 or ("|" not in doc_line[start:col] and start):
            raise _Unplaceable
        self._cell_cursor[row] = col + len(written)
        base = self.lines.starts[row] + col
        char_map: list[int] = []
        j = 0
        for ch in content:
            char_map.append(base + j)
            j += 2 if ch == "|" else 1
        char_map.append(base + j)
        linear = written == content
        return _Located(content, [0], [(base, 0)], () if linear else tuple(char_map))

    def shape(
        self, parent: Token, containers: list[Token], first_in_item: bool
    ) -> tuple[BlockKind, str, TextSyntax]:
        """Kind, fallback marker and text syntax of an inline block from its containers."""
        if parent.type == "heading_open":
            level = int(parent.tag[1:])
            atx = parent.markup.startswith("#")
            return (
                BlockKind.HEADING,
                "#" * level + " ",
                TextSyntax.HEADING if atx else TextSyntax.MARKDOWN,
            )
        if parent.type in ("th_open", "td_open"):
            return BlockKind.CELL, "", TextSyntax.CELL
        outer = [c for c in containers[:-1] if c.type != "paragraph_open"]
        innermost = outer[-1].type if outer else ""
        if innermost == "list_item_open" and first_in_item:
            item = outer[-1]
            number = item.info
            marker = f"{number}{item.markup} " if number else f"{item.markup} "
            return BlockKind.ITEM, marker, TextSyntax.MARKDOWN
        if innermost == "blockquote_open":
            return BlockKind.QUOTE, "> ", TextSyntax.MARKDOWN
        if innermost == "footnote_open":
            return BlockKind.FOOTNOTE, "", TextSyntax.MARKDOWN
        return BlockKind.PARAGRAPH, "", TextSyntax.MARKDOWN

    def titles(self, children: Iterable[Token], located: _Located, content: str) -> None:
        """Link and image titles (``[x](url "Titel")``) and the ``alt`` and ``title`` of
        inline HTML tags (``<img … alt="Ferris mit Fragezeichen" />``) as blocks of their
        own."""
        for token in children:
            if token.type in ("html_inline", SHORTCODE):
                start = _span(token)[0]
                values = (
                    _html_text_values(token.content)
                    if token.type == "html_inline"
                    else text_attribute_values(token.content)
                )
                for a, b, quote in values:
                    begin, end = located.to_doc(start + a), located.to_doc(start + b)
                    if self.text[begin:end] == token.content[a:b]:
                        self.html_value(begin, end, quote)
                continue
            if token.type == "image" or (
                token.type == "link_open" and token.markup not in ("autolink", "linkify")
            ):
                title = token.attrGet("title")
                label_end = token.meta.get(_LABEL_END)
                if title and label_end is not None:
                    self.title(str(title), int(label_end), _span(token)[1], located, content)
            if token.children and token.type == "image":
                pass  # titles inside alt text are not links

    def title(self, title: str, label_end: int, end: int, located: _Located, src: str) -> None:
        pos = label_end + 1
        if pos >= end or src[pos] != "(":
            return  # a reference link: the title belongs to the definition
        pos += 1
        while pos < end and src[pos] in " \t\n":
            pos += 1
        dest = parseLinkDestination(src, pos, end)
        if not dest.ok:
            return
        pos = dest.pos
        while pos < end and src[pos] in " \t\n":
            pos += 1
        parsed = parseLinkTitle(src, pos, end)
        if not parsed.ok or "\n" in src[pos : parsed.pos]:
            return
        raw = src[pos + 1 : parsed.pos - 1]
        syntax = {'"': TextSyntax.TITLE_DOUBLE, "'": TextSyntax.TITLE_SINGLE}.get(
            src[pos], TextSyntax.TITLE_PAREN
        )
        a, b = located.to_doc(pos + 1), located.to_doc(parsed.pos - 1)
        kind = PieceKind.TEXT if raw == title else PieceKind.CHAR
        line = self.text.count("\n", 0, a) + 1
        piece = Piece(kind, a, b, title)
        self.blocks.append(InlineBlock(BlockKind.TITLE, "", line, (piece,), syntax))

    def html_block(self, token: Token) -> None:
        """The ``alt`` and ``title`` values of the tags in an HTML block, found on its source
        lines (the block itself stays as it is)."""
        assert token.map is not None
        first, last = token.map
        start, end = self.lines.starts[first], self.lines.ends[max(first, last - 1)]
        for a, b, quote in _html_text_values(self.text[start:end], tags_anywhere=True):
            self.html_value(start + a, start + b, quote)
        if _HTML_WORDS.search(_HTML_MARKUP.sub(" ", token.content)):
            self.unread.append(first + 1)

    def tag_block(self, token: Token) -> None:
        """The text attributes' values (``label="…"``) of a block of JSX tags or shortcodes."""
        assert token.map is not None
        start = self.lines.starts[token.map[0]]
        for a, b, quote in text_attribute_values(token.content):
            if any(ch.isalpha() for ch in token.content[a:b]):
                self.html_value(start + a, start + b, quote)

    def html_value(self, start: int, end: int, quote: str) -> None:
        """One attribute value (between its quotes at ``start``:``end``) as a block."""
        raw = self.text[start:end]
        value = _unescaped(raw)
        syntax = TextSyntax.HTML_DOUBLE if quote == '"' else TextSyntax.HTML_SINGLE
        kind = PieceKind.TEXT if raw == value else PieceKind.CHAR
        line = self.text.count("\n", 0, start) + 1
        piece = Piece(kind, start, end, value)
        self.blocks.append(InlineBlock(BlockKind.TITLE, "", line, (piece,), syntax))

    def front_matter(self, token: Token) -> None:
        """Selected keys of YAML front matter (single-line values) as blocks."""
        if token.map is None or not self.keys:
            return
        first, last = token.map
        for line in range(first + 1, last - 1):
            block = _front_matter_value(self.lines, line, self.keys)
            if block is not None:
                self.blocks.append(block)


def _html_text_values(
    html_text: str, tags_anywhere: bool = False
) -> Iterable[tuple[int, int, str]]:
    """Where the text attributes' values (:data:`HTML_TEXT_ATTRIBUTES`) of the start tags in
    ``html_text`` are: (start, end, quote) inside its quotes, single-line values with words
    only. ``tags_anywhere``: every tag outside comments (an HTML block), else only a tag at
    the very start (an inline HTML token, one tag or a comment)."""
    if tags_anywhere:
        comments = [m.span() for m in _HTML_COMMENT.finditer(html_text)]
        tags = [
            m
            for m in _HTML_START_TAG.finditer(html_text)
            if not any(a <= m.start() < b for a, b in comments)
        ]
    else:
        found = _HTML_START_TAG.match(html_text)
        tags = [found] if found is not None else []
    for tag in tags:
        base = tag.start(2)
        for attribute in _HTML_ATTRIBUTE.finditer(tag.group(2)):
            group = 2 if attribute.group(2) is not None else 3
            value = attribute.group(group)
            if (
                attribute.group(1).lower() not in HTML_TEXT_ATTRIBUTES
                or value is None
                or "\n" in value
                or "\r" in value
                or not any(ch.isalpha() for ch in value)
            ):
                continue
            yield base + attribute.start(group), base + attribute.end(group), "\"'"[group - 2]


def html_text_replaced(
    html_text: str, replace: Callable[[str], str], tags_anywhere: bool = True
) -> str:
    """``html_text`` with each text attribute's value (see :func:`_html_text_values`)
    replaced by ``replace(value)``, the value's character references read."""
    out: list[str] = []
    pos = 0
    for a, b, _quote in _html_text_values(html_text, tags_anywhere):
        out += [html_text[pos:a], replace(_unescaped(html_text[a:b]))]
        pos = b
    out.append(html_text[pos:])
    return "".join(out)


def _unescaped(raw: str) -> str:
    if "&" not in raw:
        return raw
    import html  # here: only values with character references need it

    return html.unescape(raw)


_YAML_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]+")


def _front_matter_value(lines: _Lines, line: int, keys: Sequence[str]) -> InlineBlock | None:
    """A ``key: value`` line of front matter whose value can be rewritten safely."""
    doc_line = lines.content(line)
    m = _YAML_KEY.match(doc_line)
    if m is None or m.group(1) not in keys:
        return None
    value = doc_line[m.end() :].rstrip()
    start = lines.starts[line] + m.end()
    if _BLOCK_SCALAR.fullmatch(value):
        return _block_scalar(lines, line)
    if not value or value[0] in "|>[{&*!%@`#":
        return None
    if value[0] in "\"'" and len(value) >= 2 and value[-1] == value[0]:
        inner = value[1:-1]
        if value[0] == '"':
            if "\\" in inner:
                return None  # escapes: kept as written
            syntax = TextSyntax.YAML_DOUBLE
            meaning = inner
        else:
            syntax = TextSyntax.YAML_SINGLE
            meaning = inner.replace("''", "'")
        kind = PieceKind.TEXT if meaning == inner else PieceKind.CHAR
        piece = Piece(kind, start + 1, start + 1 + len(inner), meaning)
    elif value[0] in "\"'" or " #" in value:
        return None
    else:
        syntax = TextSyntax.YAML_PLAIN
        piece = Piece(PieceKind.TEXT, start, start + len(value), value)
    return InlineBlock(BlockKind.META, "", line + 1, (piece,), syntax)


#: The header of a block scalar (``description: |``, ``>-``, ``|2``), its comment aside.
_BLOCK_SCALAR = re.compile(r"[|>](?:[-+]?[1-9]?|[1-9][-+])[ \t]*(?:#.*)?")


def _block_scalar(lines: _Lines, line: int) -> InlineBlock | None:
    """A block scalar's text (``description: |`` and the indented lines under it) as one
    block, its line breaks as spaces: a translation is written on one line at the same
    indentation, where YAML reads every character as text. Left alone where its lines are
    indented differently or a blank line parts them (more than one paragraph)."""
    pieces: list[Piece] = []
    indent = -1
    row = line + 1
    while row < len(lines.starts):
        content = lines.content(row)
        text = content.strip(" ")
        lead = len(content) - len(content.lstrip(" "))
        if not text or not lead:
            break
        if indent not in (-1, lead) or "\t" in content[:lead] or text.startswith("\t"):
            return None
        indent = lead
        start = lines.starts[row] + lead
        if pieces:
            pieces.append(Piece(PieceKind.SPACE, pieces[-1].end, start, " "))
        pieces.append(Piece(PieceKind.TEXT, start, start + len(text), text))
        row += 1
    following = next(
        (lines.content(r) for r in range(row, len(lines.starts)) if lines.content(r).strip()), ""
    )
    if not pieces or following[:1] in (" ", "\t"):
        return None
    return InlineBlock(BlockKind.META, "", line + 2, tuple(pieces), TextSyntax.YAML_BLOCK)


#: A one-line value that is no text to translate: a path, link, file name, flag or number.
_NOT_WORDS = re.compile(
    r"\S*[/.:#@]\S*|true|false|yes|no|on|off|null|~|[-+\d.,:\s]*", re.IGNORECASE
)
#: A lower-case identifier (``layout: home``, ``theme: brand``): a setting, not text.
_IDENTIFIER = re.compile(r"[a-z][a-z0-9_-]*")


def _reads_as_words(value: str) -> bool:
    value = value.strip().strip("'\"")
    return (
        re.search(r"[^\W\d_]{2}", value) is not None
        and not _NOT_WORDS.fullmatch(value)
        and not _IDENTIFIER.fullmatch(value)
    )


class FrontMatterText(NamedTuple):
    """What a document's front matter holds as text, beyond the keys being read."""

    keys: tuple[str, ...]  # top-level keys whose one-line value reads as words
    nested: int  # indented lines with words (``hero:`` / ``  text: …``): not read


def front_matter_text(text: str, skip: Sequence[str] = ()) -> FrontMatterText:
    """The front-matter keys (not in ``skip``) whose values read as words, for a hint
    when a page keeps its text there (a VitePress/VuePress home page)."""
    tokens = [t for t in _configured().parse(text) if t.type == "front_matter"]
    if not tokens or tokens[0].map is None:
        return FrontMatterText((), 0)
    lines = _Lines(text)
    first, last = tokens[0].map
    keys: list[str] = []
    nested = 0
    for line in range(first + 1, last - 1):
        content = lines.content(line)
        m = _YAML_KEY.match(content)
        if m is None:
            value = re.sub(r"^[ \t]*(?:- )?[ \t]*(?:[\w-]+[ \t]*:)?", "", content)
            nested += content[:1] in " \t-" and _reads_as_words(value)
            continue
        key = m.group(1)
        block = _front_matter_value(lines, line, (key,))
        if key in skip or key in keys or block is None:
            continue
        if _reads_as_words("".join(p.text for p in block.pieces)):
            keys.append(key)
    return FrontMatterText(tuple(keys), nested)


def markdown_document(
    text: str,
    front_matter_keys: Sequence[str] = FRONT_MATTER_KEYS,
    dialect: Dialect = Dialect.COMMONMARK,
) -> SourceDocument:
    """A Markdown source as segments with tags; blocks that cannot be placed stay verbatim."""
    walk = _Walk(text, front_matter_keys, dialect)
    walk.run(parse(_locator(dialect), text))
    return build_document(
        text, walk.blocks, markdown=True, verbatim_lines=walk.verbatim, unread_lines=walk.unread
    )


def structure(stream: Sequence[Token]) -> list[tuple[Any, ...]]:
    """A token stream as comparable tuples, without source positions.

    Soft line breaks count as spaces and adjacent text is joined, so a paragraph re-flowed
    onto fewer lines has the same structure (it renders the same).
    """
    out: list[tuple[Any, ...]] = []
    for token in stream:
        if token.type == "inline":
            out.append(("inline", tuple(_inline_structure(token.children or []))))
            continue
        content = token.content if token.type in _KEPT_CONTENT else ""
        if token.type == "html_block":  # a text attribute's value as it reads
            content = html_text_replaced(content, _same)
        if token.type in TAG_BLOCKS:
            content = tag_text_replaced(content, _same)
        if token.type == "front_matter":
            content = token.content
        out.append(
            (token.type, token.tag, token.nesting, token.markup, token.info, _attrs(token), content)
        )
    return out


_KEPT_CONTENT = frozenset({"fence", "code_block", "html_block", *VERBATIM_BLOCKS})


def tag_text_replaced(tag_text: str, replace: Callable[[str], str]) -> str:
    """JSX tags or shortcodes with each text attribute's value replaced by
    ``replace(value)`` (character references read)."""
    out: list[str] = []
    pos = 0
    for a, b, _quote in text_attribute_values(tag_text):
        out += [tag_text[pos:a], replace(_unescaped(tag_text[a:b]))]
        pos = b
    out.append(tag_text[pos:])
    return "".join(out)


def _attrs(token: Token) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((k, v) for k, v in token.attrs.items()))


def _inline_structure(children: Sequence[Token]) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for token in children:
        if token.type in ("text", "softbreak"):
            text = " " if token.type == "softbreak" else token.content
            if out and out[-1][0] == "text":
                out[-1] = ("text", out[-1][1] + text)
            else:
                out.append(("text", text))
            continue
        inner = tuple(_inline_structure(token.children or []))
        content = "" if token.type == "image" else token.content  # an image's is its raw alt
        if token.type == "html_inline":
            content = html_text_replaced(content, _same, tags_anywhere=False)
        if token.type == SHORTCODE:
            content = tag_text_replaced(content, _same)
        out.append((token.type, token.markup, content, _attrs(token), inner))
    return [("text", " ".join(t[1].split())) if t[0] == "text" else t for t in out]


def changed_markup(source: str, output: str, dialect: Dialect = Dialect.COMMONMARK) -> int | None:
    """The source line where ``output`` first differs from ``source`` in its markup (texts,
    titles and front-matter values aside), or ``None`` when the markup is the same."""
    before, after = tokens(source, dialect), tokens(output, dialect)
    for old, new in zip(before, after, strict=False):
        if _markup_shape(old) != _markup_shape(new):
            return (old.map[0] + 1) if old.map else 1
    if len(before) != len(after):
        last = next((t.map for t in reversed(before) if t.map), None)
        return last[1] if last else 1
    return None


def _markup_shape(token: Token) -> tuple[Any, ...]:
    if token.type == "inline":
        children = token.children or []
        return ("inline", tuple(_child_shape(c) for c in children if c.type not in _FLOW))
    if token.type == "front_matter":
        return ("front_matter",)
    if token.type.startswith("container_") and (m := _CONTAINER.match(token.markup + token.info)):
        return (token.type, token.markup, m.group(2))  # the title is text
    if token.type == "html_block":  # alt and title values are text
        return ("html_block", html_text_replaced(token.content, _blank))
    if token.type in TAG_BLOCKS:  # label, title, alt… values are text
        return (token.type, tag_text_replaced(token.content, _blank))
    return structure([token])[0]


def _same(value: str) -> str:
    return value


def _blank(_value: str) -> str:
    return ""


_FLOW = frozenset({"text", "softbreak"})


def _child_shape(token: Token) -> tuple[Any, ...]:
    attrs = tuple((k, v) for k, v in sorted(token.attrs.items()) if k not in ("title", "alt"))
    inner = tuple(_child_shape(c) for c in token.children or [] if c.type not in _FLOW)
    content = token.content if token.type in ("code_inline", EXPRESSION) else ""
    if token.type == SHORTCODE:
        content = tag_text_replaced(token.content, _blank)
    markup = token.markup.replace("_", "*")  # _x_ written *x* where a translation needs it
    return (token.type, markup, content, attrs, inner)
