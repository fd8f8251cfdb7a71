"""Translation units as the workbench sees them, and how their metadata is written down.

A unit is one segment with its translation, review state and history. The metadata that
gettext has no field for (who reviewed, what MT produced, which findings were waived, which
block a sentence belongs to) is kept as comment lines of the form ``wb:<key> <json>``:
review marks, MT origin and waivers in translator comments (``# ...``), which ``msgcat`` and
``msgmerge`` keep, and the block placement in an extracted comment (``#. ...``), which is
produced by segmentation like a POT's comments are produced by extraction.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, NamedTuple, get_args

from workbench.domain.catalog import PoEntry
from workbench.domain.document.placement import BlockKind, Placement
from workbench.domain.states import ReviewState, derive_state

META_PREFIX = "wb:"

#: The three versions a git merge compares: the common ancestor, the branch merged into
#: and the branch merged in (git's ``%O``, ``%A`` and ``%B``).
Side = Literal["base", "ours", "theirs"]
SIDES: tuple[Side, ...] = get_args(Side)
#: What a translator does about an entry a merge left in conflict (said by `check`,
#: `status` and the merge driver).
SETTLE_CONFLICT = "pick one in `workbench open` (ctrl+o)"


@dataclass(frozen=True, slots=True)
class ReviewMark:
    """A second person's approval of one exact target text."""

    by: str
    at: str
    target_hash: str

    def holds_for(self, *forms: str) -> bool:
        """True while the translation is still the text that was approved: the target, or
        every form of a plural entry (a review approves all of them)."""
        return self.target_hash == text_hash(*forms)

    def to_dict(self) -> dict[str, Any]:
        """The stored form (PO comment, journal): ``{"by", "at", "hash"}``."""
        return {"by": self.by, "at": self.at, "hash": self.target_hash}

    @classmethod
    def from_dict(cls, value: dict[str, Any]) -> ReviewMark:
        return cls(str(value.get("by", "")), str(value.get("at", "")), str(value.get("hash", "")))


@dataclass(frozen=True, slots=True)
class MtOrigin:
    """Where a machine draft came from, and the raw MT text for post-editing measures."""

    engine: str
    model: str
    mt: str
    glossary: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    _FIELDS = frozenset({"engine", "model", "mt", "glossary"})

    def to_dict(self) -> dict[str, Any]:
        """The stored form: the fields, the extra keys beside them, and the MT text last."""
        return {
            "engine": self.engine,
            "model": self.model,
            "glossary": self.glossary,
            **self.extra,
            "mt": self.mt,
        }

    @classmethod
    def from_dict(cls, value: dict[str, Any]) -> MtOrigin:
        return cls(
            engine=str(value.get("engine", "")),
            model=str(value.get("model", "")),
            mt=str(value.get("mt", "")),
            glossary=str(value.get("glossary", "")),
            extra={k: v for k, v in value.items() if k not in cls._FIELDS},
        )


@dataclass(frozen=True, slots=True)
class Candidate:
    """One side's translation of an entry that two branches changed differently.

    The git merge driver leaves such an entry fuzzy and writes each side down as a
    ``# wb:conflict {...}`` translator comment (gettext's tools keep those), so nothing is
    lost and a translator can pick one later. ``msgstr`` holds every plural form. ``label``
    says where the text comes from when it is not a git branch (two editor windows on one
    file, or the journals of two crashed editors): "yours, this window", "editor 1234…".
    """

    side: Side
    msgstr: tuple[str, ...]
    fuzzy: bool = False
    review: ReviewMark | None = None
    label: str = ""

    @property
    def target(self) -> str:
        """The first (singular) form, the one the editor shows."""
        return self.msgstr[0] if self.msgstr else ""

    @property
    def state(self) -> ReviewState:
        """The state this text had on its side."""
        reviewed = self.review is not None and self.review.holds_for(*self.msgstr)
        return derive_state(self.target, self.fuzzy, reviewed)

    def to_dict(self) -> dict[str, Any]:
        """The stored form: ``{"side", "msgstr": [...]}``, plus ``fuzzy`` and ``review`` if set."""
        out: dict[str, Any] = {"side": self.side, "msgstr": list(self.msgstr)}
        if self.fuzzy:
            out["fuzzy"] = True
        if self.review is not None:
            out["review"] = self.review.to_dict()
        if self.label:
            out["label"] = self.label
        return out

    @classmethod
    def from_dict(cls, value: dict[str, Any]) -> Candidate:
        """Read the stored form; ``ValueError`` says what is wrong with it."""
        side = value.get("side")
        if side not in SIDES:
            raise ValueError(f"broken workbench comment 'wb:conflict': unknown side {side!r}")
        forms = value.get("msgstr")
        if isinstance(forms, str):
            forms = [forms]
        if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
            raise ValueError("broken workbench comment 'wb:conflict': msgstr must be a list")
        mark = value.get("review")
        review = ReviewMark.from_dict(mark) if isinstance(mark, dict) else None
        label = value.get("label")
        return cls(
            side,
            tuple(forms) or ("",),
            bool(value.get("fuzzy", False)),
            review,
            label if isinstance(label, str) else "",
        )


