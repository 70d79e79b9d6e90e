"""Scenario and rings -> GeoJSON (RFC 7946), KML and GeoPackage for GIS users."""

from __future__ import annotations

import math
from typing import Any, Iterable

import numpy as np
import shapely
from shapely.geometry import mapping

__all__ = ["feature", "features_collection", "round_geometry"]


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
def scenario_features(scenario) -> tuple[list[tuple[dict[str, Any], Any]], list[tuple[dict[str, Any], Any]]]:
    """(ring features, site features) as (properties, geometry) pairs."""
    from shapely.geometry import Point

    from .render import ring_geometries

    rings = []
    for (site, system), geom in zip(scenario.pairs(), ring_geometries(scenario)):
        rings.append(({"site": site.name, "system": system.name, "range_km": system.range_km, "year": system.year,
                       "color": scenario.system_color(system), "style": scenario.system_style(system),
                       "label": f"{system.name}, {system.range_km:,.0f} km from {site.name}"}, geom))
    sites = []
    for site in scenario.sites:
        names = [s.name for s in scenario.systems if not site.systems or s.name in site.systems]
        sites.append(({"name": site.name, "systems": ", ".join(names), "lat": site.lat, "lon": site.lon},
                      Point(site.lon, site.lat)))
    return rings, sites


def to_geojson(scenario, *, precision: int = 6) -> str:
    """RFC 7946 GeoJSON: ring Features (split at the antimeridian, counter-clockwise)
    and site Points, with the attribution as a foreign member."""
    import json

    from .geodata import attribution

    rings, sites = scenario_features(scenario)
    fc = features_collection([*rings, *sites], precision=precision)
    fc["name"] = scenario.title
    fc["attribution"] = attribution()
    return json.dumps(fc, ensure_ascii=False, separators=(",", ":"))


def _kml_color(hex_color: str, alpha: int) -> str:
    r, g, b = hex_color[1:3], hex_color[3:5], hex_color[5:7]
    return f"{alpha:02x}{b}{g}{r}"


def to_kml(scenario) -> str:
    """KML 2.2 for Google Earth: one Placemark per ring, one per site."""
    import xml.etree.ElementTree as ET

    from .geodata import attribution

    ns = "http://www.opengis.net/kml/2.2"
    ET.register_namespace("", ns)
    kml = ET.Element(f"{{{ns}}}kml")
    doc = ET.SubElement(kml, f"{{{ns}}}Document")
    ET.SubElement(doc, f"{{{ns}}}name").text = scenario.title
    ET.SubElement(doc, f"{{{ns}}}description").text = attribution() + (
        f". Source: {scenario.source}" if scenario.source else "")
    for system in scenario.systems:
        style = ET.SubElement(doc, f"{{{ns}}}Style", id=f"system{scenario.systems.index(system)}")
        line = ET.SubElement(style, f"{{{ns}}}LineStyle")
        ET.SubElement(line, f"{{{ns}}}color").text = _kml_color(scenario.system_color(system), 0xFF)
        ET.SubElement(line, f"{{{ns}}}width").text = "2"
        poly = ET.SubElement(style, f"{{{ns}}}PolyStyle")
        ET.SubElement(poly, f"{{{ns}}}color").text = _kml_color(scenario.system_color(system), 0x30)
    rings, sites = scenario_features(scenario)
    folder = ET.SubElement(doc, f"{{{ns}}}Folder")
    ET.SubElement(folder, f"{{{ns}}}name").text = "Range rings"
    for props, geom in rings:
        pm = ET.SubElement(folder, f"{{{ns}}}Placemark")
        ET.SubElement(pm, f"{{{ns}}}name").text = props["label"]
        system = next(s for s in scenario.systems if s.name == props["system"])
        ET.SubElement(pm, f"{{{ns}}}styleUrl").text = f"#system{scenario.systems.index(system)}"
        ext = ET.SubElement(pm, f"{{{ns}}}ExtendedData")
        for key in ("site", "system", "range_km", "year"):
            d = ET.SubElement(ext, f"{{{ns}}}Data", name=key)
            ET.SubElement(d, f"{{{ns}}}value").text = "" if props[key] is None else str(props[key])
        multi = ET.SubElement(pm, f"{{{ns}}}MultiGeometry")
        for part in getattr(geom, "geoms", [geom]):
            poly = ET.SubElement(multi, f"{{{ns}}}Polygon")
            ET.SubElement(poly, f"{{{ns}}}tessellate").text = "1"
            for tag, ring in [("outerBoundaryIs", part.exterior), *[("innerBoundaryIs", r) for r in part.interiors]]:
                b = ET.SubElement(ET.SubElement(poly, f"{{{ns}}}{tag}"), f"{{{ns}}}LinearRing")
                ET.SubElement(b, f"{{{ns}}}coordinates").text = " ".join(f"{x:.6f},{y:.6f}" for x, y in ring.coords)
    folder = ET.SubElement(doc, f"{{{ns}}}Folder")
    ET.SubElement(folder, f"{{{ns}}}name").text = "Launch sites"
    for props, geom in sites:
        pm = ET.SubElement(folder, f"{{{ns}}}Placemark")
        ET.SubElement(pm, f"{{{ns}}}name").text = props["name"]
        ET.SubElement(pm, f"{{{ns}}}description").text = props["systems"]
        pt = ET.SubElement(pm, f"{{{ns}}}Point")
        ET.SubElement(pt, f"{{{ns}}}coordinates").text = f"{geom.x:.6f},{geom.y:.6f}"
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(kml, encoding="unicode") + "\n"


