"""Numbers and dates that must survive translation, read the German and the English way.

Translate Toolkit's ``numbers`` test compares digit strings, so it false-alarms on every
correct German→English pair: ``1.500`` ↔ ``1,500``, ``3,5`` ↔ ``3.5``, ``25. Oktober`` ↔
``October 25``, ``sechsmal`` ↔ ``six times``. Here each side is read in its own
conventions into values, with every reading a token can have (``2.100`` after "Version" is
a version, ``17:21`` a score or a time, ``7 000`` seven thousand or two numbers), and the
check compares values: every number in the source must be in the translation and vice
versa.

Design choices that keep false alarms away:

* Comparison is by *sets* of values, so a number shared by a range ("vom 25. Oktober bis
  27. Oktober" ↔ "from October 25 to 27") or repeated on one side only is fine.
* Numbers written as words (``sieben``, ``die siebte``, ``achtstündig``, ``Achtelfinale``,
  ``ten``, ``twice``) are read too, but only ever *excuse* a digit on the other side; a word
  alone is never reported, because "ein" is an article and "second" a unit of time.
* Months are compared as sets, and a month name counts only where it reads as a month
  ("in May", "May 5"), not as a name ("Theresa May"); alone ("Mai" ↔ "May", a calendar's
  label) it may be the other side's month where that side names no other.
* What the translation copies as written is a name, not a number to localise: program
  text (``gtk-menu=16,16``), a version of three dotted groups (``1.1.92``), the positions
  of format directives (``%2$Rg``), the German key label ``Pos1`` (English: Home).
* A measurement converted to the other unit system (500 Meter ↔ 1,650 feet, 30 Grad ↔
  86 °F) matches when the values agree to within the rounding translators use.
* One mistake, one finding: a number changed in the translation is one finding naming
  both, not one for the missing number and one for the new one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from workbench.domain.checks.base import Check, CheckContext, Issue, Severity
from workbench.domain.checks.software import (
    CODE_TOKEN,
    GCC_DIRECTIVE,
    GERMAN_GROUPED,
    gcc_diagnostic,
    without_shared_code,
)
from workbench.domain.patterns import when_used
from workbench.domain.tags import INLINE_TAG, PRINTF
from workbench.domain.units import Unit

#: What a number token can mean: a value, or a tagged reading (``time:14:30``,
#: ``pair:17:21``, ``tel:030…``, ``text:2.100``) compared as is.
Value = Decimal | str


@dataclass(frozen=True, slots=True)
class Measure:
    """The unit after a number: what it measures, in which system, and how to convert."""

    dimension: str
    system: str
    factor: Decimal
    offset: Decimal = Decimal(0)

    def base(self, value: Decimal) -> Decimal:
        """The value in the dimension's base unit (metres, kilograms, litres, °C, …)."""
        return value * self.factor + self.offset


#: How closely a converted measurement must agree (translators round: 500 m ≈ 1,650 ft).
CONVERSION_TOLERANCE = Decimal("0.05")


@dataclass(frozen=True, slots=True)
class NumberToken:
    """A number as written, the values it can mean, and what else it may be.

    ``scaled`` is the value with a scale word (1,5 Millionen → 1,500,000); ``measures`` what
    the unit after it can mean ("degrees" are Celsius or Fahrenheit, "gallons" US or
    imperial); ``parts`` the numbers it is made of when it is not read as a whole (the
    score "7-3" may be the range 7 to 3; "2019 100" may be two numbers).
    """

    text: str
    values: frozenset[Value]
    start: int = 0
    scaled: Decimal | None = None
    measures: tuple[Measure, ...] = ()
    parts: tuple[NumberToken, ...] = ()
    #: A number the other side may leave out: the digit of a label that translates
    #: without it (the German key ``Pos1`` is the English ``Home``). It still accounts for
    #: the same number on the other side.
    optional: bool = False

    def matches(self, other: NumberToken) -> bool:
        """True when the two can be the same number (one reading in common, or the same
        measurement in the other unit system)."""
        if self.scaled is not None and other.scaled is not None:
            return self.scaled == other.scaled
        if self.values & other.values:
            return True
        if f"text:{other.text}" in self.values or f"text:{self.text}" in other.values:
            return True  # a version ("Version 1.18") written the same on the other side
        if (self.scaled is not None and self.scaled in other.values) or (
            other.scaled is not None and other.scaled in self.values
        ):
            return True
        return self._converted(other)

    def _converted(self, other: NumberToken) -> bool:
        for a in self.measures:
            for b in other.measures:
                if a.dimension != b.dimension or a.system == b.system:
                    continue
                for x in self.numeric():
                    for y in other.numeric():
                        bx, by = a.base(x), b.base(y)
                        scale = max(abs(bx), abs(by), Decimal(1))
                        if abs(bx - by) <= CONVERSION_TOLERANCE * scale:
                            return True
        return False

    def numeric(self) -> Iterator[Decimal]:
        """The plain numeric readings (the scaled one first)."""
        if self.scaled is not None:
            yield self.scaled
        for v in self.values:
            if isinstance(v, Decimal):
                yield v


@dataclass
class NumberProfile:
    """Everything numeric in one text."""

    numbers: list[NumberToken] = field(default_factory=list)
    words: set[Decimal] = field(default_factory=set)
    months: set[int] = field(default_factory=set)
    #: Month names that may be a month but do not read as one for sure ("May" alone: the
    #: month, the verb or a name): they account for a month of the other side only where
    #: nothing else can (see :func:`_month_issues`).
    maybe_months: set[int] = field(default_factory=set)
    #: A numeric date whose month cannot be told (10/11/2024): month comparison is off.
    month_unknown: bool = False

    def atoms(self) -> list[NumberToken]:
        """Every token and every part of one, as the other side may match them."""
        return [a for t in self.numbers for a in (t, *t.parts)]


# --- shared pieces ---------------------------------------------------------------------

#: Digit group separators that are never decimal marks: no-break and thin spaces, Swiss '.
_FIXED_GROUP = "\u00a0\u202f\u2009'’"
_TOKEN = re.compile(rf"(?<![\d])\d+(?:(?:[.,]|[ {_FIXED_GROUP}](?=\d{{3}}(?![\d.,]\d)(?!\d)))\d+)*")
_PHONE = re.compile(r"(?:\+|(?<![\w.,])0)[\d \t()/–-]{6,}\d")
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)


