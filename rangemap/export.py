"""Scenario and rings -> GeoJSON (RFC 7946), KML and GeoPackage for GIS users,
and :func:`export`, which picks the format (static PNG/SVG included) from the
file name.

Every function takes the rings precomputed (``rings=``, one per
:meth:`Scenario.pairs` entry, as :func:`rangemap.geodesy.range_rings` returns
them, or records with a ``geometry``), and computes them when they are not
given. Text from the scenario is hostile: KML and GeoPackage strings go
through :func:`rangemap._text.xml_safe` (a NUL would make the KML invalid XML
and cut a GeoPackage value short).

KML for Google Earth
--------------------
shapely, GeoJSON and Leaflet join polygon vertices with straight lines in
lon/lat; Google Earth joins them along great circles. The two readings agree
only on short edges, so the KML is written so that both give the same shape:

* **Densified edges.** Every edge of every polygon ring and outline is split
  (at equal steps in lon/lat, so the lon/lat reading is unchanged) until the
  great-circle midpoint and the lon/lat midpoint of each piece lie less than
  ``KML_MAX_DIVERGENCE_M`` (50 m, on the sphere) apart, and no piece is longer
  than ``KML_MAX_EDGE_KM`` (200 km). The tests check the result against
  pyproj's ellipsoidal geodesics: under 100 m everywhere.
* **Rings that hold a pole, or span 180° of longitude or more, are cut into
  octants**: along the meridians -180°, -90°, 0°, 90°, 180° and the equator.
  Those cuts are themselves great circles, so every edge they add means the
  same thing to Google Earth as to shapely, and each piece lies within one
  octant (a spherical triangle with 90° sides), far from any ambiguity about
  which side of the ring is inside. This covers rings round one pole (closed
  by edges along ±180° and the pole: in an octant the pole edge shrinks to a
  point) and rings round both poles (the world box minus the far cap, which
  Google Earth would otherwise read as a line round the globe). Other rings are
  written as they are (split at ±180° where they cross it).
* **Fill without outline, and a separate outline.** The polygons' style has
  ``<outline>0</outline>``, so the cut edges and the closing edges along ±180°
  and the pole are never stroked; each ring's Placemark also holds its true
  boundary (:func:`rangemap.static.boundary_lines`) as densified
  ``LineString``\\ s, which carry the line style.

GeoPackage
----------
Written through a hidden temporary directory beside the target and moved into
place, so a failure, Ctrl-C or SIGTERM leaves no partial or temporary files.
The file is reproducible: GDAL's ``OGR_CURRENT_DATE`` (the time stamp in
``gpkg_contents``) is pinned to ``SOURCE_DATE_EPOCH`` when set, else to
2000-01-01, unless the caller has set it.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon, box, mapping

from ._text import xml_safe

__all__ = [
    "feature",
    "features_collection",
    "round_geometry",
    "scenario_features",
    "to_geojson",
    "to_kml",
    "write_gpkg",
    "export",
    "kml_polygons",
    "densify_for_great_circles",
    "edge_divergence_m",
    "EXPORT_FORMATS",
    "KML_MAX_DIVERGENCE_M",
    "KML_MAX_EDGE_KM",
]

#: KML edges are split until great-circle and lon/lat midpoints are this close (sphere).
KML_MAX_DIVERGENCE_M = 50.0
#: ... and no KML edge is longer than this.
KML_MAX_EDGE_KM = 200.0
_R_SPHERE_M = 6_371_008.8
_GPKG_DEFAULT_DATE = "2000-01-01T00:00:00.000Z"


def round_geometry(geom, precision: int = 6):
    """Round coordinates to ``precision`` decimals (6 is about 0.1 m)."""
    return shapely.transform(geom, lambda xy: np.round(xy, precision))


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.bool_,)):
        return bool(value)
    return value


def feature(properties: dict[str, Any], geom, *, precision: int = 6) -> dict[str, Any]:
    """One GeoJSON Feature; polygons keep their counter-clockwise exteriors."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        geom = shapely.orient_polygons(geom, exterior_cw=False)
    return {
        "type": "Feature",
        "properties": {k: _clean(v) for k, v in properties.items()},
        "geometry": mapping(round_geometry(geom, precision)),
    }


def features_collection(items: Iterable[tuple[dict[str, Any], Any]], *, precision: int = 6) -> dict[str, Any]:
    """A GeoJSON FeatureCollection from ``(properties, geometry)`` pairs."""
    return {"type": "FeatureCollection", "features": [feature(p, g, precision=precision) for p, g in items]}