@dataclass(frozen=True, slots=True)
class Waiver:
    """A finding of one check silenced on one unit, with the reason a person gave."""

    check: str
    reason: str
    term: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "reason": self.reason,
            **({"term": self.term} if self.term else {}),
        }

    @classmethod
    def from_dict(cls, value: dict[str, Any]) -> Waiver:
        return cls(
            str(value.get("check", "")), str(value.get("reason", "")), str(value.get("term", ""))
        )


@dataclass(frozen=True, slots=True)
class Unit:
    """One segment, its translation and everything known about its state.

    ``line`` is where the entry starts in its PO file (0 when not read from a file);
    ``notes`` are the translator comment lines that are not workbench metadata;
    ``conflict`` holds the candidates of a merge conflict nobody has settled yet;
    ``comments`` the extracted comment lines (``#.``, from the programmer or the extraction
    tool) that are not workbench metadata;
    ``source_plural`` is a plural entry's ``msgid_plural`` (``None``: not a plural entry);
    ``plural_forms`` are its further forms (``msgstr[1]``, …) as read or edited, written
    with the target. ``None`` (a unit not read from a plural entry) leaves an entry's other
    forms as they are. A plural entry is translated only when every form is (while one is
    empty it is untranslated, or a draft when fuzzy).
    ``flags`` are the entry's ``#,`` flags other than ``fuzzy`` (``c-format``,
    ``python-brace-format``…), as read (written back from the entry, not from here).
    """

    id: str
    source: str
    target: str
    fuzzy: bool = False
    review: ReviewMark | None = None
    origin: MtOrigin | None = None
    waivers: tuple[Waiver, ...] = ()
    placement: Placement | None = None
    previous_source: str | None = None
    references: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    line: int = 0
    obsolete: bool = False
    conflict: tuple[Candidate, ...] = ()
    comments: tuple[str, ...] = ()
    plural_forms: tuple[str, ...] | None = None
    source_plural: str | None = None
    flags: tuple[str, ...] = ()

    @classmethod
    def plain(cls, id: str, source: str, target: str, line: int = 0) -> Unit:
        """``Unit(id, source, target, line=line)``: every other field at its default."""
        return cls(id, source, target, line=line)

    @property
    def state(self) -> ReviewState:
        """The review state, derived from target, fuzzy flag and a still-valid review mark."""
        if self.plural_forms and not all(self.plural_forms) and not self.fuzzy:
            return ReviewState.UNTRANSLATED  # a plural form is still empty
        reviewed = self.review is not None and self.review.holds_for(*self.forms)
        return derive_state(self.target, self.fuzzy, reviewed)

    @property
    def forms(self) -> tuple[str, ...]:
        """Every translation form: the target, then a plural entry's further forms."""
        return (self.target, *(self.plural_forms or ()))

    @property
    def missing_forms(self) -> tuple[int, ...]:
        """The indices of the empty forms of a plural entry that is partly translated
        (``msgstr[1]`` empty after ``msgstr[0]`` was written); ``()`` when every form is
        filled or none is."""
        forms = self.forms
        if len(forms) < 2 or not any(f.strip() for f in forms):
            return ()
        return tuple(i for i, f in enumerate(forms) if not f.strip())

    @property
    def form_sources(self) -> tuple[str, ...]:
        """The source of each form, as gettext and Poedit pair them: ``msgid`` for
        ``msgstr[0]``, ``msgid_plural`` for every further form (what MT drafts each form
        from, and what the memory stores it under)."""
        if self.source_plural is None:
            return (self.source,)
        return (self.source, *(self.source_plural,) * len(self.plural_forms or ()))

    def with_forms(self, forms: Sequence[str]) -> Unit:
        """The unit with every form replaced (``forms[0]`` the target); a singular entry
        takes ``forms[0]`` only."""
        if not self.plural_forms:
            return replace(self, target=forms[0])
        if len(forms) != len(self.forms):
            raise ValueError(f"{len(forms)} forms for an entry of {len(self.forms)}")
        return replace(self, target=forms[0], plural_forms=tuple(forms[1:]))

    def with_target(self, target: str) -> Unit:
        """The unit with a new target typed by a person: confirmed is a separate step."""
        return replace(self, target=target)

    def with_form(self, index: int, text: str) -> Unit:
        """The unit with plural form ``index`` (0: the target) typed by a person."""
        if index == 0:
            return self.with_target(text)
        forms = list(self.plural_forms or ())
        if not 0 < index <= len(forms):
            raise IndexError(f"no plural form msgstr[{index}] in this entry")
        forms[index - 1] = text
        return replace(self, plural_forms=tuple(forms))

    def replaces(self, other: Unit) -> bool:
        """Whether msgmerge made this unit of ``other``'s entry after its msgid changed: its
        ``#| msgid`` names ``other``'s msgid, with the same msgctxt and plural shape."""
        return (
            self.previous_source == other.source
            and self.id == other.id
            and (self.source_plural is None) == (other.source_plural is None)
        )

    def moved_to(self, successor: Unit) -> Unit:
        """This unit's translation (and note) on ``successor``, the entry its msgid became:
        fuzzy, for a person to confirm against the new source, as msgmerge carries one."""
        return replace(
            successor,
            target=self.target,
            plural_forms=self.plural_forms,
            fuzzy=bool(self.target),
            review=None,
            origin=self.origin,
            notes=self.notes,
            conflict=(),
        )

    def confirmed(self) -> Unit:
        """A person confirmed the target: translated, no longer fuzzy, no conflict left."""
        return replace(self, fuzzy=False, previous_source=None, conflict=())

    def reviewed(self, by: str, at: str) -> Unit:
        """A second look approved the current target, every form of a plural entry (which
        settles any conflict)."""
        mark = ReviewMark(by=by, at=at, target_hash=text_hash(*self.forms))
        return replace(self, fuzzy=False, previous_source=None, review=mark, conflict=())

    def resolved(self, candidate: Candidate) -> Unit:
        """A person picked one side of a merge conflict: its text, in the state it had there.

        The side's review mark comes along while it still holds for that text, so picking
        a reviewed translation keeps it reviewed; a side that was a draft stays a draft
        (picking is not confirming: nobody read it through); a plural entry takes every
        form of it. A side of another shape (the entry was singular there and is plural now,
        or the other way round, or had another number of forms) fills this entry's forms:
        its first ones, its last form repeated for the rest; that text is a draft, since
        nobody wrote it for this shape.
        """
        forms = candidate.msgstr or ("",)
        count = len(self.forms)
        reshaped = len(forms) != count
        if reshaped:
            forms = (*forms[:count], *forms[-1:] * (count - len(forms)))
        review = None if reshaped else candidate.review
        if review is not None and not review.holds_for(*forms):
            review = None
        return replace(
            self,
            target=forms[0],
            fuzzy=(candidate.fuzzy or reshaped) and bool(forms[0]),
            previous_source=None,
            review=review,
            conflict=(),
            plural_forms=forms[1:] if self.plural_forms is not None else None,
        )

    def candidate(self, side: Side) -> Candidate | None:
        """The conflict's candidate from one side, if there is a conflict and that side."""
        return next((c for c in self.conflict if c.side == side), None)

    def drafted(self, target: str, origin: MtOrigin, plurals: Sequence[str] = ()) -> Unit:
        """A machine or memory suggestion nobody has confirmed yet; ``plurals``, when
        given, fill a plural entry's further forms too (else they stay as they were)."""
        unit = self.with_forms((target, *plurals)) if plurals else replace(self, target=target)
        return replace(unit, fuzzy=True, origin=origin, review=None)

    def drafted_per_source(self, drafts: Sequence[str], origin: MtOrigin) -> Unit:
        """A suggestion drafted once per source (MT or the memory): ``drafts[0]``
        translates the msgid; every further form of a plural entry takes the draft of the
        msgid_plural, ``drafts[1]`` (gettext gives all of them that one source), or
        ``drafts[0]`` when only one is given (a plural source the same as the msgid)."""
        plurals = (drafts[-1],) * len(self.plural_forms or ())
        return self.drafted(drafts[0], origin, plurals)

    def waived(self, check: str) -> Waiver | None:
        """The waiver for a check on this unit, if a person gave one."""
        return next((w for w in self.waivers if w.check == check), None)


