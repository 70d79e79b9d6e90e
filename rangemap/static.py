"""Scenario -> static map (PNG or SVG) for reports, drawn with matplotlib.

No browser is involved, no pyplot either: the map is a
:class:`matplotlib.figure.Figure` drawn by the Agg (PNG) or SVG canvas, so the
caller's backend and rcParams are never touched (the few settings the map
needs are applied inside :func:`matplotlib.rc_context`).

Choosing the projection
-----------------------
The *scene* is every ring, every target country and every site. Its centre is
the mean of the sites and the target centroids on the unit sphere, and its
radius is the largest geodesic distance from that centre to a site, a target
vertex or a ring's far side (distance to the ring's site + its range).

* **Regional** (scene radius under ``GLOBAL_SCENE_KM`` = 9,000 km): an
  azimuthal equidistant projection centred on the scene. Rings look round and
  every distance from the centre is true to scale (hence the scale bar).
* **Global** (a larger scene: any ring of 9,000 km or more, sites far apart or
  antipodal, a target half a world away, or an AEQD extent that would not be
  finite): the Equal Earth projection, its central meridian chosen so that its
  own antimeridian (``lon_0 + 180``) runs through the widest gap in the scene.
  The whole world is shown.

Making any lon/lat polygon projectable
--------------------------------------
Rings arrive split at ±180°, closed through a pole by edges along ±180° and
the pole, or as the world box minus a far cap; Fiji and Russia are split at
±180° in the border data. Every geometry goes through the same steps:

1. *recentre*: re-split at the projection's antimeridian ``lon_0 ± 180`` (the
   only place where a projection tears), so the pieces of a geometry split at
   ±180° lie side by side in the window ``[lon_0 - 180, lon_0 + 180]``;
2. *clip to the valid domain in lon/lat*: for the AEQD projection, the
   geodesic cap of radius ``min(1.5 × scene radius + 500 km, 16,000 km)``
   round the centre (built with :func:`rangemap.geodesy.range_ring`), which
   keeps well clear of the antipode where AEQD tears; the global projection
   needs no more than step 1;
3. densify to 1° (straight lon/lat edges, such as a closing edge along a
   meridian, are curves in the projection), project, ``make_valid``.

A ``GEOSException`` in one geometry falls back to a ``make_valid``/``buffer(0)``
version of it, then to leaving that one geometry out (with a warning), never
to a crash.

Fill and stroke
---------------
Ring polygons (and countries) are *filled*, but only their true boundary is
*stroked*: the artificial edges along ±180° and ±90° that close a split or
pole-enclosing polygon are never drawn (see :func:`boundary_lines`). Systems
differ by line style as well as colour, so the map reads in greyscale.

Text from the scenario (title, names, source) is drawn literally
(:func:`rangemap._text.mpl_literal`): a ``$`` never starts mathtext.
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.errors import GEOSException
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box

from . import geodesy
from ._text import mpl_literal
from .errors import InputError
from .models import Scenario

__all__ = [
    "render_static",
    "static_bytes",
    "write_static",
    "figure_bytes",
    "boundary_lines",
    "check_image_size",
    "DEFAULT_WIDTH_PX",
    "DEFAULT_DPI",
    "MIN_DPI",
    "MAX_DPI",
    "MIN_WIDTH_PX",
    "MAX_WIDTH_PX",
    "GLOBAL_SCENE_KM",
    "RING_GID",
]

log = logging.getLogger(__name__)

DEFAULT_WIDTH_PX = 2400
DEFAULT_DPI = 200
MIN_DPI, MAX_DPI = 50, 1200
MIN_WIDTH_PX, MAX_WIDTH_PX = 200, 20_000
#: Scenes reaching farther than this from their centre get a global projection.
GLOBAL_SCENE_KM = 9_000.0
#: The AEQD map never draws beyond this distance from its centre (the antipode is at ~20,004 km).
_AEQD_MAX_CAP_KM = 16_000.0
_LINESTYLES: dict[str, Any] = {"solid": "-", "dashed": (0, (6, 3)), "dotted": (0, (1.2, 2.4)), "dashdot": (0, (6, 2.5, 1.2, 2.5))}
_SEA, _LAND, _TARGET, _BORDER = "#e3ecf4", "#f5f2ea", "#fdd49e", "#9a9a9a"
_SEAM_EPS = 1e-9
#: gid of the ring artists (fills and outlines), so tests can find them.
RING_GID = "rangemap-ring"


# --------------------------------------------------------------------------- #
# arguments
# --------------------------------------------------------------------------- #
def check_image_size(width_px: object, dpi: object) -> None:
    """Raise :class:`~rangemap.errors.InputError` unless ``width_px`` and ``dpi``
    are whole numbers within [MIN_WIDTH_PX, MAX_WIDTH_PX] and [MIN_DPI, MAX_DPI]."""
    for name, value, lo, hi in (("width", width_px, MIN_WIDTH_PX, MAX_WIDTH_PX), ("dpi", dpi, MIN_DPI, MAX_DPI)):
        ok = isinstance(value, (int, np.integer)) and not isinstance(value, bool) and lo <= value <= hi
        if not ok:
            raise InputError(f"{name} must be a whole number from {lo:,} to {hi:,}, got {value!r}")


# --------------------------------------------------------------------------- #
# geometry helpers (lon/lat)
# --------------------------------------------------------------------------- #
def _polygons(geom) -> list[Polygon]:
    if geom is None or geom.is_empty:
        return []
    return [g for g in shapely.get_parts(geom) if isinstance(g, Polygon) and not g.is_empty] + [
        p for g in shapely.get_parts(geom) if isinstance(g, (MultiPolygon, shapely.GeometryCollection))
        for p in _polygons(g)]


def _lines(geom) -> list[LineString]:
    if geom is None or geom.is_empty:
        return []
    out: list[LineString] = []
    for g in shapely.get_parts(geom):
        if isinstance(g, LineString) and not g.is_empty:
            out.append(g)
        elif isinstance(g, (MultiLineString, shapely.GeometryCollection)):
            out.extend(_lines(g))
    return out


def _boundary_lines_fallback(geom) -> MultiLineString:
    """The boundary of a lon/lat polygon less its artificial edges: an edge is
    artificial when both its ends lie on ±180° longitude, or both on ±90°
    latitude (within 1e-9°)."""
    out = []
    for poly in _polygons(geom):
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)
            n = len(xy) - 1
            if n < 1:
                continue
            on_seam = np.abs(np.abs(xy[:, 0]) - 180.0) <= _SEAM_EPS
            on_pole = np.abs(np.abs(xy[:, 1]) - 90.0) <= _SEAM_EPS
            art = (on_seam[:-1] & on_seam[1:]) | (on_pole[:-1] & on_pole[1:])
            if not art.any():
                out.append(xy)
                continue
            if art.all():
                continue
            s = int(np.argmax(art))  # start at an artificial edge, so no run wraps round
            verts = np.vstack([xy[s:n], xy[:s + 1]])
            art_r = np.roll(art, -s)
            k = 0
            while k < n:
                if art_r[k]:
                    k += 1
                    continue
                j = k
                while j < n and not art_r[j]:
                    j += 1
                out.append(verts[k:j + 1])
                k = j
    return MultiLineString([line for line in out if len(line) >= 2])


def boundary_lines(geom) -> MultiLineString:
    """The true boundary of a lon/lat (Multi)Polygon as a MultiLineString: its
    rings without the artificial edges along ±180° and ±90° (and the world box)
    that close polygons split at the antimeridian or holding a pole.

    Uses :func:`rangemap.geodesy.ring_outline` where that exists.

    >>> boundary_lines(box(170.0, -10.0, 180.0, 10.0)).length  # all but the edge along 180°
    40.0
    """
    ring_outline = getattr(geodesy, "ring_outline", None)
    if ring_outline is not None:
        return ring_outline(geom)
    return _boundary_lines_fallback(geom)


def _shift(geom, dx: float):
    return shapely.transform(geom, lambda xy: xy + np.array([dx, 0.0]))


def _recentre(geom, lon0: float):
    """``geom`` (longitudes in [-180, 180]) re-split at ``lon0 ± 180``, so that all
    of it lies in the window [lon0 - 180, lon0 + 180]; a GeometryCollection of pieces."""
    lo, hi = lon0 - 180.0, lon0 + 180.0
    minx, _, maxx, _ = geom.bounds
    pieces = []
    window = box(lo, -90.0, hi, 90.0)
    for k in (-360.0, 0.0, 360.0):
        a, b = minx + k, maxx + k
        if b <= lo or a >= hi:
            continue
        shifted = _shift(geom, k) if k else geom
        if a >= lo and b <= hi:
            pieces.append(shifted)
        else:
            pieces.append(shapely.intersection(shifted, window))
    return shapely.GeometryCollection(pieces)


def _robust(op, geom, what: str):
    """``op(geom)``; on a GEOSException retry with a repaired geometry, then give up
    on this one geometry (None) rather than crash the map."""
    try:
        return op(geom)
    except GEOSException as exc:
        first = exc
    for repair in (lambda g: shapely.make_valid(g), lambda g: shapely.make_valid(g).buffer(0)):
        try:
            return op(repair(geom))
        except GEOSException:
            continue
    log.warning("static map: left out %s (%s)", what, first)
    return None


# --------------------------------------------------------------------------- #
# the view: projection, domain and extent
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class _View:
    kind: str  # "aeqd" or "global"
    lat0: float
    lon0: float
    crs: str
    cap: Any  # lon/lat polygon (recentred) inside which the projection is drawn, or None

    @property
    def transformer(self):
        return _transformer(self.crs)


@lru_cache(maxsize=16)
def _transformer(crs: str):
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:4326", crs, always_xy=True)


def _scene_centre(scenario: Scenario, target_geoms: Sequence) -> tuple[float, float, float]:
    """(lat, lon, strength) of the middle of the sites and target centroids on the
    unit sphere; strength is the length of the mean vector (0 when the points
    cancel out, as antipodal sites do)."""
    def unit(lat, lon):
        la, lo = np.radians(lat), np.radians(lon)
        return np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=-1)

    vectors = [unit(s.lat, s.lon) for s in scenario.sites]
    for g in target_geoms:
        # a country split at ±180 (Fiji, Russia) has a planar centroid far from it:
        # average its parts on the sphere instead, weighted by area
        parts = _polygons(g)
        if parts:
            c = shapely.centroid(np.array(parts, dtype=object))
            v = (unit(shapely.get_y(c), shapely.get_x(c)) * shapely.area(np.array(parts, dtype=object))[:, None]).sum(0)
            n = np.linalg.norm(v)
            if n > 0:
                vectors.append(v / n)
    if not vectors:
        return 0.0, 0.0, 0.0
    x, y, z = np.mean(vectors, axis=0)
    strength = math.sqrt(x * x + y * y + z * z)
    if strength < 1e-9:
        return 0.0, float(scenario.sites[0].lon) if scenario.sites else 0.0, 0.0
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)), strength


def _scene_radius_km(scenario: Scenario, lat0: float, lon0: float, target_geoms: Sequence) -> float:
    """Largest distance from (lat0, lon0) to a site, a target vertex or a ring's far side."""
    from .geodesy import MAX_DISTANCE_KM, geodesic_distance_km

    far = 0.0
    if scenario.sites:
        d = np.atleast_1d(geodesic_distance_km(lat0, lon0, [s.lat for s in scenario.sites],
                                               [s.lon for s in scenario.sites]))
        by_name = {s.name: float(v) for s, v in zip(scenario.sites, d)}
        far = float(d.max())
        for site, system in scenario.pairs():
            far = max(far, min(by_name[site.name] + system.range_km, MAX_DISTANCE_KM))
    for g in target_geoms:
        xy = shapely.get_coordinates(shapely.simplify(g, 0.2, preserve_topology=False))
        if len(xy):
            d = np.atleast_1d(geodesic_distance_km(lat0, lon0, xy[:, 1], xy[:, 0]))
            far = max(far, float(d.max()))
    return far


