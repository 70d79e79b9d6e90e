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
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from shapely.geometry import MultiLineString, MultiPolygon, Polygon, mapping

import rangemap
from rangemap import GeodesyError, RangemapError, geodesic_distance_km, geodesy, range_ring, range_rings
from rangemap.cli import main
from rangemap.geodesy import ring_outline

WGS84 = Geodesic.WGS84
MAX_KM = WGS84.Inverse(90, 0, -90, 0)["s12"] / 1000.0


def _hemisphere_km2() -> float:
    poly = WGS84.Polygon()
    for lon in (0, 90, 180, 270):
        poly.AddPoint(0, lon)
    return abs(poly.Compute(False, True)[2]) / 1e6


EARTH_KM2 = 2 * _hemisphere_km2()


def _polygons(geom):
    if geom.is_empty:
        return []
    return list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom]


def _is_cut_edge(x1, y1, x2, y2) -> bool:
    """Edges along the antimeridian or a pole are cuts, not the circle."""
    return (abs(x1) == 180 and x1 == x2) or (abs(y1) == 90 and y1 == y2)


def _edges(geom):
    """Every edge of every ring of a polygon, or of every line of an outline."""
    if isinstance(geom, MultiLineString):
        lines = [np.asarray(g.coords) for g in geom.geoms]
    else:
        lines = [np.asarray(r.coords) for p in _polygons(geom) for r in [p.exterior, *p.interiors]]
    for c in lines:
        for (x1, y1), (x2, y2) in zip(c[:-1], c[1:]):
            yield x1, y1, x2, y2


def boundary_distances_m(geom, lat, lon, *, max_edges=None, seed=0):
    """Geodesic distance in metres from the centre (geographiclib) at the
    vertices and at 1/4, 1/2, 3/4 of every edge that is not a cut."""
    edges = [e for e in _edges(geom) if not _is_cut_edge(*e)]
    if max_edges is not None and len(edges) > max_edges:
        rng = np.random.default_rng(seed)
        edges = [edges[i] for i in rng.choice(len(edges), max_edges, replace=False)]
    dists = []
    for x1, y1, x2, y2 in edges:
        for f in (0.0, 0.25, 0.5, 0.75):
            x, y = x1 + f * (x2 - x1), y1 + f * (y2 - y1)
            if abs(y) == 90:
                continue
            dists.append(WGS84.Inverse(lat, lon, y, x, Geodesic.DISTANCE)["s12"])
    return np.asarray(dists)


def boundary_errors_m(geom, lat, lon, radius_km, *, min_radius_km=None, max_edges=None, seed=0):
    """Distance in metres from the nearer of the circles (radius_km and, for an
    annulus, min_radius_km) along the boundary: see boundary_distances_m."""
    d = boundary_distances_m(geom, lat, lon, max_edges=max_edges, seed=seed)
    errors = np.abs(d - radius_km * 1000.0)
    if min_radius_km:
        errors = np.minimum(errors, np.abs(d - min_radius_km * 1000.0))
    return errors


def assert_rfc7946(geom):
    assert isinstance(geom, (Polygon, MultiPolygon))
    assert geom.is_valid, shapely.is_valid_reason(geom)
    for poly in _polygons(geom):
        assert poly.exterior.is_ccw, "exterior rings run counter-clockwise"
        for hole in poly.interiors:
            assert not hole.is_ccw, "holes run clockwise"
    minx, miny, maxx, maxy = geom.bounds
    assert minx >= -180 and maxx <= 180 and miny >= -90 and maxy <= 90


