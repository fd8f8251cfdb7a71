"""The editing session behind the TUI: states, progress, journal, recovery, conflict-safe save."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import polib
import pytest

from tests.conftest import REPO, have
from workbench.adapters.journal import journal_files, read_journal
from workbench.adapters.po import ChangedOnDiskError, PoCatalog
from workbench.domain.progress import Progress
from workbench.domain.states import ReviewState
from workbench.domain.units import MtOrigin
from workbench.services.session import (
    EditSession,
    SegmentFilter,
    Suggestion,
    parse_filter,
    reviewer_name,
)

DATA = REPO / "tests" / "data"
U, D, T, R = (
    ReviewState.UNTRANSLATED,
    ReviewState.DRAFT,
    ReviewState.TRANSLATED,
    ReviewState.REVIEWED,
)


@pytest.fixture
def po(tui_sample: Path) -> Path:
    return tui_sample


@pytest.fixture
def open_session() -> Iterator[Callable[..., EditSession]]:
    """``EditSession.open`` for a test: every session it opens is closed at the end (a
    session is a context manager), so no journal file handle is left open."""
    with ExitStack() as stack:

        def opener(*args: Any, **kwargs: Any) -> EditSession:
            return stack.enter_context(EditSession.open(*args, **kwargs))

        yield opener


def states(session: EditSession) -> list[ReviewState]:
    return [u.state for u in session.units]


def test_sample_has_every_state(open_session: Callable[..., EditSession], po: Path) -> None:
    session = open_session(po)
    assert states(session)[:4] == [T, R, D, U]
    assert session.first_needing_work() == 2


# (starting unit, typed text, state after typing, state after confirm)
EDITS = [
    (3, "A new translation.", D, T),  # untranslated → typed is a draft until confirmed
    (0, "Changed text.", D, T),  # translated, edited → draft again
    (1, "Changed after review.", D, T),  # reviewed, edited → the review no longer holds
    (0, "", U, U),  # cleared → untranslated; confirming nothing keeps it so
    (2, "Edited MT draft.", D, T),
]


@pytest.mark.parametrize("edit", EDITS)
def test_typing_then_confirming(
    open_session: Callable[..., EditSession],
    po: Path,
    edit: tuple[int, str, ReviewState, ReviewState],
) -> None:
    index, text, typed, confirmed = edit
    session = open_session(po)
    session.set_target(index, text)
    assert session.units[index].state == typed
    session.confirm(index)
    assert session.units[index].state == confirmed
    assert session.progress.segments == Progress.of(session.units).segments
    assert session.progress.words == Progress.of(session.units).words


def test_typing_back_the_saved_text_restores_the_saved_state(
    open_session: Callable[..., EditSession], po: Path
) -> None:
    session = open_session(po)
    saved = session.units[1]
    session.set_target(1, "something else")
    assert session.dirty == {1}
    session.set_target(1, saved.target)
    assert session.units[1] == saved and not session.dirty


def test_review_records_who_and_when(
    open_session: Callable[..., EditSession], po: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_REVIEWER", "Rita Reviewer")
    assert reviewer_name() == "Rita Reviewer"
    session = open_session(po)
    unit = session.review(0)
    assert unit.state == R and unit.review is not None
    assert unit.review.by == "Rita Reviewer" and unit.review.at.endswith("+00:00")
    assert session.review(3).state == U  # nothing to review on an empty target


def test_revert_drops_every_unsaved_change(
    open_session: Callable[..., EditSession], po: Path
) -> None:
    session = open_session(po)
    original = session.units[2]
    session.set_target(2, "x")
    session.confirm(2)
    session.revert(2)
    assert session.units[2] == original and not session.dirty


def test_save_writes_text_and_state_and_clears_the_journal(
    open_session: Callable[..., EditSession], po: Path
) -> None:
    session = open_session(po)
    session.set_target(3, "Saved translation.")
    session.confirm(3)
    session.review(0, by="R", at="2025-01-01T00:00:00+00:00")
    assert len(journal_files(po)) == 1
    session.save()
    assert journal_files(po) == [] and not session.dirty
    units = PoCatalog.load(po).units()
    assert (units[3].target, units[3].state) == ("Saved translation.", T)
    assert units[0].state == R
    entry = polib.pofile(str(po)).find(units[3].source, msgctxt=units[3].id)
    assert entry is not None and "fuzzy" not in entry.flags


CRASH = """
import os, signal, sys
from workbench.services.session import EditSession
session = EditSession.open(sys.argv[1])
session.set_target(3, "typed before the crash")
session.set_target(4, "second edit")
session.confirm(4)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_crash_loses_nothing_and_recovery_replays_the_journal(
    open_session: Callable[..., EditSession], po: Path
) -> None:
    before = po.read_bytes()
    killed = subprocess.run([sys.executable, "-c", CRASH, str(po)], cwd=REPO, check=False)
    assert killed.returncode == -signal.SIGKILL
    assert po.read_bytes() == before
    session = open_session(po)
    assert session.recovery is not None
    assert "2 unsaved segment edits" in session.recovery_summary()
    result = session.recover()
    assert result.applied == 2 and not result.missing
    assert session.units[3].target == "typed before the crash" and session.units[3].state == D
    assert session.units[4].state == T
    session.save()
    assert PoCatalog.load(po).units()[4].target == "second edit"


