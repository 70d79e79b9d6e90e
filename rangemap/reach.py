"""Reach analysis: from anywhere in a territory, launch baskets and a siting heat map.

All three answer questions about *sets* of launch points exactly, on the WGS84
ellipsoid, from the same building block: exact geodesic range rings
(:func:`rangemap.geodesy.range_rings`).

**Reach area** (:func:`reach_area`). Every point within ``R`` of a territory
``T`` is ``T`` plus the union of the disks of radius ``R`` round the points of
its boundary. The boundary is simplified by at most ``e3`` and sampled so that
neighbouring samples are at most ``d = sqrt(8 R e2)`` apart: a point within
``R`` of the straight piece between two samples is then within ``R + e2`` of
one of them. The disks are traced with boundary error ``e1``; with
``e1 + e2 + e3 = max_error_m`` every point of the result's boundary is within
``max_error_m`` of distance ``R`` from the territory. Most samples' disks lie
inside their neighbours' (in a concave bay, or far behind the coast at long
range): a sample is dropped when 180 test points round its circle all lie
inside another sample's disk with a 1 % margin (which covers the difference
between the sphere used for the test and the ellipsoid) or inside ``T``.

**Launch baskets** (:func:`launch_basket`). The points that reach *some*
point of a target are the target's reach area. The points that reach *every*
point of it are the intersection of the disks round its boundary samples;
only samples on or near the target's convex hull (on the unit sphere: a
linear function's minimum over a point set lies at a vertex of its 3-D convex
hull, and the farthest point from any launcher is where the dot product is
least) can be farthest from a launcher, so the disks of the others are left
out.

**Heat map** (:func:`siting_heatmap`). Candidate sites on an equal-area grid
(Lambert azimuthal equal-area, centred on the region) are scored against a
cos(latitude)-weighted sample of each target: the covered fraction is the
weighted share of sample points within range. Distances are spherical dot
products, and every distance within 0.7 % of the range is recomputed exactly
on the ellipsoid, so the classification is exact; the fraction agrees with
:func:`rangemap.measure.coverage` to well under a percentage point.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import shapely

from ._text import quote_value
from .errors import GeodesyError, InputError

__all__ = ["cities_in", "scenario_reach", "scenario_baskets", "scenario_heatmap", "best_sites", "reach_area", "launch_basket", "Basket", "territory", "siting_heatmap", "territory_full_coverage_km",
           "territory_distances_km"]

EARTH_RADIUS_KM = 6371.0088  # mean radius, for the spherical pre-tests only
_TEST_POINTS = 180
_MARGIN = 0.01


# --------------------------------------------------------------------------- #
# territories
# --------------------------------------------------------------------------- #
def territory(region: Any) -> Any:
    """A territory as a lon/lat shapely (Multi)Polygon.

    ``region`` is a shapely geometry, a country (ISO code or name), or the
    path of a GeoJSON file (``.geojson``/``.json``) whose polygons are united.
    """
    if hasattr(region, "geom_type"):
        geom = region
    elif isinstance(region, (str, os.PathLike)):
        name = os.fspath(region)
        if name.lower().endswith((".geojson", ".json")):
            geom = _read_geojson(name)
        else:
            from .geodata import country

            geom = country(name).geometry
    else:
        raise TypeError(f"a territory is a country name or code, a GeoJSON file or a geometry, not "
                        f"{type(region).__name__}")
    if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise InputError(f"territory {quote_value(str(region)[:80])} has no polygon")
    return geom


def _read_geojson(path: str) -> Any:
    import json

    from shapely.geometry import shape

    from ._io import read_text

    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(f"{quote_value(path)}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
    feats = data.get("features") if isinstance(data, dict) and data.get("type") == "FeatureCollection" else [data]
    geoms = []
    for f in feats or []:
        g = f.get("geometry") if isinstance(f, dict) and f.get("type") == "Feature" else f
        try:
            geoms.append(shape(g))
        except Exception:
            raise InputError(f"{quote_value(path)}: a feature is not a valid GeoJSON geometry") from None
    polys = [p for g in geoms for p in shapely.get_parts(shapely.make_valid(g)) if p.geom_type == "Polygon"]
    if not polys:
        raise InputError(f"{quote_value(path)}: no polygon in the file")
    return shapely.union_all(polys)


# --------------------------------------------------------------------------- #
# sampling
# --------------------------------------------------------------------------- #
def _budget(range_km: float, max_error_m: float) -> tuple[float, float, float]:
    """(ring error m, sample spacing km, simplification tolerance m)."""
    e1, e2, e3 = 0.4 * max_error_m, 0.3 * max_error_m, 0.3 * max_error_m
    spacing = math.sqrt(8.0 * range_km * e2 / 1000.0)
    return e1, spacing, e3


def _boundary_samples(geom: Any, spacing_km: float, simplify_m: float) -> np.ndarray:
    """Lon/lat points along every ring of ``geom``, at most ``spacing_km`` apart."""
    g = shapely.simplify(geom, simplify_m / 111_320.0 * 0.9, preserve_topology=True)
    # a degree of longitude is shorter than one of latitude: segmentize in
    # latitude degrees, which is never longer than spacing_km on the ground
    g = shapely.segmentize(g, max(spacing_km / 111.32, 1e-4))
    rings = [np.asarray(r.coords)[:-1] for p in shapely.get_parts(g) for r in (p.exterior, *p.interiors)]
    pts = np.vstack(rings) if rings else np.zeros((0, 2))
    # the data's artificial edges along ±180 and ±90 are not coast: keep them
    # (a territory across the antimeridian is one piece on the globe; samples
    # there are inside it, and pruning drops their disks)
    return np.unique(np.round(pts, 9), axis=0)


def _unit(lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    lo, la = np.radians(lons), np.radians(lats)
    c = np.cos(la)
    return np.column_stack([c * np.cos(lo), c * np.sin(lo), np.sin(la)])


def _circle_points(xyz: np.ndarray, angle: float, n: int) -> np.ndarray:
    """``n`` points at angular distance ``angle`` round each unit vector (N, n, 3)."""
    up = np.where(np.abs(xyz[:, 2:3]) < 0.9, np.array([[0.0, 0.0, 1.0]]), np.array([[1.0, 0.0, 0.0]]))
    e1 = np.cross(up, xyz)
    e1 /= np.linalg.norm(e1, axis=1, keepdims=True)
    e2 = np.cross(xyz, e1)
    t = np.linspace(0.0, 2.0 * np.pi, n, endpoint=False)
    ring = np.cos(angle) * xyz[:, None, :] + np.sin(angle) * (
        np.cos(t)[None, :, None] * e1[:, None, :] + np.sin(t)[None, :, None] * e2[:, None, :])
    return ring


def _needed(samples: np.ndarray, range_km: float, inside: Any = None) -> np.ndarray:
    """Which samples' disks can reach past every other sample's disk (and past ``inside``)."""
    from scipy.spatial import cKDTree

    n = len(samples)
    if n <= 3:
        return np.ones(n, dtype=bool)
    angle = range_km / EARTH_RADIUS_KM
    if angle >= math.pi * 0.98:
        return np.ones(n, dtype=bool)
    xyz = _unit(samples[:, 0], samples[:, 1])
    tree = cKDTree(xyz)
    covered_chord = 2.0 * math.sin(min(angle * (1.0 - _MARGIN), math.pi) / 2.0)
    keep = np.zeros(n, dtype=bool)
    for lo in range(0, n, 2000):
        block = np.arange(lo, min(n, lo + 2000))
        test = _circle_points(xyz[block], angle, _TEST_POINTS).reshape(-1, 3)
        # the owner is at chord(angle) > covered_chord, so it is never found;
        # an approximate search (eps) that finds a point proves coverage, and
        # only the test points it does not settle are searched exactly
        dist, _ = tree.query(test, k=1, eps=1.0, distance_upper_bound=covered_chord)
        free = ~np.isfinite(dist)
        if free.any():
            exact, _ = tree.query(test[free], k=1, distance_upper_bound=covered_chord)
            free[np.flatnonzero(free)[np.isfinite(exact)]] = False
        if inside is not None and free.any():
            lon = np.degrees(np.arctan2(test[free, 1], test[free, 0]))
            lat = np.degrees(np.arcsin(np.clip(test[free, 2], -1, 1)))
            within = shapely.contains_xy(inside, lon, lat)
            f = np.flatnonzero(free)
            free[f[within]] = False
        keep[block] = free.reshape(len(block), _TEST_POINTS).any(axis=1)
    return keep


def _check_range(range_km: float) -> float:
    try:
        r = float(range_km)
    except (TypeError, ValueError, OverflowError):
        raise GeodesyError(f"range_km must be a number, got {quote_value(range_km)}") from None
    if not (math.isfinite(r) and r > 0):
        raise GeodesyError(f"range_km must be a positive number of km, got {quote_value(range_km)}")
    return r


# --------------------------------------------------------------------------- #
# reach areas
# --------------------------------------------------------------------------- #
def reach_area(region: Any, range_km: float, *, max_error_m: float = 100.0) -> Any:
    """Every point within ``range_km`` of a territory: the territory plus its
    geodesic buffer, as a lon/lat shapely geometry.

    Parameters
    ----------
    region
        A country (ISO code or name), a GeoJSON file, or a lon/lat shapely polygon.
    range_km
        The range, in km.
    max_error_m
        Every point of the result's boundary is within this many metres of
        distance ``range_km`` from the territory.

    Examples
    --------
    >>> area = reach_area("JPN", 3000)
    >>> area.contains(shapely.Point(125.75, 39.02))   # Pyongyang
    True
    """
    from .geodesy import range_rings

    geom = territory(region)
    r = _check_range(range_km)
    e1, spacing, e3 = _budget(r, max_error_m)
    samples = _boundary_samples(geom, spacing, e3)
    shapely.prepare(geom)
    keep = _needed(samples, r, inside=geom)
    pts = samples[keep]
    rings = range_rings(pts[:, 1].tolist(), pts[:, 0].tolist(), [r] * len(pts), max_error_m=e1) if len(pts) else []
    area = shapely.make_valid(shapely.union_all([geom, *rings]))
    return _fill_holes(area, samples, keep, r, e1)


def _fill_holes(area: Any, samples: np.ndarray, keep: np.ndarray, r: float, e1: float) -> Any:
    """Add back the dropped disks that reach into a hole of the union.

    A sample is dropped when the *circle* round it lies inside the other disks
    and the territory; its disk can still cover a hole that they leave (an
    estuary or a lake behind the coast at long range). Points spread over each
    hole are measured against every sample; the dropped samples nearest to
    the points within range have their disks added back."""
    from scipy.spatial import cKDTree

    from .geodesy import _geod, range_rings

    holes = [shapely.Polygon(ring) for p in shapely.get_parts(area) for ring in p.interiors]
    dropped = samples[~keep]
    if not holes or len(dropped) == 0:
        return area
    tree = cKDTree(_unit(dropped[:, 0], dropped[:, 1]))
    extra: set[int] = set()
    for hole in holes:
        minx, miny, maxx, maxy = hole.bounds
        mx, my = np.meshgrid(np.linspace(minx, maxx, 24), np.linspace(miny, maxy, 24))
        gx, gy = mx.ravel(), my.ravel()
        inside = shapely.contains_xy(hole, gx, gy)
        probe = np.vstack([np.column_stack([gx[inside], gy[inside]]), shapely.get_coordinates(hole)[::4]])
        k = min(16, len(dropped))
        _, idx = tree.query(_unit(probe[:, 0], probe[:, 1]), k=k)
        idx = np.asarray(idx).reshape(len(probe), k)
        _, _, d = _geod().inv(np.repeat(probe[:, 0], k), np.repeat(probe[:, 1], k),
                              dropped[idx.ravel(), 0], dropped[idx.ravel(), 1])
        within = np.asarray(d).reshape(len(probe), k) < r * 1000.0
        extra.update(int(i) for i in idx[within])
    if not extra:
        return area
    pts = dropped[sorted(extra)]
    rings = range_rings(pts[:, 1].tolist(), pts[:, 0].tolist(), [r] * len(pts), max_error_m=e1)
    return shapely.make_valid(shapely.union_all([area, *rings]))


@dataclass(frozen=True)
class Basket:
    """A launch basket: where a launcher must stand. ``geometry`` is lon/lat
    (empty when no point qualifies); ``area_km2`` is geodesic."""

    target: str
    range_km: float
    cover: str  # "all" or "any"
    within: str | None
    geometry: Any
    area_km2: float

    @property
    def empty(self) -> bool:
        return self.geometry.is_empty or self.area_km2 <= 0.0

    def describe(self) -> str:
        """One sentence for reports ("no point of Japan reaches all of China at 3,000 km")."""
        where = f"of {self.within}" if self.within else "on Earth"
        what = "all of" if self.cover == "all" else "any of"
        if self.empty:
            return f"no point {where} reaches {what} {self.target} at {self.range_km:,.0f} km"
        return (f"{self.area_km2:,.0f} km² {'of ' + self.within if self.within else ''} reaches {what} "
                f"{self.target} at {self.range_km:,.0f} km").replace("  ", " ")


def _target_geometry(target: Any) -> tuple[Any, str]:
    """(lon/lat geometry, name) of a basket target: a (lat, lon) pair, a Point, a country or a GeoJSON file."""
    from shapely.geometry import Point

    if isinstance(target, tuple) and len(target) == 2:
        lat, lon = target
        from .models import check_lat_lon

        check_lat_lon(lat, lon, what="target")
        return Point(float(lon), float(lat)), f"({lat:.3f}, {lon:.3f})"
    if hasattr(target, "geom_type") and target.geom_type == "Point":
        return target, f"({target.y:.3f}, {target.x:.3f})"
    geom = territory(target)
    name = target if isinstance(target, str) else "the target"
    if isinstance(target, str) and not target.lower().endswith((".geojson", ".json")):
        from .geodata import country

        name = country(target).name
    return geom, name


def launch_basket(target: Any, range_km: float, *, cover: str = "all", within: Any = None,
                  max_error_m: float = 100.0) -> Basket:
    """Where a launcher of range ``range_km`` must stand to reach all (or any) of a target.

    Parameters
    ----------
    target
        A (lat, lon) pair, a shapely Point, a country (ISO code or name) or a GeoJSON file.
    cover
        ``"all"``: reach every point of the target; ``"any"``: reach some point of it.
    within
        Clip the basket to a basing territory (a country or a GeoJSON file).

    Returns
    -------
    Basket
        The geometry (lon/lat) and its geodesic area.
    """
    from .geodesy import geodesic_area_km2, range_rings

    if cover not in ("all", "any"):
        raise InputError(f"cover must be \"all\" or \"any\", got {quote_value(cover)}")
    r = _check_range(range_km)
    geom, name = _target_geometry(target)
    e1, spacing, e3 = _budget(r, max_error_m)
    if geom.geom_type == "Point":
        basket = range_rings([geom.y], [geom.x], [r], max_error_m=max_error_m)[0]
    w = territory(within) if within is not None else None
    if geom.geom_type == "Point":
        pass
    elif cover == "any":
        basket = reach_area(geom, r, max_error_m=max_error_m)
    else:
        basket = _all_basket(geom, r, e1, spacing, e3, within=w)
    within_name = None
    if within is not None:
        within_name = within if isinstance(within, str) else "the basing territory"
        if isinstance(within, str) and not within.lower().endswith((".geojson", ".json")):
            from .geodata import country

            within_name = country(within).name
        basket = shapely.intersection(basket, w)
    basket = shapely.make_valid(basket) if not basket.is_empty else basket
    polys = [p for p in shapely.get_parts(basket) if p.geom_type == "Polygon" and not p.is_empty]
    basket = shapely.union_all(polys) if polys else shapely.Polygon()
    area = geodesic_area_km2(basket) if not basket.is_empty else 0.0
    return Basket(target=name, range_km=r, cover=cover, within=within_name, geometry=basket, area_km2=area)


def _all_basket(geom: Any, r: float, e1: float, spacing: float, e3: float, within: Any = None) -> Any:
    from scipy.spatial import ConvexHull, QhullError

    from .geodesy import range_rings

    samples = _boundary_samples(geom, spacing, e3)
    xyz = _unit(samples[:, 0], samples[:, 1])
    try:
        hull = ConvexHull(xyz)
        # keep every sample within a thin shell of the hull (the sphere is
        # not the ellipsoid: a sample just inside the hull can be the
        # farthest on the ellipsoid)
        normals, offsets = hull.equations[:, :3], hull.equations[:, 3]
        depth = (xyz @ normals.T + offsets).max(axis=1)
        keep = depth > -0.005
    except (QhullError, ValueError):
        keep = np.ones(len(samples), dtype=bool)
    pts = samples[keep]
    rings = range_rings(pts[:, 1].tolist(), pts[:, 0].tolist(), [r] * len(pts), max_error_m=e1)
    # nearest-to-farthest order does not matter for the result; start with the
    # rings of the samples farthest apart so the intersection shrinks fast
    basket = rings[0]
    order = np.argsort(xyz[keep] @ xyz[keep][0])
    for i in order:
        basket = shapely.intersection(basket, rings[i])
        if basket.is_empty:
            break
    return basket


# --------------------------------------------------------------------------- #
# distances from a territory
# --------------------------------------------------------------------------- #
@lru_cache(maxsize=32)
def _named_territory_samples(name: str, spacing_km: float) -> tuple[Any, np.ndarray]:
    """A named territory (a country or a GeoJSON path) and its boundary samples, cached."""
    geom = territory(name)
    shapely.prepare(geom)
    return geom, _boundary_samples(geom, spacing_km, 10.0)


def _territory_samples(region: Any, spacing_km: float) -> tuple[Any, np.ndarray]:
    if isinstance(region, (str, os.PathLike)):
        return _named_territory_samples(os.fspath(region), spacing_km)
    geom = territory(region)
    return geom, _boundary_samples(geom, spacing_km, 10.0)


def territory_distances_km(region: Any, lons: np.ndarray, lats: np.ndarray, *, spacing_km: float = 5.0) -> np.ndarray:
    """Geodesic distance (km) from the nearest point of a territory to each
    point (0 inside it), to within about ``spacing_km**2 / (8 d)`` km plus the
    boundary sampling (5 km spacing: under 1 km at 10 km and farther)."""
    from scipy.spatial import cKDTree

    from .geodesy import _geod

    geom, samples = _territory_samples(region, spacing_km)
    lons, lats = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
    out = np.zeros(len(lons))
    inside = shapely.contains_xy(geom, lons, lats)
    todo = np.flatnonzero(~inside)
    if len(todo) == 0:
        return out
    tree = cKDTree(_unit(samples[:, 0], samples[:, 1]))
    k = min(8, len(samples))
    _, idx = tree.query(_unit(lons[todo], lats[todo]), k=k)
    idx = idx.reshape(len(todo), k)
    plon = np.repeat(lons[todo], k)
    plat = np.repeat(lats[todo], k)
    _, _, d = _geod().inv(plon, plat, samples[idx.ravel(), 0], samples[idx.ravel(), 1])
    out[todo] = np.asarray(d).reshape(len(todo), k).min(axis=1) / 1000.0
    return out


def territory_full_coverage_km(region: Any, target_geom: Any) -> float:
    """The range a launcher anywhere in the territory needs to cover the whole
    target: the largest distance from the nearest point of the territory to
    any point of the target (its boundary vertices and a 0.25° grid inside)."""
    minx, miny, maxx, maxy = target_geom.bounds
    mx, my = np.meshgrid(np.arange(minx, maxx, 0.25), np.arange(miny, maxy, 0.25))
    gx, gy = mx.ravel(), my.ravel()
    inside = shapely.contains_xy(target_geom, gx, gy)
    verts = shapely.get_coordinates(target_geom)
    lons = np.concatenate([verts[:, 0], gx[inside]])
    lats = np.concatenate([verts[:, 1], gy[inside]])
    return float(territory_distances_km(region, lons, lats).max())


@lru_cache(maxsize=1)
def _all_cities() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Lon, lat, population and capital flag of every bundled city."""
    import pandas as pd

    from .geodata import data_path

    df = pd.read_csv(data_path("cities15000.csv"), usecols=["lat", "lon", "population", "capital"],
                     dtype={"lat": float, "lon": float, "population": np.int64, "capital": np.int8})
    return (df["lon"].to_numpy(), df["lat"].to_numpy(), df["population"].to_numpy(),
            df["capital"].to_numpy().astype(bool))


