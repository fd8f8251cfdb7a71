"""The translated document, rebuilt from the source: its own markup, new sentences.

Every byte outside the segments is copied from the source (code, HTML blocks, front
matter, list markers, table pipes, line endings). A segment is either kept as written in
the source, or replaced by a translation whose tags become the source's markup again and
whose text is escaped just enough that it cannot turn into markup: ``*``, `````, ``[``,
``]`` and ``{`` always; ``_``, ``<``, ``&``, ``\\`` and ``~`` only where they would start
something; ``#``, ``>``, ``-``, ``+``, ``1.`` only at the start of a line; ``|`` in table
cells; a heading's closing ``#``. So an identity translation gives back the same bytes,
and a translation gives back the same structure.

A translated sentence is written on one line. In a plain text paragraph whose lines break
inside sentences (hard-wrapped prose), a changed paragraph is re-wrapped to the width of
its source; where lines break only between sentences, that layout is kept.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence

from workbench.domain.document.model import Segment, SourceDocument, TextSyntax

#: What to write for a segment: a tagged text, or ``None`` to keep the source's bytes.
Choice = Callable[[Segment], str | None]

_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ENTITY_LIKE = re.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)")
_AMPERSAND_REFERENCE = re.compile(r"&(?=[A-Za-z0-9#])")
_LINE_START = re.compile(r"(?:#{1,6}|[-+*]|>|=+)(?=[ \t]|$)|>|(\d{1,9})([.)])(?=[ \t]|$)")
_TRAILING_HASHES = re.compile(r"(^|[ \t])(#+)[ \t]*$")
_NEWLINES = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")
_BREAK_PREFIX = re.compile(r"(?:\r\n|\r|\n)[ \t>]*\Z")
_UNDERSCORES = re.compile(r"_{1,3}")
_BARE_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_PLAIN_UNSAFE = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`]|: | #|^\s|\s$|^$")


def rebuild(doc: SourceDocument, choose: Choice) -> str:
    """The document with each segment as ``choose`` says (``None``: the source's bytes)."""
    return _Rebuild(doc, choose).run()


class _Rebuild:
    def __init__(self, doc: SourceDocument, choose: Choice) -> None:
        self.text = doc.text
        self.choose = choose
        self.top, self.children = _nest(doc.segments)
        self.block_segments: dict[int, list[Segment]] = {}
        for seg in doc.segments:
            self.block_segments.setdefault(seg.block, []).append(seg)

    def run(self) -> str:
        return self.splice(0, len(self.text), self.top)

    def splice(self, start: int, end: int, inside: Sequence[Segment]) -> str:
        """The document's text in ``[start, end)`` with the segments inside it rendered."""
        out: list[str] = []
        pos = start
        plain_blocks: dict[int, list[tuple[Segment, str | None]]] = {}
        for seg in inside:
            if seg.start < pos or seg.end > end:
                continue
            if seg.syntax is TextSyntax.PLAIN:
                plain_blocks.setdefault(seg.block, []).append((seg, self.choose(seg)))
                if len(plain_blocks[seg.block]) < len(self.block_segments[seg.block]):
                    continue
                first = self.block_segments[seg.block][0]
                out.append(self.text[pos : first.start])
                out.append(self.plain_block(plain_blocks.pop(seg.block)))
                pos = seg.end
                continue
            out.append(self.text[pos : seg.start])
            out.append(self.render(seg))
            pos = seg.end
        out.append(self.text[pos:end])
        return "".join(out)

    def render(self, seg: Segment, new: str | None = None, chosen: bool = False) -> str:
        """One segment as the source has it or as its translation, markup restored."""
        if not chosen:
            new = self.choose(seg)
        kids = self.children.get(seg.id, [])
        if new is None:
            return self.splice(seg.start, seg.end, kids)
        raw = {tag.tag: tag.translated or self.splice(tag.start, tag.end, kids) for tag in seg.tags}
        left = self.text[seg.start - 1] if seg.start else "\n"
        right = self.text[seg.end] if seg.end < len(self.text) else "\n"
        return render_target(
            new, seg.syntax, raw, left=left, right=right, line_start=seg.line_start
        )

    def plain_block(self, members: list[tuple[Segment, str | None]]) -> str:
        """A plain text paragraph: sentences in place, re-wrapped if lines broke inside them."""
        first, last = members[0][0], members[-1][0]
        parts: list[str] = []
        pos = first.start
        for seg, new in members:
            parts.append(self.text[pos : seg.start])
            parts.append(self.render(seg, new, chosen=True))
            pos = seg.end
        body = "".join(parts)
        source = self.text[first.start : last.end]
        wrapped_inside = any(_NEWLINES.search(self.text[s.start : s.end]) for s, _ in members)
        if body == source or not wrapped_inside:
            return body
        line_start = self.text.rfind("\n", 0, first.start) + 1
        indent = first.start - line_start
        lines = self.text[line_start : last.end].splitlines()
        width = max(len(line) for line in lines)
        newline = m.group() if (m := re.search(r"\r\n|\r|\n", source)) else "\n"
        filled = textwrap.fill(
            " ".join(body.split()),
            width=width,
            initial_indent=" " * indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
        return filled[indent:].replace("\n", newline)


def _nest(segments: Sequence[Segment]) -> tuple[list[Segment], dict[str, list[Segment]]]:
    """Top-level segments, and the segments inside each (link titles inside a sentence)."""
    ordered = sorted(segments, key=lambda s: (s.start, -s.end))
    top: list[Segment] = []
    children: dict[str, list[Segment]] = {}
    stack: list[Segment] = []
    for seg in ordered:
        while stack and not (stack[-1].start <= seg.start and seg.end <= stack[-1].end):
            stack.pop()
        if stack:
            children.setdefault(stack[-1].id, []).append(seg)
        else:
            top.append(seg)
        stack.append(seg)
    return top, children


def render_target(
    target: str,
    syntax: TextSyntax,
    raw: dict[str, str],
    *,
    left: str = "\n",
    right: str = "\n",
    line_start: bool = False,
) -> str:
    """A translated segment as document text: its tags as ``raw`` markup, its text escaped.

    A paired tag whose other half is missing from the translation is left out (the
    ``tags`` check reports it), so a lone ``**`` never reaches the document. Line breaks in
    the translation become spaces: a sentence is one line.
    """
    text = _NEWLINES.sub(" ", target).strip()
    if not raw:
        return escape_text(text, syntax, left=left, right=right, line_start=line_start, last=True)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(raw, key=len, reverse=True)))
    parts: list[tuple[bool, str]] = []
    pos = 0
    for m in pattern.finditer(text):
        parts.append((False, text[pos : m.start()]))
        parts.append((True, m.group()))
        pos = m.end()
    parts.append((False, text[pos:]))
    present = {p for is_tag, p in parts if is_tag}
    starred = _glued_underscores(parts, raw, left, right)
    out: list[str] = []
    at_line_start = line_start
    for k, (is_tag, part) in enumerate(parts):
        if is_tag:
            if _lone_half(part, present):
                continue
            markup = raw[part]
            if _UNDERSCORES.fullmatch(markup) and part.strip("</>") in starred:
                markup = "*" * len(markup)
            out.append(markup)
            at_line_start = bool(_BREAK_PREFIX.search(markup))
            continue
        if not part:
            continue
        before = out[-1][-1:] if out and out[-1] else left
        after = _next_raw(parts, k, raw, present) or right
        last = all(not p for is_t, p in parts[k + 1 :] if not is_t)
        text = escape_text(
            part, syntax, left=before, right=after, line_start=at_line_start, last=last
        )
        if text.startswith("\\]") and k and _BARE_URL.match(raw.get(parts[k - 1][1], "<")):
            text = text[1:]  # "https://x.de]": a bare URL ends before "]", not "\\"
        out.append(text)
        at_line_start = False
    return "".join(out)


