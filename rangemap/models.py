"""Small immutable records passed between stages.

Coordinates are stored as named ``lat``/``lon`` fields so they cannot be
swapped silently; geometry is always lon/lat (x, y).
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

from .errors import GeodesyError

__all__ = ["Place", "Country", "check_lat_lon"]


def check_lat_lon(lat: float, lon: float, *, what: str = "point") -> None:
    """Raise :class:`GeodesyError` unless ``lat``/``lon`` are a valid position."""
    if not (isinstance(lat, (int, float)) and math.isfinite(lat) and -90.0 <= lat <= 90.0):
        raise GeodesyError(f"{what}: latitude must be within [-90, 90], got {lat!r}")
    if not (isinstance(lon, (int, float)) and math.isfinite(lon)):
        raise GeodesyError(f"{what}: longitude must be finite, got {lon!r}")


class Place(NamedTuple):
    """A gazetteer entry. ``country`` is ISO 3166-1 alpha-3 ("" for seas)."""

    name: str
    lat: float
    lon: float
    country: str
    kind: str  # city, capital, country, island, island_group, region, sea, strait, base, launch_site, ...
    population: int
    source: str

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


class Country(NamedTuple):
    """A country from the bundled borders; ``geometry`` is a lon/lat (Multi)Polygon."""

    iso_a3: str
    iso_a2: str
    name: str
    geometry: Any
