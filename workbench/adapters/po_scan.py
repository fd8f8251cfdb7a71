"""A fast, read-only scan of a PO file into units, so the TUI opens in well under a second.

polib parses a 50,000-entry PO in 2-3 s, which is too slow for the first screen of an
editor. This scanner reads the same entries (msgctxt, msgid, msgstr, flags, comments,
references, previous msgid, obsolete entries skipped) line by line in a fraction of that.
It is only used to *show* the file early: the full-fidelity :class:`PoCatalog` is still
loaded (in the background) for saving, and the session checks that both agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from workbench.domain.document import BlockKind, Placement
from workbench.domain.units import CommentMeta, Unit, read_comments

_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}  # what polib unescapes (it keeps ``\\a`` as written)
_ESCAPE = re.compile(r"\\(.)")


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


def _quoted(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        return _unescape(text[1:-1])
    raise ValueError("expected a quoted string")


class _Entry:
    __slots__ = (
        "ctxt",
        "extracted",
        "field",
        "flags",
        "msgid",
        "msgstr",
        "plural",
        "previous",
        "refs",
        "start",
        "tcomments",
    )

    def __init__(self, start: int) -> None:
        self.start = start
        self.ctxt: str | None = None
        self.msgid: str | None = None
        self.msgstr = ""
        self.plural = False
        self.flags: list[str] = []
        self.tcomments: list[str] = []
        self.extracted: list[str] = []
        self.refs: list[str] = []
        self.previous: str | None = None
        self.field = ""


_ENTRY = re.compile(
    r"""^(?P<comments>(?:\#[^\n]*\n)*)
    (?:msgctxt[ ](?P<ctxt>"[^\n]*"(?:\n"[^\n]*")*)\n)?
    msgid[ ](?P<id>"[^\n]*"(?:\n"[^\n]*")*)\n
    (?P<plural>msgid_plural[ ][^\n]*(?:\n"[^\n]*")*\n)?
    msgstr(?P<index>\[0\])?[ ](?P<str>"[^\n]*"(?:\n"[^\n]*")*)""",
    re.MULTILINE | re.VERBOSE,
)


def _string(block: str) -> str:
    """The value of a quoted block the entry pattern matched (each line is ``"..."``)."""
    if "\n" not in block:
        return _unescape(block[1:-1]) if "\\" in block else block[1:-1]
    lines = block.split("\n")
    text = "".join([line[1:-1] for line in lines])
    return _unescape(text) if "\\" in text else text


def scan_units(path: Path, strict: bool = False) -> list[Unit]:
    """The non-obsolete entries of a PO file as units, in file order (header excluded).

    Raises ``ValueError`` when the file is not the plain, well-formed PO it expects; callers
    then use the full parser, which reports real problems with a line number.

    ``strict`` scans only what is certain to read exactly as :class:`PoCatalog` reads it
    (or that it rejects), and raises ``ValueError`` on anything else: checking uses the
    scan without loading the catalogue afterwards, so nothing may read differently.
    """
    return list(iter_units(read_po_text(path), strict=strict))


def read_po_text(path: Path) -> str:
    """The file's text as the scanner reads it (UTF-8, ``\\n`` line ends)."""
    return po_text(Path(path).read_bytes())


def po_text(raw: bytes) -> str:
    """PO bytes as the scanner reads them (UTF-8, ``\\n`` line ends)."""
    text = raw.decode("utf-8")
    return text.replace("\r\n", "\n") if "\r" in text else text


def iter_units(text: str, strict: bool = False) -> Iterator[Unit]:
    """The units of a PO text one by one, so a caller can show the first ones early.

    The whole file is validated only when the iterator is exhausted: it raises
    ``ValueError`` then (or earlier) if anything was not understood. ``strict``: see
    :func:`scan_units`.
    """
    if strict and any(c in text for c in _OTHER_LINE_BREAKS):
        raise ValueError("line breaks polib reads differently")
    entries = 0
    line = 1
    last = 0
    covered = 0
    plural = False
    for match in _ENTRY.finditer(text):
        start, end = match.span()
        comments, ctxt_block, id_block, _plural, _index, str_block = match.groups()
        one_line = False  # every string on one line, without escapes
        if strict:
            plural, one_line = _strict_match(text, match, covered, plural, entries == 0)
        else:
            _check_gap(text, covered, start)
        covered = end
        entries += 1
        if one_line:
            if ctxt_block is None and id_block == '""':
                continue  # a header, as below
            line += text.count("\n", last, start)
            last = start
            yield Unit.plain(
                ctxt_block[1:-1] if ctxt_block is not None else "",
                id_block[1:-1],
                str_block[1:-1],
                line,
            )
            continue
        msgid = _string(id_block)
        if not msgid and ctxt_block is None:
            continue  # the header
        line += text.count("\n", last, start)
        last = start
        ctxt = _string(ctxt_block) if ctxt_block is not None else ""
        if not comments:  # nothing but strings: no metadata to read
            yield Unit.plain(ctxt, msgid, _string(str_block), line)
            continue
        entry = _Entry(line)
        entry.ctxt = ctxt
        entry.msgid = msgid
        entry.msgstr = _string(str_block)
        _read_comment_lines(entry, comments)
        yield _unit(entry)
    if strict:
        _strict_gap(text[covered:], plural)
    else:
        _check_gap(text, covered, len(text))
    if entries != text.count("\nmsgid ") + text.startswith("msgid "):
        raise ValueError("entries the fast scan does not understand")


#: Characters ``str.splitlines`` (and so polib, given a text) takes as line ends.
_OTHER_LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
#: One closed PO string line, as gettext (and ``PoCatalog``) accepts it.
_STRING_LINE = re.compile(r'"(?:[^"\\]|\\.)*"')
_PLURAL_GAP = re.compile(r'(?:\nmsgstr\[[1-9]\] "[^\n]*"(?:\n"[^\n]*")*)*')


def _strict_match(
    text: str, match: re.Match[str], covered: int, plural: bool, first: bool
) -> tuple[bool, bool]:
    """Check one matched entry (and the gap before it) reads exactly as polib reads it.

    Returns whether the entry is plural and whether every string of it stands on one
    line without escapes, so that slicing off the quotes reads it. ``covered`` is where
    the previous entry ended; ``plural`` whether it was plural.
    """
    start, end = match.span()
    comments, ctxt_block, id_block, plural_block, index, str_block = match.groups()
    # entries start a line, so a one-character gap is the line break before it
    if start - covered > 1 and text[covered:start].strip():
        _strict_gap(text[covered:start], plural)
    if not (comments or first or plural_block is not None or index is not None):
        breaks = text.count("\n", start, end)
        if text.find("\\", start, end) < 0 and text.count('"', start, end) == 2 * breaks + 2:
            # plain strings only, as most entries are: nothing else to check
            return False, breaks == (1 if ctxt_block is None else 2)
    body = text[match.end("comments") : end] if comments else match.group()
    blocks = (ctxt_block, id_block, plural_block, index, str_block)
    return _strict_entry(body, comments, blocks, first=first), False


def _strict_block(block: str) -> None:
    """Every line of a matched string block is one closed string."""
    if "\\" not in block and block.count('"') == 2 * block.count("\n") + 2:
        return  # no escapes and no quotes inside: nothing to misread
    for part in block.split("\n"):
        if _STRING_LINE.fullmatch(part) is None:
            raise ValueError("a string the fast scan does not read like polib")


def _strict_gap(gap: str, plural: bool) -> None:
    """Between entries: blank lines only, after a plural entry first its other forms."""
    if plural:
        forms = _PLURAL_GAP.match(gap)
        if forms is not None and forms.end():
            for part in forms.group(0).split("\n"):
                if part:
                    _strict_block(part[part.index('"') :])
            gap = gap[forms.end() :]
    if gap.strip():
        raise ValueError("lines between entries the fast scan does not read like polib")


def _strict_entry(
    body: str,
    comments: str,
    blocks: tuple[str | None, str, str | None, str | None, str],
    first: bool,
) -> bool:
    """Check one matched entry reads exactly as polib reads it; return whether it is plural.

    ``body`` is the entry from its first keyword on; ``blocks`` are the matched groups
    (msgctxt, msgid, msgid_plural line, ``[0]`` index, msgstr).
    """
    ctxt, msgid, plural_block, index, msgstr = blocks
    if first and (msgid != '""' or ctxt is not None):
        raise ValueError("no header first: polib reads the first comments differently")
    if (plural_block is None) != (index is None):
        raise ValueError("msgstr and msgstr[0] mixed up with msgid_plural")
    # every line holds exactly two quotes and nothing is escaped: all strings are plain
    if "\\" in body or body.count('"') != 2 * body.count("\n") + 2:
        for block in (ctxt, msgid, msgstr):
            if block is not None:
                _strict_block(block)
    if plural_block is not None:
        if not plural_block.startswith('msgid_plural "'):
            raise ValueError("a msgid_plural the fast scan does not read")
        _strict_block(plural_block[len("msgid_plural ") :].rstrip("\n"))
    if comments:
        _strict_comments(comments)
    return plural_block is not None


def _strict_comments(comments: str) -> None:
    """Comment lines as polib reads them: marker, one space, text, no surrounding blanks."""
    after_previous = False
    for line in comments.split("\n"):
        if not line:
            continue
        if len(line) < 3 or line.strip() != line:
            raise ValueError("a short or padded comment line")
        kind, space = line[1], line[2]
        if kind == " ":
            after_previous = False
            continue
        if space != " " or kind not in ",.:|":
            raise ValueError("a comment line polib reads differently")
        if kind != "|":
            after_previous = False
            continue
        body = line[3:]
        if body.startswith("msgid "):
            body = body[len("msgid ") :]
        elif not (body.startswith('"') and after_previous):
            raise ValueError("a previous-entry line the fast scan does not read")
        if _STRING_LINE.fullmatch(body) is None:
            raise ValueError("a previous-entry string the fast scan does not read")
        after_previous = True


_GAP_LINE_STARTS = ("#", "msgstr[", '"')


def _check_gap(text: str, start: int, end: int) -> None:
    """Between entries only blank lines, comments and further plural forms may stand."""
    gap = text[start:end]
    if not gap.strip():
        return
    for line in gap.split("\n"):
        stripped = line.strip()
        if stripped and not stripped.startswith(_GAP_LINE_STARTS):
            raise ValueError(f"unexpected line {stripped[:40]!r}")


def _read_comment_lines(entry: _Entry, comments: str) -> None:
    previous: list[str] = []
    for line in comments.split("\n"):
        if not line:
            continue
        kind = line[1:2]
        if kind == ",":
            entry.flags.extend(f.strip() for f in line[2:].split(","))
        elif kind == ".":
            entry.extracted.append(line[3:] if line.startswith("#. ") else line[2:])
        elif kind == ":":
            entry.refs.extend(line[2:].split())
        elif kind == "|":
            body = line[2:].strip()
            if body.startswith("msgid "):
                previous = [_quoted(body[6:])]
            elif body.startswith('"') and previous:
                previous.append(_quoted(body))
            else:
                continue
            entry.previous = "".join(previous)
        elif kind == "~":
            raise ValueError("obsolete entry inside an entry")
        else:
            entry.tcomments.append(line[2:] if line.startswith("# ") else line[1:])


_BLOCK = re.compile(r'wb:block \{"n":(\d+),"s":(\d+),"kind":"([a-z]+)","marker":"([^"\\]*)"\}')
_KINDS = {k.value: k for k in BlockKind}
_NO_META = CommentMeta()


def _placement(extracted: list[str]) -> Placement | None:
    """The common case, one ``wb:block`` line as segmentation writes it, without JSON."""
    if len(extracted) != 1:
        return None
    match = _BLOCK.fullmatch(extracted[0].strip())
    if match is None or match.group(3) not in _KINDS:
        return None
    return Placement(
        int(match.group(1)), int(match.group(2)), _KINDS[match.group(3)], match.group(4)
    )


def _unit(e: _Entry) -> Unit:
    placement = _placement(e.extracted)
    if placement is not None:
        meta = read_comments(e.tcomments, ()) if e.tcomments else _NO_META
    else:
        meta = read_comments(e.tcomments, e.extracted)
        placement = meta.placement
    return Unit(
        id=e.ctxt or "",
        source=e.msgid or "",
        target=e.msgstr,
        fuzzy="fuzzy" in e.flags,
        review=meta.review,
        origin=meta.origin,
        waivers=meta.waivers,
        placement=placement,
        previous_source=e.previous,
        references=tuple(e.refs),
        notes=meta.notes,
        line=e.start,
        conflict=meta.conflict,
        obsolete=False,
        comments=meta.extracted_notes,
    )
