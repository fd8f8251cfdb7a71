"""Glossary files: TSV, CSV and TBX in, TSV and TBX out.

**TSV/CSV.** A header row names the columns ``source``, ``target``, ``status`` and
optionally ``note``, ``case_sensitive`` (yes/no) and ``variants`` (further source-side
spellings separated by ``|``); other columns are ignored. Blank lines and lines starting
with ``#`` are comments. A term that itself starts with ``#`` is written ``\\#`` in TSV (the
TSV export does so) or quoted (``"#…"``) in CSV. A ``#`` line that reads like a complete row
(``#Term<TAB>target<TAB>preferred``) is ambiguous and an error, so no term is ever skipped
silently; ``# `` with a space comments a row out. ``status`` is one of preferred,
admitted, forbidden, dnt. A dnt row
may leave ``target`` empty (it means "the source, unchanged"). Rows with the same source
form one concept. ``.tsv`` is tab-separated without quoting; ``.csv`` is RFC 4180.

**TBX** (TBX v3 core, DCA style, TBX-Basic dialect; TBX v2 ``martif`` files are read too).
Each ``conceptEntry`` has a ``langSec`` for the source language (the first term is the
concept's source, further terms are variants) and one for the target language, whose
``termSec`` elements are the rows. ``termNote type="administrativeStatus"`` maps
``preferredTerm-admn-sts`` → preferred, ``admittedTerm-admn-sts`` → admitted,
``deprecatedTerm-admn-sts`` and ``supersededTerm-admn-sts`` → forbidden; a termSec
without status is preferred. **Do-not-translate convention:** a target ``termSec`` whose
term equals the source and carries ``<termNote type="transferType">doNotTranslate</termNote>``
(also accepted on import: a ``note`` reading "doNotTranslate" or "do not translate"
anywhere in the concept). Case sensitivity is ``<termNote type="x-caseSensitive">yes``;
a row's note is a ``note`` in its termSec. XML is parsed with defusedxml: entity
declarations (XML bombs) and external entities are refused. TBX reading and writing live in
:mod:`workbench.adapters.tbx`, loaded when a TBX file is met.

Every problem is a :class:`UserError` naming ``file:line`` and what to do, including a
file over :data:`MAX_GLOSSARY_BYTES` and a cell over :data:`MAX_TERM_CHARS` (terms,
variants) or :data:`MAX_NOTE_CHARS` (notes): such sizes are no glossary, and the term
automaton is not built for them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from workbench.adapters.files import MiB, atomic_write_text, decode_text, read_input
from workbench.domain.glossary.model import Glossary, Term, TermStatus, find_conflicts
from workbench.errors import UserError

COLUMNS = ("source", "target", "status", "note", "case_sensitive", "variants")
REQUIRED = ("source", "target", "status")
VARIANT_SEP = "|"
_FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
#: ``case_sensitive`` cells (and TBX notes) that mean yes.
TRUE = {"yes", "y", "true", "1", "x"}
_FALSE = {"no", "n", "false", "0", ""}
_STATUS_HINT = "use one of: preferred, admitted, forbidden, dnt"
#: Limits on what a glossary file may hold (the messages name them).
MAX_GLOSSARY_BYTES = 64 * MiB
MAX_TERM_CHARS = 1000
MAX_NOTE_CHARS = 10_000


# -- loading -------------------------------------------------------------------------


def load_glossary(path: Path, source_lang: str = "de", target_lang: str = "en") -> Glossary:
    """Read a ``.tsv``, ``.csv`` or ``.tbx`` glossary; :class:`UserError` on bad input."""
    path = Path(path)
    terms = read_terms(path, source_lang, target_lang)
    _raise_conflicts(terms)
    return Glossary.from_terms(terms, name=path.stem)


def load_glossaries(
    paths: Sequence[Path], source_lang: str = "de", target_lang: str = "en"
) -> Glossary:
    """Read several glossaries as one; conflicts between files are errors too."""
    terms: list[Term] = []
    for path in paths:
        terms.extend(read_terms(Path(path), source_lang, target_lang))
    _raise_conflicts(terms)
    return Glossary.from_terms(terms, name="+".join(Path(p).stem for p in paths))


def read_terms(path: Path, source_lang: str = "de", target_lang: str = "en") -> list[Term]:
    """The rows of one glossary file, in file order, without the conflict check."""
    suffix = path.suffix.lower()
    if suffix not in (".tsv", ".csv", ".tbx"):
        raise UserError(
            f"unknown glossary format {path.suffix or '(no suffix)'!r}",
            path,
            "use a .tsv, .csv or .tbx file",
        )
    if not path.exists():
        raise UserError(
            "no such glossary file",
            path,
            "check the path, or the [glossary] files in workbench.toml",
        )
    data = read_input(path, MAX_GLOSSARY_BYTES, "glossary")
    if suffix == ".tbx":
        from workbench.adapters.tbx import read_tbx  # XML only for TBX: not on every check's path

        terms = read_tbx(data, path, source_lang, target_lang)
    else:
        text = decode_text(data, path, "save the glossary as UTF-8", "utf-8-sig", "UTF-8")
        terms = _read_table(text, path, "," if suffix == ".csv" else "\t")
    for term in terms:
        _check_sizes(term)
    return terms


def _check_sizes(term: Term) -> None:
    """Refuse a cell no glossary needs (a 700 KB "term" would crash the term automaton)."""
    cells = [("source", term.source, MAX_TERM_CHARS), ("target", term.target, MAX_TERM_CHARS)]
    cells += [("variant", v, MAX_TERM_CHARS) for v in term.variants]
    cells.append(("note", term.note, MAX_NOTE_CHARS))
    for name, text, limit in cells:
        if len(text) > limit:
            raise UserError(
                f"the {name} cell has {len(text):,} characters, over the limit of {limit:,}",
                term.where or None,
                "a glossary holds terms and short notes; shorten the cell",
            )


def _raise_conflicts(terms: Iterable[Term]) -> None:
    conflicts = find_conflicts(terms)
    if conflicts:
        first = conflicts[0]
        more = f" ({len(conflicts) - 1} more conflicts)" if len(conflicts) > 1 else ""
        raise UserError(first.message + more, first.second.where or None, first.hint)


def _column_name(cell: str) -> str:
    """A header cell as a column name: ``Case sensitive`` and ``case-sensitive`` are
    ``case_sensitive``."""
    return cell.strip().lower().replace(" ", "_").replace("-", "_")


def _header(cells: list[str], where: str, delimiter: str) -> list[str]:
    """The column names of a header row, which must name the required columns."""
    header = [_column_name(c) for c in cells]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise UserError(
            f"the header row lacks the column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} (found: {', '.join(h for h in header if h) or 'nothing'})",
            where,
            "start the file with a header row: source, target, status, note"
            + (" separated by tabs" if delimiter == "\t" else " separated by commas"),
        )
    return header


def _read_table(text: str, path: Path, delimiter: str) -> list[Term]:
    header: list[str] | None = None
    header_line = 0
    terms: list[Term] = []
    for lineno, cells in _records(text, delimiter, path):
        if header is None:
            header = _header(cells, f"{path}:{lineno}", delimiter)
            header_line = lineno
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            raise UserError(
                f"row has {len(cells)} cells but the header (line {header_line}) "
                f"names {len(header)} columns",
                f"{path}:{lineno}",
                "remove the extra cells, or quote cells that contain the separator (in .csv)",
            )
        row = dict(zip(header, (c.strip() for c in cells), strict=False))
        terms.append(_row_term(row, path, lineno))
    if header is None:
        raise UserError(
            "the glossary is empty",
            path,
            "add a header row (source, target, status, note) and terms",
        )
    return terms


def _records(text: str, delimiter: str, path: Path) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of each row that is neither blank nor a ``#`` comment.

    TSV rows are lines; CSV rows follow RFC 4180, so a quoted cell may span lines. A
    comment is a line starting with ``#`` (a quoted ``"#…"`` CSV cell is a term); in TSV a
    leading ``\\#`` is a term starting with ``#`` (``\\\\#`` one starting with ``\\#``).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if delimiter == "\t":
        for lineno, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            if raw.lstrip().startswith("#"):
                _refuse_row_like_comment(raw, raw.split("\t"), path, lineno)
                continue
            cells = raw.split("\t")
            if cells[0].startswith("\\") and cells[0].lstrip("\\").startswith("#"):
                cells[0] = cells[0][1:]
            yield lineno, cells
        return
    import csv  # here: a .tsv glossary (the usual one) needs no CSV reader

    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise UserError(
                f"malformed CSV: {exc}",
                f"{path}:{start}",
                "check the quotes on this row: a quoted cell must end with a quote",
            ) from None
        raw = lines[start - 1] if start <= len(lines) else ""
        if raw.lstrip().startswith("#"):
            _refuse_row_like_comment(raw, cells, path, start)
        elif any(c.strip() for c in cells):
            yield start, cells
        start = reader.line_num + 1


def _is_status(cell: str) -> bool:
    try:
        TermStatus.parse(cell.strip())
    except ValueError:
        return False
    return True


def _refuse_row_like_comment(raw: str, cells: list[str], path: Path, lineno: int) -> None:
    """A ``#Term<sep>target<sep>status`` line: a term starting with ``#``, or a row
    commented out? Both happen; guessing would lose a term silently, so ask.
    """
    if raw.lstrip()[1:2] in ("", " ", "#", "\t") or not any(map(_is_status, cells[1:])):
        return
    raise UserError(
        f"this row starts with '#': is {cells[0].strip()!r} a term, or is the row commented out?",
        f"{path}:{lineno}",
        "a term starting with # is written \\# in TSV (or quoted in CSV); to comment the row "
        "out, write '# ' (with a space) in front",
    )


def _row_term(row: dict[str, str], path: Path, lineno: int) -> Term:
    where = f"{path}:{lineno}"
    for column, value in row.items():
        bad = _FORBIDDEN_CHARS.search(value)
        if bad is not None:
            raise UserError(
                f"the {column} cell holds the control character U+{ord(bad.group()):04X}",
                where,
                "delete it: glossary terms are plain text (TBX cannot hold it either)",
            )
    source = row.get("source", "")
    if not source:
        raise UserError("empty source term", where, "fill in the source, or delete the row")
    status, target = _status_and_target(source, row, where)
    flag = row.get("case_sensitive", "").lower()
    if flag not in TRUE and flag not in _FALSE:
        raise UserError(
            f"case_sensitive must be yes or no, not {flag!r}",
            where,
            "write yes, no, or leave it empty",
        )
    variants = tuple(
        dict.fromkeys(
            v.strip()
            for v in row.get("variants", "").split(VARIANT_SEP)
            if v.strip() not in ("", source)
        )
    )
    return Term(
        source=source,
        target=target,
        status=status,
        note=row.get("note", ""),
        case_sensitive=flag in TRUE,
        variants=variants,
        line=lineno,
        file=str(path),
    )


def _status_and_target(source: str, row: dict[str, str], where: str) -> tuple[TermStatus, str]:
    """A row's status, and its target: a dnt row's is the source (its cell empty or the
    same), every other status needs one."""
    target = row.get("target", "")
    status_text = row.get("status", "")
    if not status_text:
        raise UserError(f"no status for {source!r}", where, _STATUS_HINT)
    try:
        status = TermStatus.parse(status_text)
    except ValueError:
        raise UserError(
            f"unknown status {status_text!r} for {source!r}", where, _STATUS_HINT
        ) from None
    if status is TermStatus.DNT:
        if target and target != source:
            raise UserError(
                f"dnt row for {source!r} has a different target {target!r}",
                where,
                "leave the target empty (or equal to the source) for dnt, or use status preferred",
            )
        target = source
    elif not target:
        raise UserError(
            f"empty target for {source!r} ({status.value})",
            where,
            "fill in the target, or use status dnt if the source stays as it is",
        )
    return status, target


def save_tbx(
    glossary: Glossary,
    path: Path | str,
    source_lang: str = "de",
    target_lang: str = "en",
    *,
    inputs: Sequence[Path | str] = (),
) -> None:
    """Write the glossary as TBX by the one write path (never over one of ``inputs``)."""
    from workbench.adapters.tbx import tbx_text

    atomic_write_text(path, tbx_text(glossary, source_lang, target_lang), inputs=inputs)


def tsv_text(glossary: Glossary) -> str:
    """The glossary as TSV (variants on each concept's first row)."""
    lines = ["\t".join(COLUMNS)]
    for concept in glossary.concepts:
        for i, term in enumerate(concept.terms):
            cells = _cells(term, concept.variants if i == 0 else ())
            line = "\t".join(" ".join(cells[c].split()) for c in COLUMNS).rstrip("\t")
            lines.append(_tsv_row(line))
    return "\n".join(lines) + "\n"


def _cells(term: Term, variants: Sequence[str]) -> dict[str, str]:
    """A term's cells by column name, as a table row holds them (a dnt row's target empty)."""
    return {
        "source": term.source,
        "target": "" if term.status is TermStatus.DNT else term.target,
        "status": term.status.value,
        "note": term.note,
        "case_sensitive": "yes" if term.case_sensitive else "",
        "variants": VARIANT_SEP.join(variants),
    }


def _tsv_row(line: str) -> str:
    """A TSV row as written: one whose term starts with ``#`` (after any backslashes) gets
    one more backslash, which reading takes off again (so it is not read as a comment)."""
    return "\\" + line if line.lstrip("\\").startswith("#") else line


def save_tsv(glossary: Glossary, path: Path | str, *, inputs: Sequence[Path | str] = ()) -> None:
    """Write the glossary as TSV by the one write path (never over one of ``inputs``)."""
    atomic_write_text(path, tsv_text(glossary), inputs=inputs)


# -- adding a term ----------------------------------------------------------------------


def add_term(path: Path, term: Term) -> Term:
    """Append ``term`` as one row of the ``.tsv``/``.csv`` glossary ``path`` (made, with a
    header, if it does not exist), keeping every existing byte of the file.

    The row follows the file's own header order; the file with the new row must still read
    without conflicts (a target both preferred and forbidden is refused), so a term the
    glossary cannot hold is never written. Returns the term as read back.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".tsv", ".csv"):
        raise UserError(
            "terms are added to a .tsv or .csv glossary",
            path,
            "choose a .tsv file (a TBX glossary can be exported from it)",
        )
    delimiter = "," if suffix == ".csv" else "\t"
    if path.exists():
        data = read_input(path, MAX_GLOSSARY_BYTES, "glossary")
        text = decode_text(data, path, "save the glossary as UTF-8", "utf-8-sig", "UTF-8")
        header = next(iter(_records(text, delimiter, path)), (0, list(REQUIRED)))[1]
        columns = [_column_name(c) for c in header]
    else:
        columns = ["source", "target", "status", "note"]
        text = _format_row(columns, delimiter)
    values = _cells(term, term.variants)
    _refuse_unwritable(values, columns, path)
    row = _format_row([values.get(c, "") for c in columns], delimiter)
    new_text = (text if not text or text.endswith("\n") else text + "\n") + row
    terms = _read_table(new_text, path, delimiter)
    for added in terms[-1:]:
        _check_sizes(added)
    _raise_conflicts(terms)
    atomic_write_text(path, new_text)
    return terms[-1]


def _refuse_unwritable(values: dict[str, str], columns: list[str], path: Path) -> None:
    """A term's cells must each have a column in the file, and be one line of plain text."""
    lost = [name for name, value in values.items() if value and name not in columns]
    if lost:
        raise UserError(
            f"the glossary has no {', '.join(lost)} column for this term",
            path,
            f"add the column{'s' if len(lost) > 1 else ''} to its header row",
        )
    for name, value in values.items():
        if any(c in value for c in "\t\r\n"):
            raise UserError(f"the {name} holds a tab or a line break", path, "use plain text")


def _format_row(cells: Sequence[str], delimiter: str) -> str:
    if delimiter == "\t":
        return _tsv_row("\t".join(cells).rstrip("\t")) + "\n"
    import csv

    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerow(cells)
    return out.getvalue()
