"""Benchmark: rangemap.range_rings against the common recipes, side by side.

1,000 random sites x 3 radii (1,000, 3,000 and 10,000 km) = 3,000 rings, made by
  * rangemap.range_rings (default max_error_m=100)
  * peer (a): per-site azimuthal-equidistant projection + shapely buffer with
    quad_segs=16 + reprojection with geopandas (time and accuracy)
  * peer (b): a Python model of Leaflet's L.Circle drawing in Web Mercator
    (accuracy only; what folium.Circle shows)
  * bare: the same number of vertices rangemap produced, from one Geod.fwd call

Times are the best of 3 runs (rangemap, bare) and of 2 runs (peer a), as
timeit does for CPU-bound work; all run in the same process, one after the
other. Boundary error is |geodesic distance - radius| at every vertex and every edge
midpoint (straight lon/lat edges), measured with pyproj's Geod.inv. Peer (a)
cannot represent rings that cross the antimeridian or hold a pole; its errors
are measured on what it produced.

Scaling (issue #11, "20,000 radii take 80 s"): range_rings for N and 10 x N
rings, (i) N radii from 100 to 19,990 km round one centre (7 % of them far
rings, traced from the antipode) and (ii) N random centres at 3,000 km. The
time should grow 10-fold (linear), not 100-fold. Run:
``python benchmarks/bench_rings.py [--sites 1000] [--scaling 2000 20000 | --no-scaling]``.
"""

from __future__ import annotations

import argparse
import math
import time
import warnings

import numpy as np
import shapely
from pyproj import Geod

import rangemap

GEOD = Geod(ellps="WGS84")
RADII_KM = (1000.0, 3000.0, 10000.0)


def random_sites(n: int, seed: int = 42):
    rng = np.random.default_rng(seed)
    lat = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
    lon = rng.uniform(-180, 180, n)
    return lat, lon


def worst_error_m(geoms, lats, lons, radii_km) -> tuple[float, float]:
    """(worst error over all rings, median of per-ring worst errors), in metres."""
    worst_per_ring = []
    for geom, la, lo, r in zip(geoms, lats, lons, radii_km):
        if geom is None or geom.is_empty:
            worst_per_ring.append(math.inf)
            continue
        coords = []
        for poly in getattr(geom, "geoms", [geom]):
            for ring in [poly.exterior, *poly.interiors]:
                c = np.asarray(ring.coords)
                a, b = c[:-1], c[1:]
                cut = ((np.abs(a[:, 0]) == 180) & (a[:, 0] == b[:, 0])) | ((np.abs(a[:, 1]) == 90) & (a[:, 1] == b[:, 1]))
                a, b = a[~cut], b[~cut]
                coords.append(a)
                coords.append((a + b) / 2.0)
        pts = np.vstack(coords)
        pts = pts[np.abs(pts[:, 1]) < 90]
        _, _, d = GEOD.inv(np.full(len(pts), lo), np.full(len(pts), la), pts[:, 0], pts[:, 1])
        worst_per_ring.append(float(np.max(np.abs(d - r * 1000.0))))
    arr = np.asarray(worst_per_ring)
    return float(arr.max()), float(np.median(arr))


def peer_aeqd_buffer(lats, lons, radii_km):
    """The common recipe: project to a local AEQD, buffer, reproject (geopandas)."""
    import geopandas as gpd
    from shapely.geometry import Point

    out = []
    for la, lo, r in zip(lats, lons, radii_km):
        crs = f"+proj=aeqd +lat_0={la} +lon_0={lo} +datum=WGS84 +units=m +no_defs"
        s = gpd.GeoSeries([Point(0, 0)], crs=crs).buffer(r * 1000.0, quad_segs=16).to_crs(4326)
        out.append(s.iloc[0])
    return out


def peer_leaflet_circle(lats, lons, radii_km, n_points: int = 64):
    """Leaflet 1.9 L.Circle on EPSG:3857 (Circle._project): an ellipse in Mercator
    whose radii come from a spherical-Earth (R = 6371 km) latitude offset."""
    R_EARTH = 6371000.0
    R_MERC = 6378137.0
    MAX_LAT = 85.0511287798

    def project(lat, lng):
        lat = np.clip(lat, -MAX_LAT, MAX_LAT)
        return R_MERC * np.radians(lng), R_MERC * np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))

    def unproject(x, y):
        return np.degrees(2 * np.arctan(np.exp(y / R_MERC)) - np.pi / 2), np.degrees(x / R_MERC)

    out = []
    d = math.pi / 180
    t = np.linspace(0, 2 * np.pi, n_points, endpoint=False)
    for lat, lng, r in zip(lats, lons, radii_km):
        lat_r = (r * 1000.0 / R_EARTH) / d
        top = project(lat + lat_r, lng)
        bottom = project(lat - lat_r, lng)
        px, py = (top[0] + bottom[0]) / 2, (top[1] + bottom[1]) / 2
        lat2 = unproject(px, py)[0]
        with np.errstate(invalid="ignore"):
            lng_r = math.acos(max(-1.0, min(1.0, (math.cos(lat_r * d) - math.sin(lat * d) * math.sin(lat2 * d))
                                          / (math.cos(lat * d) * math.cos(lat2 * d))))) / d
        if lng_r == 0 or math.isnan(lng_r):
            lng_r = lat_r / math.cos(d * lat)
        rx = px - project(lat2, lng - lng_r)[0]
        ry = top[1] - py
        ys, xs = unproject(px + rx * np.cos(t), py + ry * np.sin(t))
        poly = shapely.Polygon(np.column_stack([xs, ys]))
        out.append(poly)
    return out


