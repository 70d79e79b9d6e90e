"""Reach analysis speed (issue #15), measured side by side in one run.

    python benchmarks/bench_reach.py

1. Reach areas (Japan at 3,000 km, China at 2,000 km): rangemap's pruned union
   against the plain union of every boundary sample's disk (the same exact
   geometry without the pruning), which is what one would write first.
2. A launch basket (all of North Korea at 1,000 km, within Japan).
3. The siting heat map: 2,500 candidate sites x 2 targets (PRK, CHN) x 2
   systems, against calling coverage() once per candidate site (timed on a
   sample of sites and scaled up, and said so).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
import shapely


def best_of(fn, n: int = 3) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(n):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def plain_union(region: str, r: float):
    from rangemap.geodesy import range_rings
    from rangemap.reach import _boundary_samples, _budget, territory

    geom = territory(region)
    e1, spacing, e3 = _budget(r, 100.0)
    pts = _boundary_samples(geom, spacing, e3)
    rings = range_rings(pts[:, 1].tolist(), pts[:, 0].tolist(), [r] * len(pts), max_error_m=e1)
    return shapely.union_all([geom, *rings])


def main() -> int:
    from rangemap.measure import coverage
    from rangemap.models import Scenario, Site, System
    from rangemap.reach import _grid_cells, launch_basket, reach_area, siting_heatmap, territory

    reach_area("PRK", 500)  # warm the data caches
    print("reach areas (best of 3)")
    for region, r in (("JPN", 3000.0), ("CHN", 2000.0)):
        t_ours, ours = best_of(lambda region=region, r=r: reach_area(region, r))
        t_plain, plain = best_of(lambda region=region, r=r: plain_union(region, r), 1)
        diff = shapely.symmetric_difference(ours, plain).area / plain.area
        print(f"  {region} {r:,.0f} km: rangemap {t_ours:.2f} s, plain union {t_plain:.2f} s, "
              f"ratio {t_plain / t_ours:.1f}x; area difference {diff:.2e} of the area "
              f"{'(under 1 s: ok)' if t_ours < 1 else '(OVER 1 s)'}")

    t_b, b = best_of(lambda: launch_basket("PRK", 1000.0, within="JPN"))
    print(f"launch basket, all of North Korea at 1,000 km within Japan: {t_b:.2f} s "
          f"{'(under 0.5 s: ok)' if t_b < 0.5 else '(OVER 0.5 s)'}; {b.area_km2:,.0f} km²")

    # the heat map: a spacing that gives about 2,500 cells in Japan
    region = territory("JPN")
    spacing = 25.0
    for _ in range(8):
        n = len(_grid_cells(region, spacing)[0])
        if 2400 <= n <= 2700:
            break
        spacing *= (n / 2500) ** 0.5
    systems = [("2,000 km", 2000.0), ("3,000 km", 3000.0)]
    siting_heatmap("JPN", systems, ["PRK", "CHN"], spacing_km=200.0)  # warm the target samples
    t_heat, heat = best_of(lambda: siting_heatmap("JPN", systems, ["PRK", "CHN"], spacing_km=spacing), 2)
    cells = len(heat) // 4
    rng = np.random.default_rng(0)
    pick = heat.drop_duplicates(["lat", "lon"]).iloc[rng.choice(cells, size=40, replace=False)]
    t0 = time.perf_counter()
    for row in pick.itertuples(index=False):
        s = Scenario(title="t", systems=tuple(System(n, r) for n, r in systems), sites=(Site("c", row.lat, row.lon),),
                     targets=("PRK", "CHN"))
        coverage(s, combined=False)
    per_site = (time.perf_counter() - t0) / len(pick)
    t_cov = per_site * cells
    print(f"heat map: {cells:,} sites x 2 targets x 2 systems (spacing {spacing:.1f} km): rangemap {t_heat:.2f} s "
          f"{'(under 5 s: ok)' if t_heat < 5 else '(OVER 5 s)'}; coverage() per site {per_site * 1000:.0f} ms "
          f"x {cells:,} = {t_cov:.0f} s (timed on 40 sites); ratio {t_cov / t_heat:.0f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
