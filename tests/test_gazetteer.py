"""Offline geocoding: named cases across regions, ambiguity and suggestions."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from rangemap import UnknownPlaceError, geocode
from rangemap.geodesy import geodesic_distance_km


@pytest.mark.parametrize(("name", "country", "kind", "lat", "lon"), [
    # Japan
    ("Tokyo", "JPN", "capital", 35.69, 139.69), ("Kumamoto", "JPN", "city", 32.80, 130.71),
    ("Okinawa", "JPN", "island", 26.5, 127.95), ("Kyushu", "JPN", "island", 32.75, 130.75),
    ("Hokkaido", "JPN", "island", 43.45, 142.8), ("Yonaguni", "JPN", "island", 24.46, 122.99),
    ("Camp Kengun", "JPN", "base", 32.8, 130.76), ("Kadena Air Base", "JPN", "base", 26.36, 127.77),
    ("Kagoshima Prefecture", "JPN", "region", 31.55, 130.55),
    # Korea
    ("Pyongyang", "PRK", "capital", 39.03, 125.75), ("Seoul", "KOR", "capital", 37.57, 126.98),
    ("Sohae", "PRK", "launch_site", 39.66, 124.71), ("Jeju", "KOR", "island", 33.38, 126.55),
    ("South Hamgyong", "PRK", "region", 40.4, 128.3),
    # China and Taiwan
    ("Beijing", "CHN", "capital", 39.91, 116.40), ("Hainan", "CHN", "island", 19.2, 109.7),
    ("Guangdong", "CHN", "region", 23.4, 113.4), ("Shanghai", "CHN", "city", 31.22, 121.46),
    ("Taipei", "TWN", "capital", 25.05, 121.53), ("Kinmen", "TWN", "island", 24.45, 118.38),
    # Guam and the Pacific
    ("Guam", "GUM", "territory", 13.44, 144.79), ("Andersen Air Force Base", "GUM", "base", 13.58, 144.93),
    ("Andersen AFB", "GUM", "base", 13.58, 144.93), ("Hawaii", "USA", "region", 20.8, -156.3),
    # Russian Far East
    ("Vladivostok", "RUS", "city", 43.11, 131.87), ("Petropavlovsk-Kamchatsky", "RUS", "city", 53.06, 158.63),
    ("Kamchatka", "RUS", "region", 56.5, 159.5), ("Sakhalin", "RUS", "island", 50.0, 142.9),
    # Europe and the Middle East
    ("Berlin", "DEU", "capital", 52.52, 13.41), ("Kaliningrad", "RUS", "city", 54.71, 20.51),
    ("Tehran", "IRN", "capital", 35.69, 51.42), ("Tel Aviv", "ISR", "city", 32.08, 34.78),
    ("Riyadh", "SAU", "capital", 24.69, 46.72), ("Strait of Hormuz", "", "strait", 26.57, 56.25),
    # seas
    ("East China Sea", "", "sea", 29.0, 125.0), ("Sea of Japan", "", "sea", 40.0, 135.0),
])
def test_geocode__named_cases(name, country, kind, lat, lon):
    p = geocode(name)
    assert (p.country, p.kind) == (country, kind)
    assert geodesic_distance_km(p.lat, p.lon, lat, lon) < 5


@pytest.mark.parametrize("name", ["pyongyang", "PYONGYANG", "  Pyongyang ", "P'yongyang", "Pyŏngyang"])
def test_geocode__case_accents_and_punctuation(name):
    assert geocode(name).country == "PRK"


def test_geocode__aliases():
    assert geocode("East Sea").name == "Sea of Japan"
    assert geocode("Diaoyu Islands").name == "Senkaku Islands"
    assert geocode("Tongchang-ri").name == "Sohae Satellite Launching Station"


def test_geocode__ambiguous_names_resolve_sensibly():
    assert (geocode("Washington").country, geocode("Washington").kind) == ("USA", "capital")
    assert geocode("Paris").country == "FRA"
    assert geocode("Paris", near="USA").country == "USA"
    assert geocode("Paris", near="United States").lat == pytest.approx(33.66, abs=0.05)
    assert geocode("Paris", near=(33.0, -95.0)).country == "USA"
    assert geocode("Paris", near=(50.0, 3.0)).country == "FRA"
    # the curated table wins over cities of the same name
    assert geocode("Okinawa").kind == "island"
    # capitals win over larger namesakes: Victoria, Seychelles is the capital
    assert geocode("Victoria").kind == "capital"


def test_geocode__countries_are_places_at_their_capital():
    p = geocode("North Korea")
    assert (p.country, p.kind) == ("PRK", "country")
    assert geodesic_distance_km(p.lat, p.lon, 39.03, 125.75) < 5


@pytest.mark.parametrize(("name", "suggestion"), [
    ("Pyongayng", "Pyongyang"), ("Kumamotto", "Kumamoto"), ("Okinwa", "Okinawa"), ("Camp Kengn", "Camp Kengun"),
])
def test_geocode__unknown_names_suggest(name, suggestion):
    with pytest.raises(UnknownPlaceError) as info:
        geocode(name)
    assert isinstance(info.value, LookupError)
    assert suggestion in info.value.suggestions and len(info.value.suggestions) <= 3
    assert repr(name) in str(info.value) and "did you mean" in str(info.value)


def test_geocode__nonsense_has_no_suggestions():
    with pytest.raises(UnknownPlaceError) as info:
        geocode("Qxzvbnm")
    assert info.value.suggestions == ()


def test_geocode__speed_in_a_fresh_process():
    """First lookup builds the index: report the time (the budget is 0.3 s, checked
    loosely here; benchmarks/bench_geocode.py measures it properly)."""
    code = textwrap.dedent("""
        import time, rangemap
        t = time.perf_counter(); rangemap.geocode("Okinawa"); first = time.perf_counter() - t
        t = time.perf_counter()
        for _ in range(1000): rangemap.geocode("Seoul")
        later = (time.perf_counter() - t) / 1000
        print(first, later)
    """)
    first, later = map(float, subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    assert first < 1.5 and later < 0.001


def test_geocode__every_bundled_country_is_a_place():
    from rangemap.geodata import country, country_names

    for iso3, name in country_names().items():
        p = geocode(name)
        assert p.country == iso3 or p.kind != "country", (iso3, name, p)
        if p.kind == "country":
            # at its capital or at a point inside it: either way on or near its territory
            import shapely

            assert shapely.dwithin(country(iso3).geometry, shapely.Point(p.lon, p.lat), 1.0), (iso3, p)