def test_a_half_written_journal_line_is_skipped(
    open_session: Callable[..., EditSession], po: Path
) -> None:
    session = open_session(po)
    session.set_target(3, "complete line")
    session.close()
    (journal,) = journal_files(po)
    with journal.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "x", "source": "half a li')
    contents = read_journal(journal)
    assert [r.target for r in contents.records] == ["complete line"]
    assert contents.skipped_lines == 1


def test_discarding_recovery_deletes_the_journal(
    open_session: Callable[..., EditSession], po: Path
) -> None:
    first = open_session(po)
    first.set_target(3, "unwanted")
    first.close()
    second = open_session(po)
    second.discard_recovery()
    assert journal_files(po) == []
    assert open_session(po).recovery is None


def test_editing_without_answering_recovery_leaves_the_old_journal_alone(
    open_session: Callable[..., EditSession], po: Path
) -> None:
    first = open_session(po)
    first.set_target(3, "old work")
    first.close()
    (old,) = journal_files(po)
    second = open_session(po)
    second.set_target(5, "new work")
    assert len(journal_files(po)) == 2 and "old work" in old.read_text(encoding="utf-8")
    second.save()
    assert journal_files(po) == [old]  # saving clears only this editor's journal
    assert open_session(po).recovery is not None


def external_edit(po: Path, index: int, text: str) -> None:
    catalog = PoCatalog.load(po)
    unit = catalog.units()[index].with_target(text).confirmed()
    catalog.apply(unit)
    catalog.save()


def test_save_never_clobbers_a_file_changed_on_disk(
    open_session: Callable[..., EditSession], po: Path
) -> None:
    session = open_session(po)
    session.set_target(3, "mine")
    external_edit(po, 5, "theirs")
    assert session.changed_on_disk()
    with pytest.raises(ChangedOnDiskError):
        session.save()
    assert PoCatalog.load(po).units()[3].target == ""  # nothing of ours written over theirs


def test_merge_puts_my_edits_on_their_file(
    open_session: Callable[..., EditSession], po: Path
) -> None:
    session = open_session(po)
    session.set_target(3, "mine")
    session.set_target(7, "mine too")
    external_edit(po, 5, "theirs")
    external_edit(po, 7, "theirs on the same segment")
    result = session.merge_from_disk()
    assert result.applied == 2
    assert result.conflicts == [session.units[7].id] and result.conflict_at == [7]
    session.save()
    units = PoCatalog.load(po).units()
    assert [units[i].target for i in (3, 5, 7)] == ["mine", "theirs", "mine too"]
    # both texts of segment 7 are kept side by side until the translator picks one
    conflict = {c.side: c.target for c in units[7].conflict}
    assert conflict == {"base": "", "ours": "mine too", "theirs": "theirs on the same segment"}
    assert units[7].state == ReviewState.DRAFT


