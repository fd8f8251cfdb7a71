"""Scoring: parity with sacrebleu (corpus, sentence, signatures, bootstrap), HTER, glossary, CLI."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
import sacrebleu
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.significance import PairedTest

from workbench.adapters import sacrebleu_metrics
from workbench.adapters.documents import text_blocks
from workbench.adapters.po import PoCatalog
from workbench.adapters.sacrebleu_metrics import StatsCache, compute_stats
from workbench.cli import main
from workbench.domain.scoring import (
    LineReference,
    QualityStats,
    corpus_scores,
    paired_bootstrap,
    quality_families,
    sentence_scores,
)
from workbench.domain.units import MtOrigin, Unit
from workbench.services.scoring import ScoreOptions, score_files, score_units

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpora" / "hangzhou-sister-cities"
REFERENCE_MD = CORPUS / "reference.en.md"
GLOSSARY = REPO / "glossaries" / "civic.de-en.tsv"

_END = re.compile(r"(?<=[.!?])([”\"]?)\s+(?=[“\"A-Z])")
_ABBREV = ("U.S.", "St.", "Dr.", "Mr.", "Mrs.")


def english_sentences(text: str) -> list[str]:
    """A test helper: the reference paragraph's sentences (enough for this article)."""
    out, start = [], 0
    for m in _END.finditer(text):
        if text[: m.start()].endswith(_ABBREV):
            continue
        out.append(text[start : m.start()] + m.group(1))
        start = m.end()
    out.append(text[start:])
    return [" ".join(s.split()) for s in out]


def degrade(text: str, seed: int) -> str:
    """A deliberately damaged copy, standing in for an MT draft (not real MT output)."""
    rng = random.Random(seed)
    words = text.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        r = rng.random()
        if r < 0.08 and len(words) > 3:
            i += 1  # dropped word
            continue
        if r < 0.16 and i + 1 < len(words):
            out.extend([words[i + 1], words[i]])  # swapped pair
            i += 2
            continue
        if r < 0.24:
            out.append(words[i].lower())
        elif r < 0.28:
            out.append("the")
        else:
            out.append(words[i])
        i += 1
    return " ".join(out)


def reference_sentences() -> list[list[str]]:
    blocks = text_blocks(REFERENCE_MD.read_text(encoding="utf-8"), markdown=True)
    return [english_sentences(b.text) for b in blocks]


def fill_from_reference(po: Path, mt_seed: int | None = None, review: bool = True) -> list[str]:
    """Fill the sample PO's targets with reference sentences where the counts align.

    With ``mt_seed`` the unit also gets a recorded MT draft: a degraded copy of the
    reference sentence, written through ``PoCatalog.apply`` like the MT step does.
    Returns the filled reference lines in PO order ('' where not filled).
    """
    from workbench.domain.scoring import group_blocks

    catalog = PoCatalog.load(po)
    units = catalog.units()
    by_id: dict[str, str] = {}
    for (_placement, members), sentences in zip(
        group_blocks(units), reference_sentences(), strict=True
    ):
        if len(members) != len(sentences):
            continue
        for k, (member, sentence) in enumerate(zip(members, sentences, strict=True)):
            unit = member
            if mt_seed is not None:
                unit = unit.drafted(
                    degrade(sentence, mt_seed * 1000 + k),
                    MtOrigin("test-degrade", "none", degrade(sentence, mt_seed * 1000 + k)),
                )
            unit = unit.with_target(sentence).confirmed()
            if review:
                unit = unit.reviewed("tester", "2025-01-01T00:00:00Z")
            catalog.apply(unit)
            by_id[unit.id] = sentence
    catalog.save()
    return [by_id.get(u.id, "") for u in units]


@pytest.fixture
def filled_po(sample_po: Path) -> tuple[Path, list[str]]:
    lines = fill_from_reference(sample_po, mt_seed=7)
    return sample_po, lines


# --- parity ---------------------------------------------------------------------------------

EDGE_PAIRS = [
    ("The cat sat on the mat.", "The cat sat on the mat."),
    ("", "Nothing was translated here."),
    ("Ein völlig anderer Satz", "A completely different sentence."),
    ("It 's tokenized .", "It's tokenized."),
    ("Zürich – “quotes” and 1,500 euros…", 'Zurich — "quotes" and 1,500 euros...'),
    ("UPPER lower MiXeD", "upper lower mixed"),
    ("a", "a b c d e f g h"),
]


