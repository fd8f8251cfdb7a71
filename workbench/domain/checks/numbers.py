"""Numbers and dates that must survive translation, read the German and the English way.

Translate Toolkit's ``numbers`` test compares digit strings, so it false-alarms on every
correct German→English pair: ``1.500`` ↔ ``1,500``, ``3,5`` ↔ ``3.5``, ``25. Oktober`` ↔
``October 25``, ``sechsmal`` ↔ ``six times``. Here each side is read in its own
conventions into values (with alternatives where a token is ambiguous), and the check
compares values: every number in the source must be in the translation and vice versa.

Design choices that keep false alarms away:

* Comparison is by *sets* of values, so a number shared by a range ("vom 25. Oktober bis
  27. Oktober" ↔ "from October 25 to 27") or repeated on one side only is fine.
* Numbers written as words (``sieben``, ``die siebte``, ``sechsmal``, ``ten``, ``twice``)
  are read too, but only ever *excuse* a digit on the other side; a word alone is never
  reported, because "ein" is an article and "second" a unit of time.
* Months are compared as sets: "25. Oktober … 27. Oktober" has one month, like "October
  25 to 27".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from workbench.domain.checks.base import Check, CheckContext, Issue, Severity
from workbench.domain.tags import INLINE_TAG
from workbench.domain.units import Unit

Value = Decimal | str


@dataclass(frozen=True)
class NumberToken:
    """A number as written, the values it can mean, and its value with a scale word."""

    text: str
    values: frozenset[Value]
    scaled: Decimal | None = None

    def matches(self, other: NumberToken) -> bool:
        if self.scaled is not None and other.scaled is not None:
            return self.scaled == other.scaled
        if self.values & other.values:
            return True
        return (self.scaled is not None and self.scaled in other.values) or (
            other.scaled is not None and other.scaled in self.values
        )


@dataclass
class NumberProfile:
    """Everything numeric in one text."""

    numbers: list[NumberToken] = field(default_factory=list)
    words: set[Decimal] = field(default_factory=set)
    months: set[int] = field(default_factory=set)
    #: A numeric date whose month cannot be told (10/11/2024): month comparison is off.
    month_unknown: bool = False


# --- shared pieces ---------------------------------------------------------------------

_SPACE_GROUP = "\u00a0\u202f\u2009"
_TOKEN = re.compile(rf"(?<![\d])\d+(?:(?:[.,]|[{_SPACE_GROUP}](?=\d{{3}}(?!\d)))\d+)*")
_PHONE = re.compile(r"(?:\+|(?<![\w.,])0)[\d \t()/–-]{6,}\d")


def _dec(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _phone_value(text: str) -> str | None:
    digits = re.sub(r"\D", "", text.replace("(0)", ""))
    if len(digits) < 7:
        return None
    if text.lstrip().startswith("+"):
        digits = "0" + digits[2:] if digits.startswith("49") else "00" + digits
    elif digits.startswith("0049"):
        digits = "0" + digits[4:]
    return "tel:" + digits


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _take_phones(text: str, profile: NumberProfile) -> str:
    for m in list(_PHONE.finditer(text)):
        value = _phone_value(m.group())
        if (
            value is not None
            and m.group().count(" ") + m.group().count("/") + m.group().count("-") >= 1
        ):
            profile.numbers.append(NumberToken(m.group().strip(), frozenset({value})))
            text = _blank(text, m.start(), m.end())
    return text


def _time_value(hour: int, minute: int) -> str:
    return f"time:{hour % 24:02d}:{minute:02d}"


def format_english(value: Decimal) -> str:
    """A value as English prose writes it: 1,500 and 3.5."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    whole, _, frac = f"{value.normalize():f}".partition(".")
    return f"{int(whole):,}.{frac}"


# --- months ------------------------------------------------------------------------------

_GERMAN_MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "mär": 3, "april": 4,
    "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}  # fmt: skip
