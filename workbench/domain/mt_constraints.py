"""Glossary and markup constraints on machine translation: protect before, restore after.

An NMT model does not know the project's terminology and mangles markup. Before MT, a segment
is *prepared*: each do-not-translate term and each term with a preferred target becomes a
placeholder (``{1}``, ``{2}`` …: brace placeholders are everywhere in the localisation data
MT models are trained on, so models copy them), markup (tags, URLs, printf/format
placeholders, inline code) stays as it is. After MT, the output is *enforced* whatever the
model emitted:

- each placeholder the model kept becomes the term in the right English form (the preferred
  target, plural where the German is plural, possessive where the German genitive stands
  before its noun or the model wrote ``{1}'s``; a dnt term as the source spells it); a
  placeholder the model dropped is inserted at the place matching the term's place in the
  source (between the terms the model did place), a copy it repeated is dropped;
- every verbatim span (markup) appears as often as in the source: a near miss is replaced, a
  missing one is inserted;
- every forbidden rendering of a concept found in the source is replaced by the preferred
  target (the engine also keeps them out while decoding, see :func:`forbidden_renderings`).

So every preferred and do-not-translate occurrence is in the draft, on any model. Two other
ways to hand terms to the model stay selectable (:class:`TermMode`): ``inject`` writes the
preferred English words into the German input, ``source`` leaves it untouched; both then
repair a near miss or insert the term. :func:`kept` counts what a model output already
satisfies, so the drafting service can choose among n-best hypotheses.

Each segment gets a list of :class:`TermRecord` saying what was enforced and how, which the
drafting service stores in the draft's ``wb:origin`` comment. The glossary is used through the
small protocols below (the glossary engine's matcher fulfils them), so this module stays pure.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Literal, Protocol

from rapidfuzz import fuzz

from workbench.domain.glossary.forms import english_plural
from workbench.domain.tags import PRINTF, inline_pairs_in_order
from workbench.domain.term_inflection import english_form, german_occurrence

if TYPE_CHECKING:
    from workbench.domain.glossary.matching import SourceHit, TargetHit
    from workbench.domain.glossary.model import Concept

#: Markup kept verbatim: tags, URLs, e-mail, printf/format placeholders, inline code, entities.
MARKUP = re.compile(
    r"</?[A-Za-z][^<>]*>"  # HTML/XML tags
    r"|https?://[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]"  # URLs (no trailing punctuation)
    r"|[\w.+-]+@[\w-]+\.[\w.-]+\w"  # e-mail addresses
    rf"|{PRINTF}"  # printf placeholders: %s, %(name)s, %1$s (not "50 % der")
    r"|\{[A-Za-z_0-9.:\[\]]*\}"  # {name}, {0}, {x:>3}
    r"|`[^`\n]+`"  # inline code
    r"|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);"  # entities
)

#: Near-miss repair needs at least this similarity (0-100) and this many characters.
NEAR_MISS_SCORE = 80.0
NEAR_MISS_MIN_CHARS = 4
#: A placeholder as the model may write it back: ``{3}``, ``{ 3 }``.
PLACEHOLDER = re.compile(r"\{\s*(\d{1,3})\s*\}")
#: What may follow a placeholder to make it possessive: ``{1}'s``, ``{1} ’s``, ``{1}'``.
_POSSESSIVE_AFTER = re.compile(r"\s?['’]s?\b|\s?['’](?=\s|$)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+)[\"'“‘„(\[*_]*$")


class TermMode(StrEnum):
    """How glossary terms reach the model (the output is enforced the same way after)."""

    #: A placeholder the model copies; the right English form is put in after MT.
    PLACEHOLDER = "placeholder"
    #: The preferred English words written into the German input.
    INJECT = "inject"
    #: The source as written.
    SOURCE = "source"


class MatcherLike(Protocol):
    """The glossary matcher: source hits, target checks, forbidden hits."""

    def source_hits(self, text: str) -> Sequence[SourceHit]: ...

    def satisfied(self, concept: Concept, target_text: str) -> bool: ...

    def find_target(self, target_term: str, text: str) -> Sequence[TargetHit]: ...

    def forbidden_hits(self, concept: Concept, text: str) -> Sequence[TargetHit]: ...


#: What a requirement keeps in the output: a do-not-translate term, inline markup, or a
#: preferred target.
RequirementKind = Literal["dnt", "markup", "preferred"]
#: What enforcement did for one requirement (see :class:`TermRecord`).
EnforcementStatus = Literal["ok", "repaired", "inserted", "replaced", "missing"]


@dataclass(frozen=True)
class Requirement:
    """One thing the output must satisfy, found in the source.

    ``text`` is what the target must hold: markup verbatim, a dnt term as the source spells
    it, a preferred target in the English form the German occurrence asks for (plural,
    possessive). ``placeholder`` is what the model input holds instead (empty: the text
    itself); ``plural`` and ``possessive`` say which form ``text`` is, so the form can be
    rebuilt when the model itself writes a possessive after the placeholder.
    """

    kind: RequirementKind
    text: str
    source_text: str  # what the source said
    position: float  # where in the source, 0..1, for insertion
    concept: Concept | None = None
    placeholder: str = ""
    base: str = ""  # the preferred target or dnt term in its base form
    plural: bool = False
    possessive: bool = False

    def form(self, possessive: bool) -> str:
        """The text, made possessive (or not) as the target's context asks."""
        if self.kind == "markup" or possessive == self.possessive:
            return self.text
        return english_form(self.base, self.plural, possessive)