def form_name(index: int, count: int) -> str:
    """Plural form ``index`` of ``count`` as translators know it: ``msgstr[1] (other)``.

    With two forms (English, German: ``plural=(n != 1)``) they are CLDR's ``one`` and
    ``other``; other counts are named by their index only, since which numbers a form
    stands for depends on the language's plural expression.
    """
    name = f"msgstr[{index}]"
    return f"{name} ({('one', 'other')[index]})" if count == 2 and index < 2 else name


def entry_name(msgctxt: str, msgid: str) -> str:
    """An entry named in a short list (merged, missing, conflicting; JUnit test cases): its
    msgctxt, else the first 40 characters of its msgid."""
    return msgctxt or msgid[:40]


#: ``MtOrigin.engine`` of a draft taken from the translation memory (pre-translation).
MEMORY_ENGINE = "memory"


def needs_draft(unit: Unit, redraft: bool = False) -> bool:
    """May drafting (memory or MT) fill this unit? Untranslated ones, and with ``redraft``
    drafts too; never translated or reviewed ones, obsolete ones or an empty source."""
    wanted = unit.state is ReviewState.UNTRANSLATED or (redraft and unit.state is ReviewState.DRAFT)
    # a partly translated plural entry is untranslated but keeps what a person wrote
    return wanted and not unit.obsolete and bool(unit.source.strip()) and not unit.missing_forms


