"""Moving launch sites on the map, the year control and the config loop (issue #16).

Browser tests run in headless Chromium with every network request blocked."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest
from geographiclib.geodesic import Geodesic

from rangemap import scenario as scenario_io
from rangemap.cli import main
from rangemap.measure import coverage

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_cf37cdb565ddf28d.txt"
WGS84 = Geodesic.WGS84


@pytest.fixture
def seed_map(tmp_path):
    out = tmp_path / "seed.html"
    assert main(["render", str(SEED), "--offline", "-o", str(out)]) == 0
    return out


def _two_site_toml(tmp_path, name="Kadena", extra=""):
    path = tmp_path / "s.toml"
    path.write_text(
        f'title = "t"\ntargets = ["PRK", "CHN"]\n[[systems]]\nname = "Long"\nrange_km = 3000\nyear = "2035"\n'
        f'[[systems]]\nname = "Short"\nrange_km = 1000\nyear = "early 2030s"\n'
        f'[[sites]]\nname = {json.dumps(name)}\nlat = 26.35\nlon = 127.77\n'
        f'[[sites]]\nname = "Misawa"\nlat = 40.70\nlon = 141.37\nsystems = ["Short"]\n{extra}', encoding="utf-8")
    return path


def _two_site_map(tmp_path):
    """The two-site scenario and its offline map."""
    src = _two_site_toml(tmp_path)
    out = tmp_path / "m.html"
    assert main(["render", str(src), "--offline", "-o", str(out)]) == 0
    return src, out


def test_seed_map__stays_under_budget(seed_map):
    assert seed_map.stat().st_size < 1_200_000


@pytest.mark.browser
def test_browser__drag_a_site_moves_its_rings(tmp_path, offline_page):
    src, out = _two_site_map(tmp_path)
    page = offline_page(out)
    page.locator(".rm-edit-toggle").click()
    marker = page.locator(".rm-site").first
    box = marker.bounding_box()
    before = page.locator("path.leaflet-interactive").evaluate_all("ps => ps.map(p => p.getAttribute('d')).join('|')")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 120, box["y"] - 60, steps=8)
    page.mouse.up()
    page.wait_for_timeout(300)
    after = page.locator("path.leaflet-interactive").evaluate_all("ps => ps.map(p => p.getAttribute('d')).join('|')")
    assert page.locator("path.rm-ring").count() >= 2  # the site's rings were recomputed in the browser
    assert after != before
    assert page.errors == [] and page.blocked == []
    toml = page.evaluate("() => window.rangemap.toml()")
    s = scenario_io.loads(toml)
    assert (s.sites[0].lat, s.sites[0].lon) != (26.35, 127.77)
    assert s.sites[1] == scenario_io.read(src).sites[1]
    assert s.systems == scenario_io.read(src).systems


SITES = [(26.35, 127.77, 3000), (53.0, 158.65, 3000), (10.0, 180.0, 5500), (-17.7, -179.9, 2000),
         (80.0, 20.0, 2500), (-78.0, 166.7, 2000), (89.5, 0.0, 1000), (0.0, 0.0, 10001.97),
         (35.68, 139.69, 13000), (39.02, 125.75, 8000), (-33.9, 151.2, 2000), (64.0, -22.0, 6000),
         (-0.2, -78.5, 15000), (51.5, -0.1, 18000), (19.9, -155.6, 4000), (-54.8, -68.3, 3000),
         (71.3, -156.8, 1500), (1.35, 103.8, 500), (60.0, 179.99, 7000), (-45.0, -179.0, 12000)]


@pytest.mark.browser
def test_browser__in_page_rings_match_geographiclib(seed_map, offline_page):
    page = offline_page(seed_map)
    worst = 0.0
    for lat, lon, r in SITES:
        rings = page.evaluate("([a, b, c]) => window.rangemap.ring(a, b, c)", [lat, lon, r])
        ring = rings[-1] if len(rings) == 2 else rings[0]  # the world-less-cap case: the ring is the hole
        pts = np.array(ring)
        mids = (pts[:-1] + pts[1:]) / 2.0
        # leave out the closure through a pole (edges along lat = ±90 and the
        # meridian down from it): they close the polygon, they are not the ring
        keep_pts = np.abs(pts[:, 0]) < 90
        keep_mid = (np.abs(pts[:-1, 0]) < 90) & (np.abs(pts[1:, 0]) < 90)
        pts, mids = pts[keep_pts], mids[keep_mid]
        for plat, plon in np.vstack([pts, mids]):
            d = WGS84.Inverse(lat, lon, plat, plon, Geodesic.DISTANCE)["s12"]
            worst = max(worst, abs(d - r * 1000.0))
    assert worst <= 100.0, f"worst in-browser ring error {worst:.1f} m"


@pytest.mark.browser
def test_browser__add_remove_and_download(tmp_path, offline_page):
    src, out = _two_site_map(tmp_path)
    page = offline_page(out)
    page.locator(".rm-edit-toggle").click()
    name = page.evaluate("() => window.rangemap.addSite(33.123456, 131.654321)")
    assert name == "Site 3"
    # remove Misawa from its popup
    page.locator(".rm-site").nth(1).click(force=True)
    page.locator(".rm-remove").click()
    with page.expect_download() as dl:
        page.locator(".rm-download").click()
    text = Path(dl.value.path()).read_text(encoding="utf-8")
    s = scenario_io.loads(text)
    assert [x.name for x in s.sites] == ["Kadena", "Site 3"]
    assert (round(s.sites[1].lat, 4), round(s.sites[1].lon, 4)) == (33.1235, 131.6543)
    original = scenario_io.read(src)
    assert s.systems == original.systems and s.targets == original.targets and s.title == original.title
    assert s.sites[0] == original.sites[0]  # an unmoved site is written back unchanged
    assert page.locator(".rm-toml").inner_text().startswith("# rangemap scenario")
    assert page.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("which", ["seed", "two-sites", "annulus"])
def test_browser__coverage_matches_coverage(tmp_path, offline_page, which):
    if which == "seed":
        src = SEED
    elif which == "two-sites":
        src = _two_site_toml(tmp_path)
    else:
        src = tmp_path / "a.toml"
        src.write_text('title = "a"\ntargets = ["CHN", "RUS"]\n[[systems]]\nname = "DF-26"\nmissile = "DF-26"\n'
                       'min_range_km = 800\n[[sites]]\nname = "Xining"\nlat = 36.62\nlon = 101.77\n')
    out = tmp_path / "m.html"
    assert main(["render", str(src), "--offline", "-o", str(out)]) == 0
    page = offline_page(out)
    live = page.evaluate("() => window.rangemap.coverage()")
    s = scenario_io.load(src)
    table = coverage(s)
    for c in live:
        rows = table[(table.system == c["system"]) & (table.target == c["target"])]
        row = rows[rows.site == "combined"] if (rows.site == "combined").any() else rows
        assert abs(c["fraction"] - float(row.covered_fraction.iloc[0])) <= 0.01, (c, row.covered_fraction.iloc[0])
        assert c["cities"] == pytest.approx(int(row.cities_in_range.iloc[0]), abs=2)


@pytest.mark.browser
def test_browser__year_slider_hides_and_shows_rings(seed_map, offline_page):
    page = offline_page(seed_map)
    years = page.locator(".rm-year")
    assert years.get_attribute("min") == "2029" and years.get_attribute("max") == "2035"

    def visible_colors():
        return set(page.locator(".leaflet-overlay-pane path").evaluate_all(
            "ps => ps.map(p => p.getAttribute('stroke')).filter(Boolean)"))

    everything = visible_colors()
    years.fill("2029")
    page.wait_for_timeout(100)
    none = visible_colors()
    years.fill("2032")
    page.wait_for_timeout(100)
    early = visible_colors()
    years.fill("2035")
    page.wait_for_timeout(100)
    assert "#d62728" in everything and "#1f77b4" in everything
    assert "#d62728" not in none and "#1f77b4" not in none
    assert "#1f77b4" in early and "#d62728" not in early  # the 2,000 km ring from the early 2030s only
    assert visible_colors() == everything
    assert "In place by 2035" in page.locator(".rm-years").inner_text()


@pytest.mark.browser
def test_browser__injected_names_do_not_run_in_edit_mode(tmp_path, offline_page):
    src = _two_site_toml(tmp_path, name="</script><img src=x onerror=window.__pwned=1>{{ 7*7 }}")
    out = tmp_path / "m.html"
    assert main(["render", str(src), "--offline", "-o", str(out)]) == 0
    page = offline_page(out)
    page.locator(".rm-edit-toggle").click()
    page.locator(".rm-site").first.click(force=True)
    page.locator(".rm-download").click()
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img[src='x']").count() == 0
    assert "{{ 7*7 }}" in page.locator(".rm-toml").inner_text()
    assert page.errors == []


def test_watch__rerenders_when_the_scenario_changes(tmp_path):
    from rangemap.serve import watch_files

    src = _two_site_toml(tmp_path)
    out = tmp_path / "w.html"
    logs: list[str] = []
    t = threading.Thread(target=watch_files, args=(str(src), out),
                         kwargs={"tiles": None, "offline": True, "log": logs.append, "max_events": 2}, daemon=True)
    t.start()
    for _ in range(600):
        if out.exists():
            break
        time.sleep(0.05)
    first = out.read_text()
    src.write_text(src.read_text().replace('name = "Kadena"', 'name = "Zamami"'))
    for _ in range(300):
        if "Zamami" in out.read_text():
            break
        time.sleep(0.05)
    assert "Zamami" in out.read_text() and out.read_text() != first
    src.write_text("title = = broken\n")
    t.join(timeout=20)
    assert "Zamami" in out.read_text()  # the last good map stays
    assert any(line.startswith("error:") and "invalid TOML" in line for line in logs)


@pytest.mark.browser
def test_serve__reloads_after_a_save_shows_errors_and_binds_loopback(tmp_path, browser):
    from rangemap.serve import serve

    src = _two_site_toml(tmp_path)
    ports: list[int] = []
    stop = threading.Event()
    logs: list[str] = []
    t = threading.Thread(target=serve, args=(str(src),), daemon=True,
                         kwargs={"port": 0, "offline": True, "log": logs.append, "ready": ports.append, "stop": stop})
    t.start()
    for _ in range(200):
        if ports:
            break
        time.sleep(0.05)
    port = ports[0]
    import socket

    with socket.socket() as sock:  # listening on loopback only
        assert sock.connect_ex(("127.0.0.1", port)) == 0
    addrs = {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None) if a[0] == socket.AF_INET}
    for addr in addrs - {"127.0.0.1", "127.0.1.1"}:
        with socket.socket() as sock:
            sock.settimeout(1)
            assert sock.connect_ex((addr, port)) != 0
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"http://127.0.0.1:{port}/")
    page.wait_for_selector(".rm-legend")
    assert "Kadena" in page.content()
    src.write_text(src.read_text().replace('name = "Kadena"', 'name = "Naha"'))
    page.wait_for_function("() => document.body.innerHTML.includes('Naha')", timeout=5000)
    src.write_text(src.read_text().replace("range_km = 3000", "range_km = = 3000"))
    page.wait_for_function("() => (document.getElementById('rm-banner') || {}).textContent"
                           " && document.getElementById('rm-banner').textContent.includes('invalid TOML')", timeout=5000)
    assert "Naha" in urllib.request.urlopen(f"http://127.0.0.1:{port}/").read().decode()  # the last good map
    assert errors == []
    stop.set()
    t.join(timeout=10)
    assert not t.is_alive()
    page.close()