# --------------------------------------------------------------------------- #
# scenario exports
# --------------------------------------------------------------------------- #
def _ring_geoms(scenario, rings: Sequence | None) -> list:
    """The rings as geometries in :meth:`Scenario.pairs` order (computed when None)."""
    pairs = scenario.pairs()
    if rings is None:
        from .rings import scenario_rings

        return [r.geometry for r in scenario_rings(scenario)]
    geoms = [getattr(r, "geometry", r) for r in rings]
    if len(geoms) != len(pairs):
        raise ValueError(f"rings must hold one geometry per (site, system) pair: expected {len(pairs)}, got {len(geoms)}")
    return geoms


def scenario_features(scenario, *, rings: Sequence | None = None
                      ) -> tuple[list[tuple[dict[str, Any], Any]], list[tuple[dict[str, Any], Any]]]:
    """(ring features, site features) as (properties, geometry) pairs."""
    from shapely.geometry import Point

    out = []
    for (site, system), geom in zip(scenario.pairs(), _ring_geoms(scenario, rings)):
        out.append(({"site": site.name, "system": system.name, "range_km": system.range_km, "year": system.year,
                     "color": scenario.system_color(system), "style": scenario.system_style(system),
                     "min_range_km": system.min_range_km, "territory": site.territory,
                     "label": f"{system.label()} from {site.name}"}, geom))
    sites = []
    for site in scenario.sites:
        names = [s.name for s in scenario.systems if not site.systems or s.name in site.systems]
        sites.append(({"name": site.name, "systems": ", ".join(names), "lat": site.lat, "lon": site.lon},
                      Point(site.lon, site.lat)))
    return out, sites


