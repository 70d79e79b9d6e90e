"""Exact geodesic range rings on the WGS84 ellipsoid.

This is the only module that creates a :class:`pyproj.Geod`. Everything is in
lon/lat degrees (EPSG:4326) inside, and distances carry their unit in the name.

How a ring is built
-------------------
1. Boundary vertices come from one vectorised ``Geod.fwd`` call over every
   azimuth of every ring of a batch. The starting number of azimuths follows
   from the radius and the tolerance (the sagitta of a circle's chord). A
   geodesic circle is symmetric about its centre's meridian, so only azimuths
   0..180 are computed and checked; the other half is their mirror image.
2. The drawn boundary is a chain of *straight lines in lon/lat*, which is how
   shapely, GeoJSON and Leaflet join vertices. Each edge's midpoint is tested
   against the true circle (on the sphere, relative to the edge's ends, which
   cancels the sphere/ellipsoid difference); an edge whose error could exceed
   ``_SAFETY`` of the tolerance is split at the mid-azimuth, again with one
   ``Geod.fwd`` call for all of them. This repeats until every edge passes.
3. The vertices are turned into a polygon: unwrapped across the antimeridian,
   closed through a pole when the ring winds round one, taken as the
   complement of the far cap when it holds both poles, and finally folded into
   [-180, 180] and oriented counter-clockwise (RFC 7946).

Rings whose far cap is small (radius within ``_FAR_SWITCH_M`` of the antipodal
distance) are traced from the antipode instead: for each bearing from it, the
point at exactly the radius from the centre is found by a safeguarded Newton
iteration along that geodesic (the derivative of the distance is the cosine
of the angle between the two geodesics), and edges are checked exactly on the
ellipsoid. Near the antipode the ellipsoid stretches the far cap along the
cut locus, a stretch of the antipode's parallel up to about 70 km either side
of it, beyond which geodesics from the centre are no longer the shortest
(they all are up to pi * b = 19,970 km); the spherical error estimate of
step 2 does not hold there.

The poles
---------
Where a ring passes exactly through a pole (the radius equals the distance to
it, as for every ring of a quarter meridian round a point on the equator) the
vertex there has no longitude of its own. It always falls on the centre's
meridian, at azimuth 0 or 180 (bearing 0 or 180 from the antipode), so it is a
vertex of the trace; it is replaced by two vertices on the pole line, at the
longitudes of its neighbours (the two adjoining edges are then meridian arcs,
checked like any edge), and the step between them goes the way that keeps the
ring's own side inside: eastwards at the north pole and westwards at the
south pole when the ring is traced clockwise.

Annuli, outlines and areas
--------------------------
A minimum range (``min_radius_km``) gives the outer ring minus the inner ring,
both built as above, so both boundaries keep the tolerance.
:func:`ring_outline` returns the true boundary only, without the artificial
edges along the antimeridian, along the poles and along the world box.
:func:`geodesic_area_km2` takes Karney's exact area of each ring, which is
known only up to the area of the whole ellipsoid, and picks the multiple from
the ring's rough area in the lon/lat plane, so rings larger than a hemisphere
or holding a pole get their true area.

Rings are built in batches of about ``_CHUNK_VERTICES`` vertices, so time and
memory grow linearly with the number of rings.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import lru_cache

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box

from ._text import quote_value
from .errors import GeodesyError

__all__ = [
    "range_ring",
    "range_rings",
    "ring_outline",
    "geodesic_distance_km",
    "geodesic_area_km2",
    "MAX_DISTANCE_KM",
    "MIN_RADIUS_KM",
    "MAX_RADIUS_KM",
]

#: Mean Earth radius (IUGG), used only to estimate edge errors.
_R_SPHERE_M = 6_371_008.8
#: Edges are split until their estimated error is below this share of the tolerance
#: (the estimate agrees with geographiclib to about 1 %; see tests/test_geodesy.py).
_SAFETY = 0.8
#: Far caps smaller than this are traced from the antipode.
_FAR_SWITCH_M = 1_500_000.0
_MAX_REFINE_PASSES = 60
_MAX_VERTICES_PER_RING = 2_000_000
#: Rings are built in batches of about this many vertices (time and memory stay linear).
_CHUNK_VERTICES = 250_000
#: A traced vertex this close to a pole (1e-9 degrees, 0.1 mm) is the pole.
_POLE_EPS_DEG = 1e-9
#: The point on a geodesic from the antipode is found to this distance from the radius.
_ROOT_TOL_M = 1e-5
_MIN_ERROR_M = 0.001
_WORLD = box(-180.0, -90.0, 180.0, 90.0)

#: The largest geodesic distance between two points on WGS84, in km.
MAX_DISTANCE_KM = 20_003.931458625447
#: The smallest radius accepted, in km (1 m).
MIN_RADIUS_KM = 0.001
#: The largest radius accepted, in km. Anything from :data:`MAX_DISTANCE_KM` up
#: to this reaches the whole globe; a larger number is taken to be an error
#: (a unit slip or a misread figure) rather than drawn.
MAX_RADIUS_KM = 100_000.0


@lru_cache(maxsize=1)
def _geod() -> Geod:
    return Geod(ellps="WGS84")


def _antipodal_distance_m() -> float:
    # Half a meridian: on an oblate ellipsoid the antipode is the farthest point
    # from any point, and its distance is the same for every point.
    return float(_geod().inv(0.0, 90.0, 0.0, -90.0)[2])


@lru_cache(maxsize=1)
def _authalic() -> tuple[float, float, float]:
    """(b^2 / 2, e, total area of the ellipsoid in m^2)."""
    geod = _geod()
    e = math.sqrt(geod.es)
    half_b2 = geod.b * geod.b / 2.0
    total = 4.0 * math.pi * half_b2 * (1.0 / (1.0 - geod.es) + math.atanh(e) / e)
    return half_b2, e, total


# --------------------------------------------------------------------------- #
# validation
# --------------------------------------------------------------------------- #
def _original(values: object, index: int) -> object:
    """The caller's own value at ``index`` of the flattened input (for messages)."""
    try:
        value = np.asarray(values, dtype=object).ravel()[index]
    except Exception:  # pragma: no cover - anything odd: show the whole input
        return values
    return value.item() if isinstance(value, np.generic) else value


