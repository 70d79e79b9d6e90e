"""Exact geodesic range rings on the WGS84 ellipsoid.

This is the only module that creates a :class:`pyproj.Geod`. Everything is in
lon/lat degrees (EPSG:4326) inside, and distances carry their unit in the name.

How a ring is built
-------------------
1. Boundary vertices come from one vectorised ``Geod.fwd`` call over every
   azimuth of every ring. The starting number of azimuths follows from the
   radius and the tolerance (the sagitta of a circle's chord).
2. The drawn boundary is a chain of *straight lines in lon/lat*, which is how
   shapely, GeoJSON and Leaflet join vertices. Each edge's midpoint is tested
   against the true circle (on the sphere, relative to the edge's ends, which
   cancels the sphere/ellipsoid difference); an edge whose error could exceed
   half the tolerance is split at the mid-azimuth, again with one ``Geod.fwd``
   call for all of them. This repeats until every edge passes.
3. The vertices are turned into a polygon: unwrapped across the antimeridian,
   closed through a pole when the ring winds round one, taken as the
   complement of the far cap when it holds both poles, and finally folded into
   [-180, 180] and oriented counter-clockwise (RFC 7946).

Rings whose far cap is small (radius within ``_FAR_SWITCH_M`` of the antipodal
distance) are traced from the antipode instead, by bisection along geodesics
from it, because geodesics from the centre that long pass the cut locus and
stop being shortest paths.
"""

from __future__ import annotations

import math
from functools import lru_cache
import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon, box

from .errors import GeodesyError

__all__ = [
    "range_ring",
    "range_rings",
    "geodesic_distance_km",
    "geodesic_area_km2",
    "ring_vertex_count",
    "MAX_DISTANCE_KM",
]

#: Mean Earth radius (IUGG), used only to estimate edge errors.
_R_SPHERE_M = 6_371_008.8
#: Edges are split until their estimated error is below this share of the tolerance
#: (the estimate agrees with geographiclib to about 1 %; see tests/test_geodesy.py).
_SAFETY = 0.8
#: Far caps smaller than this are traced from the antipode.
_FAR_SWITCH_M = 1_500_000.0
_MAX_REFINE_PASSES = 40
_MAX_VERTICES_PER_RING = 2_000_000
_WORLD = box(-180.0, -90.0, 180.0, 90.0)


@lru_cache(maxsize=1)
def _geod() -> Geod:
    return Geod(ellps="WGS84")


def _antipodal_distance_m() -> float:
    # Half a meridian: on an oblate ellipsoid the antipode is the farthest point
    # from any point, and its distance is the same for every point.
    return float(_geod().inv(0.0, 90.0, 0.0, -90.0)[2])


#: The largest geodesic distance between two points on WGS84, in km.
MAX_DISTANCE_KM = 20_003.931458625447


# --------------------------------------------------------------------------- #
# validation
# --------------------------------------------------------------------------- #
def _check_args(lat: np.ndarray, lon: np.ndarray, radius_km: np.ndarray, max_error_m: float) -> None:
    if not (isinstance(max_error_m, (int, float, np.floating, np.integer)) and math.isfinite(max_error_m) and max_error_m > 0):
        raise GeodesyError(f"max_error_m must be a positive finite number of metres, got {max_error_m!r}")
    bad = ~np.isfinite(lat) | (lat < -90) | (lat > 90)
    if bad.any():
        raise GeodesyError(f"latitude must be within [-90, 90], got {lat[bad][0].item()!r}")
    bad = ~np.isfinite(lon)
    if bad.any():
        raise GeodesyError(f"longitude must be finite, got {lon[bad][0].item()!r}")
    bad = ~np.isfinite(radius_km) | (radius_km <= 0)
    if bad.any():
        raise GeodesyError(f"radius_km must be a positive finite number, got {radius_km[bad][0].item()!r}")


def _as_float_array(name: str, values: object) -> np.ndarray:
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise GeodesyError(f"{name} must be numbers, got {values!r}") from None
    return np.atleast_1d(arr).ravel()


def _wrap180(x: np.ndarray) -> np.ndarray:
    """Wrap longitudes (or longitude differences) into [-180, 180]."""
    x = np.asarray(x, dtype=float)
    return x - 360.0 * np.rint(x / 360.0)


# --------------------------------------------------------------------------- #
# public API
# --------------------------------------------------------------------------- #
def geodesic_distance_km(lat1, lon1, lat2, lon2):
    """WGS84 geodesic distance in km between two points (or arrays of points).

    Examples
    --------
    >>> f"{geodesic_distance_km(35.68, 139.69, 39.02, 125.75):.1f}"
    '1291.8'
    """
    lat1a, lon1a, lat2a, lon2a = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (lat1, lon1, lat2, lon2)))
    for name, arr in (("lat1", lat1a), ("lat2", lat2a)):
        if (~np.isfinite(arr) | (np.abs(arr) > 90)).any():
            raise GeodesyError(f"{name} must be within [-90, 90], got {arr[~np.isfinite(arr) | (np.abs(arr) > 90)].ravel()[0].item()!r}")
    for name, arr in (("lon1", lon1a), ("lon2", lon2a)):
        if (~np.isfinite(arr)).any():
            raise GeodesyError(f"{name} must be finite, got {arr[~np.isfinite(arr)].ravel()[0].item()!r}")
    _, _, dist = _geod().inv(lon1a, lat1a, lon2a, lat2a)
    out = np.asarray(dist) / 1000.0
    return float(out) if out.ndim == 0 else out


