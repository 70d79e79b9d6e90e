"""Scenario + rings -> interactive folium map (the only module that imports folium).

Rings are exact geodesic polygons (:mod:`rangemap.geodesy`), drawn as
GeoJSON, never ``folium.Circle``.

Text from the article or the scenario file never becomes template source.
folium and branca render Jinja2 templates; every template here is a constant
of this module, and user text enters the page in one JSON payload (through
Jinja2's ``tojson``, which escapes ``<``, ``>``, ``&`` and ``'``). The page's
script (``assets/map.js``) builds every label, popup, tooltip and the legend
from that payload with ``textContent``. Element ids are numbered, not random,
so the same scenario always gives the same bytes.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template
from shapely.geometry import MultiPolygon, mapping

from ._text import suggest
from .errors import InputError, did_you_mean
from .models import Scenario
from .rings import RING_MAX_ERROR_M

__all__ = ["render_map", "render_html", "map_document", "write_map", "embed_html", "map_payload", "display_geometry", "DASHES", "TILES"]

#: SVG dash patterns per line style (greyscale prints tell systems apart by these).
DASHES = {"solid": None, "dashed": "10 6", "dotted": "2 5", "dashdot": "10 5 2 5"}

#: Tile sets by name; "none" draws the bundled borders instead.
TILES = {
    "openstreetmap": "OpenStreetMap",
    "osm": "OpenStreetMap",
    "cartodb positron": "CartoDB positron",
    "positron": "CartoDB positron",
    "cartodb dark_matter": "CartoDB dark_matter",
    "none": None,
}

LAND = "#f4f1ea"


# --------------------------------------------------------------------------- #
# geometry for display
# --------------------------------------------------------------------------- #
def _shift(geom, dx: float):
    return shapely.transform(geom, lambda xy: xy + np.array([dx, 0.0]))


def display_geometry(geom, center_lon: float):
    """Put the pieces of a ring split at the antimeridian side by side, so that
    Leaflet draws it whole (Leaflet accepts longitudes beyond ±180)."""
    if not isinstance(geom, MultiPolygon):
        return geom
    parts = [_next_to(p, center_lon) for p in geom.geoms]
    merged = shapely.union_all(parts)
    return merged if merged.geom_type in ("Polygon", "MultiPolygon") else MultiPolygon(parts)


def display_outline(geom, center_lon: float):
    """The true boundary of a ring (no cut along ±180° or a pole), its pieces
    shifted next to ``center_lon`` like :func:`display_geometry`."""
    from shapely.geometry import MultiLineString

    from .geodesy import ring_outline

    return MultiLineString([_next_to(line, center_lon) for line in ring_outline(geom).geoms])


def _next_to(part, center_lon: float):
    """A piece shifted by ±360° so that its middle is within 180° of ``center_lon``
    (a piece spanning the whole globe stays)."""
    minx, _, maxx, _ = part.bounds
    if maxx - minx >= 359.0:
        return part
    mid = (minx + maxx) / 2.0
    if mid - center_lon > 180.0:
        return _shift(part, -360.0)
    if center_lon - mid > 180.0:
        return _shift(part, 360.0)
    return part


def _geojson(geom, precision: int) -> dict:
    return mapping(shapely.transform(geom, lambda xy: np.round(xy, precision)))


def scene_lon(scenario: Scenario) -> float:
    """The longitude the map is centred on: the circular mean of the sites'
    (so sites at 179°E and 179°W centre the map on 180°, not on 0°)."""
    if not scenario.sites:
        return 0.0
    lon = np.radians([s.lon for s in scenario.sites])
    return float(np.degrees(np.arctan2(np.sin(lon).mean(), np.cos(lon).mean())))


def _near_lon(lon: float, center_lon: float) -> float:
    """``lon`` shifted by ±360° to within 180° of ``center_lon`` (Leaflet accepts |lon| > 180)."""
    return lon + 360.0 * round((center_lon - lon) / 360.0)


def _label_point(geom, site_lon: float) -> list[float]:
    """[lat, lon] of the ring's southernmost true point (not a pole closure)."""
    coords = np.vstack([np.asarray(p.exterior.coords) for p in getattr(geom, "geoms", [geom])])
    inner = coords[np.abs(coords[:, 1]) < 89.0]
    coords = inner if len(inner) else coords
    lon, lat = coords[np.argmin(coords[:, 1])]
    if abs(lon - site_lon) > 180:
        lon += 360.0 if site_lon > lon else -360.0
    return [round(float(lat), 4), round(float(lon), 4)]