def _as_float_array(name: str, values: object, *, single: bool = False) -> np.ndarray:
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError, OverflowError):
        bad: object = values
        try:
            items = list(np.asarray(values, dtype=object).ravel())
        except Exception:
            items = []
        for v in items:
            try:
                float(v)
            except (TypeError, ValueError, OverflowError):
                bad = v
                break
        what = "a finite number" if single else "finite numbers"
        raise GeodesyError(f"{name} must be {what}, got {quote_value(bad)}") from None
    return np.atleast_1d(arr).ravel()


def _check_tolerance(max_error_m: object) -> float:
    ok = isinstance(max_error_m, (int, float, np.floating, np.integer)) and not isinstance(max_error_m, bool)
    if ok:
        try:
            value = float(max_error_m)  # type: ignore[arg-type]
        except OverflowError:
            ok = False
        else:
            ok = math.isfinite(value) and value >= _MIN_ERROR_M
    if not ok:
        raise GeodesyError(f"max_error_m must be a finite number of metres, at least {_MIN_ERROR_M}, "
                           f"got {quote_value(max_error_m)}")
    return value


def _check_positions(lat: np.ndarray, lon: np.ndarray, raw_lat: object, raw_lon: object,
                     names: tuple[str, str]) -> None:
    bad = ~np.isfinite(lat) | (lat < -90) | (lat > 90)
    if bad.any():
        v = _original(raw_lat, int(np.argmax(bad)))
        raise GeodesyError(f"{names[0]} must be within [-90, 90], got {quote_value(v)}")
    bad = ~np.isfinite(lon)
    if bad.any():
        v = _original(raw_lon, int(np.argmax(bad)))
        raise GeodesyError(f"{names[1]} must be finite, got {quote_value(v)}")


def _check_radii(radius_km: np.ndarray, raw: object, name: str) -> None:
    bad = ~np.isfinite(radius_km) | (radius_km < MIN_RADIUS_KM) | (radius_km > MAX_RADIUS_KM)
    if bad.any():
        v = _original(raw, int(np.argmax(bad)))
        raise GeodesyError(f"{name} must be a number of km from {MIN_RADIUS_KM} to {MAX_RADIUS_KM:,.0f}, "
                           f"got {quote_value(v)}")


def _min_radii(min_radius_km: object, radius_km: np.ndarray, name: str, radius_name: str) -> np.ndarray:
    """Per-ring minimum radii in km (0 where there is none)."""
    n = len(radius_km)
    if min_radius_km is None:
        return np.zeros(n)
    scalar = np.ndim(min_radius_km) == 0  # type: ignore[arg-type]
    values = _as_float_array(name, min_radius_km, single=scalar)
    if scalar:
        values = np.full(n, values[0])
    elif len(values) != n:
        raise GeodesyError(f"{name} must be one number or one per ring, got {len(values)} for {n} rings")
    bad = ~np.isfinite(values) | (values < 0) | ((values > 0) & (values < MIN_RADIUS_KM))
    if bad.any():
        i = int(np.argmax(bad))
        v = min_radius_km if scalar else _original(min_radius_km, i)
        raise GeodesyError(f"{name} must be 0 (none) or a number of km from {MIN_RADIUS_KM}, got {quote_value(v)}")
    bad = values >= radius_km
    if bad.any():
        i = int(np.argmax(bad))
        v = min_radius_km if scalar else _original(min_radius_km, i)
        raise GeodesyError(f"{name} must be less than {radius_name} ({quote_value(radius_km[i].item())}), "
                           f"got {quote_value(v)}")
    return values


def _wrap180(x: np.ndarray) -> np.ndarray:
    """Wrap longitudes (or longitude differences) into [-180, 180]."""
    x = np.asarray(x, dtype=float)
    return x - 360.0 * np.rint(x / 360.0)


# --------------------------------------------------------------------------- #
# public API
# --------------------------------------------------------------------------- #
def geodesic_distance_km(lat1, lon1, lat2, lon2):
    """WGS84 geodesic distance between two points, or arrays of points.

    Parameters
    ----------
    lat1, lon1
        The first point(s), in degrees.
    lat2, lon2
        The second point(s), in degrees. All four broadcast together.

    Returns
    -------
    float or numpy.ndarray
        The shortest distance on the ellipsoid in km: a float for scalar input,
        otherwise an array of the broadcast shape.

    Raises
    ------
    GeodesyError
        A latitude outside [-90, 90] or a value that is not a finite number.

    Examples
    --------
    >>> f"{geodesic_distance_km(35.68, 139.69, 39.02, 125.75):.1f}"
    '1288.0'
    >>> f"{geodesic_distance_km(0, 0, 0, 180):.3f}"
    '20003.931'
    """
    arrays = []
    for name, v in (("lat1", lat1), ("lon1", lon1), ("lat2", lat2), ("lon2", lon2)):
        try:
            arrays.append(np.asarray(v, dtype=float))
        except (TypeError, ValueError, OverflowError):
            _as_float_array(name, v, single=np.ndim(v) == 0)  # raises with the offending element
            raise  # pragma: no cover
    lat1a, lon1a, lat2a, lon2a = np.broadcast_arrays(*arrays)
    for name, arr, _raw in (("lat1", lat1a, lat1), ("lat2", lat2a, lat2)):
        bad = ~np.isfinite(arr) | (np.abs(arr) > 90)
        if bad.any():
            raise GeodesyError(f"{name} must be within [-90, 90], got {quote_value(arr[bad].ravel()[0].item())}")
    for name, arr in (("lon1", lon1a), ("lon2", lon2a)):
        bad = ~np.isfinite(arr)
        if bad.any():
            raise GeodesyError(f"{name} must be finite, got {quote_value(arr[bad].ravel()[0].item())}")
    _, _, dist = _geod().inv(lon1a, lat1a, lon2a, lat2a)
    out = np.asarray(dist) / 1000.0
    return float(out) if out.ndim == 0 else out


