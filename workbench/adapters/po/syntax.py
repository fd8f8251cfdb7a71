"""Reading PO text the way GNU gettext reads it, keeping where each entry stands.

The grammar is gettext's (``po-lex.c``, ``po-gram-gen.y``): comments before an entry
belong to it, ``#~`` marks obsolete entries and ``#|`` previous strings, strings may be
split over any number of lines, and what ``msgfmt`` rejects as structure (a missing
msgstr, an unknown keyword, a bad escape such as ``\\q``, an unclosed string, plural
forms out of order, a context separator inside a string) is a :class:`PoSyntaxError`
naming ``file:line``. Every entry comes with the span of the text it was read from, so a
writer can copy unchanged entries byte for byte.

Lines in gettext's own layout (one keyword and one string per line, or a comment) are
read with one regular expression each; any other line is taken apart token by token as
``po-lex.c`` does. Both feed the same grammar below.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from workbench.domain.catalog import DEFAULT_DOMAIN, PoEntry
from workbench.domain.patterns import when_used
from workbench.errors import UserError

HINT = "fix the file (`msgfmt -c` shows details); it was not changed"
#: git's conflict markers, left by a line merge of a PO file.
MARKERS = ("<<<<<<< ", "=======", ">>>>>>> ", "||||||| ")
MARKER_HINT = (
    "git left conflict markers here (a line merge): fix them by hand, or, if this clone has "
    "not run `workbench git-setup`, run it and `git checkout -m FILE` to merge the file again "
    "entry by entry"
)


class PoSyntaxError(UserError):
    """The text is not a PO file gettext would read; ``where`` is ``file:line``."""

    def __init__(self, message: str, path: str, line: int, text: str = "") -> None:
        hint = MARKER_HINT if text.startswith(MARKERS) else HINT
        super().__init__(f"malformed PO file: {message}", f"{path}:{line}", hint)
        self.line = line


class _At(NamedTuple):
    """Where a token is: its line's start (or the mark that switched the mode mid-line), end of
    text, end with line end, number, prefixes."""

    pos: int
    body_end: int
    end: int
    line: int
    obsolete: bool
    previous: bool


class Parsed(NamedTuple):
    """An entry as read, the span of text it came from and the line it starts on."""

    entry: PoEntry
    start: int
    end: int
    line: int


# --- lines ---------------------------------------------------------------------------------

#: What switches a line to obsolete (``#~``) or previous (``#|``) strings.
_MARKS = ("#~", "#|")

#: A line in gettext's layout: optional ``#~``/``#|`` prefix, optional keyword, one string.
_FAST = re.compile(
    r"(#~\| ?|#~ ?|#\| ?)?(?:(msgctxt|msgid_plural|msgid|msgstr)(?:\[([0-9]+)\])? )?"
    r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"[ \t]*\r?$'
)
_SPACE = " \t\r\f\v"
_STRING = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_BLOCK = rf"{_STRING}(?:\n{_STRING})*"
#: A whole entry in gettext's layout (comments, previous strings, strings; LF line ends).
_ENTRY = re.compile(
    rf"""(?P<comments>(?:\#(?![~|])[^\n]*\n)*)
    (?P<previous>(?:\#\|[^\n]*\n)*)
    (?:msgctxt[ ](?P<ctxt>{_BLOCK})\n)?
    msgid[ ](?P<msgid>{_BLOCK})\n
    (?:msgid_plural[ ](?P<plural>{_BLOCK})\n
       (?P<forms>msgstr\[0\][ ]{_BLOCK}(?:\nmsgstr\[[0-9]+\][ ]{_BLOCK})*)
      |msgstr[ ](?P<msgstr>{_BLOCK}))
    (?:\n|\Z)""",
    re.VERBOSE,
)
#: One previous-string line: ``#| msgid "…"`` or a continuation ``#| "…"``.
_PREVIOUS = when_used(r'#\| (?:(msgctxt|msgid|msgid_plural) )?"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')
_PREVIOUS_ORDER: dict[tuple[str, ...], tuple[str, ...]] = {
    (): ("msgctxt", "msgid"),
    ("msgctxt",): ("msgid",),
    ("msgid",): ("msgid_plural",),
    ("msgctxt", "msgid"): ("msgid_plural",),
}
_NO_PREVIOUS = (None, None, None)
_ESCAPE = re.compile(r"\\(?:([ntbrfva\\\"])|([0-7]{1,3})|x([0-9a-fA-F]+)|(.))", re.DOTALL)
_SIMPLE = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_SIMPLE.update({"\\": "\\", '"': '"'})
_DOMAIN = when_used(r'[ \t\r\f\v]*"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')
_KEYWORDS = frozenset({"msgctxt", "msgid", "msgid_plural", "msgstr", "domain"})
_PREVIOUS_KEYWORDS = frozenset({"msgctxt", "msgid", "msgid_plural"})
#: What may come before each keyword within one entry ("" : nothing yet).
_FOLLOWS = {
    "#|msgctxt": ("",),
    "#|msgid": ("", "#|msgctxt"),
    "#|msgid_plural": ("#|msgid",),
    "msgctxt": ("", "#|msgid", "#|msgid_plural"),
    "msgid": ("", "msgctxt", "#|msgid", "#|msgid_plural"),
    "msgid_plural": ("msgid",),
    "msgstr": ("msgid",),
}


def unescape(body: str, codec: str = "utf-8") -> str:
    """The value of a PO string's body (between the quotes), escapes resolved as gettext does.

    Raises ``ValueError`` for an escape gettext rejects (``\\q``). Octal and hex escapes
    stand for bytes in the file's charset (``codec``).
    """
    if "\\" not in body:
        return body
    parts: list[str | int] = []
    pos = 0
    for match in _ESCAPE.finditer(body):
        parts.append(body[pos : match.start()])
        simple, octal, hexa, _bad = match.groups()
        if simple is not None:
            parts.append(_SIMPLE[simple])
        elif octal is not None:
            parts.append(int(octal, 8) & 0xFF)
        elif hexa is not None:
            parts.append(int(hexa, 16) & 0xFF)
        else:
            raise ValueError("invalid control sequence")
        pos = match.end()
    parts.append(body[pos:])
    if all(isinstance(p, str) or p < 0x80 for p in parts):
        return "".join(p if isinstance(p, str) else chr(p) for p in parts)
    raw = b"".join(bytes([p]) if isinstance(p, int) else p.encode(codec) for p in parts)
    return raw.decode(codec)


# --- the grammar ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    """An entry being read: its comments so far, then its keywords and strings."""

    start: int
    line: int
    end: int = 0
    obsolete: bool = False
    comments: list[str] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    flags: tuple[str, ...] = ()
    #: Strings per keyword (``#|msgid`` for previous ones), plural forms under ``msgstr[n]``.
    strings: dict[str, list[str]] = field(default_factory=dict)
    field: str = ""  # the keyword whose strings come now ("" before the first)
    msgid_line: int = 0
    forms: int = 0

    @property
    def complete(self) -> bool:
        return self.field.startswith("msgstr")


def _continued(text: str, pos: int) -> bool:
    """Does the entry before ``pos`` go on after blank lines (a string, a plural form)?"""
    while text.startswith("\n", pos):
        pos += 1
    return text.startswith(('"', "msgstr", '#~ "', "#~ msgstr"), pos)


class Reader:
    """gettext's PO grammar over one text; iterate :meth:`entries` to read it."""

    def __init__(self, text: str, path: str, codec: str = "utf-8") -> None:
        self.text = text
        self.path = path
        self.codec = codec
        self.domain = DEFAULT_DOMAIN
        self.draft: _Draft | None = None
        self.done: list[Parsed] = []

    def error(self, message: str, line: int) -> PoSyntaxError:
        lines = self.text.split("\n", line)
        return PoSyntaxError(
            message, self.path, line, lines[line - 1] if line <= len(lines) else ""
        )

    def entries(self) -> Iterator[Parsed]:
        """Every entry in file order; raises :class:`PoSyntaxError` at the first problem.

        Text that belongs to no entry (blank lines, comments with no entry after them,
        ``domain`` lines) lies between the entries' spans.
        """
        text = self.text
        if text.startswith("\ufeff"):
            raise self.error(
                "the file starts with a byte order mark, which gettext does not read", 1
            )
        size = len(text)
        pos = 0
        line = 1
        whole = _ENTRY.match
        done = self.done
        while pos < size:
            draft = self.draft
            if draft is None or draft.complete:
                match = whole(text, pos)
                if match is not None and not _continued(text, match.end()):
                    entry = self._whole(match, line)
                    if entry is not None:
                        self._finish(line)
                        yield from done
                        done.clear()
                        end = match.end()
                        yield Parsed(entry, pos, end, line)
                        line += text.count("\n", pos, end)
                        pos = end
                        while text.startswith("\n", pos):
                            pos += 1
                            line += 1
                        continue
            pos = self._line(pos, line)
            line += 1
            if done:
                yield from done
                done.clear()
        self._finish(line)
        yield from done
        done.clear()

    def _whole(self, match: re.Match[str], line: int) -> PoEntry | None:
        """An entry in gettext's layout that :data:`_ENTRY` matched; ``None``: read it by lines.

        Anything unusual (previous strings out of order, plural forms misnumbered, a bad
        escape) is left to the line-by-line reading, which reports it with its line.
        """
        comments, previous, ctxt, msgid, plural, forms, msgstr = match.groups()
        block = self._block
        try:
            prev = self._previous(previous, line) if previous else _NO_PREVIOUS
            if prev is None:
                return None
            if forms is not None:
                values: list[str] = []
                for i, form in enumerate(forms.split("\nmsgstr[")):
                    index, _, body = form.removeprefix("msgstr[").partition("] ")
                    if index != str(i):
                        return None
                    values.append(block(body, line))
                msgstr, plurals = values[0], tuple(values[1:])
            else:
                msgstr, plurals = block(msgstr, line), ()
            msgid = block(msgid, line)
            ctxt = block(ctxt, line) if ctxt is not None else None
            plural = block(plural, line) if plural is not None else None
        except PoSyntaxError:
            return None
        if not comments:
            return PoEntry(
                msgid, msgstr, ctxt, plural, plurals, (), (), (), (), *prev, False, self.domain
            )
        notes: list[str] = []
        extracted: list[str] = []
        references: list[str] = []
        flags: tuple[str, ...] = ()
        for body in comments[:-1].split("\n"):
            found = read_comment(body[1:], notes, extracted, references)
            if found is not None:
                flags = found
        return PoEntry(
            msgid,
            msgstr,
            ctxt,
            plural,
            plurals,
            tuple(notes),
            tuple(extracted),
            tuple(references),
            flags,
            *prev,
            False,
            self.domain,
        )

    def _previous(
        self, previous: str, line: int
    ) -> tuple[str | None, str | None, str | None] | None:
        """The ``#|`` lines of an entry in gettext's layout; ``None`` if out of order."""
        strings: dict[str, str] = {}
        last = ""
        for part in previous[:-1].split("\n"):
            found = _PREVIOUS().fullmatch(part)
            if found is None:
                return None
            keyword, body = found.groups()
            if keyword is None:
                if not last:
                    return None
                strings[last] += body
            else:
                last = keyword
                if last not in _PREVIOUS_ORDER.get(tuple(strings), ()):
                    return None
                strings[last] = body
        values = {k: self._value(v, line) for k, v in strings.items()}
        return values.get("msgctxt"), values.get("msgid"), values.get("msgid_plural")

    def _block(self, block: str, line: int) -> str:
        """The value of a string block matched by :data:`_ENTRY`: ``"…"`` lines joined."""
        block = block[1:-1]
        if "\n" in block:
            # a quote can stand inside a line only escaped, so '"\n"' is where lines join
            block = block.replace('"\n"', "")
        if "\\" in block or "\x04" in block or "\x00" in block:
            return self._value(block, line)
        return block

    def _line(self, pos: int, line: int) -> int:
        """Read the line at ``pos`` into the grammar; return where the next line starts."""
        text = self.text
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl + 1
        body_end = end - 1 if nl >= 0 else len(text)
        first = text[pos] if pos < body_end else "\n"
        if first == "#" and text[pos + 1 : pos + 2] not in ("~", "|"):
            self._comment(text[pos + 1 : body_end], pos, line)
        elif first in 'm"#' and (match := _FAST.match(text, pos, body_end)) is not None:
            prefix, keyword, index, body = match.groups()
            obsolete = prefix is not None and prefix[1] == "~"
            previous = prefix is not None and "|" in prefix
            if keyword is not None:
                at = _At(pos, body_end, end, line, obsolete, previous)
                self._keyword(keyword, index, at)
            self._string(body, obsolete, previous, end, line)
        elif text[pos:body_end].strip(_SPACE):
            self._tokens(pos, body_end, end, line)
        return end

    # token by token, as po-lex.c reads a line ----------------------------------------------

    def _tokens(self, pos: int, body_end: int, end: int, line: int) -> None:
        text = self.text
        i = pos
        while i < body_end and text[i] in _SPACE:
            i += 1
        at = _At(pos, body_end, end, line, obsolete=False, previous=False)
        if text.startswith(_MARKS, i):
            i, at = self._mark(i, at)
        start = i
        while i < body_end:
            char = text[i]
            if char in _SPACE:
                i += 1
            elif text.startswith(_MARKS, i):
                # as po-lex.c: a mark after tokens switches the rest of the line to obsolete
                # (#~) or previous (#|) strings; an entry it starts begins at the mark
                if self.draft is not None:
                    self.draft.end = i
                i, at = self._mark(i, at._replace(pos=i))
            elif char == "#":
                if i == start and not at.obsolete and not at.previous:
                    self._comment(text[i + 1 : body_end], pos, line)
                elif self.draft is not None and self.draft.field:
                    # a comment after tokens on a line ends the entry, as any comment does
                    # (gettext gives it to the next entry; the workbench keeps it as text
                    # where it is)
                    self._finish(line)
                return
            elif char == '"':
                i = self._quoted(i, at)
            elif char.isascii() and (char.isalpha() or char in "_$"):
                i = self._word(i, at)
            else:
                raise self.error(f"syntax error: unexpected {char!r}", line)

    def _mark(self, i: int, at: _At) -> tuple[int, _At]:
        """The ``#~``, ``#~|`` or ``#|`` mark at ``i``: where it ends, ``at`` in its mode."""
        if self.text.startswith("#|", i):
            return i + 2, at._replace(previous=True)
        if self.text.startswith("|", i + 2):
            return i + 3, at._replace(obsolete=True, previous=True)
        return i + 2, at._replace(obsolete=True)

    def _quoted(self, i: int, at: _At) -> int:
        """The string starting at ``i`` (a quote) into the grammar; returns where it ends."""
        text = self.text
        j = i + 1
        while j < at.body_end and text[j] != '"':
            j += 2 if text[j] == "\\" else 1
        if j >= at.body_end:
            raise self.error("end-of-line within string", at.line)
        self._string(text[i + 1 : j], at.obsolete, at.previous, at.end, at.line)
        return j + 1

    def _word(self, i: int, at: _At) -> int:
        """The keyword starting at ``i`` (with ``[N]`` after msgstr); returns where it ends."""
        text = self.text
        j = i
        while j < at.body_end and text[j].isascii() and (text[j].isalnum() or text[j] in "_$"):
            j += 1
        word = text[i:j]
        if word not in (_PREVIOUS_KEYWORDS if at.previous else _KEYWORDS):
            raise self.error(f'keyword "{word}" unknown', at.line)
        if word == "domain":
            return self._domain(j, at.body_end, at.line)
        index = None
        k = j
        while k < at.body_end and text[k] in _SPACE:
            k += 1
        if word == "msgstr" and text.startswith("[", k):
            close = text.find("]", k, at.body_end)
            index = text[k + 1 : close].strip(_SPACE) if close > 0 else ""
            if not index.isdigit():
                raise self.error("syntax error: expected msgstr[N]", at.line)
            j = close + 1
        self._keyword(word, index, at)
        return j

    def _domain(self, i: int, body_end: int, line: int) -> int:
        match = _DOMAIN().match(self.text, i, body_end)
        if match is None:
            raise self.error("syntax error: a domain directive needs a quoted name", line)
        self._finish(line)
        self.draft = None  # comments before a domain line stay where they are, as text
        self.domain = self._value(match.group(1), line)
        return match.end()

    # grammar events ----------------------------------------------------------------------

    def _comment(self, body: str, start: int, line: int) -> None:
        draft = self.draft
        if draft is not None and draft.field:
            self._finish(line)
            draft = None
        if draft is None:
            draft = self.draft = _Draft(start, line)
        found = read_comment(body, draft.comments, draft.extracted, draft.references)
        if found is not None:
            draft.flags = found

    def _keyword(self, keyword: str, index: str | None, at: _At) -> None:
        obsolete, previous, pos, line = at.obsolete, at.previous, at.pos, at.line
        if previous:
            keyword = "#|" + keyword
        draft = self.draft
        if draft is not None and draft.complete and index is None and keyword != "msgstr":
            self._finish(line)
            draft = None
        if draft is None:
            draft = self.draft = _Draft(pos, line)
        if not draft.field:
            draft.obsolete = obsolete
        elif obsolete != draft.obsolete:
            raise self.error("inconsistent use of #~", line)
        if index is not None:
            keyword = self._plural_form(draft, index, line)
        elif draft.field not in _FOLLOWS[keyword]:
            raise self._out_of_order(draft, keyword, line)
        if keyword == "msgid":
            draft.msgid_line = line
        draft.field = keyword
        draft.strings[keyword] = []

    def _plural_form(self, draft: _Draft, index: str, line: int) -> str:
        """Check ``msgstr[index]`` may come now; returns the keyword it is stored under."""
        last = draft.field
        if last == "msgid":
            raise self.error("missing 'msgid_plural' section", draft.msgid_line)
        if last != "msgid_plural" and not last.startswith("msgstr["):
            raise self.error("syntax error: msgstr[N] without msgid_plural", line)
        if int(index) != draft.forms:
            raise self.error(
                "first plural form has nonzero index"
                if draft.forms == 0
                else "plural form has wrong index",
                line,
            )
        draft.forms += 1
        return f"msgstr[{draft.forms - 1}]"

    def _out_of_order(self, draft: _Draft, keyword: str, line: int) -> PoSyntaxError:
        """The error for ``keyword`` where gettext's grammar does not allow it."""
        last = draft.field
        if keyword == "msgstr" and last == "msgid_plural":
            return self.error(
                "msgstr after msgid_plural: the forms are msgstr[0], msgstr[1]…", line
            )
        if last == "msgctxt":
            return self.error("syntax error: msgctxt without msgid", line)
        if last == "msgid":
            return self.error("missing 'msgstr' section", draft.msgid_line)
        return self.error(f"syntax error: unexpected {keyword.removeprefix('#|')}", line)

    def _string(self, body: str, obsolete: bool, previous: bool, end: int, line: int) -> None:
        draft = self.draft
        if draft is None or not draft.field:
            raise self.error("syntax error: a string without a keyword", line)
        if obsolete != draft.obsolete:
            raise self.error("inconsistent use of #~", line)
        if previous != (draft.field[0] == "#"):
            raise self.error("syntax error: a string without a keyword", line)
        draft.strings[draft.field].append(self._value(body, line))
        draft.end = end

    def _value(self, body: str, line: int) -> str:
        try:
            value = unescape(body, self.codec)
        except ValueError:
            raise self.error("invalid control sequence", line) from None
        except UnicodeDecodeError:
            raise self.error("invalid multibyte sequence", line) from None
        if "\x04" in value:
            raise self.error("context separator <EOT> within string", line)
        if "\x00" in value:
            raise self.error("a \\0 escape: gettext would cut the string there", line)
        return value

    def _finish(self, line: int) -> None:
        """The entry being read ends here (or the file does): check it and hand it on."""
        draft = self.draft
        if draft is None:
            return
        self.draft = None
        last = draft.field
        if not last:
            return  # comments with no entry after them stay where they are, as text
        if not draft.complete:
            if last == "msgid":
                raise self.error("missing 'msgstr' section", draft.msgid_line)
            if last == "msgid_plural":
                raise self.error("missing 'msgstr[]' section", draft.msgid_line)
            if last == "msgctxt":
                raise self.error("syntax error: msgctxt without msgid", line)
            raise self.error("syntax error: previous strings (#|) without an entry", line)
        for name, parts in draft.strings.items():
            if not parts:
                raise self.error(f"syntax error: {name.removeprefix('#|')} without a string", line)
        joined = {name: "".join(parts) for name, parts in draft.strings.items()}
        forms = [joined[f"msgstr[{i}]"] for i in range(draft.forms)]
        get = joined.get
        entry = PoEntry(
            msgid=joined["msgid"],
            msgstr=forms[0] if forms else joined["msgstr"],
            msgctxt=get("msgctxt"),
            msgid_plural=get("msgid_plural"),
            plurals=tuple(forms[1:]),
            comments=tuple(draft.comments),
            extracted=tuple(draft.extracted),
            references=tuple(draft.references),
            flags=draft.flags,
            previous_msgctxt=get("#|msgctxt"),
            previous_msgid=get("#|msgid"),
            previous_msgid_plural=get("#|msgid_plural"),
            obsolete=draft.obsolete,
            domain=self.domain,
        )
        self.done.append(Parsed(entry, draft.start, draft.end, draft.line))


def read_comment(
    body: str, comments: list[str], extracted: list[str], references: list[str]
) -> tuple[str, ...] | None:
    """One comment line (without its ``#``) sorted as gettext sorts it.

    Extracted (``#.``) and reference (``#:``) lines go to their lists, everything else to
    the translator comments; a flags line (``#,``) returns its flags (gettext keeps only
    the last such line).
    """
    body = body.removesuffix("\r")
    kind = body[:1]
    if kind == ".":
        extracted.append(body[2:] if body.startswith(". ") else body[1:])
    elif kind == ":":
        references.extend(body[1:].split())
    elif kind in {",", "!"}:
        return _flags(body[1:])
    else:
        comments.append(body[1:] if kind == " " else body)
    return None


def _flags(body: str) -> tuple[str, ...]:
    """The flags of one ``#,`` line, split at commas and spaces; ``range:`` keeps its value."""
    tokens = [t for t in re.split(r"[\s,]+", body) if t]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "range:" and i + 1 < len(tokens):
            out.append(f"range: {tokens[i + 1]}")
            i += 2
            continue
        out.append(token)
        i += 1
    return tuple(out)
