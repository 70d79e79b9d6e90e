"""Range rings checked against an independent oracle: geographiclib, the pure
Python implementation of Karney's algorithms (a different code path from the
C in PROJ that rangemap uses)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import shapely
from geographiclib.geodesic import Geodesic
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import MultiPolygon, Polygon

import rangemap
from rangemap import GeodesyError, RangemapError, geodesic_distance_km, range_ring, range_rings
from rangemap.cli import main

WGS84 = Geodesic.WGS84
MAX_KM = WGS84.Inverse(90, 0, -90, 0)["s12"] / 1000.0


def _polygons(geom):
    return list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom]


def _is_cut_edge(x1, y1, x2, y2) -> bool:
    """Edges along the antimeridian or a pole are cuts, not the circle."""
    return (abs(x1) == 180 and x1 == x2) or (abs(y1) == 90 and y1 == y2)


def boundary_errors_m(geom, lat, lon, radius_km, *, max_edges=None, seed=0):
    """|distance - radius| in metres at vertices and at 1/4, 1/2, 3/4 of every edge."""
    edges = []
    for poly in _polygons(geom):
        for ring in [poly.exterior, *poly.interiors]:
            c = np.asarray(ring.coords)
            for (x1, y1), (x2, y2) in zip(c[:-1], c[1:]):
                if not _is_cut_edge(x1, y1, x2, y2):
                    edges.append((x1, y1, x2, y2))
    if max_edges is not None and len(edges) > max_edges:
        rng = np.random.default_rng(seed)
        edges = [edges[i] for i in rng.choice(len(edges), max_edges, replace=False)]
    errors = []
    for x1, y1, x2, y2 in edges:
        for f in (0.0, 0.25, 0.5, 0.75):
            x, y = x1 + f * (x2 - x1), y1 + f * (y2 - y1)
            if abs(y) == 90 or (f == 0.0 and abs(x) == 180 and abs(y) == 90):
                continue
            d = WGS84.Inverse(lat, lon, y, x)["s12"]
            errors.append(abs(d - radius_km * 1000.0))
    return np.asarray(errors)


def assert_rfc7946(geom):
    assert isinstance(geom, (Polygon, MultiPolygon))
    assert geom.is_valid, shapely.is_valid_reason(geom)
    for poly in _polygons(geom):
        assert poly.exterior.is_ccw, "exterior rings run counter-clockwise"
        for hole in poly.interiors:
            assert not hole.is_ccw, "holes run clockwise"
    minx, miny, maxx, maxy = geom.bounds
    assert -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90


def assert_inside_means_in_range(geom, lat, lon, radius_km, tol_m, *, n=48, seed=1):
    """Points just inside/outside the true circle fall inside/outside the polygon,
    and random points over the globe are inside exactly when in range."""
    rng = np.random.default_rng(seed)
    r_m = radius_km * 1000.0
    margin = 1.01 * tol_m
    for az in rng.uniform(0, 360, n):
        for dist, expect in ((r_m - margin, True), (r_m + margin, False)):
            if dist <= 0 or dist >= MAX_KM * 1000.0 - 1000.0:
                continue
            p = WGS84.Direct(lat, lon, az, dist)
            # the oracle's own distance decides: beyond the cut locus Direct's s12 is
            # not the shortest distance, so the point may be nearer than ``dist``
            d = WGS84.Inverse(lat, lon, p["lat2"], p["lon2"])["s12"]
            if abs(d - r_m) < tol_m:
                continue
            inside = bool(shapely.intersects_xy(geom, p["lon2"], p["lat2"]))
            assert inside == (d < r_m), f"point at {d / 1000:.3f} km, azimuth {az:.2f}"
            if abs(d - dist) < 1.0:  # a shortest path: the point is where it was put
                assert inside == expect
    # uniform points over the sphere
    u = rng.uniform(-1, 1, 400)
    plat = np.degrees(np.arcsin(u))
    plon = rng.uniform(-180, 180, 400)
    inside = shapely.intersects_xy(geom, plon, plat)
    for x, y, ins in zip(plon, plat, inside):
        d = WGS84.Inverse(lat, lon, y, x)["s12"]
        if abs(d - r_m) > tol_m:
            assert bool(ins) == (d < r_m), f"({y:.4f}, {x:.4f}) at {d / 1000:.3f} km"


# --------------------------------------------------------------------------- #
# named cases
# --------------------------------------------------------------------------- #
NAMED = [
    pytest.param(26.3, 127.8, 2000, id="okinawa-2000-midlatitude"),
    pytest.param(53.02, 158.65, 3000, id="petropavlovsk-3000-antimeridian"),
    pytest.param(39.02, 125.75, 7000, id="pyongyang-7000-north-pole"),
    pytest.param(39.02, 125.75, 13000, id="pyongyang-13000-north-pole"),
    pytest.param(-77.85, 166.67, 2000, id="mcmurdo-2000-south-pole"),
    pytest.param(32.80, 130.71, 19500, id="kumamoto-19500-both-poles"),
]


@pytest.mark.parametrize(("lat", "lon", "radius_km"), NAMED)
def test_range_ring__named_cases_against_oracle(lat, lon, radius_km):
    geom = range_ring(lat=lat, lon=lon, radius_km=radius_km)
    assert_rfc7946(geom)
    errors = boundary_errors_m(geom, lat, lon, radius_km)
    assert len(errors) > 100
    assert errors.max() <= 100.0
    assert_inside_means_in_range(geom, lat, lon, radius_km, 100.0)


def test_range_ring__antimeridian_is_split_into_multipolygon():
    geom = range_ring(lat=53.02, lon=158.65, radius_km=3000)
    assert isinstance(geom, MultiPolygon)
    xs = np.concatenate([np.asarray(p.exterior.coords)[:, 0] for p in geom.geoms])
    assert xs.max() == 180.0 and xs.min() == -180.0
    # Attu Island (52.9 N, 172.9 E) and Anchorage (61.2 N, 149.9 W) are ~5,200 km apart; Attu is in range
    assert geom.intersects(shapely.Point(172.9, 52.9))
    assert not geom.intersects(shapely.Point(-149.9, 61.2))


@pytest.mark.parametrize(("lat", "lon", "radius_km", "pole"), [
    (39.02, 125.75, 7000, 90), (39.02, 125.75, 13000, 90), (-77.85, 166.67, 2000, -90),
])
def test_range_ring__encloses_pole(lat, lon, radius_km, pole):
    geom = range_ring(lat=lat, lon=lon, radius_km=radius_km)
    _, miny, _, maxy = geom.bounds
    assert (maxy if pole > 0 else miny) == pole
    assert geom.covers(shapely.Point(0, pole)) and geom.covers(shapely.Point(179.9, pole - math.copysign(0.01, pole)))
    assert not geom.covers(shapely.Point(0, -pole))


def test_range_ring__both_poles_is_globe_minus_far_cap():
    lat, lon = 32.80, 130.71
    geom = range_ring(lat=lat, lon=lon, radius_km=19500)
    assert geom.covers(shapely.Point(0, 90)) and geom.covers(shapely.Point(0, -90))
    antipode = (-lat, lon - 180)
    assert not geom.covers(shapely.Point(antipode[1], antipode[0]))
    far_cap_km2 = rangemap.geodesic_area_km2(shapely.box(-180, -90, 180, 90).difference(geom))
    # the far cap is roughly a disc of radius MAX_KM - 19,500 km, stretched a few
    # per cent along the cut locus by the ellipsoid's flattening
    r_far = MAX_KM - 19500
    assert far_cap_km2 == pytest.approx(math.pi * r_far**2, rel=0.08)


@pytest.mark.parametrize("radius_km", [MAX_KM + 0.001, 20_100, 40_000])
def test_range_ring__reaching_everywhere_is_whole_globe(radius_km):
    geom = range_ring(lat=12.3, lon=-45.6, radius_km=radius_km)
    assert_rfc7946(geom)
    assert geom.equals(shapely.box(-180, -90, 180, 90))


def test_range_ring__beyond_cut_locus_is_still_exact():
    # 19,990 km: geodesics from the centre that long pass the cut locus near the antipode
    lat, lon, r = 45.0, -179.9, 19_990
    geom = range_ring(lat=lat, lon=lon, radius_km=r)
    assert_rfc7946(geom)
    assert boundary_errors_m(geom, lat, lon, r).max() <= 100.0
    assert_inside_means_in_range(geom, lat, lon, r, 100.0)


def test_range_ring__vertex_count_adapts_to_radius_and_tolerance():
    small = shapely.get_num_coordinates(range_ring(lat=35, lon=139, radius_km=50))
    large = shapely.get_num_coordinates(range_ring(lat=35, lon=139, radius_km=10_000))
    fine = shapely.get_num_coordinates(range_ring(lat=35, lon=139, radius_km=3000, max_error_m=1.0))
    coarse = shapely.get_num_coordinates(range_ring(lat=35, lon=139, radius_km=3000, max_error_m=1000.0))
    assert small < large / 4
    assert coarse < fine / 10


@pytest.mark.parametrize("tol", [1.0, 10.0, 1000.0])
def test_range_ring__honours_tolerance(tol):
    geom = range_ring(lat=-33.9, lon=18.4, radius_km=5000, max_error_m=tol)
    assert boundary_errors_m(geom, -33.9, 18.4, 5000, max_edges=400).max() <= tol


def test_range_ring__is_more_accurate_than_folium_circle_claims():
    """The ring's area matches the geodesic disc area computed independently
    (sum of thin annuli from geographiclib's polygon area), within 0.1 %."""
    lat, lon, r = 40.0, 116.4, 3000
    geom = range_ring(lat=lat, lon=lon, radius_km=r, max_error_m=10)
    poly = WGS84.Polygon()
    for az in np.linspace(0, 360, 4000, endpoint=False):
        p = WGS84.Direct(lat, lon, az, r * 1000)
        poly.AddPoint(p["lat2"], p["lon2"])
    _, _, oracle_area = poly.Compute(False, True)
    assert rangemap.geodesic_area_km2(geom) == pytest.approx(abs(oracle_area) / 1e6, rel=1e-3)


# --------------------------------------------------------------------------- #
# properties over the whole globe
# --------------------------------------------------------------------------- #
lats = st.one_of(
    st.floats(-90, 90),
    st.floats(80, 90),
    st.floats(-90, -80),
    st.sampled_from([90.0, -90.0, 0.0, 89.999, -89.999]),
)
lons = st.one_of(st.floats(-180, 180), st.floats(175, 180), st.floats(-180, -175), st.sampled_from([180.0, -180.0, 0.0]))
radii = st.one_of(st.floats(1, 19_900), st.floats(1, 100), st.floats(9_000, 11_000), st.floats(19_000, 19_900))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lat=lats, lon=lons, radius_km=radii)
def test_range_ring__properties_hold_over_the_globe(lat, lon, radius_km):
    geom = range_ring(lat=lat, lon=lon, radius_km=radius_km)
    assert_rfc7946(geom)
    errors = boundary_errors_m(geom, lat, lon, radius_km, max_edges=120, seed=int(abs(lat * 1000)))
    assert errors.max() <= 100.0
    assert_inside_means_in_range(geom, lat, lon, radius_km, 100.0, n=16)


