"""The missile catalogue: lookups, the scenario key, the parser's use of it (issue #14)."""

from __future__ import annotations

import json

import pytest

import rangemap
from rangemap import scenario as scenario_io
from rangemap.catalogue import find_in_text, find_missiles, missile, missile_key
from rangemap.cli import main
from rangemap.errors import UnknownSystemError


@pytest.mark.parametrize("name", ["DF-26", "df26", "DF 26", "Dongfeng-26", "dong feng 26", "Guam killer", "CSS-18"])
def test_missile__names_and_aliases_match_loosely(name):
    assert missile(name).name == "DF-26"


def test_missile__record_carries_its_source():
    m = rangemap.missile("Hwasong-18")
    assert m.country == "PRK" and m.range_km > 10_000 and m.source and m.source_date
    assert m.citation().startswith(m.source)


def test_missile__unknown_name_suggests():
    with pytest.raises(UnknownSystemError, match=r"did you mean 'DF-27'") as info:
        missile("DF-62")
    assert isinstance(info.value, LookupError) and "DF-26" in info.value.suggestions


def test_missiles__dataframe_has_every_row_and_column():
    df = rangemap.missiles()
    assert len(df) >= 200
    assert {"name", "aliases", "country", "class", "min_range_km", "range_km", "source", "source_date"} <= set(df.columns)


def test_find_missiles__filters():
    prk = find_missiles(country="North Korea")
    assert prk and all(m.country == "PRK" for m in prk)
    icbm = find_missiles(cls="ICBM", country="RUS")
    assert icbm and all(m.cls == "ICBM" for m in icbm)
    assert [m.name for m in find_missiles("guam")] == ["DF-26"]


def test_missile_key():
    assert missile_key("Hwasong-15") == missile_key("hwasong 15") == "hwasong15"