def geodesic_area_km2(geom) -> float:
    """Area of a lon/lat (Multi)Polygon on the WGS84 ellipsoid.

    Edges are taken as geodesics (Karney's algorithm, through pyproj). That
    fixes a ring's area only up to the area of the whole ellipsoid, which
    matters for regions larger than a hemisphere and for rings closed along a
    pole or the world box; the lon/lat region the polygon covers decides, so
    a ring holding both poles, the whole globe and a ring round a pole all
    come out right. Only polygons count: the lines and points of a geometry
    collection have no area.

    Parameters
    ----------
    geom
        A shapely geometry in lon/lat degrees, or None.

    Returns
    -------
    float
        The area in km² (0 for None or an empty geometry).

    Examples
    --------
    >>> from shapely.geometry import box
    >>> f"{geodesic_area_km2(box(-180, -90, 180, 90)):,.0f}"
    '510,065,622'
    >>> f"{geodesic_area_km2(box(0, 0, 1, 1)):,.1f}"
    '12,308.8'
    """
    if geom is None or geom.is_empty:
        return 0.0
    geod = _geod()
    total = 0.0
    for poly in _iter_polygons(geom):
        poly = shapely.orient_polygons(poly, exterior_cw=False)
        for ring in (poly.exterior, *poly.interiors):
            total += _ring_area_m2(geod, shapely.get_coordinates(ring))
    return max(total, 0.0) / 1e6


def range_ring(*, lat: float, lon: float, radius_km: float, min_radius_km: float | None = None,
               max_error_m: float = 100.0) -> Polygon | MultiPolygon:
    """The area within ``radius_km`` of a point, as a lon/lat polygon.

    Parameters
    ----------
    lat, lon
        Centre, in degrees (WGS84). Longitudes outside [-180, 180] are wrapped.
    radius_km
        Geodesic radius on the WGS84 ellipsoid, from :data:`MIN_RADIUS_KM`
        (1 m) to :data:`MAX_RADIUS_KM`; from :data:`MAX_DISTANCE_KM` on, the
        ring is the whole globe.
    min_radius_km
        A minimum range: the result is then the annulus between the two
        geodesic circles (the outer ring with the inner ring as a hole). None
        or 0 for none; it must be less than ``radius_km``.
    max_error_m
        Every point of the drawn boundary, including the straight lon/lat edges
        between vertices, lies within this distance of the true circle (at
        least 1 mm).

    Returns
    -------
    Polygon or MultiPolygon
        Valid, counter-clockwise exteriors and clockwise holes (RFC 7946),
        longitudes within [-180, 180]; split at the antimeridian when the ring
        crosses it, reaching ±90 when it holds a pole, and the whole globe when
        the radius reaches everywhere. An annulus whose inner radius reaches
        everywhere is empty.

    Raises
    ------
    GeodesyError
        A latitude outside [-90, 90], a radius that is not a finite number from
        :data:`MIN_RADIUS_KM` to :data:`MAX_RADIUS_KM`, a minimum radius not
        below the radius, or a tolerance that is not a finite number of at
        least 1 mm.

    Examples
    --------
    >>> ring = range_ring(lat=26.3, lon=127.8, radius_km=2000)
    >>> ring.geom_type, ring.is_valid
    ('Polygon', True)
    >>> annulus = range_ring(lat=26.3, lon=127.8, radius_km=3000, min_radius_km=1000)
    >>> len(annulus.interiors), f"{geodesic_area_km2(annulus) / 1e6:.1f} M km²"
    (1, '24.6 M km²')
    """
    return _range_rings([lat], [lon], [radius_km], min_radius_km=min_radius_km, max_error_m=max_error_m,
                        names=("lat", "lon", "radius_km", "min_radius_km"))[0]


def range_rings(lats, lons, radii_km, *, min_radius_km=None,
                max_error_m: float = 100.0) -> list[Polygon | MultiPolygon]:
    """Range rings for N centres and radii, pair by pair.

    All boundary vertices of all rings are computed together with vectorised
    geodesic calls, in batches, so the time grows linearly with N. See
    :func:`range_ring` for the guarantees.

    Parameters
    ----------
    lats, lons
        Centres, in degrees: sequences of equal length.
    radii_km
        One radius per centre.
    min_radius_km
        Minimum ranges: None (no hole), one number for every ring, or one per
        ring (0 for none). Each must be less than its ring's radius.
    max_error_m
        The boundary tolerance, as in :func:`range_ring`.

    Returns
    -------
    list of Polygon or MultiPolygon
        One geometry per centre, in input order.

    Examples
    --------
    >>> rings = range_rings([26.3, 53.0], [127.8, 158.65], [2000, 3000])
    >>> [g.geom_type for g in rings]
    ['Polygon', 'MultiPolygon']
    >>> [len(g.interiors) for g in range_rings([26.3] * 2, [127.8] * 2, [2000, 3000], min_radius_km=[0, 1000])]
    [0, 1]
    """
    return _range_rings(lats, lons, radii_km, min_radius_km=min_radius_km, max_error_m=max_error_m,
                        names=("lats", "lons", "radii_km", "min_radius_km"))


