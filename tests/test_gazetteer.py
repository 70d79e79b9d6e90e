"""Offline geocoding: named cases across regions, ambiguity and suggestions."""

from __future__ import annotations

import csv
import importlib.util
import math
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rangemap import GeodesyError, UnknownCountryError, UnknownPlaceError, gazetteer, geocode
from rangemap.geodata import data_path
from rangemap.geodesy import geodesic_distance_km

ROOT = Path(__file__).resolve().parent.parent


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
    ("Pyongayng", "Pyongyang"), ("Kumamoro", "Kumamoto"), ("Okinwa", "Okinawa"), ("Camp Kengn", "Camp Kengun"),
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
    """The first lookup reads the index (about 40 ms; the budget for import and
    first lookup together is 0.3 s, which benchmarks/bench_geocode.py measures)."""
    code = textwrap.dedent("""
        import time, rangemap
        from rangemap import gazetteer
        t = time.perf_counter(); rangemap.geocode("Okinawa"); first = time.perf_counter() - t
        # the first lookup reads the index in place: no key list, no variants
        assert gazetteer._known.cache_info().currsize == 0 and gazetteer._variants.cache_info().currsize == 0
        t = time.perf_counter()
        for _ in range(1000): rangemap.geocode("Seoul")
        later = (time.perf_counter() - t) / 1000
        print(first, later)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    first, later = map(float, out.split())
    assert first < 0.3 and later < 0.001


def test_geocode__every_bundled_country_is_a_place():
    from rangemap.geodata import country, country_names

    for iso3, name in country_names().items():
        p = geocode(name)
        assert p.country == iso3 or p.kind != "country", (iso3, name, p)
        if p.kind == "country":
            # at its capital or at a point inside it: either way on or near its territory
            import shapely

            assert shapely.dwithin(country(iso3).geometry, shapely.Point(p.lon, p.lat), 1.0), (iso3, p)


# --------------------------------------------------------------------------- #
# the bigger gazetteer: regions, bases, airports, towns, variants (issue #13)
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("name", "country", "lat", "lon", "km"), [
    # first-level regions, from Natural Earth admin-1 (or the curated table first): within km of a point inside
    ("Fujian", "CHN", 26.1, 118.3, 150), ("Fujian Province", "CHN", 26.1, 118.3, 150),
    ("Kaliningrad Oblast", "RUS", 54.7, 21.2, 100), ("Gangwon", "KOR", 37.8, 128.2, 100),
    ("Gangwon-do", "KOR", 37.8, 128.2, 100), ("Bavaria", "DEU", 49.0, 11.4, 150), ("Krasnodar Krai", "RUS", 45.3, 39.5, 250),
    ("Orenburg Oblast", "RUS", 51.8, 55.1, 400), ("Zaporizhzhia Oblast", "UKR", 47.5, 35.5, 150),
    ("Leningrad Oblast", "RUS", 59.9, 32.0, 300), ("Punjab", "IND", 31.0, 75.4, 200), ("Arkansas", "USA", 34.8, -92.2, 200),
])
def test_geocode__first_level_regions(name, country, lat, lon, km):
    p = geocode(name)
    assert (p.country, p.kind) == (country, "region"), p
    assert geodesic_distance_km(p.lat, p.lon, lat, lon) < km


@pytest.mark.parametrize(("name", "display", "country", "lat", "lon"), [
    ("Kadena Air Base", "Kadena Air Base", "JPN", 26.36, 127.77), ("Kadena AB", "Kadena Air Base", "JPN", 26.36, 127.77),
    ("Khmeimim", "Hmeimim Air Base", "SYR", 35.40, 35.95), ("Hmeimim Air Base", "Hmeimim Air Base", "SYR", 35.40, 35.95),
    # from airportsdata: "X Afb Airport" is indexed as "X Air Force Base" and "X AFB"
    ("Whiteman AFB", "Whiteman Air Force Base", "USA", 38.73, -93.55),
    ("Minot Air Force Base", "Minot Air Force Base", "USA", 48.42, -101.36),
    ("Barksdale AFB", "Barksdale Air Force Base", "USA", 32.50, -93.66),
    ("Engels Air Base", "Engels Air Base", "RUS", 51.47, 46.20), ("Aviano AB", "Aviano Air Base", "ITA", 46.03, 12.60),
    ("RAF Lakenheath", "RAF Lakenheath", "GBR", 52.41, 0.56),
    ("NAS Whidbey Island", "Naval Air Station Whidbey Island", "USA", 48.35, -122.66),
    ("MCAS Miramar", "Marine Corps Air Station Miramar", "USA", 32.87, -117.14),
    # curated, with a source note: ICBM bases that are no airfield
    ("Malmstrom AFB", "Malmstrom Air Force Base", "USA", 47.51, -111.18),
    ("F.E. Warren AFB", "Francis E. Warren Air Force Base", "USA", 41.13, -104.87),
])
def test_geocode__air_bases(name, display, country, lat, lon):
    p = geocode(name)
    assert (p.name, p.country, p.kind) == (display, country, "base"), p
    assert geodesic_distance_km(p.lat, p.lon, lat, lon) < 5


@pytest.mark.parametrize(("name", "display", "code"), [
    ("Narita International Airport", "Narita International Airport", "NRT"),
    ("Narita Airport", "Narita International Airport", "NRT"),
    ("Incheon International Airport", "Incheon International Airport", "ICN"),
])
def test_geocode__airports(name, display, code):
    p = geocode(name)
    assert (p.name, p.kind) == (display, "airport") and code in p.source


@pytest.mark.parametrize(("name", "expected", "country"), [
    # towns of 5,000 to 15,000 people (GeoNames cities5000)
    ("Tatishchevo", "Tatishchevo", "RUS"), ("Dombarovskiy", "Dombarovskiy", "RUS"), ("Gadzhiyevo", "Gadzhiyevo", "RUS"),
    ("Kadena", "Kadena Air Base", "JPN"),  # the curated base before the town of that name
    # GeoNames alternate names and spelling variants
    ("Nizhny Novgorod", "Nizhniy Novgorod", "RUS"), ("Nizhnii Novgorod", "Nizhniy Novgorod", "RUS"),
    ("Gorky", "Nizhniy Novgorod", "RUS"), ("Ekaterinburg", "Yekaterinburg", "RUS"), ("Dombarovsky", "Dombarovskiy", "RUS"),
    ("Yasny", "Yasnyy", "RUS"), ("Tallin", "Tallinn", "EST"), ("Kumamotto", "Kumamoto", "JPN"),
    # a big city's conventional English name before a small namesake's own
    ("Kiev", "Kyiv", "UKR"), ("Odessa", "Odesa", "UKR"), ("Bombay", "Mumbai", "IND"),
])
def test_geocode__towns_alternate_names_and_variants(name, expected, country):
    p = geocode(name)
    assert (p.name, p.country) == (expected, country), p


def test_geocode__a_region_named_beside_the_place():
    arkansas = geocode("Camden, Arkansas")
    assert (arkansas.country, arkansas.population < 15000) == ("USA", True)
    assert geodesic_distance_km(arkansas.lat, arkansas.lon, 33.58, -92.83) < 5
    assert geocode("Camden").lat == pytest.approx(39.93, abs=0.05)  # alone: Camden, New Jersey, the largest
    for same in (geocode("Camden", admin1="Arkansas"), geocode("Camden", admin1="US-AR"), geocode("Camden, AR"),
                 geocode("Camden", country="USA", admin1="Arkansas"), geocode(" camden ,  arkansas ")):
        assert same == arkansas
    assert geocode("Athens, Georgia").country == "USA"       # the US state...
    assert geocode("Batumi, Georgia").country == "GEO"       # ...or the country, whichever holds the place
    assert geocode("Paris, Texas").lat == pytest.approx(33.66, abs=0.05)
    assert geocode("Kaliningrad, Russia").country == "RUS"
    assert geocode("Simferopol, Crimea").country == "UKR"  # GeoNames' codes, as the cities carry them
    # where GeoNames' first level is coarser (France's regions, not its departments), by the region's extent
    assert geocode("Toulon, Var").country == "FRA"
    with pytest.raises(UnknownPlaceError, match="no place named 'Paris' in 'Var'"):
        geocode("Paris, Var")
    assert geocode("Springfield, Illinois").lat == pytest.approx(39.80, abs=0.05)
    assert geocode("Paris", country="USA").country == "USA"
    camdens = gazetteer.candidates("Camden")
    assert {p.country for p in camdens} == {"USA", "GBR", "AUS"}  # Camden, New South Wales: a village
    assert sum(p.kind == "city" and p.country == "USA" for p in camdens) >= 3


def test_geocode__a_place_not_in_the_region_named_is_an_error():
    with pytest.raises(UnknownPlaceError, match="no place named 'Paris' in 'Japan'"):
        geocode("Paris, Japan")
    with pytest.raises(UnknownPlaceError, match="no place named 'Camden' in 'Texas'"):
        geocode("Camden", admin1="Texas")
    with pytest.raises(UnknownPlaceError, match="unknown first-level region 'Narnia'"):
        geocode("Camden", admin1="Narnia")
    with pytest.raises(UnknownCountryError):
        geocode("Camden", country="Narnia")
    # a comma not followed by a country or region is part of the name
    with pytest.raises(UnknownPlaceError, match="unknown place 'Camden, Narnia'"):
        geocode("Camden, Narnia")


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"name": None}, TypeError, "place name must be a str, got NoneType"),
    ({"name": 12}, TypeError, "place name must be a str, got int"),
    ({"name": "Paris", "country": ["FRA"]}, TypeError, "country must be a str"),
    ({"name": "Paris", "near": (999, 999)}, GeodesyError, "latitude must be within \\[-90, 90\\], got 999"),
    ({"name": "Paris", "near": (math.nan, 0)}, GeodesyError, "latitude must be within \\[-90, 90\\], got nan"),
    ({"name": "Paris", "near": (0, math.inf)}, GeodesyError, "longitude must be finite, got inf"),
    ({"name": "Paris", "near": (10**400, 0)}, GeodesyError, "out of range"),
    ({"name": "Paris", "near": (1, 2, 3)}, TypeError, "near must be a country .* or a \\(lat, lon\\) pair"),
    ({"name": "Paris", "near": ("1", "2")}, TypeError, "near must be"),
    ({"name": "Paris", "near": 5}, TypeError, "near must be"),
])
def test_geocode__bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        geocode(**kwargs)
    if error is GeodesyError:
        assert issubclass(error, ValueError)


def test_geocode__near_accepts_numpy_numbers():
    import numpy as np

    assert geocode("Paris", near=np.array([33.0, -95.0])).country == "USA"


def test_geocode__a_huge_unknown_name_gives_a_short_message():
    with pytest.raises(UnknownPlaceError) as info:
        geocode("Qx" * 500_000)
    assert len(str(info.value)) < 300 and "…" in str(info.value)


def test_geocode__accepts_curly_apostrophes_like_country():
    assert geocode("People’s Republic of China").country == "CHN"
    assert geocode("Sinp’o").country == "PRK"


def test_gazetteer__names_for_the_parser():
    known = gazetteer.known_names()
    assert {"nizhny novgorod", "kadena air base", "fujian province", "whiteman afb", "camden"} <= known
    assert gazetteer.first_words()["nizhny"] >= 2
    assert gazetteer.normalize("People’s  Republic") == "peoples republic"


def _table_names(fname: str) -> list[tuple[set[str], set[str]]]:
    """Per row of a generated table: (its own names, its other names), normalised."""
    from rangemap._text import normalize

    ascii_name = _build_script().ascii_name  # villages1000.csv has no asciiname column: the build makes it
    out = []
    with data_path(fname).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            own = {normalize(row["name"])} | ({normalize(row["asciiname"])} if "asciiname" in row else set())
            if fname == "villages1000.csv":
                own.add(normalize(ascii_name(row["name"])))
            other = {normalize(a) for col in ("aliases", "alternate_names") for a in row.get(col, "").split(";") if a}
            if fname == "airports.csv":
                own, other = own | other, set()
            out.append((own, other))
    return out


def test_gazetteer_index__sorted_complete_and_pointing_at_the_right_rows():
    """gazetteer_index.tsv is made from the tables by scripts/build_geodata.py:
    it must be sorted (it is binary-searched) and agree with the tables (a table
    rebuilt without the index would break this)."""
    tables = {letter: _table_names(fname) for letter, fname in gazetteer._TABLES.items()}
    lines = data_path(gazetteer.INDEX_FILE).read_text(encoding="utf-8").splitlines()
    keys = [line.split("\t", 1)[0] for line in lines]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    indexed: set[str] = set()
    for line in lines:
        key, refs = line.split("\t")
        for ref in refs.split(" "):
            letter, row = ref[0], int(ref[1:].rstrip("~"))
            own, other = tables[letter][row]
            if not ref.endswith("~"):
                assert key in own, (key, ref)
                indexed.add(f"{letter}{row}")
            elif letter in "ra":
                assert key in other, (key, ref)
    # every row is found by its own name, but for the names the build leaves out on purpose
    # (towns named "August", regions named "North"; see scripts/build_geodata.py)
    spec = importlib.util.spec_from_file_location("build_geodata", ROOT / "scripts" / "build_geodata.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    for letter, rows in tables.items():
        missing = [i for i in range(len(rows)) if f"{letter}{i}" not in indexed]
        unexplained = [i for i in missing if not any(k in build.NOT_NAMES or build._too_generic(k) for k in rows[i][0])]
        assert not unexplained, (letter, unexplained[:5])
        assert len(missing) <= 0.05 * len(rows), (letter, len(missing))
    variants = data_path(gazetteer.VARIANTS_FILE).read_text(encoding="utf-8").splitlines()
    vkeys = [line.split("\t", 1)[0] for line in variants]
    assert vkeys == sorted(vkeys)
    assert all(gazetteer.fold(k) == k for k in vkeys)  # folding is idempotent


def test_gazetteer_index__binary_search_finds_every_key_and_only_those():
    index = gazetteer._SortedIndex("a\t1\nab\t2\nb c\t3\nzz\t4\n")
    assert [index.get(k) for k in ("a", "ab", "b c", "zz")] == ["1", "2", "3", "4"]
    assert [index.get(k) for k in ("", "aa", "b", "zzz", "\uffff")] == ["", "", "", "", ""]
    assert index.keys() == ["a", "ab", "b c", "zz"]
    assert gazetteer._SortedIndex("").get("a") == ""


# --------------------------------------------------------------------------- #
# names news writes: short alternate names, transliterations, the Arabic
# article, airports without "Airport", curated places
# --------------------------------------------------------------------------- #
def _build_script():
    spec = importlib.util.spec_from_file_location("build_geodata", ROOT / "scripts" / "build_geodata.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    return build


@pytest.fixture(scope="module")
def build():
    return _build_script()


def _index_lines() -> list[tuple[str, list[str]]]:
    lines = data_path(gazetteer.INDEX_FILE).read_text(encoding="utf-8").splitlines()
    return [(key, refs.split(" ")) for key, refs in (line.split("\t") for line in lines)]


@pytest.mark.parametrize("word", ["Der", "Die", "Das", "Les", "Los", "Las", "Del", "Della", "Von", "The", "Und", "Uber"])
def test_geocode__function_words_are_no_places(word):
    """GeoNames gives Győr the alternate name "Der": "an interview with Der
    Spiegel" named no place in Hungary (nor "Das" Dass, Nigeria, by a variant)."""
    assert gazetteer.lookup(word) is None
    assert gazetteer.normalize(word) not in gazetteer.known_names()


def test_gazetteer_index__alternate_names_have_four_letters_and_no_function_word(build):
    for key, refs in _index_lines():
        alternates = [r for r in refs if r.endswith("~") and r[0] in "ct"]
        if alternates:
            assert sum(ch.isalpha() for ch in key) >= 4, (key, alternates)
            assert key not in build.FUNCTION_WORDS and key not in build.NOT_NAMES, key
    # a city keeps its own name even when it is a function word elsewhere: Van, Turkey
    assert (geocode("Van").country, geocode("Van").kind) == ("TUR", "city")


@pytest.mark.parametrize(("name", "expected", "country"), [
    ("Asipovichy", "Osipovichi", "BLR"),   # Belarusian spelling of a town of 29,000
    ("Payde", "Paide", "EST"),
    ("Elsinore", "Helsingør", "DNK"),
])
def test_geocode__transliterations_of_small_places(name, expected, country):
    p = geocode(name)
    assert (p.name, p.country) == (expected, country), p
    assert p.source.endswith("(alternate name)")


def test_geocode__own_names_win_over_transliterations():
    # "Madison" is the own name of Madison, Wisconsin, and of other towns; a
    # transliteration of it ("Medison") is only an alternate name, indexed after them
    assert (geocode("Madison").country, geocode("Madison").source) == ("USA", "GeoNames cities15000")
    # every key lists a row's own name before any alternate name
    for key, refs in _index_lines():
        flags = [r.endswith("~") for r in refs]
        assert flags == sorted(flags), key


def test_transliteration_filter(build):
    t = build._transliteration
    assert t("asipovichy", {"osipovichi"}) and t("payde", {"paide"})
    assert not t("drone", {"dronero"})           # a shortening, and an English word
    assert not t("never", {"nevers"})            # part of the own name
    assert not t("ain tendrara", {"tendrara"})   # a longer name
    assert not t("federation", {"federacion"})   # an English word
    assert not t("olivia", {"olivija"})           # a given name
    assert not t("saky", {"saki"})               # four letters: too short to tell from a word
    assert not t("moscow", {"novosibirsk"})      # not similar


@pytest.mark.parametrize("word", ["Drone", "Federation", "Human", "Never", "From", "Chair", "Artemis", "Olivia"])
def test_geocode__english_words_are_no_transliterations(word):
    assert gazetteer.normalize(word) not in gazetteer.known_names()


def test_gazetteer_index__size_stays_reasonable():
    """Transliteration variants of small places add about 0.9 MB to the index,
    the villages 1.6 MB (and 0.5 MB to the variants); the first lookup in a fresh
    process stays fast (test above)."""
    assert data_path(gazetteer.INDEX_FILE).stat().st_size < 5_500_000
    assert data_path(gazetteer.VARIANTS_FILE).stat().st_size < 1_700_000
    assert data_path("villages1000.csv").stat().st_size < 4_000_000


def test_fold__drops_a_leading_arabic_article_only():
    fold = gazetteer.fold
    for article in ("al", "el", "as", "ash", "ad", "adh", "ar", "an", "at", "ath", "az"):
        assert fold(f"{article} watah") == fold("watah"), article
    # only a first word of its own, in these exact forms: other words keep their letters
    for key in ("alabama", "ashford", "atlanta", "anchorage", "elgin", "arlington", "asheville", "athens", "adelaide",
                "azores", "as", "at", "an", "el", "al", "ann arbor", "all saints", "mount al hasa"):
        assert fold(key)[:2] == key[:2], (key, fold(key))
    assert fold("mount al hasa") == "mount al hasa" and fold("ann arbor") == "ann arbor" and fold("alabama") == "alabama"
    assert fold(fold("al al udeid")) == fold("al al udeid") == "udeid"


@pytest.mark.parametrize(("name", "expected"), [
    ("Sulayyil", "As Sulayyil"), ("As Sulayyil", "As Sulayyil"),
    ("al-Watah", "Al-Watah"), ("Al Watah", "Al-Watah"), ("Watah", "Al-Watah"), ("el-Watah", "Al-Watah"),
    ("Al Udeid", "Al Udeid Air Base"), ("Udeid", "Al Udeid Air Base"), ("al-Udeid", "Al Udeid Air Base"),
    ("At Tanf", "Al-Tanf"), ("Tanf", "Al-Tanf"), ("Dhafra", "Al Dhafra Air Base"),
])
def test_geocode__with_or_without_the_arabic_article(name, expected):
    assert geocode(name).name == expected


def test_geocode__airports_by_their_place_s_name():
    p = geocode("Ngari Gunsa")
    assert (p.name, p.kind, p.country) == ("Ngari Gunsa Airport", "airport", "CHN")
    assert geocode("Bagram").name == "Bagram Air Base"


@pytest.mark.parametrize("name", ["Indira Gandhi", "Chhatrapati Shivaji", "John F Kennedy", "Charles de Gaulle",
                                  "Ben Gurion", "Imam Khomeini", "Jomo Kenyatta", "Queen Alia", "Lincoln Municipal",
                                  "Logan County", "Capital City"])
def test_geocode__airports_are_not_found_by_a_person_s_name(name):
    p = gazetteer.lookup(name)
    assert p is None or p.kind != "airport", p


@pytest.mark.parametrize("name", ["Kennedy", "Lincoln", "Reagan", "Churchill", "Alert"])
def test_geocode__a_surname_or_a_word_is_no_airport(name):
    p = gazetteer.lookup(name)
    assert p is None or p.kind not in ("airport", "base"), p


def test_bare_airport_names(build):
    bare = build._bare_airport_name
    assert bare("Ngari Gunsa Airport", "Shiquanhe") == "Ngari Gunsa"
    assert bare("Al Udeid Air Base", "Doha") == "Al Udeid"
    assert bare("Thule Air Base", "Thule") == "Thule"                  # the town's name
    assert bare("Wichita Falls Airport", "Dallas") == "Wichita Falls"  # two words
    assert bare("Kadena Airport", "Naha") is None                      # one word, not the town's
    for name, city in [("Indira Gandhi International Airport", "New Delhi"),
                       ("John F Kennedy International Airport", "New York"),
                       ("Chhatrapati Shivaji International Airport", "Mumbai"),
                       ("Charles de Gaulle International Airport", "Paris"),
                       ("Ronald Reagan Washington National Airport", "Washington"),
                       ("Sultan Syarif Kasim II International Airport", "Pekanbaru"),
                       ("Quatro De Fevereiro Airport", "Luanda"), ("Persian Gulf Airport", "Asaluyeh"),
                       ("Lincoln Municipal Airport", "Lincoln"), ("Lincoln Airport", "Lincoln"), ("Alert Airport", "Alert"),
                       ("Ottawa / Gatineau Airport", "Gatineau")]:
        assert bare(name, city) is None, name


@pytest.mark.parametrize(("name", "expected", "country", "kind"), [
    ("JBER", "Joint Base Elmendorf-Richardson", "USA", "base"),
    ("Elmendorf", "Joint Base Elmendorf-Richardson", "USA", "base"),
    ("Whiteman", "Whiteman Air Force Base", "USA", "base"),
    ("Kings Bay", "Naval Submarine Base Kings Bay", "USA", "base"),
    ("Redzikowo", "Redzikowo", "POL", "base"), ("Deveselu", "Deveselu", "ROU", "base"),
    ("Souda Bay", "Souda Bay", "GRC", "base"), ("Pine Gap", "Pine Gap", "AUS", "base"),
    ("Ile Longue", "Île Longue", "FRA", "base"), ("Coulport", "RNAD Coulport", "GBR", "base"),
    ("Büchel", "Büchel Air Base", "DEU", "base"), ("Ali Al Salem", "Ali Al Salem Air Base", "KWT", "base"),
    ("Snake Island", "Snake Island", "UKR", "island"), ("Zmiinyi", "Snake Island", "UKR", "island"),
    ("Zmiinyi Island", "Snake Island", "UKR", "island"), ("Saky", "Saky Air Base", "UKR", "base"),
    ("Kerch Bridge", "Crimean Bridge", "", "facility"), ("Donbas", "Donbas", "UKR", "region"),
    ("Olenya", "Olenya Air Base", "RUS", "base"), ("Novaya Zemlya", "Novaya Zemlya", "RUS", "island_group"),
    ("Nevatim", "Nevatim Airbase", "ISR", "base"), ("Sdot Micha", "Sdot Micha Airbase", "ISR", "base"),
    ("Golan Heights", "Golan Heights", "ISR", "region"),
    ("Fordow", "Fordow", "IRN", "facility"), ("Natanz", "Natanz Fuel Enrichment Plant", "IRN", "facility"),
    ("Abu Musa", "Abu Musa", "IRN", "island"), ("Kharg Island", "Kharg Island", "IRN", "island"),
    ("Dr APJ Abdul Kalam Island", "Abdul Kalam Island", "IND", "launch_site"),
    ("Sriharikota", "Sriharikota", "IND", "launch_site"), ("Chandipur", "Chandipur", "IND", "test_site"),
    ("Sonmiani", "Sonmiani", "PAK", "test_site"), ("Jilantai", "Jilantai", "CHN", "base"),
    ("Second Thomas Shoal", "Second Thomas Shoal", "PHL", "island"), ("Ayungin Shoal", "Second Thomas Shoal", "PHL", "island"),
    ("Itu Aba", "Taiping Island", "TWN", "island"), ("Seongju", "Seongju THAAD site", "KOR", "base"),
    ("Baengnyeong Island", "Baengnyeong Island", "KOR", "island"),
    ("Tanegashima Space Center", "Tanegashima Space Center", "JPN", "launch_site"),
    ("Jiupeng", "Jiupeng", "TWN", "test_site"), ("Andøya", "Andøya", "NOR", "island"),
    ("Suwalki Gap", "Suwałki Gap", "", "region"), ("Aegean", "Aegean Sea", "", "sea"),
    ("Crete", "Crete", "GRC", "island"), ("Sinop", "Sinop", "TUR", "city"), ("Bali", "Bali", "IDN", "island"),
    ("Hormuz", "Strait of Hormuz", "", "strait"), ("Gulf of Mexico", "Gulf of Mexico", "", "sea"),
    ("Red Square", "Red Square", "RUS", "site"), ("Gobi", "Gobi Desert", "MNG", "region"),
    ("Sinai", "Sinai Peninsula", "EGY", "region"), ("Kola Peninsula", "Kola Peninsula", "RUS", "region"),
])
def test_geocode__curated_places_of_missile_news(name, expected, country, kind):
    p = geocode(name)
    assert (p.name, p.country, p.kind) == (expected, country, kind), p
    assert p.source.startswith("curated")


@pytest.mark.parametrize("name", ["Kremlin", "Pentagon"])
def test_geocode__institutions_are_no_places(name):
    """News names the Russian government "the Kremlin" and the US defence
    ministry "the Pentagon": neither is in the curated table."""
    assert gazetteer.lookup(name) is None


def test_curated_table__each_name_once_and_sound_rows():
    from rangemap._text import normalize

    seen: dict[str, str] = {}
    with data_path("places_curated.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
            assert row["country"] == "" or len(row["country"]) == 3, row
            for key in {normalize(n) for n in (row["name"], *row["aliases"].split(";")) if n}:
                assert key not in seen, (key, seen[key], row["name"])
                seen[key] = row["name"]
    assert len({v for v in seen.values()}) >= 850


# --------------------------------------------------------------------------- #
# villages: GeoNames cities1000 less the cities and towns (villages1000.csv)
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("name", "expected", "country", "lat", "lon"), [
    ("Kirkenes", "Kirkenes", "NOR", 69.73, 30.05), ("Unterlüß", "Unterlüß", "DEU", 52.83, 10.30),
    ("Unterluss", "Unterlüß", "DEU", 52.83, 10.30), ("Holzdorf", "Holzdorf", "DEU", 51.78, 13.13),
    ("Okushiri", "Okushiri", "JPN", 42.17, 139.51), ("Olenivka", "Olenivka", "UKR", 47.83, 37.66),
    ("Buni Yadi", "Buni Yadi", "NGA", 11.27, 12.01),   # a seat of a division with no population given
    ("Kirkenes, Norway", "Kirkenes", "NOR", 69.73, 30.05), ("Holzdorf, Saxony-Anhalt", "Holzdorf", "DEU", 51.78, 13.13),
    ("Camden, New South Wales", "Camden", "AUS", -34.05, 150.70),
])
def test_geocode__villages(name, expected, country, lat, lon):
    p = geocode(name)
    assert (p.name, p.country, p.kind, p.source) == (expected, country, "city", "GeoNames cities1000"), p
    assert p.population < 5000
    assert geodesic_distance_km(p.lat, p.lon, lat, lon) < 2


@pytest.mark.parametrize(("name", "expected"), [
    ("Dededo", "Dededo Village"), ("Yigo", "Yigo Village"), ("Barrigada", "Barrigada Village"),
])
def test_geocode__guam_s_villages_without_the_word_village(name, expected):
    p = geocode(name)
    assert (p.name, p.country) == (expected, "GUM"), p


def test_geocode__villages_come_after_bigger_places_and_bases_but_before_airports():
    assert (geocode("Jackson").country, geocode("Jackson").population > 100_000) == ("USA", True)
    assert geocode("Jackson").lat == pytest.approx(32.30, abs=0.05)           # Jackson, Mississippi, as before
    assert geocode("Madison").source == "GeoNames cities15000"
    assert geocode("Camden").lat == pytest.approx(39.93, abs=0.05)            # Camden, New Jersey
    assert geocode("Paris").country == "FRA"
    assert geocode("Holzdorf Air Base").kind == "base"                        # the base, not the village beside it
    # a village before an airport named after it
    assert (geocode("Aberporth").kind, geocode("Aberporth").source) == ("city", "GeoNames cities1000")
    assert any(p.kind == "airport" for p in gazetteer.candidates("Aberporth"))


@pytest.mark.parametrize(("name", "expected", "country"), [
    ("Elsinore", "Helsingør", "DNK"), ("Marseilles", "Marseille", "FRA"),
])
def test_geocode__a_village_s_own_name_comes_after_another_place_s_alternate_name(name, expected, country):
    """A village of that name exists; the better-known place still answers, as before the villages."""
    assert any(p.source == "GeoNames cities1000" for p in gazetteer.candidates(name))
    p = geocode(name)
    assert (p.name, p.country) == (expected, country), p


@pytest.mark.parametrize("word", ["Congress", "Anger", "Christmas", "Tomahawk", "Nodong", "North East", "The Hill",
                                  "Price", "Hope", "Diehl", "Reif"])
def test_villages__words_names_and_missiles_are_not_indexed(word):
    """Villages named like an English word, a person, a missile or an English phrase are
    left out ("Congress", Arizona; "Tomahawk", Wisconsin; "Tom Price")."""
    refs = gazetteer._static().get(gazetteer.normalize(word))
    assert not any(r.startswith("v") for r in refs.split()), (word, refs)


@pytest.mark.parametrize(("text", "name"), [("Price", "Price"), ("Austin Long", "Austin Long"), ("Congress", "Congress"),
                                            ("The Hill", "The Hill"), ("North East", "North East")])
def test_geocode__common_words_and_people_are_still_no_places(text, name):
    assert gazetteer.lookup(text) is None, name


def test_village_name_filter(build):
    ok = build.village_name_ok
    missiles = build._missile_keys()
    assert {"hwasong", "dongfeng", "nodong", "kinzhal"} <= missiles      # names and family names before a number
    for key in ("kirkenes", "unterluss", "holzdorf", "big pine key", "buni yadi"):
        assert ok(key, missiles), key
    for key in ("congress", "anger", "price", "hope", "tomahawk", "dongfeng", "ada", "north east", "middle east",
                "tom price", "the hill", "as said", "hasan", "march"):
        assert not ok(key, missiles), key


def test_villages_table__trimmed_columns_and_rows():
    with data_path("villages1000.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        assert next(reader) == ["name", "lat", "lon", "country", "admin1", "population"]
        rows = list(reader)
    assert 90_000 < len(rows) < 100_000
    for name, lat, lon, country, _admin1, population in rows:
        assert name and len(country) == 3 and int(population) >= 0, name
        assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180, name
        assert len(lat.partition(".")[2]) <= 3 and len(lon.partition(".")[2]) <= 3, (name, lat, lon)


def test_geocode__a_village_in_a_fresh_process_is_fast():
    code = textwrap.dedent("""
        import time, rangemap
        t = time.perf_counter(); p = rangemap.geocode("Kirkenes"); first = time.perf_counter() - t
        assert p.source == "GeoNames cities1000", p
        print(first)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert float(out) < 0.3


# --------------------------------------------------------------------------- #
# curated features: islands, seas, lakes, rivers, deserts, mountains,
# macro-regions and installations that no table has
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("name", "expected", "country", "kind"), [
    ("Sicily", "Sicily", "ITA", "island"), ("Samos", "Samos", "GRC", "island"), ("Gavdos", "Gavdos", "GRC", "island"),
    ("Iturup", "Iturup", "RUS", "island"), ("Etorofu", "Iturup", "RUS", "island"), ("Kunashir", "Kunashir", "RUS", "island"),
    ("Paramushir", "Paramushir", "RUS", "island"), ("Evros", "Evros", "", "river"),
    ("Taklamakan", "Taklamakan Desert", "CHN", "region"), ("Taklamakan Desert", "Taklamakan Desert", "CHN", "region"),
    ("Lake Balkhash", "Lake Balkhash", "KAZ", "lake"), ("Mount Paektu", "Mount Paektu", "", "mountain"),
    ("Sigonella", "Naval Air Station Sigonella", "ITA", "base"), ("Glilot", "Glilot", "ISR", "base"),
    ("Vaziani", "Vaziani", "GEO", "base"), ("Shigatse", "Shigatse", "CHN", "city"), ("Xigaze", "Shigatse", "CHN", "city"),
    ("Essequibo", "Essequibo", "GUY", "region"), ("Fiery Cross", "Fiery Cross Reef", "CHN", "island"),
    ("Subi", "Subi Reef", "CHN", "island"), ("South Pacific", "South Pacific", "", "sea"),
    ("Central Asia", "Central Asia", "", "region"), ("South Caucasus", "South Caucasus", "", "region"),
    ("Okushiri Island", "Okushiri Island", "JPN", "island"),
    ("Port Wakefield", "Port Wakefield Proof and Experimental Establishment", "AUS", "test_site"),
    ("Mohamed Naguib Military Base", "Mohamed Naguib Military Base", "EGY", "base"),
    ("Al Khadim air base", "Al Khadim Air Base", "LBY", "base"), ("Maaten al-Sarra", "Maaten al-Sarra", "LBY", "base"),
    ("Khojir", "Khojir", "IRN", "facility"), ("Clay Kaserne", "Clay Kaserne", "DEU", "base"),
    ("Rukla", "Rukla", "LTU", "base"), ("Siemirowice", "Siemirowice Air Base", "POL", "base"),
    ("Holzdorf Air Base", "Holzdorf Air Base", "DEU", "base"), ("Jangyon", "Jangyon", "PRK", "city"),
    # the famous place before a namesake elsewhere
    ("Rhodes", "Rhodes", "GRC", "island"), ("Orkney", "Orkney Islands", "GBR", "island_group"),
    ("Palmyra", "Palmyra", "SYR", "city"), ("Samar", "Samar", "PHL", "island"), ("Java", "Java", "IDN", "island"),
    ("Mount Hermon", "Mount Hermon", "", "mountain"), ("Nile", "Nile", "EGY", "river"),
    # macro-regions, with no country where they span several
    ("Middle East", "Middle East", "", "region"), ("Horn of Africa", "Horn of Africa", "", "region"),
    ("Sahel", "Sahel", "", "region"), ("Balkans", "Balkans", "", "region"), ("Baltics", "Baltic states", "", "region"),
    ("Indo-Pacific", "Indo-Pacific", "", "region"), ("Western Pacific", "Western Pacific", "", "region"),
    ("Far East", "Russian Far East", "RUS", "region"), ("Arabian Peninsula", "Arabian Peninsula", "", "region"),
    # seas, straits, lakes, rivers
    ("Strait of Sicily", "Strait of Sicily", "", "strait"), ("Dardanelles", "Dardanelles", "", "strait"),
    ("Korea Bay", "Korea Bay", "", "sea"), ("Dead Sea", "Dead Sea", "", "lake"), ("Yalu River", "Yalu River", "", "river"),
    ("Dnieper", "Dnieper", "UKR", "river"),
    # installations
    ("Guiana Space Centre", "Guiana Space Centre", "GUF", "launch_site"), ("Kirya", "Kirya", "ISR", "base"),
    ("Bushehr Nuclear Power Plant", "Bushehr Nuclear Power Plant", "IRN", "facility"),
    ("Semipalatinsk Test Site", "Semipalatinsk Test Site", "KAZ", "test_site"), ("Area 51", "Area 51", "USA", "base"),
])
def test_geocode__curated_features_and_installations(name, expected, country, kind):
    p = geocode(name)
    assert (p.name, p.country, p.kind) == (expected, country, kind), p
    assert p.source.startswith("curated")


def test_curated_table__contested_and_approximate_places_say_so():
    with data_path("places_curated.csv").open(encoding="utf-8", newline="") as fh:
        rows = {row["name"]: row for row in csv.DictReader(fh)}
    for name in ("Iturup", "Kunashir", "Shikotan", "Imia", "Essequibo", "Shebaa Farms"):
        assert "contested" in rows[name]["source"] or "claimed" in rows[name]["source"], name
    for name in ("Khojir", "Al Khadim Air Base", "Maaten al-Sarra", "Mohamed Naguib Military Base"):
        assert "approximate" in rows[name]["source"], name
    # features that span several countries have none
    for name in ("Central Asia", "South Caucasus", "Middle East", "Sahel", "Indo-Pacific", "South Pacific"):
        assert rows[name]["country"] == "", name
