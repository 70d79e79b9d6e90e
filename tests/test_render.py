"""The interactive map: end to end, reproducibility, escaping, offline, browser."""

from __future__ import annotations

import re
import textwrap

import pytest

from rangemap import scenario as scenario_io
from rangemap.cli import main
from rangemap.render import display_geometry, render_html
from rangemap.rings import scenario_rings
from tests.conftest import SEED

HOSTILE = textwrap.dedent("""\
    title = "<script>window.__xss_title = 1</script> map"
    targets = ["PRK"]

    [[systems]]
    name = "Evil `${window.__xss_tpl = 1}` </script><script>window.__xss_sys = 1</script>"
    range_km = 1500
    quote = "<img src=x onerror=\\"window.__xss_quote = 1\\">"

    [[sites]]
    name = "<img src=x onerror=alert(1)>"
    lat = 35.0
    lon = 135.0
    quote = "\\"'><svg onload=window.__xss_site=1>"
""")


@pytest.fixture(scope="module")
def seed_scenario():
    return scenario_io.load(SEED)


def test_cli__bare_rangemap_renders_the_seed_to_maps(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("rangemap.cli.default_maps_dir", lambda: tmp_path / "maps")
    assert main([]) == 0
    out = tmp_path / "maps" / "000_cf37cdb565ddf28d.html"
    assert capsys.readouterr().out.strip() == str(out)
    html = out.read_text()
    assert "Hypersonic missile (2035)" in html and "North Korea" in html
    assert len(out.read_bytes()) < 1_200_000  # the budget of issue #16


def test_cli_render__article_and_scenario_inputs(tmp_path, capsys):
    toml = tmp_path / "s.toml"
    assert main(["init", str(SEED), "-o", str(toml)]) == 0
    assert main(["render", str(toml), "-o", str(tmp_path / "a.html")]) == 0
    assert main(["render", str(SEED), "-o", str(tmp_path / "b.html")]) == 0
    a, b = (tmp_path / "a.html").read_text(), (tmp_path / "b.html").read_text()
    assert "Anywhere in Japan" in a and "Anywhere in Japan" in b


def test_cli_render__unknown_tiles_suggests(tmp_path, capsys):
    assert main(["render", str(SEED), "--tiles", "openstreetmp", "-o", str(tmp_path / "x.html")]) == 1
    err = capsys.readouterr().err
    assert "unknown tiles 'openstreetmp'" in err and "did you mean 'openstreetmap'" in err


def test_render_html__is_reproducible(seed_scenario):
    assert render_html(seed_scenario) == render_html(seed_scenario)
    assert render_html(seed_scenario, offline=True) == render_html(seed_scenario, offline=True)


def test_render_html__rings_are_geojson_polygons_not_circles(seed_scenario):
    html = render_html(seed_scenario)
    assert "L.circle(" not in html and "L.Circle" not in html
    rings = [r.geometry for r in scenario_rings(seed_scenario)]
    assert len(rings) == 2
    # the exact ring coordinates (rounded to 4 decimals) are in the page
    for ring in rings:
        poly = max(getattr(ring, "geoms", [ring]), key=lambda g: g.area)
        x, y = poly.exterior.coords[5]
        assert f"[{round(x, 4)},{round(y, 4)}]" in html.replace(" ", "")


def test_render_html__furniture(seed_scenario):
    html = render_html(seed_scenario)
    for needle in ("rm-legend", "rm-title", "L.control.layers", "L.control.scale", "Natural Earth", "GeoNames",
                   "Hypersonic missile (2035), 3,000 km", "Launch sites", "Target countries", "fitBounds",
                   "openstreetmap"):
        assert needle.lower() in html.lower(), needle


def test_render_html__tiles_none_and_offline(seed_scenario):
    default = render_html(seed_scenario)
    # only the tiles come from the network, even by default
    assert not re.search(r"<script[^>]+src=", default) and not re.search(r"<link[^>]+href=", default)
    plain = render_html(seed_scenario, tiles="none")
    assert "tile.openstreetmap.org" not in plain
    off = render_html(seed_scenario, offline=True)
    # nothing is loaded from anywhere: no external scripts, styles or tiles
    assert not re.search(r"<script[^>]+src=", off)
    assert not re.search(r"<link[^>]+href=", off)
    assert "cdn" not in off.lower() and "tile.openstreetmap" not in off
    assert "Leaflet 1.9.4" in off
    assert len(off.encode()) < 1_200_000


def test_render_html__antimeridian_ring_is_drawn_whole():
    s = scenario_io.loads(textwrap.dedent("""\
        title = "t"
        [[systems]]
        name = "x"
        range_km = 3000
        [[sites]]
        name = "Petropavlovsk"
        lat = 53.02
        lon = 158.65
    """))
    ring = [r.geometry for r in scenario_rings(s)][0]
    assert ring.geom_type == "MultiPolygon"
    disp = display_geometry(ring, 158.65)
    minx, _, maxx, _ = disp.bounds
    assert maxx > 180 and minx > 100  # one piece east of 180, no jump to -180
    html = render_html(s)
    assert re.search(r"\[1[89]\d\.\d+,", html)  # longitudes past 180 reach Leaflet


def test_render_html__escapes_hostile_text(tmp_path):
    path = tmp_path / "h.toml"
    path.write_text(HOSTILE)
    html = render_html(scenario_io.read(path))
    assert "<img src=x" not in html and "<svg onload" not in html
    assert "<script>window.__xss" not in html
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html  # data in the JSON payload, escaped by tojson


# --------------------------------------------------------------------------- #
# in a real browser, with the network blocked
# --------------------------------------------------------------------------- #
@pytest.mark.browser
def test_browser__offline_map_draws_and_opens_popups(tmp_path, offline_page):
    out = tmp_path / "seed.html"
    assert main(["render", str(SEED), "--offline", "-o", str(out)]) == 0
    page = offline_page(out)
    assert page.errors == []
    assert page.blocked == []  # it asked for nothing outside the file
    paths = page.locator("path.leaflet-interactive")
    assert paths.count() >= 4  # 2 rings + 2 targets (+ the site marker)
    d = paths.first.get_attribute("d")
    assert d and len(d) > 100
    legend = page.locator(".rm-legend")
    assert legend.is_visible() and "3,000 km" in legend.inner_text()
    assert page.locator(".leaflet-control-layers").is_visible()
    assert page.locator(".leaflet-control-scale").is_visible()
    # click the launch site marker: its popup opens with the name and the quote
    marker = page.locator(".rm-site")
    marker.first.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=3000)
    assert "Anywhere in Japan" in popup.inner_text() and "from anywhere in this territory" in popup.inner_text()


