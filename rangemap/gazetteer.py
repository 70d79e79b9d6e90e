"""Place name -> coordinates, offline.

Sources, in the order they are preferred for a name (the *tier*):

0. the curated table (islands, regions, seas, straits, bases, launch sites);
1. countries, placed at their capital;
2. capitals;
3. GeoNames cities of 15,000 people or more, the larger first;
4. first-level regions: provinces, states, prefectures, oblasts (Natural Earth admin-1);
5. military air bases (airportsdata);
6. GeoNames towns of 5,000 to 15,000 people, the larger first;
7. GeoNames villages of 1,000 to 5,000 people (and seats of small divisions),
   by their own names only;
8. airports (airportsdata).

A name matches a place by the place's own name or one of its aliases first;
then by a GeoNames alternate name ("Gorky", "Nizhny Novgorod"; for a place of
fewer than 100,000 people only a transliteration of its name, "Asipovichy") or
a region's other names (a village's own name counts as no more than these
where another place has the name as one: "Elsinore" is Helsingør before the
village of that name); and, only when nothing matches so, by a spelling-folded
key (:func:`fold`: "Nizhniy" and "Nizhny", "Khmeimim" and "Hmeimim", "Tallin"
and "Tallinn", "Sulayyil" and "As Sulayyil"). One exception: the conventional English name of a big city beats a
far smaller namesake ("Kiev" is Kyiv, not the region; "Odessa" is Odesa, not
Odessa, Texas).

Same-named places are told apart by a country or first-level region:
``geocode("Camden", admin1="Arkansas")``, ``geocode("Camden, Arkansas")`` and
``geocode("Paris", country="USA")`` pick among the places of that name; ``near``
(a country or a ``(lat, lon)`` point) only breaks ties.

The big tables are read through a prebuilt index (``gazetteer_index.tsv``, made
by ``scripts/build_geodata.py``): the first lookup reads the index and the small
curated table, and a table's rows are parsed only when a name points at them.
"""

from __future__ import annotations

import csv
import math
import numbers
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple

from ._text import normalize, quote_value
from ._text import suggest as _suggest
from .errors import UnknownPlaceError, did_you_mean
from .geodata import city_lines, country_code, country_label_points, country_table, data_path, parse_city_line
from .models import Place, check_lat_lon

__all__ = ["geocode", "lookup", "candidates", "known_names", "first_words", "normalize", "suggest", "fold"]

(_TIER_CURATED, _TIER_COUNTRY, _TIER_CAPITAL, _TIER_CITY,
 _TIER_REGION, _TIER_BASE, _TIER_TOWN, _TIER_VILLAGE, _TIER_AIRPORT) = range(9)
_MATCH_NAME, _MATCH_ALTERNATE, _MATCH_VARIANT = range(3)
# an alternate name of a city this many times as populous as the best place of
# that name, and at least this populous, is preferred to it (see _entries)
_EXONYM_RATIO, _EXONYM_MIN_POPULATION = 5, 500_000

INDEX_FILE = "gazetteer_index.tsv"
VARIANTS_FILE = "gazetteer_variants.tsv"
_TABLES = {"c": "cities15000.csv", "t": "towns5000.csv", "v": "villages1000.csv", "r": "regions_admin1.csv",
           "a": "airports.csv"}


class _Entry(NamedTuple):
    match: int
    tier: int
    population: int
    place: Place
    admin1: str  # GeoNames first-level code ("AR" for Arkansas), "" where unknown


class _Region(NamedTuple):
    country: str
    admin1: str
    lat: float
    lon: float
    extent_km: float


# --------------------------------------------------------------------------- #
# spelling-tolerant keys
# --------------------------------------------------------------------------- #
#: The Arabic article as transliterated before a name ("Al Udeid", "al-Watah", "As
#: Sulayyil", "Ash Shariqah", "Ad Dammam", "An Najaf"), the first word only and only in
#: these exact forms followed by another word: "Alabama", "Ashford" and "At" alone stay.
_ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|adh|ar|an|at|ath|az) (?=[a-z])")


def _single_letters(m: re.Match[str]) -> str:
    # a doubled letter as one, but not in a first word of three letters or fewer, which
    # would make an article of it ("Ann Arbor", "All Saints" keep their first word)
    first = m.string.find(" ")
    if 0 <= m.start() < first <= 3:
        return m.group()
    return m.group(1)


