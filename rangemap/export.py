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