_ENGLISH_MONTHS = {
    "January": 1, "Jan": 1, "February": 2, "Feb": 2, "March": 3, "Mar": 3, "April": 4, "Apr": 4,
    "May": 5, "June": 6, "Jun": 6, "July": 7, "Jul": 7, "August": 8, "Aug": 8, "September": 9,
    "Sept": 9, "Sep": 9, "October": 10, "Oct": 10, "November": 11, "Nov": 11, "December": 12,
    "Dec": 12,
}  # fmt: skip
_MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")  # fmt: skip
_GERMAN_MONTH_RE = re.compile(
    r"\b(" + "|".join(sorted(_GERMAN_MONTHS, key=len, reverse=True)) + r")\b(\.)?", re.I
)
_ENGLISH_MONTH_RE = re.compile(
    r"\b(" + "|".join(sorted(_ENGLISH_MONTHS, key=len, reverse=True)) + r")\b(\.)?"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|[\"“‘(]\s*)$")


def _german_months(text: str) -> set[int]:
    found = set()
    for m in _GERMAN_MONTH_RE.finditer(text):
        word = m.group(1).lower()
        full = len(word) > 4 or word in {"mai", "juni", "juli", "märz"}
        # Abbreviations count only with their dot ("Okt."), full names always.
        if full or m.group(2):
            found.add(_GERMAN_MONTHS[word])
    return found


def _english_months(text: str) -> set[int]:
    found = set()
    for m in _ENGLISH_MONTH_RE.finditer(text):
        word = m.group(1)
        if len(word) <= 4 and word not in {"May", "June", "July"} and not m.group(2):
            nxt = text[m.end() : m.end() + 2].strip()
            if not (nxt[:1].isdigit()):
                continue  # "Jan" is a name unless "Jan." or "Jan 5"
        if word in {"May", "March"}:
            before = text[: m.start()]
            followed_by_digit = bool(re.match(r"\s+\d", text[m.end() :]))
            preceded_by_digit = bool(re.search(r"\d(?:st|nd|rd|th)?\s+$", before))
            if _SENTENCE_START.search(before) and not (followed_by_digit or preceded_by_digit):
                continue  # "May I ...", "March on!"
        found.add(_ENGLISH_MONTHS[word])
    return found


# --- number words ------------------------------------------------------------------------

_DE_BASE = {
    "null": 0, "ein": 1, "eins": 1, "eine": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4,
    "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
    "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17,
    "achtzehn": 18, "neunzehn": 19, "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50,
    "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100, "tausend": 1000,
    "dutzend": 12,
}  # fmt: skip
_DE_ORDINAL_STEMS = {
    "erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7,
    "siebent": 7, "acht": 8, "neunt": 9, "zehnt": 10, "elft": 11, "zwölft": 12,
}  # fmt: skip


def german_number_word(word: str) -> int | None:
    """The value of a German number word, compound, ordinal or multiplicative, else None.

    ``sieben``, ``einundzwanzig``, ``zweihundert``, ``die siebte``, ``zwanzigsten``,
    ``sechsmal``, ``dreifach``.
    """
    w = word.lower()
    value = _german_multiplicative(w)
    if value is None:
        value = _german_cardinal(w)
    if value is None:
        value = _german_ordinal(w)
    return value


_INFLECTIONS = ("e", "en", "er", "es", "em")


def _german_multiplicative(w: str) -> int | None:
    """``sechsmal``, ``einmalig``, ``dreifach``, ``dreifachen``."""
    for suffix in ("malig", "mal", "fach"):
        for ending in ("", *_INFLECTIONS):
            tail = suffix + ending
            if w.endswith(tail) and len(w) > len(tail) + 2:
                return _german_cardinal(w[: -len(tail)])
    return None


def _german_ordinal(w: str) -> int | None:
    """``erste``, ``siebten``, ``dreizehnte``, ``zwanzigsten``."""
    for ending in ("", *_INFLECTIONS):
        if not w.endswith(ending):
            continue
        stem = w[: len(w) - len(ending)]
        if stem in _DE_ORDINAL_STEMS:
            return _DE_ORDINAL_STEMS[stem]
        if not ending:
            continue
        if stem.endswith("st") and (v := _german_cardinal(stem[:-2])) is not None and v >= 20:
            return v
        if stem.endswith("t") and (v := _german_cardinal(stem[:-1])) is not None and 13 <= v <= 19:
            return v
    return None


def _german_cardinal(w: str) -> int | None:
    if not w:
        return None
    if w in _DE_BASE:
        return _DE_BASE[w]
    for big, scale in (("tausend", 1000), ("hundert", 100)):
        left, sep, right = w.partition(big)
        if sep:
            lv = _german_cardinal(left) if left else 1
            rv = _german_cardinal(right.removeprefix("und")) if right else 0
            if lv is None or rv is None:
                return None
            return lv * scale + rv
    left, sep, right = w.partition("und")
    if sep and left and right:
        lv, rv = _german_cardinal(left), _german_cardinal(right)
        if lv is not None and rv is not None and lv < 10 and rv % 10 == 0 and rv >= 20:
            return lv + rv
    return None


_EN_BASE = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "dozen": 12, "once": 1, "twice": 2, "thrice": 3, "single": 1, "double": 2, "triple": 3,
}  # fmt: skip
_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100, "thousandth": 1000,
}  # fmt: skip