@dataclass(frozen=True)
class Prepared:
    """A segment ready for MT: the model's input and what its output must satisfy."""

    source: str
    mt_input: str
    requirements: tuple[Requirement, ...]
    concepts: tuple[Concept, ...] = ()  # every concept hit in the source (for forbidden checks)


@dataclass(frozen=True)
class TermRecord:
    """What enforcement did for one requirement.

    ``status``: ``ok`` (the model got it right), ``repaired`` (a near miss was corrected),
    ``inserted`` (missing, put in), ``replaced`` (a forbidden rendering was swapped),
    ``missing`` (could not be enforced: recorded, not invented).
    """

    kind: RequirementKind | Literal["forbidden"]
    term: str
    status: EnforcementStatus
    detail: str = ""

    @property
    def enforced(self) -> bool:
        return self.status != "missing"

    def as_dict(self) -> dict[str, str]:
        out = {"kind": self.kind, "term": self.term, "status": self.status}
        if self.detail:
            out["detail"] = self.detail
        return out


@dataclass(frozen=True)
class Enforced:
    """The repaired output and the records of what was done."""

    target: str
    records: tuple[TermRecord, ...] = field(default_factory=tuple)

    @property
    def summary(self) -> str:
        """A short line for the ``wb:origin`` glossary field, e.g. ``3/4 enforced; missing: X``."""
        if not self.records:
            return "no terms"
        done = [r for r in self.records if r.enforced]
        changed = Counter(r.status for r in done if r.status != "ok")
        text = f"{len(done)}/{len(self.records)} enforced"
        if changed:
            text += " (" + ", ".join(f"{n} {s}" for s, n in sorted(changed.items())) + ")"
        missing = [r.term for r in self.records if not r.enforced]
        if missing:
            text += "; not enforceable: " + ", ".join(missing)
        return text


# --- preparing ------------------------------------------------------------------------


