"""Scenario -> rings: every (site, system) range ring, computed once per command.

The geometry comes from :func:`rangemap.geodesy.range_rings` (exact WGS84
geodesic circles, boundary error under ``max_error_m``) in one vectorised
call. Every output stage takes these rings instead of computing its own.
"""

from __future__ import annotations

from .models import Ring, Scenario

__all__ = ["scenario_rings", "RING_MAX_ERROR_M"]

#: The boundary error every drawn and measured ring is held to, in metres.
RING_MAX_ERROR_M = 100.0


def scenario_rings(scenario: Scenario, *, max_error_m: float = RING_MAX_ERROR_M) -> tuple[Ring, ...]:
    """One :class:`~rangemap.models.Ring` per :meth:`Scenario.pairs` entry, in that order."""
    from .geodesy import range_rings

    pairs = scenario.pairs()
    if not pairs:
        return ()
    geoms = range_rings([s.lat for s, _ in pairs], [s.lon for s, _ in pairs], [m.range_km for _, m in pairs],
                        max_error_m=max_error_m)
    return tuple(Ring(site=s, system=m, geometry=g) for (s, m), g in zip(pairs, geoms))
