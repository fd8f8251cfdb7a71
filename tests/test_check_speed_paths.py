"""The fast paths of `workbench check` give exactly what the plain definitions give.

The glossary checks share one source scan per unit; these tests hold the fast paths to
the slow ones: the same findings, the same source hits. (PO reading has one reader, held
to GNU gettext in tests/test_po_gettext.py.)
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.conftest import CORPUS, REPO
from workbench.adapters.glossary_files import load_glossary
from workbench.adapters.po import PoCatalog
from workbench.domain.checks import CheckContext, CheckSuite
from workbench.domain.glossary.forms import SEPARATOR_CHARS, german_term_patterns, normalize
from workbench.domain.glossary.matching import GlossaryMatcher, SourceHit
from workbench.domain.glossary.model import Concept, Glossary, Term, TermStatus
from workbench.domain.units import Unit, Waiver

# --- glossary checks: the grouped checks against the plain definition ---------------------


def _first_per_concept(hits: Iterable[SourceHit]) -> list[SourceHit]:
    seen: dict[int, SourceHit] = {}
    for hit in hits:
        seen.setdefault(id(hit.concept), hit)
    return list(seen.values())


def _reference_satisfied(matcher: GlossaryMatcher, concept: Concept, text: str) -> bool:
    """What ``satisfied`` means: some preferred/admitted target is found in the text, with
    the exact case where the row asks for it (and for a dnt source), else its capitals."""
    return bool(text) and any(
        matcher.find_target(
            t,
            text,
            True
            if (concept.is_dnt and t == concept.source) or concept.target_case_sensitive(t)
            else None,
        )
        for t in concept.preferred_targets
    )


Problems = dict[str, list[tuple[str, str]]]


def _reference_problems(matcher: GlossaryMatcher, source: str, target: str) -> Problems:
    """The glossary checks' findings as their docstrings define them: (check, term, bad)."""
    if not target.strip():
        return {}
    hits = matcher.source_hits(source)
    enforced = {id(h.concept) for h in hits if h.enforced}
    out: Problems = {}
    for hit in _first_per_concept(h for h in hits if h.enforced and not h.concept.is_dnt):
        c = hit.concept
        if c.preferred_targets and not _reference_satisfied(matcher, c, target):
            out.setdefault("glossary", []).append((c.source, hit.text))
    for hit in _first_per_concept(hits):
        for bad in matcher.forbidden_hits(hit.concept, target):
            out.setdefault("forbidden", []).append((hit.concept.source, bad.text))
    for hit in _first_per_concept(h for h in hits if h.enforced and h.concept.is_dnt):
        if not _reference_satisfied(matcher, hit.concept, target):
            out.setdefault("dnt", []).append((hit.concept.source, ""))
    compounds = (h for h in hits if not h.enforced and id(h.concept) not in enforced)
    for hit in _first_per_concept(compounds):
        c = hit.concept
        if c.preferred_targets and not _reference_satisfied(matcher, c, target):
            out.setdefault("glossary-compound", []).append((c.source, hit.text))
    return out


def _glossary_cases(tmp_path: Path) -> list[tuple[Glossary, list[tuple[str, str]]]]:
    from bench.glossary import build_segments, build_terms, write_fixture

    glossary_path, _po = write_fixture(tmp_path, terms=400, segments=10)
    rows = build_terms(400)
    pairs = build_segments(rows, 1_500)
    tricky = [
        ("Der Landrat sprach.", "county executive spoke. County Executive's office."),
        ("Der Landrat sprach.", "“County Executives’ offices” and County-Executive."),
        ("Der Landrat sprach.", "Said: county Executive"),
        ("Der Landrat sprach.", "the 'County Executive' and 'county executive'"),
        ("Der Landrat sprach.", "ex\u2011County Executive, County Executive\u2013led"),
        ("DeepSeek und Deepseek", "deepseek. DeepSeek-based DeepSeeks"),
        ("Die Städtepartnerschaft", "Sister city partnerships; sister-city partnership"),
        ("Die Städtepartnerschaft", "the sister city partnership's town twinning"),
        ("Der Landratsamt-Chef", "the County Executive office"),
    ]
    civic = load_glossary(REPO / "glossaries" / "civic.de-en.tsv")
    corpus = [(u.source, u.target) for u in _corpus_units()]
    cased = Glossary.from_terms(
        [
            Term("iPhone", "", TermStatus.DNT, case_sensitive=True),
            Term("pH-Wert", "pH value", TermStatus.PREFERRED, case_sensitive=True),
            Term("pH-Wert", "PH level", TermStatus.FORBIDDEN),
            Term("Landrat", "County Executive", TermStatus.PREFERRED),
        ]
    )
    cased_pairs = [
        ("Das iPhone und der pH-Wert.", text)
        for text in (
            "IPhone. The pH value",
            "An iPhone's pH values' PH level",
            "He said: “IPhone”… pH Value? ph value. The Ph values",
            "(iPhone) iphone-iPhone iPhones; PH level of the pH level",
        )
    ]
    return [
        (load_glossary(glossary_path), pairs),
        (civic, corpus + tricky + [(de, en) for de, en in pairs[:300]]),
        (cased, cased_pairs),
    ]


