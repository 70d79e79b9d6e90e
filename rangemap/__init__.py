"""rangemap: exact geodesic range maps from news articles about missile deployments.

The public API is re-exported here lazily (PEP 562), so ``import rangemap`` loads
no data and none of the heavy libraries (geopandas, folium, matplotlib) until a
function that needs them is called.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import (
    ConfigError,
    GeodesyError,
    InputError,
    OutputExistsError,
    RangemapError,
    UnknownCountryError,
    UnknownPlaceError,
)

__version__ = "0.1.0"

# ``coverage`` names both a module and its main function: bind the function now,
# or importing the submodule later would rebind ``rangemap.coverage`` to the
# module. This imports numpy, shapely and pyproj (not pandas or folium).
from .coverage import check_claims, coverage  # noqa: E402

_LAZY = {
    "range_ring": "geodesy",
    "range_rings": "geodesy",
    "geodesic_distance_km": "geodesy",
    "geodesic_area_km2": "geodesy",
    "countries": "geodata",
    "country": "geodata",
    "attribution": "geodata",
    "Country": "geodata",
    "geocode": "gazetteer",
    "Place": "models",
    "parse_text": "parse",
    "Findings": "parse",
    "Scenario": "scenario",
}

__all__ = [
    "__version__",
    "RangemapError",
    "GeodesyError",
    "ConfigError",
    "InputError",
    "OutputExistsError",
    "UnknownPlaceError",
    "UnknownCountryError",
    "coverage",
    "check_claims",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'rangemap' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


if TYPE_CHECKING:  # pragma: no cover
    from .gazetteer import geocode
    from .geodata import Country, attribution, countries, country
    from .geodesy import geodesic_area_km2, geodesic_distance_km, range_ring, range_rings
    from .models import Place
    from .parse import Findings, parse_text
    from .scenario import Scenario
