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

from rangemap.cli import main
from rangemap.scenario import Scenario, Site, System, load, read
from tests.conftest import SEED
from tests.test_static import CASE_IDS, CASES, artificial_segments, rings_for

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


def _rings(scenario):
    from rangemap.geodesy import range_rings

    pairs = scenario.pairs()
    return range_rings([p.lat for p, _ in pairs], [p.lon for p, _ in pairs], [m.range_km for _, m in pairs])


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
    s = load(SEED)
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
    expected = _rings(read(outdir / "k.toml"))
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


def test_render_map__returns_a_folium_map():
    import folium

    from rangemap.render import render_map

    m = render_map(load(SEED))
    assert isinstance(m, folium.Map)
    assert "rm-legend" in m._repr_html_() or "rm-legend" in m.get_root().render()


def test_brief__markdown_with_image(outdir):
    out = outdir / "brief.md"
    assert main(["brief", str(SEED), "-o", str(out)]) == 0
    md = out.read_text()
    assert "![Range map" in md and "(brief.png)" in md and (outdir / "brief.png").exists()
    assert "| site | system |" in md and "> Kyodo said" in md and "GeoNames" in md
    assert "| supported |" in md or "**supported**" in md


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


# --------------------------------------------------------------------------- #
# long-range and awkward scenarios, every format
# --------------------------------------------------------------------------- #
KML_NS = {"k": "http://www.opengis.net/kml/2.2"}


def _kml_chains(root, tag: str) -> list[np.ndarray]:
    """The coordinate chains of every ``tag`` (LinearRing or LineString) under ``root``."""
    out = []
    for el in root.iter(f"{{{KML_NS['k']}}}{tag}"):
        text = el.find("k:coordinates", KML_NS).text
        out.append(np.array([[float(v) for v in p.split(",")[:2]] for p in text.split()]))
    return out


def great_circle_divergence_m(xy: np.ndarray) -> np.ndarray:
    """For each edge: metres between its lon/lat midpoint (shapely's reading) and
    its geodesic midpoint on WGS84 (Google Earth's reading), by pyproj."""
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    a, b = xy[:-1], xy[1:]
    az, _, d = geod.inv(a[:, 0], a[:, 1], b[:, 0], b[:, 1])
    mlon, mlat, _ = geod.fwd(a[:, 0], a[:, 1], az, np.asarray(d) / 2.0)
    _, _, off = geod.inv(mlon, mlat, (a[:, 0] + b[:, 0]) / 2.0, (a[:, 1] + b[:, 1]) / 2.0)
    return np.asarray(off)