def ring_outline(geom) -> MultiLineString:
    """The true boundary of a ring from :func:`range_ring`, without its cuts.

    A ring's polygon has edges that are not part of the circle: where it is
    split at the antimeridian (along lon = ±180), where it is closed round a
    pole (along lat = ±90) and the world box round a ring that holds both
    poles. Maps should stroke this outline rather than the polygon's
    exterior. Annuli give both of their circles.

    Parameters
    ----------
    geom
        A (Multi)Polygon in lon/lat, as :func:`range_ring` returns.

    Returns
    -------
    MultiLineString
        The boundary pieces in lon/lat (closed where a circle is drawn whole),
        empty for the whole globe.

    Examples
    --------
    >>> outline = ring_outline(range_ring(lat=53.02, lon=158.65, radius_km=3000))
    >>> len(outline.geoms), any(abs(x) == 180 and abs(x2) == 180
    ...                         for line in outline.geoms
    ...                         for (x, _), (x2, _) in zip(line.coords[:-1], line.coords[1:]))
    (2, False)
    """
    lines = []
    for poly in _iter_polygons(geom):
        for ring in (poly.exterior, *poly.interiors):
            c = shapely.get_coordinates(ring)
            if len(c) < 2:
                continue
            a, b = c[:-1], c[1:]
            cut = (((np.abs(a[:, 0]) == 180.0) & (a[:, 0] == b[:, 0]))
                   | ((np.abs(a[:, 1]) == 90.0) & (a[:, 1] == b[:, 1])))
            if cut.all():
                continue
            if not cut.any():
                lines.append(LineString(c))
                continue
            # start just after a cut, then each run of kept edges is one line
            k = int(np.flatnonzero(cut)[0]) + 1
            order = (np.arange(len(a)) + k) % len(a)
            kept = ~cut[order]
            edges_a, edges_b = a[order], b[order]
            change = np.flatnonzero(np.diff(kept.astype(np.int8)))
            bounds = np.concatenate([[0], change + 1, [len(order)]])
            for s, e in zip(bounds[:-1], bounds[1:]):
                if kept[s]:
                    lines.append(LineString(np.vstack([edges_a[s:e], edges_b[e - 1:e]])))
    return MultiLineString(lines)


# --------------------------------------------------------------------------- #
# rings, annuli, batches
# --------------------------------------------------------------------------- #
def _range_rings(lats, lons, radii_km, *, min_radius_km, max_error_m, names):
    single = names[0] == "lat"
    lat = _as_float_array(names[0], lats, single=single)
    lon = _as_float_array(names[1], lons, single=single)
    radius_km = _as_float_array(names[2], radii_km, single=single)
    if not (len(lat) == len(lon) == len(radius_km)):
        raise GeodesyError(f"{names[0]}, {names[1]} and {names[2]} must have the same length, "
                           f"got {len(lat)}, {len(lon)} and {len(radius_km)}")
    tol = _check_tolerance(max_error_m)
    _check_positions(lat, lon, lats, lons, names[:2])
    _check_radii(radius_km, radii_km, names[2])
    min_km = _min_radii(min_radius_km, radius_km, names[3], names[2])
    if len(lat) == 0:
        return []
    lon = 180.0 - np.mod(180.0 - lon, 360.0)  # into (-180, 180]: -180 and 180 are one centre
    n = len(lat)
    holes = np.flatnonzero(min_km > 0)
    idx = np.concatenate([np.arange(n), holes])
    radius_m = np.concatenate([radius_km, min_km[holes]]) * 1000.0
    geoms = _rings(lat[idx], lon[idx], radius_m, tol)
    out = geoms[:n]
    for j, k in enumerate(holes.tolist()):
        out[k] = _annulus(out[k], geoms[n + j])
    return out


def _annulus(outer, inner) -> Polygon | MultiPolygon:
    diff = shapely.difference(outer, inner)
    if not diff.is_valid:  # pragma: no cover - overlay output is valid
        diff = shapely.make_valid(diff, method="structure")
    return _finish(diff)


def _rings(lat: np.ndarray, lon: np.ndarray, radius_m: np.ndarray, tol: float) -> list:
    """Rings in batches of about ``_CHUNK_VERTICES`` vertices, in input order."""
    d_max = _antipodal_distance_m()
    far = (radius_m > d_max - _FAR_SWITCH_M) & (radius_m < d_max)
    # tracing from the antipode costs about eight geodesic calls a vertex
    cost = np.where(far, 8 * _initial_count(np.maximum(d_max - radius_m, 50_000.0), tol),
                    _initial_count(radius_m, tol))
    batch = np.cumsum(cost) // _CHUNK_VERTICES
    bounds = np.concatenate([[0], np.flatnonzero(np.diff(batch)) + 1, [len(lat)]])
    out: list = []
    for s, e in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        out.extend(_rings_batch(lat[s:e], lon[s:e], radius_m[s:e], tol, d_max))
    return out


def _rings_batch(lat, lon, radius_m, tol, d_max) -> list:
    geod = _geod()
    n = len(lat)
    _, _, d_north = geod.inv(lon, lat, lon, np.full(n, 90.0))
    _, _, d_south = geod.inv(lon, lat, lon, np.full(n, -90.0))
    d_north = np.where(lat >= 90.0, 0.0, d_north)
    d_south = np.where(lat <= -90.0, 0.0, d_south)

    whole = radius_m >= d_max
    from_antipode = ~whole & (radius_m > d_max - _FAR_SWITCH_M)
    from_centre = ~whole & ~from_antipode

    out: list = [None] * n
    for i in np.flatnonzero(whole):
        out[i] = shapely.orient_polygons(_WORLD, exterior_cw=False)

    idx = np.flatnonzero(from_centre)
    if len(idx):
        traced = _trace_from_centre(lon[idx], lat[idx], radius_m[idx], tol)
        both = radius_m[idx] > np.maximum(d_north[idx], d_south[idx])
        # the centre's side is right of the trace; holding both poles, the far
        # cap (left of it) is built and taken from the globe
        ref = np.where(both, lon[idx] + 180.0, lon[idx])
        t_id, t_param, t_lon, t_lat = traced
        geoms = _assemble(t_id, t_param, t_lon, t_lat, len(idx), ref_lon=ref, right=~both, complement=both)
        for k, geom in enumerate(geoms):
            out[idx[k]] = geom

    idx = np.flatnonzero(from_antipode)
    if len(idx):
        traced = _trace_from_antipode(lon[idx], lat[idx], radius_m[idx], tol, d_max)
        ones = np.ones(len(idx), dtype=bool)
        t_id, t_param, t_lon, t_lat = traced
        geoms = _assemble(t_id, t_param, t_lon, t_lat, len(idx), ref_lon=lon[idx] + 180.0, right=ones, complement=ones)
        for k, geom in enumerate(geoms):
            out[idx[k]] = geom
    return out