def markup_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of markup that must come through MT unchanged."""
    return [(m.start(), m.end()) for m in MARKUP.finditer(text)]


def prepare(
    source: str, matcher: MatcherLike | None = None, mode: TermMode | str = TermMode.PLACEHOLDER
) -> Prepared:
    """Find what the output must satisfy and build the model input (see :class:`TermMode`)."""
    mode = TermMode(mode)
    length = max(len(source), 1)
    requirements: list[Requirement] = []
    taken: list[tuple[int, int]] = []
    for start, end in markup_spans(source):
        requirements.append(
            Requirement("markup", source[start:end], source[start:end], start / length)
        )
        taken.append((start, end))
    replacements: list[tuple[int, int, str]] = []
    concepts: list[Concept] = []
    hits = (
        sorted(matcher.source_hits(source), key=lambda h: (h.start, -(h.end - h.start)))
        if matcher
        else []
    )
    numbers = _free_numbers(source)
    for hit in hits:
        if not hit.enforced:
            continue  # a term inside a longer word is information only, not enforced
        if any(hit.start < e and s < hit.end for s, e in taken):
            continue  # inside markup or overlapping a longer term found first
        taken.append((hit.start, hit.end))
        concepts.append(hit.concept)
        req = _term_requirement(source, hit.start, hit.end, hit.concept)
        if req is None:
            continue  # a concept with forbidden renderings only
        if mode is TermMode.PLACEHOLDER:
            req = replace(req, placeholder=f"{{{next(numbers)}}}")
            replacements.append((hit.start, hit.end, req.placeholder))
        elif mode is TermMode.INJECT and req.kind == "preferred":
            replacements.append((hit.start, hit.end, req.text))
        requirements.append(req)
    mt_input = source
    for start, end, text in sorted(replacements, reverse=True):
        mt_input = mt_input[:start] + text + mt_input[end:]
    requirements.sort(key=lambda r: r.position)
    return Prepared(source, mt_input, tuple(requirements), tuple(concepts))


def _free_numbers(source: str) -> Iterator[int]:
    """Placeholder numbers 1, 2, … that the source does not already use as ``{n}``."""
    used = {int(m.group(1)) for m in PLACEHOLDER.finditer(source)}
    return (n for n in itertools.count(1) if n not in used)


def _term_requirement(source: str, start: int, end: int, concept: Concept) -> Requirement | None:
    """What one term occurrence asks of the target, in the English form the German asks for."""
    surface = source[start:end]
    bases = (concept.source, *concept.variants)
    base = max(bases, key=lambda b: _common_prefix(b.casefold(), surface.casefold()))
    occurrence = german_occurrence(surface, base, source[:start], source[end:], concept.is_dnt)
    position = start / max(len(source), 1)
    if concept.is_dnt:
        name = surface
        if occurrence.genitive and surface[-1:] == "s" and base[-1:] != "s":
            name = surface[:-1]  # Marc Elrichs → Marc Elrich('s)
        text = name + "'s" if occurrence.prenominal else name
        return Requirement(
            "dnt", text, surface, position, concept, base=name, possessive=occurrence.prenominal
        )
    if not concept.preferred_targets:
        return None
    target = concept.preferred_targets[0]
    return Requirement(
        "preferred",
        english_form(target, occurrence.plural, occurrence.prenominal),
        surface,
        position,
        concept,
        base=target,
        plural=occurrence.plural,
        possessive=occurrence.prenominal,
    )


def _common_prefix(a: str, b: str) -> int:
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def forbidden_renderings(prepared: Prepared) -> tuple[str, ...]:
    """Forbidden renderings of the source's concepts, in the spellings a model may write.

    Singular and plural, lower case, a sentence-initial capital and title case; a rendering
    that is part of an accepted target of the same concept is left out (it cannot be banned
    without banning the accepted one). The engine bans every tokenisation of each.
    """
    out: dict[str, None] = {}
    for concept in _unique_concepts(prepared.concepts):
        accepted = [t.casefold() for t in concept.preferred_targets]
        for rendering in concept.forbidden_targets:
            if any(rendering.casefold() in a for a in accepted):
                continue
            head, sep, last = rendering.rpartition(" ")
            plurals = [head + sep + p for p in english_plural(last)] if last[:1].isalpha() else []
            for form in (rendering, *plurals):
                for spelled in (form, form.lower(), form[:1].upper() + form[1:], form.title()):
                    out.setdefault(spelled, None)
    return tuple(out)


def kept(prepared: Prepared, output: str, matcher: MatcherLike | None = None) -> int:
    """How many requirements a raw model output already satisfies, less forbidden renderings.

    The drafting service asks this of each n-best hypothesis and keeps the best one (ties go
    to the model's own ranking), so fewer terms need to be inserted.
    """
    markers = Counter(f"{{{m.group(1)}}}" for m in PLACEHOLDER.finditer(output))
    score = 0
    for req in prepared.requirements:
        if req.placeholder:
            score += markers[req.placeholder] == 1
        elif req.kind == "preferred":
            score += _satisfied(matcher, req, output)
        else:
            score += req.text in output
    if matcher is not None:
        for concept in _unique_concepts(prepared.concepts):
            if concept.forbidden_targets:
                score -= len(matcher.forbidden_hits(concept, output))
    return score


# --- enforcing ------------------------------------------------------------------------


def enforce(prepared: Prepared, mt_output: str, matcher: MatcherLike | None = None) -> Enforced:
    """Repair ``mt_output`` so it satisfies ``prepared``'s requirements; record each action.

    In this order: the placeholders' terms, the verbatim spans (dnt terms the model saw as
    words, markup; then inline tag pairs put in order), forbidden renderings, preferred
    targets the model saw as words. Later steps leave alone what earlier ones put in.
    """
    target, records = _fill_placeholders(prepared, mt_output, matcher)
    placed = [r.text for r in prepared.requirements if r.placeholder]
    verbatim = [
        r for r in prepared.requirements if r.kind in ("dnt", "markup") and not r.placeholder
    ]
    needed = Counter([*placed, *(r.text for r in verbatim)])
    terms = _unique_concepts([r.concept for r in prepared.requirements])

    def protect(text: str) -> list[tuple[int, int]]:
        return _protected(text, needed) + _term_spans(matcher, terms, text)

    target, done = _verbatim_spans(target, verbatim, protect)
    records += done
    target, turned = inline_pairs_in_order(target)
    records.extend(
        TermRecord("markup", tag, "repaired", "closed before it opened") for tag in turned
    )
    if matcher is not None:
        target, done = _without_forbidden(target, prepared.concepts, matcher, needed)
        records += done
    target, done = _preferred_words(target, prepared.requirements, matcher, protect)
    return Enforced(target, tuple(records + done))


def _verbatim_spans(
    target: str, verbatim: list[Requirement], protect: Callable[[str], list[tuple[int, int]]]
) -> tuple[str, list[TermRecord]]:
    """Each dnt term and markup span as often as the source has it: present, or put in."""
    records: list[TermRecord] = []
    seen: Counter[str] = Counter()
    for req in verbatim:
        seen[req.text] += 1
        have = _count(target, req.text)
        if have >= seen[req.text]:
            records.append(TermRecord(req.kind, req.text, "ok"))
            continue
        target, status = _put_verbatim(target, req, protect(target))
        records.append(TermRecord(req.kind, req.text, status))
    return target, records


def _without_forbidden(
    target: str, concepts: Sequence[Concept], matcher: MatcherLike, needed: Counter[str]
) -> tuple[str, list[TermRecord]]:
    """Forbidden renderings of the source's concepts, replaced by the preferred target."""
    records: list[TermRecord] = []
    for concept in _unique_concepts(concepts):
        if not concept.forbidden_targets:
            continue
        target, record = _replace_forbidden(target, concept, matcher, _protected(target, needed))
        if record is not None:
            records.append(record)
    return target, records