def _global_lon0(scenario: Scenario, rings: Sequence, target_geoms: Sequence, fallback: float) -> float:
    """A central meridian whose antimeridian runs through the widest empty span
    of longitudes in the scene (1° bins); ``fallback`` when the scene fills them all."""
    used = np.zeros(360, dtype=bool)

    def mark(a: float, b: float) -> None:
        i, j = int(math.floor(a + 180.0)), int(math.floor(b + 180.0))
        used[max(i, 0):min(j, 359) + 1] = True

    for s in scenario.sites:
        lon = (s.lon + 180.0) % 360.0 - 180.0
        mark(lon, lon)
    for g in [*rings, *target_geoms]:
        for p in _polygons(g):
            minx, _, maxx, _ = p.bounds
            mark(minx, maxx)
    if used.all() or not used.any():
        return fallback
    # the longest circular run of empty bins
    start = int(np.argmax(used))  # begin scanning just after a used bin
    order = np.roll(np.arange(360), -start)
    best_len, best_mid, run = 0, 0.0, 0
    for pos, b in enumerate(order):
        if not used[b]:
            run += 1
            if run > best_len:
                best_len, best_mid = run, (pos - (run - 1) / 2.0)
        else:
            run = 0
    seam = (float(order[0]) + best_mid + 0.5) - 180.0  # centre of the gap, in degrees
    lon0 = seam + 180.0
    return float(lon0 - 360.0 * round(lon0 / 360.0))