def text_hash(*forms: str) -> str:
    """A short fingerprint of a target text, to notice edits made after a review; of a
    plural entry's forms together (NUL-separated: no form can hold one), so editing any
    form, in the workbench or another tool, ends the review."""
    return hashlib.sha1("\0".join(forms).encode("utf-8")).hexdigest()[:12]


# --- metadata lines --------------------------------------------------------------------

#: A line that continues the ``wb:`` line before it (the workbench writes long values so).
CONTINUATION = "wb:+"
#: The longest comment text the workbench writes on one line: tools that re-wrap comments
#: (polib, at 78 columns with its "# ") leave a line of this length alone.
LINE_LIMIT = 76
#: The metadata kinds this version reads; others are kept as they are, with a warning.
KNOWN_KEYS = frozenset({"reviewed", "origin", "waive", "conflict", "block"})


class MetaProblem(NamedTuple):
    """A ``wb:`` comment that could not be read: the comment's first line and what is wrong."""

    line: str
    message: str


def encode_meta(key: str, value: dict[str, Any]) -> str:
    """One metadata comment body: ``wb:<key> <compact json>`` (possibly long)."""
    return f"{META_PREFIX}{key} " + json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def meta_lines(key: str, value: dict[str, Any]) -> list[str]:
    """The comment lines that store one piece of metadata, none longer than :data:`LINE_LIMIT`.

    A long value goes on ``wb:+`` continuation lines, cut between two characters that are
    not spaces, so no tool re-wraps the lines or trims a space at a cut.
    """
    text = encode_meta(key, value)
    lines: list[str] = []
    limit = LINE_LIMIT
    while len(text) > limit:
        cut = limit
        while cut > limit // 2 and (text[cut - 1] == " " or text[cut] == " "):
            cut -= 1
        lines.append(text[:cut])
        text = text[cut:]
        limit = LINE_LIMIT - len(CONTINUATION)
    lines.append(text)
    return [lines[0], *(CONTINUATION + line for line in lines[1:])]