_FOLDS: tuple[tuple[re.Pattern[str], Any], ...] = (
    (_ARTICLE, ""),                                            # Al Udeid / Udeid, As Sulayyil / Sulayyil
    (re.compile(r"kh"), "h"),                                  # Khmeimim / Hmeimim, Kharkiv / Harkiv
    # Nizhniy / Nizhny / Nizhnii / Nizhnij: after a consonant, in a word of five letters or more ("May", "July" stay)
    (re.compile(r"\b([a-z]{3,}[b-df-hj-np-tv-z])(?:iy|yy|ii|ij|yi|y)\b"), r"\1i"),
    (re.compile(r"\b[yj]e"), "e"),                             # Yekaterinburg / Ekaterinburg, Jelizovo
    (re.compile(r"(?<=[a-z])[yj](?=[aeiou])"), "i"),           # Starokostyantyniv / Starokostiantyniv
    (re.compile(r"([a-z])\1+"), _single_letters),              # Tallinn / Tallin, Mossul / Mosul
)


def fold(key: str) -> str:
    """A spelling-tolerant form of a normalised name, for the transliteration
    variants that news and GeoNames spell differently; used only when a name is
    not found as written.

    >>> fold("nizhniy novgorod") == fold("nizhny novgorod") == fold("nizhnii novgorod")
    True
    >>> fold("khmeimim"), fold("yekaterinburg"), fold("tallinn")
    ('hmeimim', 'ekaterinburg', 'talin')
    >>> fold("starokostyantyniv") == fold("starokostiantyniv")
    True

    A leading Arabic article is dropped, only as a first word of its own:

    >>> fold("as sulayyil") == fold("sulayyil"), fold("al udeid"), fold("al watah") == fold("watah")
    (True, 'udeid', True)
    >>> fold("alabama"), fold("ashford"), fold("at"), fold("ann arbor"), fold("salt lake city")
    ('alabama', 'ashford', 'at', 'ann arbor', 'salt lake city')
    """
    while True:  # to a fixed point: fold(fold(k)) == fold(k)
        folded = key
        for pattern, repl in _FOLDS:
            folded = pattern.sub(repl, folded)
        if folded == key:
            return key
        key = folded


# --------------------------------------------------------------------------- #
# the index
# --------------------------------------------------------------------------- #
def _read_text(name: str) -> str:
    text = data_path(name).read_text(encoding="utf-8")
    return text.replace("\r\n", "\n") if "\r" in text else text


class _SortedIndex:
    """A ``key<TAB>refs`` file sorted by key, searched in place: a lookup is a
    binary search over the text, so opening the index costs one file read and
    no per-key Python objects (which keeps the first geocode fast)."""

    def __init__(self, text: str):
        self._text = text

    def get(self, key: str, default: str = "") -> str:
        text, lo, hi = self._text, 0, len(self._text)
        while lo < hi:  # lo and hi are line starts
            mid = (lo + hi) // 2
            start = text.rfind("\n", lo, mid) + 1 or lo
            tab = text.find("\t", start)
            found = text[start:tab]
            if found < key:
                lo = text.find("\n", tab) + 1 or hi
            elif found > key:
                hi = start
            else:
                return text[tab + 1:text.find("\n", tab)]
        return default

    def keys(self) -> list[str]:
        return self._text.replace("\t", "\n").split("\n")[0:-1:2]


@lru_cache(maxsize=1)
def _static() -> _SortedIndex:
    """Normalised name -> references to rows of the generated tables (see
    ``scripts/build_geodata.py``: ``c12`` is row 12 of cities15000.csv, a
    trailing ``~`` marks a GeoNames alternate name)."""
    return _SortedIndex(_read_text(INDEX_FILE))


@lru_cache(maxsize=1)
def _variants() -> _SortedIndex:
    """Spelling-folded key -> references; read on the first name not found."""
    return _SortedIndex(_read_text(VARIANTS_FILE))


@cache
def _lines(letter: str) -> tuple[str, ...]:
    if letter == "c":
        return city_lines()  # shared with the coverage stage
    return tuple(data_path(_TABLES[letter]).read_text(encoding="utf-8").splitlines()[1:])


def _split(line: str) -> list[str]:
    return next(csv.reader([line])) if '"' in line else line.split(",")