def test_reload_takes_their_file_and_drops_mine(
    open_session: Callable[..., EditSession], po: Path
) -> None:
    session = open_session(po)
    session.set_target(3, "mine")
    external_edit(po, 5, "theirs")
    session.reload()
    assert session.units[3].target == "" and session.units[5].target == "theirs"
    assert not session.dirty and journal_files(po) == []


FILTERS = [
    ("", SegmentFilter()),
    ("draft", SegmentFilter(frozenset({D}))),
    ("state:draft,reviewed", SegmentFilter(frozenset({D, R}))),
    ("todo Hangzhou", SegmentFilter(frozenset({U, D}), "Hangzhou")),
    ("qa", SegmentFilter(qa="")),
    ("qa:glossary", SegmentFilter(qa="glossary")),
    ("Sister Cities", SegmentFilter(text="Sister Cities")),
]


@pytest.mark.parametrize(("text", "expected"), FILTERS)
def test_parse_filter(text: str, expected: SegmentFilter) -> None:
    assert parse_filter(text) == expected


def test_parse_filter_names_the_states_on_a_typo() -> None:
    with pytest.raises(ValueError, match="untranslated, draft"):
        parse_filter("state:drafted")


def test_filter_by_state_text_and_qa(open_session: Callable[..., EditSession], po: Path) -> None:
    session = open_session(po, glossaries=[DATA / "tui_glossary.tsv"])
    assert session.filter_indices(parse_filter("reviewed")) == [1]
    assert session.filter_indices(parse_filter("translated DeepSeek")) == [6]
    session.load_support()
    session.set_target(3, "Guests visited twin town sites.")
    session.confirm(3)
    flagged = session.filter_indices(parse_filter("qa"))
    assert 3 in flagged
    assert all(session.findings(i) for i in flagged)


def test_translation_memory_finds_a_similar_translated_source(
    open_session: Callable[..., EditSession], tmp_path: Path
) -> None:
    from workbench.domain.units import Unit

    path = tmp_path / "tm.po"
    catalog = PoCatalog.new(path, "de", "en", "tm")
    catalog.replace_units(
        [
            Unit(
                "a",
                "Die Gäste besuchten mehrere Technologieunternehmen.",
                "The guests visited several tech firms.",
            ),
            Unit("b", "Die Gäste besuchten einige Technologieunternehmen.", ""),
            Unit("c", "Ganz etwas anderes steht hier.", ""),
        ]
    )
    catalog.save()
    session = open_session(path)

    def memory(i: int) -> list[Suggestion]:
        return [s for s in session.suggestions(i) if s.kind == "TM"]

    matches = memory(1)
    assert [(m.detail, m.text) for m in matches] == [
        ("segment 1", "The guests visited several tech firms.")
    ]
    assert matches[0].score is not None and 80 <= matches[0].score < 100
    assert memory(2) == []  # below the cutoff
    session.set_target(2, "Something else entirely.")
    assert memory(1)[0].detail == "segment 1"  # drafts are not memory
    session.set_target(1, "The guests visited some tech firms.")
    session.confirm(1)
    assert [m.detail for m in memory(0)] == ["segment 2"]  # confirmed segments join the memory