def assert_inside_means_in_range(geom, lat, lon, radius_km, tol_m, *, min_radius_km=0.0, n=48, seed=1):
    """Points just inside/outside each true circle fall inside/outside the polygon,
    and random points over the globe are inside exactly when in range."""
    rng = np.random.default_rng(seed)
    r_max, r_min = radius_km * 1000.0, (min_radius_km or 0.0) * 1000.0
    margin = 1.01 * tol_m

    def in_range(d):
        return r_min < d < r_max

    def decided(d):
        return abs(d - r_max) > tol_m and (r_min == 0 or abs(d - r_min) > tol_m)

    for r_m in [r for r in (r_max, r_min) if r > 0]:
        for az in rng.uniform(0, 360, n):
            for dist in (r_m - margin, r_m + margin):
                if dist <= 0 or dist >= MAX_KM * 1000.0 - 1000.0:
                    continue
                p = WGS84.Direct(lat, lon, az, dist)
                # the oracle's own distance decides: beyond the cut locus Direct's s12 is
                # not the shortest distance, so the point may be nearer than ``dist``
                d = WGS84.Inverse(lat, lon, p["lat2"], p["lon2"], Geodesic.DISTANCE)["s12"]
                if not decided(d):
                    continue
                inside = bool(shapely.intersects_xy(geom, p["lon2"], p["lat2"]))
                assert inside == in_range(d), f"point at {d / 1000:.3f} km, azimuth {az:.2f}"
    # uniform points over the sphere
    u = rng.uniform(-1, 1, 400)
    plat = np.degrees(np.arcsin(u))
    plon = rng.uniform(-180, 180, 400)
    inside = shapely.intersects_xy(geom, plon, plat)
    for x, y, ins in zip(plon, plat, inside):
        d = WGS84.Inverse(lat, lon, y, x, Geodesic.DISTANCE)["s12"]
        if decided(d):
            assert bool(ins) == in_range(d), f"({y:.4f}, {x:.4f}) at {d / 1000:.3f} km"


def oracle_disc_km2(lat, lon, radius_km, n=4000):
    """Area within radius_km of a point, from geographiclib alone: the polygon
    through n points of the circle, traversed counter-clockwise (radius_km
    below pi * b = 19,970 km, where Direct gives shortest geodesics)."""
    poly = WGS84.Polygon()
    for az in np.linspace(0, 360, n, endpoint=False):
        p = WGS84.Direct(lat, lon, az, radius_km * 1000)
        poly.AddPoint(p["lat2"], p["lon2"])
    # reverse=True: counter-clockwise; sign=False: the area left of it, in [0, A)
    return poly.Compute(True, False)[2] / 1e6


def monte_carlo_fraction(lat, lon, lo_km, hi_km, *, n=12_000, seed=0):
    """Share of the ellipsoid's area within [lo_km, hi_km) of a point: a randomly
    rotated Fibonacci lattice, uniform on the sphere, weighted by the ellipsoid's
    area element (proportional to 1 / (1 - e^2 sin^2 lat)^2 per unit sphere area)."""
    rng = np.random.default_rng(seed)
    i = np.arange(n)
    z = 1 - (2 * i + 1) / n
    plat = np.degrees(np.arcsin(z))
    plon = (np.degrees(i * math.pi * (3 - math.sqrt(5))) + rng.uniform(0, 360)) % 360 - 180
    e2 = WGS84.f * (2 - WGS84.f)
    w = 1 / (1 - e2 * np.sin(np.radians(plat)) ** 2) ** 2
    d = np.array([WGS84.Inverse(lat, lon, y, x, Geodesic.DISTANCE)["s12"] / 1000 for y, x in zip(plat, plon)])
    return float(np.sum(w * ((d >= lo_km) & (d < hi_km))) / np.sum(w))


def quarter_meridian_km(lat, lon, pole):
    return WGS84.Inverse(lat, lon, pole, lon)["s12"] / 1000.0


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
    pytest.param(90.0, 0.0, 15000, id="north-pole-centre-15000"),
    pytest.param(-90.0, 180.0, 19990, id="south-pole-centre-19990-antipodal"),
    pytest.param(0.0, 180.0, 5500, id="equator-antimeridian-5500"),
    pytest.param(-12.0, -180.0, 18600, id="antimeridian-18600-far-cap"),
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


@pytest.mark.parametrize("radius_km", [MAX_KM + 0.001, 20_100, 40_000, geodesy.MAX_RADIUS_KM])
def test_range_ring__reaching_everywhere_is_whole_globe(radius_km):
    geom = range_ring(lat=12.3, lon=-45.6, radius_km=radius_km)
    assert_rfc7946(geom)
    assert geom.equals(shapely.box(-180, -90, 180, 90))
    assert rangemap.geodesic_area_km2(geom) == pytest.approx(EARTH_KM2, rel=1e-12)