def best_of(k: int, fn, *args):
    """(fastest time of k calls, the last result)."""
    best, result = math.inf, None
    for _ in range(k):
        t0 = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best, result


def timed(k: int, fn, *args) -> tuple[float, float]:
    """(fastest wall time, fastest CPU time of this process) of k calls. CPU
    time is what to compare on a shared machine: other load inflates wall time."""
    wall, cpu = math.inf, math.inf
    for _ in range(k):
        t0, c0 = time.perf_counter(), time.process_time()
        fn(*args)
        wall, cpu = min(wall, time.perf_counter() - t0), min(cpu, time.process_time() - c0)
    return wall, cpu


def scaling(sizes: tuple[int, int]) -> None:
    """Time range_rings at two sizes, one centre and many centres, and print the ratios."""
    rows = []
    for n in sizes:
        one = (np.full(n, 35.68), np.full(n, 139.69), np.linspace(100.0, 19_990.0, n))
        lat, lon = random_sites(n, seed=7)
        many = (lat, lon, np.full(n, 3000.0))
        runs = 2 if n <= 5000 else 1
        rows.append((n, timed(runs, rangemap.range_rings, *one), timed(runs, rangemap.range_rings, *many)))
    print()
    print("scaling of range_rings with the number of rings (wall s / CPU s)")
    print(f"{'rings':>8s} {'one centre':>15s} {'ms/ring':>8s} {'many centres':>15s} {'ms/ring':>8s}")
    for n, (w1, c1), (w2, c2) in rows:
        print(f"{n:8,d} {w1:7.2f} /{c1:6.2f} {1000 * c1 / n:8.3f} {w2:7.2f} /{c2:6.2f} {1000 * c2 / n:8.3f}")
    (n0, one0, many0), (n1, one1, many1) = rows
    print(f"CPU time ratio for {n1 / n0:.0f}x the rings: one centre {one1[1] / one0[1]:5.1f}x, "
          f"many centres {many1[1] / many0[1]:5.1f}x   (linear: {n1 / n0:.0f}x; issue #11: 80 s for 20,000 radii)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sites", type=int, default=1000)
    ap.add_argument("--scaling", type=int, nargs=2, default=(2000, 20000), metavar=("N", "M"),
                    help="ring counts for the scaling test (default: 2000 20000)")
    ap.add_argument("--no-scaling", action="store_true", help="skip the scaling test")
    args = ap.parse_args()

    lat, lon = random_sites(args.sites)
    lats = np.repeat(lat, len(RADII_KM))
    lons = np.repeat(lon, len(RADII_KM))
    radii = np.tile(RADII_KM, len(lat))
    n = len(lats)

    rangemap.range_rings(lats[:10], lons[:10], radii[:10])  # warm caches (Geod, imports)
    t_ours, ours = best_of(3, rangemap.range_rings, lats, lons, radii)
    n_vertices = int(sum(shapely.get_num_coordinates(g) for g in ours))

    az = np.random.default_rng(0).uniform(0, 360, n_vertices)
    idx = np.random.default_rng(1).integers(0, n, n_vertices)
    t_bare, _ = best_of(3, GEOD.fwd, lons[idx], lats[idx], az, radii[idx] * 1000.0)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        peer_aeqd_buffer(lats[:5], lons[:5], radii[:5])
        t_a, peer_a = best_of(2, peer_aeqd_buffer, lats, lons, radii)
        peer_b = peer_leaflet_circle(lats, lons, radii)

    err_ours = worst_error_m(ours, lats, lons, radii)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        err_a = worst_error_m(peer_a, lats, lons, radii)
        err_b = worst_error_m(peer_b, lats, lons, radii)
    valid_a = sum(bool(g.is_valid) and not g.is_empty for g in peer_a)

    print(f"{n:,} rings ({args.sites:,} sites x {len(RADII_KM)} radii), {n_vertices:,} vertices from rangemap")
    print(f"{'method':42s} {'time s':>9s} {'worst err m':>13s} {'median worst m':>15s}")
    print(f"{'rangemap.range_rings':42s} {t_ours:9.3f} {err_ours[0]:13.1f} {err_ours[1]:15.1f}")
    print(f"{'bare Geod.fwd, same vertex count':42s} {t_bare:9.3f} {'-':>13s} {'-':>15s}")
    print(f"{'(a) AEQD + buffer(quad_segs=16) + to_crs':42s} {t_a:9.3f} {err_a[0]:13.1f} {err_a[1]:15.1f}")
    print(f"{'(b) Leaflet L.Circle model':42s} {'n/a':>9s} {err_b[0]:13.1f} {err_b[1]:15.1f}")
    print(f"peer (a) valid polygons: {valid_a:,} of {n:,}")
    print()
    print(f"speed-up over (a):            {t_a / t_ours:6.1f}x   (target >= 10x)")
    print(f"cost relative to bare fwd:    {t_ours / t_bare:6.2f}x   (target <= 2x)")
    print(f"accuracy vs (a), worst:       {err_a[0] / max(err_ours[0], 1e-9):6.1f}x smaller error")
    print(f"accuracy vs (b), worst:       {err_b[0] / max(err_ours[0], 1e-9):6.1f}x smaller error")
    if not args.no_scaling:
        scaling(tuple(args.scaling))


if __name__ == "__main__":
    main()