def _glued_underscores(
    parts: list[tuple[bool, str]], raw: dict[str, str], left: str, right: str
) -> set[str]:
    """The ``_``/``__`` emphasis pairs a translation glues to a letter outside them: they are
    written ``*``/``**`` (``_`` cannot open or close inside a word; ``*`` can, and means the
    same)."""
    glued: set[str] = set()
    for k, (is_tag, part) in enumerate(parts):
        if not (is_tag and _UNDERSCORES.fullmatch(raw.get(part, ""))):
            continue
        if part.startswith("</"):
            outside = next((p for _, p in parts[k + 1 :] if p), right)[:1]
        else:
            outside = next((p for _, p in reversed(parts[:k]) if p), left)[-1:]
        if outside.isalnum():
            glued.add(part.strip("</>"))
    return glued


def _lone_half(tag: str, present: set[str]) -> bool:
    if tag.endswith("/>"):
        return False
    name = tag.strip("</>")
    return (f"<{name}>" in present) != (f"</{name}>" in present)


def _next_raw(parts: list[tuple[bool, str]], k: int, raw: dict[str, str], present: set[str]) -> str:
    for is_tag, part in parts[k + 1 :]:
        if not is_tag:
            return part[:1]
        if not _lone_half(part, present) and raw[part]:
            return raw[part][:1]
    return ""


