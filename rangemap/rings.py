"""Scenario -> rings: every (site, system) range ring, computed once per command.

A point site's ring is an exact geodesic circle (or, with a minimum range, the
annulus between two) from :func:`rangemap.geodesy.range_rings`, all computed
in one vectorised call. A territory site's "ring" is its reach area
(:func:`rangemap.reach.reach_area`): every point within range of some point
of the territory. Every boundary is within :data:`RING_MAX_ERROR_M` of the
stated range. Every output stage takes these rings instead of computing its own.
"""

from __future__ import annotations

from .models import Ring, Scenario

__all__ = ["scenario_rings", "RING_MAX_ERROR_M"]

#: The boundary error every drawn and measured ring is held to, in metres.
RING_MAX_ERROR_M = 100.0


def scenario_rings(scenario: Scenario, *, max_error_m: float = RING_MAX_ERROR_M) -> tuple[Ring, ...]:
    """One :class:`~rangemap.models.Ring` per :meth:`Scenario.pairs` entry, in that order.

    A territory site ignores a system's minimum range (the set of points whose
    distance from *some* point of a territory lies between two ranges is the
    reach area itself, for any territory wider than the gap).
    """
    from .geodesy import range_rings
    from .reach import reach_area

    pairs = scenario.pairs()
    points = [i for i, (site, _) in enumerate(pairs) if not site.is_territory]
    geoms: list = [None] * len(pairs)
    if points:
        lats = [pairs[i][0].lat for i in points]
        lons = [pairs[i][0].lon for i in points]
        radii = [pairs[i][1].range_km for i in points]
        mins = [pairs[i][1].min_range_km or 0.0 for i in points]
        done = range_rings(lats, lons, radii, min_radius_km=mins if any(mins) else None, max_error_m=max_error_m)
        for i, g in zip(points, done):
            geoms[i] = g
    cache: dict[tuple[str | None, float], object] = {}
    for i, (site, system) in enumerate(pairs):
        if site.is_territory:
            key = (site.territory, system.range_km)
            if key not in cache:
                cache[key] = reach_area(site.territory, system.range_km, max_error_m=max_error_m)
            geoms[i] = cache[key]
    return tuple(Ring(site=s, system=m, geometry=g) for (s, m), g in zip(pairs, geoms))