def _preferred_words(
    target: str,
    requirements: Sequence[Requirement],
    matcher: MatcherLike | None,
    protect: Callable[[str], list[tuple[int, int]]],
) -> tuple[str, list[TermRecord]]:
    """Preferred targets the model saw as words (inject, source): present (as often as in
    the source), repaired from a near miss, or inserted."""
    records: list[TermRecord] = []
    seen_concepts: Counter[int] = Counter()
    for req in requirements:
        if req.kind != "preferred" or req.placeholder:
            continue
        seen_concepts[id(req.concept)] += 1
        if _occurrences(matcher, req, target) >= seen_concepts[id(req.concept)]:
            records.append(TermRecord("preferred", req.text, "ok"))
            continue
        before = _occurrences(matcher, req, target)
        repaired = _near_miss_replace(target, req.text, protect(target))
        if repaired is not None and _occurrences(matcher, req, repaired) > before:
            target = repaired
            records.append(TermRecord("preferred", req.text, "repaired"))
            continue
        target = _insert_at(target, req.text, req.position, protect(target))
        if _occurrences(matcher, req, target) > before:
            records.append(TermRecord("preferred", req.text, "inserted"))
        else:
            records.append(TermRecord("preferred", req.text, "missing", f"for {req.source_text!r}"))
    return target, records


