"""Scenario -> interactive folium map (the only module that imports folium).

Rings are exact geodesic polygons from :func:`rangemap.geodesy.range_rings`,
drawn as GeoJSON, never ``folium.Circle``. All text that comes from an article
or a scenario file is HTML-escaped before it reaches the page. Element ids
are numbered, not random, so the same scenario always gives the same bytes.
"""

from __future__ import annotations

import html
import itertools
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template
from shapely.geometry import MultiPolygon, mapping

from .errors import RangemapError
from .scenario import Scenario

__all__ = ["render_map", "render_html", "write_map", "ring_geometries", "DASHES", "TILES"]

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

RING_MAX_ERROR_M = 100.0
SEA = "#dfe9f2"
LAND = "#f4f1ea"


# --------------------------------------------------------------------------- #
# geometry for display
# --------------------------------------------------------------------------- #
def ring_geometries(scenario: Scenario, *, max_error_m: float = RING_MAX_ERROR_M) -> list:
    """The exact ring for every (site, system) pair, in :meth:`Scenario.pairs` order."""
    from .geodesy import range_rings

    pairs = scenario.pairs()
    if not pairs:
        return []
    return range_rings([s.lat for s, _ in pairs], [s.lon for s, _ in pairs], [m.range_km for _, m in pairs],
                       max_error_m=max_error_m)


def _shift(geom, dx: float):
    return shapely.transform(geom, lambda xy: xy + np.array([dx, 0.0]))


def display_geometry(geom, center_lon: float):
    """Put the pieces of a ring split at the antimeridian side by side, so that
    Leaflet draws it whole (Leaflet accepts longitudes beyond ±180)."""
    if not isinstance(geom, MultiPolygon):
        return geom
    parts = []
    for p in geom.geoms:
        minx, _, maxx, _ = p.bounds
        if maxx - minx >= 359.0:
            parts.append(p)
            continue
        mid = (minx + maxx) / 2.0
        if mid - center_lon > 180.0:
            p = _shift(p, -360.0)
        elif center_lon - mid > 180.0:
            p = _shift(p, 360.0)
        parts.append(p)
    return MultiPolygon(parts)


def _geojson(geom, precision: int) -> dict:
    geom = shapely.transform(geom, lambda xy: np.round(xy, precision))
    return mapping(geom)


@lru_cache(maxsize=1)
def _borders_geojson() -> str:
    """All countries, simplified to 0.05 degrees for display (built by
    scripts/build_geodata.py; never used for measuring)."""
    from .geodata import data_path

    return data_path("countries_50m_display.geojson").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- #