def to_geojson(scenario, *, precision: int = 6, rings: Sequence | None = None) -> str:
    """RFC 7946 GeoJSON: ring Features (split at the antimeridian, counter-clockwise)
    and site Points, with the attribution as a foreign member."""
    import json

    from .geodata import attribution

    ring_items, sites = scenario_features(scenario, rings=rings)
    fc = features_collection([*ring_items, *sites], precision=precision)
    fc["name"] = scenario.title
    fc["attribution"] = attribution()
    return json.dumps(fc, ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- #
# KML
# --------------------------------------------------------------------------- #
def _kml_color(hex_color: str, alpha: int) -> str:
    r, g, b = hex_color[1:3], hex_color[3:5], hex_color[5:7]
    return f"{alpha:02x}{b}{g}{r}"


def _unit(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=-1)


def _arc_m(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Great-circle distance between unit vectors, on the mean sphere."""
    return _R_SPHERE_M * np.arctan2(np.linalg.norm(np.cross(u, v), axis=-1), np.einsum("ij,ij->i", u, v))


def edge_divergence_m(xy: np.ndarray) -> np.ndarray:
    """For each edge of a lon/lat chain, how far apart (m, on the sphere) its
    lon/lat midpoint and its great-circle midpoint are."""
    a, b = xy[:-1], xy[1:]
    ua, ub = _unit(a[:, 0], a[:, 1]), _unit(b[:, 0], b[:, 1])
    s = ua + ub
    norm = np.linalg.norm(s, axis=-1)
    gc_mid = s / np.where(norm > 1e-12, norm, 1.0)[:, None]
    mid = (a + b) / 2.0
    div = _arc_m(gc_mid, _unit(mid[:, 0], mid[:, 1]))
    return np.where(norm > 1e-12, div, np.inf)  # antipodal ends: no single great circle


def densify_for_great_circles(xy: np.ndarray, *, max_divergence_m: float = KML_MAX_DIVERGENCE_M,
                              max_edge_km: float = KML_MAX_EDGE_KM) -> np.ndarray:
    """A lon/lat chain with edges split (at equal lon/lat steps) until every
    edge reads the same as a straight lon/lat line and as a great circle, to
    ``max_divergence_m``, and is at most ``max_edge_km`` long."""
    xy = np.asarray(xy, dtype=float)
    for _ in range(12):
        if len(xy) < 2:
            return xy
        div = edge_divergence_m(xy)
        length = _arc_m(_unit(xy[:-1, 0], xy[:-1, 1]), _unit(xy[1:, 0], xy[1:, 1]))
        # the divergence of a short edge grows with the square of its length
        n = np.maximum(np.ceil(np.sqrt(np.minimum(div, 1e12) / max_divergence_m) * 1.05),
                       np.ceil(length / (max_edge_km * 1000.0)))
        n = np.where((div <= max_divergence_m) & (length <= max_edge_km * 1000.0), 1, np.maximum(n, 2)).astype(np.int64)
        if (n == 1).all():
            return xy
        n = np.minimum(n, 10_000)
        steps = np.repeat(n, n)
        k = np.arange(steps.size) - np.repeat(np.cumsum(n) - n, n)
        t = (k / steps)[:, None]
        start = np.repeat(xy[:-1], n, axis=0)
        end = np.repeat(xy[1:], n, axis=0)
        xy = np.vstack([start + t * (end - start), xy[-1:]])
    return xy


def _polygon_parts(geom) -> list[Polygon]:
    """The polygons in a geometry (a collection's lines and points are dropped)."""
    if geom is None or geom.is_empty:
        return []
    out: list[Polygon] = []
    for g in shapely.get_parts(geom):
        if isinstance(g, Polygon):
            out.append(g)
        elif not isinstance(g, LineString) and hasattr(g, "geoms"):
            out.extend(_polygon_parts(g))
    return [p for p in out if not p.is_empty]


def _octant_cells() -> list:
    return [box(x, y, x + 90.0, y + 90.0) for x in (-180.0, -90.0, 0.0, 90.0) for y in (-90.0, 0.0)]


def kml_polygons(geom) -> list[Polygon]:
    """The polygons to write for one ring: as they are, or cut into octants when
    the ring holds a pole or spans 180° of longitude or more (see the module
    docstring)."""
    parts = [p for p in _polygon_parts(geom) if p.area > 0]
    xy = shapely.get_coordinates(geom)
    holds_pole = len(xy) > 0 and bool((np.abs(xy[:, 1]) >= 90.0 - 1e-9).any())
    wide = any(p.bounds[2] - p.bounds[0] >= 180.0 for p in parts)
    if not (holds_pole or wide):
        return parts
    out: list[Any] = []
    for cell in _octant_cells():
        piece = shapely.intersection(geom, cell)
        out.extend(p for p in _polygon_parts(piece) if p.area > 1e-12)
    return out


def _coords_text(xy: np.ndarray) -> str:
    return " ".join(f"{x:.6f},{y:.6f}" for x, y in xy)


def to_kml(scenario, *, rings: Sequence | None = None) -> str:
    """KML 2.2 for Google Earth: one Placemark per ring (filled polygons plus the
    true boundary as lines, densified for great-circle edges), one per site."""
    import xml.etree.ElementTree as ET

    from .geodata import attribution
    from .static import boundary_lines

    ns = "http://www.opengis.net/kml/2.2"
    ET.register_namespace("", ns)

    def sub(parent, tag: str, text: str | None = None, **attrib: str):
        el = ET.SubElement(parent, f"{{{ns}}}{tag}", attrib)
        if text is not None:
            el.text = xml_safe(text)
        return el

    kml = ET.Element(f"{{{ns}}}kml")
    doc = sub(kml, "Document")
    sub(doc, "name", scenario.title)
    sub(doc, "description", attribution() + (f". Source: {scenario.source}" if scenario.source else ""))
    index = {s.name: i for i, s in enumerate(scenario.systems)}
    for i, system in enumerate(scenario.systems):
        style = sub(doc, "Style", id=f"system{i}")
        line = sub(style, "LineStyle")
        sub(line, "color", _kml_color(scenario.system_color(system), 0xFF))
        sub(line, "width", "2")
        poly = sub(style, "PolyStyle")
        sub(poly, "color", _kml_color(scenario.system_color(system), 0x30))
        sub(poly, "outline", "0")  # the true boundary is drawn as lines; the cut and closing edges are not
    ring_items, sites = scenario_features(scenario, rings=rings)
    folder = sub(doc, "Folder")
    sub(folder, "name", "Range rings")
    for props, geom in ring_items:
        pm = sub(folder, "Placemark")
        sub(pm, "name", props["label"])
        sub(pm, "styleUrl", f"#system{index[props['system']]}")
        ext = sub(pm, "ExtendedData")
        for key in ("site", "system", "range_km", "year"):
            d = sub(ext, "Data", name=key)
            sub(d, "value", "" if props[key] is None else str(props[key]))
        multi = sub(pm, "MultiGeometry")
        for part in kml_polygons(geom):
            poly = sub(multi, "Polygon")
            sub(poly, "tessellate", "1")
            for tag, ring in [("outerBoundaryIs", part.exterior), *[("innerBoundaryIs", r) for r in part.interiors]]:
                lr = sub(sub(poly, tag), "LinearRing")
                sub(lr, "coordinates", _coords_text(densify_for_great_circles(np.asarray(ring.coords))))
        for line in getattr(boundary_lines(geom), "geoms", []):
            ls = sub(multi, "LineString")
            sub(ls, "tessellate", "1")
            sub(ls, "coordinates", _coords_text(densify_for_great_circles(np.asarray(line.coords))))
    folder = sub(doc, "Folder")
    sub(folder, "name", "Launch sites")
    for props, geom in sites:
        pm = sub(folder, "Placemark")
        sub(pm, "name", props["name"])
        sub(pm, "description", props["systems"])
        pt = sub(pm, "Point")
        sub(pt, "coordinates", f"{geom.x:.6f},{geom.y:.6f}")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(kml, encoding="unicode") + "\n"


# --------------------------------------------------------------------------- #
# GeoPackage
# --------------------------------------------------------------------------- #
class _Terminated(BaseException):
    """SIGTERM arrived: unwind (running the clean-up code), then terminate."""


@contextmanager
def _sigterm_cleans_up() -> Iterator[None]:
    """While writing, turn SIGTERM into an exception so that temporary files are
    removed as on Ctrl-C; then terminate by SIGTERM as the process would have.

    Only where SIGTERM has its default action (a caller's own handler is left
    alone) and only in the main thread (where Python runs signal handlers)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
        yield
        return

    def handler(signum, frame):
        raise _Terminated()

    signal.signal(signal.SIGTERM, handler)
    try:
        yield
    except _Terminated:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
        raise SystemExit(128 + signal.SIGTERM) from None  # only if the signal did not end the process
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextmanager
def _gpkg_date() -> Iterator[None]:
    """Pin GDAL's OGR_CURRENT_DATE (the time stamp a GeoPackage stores) for a
    reproducible file, then restore it."""
    import pyogrio

    previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    if previous:
        yield
        return
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    date = _GPKG_DEFAULT_DATE
    if epoch.isdigit():
        import datetime as dt

        date = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": date})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})


def _text_safe(props: dict[str, Any]) -> dict[str, Any]:
    return {k: xml_safe(v) if isinstance(v, str) else v for k, v in props.items()}


def write_gpkg(scenario, path, *, rings: Sequence | None = None) -> Path:
    """A GeoPackage with the layers rings, sites and targets, written atomically
    and reproducibly (see the module docstring)."""
    import shutil
    import tempfile

    import geopandas as gpd

    from .geodata import attribution, country

    ring_items, sites = scenario_features(scenario, rings=rings)
    target = Path(path)
    codes = list(dict.fromkeys(country(t).iso_a3 for t in scenario.targets))
    frames = {
        "rings": gpd.GeoDataFrame([_text_safe(p) for p, _ in ring_items], geometry=[g for _, g in ring_items],
                                  crs="EPSG:4326"),
        "sites": gpd.GeoDataFrame([_text_safe(p) for p, _ in sites], geometry=[g for _, g in sites], crs="EPSG:4326"),
        "targets": gpd.GeoDataFrame(
            [_text_safe({"iso_a3": c.iso_a3, "name": c.name, "attribution": attribution()}) for c in map(country, codes)],
            geometry=[country(t).geometry for t in codes], crs="EPSG:4326"),
    }
    with _sigterm_cleans_up():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmpdir = tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            tmp = os.path.join(tmpdir, "out.gpkg")
            with _gpkg_date():
                for layer, frame in frames.items():
                    if len(frame):
                        frame.to_file(tmp, layer=layer, driver="GPKG", engine="pyogrio")
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, target)
        finally:
            shutil.rmtree(tmpdir, ignore_errors=True)
    return target


# --------------------------------------------------------------------------- #
# any format
# --------------------------------------------------------------------------- #
EXPORT_FORMATS = (".png", ".svg", ".geojson", ".json", ".kml", ".gpkg")


def export(scenario, path, *, dpi: int | None = None, width_px: int | None = None, rings: Sequence | None = None):
    """Write ``scenario`` to ``path`` in the format its extension names.

    ``dpi`` and ``width_px`` apply to ``.png``/``.svg`` (None: the defaults);
    out-of-range values raise :class:`~rangemap.errors.InputError` whatever the
    format. ``rings``: see the module docstring.
    """
    from ._io import write_atomic
    from .errors import InputError, did_you_mean
    from .static import DEFAULT_DPI, DEFAULT_WIDTH_PX, check_image_size, write_static

    suffix = Path(path).suffix.lower()
    if suffix not in EXPORT_FORMATS:
        from ._text import quote_value, suggest

        raise InputError(f"cannot export to {quote_value(str(path), 200)}: unknown extension {suffix or '(none)'!r}; "
                         f"use one of {', '.join(EXPORT_FORMATS)}{did_you_mean(suggest(suffix, EXPORT_FORMATS, n=2, cutoff=0.5))}")
    dpi = DEFAULT_DPI if dpi is None else dpi
    width_px = DEFAULT_WIDTH_PX if width_px is None else width_px
    check_image_size(width_px, dpi)
    rings = _ring_geoms(scenario, rings)
    with _sigterm_cleans_up():
        if suffix in (".png", ".svg"):
            return write_static(scenario, path, rings=rings, dpi=dpi, width_px=width_px)
        if suffix in (".geojson", ".json"):
            return write_atomic(path, to_geojson(scenario, rings=rings) + "\n")
        if suffix == ".kml":
            return write_atomic(path, to_kml(scenario, rings=rings))
        return write_gpkg(scenario, path, rings=rings)