@settings(max_examples=15, deadline=None)
@given(lat=lats, lon=lons, radius_km=st.floats(1, 19_900), tol=st.sampled_from([5.0, 30.0, 500.0]))
def test_range_ring__boundary_error_respects_any_tolerance(lat, lon, radius_km, tol):
    geom = range_ring(lat=lat, lon=lon, radius_km=radius_km, max_error_m=tol)
    assert_rfc7946(geom)
    assert boundary_errors_m(geom, lat, lon, radius_km, max_edges=80).max() <= tol


# --------------------------------------------------------------------------- #
# batch, distance, bad arguments, CLI
# --------------------------------------------------------------------------- #
def test_range_rings__matches_single_rings():
    lats_, lons_, radii_ = [26.3, 53.02, -77.85, 39.02], [127.8, 158.65, 166.67, 125.75], [2000, 3000, 2000, 13000]
    batch = range_rings(lats_, lons_, radii_)
    assert len(batch) == 4
    for geom, la, lo, r in zip(batch, lats_, lons_, radii_):
        assert geom.equals(range_ring(lat=la, lon=lo, radius_km=r))


def test_range_rings__empty_and_length_mismatch():
    assert range_rings([], [], []) == []
    with pytest.raises(GeodesyError, match="same length"):
        range_rings([1, 2], [3], [4, 5])