def _datasets() -> list[tuple[str, list[str], list[str]]]:
    refs = [s for block in reference_sentences() for s in block]
    hyps = [degrade(s, i) for i, s in enumerate(refs)]
    return [
        ("sample article, degraded", hyps, refs),
        ("edge cases", [h for h, _ in EDGE_PAIRS], [r for _, r in EDGE_PAIRS]),
        ("one segment", ["The guests visited Hangzhou."], ["Guests visited the city of Hangzhou."]),
    ]


@pytest.mark.parametrize(
    ("name", "hyps", "refs"), _datasets(), ids=lambda v: v if isinstance(v, str) else ""
)
@pytest.mark.parametrize("parallel", [False, True], ids=["inline", "pool"])
def test_corpus_scores_equal_sacrebleu(
    name: str, hyps: list[str], refs: list[str], parallel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if parallel:
        monkeypatch.setattr(sacrebleu_metrics, "PARALLEL_THRESHOLD", 0)
    stats = compute_stats(
        {f: list(zip(hyps, refs, strict=True)) for f in quality_families()}, workers=2
    )
    ours = corpus_scores(QualityStats(stats["bleu"], stats["chrf_pp"], stats["ter"]))
    bleu = sacrebleu.corpus_bleu(hyps, [refs])
    chrf = sacrebleu.corpus_chrf(hyps, [refs])
    ter = sacrebleu.corpus_ter(hyps, [refs])
    chrf_pp_metric = CHRF(word_order=2)
    chrf_pp = chrf_pp_metric.corpus_score(hyps, [refs])
    assert (ours.bleu, ours.chrf, ours.chrf_pp, ours.ter) == (
        bleu.score,
        chrf.score,
        chrf_pp.score,
        ter.score,
    )
    bleu_metric, chrf_metric, ter_metric = sacrebleu.BLEU(), sacrebleu.CHRF(), sacrebleu.TER()
    for metric in (bleu_metric, chrf_metric, ter_metric):
        metric.corpus_score(hyps, [refs])
    assert ours.signatures == {
        "bleu": str(bleu_metric.get_signature()),
        "chrf": str(chrf_metric.get_signature()),
        "chrf_pp": str(chrf_pp_metric.get_signature()),
        "ter": str(ter_metric.get_signature()),
    }
    assert ours.lines["bleu"] == bleu.format()


@pytest.mark.parametrize(
    ("name", "hyps", "refs"), _datasets(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_sentence_scores_equal_sacrebleu(name: str, hyps: list[str], refs: list[str]) -> None:
    stats = compute_stats({f: list(zip(hyps, refs, strict=True)) for f in quality_families()})
    ours = sentence_scores(QualityStats(stats["bleu"], stats["chrf_pp"], stats["ter"]))
    chrf_pp = CHRF(word_order=2)
    for hyp, ref, s in zip(hyps, refs, ours, strict=True):
        assert s.bleu == sacrebleu.sentence_bleu(hyp, [ref]).score
        assert s.chrf == sacrebleu.sentence_chrf(hyp, [ref]).score
        assert s.chrf_pp == chrf_pp.sentence_score(hyp, [ref]).score
        assert s.ter == sacrebleu.sentence_ter(hyp, [ref]).score


def test_paired_bootstrap_equals_sacrebleu_paired_test() -> None:
    _, refs, _ = None, [s for b in reference_sentences() for s in b], None
    baseline = [degrade(s, 1) for s in refs]
    better = [degrade(s, 2) if i % 3 else s for i, s in enumerate(refs)]
    systems = []
    for hyps in (baseline, better):
        st = compute_stats({f: list(zip(hyps, refs, strict=True)) for f in quality_families()})
        systems.append(QualityStats(st["bleu"], st["chrf_pp"], st["ter"]))
    ours = paired_bootstrap(systems, n_samples=200)
    metrics = {"BLEU": sacrebleu.BLEU(), "chrF2": sacrebleu.CHRF(), "TER": sacrebleu.TER()}
    _, theirs = PairedTest(
        [("a", baseline), ("b", better)], metrics, [refs], test_type="bs", n_samples=200
    )()
    for our_name, their_name in (("bleu", "BLEU"), ("chrf", "chrF2"), ("ter", "TER")):
        for mine, their in zip(ours[our_name], theirs[their_name], strict=True):
            assert not isinstance(their, str)
            assert (mine.score, mine.p_value) == (their.score, their.p_value)
            assert mine.mean == pytest.approx(their.mean) and mine.ci == pytest.approx(their.ci)


# --- cache ------------------------------------------------------------------------------------


def test_cache_is_reused_and_gives_the_same_numbers(tmp_path: Path) -> None:
    refs = [s for b in reference_sentences() for s in b]
    hyps = [degrade(s, 3) for s in refs]
    jobs = {f: list(zip(hyps, refs, strict=True)) for f in quality_families()}
    cold = StatsCache(tmp_path / "c.sqlite3")
    first = compute_stats(jobs, cache=cold)
    cold.close()
    warm = StatsCache(tmp_path / "c.sqlite3")
    second = compute_stats(jobs, cache=warm)
    assert second == first
    assert warm.misses == 0 and warm.hits == cold.misses > 0
    assert type(second["ter"][0][1]) is type(first["ter"][0][1])


def test_broken_cache_file_is_skipped_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    cache = StatsCache(path)
    out = compute_stats({"bleu": [("a b", "a b c")]}, cache=cache)
    assert out["bleu"][0][:2] == [2, 3]
    assert cache.error


# --- files: references, HTER, glossary --------------------------------------------------------


def test_score_sample_against_markdown_and_line_references(
    filled_po: tuple[Path, list[str]], tmp_path: Path
) -> None:
    po, lines = filled_po
    opts = ScoreOptions(cache=None)
    by_paragraph = score_files([po], REFERENCE_MD, options=opts).files[0]
    assert by_paragraph.pairing is not None and by_paragraph.pairing.level == "paragraph"
    # every block aligned in this article, so joining the reference sentences back is exact
    assert by_paragraph.corpus is not None and by_paragraph.corpus.chrf == 100.0
    ref_txt = tmp_path / "ref.txt"
    ref_txt.write_text("\n".join(lines) + "\n", encoding="utf-8")
    by_line = score_files([po], ref_txt, options=opts).files[0]
    assert by_line.pairing is not None and by_line.pairing.level == "segment"
    assert (
        by_line.corpus is not None
        and by_line.corpus.bleu
        == sacrebleu.corpus_bleu(
            [p.hyp for p in by_line.pairs], [[p.ref for p in by_line.pairs]]
        ).score
    )
    # a reference PO keyed by msgctxt/msgid, in a different order
    ref_po = tmp_path / "ref.po"
    catalog = PoCatalog.load(po)
    catalog.replace_units(list(reversed(catalog.units())))
    catalog.save(ref_po)
    keyed = score_files([po], ref_po, options=opts).files[0]
    assert (
        keyed.corpus is not None
        and keyed.corpus.ter == 0.0
        and len(keyed.pairs) == len(by_line.pairs)
    )


def test_hter_on_recorded_mt_drafts_equals_sacrebleu_ter(filled_po: tuple[Path, list[str]]) -> None:
    po, _ = filled_po
    units = PoCatalog.load(po).units()
    with_mt = [u for u in units if u.origin is not None]
    assert with_mt, "the helper records MT drafts through PoCatalog.apply"
    result = score_files([po], options=ScoreOptions(cache=None)).files[0]
    pe = result.post_edit
    assert pe is not None and pe.segments == len(with_mt)
    mt = [u.origin.mt for u in with_mt if u.origin]
    final = [u.target for u in with_mt]
    assert pe.hter == sacrebleu.corpus_ter(mt, [final]).score
    assert pe.chrf == sacrebleu.corpus_chrf(mt, [final]).score
    for u in with_mt:
        assert u.origin is not None
        hter, chrf = result.post_edit_rows[(u.id, u.source)]
        assert hter == sacrebleu.sentence_ter(u.origin.mt, [u.target]).score
        assert chrf == sacrebleu.sentence_chrf(u.origin.mt, [u.target]).score


def test_fuzzy_drafts_do_not_count_as_post_edited() -> None:
    origin = MtOrigin("e", "m", "raw mt text")
    units = [
        Unit("a", "Quelle", "").drafted("raw mt text", origin),
        Unit("b", "Quelle zwei", "")
        .drafted("raw mt", MtOrigin("e", "m", "raw mt"))
        .with_target("final text")
        .confirmed(),
    ]
    files, _ = score_units([("x", units)], None)
    assert files[0].post_edit is not None and files[0].post_edit.segments == 1
    assert set(files[0].post_edit_rows) == {("b", "Quelle zwei")}


GLOSSARY_CASES = [
    # (source, target, occurrences, adhered)
    # the names are do-not-translate terms: kept as they are, they count as adhered
    (
        "Marc Elrich, Landrat von Montgomery County",
        "Marc Elrich, County Executive of Montgomery County",
        3,
        3,
    ),
    (
        "Marc Elrich, Landrat von Montgomery County",
        "Marc Elrich, District Administrator of Montgomery County",
        3,
        2,
    ),
    (
        "Marc Elrich, Landrat von Montgomery County",
        "Mark Elrich, District Administrator of Montgomery",
        3,
        0,
    ),
    ("die Rolle des Landrats", "the role of the County Executive", 1, 1),  # inflected source
    ("Das Landratsamt ist geschlossen.", "The office is closed.", 0, 0),  # compound: not counted
    (
        "Eine Städtepartnerschaft mit der Partnerstadt.",
        "A sister city relationship with the sister city.",
        2,
        2,
    ),
    ("Ohne Fachbegriffe.", "Without terms.", 0, 0),
]


@pytest.mark.parametrize(("source", "target", "occurrences", "adhered"), GLOSSARY_CASES)
def test_glossary_adherence_counts_exact_and_inflected_hits(
    source: str, target: str, occurrences: int, adhered: int
) -> None:
    from workbench.adapters.glossary_files import load_glossaries
    from workbench.domain.glossary import GlossaryMatcher
    from workbench.domain.scoring import glossary_adherence

    matcher = GlossaryMatcher(load_glossaries([GLOSSARY]))
    result = glossary_adherence([Unit("u", source, target)], matcher)
    assert (result.occurrences, result.adhered) == (occurrences, adhered)


BAD_REFERENCES = {"short.txt": "only one line\n", "code.md": "```\ncode\n```\n"}


@pytest.mark.parametrize(
    ("name", "hint"),
    [("short.txt", "one line per segment"), ("code.md", "aligned with the source's blocks")],
)
def test_reference_with_wrong_count_is_a_user_error(
    filled_po: tuple[Path, list[str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    hint: str,
) -> None:
    po, _ = filled_po
    ref = tmp_path / name
    ref.write_text(BAD_REFERENCES[name], encoding="utf-8")
    assert main(["score", str(po), "--reference", str(ref), "--no-cache"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert name in err and hint in err and "Traceback" not in err


def test_a_translation_that_drifted_by_paragraphs_is_aligned_not_refused(
    filled_po: tuple[Path, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A published translation has a paragraph the source lacks and lacks one the source
    has: the blocks are aligned by kind and length, the two are skipped and said, and every
    aligned pair is the right one (the targets were filled from the reference, so a wrong
    pairing would score below 100)."""
    po, _ = filled_po
    paragraphs = REFERENCE_MD.read_text(encoding="utf-8").split("\n\n")
    dropped = paragraphs.pop(3)
    paragraphs.insert(6, "Translator's note: the names of the companies are given as in 2024.")
    drifted = tmp_path / "drifted.en.md"
    drifted.write_text("\n\n".join(paragraphs), encoding="utf-8")
    blocks = len(text_blocks(REFERENCE_MD.read_text(encoding="utf-8"), markdown=True))
    result = score_files([po], drifted, options=ScoreOptions(cache=None)).files[0]
    pairing = result.pairing
    assert pairing is not None and pairing.alignment is not None
    a = pairing.alignment
    assert (a.source_blocks, a.reference_blocks) == (blocks, blocks)
    assert (a.aligned, a.skipped, a.unused) == (blocks - 1, 1, 1)
    assert result.corpus is not None and result.corpus.chrf == 100.0
    assert all(dropped[:40] not in p.ref for p in result.pairs)
    assert main(["score", str(po), "-r", str(drifted), "--no-cache", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["alignment"] == {
        "blocks": blocks, "reference_blocks": blocks, "aligned": blocks - 1, "skipped": 1,
        "reference_unused": 1,
    }  # fmt: skip
    assert main(["score", str(po), "-r", str(drifted), "--no-cache", "--segments", "0"]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert f"{blocks - 1} of {blocks} blocks aligned" in said and "1 without a counterpart" in said


def test_score_without_reference_or_glossary_still_reports(sample_po: Path) -> None:
    files, comparison = score_units([("x", PoCatalog.load(sample_po).units())], None)
    assert files[0].corpus is None and files[0].adherence is None and comparison is None
    assert files[0].states["untranslated"] == len(files[0].units)
    assert LineReference(("a",)).lines == ("a",)


# --- CLI --------------------------------------------------------------------------------------


def test_cli_json_has_the_documented_keys(
    filled_po: tuple[Path, list[str]],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    po, _ = filled_po
    code = main(
        ["score", str(po), "-r", str(REFERENCE_MD), "-g", str(GLOSSARY), "--format", "json"]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    for key in (
        "bleu",
        "chrf",
        "chrf_pp",
        "ter",
        "hter",
        "glossary_adherence",
        "signature",
        "segments",
    ):
        assert key in data
    assert data["signature"]["bleu"].startswith(
        "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:"
    )
    assert data["hter"] is not None and 0 < data["hter"] < 100
    with_mt = [u for u in PoCatalog.load(po).units() if u.origin is not None]
    mt, final = [u.origin.mt for u in with_mt if u.origin], [u.target for u in with_mt]
    assert data["hter"] == sacrebleu.corpus_ter(mt, [final]).score  # full precision in JSON
    assert data["glossary_adherence"] is not None
    assert len(data["segments"]) == sum(data["states"].values())
    assert (tmp_path / "cache" / "workbench" / "segment-stats.sqlite3").exists()


def test_cli_compares_two_versions_with_paired_bootstrap(
    sample_po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    second = tmp_path / "b.po"
    second.write_bytes(sample_po.read_bytes())
    lines = fill_from_reference(sample_po)
    catalog = PoCatalog.load(second)
    for unit, line in zip(catalog.units(), lines, strict=True):
        if line:
            catalog.apply(unit.with_target(degrade(line, 5)).confirmed())
    catalog.save()
    ref = tmp_path / "ref.txt"
    ref.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(
        [
            "score",
            str(sample_po),
            str(second),
            "-r",
            str(ref),
            "--format",
            "json",
            "--no-cache",
            "--samples",
            "100",
            "--no-glossary",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    rows = data["significance"]["metrics"]["bleu"]
    assert rows[0]["p_value"] is None and rows[1]["p_value"] is not None
    assert rows[0]["score"] == pytest.approx(100.0) and rows[1]["score"] < 99.0
    assert (
        main(
            [
                "score",
                str(sample_po),
                str(second),
                "-r",
                str(ref),
                "--format",
                "md",
                "--no-cache",
                "--samples",
                "50",
                "--no-glossary",
            ]
        )
        == 0
    )
    assert "Paired bootstrap" in capsys.readouterr().out


def test_markdown_report_tables_survive_pipes_in_signatures(
    filled_po: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    from markdown_it import MarkdownIt

    po, _ = filled_po
    assert (
        main(
            [
                "score",
                str(po),
                "-r",
                str(REFERENCE_MD),
                "--format",
                "md",
                "--no-cache",
                "--no-glossary",
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    rows: list[int] = []
    for i, tok in enumerate(tokens):
        if tok.type == "tr_open":
            j, cells = i + 1, 0
            while tokens[j].type != "tr_close":
                cells += tokens[j].type in ("td_open", "th_open")
                j += 1
            rows.append(cells)
    assert rows and all(n == 3 for n in rows[: rows.index(3) + 9])
    assert "nrefs:1|case:mixed" in MarkdownIt("commonmark").enable("table").render(text)


GETTEXT_PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"

msgid "Datei nicht gefunden"
msgstr "{0}"

msgid "Verzeichnis kann nicht angelegt werden: ein sehr langer Text, der gekürzt wird"
msgstr "{1}"

msgid "Fertig"
msgstr "{2}"
"""


def test_catalogues_without_msgctxt_name_segments_by_line_and_msgid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ordinary gettext catalogues have no msgctxt: each segment is named by its PO line and
    the start of its msgid, and scored on its own (not all under one empty id)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    hyp = tmp_path / "hyp.po"
    ref = tmp_path / "ref.po"
    hyp.write_text(GETTEXT_PO.format("File not found", "Cannot make folder", "Done"), "utf-8")
    ref.write_text(
        GETTEXT_PO.format("File not found", "Cannot create directory: a very long text", "Done"),
        "utf-8",
    )
    assert main(["score", str(hyp), "-r", str(ref), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = [(s["id"], s["line"], s["label"], s["chrf"]) for s in data["segments"]]
    assert [r[:3] for r in rows] == [
        ("", 6, "line 6: Datei nicht gefunden"),
        ("", 9, "line 9: Verzeichnis kann nicht angelegt werden:…"),
        ("", 12, "line 12: Fertig"),
    ]
    assert rows[0][3] == rows[2][3] == 100.0 and rows[1][3] < 50  # each its own score
    assert main(["score", str(hyp), "-r", str(ref)]) == 0
    table = capsys.readouterr().out
    worst = table[table.index("lowest chrF") :]
    assert worst.index("line 9: Verzeichnis") < worst.index("line 6: Datei nicht")