def write_gpkg(scenario, path) -> Any:
    """A GeoPackage with the layers rings, sites and targets, written atomically."""
    import os
    import tempfile
    from pathlib import Path

    import geopandas as gpd

    from .geodata import attribution, country

    rings, sites = scenario_features(scenario)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".gpkg", dir=target.parent)
    os.close(fd)
    os.unlink(tmp)
    try:
        frames = {
            "rings": gpd.GeoDataFrame([p for p, _ in rings], geometry=[g for _, g in rings], crs="EPSG:4326"),
            "sites": gpd.GeoDataFrame([p for p, _ in sites], geometry=[g for _, g in sites], crs="EPSG:4326"),
            "targets": gpd.GeoDataFrame(
                [{"iso_a3": c.iso_a3, "name": c.name, "attribution": attribution()} for c in map(country, scenario.targets)],
                geometry=[country(t).geometry for t in scenario.targets], crs="EPSG:4326"),
        }
        for layer, frame in frames.items():
            if len(frame):
                frame.to_file(tmp, layer=layer, driver="GPKG", engine="pyogrio")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target


def embed_html(scenario, **kwargs: Any) -> str:
    """An HTML fragment to paste into a page or CMS: one ``<iframe srcdoc>``
    holding the whole map (escaped), so the page's own CSS and scripts cannot
    clash with it."""
    import html

    from .render import render_html

    doc = render_html(scenario, **kwargs)
    title = html.escape(scenario.title, quote=True)
    return (f'<iframe title="{title}" srcdoc="{html.escape(doc, quote=True)}" '
            'style="width:100%;height:600px;border:0" loading="lazy" '
            'sandbox="allow-scripts allow-popups"></iframe>\n')


EXPORT_FORMATS = (".png", ".svg", ".geojson", ".json", ".kml", ".gpkg")


def export(scenario, path, *, dpi: int | None = None, width_px: int | None = None):
    """Write ``scenario`` to ``path`` in the format its extension names."""
    from pathlib import Path

    from ._io import write_atomic
    from .errors import RangemapError, did_you_mean

    suffix = Path(path).suffix.lower()
    if suffix in (".png", ".svg"):
        from .static import DEFAULT_DPI, DEFAULT_WIDTH_PX, write_static

        return write_static(scenario, path, dpi=dpi or DEFAULT_DPI, width_px=width_px or DEFAULT_WIDTH_PX)
    if suffix in (".geojson", ".json"):
        return write_atomic(path, to_geojson(scenario) + "\n")
    if suffix == ".kml":
        return write_atomic(path, to_kml(scenario))
    if suffix == ".gpkg":
        return write_gpkg(scenario, path)
    import difflib

    close = difflib.get_close_matches(suffix, EXPORT_FORMATS, n=2, cutoff=0.5)
    raise RangemapError(f"cannot export to {str(path)!r}: unknown extension {suffix or '(none)'!r}; "
                        f"use one of {', '.join(EXPORT_FORMATS)}{did_you_mean(close)}")
