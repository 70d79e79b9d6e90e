"""Benchmark: exports of the seed, each as a fresh `rangemap export` command.

Prints the wall time of `rangemap export seed -o seed.EXT` for each format
(median of N interleaved runs) next to `python -c "import rangemap.cli,
matplotlib.pyplot, geopandas"` as the import baseline, plus two awkward
scenarios: a 13,000 km ring from Pyongyang with targets USA and RUS (a global
Equal Earth map, a ring round the North Pole) and Suva with target FJI (Fiji
split at the antimeridian), as PNG and KML. Target: the PNG in under 3 s.
Run: ``python benchmarks/bench_export.py [--runs 5]``.
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

AWKWARD = {
    "global": """title = "13,000 km from Pyongyang"
targets = ["USA", "RUS"]
[[systems]]
name = "ICBM"
range_km = 13000
[[sites]]
name = "Pyongyang"
lat = 39.02
lon = 125.75
""",
    "fiji": """title = "Suva"
targets = ["FJI"]
[[systems]]
name = "SRBM"
range_km = 100
[[sites]]
name = "Suva"
lat = -18.14
lon = 178.44
""",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        cmds = {"imports (baseline)": [py, "-c", "import rangemap.cli, matplotlib.pyplot, geopandas"]}
        for ext in ("png", "svg", "geojson", "kml", "gpkg"):
            cmds[f"export .{ext}"] = [py, "-m", "rangemap", "export", str(SEED), "-o", str(Path(tmp) / f"seed.{ext}")]
        cmds["brief .html"] = [py, "-m", "rangemap", "brief", str(SEED), "-o", str(Path(tmp) / "brief.html")]
        for name, toml in AWKWARD.items():
            src = Path(tmp) / f"{name}.toml"
            src.write_text(toml, encoding="utf-8")
            for ext in ("png", "kml"):
                cmds[f"{name} .{ext}"] = [py, "-m", "rangemap", "export", str(src), "-o", str(Path(tmp) / f"{name}.{ext}")]
        times = interleaved(cmds, args.runs)
    base = statistics.median(times["imports (baseline)"])
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"{name:22s} {med:6.3f} s  ({med / base:4.2f}x the imports)")
    print("target: export .png under 3 s")


if __name__ == "__main__":
    main()