def _corpus_units() -> list[Unit]:
    path = CORPUS / "hangzhou-sister-cities.en.po"
    return PoCatalog.load(path).units() if path.is_file() else []


def test_glossary_checks_find_what_their_definition_finds(tmp_path: Path) -> None:
    ids = ("glossary", "forbidden", "dnt", "glossary-compound")
    total = 0
    for glossary, pairs in _glossary_cases(tmp_path):
        matcher = GlossaryMatcher(glossary)
        context = CheckContext(matcher=matcher)
        suite = CheckSuite(ids)
        for i, (source, target) in enumerate(pairs):
            for text in (target, target.lower(), target.upper()):
                found: dict[str, list[str]] = {}
                for f in suite.check_unit(Unit(f"u{i}", source, text), context):
                    found.setdefault(f.check, []).append(f.term)
                expected = _reference_problems(matcher, source, text)
                assert found == {k: [t for t, _ in v] for k, v in expected.items()}, (source, text)
                total += sum(len(v) for v in found.values())
                for hit in matcher.source_hits(source):
                    assert matcher.satisfied(hit.concept, text) == _reference_satisfied(
                        matcher, hit.concept, text
                    )
    assert total > 500  # the cases do exercise every check


# --- source hits: the automaton's scan against a plain search for every spelling ---------

_WORD = re.compile(r"[^\W_]*")
_SEPARATORS = re.compile("[" + re.escape(SEPARATOR_CHARS) + "]+")
_HYPHENS = "-\u2010\u2011\u2012\u2013"


class _Spelt(NamedTuple):
    """One spelling of a concept's term, from the public surface-form generator."""

    concept: int
    key: str  # normalised stem
    endings: frozenset[str]
    tail: str  # normalised
    exact: str | None
    capital: bool
    verbatim: str | None  # case-sensitive terms: the stem as written, single spaces


def _spelt(glossary: Glossary) -> dict[str, list[_Spelt]]:
    """Every stem the matcher looks for, with its spellings (a concept's own spelling
    first), as the docstrings of the matcher and of ``german_term_patterns`` define them."""
    table: dict[str, list[_Spelt]] = {}
    for index, concept in enumerate(glossary.concepts):
        for base in (concept.source, *concept.variants):
            for p in german_term_patterns(base, inflect=not concept.is_dnt):
                key = normalize(p.key)
                verbatim = " ".join(_SEPARATORS.split(p.key.strip()))
                spelling = _Spelt(
                    index,
                    key,
                    p.endings,
                    normalize(p.tail),
                    p.exact_ending,
                    base[:1].isupper(),
                    verbatim if concept.case_sensitive else None,
                )
                same = table.setdefault(key, [])
                if spelling not in same:
                    same.append(spelling)
    for same in table.values():
        same.sort(key=lambda s: s.exact is None)
    return table


