"""Glossary and markup constraints on machine translation: protect before, verify and repair after.

An NMT model does not know the project's terminology and mangles markup. Before MT, a segment
is *prepared*: preferred target terms are injected in place of their source terms (models copy
such words well), do-not-translate terms and markup (tags, URLs, placeholders, inline code)
stay as they are. After MT, the output is *enforced* whatever the model emitted:

- every verbatim span (dnt term, tag, URL, placeholder) appears as often as in the source:
  a near miss (``Deep Seek`` for ``DeepSeek``) is replaced, a missing one is inserted at the
  position matching its place in the source;
- every forbidden rendering of a concept found in the source is replaced by the preferred target;
- every preferred target is present (a near miss is repaired); if not, it is recorded as not
  enforceable, never invented into the sentence.

Each segment gets a list of :class:`TermRecord` saying what was enforced and how, which the
drafting service stores in the draft's ``wb:origin`` comment. The glossary is used through the
small protocols below (the glossary engine's matcher fulfils them), so this module stays pure.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from rapidfuzz import fuzz

#: Markup kept verbatim: tags, URLs, e-mail, printf/format placeholders, inline code, entities.
MARKUP = re.compile(
    r"</?[A-Za-z][^<>]*>"  # HTML/XML tags
    r"|https?://[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]"  # URLs (no trailing punctuation)
    r"|[\w.+-]+@[\w-]+\.[\w.-]+\w"  # e-mail addresses
    r"|%(?:\([A-Za-z_]\w*\))?[-+ #0]*\d*(?:\.\d+)?[sdifrxXeEgGc%]"  # printf placeholders
    r"|\{[A-Za-z_0-9.:\[\]]*\}"  # {name}, {0}, {x:>3}
    r"|`[^`\n]+`"  # inline code
    r"|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);"  # entities
)

#: Near-miss repair needs at least this similarity (0-100) and this many characters.
NEAR_MISS_SCORE = 80.0
NEAR_MISS_MIN_CHARS = 4


class ConceptLike(Protocol):
    """What a glossary concept offers: targets to use, targets to avoid, do-not-translate."""

    @property
    def preferred_targets(self) -> tuple[str, ...]: ...

    @property
    def forbidden_targets(self) -> tuple[str, ...]: ...

    @property
    def is_dnt(self) -> bool: ...


class HitLike(Protocol):
    """A term found in a text: its concept and character span."""

    @property
    def concept(self) -> Any: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def text(self) -> str: ...


class MatcherLike(Protocol):
    """The glossary matcher: source hits, target checks, forbidden hits."""

    def source_hits(self, text: str) -> Sequence[Any]: ...

    def satisfied(self, concept: Any, target_text: str) -> bool: ...

    def forbidden_hits(self, concept: Any, text: str) -> Sequence[Any]: ...


@dataclass(frozen=True)
class Requirement:
    """One thing the output must satisfy, found in the source."""

    kind: str  # "dnt" | "markup" | "preferred"
    text: str  # the verbatim text (dnt, markup) or the preferred target
    source_text: str  # what the source said
    position: float  # where in the source, 0..1, for insertion
    concept: Any = None


@dataclass(frozen=True)
class Prepared:
    """A segment ready for MT: the model's input and what its output must satisfy."""

    source: str
    mt_input: str
    requirements: tuple[Requirement, ...]
    concepts: tuple[Any, ...] = ()  # every concept hit in the source (for forbidden checks)


@dataclass(frozen=True)
class TermRecord:
    """What enforcement did for one requirement.

    ``status``: ``ok`` (the model got it right), ``repaired`` (a near miss was corrected),
    ``inserted`` (missing, put in), ``replaced`` (a forbidden rendering was swapped),
    ``missing`` (could not be enforced: recorded, not invented).
    """

    kind: str
    term: str
    status: str
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


