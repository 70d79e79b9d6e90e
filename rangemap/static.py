"""Scenario -> static map (PNG or SVG) for reports, drawn with matplotlib.

The map uses an azimuthal equidistant projection centred on the scene, so
rings look round and distances from the centre are true to scale. Systems
differ by line style as well as colour, so the map reads in greyscale.
No browser is involved.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import box

from .scenario import Scenario

__all__ = ["render_static", "static_bytes", "DEFAULT_WIDTH_PX", "DEFAULT_DPI"]

DEFAULT_WIDTH_PX = 2400
DEFAULT_DPI = 200
_LINESTYLES = {"solid": "-", "dashed": (0, (6, 3)), "dotted": (0, (1.2, 2.4)), "dashdot": (0, (6, 2.5, 1.2, 2.5))}
_SEA, _LAND, _TARGET = "#e3ecf4", "#f5f2ea", "#fdd49e"


def _scene_centre(scenario: Scenario) -> tuple[float, float]:
    """(lat, lon) of the middle of the sites and targets, on the unit sphere."""
    from .geodata import country

    pts = [(s.lat, s.lon) for s in scenario.sites]
    for iso3 in scenario.targets:
        c = shapely.centroid(country(iso3).geometry)
        pts.append((c.y, c.x))
    la, lo = np.radians([p[0] for p in pts]), np.radians([p[1] for p in pts])
    x, y, z = (np.cos(la) * np.cos(lo)).mean(), (np.cos(la) * np.sin(lo)).mean(), np.sin(la).mean()
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def _projector(lat0: float, lon0: float):
    from pyproj import Transformer

    crs = f"+proj=aeqd +lat_0={lat0:.6f} +lon_0={lon0:.6f} +datum=WGS84 +units=m +no_defs"
    tr = Transformer.from_crs("EPSG:4326", crs, always_xy=True)

    def project(geom):
        return shapely.transform(geom, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))
    return project


def _near(geom, lat0: float, lon0: float, limit_km: float) -> bool:
    """Whether any part of a lon/lat geometry lies within ``limit_km`` of the centre."""
    from .geodesy import geodesic_distance_km

    xy = shapely.get_coordinates(shapely.simplify(geom, 0.2))
    if len(xy) == 0:
        return False
    d = geodesic_distance_km(np.full(len(xy), lat0), np.full(len(xy), lon0), xy[:, 1], xy[:, 0])
    return bool(np.min(d) < limit_km)


def render_static(scenario: Scenario, *, width_px: int = DEFAULT_WIDTH_PX, dpi: int = DEFAULT_DPI,
                  coverage: Any = None):
    """The static map as a matplotlib Figure."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MPath

    from .geodata import attribution, country, country_geometries, country_names
    from .render import ring_geometries

    lat0, lon0 = _scene_centre(scenario)
    project = _projector(lat0, lon0)
    pairs = scenario.pairs()
    rings = ring_geometries(scenario)

    # extent: the rings, the targets and the sites, in projected metres
    pieces = [project(shapely.segmentize(r, 1.0)) for r in rings]
    targets = {iso3: project(country(iso3).geometry) for iso3 in scenario.targets}
    sites_xy = [project(shapely.Point(s.lon, s.lat)) for s in scenario.sites]
    reach = max([s.range_km for s in scenario.systems] + [1000.0])
    limit_km = min(reach * 1.6 + 1500.0, 14_000.0)
    # an AEQD map is only sensible up to ~half way round the globe
    view = box(-limit_km * 1000, -limit_km * 1000, limit_km * 1000, limit_km * 1000)
    ext = shapely.union_all([g.intersection(view) for g in [*pieces, *targets.values(), *sites_xy]])
    minx, miny, maxx, maxy = ext.bounds
    pad = 0.06 * max(maxx - minx, maxy - miny, 500_000)
    minx, miny, maxx, maxy = minx - pad, miny - pad, maxx + pad, maxy + pad

    width_in = width_px / dpi
    aspect = (maxy - miny) / (maxx - minx)
    height_in = max(min(width_in * aspect, width_in * 1.4), width_in * 0.5) + 0.9
    fig = plt.figure(figsize=(width_in, height_in), dpi=dpi)
    ax = fig.add_axes((0.01, 0.07, 0.98, 0.86))
    ax.set_facecolor(_SEA)
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    frame = box(minx, miny, maxx, maxy).buffer((maxx - minx) * 0.3)

    def paths(geom) -> list:
        out = []
        for poly in shapely.get_parts(geom):
            if poly.is_empty or poly.geom_type != "Polygon":
                continue
            verts = [np.asarray(poly.exterior.coords)] + [np.asarray(r.coords) for r in poly.interiors]
            codes = []
            for v in verts:
                c = np.full(len(v), MPath.LINETO)
                c[0] = MPath.MOVETO
                c[-1] = MPath.CLOSEPOLY
                codes.append(c)
            out.append(PathPatch(MPath(np.vstack(verts), np.concatenate(codes))))
        return out

    def draw(geoms, *, linestyle="-", zorder=1, **kw):
        """One collection per style; autolim=False, the limits are already set."""
        patches = [p for g in (geoms if isinstance(geoms, list) else [geoms]) for p in paths(g)]
        if patches:
            ax.add_collection(PatchCollection(patches, match_original=False, linestyle=linestyle, zorder=zorder, **kw),
                              autolim=False)

    # basemap: countries near the scene
    basemap = [project(shapely.simplify(geom, 0.02)).intersection(frame) for iso3, _name, geom in country_geometries()
               if iso3 not in targets and _near(geom, lat0, lon0, limit_km * 1.2)]
    draw(basemap, facecolor=_LAND, edgecolor="#9a9a9a", linewidth=0.4, zorder=1)
    names = country_names()
    for iso3, g in targets.items():
        draw(g.intersection(frame), facecolor=_TARGET, edgecolor="#444444", linewidth=0.9, zorder=2)
        c = shapely.point_on_surface(g.intersection(frame)) if not g.intersection(frame).is_empty else None
        if c is not None and minx < c.x < maxx and miny < c.y < maxy:
            ax.text(c.x, c.y, names.get(iso3, iso3), fontsize=9, ha="center", va="center", color="#5a3a00",
                    fontweight="bold", zorder=6, alpha=0.85)

    # rings
    labelled: set[str] = set()
    for (_site, system), geom in zip(pairs, pieces):
        color = scenario.system_color(system)
        ls = _LINESTYLES[scenario.system_style(system)]
        g = geom.intersection(frame)
        draw(g, facecolor=color, edgecolor="none", alpha=0.07, zorder=3)
        draw(g, facecolor="none", edgecolor=color, linewidth=1.8, linestyle=ls, zorder=4)
        if system.name not in labelled:
            labelled.add(system.name)
            xy = shapely.get_coordinates(g)
            inside = xy[(xy[:, 0] > minx) & (xy[:, 0] < maxx) & (xy[:, 1] > miny) & (xy[:, 1] < maxy)]
            if len(inside):
                x, y = inside[np.argmin(inside[:, 1])]
                ax.text(x, y, f" {system.name} · {system.range_km:,.0f} km ", fontsize=8, color=color, ha="center",
                        va="top", fontweight="bold", zorder=7,
                        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1})

    # sites
    for site, p in zip(scenario.sites, sites_xy):
        ax.plot([p.x], [p.y], marker="o", markersize=7, markerfacecolor="white", markeredgecolor="#111111",
                markeredgewidth=1.6, zorder=8)
        ax.annotate(site.name, (p.x, p.y), xytext=(6, 6), textcoords="offset points", fontsize=9, zorder=9,
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.75, "pad": 1})

    # legend, title, source and attribution
    handles = [Line2D([0], [0], color=scenario.system_color(s), linewidth=2, linestyle=_LINESTYLES[scenario.system_style(s)],
                      label=f"{s.name} — {s.range_km:,.0f} km" + (f" ({s.year})" if s.year else ""))
               for s in scenario.systems]
    handles.append(Patch(facecolor=_TARGET, edgecolor="#444444", label="Target countries"))
    handles.append(Line2D([0], [0], marker="o", color="none", markerfacecolor="white", markeredgecolor="#111111",
                          markersize=7, label="Launch sites"))
    ax.legend(handles=handles, loc="lower left", fontsize=8, framealpha=0.92, title="Range rings", title_fontsize=9)
    _scale_bar(ax, minx, maxx, miny, maxy)
    fig.text(0.5, 0.965, scenario.title, ha="center", va="center", fontsize=14, fontweight="bold")
    source = f"Source: {scenario.source}. " if scenario.source else ""
    fig.text(0.01, 0.035, f"{source}Exact geodesic rings on the WGS84 ellipsoid; azimuthal equidistant projection "
             f"centred on {abs(lat0):.1f}°{'N' if lat0 >= 0 else 'S'}, {abs(lon0):.1f}°{'E' if lon0 >= 0 else 'W'}.",
             fontsize=7, color="#333333")
    fig.text(0.01, 0.012, attribution(), fontsize=6.5, color="#555555")
    return fig