def geodesic_area_km2(geom) -> float:
    """Geodesic area of a lon/lat (Multi)Polygon on WGS84, in km²."""
    if geom is None or geom.is_empty:
        return 0.0
    area, _ = _geod().geometry_area_perimeter(shapely.orient_polygons(geom, exterior_cw=False))
    return abs(float(area)) / 1e6


def range_ring(*, lat: float, lon: float, radius_km: float, max_error_m: float = 100.0) -> Polygon | MultiPolygon:
    """The area within ``radius_km`` of a point, as a lon/lat polygon.

    Parameters
    ----------
    lat, lon
        Centre, in degrees (WGS84).
    radius_km
        Geodesic radius on the WGS84 ellipsoid.
    max_error_m
        Every point of the drawn boundary, including the straight lon/lat edges
        between vertices, lies within this distance of the true circle.

    Returns
    -------
    Polygon or MultiPolygon
        Valid, counter-clockwise exteriors, longitudes within [-180, 180]; split
        at the antimeridian when the ring crosses it, reaching ±90 when it holds a
        pole, and the whole globe when the radius reaches everywhere.

    Examples
    --------
    >>> ring = range_ring(lat=26.3, lon=127.8, radius_km=2000)
    >>> ring.geom_type, ring.is_valid
    ('Polygon', True)
    """
    return range_rings([lat], [lon], [radius_km], max_error_m=max_error_m)[0]


def range_rings(lats, lons, radii_km, *, max_error_m: float = 100.0) -> list[Polygon | MultiPolygon]:
    """Range rings for N centres and radii, pair by pair.

    All boundary vertices of all rings are computed together with vectorised
    geodesic calls. See :func:`range_ring` for the guarantees.
    """
    lat = _as_float_array("lats", lats)
    lon = _as_float_array("lons", lons)
    radius_km = _as_float_array("radii_km", radii_km)
    if not (len(lat) == len(lon) == len(radius_km)):
        raise GeodesyError(
            f"lats, lons and radii_km must have the same length, got {len(lat)}, {len(lon)} and {len(radius_km)}"
        )
    _check_args(lat, lon, radius_km, max_error_m)
    if len(lat) == 0:
        return []
    lon = _wrap180(lon)
    radius_m = radius_km * 1000.0
    tol = float(max_error_m)

    geod = _geod()
    d_max = _antipodal_distance_m()
    n = len(lat)
    zeros = np.zeros(n)
    _, _, d_north = geod.inv(lon, lat, lon, np.full(n, 90.0))
    _, _, d_south = geod.inv(lon, lat, lon, np.full(n, -90.0))
    d_north = np.where(lat >= 90.0, zeros, d_north)
    d_south = np.where(lat <= -90.0, zeros, d_south)

    whole = radius_m >= d_max
    from_antipode = ~whole & (radius_m > d_max - _FAR_SWITCH_M)
    from_centre = ~whole & ~from_antipode

    out: list[Polygon | MultiPolygon | None] = [None] * n
    for i in np.flatnonzero(whole):
        out[i] = shapely.orient_polygons(_WORLD, exterior_cw=False)

    idx = np.flatnonzero(from_centre)
    if len(idx):
        traced = _trace_from_centre(lon[idx], lat[idx], radius_m[idx], tol)
        both = radius_m[idx] > np.maximum(d_north[idx], d_south[idx])
        ref = np.where(both, lon[idx] + 180.0, lon[idx])
        focus = np.where(both, -lat[idx], lat[idx])
        for k, geom in enumerate(_assemble(*traced, len(idx), ref_lon=ref, focus_lat=focus, complement=both)):
            out[idx[k]] = geom

    idx = np.flatnonzero(from_antipode)
    if len(idx):
        traced = _trace_from_antipode(lon[idx], lat[idx], radius_m[idx], tol, d_max)
        complement = np.ones(len(idx), dtype=bool)
        for k, geom in enumerate(_assemble(*traced, len(idx), ref_lon=lon[idx] + 180.0, focus_lat=-lat[idx],
                                           complement=complement)):
            out[idx[k]] = geom
    return out  # type: ignore[return-value]