@lru_cache(maxsize=64)
def cities_in(iso3: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[float, float] | None]:
    """Lon, lat and population of the cities inside a country's geometry (the
    one drawn and measured, whatever country code the city has), and its
    capital (lon, lat): the capital flagged in the data that lies inside,
    preferring the one coded to this country."""
    from .geodata import city_lines, country, parse_city_line

    geom = country(iso3).geometry

    lons, lats, pops, caps = _all_cities()
    minx, miny, maxx, maxy = geom.bounds
    near = np.flatnonzero((lons >= minx) & (lons <= maxx) & (lats >= miny) & (lats <= maxy))
    inside = near[shapely.contains_xy(geom, lons[near], lats[near])]
    capital = None
    cap_idx = inside[caps[inside]]
    if len(cap_idx):
        # prefer the capital the data codes to this country (a country's own capital)
        tag = f",{iso3},"
        own = [i for i in cap_idx if tag in city_lines()[i] and parse_city_line(city_lines()[i])[5] == iso3]
        i = own[0] if own else cap_idx[np.argmax(pops[cap_idx])]
        capital = (float(lons[i]), float(lats[i]))
    else:
        # a capital just outside the 1:50m border (Suva, Jerusalem) is still its country's
        tag = f",{iso3},"
        coded = [i for i in np.flatnonzero(caps) if tag in city_lines()[i] and parse_city_line(city_lines()[i])[5] == iso3]
        if coded:
            capital = (float(lons[coded[0]]), float(lats[coded[0]]))
    out = (lons[inside], lats[inside], pops[inside])
    for a in out:
        a.flags.writeable = False  # cached: shared by every caller
    return out[0], out[1], out[2], capital