@lru_cache(maxsize=1)
def _capitals() -> dict[str, tuple[str, str, str]]:
    """ISO alpha-3 -> (name, lat, lon) of its capital among the cities of
    15,000 people or more. (The capitals among the towns are left out: the
    1:50m borders lack some of their islands, Adamstown's Pitcairn among them,
    and a point inside the country serves as well.)"""
    out: dict[str, tuple[str, str, str]] = {}
    for row in city_lines():
        if row.endswith(",1"):
            _gid, name, _ascii, lat, lon, iso3, *_ = parse_city_line(row)
            out.setdefault(iso3, (name, lat, lon))
    return out


@lru_cache(maxsize=1)
def _index() -> dict[str, list[tuple]]:
    """Normalised name -> rows of the curated table and the countries; built on
    the first lookup (the big tables stay in :func:`_static`)."""
    index: dict[str, list[tuple]] = {}

    def add(keys: Iterable[str], row: tuple) -> None:
        for key in dict.fromkeys(normalize(k) for k in keys if k):
            if key:
                index.setdefault(key, []).append(row)

    with data_path("places_curated.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            source = "curated: " + row["source"] if row["source"] != "curated" else "curated"
            add([row["name"], *row["aliases"].split(";")],
                (_TIER_CURATED, row["name"], row["lat"], row["lon"], row["country"], row["kind"], "0", source))

    from .geodata import ALIASES

    aliases_by_code: dict[str, list[str]] = {}
    for alias, iso3 in ALIASES.items():
        aliases_by_code.setdefault(iso3, []).append(alias)
    for iso3, _iso2, name, ne_name in country_table():
        keys = [name, ne_name, *(a for a in aliases_by_code.get(iso3, []) if len(a) > 3 and "." not in a)]
        # placed on first use (at its capital, else at a point inside it): see _row_entry
        add(keys, (_TIER_COUNTRY, name, "", "", iso3, "country", "0", ""))
    return index


@lru_cache(maxsize=1)
def _index_variants() -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    for key, rows in _index().items():
        f = fold(key)
        if f != key:
            out.setdefault(f, []).extend(rows)
    return out


def _row_entry(row: tuple, match: int) -> _Entry:
    tier, name, lat, lon, iso3, kind, pop, source = row
    if tier == _TIER_COUNTRY:
        cap = _capitals().get(iso3)
        if cap is not None:
            lat, lon, source = cap[1], cap[2], f"country (at its capital, {cap[0]})"
        else:
            lat, lon = country_label_points()[iso3]
            source = "country (at a point inside it)"
    return _Entry(match, tier, int(pop), Place(name, float(lat), float(lon), iso3, kind, int(pop), source), "")


@lru_cache(maxsize=65536)
def _ref_entry(ref: str) -> _Entry:
    """The entry a reference of the static index points at."""
    letter, alternate = ref[0], ref.endswith("~")
    cells = _split(_lines(letter)[int(ref[1:].rstrip("~"))])
    match = _MATCH_ALTERNATE if alternate else _MATCH_NAME
    if letter == "v":
        name, lat, lon, iso3, admin1, pop = cells
        source = "GeoNames cities1000" + (" (alternate name)" if alternate else "")
        place = Place(name, float(lat), float(lon), iso3, "city", int(pop), source)
        return _Entry(match, _TIER_VILLAGE, int(pop), place, admin1)
    if letter in "ct":
        _gid, name, _ascii, lat, lon, iso3, admin1, pop, capital = cells
        if capital == "1":
            tier, kind = _TIER_CAPITAL, "capital"
        else:
            tier, kind = (_TIER_CITY if letter == "c" else _TIER_TOWN), "city"
        source = "GeoNames cities15000" if letter == "c" else "GeoNames cities5000"
        if alternate:
            source += " (alternate name)"
        place = Place(name, float(lat), float(lon), iso3, kind, int(pop), source)
        return _Entry(match, tier, int(pop), place, admin1)
    if letter == "r":
        name, _aliases, _alternates, lat, lon, iso3, admin1, code, rtype, _extent, kind = cells
        detail = ", ".join(x for x in (rtype, code) if x)
        source = "Natural Earth admin-1" + (f" ({detail})" if detail else "")
        return _Entry(match, _TIER_REGION, 0, Place(name, float(lat), float(lon), iso3, kind, 0, source), admin1)
    name, _aliases, lat, lon, iso3, iata, icao, kind = cells
    codes = "/".join(c for c in (iata, icao) if c)
    tier = _TIER_BASE if kind == "base" else _TIER_AIRPORT
    source = "airportsdata" + (f" ({codes})" if codes else "")
    return _Entry(match, tier, 0, Place(name, float(lat), float(lon), iso3, kind, 0, source), "")


def _static_entries(refs: str, match: int | None = None) -> list[_Entry]:
    out = []
    for ref in refs.split(" ") if refs else ():
        e = _ref_entry(ref)
        out.append(e if match is None else e._replace(match=match))
    return out


def _rank(e: _Entry) -> tuple:
    return (e.match, e.tier, -e.population)


@lru_cache(maxsize=4096)
def _entries(key: str, variants: bool = True) -> tuple[_Entry, ...]:
    """Every place a normalised key names, best first; spelling-folded matches
    only when the key itself names nothing (and ``variants``)."""
    entries = [_row_entry(r, _MATCH_NAME) for r in _index().get(key, ())]
    entries += _static_entries(_static().get(key, ""))
    if not entries and key and variants:
        f = fold(key)
        entries = [_row_entry(r, _MATCH_VARIANT) for r in [*_index().get(f, ()), *_index_variants().get(f, ())]]
        entries += _static_entries(_static().get(f, ""), _MATCH_VARIANT)
        entries += _static_entries(_variants().get(f, ""), _MATCH_VARIANT)
    if any(e.match == _MATCH_ALTERNATE and e.tier != _TIER_VILLAGE for e in entries):
        # a village's own name is no more than another place's alternate name: "Elsinore" is
        # Helsingør, "Gorky" Nizhny Novgorod, before a village of that name
        entries = [e._replace(match=_MATCH_ALTERNATE) if e.tier == _TIER_VILLAGE and e.match == _MATCH_NAME else e
                   for e in entries]
    unique = {(e.place, e.admin1): e for e in sorted(entries, key=_rank, reverse=True)}  # keep the best match of each
    ranked = sorted(unique.values(), key=_rank)
    # a big city's conventional English name beats a far smaller namesake's own
    # name: "Kiev" is Kyiv before the region, "Odessa" is Odesa before Texas
    top = ranked[0] if ranked else None
    if top is not None and top.match == _MATCH_NAME and top.tier > _TIER_CAPITAL:
        exonyms = [e for e in ranked if e.match == _MATCH_ALTERNATE and e.tier in (_TIER_CAPITAL, _TIER_CITY)
                   and e.population >= max(_EXONYM_RATIO * top.population, _EXONYM_MIN_POPULATION)]
        if exonyms:
            ranked.remove(exonyms[0])
            ranked.insert(0, exonyms[0])
    return tuple(ranked)


# --------------------------------------------------------------------------- #
# names for the parser
# --------------------------------------------------------------------------- #
def known_names() -> frozenset[str]:
    """Every normalised name the gazetteer knows (for the parser's place finder)."""
    return _known()


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(_static().keys()).union(_index())


@lru_cache(maxsize=1)
def first_words() -> Mapping[str, int]:
    """First word of every known name -> the most words a name starting so has
    (lets the parser skip capitalised words that begin no place name); read-only."""
    firsts: dict[str, int] = {}
    for key in _known():
        head = key.partition(" ")[0]
        words = key.count(" ") + 1
        if firsts.get(head, 0) < words:
            firsts[head] = words
    return MappingProxyType(firsts)


# --------------------------------------------------------------------------- #
# disambiguation: a country or first-level region named beside the place
# --------------------------------------------------------------------------- #
@lru_cache(maxsize=1)
def _region_codes() -> dict[str, list[str]]:
    """ISO 3166-2 codes ("US-AR") and letter-only GeoNames codes ("AR") -> region references."""
    out: dict[str, list[str]] = {}
    for i, line in enumerate(_lines("r")):
        cells = _split(line)
        admin1, iso_3166_2 = cells[6], cells[7]
        if iso_3166_2:
            out.setdefault(iso_3166_2.upper(), []).append(f"r{i}")
        if admin1.isalpha():
            out.setdefault(admin1.upper(), []).append(f"r{i}")
    return out


def _region(ref: str) -> _Region:
    cells = _split(_lines("r")[int(ref[1:].rstrip("~"))])
    return _Region(cells[5], cells[6], float(cells[3]), float(cells[4]), float(cells[9]))


@lru_cache(maxsize=1)
def _region_keys() -> dict[str, list[str]]:
    """Every name of every region -> its references, the generic and short ones
    too ("Var", "Centre"), which the main index leaves out: after a comma, or
    given as ``admin1``, a name is meant as a region."""
    out: dict[str, list[str]] = {}
    for i, line in enumerate(_lines("r")):
        name, aliases, alternates = _split(line)[:3]
        for n in dict.fromkeys(normalize(x) for x in (name, *aliases.split(";"), *alternates.split(";")) if x):
            out.setdefault(n, []).append(f"r{i}")
    return out


@lru_cache(maxsize=1024)
def _regions_named(text: str) -> tuple[_Region, ...]:
    """The first-level regions a name, ISO 3166-2 code or letter code stands for."""
    key = normalize(text)
    # the main index first (fast); the full list of region names only for the names it leaves out
    refs = [r.rstrip("~") for r in _static().get(key, "").split(" ") if r.startswith("r")]
    if not refs:
        refs = list(_region_keys().get(key, ()))
    code = re.sub(r"[.\s]", "", text).upper()  # "D.C." as "DC"
    if re.fullmatch(r"[A-Z]{2}(?:-[A-Z0-9]{1,3})?", code):
        refs += _region_codes().get(code, [])
    return tuple(dict.fromkeys(_region(r) for r in refs))


def _countries_named(text: str) -> frozenset[str]:
    from .errors import UnknownCountryError

    try:
        return frozenset([country_code(text)])
    except UnknownCountryError:
        return frozenset()


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def _in_region(e: _Entry, r: _Region) -> bool:
    """Whether a place lies in a region: by GeoNames code where both have one,
    else within the region's extent (the farthest point of its border from
    its representative point)."""
    if e.place.country != r.country:
        return False
    if r.admin1 and e.admin1:
        return e.admin1 == r.admin1
    return _haversine_km(e.place.lat, e.place.lon, r.lat, r.lon) <= r.extent_km


def _within(entries: Sequence[_Entry], countries: frozenset[str], regions: Sequence[_Region]) -> list[_Entry]:
    """The entries in one of ``regions`` or, failing that, in one of ``countries``."""
    inside = [e for e in entries if any(_in_region(e, r) for r in regions)]
    return inside or [e for e in entries if e.place.country in countries]


def _check_text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, got {type(value).__name__} {quote_value(value)}")
    return value


def _check_near(near: object) -> str | tuple[float, float] | None:
    if near is None or isinstance(near, str):
        return near
    a: Any = None
    b: Any = None
    try:
        a, b = near  # type: ignore[misc]
    except (TypeError, ValueError):
        pass
    if not all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in (a, b)):
        raise TypeError(f"near must be a country (str) or a (lat, lon) pair of numbers, got {quote_value(near)}")
    # numpy's numbers as Python's, so that check_lat_lon names the value as given
    lat, lon = (v if isinstance(v, (int, float)) else int(v) if isinstance(v, numbers.Integral) else float(v)
                for v in (a, b))
    check_lat_lon(lat, lon, what="near")
    return float(lat), float(lon)