def _dec(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _or_text(value: Decimal | None, token: str) -> Value:
    """The value read, or the token as written when it does not read as a number."""
    return token if value is None else value


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _int_token(text: str, start: int = 0) -> NumberToken:
    return NumberToken(text, frozenset({Decimal(int(text))}), start)


def _time_value(hour: int, minute: int) -> str:
    return f"time:{hour % 24:02d}:{minute:02d}"


def format_english(value: Decimal) -> str:
    """A value as English prose writes it: 1,500 and 3.5."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    whole, _, frac = f"{value.normalize():f}".partition(".")
    return f"{int(whole):,}.{frac}"


Taker = Callable[[str, NumberProfile], str]


def _take(pattern: re.Pattern[str], read: Callable[[re.Match[str], NumberProfile], bool]) -> Taker:
    """A reader: every match that ``read`` accepts is recorded and blanked out of the text."""

    def take(text: str, profile: NumberProfile) -> str:
        for m in list(pattern.finditer(text)):
            if read(m, profile):
                text = _blank(text, m.start(), m.end())
        return text

    return take


# --- things that look numeric but are names: URLs, versions -------------------------------

#: A version after a word that announces one ("Version 2.100", "iOS 12.1"): kept as written.
_VERSION = re.compile(
    r"\b(?:\w*[Vv]ersion|[Rr]elease|[Uu]pdate|[Ff]irmware|[Bb]uild|iOS|Android|Windows|"
    r"macOS|Python|Java|Linux|Kernel|v|V)\s?(\d+(?:\.\d+)+)(?![\d.,]*\d)"
)
#: Three or more dotted groups that are no German number (2.0.1, 1.2.3.4): a version or a
#: section number, kept as written. Read after the dates, which have the same shape.
_DOTTED = re.compile(r"(?<![\d.,])(\d+\.\d+(?:\.\d+)+)(?![\d.,]*\d)")


def _read_version(m: re.Match[str], profile: NumberProfile) -> bool:
    text = m.group(1)
    if all(len(g) == 3 for g in text.split(".")[1:]) and m.re is _DOTTED:
        return False  # 1.500.000 is a German number, not a version
    profile.numbers.append(NumberToken(text, frozenset({f"text:{text}"}), m.start(1)))
    return True


#: German key labels with a digit: ``Pos1`` (also ``Pos 1``) is the key English calls
#: Home or Begin.
_KEY_LABEL = re.compile(r"\bPos ?1\b")


def _read_key_label(m: re.Match[str], profile: NumberProfile) -> bool:
    profile.numbers.append(
        NumberToken(m.group(), frozenset({Decimal(1)}), m.start(), optional=True)
    )
    return True


def _skip_urls(text: str, profile: NumberProfile) -> str:
    for m in list(_URL.finditer(text)):
        text = _blank(text, m.start(), m.end())
    return text


# --- dates ---------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DE_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2}(?!\d))?(?!\d)")
_SLASH_DATE = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/]|\.\d)")
_YEAR_RANGE = re.compile(r"(?<![\d.,])(1[5-9]\d\d|20\d\d)\s?[/–-]\s?(\d{4}|\d{2})(?![\d.,]\d|\d)")


def _year_values(text: str) -> frozenset[Value]:
    year = int(text)
    return (
        frozenset({Decimal(year), Decimal(year + 2000)})
        if len(text) == 2
        else frozenset({Decimal(year)})
    )


def _read_iso(m: re.Match[str], profile: NumberProfile) -> bool:
    profile.numbers.append(_int_token(m.group(1), m.start(1)))
    profile.numbers.append(_int_token(m.group(3), m.start(3)))
    profile.months.add(int(m.group(2)))
    return True


def _read_year_range(m: re.Match[str], profile: NumberProfile) -> bool:
    first, second = int(m.group(1)), m.group(2)
    if len(second) == 2:
        century = first // 100 * 100
        full = century + int(second) + (100 if int(second) < first % 100 else 0)
    else:
        full = int(second)
    if not 0 < full - first <= 30:
        return False
    profile.numbers.append(_int_token(m.group(1), m.start(1)))
    profile.numbers.append(
        NumberToken(second, frozenset({Decimal(full), Decimal(int(second))}), m.start(2))
    )
    return True


def _read_german_date(m: re.Match[str], profile: NumberProfile) -> bool:
    day, month = int(m.group(1)), int(m.group(2))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    profile.numbers.append(_int_token(m.group(1), m.start(1)))
    profile.months.add(month)
    if m.group(3):
        profile.numbers.append(NumberToken(m.group(3), _year_values(m.group(3)), m.start(3)))
    return True


def _read_slash_date(m: re.Match[str], profile: NumberProfile) -> bool:
    a, b = int(m.group(1)), int(m.group(2))
    if not (1 <= a <= 31 and 1 <= b <= 31 and min(a, b) <= 12):
        return False
    values: set[Value] = {Decimal(a), Decimal(b)}
    if not m.group(3) and b:
        values.add(Decimal(a) / Decimal(b))  # 1/2 may be a half
    profile.numbers.append(NumberToken(f"{m.group(1)}/{m.group(2)}", frozenset(values), m.start()))
    if m.group(3):
        profile.numbers.append(NumberToken(m.group(3), _year_values(m.group(3)), m.start(3)))
    profile.month_unknown = True
    return True


# --- phone numbers ---------------------------------------------------------------------------


def _phone_value(text: str) -> str | None:
    digits = re.sub(r"\D", "", text.replace("(0)", ""))
    if len(digits) < 7:
        return None
    if text.lstrip().startswith("+"):
        digits = "0" + digits[2:] if digits.startswith("49") else "00" + digits
    elif digits.startswith("0049"):
        digits = "0" + digits[4:]
    return "tel:" + digits


def _read_phone(m: re.Match[str], profile: NumberProfile) -> bool:
    value = _phone_value(m.group())
    separators = m.group().count(" ") + m.group().count("/") + m.group().count("-")
    if value is None or separators < 1:
        return False
    profile.numbers.append(NumberToken(m.group().strip(), frozenset({value}), m.start()))
    return True


# --- times, scores and ranges ------------------------------------------------------------------

_DE_TIME = re.compile(r"(?<![\d.,:])(\d{1,2})(?:[.:](\d{2}))?\s?(?:Uhr\b|h\b(?!-))")
_EN_TIME = re.compile(r"(?<![\d.,:])(\d{1,2})(?:[:.](\d{2}))?\s?([ap])\.?\s?m\b\.?", re.I)
#: ``17:21`` (a score, a ratio or a clock time), ``18:10,87`` (minutes and seconds).
_COLON_PAIR = re.compile(r"(?<![\d.,:])(\d{1,3}) ?: ?(\d{1,3})(?:[.,](\d+))?(?![\d:])")
#: ``7-3`` in English: a score or a range; read both ways.
_DASH_PAIR = re.compile(r"(?<![\d.,/–-])(\d{1,3})\s?[-–]\s?(\d{1,3})(?![\d/]|[.,]\d|[-–]\d)")


def _read_german_time(m: re.Match[str], profile: NumberProfile) -> bool:
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if hour > 24 or minute > 59:
        return False
    values: set[Value] = {_time_value(hour, minute)}
    if not m.group(2):
        values.add(Decimal(hour))  # "14 Uhr" ↔ "14:00", "2 p.m.", "2 o'clock"; "15 h" ↔ "15 hours"
        if hour > 12:
            values.add(Decimal(hour - 12))
    profile.numbers.append(NumberToken(m.group().strip(), frozenset(values), m.start()))
    return True


def _read_english_time(m: re.Match[str], profile: NumberProfile) -> bool:
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if hour > 12 or minute > 59:
        return False
    hour = hour % 12 + (12 if m.group(3).lower() == "p" else 0)
    value = _time_value(hour, minute)
    profile.numbers.append(NumberToken(m.group().strip(), frozenset({value}), m.start()))
    return True


def _pair_values(a: str, b: str) -> set[Value]:
    return {f"pair:{int(a)}:{int(b)}", f"pair:{int(b)}:{int(a)}"}


def _read_colon_pair(m: re.Match[str], profile: NumberProfile) -> bool:
    a, b, fraction = m.group(1), m.group(2), m.group(3)
    if fraction is not None:  # 18:10,87 minutes
        seconds = _dec(f"{b}.{fraction}")
        values: set[Value] = {f"pair:{int(a)}:{seconds}"}
    else:
        values = _pair_values(a, b)
        hour, minute = int(a), int(b)
        if len(b) == 2 and hour <= 24 and minute < 60:
            values.add(_time_value(hour, minute))
            if hour < 12:  # "2:30" without a.m./p.m. may be either
                values.add(_time_value(hour + 12, minute))
            elif hour > 12:
                values.add(Decimal(hour))
    parts = (_int_token(a, m.start(1)), _int_token(b, m.start(2)))
    profile.numbers.append(NumberToken(m.group(), frozenset(values), m.start(), parts=parts))
    return True


def _read_dash_pair(m: re.Match[str], profile: NumberProfile) -> bool:
    a, b = m.group(1), m.group(2)
    parts = (_int_token(a, m.start(1)), _int_token(b, m.start(2)))
    text = m.group()
    profile.numbers.append(NumberToken(text, frozenset(_pair_values(a, b)), m.start(), parts=parts))
    return True


# --- decades, fractions -------------------------------------------------------------------------

_DE_DECADE = re.compile(r"(?<![\d.,])(\d{2}|1\d{3}|20\d\d)er\b")
_EN_DECADE = re.compile(r"(?<![\d.,])['’]?(\d{2}|1\d{3}|20\d\d)['’]?s\b")
_VULGAR = {"½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅕": "1/5", "⅛": "1/8"}
_FRACTION = re.compile(
    r"(?<![\d.,])(?:(\d+)\s?)?([½⅓⅔¼¾⅕⅛])|(?<![\d.,/])(\d+)\s(\d)/(\d{1,2})(?![\d/])"
)


def _decade_values(digits: str) -> frozenset[Value]:
    n = int(digits)
    if len(digits) == 2:
        return frozenset({Decimal(n), Decimal(1900 + n), Decimal(2000 + n)})
    return frozenset({Decimal(n), Decimal(n % 100)})


def _read_decade(m: re.Match[str], profile: NumberProfile) -> bool:
    digits = m.group(1)
    if len(digits) == 4 and not digits.endswith("0"):
        return False
    profile.numbers.append(NumberToken(m.group(), _decade_values(digits), m.start()))
    return True


def _read_fraction(m: re.Match[str], profile: NumberProfile) -> bool:
    if m.group(2):
        whole = int(m.group(1) or 0)
        numerator, denominator = map(int, _VULGAR[m.group(2)].split("/"))
    else:
        whole, numerator, denominator = int(m.group(3)), int(m.group(4)), int(m.group(5))
        if not denominator:
            return False  # "3 1/0" is no fraction (a score, a ratio): read as plain numbers
    value = whole + Decimal(numerator) / Decimal(denominator)
    profile.numbers.append(
        NumberToken(m.group().strip(), frozenset({value.quantize(Decimal("0.001"))}), m.start())
    )
    return True


# --- plain numbers, with scale words and units -------------------------------------------

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

_F = Decimal
_CELSIUS = Measure("temperature", "metric", _F(1))
_FAHRENHEIT = Measure("temperature", "imperial", _F(5) / _F(9), _F(-160) / _F(9))
_US_GALLON = Measure("volume", "imperial", _F("3.78541"))
_UK_GALLON = Measure("volume", "imperial-uk", _F("4.54609"))
#: (pattern after the number, what it measures, its system, factor to the base unit, offset)
_UNITS: dict[str, list[tuple[str, str, str, Decimal, Decimal]]] = {
    "de": [
        (r"(?:Kilometern?|km)(?!/)", "length", "metric", _F(1000), _F(0)),
        (r"(?:Zentimetern?|cm)", "length", "metric", _F("0.01"), _F(0)),
        (r"(?:Millimetern?|mm)", "length", "metric", _F("0.001"), _F(0)),
        (r"(?:Metern?|m)(?![²2/])", "length", "metric", _F(1), _F(0)),
        (r"(?:Quadratkilometern?|km²|km2)", "area", "metric", _F(1000000), _F(0)),
        (r"(?:Quadratmetern?|m²|m2|qm)", "area", "metric", _F(1), _F(0)),
        (r"(?:Hektar|ha)", "area", "metric", _F(10000), _F(0)),
        (r"(?:Kilogramm|Kilo|kg)", "mass", "metric", _F(1), _F(0)),
        (r"(?:Tonnen|t)", "mass", "metric", _F(1000), _F(0)),
        (r"(?:Gramm|g)", "mass", "metric", _F("0.001"), _F(0)),
        (r"(?:Litern?|l)", "volume", "metric", _F(1), _F(0)),
        (r"(?:Stundenkilometern?|km/h)", "speed", "metric", _F(1), _F(0)),
        (r"(?:Grad(?:\s+Celsius)?|°\s?C?)", "temperature", "metric", _F(1), _F(0)),
    ],
    "en": [
        (r"(?:kilometers?|kilometres?|km)(?!/)", "length", "metric", _F(1000), _F(0)),
        (r"(?:meters?|metres?|m)(?![²2/])", "length", "metric", _F(1), _F(0)),
        (r"(?:feet|foot|ft)", "length", "imperial", _F("0.3048"), _F(0)),
        (r"(?:miles?|mi)(?!\s+per)", "length", "imperial", _F("1609.344"), _F(0)),
        (r"(?:inch(?:es)?)", "length", "imperial", _F("0.0254"), _F(0)),
        (r"(?:yards?|yd)", "length", "imperial", _F("0.9144"), _F(0)),
        (r"(?:square\s+miles?|sq\.?\s?mi)", "area", "imperial", _F("2589988"), _F(0)),
        (r"(?:square\s+feet|sq\.?\s?ft)", "area", "imperial", _F("0.092903"), _F(0)),
        (r"(?:acres?)", "area", "imperial", _F("4046.86"), _F(0)),
        (r"(?:pounds?|lbs?)", "mass", "imperial", _F("0.453592"), _F(0)),
        (r"(?:ounces?|oz)", "mass", "imperial", _F("0.0283495"), _F(0)),
        (r"(?:(?:US\s+)?tons?)", "mass", "imperial", _F("907.185"), _F(0)),
        (r"(?:mph|miles\s+per\s+hour)", "speed", "imperial", _F("1.609344"), _F(0)),
    ],
}
#: Each language's units in the order they are tried: (pattern, what it measures).
_UNIT_MEASURES: dict[str, list[tuple[str, tuple[Measure, ...]]]] = {
    lang: [
        (pattern, (Measure(dim, system, factor, offset),))
        for pattern, dim, system, factor, offset in rows
    ]
    for lang, rows in _UNITS.items()
}
#: Units whose English name does not say which one: a gallon is US or imperial; plain
#: "degrees" after a German "Grad" are Celsius or, in a US translation, Fahrenheit.
_UNIT_MEASURES["en"][:0] = [
    (r"(?:degrees?\s+Fahrenheit|°\s?F|F)", (_FAHRENHEIT,)),
    (r"(?:degrees?\s+Celsius|°\s?C|C)", (_CELSIUS,)),
    (r"(?:degrees?|°)", (_CELSIUS, _FAHRENHEIT)),
    (r"(?:US|U\.S\.)\s+gallons?", (_US_GALLON,)),
    (r"(?:imperial|UK)\s+gallons?", (_UK_GALLON,)),
    (r"(?:gallons?|gal)", (_US_GALLON, _UK_GALLON)),
]
#: A unit right after a number (``5 km``, ``5-km``): one alternative per unit, in the order
#: above; the first that matches names it. (No unit may start with a space or a hyphen:
#: those belong to what stands between number and unit.)
_UNIT_RE = {
    lang: re.compile(r"\s?(?:-\s?)?(?:" + "|".join(f"({p})" for p, _ in rows) + r")(?![^\W\d_])")
    for lang, rows in _UNIT_MEASURES.items()
}


def _measures(text: str, end: int, english: bool) -> tuple[Measure, ...]:
    lang = "en" if english else "de"
    m = _UNIT_RE[lang].match(text, end)
    return _UNIT_MEASURES[lang][m.lastindex - 1][1] if m and m.lastindex else ()


def _scale(text: str, end: int, scales: list[tuple[re.Pattern[str], Decimal]]) -> Decimal | None:
    for pattern, factor in scales:
        if pattern.match(text, end):
            return factor
    return None


#: Thousands grouped, English (German: software.GERMAN_GROUPED).
_EN_GROUPED = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")
_NO_FIXED_GROUP = str.maketrans("", "", _FIXED_GROUP)
_SPACED = re.compile(r"\d{1,3}(?: \d{3})+")


def read_german_number(token: str) -> Value:
    """The value of a German number token: ``1.500`` → 1500, ``3,5`` → 3.5."""
    token = token.translate(_NO_FIXED_GROUP)
    if " " in token and GERMAN_GROUPED.fullmatch(token.replace(" ", ".")):
        token = token.replace(" ", ".")  # 10 000 and 14.130 214 group like 10.000
    if GERMAN_GROUPED.fullmatch(token):
        return _or_text(_dec(token.replace(".", "").replace(",", ".")), token)
    if re.fullmatch(r"\d+(?:,\d+)?", token):
        return _or_text(_dec(token.replace(",", ".")), token)
    if re.fullmatch(r"\d+\.\d+", token):  # English-style decimal in a German text
        return _or_text(_dec(token), token)
    return token


def read_english_number(token: str) -> Value:
    """The value of an English number token: ``1,500`` → 1500, ``3.5`` → 3.5."""
    token = token.translate(_NO_FIXED_GROUP)
    if _SPACED.fullmatch(token):
        token = token.replace(" ", "")
    if _EN_GROUPED.fullmatch(token):
        return _or_text(_dec(token.replace(",", "")), token)
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return _or_text(_dec(token), token)
    return token


def _well_formed_german(token: str) -> bool:
    """Written the way German writes numbers (1.500 / 1500 / 3,5 / 1.500,75)."""
    plain = token.translate(_NO_FIXED_GROUP).replace(" ", "")
    return bool(GERMAN_GROUPED.fullmatch(plain) or re.fullmatch(r"\d+(?:,\d+)?", plain))


def _take_plain(text: str, profile: NumberProfile, english: bool) -> None:
    read = read_english_number if english else read_german_number
    scales = _EN_SCALES if english else _DE_SCALES
    for m in _TOKEN.finditer(text):
        raw = m.group()
        value = read(raw)
        values: set[Value] = {value}
        if english and isinstance(value, Decimal) and re.fullmatch(r"\d{1,2}\.\d{2}", raw):
            hour, minute = raw.split(".")
            if int(hour) <= 24 and int(minute) < 60:
                values.add(_time_value(int(hour), int(minute)))  # British "13.30"
        factor = _scale(text, m.end(), scales)
        scaled = value * factor if isinstance(value, Decimal) and factor is not None else None
        measures = _measures(text, m.end(), english)
        parts: tuple[NumberToken, ...] = ()
        if " " in raw:  # "2019 100": seven thousand-style grouping, or two numbers
            parts = tuple(
                NumberToken(p, frozenset({read(p)}), m.start() + raw.index(p))
                for p in raw.split(" ")
            )
        elif "," in raw and not isinstance(value, Decimal) and _listed(raw, text, m):
            # "[0,15]", "0,1,2": no number of the language but an interval or a list
            parts = tuple(
                NumberToken(p, frozenset({read(p)}), m.start() + raw.index(p))
                for p in raw.split(",")
            )
        profile.numbers.append(
            NumberToken(raw, frozenset(values), m.start(), scaled, measures, parts)
        )


def _listed(raw: str, text: str, m: re.Match[str]) -> bool:
    """Whether a number token that reads as no number is a list: two commas or more
    (``0,1,2``, ``11,19,85``: program messages list values so), or one in square brackets
    or braces (``[0,15]``, ``{1,2}``: code and mathematics write intervals so; "(3,5)" in
    prose is ambiguous, a decimal left in German notation)."""
    if raw.count(",") >= 2:
        return True
    before = text[m.start() - 1] if m.start() else ""
    after = text[m.end()] if m.end() < len(text) else ""
    return before in ("[", "{") or after in ("]", "}")


# --- months -----------------------------------------------------------------------------------

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
#: Month names that are also names or words: they count only where they read as a month.
_AMBIGUOUS_MONTHS = {"may", "march", "august", "april", "june"}
_EN_MONTH_LEAD = when_used(
    r"(?:\b(?:in|of|since|until|till|by|from|to|early|late|mid|end|beginning|last|next|this|"
    r"past|coming|previous|following|"
    r"during|through|before|after|between|and|or|each|every|per)\s+|[-–/]\s?)$",
    re.I,
)
_DE_MONTH_LEAD = when_used(
    r"(?:\b(?:im|seit|bis|ab|anfang|mitte|ende|vom|zum|am|des|von|nach|vor|jeden|diesen|"
    r"letzten|nächsten|vergangenen|kommenden|selben|gleichen|und|oder|zwischen)\s+|[-–/]\s?)$",
    re.I,
)
_DIGIT_BEFORE = when_used(r"\d(?:st|nd|rd|th|\.)?\s+(?:of\s+)?$")
_DIGIT_AFTER = when_used(r"\s+\d")


def _month_in_context(text: str, m: re.Match[str], lead: re.Pattern[str]) -> bool:
    """True where an ambiguous month name reads as a month: next to a day or year, or after
    a word that introduces a time ("in May", "Mitte August")."""
    before = text[max(0, m.start() - 30) : m.start()]
    return bool(
        _DIGIT_AFTER().match(text, m.end()) or _DIGIT_BEFORE().search(before) or lead.search(before)
    )


def _german_months(text: str) -> tuple[set[int], set[int]]:
    """The months a German text names for sure, and those it may name."""
    found, maybe = set(), set()
    for m in _GERMAN_MONTH_RE.finditer(text):
        word = m.group(1).lower()
        full = len(word) > 4 or word in {"mai", "juni", "juli", "märz"}
        # Abbreviations count only with their dot ("Okt."), full names always.
        if not (full or m.group(2)):
            maybe.add(_GERMAN_MONTHS[word])
        elif word == "august" and not _month_in_context(text, m, _DE_MONTH_LEAD()):
            maybe.add(_GERMAN_MONTHS[word])  # August Bebel
        else:
            found.add(_GERMAN_MONTHS[word])
    return found, maybe - found


def _english_months(text: str) -> tuple[set[int], set[int]]:
    """The months an English text names for sure, and those it may name."""
    found, maybe = set(), set()
    for m in _ENGLISH_MONTH_RE.finditer(text):
        word = m.group(1)
        short = len(word) <= 4 and word not in {"May", "June", "July"} and not m.group(2)
        if short and not _DIGIT_AFTER().match(text, m.end()):
            maybe.add(_ENGLISH_MONTHS[word])  # "Jan" is a name unless "Jan." or "Jan 5"
        elif word.lower() in _AMBIGUOUS_MONTHS and not _month_in_context(text, m, _EN_MONTH_LEAD()):
            maybe.add(_ENGLISH_MONTHS[word])  # "Theresa May", "May I …", "the Millions March"
        else:
            found.add(_ENGLISH_MONTHS[word])
    return found, maybe - found


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
#: Words that stand for a number without being number words (a round of 16 is an
#: "Achtelfinale"); found anywhere in a compound.
_DE_NUMBER_NOUNS = {
    "sechzehntelfinal": 32, "achtelfinal": 16, "viertelfinal": 8, "halbfinal": 4,
    "jahrzehnt": 10, "jahrhundert": 100, "jahrtausend": 1000, "doppel": 2, "zwilling": 2,
    "drilling": 3, "dutzend": 12, "halbjahr": 6, "quartal": 3,
}  # fmt: skip
#: Adjective endings after a number word: achtstündig, dreijährig, zweitägig, vierköpfig.
_DE_NUMBER_SUFFIX = re.compile(
    r"(stündig|jährig|tägig|wöchig|monatig|köpfig|stellig|teilig|seitig|stöckig|sitzig|"
    r"minütig|sekündig|prozentig|fältig|spurig|sprachig|stufig|zimmer|malig|mal|fach)"
    r"(?:e|en|er|es|em)?$"
)
_INFLECTIONS = ("e", "en", "er", "es", "em")
#: A compound that starts with a number as a counter noun: "Zweierpotenz", "Dreiergruppe".
_DE_COUNTER_NOUN = re.compile(r"([a-zäöü]{3,9}?)er[a-zäöü]{3,}")


def german_number_word(word: str) -> int | None:
    """The value of a German number word, compound, ordinal or multiplicative, else None.

    ``sieben``, ``einundzwanzig``, ``zweihundert``, ``die siebte``, ``zwanzigsten``,
    ``sechsmal``, ``dreifach``, ``achtstündigen``, ``Tabellenvierten``.
    """
    w = word.lower()
    for read in (_german_multiplicative, _german_cardinal, _german_ordinal, _german_ordinal_tail):
        value = read(w)
        if value is not None:
            return value
    return _german_ordinal_head(w)


def _german_multiplicative(w: str) -> int | None:
    """``sechsmal``, ``dreifach``, ``achtstündigen``, ``zweijährige``."""
    m = _DE_NUMBER_SUFFIX.search(w)
    if m is None or m.start() < 3:
        return None
    return _german_cardinal(w[: m.start()])


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


#: Ordinals that start a compound: Zweitliga (the second division), Drittligist,
#: Viertklässler. ("Erst-" and "Acht-" are left out: erstmals, Achtung.)
_DE_ORDINAL_HEADS = ("zweit", "dritt", "viert", "fünft", "sechst", "siebt", "neunt", "zehnt")


def _german_ordinal_head(w: str) -> int | None:
    """An ordinal at the start of a compound: ``Zweitliga`` (Division 2)."""
    for stem in _DE_ORDINAL_HEADS:
        if w.startswith(stem) and len(w) > len(stem) + 2:
            return _DE_ORDINAL_STEMS[stem]
    return None


#: Inflected ordinals that end a compound, with their value (``vierten`` → 4).
_DE_ORDINAL_TAILS = {
    stem + ending: value
    for stem, value in _DE_ORDINAL_STEMS.items()
    if len(stem) >= 4 and stem != "erst"
    for ending in _INFLECTIONS
}
_DE_ORDINAL_TAIL_ENDS = tuple(_DE_ORDINAL_TAILS)


def _german_ordinal_tail(w: str) -> int | None:
    """An ordinal at the end of a compound: ``Tabellenvierten`` (the team in 4th place)."""
    if not w.endswith(_DE_ORDINAL_TAIL_ENDS):
        return None  # most words: one test instead of one per tail
    for tail, value in _DE_ORDINAL_TAILS.items():
        if w.endswith(tail) and len(w) > len(tail) + 3:
            return value
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
    if w.endswith("ieth") and w[:-4] + "y" in _EN_BASE:
        return _EN_BASE[w[:-4] + "y"]
    if "-" in w:
        tens, _, unit = w.partition("-")
        t, u = _EN_BASE.get(tens), _EN_BASE.get(unit, _EN_ORDINALS.get(unit))
        if t is not None and u is not None and t >= 20 and t % 10 == 0 and u < 10:
            return t + u
    return None


_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_HALF = Decimal("0.5")


def _english_words(text: str) -> set[Decimal]:
    """English number words, phrases such as "two hundred and fifty" as one value, the
    parts of hyphenated words ("eight-hour") and halves ("three and a half")."""
    values: set[Decimal] = set()
    total = current = 0
    in_phrase = False
    words = [m.group().lower() for m in _WORDS.finditer(text)]
    for i, word in enumerate(words):
        value = english_number_word(word)
        if value is None and "-" in word:  # eight-hour
            values.update(
                Decimal(v) for v in map(english_number_word, word.split("-")) if v is not None
            )
        if value is None and word.startswith("non"):  # nonzero, non-zero
            value = english_number_word(word[3:].lstrip("-"))
        if value is None:
            if word == "and" and in_phrase:
                if words[i + 1 : i + 3] == ["a", "half"]:
                    values.add(Decimal(total + current) + _HALF)
                continue
            if in_phrase:
                values.add(Decimal(total + current))
            total = current = 0
            in_phrase = False
            if word == "half":
                values.add(_HALF)
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


def _exit_success(text: str) -> set[Decimal]:
    """0 where an English help text says a program succeeds: "Exit Status: Returns success"
    ↔ "Rückgabewert: Liefert 0" (bash)."""
    if "succe" in text and _EXIT_STATUS().search(text) and _SUCCESS().search(text):
        return {Decimal(0)}
    return set()


#: A program's exit status: its success is the 0 a German help text writes ("Liefert 0",
#: "Rückgabewert: Immer 0") where the English one says "Returns success", "Always succeeds".
_EXIT_STATUS = when_used(r"\b(?:[Ee]xit [Ss]tatus|[Ee]xit code|[Rr]eturns?)\b")
_SUCCESS = when_used(r"\bsucce(?:ss|eds?|ssful|ssfully)\b")


def _german_words(text: str) -> set[Decimal]:
    values: set[Decimal] = set()
    for m in _WORDS.finditer(text):
        for part in m.group().split("-"):
            lower = part.lower()
            if lower.endswith("einhalb") or lower in {"anderthalb", "anderthalbe"}:
                whole = 1 if lower.startswith("anderthalb") else german_number_word(lower[:-7])
                if whole is not None:
                    values.add(Decimal(whole) + _HALF)
                continue
            value = german_number_word(part)
            if value is None and lower.endswith(("er", "ern", "ers")):
                value = _german_cardinal(lower.rstrip("sn").removesuffix("er"))  # Achttausender
            if value is None:  # Zweierpotenz, Dreiergruppe, Zehnerschritte
                head = _DE_COUNTER_NOUN.match(lower)
                value = _german_cardinal(head.group(1)) if head else None
            if value is not None:
                values.add(Decimal(value))
            for noun, number in _DE_NUMBER_NOUNS.items():
                if noun in lower:
                    values.add(Decimal(number))
    return values


# --- reading each language -----------------------------------------------------------------

_GERMAN_READERS: tuple[Taker, ...] = (
    _skip_urls,
    _take(_KEY_LABEL, _read_key_label),
    _take(_VERSION, _read_version),
    _take(_ISO_DATE, _read_iso),
    _take(_YEAR_RANGE, _read_year_range),
    _take(_DE_DATE, _read_german_date),
    _take(_DOTTED, _read_version),
    _take(_PHONE, _read_phone),
    _take(_DE_TIME, _read_german_time),
    _take(_COLON_PAIR, _read_colon_pair),
    _take(_DASH_PAIR, _read_dash_pair),
    _take(_DE_DECADE, _read_decade),
    _take(_FRACTION, _read_fraction),
)
_ENGLISH_READERS: tuple[Taker, ...] = (
    _skip_urls,
    _take(_VERSION, _read_version),
    _take(_ISO_DATE, _read_iso),
    _take(_YEAR_RANGE, _read_year_range),
    _take(_FRACTION, _read_fraction),  # 3 1/2 before 1/2 reads as a date
    _take(_SLASH_DATE, _read_slash_date),
    _take(_DOTTED, _read_version),
    _take(_PHONE, _read_phone),
    _take(_EN_TIME, _read_english_time),
    _take(_COLON_PAIR, _read_colon_pair),
    _take(_DASH_PAIR, _read_dash_pair),
    _take(_EN_DECADE, _read_decade),
)


def german_profile(text: str) -> NumberProfile:
    """Numbers, number words and months of a German text."""
    months, maybe = _german_months(text)
    profile = NumberProfile(months=months, maybe_months=maybe, words=_german_words(text))
    rest = text
    for take in _GERMAN_READERS:
        rest = take(rest, profile)
    _take_plain(rest, profile, english=False)
    return profile


def english_profile(text: str) -> NumberProfile:
    """Numbers, number words and months of an English text."""
    months, maybe = _english_months(text)
    words = _english_words(text) | _exit_success(text)
    profile = NumberProfile(months=months, maybe_months=maybe, words=words)
    rest = text
    for take in _ENGLISH_READERS:
        rest = take(rest, profile)
    _take_plain(rest, profile, english=True)
    return profile


# --- comparing ---------------------------------------------------------------------------------


def _excused(token: NumberToken, words: set[Decimal]) -> bool:
    """Whether the other side writes the token's number as a word: "sechsmal" ↔ "six
    times", and a full hour "um kurz vor zehn" ↔ "shortly before 10:00 am"."""
    if token.values & words or (token.scaled is not None and token.scaled in words):
        return True
    return any(hour in words for hour in _full_hours(token.values))


def _full_hours(values: Iterable[Value]) -> set[Decimal]:
    """The hour of a time on the full hour, on the 12- and the 24-hour clock (10, 22)."""
    hours: set[Decimal] = set()
    for value in values:
        if isinstance(value, str) and value.startswith("time:") and value.endswith(":00"):
            hour = int(value[5:7])
            hours |= {Decimal(hour), Decimal(hour % 12 or 12)}
    return hours


def _found(token: NumberToken, others: list[NumberToken], words: set[Decimal]) -> bool:
    """Is the token on the other side: as a whole, as a number word, or part by part."""
    if any(token.matches(o) for o in others) or _excused(token, words):
        return True
    return bool(token.parts) and all(_found(p, others, words) for p in token.parts)


def _unmatched(mine: NumberProfile, theirs: NumberProfile) -> list[NumberToken]:
    atoms = theirs.atoms()
    return [t for t in mine.numbers if not (t.optional or _found(t, atoms, theirs.words))]


def number_issues(source: str, target: str) -> list[Issue]:
    """What differs in numbers, dates and months between a German source and its English target."""
    # what the translation copies as written is no number to compare (-mtls-size=[16,32],
    # gtk-menu=16,16, the version 1.1.92)
    source, target = without_shared_code(source, target)
    has_digits = re.search(r"\d", source) or re.search(r"\d", target)
    if not has_digits and not (_GERMAN_MONTH_RE.search(source) or _ENGLISH_MONTH_RE.search(target)):
        return []
    src, tgt = german_profile(source), english_profile(target)
    missing = _unmatched(src, tgt)
    extra = _unmatched(tgt, src)
    issues: list[Issue] = []
    for t in list(extra):
        german = _german_notation(t, missing)
        if german is None:
            continue
        # One mistake, one finding: "1.500" kept in German notation reads as 1.5.
        missing = [s for s in missing if german not in s.values]
        extra.remove(t)
        value = next(iter(t.values))
        reads = (
            f" (English reads it as {format_english(value)})" if isinstance(value, Decimal) else ""
        )
        issues.append(
            Issue(f"{t.text} is German notation{reads}; write {_swap_marks(t.text)}", term=t.text)
        )
    # A number changed: pair what is missing with what is new, in the order they are written.
    for s, t in zip(missing, extra, strict=False):
        issues.append(
            Issue(
                f"{s.text} {_reading(s)}in the source is {t.text} {_reading(t)}in the translation",
                term=s.text,
            )
        )
    pairs = min(len(missing), len(extra))
    issues.extend(
        Issue(f"{s.text} {_reading(s)}is not in the translation", term=s.text)
        for s in missing[pairs:]
    )
    issues.extend(
        Issue(f"{t.text} in the translation is not in the source", term=t.text)
        for t in extra[pairs:]
    )
    if not (src.month_unknown or tgt.month_unknown):
        issues.extend(_month_issues(src, tgt))
    return issues


def _month_issues(src: NumberProfile, tgt: NumberProfile) -> Iterator[Issue]:
    """Months named on one side only. A name that may be a month ("May" alone, "März" as
    a label) accounts for the other side's month where that side names no other month the
    first lacks: "Mai" ↔ "May" passes, "Theresa May kam im Mai" ↔ "… came in June" does not."""
    missing, extra = src.months - tgt.months, tgt.months - src.months
    if not extra:
        missing -= tgt.maybe_months
    if not missing:
        extra -= src.maybe_months
    for month in sorted(missing):
        name = _MONTH_NAMES[month]
        yield Issue(f"the month {name} is not in the translation", term=name)
    for month in sorted(extra):
        name = _MONTH_NAMES[month]
        yield Issue(f"the month {name} in the translation is not in the source", term=name)


def _reading(token: NumberToken) -> str:
    """``(= 1,500) `` where the written token does not show its value the English way."""
    if token.scaled is not None:
        return f"(= {format_english(token.scaled)}) "
    value = next(iter(token.values)) if len(token.values) == 1 else None
    shown = isinstance(value, Decimal) and format_english(value) != token.text
    if shown and isinstance(value, Decimal) and re.search(r"[.,  ']", token.text):
        return f"(= {format_english(value)}) "
    return ""


def _swap_marks(token: str) -> str:
    """German ``1.500,75`` written the English way: ``1,500.75``."""
    return token.translate(str.maketrans(".,", ",."))


def _german_notation(token: NumberToken, missing: Iterable[NumberToken]) -> Decimal | None:
    """The value a target number has when read the German way, if a missing source number
    written the German way has it (``1.500`` left as is in the translation)."""
    if not re.search(r"[.,]", token.text):
        return None
    german = read_german_number(token.text)
    if german in token.values or not isinstance(german, Decimal):
        return None
    english = read_english_number(token.text)
    if isinstance(english, Decimal) and _EN_GROUPED.fullmatch(token.text):
        return None  # 60,000 is good English whatever the source says
    for s in missing:
        if german in s.values and _well_formed_german(s.text):
            return german
    return None


#: The argument position of a format directive: ``%2$``.
_POSITION = when_used(r"%\d+\$")
#: A line break written ``%0A`` (``%%0A`` in a printf string): the percent-escapes of
#: GnuPG's Assuan protocol and of URLs.
_ESCAPED_BREAK = when_used(r"%%?0[AD]")


class Numbers(Check):
    """Numbers do not match the source

    Every number, date and time in the German source must appear in the translation,
    read the English way: 1.500 ↔ 1,500, 3,5 ↔ 3.5, 25. Oktober ↔ October 25 or
    25 October, 14.30 Uhr ↔ 2:30 p.m., 50 Prozent ↔ 50 percent or 50%, 10 000 ↔ 10,000,
    1968/69 ↔ 1968/1969, 3½ ↔ 3 1/2, phone numbers in any grouping, scores (17:21 ↔ 21-17),
    versions (Version 2.100) as written, and measurements converted to the other unit
    system (500 Meter ↔ 1,650 feet). A number written as a word on one side and in digits
    on the other matches (sechsmal ↔ six times, die siebte ↔ the 7th, Achtelfinale ↔ round
    of 16); months are compared as sets, so a month shared by a range is fine.
    """

    id = "numbers"
    english_target = True
    severity = Severity.ERROR
    pofilter = ("numbers",)

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        source, target = self._comparable(unit)
        issues = number_issues(source, target)
        if issues and (why := _localised(source, target)):
            return [
                Issue(
                    f"{i.message} ({why})",
                    i.term,
                    Severity.WARNING,
                )
                for i in issues
            ]
        return issues

    @staticmethod
    def _comparable(unit: Unit) -> tuple[str, str]:
        """Source and target without what holds digits but is no number: the digits of
        inline tags, printf placeholders and GCC's directives."""
        source, target = unit.source, unit.target
        if "<" in source or "<" in target:  # the digits of inline tags (<a2>) are no numbers
            source, target = INLINE_TAG.sub(" ", source), INLINE_TAG.sub(" ", target)
        if "%" in source or "%" in target:  # nor those of printf placeholders (%2$s, %-10s)
            # or of GCC's diagnostic directives (%2$L, %1$qD)
            gcc = gcc_diagnostic(unit.flags, source, target)
            # or of %0A line breaks
            source, target = _ESCAPED_BREAK().sub(" ", source), _ESCAPED_BREAK().sub(" ", target)
            directive = GCC_DIRECTIVE if gcc else PRINTF
            source, target = re.sub(directive, " ", source), re.sub(directive, " ", target)
            # and the position of any directive, also of dialects printf does not know
            # (MPFR's %2$Rg, GMP's %3$Zd)
            source, target = _POSITION().sub(" ", source), _POSITION().sub(" ", target)
        return source, target


#: An example a text gives, to the end of its bracket, line or sentence (not at the
#: ordinal of a German date, "18. Nov"): translators
#: localise examples (a German date ``18.11.2005`` for ``12/31/99``, a time ``15:30`` for
#: ``2:35 pm``).
_EXAMPLE_END = r"[^)\n]*?(?=\)|\n|(?<!\d)[.;]\s|$)"
_GERMAN_EXAMPLE = when_used(
    r"(?:\bz\.\s?B\b\.?|\b[Zz]um Beispiel\b|\bbeispielsweise\b|\bBeispiele?:)" + _EXAMPLE_END
)
_ENGLISH_EXAMPLE = when_used(
    r"(?:\be\.\s?g\.|\b[Ff]or (?:example|instance)\b|\bExamples?:)" + _EXAMPLE_END
)


def _localised(source: str, target: str) -> str:
    """Why the numbers that differ are ones a translation may localise (a warning, not an
    error), if they are: both sides give examples and their numbers agree outside them; or
    the whole text is one setting of program text that differs in its value only (GTK's
    ``calendar:week_start:0``, which its translators set for their locale)."""
    german, english = _GERMAN_EXAMPLE().subn(" ", source), _ENGLISH_EXAMPLE().subn(" ", target)
    if german[1] and english[1] and not number_issues(german[0], english[0]):
        return "in an example, which a translation may localise"
    setting = source.strip()
    if CODE_TOKEN.fullmatch(setting) and _DIGITS().sub("0", setting) == _DIGITS().sub(
        "0", target.strip()
    ):
        return "a setting of the locale, which a translation may change"
    return ""


_DIGITS = when_used(r"\d+")
