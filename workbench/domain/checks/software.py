"""Conventions of software catalogues that the checks read through.

Program text (options, ``key=value``, ``[16,32]``) is copied, not translated; some
programs write their messages in a shorthand they expand at run time (e2fsprogs' ``@E``,
``@i``); GCC's diagnostics quote with ``%<…%>`` or the ``q`` flag. The checks of
:mod:`workbench.domain.checks` compare what a user sees, so they read these the way the
program does. One place for each convention:

* :data:`CODE_TOKEN` and :func:`without_shared_code` — program text;
* :func:`expand_abbreviations` — e2fsprogs' ``@x`` abbreviations;
* :func:`gcc_diagnostic` and :data:`GCC_DIRECTIVE` — GCC's diagnostic format;
* :func:`program_message` — a help text or a message a program prints;
* :func:`strftime_format` — a date or time format (``%d. %b %Y``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from workbench.domain.patterns import when_used
from workbench.domain.tags import PRINTF

#: A token of program text, not a word to translate: it holds ``= _ ^ [ ] { } < > / \ |``
#: (``uid=``, ``cwd_count:``, ``^[nN]``, ``--directory-prefix=``) or starts with a hyphen
#: (an option: ``--trust-server-names``).
CODE_TOKEN = re.compile(r"(?<!\S)(?:-\S*|\S*[=_^\[\]{}<>/\\|]\S*)")

_DIGIT = re.compile(r"\d")
#: Digits around a full stop or comma: what reads differently in German and English.
_DECIMAL = when_used(r"\d[.,]\d")


def without_shared_code(source: str, target: str) -> tuple[str, str]:
    """Source and target with what the translation copies as written blanked out: tokens
    of program text that hold a number with a full stop or comma (``-mtls-size=[16,32]``,
    ``{32|32,64}`` copied into the translation is the program's syntax, not a number to
    write the English way), such a number glued to program syntax (the ``16,16`` of
    ``gtk-menu=16,16``), and numbers of three dotted groups or more that are no German
    thousands (a version ``1.1.92``, an address ``192.168.0.1``) written the same on both
    sides. A number in prose (``9.999``, ``1.500.000`` kept as is) is still compared."""
    if not (_DIGIT.search(source) and _DIGIT.search(target)):
        return source, target
    shared = {t for t in CODE_TOKEN.findall(source) if _DECIMAL().search(t)}
    shared &= set(CODE_TOKEN.findall(target))
    copied = {n for n in _COPIED_NUMBER().findall(source) if not GERMAN_GROUPED.fullmatch(n)}
    copied &= set(_COPIED_NUMBER().findall(target))
    if not (shared or copied):
        return source, target

    def blank(m: re.Match[str]) -> str:
        return " " if m.group() in shared or m.group() in copied else m.group()

    def without(text: str) -> str:
        return _COPIED_NUMBER().sub(blank, CODE_TOKEN.sub(blank, text) if shared else text)

    return without(source), without(target)


#: A number with a full stop or comma after program syntax (``=16,16``, ``[0.5``), or one
#: of three groups or more (``1.1.92``, ``0,1,2``).
_COPIED_NUMBER = when_used(
    r"(?<=[=\[{|^\\])\d+(?:[.,]\d+)+|(?<![\d.,])\d+(?:[.,]\d+){2,}(?![.,]?\d)"
)
#: German thousands: ``1.500.000``, ``1.500,75`` (a number to write the English way, not a
#: name); never a first group of 0 (``0.123`` is a decimal, ``0.500.1`` a version).
GERMAN_GROUPED = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")


#: e2fsprogs' abbreviations (e2fsck/message.c), expanded by the program when it prints a
#: message: the German catalogue may write them out, or keep them.
E2FSPROGS_ABBREVIATIONS = {
    "a": "extended attribute",
    "A": "error allocating",
    "b": "block",
    "B": "bitmap",
    "c": "compress",
    "C": "conflicts with some other fs @b",
    "d": "directory",
    "D": "deleted",
    "e": "entry",
    "E": "@e '%Dn' in %p (%i)",
    "f": "filesystem",
    "F": "for @i %i (%Q) is",
    "g": "group",
    "h": "HTREE @d @i",
    "i": "inode",
    "I": "illegal",
    "j": "journal",
    "l": "lost+found",
    "L": "is a link",
    "m": "multiply-claimed",
    "n": "invalid",
    "o": "orphaned",
    "p": "problem in",
    "q": "quota",
    "r": "root @i",
    "s": "should be",
    "S": "super@b",
    "u": "unattached",
    "v": "device",
    "x": "extent",
    "z": "zero-length",
}
#: ``@`` and a letter of the table standing alone (not ``user@example``, ``@GNUPG@``).
_LETTERS = "".join(E2FSPROGS_ABBREVIATIONS)
_ABBREVIATION = when_used(rf"(?<![\w@])@([{_LETTERS}])(?![\w@])")
#: A nested abbreviation (``super@b``) inside an expansion.
_NESTED = when_used(rf"@([{_LETTERS}])")


def expand_abbreviations(text: str) -> str:
    """The text with e2fsprogs' ``@x`` abbreviations written out as the program prints
    them (``@E has a @z name`` → ``entry '%Dn' in %p (%i) has a zero-length name``);
    a text without them as it is."""
    if "@" not in text:
        return text

    def expand(m: re.Match[str]) -> str:
        out = E2FSPROGS_ABBREVIATIONS[m.group(1)]
        while "@" in out:
            out = _NESTED().sub(lambda n: E2FSPROGS_ABBREVIATIONS[n.group(1)], out)
        return out

    return _ABBREVIATION().sub(expand, text)


#: gettext's format flags of GCC's diagnostics.
GCC_FORMATS = frozenset({"gcc-internal-format", "gfc-internal-format"})
#: GCC's own directives: quoting with ``%<…%>`` (gettext's ``%<PRIu64>`` is no quote) or
#: the ``q`` flag (``%qs``, ``%qD``), and gfortran's locus ``%L`` (no printf conversion).
_GCC_QUOTING = when_used(r"%<(?!PRI).*?%>|%(?:\d+\$)?q[+#]*[a-zA-Z]|%(?:\d+\$)?L(?![a-zA-Z])")
#: Any directive of GCC's diagnostic format: printf's and GCC's own (``%qD``, ``%q+D``,
#: ``%2$L``, ``%<``, and ``%'``, an apostrophe: ``isn%'t``). A pattern's text, as
#: :data:`~workbench.domain.tags.PRINTF` is: compiled where it is used.
GCC_DIRECTIVE = (
    r"%'|%(?:\d+\$)?[-+#0 ]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:q|w|ll|l|h|z|t|\+|#)*[A-Za-z<>]"
)


def gcc_diagnostic(flags: Iterable[str], *texts: str) -> bool:
    """Whether an entry is a GCC diagnostic: flagged ``gcc-internal-format``, or (a
    catalogue turned back from ``.mo``, which keeps no flags) written with GCC's own
    directives ``%<…%>``, ``%qs`` or ``%L``."""
    flags = tuple(flags)
    if any(f in GCC_FORMATS for f in flags):
        return True
    if any(f.endswith("-format") and not f.startswith("no-") for f in flags):
        return False
    return any("%" in t and _GCC_QUOTING().search(t) for t in texts)


#: A line of a help text that lists an option (``  -a, --all``, `` --binary``).
_OPTION_LINE = when_used(r"(?m)^[ \t]*--?[A-Za-z]")
_PRINTF = when_used(PRINTF)


def program_message(text: str) -> bool:
    """Whether a text is a help text (a line lists an option) or a message a program
    prints (it ends with a line break, fills in printf placeholders, or is one line in
    GNU's style: lower case first, no end mark), not prose. Such
    texts keep the house style of their program: GNU's English has no full stop where a
    German translation adds one, and is terser than German (``quiet mode`` for
    ``zusätzliche Infomeldungen unterdrücken``)."""
    return (
        text.endswith("\n")
        or bool(_OPTION_LINE().search(text))
        or ("%" in text and any(m.group() != "%%" for m in _PRINTF().finditer(text)))
        or bool(_GNU_MESSAGE().fullmatch(text))
    )


#: A message in GNU's style: it starts with a lower-case word and ends without a mark
#: (``cannot get real UID``, ``failed to add output data``), which prose never does.
_GNU_MESSAGE = when_used(r"[a-z][a-z-]*\b[^\n]*[^\W_]\)?")


#: A directive of ``strftime`` (glibc's flags ``_-0^#``, a width, the ``E``/``O``
#: modifiers), and the conversions only ``strftime`` has (printf has ``%d``, ``%e``…).
_STRFTIME_DIRECTIVE = when_used(r"%[_\-0^#]?\d*[EO]?([aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ+%])")
_STRFTIME_ONLY = frozenset("bBCDFhHIjklmMPRSTUVWyYzZ")
_PRINTF_LENGTH = when_used(r"%(?:\d+\$)?[-+ #0']*\d*(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t)[diouxXn]")


def strftime_format(text: str) -> bool:
    """Whether a text is a date or time format for ``strftime`` (``%d. %b %Y``,
    ``%I:%M:%S %p``): every ``%`` starts one of its directives and one of them is no printf
    conversion. Such a format is localised, not kept: each language orders, adds and drops
    fields as its readers write dates (``%d. %b`` ↔ ``%b %e``, a 12-hour clock's ``%p``)."""
    if "%" not in text or _PRINTF_LENGTH().search(text):
        return False  # %ld, %zu: printf with a length (%l, %z are strftime's too)
    directives = list(_STRFTIME_DIRECTIVE().finditer(text))
    return len(directives) == text.count("%") - text.count("%%") and any(
        m.group(1) in _STRFTIME_ONLY for m in directives
    )