# --------------------------------------------------------------------------- #
# tracing the boundary
# --------------------------------------------------------------------------- #
def _initial_count(radius_m: np.ndarray, tol: float) -> np.ndarray:
    """Vertices for an edge sagitta of ``_SAFETY * tol`` on the sphere.

    An edge of length L on a curve of curvature k has sagitta k L^2 / 8; a
    circle of angular radius rho has k = cot(rho) / R. Straight lon/lat edges
    bend away from the circle near the poles and on the largest rings;
    refinement adds vertices only there (a latitude term here was tried and
    gave more vertices in total).
    """
    rho = np.clip(radius_m / _R_SPHERE_M, 1e-9, math.pi - 1e-6)
    kappa = np.abs(1.0 / np.tan(rho))
    circumference = 2.0 * math.pi * np.sin(rho)  # in Earth radii
    # 1.1: the ellipsoid's curvature exceeds the sphere's by up to ~0.7 %; a
    # little margin keeps most edges from all being split in two at once
    n = np.ceil(1.1 * circumference * np.sqrt(kappa * _R_SPHERE_M / (8.0 * _SAFETY * tol)))
    # The edge-error estimate cancels the sphere/ellipsoid difference (about
    # 0.35 % of the radius, varying as cos 2*azimuth) only to first order; keep
    # its second-order residue A * daz^2 / 2 below 5 % of the tolerance.
    n_estimate = np.ceil(2.0 * math.pi * np.sqrt(0.0035 * radius_m / (0.1 * tol)))
    return np.clip(np.maximum(n, n_estimate), 16, _MAX_VERTICES_PER_RING).astype(np.int64)


def _haversine_m(lon1, lat1, lon2, lat2, cos_lat1=None) -> np.ndarray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    c1 = np.cos(p1) if cos_lat1 is None else cos_lat1
    h = np.sin((p2 - p1) * 0.5) ** 2 + c1 * np.cos(p2) * np.sin(np.radians(lon2 - lon1) * 0.5) ** 2
    return (2.0 * _R_SPHERE_M) * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def _sphere_metric(focus_lon, focus_lat):
    """Per-vertex distance from the focus on the sphere, and the edge error from it.

    The edge's ends lie on the true circle, so the sphere/ellipsoid difference
    (up to 0.5 %) cancels to first order in ``d_mid - (d0 + d1) / 2``; what is
    left is the sagitta of the straight lon/lat edge.
    """
    cos_focus = np.cos(np.radians(focus_lat))

    def metric(rid, lon, lat):
        return _haversine_m(focus_lon[rid], focus_lat[rid], lon, lat, cos_focus[rid])

    def error(rid, lon0, lat0, lon1, lat1, dlon, d0, d1):
        dm = _haversine_m(focus_lon[rid], focus_lat[rid], lon0 + dlon * 0.5, (lat0 + lat1) * 0.5, cos_focus[rid])
        return np.abs(dm - (d0 + d1) / 2.0)
    return metric, error


def _exact_metric(c_lon, c_lat, radius_m):
    """Edge error measured exactly on the ellipsoid at 1/4, 1/2 and 3/4 of each edge."""
    geod = _geod()

    def metric(rid, lon, lat):
        return np.zeros(len(rid))

    def error(rid, lon0, lat0, lon1, lat1, dlon, d0, d1):
        worst = np.zeros(len(rid))
        for f in (0.25, 0.5, 0.75):
            _, _, d = geod.inv(c_lon[rid], c_lat[rid], _wrap180(lon0 + f * dlon), lat0 + f * (lat1 - lat0))
            worst = np.maximum(worst, np.abs(np.asarray(d) - radius_m[rid]))
        return worst
    return metric, error


def _edge_lon(lon0, lat0, lon1, lat1):
    """Start longitude and longitude step of straight lon/lat edges.

    An end at a pole has no longitude of its own: the edge is drawn along the
    other end's meridian (see :func:`_expand_poles`).
    """
    p0 = np.abs(lat0) >= 90.0
    p1 = np.abs(lat1) >= 90.0
    if not (p0.any() or p1.any()):
        return lon0, _wrap180(lon1 - lon0)
    return np.where(p0, lon1, lon0), np.where(p0 | p1, 0.0, _wrap180(lon1 - lon0))


def _snap_poles(lat: np.ndarray, may_pass: np.ndarray) -> np.ndarray:
    """Latitudes within ``_POLE_EPS_DEG`` of a pole become the pole, where the
    ring can pass through one (its centre is not itself a pole)."""
    near = may_pass & (np.abs(lat) > 90.0 - _POLE_EPS_DEG)
    return np.where(near, np.copysign(90.0, lat), lat) if near.any() else lat


