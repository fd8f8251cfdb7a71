"""Three-way merge of a gettext catalogue by entry: the decisions behind the git merge driver.

Git merges text line by line, which fits PO files badly: two translators who touch
neighbouring entries collide, a re-wrapped paragraph looks like a change, every save moves
``PO-Revision-Date`` so the header conflicts on almost every merge, and a translation added
on one branch can land silently under a msgid that the other branch changed (python-docs-fr
#1908). Here the three versions (base, ours, theirs) are compared entry by entry, keyed by
msgctxt and msgid, and field by field inside an entry:

- an entry changed on one side only takes that side; added, removed and obsoleted entries
  follow the side that did it;
- a translation changed differently on both sides is a conflict: the entry stays, marked
  fuzzy, with every side's text recorded as a ``wb:conflict`` candidate;
- the merged file always has the shape gettext needs: a plural entry carries exactly the
  merged header's ``nplurals`` forms, a singular one one. When one side changed an entry's
  shape (upstream turned it into ``ngettext``, or back, or the language's ``nplurals``
  changed) while the other edited its text, the side with the merged shape gives the text
  and the edit stays as a conflict candidate, so nothing is lost and no reader refuses it;
- a review mark survives only while it still matches the merged text, so a review on one
  side and an edit on the other ends as ``translated``;
- wrapping never matters (entries are compared as values, not lines);
- a translation changed on one side for a msgid that the other side replaced (msgmerge's
  fuzzy entry with ``#| msgid``, or a similar new msgid) moves to the new msgid as a fuzzy
  draft that records the old msgid, never as a finished translation; with no such entry it
  is kept as an obsolete entry, so nothing is lost;
- header fields merge one by one; both dates take the newer value and the other fields the
  side with the newer ``PO-Revision-Date``.

The module only decides, on :class:`~workbench.domain.catalog.PoEntry` values; reading and
writing PO text is the adapters' job.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import NamedTuple, TypeVar

from workbench.domain.catalog import Key, PoEntry, header_fields, plural_count, set_header_field
from workbench.domain.merge import closest
from workbench.domain.units import (
    SIDES,
    Candidate,
    CommentMeta,
    ReviewMark,
    Side,
    comment_lines,
    read_comments,
)

T = TypeVar("T")
H = TypeVar("H", bound=Hashable)


class EntryKey(NamedTuple):
    """An entry's identity across the three sides."""

    domain: str
    msgctxt: str | None
    msgid: str

    @classmethod
    def of(cls, entry: PoEntry) -> EntryKey:
        return cls(entry.domain, entry.msgctxt, entry.msgid)

    @classmethod
    def previous_of(cls, entry: PoEntry) -> EntryKey | None:
        """The key of the entry this one was before msgmerge reworded its msgid (``#|``);
        None if it names none."""
        if entry.previous_msgid is None:
            return None
        return cls(entry.domain, entry.previous_msgctxt, entry.previous_msgid)

    @property
    def shown(self) -> Key:
        """The key as reports name an entry: msgctxt and msgid."""
        return (self.msgctxt, self.msgid)


FUZZY = "fuzzy"
DATE_FIELDS = ("PO-Revision-Date", "POT-Creation-Date")


class Catalog(NamedTuple):
    """One side of a merge: the header entry (if any) and the other entries in file order."""

    header: PoEntry | None
    entries: tuple[PoEntry, ...]


@dataclass(frozen=True)
class MergeReport:
    """What the merge did, for the person who ran ``git merge``.

    ``unchanged`` counts entries both sides left alike, ``ours``/``theirs`` entries taken
    whole from the one side that changed them, ``combined`` those put together from both;
    the tuples name the entries (msgctxt, msgid) a person may want to look at.
    """

    unchanged: int = 0
    ours: int = 0
    theirs: int = 0
    combined: int = 0
    conflicts: tuple[Key, ...] = ()
    carried: tuple[tuple[Key, Key], ...] = ()
    kept_obsolete: tuple[Key, ...] = ()
    stale_reviews: tuple[Key, ...] = ()
    header_fields: tuple[str, ...] = ()
    duplicates: tuple[Key, ...] = ()