def _choose_view(scenario: Scenario, rings: Sequence, target_geoms: Sequence) -> _View:
    lat0, lon0, strength = _scene_centre(scenario, target_geoms)
    radius = _scene_radius_km(scenario, lat0, lon0, target_geoms) if strength > 0.2 else math.inf
    if math.isfinite(radius) and radius < GLOBAL_SCENE_KM:
        return _aeqd_view(lat0, lon0, radius)
    return _global_view(_global_lon0(scenario, rings, target_geoms, lon0))


def _aeqd_view(lat0: float, lon0: float, radius_km: float) -> _View:
    cap_km = min(1.5 * radius_km + 500.0, _AEQD_MAX_CAP_KM)
    cap = geodesy.range_ring(lat=lat0, lon=lon0, radius_km=cap_km, max_error_m=1000.0)
    pieces = _polygons(_recentre(cap, lon0))
    cap = _robust(lambda g: shapely.union_all(g), np.array(pieces, dtype=object), "the map's domain")
    if cap is None or cap.is_empty:
        return _global_view(lon0)
    crs = f"+proj=aeqd +lat_0={lat0:.6f} +lon_0={lon0:.6f} +datum=WGS84 +units=m +no_defs"
    shapely.prepare(cap)
    return _View("aeqd", lat0, lon0, crs, cap)