def _refine(ring_id, param, n_rings, tol, points, metric_error, *, closed: bool, span: float = 360.0):
    """Split edges until the straight lon/lat chain is within tolerance.

    ``param`` is an angle in degrees round the focus, sorted within each ring;
    ``points(ring_id, param)`` gives boundary points. A closed chain also has the
    edge from its last vertex back to its first (``span`` degrees on). Only
    edges that fail are split, and only the new halves are checked again.
    Returns (ring_id, param, lon, lat) sorted by ring, then angle.
    """
    metric, edge_error = metric_error
    lon, lat = points(ring_id, param)
    dist = metric(ring_id, lon, lat)
    n = len(ring_id)
    if closed:
        starts = np.searchsorted(ring_id, np.arange(n_rings))
        nxt = np.arange(1, n + 1)
        nxt[np.append(starts[1:], n) - 1] = starts
        e_rid, e_p0, e_p1 = ring_id, param, param[nxt]
        e_p1 = np.where(nxt == starts[e_rid], e_p1 + span, e_p1)
        e_lon0, e_lat0, e_d0 = lon, lat, dist
        e_lon1, e_lat1, e_d1 = lon[nxt], lat[nxt], dist[nxt]
        valid = None
    else:
        # open chains: the edges are consecutive vertices (views, no copies), less
        # the pairs that straddle two rings
        e_rid, e_p0, e_p1 = ring_id[:-1], param[:-1], param[1:]
        e_lon0, e_lat0, e_d0 = lon[:-1], lat[:-1], dist[:-1]
        e_lon1, e_lat1, e_d1 = lon[1:], lat[1:], dist[1:]
        valid = ring_id[1:] == ring_id[:-1]
    new_rid, new_param, new_lon, new_lat = [ring_id], [param], [lon], [lat]
    limit = _SAFETY * tol
    added = 0
    for _ in range(_MAX_REFINE_PASSES):
        start_lon, dlon = _edge_lon(e_lon0, e_lat0, e_lon1, e_lat1)
        bad = edge_error(e_rid, start_lon, e_lat0, e_lon1, e_lat1, dlon, e_d0, e_d1) > limit
        if valid is not None:
            bad &= valid
            valid = None
        if not bad.any():
            break
        e_rid, e_p0, e_p1 = e_rid[bad], e_p0[bad], e_p1[bad]
        e_lon0, e_lat0, e_lon1, e_lat1 = e_lon0[bad], e_lat0[bad], e_lon1[bad], e_lat1[bad]
        e_d0, e_d1 = e_d0[bad], e_d1[bad]
        pm = (e_p0 + e_p1) / 2.0
        mlon, mlat = points(e_rid, pm % 360.0)
        dm = metric(e_rid, mlon, mlat)
        new_rid.append(e_rid)
        new_param.append(pm % 360.0)
        new_lon.append(mlon)
        new_lat.append(mlat)
        added += len(e_rid)
        if added > _MAX_VERTICES_PER_RING * max(n_rings, 1):
            raise GeodesyError(f"max_error_m={tol!r} needs too many vertices; use a larger tolerance")
        e_rid = np.concatenate([e_rid, e_rid])
        e_p0, e_p1 = np.concatenate([e_p0, pm]), np.concatenate([pm, e_p1])
        e_lon0, e_lat0, e_d0 = np.concatenate([e_lon0, mlon]), np.concatenate([e_lat0, mlat]), np.concatenate([e_d0, dm])
        e_lon1, e_lat1, e_d1 = np.concatenate([mlon, e_lon1]), np.concatenate([mlat, e_lat1]), np.concatenate([dm, e_d1])
    else:  # pragma: no cover - every edge halves its error each pass
        raise GeodesyError(f"max_error_m={tol!r}: the boundary did not converge; use a larger tolerance")
    if len(new_rid) == 1:
        return ring_id, param, lon, lat
    ring_id, param = np.concatenate(new_rid), np.concatenate(new_param)
    lon, lat = np.concatenate(new_lon), np.concatenate(new_lat)
    order = np.lexsort((param, ring_id))
    return ring_id[order], param[order], lon[order], lat[order]