def decode_meta(line: str) -> tuple[str, dict[str, Any]] | None:
    """Read a ``wb:<key> <json>`` comment; ``None`` for any other comment line.

    Raises ``ValueError`` for a ``wb:`` comment whose JSON is broken.
    """
    text = line.strip()
    if not text.startswith(META_PREFIX):
        return None
    key, _, payload = text[len(META_PREFIX) :].partition(" ")
    try:
        value = json.loads(payload) if payload.strip() else {}
    except json.JSONDecodeError as exc:
        raise ValueError(f"broken workbench comment 'wb:{key}': {exc.msg}") from None
    if not isinstance(value, dict):
        raise ValueError(f"broken workbench comment 'wb:{key}': expected an object")
    return key, value


@dataclass(frozen=True)
class CommentMeta:
    """What the workbench reads from an entry's translator and extracted comments.

    ``problems`` are ``wb:`` comments that could not be read: they stay in ``notes`` (or
    ``extracted_notes``) as they are, so nothing is lost, and the entry lacks only that
    piece of metadata.
    """

    review: ReviewMark | None = None
    origin: MtOrigin | None = None
    waivers: tuple[Waiver, ...] = ()
    placement: Placement | None = None
    notes: tuple[str, ...] = ()
    extracted_notes: tuple[str, ...] = ()
    conflict: tuple[Candidate, ...] = ()
    problems: tuple[MetaProblem, ...] = ()


def _gather(lines: list[str], i: int) -> tuple[tuple[str, dict[str, Any]] | str, int]:
    """The ``wb:`` comment starting at ``lines[i]``: (key, value) or what is wrong; next index.

    Continuation lines the workbench wrote (``wb:+``) are joined as they are. A comment
    that another tool wrapped (polib fills comments to 78 columns, dropping the space at
    each cut, or cutting after a hyphen) is joined with the plain lines after it, as
    long as that makes the JSON whole.
    """
    text = lines[i].strip()
    j = i + 1
    while j < len(lines) and lines[j].strip().startswith(CONTINUATION):
        text += lines[j].strip()[len(CONTINUATION) :]
        j += 1
    try:
        found = decode_meta(text)
    except ValueError as exc:
        error = str(exc)
    else:
        assert found is not None
        return found, j
    joined = text
    for k in range(j, min(j + 40, len(lines))):
        piece = lines[k].strip()
        if not piece or piece.startswith(META_PREFIX):
            break
        # a cut after a hyphen inside a word kept the hyphen; any other cut dropped a space
        hyphen = len(joined) > 1 and joined[-1] == "-" and joined[-2].isalnum()
        for sep in ("", " ") if hyphen else (" ", ""):
            try:
                found = decode_meta(joined + sep + piece)
            except ValueError:
                continue
            if found is not None:
                return found, k + 1
        joined += ("" if hyphen else " ") + piece
    return error, j


def _known_meta(lines: list[str], i: int) -> tuple[tuple[str, dict[str, Any]] | str, int]:
    """The translator's ``wb:`` comment at ``lines[i]``, (key, value) when it is one this
    reads, else what is wrong with it; and the index after its lines."""
    if lines[i].strip().startswith(CONTINUATION):
        return "a 'wb:+' line without the 'wb:' line it continues", i + 1
    found, after = _gather(lines, i)
    if not isinstance(found, str) and found[0] not in KNOWN_KEYS - {"block"}:
        return f"unknown workbench comment 'wb:{found[0]}'", after
    return found, after