def english_number_word(word: str) -> int | None:
    """The value of an English number word (``seven``, ``twenty-five``, ``seventh``, ``twice``)."""
    w = word.lower()
    if w in _EN_BASE:
        return _EN_BASE[w]
    if w in _EN_ORDINALS:
        return _EN_ORDINALS[w]
    if w.endswith("teenth") and w[:-2] in _EN_BASE:
        return _EN_BASE[w[:-2]]
    if "-" in w:
        tens, _, unit = w.partition("-")
        t, u = _EN_BASE.get(tens), _EN_BASE.get(unit, _EN_ORDINALS.get(unit))
        if t is not None and u is not None and t >= 20 and t % 10 == 0 and u < 10:
            return t + u
    return None


_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _english_words(text: str) -> set[Decimal]:
    """English number words, and phrases such as "two hundred and fifty" as one value too."""
    values: set[Decimal] = set()
    total = current = 0
    in_phrase = False
    for m in _WORDS.finditer(text):
        word = m.group().lower()
        value = english_number_word(word)
        if value is None:
            if word == "and" and in_phrase:
                continue
            if in_phrase:
                values.add(Decimal(total + current))
            total = current = 0
            in_phrase = False
            continue
        values.add(Decimal(value))
        in_phrase = True
        if value == 100:
            current = max(current, 1) * 100
        elif value == 1000:
            total += max(current, 1) * 1000
            current = 0
        else:
            current += value
    if in_phrase:
        values.add(Decimal(total + current))
    return values


def _german_words(text: str) -> set[Decimal]:
    values: set[Decimal] = set()
    for m in _WORDS.finditer(text):
        for part in m.group().split("-"):
            value = german_number_word(part)
            if value is not None:
                values.add(Decimal(value))
    return values


# --- reading each language -----------------------------------------------------------------

_DE_SCALES = [
    (re.compile(r"\s*(?:Millionen|Million|Mio\.?)(?!\w)"), Decimal(10) ** 6),
    (re.compile(r"\s*(?:Milliarden|Milliarde|Mrd\.?)(?!\w)"), Decimal(10) ** 9),
    (re.compile(r"\s*(?:Billionen|Billion)(?!\w)"), Decimal(10) ** 12),
    (re.compile(r"\s*(?:Tausend)(?!\w)", re.I), Decimal(1000)),
]
_EN_SCALES = [
    (re.compile(r"\s*(?:million|mn|m)(?!\w)"), Decimal(10) ** 6),
    (re.compile(r"\s*(?:billion|bn)(?!\w)"), Decimal(10) ** 9),
    (re.compile(r"\s*(?:trillion)(?!\w)"), Decimal(10) ** 12),
    (re.compile(r"\s*(?:thousand)(?!\w)"), Decimal(1000)),
]


def _scale(text: str, end: int, scales: list[tuple[re.Pattern[str], Decimal]]) -> Decimal | None:
    for pattern, factor in scales:
        if pattern.match(text, end):
            return factor
    return None


_DE_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2}(?!\d))?")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_EN_SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")
_DE_TIME = re.compile(r"(?<![\d.,])(\d{1,2})(?:[.:](\d{2}))?\s*Uhr\b")
_EN_TIME = re.compile(r"(?<![\d.,])(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\b\.?", re.I)
_EN_CLOCK = re.compile(r"(?<![\d.,:])(\d{1,2}):(\d{2})(?![\d:])")


def _int_token(text: str) -> NumberToken:
    return NumberToken(text, frozenset({Decimal(int(text))}))


