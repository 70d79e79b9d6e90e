"""Every export opens in a real reader: PNG, SVG, GeoJSON, KML, GeoPackage,
the embeddable fragment and the brief (in Chromium, network blocked)."""

from __future__ import annotations

import html as htmllib
import json
import xml.etree.ElementTree as ET

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from rangemap import Scenario
from rangemap.cli import main
from rangemap.render import ring_geometries
from tests.conftest import SEED

ANTIMERIDIAN = """\
title = "Kamchatka"
targets = ["USA"]
[[systems]]
name = "IRBM"
range_km = 3000
[[systems]]
name = "ICBM"
range_km = 9000
[[sites]]
name = "Petropavlovsk"
lat = 53.02
lon = 158.65
"""


@pytest.fixture(scope="module")
def outdir(tmp_path_factory):
    d = tmp_path_factory.mktemp("exports")
    (d / "k.toml").write_text(ANTIMERIDIAN)
    return d


def test_export__png_decodes_with_expected_size_and_is_not_blank(outdir, capsys):
    from PIL import Image

    out = outdir / "seed.png"
    assert main(["export", str(SEED), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    with Image.open(out) as im:
        im.load()
        assert im.format == "PNG" and im.size[0] == 2400 and im.size[1] > 1000
        px = np.asarray(im.convert("L"), dtype=float)
    assert px.std() > 20  # a drawing, not a blank page
    # greyscale copies still tell the systems apart: the two rings use different dash patterns
    assert len(np.unique(px)) > 50


def test_export__dpi_and_width(outdir):
    from PIL import Image

    out = outdir / "small.png"
    assert main(["export", str(SEED), "-o", str(out), "--width", "1200", "--dpi", "100"]) == 0
    with Image.open(out) as im:
        assert im.size[0] == 1200


def test_export__svg_parses(outdir):
    out = outdir / "seed.svg"
    assert main(["export", str(SEED), "-o", str(out)]) == 0
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    text = out.read_text()
    assert "Japan" in text and "Natural Earth" in text


def _assert_rfc7946(fc):
    assert fc["type"] == "FeatureCollection"
    for f in fc["features"]:
        g = shape(f["geometry"])
        xy = shapely.get_coordinates(g)
        assert (np.abs(xy[:, 0]) <= 180).all() and (np.abs(xy[:, 1]) <= 90).all()
        if g.geom_type in ("Polygon", "MultiPolygon"):
            assert g.is_valid
            for p in getattr(g, "geoms", [g]):
                assert p.exterior.is_ccw and all(not r.is_ccw for r in p.interiors)


def test_export__geojson_follows_rfc7946(outdir):
    out = outdir / "k.geojson"
    assert main(["export", str(outdir / "k.toml"), "-o", str(out)]) == 0
    fc = json.loads(out.read_text())
    _assert_rfc7946(fc)
    rings = [f for f in fc["features"] if f["geometry"]["type"] in ("Polygon", "MultiPolygon")]
    points = [f for f in fc["features"] if f["geometry"]["type"] == "Point"]
    assert len(rings) == 2 and len(points) == 1
    for f in rings:
        assert {"site", "system", "range_km", "year", "color"} <= set(f["properties"])
    # the 3,000 km ring crosses the antimeridian and is split there; the 9,000 km
    # ring holds the North Pole and reaches latitude 90
    by_range = {f["properties"]["range_km"]: f for f in rings}
    assert by_range[3000.0]["geometry"]["type"] == "MultiPolygon"
    xs = shapely.get_coordinates(shape(by_range[3000.0]["geometry"]))[:, 0]
    assert xs.max() == 180 and xs.min() == -180
    assert shape(by_range[9000.0]["geometry"]).bounds[3] == 90
    assert "Natural Earth" in fc["attribution"]


def test_export__kml_parses_with_one_placemark_per_ring(outdir):
    out = outdir / "seed.kml"
    assert main(["export", str(SEED), "-o", str(out)]) == 0
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    root = ET.parse(out).getroot()
    ring_folder = root.find("k:Document/k:Folder", ns)
    placemarks = ring_folder.findall("k:Placemark", ns)
    s = Scenario.from_file(SEED)
    assert len(placemarks) == len(s.pairs())
    coords = placemarks[0].find(".//k:outerBoundaryIs/k:LinearRing/k:coordinates", ns).text.split()
    lon, lat = map(float, coords[0].split(","))
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert root.find("k:Document/k:Style/k:LineStyle/k:color", ns).text == "ff2827d6"  # #d62728 as aabbggrr


def test_export__gpkg_reopens_with_the_same_rings(outdir):
    import geopandas as gpd
    import pyogrio

    out = outdir / "k.gpkg"
    assert main(["export", str(outdir / "k.toml"), "-o", str(out)]) == 0
    assert {name for name, _ in pyogrio.list_layers(out)} == {"rings", "sites", "targets"}
    rings = gpd.read_file(out, layer="rings")
    expected = ring_geometries(Scenario.from_toml(outdir / "k.toml"))
    assert rings.crs.to_epsg() == 4326 and len(rings) == len(expected)
    for got, want in zip(rings.geometry, expected):
        # GeoPackage layers hold one type, so polygons come back as one-part multipolygons
        assert got.equals(want) and shapely.get_num_coordinates(got) == shapely.get_num_coordinates(want)
    assert list(gpd.read_file(out, layer="targets")["iso_a3"]) == ["USA"]


def test_export__unknown_extension_suggests(outdir, capsys):
    assert main(["export", str(SEED), "-o", str(outdir / "x.pgn")]) == 1
    err = capsys.readouterr().err
    assert "unknown extension '.pgn'" in err and "did you mean '.png'" in err


def test_render_embed__iframe_fragment(outdir):
    out = outdir / "embed.html"
    assert main(["render", str(SEED), "--embed", "-o", str(out)]) == 0
    frag = out.read_text()
    assert frag.startswith("<iframe ") and frag.rstrip().endswith("</iframe>")
    assert frag.count("<script") == 0  # the map's scripts are inside srcdoc, escaped
    doc = htmllib.unescape(frag.split('srcdoc="', 1)[1].split('" style=', 1)[0])
    assert doc.lstrip().startswith("<!DOCTYPE html>") and "rm-legend" in doc


def test_to_map__returns_a_folium_map():
    import folium

    m = Scenario.from_file(SEED).to_map()
    assert isinstance(m, folium.Map)
    assert "rm-legend" in m._repr_html_() or "rm-legend" in m.get_root().render()


def test_brief__markdown_with_image(outdir):
    out = outdir / "brief.md"
    assert main(["brief", str(SEED), "-o", str(out)]) == 0
    md = out.read_text()
    assert "![Range map" in md and "(brief.png)" in md and (outdir / "brief.png").exists()
    assert "| site | system |" in md and "**supported**" in md and "> Kyodo said" in md and "GeoNames" in md


@pytest.mark.browser
def test_brief__html_renders_offline_in_chromium(outdir, offline_page):
    out = outdir / "brief.html"
    assert main(["brief", str(SEED), "-o", str(out)]) == 0
    page = offline_page(out)
    assert page.errors == [] and page.blocked == []
    assert page.locator("h1").inner_text() == "Japan's missile ranges"
    assert page.evaluate("() => document.querySelector('img.map').naturalWidth") > 1000
    text = page.locator("body").inner_text()
    for needle in ("Coverage of the targets", "North Korea", "100%", "supported", "Source quotes", "Natural Earth",
                   "GeoNames"):
        assert needle in text, needle
