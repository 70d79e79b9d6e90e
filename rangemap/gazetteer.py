"""Place name -> coordinates, offline.

Three bundled sources, tried in this order for a name:

1. the curated table (islands, regions, seas, straits, bases, launch sites);
2. countries, placed at their capital;
3. GeoNames cities of 15,000 people or more: capitals first, then by population.

``near`` (an ISO code or a ``(lat, lon)`` point) breaks ties between places of
the same name. The index is built on first use and cached.
"""

from __future__ import annotations

import csv
import math
import unicodedata
from functools import lru_cache
from typing import Iterable, NamedTuple, Sequence

from .errors import UnknownPlaceError, did_you_mean
from .geodata import _country_table, city_lines, country_code, country_label_points, data_path, parse_city_line
from .models import Place

__all__ = ["geocode", "lookup", "candidates", "known_names", "first_words", "normalize", "suggest"]

_TIER_CURATED, _TIER_COUNTRY, _TIER_CAPITAL, _TIER_CITY = range(4)


class _Entry(NamedTuple):
    tier: int
    population: int
    place: Place


def normalize(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key for a place name."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return " ".join(name.casefold().replace("-", " ").replace("'", "").replace(".", "").split())


@lru_cache(maxsize=1)
def _index() -> dict[str, list]:
    """Normalised name -> raw rows; rows become :class:`Place` records on lookup."""
    index: dict[str, list] = {}

    def add(keys: Iterable[str], row: tuple) -> None:
        for key in {normalize(k) for k in keys if k}:
            index.setdefault(key, []).append(row)

    with data_path("places_curated.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            source = "curated: " + row["source"] if row["source"] != "curated" else "curated"
            add([row["name"], *row["aliases"].split(";")],
                (_TIER_CURATED, row["name"], row["lat"], row["lon"], row["country"], row["kind"], "0", source))

    capitals: dict[str, list[str]] = {}
    for line in city_lines():
        # cities stay raw lines until looked up; only the name key is read now
        ascii_name = line.split(",", 3)[2] if '"' not in line else parse_city_line(line)[2]
        if line.endswith(",1"):
            _gid, name, _ascii, lat, lon, iso3, *_ = parse_city_line(line)
            capitals[iso3] = [name, lat, lon]
        # asciiname is the NFKD-stripped name, so it normalises to the same key
        key = " ".join(ascii_name.casefold().replace("-", " ").replace("'", "").replace(".", "").split())
        index.setdefault(key, []).append(line)

    from .geodata import ALIASES

    aliases_by_code: dict[str, list[str]] = {}
    for alias, iso3 in ALIASES.items():
        aliases_by_code.setdefault(iso3, []).append(alias)
    labels = country_label_points()
    for iso3, _iso2, name, ne_name in _country_table():
        keys = [name, ne_name, *(a for a in aliases_by_code.get(iso3, []) if len(a) > 3 and "." not in a)]
        cap = capitals.get(iso3)
        if cap is not None:
            add(keys, (_TIER_COUNTRY, name, cap[1], cap[2], iso3, "country", "0", f"country (at its capital, {cap[0]})"))
        else:
            lat, lon = labels[iso3]
            add(keys, (_TIER_COUNTRY, name, str(lat), str(lon), iso3, "country", "0", "country (at a point inside it)"))
    return index


@lru_cache(maxsize=4096)
def _entries(key: str) -> tuple[_Entry, ...]:
    entries = []
    for r in _index().get(key, ()):
        if isinstance(r, str):  # a city line
            _gid, name, _ascii, lat, lon, iso3, _admin1, pop, capital = parse_city_line(r)
            tier, kind = (_TIER_CAPITAL, "capital") if capital == "1" else (_TIER_CITY, "city")
            r = (tier, name, lat, lon, iso3, kind, pop, "GeoNames cities15000")
        entries.append(_Entry(r[0], int(r[6]), Place(r[1], float(r[2]), float(r[3]), r[4], r[5], int(r[6]), r[7])))
    return tuple(sorted(entries, key=lambda e: (e.tier, -e.population)))


def known_names() -> frozenset[str]:
    """Every normalised name the gazetteer knows (for the parser's place finder)."""
    return _known()


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(_index())


@lru_cache(maxsize=1)
def first_words() -> dict[str, int]:
    """First word of every known name -> the most words a name starting so has
    (lets the parser skip capitalised words that begin no place name)."""
    firsts: dict[str, int] = {}
    for key in _index():
        head = key.partition(" ")[0]
        words = key.count(" ") + 1
        if firsts.get(head, 0) < words:
            firsts[head] = words
    return firsts


def candidates(name: str) -> list[Place]:
    """Every place of this name, best first (curated, countries, capitals, then by population)."""
    return [e.place for e in _entries(normalize(name))]


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def lookup(name: str, *, near: str | Sequence[float] | None = None) -> Place | None:
    """Like :func:`geocode` but returns ``None`` for an unknown name."""
    entries = _entries(normalize(name))
    if not entries:
        return None
    if near is None:
        return entries[0].place
    if isinstance(near, str):
        iso3 = country_code(near)
        local = [e for e in entries if e.place.country == iso3]
        return (local or list(entries))[0].place
    lat, lon = float(near[0]), float(near[1])
    return min(entries, key=lambda e: (_haversine_km(lat, lon, e.place.lat, e.place.lon), e.tier)).place


def geocode(name: str, *, near: str | Sequence[float] | None = None) -> Place:
    """Coordinates of a named place, from the bundled gazetteer.

    Parameters
    ----------
    name
        A place name: city, capital, country, island, region, sea, strait or base.
    near
        An ISO country code/name or a ``(lat, lon)`` point that breaks ties between
        places of the same name: ``geocode("Paris", near="USA")`` is Paris, Texas.

    Raises
    ------
    UnknownPlaceError
        A ``LookupError`` with up to three suggestions.

    Examples
    --------
    >>> p = geocode("Pyongyang")
    >>> p.country, f"{p.lat:.2f}", f"{p.lon:.2f}"
    ('PRK', '39.03', '125.75')
    """
    place = lookup(name, near=near)
    if place is None:
        close = suggest(name)
        raise UnknownPlaceError(f"unknown place {name!r}{did_you_mean(close)}", name=name, suggestions=tuple(close))
    return place


def suggest(name: str, n: int = 3) -> list[str]:
    """Up to ``n`` known place names close to ``name``."""
    import difflib

    key = normalize(name)
    index = _index()
    # compare against names sharing the first letter first (fast), then everything
    pool = [k for k in index if k[:1] == key[:1]] or list(index)
    close = difflib.get_close_matches(key, pool, n=n, cutoff=0.7)
    if not close:
        close = difflib.get_close_matches(key, list(index), n=n, cutoff=0.7)
    return [_entries(k)[0].place.name for k in close]


