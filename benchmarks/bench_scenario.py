"""Scenario handling with many systems (issue #11: 10,000 systems took 150 s
because colours and styles looked up a tuple index, which is quadratic).

    python benchmarks/bench_scenario.py

Times reading a scenario of N systems and one site, then giving every system
its colour and style and every (site, system) pair, for N = 1,000 and 10,000,
side by side; a linear implementation shows a ratio near 10.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def run(n: int) -> float:
    from rangemap import scenario as scenario_io

    lines = ['title = "many"', 'targets = ["PRK"]']
    for i in range(n):
        lines += ["[[systems]]", f'name = "system {i}"', f"range_km = {100 + i % 5000}"]
    lines += ["[[sites]]", 'name = "s"', "lat = 35", "lon = 135"]
    text = "\n".join(lines)
    t = time.perf_counter()
    s = scenario_io.loads(text)
    colours = [(s.system_color(m), s.system_style(m)) for m in s.systems]
    pairs = s.pairs()
    assert len(colours) == n and len(pairs) == n
    return time.perf_counter() - t


def main() -> int:
    run(100)  # warm
    small = min(run(1_000) for _ in range(3))
    big = min(run(10_000) for _ in range(2))
    print(f"1,000 systems: {small:.3f} s; 10,000 systems: {big:.3f} s; ratio {big / small:.1f} (linear: about 10; "
          "it was 150 s for 10,000 before)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
