"""Scenario + countries -> coverage table and checks of the article's reach claims.

Areas are geodesic on the WGS84 ellipsoid (``Geod.geometry_area_perimeter``);
cities are in range when their geodesic distance is below the range. All
distances are computed with vectorised ``Geod.inv`` calls.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import shapely

from .geodesy import _geod, geodesic_area_km2, range_rings
from .scenario import Scenario, System

__all__ = ["coverage", "check_claims", "Claim", "COLUMNS", "full_coverage_km", "report_text", "report_markdown"]

COLUMNS = ["site", "system", "range_km", "target", "covered_fraction", "covered_km2", "target_km2",
           "cities_in_range", "population_in_range", "capital_in_range", "full_coverage_km"]
COMBINED = "combined"


@dataclass(frozen=True)
class Claim:
    """A reach claim from the article, with its verdict."""

    target: str
    claim: str  # "all" or "part"
    system: str | None
    range_km: float | None
    verdict: str  # "supported", "contradicted" or "unverifiable"
    evidence: str
    quote: str

    def to_dict(self) -> dict[str, Any]:
        return {"target": self.target, "claim": self.claim, "system": self.system, "range_km": self.range_km,
                "verdict": self.verdict, "evidence": self.evidence, "quote": self.quote}


@lru_cache(maxsize=64)
def _target(iso3: str):
    """(geometry, area km², boundary vertices lon/lat, cities lon/lat/pop, capital lon/lat) for a country."""
    from .geodata import country

    geom = country(iso3).geometry
    shapely.prepare(geom)  # in place: faster repeated predicates
    rings = [np.asarray(r.coords) for p in shapely.get_parts(geom) for r in (p.exterior, *p.interiors)]
    vertices = np.vstack(rings)
    lons, lats, pops, capital = _cities(iso3)
    return geom, geodesic_area_km2(geom), vertices, (lons, lats, pops), capital


def _cities(iso3: str):
    """Lon, lat and population of a country's cities, and its capital (lon, lat)."""
    from .geodata import city_lines, parse_city_line

    tag = f",{iso3},"
    parsed = (parse_city_line(line) for line in city_lines() if tag in line)
    rows = [(float(r[4]), float(r[3]), int(r[7]), r[8] == "1") for r in parsed if r[5] == iso3]
    if not rows:
        empty = np.zeros(0)
        return empty, empty, np.zeros(0, dtype=np.int64), None
    arr = np.asarray([r[:3] for r in rows], dtype=float)
    caps = [r for r in rows if r[3]]
    capital = (caps[0][0], caps[0][1]) if caps else None
    return arr[:, 0], arr[:, 1], arr[:, 2].astype(np.int64), capital


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


def full_coverage_km(lat: float, lon: float, iso3: str) -> float:
    """Smallest range from (lat, lon) that covers the whole country: the largest
    geodesic distance to any point of it, which lies on its boundary."""
    _, _, vertices, _, _ = _target(iso3)
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


