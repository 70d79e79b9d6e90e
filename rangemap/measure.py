"""Scenario + rings -> coverage table and verdicts on the article's reach claims (the
"measure" stage; :func:`rangemap.coverage` is its main function).

Areas are geodesic on the WGS84 ellipsoid (``Geod.geometry_area_perimeter``).
A target's cities are the cities that lie inside the target geometry that is
drawn and measured (so French overseas cities count for France, and a city
coded as another country but inside the Russia polygon counts for Russia);
they are in range when their geodesic distance is below the range. All
distances are computed with vectorised ``Geod.inv`` calls. Formatting the
table for people is :mod:`rangemap.report`'s job.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import numpy as np
import shapely

from ._text import percent
from .geodesy import _geod, geodesic_area_km2
from .models import Claim, Scenario, Site, System
from .reach import cities_in, territory_distances_km, territory_full_coverage_km

__all__ = ["coverage", "check_claims", "COLUMNS", "COMBINED", "full_coverage_km"]

COLUMNS = ["site", "system", "range_km", "target", "covered_fraction", "covered_km2", "target_km2",
           "cities_in_range", "population_in_range", "capital_in_range", "full_coverage_km"]
COMBINED = "combined"


@lru_cache(maxsize=64)
def _target(iso3: str):
    """(geometry, area km², boundary vertices lon/lat, cities lon/lat/pop, capital lon/lat) for a country."""
    from .geodata import country

    geom = country(iso3).geometry
    shapely.prepare(geom)  # in place: faster repeated predicates
    rings = [np.asarray(r.coords) for p in shapely.get_parts(geom) for r in (p.exterior, *p.interiors)]
    vertices = np.vstack(rings)
    lons, lats, pops, capital = cities_in(iso3)
    return geom, geodesic_area_km2(geom), vertices, (lons, lats, pops), capital


def _distances_km(lon: float, lat: float, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    if len(lons) == 0:
        return np.zeros(0)
    _, _, d = _geod().inv(np.full(len(lons), lon), np.full(len(lons), lat), lons, lats)
    return np.asarray(d) / 1000.0


def _unit_vectors(lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    lo, la = np.radians(lons), np.radians(lats)
    c = np.cos(la)
    return np.column_stack([c * np.cos(lo), c * np.sin(lo), np.sin(la)])


def _farthest_km(lon: float, lat: float, lons: np.ndarray, lats: np.ndarray) -> float:
    """Largest geodesic distance from (lon, lat) to the points, exactly.

    Distances on the ellipsoid and on a sphere differ by under 0.5 %, so only
    points whose spherical distance is within 1.5 % of the spherical maximum can
    be the farthest; the exact geodesic distance is computed for those alone.
    """
    if len(lons) == 0:
        return float("nan")
    ang = np.arccos(np.clip(_unit_vectors(lons, lats) @ _unit_vectors(np.array([lon]), np.array([lat]))[0], -1, 1))
    keep = ang >= ang.max() * 0.985
    return float(_distances_km(lon, lat, lons[keep], lats[keep]).max())


def full_coverage_km(*, lat: float, lon: float, iso3: str) -> float:
    """Smallest range from (lat, lon) that covers the whole country.

    That is the largest geodesic distance to any point of it. When the country
    holds the site's antipode, that point is the antipode itself; otherwise the
    farthest point lies on the country's boundary.
    """
    geom, _, vertices, _, _ = _target(iso3)
    alat, alon = -lat, (lon + 360.0) % 360.0 - 180.0
    if shapely.intersects_xy(geom, alon, alat) or shapely.intersects_xy(geom, -alon if abs(alon) == 180 else alon, alat):
        return float(_distances_km(lon, lat, np.array([alon]), np.array([alat]))[0])
    return _farthest_km(lon, lat, vertices[:, 0], vertices[:, 1])


def _intersection_area(ring, iso3: str) -> tuple[float, float]:
    geom, target_km2, _, _, _ = _target(iso3)
    if shapely.contains(ring, geom):
        return target_km2, 1.0
    if not shapely.intersects(ring, geom):
        return 0.0, 0.0
    inter = shapely.intersection(ring, geom)
    km2 = geodesic_area_km2(inter)
    return km2, min(1.0, km2 / target_km2) if target_km2 else 0.0


def coverage(scenario: Scenario, *, rings: Any = None, combined: bool = True):
    """Coverage of each target by each ring, as a pandas DataFrame.

    Parameters
    ----------
    scenario
        The scenario to measure.
    rings
        Its rings from :func:`rangemap.rings.scenario_rings`; computed when omitted.
    combined
        Add one row per system x target for the union of that system's sites
        (``site="combined"``).

    Returns
    -------
    pandas.DataFrame
        One row per site x system x target; columns: see :data:`COLUMNS`.
    """
    import pandas as pd

    if not isinstance(scenario, Scenario):
        raise TypeError(f"coverage() needs a Scenario, got {type(scenario).__name__}")
    pairs = scenario.pairs()
    rows: list[dict[str, Any]] = []
    if not scenario.targets or not pairs:
        return pd.DataFrame(rows, columns=COLUMNS)
    if rings is None:
        from .rings import scenario_rings

        rings = scenario_rings(scenario)
    rings = [getattr(r, "geometry", r) for r in rings]
    for iso3 in scenario.targets:
        rows.extend(_rows_for_target(scenario, pairs, rings, iso3, combined=combined))
    return pd.DataFrame(rows, columns=COLUMNS)


def _site_distances_km(site: Site, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """Geodesic distance from a site (a point, or the nearest point of a territory) to each point."""
    if site.is_territory:
        return territory_distances_km(site.territory, lons, lats)
    return _distances_km(site.lon, site.lat, lons, lats)


def _in_reach(d: np.ndarray, system: System) -> np.ndarray:
    inside = d < system.range_km
    if system.min_range_km:
        inside &= d > system.min_range_km
    return inside


def _full_km(site: Site, iso3: str) -> float:
    if site.is_territory:
        geom, _, _, _, _ = _target(iso3)
        return territory_full_coverage_km(site.territory, geom)
    return full_coverage_km(lat=site.lat, lon=site.lon, iso3=iso3)


def _rows_for_target(scenario: Scenario, pairs, rings, iso3: str, *, combined: bool) -> list[dict[str, Any]]:
    geom, target_km2, vertices, (c_lon, c_lat, c_pop), capital = _target(iso3)
    cap = (np.array([capital[0]]), np.array([capital[1]])) if capital else (np.zeros(0), np.zeros(0))
    city_km: dict[str, np.ndarray] = {}
    capital_km: dict[str, np.ndarray] = {}
    far: dict[str, float] = {}
    rows = []

    def row(site_name: str, system: System, ring: Any, city_d: np.ndarray, cap_d: np.ndarray, need: float):
        covered_km2, frac = _intersection_area(ring, iso3)
        inside = _in_reach(city_d, system)
        return {"site": site_name, "system": system.name, "range_km": system.range_km, "target": iso3,
                "covered_fraction": frac, "covered_km2": covered_km2, "target_km2": target_km2,
                "cities_in_range": int(inside.sum()), "population_in_range": int(c_pop[inside].sum()),
                "capital_in_range": bool(_in_reach(cap_d, system).any()), "full_coverage_km": need}

    for (site, system), ring in zip(pairs, rings):
        if site.name not in far:  # per site, not per ring
            far[site.name] = _full_km(site, iso3)
            city_km[site.name] = _site_distances_km(site, c_lon, c_lat)
            capital_km[site.name] = _site_distances_km(site, *cap)
        rows.append(row(site.name, system, ring, city_km[site.name], capital_km[site.name], far[site.name]))
    if not combined:
        return rows
    for system in scenario.systems:
        idx = [i for i, (_, m) in enumerate(pairs) if m is system]
        if len(idx) < 2:
            continue
        sites = [pairs[i][0] for i in idx]
        # the union's figures: each point's distance is to its nearest site
        # (with a minimum range this is approximate; the area is exact)
        near = np.min([city_km[s.name] for s in sites], axis=0)
        cap_near = np.min([capital_km[s.name] for s in sites], axis=0)
        union = shapely.union_all([rings[i] for i in idx])
        rows.append(row(COMBINED, system, union, near, cap_near, _combined_full_km(sites, iso3)))
    return rows


def _combined_full_km(sites, iso3: str) -> float:
    """Smallest range that lets the sites together cover the country: the largest
    distance from any point of it to its nearest site. Evaluated at the boundary
    vertices and a 0.25-degree grid inside (an estimate of the maximum, good
    to about 15 km): each point's nearest point site is chosen on the sphere
    (a dot product) and measured exactly; territory sites are measured by
    :func:`rangemap.reach.territory_distances_km`."""
    return _combined_full_km_cached(tuple(sites), iso3)


@lru_cache(maxsize=256)
def _combined_full_km_cached(sites: tuple[Site, ...], iso3: str) -> float:
    geom, _, vertices, _, _ = _target(iso3)
    minx, miny, maxx, maxy = geom.bounds
    mx, my = np.meshgrid(np.arange(minx, maxx, 0.25), np.arange(miny, maxy, 0.25))
    gx, gy = mx.ravel(), my.ravel()
    keep = shapely.contains_xy(geom, gx, gy)
    lons = np.concatenate([vertices[:, 0], gx[keep]])
    lats = np.concatenate([vertices[:, 1], gy[keep]])
    best = np.full(len(lons), np.inf)
    points = [s for s in sites if not s.is_territory]
    if points:
        pts = _unit_vectors(lons, lats)
        sv = _unit_vectors(np.array([s.lon for s in points]), np.array([s.lat for s in points]))
        nearest = np.concatenate([np.argmax(chunk @ sv.T, axis=1)
                                  for chunk in np.array_split(pts, max(1, len(pts) // 50_000))])
        s_lon, s_lat = np.array([s.lon for s in points]), np.array([s.lat for s in points])
        _, _, d = _geod().inv(s_lon[nearest], s_lat[nearest], lons, lats)
        best = np.asarray(d) / 1000.0
    for s in sites:
        if s.is_territory:
            best = np.minimum(best, territory_distances_km(s.territory, lons, lats))
    return float(best.max())


# --------------------------------------------------------------------------- #
# claims
# --------------------------------------------------------------------------- #
def _system_for(scenario: Scenario, range_km: float | None, system_name: str | None) -> System | None:
    if range_km is None:
        # a claim with no range of its own ("the Hwasong-18 can reach ..."): the
        # system it names, or the scenario's only system
        if system_name:
            key = system_name.casefold()
            named = [s for s in scenario.systems
                     if key in s.name.casefold() or s.name.casefold() in key
                     or (s.missile and (s.missile.casefold() in key or key in s.missile.casefold()))]
            if len(named) == 1:
                return named[0]
        return scenario.systems[0] if len(scenario.systems) == 1 else None
    close = [s for s in scenario.systems if math.isclose(s.range_km, range_km, rel_tol=0.01)]
    if not close:
        return None
    if system_name:
        for s in close:
            if system_name.casefold() in s.name.casefold():
                return s
    return close[0]


def check_claims(scenario: Scenario, table: Any = None) -> list[Claim]:
    """Verdicts on the article's reach claims ("any location in North Korea").

    ``table`` is the scenario's coverage table; computed when omitted.
    """
    from .geodata import country_names

    if table is None:
        table = coverage(scenario)
    names = country_names()
    out: list[Claim] = []
    for t in scenario.claims:
        if not t.claim:
            continue
        system = _system_for(scenario, t.range_km, t.system)
        rng = f"{t.range_km:,.0f} km" if t.range_km else (
            f"{system.range_km:,.0f} km ({system.name})" if system is not None else "no stated range")
        cname = names.get(t.iso_a3, t.iso_a3)
        what = "any location in" if t.claim == "all" else "parts of"
        head = f"{rng}, {what} {cname}"
        if system is None or t.iso_a3 not in scenario.targets:
            why = "no system in the scenario has that range" if system is None else f"{cname} is not a target in the scenario"
            out.append(Claim(t.iso_a3, t.claim, t.system, t.range_km, "unverifiable", f"{head}: unverifiable ({why})", t.quote))
            continue
        rows = table[(table["target"] == t.iso_a3) & (table["system"] == system.name)]
        if rows.empty:
            out.append(Claim(t.iso_a3, t.claim, system.name, system.range_km, "unverifiable",
                             f"{head}: unverifiable (no site carries {system.name})", t.quote))
            continue
        best = rows.sort_values(["covered_fraction", "site"], ascending=[False, True]).iloc[0]
        where = "all sites together" if best["site"] == COMBINED else best["site"]
        pct = percent(best["covered_fraction"])
        per_site = rows[rows["site"] != COMBINED]
        need = per_site["full_coverage_km"].min() if len(per_site) else float("nan")
        need_site = per_site.sort_values("full_coverage_km").iloc[0]["site"] if len(per_site) else ""
        if t.claim == "all":
            if best["covered_fraction"] >= 0.9995:
                verdict, ev = "supported", f"supported from {where} ({pct} within range)"
            else:
                verdict = "contradicted"
                ev = (f"contradicted: at most {pct} within range (from {where}); covering all of {cname} "
                      f"needs {need:,.0f} km from {need_site}")
        else:
            if best["covered_fraction"] > 0.0:
                verdict = "supported"
                ev = f"supported from {where} ({pct} within range" + (", in fact all of it)" if best["covered_fraction"] >= 0.9995 else ")")
            else:
                verdict, ev = "contradicted", f"contradicted: no part of {cname} is within range of any site"
        if scenario.site_note:
            ev += f" [{scenario.site_note}]"
        out.append(Claim(t.iso_a3, t.claim, system.name, system.range_km, verdict, f"{head}: {ev}", t.quote))
    return out