@pytest.mark.browser
def test_browser__default_map_is_readable_without_tiles(tmp_path, offline_page):
    """The default map wants OpenStreetMap tiles; with the network blocked only
    the tiles fail, and the rings, borders and legend still draw."""
    out = tmp_path / "default.html"
    assert main(["render", str(SEED), "-o", str(out)]) == 0
    page = offline_page(out)
    assert page.blocked and all("tile.openstreetmap.org" in url for url in page.blocked)
    assert [e for e in page.errors if "Failed to load resource" not in e] == []
    assert page.locator("path.leaflet-interactive").count() >= 4
    assert page.locator(".rm-legend").is_visible()


@pytest.mark.browser
def test_browser__injected_markup_does_not_execute(tmp_path, offline_page):
    path = tmp_path / "h.toml"
    path.write_text(HOSTILE)
    out = tmp_path / "h.html"
    assert main(["render", str(path), "--offline", "-o", str(out)]) == 0
    page = offline_page(out)
    assert page.errors == []
    flags = page.evaluate("() => [window.__xss_title, window.__xss_tpl, window.__xss_sys, window.__xss_quote, window.__xss_site]")
    assert flags == [None, None, None, None, None]
    assert page.locator("img[src='x']").count() == 0
    # the name shows as text
    page.locator(".rm-site").first.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=3000)
    assert "<img src=x onerror=alert(1)>" in popup.inner_text()
    assert page.locator(".leaflet-popup-content img").count() == 0
    assert "<script>" in page.locator(".rm-title").inner_text()
