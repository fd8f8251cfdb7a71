"""The three-way merge rules of the git merge driver, on entry values (no files, no git)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from workbench.domain.catalog import PoEntry
from workbench.domain.states import ReviewState
from workbench.domain.threeway import (
    Catalog,
    merge_catalogs,
    merge_header_text,
    merge_lines,
    merge_order,
    newer,
)
from workbench.domain.units import (
    Candidate,
    CommentMeta,
    ReviewMark,
    Unit,
    comment_lines,
    encode_meta,
    read_comments,
    text_hash,
)


def cat(*entries: PoEntry, header: PoEntry | None = None) -> Catalog:
    return Catalog(header, entries)


def e(msgid: str, msgstr: str = "", **kw: object) -> PoEntry:
    return PoEntry(msgid, msgstr, **kw)  # type: ignore[arg-type]


def reviewed(entry: PoEntry, by: str = "ann", at: str = "2026-11-20T10:00:00Z") -> PoEntry:
    mark = ReviewMark(by, at, text_hash(*entry.msgstrs))
    line = encode_meta("reviewed", mark.to_dict())
    return entry._replace(comments=(*entry.comments, line))


def by_key(result: Catalog) -> dict[str, PoEntry]:
    return {x.msgid: x for x in result.entries}


BASE = cat(e("Eins", "One"), e("Zwei", "Two"), e("Drei", ""))


def test_edits_on_different_entries_both_arrive() -> None:
    ours = cat(e("Eins", "One!"), e("Zwei", "Two"), e("Drei", ""))
    theirs = cat(e("Eins", "One"), e("Zwei", "Two"), e("Drei", "Three"))
    result = merge_catalogs(BASE, ours, theirs)
    assert result.clean
    assert [x.msgstr for x in result.catalog.entries] == ["One!", "Two", "Three"]
    assert (result.report.unchanged, result.report.ours, result.report.theirs) == (1, 1, 1)


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    side = cat(e("Eins", "One"), e("Zwei", "Two"), e("Drei", "Three"))
    result = merge_catalogs(BASE, side, side)
    assert result.clean and result.catalog == side


def test_different_changes_to_one_entry_conflict_and_keep_every_candidate() -> None:
    ours = cat(e("Eins", "One"), e("Zwei", "Two (ours)"), e("Drei", ""))
    theirs = cat(e("Eins", "One"), e("Zwei", "Two (theirs)"), e("Drei", ""))
    result = merge_catalogs(BASE, ours, theirs)
    assert not result.clean and result.report.conflicts == ((None, "Zwei"),)
    entry = by_key(result.catalog)["Zwei"]
    assert entry.fuzzy and entry.msgstr == "Two (ours)"
    meta = read_comments(entry.comments, ())
    assert [(c.side, c.target) for c in meta.conflict] == [
        ("base", "Two"),
        ("ours", "Two (ours)"),
        ("theirs", "Two (theirs)"),
    ]
    # labels (what the driver knows of the branches) are recorded with the texts
    labels = {"ours": "Ours: main (merged into)", "theirs": "Theirs: feature (merged in)"}
    entry = by_key(merge_catalogs(BASE, ours, theirs, labels).catalog)["Zwei"]
    recorded = read_comments(entry.comments, ()).conflict
    assert [c.label for c in recorded] == ["", labels["ours"], labels["theirs"]]


def test_a_review_on_one_side_and_an_edit_on_the_other_ends_translated() -> None:
    ours = cat(reviewed(e("Eins", "One")), e("Zwei", "Two"), e("Drei", ""))
    theirs = cat(e("Eins", "One, edited"), e("Zwei", "Two"), e("Drei", ""))
    result = merge_catalogs(BASE, ours, theirs)
    assert result.clean
    entry = by_key(result.catalog)["Eins"]
    assert entry.msgstr == "One, edited" and not entry.fuzzy
    assert read_comments(entry.comments, ()).review is None
    assert result.report.stale_reviews == ((None, "Eins"),)


def test_a_review_survives_when_the_other_side_changed_something_else_in_the_entry() -> None:
    ours = cat(reviewed(e("Eins", "One")), e("Zwei", "Two"), e("Drei", ""))
    theirs = cat(e("Eins", "One", references=("a.md:3",)), e("Zwei", "Two"), e("Drei", ""))
    result = merge_catalogs(BASE, ours, theirs)
    entry = by_key(result.catalog)["Eins"]
    assert read_comments(entry.comments, ()).review is not None
    assert entry.references == ("a.md:3",)


def test_two_reviews_of_the_same_text_keep_the_later_one() -> None:
    ours = cat(reviewed(e("Eins", "One"), "ann", "2026-11-20T10:00:00Z"), *BASE.entries[1:])
    theirs = cat(reviewed(e("Eins", "One"), "bob", "2026-11-21T10:00:00Z"), *BASE.entries[1:])
    entry = by_key(merge_catalogs(BASE, ours, theirs).catalog)["Eins"]
    review = read_comments(entry.comments, ()).review
    assert review is not None and review.by == "bob"


def test_a_confirmation_beats_a_fuzzy_flag_on_the_same_text() -> None:
    base = cat(e("Eins", "One", flags=("fuzzy",)))
    ours = cat(e("Eins", "One!", flags=("fuzzy",)))
    theirs = cat(e("Eins", "One!"))
    result = merge_catalogs(base, ours, theirs)
    assert result.clean and not result.catalog.entries[0].fuzzy


def test_entries_added_removed_and_obsoleted_follow_the_side_that_did_it() -> None:
    ours = cat(e("Eins", "One"), e("Zwei", "Two"), e("Drei", ""), e("Vier", "Four"))
    theirs = cat(
        e("Null", "Zero"), e("Eins", "One"), e("Drei", ""), e("Zwei", "Two", obsolete=True)
    )
    result = merge_catalogs(BASE, ours, theirs)
    assert result.clean
    assert [(x.msgid, x.obsolete) for x in result.catalog.entries] == [
        ("Null", False),
        ("Eins", False),
        ("Drei", False),
        ("Vier", False),
        ("Zwei", True),
    ]
    removed = cat(e("Eins", "One"), e("Drei", ""))
    assert [x.msgid for x in merge_catalogs(BASE, BASE, removed).catalog.entries] == [
        "Eins",
        "Drei",
    ]


def test_an_edit_to_an_entry_the_other_side_deleted_is_kept_as_obsolete() -> None:
    ours = cat(e("Eins", "One"), e("Zwei", "Two, better"), e("Drei", ""))
    theirs = cat(e("Eins", "One"), e("Drei", ""))
    result = merge_catalogs(BASE, ours, theirs)
    assert result.report.kept_obsolete == ((None, "Zwei"),)
    assert by_key(result.catalog)["Zwei"] == e("Zwei", "Two, better", obsolete=True)


def test_a_changed_translation_moves_to_msgmerges_new_msgid_as_fuzzy() -> None:
    """Theirs ran msgmerge (Zwei became "Zwei!" with #| msgid); ours improved Zwei's text."""
    ours = cat(e("Eins", "One"), e("Zwei", "Two, better"), e("Drei", ""))
    fuzzy = e("Zwei!", "Two", flags=("fuzzy",), previous_msgid="Zwei")
    theirs = cat(e("Eins", "One"), fuzzy, e("Drei", ""))
    result = merge_catalogs(BASE, ours, theirs)
    assert result.clean and result.report.carried == (((None, "Zwei"), (None, "Zwei!")),)
    entry = by_key(result.catalog)["Zwei!"]
    assert entry.msgstr == "Two, better" and entry.fuzzy
    assert entry.previous_msgid == "Zwei"
    assert "Zwei" not in by_key(result.catalog)


def test_python_docs_fr_1908_never_attaches_a_translation_silently() -> None:
    """Ours translated an entry whose msgid theirs changed (msgmerge dropped the old one)."""
    old = "In the future, the population must be a sequence. Sets are no longer supported."
    new = "The population must be a sequence. Sets are no longer supported."
    base = cat(e(old, ""))
    ours = cat(e(old, "La population devra être une séquence."))
    theirs = cat(e(new, ""))
    result = merge_catalogs(base, ours, theirs)
    entry = by_key(result.catalog)[new]
    assert entry.msgstr == "La population devra être une séquence."
    assert entry.fuzzy and entry.previous_msgid == old
    # a msgid unlike the old one gets nothing; the translation stays as an obsolete entry
    theirs = cat(e("Something else entirely, about dictionaries.", ""))
    result = merge_catalogs(base, ours, theirs)
    assert by_key(result.catalog)["Something else entirely, about dictionaries."].msgstr == ""
    assert by_key(result.catalog)[old].obsolete
    assert result.report.kept_obsolete == ((None, old),)


def test_a_moved_translation_meeting_a_new_one_is_a_conflict() -> None:
    ours = cat(e("Eins", "One"), e("Zwei", "Two, better"), e("Drei", ""))
    fuzzy = e("Zwei!", "Two!", previous_msgid="Zwei")
    theirs = cat(e("Eins", "One"), fuzzy, e("Drei", ""))
    result = merge_catalogs(BASE, ours, theirs)
    assert result.report.conflicts == ((None, "Zwei!"),)
    entry = by_key(result.catalog)["Zwei!"]
    assert entry.fuzzy
    sides = {c.side: c.target for c in read_comments(entry.comments, ()).conflict}
    assert sides == {"base": "Two", "ours": "Two, better", "theirs": "Two!"}


def test_plural_forms_merge_as_one_translation() -> None:
    plural = PoEntry("%d Datei", "%d file", msgid_plural="%d Dateien", plurals=("%d files",))
    base = cat(plural)
    ours = cat(plural._replace(plurals=("%d filez",)))
    theirs = cat(plural._replace(flags=("c-format",)))
    result = merge_catalogs(base, ours, theirs)
    assert result.catalog.entries[0].msgstrs == ("%d file", "%d filez")
    assert result.catalog.entries[0].flags == ("c-format",)
    theirs = cat(plural._replace(plurals=("%d files (2)",)))
    result = merge_catalogs(base, ours, theirs)
    assert not result.clean
    candidates = read_comments(result.catalog.entries[0].comments, ()).conflict
    assert candidates[2].msgstr == ("%d file", "%d files (2)")


def test_plural_forms_changed_on_different_sides_merge_form_by_form() -> None:
    """acceptance-3 TOP 8b: ours changed msgstr[1], theirs msgstr[0]: no conflict, and a
    review of either side does not hold for the combined text."""
    plural = PoEntry("%d Datei", "%d file", msgid_plural="%d Dateien", plurals=("%d files",))
    ours = cat(reviewed(plural._replace(plurals=("%d files (ours)",))))
    theirs = cat(plural._replace(msgstr="one file (theirs)"))
    result = merge_catalogs(cat(plural), ours, theirs)
    assert result.clean
    (entry,) = result.catalog.entries
    assert entry.msgstrs == ("one file (theirs)", "%d files (ours)") and not entry.fuzzy
    assert read_comments(entry.comments, ()).review is None
    # the same form changed differently on both sides is still a conflict
    theirs = cat(plural._replace(msgstr="one file", plurals=("%d files (theirs)",)))
    assert not merge_catalogs(cat(plural), ours, theirs).clean


def test_entries_added_on_both_sides_conflict_only_when_both_translated_them() -> None:
    empty = cat()
    ours = cat(e("Neu", "New"))
    assert merge_catalogs(empty, ours, cat(e("Neu", ""))).catalog == ours
    result = merge_catalogs(empty, ours, cat(e("Neu", "Fresh")))
    assert not result.clean
    sides = [c.side for c in read_comments(result.catalog.entries[0].comments, ()).conflict]
    assert sides == ["ours", "theirs"]


HEADER_BASE = (
    "Project-Id-Version: demo\n"
    "POT-Creation-Date: 2026-11-01 10:00+0000\n"
    "PO-Revision-Date: 2026-11-02 10:00+0000\n"
    "Last-Translator: Base <b@example.org>\n"
    "Content-Type: text/plain; charset=UTF-8\n"
)


def test_header_fields_merge_one_by_one_and_dates_take_the_newer() -> None:
    ours = HEADER_BASE.replace("11-02 10:00+0000", "11-05 09:00+0100").replace("Base", "Ann")
    theirs = (
        HEADER_BASE.replace("11-02 10:00+0000", "11-05 09:30+0000")
        .replace("Base", "Bob")
        .replace("11-01 10:00", "11-03 10:00")
        + "X-Generator: workbench\n"
    )
    text, both = merge_header_text(HEADER_BASE, ours, theirs)
    assert text == (
        "Project-Id-Version: demo\n"
        "POT-Creation-Date: 2026-11-03 10:00+0000\n"
        "PO-Revision-Date: 2026-11-05 09:30+0000\n"
        "Last-Translator: Bob <b@example.org>\n"
        "Content-Type: text/plain; charset=UTF-8\n"
        "X-Generator: workbench\n"
    )
    assert both == ("Last-Translator",)


def test_a_header_only_difference_is_never_a_conflict() -> None:
    header = PoEntry("", HEADER_BASE)
    ours = header._replace(msgstr=HEADER_BASE.replace("11-02", "11-07"))
    theirs = header._replace(msgstr=HEADER_BASE.replace("11-02", "11-06"))
    result = merge_catalogs(
        cat(*BASE.entries, header=header),
        cat(*BASE.entries, header=ours),
        cat(*BASE.entries, header=theirs),
    )
    assert result.clean and result.catalog.header == ours


@pytest.mark.parametrize(
    ("ours", "theirs", "expected"),
    [
        ("2026-11-05 09:00+0100", "2026-11-05 08:30+0000", "theirs"),
        ("2026-11-05 09:00+0000", "2026-11-05 09:00+0000", "ours"),
        ("YEAR-MO-DA HO:MI+ZONE", "2026-01-01 00:00+0000", "theirs"),
        ("2026-01-01 00:00+0000", "", "ours"),
    ],
)
def test_newer_dates(ours: str, theirs: str, expected: str) -> None:
    assert newer(ours, theirs) == expected


@pytest.mark.parametrize(
    ("base", "ours", "theirs", "expected"),
    [
        ("ab", "ab", "abc", "abc"),
        ("ab", "xab", "abc", "xabc"),
        ("abc", "ac", "ab", "a"),
        ("a", "ab", "ab", "ab"),
        ("", "a", "b", "ab"),
    ],
)
def test_merge_lines(base: str, ours: str, theirs: str, expected: str) -> None:
    assert "".join(merge_lines(list(base), list(ours), list(theirs))) == expected


def test_merge_order_places_theirs_additions_after_their_predecessor() -> None:
    assert merge_order("acd", "abce", set("abcde")) == list("abced")
    assert merge_order("bc", "abc", set("abc")) == list("abc")


def test_conflict_records_round_trip_and_a_pick_settles_them() -> None:
    theirs_mark = ReviewMark("bob", "2026-11-21T10:00:00Z", text_hash("Two!"))
    candidates = (
        Candidate("base", ("Two",)),
        Candidate("ours", ("Two?",), fuzzy=True),
        Candidate("theirs", ("Two!",), review=theirs_mark),
    )
    lines = comment_lines(CommentMeta(notes=("a note",), conflict=candidates))
    assert lines[0] == "a note"
    assert all(x.startswith(("wb:conflict ", "wb:+")) for x in lines[1:])  # long: wb:+ lines
    values: list[list[str]] = []  # each value's lines: its first line, then its wb:+ lines
    for x in lines:
        if x.startswith("wb:+"):
            values[-1].append(x)
        else:
            values.append([x])
    meta = read_comments([x for v in reversed(values) for x in v], ())  # value order free
    assert meta.conflict == candidates and meta.notes == ("a note",)
    unit = Unit("", "Zwei", "Two?", fuzzy=True, conflict=meta.conflict)
    assert [c.state.label for c in unit.conflict] == ["translated", "draft", "reviewed"]
    theirs = unit.resolved(unit.conflict[2])
    assert (theirs.target, theirs.state, theirs.conflict) == ("Two!", ReviewState.REVIEWED, ())
    ours = unit.resolved(unit.conflict[1])  # a draft side stays a draft: picking is no confirm
    assert (ours.target, ours.state, ours.conflict) == ("Two?", ReviewState.DRAFT, ())
    assert unit.resolved(unit.conflict[0]).state == ReviewState.TRANSLATED
    typed = unit.with_target("Two, typed")
    assert typed.conflict and not typed.confirmed().conflict


@pytest.mark.parametrize(
    "value",
    [{"side": "mine", "msgstr": ["x"]}, {"side": "ours", "msgstr": 3}, {"side": "ours"}],
)
def test_a_broken_conflict_record_is_reported(value: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="wb:conflict"):
        Candidate.from_dict(value)


def test_an_obsolete_entry_changed_on_both_sides_keeps_both_texts_without_stopping() -> None:
    base = cat(e("Alt", "Old", obsolete=True))
    result = merge_catalogs(
        base, cat(e("Alt", "Old (a)", obsolete=True)), cat(e("Alt", "Old (b)", obsolete=True))
    )
    assert result.clean
    sides = [c.target for c in read_comments(result.catalog.entries[0].comments, ()).conflict]
    assert sides == ["Old", "Old (a)", "Old (b)"]


def test_the_merge_driver_loads_no_checks() -> None:
    """git runs the driver once per conflicted PO file: its start-up stays small (no QA checks,
    no polib, no TUI)."""
    code = (
        "import sys, workbench.cli.git_cmd\n"
        "print(','.join(m for m in ('workbench.domain.checks', 'polib', 'textual', 'rich.table')"
        " if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


# --- shape changes: singular <-> plural, nplurals (acceptance-4 TOP 1) --------------------


def header(nplurals: int = 2) -> PoEntry:
    plural = {1: "0", 2: "(n != 1)", 3: "(n==1 ? 0 : n==2 ? 1 : 2)"}[nplurals]
    return PoEntry("", f"Plural-Forms: nplurals={nplurals}; plural={plural};\n")


HIDDEN = PoEntry("%s (%d hidden)", "%s (%d versteckt)", flags=("c-format",))


def conflict_of(entry: PoEntry) -> dict[str, tuple[str, ...]]:
    return {c.side: c.msgstr for c in read_comments(entry.comments, ()).conflict}


def test_upstream_makes_an_edited_entry_plural_the_merge_takes_its_shape() -> None:
    """thunar's `%s (%d hidden)` became ngettext upstream while we edited it: the merged
    entry has theirs' forms (a plural entry with one form is refused by gettext and by our
    own reader), stays a fuzzy conflict, and ours' text is a candidate."""
    ours = HIDDEN._replace(msgstr="%s (%d ausgeblendet)")
    theirs = HIDDEN._replace(
        msgid_plural="%s (%d hidden)",
        msgstr="%s (%d verborgen)",
        plurals=("%s (%d verborgen)",),
    )
    result = merge_catalogs(
        cat(HIDDEN, header=header()), cat(ours, header=header()), cat(theirs, header=header())
    )
    assert not result.clean and result.report.conflicts == ((None, "%s (%d hidden)"),)
    (entry,) = result.catalog.entries
    assert entry.msgid_plural == "%s (%d hidden)" and entry.fuzzy
    assert entry.msgstrs == ("%s (%d verborgen)", "%s (%d verborgen)")
    assert entry.flags == ("fuzzy", "c-format")
    sides = conflict_of(entry)
    assert sides["ours"] == ("%s (%d ausgeblendet)",) and sides["base"] == ("%s (%d versteckt)",)
    # the translator picks ours in the conflict view: its text fills both forms, as a draft
    meta = read_comments(entry.comments, ())
    unit = Unit("", entry.msgid, entry.msgstr, fuzzy=True, conflict=meta.conflict)
    unit = replace(unit, source_plural=entry.msgid_plural, plural_forms=entry.plurals)
    picked = unit.resolved(unit.candidate("ours"))  # type: ignore[arg-type]
    assert picked.forms == ("%s (%d ausgeblendet)", "%s (%d ausgeblendet)")
    assert picked.state == ReviewState.DRAFT and not picked.conflict


def test_upstream_makes_an_edited_plural_entry_singular() -> None:
    """thunar 4.18 → 4.20: `Ma_ke Link` went from ngettext back to gettext."""
    base = PoEntry(
        "Ma_ke Link", "Ver_knüpfung", msgid_plural="Ma_ke Links", plurals=("V_erknüpfungen",)
    )
    ours = base._replace(msgstr="_Verknüpfung anlegen", plurals=("_Verknüpfungen anlegen",))
    theirs = PoEntry("Ma_ke Link", "Verknüpfung _anlegen")
    result = merge_catalogs(
        cat(base, header=header()), cat(ours, header=header()), cat(theirs, header=header())
    )
    (entry,) = result.catalog.entries
    assert not result.clean and entry.fuzzy
    assert entry.msgid_plural is None and entry.msgstrs == ("Verknüpfung _anlegen",)
    assert conflict_of(entry)["ours"] == ("_Verknüpfung anlegen", "_Verknüpfungen anlegen")
    unit = Unit(
        "",
        entry.msgid,
        entry.msgstr,
        fuzzy=True,
        conflict=read_comments(entry.comments, ()).conflict,
    )
    picked = unit.resolved(unit.candidate("ours"))  # type: ignore[arg-type]
    assert picked.forms == ("_Verknüpfung anlegen",) and picked.state == ReviewState.DRAFT


def test_a_new_nplurals_on_one_side_gives_every_plural_entry_that_many_forms() -> None:
    """theirs moved the language to three forms (and msgmerge added an empty msgstr[2]);
    ours edited one plural entry and added another with two forms."""
    file_ = PoEntry("%d Datei", "%d plik", msgid_plural="%d Dateien", plurals=("%d pliki",))
    new = PoEntry("%d Ordner", "%d folder", msgid_plural="%d Ordner", plurals=("%d foldery",))
    ours = cat(file_._replace(plurals=("%d plików",)), new, header=header(2))
    theirs = cat(file_._replace(plurals=("%d pliki", "")), header=header(3))
    result = merge_catalogs(cat(file_, header=header(2)), ours, theirs)
    entries = by_key(result.catalog)
    assert len(entries["%d Datei"].msgstrs) == 3 and entries["%d Datei"].fuzzy
    assert conflict_of(entries["%d Datei"])["ours"] == ("%d plik", "%d plików")
    # the entry only ours has: padded with an empty form (untranslated until written)
    assert entries["%d Ordner"].msgstrs == ("%d folder", "%d foldery", "")
    assert entries["%d Ordner"].fuzzy
    assert result.report.conflicts == ((None, "%d Datei"),)
    # and back to two forms: a form cut off is kept as a conflict candidate
    three_forms = new._replace(plurals=("%d foldery", "%d folderów"))
    result = merge_catalogs(
        cat(header=header(3)), cat(three_forms, header=header(3)), cat(header=header(2))
    )
    (entry,) = result.catalog.entries
    assert entry.msgstrs == ("%d folder", "%d foldery") and entry.fuzzy
    assert conflict_of(entry)["ours"] == ("%d folder", "%d foldery", "%d folderów")
    assert not result.clean