# --------------------------------------------------------------------------- #
# the siting heat map
# --------------------------------------------------------------------------- #
def _grid_cells(region_geom: Any, spacing_km: float) -> tuple[np.ndarray, np.ndarray]:
    """Lon/lat of an equal-area grid (LAEA centred on the region) inside the region."""
    from pyproj import Transformer

    c = shapely.point_on_surface(region_geom)
    laea = f"+proj=laea +lat_0={c.y:.6f} +lon_0={c.x:.6f} +datum=WGS84 +units=m +no_defs"
    fwd = Transformer.from_crs("EPSG:4326", laea, always_xy=True)
    inv = Transformer.from_crs(laea, "EPSG:4326", always_xy=True)
    xy = shapely.get_coordinates(region_geom)
    x, y = fwd.transform(xy[:, 0], xy[:, 1])
    x, y = np.asarray(x), np.asarray(y)
    ok = np.isfinite(x) & np.isfinite(y)
    step = spacing_km * 1000.0
    gx = np.arange(np.floor(x[ok].min() / step) * step + step / 2, x[ok].max(), step)
    gy = np.arange(np.floor(y[ok].min() / step) * step + step / 2, y[ok].max(), step)
    if len(gx) * len(gy) > 5_000_000:
        raise InputError(f"a {spacing_km:g} km grid over this region has over 5 million cells; use a larger spacing")
    mx, my = np.meshgrid(gx, gy)
    lon, lat = inv.transform(mx.ravel(), my.ravel())
    lon, lat = np.asarray(lon), np.asarray(lat)
    inside = shapely.contains_xy(region_geom, lon, lat)
    return lon[inside], lat[inside]