def coverage(scenario: Scenario, *, combined: bool = True):
    """Coverage of each target by each ring, as a pandas DataFrame.

    One row per site x system x target, plus (``combined=True``) one row per
    system x target for the union of that system's sites (``site="combined"``).
    Columns: see :data:`COLUMNS`.
    """
    import pandas as pd

    pairs = scenario.pairs()
    rows: list[dict[str, Any]] = []
    if not scenario.targets or not pairs:
        return pd.DataFrame(rows, columns=COLUMNS)
    rings = range_rings([s.lat for s, _ in pairs], [s.lon for s, _ in pairs], [m.range_km for _, m in pairs],
                        max_error_m=50.0)
    for iso3 in scenario.targets:
        _, target_km2, _, (c_lon, c_lat, c_pop), capital = _target(iso3)
        far_by_site: dict[str, float] = {}
        city_km: dict[str, np.ndarray] = {}
        capital_km: dict[str, float] = {}
        for (site, system), ring in zip(pairs, rings):
            covered_km2, frac = _intersection_area(ring, iso3)
            if site.name not in far_by_site:  # per site, not per ring
                far_by_site[site.name] = full_coverage_km(site.lat, site.lon, iso3)
                city_km[site.name] = _distances_km(site.lon, site.lat, c_lon, c_lat)
                capital_km[site.name] = (float(_distances_km(site.lon, site.lat, np.array([capital[0]]),
                                                             np.array([capital[1]]))[0]) if capital else math.inf)
            inside = city_km[site.name] < system.range_km
            cap_in = capital_km[site.name] < system.range_km
            rows.append({"site": site.name, "system": system.name, "range_km": system.range_km, "target": iso3,
                         "covered_fraction": frac, "covered_km2": covered_km2, "target_km2": target_km2,
                         "cities_in_range": int(inside.sum()), "population_in_range": int(c_pop[inside].sum()),
                         "capital_in_range": cap_in, "full_coverage_km": far_by_site[site.name]})
        if combined:
            rows.extend(_combined_rows(scenario, pairs, rings, iso3))
    return pd.DataFrame(rows, columns=COLUMNS)


def _combined_rows(scenario: Scenario, pairs, rings, iso3: str) -> list[dict[str, Any]]:
    geom, target_km2, vertices, (c_lon, c_lat, c_pop), capital = _target(iso3)
    out = []
    for system in scenario.systems:
        idx = [i for i, (_, m) in enumerate(pairs) if m is system]
        if len(idx) < 2:
            continue
        union = shapely.union_all([rings[i] for i in idx])
        covered_km2, frac = _intersection_area(union, iso3)
        sites = [pairs[i][0] for i in idx]
        near = np.full(len(c_lon), np.inf)
        for s in sites:
            near = np.minimum(near, _distances_km(s.lon, s.lat, c_lon, c_lat))
        inside = near < system.range_km
        cap_in = bool(capital is not None and min(
            _distances_km(s.lon, s.lat, np.array([capital[0]]), np.array([capital[1]]))[0] for s in sites) < system.range_km)
        out.append({"site": COMBINED, "system": system.name, "range_km": system.range_km, "target": iso3,
                    "covered_fraction": frac, "covered_km2": covered_km2, "target_km2": target_km2,
                    "cities_in_range": int(inside.sum()), "population_in_range": int(c_pop[inside].sum()),
                    "capital_in_range": cap_in, "full_coverage_km": _combined_full_km(sites, iso3)})
    return out


