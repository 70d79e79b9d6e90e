"""Stage 2 of the parser: the one number grammar every distance goes through."""

from __future__ import annotations

import time

import pytest

from rangemap._numbers import KM_PER_MILE, KM_PER_NMI, find_distances, parse_number, words_to_number


def distances(text: str) -> list[tuple[float, float | None, str | None, str]]:
    """(km, km_min, qualifier, quote) of every distance in ``text``."""
    return [(d.km, d.km_min, d.qualifier, text[d.start:d.end]) for d in find_distances(text, 0, len(text))]


# --------------------------------------------------------------------------- #
# single numbers
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("text", "value"), [
    ("2,000", 2000), ("15 000", 15000), ("2,500.5", 2500.5), ("4.5 thousand", 4500), ("11 thousand", 11000),
    ("1k", 1000), ("1.2k", 1200), ("two thousand", 2000), ("fifteen hundred", 1500), ("a thousand", 1000),
    ("twenty-five hundred", 2500), ("1.500", 1500), ("4.5", 4.5), ("12", 12),
])
def test_parse_number__forms(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "about", "thousands", "1,0000", "k"])
def test_parse_number__not_numbers(text):
    assert parse_number(text) is None


def test_words_to_number__compound():
    assert words_to_number(["two", "hundred", "and", "fifty"]) == 250
    assert words_to_number(["one", "million"]) == 1e6
    assert words_to_number(["and"]) is None


# --------------------------------------------------------------------------- #
# distances
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("text", "km"), [
    ("a range of 2,000 km", 2000), ("2000km", 2000), ("2,500km", 2500), ("3,000 kilometres", 3000),
    ("3,000 kilometers", 3000), ("12 000 km", 12000), ("4.5 thousand km", 4500), ("1k km", 1000),
    ("more than twelve thousand kilometres", 12000), ("about one thousand km", 1000), ("1.500 km", 1500),
])
def test_find_distances__number_forms(text, km):
    assert [d[0] for d in distances(text)] == [km]


@pytest.mark.parametrize(("text", "km", "km_min"), [
    ("ranges of 300-600 km", 600, 300), ("1,800-2,500 km", 2500, 1800), ("12,000 to 15,000 km", 15000, 12000),
    ("between 380 and 400 km", 400, 380), ("a range between 5000 and 8000 kilometers", 8000, 5000),
    ("5 to 8 thousand km", 8000, 5000), ("from 1,000 to 1,500 km", 1500, 1000),
])
def test_find_distances__spans(text, km, km_min):
    [(got, got_min, _, _)] = distances(text)
    assert (got, got_min) == (km, km_min)


@pytest.mark.parametrize("text", ["Fateh-110 - 300 km", "Type 12 (upgraded) - 1,000 km", "HVGP Block 1 - 500 km",
                                  "Hwasong-18: 15,000km", "DF-21 - 1,500 km"])
def test_find_distances__a_name_with_a_number_is_no_span(text):
    [(_, km_min, _, _)] = distances(text)
    assert km_min is None


def test_find_distances__two_distances_with_units_are_two():
    assert [d[0] for d in distances("extended from roughly 200 km to about 1,000 km")] == [200, 1000]


@pytest.mark.parametrize(("text", "km"), [
    ("1,000 miles", 1000 * KM_PER_MILE), ("a 1,000-mile-range missile", 1000 * KM_PER_MILE),
    ("275 nautical miles", 275 * KM_PER_NMI), ("500 nmi", 500 * KM_PER_NMI), ("900 nm", 900 * KM_PER_NMI),
])
def test_find_distances__miles_and_nautical_miles(text, km):
    [(got, _, _, _)] = distances(text)
    assert got == pytest.approx(km, abs=0.01)


@pytest.mark.parametrize(("text", "quote"), [
    ("a 2,000-km-range missile", "2,000-km"), ("a 1,450-kilometre range", "1,450-kilometre"),
])
def test_find_distances__compound_adjectives(text, quote):
    assert [d[3] for d in distances(text)] == [quote]


@pytest.mark.parametrize(("text", "qualifier", "quote"), [
    ("about 4,000 km", "about", "about 4,000 km"), ("~1k km", "about", "~1k km"),
    ("15,000+ km", "over", "15,000+ km"), ("more than 15,000 kilometres", "over", "more than 15,000 kilometres"),
    ("up to 500 km", "up to", "up to 500 km"), ("range until 5 thousand km", "up to", "until 5 thousand km"),
    ("at least 2,000 km", "at least", "at least 2,000 km"), ("well over 1,000 km", "over", "well over 1,000 km"),
    ("a range of 'more than 500 km'", "over", "more than 500 km"),
])
def test_find_distances__qualifiers(text, qualifier, quote):
    [(_, _, got, got_quote)] = distances(text)
    assert (got, got_quote) == (qualifier, quote)


@pytest.mark.parametrize("text", ["6,000 km/h", "1,000 km per hour", "28 thousand km/h", "5 km per second",
                                  "an area of 100 km2", "1,500 square km", "0.5 nm"])
def test_find_distances__speeds_and_areas_are_not_distances(text):
    assert [d for d in distances(text) if d[0] >= 5] == []


@pytest.mark.parametrize("payload", [
    "1," * 20000 + "km", "9" * 50000 + " km", "1 " * 30000 + "km", ", " * 40000 + "km", "km " * 30000,
    "-" * 50000 + "km", "three " * 20000 + "thousand km", "1-" * 25000 + "km", "between 1 and " * 5000 + "2 km",
    "1.2k " * 20000 + "km", "~" * 50000 + "1 km",
])
def test_find_distances__adversarial_input_is_fast(payload):
    t = time.perf_counter()
    list(find_distances(payload, 0, len(payload)))
    assert time.perf_counter() - t < 2.0