@lru_cache(maxsize=32)
def target_sample(iso3: str, n: int = 20_000) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lon, lat and area weight (km²) of a regular lon/lat sample of a
    country, weighted by cos(latitude): an equal-area sample of about ``n``
    points."""
    from .geodata import country
    from .geodesy import geodesic_area_km2

    geom = country(iso3).geometry
    area = geodesic_area_km2(geom)
    minx, miny, maxx, maxy = geom.bounds
    mean_cos = max(math.cos(math.radians((miny + maxy) / 2)), 0.05)
    step = math.sqrt(max(area, 1.0) / n) / (111.32 * math.sqrt(mean_cos))
    step = max(step, 1e-3)
    for _ in range(6):
        mx, my = np.meshgrid(np.arange(minx + step / 2, maxx, step), np.arange(miny + step / 2, maxy, step))
        gx, gy = mx.ravel(), my.ravel()
        inside = shapely.contains_xy(geom, gx, gy)
        if inside.sum() >= n // 4:
            break
        step /= 2
    lon, lat = gx[inside], gy[inside]
    w = np.cos(np.radians(lat))
    out = (lon, lat, w * (area / w.sum()))
    for a in out:
        a.flags.writeable = False  # cached: shared by every caller
    return out


_F = 1 / 298.257223563
_A_KM = 6378.137


def _lambert_km(lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray) -> np.ndarray:
    """Lambert's formula: ellipsoidal distance to within about 10 m at these
    ranges (a first-order flattening correction of the great-circle distance
    between reduced latitudes). A pre-test only: results near the range are
    recomputed exactly."""
    b1 = np.arctan((1 - _F) * np.tan(np.radians(lat1)))
    b2 = np.arctan((1 - _F) * np.tan(np.radians(lat2)))
    dlon = np.radians(lon2 - lon1)
    h = np.sin((b2 - b1) / 2) ** 2 + np.cos(b1) * np.cos(b2) * np.sin(dlon / 2) ** 2
    sigma = 2 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
    p, q = (b1 + b2) / 2, (b2 - b1) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        x = (sigma - np.sin(sigma)) * np.sin(p) ** 2 * np.cos(q) ** 2 / np.cos(sigma / 2) ** 2
        y = (sigma + np.sin(sigma)) * np.cos(p) ** 2 * np.sin(q) ** 2 / np.sin(sigma / 2) ** 2
    corr = np.nan_to_num(x + y, nan=0.0, posinf=0.0, neginf=0.0)
    return _A_KM * (sigma - _F / 2 * corr)


def _weighted_within(c_lon: np.ndarray, c_lat: np.ndarray, p_lon: np.ndarray, p_lat: np.ndarray,
                     weights: np.ndarray, radii: Sequence[float], *, exact_sum: bool = False) -> np.ndarray:
    """(radii x cells): the sum of the weights of the points whose geodesic
    distance from each cell is below each radius, exactly on the ellipsoid.

    A spherical dot product settles most pairs; pairs within 0.7 % of a radius
    go to Lambert's formula, and those within 0.01 % of it to the exact
    geodesic (pyproj). ``exact_sum`` adds the weights in float64 (for
    population counts); otherwise in float32 (for fractions)."""
    from .geodesy import _geod

    dots = _unit(c_lon, c_lat).astype(np.float32) @ _unit(p_lon, p_lat).T.astype(np.float32)
    w32 = weights.astype(np.float64)
    sum_type = np.float64 if exact_sum else np.float32
    out = np.zeros((len(radii), len(c_lon)))
    for k, r in enumerate(radii):
        # float32 dot products are good to about 1e-7: widen the band by that
        cos_lo = math.cos(min(r * (1 + 0.007) / EARTH_RADIUS_KM, math.pi)) - 1e-6
        cos_hi = math.cos(min(r * (1 - 0.007) / EARTH_RADIUS_KM, math.pi)) + 1e-6
        sure = dots > cos_hi
        out[k] = sure.astype(sum_type) @ w32.astype(sum_type)
        i, j = np.nonzero((dots > cos_lo) ^ sure)
        if len(i):
            d = _lambert_km(c_lon[i], c_lat[i], p_lon[j], p_lat[j])
            inside = d < r
            close = np.abs(d - r) < r * 0.0001 + 0.1
            if close.any():
                _, _, exact = _geod().inv(c_lon[i[close]], c_lat[i[close]], p_lon[j[close]], p_lat[j[close]])
                inside[close] = np.asarray(exact) < r * 1000.0
            out[k] += np.bincount(i[inside], weights=w32[j[inside]], minlength=len(c_lon))
    return out


def siting_heatmap(region: Any, ranges: Sequence[tuple[str, float]], targets: Iterable[str], *,
                   spacing_km: float = 25.0, progress: Any = None) -> Any:
    """Score candidate launch sites on an equal-area grid inside ``region``.

    Parameters
    ----------
    region
        Where the launchers may stand: a country, a GeoJSON file or a geometry.
    ranges
        ``(system name, range km)`` pairs.
    targets
        ISO alpha-3 codes.
    spacing_km
        Grid spacing (the cells are equal-area: ``spacing_km**2`` km² each).

    Returns
    -------
    pandas.DataFrame
        One row per cell x system x target: ``lat``, ``lon``, ``system``,
        ``range_km``, ``target``, ``covered_fraction``, ``population_in_range``.
    """
    import pandas as pd


    if not (isinstance(spacing_km, (int, float)) and math.isfinite(spacing_km) and spacing_km > 0):
        raise InputError(f"spacing_km must be a positive number, got {quote_value(spacing_km)}")
    geom = territory(region)
    lon, lat = _grid_cells(geom, float(spacing_km))
    frames = []
    targets = list(targets)
    radii = [_check_range(r) for _, r in ranges]
    for iso3 in targets:
        p_lon, p_lat, w = target_sample(iso3)
        c_lon, c_lat, c_pop, _ = cities_in(iso3)
        frac = np.zeros((len(radii), len(lon)))
        pop = np.zeros((len(radii), len(lon)), dtype=np.int64)
        wn = w / w.sum()
        for lo in range(0, len(lon), 256):
            sl = slice(lo, lo + 256)
            frac[:, sl] = _weighted_within(lon[sl], lat[sl], p_lon, p_lat, wn, radii)
            if len(c_lon):
                pop[:, sl] = np.rint(_weighted_within(lon[sl], lat[sl], c_lon, c_lat, c_pop.astype(float), radii,
                                                      exact_sum=True))
        if progress is not None:
            progress(f"{iso3}: {len(lon):,} cells x {len(radii)} systems")
        for k, (name, _) in enumerate(ranges):
            frames.append(pd.DataFrame({"lat": lat, "lon": lon, "system": name, "range_km": radii[k], "target": iso3,
                                        "covered_fraction": np.clip(frac[k], 0.0, 1.0), "population_in_range": pop[k]}))
    columns = ["lat", "lon", "system", "range_km", "target", "covered_fraction", "population_in_range"]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    out.attrs["spacing_km"] = float(spacing_km)
    return out


# --------------------------------------------------------------------------- #
# a scenario's baskets and heat map
# --------------------------------------------------------------------------- #
def scenario_baskets(scenario: Any) -> list[tuple[Any, Basket]]:
    """``(spec, basket)`` for every ``[[baskets]]`` entry of a scenario."""
    systems = {s.name: s for s in scenario.systems}
    return [(spec, launch_basket(spec.target, systems[spec.system].range_km, cover=spec.cover, within=spec.within))
            for spec in scenario.baskets]


def scenario_heatmap(scenario: Any, *, region: str | None = None, spacing_km: float | None = None,
                     progress: Any = None) -> Any:
    """The siting heat map of a scenario's ``[heatmap]`` (or of ``region``),
    for every system against every target; None when there is neither."""
    spec = scenario.heatmap
    region = region or (spec.region if spec else None)
    if region is None:
        return None
    spacing = spacing_km or (spec.spacing_km if spec else 25.0)
    return siting_heatmap(region, [(s.name, s.range_km) for s in scenario.systems], scenario.targets,
                          spacing_km=spacing, progress=progress)


def scenario_reach(scenario: Any, *, progress: Any = None) -> tuple[list[tuple[Any, Basket]], Any]:
    """A scenario's launch baskets and heat map, each only if it asks for them."""
    baskets = scenario_baskets(scenario) if scenario.baskets else []
    heat = None
    if scenario.heatmap is not None:
        if progress is not None:
            progress(f"heat map: scoring launch sites every {scenario.heatmap.spacing_km:g} km in "
                     f"{scenario.heatmap.region}")
        heat = scenario_heatmap(scenario)
    return baskets, heat


def best_sites(heat: Any, n: int = 10) -> Any:
    """The ``n`` best cells per system and target: most covered, then most people."""
    if heat is None or len(heat) == 0:
        return heat
    ordered = heat.sort_values(["system", "target", "covered_fraction", "population_in_range", "lat", "lon"],
                               ascending=[True, True, False, False, True, True])
    return ordered.groupby(["system", "target"], sort=False).head(n).reset_index(drop=True)