def _check_kml(text: str, rings) -> float:
    """Structure and edge checks of a scenario KML; returns the worst divergence (m)."""
    from shapely.geometry import Polygon

    root = ET.fromstring(text)
    assert {el.text for el in root.iter(f"{{{KML_NS['k']}}}outline")} == {"0"}  # fills are never stroked
    placemarks = root.find("k:Document/k:Folder", KML_NS).findall("k:Placemark", KML_NS)
    assert len(placemarks) == len(rings)
    worst = 0.0
    for pm, ring in zip(placemarks, rings):
        polys = []
        for poly in pm.iter(f"{{{KML_NS['k']}}}Polygon"):
            outer = _kml_chains(poly.find("k:outerBoundaryIs", KML_NS), "LinearRing")[0]
            inner = [c for b in poly.findall("k:innerBoundaryIs", KML_NS) for c in _kml_chains(b, "LinearRing")]
            polys.append(Polygon(outer, inner))
        lines = _kml_chains(pm, "LineString")
        chains = _kml_chains(pm, "LinearRing") + lines
        for xy in chains:
            assert (np.abs(xy[:, 0]) <= 180).all() and (np.abs(xy[:, 1]) <= 90).all()
            if len(xy) > 1:
                worst = max(worst, float(great_circle_divergence_m(xy).max()))
        # the outline is the true boundary: no segment along ±180° or a pole
        assert lines and all(artificial_segments(shapely.LineString(xy)) == 0 for xy in lines)
        # the polygons cover the ring (within the 6-decimal rounding)
        union = shapely.union_all(polys)
        assert shapely.symmetric_difference(union, ring).area <= 1e-4 * ring.area + 1e-6
        xy = shapely.get_coordinates(ring)
        parts = getattr(ring, "geoms", [ring])
        if (np.abs(xy[:, 1]) >= 90).any() or any(p.bounds[2] - p.bounds[0] >= 180 for p in parts):
            # rings round a pole (or two) are written one octant per polygon
            for p in polys:
                minx, miny, maxx, maxy = p.bounds
                assert maxx - minx <= 90 + 1e-6 and (miny >= -1e-6 or maxy <= 1e-6)
    assert worst < 100.0, f"great-circle and lon/lat readings differ by {worst:.1f} m"
    return worst


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_export__awkward_case_in_every_format(case, tmp_path):
    from PIL import Image

    from rangemap.export import export

    s = case.scenario()
    rings = list(rings_for(case))
    for ext in ("png", "svg", "geojson", "kml", "gpkg"):
        out = tmp_path / f"map.{ext}"
        assert export(s, out, rings=rings, width_px=400, dpi=50) == out
    with Image.open(tmp_path / "map.png") as im:
        im.load()
        assert im.size[0] == 400
        assert np.asarray(im.convert("L"), dtype=float).std() > 10
    assert ET.parse(tmp_path / "map.svg").getroot().tag.endswith("svg")
    fc = json.loads((tmp_path / "map.geojson").read_text())
    _assert_rfc7946(fc)
    for f, ring in zip(fc["features"], rings):
        assert shape(f["geometry"]).equals_exact(shapely.orient_polygons(ring, exterior_cw=False), 1e-6)
    _check_kml((tmp_path / "map.kml").read_text(encoding="utf-8"), rings)
    import geopandas as gpd

    got = gpd.read_file(tmp_path / "map.gpkg", layer="rings")
    assert len(got) == len(rings)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"map.{e}" for e in ("png", "svg", "geojson", "kml",
                                                                                        "gpkg"))


def test_export__rings_are_computed_when_not_given(tmp_path):
    from rangemap.export import to_geojson

    case = next(c for c in CASES if c.id == "murmansk-3000")
    s = case.scenario()
    assert to_geojson(s) == to_geojson(s, rings=list(rings_for(case)))


def test_export__rings_may_be_records_with_a_geometry(tmp_path):
    from types import SimpleNamespace

    from rangemap.export import to_kml

    case = next(c for c in CASES if c.id == "lon180-rus-fji-usa")
    s = case.scenario()
    records = [SimpleNamespace(geometry=g) for g in rings_for(case)]
    assert to_kml(s, rings=records) == to_kml(s, rings=list(rings_for(case)))


# --------------------------------------------------------------------------- #
# KML for Google Earth
# --------------------------------------------------------------------------- #
def test_kml__murmansk_pole_ring_in_octants_and_outline_without_the_180_edge():
    from rangemap.export import to_kml

    case = next(c for c in CASES if c.id == "murmansk-3000")
    rings = list(rings_for(case))
    root = ET.fromstring(to_kml(case.scenario(), rings=rings))
    pm = root.find("k:Document/k:Folder/k:Placemark", KML_NS)
    assert len(pm.findall("k:MultiGeometry/k:Polygon", KML_NS)) == 4  # the four northern octants
    (line,) = _kml_chains(pm, "LineString")
    assert artificial_segments(shapely.LineString(line)) == 0
    assert line[:, 1].max() < 90 and line[0, 0] == -180 and line[-1, 0] == 180


def test_kml__both_poles_ring_has_no_world_box():
    from rangemap.export import kml_polygons

    ring = rings_for(next(c for c in CASES if c.id == "quito-15000"))[0]
    polys = kml_polygons(ring)
    assert len(polys) == 8
    assert all(p.bounds[2] - p.bounds[0] <= 90 and p.bounds[3] - p.bounds[1] <= 90 for p in polys)


def test_kml__densify_keeps_the_lon_lat_reading_and_bounds_divergence():
    from rangemap.export import densify_for_great_circles, edge_divergence_m

    xy = np.array([[-180.0, 60.0], [180.0, 60.0], [180.0, 90.0], [-180.0, 90.0], [-180.0, 60.0]])
    dense = densify_for_great_circles(xy)
    assert shapely.LineString(dense).equals(shapely.LineString(xy))  # the same lon/lat line ...
    assert edge_divergence_m(dense).max() <= 50.0  # ... now also a chain of short great-circle arcs
    assert great_circle_divergence_m(dense).max() < 100.0
    # a parallel at 60° read as one great circle would be off by ~3,300 km
    assert great_circle_divergence_m(xy[:2]).max() > 3_000_000