def test_an_open_file_match_takes_the_segments_edge_newlines(
    open_session: Callable[..., EditSession], tmp_path: Path
) -> None:
    """acceptance-3 TOP 4 in the editor: taking a match whose source has a final newline
    this segment lacks must not bring the newline along (msgfmt -c would refuse it)."""
    from workbench.domain.units import Unit

    path = tmp_path / "edges.po"
    catalog = PoCatalog.new(path, "de", "en", "edges")
    catalog.replace_units(
        [
            Unit(
                "a", "Die Gäste besuchten mehrere Firmen.\n", "The guests visited several firms.\n"
            ),
            Unit("b", "\nDie Gäste besuchten einige Firmen.", ""),
        ]
    )
    catalog.save()
    session = open_session(path)
    (match,) = [s for s in session.suggestions(1) if s.kind == "TM"]
    assert match.text == "\nThe guests visited several firms."


def test_glossary_terms_and_findings_for_one_unit(
    open_session: Callable[..., EditSession], po: Path
) -> None:
    session = open_session(po, glossaries=[DATA / "tui_glossary.tsv"])
    assert session.term_hits(7) == []  # nothing until the support is loaded
    session.load_support()
    hits = session.term_hits(7)
    assert any(h.source_term == "Landrat" and "County Executive" in h.targets for h in hits)
    session.set_target(
        7, "One of them was Marc Elrich, District Administrator of Montgomery County."
    )
    assert any(f.term for f in session.findings(7))


def test_mt_draft_is_a_draft_with_its_origin(
    open_session: Callable[..., EditSession], po: Path
) -> None:
    session = open_session(po)
    unit = session.apply_draft(3, "machine text", MtOrigin("argos", "m", "machine text"))
    assert unit.state == D and unit.origin is not None and unit.origin.mt == "machine text"


def test_a_head_first_open_matches_the_whole_read_and_saves_the_same(
    open_session: Callable[..., EditSession], po: Path
) -> None:
    fast = open_session(po, head=2)
    slow = open_session(po, fast=False)
    fast.extend(fast.read_rest())
    assert fast.units == slow.units
    assert not fast.catalog_loaded and slow.catalog_loaded
    fast.set_target(3, "x")
    fast.load_catalog()
    assert fast.adopt_catalog() is False
    assert fast.units[3].target == "x"


PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def test_a_malformed_po_is_reported_with_its_line(
    open_session: Callable[..., EditSession], tmp_path: Path
) -> None:
    from workbench.errors import UserError

    path = tmp_path / "bad.po"
    path.write_text(PO_HEADER + 'msgid "a"\nmsgstr "b"\nbogus "c"\n', encoding="utf-8")
    with pytest.raises(UserError) as info:
        open_session(path)
    assert "bad.po" in info.value.where


def test_an_unwritable_journal_does_not_stop_editing(
    open_session: Callable[..., EditSession], po: Path
) -> None:
    session = open_session(po)
    assert session.journal is not None
    session.journal.path.mkdir()  # a folder where the journal file should go
    session.set_target(3, "still editable")
    assert "cannot write the journal" in session.journal_error
    session.save()
    assert PoCatalog.load(po).units()[3].target == "still editable"


def test_a_big_file_opens_with_its_head_and_reads_the_rest_later(
    open_session: Callable[..., EditSession], po: Path
) -> None:
    full = open_session(po)
    session = open_session(po, head=3)
    assert not session.complete
    assert len(session.units) == 3 and session.first_needing_work() == 2
    session.set_target(2, "typed while the rest is read")
    rest = session.read_rest()
    assert rest is not None
    session.extend(rest)
    assert session.complete and len(session.units) == len(full.units)
    assert session.saved == full.saved
    assert session.progress.segments == Progress.of(session.units).segments
    assert session.filter_indices(parse_filter("reviewed")) == [1]
    session.save()
    assert PoCatalog.load(po).units()[2].target == "typed while the rest is read"


def test_recovery_reaches_units_beyond_the_head(
    open_session: Callable[..., EditSession], po: Path
) -> None:
    first = open_session(po)
    first.set_target(20, "far down the file")
    first.close()
    session = open_session(po, head=3)
    result = session.recover()
    assert result.applied == 1 and not result.missing
    assert session.complete and session.units[20].target == "far down the file"