def test_range_ring__beyond_cut_locus_is_still_exact():
    # 19,990 km: geodesics from the centre that long pass the cut locus near the antipode
    lat, lon, r = 45.0, -179.9, 19_990
    geom = range_ring(lat=lat, lon=lon, radius_km=r)
    assert_rfc7946(geom)
    assert boundary_errors_m(geom, lat, lon, r).max() <= 100.0
    assert_inside_means_in_range(geom, lat, lon, r, 100.0)


@pytest.mark.parametrize(("lat", "lon"), [(0.0, 0.0), (45.0, 179.9), (90.0, 0.0), (-0.5, -180.0)])
@pytest.mark.parametrize("far_cap_m", [1.0, 0.001])
def test_range_ring__next_to_the_antipode_leaves_a_tiny_far_cap(lat, lon, far_cap_m):
    r = MAX_KM - far_cap_m / 1000
    geom = range_ring(lat=lat, lon=lon, radius_km=r)
    assert_rfc7946(geom)
    a_lat, a_lon = -lat, (lon + 360) % 360 - 180
    assert not geom.covers(shapely.Point(a_lon, a_lat))
    assert geom.covers(shapely.Point(lon, lat))
    for pole in (90, -90):
        assert geom.covers(shapely.Point(0, pole)) == (pole != a_lat)
    assert rangemap.geodesic_area_km2(geom) == pytest.approx(EARTH_KM2, rel=1e-9)
    assert boundary_errors_m(geom, lat, lon, r).max() <= 100.0


# --------------------------------------------------------------------------- #
# issue #11: rings through a pole, areas past a hemisphere
# --------------------------------------------------------------------------- #
THROUGH_POLE = [
    pytest.param(0.0, 179.0, 90, id="issue-11-equator-179"),
    pytest.param(0.0, 0.0, 90, id="equator-0"),
    pytest.param(0.0, -180.0, -90, id="equator-minus-180"),
    pytest.param(51.199720899545014, 179.69042619205774, -90, id="near-180-south-pole-far-cap"),
    pytest.param(22.188613337320405, 179.86215627567375, -90, id="near-180-south-pole"),
    pytest.param(45.0, 10.0, 90, id="midlatitude-north-pole"),
    pytest.param(-80.0, -179.5, 90, id="far-cap-through-north-pole"),
]


@pytest.mark.parametrize(("lat", "lon", "pole"), THROUGH_POLE)
@pytest.mark.parametrize("nudge_km", [0.0, 1e-6, -1e-6])
def test_range_ring__edge_through_a_pole_keeps_its_centre(lat, lon, pole, nudge_km):
    r = quarter_meridian_km(lat, lon, pole) + nudge_km
    geom = range_ring(lat=lat, lon=lon, radius_km=r)
    assert_rfc7946(geom)
    assert geom.covers(shapely.Point(lon, lat)), "the ring holds its own centre"
    a_lat, a_lon = -lat, (lon + 360) % 360 - 180
    assert not geom.covers(shapely.Point(a_lon, a_lat))
    assert boundary_errors_m(geom, lat, lon, r).max() <= 100.0
    assert_inside_means_in_range(geom, lat, lon, r, 100.0, n=24)
    # 1 mm more draws the same region, give or take the tolerance along the
    # boundary (inverted, they would differ by most of the globe)
    bigger = range_ring(lat=lat, lon=lon, radius_km=r + 1e-6)
    assert rangemap.geodesic_area_km2(geom.symmetric_difference(bigger)) < 100.0


def test_range_ring__issue_11_example():
    r = 10_001.965729312724
    geom = range_ring(lat=0, lon=179, radius_km=r)
    assert geom.covers(shapely.Point(179, 0)) and not geom.covers(shapely.Point(-1, 0))
    assert rangemap.geodesic_area_km2(geom) == pytest.approx(EARTH_KM2 / 2, rel=2e-3)