def _decide(  # noqa: PLR0911 - one return per rule
    s: _Spelt, text: str, norm: str, start: int
) -> tuple[int, int, str] | None:
    """What a stem found at ``start`` is, by the rules: (start, end, kind) or None."""
    n = len(text)
    stem_end = start + len(s.key)
    rest_end = _WORD.match(text, stem_end).end()  # type: ignore[union-attr]
    rest = norm[stem_end:rest_end]
    inside = start > 0 and text[start - 1].isalnum()
    if s.capital and not inside and not text[start].isupper():
        return None
    if s.verbatim is not None and " ".join(_SEPARATORS.split(text[start:stem_end])) != s.verbatim:
        return None
    if inside:  # only the tail of a closed compound: Jugend|kulturmuseum
        closed = " " not in s.key and len(s.key) >= 4 and not s.tail
        letters_before = start >= 3 and text[start - 3 : start].isalnum()
        if closed and letters_before and len(rest) <= 5 and rest in s.endings:
            return start, rest_end, "compound"
        return None
    if rest in s.endings:
        end = rest_end
        if s.tail:
            if not norm.startswith(s.tail, end):
                return None
            end += len(s.tail)
            if end < n and text[end].isalnum():
                return None
        hyphenated = (start >= 2 and text[start - 1] in _HYPHENS and text[start - 2].isalnum()) or (
            end + 1 < n and text[end] in _HYPHENS and text[end + 1].isalnum()
        )
        if hyphenated:
            return start, end, "compound"
        return start, end, "exact" if rest == s.exact else "inflected"
    # the head of a closed compound: Landrat|s|amt, the longest ending that leaves a word
    joints = [e for e in s.endings if rest.startswith(e) and len(rest) - len(e) >= 3]
    if s.tail or len(s.key) < 4 or not joints:
        return None
    return start, stem_end + len(max(joints, key=len)), "compound"


def _reference_source_hits(
    glossary: Glossary, table: dict[str, list[_Spelt]], text: str
) -> list[SourceHit]:
    """Every occurrence of every stem (``str.find``) decided by the first spelling that
    places it; overlaps: the longest, then an enforced kind, then the earliest wins."""
    norm = normalize(text)
    found = []
    for key, spellings in table.items():
        start = norm.find(key)
        while start >= 0:
            for s in spellings:
                decided = _decide(s, text, norm, start)
                if decided is not None:
                    found.append((*decided, s.concept))
                    break
            start = norm.find(key, start + 1)
    found.sort(key=lambda f: (f[0] - f[1], f[2] == "compound", f[0], f[1], f[2], f[3]))
    kept: list[tuple[int, int, str, int]] = []
    for f in found:
        if all(f[1] <= k[0] or k[1] <= f[0] for k in kept):
            kept.append(f)
    concepts = glossary.concepts
    return [SourceHit(concepts[c], s, e, text[s:e], k) for s, e, k, c in sorted(kept)]  # type: ignore[arg-type]


def _variants(words: list[str]) -> list[str]:
    out = []
    for w in words:
        out += [w, w + "s", w + "en", w + "amt", "Jugend" + w.lower(), w + "-Konferenz"]
        out += ["Vize-" + w, w.lower(), w.upper(), "Ex" + w.lower() + "e"]
    return out


