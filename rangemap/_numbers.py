"""Stage 2 of the parser: one grammar for numbers and distances.

Every rule of the parser that reads a distance reads it here. A distance is
found by its *unit* ("km", "kilometres", "miles", "nautical miles", "nmi"),
and the number before it is read from a short window that ends at the unit,
so no pattern ever scans an unbounded run of digits or words more than once
(linear time on any input). The number may be:

* digits with ``,`` or space thousands separators and a decimal part:
  ``2,000``, ``15 000`` (a thin space is a space after clean-up), ``2,500.5``,
  ``2000km``; ``1.500`` (a point before exactly three digits) is read as a
  thousands separator, as in translated copy;
* digits with a scale: ``4.5 thousand``, ``11 thousand``, ``1k``, ``1.2k``;
* words: ``three thousand``, ``fifteen hundred``, ``a thousand``;
* a span: ``1,000 to 1,500 km``, ``1,000-1,500km``, ``between 380 and 400 km``,
  ``5 to 8 thousand km`` (the scale applies to both ends);
* a compound adjective: ``2,000-km-range``, ``1,000-mile``.

A qualifier before it ("about", "up to", "more than", ``~``) or a ``+`` after
it ("15,000+ km") is kept. Speeds (``km/h``), areas (``km2``) and a lone
``nm`` below 1 are not distances.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["KM_PER_MILE", "KM_PER_NMI", "Distance", "find_distances", "parse_number", "words_to_number"]

KM_PER_MILE = 1.609344
KM_PER_NMI = 1.852

# --------------------------------------------------------------------------- #
# number words
# --------------------------------------------------------------------------- #
_SMALL = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
          "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
NUMBER_WORDS = frozenset(_SMALL) | frozenset(_SCALE) | {"a", "an", "and"}


def words_to_number(words: list[str]) -> float | None:
    """["three", "thousand"] -> 3000; ["fifteen", "hundred"] -> 1500; ["a", "thousand"] -> 1000.

    >>> words_to_number(["two", "hundred", "and", "fifty"])
    250.0
    """
    total, current, seen = 0, 0, False
    for w in words:
        if w in ("a", "an"):
            current = max(current, 1)
        elif w == "and":
            continue
        elif w in _SMALL:
            current += _SMALL[w]
            seen = True
        elif w == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif w in _SCALE:
            total += max(current, 1) * _SCALE[w]
            current = 0
            seen = True
        else:
            return None
    value = total + current
    return float(value) if seen and value > 0 else None


# --------------------------------------------------------------------------- #
# digits
# --------------------------------------------------------------------------- #
# a number not glued to a longer one; "Fateh-110" is a name, so a span's lower
# end may not follow a hyphen or a letter
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?![\d,])|\d+(?:\.\d+)?)"
_DIGIT_SCALE = r"(?:[kK](?![A-Za-z])|\s+(?:thousand|hundred)\b)"
_NUM_TAIL = re.compile(
    rf"(?:(?P<between>between)\s+(?<![\w.,-])(?P<lo1>{_NUM})(?P<lo1s>{_DIGIT_SCALE})?\s+and\s+"
    rf"|(?:(?P<from>from)\s+)?(?<![\w.,-])(?P<lo2>{_NUM})(?P<lo2s>{_DIGIT_SCALE})?\s*(?:-|to)\s*)?"
    rf"(?<![\d.,])(?P<hi>{_NUM})(?P<his>{_DIGIT_SCALE})?(?P<plus>\+)?\s*-?\s*$",
    re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_NUMBER_ONLY = re.compile(rf"\s*(?P<hi>{_NUM})(?P<his>{_DIGIT_SCALE})?\s*", re.IGNORECASE)


def _digits_value(digits: str, scale: str | None) -> float:
    """The value of one digit group with its scale ("4.5", " thousand" -> 4500)."""
    digits = digits.replace(",", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}\.\d{3}", digits) and not scale:
        digits = digits.replace(".", "")  # "1.500 km": a thousands point
    value = float(digits)
    if scale:
        s = scale.strip().casefold()
        value *= 1000 if s in ("k", "thousand") else 100
    return value


def parse_number(text: str) -> float | None:
    """The value of a whole number expression, or ``None``.

    >>> parse_number("4.5 thousand"), parse_number("1k"), parse_number("fifteen hundred"), parse_number("15 000")
    (4500.0, 1000.0, 1500.0, 15000.0)
    """
    m = _NUMBER_ONLY.fullmatch(text)
    if m:
        return _digits_value(m.group("hi"), m.group("his"))
    words = text.replace("-", " ").casefold().split()
    return words_to_number(words) if words and all(w in NUMBER_WORDS for w in words) else None


# --------------------------------------------------------------------------- #
# units and qualifiers
# --------------------------------------------------------------------------- #
_UNIT = re.compile(
    r"(?<![A-Za-z])(?:(kilomet(?:er|re)s?|kms?|klicks?|nautical\s+miles?|nmi|nm|miles?)(?![A-Za-z])"
    r"|(mi)(?![A-Za-z\-]))", re.IGNORECASE)
_NOT_DISTANCE_AFTER = re.compile(
    r"\s*(?:/\s*(?:h|hr|s|sec)\b|per\s+(?:hour|second|hr)\b|an\s+hour\b|a\s+second\b)|[2²³](?![\d,])", re.IGNORECASE)
_NOT_DISTANCE_BEFORE = re.compile(r"(?:square|sq\.?|cubic)\s*$", re.IGNORECASE)
_QUALIFIER = re.compile(
    r"(?:\b(about|around|roughly|approximately|approx\.?|some|nearly|almost|close\s+to|an\s+estimated|estimated|"
    r"regarding|more\s+than|well\s+over|just\s+over|over|in\s+excess\s+of|exceeding|upwards\s+of|beyond|"
    r"greater\s+than|up\s+to|as\s+far\s+as|as\s+much\s+as|a\s+maximum\s+of|maximum\s+of|until|"
    r"at\s+least|no\s+less\s+than|a\s+minimum\s+of|minimum\s+of)\s+(?:of\s+)?|(~)\s*)['\"]?$", re.IGNORECASE)
_QUALIFIER_KIND = {
    "about": "about", "around": "about", "roughly": "about", "approximately": "about", "approx": "about",
    "approx.": "about", "some": "about", "nearly": "about", "almost": "about", "close to": "about",
    "an estimated": "about", "estimated": "about", "regarding": "about", "~": "about",
    "more than": "over", "well over": "over", "just over": "over", "over": "over", "in excess of": "over",
    "exceeding": "over", "upwards of": "over", "beyond": "over", "greater than": "over",
    "up to": "up to", "as far as": "up to", "as much as": "up to", "a maximum of": "up to", "maximum of": "up to",
    "until": "up to",
    "at least": "at least", "no less than": "at least", "a minimum of": "at least", "minimum of": "at least",
}
_WINDOW = 80  # characters read back from a unit
_WORD = re.compile(r"[A-Za-z]+")


def _unit_km(unit: str) -> tuple[str, float]:
    u = unit.casefold()
    if u.startswith("naut") or u in ("nmi", "nm"):
        return "nmi", KM_PER_NMI
    if u.startswith("mi"):
        return "mi", KM_PER_MILE
    return "km", 1.0


@dataclass(frozen=True)
class Distance:
    """A distance in the text: ``km`` (the upper end of a span), ``km_min`` (its
    lower end), the qualifier and where the quote (qualifier included), the
    number and the unit are."""

    km: float
    km_min: float | None
    qualifier: str | None
    start: int  # of the quote, qualifier included
    num_start: int
    end: int  # of the unit
    unit: str
    value: float


def _number_before(text: str, window_start: int, unit_start: int) -> tuple[float, float | None, int, bool] | None:
    """(value, lower end or None, where the number starts, "+" after it) for
    the number that ends at ``unit_start``."""
    window = text[window_start:unit_start]
    m = _NUM_TAIL.search(window) if _DIGIT.search(window) else None
    if m:
        hi = _digits_value(m.group("hi"), m.group("his"))
        lo_digits, lo_scale = (m.group("lo1"), m.group("lo1s")) if m.group("lo1") else (m.group("lo2"), m.group("lo2s"))
        lo = None
        if lo_digits:
            lo = _digits_value(lo_digits, lo_scale)
            if not lo_scale and m.group("his") and lo < _digits_value(m.group("hi"), None):
                lo = _digits_value(lo_digits, m.group("his"))  # "5 to 8 thousand km"
            if lo >= hi or lo < hi / 20:
                lo = None  # "Type 12 - 1,000 km" is a name and a number, not a span
        start = m.start() if lo is not None else m.start("hi")
        return hi, lo, window_start + start, bool(m.group("plus"))
    # number words, read backwards: "twelve thousand", "a thousand"
    last = window.rstrip(" -").rsplit(None, 1)[-1:]
    if not last or last[0].rsplit("-", 1)[-1].casefold() not in NUMBER_WORDS:
        return None
    words = [(w.start(), w.group().casefold()) for w in _WORD.finditer(window)][-8:]
    taken: list[tuple[int, str]] = []
    gap_end = len(window)
    for pos, w in reversed(words):
        between = window[pos + len(w):gap_end]
        if w not in NUMBER_WORDS or between.strip(" -"):
            break
        taken.append((pos, w))
        gap_end = pos
    while taken and taken[-1][1] in ("and",):
        taken.pop()
    taken.reverse()
    if not taken:
        return None
    value = words_to_number([w for _, w in taken])
    if value is None:
        return None
    return value, None, window_start + taken[0][0], False


def find_distances(text: str, start: int, end: int) -> Iterator[Distance]:
    """The distances in ``text[start:end]`` (one sentence), in order."""
    for u in _UNIT.finditer(text, start, end):
        ustart, uend = u.start(), u.end()
        if _NOT_DISTANCE_AFTER.match(text, uend) or _NOT_DISTANCE_BEFORE.search(text, max(start, ustart - 8), ustart):
            continue
        unit, factor = _unit_km(u.group(1) or u.group(2))
        found = _number_before(text, max(start, ustart - _WINDOW), ustart)
        if found is None:
            continue
        hi, lo, num_start, plus = found
        if unit == "nmi" and (u.group(1) or "").casefold() == "nm" and hi < 1:
            continue
        before = text[max(start, num_start - 30):num_start]
        q = _QUALIFIER.search(before)
        qualifier = None
        quote_start = num_start
        if q:
            word = (q.group(1) or q.group(2) or "").casefold()
            qualifier = _QUALIFIER_KIND.get(re.sub(r"\s+", " ", word))
            quote_start = num_start - (len(before) - q.start())
        elif plus:
            qualifier = "over"
        yield Distance(km=round(hi * factor, 3), km_min=round(lo * factor, 3) if lo is not None else None,
                       qualifier=qualifier, start=quote_start, num_start=num_start, end=uend, unit=unit, value=hi)