@pytest.mark.parametrize(("lat", "lon", "radius_km"), [
    (0.0, 0.0, 19_000),        # issue #11: both poles (was 3.26 M km²)
    (32.80, 130.71, 19_500),   # both poles
    (39.02, 125.75, 13_000),   # one pole, more than a hemisphere
    (90.0, 0.0, 15_000),       # centred on a pole
    (-90.0, 45.0, 19_900),
    (0.0, 180.0, 10_500),      # just past a hemisphere, across the antimeridian
    (26.3, 127.8, 3000),
])
def test_geodesic_area_km2__agrees_with_oracle_past_a_hemisphere(lat, lon, radius_km):
    geom = range_ring(lat=lat, lon=lon, radius_km=radius_km, max_error_m=10)
    assert rangemap.geodesic_area_km2(geom) == pytest.approx(oracle_disc_km2(lat, lon, radius_km), rel=1e-4)


def test_geodesic_area_km2__issue_11_figure():
    assert rangemap.geodesic_area_km2(range_ring(lat=0, lon=0, radius_km=19_000)) == pytest.approx(506.8e6, rel=1e-3)


def test_geodesic_area_km2__shapes():
    assert rangemap.geodesic_area_km2(None) == 0.0
    assert rangemap.geodesic_area_km2(Polygon()) == 0.0
    # lines in a collection have no area
    collection = shapely.GeometryCollection([shapely.box(0, 0, 1, 1), shapely.LineString([(0, 0), (10, 10), (10, 0)])])
    assert rangemap.geodesic_area_km2(collection) == pytest.approx(rangemap.geodesic_area_km2(shapely.box(0, 0, 1, 1)))
    # orientation does not matter; a hole is taken away
    cw = shapely.box(0, 0, 10, 10).reverse()
    assert rangemap.geodesic_area_km2(cw) == pytest.approx(rangemap.geodesic_area_km2(shapely.box(0, 0, 10, 10)))
    holed = shapely.box(0, 0, 10, 10).difference(shapely.box(2, 2, 4, 4))
    assert rangemap.geodesic_area_km2(holed) == pytest.approx(
        rangemap.geodesic_area_km2(shapely.box(0, 0, 10, 10)) - rangemap.geodesic_area_km2(shapely.box(2, 2, 4, 4)))


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
    (geographiclib's polygon area through 4,000 points of the circle), within 0.1 %."""
    lat, lon, r = 40.0, 116.4, 3000
    geom = range_ring(lat=lat, lon=lon, radius_km=r, max_error_m=10)
    assert rangemap.geodesic_area_km2(geom) == pytest.approx(oracle_disc_km2(lat, lon, r), rel=1e-3)


# --------------------------------------------------------------------------- #
# ring_outline: the true boundary, without the cuts
# --------------------------------------------------------------------------- #
OUTLINES = [
    pytest.param(26.3, 127.8, 2000, None, 1, id="plain"),
    pytest.param(53.02, 158.65, 3000, None, 2, id="antimeridian"),
    pytest.param(39.02, 125.75, 7000, None, None, id="round-north-pole"),
    pytest.param(-77.85, 166.67, 2000, None, None, id="round-south-pole"),
    pytest.param(32.80, 130.71, 19500, None, 1, id="both-poles"),
    pytest.param(0.0, 179.0, 10_001.965729312724, None, None, id="through-both-poles"),
    pytest.param(53.02, 158.65, 3000, 1000, None, id="annulus-antimeridian"),
    pytest.param(80.0, 170.0, 4000, 2500, None, id="annulus-pole-in-hole"),
]


@pytest.mark.parametrize(("lat", "lon", "radius_km", "min_km", "pieces"), OUTLINES)
def test_ring_outline__is_the_true_boundary(lat, lon, radius_km, min_km, pieces):
    geom = range_ring(lat=lat, lon=lon, radius_km=radius_km, min_radius_km=min_km)
    outline = ring_outline(geom)
    assert isinstance(outline, MultiLineString) and not outline.is_empty
    if pieces is not None:
        assert len(outline.geoms) == pieces
    for x1, y1, x2, y2 in _edges(outline):
        assert not _is_cut_edge(x1, y1, x2, y2), f"cut edge ({x1}, {y1}) -> ({x2}, {y2}) in the outline"
    errors = boundary_errors_m(outline, lat, lon, radius_km, min_radius_km=min_km)
    assert len(errors) > 50 and errors.max() <= 100.0
    # it is the whole boundary less the cuts: same length as the kept edges
    kept = sum(math.hypot(x2 - x1, y2 - y1) for x1, y1, x2, y2 in _edges(geom) if not _is_cut_edge(x1, y1, x2, y2))
    assert outline.length == pytest.approx(kept)
    # open pieces end on a cut: the antimeridian or a pole
    for line in outline.geoms:
        if not line.is_closed:
            for x, y in (line.coords[0], line.coords[-1]):
                assert abs(x) == 180 or abs(y) == 90


def test_ring_outline__plain_ring_is_its_exterior_and_globe_has_none():
    geom = range_ring(lat=26.3, lon=127.8, radius_km=2000)
    outline = ring_outline(geom)
    assert len(outline.geoms) == 1 and outline.geoms[0].is_closed
    assert outline.geoms[0].equals(geom.exterior)
    assert ring_outline(range_ring(lat=0, lon=0, radius_km=30_000)).is_empty
    both = ring_outline(range_ring(lat=32.80, lon=130.71, radius_km=19500))
    assert both.geoms[0].is_closed  # the far cap, whole; the world box is dropped


# --------------------------------------------------------------------------- #
# issue #14: minimum ranges (annuli)
# --------------------------------------------------------------------------- #
ANNULI = [
    pytest.param(26.3, 127.8, 3000, 1000, id="okinawa-1000-3000"),
    pytest.param(53.02, 158.65, 3000, 1000, id="antimeridian"),
    pytest.param(80.0, 170.0, 4000, 2500, id="pole-inside-the-hole"),
    pytest.param(-70.0, -10.0, 9000, 5000, id="south-pole-inside-the-hole"),
    pytest.param(32.80, 130.71, 19500, 5000, id="globe-minus-far-cap-with-a-hole"),
    pytest.param(-35.0, 179.5, 19_950, 19_000, id="near-the-antipode"),
    pytest.param(0.0, 179.0, 15000, 10_001.965729312724, id="inner-through-both-poles"),
]


@pytest.mark.parametrize(("lat", "lon", "radius_km", "min_km"), ANNULI)
def test_range_ring__annulus_against_oracle(lat, lon, radius_km, min_km):
    geom = range_ring(lat=lat, lon=lon, radius_km=radius_km, min_radius_km=min_km)
    assert_rfc7946(geom)
    d = boundary_distances_m(geom, lat, lon)
    on_outer, on_inner = np.abs(d - radius_km * 1000) <= 100.0, np.abs(d - min_km * 1000) <= 100.0
    assert (on_outer | on_inner).all(), f"worst {np.minimum(abs(d - radius_km * 1000), abs(d - min_km * 1000)).max()} m"
    # both circles are drawn
    assert on_outer.sum() > 50 and on_inner.sum() > 50
    assert_inside_means_in_range(geom, lat, lon, radius_km, 100.0, min_radius_km=min_km)
    assert not geom.covers(shapely.Point(lon, lat)), "the centre is in the hole"


def test_range_ring__annulus_is_a_polygon_with_a_hole_in_geojson():
    geom = range_ring(lat=26.3, lon=127.8, radius_km=3000, min_radius_km=1000)
    gj = json.loads(json.dumps(mapping(geom)))
    assert gj["type"] == "Polygon" and len(gj["coordinates"]) == 2

    def signed_area(ring):
        xy = np.asarray(ring)
        return 0.5 * np.sum(xy[:-1, 0] * xy[1:, 1] - xy[1:, 0] * xy[:-1, 1])

    outer, hole = gj["coordinates"]
    assert signed_area(outer) > 0 > signed_area(hole)  # RFC 7946: exterior CCW, holes CW


@pytest.mark.parametrize(("lat", "lon", "radius_km", "min_km"), [
    (53.02, 158.65, 3000, 1000),
    (80.0, 170.0, 4000, 2500),
    (32.80, 130.71, 19500, 5000),
    (-35.0, 179.5, 19_900, 12_000),
])
def test_range_ring__annulus_coverage_against_monte_carlo(lat, lon, radius_km, min_km):
    geom = range_ring(lat=lat, lon=lon, radius_km=radius_km, min_radius_km=min_km)
    share = rangemap.geodesic_area_km2(geom) / EARTH_KM2
    assert share == pytest.approx(monte_carlo_fraction(lat, lon, min_km, radius_km), abs=0.01)
    outer = range_ring(lat=lat, lon=lon, radius_km=radius_km)
    inner = range_ring(lat=lat, lon=lon, radius_km=min_km)
    assert rangemap.geodesic_area_km2(geom) == pytest.approx(
        rangemap.geodesic_area_km2(outer) - rangemap.geodesic_area_km2(inner), rel=1e-6)


def test_range_ring__annulus_edge_cases():
    # zero or None: no hole; an inner radius that reaches everywhere leaves nothing
    plain = range_ring(lat=10, lon=20, radius_km=3000)
    assert range_ring(lat=10, lon=20, radius_km=3000, min_radius_km=0).equals(plain)
    assert range_ring(lat=10, lon=20, radius_km=3000, min_radius_km=None).equals(plain)
    empty = range_ring(lat=10, lon=20, radius_km=30_000, min_radius_km=25_000)
    assert isinstance(empty, Polygon) and empty.is_empty
    # outer reaching everywhere: the globe with the inner disc as a hole
    globe = range_ring(lat=10, lon=20, radius_km=30_000, min_radius_km=3000)
    assert_rfc7946(globe)
    assert len(globe.interiors) == 1
    assert rangemap.geodesic_area_km2(globe) == pytest.approx(EARTH_KM2 - rangemap.geodesic_area_km2(plain), rel=1e-9)


def test_range_rings__min_radius_scalar_and_per_ring():
    lats_, lons_, radii_ = [26.3, 53.02, 80.0], [127.8, 158.65, 170.0], [3000, 3000, 4000]
    per_ring = range_rings(lats_, lons_, radii_, min_radius_km=[1000, 0, 2500])
    assert per_ring[0].equals(range_ring(lat=26.3, lon=127.8, radius_km=3000, min_radius_km=1000))
    assert per_ring[1].equals(range_ring(lat=53.02, lon=158.65, radius_km=3000))
    assert per_ring[2].equals(range_ring(lat=80.0, lon=170.0, radius_km=4000, min_radius_km=2500))
    scalar = range_rings(lats_, lons_, radii_, min_radius_km=1000)
    for geom, la, lo, r in zip(scalar, lats_, lons_, radii_):
        assert geom.equals(range_ring(lat=la, lon=lo, radius_km=r, min_radius_km=1000))


@pytest.mark.parametrize(("min_km", "bad"), [
    (3000, "3000"), (3500, "3500"), (-1, "-1"), (1e-6, "1e-06"), (float("nan"), "nan"), (float("inf"), "inf"),
    (10**400, "401 digits"),
])
def test_range_ring__bad_min_radius(min_km, bad):
    with pytest.raises(GeodesyError) as info:
        range_ring(lat=0, lon=0, radius_km=3000, min_radius_km=min_km)
    assert "min_radius_km" in str(info.value) and bad in str(info.value)
    assert "\n" not in str(info.value)


def test_range_rings__bad_min_radius_length():
    with pytest.raises(GeodesyError, match="one per ring"):
        range_rings([0, 1], [0, 1], [3000, 3000], min_radius_km=[1, 2, 3])
    with pytest.raises(GeodesyError, match="less than radii_km"):
        range_rings([0, 1], [0, 1], [3000, 2000], min_radius_km=[1000, 2000])


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
radii = st.one_of(st.floats(1, 19_900), st.floats(1, 100), st.floats(9_000, 11_000), st.floats(19_000, 19_990),
                  st.floats(5_500, 19_990))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lat=lats, lon=lons, radius_km=radii)