def test_kml__hostile_names_give_valid_xml(tmp_path):
    from rangemap.export import export

    nasty = "a\x00b\x08c\x1bd <e> & f"
    s = Scenario(f"Title {nasty}", (System(f"Sys {nasty}", 1500),), (Site(f"Site {nasty}", 0.0, 179.5),), ("FJI",),
                 source=f"src {nasty}")
    out = tmp_path / "x.kml"
    export(s, out)
    root = ET.parse(out).getroot()
    names = [el.text for el in root.iter(f"{{{KML_NS['k']}}}name")]
    assert "Title a\ufffdb\ufffdc\ufffdd <e> & f" in names
    assert "Site a\ufffdb\ufffdc\ufffdd <e> & f" in names
    assert "\x00" not in out.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- #
# GeoPackage: reproducible, text-safe, no leftovers
# --------------------------------------------------------------------------- #
def test_gpkg__byte_identical_and_names_with_nul_survive(tmp_path):
    import sqlite3

    import geopandas as gpd
    import pyogrio

    from rangemap.export import write_gpkg

    s = Scenario("T", (System("Sys\x00tem", 2000),), (Site("Bad\x00Name", -18.1, 178.4),), ("FJI",))
    a, b = write_gpkg(s, tmp_path / "a.gpkg"), write_gpkg(s, tmp_path / "b.gpkg")
    assert a.read_bytes() == b.read_bytes()
    with sqlite3.connect(a) as db:
        assert {r[0] for r in db.execute("SELECT last_change FROM gpkg_contents")} == {"2000-01-01T00:00:00.000Z"}
    assert pyogrio.get_gdal_config_option("OGR_CURRENT_DATE") is None  # restored
    assert gpd.read_file(a, layer="sites")["name"].tolist() == ["Bad\ufffdName"]
    assert gpd.read_file(a, layer="rings")["system"].tolist() == ["Sys\ufffdtem"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.gpkg", "b.gpkg"]


def test_gpkg__sigterm_mid_write_leaves_no_temporary_files(tmp_path):
    import signal
    import subprocess
    import sys

    code = (
        "import os, signal, sys\n"
        "import geopandas as gpd\n"
        "from rangemap.scenario import Scenario, Site, System\n"
        "from rangemap.export import export\n"
        "original = gpd.GeoDataFrame.to_file\n"
        "def to_file(self, *a, **k):\n"
        "    original(self, *a, **k)\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "gpd.GeoDataFrame.to_file = to_file\n"
        "export(Scenario('T', (System('S', 3000),), (Site('A', 0.0, 180.0),), ('FJI',)), sys.argv[1])\n"
        "print('not reached')\n"
    )
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path / "x.gpkg")], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == -signal.SIGTERM, r.stderr[-2000:]
    assert "not reached" not in r.stdout
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- #
# image size bounds
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("kw", [{"dpi": -5}, {"dpi": 0}, {"width_px": 0}, {"width_px": -100}, {"width_px": 200_000},
                                {"width_px": 1, "dpi": 1}, {"dpi": 1201}, {"width_px": 199}])
def test_export__bad_dpi_or_width_is_an_error_naming_the_value(kw, tmp_path):
    from rangemap.errors import InputError
    from rangemap.export import export

    s = CASES[0].scenario()
    with pytest.raises(InputError) as exc:
        export(s, tmp_path / "x.png", **kw)
    assert any(repr(v) in str(exc.value) for v in kw.values()) and "\n" not in str(exc.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [["--dpi", "-5"], ["--dpi", "0"], ["--width", "0"], ["--width", "200000"],
                                  ["--width", "1", "--dpi", "1"]])
def test_export_cli__bad_dpi_or_width(args, outdir, capsys):
    out = outdir / "bad.png"
    try:
        code = main(["export", str(outdir / "k.toml"), "-o", str(out), *args])
    except SystemExit as exc:  # argparse's own range check
        code = exc.code
    assert code != 0 and not out.exists()
    err = capsys.readouterr().err.strip().splitlines()
    assert err and any(args[1] in line for line in err)
