"""Spelling of the English target, against a real dictionary, without the noise of names.

The dictionary is an adapter (Hunspell's en_US or en_GB, see
``workbench.adapters.spelling``); the check gets it through :class:`CheckContext` as a
:class:`Speller`, so this module stays pure. What a translation legitimately contains that
no dictionary knows is left alone:

* words that also occur in the German source, compared without case and accents and
  allowing for an inflected ending (names such as Hangzhou, DeepSeek, Marc Elrich; "Grosse
  Zinne" for "Großen Zinne");
* glossary targets and do-not-translate terms, and the project's word list;
* URLs, e-mail addresses, code in backticks, placeholders (``{name}``, ``%s``, ``<b>``),
  @handles and #tags, paths, and words with digits;
* all-capital abbreviations (the ``acronyms`` check looks at those) and words with an
  inner capital (iPhone, WhatsApp).

:func:`misspellings` gives the spans, which the editor underlines as the translator types;
the :class:`Spelling` check reports each misspelt word once per segment with the
dictionary's suggestions (``recieved → received``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cached_property, lru_cache
from typing import NamedTuple, Protocol

from workbench.domain.checks.base import Check, CheckContext, Issue, Severity
from workbench.domain.patterns import when_used
from workbench.domain.units import Unit

#: The English varieties a project can ask for; ``en`` accepts en-US and en-GB spellings.
VARIETIES = ("en", "en-US", "en-GB")


class Speller(Protocol):
    """A spelling dictionary for one English variety.

    ``known`` must be fast (the editor asks for every word as the translator types) and
    must accept the word as written in running text (capitalised at a sentence start,
    with a possessive ``'s``); ``suggestions`` may be slow and is asked only for words it
    does not know.
    """

    @property
    def variety(self) -> str:
        """``en-US`` or ``en-GB``."""
        ...

    def __hash__(self) -> int:
        """A speller is a key of the judges that remember its verdicts (by identity)."""
        ...

    def known(self, word: str) -> bool:
        """True when the dictionary (or the project's word list) has the word."""
        ...

    def unknown(self, words: Iterable[str]) -> set[str]:
        """The words :meth:`known` says no to (fast for a segment's words: checking a whole
        project asks this once per segment)."""
        ...

    def suggestions(self, word: str) -> tuple[str, ...]:
        """The dictionary's best guesses for an unknown word, best first (may be empty)."""
        ...

    def other_variety(self, word: str) -> str | None:
        """The other variety whose spelling an unknown word is (``colour`` in en-US)."""
        ...


class Misspelling(NamedTuple):
    """An unknown word in a target: where it is (character offsets) and what it is."""

    start: int
    end: int
    word: str


#: Text that is not prose: URLs, e-mail, code, placeholders (printf's and GCC's ``%qs``,
#: ``%2$L``), command-line options (``--lookup``, ``-n``), markup, handles, paths.
_NOT_PROSE = when_used(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|`[^`\n]*`"
    r"|\{[^{}\n]*\}|\$\{?\w+\}?"
    r"|(?<!\d)%(?:\d+\$|\(\w+\))?[-+#0q]*\d*(?:\.\d+)?(?:ll|[lhzw])?[sdifrxXeEgGcDTLu%]"
    r"|(?<!\S)--?[A-Za-z]\S*"
    r"|<[^<>\n]+>|&\w+;"
    r"|(?<!\w)[@#]\w+"
    r"|\S*[/\\]\S*[/\\]\S*"
)
#: What a token may begin or end with that is not part of its word: ASCII punctuation (what
#: ``string.punctuation`` lists) and typographic marks.
_EDGE_PUNCT = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~""" + "“”‘’„‚«»‹›…–—"
#: A word: letters with inner apostrophes (don't, o'clock); hyphens separate words.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_INNER_CAPITAL = re.compile(r"[^\W\d_][a-zà-ÿ]*[A-ZÀ-Þ]")
#: Prefixes written with a hyphen that a dictionary does not list as words of their own.
_PREFIXES = frozenset(
    {"anti", "bio", "co", "counter", "cross", "e", "eco", "euro", "ex", "geo", "half", "inter",
     "macro", "mega", "micro", "mid", "mini", "multi", "neo", "non", "out", "over", "post",
     "pre", "pro", "re", "self", "semi", "sub", "super", "trans", "ultra", "un", "under",
     "vice", "well"}
)  # fmt: skip
#: Endings written after a hyphen that a dictionary does not list as words of their own.
_HYPHEN_SUFFIXES = frozenset({"esque", "ish"})
#: Productive endings and beginnings: a word the dictionary lacks is right when it is a
#: known word with one of them (influencer, wirelessly, tribalistic, unpermitted).
_SUFFIXES = ("s", "es", "ed", "er", "ers", "or", "ors", "ly", "ness", "ism", "ist", "ists",
             "istic", "ity", "ability", "able", "ization", "isation", "ize", "ise",
             "ing")  # fmt: skip
_DERIVING_PREFIXES = ("un", "non", "re", "de", "pre", "anti", "co", "mis", "over", "under",
                      "out", "post", "bio", "eco", "electro", "mega", "micro", "tele")  # fmt: skip
#: Words that never end or start a closed compound: "depotwas", "inspite" are a missing space.
_FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "as",
     "is", "was", "are", "were", "be", "been", "has", "had", "have", "he", "she", "it", "its",
     "we", "you", "they", "his", "her", "our", "not", "this", "that", "with", "from", "will",
     "would", "can", "could", "there", "their", "them", "who", "which", "what", "if", "so"}
)  # fmt: skip


def words_of(text: str) -> list[str]:
    """The words of a text as the spelling check splits it (hyphens separate words)."""
    return _WORD.findall(text)


def fold(word: str) -> str:
    """A word without case, accents or ß, for comparing names across languages."""
    text = word.casefold()
    if text.isascii():
        return text
    text = text.replace("ß", "ss").replace("’", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _umlaut_spellings(word: str) -> set[str]:
    """``Müller`` is also written ``Mueller`` in English texts."""
    lower = word.casefold()
    return {fold(word), fold(lower.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"))}


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


class SourceWords:
    """The words of a German source, ready to excuse the same names in the target (read
    when first asked: most targets have no unknown word to excuse)."""

    def __init__(self, source: str) -> None:
        self.source = source

    @cached_property
    def raw(self) -> frozenset[str]:
        """The words as written (a name copied as it is: found without folding)."""
        return frozenset(_WORD.findall(self.source))

    @cached_property
    def words(self) -> set[str]:
        words: set[str] = set()
        for m in _WORD.finditer(self.source):
            words |= _umlaut_spellings(m.group())
        return words

    def __contains__(self, word: str) -> bool:
        if word in self.raw:
            return True
        folded = fold(word)
        if folded in self.words:
            return True
        if len(folded) < 4:
            return False
        for w in self.words:
            common = _common_prefix(w, folded)
            # an inflected form: Hangzhous, Großen → Grosse, Mitteldeutschen → Mitteldeutscher
            if common >= 4 and len(w) - common <= 2 and len(folded) - common <= 2:
                return True
            # the head of a German compound kept: Feuerwehr in Berufsfeuerwehr
            if len(folded) >= 5 and len(w) > len(folded) and w.endswith(folded):
                return True
        return False

    def starts_compound(self, word: str) -> bool:
        """``word`` (six letters or more) begins a longer word of the source: a term German
        keeps as the first part of a compound (nodosaur in Nodosaurier)."""
        folded = fold(word)
        return len(folded) >= 6 and any(
            len(w) >= len(folded) + 3 and w.startswith(folded) for w in self.words
        )


#: A character every match of :data:`_NOT_PROSE` has (most prose has none: no regex run).
_NOT_PROSE_MARK = re.compile(r"[/\\@`{}$%<>&#]|www\.|(?<!\S)--?[A-Za-z]")


def _prose(target: str) -> str:
    """The target with what is not prose (URLs, code, placeholders…) blanked out."""
    if not _NOT_PROSE_MARK.search(target):
        return target
    return _NOT_PROSE().sub(lambda m: " " * len(m.group()), target)


def _unknown_words(prose: str, speller: Speller) -> set[str]:
    """The words of the prose the dictionary does not know as written. Most segments have
    none, and for them every space-separated token is known as it stands: a split is
    cheaper than the word pattern, and a known token hides no unknown word."""
    tokens = [t for t in (t.strip(_EDGE_PUNCT) for t in prose.split()) if t]
    if not speller.unknown(tokens):
        return set()
    return speller.unknown(_WORD.findall(prose))


def _name_shaped(word: str) -> bool:
    """Too short to judge, all capitals (an abbreviation) or with an inner capital
    (iPhone, WhatsApp): no word a dictionary should know."""
    return len(word) < 2 or word.isupper() or _INNER_CAPITAL.match(word) is not None


def _candidates(prose: str, unknown: set[str]) -> Iterator[Misspelling]:
    """Where the ``unknown`` words stand in the prose, except glued to digits, underscores
    or ampersands (3rd, 10km, COVID19, snake_case, and a label's accelerator: GTK's
    ``_Datei``, Qt's ``Encod&ing``, where the marker splits the word)."""
    for m in _WORD.finditer(prose):
        word = m.group()
        if word not in unknown:
            continue
        start, end = m.span()
        before = prose[start - 1] if start else " "
        after = prose[end] if end < len(prose) else " "
        if prose.startswith("%'", end):
            continue  # GCC's apostrophe directive splits a contraction: isn%'t
        if before.isdigit() or after.isdigit() or before in "_&" or after in "_&":
            continue  # 3rd, 10km, COVID19, snake_case, Encod&ing
        yield Misspelling(start, end, word)


def _hyphen_group(target: str, word: Misspelling) -> str:
    """The hyphenated compound the word belongs to ("semi-finalist"), or ``""``."""
    start, end = word.start, word.end
    while start > 1 and target[start - 1] == "-" and target[start - 2].isalpha():
        m = re.search(r"[^\W\d_]+$", target[: start - 1])
        if m is None:
            break
        start = m.start()
    while end < len(target) - 1 and target[end] == "-" and target[end + 1].isalpha():
        m = re.match(r"[^\W\d_]+", target[end + 1 :])
        if m is None:
            break
        end += 1 + m.end()
    return target[start:end] if (start, end) != (word.start, word.end) else ""


_OPENERS = " \t\u00a0\"“‘'„(["


def _sentence_start(target: str, start: int) -> bool:
    """The word at ``start`` begins the text, a line or a sentence (opening quotation marks
    and brackets looked through)."""
    i = start
    while i > 0 and target[i - 1] in _OPENERS:
        i -= 1
    return i == 0 or target[i - 1] in ".!?:;…\n—–"


class _Judge:
    """Whether a word a dictionary lacks is still right: a closed compound of two known
    words (whistleblower, roadmap), a known word with a productive ending (influencer,
    wirelessly), a name at a sentence start.

    A judge decides each distinct token and word once (:func:`_judge_of` keeps one per
    dictionary and word list): a project repeats its words, and the editor asks again on
    every keystroke. What it remembers holds whatever the segment: the verdicts that depend
    on the segment (names in the source, a sentence start) are made again each time.
    """

    def __init__(self, speller: Speller, ignore: frozenset[str]) -> None:
        self.speller = speller
        self.ignore = ignore
        #: space-separated tokens found :meth:`plain`: a text made of them has no misspelling
        self._plain: set[str] = set()
        #: words the dictionary accepts as written or derived (:meth:`excused`)
        self._excused: dict[str, bool] = {}

    def plainly_known(self, text: str) -> bool:
        """Every space-separated token of ``text`` is :meth:`plain`: the text has no
        misspelling (most texts; each distinct token is decided once)."""
        tokens = text.split()
        plain = self._plain
        if plain.issuperset(tokens):
            return True
        if len(plain) > _MEMO_LIMIT:
            plain.clear()
        for token in set(tokens).difference(plain):
            if not self.plain(token):
                return False
            plain.add(token)
        return True

    def plain(self, token: str) -> bool:
        """The token is prose (no URL, code, placeholder…) and each of its words is known
        or :meth:`settled`: whatever the segment, nothing in it is misspelt."""
        return _NOT_PROSE_MARK.search(token) is None and all(
            self.speller.known(word) or self.settled(word) for word in _WORD.findall(token)
        )

    def settled(self, word: str) -> bool:
        """A word the dictionary lacks that is right whatever its segment: shaped like a
        name or an abbreviation (:func:`_name_shaped`), or :meth:`excused` (its possessive
        ending aside)."""
        return _name_shaped(word) or self.excused(_bare(word))

    def doubtful(self, unknown: set[str]) -> set[str]:
        """The unknown words only their segment can settle (not :meth:`settled`)."""
        return {w for w in unknown if not self.settled(w)}

    def known(self, word: str) -> bool:
        return self.speller.known(word) or fold(word) in self.ignore

    def excused(self, word: str) -> bool:
        """Known, or :meth:`acceptable` and not the other variety's spelling (decided once)."""
        verdict = self._excused.get(word)
        if verdict is None:
            if len(self._excused) > _MEMO_LIMIT:
                self._excused.clear()
            verdict = self._excused[word] = self.known(word) or (
                self.speller.other_variety(word) is None and self.acceptable(word)
            )
        return verdict

    def derived(self, word: str) -> bool:
        lower = word.lower()
        for suffix in _SUFFIXES:
            base = lower[: -len(suffix)]
            if not lower.endswith(suffix) or len(base) < 4:
                continue
            bases = {base, base + "e"}
            if base[-1] == base[-2]:
                bases.add(base[:-1])  # stopped → stop
            if base.endswith("i"):
                bases.add(base[:-1] + "y")  # happily → happy
            if any(self.known(b) for b in bases):
                return True
        for prefix in _DERIVING_PREFIXES:
            rest = lower[len(prefix) :]
            if lower.startswith(prefix) and len(rest) >= 5 and self.known(rest):
                return True
        return False

    def compound(self, word: str) -> bool:
        lower = word.lower()
        for i in range(4, len(lower) - 3):
            head, tail = lower[:i], lower[i:]
            if head in _FUNCTION_WORDS or tail in _FUNCTION_WORDS:
                continue
            if self.known(head) and self.known(tail):
                return True
        return False

    def acceptable(self, word: str) -> bool:
        return self.known(word) or self.derived(word) or self.compound(word)


#: How many tokens or words a judge remembers before it starts afresh.
_MEMO_LIMIT = 200_000


@lru_cache(maxsize=4)
def _judge_of(speller: Speller, ignore: frozenset[str]) -> _Judge:
    """The judge for a dictionary and a set of accepted words (the same one for a whole
    run, so it decides each word once)."""
    return _Judge(speller, ignore)


def misspellings(
    target: str, source: str, speller: Speller, ignore: frozenset[str] = frozenset()
) -> list[Misspelling]:
    """The unknown words of a target, in order (all occurrences), for underlining.

    ``ignore`` holds folded words that are right whatever the dictionary says (glossary
    targets, do-not-translate terms, the project's word list). A capitalised word that the
    dictionary lacks is a name unless it starts a sentence and the dictionary's nearest
    word is a common one (``Becuase`` → because).
    """
    judge = _judge_of(speller, ignore)
    if judge.plainly_known(target):
        return []
    return _misspellings(target, source, judge)


def _misspellings(target: str, source: str, judge: _Judge) -> list[Misspelling]:
    """:func:`misspellings` of a target that is not :meth:`_Judge.plainly_known`."""
    prose = _prose(target)
    unknown = judge.doubtful(_unknown_words(prose, judge.speller))
    if not unknown:
        return []
    source_words = SourceWords(source)
    found: list[Misspelling] = []
    covered = -1  # the end of a compound reported whole (heebie-jeebies)
    for word in _candidates(prose, unknown):
        if word.start < covered:
            continue
        if _bare(word.word) in source_words:
            continue
        compound = _hyphen_group(target, word)
        if _right_here(target, word, compound, source_words, judge):
            continue
        if compound and not _a_part_acceptable(compound, word.word, judge):
            start = target.index(compound, max(0, word.start - len(compound)))
            found.append(Misspelling(start, start + len(compound), compound))
            covered = start + len(compound)
        else:
            found.append(word)
    return found


def _a_part_acceptable(compound: str, word: str, judge: _Judge) -> bool:
    """Some part of a hyphenated ``compound`` other than ``word`` is a word (else the
    compound is reported whole: heebie-jeebies)."""
    return any(judge.acceptable(part) for part in compound.split("-") if part != word)


def _right_here(
    target: str, word: Misspelling, compound: str, source_words: SourceWords, judge: _Judge
) -> bool:
    """An unknown word that is right where it stands: in a known hyphenated ``compound``
    or one of the source's, after a hyphenated prefix, the head of a German compound kept,
    a unit after a number, a name."""
    text = _bare(word.word)
    if compound and (judge.known(compound) or compound in source_words):
        return True
    if compound and (fold(text) in _PREFIXES or judge.known(text.removesuffix("s"))):
        return True  # semi-final, 30-year-olds
    if compound and fold(text) in _HYPHEN_SUFFIXES and compound.endswith(f"-{text}"):
        return True  # King Kong-esque
    speller = judge.speller
    if source_words.starts_compound(text) and not _typo_of_a_word(speller, text):
        return True  # nodosaur in Nodosaurier, fipronil in fipronilhaltig
    if _beside(target, word):
        return True
    # a name, unless a sentence starts with a common word mistyped
    return text[:1].isupper() and not (
        _sentence_start(target, word.start) and _common_word_typo(speller, text)
    )


#: Lower-case particles of European names (Dôme des Invalides, Rio de Janeiro, Ludwig van
#: Beethoven, Leonardo da Vinci): part of the name when a capitalised word follows.
_NAME_PARTICLES = frozenset([
    "de", "des", "du", "la", "le", "les", "van", "von", "der", "den", "da", "di", "do", "dos",
    "das", "del", "della", "dei", "y", "al", "el", "ter", "ten", "zu", "af",
])  # fmt: skip
_NUMBER_BEFORE = when_used(r"\d[\d.,]*\s?$")
_CAPITAL_AFTER = when_used(r"\s+[^\W\d_]")


def _beside(target: str, word: Misspelling) -> bool:
    """A unit after a number (2 bn euros) or a particle in a name (the Dôme des Invalides)."""
    return _unit_after_number(target, word) or _name_particle(target, word)


def _unit_after_number(target: str, word: Misspelling) -> bool:
    """A short lower-case abbreviation right after a number: a unit or a scale (2 bn,
    5 tn, 30 mpg)."""
    return (
        len(word.word) <= 3
        and word.word.islower()
        and _NUMBER_BEFORE().search(target, 0, word.start) is not None
    )


def _name_particle(target: str, word: Misspelling) -> bool:
    """A name particle (``des`` in "Dôme des Invalides") before a capitalised word."""
    if word.word not in _NAME_PARTICLES:
        return False
    after = _CAPITAL_AFTER().match(target, word.end)
    return after is not None and after.group()[-1].isupper()


def _common_word_typo(speller: Speller, word: str) -> bool:
    """A capitalised word one keystroke away from a common (lower-case) word: a letter
    doubled, swapped with its neighbour or mistyped (``Becuase``, ``Teh``). A name rarely
    is; and this asks the dictionary a few hundred quick questions, not for suggestions."""
    lower = word.lower()
    edits = {lower[:i] + lower[i + 1 :] for i in range(len(lower))}
    edits |= {lower[:i] + lower[i + 1] + lower[i] + lower[i + 2 :] for i in range(len(lower) - 1)}
    edits |= {lower[:i] + c + lower[i + 1 :] for i in range(len(lower)) for c in _LETTERS}
    edits.discard(lower)
    return any(len(e) >= 3 and speller.known(e) for e in edits)


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _typo_of_a_word(speller: Speller, word: str) -> bool:
    """One keystroke away from a word, a dropped letter included (``informatio``)."""
    lower = word.lower()
    dropped = (lower[:i] + c + lower[i:] for i in range(len(lower) + 1) for c in _LETTERS)
    return _common_word_typo(speller, word) or any(speller.known(e) for e in dropped)


def _bare(word: str) -> str:
    """The word without a possessive ending or a trailing apostrophe (Merkel's, cities')."""
    return (word[:-2] if word.endswith(("'s", "’s")) else word).rstrip("'’")


class Spelling(Check):
    """Misspelt word

    A word of the translation is not in the English dictionary of the project's variety
    ([check] variety in workbench.toml: en-US or en-GB, Hunspell's dictionaries) and not in
    the project's word list ([check] words; `workbench check --add-word WORD` adds one). Words that
    also occur in the German source (names), glossary targets, do-not-translate terms,
    URLs, e-mail addresses, code, placeholders, numbers and all-capital abbreviations are
    not checked. The message names the dictionary's suggestions: recieved → received.
    """

    id = "spelling"
    english_target = True
    uses_speller = True
    severity = Severity.WARNING
    pofilter = ("spellcheck",)

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        speller = context.speller
        if speller is None:
            return ()
        found = misspellings(unit.target, unit.source, speller, context.known_words())
        return self._issues(found, speller, context.live) if found else ()

    def _issues(self, found: list[Misspelling], speller: Speller, live: bool) -> Iterator[Issue]:
        """One issue per misspelt word, with the dictionary's suggestions unless ``live``."""
        seen: set[str] = set()
        for m in found:
            if m.word in seen:
                continue
            seen.add(m.word)
            # suggestions are slow (``python -m bench.spelling``, suggest ×): not on every keystroke
            guesses = () if live else speller.suggestions(m.word)
            other = speller.other_variety(m.word)
            if other is not None:
                fix = f" → {guesses[0]}" if guesses else ""
                message = f"{m.word}{fix}: {other} spelling; the project writes {speller.variety}"
            elif guesses:
                also = f" (or {', '.join(guesses[1:3])})" if len(guesses) > 1 else ""
                message = f"{m.word} → {guesses[0]}{also}: not in the {speller.variety} dictionary"
            else:
                message = f"{m.word}: not in the {speller.variety} dictionary"
            yield Issue(message, term=m.word)
