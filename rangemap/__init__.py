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
    UnknownSystemError,
)

__version__ = "0.1.0"

_LAZY = {
    "coverage": "measure",
    "check_claims": "measure",
    "load_scenario": ("scenario", "load"),
    "read_scenario": ("scenario", "read"),
    "write_scenario": ("scenario", "write"),
    "scenario_from_text": "infer",
    "scenario_rings": "rings",
    "render_map": "render",
    "System": "models",
    "Site": "models",
    "Ring": "models",
    "Claim": "models",
    "missile": "catalogue",
    "missiles": "catalogue",
    "Missile": "models",
    "reach_area": "reach",
    "launch_basket": "reach",
    "siting_heatmap": "reach",
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
    "Findings": "models",
    "Scenario": "models",
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
    "UnknownSystemError",
    "coverage",
    "check_claims",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module 'rangemap' has no attribute {name!r}")
    module, attr = where if isinstance(where, tuple) else (where, name)
    value = getattr(importlib.import_module(f".{module}", __name__), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


if TYPE_CHECKING:  # pragma: no cover
    from .catalogue import missile, missiles
    from .gazetteer import geocode
    from .geodata import Country, attribution, countries, country
    from .geodesy import geodesic_area_km2, geodesic_distance_km, range_ring, range_rings
    from .infer import scenario_from_text
    from .measure import check_claims, coverage
    from .models import Claim, Findings, Missile, Place, Ring, Scenario, Site, System
    from .parse import parse_text
    from .reach import launch_basket, reach_area, siting_heatmap
    from .render import render_map
    from .rings import scenario_rings
    from .scenario import load as load_scenario
    from .scenario import read as read_scenario
    from .scenario import write as write_scenario