def _take_dates_de(text: str, profile: NumberProfile) -> str:
    for m in list(_DE_DATE.finditer(text)):
        day, month = int(m.group(1)), int(m.group(2))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        if m.group(3) is None and re.match(r"\d", text[m.end() : m.end() + 1]):
            continue
        profile.numbers.append(_int_token(m.group(1)))
        profile.months.add(month)
        if m.group(3):
            year = int(m.group(3))
            profile.numbers.append(
                NumberToken(m.group(3), frozenset({Decimal(year), Decimal(year + 2000)}))
            )
        text = _blank(text, m.start(), m.end())
    return text


def _take_iso_dates(text: str, profile: NumberProfile) -> str:
    for m in list(_ISO_DATE.finditer(text)):
        profile.numbers.append(_int_token(m.group(1)))
        profile.numbers.append(_int_token(m.group(3)))
        profile.months.add(int(m.group(2)))
        text = _blank(text, m.start(), m.end())
    return text


def _take_slash_dates(text: str, profile: NumberProfile) -> str:
    for m in list(_EN_SLASH_DATE.finditer(text)):
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        profile.numbers.append(NumberToken(m.group(), frozenset({Decimal(a), Decimal(b)})))
        profile.numbers.append(NumberToken(m.group(3), frozenset({Decimal(y), Decimal(y + 2000)})))
        profile.month_unknown = True
        text = _blank(text, m.start(), m.end())
    return text


def _take_times(text: str, profile: NumberProfile, english: bool) -> str:
    if english:
        for m in list(_EN_TIME.finditer(text)):
            hour, minute = int(m.group(1)), int(m.group(2) or 0)
            hour = hour % 12 + (12 if m.group(3).lower() == "p" else 0)
            profile.numbers.append(
                NumberToken(m.group().strip(), frozenset({_time_value(hour, minute)}))
            )
            text = _blank(text, m.start(), m.end())
        for m in list(_EN_CLOCK.finditer(text)):
            hour, minute = int(m.group(1)), int(m.group(2))
            clock = {_time_value(hour, minute)}
            if hour < 12:  # "2:30" without a.m./p.m. may be either
                clock.add(_time_value(hour + 12, minute))
            profile.numbers.append(NumberToken(m.group(), frozenset(clock)))
            text = _blank(text, m.start(), m.end())
        return text
    for m in list(_DE_TIME.finditer(text)):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        values: set[Value] = {_time_value(hour, minute)}
        if not m.group(2):
            values.add(Decimal(hour))  # "14 Uhr" ↔ "14:00" or "2 p.m." or "2 o'clock"
            if hour > 12:
                values.add(Decimal(hour - 12))
        profile.numbers.append(NumberToken(m.group().strip(), frozenset(values)))
        text = _blank(text, m.start(), m.end())
    return text


_DE_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_EN_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def read_german_number(token: str) -> Value:
    """The value of a German number token: ``1.500`` → 1500, ``3,5`` → 3.5."""
    token = re.sub(f"[{_SPACE_GROUP}]", "", token)
    if _DE_GROUPED.fullmatch(token):
        return _dec(token.replace(".", "").replace(",", ".")) or token
    if re.fullmatch(r"\d+(?:,\d+)?", token):
        return _dec(token.replace(",", ".")) or token
    if re.fullmatch(r"\d+\.\d+", token):  # English-style decimal in a German text
        return _dec(token) or token
    return token


def read_english_number(token: str) -> Value:
    """The value of an English number token: ``1,500`` → 1500, ``3.5`` → 3.5."""
    token = re.sub(f"[{_SPACE_GROUP}]", "", token)
    if _EN_GROUPED.fullmatch(token):
        return _dec(token.replace(",", "")) or token
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return _dec(token) or token
    return token


def _take_plain(text: str, profile: NumberProfile, english: bool) -> None:
    read = read_english_number if english else read_german_number
    scales = _EN_SCALES if english else _DE_SCALES
    for m in _TOKEN.finditer(text):
        value = read(m.group())
        factor = _scale(text, m.end(), scales)
        scaled = value * factor if isinstance(value, Decimal) and factor is not None else None
        profile.numbers.append(NumberToken(m.group(), frozenset({value}), scaled))


def german_profile(text: str) -> NumberProfile:
    """Numbers, number words and months of a German text."""
    profile = NumberProfile(months=_german_months(text), words=_german_words(text))
    rest = _take_phones(text, profile)
    rest = _take_iso_dates(rest, profile)
    rest = _take_dates_de(rest, profile)
    rest = _take_times(rest, profile, english=False)
    _take_plain(rest, profile, english=False)
    return profile