@pytest.mark.parametrize(("p1", "p2"), [((35.68, 139.69), (39.02, 125.75)), ((0, 0), (0, 180)), ((89, 10), (-89, -170)), ((10, 179.5), (-5, -179.5))])
def test_geodesic_distance_km__agrees_with_oracle(p1, p2):
    expected = WGS84.Inverse(*p1, *p2)["s12"] / 1000
    assert geodesic_distance_km(*p1, *p2) == pytest.approx(expected, abs=1e-6)


def test_geodesic_distance_km__vectorised():
    d = geodesic_distance_km(np.array([0.0, 10.0]), np.array([0.0, 0.0]), np.array([0.0, 10.0]), np.array([1.0, 1.0]))
    assert d.shape == (2,)
    assert d[0] == pytest.approx(WGS84.Inverse(0, 0, 0, 1)["s12"] / 1000)


@pytest.mark.parametrize(("kwargs", "bad"), [
    ({"lat": 95, "lon": 0, "radius_km": 10}, "95"),
    ({"lat": -90.5, "lon": 0, "radius_km": 10}, "-90.5"),
    ({"lat": float("nan"), "lon": 0, "radius_km": 10}, "nan"),
    ({"lat": 0, "lon": float("inf"), "radius_km": 10}, "inf"),
    ({"lat": 0, "lon": 0, "radius_km": 0}, "0"),
    ({"lat": 0, "lon": 0, "radius_km": -5}, "-5"),
    ({"lat": 0, "lon": 0, "radius_km": float("nan")}, "nan"),
    ({"lat": 0, "lon": 0, "radius_km": 10, "max_error_m": 0}, "0"),
    ({"lat": 0, "lon": 0, "radius_km": 10, "max_error_m": -1}, "-1"),
])
def test_range_ring__bad_arguments(kwargs, bad):
    with pytest.raises(GeodesyError) as info:
        range_ring(**kwargs)
    assert isinstance(info.value, ValueError) and isinstance(info.value, RangemapError)
    assert bad in str(info.value)


def test_range_ring__longitude_outside_180_is_wrapped():
    assert range_ring(lat=10, lon=370, radius_km=500).equals(range_ring(lat=10, lon=10, radius_km=500))


def test_cli_rings__prints_feature_collection(capsys):
    assert main(["rings", "--lat", "26.3", "--lon", "127.8", "--range-km", "2000", "3000"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["type"] == "FeatureCollection"
    assert [f["properties"] for f in out["features"]] == [
        {"range_km": 2000.0, "lat": 26.3, "lon": 127.8}, {"range_km": 3000.0, "lat": 26.3, "lon": 127.8}]
    geom = shapely.geometry.shape(out["features"][1]["geometry"])
    assert geom.is_valid and geom.exterior.is_ccw
    assert boundary_errors_m(geom, 26.3, 127.8, 3000, max_edges=100).max() <= 100.0


def test_cli_rings__bad_latitude_is_one_line_error(capsys):
    assert main(["rings", "--lat", "95", "--lon", "0", "--range-km", "10"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "95" in err and "Traceback" not in err