def _combined_full_km(sites, iso3: str) -> float:
    """Smallest range that lets the sites together cover the country: the largest
    distance from any point of it to its nearest site. Evaluated on the boundary
    vertices and a 0.25-degree grid inside, with the nearest site chosen on the
    sphere (an estimate, good to about 15 km)."""
    geom, _, vertices, _, _ = _target(iso3)
    minx, miny, maxx, maxy = geom.bounds
    gx, gy = np.meshgrid(np.arange(minx, maxx, 0.25), np.arange(miny, maxy, 0.25))
    gx, gy = gx.ravel(), gy.ravel()
    keep = shapely.contains_xy(geom, gx, gy)
    lons = np.concatenate([vertices[:, 0], gx[keep]])
    lats = np.concatenate([vertices[:, 1], gy[keep]])
    # nearest site of each point on the sphere (a dot product), then the exact
    # geodesic distance to that site; the largest of those is the answer
    pts = _unit_vectors(lons, lats)
    sv = _unit_vectors(np.array([s.lon for s in sites]), np.array([s.lat for s in sites]))
    nearest = np.concatenate([np.argmax(chunk @ sv.T, axis=1) for chunk in np.array_split(pts, max(1, len(pts) // 50_000))])
    s_lon, s_lat = np.array([s.lon for s in sites]), np.array([s.lat for s in sites])
    _, _, d = _geod().inv(s_lon[nearest], s_lat[nearest], lons, lats)
    return float(np.max(d) / 1000.0)


# --------------------------------------------------------------------------- #
# claims
# --------------------------------------------------------------------------- #
def _system_for(scenario: Scenario, range_km: float | None, system_name: str | None) -> System | None:
    if range_km is None:
        return None
    close = [s for s in scenario.systems if math.isclose(s.range_km, range_km, rel_tol=0.01)]
    if not close:
        return None
    if system_name:
        for s in close:
            if system_name.casefold() in s.name.casefold():
                return s
    return close[0]


def check_claims(scenario: Scenario, table=None) -> list[Claim]:
    """Verdicts on the article's reach claims ("any location in North Korea")."""
    from .geodata import country_names

    if table is None:
        table = coverage(scenario)
    names = country_names()
    out: list[Claim] = []
    for t in scenario.claims:
        if not t.claim:
            continue
        system = _system_for(scenario, t.range_km, t.system)
        rng = f"{t.range_km:,.0f} km" if t.range_km else "no stated range"
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
        pct = _pct(best["covered_fraction"])
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
        if scenario.default_sites:
            ev += " [sites are rangemap's defaults, not from the article]"
        out.append(Claim(t.iso_a3, t.claim, system.name, system.range_km, verdict, f"{head}: {ev}", t.quote))
    return out


def _pct(fraction: float) -> str:
    if fraction >= 0.9995:
        return "100%"
    if fraction > 0 and fraction < 0.001:
        return "<0.1%"
    return f"{fraction * 100:.1f}%"


# --------------------------------------------------------------------------- #
# tables for people
# --------------------------------------------------------------------------- #
_HEADERS = ["site", "system", "range", "target", "covered", "area km²", "cities", "population", "capital",
            "full cover needs"]


def _display_rows(table) -> list[list[str]]:
    from .geodata import country_names

    names = country_names()
    out = []
    for r in table.itertuples(index=False):
        out.append([str(r.site), str(r.system), f"{r.range_km:,.0f} km", names.get(r.target, r.target),
                    _pct(r.covered_fraction), f"{r.covered_km2:,.0f} / {r.target_km2:,.0f}", f"{r.cities_in_range:,}",
                    f"{r.population_in_range:,}", "yes" if r.capital_in_range else "no",
                    f"{r.full_coverage_km:,.0f} km"])
    return out


def report_text(scenario: Scenario, table, claims: list[Claim]) -> str:
    """A plain-text report for the terminal."""
    rows = _display_rows(table)
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(_HEADERS)]
    right = {2, 4, 5, 6, 7, 9}

    def fmt(cells):
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    lines = [scenario.title, "", fmt(_HEADERS), "  ".join("-" * w for w in widths), *(fmt(r) for r in rows)]
    if not rows:
        lines.append("(no targets: add targets = [...] to the scenario)")
    lines += ["", "Claims"]
    if claims:
        for c in claims:
            lines.append(f"  [{c.verdict}] {c.evidence}")
            lines.append(f"      “{c.quote}”")
    else:
        lines.append("  (the article makes no reach claim, or the input is a scenario file)")
    return "\n".join(lines)


def report_markdown(scenario: Scenario, table, claims: list[Claim]) -> str:
    """The same report as Markdown tables."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [f"## {cell(scenario.title)}", "", "| " + " | ".join(_HEADERS) + " |",
             "|" + "|".join("---:" if i in {2, 4, 5, 6, 7, 9} else "---" for i in range(len(_HEADERS))) + "|"]
    lines += ["| " + " | ".join(cell(c) for c in r) + " |" for r in _display_rows(table)]
    if claims:
        lines += ["", "| claim | verdict | evidence |", "|---|---|---|"]
        lines += [f"| “{cell(c.quote)}” | **{c.verdict}** | {cell(c.evidence)} |" for c in claims]
    return "\n".join(lines)