def _global_view(lon0: float) -> _View:
    crs = f"+proj=eqearth +lon_0={lon0:.6f} +over +datum=WGS84 +units=m +no_defs"
    return _View("global", 0.0, lon0, crs, None)


# --------------------------------------------------------------------------- #
# lon/lat -> map
# --------------------------------------------------------------------------- #
def _project(geom, view: _View):
    tr = view.transformer

    def f(xy):
        x, y = tr.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    out = shapely.transform(geom, f)
    xy = shapely.get_coordinates(out)
    if len(xy) and not np.isfinite(xy).all():
        return None
    return out


def _recentre_parts(parts: np.ndarray, lon0: float) -> np.ndarray:
    """:func:`_recentre` for an array of single-part geometries at once; returns the
    pieces (flat, possibly including empty or lower-dimensional bits)."""
    lo, hi = lon0 - 180.0, lon0 + 180.0
    window = box(lo, -90.0, hi, 90.0)
    b = shapely.bounds(parts)
    out = []
    for k in (-360.0, 0.0, 360.0):
        a, z = b[:, 0] + k, b[:, 2] + k
        inside = (a >= lo) & (z <= hi)
        cross = ~inside & (z > lo) & (a < hi)
        if inside.any():
            out.append(shapely.transform(parts[inside], lambda xy, k=k: xy + np.array([k, 0.0])) if k else parts[inside])
        if cross.any():
            shifted = shapely.transform(parts[cross], lambda xy, k=k: xy + np.array([k, 0.0])) if k else parts[cross]
            out.append(shapely.get_parts(shapely.intersection(shifted, window)))
    return np.concatenate(out) if out else np.array([], dtype=object)


def _clip_to_cap(parts: np.ndarray, view: _View) -> np.ndarray:
    if view.cap is None or len(parts) == 0:
        return parts
    inside = shapely.contains(view.cap, parts)
    cross = ~inside & shapely.intersects(view.cap, parts)
    clipped = shapely.get_parts(shapely.intersection(parts[cross], view.cap)) if cross.any() else []
    return np.concatenate([parts[inside], np.asarray(clipped, dtype=object)])


def _in_domain(geom, view: _View, kind: type) -> list:
    """The parts of ``kind`` (Polygon or LineString) of a lon/lat geometry,
    recentred and clipped to the view's domain (lon/lat)."""
    parts: Any = shapely.get_parts(geom)
    parts = shapely.get_parts(_clip_to_cap(_recentre_parts(parts, view.lon0), view))
    return [p for p in parts if isinstance(p, kind) and not p.is_empty]  # type: ignore[attr-defined]


def _project_parts(parts: list, view: _View) -> list:
    """Densified to 1 degree and projected, all at once; parts that do not
    project to finite coordinates are left out."""
    if not parts:
        return []
    arr = shapely.segmentize(np.asarray(parts, dtype=object), 1.0)
    tr = view.transformer

    def f(xy):
        x, y = tr.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    arr = shapely.transform(arr, f)
    finite = [np.isfinite(shapely.get_coordinates(g)).all() for g in arr]
    return [g for g, ok in zip(arr, finite) if ok]


def _map_polygons(geom, view: _View, *, merge: bool = False, what: str = "a polygon"):
    """A lon/lat (Multi)Polygon as a valid projected MultiPolygon (or None)."""
    if geom is None or geom.is_empty:
        return None

    def op(g):
        parts = _in_domain(g, view, Polygon)
        if merge and len(parts) > 1:
            parts = _polygons(shapely.union_all(parts))  # join the pieces split at ±180: no seam in the fill
        projected = _project_parts(parts, view)
        invalid = ~shapely.is_valid(np.asarray(projected, dtype=object)) if projected else []
        out = []
        for p, bad in zip(projected, invalid):
            out.extend(_polygons(shapely.make_valid(p)) if bad else [p])
        return shapely.orient_polygons(MultiPolygon(out), exterior_cw=False) if out else None

    return _robust(op, geom, what)