@lru_cache(maxsize=1)
def _borders_geojson() -> str:
    """All countries, simplified to 0.05 degrees for display (built by
    scripts/build_geodata.py; never used for measuring). Trusted bundled data."""
    from .geodata import data_path

    return data_path("countries_50m_display.geojson").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- #
# the payload: everything user-facing, as data
# --------------------------------------------------------------------------- #
def _pct(fraction: float) -> str:
    if fraction >= 0.9995:
        return "100%"
    if 0 < fraction < 0.005:
        return "<1%"
    return f"{fraction * 100:.0f}%"


def map_payload(scenario: Scenario, rings: Sequence[Any], coverage: Any = None, baskets: Sequence[Any] = (),
                heatmap: Any = None) -> dict[str, Any]:
    """The JSON-ready data the page's script draws: plain strings and numbers.

    ``rings`` holds one :class:`~rangemap.models.Ring` (or geometry) per
    :meth:`Scenario.pairs` entry.
    """
    from .geodata import attribution, country

    pairs = scenario.pairs()
    index = {s.name: i for i, s in enumerate(scenario.systems)}
    cov: dict[str, list[dict[str, Any]]] = {}
    if coverage is not None and len(coverage):
        for row in coverage.itertuples(index=False):
            cov.setdefault(row.target, []).append({"system": str(row.system), "site": str(row.site),
                                                   "pct": _pct(row.covered_fraction),
                                                   "cities": int(row.cities_in_range)})
    center = scene_lon(scenario)
    targets = []
    for iso3 in scenario.targets:
        c = country(iso3)
        g = display_geometry(shapely.simplify(c.geometry, 0.01, preserve_topology=True), center)
        rows = cov.get(iso3, [])
        targets.append({"iso3": iso3, "name": c.name, "geometry": _geojson(g, 3), "coverage": rows[:8],
                        "more": len(rows) > 8, "bounds": list(g.bounds)})
    systems = [{"name": s.name, "range_km": float(s.range_km), "year": s.year, "label": s.label(),
                "year_value": s.year_value,
                "min_km": float(s.min_range_km) if s.min_range_km else None, "range_source": s.range_source,
                "color": scenario.system_color(s), "dash": DASHES[scenario.system_style(s)]}
               for s in scenario.systems]
    ring_items, labelled = [], set()
    site_index = {s.name: i for i, s in enumerate(scenario.sites)}
    for (site, system), ring in zip(pairs, rings):
        geom = getattr(ring, "geometry", ring)
        disp = display_geometry(geom, center)
        first = system.name not in labelled
        labelled.add(system.name)
        ring_items.append({"system": index[system.name], "site": site.name, "site_index": site_index[site.name],
                           "quote": system.quote,
                           "geometry": _geojson(disp, 4), "outline": _geojson(display_outline(geom, center), 4),
                           "label": _label_point(geom, center) if first else None, "bounds": list(disp.bounds)})
    sites = []
    for site in scenario.sites:
        names = [s.label() for s in scenario.systems if not site.systems or s.name in site.systems]
        position = (f"{abs(site.lat):.3f}°{'N' if site.lat >= 0 else 'S'}, "
                    f"{abs(site.lon):.3f}°{'E' if site.lon >= 0 else 'W'}")
        area = None
        if site.is_territory:
            from .reach import territory

            position = "from anywhere in this territory (marker: a point inside it)"
            area = _geojson(display_geometry(shapely.simplify(territory(site.territory), 0.01), center), 3)
        sites.append({"name": site.name, "lat": site.lat, "lon": _near_lon(site.lon, center), "position": position,
                      "systems": names,
                      "quote": site.quote, "area": area, "editable": not site.is_territory, "place": site.place,
                      "system_names": list(site.systems)})
    basket_items = []
    for spec, b in baskets:
        if b.geometry.is_empty:
            continue
        basket_items.append({"label": f"Launch basket: {spec.system} reaching {spec.cover} of {b.target}",
                             "text": b.describe(), "geometry": _geojson(display_geometry(b.geometry, center), 4),
                             "outline": _geojson(display_outline(b.geometry, center), 4),
                             "color": scenario.system_color(next(s for s in scenario.systems if s.name == spec.system))})
    notes = [b.describe() for _, b in baskets if b.geometry.is_empty]
    editor = _editor_payload(scenario, rings)
    return {"title": scenario.title, "source": scenario.source, "attribution": attribution(short=True) + " · rangemap",
            "error_m": int(RING_MAX_ERROR_M), "targets": targets, "systems": systems, "rings": ring_items,
            "sites": sites, "baskets": basket_items, "notes": notes, "heatmap": _heat_payload(heatmap, center),
            "editor": editor, "center_lon": center}


