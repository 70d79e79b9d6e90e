"""Reach analysis (issue #15): reach areas against brute force with
geographiclib, launch baskets, and the heat map against coverage()."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from geographiclib.geodesic import Geodesic
from pyproj import Geod

from rangemap import scenario as scenario_io
from rangemap.geodesy import range_ring, ring_outline
from rangemap.measure import coverage
from rangemap.models import Scenario, Site, System
from rangemap.reach import launch_basket, reach_area, siting_heatmap, territory

WGS84 = Geodesic.WGS84
GEOD = Geod(ellps="WGS84")
TOL_M = 100.0


def _dense_boundary(geom, step_deg: float = 0.02) -> np.ndarray:
    g = shapely.segmentize(geom, step_deg)
    return np.vstack([np.asarray(r.coords) for p in shapely.get_parts(g) for r in (p.exterior, *p.interiors)])


def _unit(lon, lat):
    lo, la = np.radians(lon), np.radians(lat)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def _distance_to(points_lonlat: np.ndarray, boundary: np.ndarray, geom) -> np.ndarray:
    """Oracle: metres from each point to the territory (0 inside). A KD-tree on
    the sphere picks the 16 nearest boundary samples (about 2 km apart: the
    sampling error is under 1 m at these ranges); geographiclib gives the
    distance to each."""
    from scipy.spatial import cKDTree

    tree = cKDTree(_unit(boundary[:, 0], boundary[:, 1]))
    out = []
    for lon, lat in points_lonlat:
        if shapely.contains_xy(geom, lon, lat):
            out.append(0.0)
            continue
        _, near = tree.query(_unit(np.array([lon]), np.array([lat]))[0], k=16)
        out.append(min(WGS84.Inverse(lat, lon, boundary[i, 1], boundary[i, 0], Geodesic.DISTANCE)["s12"] for i in near))
    return np.array(out)


def _outline_points(geom, n: int, seed: int = 1) -> np.ndarray:
    """Vertices and edge midpoints of the true outline (no ±180/pole cuts)."""
    lines = ring_outline(geom)
    pts = []
    for line in lines.geoms:
        c = np.asarray(line.coords)
        pts.append(c)
        pts.append((c[:-1] + c[1:]) / 2.0)
    pts = np.vstack(pts)
    rng = np.random.default_rng(seed)
    return pts[rng.choice(len(pts), size=min(n, len(pts)), replace=False)]


@pytest.mark.parametrize(("region", "range_km"), [
    ("JPN", 3000.0),   # the case
    ("FJI", 800.0),    # split at the antimeridian in the data
    ("RUS", 1500.0),   # across the antimeridian, and up to the Arctic
    ("GRL", 1200.0),   # near the North Pole: the reach holds the pole
    ("PRK", 300.0),    # short range: every stretch of coast counts
])
def test_reach_area__boundary_is_at_the_range_from_the_territory(region, range_km):
    geom = territory(region)
    area = reach_area(region, range_km)
    assert area.is_valid and not area.is_empty
    assert shapely.contains(area, shapely.make_valid(shapely.simplify(geom, 0.0)).buffer(-1e-6))
    pts = _outline_points(area, 60)
    d = _distance_to(pts, _dense_boundary(geom), geom)
    err = np.abs(d - range_km * 1000.0)
    assert err.max() <= TOL_M, f"worst boundary error {err.max():.1f} m"


def test_reach_area__points_just_inside_and_outside():
    geom = territory("JPN")
    area = reach_area("JPN", 3000.0)
    boundary = _dense_boundary(geom)
    rng = np.random.default_rng(7)
    # random points in the bounding box of the reach area: the oracle's verdict
    # and the polygon's agree wherever the distance is not within tolerance
    minx, miny, maxx, maxy = area.bounds
    pts = np.column_stack([rng.uniform(minx, maxx, 150), rng.uniform(miny, maxy, 150)])
    d = _distance_to(pts, boundary, geom)
    inside = shapely.contains_xy(area, pts[:, 0], pts[:, 1])
    clear = np.abs(d - 3_000_000.0) > TOL_M
    wrong = (inside != (d < 3_000_000.0)) & clear
    assert wrong.sum() == 0


def test_reach_area__antarctica_and_bad_input():
    area = reach_area("ATA", 500.0)
    assert area.is_valid and shapely.contains_xy(area, 0.0, -89.99)
    with pytest.raises(ValueError, match="range_km"):
        reach_area("JPN", -5)
    with pytest.raises(LookupError):
        reach_area("Atlantis", 100)


def test_launch_basket__point_target_is_its_range_ring():
    b = launch_basket((39.02, 125.75), 1500.0)
    ring = range_ring(lat=39.02, lon=125.75, radius_km=1500.0)
    assert shapely.symmetric_difference(b.geometry, ring).area < 1e-9
    assert b.area_km2 == pytest.approx(1500.0 ** 2 * np.pi, rel=0.01)


def test_launch_basket__all_of_a_target_against_brute_force():
    b = launch_basket("PRK", 1000.0, cover="all")
    assert not b.empty
    target = territory("PRK")
    boundary = _dense_boundary(target, 0.02)
    # on the basket's outline, the farthest point of the target is at the range
    for lon, lat in _outline_points(b.geometry, 25):
        _, _, d = GEOD.inv(np.full(len(boundary), lon), np.full(len(boundary), lat), boundary[:, 0], boundary[:, 1])
        far = np.argsort(d)[-8:]
        worst = max(WGS84.Inverse(lat, lon, boundary[i, 1], boundary[i, 0], Geodesic.DISTANCE)["s12"] for i in far)
        assert abs(worst - 1_000_000.0) <= TOL_M


def test_launch_basket__within_clips_and_empty_when_too_short():
    b = launch_basket("PRK", 1000.0, within="JPN")
    assert not b.empty and shapely.covers(territory("JPN").buffer(1e-6), b.geometry)
    none = launch_basket("CHN", 3000.0, within="JPN")
    assert none.empty and none.describe() == "no point of Japan reaches all of China at 3,000 km"
    assert launch_basket("CHN", 1000.0).empty  # China is wider than 2,000 km
    anyb = launch_basket("PRK", 500.0, cover="any")
    assert anyb.area_km2 > launch_basket("PRK", 500.0, cover="all").area_km2


def test_siting_heatmap__cells_agree_with_coverage():
    heat = siting_heatmap("JPN", [("m", 2000.0)], ["PRK", "CHN"], spacing_km=40.0)
    assert set(heat.columns) >= {"lat", "lon", "system", "target", "covered_fraction", "population_in_range"}
    rng = np.random.default_rng(3)
    sample = heat.iloc[rng.choice(len(heat), size=30, replace=False)]
    for row in sample.itertuples(index=False):
        s = Scenario(title="t", systems=(System("m", 2000.0),), sites=(Site("c", row.lat, row.lon),),
                     targets=(row.target,))
        got = coverage(s, combined=False).iloc[0]
        assert abs(got["covered_fraction"] - row.covered_fraction) <= 0.01, (row, got["covered_fraction"])
        assert got["population_in_range"] == row.population_in_range


def test_cli_heatmap__json_and_best_ten(tmp_path, capsys):
    import json

    from rangemap.cli import main

    path = tmp_path / "s.toml"
    path.write_text('title = "t"\ntargets = ["PRK"]\n[[systems]]\nname = "m"\nrange_km = 1000\n'
                    '[[sites]]\nregion = "JPN"\n')
    assert main(["heatmap", str(path), "--region", "JPN", "--spacing-km", "100", "--json"]) == 0
    cells = json.loads(capsys.readouterr().out)
    assert cells and set(cells[0]) == {"lat", "lon", "system", "target", "covered_fraction", "population_in_range"}
    assert main(["heatmap", str(path), "--region", "JPN", "--spacing-km", "100"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:2] == ["system", "target"] and len(out) == 2 + 10


def test_scenario__territory_site_baskets_and_heatmap_everywhere(tmp_path, capsys):
    from rangemap.cli import main

    path = tmp_path / "s.toml"
    path.write_text('title = "t"\ntargets = ["PRK", "CHN"]\n[[systems]]\nname = "m"\nrange_km = 3000\n'
                    '[[sites]]\nregion = "JPN"\n[[baskets]]\nsystem = "m"\ntarget = "CHN"\nwithin = "JPN"\n'
                    '[heatmap]\nregion = "JPN"\nspacing_km = 100\n')
    s = scenario_io.read(path)
    assert s.sites[0].is_territory and s.sites[0].name == "Anywhere in Japan"
    assert main(["report", str(path)]) == 0
    out = capsys.readouterr().out
    assert "no point of Japan reaches all of China at 3,000 km" in out and "Best launch sites" in out
    for args in (["render", str(path), "--offline", "-o", str(tmp_path / "m.html")],
                 ["export", str(path), "-o", str(tmp_path / "m.geojson")],
                 ["export", str(path), "-o", str(tmp_path / "m.kml")],
                 ["export", str(path), "-o", str(tmp_path / "m.png"), "--width", "400", "--dpi", "50"],
                 ["brief", str(path), "-o", str(tmp_path / "b.html")]):
        assert main(args) == 0, args
    assert '"heatmap":[{' in (tmp_path / "m.html").read_text()