def ring_vertex_count(geom) -> int:
    """Number of distinct vertices in a ring polygon (for benchmarks and tests)."""
    return int(shapely.get_num_coordinates(geom))


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
        dlon = _wrap180(e_lon1 - e_lon0)
        bad = edge_error(e_rid, e_lon0, e_lat0, e_lon1, e_lat1, dlon, e_d0, e_d1) > limit
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

    def points(rid, az):
        plon, plat, _ = geod.fwd(lon[rid], lat[rid], az, radius_m[rid])
        return np.asarray(plon), np.asarray(plat)

    ring_id, param, plon, plat = _refine(ring_id, param, len(lon), tol, points, _sphere_metric(lon, lat), closed=False)
    # mirror: a ring with h half-points is those h points, then points h-2 .. 1 reflected
    n_rings = len(lon)
    starts = np.searchsorted(ring_id, np.arange(n_rings))
    ends = np.append(starts[1:], len(ring_id))
    mirror_lon = _wrap180(2.0 * lon[ring_id] - plon)
    lons, lats, params = [], [], []
    for s, e in zip(starts.tolist(), ends.tolist()):
        lons += [plon[s:e], mirror_lon[e - 2:s:-1]]
        lats += [plat[s:e], plat[e - 2:s:-1]]
        params += [param[s:e], 360.0 - param[e - 2:s:-1]]
    full = 2 * (ends - starts) - 2
    return np.repeat(np.arange(n_rings), full), np.concatenate(params), np.concatenate(lons), np.concatenate(lats)


def _trace_from_antipode(lon, lat, radius_m, tol, d_max):
    """Trace the boundary round the antipode: for each bearing from the antipode,
    bisect along that geodesic for the point whose distance from the centre is
    exactly the radius. Distance from the centre falls monotonically along such
    a geodesic, including across the cut locus."""
    geod = _geod()
    a_lon = _wrap180(lon + 180.0)
    a_lat = -lat
    far_m = d_max - radius_m
    t_max = np.minimum(2.0 * far_m + 500_000.0, 0.5 * d_max)
    ring_id, param = _uniform_params(_initial_count(np.maximum(far_m, 50_000.0), tol))

    def points(rid, bearing):
        lo = np.zeros(len(rid))
        hi = t_max[rid].copy()
        c_lon, c_lat, r = lon[rid], lat[rid], radius_m[rid]
        src_lon, src_lat = a_lon[rid], a_lat[rid]
        for _ in range(64):
            mid = (lo + hi) / 2.0
            plon, plat, _ = geod.fwd(src_lon, src_lat, bearing, mid)
            _, _, d = geod.inv(c_lon, c_lat, plon, plat)
            reached = np.asarray(d) < r
            hi = np.where(reached, mid, hi)
            lo = np.where(reached, lo, mid)
            if np.all(hi - lo < 1e-4):
                break
        plon, plat, _ = geod.fwd(src_lon, src_lat, bearing, (lo + hi) / 2.0)
        return np.asarray(plon), np.asarray(plat)

    return _refine(ring_id, param, len(lon), tol, points, _exact_metric(lon, lat, radius_m), closed=True)


# --------------------------------------------------------------------------- #
# vertices -> polygon
# --------------------------------------------------------------------------- #
def _assemble(ring_id, param, lon, lat, n_rings, *, ref_lon, focus_lat, complement):
    """Vertices (sorted by ring, then angle) -> one geometry per ring.

    A ring that never steps across ±180 and bounds what is in range -- most
    rings -- becomes a polygon in one vectorised shapely call. The rest go
    through :func:`_curve_region` one by one. Where ``complement`` is set the
    curve bounds the far cap, and the ring is the globe minus that cap.
    """
    starts = np.searchsorted(ring_id, np.arange(n_rings))
    ends = np.append(starts[1:], len(ring_id))
    step = np.abs(np.diff(lon, append=lon[:1]))
    step[ends - 1] = np.abs(lon[starts] - lon[ends - 1])  # the closing edge of each ring
    crosses = np.logical_or.reduceat(step > 180.0, starts)
    fast = ~crosses & ~complement

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
        ring_lon = lon[s:e]
        steps = _wrap180(np.diff(ring_lon, append=ring_lon[:1]))
        winding = int(np.rint(steps.sum() / 360.0))
        unwrapped = ring_lon[0] + np.concatenate([[0.0], np.cumsum(steps[:-1])])
        unwrapped += 360.0 * np.rint((float(_wrap180(ref_lon[k])) - unwrapped[0]) / 360.0)
        region = _curve_region(unwrapped, lat[s:e], winding, float(focus_lat[k]))
        out[k] = _finish(_WORLD.difference(region) if complement[k] else region)
    return out


def _curve_region(unwrapped: np.ndarray, lats: np.ndarray, winding: int, focus_lat: float):
    """The region a closed boundary curve (longitudes already unwrapped) encloses.

    A curve that winds once round the globe encloses the pole on its focus's
    side and is closed through it; otherwise it is a simple ring. The result
    is folded into [-180, 180].
    """
    if winding == 0:
        return _fold(Polygon(np.column_stack([unwrapped, lats])))
    pole = 90.0 if focus_lat >= 0 else -90.0
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


def _finish(geom) -> Polygon | MultiPolygon:
    parts = []
    for g in getattr(geom, "geoms", [geom]):
        if isinstance(g, MultiPolygon):
            parts.extend(g.geoms)
        elif isinstance(g, Polygon):
            parts.append(g)
    parts = [p for p in parts if not p.is_empty and p.area > 0]
    result = parts[0] if len(parts) == 1 else MultiPolygon(parts)
    return shapely.orient_polygons(result, exterior_cw=False)