#: Sample points per target embedded for the in-browser coverage (equal-area,
#: cos(latitude)-weighted; about 4,000 keeps the seed map near 1 MB and the
#: browser's figures within a percentage point of coverage()).
EDITOR_SAMPLE = 4000


def _editor_payload(scenario: Scenario, rings: Sequence[Any]) -> dict[str, Any]:
    """What the page needs to move sites and recompute rings and coverage:
    each target's sample and cities, which of them each territory site's
    reach area holds (the browser cannot trace a territory's reach), and the
    scenario as TOML around its sites."""
    import base64

    from .geodesy import geodesic_distance_km
    from .reach import cities_in, target_sample
    from .scenario import dumps_parts

    samples, cities = {}, {}
    for iso3 in scenario.targets:
        lon, lat, _ = target_sample(iso3, EDITOR_SAMPLE)
        samples[iso3] = [[round(float(x), 3), round(float(y), 3)] for x, y in zip(lon, lat)]
        c_lon, c_lat, c_pop, _ = cities_in(iso3)
        cities[iso3] = [[round(float(x), 4), round(float(y), 4), int(p)] for x, y, p in zip(c_lon, c_lat, c_pop)]
    masks: dict[str, dict[str, dict[str, dict[str, str]]]] = {}
    site_index = {x.name: i for i, x in enumerate(scenario.sites)}
    system_index = {x.name: i for i, x in enumerate(scenario.systems)}

    def bits(flags: Any) -> str:
        return base64.b64encode(np.packbits(np.asarray(flags, dtype=bool)).tobytes()).decode("ascii")

    for (site, system), ring in zip(scenario.pairs(), rings):
        if not site.is_territory:
            continue
        geom = getattr(ring, "geometry", ring)
        per_target = masks.setdefault(str(site_index[site.name]), {}).setdefault(str(system_index[system.name]), {})
        for iso3 in scenario.targets:
            lon, lat, _ = target_sample(iso3, EDITOR_SAMPLE)
            c_lon, c_lat, _, _ = cities_in(iso3)
            per_target[iso3] = {"p": bits(shapely.contains_xy(geom, lon, lat)),
                                "c": bits(shapely.contains_xy(geom, c_lon, c_lat))}
    head, site_tables, tail = dumps_parts(scenario)
    return {"samples": samples, "cities": cities, "toml_head": head, "toml_tail": tail, "site_tables": site_tables,
            "territory_masks": masks,
            "max_edit_km": round(float(geodesic_distance_km(0.0, 0.0, 0.0, 180.0)) - 1500.0),
            "years": sorted({y for y in (s.year_value for s in scenario.systems) if y is not None})}


def _heat_payload(heat: Any, center: float = 0.0) -> list[dict[str, Any]]:
    """One layer per system x target: cells (lat, lon, fraction, people) and the cell size."""
    if heat is None or len(heat) == 0:
        return []
    out = []
    # the most telling layer first (it is the one shown): the one that varies most
    groups = sorted(heat.groupby(["system", "target"], sort=False),
                    key=lambda kv: -float(kv[1]["covered_fraction"].std(ddof=0)))
    for (system, target), grp in groups:
        out.append({"system": str(system), "target": str(target),
                    "cells": [[round(float(a), 4), round(_near_lon(float(b), center), 4), round(float(f), 4), int(p)]
                              for a, b, f, p in zip(grp["lat"], grp["lon"], grp["covered_fraction"],
                                                    grp["population_in_range"])],
                    "spacing_km": float(heat.attrs.get("spacing_km", 25.0))})
    return out