def _scale_bar(ax, minx, maxx, miny, maxy) -> None:
    span = (maxx - minx) / 5
    nice = 10 ** math.floor(math.log10(span))
    length = max(n * nice for n in (1, 2, 5) if n * nice <= span)
    x0, y0 = maxx - (maxx - minx) * 0.04 - length, miny + (maxy - miny) * 0.04
    ax.plot([x0, x0 + length], [y0, y0], color="#222222", linewidth=3, solid_capstyle="butt", zorder=9)
    ax.text(x0 + length / 2, y0 + (maxy - miny) * 0.012, f"{length / 1000:,.0f} km (true from the centre)",
            ha="center", va="bottom", fontsize=7, zorder=9)


def static_bytes(scenario: Scenario, fmt: str, **kwargs: Any) -> bytes:
    """The static map as PNG or SVG bytes (deterministic for the same input)."""
    import matplotlib.pyplot as plt

    fig = render_static(scenario, **kwargs)
    buf = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
    if fmt == "svg":
        import matplotlib

        matplotlib.rcParams["svg.hashsalt"] = "rangemap"
    fig.savefig(buf, format=fmt, dpi=fig.dpi, metadata=metadata, facecolor="white")
    plt.close(fig)
    return buf.getvalue()


def write_static(scenario: Scenario, path: str | Path, **kwargs: Any) -> Path:
    from ._io import write_atomic

    fmt = Path(path).suffix.lower().lstrip(".")
    return write_atomic(path, static_bytes(scenario, fmt, **kwargs))