def _fill_placeholders(
    prepared: Prepared, output: str, matcher: MatcherLike | None = None
) -> tuple[str, list[TermRecord]]:
    """Put each placeholder's term in; insert the ones the model dropped, drop invented ones.

    A placeholder the model kept becomes the term's form (possessive when the model wrote
    ``{1}'s``; capitalised at a sentence start unless the term is case-sensitive). One the
    model dropped goes in at its source position, kept between the terms placed before and
    after it in the source, unless the model wrote the term in words often enough; a
    repeated or invented one is removed with its space.
    """
    slots = {r.placeholder: r for r in prepared.requirements if r.placeholder}
    if not slots:
        return output, []
    target, spans = _put_terms(prepared.source, output, slots)
    return _insert_dropped(prepared, target, spans, list(slots.values()), matcher)


def _put_terms(
    source: str, output: str, slots: dict[str, Requirement]
) -> tuple[str, dict[str, tuple[int, int]]]:
    """The output with each kept placeholder replaced by its term's form (repeated and
    invented ones removed with a space), and where each placed term now stands."""
    literal = {m.group() for m in PLACEHOLDER.finditer(source)}
    spans: dict[str, tuple[int, int]] = {}
    built = ""
    last = 0
    for m in PLACEHOLDER.finditer(output):
        key = f"{{{m.group(1)}}}"
        req = slots.get(key)
        if req is None and m.group() in literal:
            continue  # the source's own {0}: markup, checked as such
        built += output[last : m.start()]
        last = m.end()
        if req is None or key in spans:
            if built.endswith(" ") and output[last : last + 1] in (" ", ""):
                last += output[last : last + 1] == " "  # dropped with one of its spaces
            if built.endswith(" ") and (last == len(output) or output[last] in ".,;:!?)"):
                built = built[:-1]
            continue
        after = _POSSESSIVE_AFTER.match(output, last)
        text = cased_for(req, req.form(req.possessive or after is not None), built)
        if after is not None:
            last = after.end()
        spans[key] = (len(built), len(built) + len(text))
        built += text
    return built + output[last:], spans


def _insert_dropped(
    prepared: Prepared,
    target: str,
    spans: dict[str, tuple[int, int]],
    ordered: list[Requirement],
    matcher: MatcherLike | None,
) -> tuple[str, list[TermRecord]]:
    """Every placeholder requirement recorded: ``ok`` where its term was placed (or the
    model wrote it in words often enough), else inserted between its neighbours' terms."""
    records: list[TermRecord] = []
    concepts = _unique_concepts([r.concept for r in ordered])
    needles = Counter(r.text for r in prepared.requirements if r.kind == "markup")
    placed = Counter(id(r.concept) for r in ordered if r.placeholder in spans)
    dropped: Counter[int] = Counter()
    for i, req in enumerate(ordered):
        if req.placeholder not in spans:
            dropped[id(req.concept)] += 1
        wanted = placed[id(req.concept)] + dropped[id(req.concept)]
        if req.placeholder in spans or _occurrences(matcher, req, target) >= wanted:
            records.append(TermRecord(req.kind, req.text, "ok"))
            continue
        lo = max(
            (spans[r.placeholder][1] for r in ordered[:i] if r.placeholder in spans), default=0
        )
        hi = min(
            (spans[r.placeholder][0] for r in ordered[i + 1 :] if r.placeholder in spans),
            default=len(target),
        )
        protected = [*spans.values(), *_term_spans(matcher, concepts, target)]
        protected += _protected(target, needles)
        at = _insertion_point(target, req.position, protected, lo, hi)
        before = len(target)
        target, start = _insert(target, cased_for(req, req.text, target[:at]), at)
        delta = len(target) - before
        spans = {k: (a + delta, b + delta) if a >= at else (a, b) for k, (a, b) in spans.items()}
        spans[req.placeholder] = (start, start + len(req.text))
        records.append(TermRecord(req.kind, req.text, "inserted"))
    return target, records