# --------------------------------------------------------------------------- #
# the map
# --------------------------------------------------------------------------- #
def render_map(scenario: Scenario, *, rings: Sequence[Any] | None = None, coverage: Any = None,
               baskets: Sequence[Any] = (), heatmap: Any = None,
               tiles: str | None = "OpenStreetMap", offline: bool = False, width: str = "100%", height: str = "100%"):
    """Build the interactive map as a ``folium.Map``.

    Parameters
    ----------
    scenario
        What to draw.
    rings
        The scenario's rings (:func:`rangemap.rings.scenario_rings`), one per
        :meth:`Scenario.pairs` entry; computed when omitted.
    coverage
        Optional coverage table (:func:`rangemap.coverage`) shown on the targets.
    baskets
        Optional ``(spec, Basket)`` pairs (:func:`rangemap.reach.scenario_baskets`), drawn hatched.
    heatmap
        Optional siting heat map (:func:`rangemap.reach.scenario_heatmap`), one colour layer per
        system and target, with a colour bar.
    tiles
        A tile set name ("OpenStreetMap", "CartoDB positron") or ``"none"``/``None``
        for a plain background with the bundled borders.
    offline
        Draw no tiles, so the file loads nothing from the network. Leaflet is
        inlined in every map; tiles are the only online part.
    """
    import folium

    if rings is None:
        from .rings import scenario_rings

        rings = scenario_rings(scenario)
    tile_name = None if offline else _tile_name(tiles)
    payload = map_payload(scenario, rings, coverage, baskets, heatmap)
    center_lon = payload["center_lon"]

    m = folium.Map(location=[20.0, center_lon], zoom_start=3, tiles=None, control_scale=True,
                   prefer_canvas=False, width=width, height=height, world_copy_jump=False)
    # Leaflet is always inlined and folium's CDN assets (jQuery, Bootstrap,
    # awesome-markers) are left out: web tiles are the only thing a map may
    # fetch, and it stays readable without them. Set on this instance only.
    m.default_js = []
    m.default_css = []
    js, css = _leaflet_assets()
    app_js, app_css = _app_assets()
    root: Any = m.get_root()
    header = root.header
    header.add_child(_Raw("<style>", css + app_css, "</style>"), name="leaflet_css_inline")
    header.add_child(_Raw("<script>", js + "\n" + app_js, "</script>"), name="leaflet_js_inline")

    if tile_name:
        folium.TileLayer(tile_name, name="Map tiles (online)", control=False).add_to(m)
        base_style = {"color": "#777777", "weight": 0.6, "fill": False}
    else:
        base_style = {"color": "#9a9a9a", "weight": 0.6, "fillColor": LAND, "fillOpacity": 1.0}
    html = root.html
    # the bundled borders stop at ±180°: draw a copy beside them where the scene runs past
    spans = [b for b in bounds_of(payload)]
    offsets = [0] + ([360] if any(b[2] > 180 for b in spans) else []) + ([-360] if any(b[0] < -180 for b in spans) else [])
    borders = ('{"geojson":' + _borders_geojson() + ',"offsets":' + json.dumps(offsets) + ',"style":'
               + json.dumps(base_style, sort_keys=True) + "}")
    html.add_child(_JsonData("rangemap-borders", borders), name="rm_borders")
    html.add_child(_JsonData("rangemap-data", payload), name="rm_data")
    _Script("rangemapBorders", "rangemap-borders").add_to(m)
    _Script("rangemapApp", "rangemap-data").add_to(m)

    _fit(m, bounds_of(payload))
    _number_ids(m)
    return m


def map_document(scenario: Scenario, *, tiles: str | None = "OpenStreetMap", offline: bool = False,
                 embed: bool = False, with_coverage: bool = True, progress: Any = None) -> str:
    """The whole ``rangemap render`` job for a scenario: its rings (once), the
    coverage of its targets, its launch baskets and heat map if it asks for
    them, and the map as an HTML document (or an ``<iframe>`` fragment)."""
    from .measure import coverage
    from .reach import scenario_reach
    from .rings import scenario_rings

    rings = scenario_rings(scenario)
    table = coverage(scenario, rings=rings) if with_coverage and scenario.targets else None
    baskets, heat = scenario_reach(scenario, progress=progress)
    render = embed_html if embed else render_html
    return render(scenario, rings=rings, coverage=table, baskets=baskets, heatmap=heat, tiles=tiles, offline=offline)


def bounds_of(payload: dict[str, Any]) -> list[Sequence[float]]:
    """The display extents of a payload's rings, targets and sites (lon may pass ±180)."""
    out: list[Sequence[float]] = [r["bounds"] for r in payload["rings"]] + [t["bounds"] for t in payload["targets"]]
    return out + [(s["lon"], s["lat"], s["lon"], s["lat"]) for s in payload["sites"]]


def render_html(scenario: Scenario, **kwargs: Any) -> str:
    """The map as one HTML document (byte-identical for the same scenario)."""
    return render_map(scenario, **kwargs).get_root().render()


def write_map(scenario: Scenario, path: str | Path, **kwargs: Any) -> Path:
    """Render and write the map atomically; returns the path."""
    from ._io import write_atomic

    return write_atomic(path, render_html(scenario, **kwargs))


