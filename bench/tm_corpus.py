"""Synthetic German/English sentence pairs for the translation-memory benchmark.

Deterministic for a seed. The German side has the shape of administrative and news prose:
sentences of 6 to 45 tokens (log-normal, about 19 words on average), about half of them
function words at their real relative frequencies, the rest content words drawn from a
Zipf distribution over a large vocabulary: compound nouns made of two or three of 120
roots (tens of thousands of types, most of them rare, as in a real memory), inflected
adjectives and verbs, proper names, years, amounts in German number format (1.500, 3,5)
and a comma or two. The English side maps every German word through a fixed synthetic
dictionary, so each pair is consistent; it is only stored and returned, never matched.

Queries for the benchmark come in two kinds (:func:`fuzzy_queries`, :func:`fresh_queries`):
a memory sentence with one to four token edits (replace, insert, delete, another number),
which has a 75-99 % match; and freshly generated sentences, which have none.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Sequence

from bench.glossary import ADJECTIVES as GLOSSARY_ADJECTIVES
from bench.glossary import ROOTS as GLOSSARY_ROOTS

SEED = 20251130

#: German function words with their English counterpart, most frequent first.
FUNCTION_WORDS = (
    ("der", "the"), ("die", "the"), ("und", "and"), ("in", "in"), ("den", "the"),
    ("von", "of"), ("zu", "to"), ("das", "the"), ("mit", "with"), ("sich", "itself"),
    ("des", "of the"), ("auf", "on"), ("für", "for"), ("ist", "is"), ("im", "in the"),
    ("dem", "the"), ("nicht", "not"), ("ein", "a"), ("eine", "a"), ("als", "as"),
    ("auch", "also"), ("es", "it"), ("an", "at"), ("werden", "are"), ("aus", "from"),
    ("er", "he"), ("hat", "has"), ("dass", "that"), ("sie", "they"), ("nach", "after"),
    ("wird", "is"), ("bei", "at"), ("einer", "a"), ("um", "around"), ("am", "on the"),
    ("sind", "are"), ("noch", "still"), ("wie", "how"), ("einem", "a"), ("über", "about"),
    ("einen", "a"), ("so", "so"), ("zum", "to the"), ("war", "was"), ("haben", "have"),
    ("nur", "only"), ("oder", "or"), ("aber", "but"), ("vor", "before"), ("zur", "to the"),
    ("bis", "until"), ("mehr", "more"), ("durch", "through"), ("man", "one"),
    ("sowie", "as well as"), ("wurde", "was"), ("seit", "since"), ("unter", "under"),
    ("zwischen", "between"), ("gegen", "against"), ("ohne", "without"), ("sowohl", "both"),
)  # fmt: skip

#: The glossary benchmark's roots and more, for compound nouns.
ROOTS = {
    **GLOSSARY_ROOTS,
    "Kind": "child", "Arbeit": "labour", "Wohnung": "housing", "Miete": "rent", "Steuer": "tax",
    "Recht": "law", "Gesetz": "act", "Antrag": "application", "Frist": "deadline",
    "Behörde": "authority", "Landes": "state", "Bundes": "federal", "Kirche": "church",
    "Kranken": "sick", "Pflege": "care", "Versicherung": "insurance", "Rente": "pension",
    "Strom": "power", "Gas": "gas", "Wärme": "heat", "Abfall": "waste", "Luft": "air",
    "Boden": "soil", "Klima": "climate", "Schutz": "protection", "Natur": "nature",
    "Tier": "animal", "Flug": "flight", "Schiff": "ship", "Auto": "car", "Rad": "bicycle",
    "Fuß": "foot", "Weg": "path", "Platz": "square", "Park": "park", "Hof": "court",
    "Turm": "tower", "Mauer": "wall", "Tor": "gate", "Schloss": "castle", "Dorf": "village",
    "Region": "region", "Grenze": "border", "Zoll": "customs", "Post": "postal",
    "Daten": "data", "Software": "software", "Rechen": "computing", "Sicherheit": "security",
    "Wahl": "election", "Partei": "party", "Haushalt": "budget", "Kosten": "cost",
    "Preis": "price", "Lohn": "wage", "Zins": "interest", "Kredit": "credit", "Bank": "bank",
    "Geld": "money", "Wert": "value", "Leistung": "performance", "Qualität": "quality",
    "Prüfung": "inspection", "Bericht": "report", "Zeit": "time",
}  # fmt: skip

ADJECTIVES = {
    **GLOSSARY_ADJECTIVES,
    "neu": "new", "groß": "large", "klein": "small", "wichtig": "important", "hoch": "high",
    "erst": "first", "letzt": "last", "weit": "further", "gemeinsam": "joint",
    "jährlich": "annual", "zuständig": "responsible", "geplant": "planned",
    "zusätzlich": "additional", "bisherig": "previous", "künftig": "future",
    "europäisch": "European", "deutsch": "German", "wirtschaftlich": "economic",
    "technisch": "technical", "rechtlich": "legal",
}  # fmt: skip
ADJ_ENDINGS = ("e", "en", "er", "es", "em")

VERBS = {
    "unterstützt": "supports", "fördert": "promotes", "plant": "plans", "prüft": "examines",
    "beschließt": "decides", "eröffnet": "opens", "verlängert": "extends",
    "genehmigt": "approves", "finanziert": "finances", "organisiert": "organises",
    "besucht": "visits", "stärkt": "strengthens", "erweitert": "expands",
    "verbessert": "improves", "veröffentlicht": "publishes", "beantragt": "applies for",
    "berichtet": "reports", "übernimmt": "takes over", "vereinbart": "agrees",
    "startet": "launches", "entwickelt": "develops", "baut": "builds", "senkt": "lowers",
    "erhöht": "raises", "bestätigt": "confirms", "begrüßt": "welcomes", "nennt": "names",
    "zeigt": "shows", "stellt": "presents", "liegt": "lies", "gilt": "applies",
    "bleibt": "remains", "kostet": "costs", "umfasst": "comprises", "betrifft": "concerns",
}  # fmt: skip

VERB_PREFIXES = ("", "mit", "neu ", "weiter", "gemeinsam ", "nicht ", "erneut ", "zusätzlich ")
SYLLABLES = ("ka", "lo", "ber", "tin", "mar", "hau", "sen", "ro", "wi", "del", "mu", "zer",
             "han", "gi", "fel", "dorf", "burg", "stein", "bach", "ow")  # fmt: skip
MONTHS = (("Januar", "January"), ("März", "March"), ("Mai", "May"), ("Juni", "June"),
          ("Oktober", "October"), ("Dezember", "December"))  # fmt: skip


class Vocabulary:
    """Content words (German → English) in a fixed Zipf order, and samplers over them."""

    def __init__(self, seed: int = SEED) -> None:
        rng = random.Random(seed)
        roots = list(ROOTS)
        # the most frequent first: the roots, then two-part compounds, then the long tail of
        # three-part compounds and place names (each tier shuffled)
        two = [
            (a + b.lower(), f"{ROOTS[a]} {ROOTS[b]}") for a, b in itertools.permutations(roots, 2)
        ]
        tail: dict[str, str] = {}
        for _ in range(30_000):
            a, b, c = rng.sample(roots, 3)
            tail[a + b.lower() + c.lower()] = f"{ROOTS[a]} {ROOTS[b]} {ROOTS[c]}"
        for _ in range(8_000):
            name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
            tail[name] = name
        tiers = [list(ROOTS.items()), two, list(tail.items())]
        for tier in tiers:
            rng.shuffle(tier)
        self.nouns = [pair for tier in tiers for pair in tier]
        # Zipf over ranks (s = 1, with an offset so the head is not all one word)
        self.noun_weights = _zipf(len(self.nouns), 100)
        self.function_weights = _zipf(len(FUNCTION_WORDS), 1)
        # inflected adjectives and verb forms, each list in a Zipf order of its own
        self.adjectives = [
            (de + ending, en) for de, en in ADJECTIVES.items() for ending in ADJ_ENDINGS
        ]
        self.verbs = [
            (prefix + de + ending, en)
            for de, en in VERBS.items()
            for prefix in VERB_PREFIXES
            for ending in ("", "e", "en")
        ]
        for forms in (self.adjectives, self.verbs):
            rng.shuffle(forms)
        self.adjective_weights = _zipf(len(self.adjectives), 20)
        self.verb_weights = _zipf(len(self.verbs), 20)

    def noun(self, rng: random.Random) -> tuple[str, str]:
        return rng.choices(self.nouns, cum_weights=self.noun_weights)[0]

    def function_word(self, rng: random.Random) -> tuple[str, str]:
        return rng.choices(FUNCTION_WORDS, cum_weights=self.function_weights)[0]

    def word(self, rng: random.Random) -> tuple[str, str]:
        """One token of running text: function word, noun, adjective, verb, number."""
        roll = rng.random()
        if roll < 0.48:
            return self.function_word(rng)
        if roll < 0.80:
            return self.noun(rng)
        if roll < 0.88:
            return rng.choices(self.adjectives, cum_weights=self.adjective_weights)[0]
        if roll < 0.96:
            return rng.choices(self.verbs, cum_weights=self.verb_weights)[0]
        return number(rng)

    def sentence(self, rng: random.Random) -> tuple[str, str]:
        """One German sentence and its English rendering."""
        n = min(45, max(6, round(rng.lognormvariate(2.85, 0.45))))
        pairs = [self.word(rng) for _ in range(n)]
        de = [p[0] for p in pairs]
        en = [p[1] for p in pairs]
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            at = rng.randrange(2, n)
            de[at - 1] += ","
            en[at - 1] += ","
        first = self.noun(rng)
        return _sentence([first[0], *de]), _sentence([first[1], *en])


def _zipf(n: int, offset: int) -> list[float]:
    return list(itertools.accumulate(1.0 / (r + offset) for r in range(n)))


def number(rng: random.Random) -> tuple[str, str]:
    """A year, a date, an amount (German thousands dot, decimal comma) or a percentage."""
    roll = rng.random()
    if roll < 0.35:
        year = str(rng.randint(1950, 2030))
        return year, year
    if roll < 0.55:
        day = rng.randint(1, 28)
        month = rng.choice(MONTHS)
        return f"{day}. {month[0]}", f"{month[1]} {day}"
    if roll < 0.8:
        value = rng.randint(1_000, 250_000)
        return f"{value:,}".replace(",", "."), f"{value:,}"
    if roll < 0.9:
        whole, part = rng.randint(0, 99), rng.randint(1, 9)
        return f"{whole},{part}", f"{whole}.{part}"
    pct = rng.randint(1, 99)
    return f"{pct} Prozent", f"{pct} percent"


def _sentence(words: Sequence[str]) -> str:
    text = " ".join(words).rstrip(",")
    return text[:1].upper() + text[1:] + "."


def pairs(
    n: int, seed: int = SEED, vocabulary: Vocabulary | None = None
) -> Iterator[tuple[str, str]]:
    """``n`` (German, English) pairs, the same for the same seed."""
    vocab = vocabulary or Vocabulary()
    rng = random.Random(seed)
    for _ in range(n):
        yield vocab.sentence(rng)


def edit(sentence: str, rng: random.Random, vocab: Vocabulary, edits: int) -> str:
    """The sentence with ``edits`` word-level edits (replace, insert, delete, new number)."""
    words = sentence[:-1].split(" ")
    for _ in range(edits):
        kind = rng.random()
        at = rng.randrange(len(words))
        if kind < 0.45:
            words[at] = vocab.word(rng)[0]
        elif kind < 0.7 and len(words) > 4:
            del words[at]
        elif kind < 0.9:
            words.insert(at, vocab.word(rng)[0])
        else:
            words[at] = number(rng)[0].split(" ")[0]
    return _sentence(words)


def fuzzy_queries(
    memory_sources: Sequence[str],
    n: int,
    seed: int = SEED + 1,
    vocabulary: Vocabulary | None = None,
) -> list[str]:
    """``n`` new sentences, each a memory sentence with 1-4 edits (not itself in memory)."""
    vocab = vocabulary or Vocabulary()
    rng = random.Random(seed)
    known = set(memory_sources)
    out: list[str] = []
    while len(out) < n:
        base = rng.choice(memory_sources)
        words = base.count(" ") + 1
        most = max(1, min(4, words // 5))
        query = edit(base, rng, vocab, rng.randint(1, most))
        if query not in known:
            out.append(query)
    return out


def fresh_queries(n: int, seed: int = SEED + 2, vocabulary: Vocabulary | None = None) -> list[str]:
    """``n`` freshly generated sentences (another seed): they have no match in the memory."""
    return [de for de, _ in pairs(n, seed, vocabulary)]