def _satisfied(matcher: MatcherLike | None, req: Requirement, target: str) -> bool:
    if matcher is not None and req.concept is not None:
        return bool(matcher.satisfied(req.concept, target))
    return req.text.casefold() in target.casefold()


def _occurrences(matcher: MatcherLike | None, req: Requirement, target: str) -> int:
    """How often the target renders the requirement's concept (any accepted target, any form)."""
    if matcher is not None and req.concept is not None:
        return sum(len(matcher.find_target(t, target)) for t in req.concept.preferred_targets)
    return target.casefold().count(req.text.casefold())


def _count(text: str, needle: str) -> int:
    return text.count(needle) if needle else 0


def _term_spans(
    matcher: MatcherLike | None, concepts: Sequence[Concept], text: str
) -> list[tuple[int, int]]:
    """Spans of the accepted targets of ``concepts`` in ``text``: insertions go around them."""
    if matcher is None:
        return []
    return [
        _span(hit)
        for concept in concepts
        for term in concept.preferred_targets
        for hit in matcher.find_target(term, text)
    ]


def _protected(text: str, needed: Counter[str]) -> list[tuple[int, int]]:
    """Spans of verbatim texts already in ``text``: repairs must not touch them."""
    spans: list[tuple[int, int]] = []
    for needle in needed:
        start = text.find(needle)
        while start != -1:
            spans.append((start, start + len(needle)))
            start = text.find(needle, start + len(needle))
    return spans


def _put_verbatim(
    target: str, req: Requirement, protected: list[tuple[int, int]]
) -> tuple[str, EnforcementStatus]:
    repaired = _near_miss_replace(target, req.text, protected)
    if repaired is not None and _count(repaired, req.text) > _count(target, req.text):
        return repaired, "repaired"
    return _insert_at(target, req.text, req.position, protected), "inserted"


def _near_miss_replace(target: str, wanted: str, protected: list[tuple[int, int]]) -> str | None:
    """Replace the best near-miss of ``wanted`` in ``target`` (whole words), or ``None``."""
    if len(wanted) < NEAR_MISS_MIN_CHARS or not target:
        return None
    best: tuple[float, int, int] | None = None
    for start, end in _word_windows(target, wanted):
        if any(start < e and s < end for s, e in protected):
            continue
        window = target[start:end]
        if window == wanted:
            continue
        score = fuzz.ratio(window.casefold(), wanted.casefold())
        if score >= NEAR_MISS_SCORE and (best is None or score > best[0]):
            best = (score, start, end)
    if best is None:
        return None
    _, start, end = best
    return target[:start] + wanted + target[end:]


_WORD = re.compile(r"\S+")