def english_profile(text: str) -> NumberProfile:
    """Numbers, number words and months of an English text."""
    profile = NumberProfile(months=_english_months(text), words=_english_words(text))
    rest = _take_phones(text, profile)
    rest = _take_iso_dates(rest, profile)
    rest = _take_slash_dates(rest, profile)
    rest = _take_times(rest, profile, english=True)
    _take_plain(rest, profile, english=True)
    return profile


def _excused(token: NumberToken, words: set[Decimal]) -> bool:
    return bool(token.values & words) or (token.scaled is not None and token.scaled in words)


def number_issues(source: str, target: str) -> list[Issue]:
    """What differs in numbers, dates and months between a German source and its English target."""
    has_digits = re.search(r"\d", source) or re.search(r"\d", target)
    if not has_digits and not (_GERMAN_MONTH_RE.search(source) or _ENGLISH_MONTH_RE.search(target)):
        return []
    src, tgt = german_profile(source), english_profile(target)
    missing = [
        s
        for s in src.numbers
        if not (any(s.matches(t) for t in tgt.numbers) or _excused(s, tgt.words))
    ]
    extra = [
        t
        for t in tgt.numbers
        if not (any(t.matches(s) for s in src.numbers) or _excused(t, src.words))
    ]
    issues: list[Issue] = []
    for t in extra:
        german = _german_notation(t, missing)
        if german is not None:
            # One mistake, one finding: "1.500" kept in German notation reads as 1.5.
            missing = [s for s in missing if german not in s.values]
            value = next(iter(t.values))
            reads = (
                f" (English reads it as {format_english(value)})"
                if isinstance(value, Decimal)
                else ""
            )
            issues.append(
                Issue(
                    f"{t.text} is German notation{reads}; write {_swap_marks(t.text)}",
                    term=t.text,
                )
            )
        else:
            issues.append(Issue(f"{t.text} in the translation is not in the source", term=t.text))
    issues[:0] = [
        Issue(f"{s.text} {_reading(s)}is not in the translation", term=s.text) for s in missing
    ]
    if not (src.month_unknown or tgt.month_unknown):
        for month in sorted(src.months - tgt.months):
            issues.append(
                Issue(
                    f"the month {_MONTH_NAMES[month]} is not in the translation",
                    term=_MONTH_NAMES[month],
                )
            )
        for month in sorted(tgt.months - src.months):
            name = _MONTH_NAMES[month]
            issues.append(
                Issue(f"the month {name} in the translation is not in the source", term=name)
            )
    return issues


def _reading(token: NumberToken) -> str:
    if token.scaled is not None:
        return f"(= {format_english(token.scaled)}) "
    value = next(iter(token.values)) if len(token.values) == 1 else None
    if isinstance(value, Decimal) and re.search(r"[.,]", token.text):
        return f"(= {format_english(value)}) "
    return ""


def _swap_marks(token: str) -> str:
    """German ``1.500,75`` written the English way: ``1,500.75``."""
    return token.translate(str.maketrans(".,", ",."))


def _german_notation(token: NumberToken, missing: list[NumberToken]) -> Decimal | None:
    """The value a target number has when read the German way, if a missing source number has it."""
    german = read_german_number(token.text)
    if german in token.values or not isinstance(german, Decimal):
        return None
    return german if any(german in s.values for s in missing) else None


class Numbers(Check):
    """Numbers do not match the source

    Every number, date and time in the German source must appear in the translation,
    read the English way: 1.500 ↔ 1,500, 3,5 ↔ 3.5, 25. Oktober ↔ October 25 or
    25 October, 14.30 Uhr ↔ 2:30 p.m., 50 Prozent ↔ 50 percent or 50%, phone numbers in
    any grouping. A number written as a word on one side and in digits on the other
    matches (sechsmal ↔ six times, die siebte ↔ the 7th); months are compared as sets,
    so a month shared by a range is fine.
    """

    id = "numbers"
    severity = Severity.ERROR
    pofilter = ("numbers",)

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        source, target = unit.source, unit.target
        if "<" in source or "<" in target:  # the digits of inline tags (<a2>) are no numbers
            source, target = INLINE_TAG.sub(" ", source), INLINE_TAG.sub(" ", target)
        return number_issues(source, target)