def test_range_ring__properties_hold_over_the_globe(lat, lon, radius_km):
    geom = range_ring(lat=lat, lon=lon, radius_km=radius_km)
    assert_rfc7946(geom)
    errors = boundary_errors_m(geom, lat, lon, radius_km, max_edges=120, seed=int(abs(lat * 1000)))
    assert errors.max() <= 100.0
    assert_inside_means_in_range(geom, lat, lon, radius_km, 100.0, n=16)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lat=lats, lon=lons, pole=st.sampled_from([90.0, -90.0]))
def test_range_ring__properties_hold_through_a_pole(lat, lon, pole):
    radius_km = quarter_meridian_km(lat, lon, pole)
    assume(radius_km >= geodesy.MIN_RADIUS_KM)
    geom = range_ring(lat=lat, lon=lon, radius_km=radius_km)
    assert_rfc7946(geom)
    assert geom.covers(shapely.Point(lon, lat))
    assert boundary_errors_m(geom, lat, lon, radius_km, max_edges=80).max(initial=0) <= 100.0
    assert_inside_means_in_range(geom, lat, lon, radius_km, 100.0, n=8)


@settings(max_examples=15, deadline=None)
@given(lat=lats, lon=lons, radius_km=st.floats(1, 19_990), tol=st.sampled_from([5.0, 30.0, 500.0]))
def test_range_ring__boundary_error_respects_any_tolerance(lat, lon, radius_km, tol):
    geom = range_ring(lat=lat, lon=lon, radius_km=radius_km, max_error_m=tol)
    assert_rfc7946(geom)
    assert boundary_errors_m(geom, lat, lon, radius_km, max_edges=80).max() <= tol


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lat=lats, lon=lons, radius_km=radii, inner_share=st.floats(0.02, 0.98))
def test_range_ring__annulus_properties_hold_over_the_globe(lat, lon, radius_km, inner_share):
    min_km = radius_km * inner_share
    geom = range_ring(lat=lat, lon=lon, radius_km=radius_km, min_radius_km=min_km)
    assert_rfc7946(geom)
    errors = boundary_errors_m(geom, lat, lon, radius_km, min_radius_km=min_km, max_edges=120)
    assert errors.max() <= 100.0
    assert_inside_means_in_range(geom, lat, lon, radius_km, 100.0, min_radius_km=min_km, n=8)


