"""Translation-memory rules, without storage: tokens, match scores, penalties, number
substitution and the word-level diff a translator sees.

A memory entry is one source sentence with its translation, languages, origin, review state,
author and time. A match is scored the way OmegaT scores: the edit distance between the
token sequences of the two sources (words, numbers, placeholders and punctuation each one
token), as ``100 · (1 − distance / longer length)``. Entries nobody confirmed score less, as
in Poedit and Weblate: a draft loses :attr:`MatchPolicy.draft_penalty` points, a translation
nobody reviewed loses :attr:`MatchPolicy.unreviewed_penalty`. Matches below the cut-off
(75 by default, as in Weblate and Translate Toolkit) are not shown.

Where a match differs from the new sentence only in numbers or placeholders, the
translation can take the new ones (:func:`adapt`): German ``1.500`` in the source is found
as ``1,500`` (or ``1500``) in the English target and replaced in the same style.

Stores find candidates fast through :func:`shape` (each token as one character, so a
C-speed edit distance compares token sequences) and the bound in :func:`shared_needed`;
the final score is always :func:`similarity` over the real tokens.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from rapidfuzz.distance import Levenshtein

# re-exported: the policy lives in a small module of its own, which workbench.toml's
# settings read without loading the matching code
from workbench.domain.match_policy import DEFAULT_CUTOFF as DEFAULT_CUTOFF  # noqa: PLC0414
from workbench.domain.match_policy import MatchPolicy as MatchPolicy  # noqa: PLC0414
from workbench.domain.states import ReviewState

# --- languages ---------------------------------------------------------------------------


def base_language(tag: str) -> str:
    """The language of a tag, without region or script: ``de-AT`` → ``de``, ``en_US`` → ``en``.

    TMX files name languages as ``de-DE``, ``DE-CH``, ``en-GB``; a memory keeps the base
    language, so every German variant matches every other.
    """
    return re.split(r"[-_@.]", tag.strip(), maxsplit=1)[0].lower()


# --- tokens ------------------------------------------------------------------------------


class TokenKind(Enum):
    """What a token is: matching and number substitution treat the kinds differently."""

    WORD = "word"
    NUMBER = "number"
    PLACEHOLDER = "placeholder"
    PUNCT = "punct"


_PLACEHOLDER = (
    r"%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?[sdiufxXoeEgGc]"  # printf
    r"|%\(\w+\)[sdif]"  # Python %(name)s
    r"|\{[\w.:!-]*\}"  # {name}, {0}, {}
    r"|</?[A-Za-z][^<>]*>"  # markup tags
    r"|&(?:#\d+|#x[0-9a-fA-F]+|\w+);"  # entities
    r"|https?://[^\s<>\"]*[^\s<>\".,;:!?)\]]"  # URLs
)
#: A number in German or English notation: 5, 1.500, 1,500, 3,5, 1 500 (thin space).
_NUMBER = r"\d+(?:[.,\u00a0\u202f]\d+)*(?!\w)"
_WORD = r"\w+(?:[-'’]\w+)*"
#: An ellipsis written as dots is one mark, as "…" is: "Neue Lastschrift..." and "Neue
#: Umsatz-Kategorie..." share one word of three tokens, not four of five (an 80 % match).
_ELLIPSIS = r"\.{2,}"
_TOKEN = re.compile(f"{_PLACEHOLDER}|{_NUMBER}|{_WORD}|{_ELLIPSIS}|[^\\w\\s]")
_IS_PLACEHOLDER = re.compile(f"(?:{_PLACEHOLDER})\\Z")
_IS_NUMBER = re.compile(f"{_NUMBER}\\Z")


def tokens(text: str) -> list[str]:
    """The tokens of a text: words, numbers, placeholders and punctuation marks (one each;
    an ellipsis of dots is one mark)."""
    return _TOKEN.findall(text)


def token_spans(text: str) -> list[tuple[int, int]]:
    """Where each token of :func:`tokens` starts and ends in ``text``."""
    return [m.span() for m in _TOKEN.finditer(text)]


def token_kind(token: str) -> TokenKind:
    """The kind of one token from :func:`tokens`."""
    if _IS_PLACEHOLDER.match(token):
        return TokenKind.PLACEHOLDER
    if _IS_NUMBER.match(token):
        return TokenKind.NUMBER
    if token[:1].isalnum() or token[:1] == "_":
        return TokenKind.WORD
    return TokenKind.PUNCT


#: Code points for :func:`shape`: the supplementary planes, one per token hash.
_SHAPE_BASE = 0x10000
_SHAPE_RANGE = 0x100000
#: Each token's character, remembered (tokens repeat: a memory's vocabulary is small).
_SHAPE_CHARS: dict[str, str] = {}
_SHAPE_CACHE_SIZE = 1_000_000


def shape(toks: Sequence[str]) -> str:
    """The token sequence as a string of one character per token (a hash of the token).

    Edit distances over shapes are token edit distances computed at C speed. Two different
    tokens share a character about once in a million pairs, which can only raise a
    candidate's first estimate; the final score (:func:`similarity`) uses the real tokens.
    """
    chars = _SHAPE_CHARS
    if len(chars) > _SHAPE_CACHE_SIZE:
        chars.clear()
    out = []
    for t in toks:
        c = chars.get(t)
        if c is None:
            c = chars[t] = chr(_SHAPE_BASE + zlib.crc32(t.encode("utf-8")) % _SHAPE_RANGE)
        out.append(c)
    return "".join(out)


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """Token-level similarity, 0-100: ``100 · (1 − edit distance / longer length)``."""
    if not a and not b:
        return 100.0
    return 100.0 * Levenshtein.normalized_similarity(a, b)


def shared_needed(length: int, cutoff: float) -> int:
    """How many tokens a candidate must share with a query of ``length`` tokens to score
    ``cutoff`` or more.

    With distance ``d`` and ``L = max(length, other)``, at least ``L − d`` tokens are
    matched, and a score of ``cutoff`` allows at most ``(1 − cutoff/100) · L`` edits, so at
    least ``cutoff/100 · L ≥ cutoff/100 · length`` tokens are shared.
    """
    return max(1, math.ceil(cutoff / 100.0 * length - 1e-9))


def length_window(length: int, cutoff: float) -> tuple[int, int]:
    """The token counts a candidate can have and still score ``cutoff`` against ``length``."""
    c = max(cutoff, 1.0) / 100.0
    return math.ceil(c * length - 1e-9), math.floor(length / c + 1e-9)


# --- entries and matches -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MemoryEntry:
    """One remembered translation: what, in which languages, from where, how sure, who, when.

    ``origin`` names where it came from (a PO file relative to the project, or a TMX file),
    ``context`` the PO ``msgctxt`` or the TMX ``tuid``; ``changed`` is ISO 8601 UTC.
    """

    source: str
    target: str
    source_lang: str = "de"
    target_lang: str = "en"
    state: ReviewState = ReviewState.TRANSLATED
    origin: str = ""
    context: str = ""
    author: str = ""
    changed: str = ""

    def turned(self) -> MemoryEntry:
        """The same pair the other way round (an English → German catalogue's entry)."""
        return replace(
            self,
            source=self.target,
            target=self.source,
            source_lang=self.target_lang,
            target_lang=self.source_lang,
        )


@dataclass(frozen=True, slots=True)
class MemoryMatch:
    """A memory entry that resembles a sentence, scored, with its target ready to use.

    ``target`` is the entry's translation with numbers and placeholders substituted where
    that was safe (``adjusted``); ``entry.target`` is the translation as remembered.
    ``exact`` means the sources are the same text but for leading and trailing whitespace
    (whose difference :func:`fit_edges` carried over into ``target``).
    """

    score: float
    similarity: float
    entry: MemoryEntry
    target: str
    exact: bool
    adjusted: bool = False

    @property
    def source(self) -> str:
        return self.entry.source

    def as_dict(self) -> dict[str, object]:
        """The JSON form: ``score``, ``source``, ``target``, ``origin``, ``state`` and more."""
        e = self.entry
        return {
            "score": round(self.score, 1),
            "source": e.source,
            "target": self.target,
            "origin": e.origin,
            "state": e.state.label,
            "context": e.context,
            "similarity": round(self.similarity, 1),
            "exact": self.exact,
            "adjusted": self.adjusted,
            "stored_target": e.target,
            "author": e.author,
            "changed": e.changed,
        }


def rank(
    query: str,
    entries: Iterable[MemoryEntry],
    policy: MatchPolicy = MatchPolicy(),
    limit: int = 5,
) -> list[MemoryMatch]:
    """Score ``entries`` against ``query`` and return the best ``limit``, best first.

    The same translation of the same source is listed once (its best-scored copy). Ties go
    to the higher review state, then to the closer spelling (character level), then to the
    more recent entry.
    """
    from rapidfuzz import fuzz

    query_tokens = tokens(query)
    scored: list[tuple[tuple[float, int, float, str], MemoryMatch]] = []
    for entry in entries:
        entry_tokens = tokens(entry.source)
        sim = similarity(query_tokens, entry_tokens)
        score = sim - policy.penalty(entry.state)
        if score < policy.cutoff:
            continue
        exact = entry_tokens == query_tokens and entry.source.strip() == query.strip()
        if entry_tokens == query_tokens and not exact:  # spacing inside differs
            sim = min(sim, SPACING_SIMILARITY)
            score = sim - policy.penalty(entry.state)
            if score < policy.cutoff:
                continue
        target = entry.target
        if not exact:
            target = adapt(entry.source, target, query) or target
        target = fit_edges(entry.source, target, query)
        adjusted = target != entry.target
        match = MemoryMatch(score, sim, entry, target, exact, adjusted)
        key = (score, int(entry.state), fuzz.ratio(query, entry.source), entry.changed)
        scored.append((key, match))
    scored.sort(key=lambda pair: pair[0], reverse=True)
    seen: set[tuple[str, str]] = set()
    out: list[MemoryMatch] = []
    for _, match in scored:
        ident = (match.entry.source, match.entry.target)
        if ident in seen:
            continue
        seen.add(ident)
        out.append(match)
        if len(out) >= limit:
            break
    return out


#: The most a match may score whose source has the same tokens but other spacing inside
#: ("ID.  End" for "ID. End"): close, but not the same text, so never exact.
SPACING_SIMILARITY = 99.0


def _edges(text: str) -> tuple[str, str]:
    """A text's leading and trailing whitespace (spaces, tabs, newlines)."""
    core = text.strip()
    if not core:
        return text, ""
    lead = len(text) - len(text.lstrip())
    return text[:lead], text[lead + len(core) :]


def newlines_agree(source: str, target: str) -> bool:
    """Whether ``target`` starts and ends with a newline where ``source`` does, as
    ``msgfmt -c`` demands of a translated entry."""
    return source.startswith("\n") == target.startswith("\n") and source.endswith(
        "\n"
    ) == target.endswith("\n")


def fit_edges(match_source: str, match_target: str, source: str) -> str:
    """``match_target`` with its leading and trailing whitespace made the new source's where
    the two sources' differ (as OmegaT and memoQ carry a segment's edge spacing over).

    A memory entry ``"\nEnter the ID: "`` for the source ``"\nGib die ID ein: "`` serves
    ``"Gib die ID ein: "`` as ``"Enter the ID: "``: a translation whose leading or trailing
    newline disagrees with its source is refused by ``msgfmt -c``. Where the sources' edges
    agree the translation's own are kept.
    """
    old_lead, old_trail = _edges(match_source)
    new_lead, new_trail = _edges(source)
    target = match_target
    if old_lead != new_lead:
        target = new_lead + target[len(_edges(target)[0]) :]
    if old_trail != new_trail and target.strip():
        target = target[: len(target) - len(_edges(target)[1])] + new_trail
    return target


# --- substituting numbers and placeholders -----------------------------------------------


@dataclass(frozen=True, slots=True)
class _Number:
    """A number's digits, read from a German source token."""

    whole: str  # digits only
    fraction: str  # digits only, "" for none
    grouped: bool  # written with thousands separators


_GROUPED = re.compile(r"\d{1,3}(?:[.\u00a0\u202f]\d{3})+(?:,\d+)?\Z")
_DECIMAL = re.compile(r"(\d+),(\d+)\Z")


def _read_number(text: str) -> _Number | None:
    """Read a number as German writes it (``1.500``, ``3,5``, ``1 500``); ``None`` when the
    notation is ambiguous (``3.5``)."""
    if text.isdigit():
        return _Number(text, "", False)
    if _GROUPED.match(text):
        whole, _, fraction = text.partition(",")
        return _Number(re.sub(r"\D", "", whole), fraction, True)
    match = _DECIMAL.match(text)
    if match:
        return _Number(match.group(1), match.group(2), False)
    return None


def _format(number: _Number, group: str, decimal: str) -> str:
    """``number`` with ``group`` between thousands ("" for none) and ``decimal`` before the
    fraction."""
    whole = number.whole
    if group and len(whole) > 3:
        head = len(whole) % 3 or 3
        whole = group.join([whole[:head], *re.findall(r"\d{3}", whole[head:])])
    return f"{whole}{decimal}{number.fraction}" if number.fraction else whole


#: (thousands separator, decimal separator) pairs a translation may use for a number.
_NOTATIONS = (
    (",", "."), ("", "."), (".", ","), ("", ","), ("\u00a0", "."), ("\u202f", "."), (" ", ".")
)  # fmt: skip


def _find_once(target: str, forms: Iterable[str]) -> tuple[int, int] | None:
    """The one place where one of ``forms`` stands alone in ``target`` (not inside a longer
    number or word); ``None`` if none or several."""
    found: set[tuple[int, int]] = set()
    for form in set(forms):
        pattern = rf"(?<![\w.,]){re.escape(form)}(?![\w]|[.,]\d)"
        found.update(m.span() for m in re.finditer(pattern, target))
    return next(iter(found)) if len(found) == 1 else None


def _substitute_number(old: str, new: str, target: str) -> str | None:
    """``target`` with the one occurrence of ``old`` (in any notation) replaced by ``new``,
    written in the notation the target used; ``None`` if that is not safe."""
    before, after = _read_number(old), _read_number(new)
    if before is None or after is None:
        return None
    forms = {_format(before, g, d): (g, d) for g, d in _NOTATIONS}
    place = _find_once(target, forms)
    if place is None:
        return None
    start, end = place
    group, decimal = forms[target[start:end]]
    if len(before.whole) <= 3:  # the target showed no thousands: English unless German
        group = "." if decimal == "," and after.grouped else "," if after.grouped else ""
    return target[:start] + _format(after, group, decimal) + target[end:]


def adapt(match_source: str, match_target: str, source: str) -> str | None:
    """``match_target`` with the numbers and placeholders that differ between
    ``match_source`` and ``source`` replaced, or ``None`` if none could be.

    A pair is substituted only where it is safe: the two sources differ in that token and
    nothing else around it (a one-for-one replacement), and the old value occurs exactly
    once in the source and once in the target (in any notation: ``1.500``, ``1,500``,
    ``1500``). The new number is written in the notation the target used.
    """
    old_tokens, new_tokens = tokens(match_source), tokens(source)
    pairs: list[tuple[str, str, TokenKind]] = []
    for op in Levenshtein.opcodes(old_tokens, new_tokens):
        if op.tag != "replace" or op.src_end - op.src_start != op.dest_end - op.dest_start:
            continue
        for old, new in zip(
            old_tokens[op.src_start : op.src_end],
            new_tokens[op.dest_start : op.dest_end],
            strict=True,
        ):
            kind = token_kind(old)
            if kind in (TokenKind.NUMBER, TokenKind.PLACEHOLDER) and token_kind(new) is kind:
                pairs.append((old, new, kind))
    target = match_target
    changed = False
    for old, new, kind in pairs:
        if old_tokens.count(old) != 1:
            continue
        if kind is TokenKind.NUMBER:
            better = _substitute_number(old, new, target)
        else:
            place = _find_once(target, [old])
            better = None if place is None else target[: place[0]] + new + target[place[1] :]
        if better is not None:
            target, changed = better, True
    return target if changed else None


# --- the word-level diff -----------------------------------------------------------------


class DiffOp(Enum):
    """One piece of a diff: text both have, only the match has, or only the new sentence."""

    EQUAL = "equal"
    DELETE = "delete"  # in the match's source, not in this segment
    INSERT = "insert"  # in this segment, not in the match's source


@dataclass(frozen=True, slots=True)
class DiffPiece:
    text: str
    op: DiffOp


def word_diff(match_source: str, source: str) -> list[DiffPiece]:
    """What changed from the match's source to this segment, token by token, as one line:
    equal text, the match's words that are gone (``DELETE``) and the new ones (``INSERT``).

    The spaces between tokens come from this segment (or from the match for deleted runs).
    """
    old_spans, new_spans = token_spans(match_source), token_spans(source)
    old_tokens = [match_source[a:b] for a, b in old_spans]
    new_tokens = [source[a:b] for a, b in new_spans]
    diff = _Diff()
    diff.add(source[: new_spans[0][0]] if new_spans else source, DiffOp.EQUAL)
    for op in Levenshtein.opcodes(old_tokens, new_tokens):
        if op.tag == "equal":
            diff.run(source, new_spans, op.dest_start, op.dest_end, DiffOp.EQUAL)
        elif op.tag == "insert":
            diff.run(source, new_spans, op.dest_start, op.dest_end, DiffOp.INSERT)
        elif op.tag == "delete":
            diff.run(match_source, old_spans, op.src_start, op.src_end, DiffOp.DELETE)
        else:
            diff.run(match_source, old_spans, op.src_start, op.src_end, DiffOp.DELETE)
            diff.run(source, new_spans, op.dest_start, op.dest_end, DiffOp.INSERT)
    return diff.pieces


class _Diff:
    """A word diff as it is built: a piece joins the one before when they are the same op."""

    def __init__(self) -> None:
        self.pieces: list[DiffPiece] = []

    def add(self, text: str, op: DiffOp) -> None:
        pieces = self.pieces
        if not text:
            return
        if pieces and pieces[-1].op is op:
            pieces[-1] = replace(pieces[-1], text=pieces[-1].text + text)
        else:
            pieces.append(DiffPiece(text, op))

    def run(self, text: str, spans: list[tuple[int, int]], i: int, j: int, op: DiffOp) -> None:
        """Tokens ``i..j`` of ``text`` with the gaps after each (the last gap only if it
        is space, so the next piece starts cleanly)."""
        if i >= j:
            return
        start = spans[i][0]
        end = spans[j - 1][1]
        pieces = self.pieces
        if op is DiffOp.DELETE and i > 0 and pieces and not pieces[-1].text[-1:].isspace():
            before = text[spans[i - 1][1] : start]  # the space before a deleted run
            if before.isspace():
                self.add(before, DiffOp.EQUAL)
        nxt = spans[j][0] if j < len(spans) else len(text)
        self.add(text[start:end], op)
        gap = text[end:nxt]
        if gap:
            self.add(
                gap, DiffOp.EQUAL if op is DiffOp.EQUAL else op if gap.strip() else DiffOp.EQUAL
            )


@dataclass(frozen=True, slots=True)
class MemoryStats:
    """What a memory holds: totals per language pair, state and origin, and where it is."""

    location: str
    units: int
    pairs: dict[str, int] = field(default_factory=dict)  # "de→en" -> count
    states: dict[str, int] = field(default_factory=dict)  # state label -> count
    origins: dict[str, int] = field(default_factory=dict)  # origin -> count
    size_bytes: int | None = None