def _resolve(name: str, country: str | None, admin1: str | None, near: object) -> tuple[list[_Entry], str]:
    """The entries for ``name`` that satisfy the filters, best first, and the
    name that was looked up (without a ", Region" suffix it carried)."""
    _check_text(name, "place name")
    if country is not None:
        _check_text(country, "country")
    if admin1 is not None:
        _check_text(admin1, "admin1")
    point = _check_near(near)
    countries = frozenset([country_code(country)]) if country is not None else frozenset()
    regions = _regions_named(admin1) if admin1 is not None else ()
    if admin1 is not None and not regions:
        raise UnknownPlaceError(f"unknown first-level region {quote_value(admin1)}", name=admin1, suggestions=())
    if countries and regions:
        regions = tuple(r for r in regions if r.country in countries) or regions
    key = normalize(name)
    entries = list(_entries(key, "," not in name))  # "X, Y" is tried as a place in a region before as a variant
    looked_up = name
    if not entries and "," in name:
        # "Camden, Arkansas", "Paris, Texas", "Kadena, Okinawa": the part after
        # the last comma names the country or region the place lies in
        head, _, tail = name.rpartition(",")
        tail_countries, tail_regions = _countries_named(tail), _regions_named(tail)
        if head.strip() and (tail_countries or tail_regions):
            entries = list(_entries(normalize(head)))
            looked_up = head.strip()
            if entries:
                entries = _within(entries, tail_countries, tail_regions)
        else:
            entries = list(_entries(key))
    if entries and (country is not None or admin1 is not None):
        entries = _within(entries, countries, regions) if regions else [e for e in entries if e.place.country in countries]
    if isinstance(point, str) and entries:
        iso3 = country_code(point)
        entries = [e for e in entries if e.place.country == iso3] + [e for e in entries if e.place.country != iso3]
    elif point is not None and entries:
        lat, lon = float(point[0]), float(point[1])
        entries.sort(key=lambda e: (_haversine_km(lat, lon, e.place.lat, e.place.lon), e.tier))
    return entries, looked_up