# --------------------------------------------------------------------------- #
# batch, distance, bad arguments, CLI
# --------------------------------------------------------------------------- #
def test_range_rings__matches_single_rings():
    lats_, lons_, radii_ = [26.3, 53.02, -77.85, 39.02], [127.8, 158.65, 166.67, 125.75], [2000, 3000, 2000, 13000]
    batch = range_rings(lats_, lons_, radii_)
    assert len(batch) == 4
    for geom, la, lo, r in zip(batch, lats_, lons_, radii_):
        assert geom.equals(range_ring(lat=la, lon=lo, radius_km=r))


def test_range_rings__batches_give_the_same_rings(monkeypatch):
    """Large inputs are cut into batches (time stays linear); cutting changes nothing."""
    rng = np.random.default_rng(3)
    n = 40
    la, lo = np.degrees(np.arcsin(rng.uniform(-1, 1, n))), rng.uniform(-180, 180, n)
    r = rng.choice([500.0, 3000.0, 12_000.0, 19_700.0, 25_000.0], n)
    whole = range_rings(la, lo, r, min_radius_km=r / 3)
    monkeypatch.setattr(geodesy, "_CHUNK_VERTICES", 1000)
    for a, b in zip(whole, range_rings(la, lo, r, min_radius_km=r / 3)):
        assert a.equals_exact(b, tolerance=0)


