"""Benchmark: coverage() on the seed and on a large scenario.

1. The seed's report: `rangemap report seed` against `python -c "import
   rangemap.cli, pandas, pyproj, shapely"` (the imports the report needs), side
   by side, interleaved; the difference is what the report adds (target: under
   0.5 s).
2. 100 random sites in East Asia x 3 systems (1,000, 3,000 and 10,000 km) x 5
   targets (PRK, CHN, RUS, USA, JPN) in one process (target: under 10 s), with
   the rows per second.
Run: ``python benchmarks/bench_coverage.py``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
from _timing import interleaved

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_cf37cdb565ddf28d.txt"


def seed_report(runs: int = 7) -> None:
    py = sys.executable
    cmds = {"imports": [py, "-c", "import rangemap.cli, pandas, pyproj, shapely"],
            "report": [py, "-m", "rangemap", "report", str(SEED)]}
    times = interleaved(cmds, runs)
    imp, rep = statistics.median(times["imports"]), statistics.median(times["report"])
    print(f"seed report: {rep:.3f} s; imports alone {imp:.3f} s; the report adds {rep - imp:.3f} s (target < 0.5 s)")


def large() -> None:
    from rangemap import coverage
    from rangemap import scenario as scenario_io

    rng = np.random.default_rng(3)
    lats, lons = rng.uniform(20, 45, 100), rng.uniform(120, 145, 100)
    lines = ['title = "bench"', 'targets = ["PRK", "CHN", "RUS", "USA", "JPN"]']
    for name, km in (("short", 1000), ("medium", 3000), ("long", 10000)):
        lines += ["[[systems]]", f'name = "{name}"', f"range_km = {km}"]
    for i, (la, lo) in enumerate(zip(lats, lons)):
        lines += ["[[sites]]", f'name = "site {i}"', f"lat = {la:.4f}", f"lon = {lo:.4f}"]
    scenario = scenario_io.loads("\n".join(lines))
    warm = 'title = "w"\ntargets = ["PRK"]\n[[systems]]\nname = "s"\nrange_km = 100\n[[sites]]\nname = "w"\nlat = 30\nlon = 130'
    coverage(scenario_io.loads(warm))  # warm the caches
    t = time.perf_counter()
    table = coverage(scenario)
    sec = time.perf_counter() - t
    print(f"100 sites x 3 systems x 5 targets: {len(table):,} rows in {sec:.2f} s "
          f"({len(table) / sec:,.0f} rows/s; target < 10 s)")


if __name__ == "__main__":
    seed_report()
    large()