@dataclass(frozen=True)
class MergeResult:
    """The merged catalogue and the report; ``clean`` is False while a conflict is left."""

    catalog: Catalog
    report: MergeReport

    @property
    def clean(self) -> bool:
        return not self.report.conflicts


def merge_catalogs(
    base: Catalog, ours: Catalog, theirs: Catalog, labels: Mapping[Side, str] | None = None
) -> MergeResult:
    """Merge ``theirs`` into ``ours`` with ``base`` as their common ancestor.

    ``base`` is empty (no header, no entries) when the file was added on both sides.
    ``labels`` say what each side is (``"ours": "Ours: main (merged into)"``); a conflict
    records them with the texts, so the conflict view can name the branches.
    """
    return _Merge(base, ours, theirs, labels or {}).run()


# --- small three-way rules ---------------------------------------------------------------


def one_side(base: object, ours: object, theirs: object) -> Side | None:
    """Which side's version stands alone: ``ours`` when theirs is unchanged or the same,
    ``theirs`` when only theirs changed, None when both changed differently."""
    if theirs in (ours, base):
        return "ours"
    if ours == base:
        return "theirs"
    return None


def three(base: T, ours: T, theirs: T, tie: Callable[[T, T], T]) -> T:
    """The one-sided change if there is one; ``tie(ours, theirs)`` if both sides changed."""
    side = one_side(base, ours, theirs)
    if side is None:
        return tie(ours, theirs)
    return ours if side == "ours" else theirs


def _first(ours: T, _theirs: T) -> T:
    return ours


def merge_lines(base: Sequence[H], ours: Sequence[H], theirs: Sequence[H]) -> tuple[H, ...]:
    """Lines (comments, flags, waivers) as a multiset: each side's removals and additions.

    Ours keeps its order; lines only theirs added follow in theirs' order.
    """
    side = one_side(tuple(base), tuple(ours), tuple(theirs))
    if side is not None:
        return tuple(ours if side == "ours" else theirs)
    counts_base, counts_ours = Counter(base), Counter(ours)
    removed = counts_base - Counter(theirs)
    out: list[H] = []
    for line in ours:
        if removed[line] > 0:
            removed[line] -= 1
            continue
        out.append(line)
    added = Counter(theirs) - counts_base - (counts_ours - counts_base)
    for line in theirs:
        if added[line] > 0:
            added[line] -= 1
            out.append(line)
    return tuple(out)


def merge_order(ours: Iterable[H], theirs: Iterable[H], keep: Collection[H]) -> list[H]:
    """Ours' order, with what only theirs has placed after its predecessor in theirs."""
    placed = list(dict.fromkeys(k for k in ours if k in keep))
    seen = set(placed)
    after: dict[H | None, list[H]] = {}
    previous: H | None = None
    for k in theirs:
        if k not in keep:
            continue
        if k not in seen:
            after.setdefault(previous, []).append(k)
            seen.add(k)
        else:
            previous = k
    out: list[H] = list(after.get(None, []))
    for k in placed:
        out.append(k)
        out.extend(after.get(k, []))
    return out


# --- headers -----------------------------------------------------------------------------