def test_range_rings__empty_and_length_mismatch():
    assert range_rings([], [], []) == []
    with pytest.raises(GeodesyError, match="same length"):
        range_rings([1, 2], [3], [4, 5])


@pytest.mark.parametrize(("p1", "p2"), [
    ((35.68, 139.69), (39.02, 125.75)), ((0, 0), (0, 180)), ((89, 10), (-89, -170)), ((10, 179.5), (-5, -179.5)),
    ((90, 0), (-90, 0)), ((-33.9, 18.4), (33.9, -161.6)),
])
def test_geodesic_distance_km__agrees_with_oracle(p1, p2):
    expected = WGS84.Inverse(*p1, *p2)["s12"] / 1000
    assert geodesic_distance_km(*p1, *p2) == pytest.approx(expected, abs=1e-6)


def test_geodesic_distance_km__readme_figure():
    # the README once said 1291.8
    assert f"{geodesic_distance_km(35.68, 139.69, 39.02, 125.75):.1f}" == "1288.0"


def test_geodesic_distance_km__vectorised():
    d = geodesic_distance_km(np.array([0.0, 10.0]), np.array([0.0, 0.0]), np.array([0.0, 10.0]), np.array([1.0, 1.0]))
    assert d.shape == (2,)
    assert d[0] == pytest.approx(WGS84.Inverse(0, 0, 0, 1)["s12"] / 1000)


