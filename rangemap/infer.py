"""Findings -> scenario: what an article implies a map should show.

One system per distinct stated range (a named system and a dated deployment
win), one site per basing place of the deploying country, and the target
countries with their reach claims. When the article names no launch site,
the site is the deploying country's whole territory ("from anywhere in
Japan"): the honest answer, and the scenario says so
(:attr:`Scenario.site_note`).
"""

from __future__ import annotations

import re
from typing import Any

from .errors import RangemapError
from .models import PALETTE, Findings, RangeMention, Scenario, Site, System

__all__ = ["scenario_from_text", "scenario_from_findings", "deploying_country"]

_GENERIC = (None, "missile", "missiles")


def scenario_from_text(article_text: str, *, source: str | None = None, title: str | None = None) -> Scenario:
    """Parse an article and build its scenario (what ``rangemap init`` writes)."""
    from .parse import parse_text

    return scenario_from_findings(parse_text(article_text), source=source, title=title)


def _system_name(mention: RangeMention) -> str:
    if mention.missile:
        return mention.missile
    base = (mention.system or "Missile").strip()
    base = base[0].upper() + base[1:]
    return f"{base} ({mention.year})" if mention.year else base


def _systems(findings: Findings) -> tuple[System, ...]:
    chosen: dict[float, tuple[tuple[bool, bool, bool], RangeMention]] = {}
    for r in findings.ranges:
        score = (r.source == "article", bool(r.year and re.search(r"\d{4}", r.year)), r.system not in _GENERIC)
        best = chosen.get(r.km)
        if best is None or score > best[0]:
            chosen[r.km] = (score, r)
    systems: list[System] = []
    for i, r in enumerate(sorted((v[1] for v in chosen.values()), key=lambda r: -r.km)):
        name = _system_name(r)
        if any(s.name == name for s in systems):
            name = f"{name}, {r.km:,.0f} km"
        from_catalogue = r.source == "catalogue"
        systems.append(System(name=name, range_km=r.km, year=r.year, quote=" ".join(r.sentence.split()),
                              color=PALETTE[i % len(PALETTE)], missile=r.missile,
                              min_range_km=r.km_min if from_catalogue else None,
                              range_source=f"catalogue: {r.citation}" if from_catalogue else None))
    return tuple(systems)


#: A launch site is a basing place in a sentence about weapons: "a Marine unit
#: will deploy to Okinawa" moves troops, not missiles.
_WEAPON_SENTENCE = re.compile(
    r"\b(?:missiles?|rockets?|launchers?|batter(?:y|ies)|ICBMs?|IRBMs?|SRBMs?|MRBMs?|SLBMs?|warheads?|"
    r"interceptors?|munitions?|weapons?|arsenal|(?:missile|rocket|strike|launch) (?:unit|brigade|regiment|base|site)s?)\b",
    re.IGNORECASE)


def _launch_places(findings: Findings) -> list:
    """Basing places whose sentence is about weapons (or states a range)."""
    range_sentences = {r.sentence for r in findings.ranges}
    return [p for p in findings.basing_places()
            if p.kind != "country" and (p.sentence in range_sentences or _WEAPON_SENTENCE.search(p.sentence))]


def _sites(findings: Findings, deployer: str | None) -> tuple[tuple[Site, ...], str | None]:
    from .geodata import country_label_points, country_names

    sites = [Site(name=p.name, lat=p.lat, lon=p.lon, place=p.name, quote=" ".join(p.sentence.split()))
             for p in _launch_places(findings)
             if not (deployer and p.country and p.country != deployer)]
    if sites or not deployer:
        return tuple(sites), None
    name = country_names().get(deployer, deployer)
    lat, lon = country_label_points()[deployer]
    site = Site(name=f"Anywhere in {name}", lat=float(lat), lon=float(lon), region=deployer)
    note = f"from anywhere in {name}; the article names no launch site"
    return (site,), note


def scenario_from_findings(findings: Findings, *, source: str | None = None, title: str | None = None) -> Scenario:
    """The scenario an article's findings imply."""
    from .geodata import country_names

    if not findings.ranges:
        raise RangemapError("the article states no weapon range (such as \"a range of 2,000 km\"); "
                            "write a scenario by hand instead (see the README)")
    systems = _systems(findings)
    targets = tuple(dict.fromkeys(t.iso_a3 for t in findings.targets))
    deployer = deploying_country(findings, targets)
    sites, note = _sites(findings, deployer)
    if not sites:
        raise RangemapError("the article names no launch site and no deploying country; add [[sites]] by hand")
    if title is None:
        who = country_names().get(deployer, "") if deployer else ""
        title = (f"{who}' missile ranges" if who.endswith("s") else f"{who}'s missile ranges") if who else "Missile ranges"
    return Scenario(title=title, systems=systems, sites=sites, targets=targets, source=source,
                    claims=tuple(findings.targets), site_note=note)


def deploying_country(findings: Findings, targets: tuple[str, ...]) -> str | None:
    """The country that fields the systems: the most-named country that is not a target."""
    counts: dict[str, int] = {}
    for p in findings.places:
        if p.kind == "country" and p.country not in targets:
            counts[p.country] = counts.get(p.country, 0) + (2 if p.role == "basing" else 1)
    for p in findings.basing_places():
        if p.country:
            counts[p.country] = counts.get(p.country, 0) + 2
    if not counts:
        return None
    best: tuple[str, Any] = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return best[0]