def read_comments(translator: Iterable[str], extracted: Iterable[str]) -> CommentMeta:
    """Parse translator (``#``) and extracted (``#.``) comment lines into metadata.

    Never raises: an unreadable or unknown ``wb:`` comment is kept as a note and listed
    in ``problems``.
    """
    review: ReviewMark | None = None
    origin: MtOrigin | None = None
    waivers: list[Waiver] = []
    conflict: list[Candidate] = []
    notes: list[str] = []
    problems: list[MetaProblem] = []
    lines = list(translator)
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip().startswith(META_PREFIX):
            notes.append(line)
            i += 1
            continue
        found, after = _known_meta(lines, i)
        if not isinstance(found, str):
            key, value = found
            try:
                if key == "reviewed":
                    review = ReviewMark.from_dict(value)
                elif key == "origin":
                    origin = MtOrigin.from_dict(value)
                elif key == "conflict":
                    conflict.append(Candidate.from_dict(value))
                else:
                    waivers.append(Waiver.from_dict(value))
            except ValueError as exc:
                found = str(exc)
        if isinstance(found, str):
            problems.append(MetaProblem(line, found))
            notes.extend(lines[i:after])
        i = after
    placement, extracted_notes = _read_extracted(extracted, problems)
    return CommentMeta(
        review=review,
        origin=origin,
        waivers=tuple(waivers),
        placement=placement,
        notes=tuple(notes),
        extracted_notes=tuple(extracted_notes),
        conflict=tuple(sorted(conflict, key=lambda c: SIDES.index(c.side))),
        problems=tuple(problems),
    )


_BLOCK = re.compile(r'wb:block \{"n":(\d+),"s":(\d+),"kind":"([a-z]+)","marker":"([^"\\]*)"\}')
_KINDS = {k.value: k for k in BlockKind}


def _read_extracted(
    extracted: Iterable[str], problems: list[MetaProblem]
) -> tuple[Placement | None, list[str]]:
    """The block placement among extracted (``#.``) comments, and the other lines."""
    placement: Placement | None = None
    notes: list[str] = []
    for line in extracted:
        fast = _BLOCK.fullmatch(line)
        if fast is not None and fast.group(3) in _KINDS:
            # the line as segmentation writes it, read without JSON (one per entry)
            n, s, kind, marker = fast.groups()
            placement = Placement(int(n), int(s), _KINDS[kind], marker)
            continue
        try:
            meta = decode_meta(line)
        except ValueError as exc:
            problems.append(MetaProblem(line, str(exc)))
            notes.append(line)
            continue
        if meta is None or meta[0] != "block":
            if meta is not None:
                problems.append(MetaProblem(line, f"unknown workbench comment 'wb:{meta[0]}'"))
            notes.append(line)
            continue
        value = meta[1]
        try:
            placement = Placement(
                int(value["n"]),
                int(value["s"]),
                BlockKind(value.get("kind", "paragraph")),
                str(value.get("marker", "")),
            )
        except (KeyError, ValueError, TypeError):
            message = "broken workbench comment 'wb:block': needs n, s and a known kind"
            problems.append(MetaProblem(line, message))
            notes.append(line)
    return placement, notes


def translator_lines(unit: Unit) -> list[str]:
    """The translator comment lines that store a unit's notes, review, origin and waivers."""
    return comment_lines(
        CommentMeta(
            unit.review, unit.origin, unit.waivers, notes=unit.notes, conflict=unit.conflict
        )
    )


def comment_lines(meta: CommentMeta) -> list[str]:
    """The translator comment lines for notes and metadata: notes first, then ``wb:`` lines.

    Each value goes on lines no longer than :data:`LINE_LIMIT` (:func:`meta_lines`). A note
    that is an unreadable ``wb:`` comment of a kind written here is left out: the new value
    replaces it.
    """
    written = {
        key
        for key, present in (
            ("reviewed", meta.review is not None),
            ("origin", meta.origin is not None),
            ("waive", bool(meta.waivers)),
            ("conflict", bool(meta.conflict)),
        )
        if present
    }
    lines = [n for n in meta.notes if _meta_key(n) not in written]
    if meta.review is not None:
        lines += meta_lines("reviewed", meta.review.to_dict())
    if meta.origin is not None:
        lines += meta_lines("origin", meta.origin.to_dict())
    for waiver in meta.waivers:
        lines += meta_lines("waive", waiver.to_dict())
    for candidate in meta.conflict:
        lines += meta_lines("conflict", candidate.to_dict())
    return lines