def _uniform_params(counts: np.ndarray, *, span: float = 360.0, endpoint: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Evenly spaced angles: ``counts[k]`` of them for ring k over ``span`` degrees."""
    ring_id = np.repeat(np.arange(len(counts)), counts)
    starts = np.cumsum(counts) - counts
    step = span / (counts - 1 if endpoint else counts)
    param = (np.arange(len(ring_id)) - np.repeat(starts, counts)) * np.repeat(step, counts)
    return ring_id, param


def _mirror(ring_id, param, plon, plat, axis_lon, n_rings):
    """Complete half rings (angles 0..180, both included) by reflection in the
    meridian ``axis_lon``: a ring with h half-points becomes those h points,
    then points h-2 .. 1 reflected, at angles 360 - angle."""
    starts = np.searchsorted(ring_id, np.arange(n_rings))
    h = np.append(starts[1:], len(ring_id)) - starts
    full = 2 * h - 2
    out_rid = np.repeat(np.arange(n_rings), full)
    pos = np.arange(len(out_rid)) - np.repeat(np.cumsum(full) - full, full)
    h_r, s_r = h[out_rid], starts[out_rid]
    mirrored = pos >= h_r
    src = np.where(mirrored, s_r + 2 * h_r - 2 - pos, s_r + pos)
    lon = np.where(mirrored, _wrap180(2.0 * axis_lon[out_rid] - plon[src]), plon[src])
    par = np.where(mirrored, 360.0 - param[src], param[src])
    return out_rid, par, lon, plat[src]


def _trace_from_centre(lon, lat, radius_m, tol):
    """Trace each ring by azimuth round its centre.

    A geodesic circle on an ellipsoid of revolution is symmetric about its
    centre's meridian: the point at azimuth -a is the point at +a reflected in
    longitude. So only azimuths 0..180 are computed (and checked: the
    reflection maps straight lon/lat edges to straight edges and keeps
    distances); the other half is mirrored.
    """
    geod = _geod()
    half = (_initial_count(radius_m, tol) + 1) // 2 + 1  # 0 and 180 included
    ring_id, param = _uniform_params(half, span=180.0, endpoint=True)
    may_pass = np.abs(lat) < 90.0

    def points(rid, az):
        plon, plat, _ = geod.fwd(lon[rid], lat[rid], az, radius_m[rid])
        return np.asarray(plon), _snap_poles(np.asarray(plat), may_pass[rid])

    ring_id, param, plon, plat = _refine(ring_id, param, len(lon), tol, points, _sphere_metric(lon, lat), closed=False)
    return _mirror(ring_id, param, plon, plat, lon, len(lon))


def _trace_from_antipode(lon, lat, radius_m, tol, d_max):
    """Trace the far cap round the antipode.

    For each bearing from the antipode, the point whose distance from the
    centre is exactly the radius is found along that geodesic. The distance
    falls monotonically along it, including across the cut locus, so the root
    is bracketed; Newton steps (the derivative is the cosine of the angle
    between this geodesic and the one back to the centre) fall back to
    bisection where they would leave the bracket. The far cap is symmetric
    about the antipode's meridian, so bearings 0..180 are traced and mirrored.
    """
    geod = _geod()
    a_lon = _wrap180(lon + 180.0)
    a_lat = -lat
    far_m = d_max - radius_m
    t_max = np.minimum(2.0 * far_m + 500_000.0, 0.5 * d_max)
    half = (_initial_count(np.maximum(far_m, 50_000.0), tol) + 1) // 2 + 1
    ring_id, param = _uniform_params(half, span=180.0, endpoint=True)
    may_pass = np.abs(lat) < 90.0

    def points(rid, bearing):
        m = len(rid)
        lo, hi = np.zeros(m), t_max[rid].copy()
        t = far_m[rid].copy()
        out_lon, out_lat = np.empty(m), np.empty(m)
        todo = np.arange(m)
        for _ in range(200):
            r = rid[todo]
            plon, plat, back = geod.fwd(a_lon[r], a_lat[r], bearing[todo], t[todo])
            _, az_to_centre, d = geod.inv(lon[r], lat[r], plon, plat)
            f = np.asarray(d) - radius_m[r]
            tt = t[todo]
            lo[todo] = np.where(f > 0, tt, lo[todo])
            hi[todo] = np.where(f > 0, hi[todo], tt)
            done = (np.abs(f) < _ROOT_TOL_M) | (hi[todo] - lo[todo] < _ROOT_TOL_M)
            out_lon[todo[done]], out_lat[todo[done]] = np.asarray(plon)[done], np.asarray(plat)[done]
            keep = ~done
            if not keep.any():
                break
            todo, f, tt = todo[keep], f[keep], tt[keep]
            slope = np.cos(np.radians(np.asarray(back)[keep] - np.asarray(az_to_centre)[keep]))
            with np.errstate(divide="ignore", invalid="ignore"):
                newton = tt - f / slope
            lo_k, hi_k = lo[todo], hi[todo]
            ok = (slope < -1e-3) & (newton > lo_k) & (newton < hi_k)
            t[todo] = np.where(ok, newton, (lo_k + hi_k) / 2.0)
        else:  # pragma: no cover - bisection alone converges in ~40 steps
            raise GeodesyError("tracing the far cap did not converge")
        return out_lon, _snap_poles(out_lat, may_pass[rid])

    ring_id, param, plon, plat = _refine(ring_id, param, len(lon), tol, points,
                                         _exact_metric(lon, lat, radius_m), closed=False)
    return _mirror(ring_id, param, plon, plat, a_lon, len(lon))


# --------------------------------------------------------------------------- #
# vertices -> polygon
# --------------------------------------------------------------------------- #
def _assemble(ring_id, param, lon, lat, n_rings, *, ref_lon, right, complement):
    """Vertices (sorted by ring, then angle) -> one geometry per ring.

    The curve bounds a region on its right where ``right`` is set, else on
    its left. A ring that never steps across ±180, passes through no pole and
    bounds what is in range -- most rings -- becomes a polygon in one
    vectorised shapely call. The rest go through :func:`_curve_region` one by
    one. Where ``complement`` is set the curve's region is the far cap, and
    the ring is the globe minus that cap.
    """
    starts = np.searchsorted(ring_id, np.arange(n_rings))
    ends = np.append(starts[1:], len(ring_id))
    step = np.abs(np.diff(lon, append=lon[:1]))
    step[ends - 1] = np.abs(lon[starts] - lon[ends - 1])  # the closing edge of each ring
    crosses = np.logical_or.reduceat(step > 180.0, starts)
    at_pole = np.logical_or.reduceat(np.abs(lat) >= 90.0, starts)
    fast = ~crosses & ~complement & ~at_pole

    out: list = [None] * n_rings
    fast_ids = np.flatnonzero(fast)
    if len(fast_ids):
        sel = fast[ring_id]
        rings = shapely.linearrings(np.column_stack([lon[sel], lat[sel]]),
                                    indices=np.searchsorted(fast_ids, ring_id[sel]))
        # increasing azimuth runs clockwise; orient for RFC 7946 in one C call
        for k, poly in zip(fast_ids, shapely.orient_polygons(shapely.polygons(rings), exterior_cw=False)):
            out[k] = poly
    for k in np.flatnonzero(~fast):
        s, e = starts[k], ends[k]
        x, y, pole_edge = _expand_poles(lon[s:e], lat[s:e])
        raw = np.diff(x, append=x[:1])
        steps = _wrap180(raw)
        if pole_edge.any():
            # a pass through a pole: eastwards at the north pole and westwards at
            # the south pole keeps the region on the right of the curve
            east = (y[pole_edge] > 0) == bool(right[k])
            steps[pole_edge] = np.where(east, np.mod(raw[pole_edge], 360.0), -np.mod(-raw[pole_edge], 360.0))
        winding = int(np.rint(steps.sum() / 360.0))
        unwrapped = x[0] + np.concatenate([[0.0], np.cumsum(steps[:-1])])
        unwrapped += 360.0 * np.rint((float(_wrap180(ref_lon[k])) - unwrapped[0]) / 360.0)
        # a clockwise loop seen from the north runs westwards: with the region
        # on its right it holds the north pole
        pole = 90.0 if (winding < 0) == bool(right[k]) else -90.0
        region = _curve_region(unwrapped, y, winding, pole)
        out[k] = _finish(_WORLD.difference(region) if complement[k] else region)
    return out


def _expand_poles(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Replace each run of vertices at a pole by two vertices on the pole line,
    at the longitudes of the run's neighbours. Returns (x, y, pole_edge) where
    ``pole_edge[i]`` marks the edge from vertex i to i + 1 along the pole."""
    pole = np.abs(y) >= 90.0
    if not pole.any() or pole.all():
        return x, y, np.zeros(len(x), dtype=bool)
    r = int(np.argmin(pole))  # start on a vertex off the pole
    x, y, pole = np.roll(x, -r), np.roll(y, -r), np.roll(pole, -r)
    n = len(x)
    run_start = pole & ~np.roll(pole, 1)
    counts = np.where(pole, np.where(run_start, 2, 0), 1)
    new_x, new_y = np.repeat(x, counts), np.repeat(y, counts)
    pole_edge = np.zeros(len(new_x), dtype=bool)
    first = (np.cumsum(counts) - counts)[run_start]
    starts = np.flatnonzero(run_start)
    after = np.array([int(np.argmin(np.roll(pole, -s))) + s for s in starts.tolist()]) % n
    new_x[first] = x[starts - 1]
    new_x[first + 1] = x[after]
    pole_edge[first] = True
    return new_x, new_y, pole_edge


def _curve_region(unwrapped: np.ndarray, lats: np.ndarray, winding: int, pole: float):
    """The region a closed boundary curve (longitudes already unwrapped) encloses.

    A curve that winds once round the globe encloses ``pole`` and is closed
    through it; otherwise it is a simple ring. The result is folded into
    [-180, 180].
    """
    if winding == 0:
        return _fold(Polygon(np.column_stack([unwrapped, lats])))
    # Rotate the curve so that it starts and ends on the antimeridian; then the
    # polygon is curve + the pole edge, already within [-180, 180].
    x = np.append(unwrapped, unwrapped[0] + 360.0 * winding)
    y = np.append(lats, lats[0])
    x = x - 360.0 * np.floor((x[0] + 180.0) / 360.0)  # x[0] in [-180, 180)
    seam = 180.0 if winding > 0 else -180.0
    beyond = x > 180.0 if winding > 0 else x < -180.0
    j = int(np.argmax(beyond))
    if beyond[j] and beyond[j:].all() and not beyond[:j].any():
        t = (seam - x[j - 1]) / (x[j] - x[j - 1])
        y_seam = y[j - 1] + t * (y[j] - y[j - 1])
        back = x[j:-1] - 360.0 * winding
        coords = np.vstack([
            [[-seam, y_seam]],
            np.column_stack([back, y[j:-1]]),
            np.column_stack([x[:j], y[:j]]),
            [[seam, y_seam], [seam, pole], [-seam, pole]],
        ])
        poly = Polygon(coords)
        if poly.is_valid:
            return poly
    # general case: the curve crosses the seam more than once
    coords = np.vstack([np.column_stack([x, y]), [[x[-1], pole], [x[0], pole]]])
    poly = Polygon(coords)
    if not poly.is_valid:
        poly = shapely.make_valid(poly, method="structure")
    return shapely.union_all(_fold_pieces(poly), grid_size=1e-9)


def _fold_pieces(geom) -> list:
    minx, _, maxx, _ = geom.bounds
    pieces = []
    for k in range(int(math.floor((minx + 180.0) / 360.0)), int(math.floor((maxx + 180.0) / 360.0)) + 1):
        part = geom.intersection(box(-180.0 + 360.0 * k, -90.0, 180.0 + 360.0 * k, 90.0))
        if not part.is_empty:
            pieces.append(shapely.transform(part, lambda xy, k=k: xy - np.array([360.0 * k, 0.0])))
    return pieces


def _fold(geom):
    """Cut a simple region whose longitudes run past ±180 into [-180, 180] pieces.

    A region that winds round no pole is narrower than 360 degrees, so its pieces
    from neighbouring 360-degree windows never touch and need no union.
    """
    if not geom.is_valid:
        geom = shapely.make_valid(geom, method="structure")
    minx, _, maxx, _ = geom.bounds
    if minx >= -180.0 and maxx <= 180.0:
        return geom
    polys = []
    for piece in _fold_pieces(geom):
        polys.extend(g for g in getattr(piece, "geoms", [piece]) if isinstance(g, Polygon) and not g.is_empty)
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def _iter_polygons(geom) -> Iterator[Polygon]:
    """The polygons of any geometry, collections included."""
    if geom is None or geom.is_empty:
        return
    if isinstance(geom, Polygon):
        yield geom
    elif hasattr(geom, "geoms"):
        for g in geom.geoms:
            yield from _iter_polygons(g)


def _finish(geom) -> Polygon | MultiPolygon:
    parts = [p for p in _iter_polygons(geom) if p.area > 0]
    if not parts:
        return Polygon()
    result = parts[0] if len(parts) == 1 else MultiPolygon(parts)
    return shapely.orient_polygons(result, exterior_cw=False)


# --------------------------------------------------------------------------- #
# areas
# --------------------------------------------------------------------------- #
def _ring_area_m2(geod: Geod, xy: np.ndarray) -> float:
    """Signed area of one closed lon/lat ring (counter-clockwise positive).

    Karney's area is exact but reduced into (-A/2, A/2], A the ellipsoid's
    area; the ring's area in the lon/lat plane (integrating the authalic
    zone area along straight lon/lat edges) is rough but unambiguous, and picks
    the multiple of A to add.
    """
    if len(xy) < 4:
        return 0.0
    signed, _ = geod.polygon_area_perimeter(xy[:, 0], xy[:, 1])
    half_b2, e, total = _authalic()

    def zone(lat_deg):  # area from the equator to lat, per radian of longitude
        s = np.sin(np.radians(lat_deg))
        return half_b2 * (s / (1.0 - e * e * s * s) + np.arctanh(e * s) / e)

    x0, y0, x1, y1 = xy[:-1, 0], xy[:-1, 1], xy[1:, 0], xy[1:, 1]
    dlam = np.radians(x1 - x0)
    rough = -float(np.sum(dlam * (zone(y0) + 4.0 * zone((y0 + y1) / 2.0) + zone(y1)) / 6.0))
    return float(signed) + total * round((rough - float(signed)) / total)