def escape_text(
    text: str, syntax: TextSyntax, *, left: str, right: str, line_start: bool, last: bool
) -> str:
    """Text that reads as itself in its place in the document (see the module docstring)."""
    if syntax in (TextSyntax.PLAIN, TextSyntax.YAML_BLOCK):
        return text  # a block scalar reads every character as text
    if syntax in (TextSyntax.TITLE_DOUBLE, TextSyntax.TITLE_SINGLE, TextSyntax.TITLE_PAREN):
        return _escape_title(text, syntax)
    if syntax in (TextSyntax.YAML_PLAIN, TextSyntax.YAML_DOUBLE, TextSyntax.YAML_SINGLE):
        return _yaml_scalar(text, syntax)
    if syntax in (TextSyntax.HTML_DOUBLE, TextSyntax.HTML_SINGLE):
        return _html_attribute(text, '"' if syntax is TextSyntax.HTML_DOUBLE else "'")
    out = _escape_inline(text, left, right, cell=syntax is TextSyntax.CELL)
    if line_start:
        out = _escape_line_start(out)
    if syntax is TextSyntax.HEADING and last:
        out = _TRAILING_HASHES.sub(lambda m: m.group(1) + "\\#" * len(m.group(2)), out)
    return out


def _escape_inline(text: str, left: str, right: str, cell: bool) -> str:
    out: list[str] = []
    size = len(text)
    for i, ch in enumerate(text):
        before = text[i - 1] if i else left
        after = text[i + 1] if i + 1 < size else right
        if ch == "\\":
            escape = after in _ASCII_PUNCT or after in "\r\n" or i + 1 == size
        elif ch in "`*[]{":
            escape = True  # "{" starts an MDX expression, a Hugo shortcode, a heading id
        elif ch == "_":
            escape = not (before.isalnum() and after.isalnum())
        elif ch == "<":
            escape = after.isalpha() or after in "/!?"
        elif ch == "&":
            escape = _ENTITY_LIKE.match(text, i) is not None
        elif ch == "~":
            escape = before == "~" or after == "~"
        elif ch == "|":
            escape = cell
        elif ch == "!":
            escape = after == "[" and i + 1 == size  # "!" before a link's "[": an image
        else:
            escape = False
        out.append("\\" + ch if escape else ch)
    return "".join(out)


def _escape_line_start(text: str) -> str:
    m = _LINE_START.match(text)
    if m is None:
        return text
    if m.group(1):  # an ordered-list number: escape its "." or ")"
        return m.group(1) + "\\" + text[len(m.group(1)) :]
    return "\\" + text


def _escape_title(text: str, syntax: TextSyntax) -> str:
    specials = {
        TextSyntax.TITLE_DOUBLE: '"',
        TextSyntax.TITLE_SINGLE: "'",
        TextSyntax.TITLE_PAREN: "()",
    }[syntax]
    out: list[str] = []
    for i, ch in enumerate(text):
        after = text[i + 1] if i + 1 < len(text) else ""
        escape = (
            ch in specials
            or ch == "|"  # it would end a GFM table cell; "\\|" is "|" in any title
            or (ch == "\\" and (after in _ASCII_PUNCT or not after))
            or (ch == "&" and _ENTITY_LIKE.match(text, i) is not None)
        )
        out.append("\\" + ch if escape else ch)
    return "".join(out)


def _html_attribute(text: str, quote: str) -> str:
    """An HTML attribute value in ``quote``: an ``&`` that could start a character
    reference (HTML reads ``&copy`` without ``;`` too), the quote itself and ``|`` (it would
    end a GFM table cell, even inside a tag) as references, everything else as it is."""
    out = _AMPERSAND_REFERENCE.sub("&amp;", text).replace("|", "&#124;")
    return out.replace(quote, "&quot;" if quote == '"' else "&#39;")


def _yaml_scalar(text: str, syntax: TextSyntax) -> str:
    if syntax is TextSyntax.YAML_SINGLE:
        return text.replace("'", "''")
    if syntax is TextSyntax.YAML_PLAIN and not _PLAIN_UNSAFE.search(text):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return escaped if syntax is TextSyntax.YAML_DOUBLE else f'"{escaped}"'