def test_cli_systems__table_and_json(capsys):
    assert main(["systems", "DF-2", "--country", "CHN"]) == 0
    out = capsys.readouterr().out
    assert "DF-26" in out and "4,000 km" in out and "CSIS" in out
    assert main(["systems", "--class", "SLBM", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["cls"] == "SLBM" for r in rows)


def test_scenario__filled_from_the_catalogue_and_overridden(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('title = "t"\ntargets = ["GUM"]\n'
                    '[[systems]]\nmissile = "Guam killer"\n'
                    '[[systems]]\nname = "DF-26 (short)"\nmissile = "DF-26"\nrange_km = 3000\nmin_range_km = 500\n'
                    '[[sites]]\nname = "Shanghai"\nlat = 31.2\nlon = 121.5\n')
    s = scenario_io.read(path)
    full, short = s.systems
    assert (full.name, full.range_km, full.missile) == ("DF-26", 4000.0, "DF-26")
    assert full.range_source.startswith("catalogue: CSIS")
    assert full.year == "2016"
    assert (short.range_km, short.min_range_km, short.range_source) == (3000.0, 500.0, None)
    assert scenario_io.loads(scenario_io.dumps(s)) == s


def test_report_and_map_say_where_a_range_came_from(tmp_path, capsys):
    path = tmp_path / "s.toml"
    path.write_text('title = "t"\ntargets = ["GUM"]\n[[systems]]\nmissile = "DF-26"\n'
                    '[[sites]]\nname = "Shanghai"\nlat = 31.2\nlon = 121.5\n')
    assert main(["report", str(path)]) == 0
    assert "DF-26: 4,000 km, catalogue: CSIS" in capsys.readouterr().out
    assert main(["render", str(path), "--offline", "-o", str(tmp_path / "m.html")]) == 0
    assert '"range_source":"catalogue: CSIS' in (tmp_path / "m.html").read_text()
    assert main(["brief", str(path), "-o", str(tmp_path / "b.html")]) == 0
    assert "DF-26: 4,000 km, catalogue: CSIS" in (tmp_path / "b.html").read_text()


def test_find_in_text__designations_and_nicknames_in_weapon_context():
    text = ("China fielded the DF-26 missile, nicknamed the Guam killer. The city of Jericho is old. "
            "Israel tested a Jericho III missile.")
    found = [(text[a:b], m.name) for a, b, m in find_in_text(text)]
    assert ("DF-26", "DF-26") in found and ("Guam killer", "DF-26") in found
    assert ("Jericho III", "Jericho III") in found
    assert all(t != "Jericho" for t, _ in found)  # the city, in a sentence about no weapon


def test_find_in_text__is_linear():
    import time

    chunk = "The DF-26 missile and the Hwasong-18 were paraded while analysts watched. " * 200
    t0 = time.perf_counter()
    find_in_text(chunk)
    small = time.perf_counter() - t0
    t0 = time.perf_counter()
    find_in_text(chunk * 8)
    big = time.perf_counter() - t0
    assert big < small * 8 * 3 + 0.05


def test_parser__named_system_without_a_range_gets_the_catalogue_range():
    f = rangemap.parse_text("China has deployed more DF-26 missiles to bases in Qinghai, officials said.")
    cat = [r for r in f.ranges if r.source == "catalogue"]
    assert [(r.km, r.missile) for r in cat] == [(4000.0, "DF-26")]
    assert cat[0].citation and "CSIS" in cat[0].citation


def test_parser__a_stated_range_wins_and_a_disagreement_is_flagged():
    f = rangemap.parse_text("The DF-26 missile has a range of 2,500 km, the ministry said.")
    assert [(r.km, r.source) for r in f.ranges] == [(2500.0, "article")]
    assert f.ranges[0].missile == "DF-26" and "4,000 km" in f.ranges[0].note
    g = rangemap.parse_text("The DF-26 missile has a range of 4,000 km.")
    assert g.ranges[0].note is None


def test_init__article_naming_only_a_system_gives_a_usable_scenario(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Russia moved Iskander-M missile launchers to Kaliningrad, within reach of Warsaw and Berlin.\n")
    out = tmp_path / "s.toml"
    assert main(["init", str(article), "-o", str(out)]) == 0
    s = scenario_io.read(out)
    assert s.systems[0].missile == missile("Iskander-M").name and s.systems[0].range_km == missile("Iskander-M").range_km
    assert s.systems[0].range_source.startswith("catalogue:")
    assert main(["report", str(out)]) == 0


def test_minimum_range__every_output_carries_the_hole(tmp_path, capsys):
    """A system with a minimum range is an annulus in the map, GeoJSON (a hole,
    clockwise), KML (innerBoundaryIs), GeoPackage and coverage."""
    import sqlite3
    import xml.etree.ElementTree as ET

    import shapely
    from shapely.geometry import shape

    path = tmp_path / "d.toml"
    path.write_text('title = "donut"\ntargets = ["PRK"]\n[[systems]]\nname = "d"\nrange_km = 2000\nmin_range_km = 800\n'
                    '[[sites]]\nname = "Beijing"\nlat = 39.9\nlon = 116.4\n')
    assert main(["export", str(path), "-o", str(tmp_path / "d.geojson")]) == 0
    fc = json.loads((tmp_path / "d.geojson").read_text())
    ring = next(f for f in fc["features"] if f["geometry"]["type"] in ("Polygon", "MultiPolygon"))
    geom = shape(ring["geometry"])
    assert sum(len(p.interiors) for p in shapely.get_parts(geom)) == 1
    hole = shapely.get_parts(geom)[0].interiors[0]
    assert not shapely.Polygon(hole).exterior.is_ccw  # RFC 7946: holes clockwise
    assert not geom.contains(shapely.Point(116.4, 39.9))  # the site itself is out of reach
    assert main(["export", str(path), "-o", str(tmp_path / "d.kml")]) == 0
    kml = ET.parse(tmp_path / "d.kml")
    assert kml.getroot().iter("{http://www.opengis.net/kml/2.2}innerBoundaryIs").__next__() is not None
    assert main(["export", str(path), "-o", str(tmp_path / "d.gpkg")]) == 0
    with sqlite3.connect(tmp_path / "d.gpkg") as db:
        assert db.execute("SELECT count(*) FROM rings").fetchone()[0] == 1
    assert main(["export", str(path), "-o", str(tmp_path / "d.png"), "--width", "400", "--dpi", "50"]) == 0
    assert main(["render", str(path), "--offline", "-o", str(tmp_path / "d.html")]) == 0
    assert "Geodesic range annulus" in (tmp_path / "d.html").read_text()
    from rangemap.measure import coverage

    s = scenario_io.read(path)
    full = coverage(dataclasses_replace_min(s)).iloc[0]
    donut = coverage(s).iloc[0]
    assert donut["covered_km2"] < full["covered_km2"]


def dataclasses_replace_min(s):
    import dataclasses

    return dataclasses.replace(s, systems=tuple(dataclasses.replace(x, min_range_km=None) for x in s.systems))


def test_cli_systems__unknown_class_lists_the_classes(capsys):
    assert main(["systems", "--class", "ICMB"]) == 1
    err = capsys.readouterr().err
    assert "did you mean 'ICBM'" in err and "the catalogue has" in err and err.count("\n") == 1