def test_source_hits_are_what_deciding_every_match_gives(tmp_path: Path) -> None:
    from bench.glossary import build_segments, build_terms

    rows = build_terms(400)
    glossary = Glossary.from_terms(
        [
            *(Term(s, t, TermStatus(st)) for s, t, st in rows),
            Term("NaN-Wert", "NaN value", TermStatus.PREFERRED, case_sensitive=True),
            Term("GmbH", "", TermStatus.DNT, case_sensitive=True),
        ]
    )
    matcher = GlossaryMatcher(glossary)
    table = _spelt(glossary)
    texts = [de for de, _en in build_segments(rows, 600)]
    words = _variants([s for s, _t, _st in rows[:120]] + ["NaN-Wert", "GmbH", "Landrat"])
    rng = random.Random(7)
    for _ in range(600):
        texts.append(" ".join(rng.choice(words) for _ in range(rng.randint(1, 8))))
    texts += ["Nan-Wert und NaN-Werte", "ExGmbH GmbHs", "Kulturstadtratsamt-Chef"]
    texts += ["", "-Landrat", "Landrat-", "\nLandrat\n", "Landrat\nLandrat", "Rat"]
    hits = 0
    expected = [_reference_source_hits(glossary, table, text) for text in texts]
    for text, wanted in zip(texts, expected, strict=True):
        assert matcher.source_hits(text) == wanted, text
        hits += len(wanted)
    assert hits > 1000
    assert matcher.source_hits_many(texts) == expected
    for size in (1, 2, 3, 7):  # batches ending and starting anywhere
        for i in range(0, 60, size):
            assert matcher.source_hits_many(texts[i : i + size]) == expected[i : i + size]
    assert matcher.source_hits_many([]) == []
    # one long text (hundreds of overlapping candidates): the same hits, shifted
    joiner = " | "
    shifted, position = [], 0
    for text, wanted in zip(texts, expected, strict=True):
        shifted += [h._replace(start=h.start + position, end=h.end + position) for h in wanted]
        position += len(text) + len(joiner)
    long_hits = matcher.source_hits(joiner.join(texts))
    assert len(long_hits) == hits
    assert long_hits == shifted


def test_compound_joints_are_the_longest_ending_that_leaves_a_word() -> None:
    rng = random.Random(3)
    for source in ("Landrat", "Hafen", "Stiftung", "Museum", "Messe"):
        glossary = Glossary.from_terms([Term(source, "x", TermStatus.PREFERRED)])
        matcher = GlossaryMatcher(glossary)
        (concept,) = glossary.concepts
        for pattern in german_term_patterns(source):
            stem, endings = pattern.key, pattern.endings
            for _ in range(300):
                rest = "".join(rng.choice("sener") for _ in range(rng.randint(0, 8)))
                if rest in endings:
                    continue  # not a compound head
                text = f"x {stem}{rest} y"
                joint = max(
                    (e for e in endings if rest.startswith(e) and len(rest) - len(e) >= 3),
                    key=len,
                    default=None,
                )
                hits = matcher.source_hits(text)
                if len(rest) < 3 or joint is None:
                    assert hits == [], text
                else:
                    end = 2 + len(stem) + len(joint)
                    compound = SourceHit(concept, 2, end, text[2:end], "compound")  # type: ignore[arg-type]
                    assert hits == [compound], text


@pytest.mark.parametrize(
    "ids",
    [
        ("glossary", "forbidden", "dnt", "glossary-compound"),
        ("dnt", "numbers", "glossary", "forbidden", "double-words"),
        ("glossary-compound", "glossary"),
        ("forbidden",),
    ],
)
def test_a_suite_finds_what_its_checks_find_one_by_one(ids: tuple[str, ...]) -> None:
    from workbench.domain.checks import CHECKS, Check
    from workbench.domain.checks.base import apply_waivers

    civic = load_glossary(REPO / "glossaries" / "civic.de-en.tsv")
    context = CheckContext(matcher=GlossaryMatcher(civic))
    units = [u for u in _corpus_units() if u.target.strip()]
    if not units:
        pytest.skip("the sample corpus PO is not there yet")
    waived = [
        Unit("w1", "Der Landrat kam.", "The district administrator came.", waivers=()),
        Unit(
            "w2",
            "Der Landrat kam. Es kamen 1.500 Gäste.",
            "The district administrator came. 1.500 guests came.",
            waivers=(Waiver("forbidden", "quoted", "Landrat"), Waiver("numbers", "fine")),
        ),
        Unit("w3", "DeepSeek und der Landrat", "Deepseek and the the county executive"),
    ]
    located = [("a.po", u) for u in units] + [("b.po", u) for u in waived]
    checks = [CHECKS[i]() for i in ids]
    expected = []
    for file, unit in located:
        alone = [
            f for c in checks if isinstance(c, Check) for f in c.check_unit(unit, context, file)
        ]
        expected += apply_waivers(unit, alone)
    fresh = CheckContext(matcher=context.matcher)
    assert CheckSuite(ids).check_units(located, fresh) == expected
    assert any(f.waived for f in expected) or "forbidden" not in ids
    assert {f.check for f in expected} >= {"glossary", "forbidden"} & set(ids)