@pytest.mark.parametrize(("args", "bad"), [
    ((10**400, 0, 0, 0), "401 digits"), ((0, 0, 95, 0), "95"), ((0, float("nan"), 0, 0), "nan"),
    ((0, 0, 0, "x"), "'x'"),
])
def test_geodesic_distance_km__bad_arguments(args, bad):
    with pytest.raises(GeodesyError) as info:
        geodesic_distance_km(*args)
    assert bad in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(("kwargs", "bad"), [
    ({"lat": 95, "lon": 0, "radius_km": 10}, "95"),
    ({"lat": -90.5, "lon": 0, "radius_km": 10}, "-90.5"),
    ({"lat": float("nan"), "lon": 0, "radius_km": 10}, "nan"),
    ({"lat": 0, "lon": float("inf"), "radius_km": 10}, "inf"),
    ({"lat": 0, "lon": 0, "radius_km": 0}, "got 0"),
    ({"lat": 0, "lon": 0, "radius_km": 1e-4}, "got 0.0001"),
    ({"lat": 0, "lon": 0, "radius_km": -5}, "-5"),
    ({"lat": 0, "lon": 0, "radius_km": float("nan")}, "nan"),
    ({"lat": 0, "lon": 0, "radius_km": 1e300}, "1e+300"),
    ({"lat": 0, "lon": 0, "radius_km": 10**400}, "401 digits"),
    ({"lat": 0, "lon": 0, "radius_km": 10**30}, "1000000000000000000000000000000"),
    ({"lat": 0, "lon": 0, "radius_km": float("inf")}, "inf"),
    ({"lat": 10**400, "lon": 0, "radius_km": 10}, "401 digits"),
    ({"lat": 0, "lon": -(10**400), "radius_km": 10}, "401 digits"),
    ({"lat": 0, "lon": 0, "radius_km": "far"}, "'far'"),
    ({"lat": 0, "lon": 0, "radius_km": 10, "max_error_m": 0}, "got 0"),
    ({"lat": 0, "lon": 0, "radius_km": 10, "max_error_m": -1}, "-1"),
    ({"lat": 0, "lon": 0, "radius_km": 10, "max_error_m": 10**400}, "401 digits"),
    ({"lat": 0, "lon": 0, "radius_km": 10, "max_error_m": float("inf")}, "inf"),
    ({"lat": 0, "lon": 0, "radius_km": 10, "max_error_m": 1e-9}, "1e-09"),
])
def test_range_ring__bad_arguments(kwargs, bad):
    with pytest.raises(GeodesyError) as info:
        range_ring(**kwargs)
    assert isinstance(info.value, ValueError) and isinstance(info.value, RangemapError)
    message = str(info.value)
    assert bad in message and "\n" not in message and len(message) < 200


def test_range_rings__huge_values_name_the_field():
    with pytest.raises(GeodesyError, match=r"radii_km .* got 1e\+300"):
        range_rings([0, 0], [0, 0], [1000, 1e300])
    with pytest.raises(GeodesyError, match="lats must be finite numbers, got an integer of 401 digits"):
        range_rings([0, 10**400], [0, 0], [1000, 1000])


def test_range_ring__longitude_outside_180_is_wrapped():
    assert range_ring(lat=10, lon=370, radius_km=500).equals(range_ring(lat=10, lon=10, radius_km=500))
    assert range_ring(lat=10, lon=-180, radius_km=500).equals(range_ring(lat=10, lon=180, radius_km=500))


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