def _meta_key(line: str) -> str | None:
    text = line.strip()
    if not text.startswith(META_PREFIX) or text.startswith(CONTINUATION):
        return None
    return text[len(META_PREFIX) :].partition(" ")[0]


def placement_line(placement: Placement) -> str:
    """The extracted comment line that records a segment's block placement."""
    return encode_meta(
        "block",
        {
            "n": placement.block,
            "s": placement.position,
            "kind": placement.kind.value,
            "marker": placement.marker,
        },
    )


# --- units and gettext entries ------------------------------------------------------------


def unit_from_entry(entry: PoEntry, line: int = 0) -> tuple[Unit, tuple[MetaProblem, ...]]:
    """The unit an entry holds (its first plural form as the target), and unreadable metadata."""
    target = entry.msgstr
    plain = not (entry.comments or entry.extracted or entry.references or entry.flags)
    if plain and entry.previous_msgid is None and not entry.obsolete and entry.msgid_plural is None:
        return Unit.plain(entry.msgctxt or "", entry.msgid, target, line), ()
    meta = (
        read_comments(entry.comments, entry.extracted)
        if entry.comments or entry.extracted
        else _NO_META
    )
    unit = Unit(
        id=entry.msgctxt or "",
        source=entry.msgid,
        target=target,
        fuzzy="fuzzy" in entry.flags,
        review=meta.review,
        origin=meta.origin,
        waivers=meta.waivers,
        placement=meta.placement,
        previous_source=entry.previous_msgid,
        references=entry.references,
        notes=meta.notes,
        line=line,
        obsolete=entry.obsolete,
        conflict=meta.conflict,
        comments=meta.extracted_notes,
        flags=tuple(f for f in entry.flags if f != "fuzzy"),
    )
    if entry.msgid_plural is not None:
        unit = replace(unit, source_plural=entry.msgid_plural, plural_forms=entry.plurals)
    return unit, meta.problems


_NO_META = CommentMeta()


def entry_with_unit(entry: PoEntry, unit: Unit) -> PoEntry:
    """``entry`` holding ``unit``'s target, state and metadata; what the unit does not own stays.

    The fuzzy flag goes first and only on a non-empty target; the previous msgid is kept
    only while the unit is fuzzy; extracted comments other than the block placement stay.
    Comments whose metadata did not change keep their lines as they are.
    """
    flags = tuple(f for f in entry.flags if f != "fuzzy")
    if unit.fuzzy and unit.target:
        flags = ("fuzzy", *flags)
    meta = read_comments(entry.comments, entry.extracted)
    comments = entry.comments
    if (meta.notes, meta.review, meta.origin, meta.waivers, meta.conflict) != (
        unit.notes,
        unit.review,
        unit.origin,
        unit.waivers,
        unit.conflict,
    ):
        comments = tuple(translator_lines(unit))
    extracted = entry.extracted
    if meta.placement != unit.placement:
        kept = list(meta.extracted_notes)
        if unit.placement is not None:
            kept.append(placement_line(unit.placement))
        extracted = tuple(kept)
    plurals = entry.plurals
    if unit.plural_forms is not None and entry.msgid_plural is not None:
        plurals = unit.plural_forms
    changed = entry._replace(
        msgstr=unit.target,
        plurals=plurals,
        flags=flags,
        comments=comments,
        extracted=extracted,
        references=unit.references,
        previous_msgid=unit.previous_source if unit.fuzzy else None,
        obsolete=unit.obsolete,
    )
    if not unit.fuzzy:
        changed = changed._replace(previous_msgctxt=None, previous_msgid_plural=None)
    return changed if changed != entry else entry


def block_placements(units: Sequence[Unit]) -> list[tuple[Placement, Unit]]:
    """Each unit with its placement; units without one become blocks of their own at the end."""
    out: list[tuple[Placement, Unit]] = []
    last = max((u.placement.block for u in units if u.placement is not None), default=0)
    extra = 0
    for u in units:
        if u.placement is not None:
            out.append((u.placement, u))
        else:
            extra += 1
            out.append((Placement(last + extra, 1, BlockKind.PARAGRAPH, ""), u))
    return out