def test_a_head_first_read_and_its_catalogue_share_one_set_of_units(
    open_session: Callable[..., EditSession], po: Path
) -> None:
    """One parse: the units read for editing are the catalogue's own (no second set for a
    big file), and an obsolete entry is kept for saving but not listed for editing."""
    text = po.read_text(encoding="utf-8")
    po.write_text(
        text + '\n#~ msgid "gone"\n#~ msgstr "weg"\nmsgid "odd"\nmsgstr "x"\n', encoding="utf-8"
    )
    session = open_session(po, head=3)
    session.set_target(2, "mine")
    session.extend(session.read_rest())
    session.load_catalog()
    assert session.adopt_catalog() is False  # nothing to replace
    assert session.complete and session.units[-1].source == "odd"
    assert all(not u.obsolete for u in session.units)
    assert session.catalog is not None
    assert all(a is b for a, b in zip(session.catalog.units(), session.saved, strict=True))
    assert session.units[2].target == "mine" and 2 in session.dirty
    session.save()
    assert '#~ msgid "gone"' in po.read_text(encoding="utf-8")


def _segmented(tmp_path: Path, first: str) -> Path:
    """A Markdown source's PO, made (or updated) by `workbench segment` as a project does."""
    from workbench.cli import main

    md, po = tmp_path / "a.de.md", tmp_path / "a.po"
    md.write_text(f"# Titel\n\n{first}\n\nDer zweite Satz bleibt gleich.\n", encoding="utf-8")
    assert main(["segment", str(md), "-o", str(po)]) == 0
    return po


def _kept_obsolete(po: Path, text: str) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(po)).obsolete_entries() if e.msgstr == text]


def test_an_edit_whose_segment_was_resegmented_away_is_kept_obsolete_by_the_merge(
    open_session: Callable[..., EditSession], tmp_path: Path
) -> None:
    """acceptance-4 TOP 16: the German sentence changed and `segment` updated the PO while
    my translation of it was unsaved; "merge my edits" keeps it as `#~`, as the git merge
    driver does (it used to be in neither the file nor the journal)."""
    po = _segmented(tmp_path, "Der erste Satz ist kurz.")
    session = open_session(po)
    first = next(i for i, u in enumerate(session.units) if u.source.startswith("Der erste"))
    second = next(i for i, u in enumerate(session.units) if u.source.startswith("Der zweite"))
    session.set_target(first, "MY first sentence is short.")
    session.set_target(second, "MY second sentence stays.")
    _segmented(tmp_path, "Der erste Satz ist jetzt länger geworden.")
    result = session.merge_from_disk()
    assert result.applied == 1 and len(result.missing) == 1
    assert session.is_dirty and len(session.orphans) == 1
    assert any("MY first" in r.target for r in read_journal(journal_files(po)[0]).records)
    session.save()
    assert [e.msgid for e in _kept_obsolete(po, "MY first sentence is short.")] == [
        "Der erste Satz ist kurz."
    ]
    assert not session.orphans and not session.is_dirty and journal_files(po) == []
    assert PoCatalog.load(po).units()[second].target == "MY second sentence stays."


def test_a_recovered_edit_whose_segment_is_gone_is_kept_obsolete(
    open_session: Callable[..., EditSession], tmp_path: Path
) -> None:
    """acceptance-4 TOP 16 in crash recovery: the journal's edit of a re-segmented sentence
    is written as `#~` at the next save; the journal goes only once it is saved."""
    po = _segmented(tmp_path, "Der erste Satz ist kurz.")
    crashed = EditSession.open(po)
    first = next(i for i, u in enumerate(crashed.units) if u.source.startswith("Der erste"))
    crashed.set_target(first, "MY first sentence is short.")
    crashed.close()  # the editor dies: its journal stays
    _segmented(tmp_path, "Der erste Satz ist jetzt länger geworden.")
    session = open_session(po)
    result = session.recover()
    assert result.applied == 0 and len(result.missing) == 1 and session.is_dirty
    (journal,) = journal_files(po)  # the edit moved into this editor's journal
    assert any("MY first" in r.target for r in read_journal(journal).records)
    session.save()
    assert len(_kept_obsolete(po, "MY first sentence is short.")) == 1
    assert journal_files(po) == []