def _map_lines(lines, view: _View, *, what: str = "a line"):
    """Lon/lat lines as a projected MultiLineString (or None)."""
    if lines is None or lines.is_empty:
        return None

    def op(g):
        parts = _project_parts(_in_domain(g, view, LineString), view)
        return MultiLineString(parts) if parts else None

    return _robust(op, lines, what)


# --------------------------------------------------------------------------- #
# the basemap (cached per level of detail)
# --------------------------------------------------------------------------- #
@lru_cache(maxsize=4)
def _basemap(tolerance_deg: float) -> tuple[tuple[str, Any, Any], ...]:
    """(iso3, polygon, border lines) of every country in lon/lat, simplified to
    ``tolerance_deg``; the border lines leave out the artificial edges."""
    from .geodata import country_geometries

    out = []
    for iso3, _name, geom in country_geometries():
        g: Any = shapely.simplify(geom, tolerance_deg) if tolerance_deg > 0 else geom
        if not g.is_valid:
            g = shapely.make_valid(g)
        out.append((iso3, g, _boundary_lines_fallback(g)))
    return tuple(out)


def _detail(view_width_m: float, width_px: int) -> float:
    px_km = view_width_m / 1000.0 / max(width_px, 1)
    return 0.2 if px_km >= 40.0 else 0.05 if px_km >= 8.0 else (0.02 if px_km >= 1.0 else 0.0)


# --------------------------------------------------------------------------- #
# what the map strokes (lon/lat), for the map and for tests
# --------------------------------------------------------------------------- #
def _ring_outlines(rings: Sequence) -> list:
    """The lines stroked for each ring, in lon/lat: its true boundary only."""
    return [boundary_lines(g) for g in rings]


def _rings_for(scenario: Scenario, rings: Sequence | None) -> list:
    pairs = scenario.pairs()
    if rings is None:
        from .rings import scenario_rings

        return [r.geometry for r in scenario_rings(scenario)]
    rings = [getattr(r, "geometry", r) for r in rings]  # geometries, or records holding one (.geometry)
    if len(rings) != len(pairs):
        raise ValueError(f"rings must hold one geometry per (site, system) pair: expected {len(pairs)}, got {len(rings)}")
    return rings


