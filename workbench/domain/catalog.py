"""A gettext catalogue entry as plain values, and the header's fields.

What an entry *is* (its strings, comments, flags, previous strings, whether it is
obsolete), read the way GNU gettext reads it. How entries are written down (PO syntax,
gettext's line layout, charsets) belongs to :mod:`workbench.adapters.po`; what the
workbench makes of an entry (a :class:`~workbench.domain.units.Unit`) to
:mod:`workbench.domain.units`. Entry-level operations (merging two versions of a file,
comparing entries regardless of line wrapping) work on these values.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: What identifies an entry in a catalogue (per domain): msgctxt (``None``: none) and msgid.
Key = tuple[str | None, str]

DEFAULT_DOMAIN = "messages"


class PoEntry(NamedTuple):
    """One message of a PO file: the values gettext reads, nothing about its layout.

    ``msgstr`` is the translation, or ``msgstr[0]`` of a plural entry, whose further forms
    are ``plurals``. Comment lines are kept as gettext reads them: ``comments`` are the
    translator comments (``#``, one leading space removed), ``extracted`` the ``#.`` lines,
    ``references`` the ``#:`` locations as written (``file:line``), ``flags`` the ``#,``
    flags in their order. ``previous_*`` are the ``#|`` strings (what the msgid was when
    the translation was made). A named tuple: entries are made by the hundred thousand
    when a big catalogue is read, and equal values are equal entries whatever their line
    wrapping was.
    """

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    plurals: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()
    extracted: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    domain: str = DEFAULT_DOMAIN

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)

    @property
    def is_header(self) -> bool:
        """The header entry: empty msgid, no msgctxt (gettext's ``is_header``)."""
        return not self.msgid and self.msgctxt is None

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def msgstrs(self) -> tuple[str, ...]:
        """Every translation string: ``(msgstr,)``, or all plural forms in order."""
        return (self.msgstr, *self.plurals)


# --- the header entry's fields ----------------------------------------------------------

_FIELD = re.compile(r"^([^:\n]+):[ \t]*(.*)$")


def header_fields(msgstr: str) -> dict[str, str]:
    """The ``Name: value`` lines of a header msgstr, in order (later duplicates win)."""
    out: dict[str, str] = {}
    for line in msgstr.split("\n"):
        match = _FIELD.match(line)
        if match is not None:
            out[match.group(1).strip()] = match.group(2).strip()
    return out


def set_header_field(msgstr: str, name: str, value: str) -> str:
    """``msgstr`` with field ``name`` set to ``value``: replaced in place, else appended.

    Every other line stays exactly as it is, so a header edit changes one line.
    """
    lines = msgstr.split("\n")
    for i, line in enumerate(lines):
        match = _FIELD.match(line)
        if match is not None and match.group(1).strip() == name:
            lines[i] = f"{match.group(1)}: {value}"
            return "\n".join(lines)
    if msgstr and not msgstr.endswith("\n"):
        return f"{msgstr}\n{name}: {value}\n"
    return f"{msgstr}{name}: {value}\n"


def plural_count(msgstr: str) -> int | None:
    """``nplurals`` from a header msgstr's ``Plural-Forms``; ``None`` when absent or unreadable."""
    return nplurals_of(header_fields(msgstr).get("Plural-Forms", ""))


def nplurals_of(plural_forms: str) -> int | None:
    """``nplurals`` of a ``Plural-Forms`` header value; ``None`` when it has none."""
    match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms)
    return int(match.group(1)) if match else None
