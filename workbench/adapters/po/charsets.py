"""The character sets a PO header may name, as GNU gettext knows them, and Python's codecs.

gettext accepts the portable encoding names of ``po-charset.c`` (case-insensitive) and
reads and writes a file in the one its header names. A PO file is read in that charset and
written back in it, so an ISO-8859-1 or BIG5 catalogue stays what it was.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

#: gettext's canonical name for each portable name it accepts (``po_charset_canonicalize``).
_CANONICAL: dict[str, str] = {
    "ASCII": "ASCII",
    "ANSI_X3.4-1968": "ASCII",
    "US-ASCII": "ASCII",
    **{f"ISO-8859-{n}": f"ISO-8859-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 15)},
    **{f"ISO_8859-{n}": f"ISO-8859-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 15)},
    **{
        name: name
        for name in [
            "KOI8-R",
            "KOI8-U",
            "KOI8-T",
            "CP850",
            "CP866",
            "CP874",
            "CP932",
            "CP949",
            "CP950",
            "CP1250",
            "CP1251",
            "CP1252",
            "CP1253",
            "CP1254",
            "CP1255",
            "CP1256",
            "CP1257",
            "GB2312",
            "EUC-JP",
            "EUC-KR",
            "EUC-TW",
            "BIG5",
            "BIG5-HKSCS",
            "GBK",
            "GB18030",
            "SHIFT_JIS",
            "JOHAB",
            "TIS-620",
            "VISCII",
            "GEORGIAN-PS",
            "UTF-8",
        ]
    },
}
_UPPER = {name.upper(): canonical for name, canonical in _CANONICAL.items()}

#: Python's codec for a canonical name where the plain lower-case name is not one.
_CODECS = {
    "ASCII": "ascii",
    "BIG5-HKSCS": "big5hkscs",
    "EUC-JP": "euc_jp",
    "EUC-KR": "euc_kr",
    "SHIFT_JIS": "shift_jis",
    "TIS-620": "tis_620",
}

#: Encodings in which gnulib counts most non-ASCII characters two columns wide.
CJK_WIDTH = frozenset({"EUC-JP", "GB2312", "GBK", "EUC-TW", "BIG5", "EUC-KR", "CP949", "JOHAB"})

_CHARSET = re.compile(rb"charset=([^ \t\n\\\"]*)")
#: The first header entry: ``msgid ""`` at the start of a line, then its msgstr lines.
_HEADER = re.compile(
    rb'^msgid[ \t]+""[ \t]*\r?\n(?:[ \t]*"[^\n]*\n)*[ \t]*msgstr[ \t]+((?:[ \t]*"[^\n]*(?:\n|$))+)',
    re.MULTILINE,
)


class Charset(NamedTuple):
    """How a file's bytes become text: the header's name, gettext's name, Python's codec."""

    declared: str
    canonical: str
    codec: str

    @property
    def wide_cjk(self) -> bool:
        """gnulib counts ambiguous-width characters as two columns in this charset."""
        return self.canonical in CJK_WIDTH


UTF8 = Charset("UTF-8", "UTF-8", "utf-8")
#: A file whose header names no charset (or the POT placeholder ``CHARSET``).
UNDECLARED = Charset("", "ASCII", "")


def canonical_name(name: str) -> str | None:
    """gettext's canonical spelling of a charset name, ``None`` if gettext does not know it."""
    return _UPPER.get(name.upper())


def charset_named(name: str) -> Charset | None:
    """The charset for a header's ``charset=`` value; ``None`` when Python cannot decode it."""
    if not name or name == "CHARSET":
        return UNDECLARED
    canonical = canonical_name(name) or name.upper()
    codec = _CODECS.get(canonical, canonical.lower().replace("-", "_"))
    try:
        codec = codecs.lookup(codec).name
    except LookupError:
        return None
    return Charset(name, canonical, codec)


def sniff_charset(raw: bytes) -> str:
    """The ``charset=`` value of the file's header as written ("" when there is none).

    The header is the first entry of a PO file and its bytes are ASCII in every charset
    gettext supports, so it is found in the raw bytes before anything is decoded.
    """
    header = _HEADER.search(raw)
    match = _CHARSET.search(header.group(1)) if header is not None else None
    return match.group(1).decode("ascii", "replace") if match else ""