# --------------------------------------------------------------------------- #
# drawing
# --------------------------------------------------------------------------- #
def _patch(geom, tolerance: float = 0.0, **kw):
    """One PathPatch for a projected (Multi)Polygon (exteriors ccw, holes cw), its
    rings simplified to ``tolerance`` each on its own (as lines: fast, and a
    sub-pixel self-touch does not matter to a fill)."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MPath

    rings = [r for poly in _polygons(geom) for r in (poly.exterior, *poly.interiors)]
    if not rings:
        return None
    if tolerance > 0:
        rings = shapely.simplify(np.array(rings, dtype=object), tolerance, preserve_topology=False)
    verts, codes = [], []
    for ring in rings:
        v = shapely.get_coordinates(ring)
        if len(v) < 4:
            continue
        c = np.full(len(v), MPath.LINETO, dtype=MPath.code_type)
        c[0], c[-1] = MPath.MOVETO, MPath.CLOSEPOLY
        verts.append(v)
        codes.append(c)
    if not verts:
        return None
    return PathPatch(MPath(np.vstack(verts), np.concatenate(codes)), **kw)


def _segments(geom) -> list[np.ndarray]:
    return [np.asarray(line.coords) for line in _lines(geom) if len(line.coords) >= 2]


@contextmanager
def _style() -> Iterator[None]:
    """Matplotlib's default style plus the map's own settings, for this map only."""
    import matplotlib

    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update({"svg.hashsalt": "rangemap", "text.usetex": False, "svg.fonttype": "path"})
        yield


def render_static(scenario: Scenario, *, rings: Sequence | None = None, width_px: int = DEFAULT_WIDTH_PX,
                  dpi: int = DEFAULT_DPI, coverage: Any = None):
    """The static map as a :class:`matplotlib.figure.Figure` (with an Agg canvas).

    Parameters
    ----------
    scenario
        What to draw.
    rings
        The rings in :meth:`Scenario.pairs` order: lon/lat geometries (as
        :func:`rangemap.geodesy.range_rings` returns them) or records with a
        ``geometry`` attribute; computed when None.
    width_px, dpi
        Image width in pixels and resolution; see :func:`check_image_size`.
    coverage
        Accepted for symmetry with the interactive map; unused.
    """
    check_image_size(width_px, dpi)
    with _style():
        return _render(scenario, _rings_for(scenario, rings), int(width_px), int(dpi))


@dataclass
class _Layers:
    """Everything the map draws, projected."""

    rings: list
    outlines: list
    targets: dict
    sites: list
    world: Any
    extent: tuple[float, float, float, float] | None


def _layers(scenario: Scenario, rings: list, view: _View, target_codes: list, target_ll: list) -> _Layers:
    ring_xy = [_map_polygons(g, view, merge=True, what=f"ring {i + 1}") for i, g in enumerate(rings)]
    outline_xy = [_map_lines(g, view, what=f"the outline of ring {i + 1}") for i, g in enumerate(_ring_outlines(rings))]
    target_xy = {iso3: _map_polygons(g, view, what=f"target {iso3}") for iso3, g in zip(target_codes, target_ll)}
    sites_xy = [_project(_recentre(shapely.Point(s.lon, s.lat), view.lon0), view) for s in scenario.sites]
    world = _map_polygons(box(-180.0, -90.0, 180.0, 90.0), view, merge=True, what="the globe") \
        if view.kind == "global" else None
    extent = _extent(view, world, [*ring_xy, *target_xy.values(), *sites_xy])
    return _Layers(ring_xy, outline_xy, target_xy, sites_xy, world, extent)


def _render(scenario: Scenario, rings: list, width_px: int, dpi: int):
    from .geodata import country

    target_codes = list(dict.fromkeys(country(t).iso_a3 for t in scenario.targets))
    target_ll = [country(t).geometry for t in target_codes]
    view = _choose_view(scenario, rings, target_ll)
    layers = _layers(scenario, rings, view, target_codes, target_ll)
    if layers.extent is None:  # the AEQD extent blew up: draw the whole world instead
        view = _global_view(view.lon0)
        layers = _layers(scenario, rings, view, target_codes, target_ll)
    return _draw(scenario, width_px, dpi, view, layers)


def _extent(view: _View, world, geoms: Sequence) -> tuple[float, float, float, float] | None:
    """(minx, miny, maxx, maxy) of the map, padded; None when not finite."""
    if view.kind == "global":
        minx, miny, maxx, maxy = world.bounds if world is not None else (-1.73e7, -8.4e6, 1.73e7, 8.4e6)
        pad = 0.015 * (maxx - minx)
        return minx - pad, miny - pad, maxx + pad, maxy + pad
    bounds = np.array([g.bounds for g in geoms if g is not None and not g.is_empty], dtype=float)
    if len(bounds) == 0:
        minx, miny, maxx, maxy = -1e6, -1e6, 1e6, 1e6
    else:
        minx, miny = bounds[:, 0].min(), bounds[:, 1].min()
        maxx, maxy = bounds[:, 2].max(), bounds[:, 3].max()
    if not all(map(math.isfinite, (minx, miny, maxx, maxy))):
        return None
    if max(maxx - minx, maxy - miny) > 2.6 * GLOBAL_SCENE_KM * 1000.0:
        return None
    pad = 0.06 * max(maxx - minx, maxy - miny, 500_000.0)
    cx, cy = (minx + maxx) / 2.0, (miny + maxy) / 2.0
    half_w = max((maxx - minx) / 2.0 + pad, 250_000.0)
    half_h = max((maxy - miny) / 2.0 + pad, 250_000.0)
    return cx - half_w, cy - half_h, cx + half_w, cy + half_h


def _draw(scenario: Scenario, width_px: int, dpi: int, view: _View, layers: _Layers):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from .geodata import attribution, country, country_names

    assert layers.extent is not None
    minx, miny, maxx, maxy = layers.extent
    target_xy = layers.targets
    span_x, span_y = maxx - minx, maxy - miny
    width_in = width_px / dpi
    aspect = span_y / span_x if span_x > 0 and span_y > 0 else 1.0
    if not math.isfinite(aspect) or aspect <= 0:
        aspect = 1.0
    lat0, lon0 = view.lat0, view.lon0
    ew = f"{abs(lon0):.1f}°{'E' if lon0 >= 0 else 'W'}"
    if view.kind == "aeqd":
        how = f"azimuthal equidistant projection centred on {abs(lat0):.1f}°{'N' if lat0 >= 0 else 'S'}, {ew}"
    else:
        how = f"Equal Earth projection (equal-area) centred on {ew}"
    source = f"Source: {scenario.source}. " if scenario.source else ""
    # title and footer, wrapped to the width; the margins follow from their lines
    title = _wrap(mpl_literal(scenario.title), width_in, 14 * 1.1, max_lines=2)
    caption = _wrap(mpl_literal(f"{source}Exact geodesic rings on the WGS84 ellipsoid; {how}."), width_in, 7, max_lines=3)
    credits = _wrap(mpl_literal(attribution()), width_in, 6.5, max_lines=3)
    top_in = 0.2 + len(title) * 14 * 1.3 / 72
    credits_in = len(credits) * 6.5 * 1.35 / 72
    foot_in = 0.08 + credits_in + 0.05 + len(caption) * 7 * 1.35 / 72 + 0.08
    map_in = max(min(width_in * 0.98 * aspect, width_in * 1.4), width_in * 0.5)
    height_in = map_in + top_in + foot_in
    fig = Figure(figsize=(width_in, height_in), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.01, foot_in / height_in, 0.98, map_in / height_in))
    fig.text(0.5, 1.0 - 0.12 / height_in, "\n".join(title), ha="center", va="top", fontsize=14, fontweight="bold")
    fig.text(0.01, (0.08 + credits_in + 0.05) / height_in, "\n".join(caption), fontsize=7, color="#333333",
             va="bottom", linespacing=1.35)
    fig.text(0.01, 0.08 / height_in, "\n".join(credits), fontsize=6.5, color="#555555", va="bottom",
             linespacing=1.35)
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    px_m = span_x / max(width_px * 0.98, 1.0)  # metres per pixel, for simplifying what is drawn

    def add_patch(geom, *, zorder: float, **kw) -> None:
        if geom is None:
            return
        p = _patch(geom, 0.3 * px_m, zorder=zorder, **kw)  # sub-pixel simplification
        if p is not None:
            ax.add_artist(p)  # not add_patch: the limits are set already, and updating them is slow

    def add_lines(geoms, *, zorder: float, **kw) -> None:
        segs = [s for g in geoms if g is not None
                for s in _segments(shapely.simplify(g, 0.3 * px_m, preserve_topology=False))]
        if segs:
            ax.add_collection(LineCollection(segs, zorder=zorder, **kw), autolim=False)

    # background: the sea (the globe's outline on a global map)
    if view.kind == "global":
        ax.set_facecolor("white")
        for spine in ax.spines.values():
            spine.set_visible(False)
        add_patch(layers.world, facecolor=_SEA, edgecolor="#7a7a7a", linewidth=0.6, zorder=0)
    else:
        ax.set_facecolor(_SEA)

    # basemap: every other country in the domain; fill without edges, then the true borders
    targets = set(target_xy)
    land = [(g, lines) for iso3, g, lines in _basemap(_detail(span_x, width_px)) if iso3 not in targets]
    land_ll = MultiPolygon([p for g, _ in land for p in _polygons(g)])
    # an edge of the land colour hides the hairline between pieces split at the antimeridian
    add_patch(_map_polygons(land_ll, view, what="the basemap"), facecolor=_LAND, edgecolor=_LAND, linewidth=0.3,
              zorder=1)
    border_ll = MultiLineString([line for _, lines in land for line in _lines(lines)])
    add_lines([_map_lines(border_ll, view, what="the borders")], colors=_BORDER, linewidths=0.4, zorder=1.5)

    # targets
    names = country_names()
    target_lines = {iso3: _boundary_lines_fallback(country(iso3).geometry) for iso3 in target_xy}
    for iso3, g in target_xy.items():
        add_patch(g, facecolor=_TARGET, edgecolor=_TARGET, linewidth=0.3, zorder=2)
        add_lines([_map_lines(target_lines[iso3], view)], colors="#444444", linewidths=0.9, zorder=2.5)
        if g is None:
            continue
        visible = _robust(lambda x: shapely.intersection(x, box(minx, miny, maxx, maxy)), g, f"target {iso3}")
        parts = _polygons(visible)
        if parts:
            c = shapely.point_on_surface(max(parts, key=lambda p: p.area))
            ax.text(c.x, c.y, mpl_literal(names.get(iso3, iso3)), fontsize=9, ha="center", va="center",
                    color="#5a3a00", fontweight="bold", zorder=6, alpha=0.85, clip_on=True)

    # rings: a light fill, and a stroke along the true boundary only
    labelled: set[str] = set()
    for (_site, system), fill, line in zip(scenario.pairs(), layers.rings, layers.outlines):
        color = scenario.system_color(system)
        if fill is not None:
            add_patch(fill, facecolor=color, edgecolor="none", alpha=0.07, zorder=3, gid=RING_GID)
        if line is None:
            continue
        add_lines([line], colors=color, linewidths=1.8, linestyles=_LINESTYLES[scenario.system_style(system)],
                  zorder=4, gid=RING_GID)
        if system.name not in labelled:
            xy = shapely.get_coordinates(line)
            inside = xy[(xy[:, 0] > minx) & (xy[:, 0] < maxx) & (xy[:, 1] > miny) & (xy[:, 1] < maxy)]
            clear = inside[(inside[:, 0] > minx + 0.3 * span_x) | (inside[:, 1] > miny + 0.3 * span_y)]
            inside = clear if len(clear) else inside  # keep clear of the legend (lower left)
            if len(inside):
                labelled.add(system.name)
                x, y = inside[np.argmin(inside[:, 1])]
                ax.text(x, y, mpl_literal(f" {system.name} · {system.range_km:,.0f} km "), fontsize=8, color=color,
                        ha="center", va="top", fontweight="bold", zorder=7, clip_on=True,
                        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1})

    # sites
    for site, p in zip(scenario.sites, layers.sites):
        if p is None or p.is_empty:
            continue
        q = shapely.get_coordinates(p)[0]
        ax.plot([q[0]], [q[1]], marker="o", markersize=7, markerfacecolor="white", markeredgecolor="#111111",
                markeredgewidth=1.6, zorder=8)
        ax.annotate(mpl_literal(site.name), (q[0], q[1]), xytext=(6, 6), textcoords="offset points", fontsize=9,
                    zorder=9, annotation_clip=True,
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.75, "pad": 1})

    # legend, title, source and attribution
    handles: list[Any] = [
        Line2D([0], [0], color=scenario.system_color(s), linewidth=2, linestyle=_LINESTYLES[scenario.system_style(s)],
               label=mpl_literal(f"{s.label().replace(', ', ' — ', 1)}" + (f" ({s.year})" if s.year else "")))
        for s in scenario.systems]
    handles.append(Patch(facecolor=_TARGET, edgecolor="#444444", label="Target countries"))
    handles.append(Line2D([0], [0], marker="o", color="none", markerfacecolor="white", markeredgecolor="#111111",
                          markersize=7, label="Launch sites"))
    ax.legend(handles=handles, loc="lower left", fontsize=8, framealpha=0.92, title="Range rings", title_fontsize=9)
    if view.kind == "aeqd":
        _scale_bar(ax, minx, maxx, miny, maxy)
    return fig


def _wrap(text: str, width_in: float, fontsize: float, *, max_lines: int) -> list[str]:
    """``text`` wrapped (at spaces only) to lines that fit ``width_in`` at
    ``fontsize``, at most ``max_lines`` of them (the last one cut with "…")."""
    import textwrap

    chars = max(int(width_in * 0.97 * 72 / (fontsize * 0.56)), 10)
    lines = textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(chars - 1, 1)].rstrip("\\") + "…"
    return lines


def _scale_bar(ax, minx, maxx, miny, maxy) -> None:
    span = (maxx - minx) / 5
    nice = 10 ** math.floor(math.log10(span))
    length = max(n * nice for n in (1, 2, 5) if n * nice <= span)
    x0, y0 = maxx - (maxx - minx) * 0.04 - length, miny + (maxy - miny) * 0.04
    ax.plot([x0, x0 + length], [y0, y0], color="#222222", linewidth=3, solid_capstyle="butt", zorder=9)
    ax.text(x0 + length / 2, y0 + (maxy - miny) * 0.012, f"{length / 1000:,.0f} km (true from the centre)",
            ha="center", va="bottom", fontsize=7, zorder=9)


def figure_bytes(fig, fmt: str) -> bytes:
    """A figure from :func:`render_static` as PNG or SVG bytes, without metadata
    that changes from run to run (so the same input gives the same bytes)."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"fmt must be 'png' or 'svg', got {fmt!r}")
    buf = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
    with _style():
        fig.savefig(buf, format=fmt, dpi=fig.dpi, metadata=metadata, facecolor="white")
    return buf.getvalue()


def static_bytes(scenario: Scenario, fmt: str, *, rings: Sequence | None = None, **kwargs: Any) -> bytes:
    """The static map as PNG or SVG bytes (deterministic for the same input)."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"fmt must be 'png' or 'svg', got {fmt!r}")
    return figure_bytes(render_static(scenario, rings=rings, **kwargs), fmt)


def write_static(scenario: Scenario, path: str | Path, **kwargs: Any) -> Path:
    """Write the static map to ``path`` (``.png`` or ``.svg``), atomically."""
    from ._io import write_atomic

    fmt = Path(path).suffix.lower().lstrip(".")
    return write_atomic(path, static_bytes(scenario, fmt, **kwargs))