# --------------------------------------------------------------------------- #
# the public functions
# --------------------------------------------------------------------------- #
def candidates(name: str, *, country: str | None = None, admin1: str | None = None) -> list[Place]:
    """Every place of this name, best first (curated, countries, capitals,
    cities by population, regions, bases, towns, villages, airports)."""
    return [e.place for e in _resolve(name, country, admin1, None)[0]]


def lookup(name: str, *, country: str | None = None, admin1: str | None = None,
           near: str | Sequence[float] | None = None) -> Place | None:
    """Like :func:`geocode` but returns ``None`` for an unknown name."""
    entries, _ = _resolve(name, country, admin1, near)
    return entries[0].place if entries else None


def geocode(name: str, *, country: str | None = None, admin1: str | None = None,
            near: str | Sequence[float] | None = None) -> Place:
    """Coordinates of a named place, from the bundled gazetteer.

    Parameters
    ----------
    name
        A place name: city, town, capital, country, first-level region, island,
        sea, strait, base, airport or launch site. "Name, Region" or "Name,
        Country" ("Camden, Arkansas") picks the place of that name there.
    country
        Only places in this country (ISO code or name).
    admin1
        Only places in this first-level region (name, ISO 3166-2 code such as
        ``"US-AR"``, or a US state's two-letter code).
    near
        An ISO country code/name or a ``(lat, lon)`` point that breaks ties between
        places of the same name: ``geocode("Paris", near="USA")`` is Paris, Texas.

    Raises
    ------
    UnknownPlaceError
        A ``LookupError`` with up to three suggestions; also when no place of
        that name lies in the ``country`` or ``admin1`` given.
    TypeError
        ``name`` (or ``country``, ``admin1``) is not a str, ``near`` neither a
        str nor a pair of numbers.
    GeodesyError
        A ``ValueError``: ``near`` is not a valid (lat, lon) position.

    Examples
    --------
    >>> p = geocode("Pyongyang")
    >>> p.country, f"{p.lat:.2f}", f"{p.lon:.2f}"
    ('PRK', '39.03', '125.75')
    >>> p = geocode("Camden, Arkansas")
    >>> p.country, f"{p.lat:.1f}", f"{p.lon:.1f}"
    ('USA', '33.6', '-92.8')
    """
    entries, looked_up = _resolve(name, country, admin1, near)
    if entries:
        return entries[0].place
    where = [quote_value(v) for v in (admin1, country) if v is not None]
    if looked_up != name or where:
        if _entries(normalize(looked_up)):  # the name is known, just not there
            place_in = ", ".join(where) or quote_value(name.rpartition(",")[2].strip())
            raise UnknownPlaceError(f"no place named {quote_value(looked_up)} in {place_in}", name=name, suggestions=())
    close = tuple(suggest(looked_up))
    raise UnknownPlaceError(f"unknown place {quote_value(name)}{did_you_mean(close)}", name=name, suggestions=close)


def suggest(name: str, n: int = 3) -> list[str]:
    """Up to ``n`` known place names close to ``name``."""
    key = normalize(name)[:200]
    if not key:
        return []
    # compare against names sharing the first letter (fast), then against names
    # of about the same length sharing the second letter (a typo in the first)
    pool = [k for k in _known() if k[:1] == key[:1]]
    close = _suggest(key, pool, n=n, cutoff=0.7)
    if not close and len(key) > 1:
        pool = [k for k in _known() if k[1:2] == key[1:2] and abs(len(k) - len(key)) <= 1]
        close = _suggest(key, pool, n=n, cutoff=0.7)
    return list(dict.fromkeys(_entries(k)[0].place.name for k in close))