def embed_html(scenario: Scenario, **kwargs: Any) -> str:
    """An HTML fragment to paste into a page or CMS: one ``<iframe srcdoc>``
    holding the whole map (escaped as an attribute value), so the page's own
    CSS and scripts cannot clash with it."""
    from ._text import html_escape

    doc = render_html(scenario, **kwargs)
    return (f'<iframe title="{html_escape(scenario.title)}" srcdoc="{html_escape(doc)}" '
            'style="width:100%;height:600px;border:0" loading="lazy" '
            'sandbox="allow-scripts allow-popups"></iframe>\n')


# --------------------------------------------------------------------------- #
# elements: constant templates, data through tojson
# --------------------------------------------------------------------------- #
def _tile_name(tiles: str | None) -> str | None:
    if tiles is None:
        return None
    key = " ".join(tiles.split()).casefold()
    if key in TILES:
        return TILES[key]
    raise InputError(f"unknown tiles {tiles[:60]!r}; use one of {', '.join(sorted(set(TILES)))}"
                     f"{did_you_mean(suggest(key, TILES, cutoff=0.5))}")


class _Raw(Element):
    """Trusted bundled text (Leaflet, our script and CSS) placed verbatim
    between two fixed tags: the text is template *data*, never source."""

    _template = Template("{{ this.open }}{{ this.content }}{{ this.close }}")

    def __init__(self, open_tag: str, content: str, close_tag: str):
        super().__init__()
        self.open, self.content, self.close = open_tag, content, close_tag


class _JsonData(Element):
    """A ``<script type="application/json">`` block holding data for the page's
    script. The JSON is template *data* (never source) and has ``<``, ``>`` and
    ``&`` escaped, so no text in it can close the block."""

    _template = Template('<script type="application/json" id="{{ this.element_id }}">{{ this.json }}</script>')

    def __init__(self, element_id: str, data: Any):
        super().__init__()
        self.element_id = element_id
        text = data if isinstance(data, str) else json.dumps(data, sort_keys=True, ensure_ascii=False,
                                                             separators=(",", ":"))
        self.json = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class _Script(MacroElement):
    """A call into the page's script with the map's variable name. The macro's
    output holds no data: branca re-parses a macro's output as a template, so
    anything user-supplied must reach the page through :class:`_JsonData`."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this.function }}({{ this._parent.get_name() }}, "
        "JSON.parse(document.getElementById({{ this.element_id|tojson }}).textContent));"
        "{% endmacro %}")

    def __init__(self, function: str, element_id: str):
        super().__init__()
        self._name = "RangemapScript"
        self.function = function
        self.element_id = element_id


@lru_cache(maxsize=1)
def _leaflet_assets() -> tuple[str, str]:
    """Leaflet 1.9.4 and geographiclib-geodesic 2.2.0, vendored unmodified in
    ``assets/vendor`` (see its README for the licences)."""
    import re

    base = resources.files("rangemap").joinpath("assets", "vendor")
    js = base.joinpath("leaflet-1.9.4.js").read_text(encoding="utf-8")
    geo = base.joinpath("geographiclib-geodesic-2.2.0.min.js").read_text(encoding="utf-8")
    css = base.joinpath("leaflet-1.9.4.css").read_text(encoding="utf-8")
    # the images Leaflet's CSS refers to are not shipped: the layer control is
    # drawn expanded and markers are drawn by CSS, so they are not needed
    return js + "\n" + geo, re.sub(r"url\(images/[^)]*\)", "none", css)


@lru_cache(maxsize=1)
def _app_assets() -> tuple[str, str]:
    base = resources.files("rangemap").joinpath("assets")
    return base.joinpath("map.js").read_text(encoding="utf-8"), base.joinpath("map.css").read_text(encoding="utf-8")


def _fit(m, bounds: Sequence[Sequence[float]]) -> None:
    if not bounds:
        return
    arr = np.asarray(bounds, dtype=float)
    minx, miny = arr[:, 0].min(), max(arr[:, 1].min(), -80.0)
    maxx, maxy = arr[:, 2].max(), min(arr[:, 3].max(), 84.0)
    m.fit_bounds([[float(miny), float(minx)], [float(maxy), float(maxx)]], padding=(10, 10))


def _number_ids(m) -> None:
    """Replace folium's random element ids with a counter, for reproducible HTML."""
    counter = itertools.count()
    seen: set[int] = set()

    def walk(el) -> None:
        if id(el) in seen:
            return
        seen.add(id(el))
        el._id = f"{next(counter):06d}"
        for child in list(el._children.values()):
            walk(child)

    root = m.get_root()
    walk(root)
    for part in (root.header, root.html, root.script):
        walk(part)
