"""Coverage figures against independent estimates (geographiclib Monte Carlo,
brute-force maximum distance) and the claim checks."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import shapely
from geographiclib.geodesic import Geodesic

from rangemap import check_claims, country, coverage
from rangemap import scenario as scenario_io
from rangemap.cli import main
from rangemap.infer import scenario_from_text
from rangemap.measure import full_coverage_km
from tests.conftest import SEED

WGS84 = Geodesic.WGS84
E2 = WGS84.f * (2 - WGS84.f)


def scenario(sites, systems, targets):
    lines = ['title = "test"', "targets = [" + ", ".join(f'"{t}"' for t in targets) + "]"]
    for name, km in systems:
        lines += ["[[systems]]", f'name = "{name}"', f"range_km = {km}"]
    for name, lat, lon in sites:
        lines += ["[[sites]]", f'name = "{name}"', f"lat = {lat}", f"lon = {lon}"]
    return scenario_io.loads("\n".join(lines))


def monte_carlo_fraction(lat, lon, range_km, iso3, n_inside=40_000, seed=7):
    """Share of the country within range, from points spread evenly over the
    ellipsoid (rejection-sampled for the ellipsoid's area element) and each
    tested with geographiclib's geodesic distance."""
    geom = country(iso3).geometry
    rng = np.random.default_rng(seed)
    parts = list(shapely.get_parts(geom))
    # sample each part's bounding box so that small far-flung parts are not missed
    boxes = [p.bounds for p in parts]
    weights = np.array([(b[2] - b[0]) * (math.sin(math.radians(b[3])) - math.sin(math.radians(b[1]))) for b in boxes])
    weights /= weights.sum()
    inside_lon, inside_lat = [], []
    while len(inside_lon) < n_inside:
        k = rng.choice(len(boxes), size=20_000, p=weights)
        b = np.array(boxes)[k]
        s = rng.uniform(np.sin(np.radians(b[:, 1])), np.sin(np.radians(b[:, 3])))
        lat_ = np.degrees(np.arcsin(s))
        lon_ = rng.uniform(b[:, 0], b[:, 2])
        # ellipsoid area element relative to the sphere's: (1 - e2 sin^2)^-2, up to a constant
        w = (1 - E2 * np.sin(np.radians(lat_)) ** 2) ** -2 / (1 - E2) ** -2
        keep = rng.uniform(0, 1, len(w)) < w
        # overlapping boxes would double-count: keep a point only for the first box that holds it
        first = np.array([next(i for i, bb in enumerate(boxes) if bb[0] <= x <= bb[2] and bb[1] <= y <= bb[3])
                          for x, y in zip(lon_, lat_)])
        keep &= first == k
        keep &= shapely.contains_xy(geom, lon_, lat_)
        inside_lon.extend(lon_[keep])
        inside_lat.extend(lat_[keep])
    pts = list(zip(inside_lat[:n_inside], inside_lon[:n_inside]))
    hits = sum(WGS84.Inverse(lat, lon, y, x, Geodesic.DISTANCE)["s12"] < range_km * 1000 for y, x in pts)
    return hits / len(pts)


@pytest.mark.parametrize(("site", "lat", "lon", "km", "iso3"), [
    ("Okinawa", 26.5, 127.95, 2000, "CHN"),
    ("Kumamoto", 32.8, 130.71, 1000, "PRK"),
    ("Pyongyang", 39.03, 125.75, 8000, "USA"),     # Alaska and the Aleutians cross the antimeridian
    ("Pyongyang", 39.03, 125.75, 11000, "USA"),
    ("McMurdo", -77.85, 166.67, 3000, "ATA"),      # a ring round the South Pole
])
def test_coverage__agrees_with_monte_carlo(site, lat, lon, km, iso3):
    table = coverage(scenario([(site, lat, lon)], [("s", km)], [iso3]))
    got = float(table["covered_fraction"].iloc[0])
    expected = monte_carlo_fraction(lat, lon, km, iso3, n_inside=20_000)
    assert abs(got - expected) <= 0.01, (got, expected)


def test_coverage__target_wholly_inside_is_exactly_one():
    table = coverage(scenario([("Seoul", 37.57, 126.98)], [("s", 1500)], ["PRK"]))
    row = table.iloc[0]
    assert row["covered_fraction"] == 1.0
    assert row["covered_km2"] == row["target_km2"]
    assert row["capital_in_range"]


def test_coverage__target_out_of_reach_is_zero():
    row = coverage(scenario([("Tokyo", 35.68, 139.69)], [("s", 500)], ["PRK"])).iloc[0]
    assert row["covered_fraction"] == 0.0 and row["cities_in_range"] == 0 and not row["capital_in_range"]


@pytest.mark.parametrize(("lat", "lon", "iso3"), [(26.5, 127.95, "PRK"), (26.5, 127.95, "CHN"), (39.03, 125.75, "USA"),
                                                    (35.68, 139.69, "TWN"), (39.9, 116.4, "CHN")])
def test_full_coverage_km__is_the_farthest_boundary_point(lat, lon, iso3):
    """Brute force with geographiclib over the boundary, densified to 2 km."""
    geom = country(iso3).geometry
    dense = shapely.segmentize(geom.boundary, 0.02)
    xy = shapely.get_coordinates(dense)
    step = max(1, len(xy) // 20_000)
    far = max(WGS84.Inverse(lat, lon, y, x, Geodesic.DISTANCE)["s12"] for x, y in xy[::step]) / 1000
    # the sampled maximum can only be below the true one
    got = full_coverage_km(lat=lat, lon=lon, iso3=iso3)
    assert got == pytest.approx(far, rel=0.005)
    # and a ring of that range covers the whole country
    row = coverage(scenario([("s", lat, lon)], [("r", got * 1.001)], [iso3])).iloc[0]
    assert row["covered_fraction"] == pytest.approx(1.0, abs=1e-6)


def test_coverage__cities_are_counted_by_geodesic_distance():
    import shapely

    from rangemap.geodata import city_rows

    row = coverage(scenario([("Okinawa", 26.5, 127.95)], [("s", 2000)], ["CHN"])).iloc[0]
    china = country("CHN").geometry
    expected = [r for r in city_rows() if shapely.contains_xy(china, float(r[4]), float(r[3]))
                and WGS84.Inverse(26.5, 127.95, float(r[3]), float(r[4]), Geodesic.DISTANCE)["s12"] < 2_000_000]
    assert row["cities_in_range"] == len(expected)
    assert row["population_in_range"] == sum(int(r[7]) for r in expected)


def test_coverage__columns_and_combined_rows():
    table = coverage(scenario([("A", 26.5, 127.95), ("B", 43.0, 141.3)], [("x", 2000), ("y", 3000)], ["PRK", "CHN"]))
    assert list(table.columns) == ["site", "system", "range_km", "target", "covered_fraction", "covered_km2",
                                   "target_km2", "cities_in_range", "population_in_range", "capital_in_range",
                                   "full_coverage_km"]
    assert len(table) == 2 * 2 * 2 + 2 * 2  # site x system x target, plus combined per system x target
    combined = table[table["site"] == "combined"]
    for (system, target), grp in table[table["site"] != "combined"].groupby(["system", "target"]):
        c = combined[(combined["system"] == system) & (combined["target"] == target)].iloc[0]
        assert c["covered_fraction"] >= grp["covered_fraction"].max() - 1e-12
        assert c["cities_in_range"] >= grp["cities_in_range"].max()
        assert c["full_coverage_km"] <= grp["full_coverage_km"].min() + 1e-6


def test_check_claims__seed():
    s = scenario_io.load(SEED)
    claims = {c.target: c for c in check_claims(s)}
    assert claims["PRK"].verdict == "supported" and claims["PRK"].claim == "all"
    # the article names no launch site for the missiles (the Marines go to Okinawa),
    # so the claims are checked from anywhere in Japan, and the evidence says so
    assert "100% within range" in claims["PRK"].evidence and "Anywhere in Japan" in claims["PRK"].evidence
    assert "the article names no launch site" in claims["PRK"].evidence
    assert claims["CHN"].verdict == "supported" and claims["CHN"].claim == "part"


def test_check_claims__contradicted_and_unverifiable():
    s = scenario_from_text("Japan will deploy a missile with a range of 500 km at Camp Kengun that can reach "
                           "any location in China. A rocket with a range of 800 km can hit parts of Brazil.")
    verdicts = {c.target: c for c in check_claims(s)}
    assert verdicts["CHN"].verdict == "contradicted"
    assert "needs" in verdicts["CHN"].evidence and "km from Camp Kengun" in verdicts["CHN"].evidence
    assert verdicts["BRA"].verdict == "contradicted"  # no part of Brazil is within 800 km of Kumamoto
    # without the 800 km system, the Brazil claim cannot be checked
    import dataclasses

    fewer = dataclasses.replace(s, systems=tuple(x for x in s.systems if x.range_km != 800))
    unver = {c.target: c for c in check_claims(fewer)}
    assert unver["BRA"].verdict == "unverifiable" and "no system in the scenario has that range" in unver["BRA"].evidence
    assert unver["CHN"].verdict == "contradicted"


def test_cli_report__formats(capsys):
    assert main(["report", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "North Korea" in out and "supported" in out and "100%" in out
    assert main(["report", str(SEED), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"rows", "claims"}
    assert {"site", "system", "range_km", "target", "covered_fraction", "full_coverage_km"} <= set(data["rows"][0])
    assert {"target", "claim", "system", "range_km", "verdict", "evidence", "quote"} <= set(data["claims"][0])
    assert main(["report", str(SEED), "--csv"]) == 0
    csv_out = capsys.readouterr().out.splitlines()
    assert csv_out[0].startswith("site,system,range_km,target,covered_fraction")
    assert len(csv_out) == 1 + len(data["rows"])
    assert main(["report", str(SEED), "--markdown"]) == 0
    md = capsys.readouterr().out
    assert "| site | system |" in md and "| supported |" in md


def test_map_shows_coverage_in_target_tooltips(tmp_path):
    out = tmp_path / "m.html"
    assert main(["render", str(SEED), "-o", str(out)]) == 0
    html = out.read_text()
    table = coverage(scenario_io.load(SEED))
    assert len(table) == 4
    for row in table.itertuples():
        pct = "100%" if row.covered_fraction >= 0.9995 else f"{row.covered_fraction * 100:.0f}%"
        assert f'"pct":"{pct}","site":"{row.site}","system":"{row.system}"' in html


def test_full_coverage_km__target_holding_the_antipode():
    """Santiago's antipode is in China (issue #11): covering all of China needs
    the antipodal distance, not the farthest boundary point (19,108 km)."""
    lat, lon = -33.457, -70.648
    got = full_coverage_km(lat=lat, lon=lon, iso3="CHN")
    antipode = WGS84.Inverse(lat, lon, -lat, lon + 180.0, Geodesic.DISTANCE)["s12"] / 1000
    assert got == pytest.approx(antipode, abs=0.01) and got > 20_000
    # brute force over points inside China near the antipode: none is farther
    rng = np.random.default_rng(5)
    pts = np.column_stack([rng.uniform(105, 112, 400), rng.uniform(30, 36, 400)])
    far = max(WGS84.Inverse(lat, lon, y, x, Geodesic.DISTANCE)["s12"] for x, y in pts) / 1000
    assert far <= got + 1e-6
    # and the report no longer contradicts itself at 19,900 km
    row = coverage(scenario([("Santiago", lat, lon)], [("s", 19_900)], ["CHN"])).iloc[0]
    assert row["covered_fraction"] < 1.0 and row["full_coverage_km"] > 19_900


def test_coverage__antarctica_against_monte_carlo():
    """Ushuaia at 3,000 km covers about 9 % of Antarctica (it reported 78.7 %
    when the mainland was missing from the data)."""
    table = coverage(scenario([("Ushuaia", -54.8, -68.3)], [("s", 3000)], ["ATA"]))
    got = float(table["covered_fraction"].iloc[0])
    expected = monte_carlo_fraction(-54.8, -68.3, 3000, "ATA", n_inside=20_000)
    assert abs(got - expected) <= 0.01, (got, expected)
    assert 0.07 < got < 0.11


def test_coverage__cities_are_counted_where_they_are():
    """A French overseas city inside France's drawn geometry counts for France."""
    row = coverage(scenario([("Cayenne", 4.93, -52.33)], [("s", 200)], ["FRA"])).iloc[0]
    assert row["cities_in_range"] >= 1 and row["covered_fraction"] > 0