def revision_time(value: str) -> datetime | None:
    """A header date (``2026-11-30 10:04+0100``) as an aware datetime; None if unreadable."""
    text = value.strip()
    for fmt in ("%Y-%m-%d %H:%M%z", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%d %H:%M"):
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    return None


def newer(ours: str, theirs: str) -> Side:
    """Which of two header dates is newer; ours on a tie or when neither can be read."""
    a, b = revision_time(ours), revision_time(theirs)
    if b is not None and (a is None or b > a):
        return "theirs"
    return "ours"


def header_value(header: PoEntry | None, name: str) -> str:
    """One header field's value; ``""`` if the field (or the header) is missing."""
    return "" if header is None else header_fields(header.msgstr).get(name, "")


def merge_header_text(base: str, ours: str, theirs: str) -> tuple[str, tuple[str, ...]]:
    """The header msgstr merged field by field, and the fields both sides changed.

    Ours' text is the starting point (its lines stay as written); a field only theirs
    changed, added or removed follows theirs. ``POT-Creation-Date`` and ``PO-Revision-Date``
    take the newer date; any other field both sides changed takes the value of the side
    with the newer ``PO-Revision-Date``.
    """
    side = one_side(base, ours, theirs)
    if side is not None:
        return (ours if side == "ours" else theirs), ()
    fo, fa, fb = header_fields(base), header_fields(ours), header_fields(theirs)
    recent = newer(fa.get("PO-Revision-Date", ""), fb.get("PO-Revision-Date", ""))
    both: list[str] = []
    text = ours
    for name in dict.fromkeys([*fa, *fb]):
        o, a, b = fo.get(name), fa.get(name), fb.get(name)
        value: str | None
        if one_side(o, a, b) is None:
            if name in DATE_FIELDS and a is not None and b is not None:
                value = a if newer(a, b) == "ours" else b
            else:
                value = a if recent == "ours" else b
            if name != "PO-Revision-Date":
                both.append(name)
        else:
            value = three(o, a, b, _first)
        if value == a:
            continue
        text = _without_field(text, name) if value is None else set_header_field(text, name, value)
    return text, tuple(both)


def _without_field(msgstr: str, name: str) -> str:
    return "\n".join(
        line for line in msgstr.split("\n") if line.partition(":")[0].strip() != name or not line
    )


# --- one entry -----------------------------------------------------------------------------


class Translation(NamedTuple):
    """What a translator decides for an entry: every form, whether it is fuzzy, and why
    (the ``#|`` previous msgctxt, msgid and msgid_plural of a fuzzy entry)."""

    msgstr: tuple[str, ...]
    fuzzy: bool
    previous: tuple[str | None, str | None, str | None]

    @classmethod
    def of(cls, entry: PoEntry) -> Translation:
        fuzzy = entry.fuzzy
        previous = (
            (entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural)
            if fuzzy
            else _NO_PREVIOUS
        )
        return cls(entry.msgstrs, fuzzy, previous)

    @property
    def empty(self) -> bool:
        return not any(self.msgstr)

    def onto(self, entry: PoEntry) -> PoEntry:
        """``entry`` carrying this translation (forms, fuzzy flag, ``#|`` lines)."""
        ctxt, msgid, plural = self.previous
        return entry._replace(
            msgstr=self.msgstr[0] if self.msgstr else "",
            plurals=self.msgstr[1:] if entry.msgid_plural is not None else (),
            flags=_with_fuzzy(entry.flags, self.fuzzy),
            previous_msgctxt=ctxt,
            previous_msgid=msgid,
            previous_msgid_plural=plural,
        )


_NO_PREVIOUS: tuple[None, None, None] = (None, None, None)


def _meta(entry: PoEntry) -> CommentMeta:
    """An entry's translator comments read as metadata (broken ``wb:`` lines stay notes)."""
    return read_comments(entry.comments, ())


def _formwise(o: Translation, a: Translation, b: Translation) -> Translation | None:
    """A plural entry whose sides changed different forms (ours ``msgstr[1]``, theirs
    ``msgstr[0]``), merged form by form; ``None`` when a form changed on both sides
    differently, the form counts differ or only one side is fuzzy."""
    count = len(a.msgstr)
    if count < 2 or len(o.msgstr) != count or len(b.msgstr) != count or a.fuzzy != b.fuzzy:
        return None
    forms = []
    for base, ours, theirs in zip(o.msgstr, a.msgstr, b.msgstr, strict=True):
        if theirs in (ours, base):
            forms.append(ours)
        elif ours == base:
            forms.append(theirs)
        else:
            return None
    return Translation(
        tuple(forms), a.fuzzy, a.previous if a.previous != _NO_PREVIOUS else b.previous
    )


def _same_text(a: Translation, b: Translation) -> bool:
    return a.msgstr == b.msgstr or (a.empty and b.empty)


def _work_changed(before: PoEntry, after: PoEntry) -> bool:
    """Did a person's work (text, state, review, notes) change between two versions?"""
    return Translation.of(before) != Translation.of(after) or before.comments != after.comments


def _with_fuzzy(flags: Iterable[str], fuzzy: bool) -> tuple[str, ...]:
    rest = tuple(f for f in flags if f != FUZZY)
    return (FUZZY, *rest) if fuzzy else rest


def forms_needed(msgid_plural: str | None, nplurals: int | None) -> int | None:
    """How many translation forms an entry needs in a file whose header says ``nplurals``:
    one for a singular entry; ``nplurals`` for a plural one (``None``: not known, any count
    of two or more will do, gettext's default being two)."""
    return 1 if msgid_plural is None else nplurals


def fits(forms: Sequence[str], need: int | None) -> bool:
    """Do ``forms`` fill an entry that needs ``need`` forms (see :func:`forms_needed`)?"""
    return len(forms) >= 2 if need is None else len(forms) == need


def fitted_forms(forms: Sequence[str], need: int | None) -> tuple[str, ...]:
    """``forms`` cut or padded with empty forms to ``need`` (two when not known)."""
    count = len(forms) if need is None and len(forms) >= 2 else need or 2
    return (*forms[:count], *("",) * (count - len(forms)))


def _later_review(ours: ReviewMark | None, theirs: ReviewMark | None) -> ReviewMark | None:
    """Of two review marks both sides made, the later one."""
    if ours is None or theirs is None:
        return ours or theirs
    return theirs if theirs.at > ours.at else ours


def _meta_equal(merged: CommentMeta, side: CommentMeta) -> bool:
    return (
        merged.review == side.review
        and merged.origin == side.origin
        and tuple(merged.waivers) == tuple(side.waivers)
        and tuple(merged.notes) == tuple(side.notes)
        and merged.conflict == side.conflict
    )


class _Side(NamedTuple):
    """One side's entries by key, its keys in file order, and what it added to the base."""

    entries: dict[EntryKey, PoEntry]
    order: list[EntryKey]
    added: tuple[EntryKey, ...]
    replaces: dict[EntryKey, EntryKey]  # old key named by an added entry's ``#|`` -> new key


class _Merge:
    """One merge run: the three sides indexed by key, and the report being built."""

    def __init__(
        self, base: Catalog, ours: Catalog, theirs: Catalog, labels: Mapping[Side, str]
    ) -> None:
        self.labels = labels
        self.headers = (base.header, ours.header, theirs.header)
        self.duplicates: list[Key] = []
        self.base, _ = self._index(base)
        self.sides: dict[Side, _Side] = {}
        named: tuple[tuple[Side, Catalog], ...] = (("ours", ours), ("theirs", theirs))
        for name, catalog in named:
            index, order = self._index(catalog)
            added = tuple(k for k, e in index.items() if k not in self.base and not e.obsolete)
            replaces: dict[EntryKey, EntryKey] = {}
            for k in added:
                old = EntryKey.previous_of(index[k])
                if old is not None:
                    replaces.setdefault(old, k)
            self.sides[name] = _Side(index, order, added, replaces)
        self.newer_template = newer(
            header_value(ours.header, "POT-Creation-Date"),
            header_value(theirs.header, "POT-Creation-Date"),
        )
        self.taken: Counter[str] = Counter()
        self.conflicts: list[Key] = []
        self.carried: list[tuple[Key, Key]] = []
        self.kept_obsolete: list[Key] = []
        self.stale_reviews: list[Key] = []
        self.used: set[EntryKey] = set()
        self.nplurals: int | None = None  # the merged header's, set by run()

    def _index(self, catalog: Catalog) -> tuple[dict[EntryKey, PoEntry], list[EntryKey]]:
        """Entries by key (an active one wins over an obsolete one), and keys in file order."""
        index: dict[EntryKey, PoEntry] = {}
        order: list[EntryKey] = []
        for entry in catalog.entries:
            key = EntryKey.of(entry)
            order.append(key)
            known = index.get(key)
            if known is None:
                index[key] = entry
                continue
            self.duplicates.append(key.shown)
            if known.obsolete and not entry.obsolete:
                index[key] = entry
        return index, order

    def recorded(self, candidates: Iterable[Candidate]) -> tuple[Candidate, ...]:
        """The candidates of a new conflict as recorded: in side order, with their labels."""
        return tuple(
            replace(c, label=self.labels.get(c.side, ""))
            for c in sorted(candidates, key=lambda c: SIDES.index(c.side))
        )

    # --- the run ---------------------------------------------------------------------

    def run(self) -> MergeResult:
        header, header_both = self.header()
        self.nplurals = plural_count(header.msgstr) if header is not None else None
        a, b = self.sides["ours"].entries, self.sides["theirs"].entries
        result: dict[EntryKey, PoEntry] = {}
        orphans: list[tuple[EntryKey, Side]] = []  # changed on one side, gone from the other
        for key, entry in a.items():
            other = b.get(key)
            if other is not None:
                result[key] = self.entry(key, entry, other)
            else:
                self.one_sided(key, "ours", entry, result, orphans)
        for key, entry in b.items():
            if key not in a:
                self.one_sided(key, "theirs", entry, result, orphans)
        for key, side in orphans:
            self.carry(key, side, result)
        for key, entry in result.items():
            if not entry.obsolete:
                result[key] = self.fit(key, entry)
        ours_keys, theirs_keys = self.sides["ours"].order, self.sides["theirs"].order
        active = merge_order(
            ours_keys, theirs_keys, {k for k, e in result.items() if not e.obsolete}
        )
        obsolete = merge_order(ours_keys, theirs_keys, {k for k, e in result.items() if e.obsolete})
        report = MergeReport(
            unchanged=self.taken["unchanged"],
            ours=self.taken["ours"],
            theirs=self.taken["theirs"],
            combined=self.taken["combined"],
            conflicts=tuple(self.conflicts),
            carried=tuple(self.carried),
            kept_obsolete=tuple(self.kept_obsolete),
            stale_reviews=tuple(self.stale_reviews),
            header_fields=header_both,
            duplicates=tuple(dict.fromkeys(self.duplicates)),
        )
        entries = tuple(result[k] for k in [*active, *obsolete])
        return MergeResult(Catalog(header, entries), report)

    def one_sided(
        self,
        key: EntryKey,
        side: Side,
        entry: PoEntry,
        result: dict[EntryKey, PoEntry],
        orphans: list[tuple[EntryKey, Side]],
    ) -> None:
        """An entry only one side has: added there, or removed on the other side."""
        before = self.base.get(key)
        if before is None:  # added on this side
            result[key] = entry
            self.taken[side] += 1
        elif _work_changed(before, entry):  # changed here, removed there: see carry()
            orphans.append((key, side))
        # else: removed on the other side and untouched here, so removed

    def base_for(self, key: EntryKey) -> PoEntry | None:
        """The base version of an entry; for a new msgid, what msgmerge carried into it."""
        before = self.base.get(key)
        if before is not None:
            return before
        for side in self.sides.values():
            entry = side.entries[key]
            previous = EntryKey.previous_of(entry)
            old = self.base.get(previous) if previous is not None else None
            if old is not None and not Translation.of(old).empty:
                carried = Translation(
                    old.msgstrs,
                    True,
                    (entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural),
                )
                return carried.onto(_blank(entry))
        return None

    # --- one entry on both sides -----------------------------------------------------

    def entry(self, key: EntryKey, a: PoEntry, b: PoEntry) -> PoEntry:
        """Ours and theirs of one entry, merged field by field."""
        if a == b:
            self.taken["unchanged" if a == self.base.get(key) else "ours"] += 1
            return a
        o = self.base_for(key)
        side = one_side(o, a, b)
        if side is not None:
            self.taken[side] += 1
            return a if side == "ours" else b
        self.taken["combined"] += 1
        return self.combined(key, o, a, b)

    def combined(self, key: EntryKey, base: PoEntry | None, a: PoEntry, b: PoEntry) -> PoEntry:
        """An entry both sides changed: the translation, its shape and every other field
        merged on their own (an unknown base is a blank entry)."""
        o = base if base is not None else _blank(a)

        def by_template(x: T, y: T) -> T:
            return x if self.newer_template == "ours" else y

        texts = Translation.of(o), Translation.of(a), Translation.of(b)
        translation, conflict = self.translation(*texts)
        obsolete = three(o.obsolete, a.obsolete, b.obsolete, _first)
        msgid_plural = three(o.msgid_plural, a.msgid_plural, b.msgid_plural, by_template)
        need = forms_needed(msgid_plural, self.nplurals)
        if not obsolete and not fits(translation.msgstr, need):
            # one side changed the entry's shape (singular <-> plural, nplurals), the other
            # its text: the text of the shape the file needs, the other kept as a candidate
            translation, conflict = _in_shape(translation, need, msgid_plural, (b, a)), True
        if conflict and not obsolete:  # an obsolete entry keeps both texts but stops no merge
            self.conflicts.append(key.shown)
        metas = _meta(o), _meta(a), _meta(b)
        meta = self.merged_meta(
            key, translation, conflict, known_base=base is not None, texts=texts, metas=metas
        )
        if _meta_equal(meta, metas[1]):
            comments = a.comments
        elif _meta_equal(meta, metas[2]):
            comments = b.comments
        else:
            comments = tuple(comment_lines(meta))
        merged = a._replace(
            msgid_plural=msgid_plural,
            flags=merge_lines(o.flags, a.flags, b.flags),
            comments=comments,
            extracted=merge_lines(o.extracted, a.extracted, b.extracted),
            references=three(o.references, a.references, b.references, by_template),
            obsolete=obsolete,
        )
        return translation.onto(merged)

    def merged_meta(
        self,
        key: EntryKey,
        translation: Translation,
        conflict: bool,
        *,
        known_base: bool,
        texts: tuple[Translation, Translation, Translation],
        metas: tuple[CommentMeta, CommentMeta, CommentMeta],
    ) -> CommentMeta:
        """The workbench comments of a combined entry (base, ours, theirs in ``texts`` and
        ``metas``). In conflict: every side's text as a candidate (the base's where it is
        known) and no review mark; else the merged review mark. The MT origin follows the
        side whose text was taken; waivers and notes are merged line by line."""
        mo, ma, mb = metas
        if conflict:
            sides: tuple[Side, ...] = ("base", "ours", "theirs")
            candidates = self.recorded(
                Candidate(side, text.msgstr, text.fuzzy, meta.review)
                for side, text, meta in zip(sides, texts, metas, strict=True)
                if known_base or side != "base"
            )
            review = None
        else:
            candidates = three(mo.conflict, ma.conflict, mb.conflict, _first)
            review = self.review(key, translation, mo.review, ma.review, mb.review)
        from_theirs = translation == texts[2] and translation != texts[1]
        return CommentMeta(
            review=review,
            origin=three(mo.origin, ma.origin, mb.origin, lambda x, y: y if from_theirs else x),
            waivers=merge_lines(mo.waivers, ma.waivers, mb.waivers),
            notes=merge_lines(mo.notes, ma.notes, mb.notes),
            conflict=candidates,
        )

    @staticmethod
    def translation(o: Translation, a: Translation, b: Translation) -> tuple[Translation, bool]:
        """The merged translation, and whether the two sides' texts conflict."""
        side = one_side(o, a, b)
        if side is not None:
            return (a if side == "ours" else b), False
        if _same_text(a, b):
            # the same text on both sides: a person's confirmation beats a fuzzy flag
            return (b if a.fuzzy and not b.fuzzy else a), False
        if _same_text(a, o) and a.fuzzy == o.fuzzy:  # ours only touched the #| lines
            return b, False
        if _same_text(b, o) and b.fuzzy == o.fuzzy:
            return a, False
        formwise = _formwise(o, a, b)
        if formwise is not None:
            return formwise, False
        shown = b if a.empty else a
        previous = a.previous if a.previous != _NO_PREVIOUS else b.previous
        return Translation(shown.msgstr, True, previous), True

    def review(
        self,
        key: EntryKey,
        translation: Translation,
        base: ReviewMark | None,
        ours: ReviewMark | None,
        theirs: ReviewMark | None,
    ) -> ReviewMark | None:
        """The review mark that still approves the merged text, if any.

        A mark made on one side for a text the other side then changed is dropped: the
        entry ends as ``translated``, never as a stale ``reviewed``.
        """
        mark = three(base, ours, theirs, _later_review)
        if mark is None:
            return None
        if not translation.fuzzy and mark.holds_for(*(translation.msgstr or ("",))):
            return mark
        if mark != base:
            self.stale_reviews.append(key.shown)
        return None

    def fit(self, key: EntryKey, entry: PoEntry) -> PoEntry:
        """A plural entry taken whole from one side, given the forms the merged header's
        ``nplurals`` asks for (the other side changed it): missing forms stay empty, so the
        entry is untranslated until someone writes them; forms cut off are kept as a
        conflict candidate."""
        need = forms_needed(entry.msgid_plural, self.nplurals)
        if fits(entry.msgstrs, need):
            return entry
        forms = fitted_forms(entry.msgstrs, need)
        meta = _meta(entry)
        conflict = meta.conflict
        if not conflict and any(entry.msgstrs[len(forms) :]):
            ours = self.sides["ours"].entries.get(key)
            side: Side = "ours" if ours is not None and ours.msgstrs == entry.msgstrs else "theirs"
            conflict = self.recorded([Candidate(side, entry.msgstrs, entry.fuzzy, meta.review)])
            self.conflicts.append(key.shown)
        kept = replace(meta, review=None, conflict=conflict)
        previous = Translation.of(entry).previous
        return Translation(forms, True, previous).onto(
            entry._replace(comments=tuple(comment_lines(kept)))
        )

    # --- an entry changed on one side and gone from the other -------------------------

    def carry(self, key: EntryKey, side: Side, result: dict[EntryKey, PoEntry]) -> None:
        """Move a changed translation to the msgid that replaced its own, or keep it obsolete.

        The moved text lands fuzzy with the old msgid as ``#| msgid``, the way msgmerge
        would have carried it, so a person confirms it against the new source.
        """
        other: Side = "theirs" if side == "ours" else "ours"
        entry, before = self.sides[side].entries[key], self.base[key]
        target = self.replacement(key, before, other, result)
        if target is None:
            result[key] = entry._replace(obsolete=True)
            self.kept_obsolete.append(key.shown)
            self.taken[side] += 1
            return
        self.carried.append((key.shown, target.shown))
        new = result[target]
        moved, there, old = Translation.of(entry), Translation.of(new), Translation.of(before)
        previous = (
            (new.previous_msgctxt, new.previous_msgid, new.previous_msgid_plural)
            if new.previous_msgid is not None
            else (before.msgctxt, before.msgid, before.msgid_plural)
        )
        meta, moved_meta, old_meta = _meta(new), _meta(entry), _meta(before)
        notes = merge_lines(old_meta.notes, moved_meta.notes, meta.notes)
        if there.empty or _same_text(there, old):
            settled = CommentMeta(meta.review, meta.origin, meta.waivers, notes=notes)
            carried = Translation(moved.msgstr, True, previous)
            comments = new.comments if _meta_equal(settled, meta) else tuple(comment_lines(settled))
            result[target] = carried.onto(new._replace(comments=comments))
            return
        # the other side translated the new msgid too: both texts become candidates
        self.conflicts.append(target.shown)
        candidates = self.recorded(
            (
                Candidate("base", old.msgstr, old.fuzzy, old_meta.review),
                Candidate(side, moved.msgstr, True, None),
                Candidate(other, there.msgstr, there.fuzzy, meta.review),
            )
        )
        conflicted = CommentMeta(None, meta.origin, meta.waivers, notes=notes, conflict=candidates)
        fuzzy = Translation(there.msgstr, True, previous)
        result[target] = fuzzy.onto(new._replace(comments=tuple(comment_lines(conflicted))))

    def replacement(
        self, key: EntryKey, before: PoEntry, other: Side, result: dict[EntryKey, PoEntry]
    ) -> EntryKey | None:
        """The entry the other side put in place of ``key``, if it can be told.

        First an entry whose ``#| msgid`` names ``key`` (msgmerge's link), else the most
        similar untranslated new msgid, by the same rule msgmerge-style updates use.
        """
        side = self.sides[other]
        linked = side.replaces.get(key)
        if linked is not None and linked in result and linked not in self.used:
            self.used.add(linked)
            return linked
        plural = before.msgid_plural is not None
        open_ = [
            k
            for k in side.added
            if k not in self.used
            and k in result
            and (k.domain, k.msgctxt) == (key.domain, key.msgctxt)
            and Translation.of(result[k]).empty
            and (result[k].msgid_plural is not None) == plural
        ]
        best = closest(key.msgid, [k.msgid for k in open_])
        if best is None:
            return None
        self.used.add(open_[best])
        return open_[best]

    # --- the header ------------------------------------------------------------------

    def header(self) -> tuple[PoEntry | None, tuple[str, ...]]:
        """The header entry merged: fields one by one, comments and flags as lines."""
        o, a, b = self.headers
        if a is None or b is None or one_side(o, a, b) is not None:
            return three(o, a, b, _first), ()
        o = o or PoEntry("")
        text, both = merge_header_text(o.msgstr, a.msgstr, b.msgstr)
        merged = a._replace(
            msgstr=text,
            comments=merge_lines(o.comments, a.comments, b.comments),
            flags=merge_lines(o.flags, a.flags, b.flags),
            extracted=merge_lines(o.extracted, a.extracted, b.extracted),
        )
        return merged, both


def _in_shape(
    shown: Translation, need: int | None, msgid_plural: str | None, sides: Sequence[PoEntry]
) -> Translation:
    """A fuzzy translation with the ``need`` forms of the merged shape: the text of the first
    side whose version has that shape (the side that changed it), else ``shown`` cut or
    padded with empty forms."""
    for entry in sides:
        if entry.msgid_plural == msgid_plural and fits(entry.msgstrs, need) and any(entry.msgstrs):
            return Translation(entry.msgstrs, True, Translation.of(entry).previous)
    return Translation(fitted_forms(shown.msgstr, need), True, shown.previous)


def _blank(entry: PoEntry) -> PoEntry:
    """``entry``'s source with no translation and nothing else: the base of a new entry."""
    return PoEntry(
        entry.msgid,
        msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural,
        plurals=tuple("" for _ in entry.plurals),
        domain=entry.domain,
    )
