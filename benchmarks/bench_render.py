"""Benchmark: `rangemap render` on the seed against importing its libraries.

Times, side by side in one run (N interleaved runs each, fresh processes):
  * baseline: python -c "import geopandas, folium, pyproj"
  * rangemap render <seed> -o <tmp>.html  (parse, rings, coverage, map)
  * rangemap render <seed> --offline
and prints the ratios (target: at most 1.5x the baseline).
Run: ``python benchmarks/bench_render.py [--runs 7]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from _timing import interleaved

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_cf37cdb565ddf28d.txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "seed.html")
        cases = {
            "import geopandas, folium, pyproj": [py, "-c", "import geopandas, folium, pyproj"],
            "rangemap render seed": [py, "-m", "rangemap", "render", str(SEED), "-o", out],
            "rangemap render seed --offline": [py, "-m", "rangemap", "render", str(SEED), "--offline", "-o", out],
        }
        results = interleaved(cases, args.runs)
    base = results["import geopandas, folium, pyproj"]
    print(f"{args.runs} interleaved runs each; ratios of medians (and of fastest runs)")
    for name, secs in results.items():
        med, low = statistics.median(secs), min(secs)
        print(f"{name:36s} median {med:6.3f} s  {med / statistics.median(base):5.2f}x   "
              f"fastest {low:6.3f} s  {low / min(base):5.2f}x")
    print("target: rangemap render <= 1.5x baseline")


if __name__ == "__main__":
    main()