def _word_windows(text: str, wanted: str) -> list[tuple[int, int]]:
    """Runs of 1..n+1 whole words of ``text`` (n = words in ``wanted``), punctuation trimmed."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    size = len(wanted.split()) or 1
    spans = []
    for i in range(len(words)):
        for n in range(max(1, size - 1), size + 2):
            if i + n > len(words):
                break
            start, end = words[i][0], words[i + n - 1][1]
            while end > start and not text[end - 1].isalnum() and text[end - 1] not in wanted[-1:]:
                end -= 1
            while start < end and not text[start].isalnum() and text[start] not in wanted[:1]:
                start += 1
            if end > start:
                spans.append((start, end))
    return spans


def _insert_at(
    target: str, text: str, position: float, protected: Sequence[tuple[int, int]] = ()
) -> str:
    """Insert ``text`` at the word boundary nearest ``position`` (0..1) of ``target``.

    Never inside a ``protected`` span (a term or tag already in place).
    """
    at = _insertion_point(target, position, protected)
    return _insert(target, text, at)[0]


def _insertion_point(
    target: str,
    position: float,
    protected: Sequence[tuple[int, int]] = (),
    lo: int = 0,
    hi: int | None = None,
) -> int:
    """The word boundary nearest ``position`` (0..1) of ``target``, within ``lo``..``hi``.

    Never inside a ``protected`` span; outside the bounds only if no boundary is inside.
    """
    hi = len(target) if hi is None else hi
    want = min(max(round(position * len(target)), lo), hi)
    bounds = [0, len(target)] + [m.start() for m in re.finditer(r"(?<=\s)\S", target)]
    bounds = [b for b in bounds if not any(s < b < e for s, e in protected)]
    inside = [b for b in bounds if lo <= b <= hi] or bounds
    return min(inside, key=lambda b: (abs(b - want), -b))


def _insert(target: str, text: str, at: int) -> tuple[str, int]:
    """``target`` with ``text`` put in at ``at`` as a word of its own; and where it starts."""
    if not target.strip():
        return text, 0
    before, after = target[:at], target[at:]
    if at == 0:
        return text + " " + after.lstrip(), 0
    left = "" if before[-1].isspace() else " "
    right = "" if not after or after[0].isspace() else " "
    return before + left + text + right + after, len(before) + len(left)


def cased_for(req: Requirement, text: str, before: str) -> str:
    """``text`` with a capital first letter where it starts a sentence (and may be changed)."""
    if (
        req.kind == "preferred"
        and text[:1].islower()
        and not (req.concept is not None and req.concept.case_sensitive)
        and _SENTENCE_START.search(before)
    ):
        return text[:1].upper() + text[1:]
    return text


def _unique_concepts(concepts: Sequence[Concept | None]) -> list[Concept]:
    """The concepts, each once (by identity), in order; no concept (markup) left out."""
    out: list[Concept] = []
    for c in concepts:
        if c is not None and not any(c is o for o in out):
            out.append(c)
    return out


def _span(hit: TargetHit) -> tuple[int, int]:
    return hit.start, hit.end


def _replace_forbidden(
    target: str, concept: Concept, matcher: MatcherLike, protected: list[tuple[int, int]]
) -> tuple[str, TermRecord | None]:
    """Replace every forbidden rendering of ``concept`` in ``target`` by its preferred target."""
    replacement = concept.preferred_targets[0] if concept.preferred_targets else ""
    found: list[str] = []
    for _ in range(5):  # a replacement could in theory form a new hit: bounded retries
        spans = sorted(
            (_span(h) for h in matcher.forbidden_hits(concept, target)),
            reverse=True,
        )
        spans = [s for s in spans if not any(s[0] < e and p < s[1] for p, e in protected)]
        if not spans:
            break
        for start, end in spans:
            found.append(target[start:end])
            target = target[:start] + replacement + target[end:]
        target = re.sub(r"  +", " ", target).strip() if not replacement else target
    if not found:
        return target, None
    still = list(matcher.forbidden_hits(concept, target))
    term = ", ".join(dict.fromkeys(found))
    if still:
        return target, TermRecord(
            "forbidden", term, "missing", "forbidden rendering could not be removed"
        )
    detail = f"by {replacement!r}" if replacement else "removed"
    return target, TermRecord("forbidden", term, "replaced", detail)