_TEMPLATE_HEAD = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Language: en\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)
_OLD = "Daten im Binärmodus lesen."
_NEW = "Daten im Binärmodus lesen und ausgeben."


def _msgmerged(po: Path, *, translate_new: str = "") -> None:
    """What a template update does to the file: `msgmerge --previous` with the msgid
    reworded (the entry becomes fuzzy with `#| msgid`); ``translate_new``: and then a
    colleague translated the new msgid."""
    pot = po.with_suffix(".pot")
    pot.write_text(
        _TEMPLATE_HEAD + f'msgid "{_NEW}"\nmsgstr ""\n\nmsgid "Keine Daten."\nmsgstr ""\n',
        encoding="utf-8",
    )
    subprocess.run(["msgmerge", "-q", "--previous", "-U", str(po), str(pot)], check=True)
    if translate_new:
        text = po.read_text(encoding="utf-8")
        po.write_text(
            text.replace('msgstr "read data in binary mode"', f'msgstr "{translate_new}"'),
            encoding="utf-8",
        )


@pytest.mark.skipif(not have("msgmerge"), reason="GNU gettext is not installed")
@pytest.mark.parametrize("colleague", ["", "read and write data in binary mode"])
def test_merge_carries_an_edit_to_the_msgid_msgmerge_reworded(
    open_session: Callable[..., EditSession], tmp_path: Path, colleague: str
) -> None:
    """newcomer5 TOP 9: msgmerge reworded the msgid of the entry I was editing; "merge my
    edits" puts my text on the entry msgmerge made of it (fuzzy, under its #| msgid), as the
    git merge driver does, not in a #~ block at the end of the file. If a colleague already
    translated the new msgid, both texts are kept side by side."""
    po = tmp_path / "diff.en.po"
    po.write_text(
        _TEMPLATE_HEAD
        + f'msgid "{_OLD}"\nmsgstr "read data in binary mode"\n\n'
        + 'msgid "Keine Daten."\nmsgstr "No data."\n',
        encoding="utf-8",
    )
    session = open_session(po)
    session.set_target(0, "MY read data in binary mode.")
    _msgmerged(po, translate_new=colleague)
    result = session.merge_from_disk()
    assert result.missing == [] and not session.orphans
    (index,) = [i for i, u in enumerate(session.units) if u.source == _NEW]
    unit = session.units[index]
    assert unit.fuzzy and unit.previous_source == _OLD
    if colleague:
        assert result.conflicts and {c.msgstr[0] for c in unit.conflict} >= {
            "MY read data in binary mode.",
            colleague,
        }
    else:
        assert result.applied == 1 and unit.target == "MY read data in binary mode."
    session.save()
    text = po.read_text(encoding="utf-8")
    assert "#~" not in text and "MY read data" in text
    checked = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], check=False)
    assert checked.returncode == 0


def test_a_note_survives_merge_my_edits_and_a_crash(
    open_session: Callable[..., EditSession], po: Path
) -> None:
    """A translator's note typed (F12) but not saved was dropped by "merge my edits" after
    the file changed on disk, and a crash lost it (the journal did not record notes)."""
    session = open_session(po)
    session.set_notes(0, ["check the number with the author"])
    other = po.read_text(encoding="utf-8").replace("#, fuzzy\n", "", 1)  # saved elsewhere
    po.write_text(other, encoding="utf-8")
    session.merge_from_disk()
    assert session.units[0].notes == ("check the number with the author",)
    session.close()  # the editor dies before saving: its journal stays
    again = open_session(po)
    again.recover()
    assert again.units[0].notes == ("check the number with the author",)
    again.save()
    assert "# check the number with the author\n" in po.read_text(encoding="utf-8")