def prepare(source: str, matcher: MatcherLike | None = None, inject: bool = True) -> Prepared:
    """Find what the output must satisfy and build the model input.

    With ``inject``, each source term with a preferred target is replaced by that target in
    the model input, so the model tends to copy it; dnt terms and markup stay as they are.
    """
    length = max(len(source), 1)
    requirements: list[Requirement] = []
    taken: list[tuple[int, int]] = []
    for start, end in markup_spans(source):
        requirements.append(
            Requirement("markup", source[start:end], source[start:end], start / length)
        )
        taken.append((start, end))
    replacements: list[tuple[int, int, str]] = []
    concepts: list[Any] = []
    hits = (
        sorted(matcher.source_hits(source), key=lambda h: (h.start, -(h.end - h.start)))
        if matcher
        else []
    )
    for hit in hits:
        if getattr(hit, "kind", "exact") == "compound":
            continue  # a term inside a longer word is information only, not enforced
        if any(hit.start < e and s < hit.end for s, e in taken):
            continue  # inside markup or overlapping a longer term found first
        taken.append((hit.start, hit.end))
        concept = hit.concept
        concepts.append(concept)
        surface = source[hit.start : hit.end]
        if concept.is_dnt:
            requirements.append(Requirement("dnt", surface, surface, hit.start / length, concept))
        elif concept.preferred_targets:
            preferred = concept.preferred_targets[0]
            requirements.append(
                Requirement("preferred", preferred, surface, hit.start / length, concept)
            )
            if inject:
                replacements.append((hit.start, hit.end, preferred))
    mt_input = source
    for start, end, text in sorted(replacements, reverse=True):
        mt_input = mt_input[:start] + text + mt_input[end:]
    requirements.sort(key=lambda r: r.position)
    return Prepared(source, mt_input, tuple(requirements), tuple(concepts))


# --- enforcing ------------------------------------------------------------------------


def enforce(prepared: Prepared, mt_output: str, matcher: MatcherLike | None = None) -> Enforced:
    """Repair ``mt_output`` so it satisfies ``prepared``'s requirements; record each action."""
    target = mt_output
    records: list[TermRecord] = []
    verbatim = [r for r in prepared.requirements if r.kind in ("dnt", "markup")]
    needed = Counter(r.text for r in verbatim)
    seen: Counter[str] = Counter()
    for req in verbatim:
        seen[req.text] += 1
        have = _count(target, req.text)
        if have >= seen[req.text]:
            records.append(TermRecord(req.kind, req.text, "ok"))
            continue
        target, status = _put_verbatim(target, req, _protected(target, needed))
        records.append(TermRecord(req.kind, req.text, status))
    # Forbidden renderings of the source's concepts, replaced by the preferred target.
    if matcher is not None:
        for concept in _unique_concepts(prepared.concepts):
            if not concept.forbidden_targets:
                continue
            target, record = _replace_forbidden(
                target, concept, matcher, _protected(target, needed)
            )
            if record is not None:
                records.append(record)
    # Preferred targets: present, repaired from a near miss, or recorded as not enforceable.
    for req in prepared.requirements:
        if req.kind != "preferred":
            continue
        if _satisfied(matcher, req, target):
            records.append(TermRecord("preferred", req.text, "ok"))
            continue
        repaired = _near_miss_replace(target, req.text, _protected(target, needed))
        if repaired is not None and _satisfied(matcher, req, repaired):
            target = repaired
            records.append(TermRecord("preferred", req.text, "repaired"))
        else:
            records.append(TermRecord("preferred", req.text, "missing", f"for {req.source_text!r}"))
    return Enforced(target, tuple(records))


def _satisfied(matcher: MatcherLike | None, req: Requirement, target: str) -> bool:
    if matcher is not None and req.concept is not None:
        return bool(matcher.satisfied(req.concept, target))
    return req.text.casefold() in target.casefold()


def _count(text: str, needle: str) -> int:
    return text.count(needle) if needle else 0


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
) -> tuple[str, str]:
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
    if not target.strip():
        return text
    want = round(position * len(target))
    bounds = [0, len(target)] + [m.start() for m in re.finditer(r"(?<=\s)\S", target)]
    bounds = [b for b in bounds if not any(s < b < e for s, e in protected)]
    at = min(bounds, key=lambda b: (abs(b - want), b))
    before, after = target[:at], target[at:]
    left = "" if not before or before[-1].isspace() else " "
    right = "" if not after or after[0].isspace() else " "
    if at == 0:
        return text + " " + after.lstrip()
    return before + left + text + right + after


def _unique_concepts(concepts: Sequence[Any]) -> list[Any]:
    out: list[Any] = []
    for c in concepts:
        if not any(c is o for o in out):
            out.append(c)
    return out


def _span(hit: Any) -> tuple[int, int]:
    if isinstance(hit, tuple):
        return int(hit[0]), int(hit[1])
    return int(hit.start), int(hit.end)


def _replace_forbidden(
    target: str, concept: Any, matcher: MatcherLike, protected: list[tuple[int, int]]
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