# the map
# --------------------------------------------------------------------------- #
def _esc(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def render_map(scenario: Scenario, *, tiles: str | None = "OpenStreetMap", offline: bool = False,
               coverage: Any = None, width: str = "100%", height: str = "100%"):
    """Build the interactive map.

    Parameters
    ----------
    tiles
        A tile set name ("OpenStreetMap", "CartoDB positron") or ``"none"``/``None``
        for a plain background with the bundled borders.
    offline
        Draw no tiles, so the file loads nothing from the network. (Leaflet's JS
        and CSS, from the ``django-js-lib-leaflet`` package, are inlined in every
        map; tiles are the only online part.)
    coverage
        Optional coverage table (:func:`rangemap.coverage`) to show on the targets.
    """
    import folium

    tile_name = _tile_name(tiles)
    if offline:
        tile_name = None
    rings = ring_geometries(scenario)
    pairs = scenario.pairs()
    center_lon = float(np.mean([s.lon for s in scenario.sites])) if scenario.sites else 0.0

    m = folium.Map(location=[20.0, center_lon], zoom_start=3, tiles=None, control_scale=True,
                   prefer_canvas=False, width=width, height=height, world_copy_jump=False)
    # Leaflet is always inlined and folium's CDN assets (jQuery, Bootstrap,
    # awesome-markers) are left out: web tiles are the only thing a map may
    # fetch, and it stays readable without them. Set on this instance only.
    m.default_js = []
    m.default_css = []
    _inline_leaflet(m)

    # basemap: tiles, or the bundled borders on a sea-coloured background
    borders = _borders_geojson()
    _background(m, SEA)  # what shows where tiles are off or cannot load
    if tile_name:
        folium.TileLayer(tile_name, name="Map tiles (online)", control=True).add_to(m)
        base_style = {"color": "#777777", "weight": 0.6, "fill": False}
    else:
        base_style = {"color": "#9a9a9a", "weight": 0.6, "fillColor": LAND, "fillOpacity": 1.0}
    _StaticGeoJson(borders, base_style).add_to(m)

    # targets
    from .geodata import country

    target_group = folium.FeatureGroup(name="Target countries", show=True)
    cov_text = _coverage_by_target(coverage)
    target_bounds = []
    for iso3 in scenario.targets:
        c = country(iso3)
        g = shapely.simplify(c.geometry, 0.01, preserve_topology=True)
        target_bounds.append(g.bounds)
        tip = f"<b>{_esc(c.name)}</b> ({_esc(iso3)})" + cov_text.get(iso3, "")
        folium.GeoJson(
            {"type": "Feature", "properties": {}, "geometry": _geojson(g, 3)},
            style_function=_ConstStyle({"color": "#444444", "weight": 1.2, "fillColor": "#fdd49e", "fillOpacity": 0.45}),
            highlight_function=_ConstStyle({"weight": 2.5, "fillOpacity": 0.6}),
        ).add_child(_Bind("tooltip", tip, {"sticky": True})).add_to(target_group)
    target_group.add_to(m)

    # rings, one layer per system
    groups: dict[str, Any] = {}
    ring_bounds = []
    for system in scenario.systems:
        groups[system.name] = folium.FeatureGroup(name=_esc(system.label()), show=True)
    for (site, system), geom in zip(pairs, rings):
        color = scenario.system_color(system)
        dash = DASHES[scenario.system_style(system)]
        disp = display_geometry(geom, site.lon)
        ring_bounds.append(disp.bounds)
        label = f"{system.name}, {system.range_km:,.0f} km from {site.name}"
        popup = (f"<b>{_esc(label)}</b><br>Geodesic range ring (WGS84), boundary error &lt; {RING_MAX_ERROR_M:.0f} m"
                 + (f"<br><i>“{_esc(system.quote)}”</i>" if system.quote else ""))
        style = {"color": color, "weight": 2.2, "fillColor": color, "fillOpacity": 0.08}
        if dash:
            style["dashArray"] = dash
        layer = folium.GeoJson({"type": "Feature", "properties": {}, "geometry": _geojson(disp, 4)},
                               style_function=_ConstStyle(style))
        layer.add_child(_Bind("tooltip", _esc(label), {"sticky": True}))
        layer.add_child(_Bind("popup", popup, {"maxWidth": 360}))
        layer.add_to(groups[system.name])
        if (site, system) == next(p for p in pairs if p[1] is system):  # label each system's ring once
            _ring_label(geom, site, system, color).add_to(groups[system.name])
    for g in groups.values():
        g.add_to(m)

    # sites
    site_group = folium.FeatureGroup(name="Launch sites", show=True)
    for site in scenario.sites:
        systems = [s for s in scenario.systems if not site.systems or s.name in site.systems]
        lines = "".join(f"<li>{_esc(s.label())}</li>" for s in systems)
        popup = (f"<b>{_esc(site.name)}</b><br>{abs(site.lat):.3f}°{'N' if site.lat >= 0 else 'S'}, "
                 f"{abs(site.lon):.3f}°{'E' if site.lon >= 0 else 'W'}<ul style='margin:4px 0;padding-left:18px'>{lines}</ul>"
                 + (f"<i>“{_esc(site.quote)}”</i>" if site.quote else ""))
        marker = folium.CircleMarker(location=[site.lat, site.lon], radius=6, color="#111111", weight=2, fill=True,
                                     fill_color="#ffffff", fill_opacity=1.0)
        marker.add_child(_Bind("tooltip", _esc(site.name)))
        marker.add_child(_Bind("popup", popup, {"maxWidth": 360}))
        marker.add_to(site_group)
    site_group.add_to(m)

    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    _furniture(m, scenario, offline=offline, tiles=bool(tile_name))
    _fit(m, ring_bounds + target_bounds + [(s.lon, s.lat, s.lon, s.lat) for s in scenario.sites])
    _number_ids(m)
    return m


def _ring_label(geom, site, system, color: str):
    """A text label under the ring's southernmost point (a DivIcon: no image needed)."""
    import folium

    coords = np.vstack([np.asarray(p.exterior.coords) for p in getattr(geom, "geoms", [geom])])
    coords = coords[np.abs(coords[:, 1]) < 89.0] if (np.abs(coords[:, 1]) < 89.0).any() else coords
    lon, lat = coords[np.argmin(coords[:, 1])]
    if abs(lon - site.lon) > 180:
        lon += 360.0 if site.lon > lon else -360.0
    text = f"{_esc(system.name)} · {system.range_km:,.0f} km"
    html_ = (f"<div style='display:inline-block;transform:translate(-50%,25%);white-space:nowrap;font:600 11px system-ui,sans-serif;"
             f"color:{_esc(color)};text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 3px #fff'>{text}</div>")
    return folium.Marker(location=[float(lat), float(lon)], icon=folium.DivIcon(html=html_, icon_size=(0, 0)),
                         interactive=False)


def render_html(scenario: Scenario, **kwargs: Any) -> str:
    """The map as one HTML document (byte-identical for the same scenario)."""
    m = render_map(scenario, **kwargs)
    return m.get_root().render()


def write_map(scenario: Scenario, path: str | Path, **kwargs: Any) -> Path:
    """Render and write the map atomically; returns the path."""
    from ._io import write_atomic

    return write_atomic(path, render_html(scenario, **kwargs))


# --------------------------------------------------------------------------- #
# helpers
# --------------------------------------------------------------------------- #
def _tile_name(tiles: str | None) -> str | None:
    if tiles is None:
        return None
    key = tiles.strip().casefold()
    if key in TILES:
        return TILES[key]
    import difflib

    close = difflib.get_close_matches(key, list(TILES), n=3, cutoff=0.5)
    from .errors import did_you_mean

    raise RangemapError(f"unknown tiles {tiles!r}; use one of {', '.join(sorted(set(TILES)))}{did_you_mean(close)}")


class _Bind(MacroElement):
    """A popup or tooltip bound with Leaflet directly.

    folium's Popup needs jQuery and its Tooltip pastes text raw into a JS
    template literal; here the (already HTML-escaped) content goes through
    ``tojson``, which also escapes ``<``, ``>`` and ``&`` for the script block.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.{{ this.method }}({{ this.content|tojson }}, {{ this.options|tojson }});"
        "{% endmacro %}")

    def __init__(self, kind: str, content: str, options: dict | None = None):
        super().__init__()
        self._name = kind
        self.method = "bindPopup" if kind == "popup" else "bindTooltip"
        self.content = content
        self.options = options or {}


class _StaticGeoJson(MacroElement):
    """Bundled, trusted GeoJSON drawn with one ``L.geoJSON`` call: no
    per-feature work in Python, and no user text in it to escape."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "var {{ this.get_name() }} = L.geoJSON({{ this.data }}, "
        "{style: {{ this.style|tojson }}, interactive: false}).addTo({{ this._parent.get_name() }});"
        "{% endmacro %}")

    def __init__(self, data: str, style: dict):
        super().__init__()
        self._name = "StaticGeoJson"
        self.data = data
        self.style = style


class _ConstStyle:
    """A constant style function (folium calls it per feature)."""

    def __init__(self, style: dict):
        self.style = dict(style)

    def __call__(self, _feature: dict) -> dict:
        return dict(self.style)


def _coverage_by_target(coverage) -> dict[str, str]:
    if coverage is None or len(coverage) == 0:
        return {}
    out: dict[str, list[str]] = {}
    for row in coverage.itertuples(index=False):
        out.setdefault(row.target, []).append(
            f"<br>{_esc(row.system)} from {_esc(row.site)}: {row.covered_fraction * 100:.0f}% covered"
            + (f", {int(row.cities_in_range):,} cities" if row.cities_in_range else ""))
    return {k: "".join(v[:8]) + ("<br>…" if len(v) > 8 else "") for k, v in out.items()}


@lru_cache(maxsize=1)
def _leaflet_assets() -> tuple[str, str]:
    base = resources.files("js_lib_leaflet").joinpath("static", "js_lib_leaflet")
    js = base.joinpath("leaflet.js").read_text(encoding="utf-8")
    css = base.joinpath("leaflet.css").read_text(encoding="utf-8")
    # the images Leaflet's CSS refers to are not shipped: the layer control is
    # drawn expanded and markers are circles, so they are not needed
    import re

    css = re.sub(r"url\(images/[^)]*\)", "none", css)
    return js, css


def _inline_leaflet(m) -> None:
    js, css = _leaflet_assets()
    header = m.get_root().header
    header.add_child(Element(f"<style>{css}</style>"), name="leaflet_css_inline")
    header.add_child(Element(f"<script>{js}</script>"), name="leaflet_js_inline")


def _background(m, color: str) -> None:
    m.get_root().header.add_child(Element(f"<style>.leaflet-container {{ background: {color}; }}</style>"),
                                  name="sea_background")


def _furniture(m, scenario: Scenario, *, offline: bool, tiles: bool) -> None:
    from .geodata import attribution

    root = m.get_root()
    title = f"<div class='rm-title'>{_esc(scenario.title)}</div>"
    rows = []
    for s in scenario.systems:
        color = scenario.system_color(s)
        dash = DASHES[scenario.system_style(s)]
        dash_attr = f" stroke-dasharray='{dash}'" if dash else ""
        year = f" · {_esc(s.year)}" if s.year else ""
        rows.append(f"<div class='rm-row'><svg width='34' height='12'><line x1='1' y1='6' x2='33' y2='6' "
                    f"stroke='{_esc(color)}' stroke-width='3'{dash_attr}/></svg>"
                    f"<span>{_esc(s.name)} — {s.range_km:,.0f} km{year}</span></div>")
    rows.append("<div class='rm-row'><svg width='34' height='12'><rect x='2' y='1' width='30' height='10' "
                "fill='#fdd49e' stroke='#444'/></svg><span>Target countries</span></div>")
    rows.append("<div class='rm-row'><svg width='34' height='12'><circle cx='17' cy='6' r='4.5' fill='#fff' "
                "stroke='#111' stroke-width='2'/></svg><span>Launch sites</span></div>")
    source = f"<div class='rm-note'>Source: {_esc(scenario.source)}</div>" if scenario.source else ""
    legend = (f"<div class='rm-legend'><div class='rm-legend-title'>Range rings</div>{''.join(rows)}"
              f"<div class='rm-note'>Exact geodesic rings on the WGS84 ellipsoid (error &lt; {RING_MAX_ERROR_M:.0f} m).</div>"
              f"{source}</div>")
    style = """<style>
.rm-title{position:absolute;z-index:1000;top:10px;left:50%;transform:translateX(-50%);background:rgba(255,255,255,.92);
 padding:6px 14px;border-radius:4px;font:600 16px/1.3 system-ui,sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3);
 max-width:60%;text-align:center}
.rm-legend{position:absolute;z-index:1000;bottom:56px;left:10px;background:rgba(255,255,255,.94);padding:8px 10px;
 border-radius:4px;font:12px/1.4 system-ui,sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:320px}
.rm-legend-title{font-weight:600;margin-bottom:4px}.rm-row{display:flex;align-items:center;gap:6px;margin:2px 0}
.rm-note{color:#555;margin-top:4px;font-size:11px}
</style>"""
    root.header.add_child(Element(style), name="rm_style")
    root.html.add_child(Element(title + legend), name="rm_furniture")
    attrib = html.escape(attribution(short=True) + " · rangemap", quote=True)
    macro = MacroElement()
    macro._template = Template(
        "{% macro script(this, kwargs) %}"
        + "{{ this._parent.get_name() }}.attributionControl.setPrefix(false);"
        + "{{ this._parent.get_name() }}.attributionControl.addAttribution(" + json.dumps(attrib) + ");"
        + "{% endmacro %}")
    m.add_child(macro, name="rm_attribution")


def _fit(m, bounds: Sequence[tuple[float, float, float, float]]) -> None:
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
