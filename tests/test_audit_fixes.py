"""Regressions from a new-user audit of the whole tool."""

from __future__ import annotations

import pytest

from rangemap import scenario as scenario_io
from rangemap.cli import main
from rangemap.measure import check_claims, coverage
from rangemap.render import map_payload, scene_lon
from rangemap.rings import scenario_rings

ARTICLE = ("Fiji is said to be weighing a missile with a range of 5,500 km at Nadi that could reach all of "
           "New Zealand and parts of Australia.\n")


@pytest.fixture
def fiji(tmp_path):
    article = tmp_path / "fiji.txt"
    article.write_text(ARTICLE)
    toml = tmp_path / "fiji.toml"
    assert main(["init", str(article), "-o", str(toml)]) == 0
    return article, toml


def test_outputs_never_replace_the_article_a_scenario_names(fiji, capsys):
    article, toml = fiji
    before = article.read_bytes()
    for args in (["render", str(toml), "-o", str(article)], ["export", str(toml), "-o", str(article.with_suffix(".txt"))],
                 ["brief", str(toml), "-o", str(article)]):
        assert main(args) == 1
    assert article.read_bytes() == before


def test_an_edited_scenario_still_checks_the_articles_claims(fiji, capsys):
    _, toml = fiji
    toml.write_text(toml.read_text().replace('region = "FJI"', 'region = "FJI"\nquote = "moved by hand"'))
    s = scenario_io.load(toml)
    verdicts = {c.target: c.verdict for c in check_claims(s, coverage(s))}
    assert verdicts == {"NZL": "supported", "AUS": "supported"}
    assert main(["report", str(toml)]) == 0
    assert "[supported] 5,500 km, any location in New Zealand" in capsys.readouterr().out
    # a range the article's claim does not state leaves the claim unverifiable, and says why
    toml.write_text(toml.read_text().replace("range_km = 5500", "range_km = 2500"))
    s = scenario_io.load(toml)
    assert {c.verdict for c in check_claims(s, coverage(s))} == {"unverifiable"}


def test_a_claim_with_a_catalogue_range_is_checked():
    from rangemap.infer import scenario_from_text

    s = scenario_from_text("North Korea's Hwasong-18 missile can reach anywhere in the continental United States.")
    claims = check_claims(s, coverage(s))
    assert [(c.target, c.verdict) for c in claims] == [("USA", "supported")]


def test_a_capital_just_outside_the_border_still_counts():
    s = scenario_io.loads('title = "t"\ntargets = ["FJI"]\n[[systems]]\nname = "m"\nrange_km = 4000\n'
                          '[[sites]]\nname = "s"\nlat = -17.7\nlon = 178.0\n')
    assert bool(coverage(s).iloc[0]["capital_in_range"])


def test_map_is_centred_across_the_antimeridian():
    s = scenario_io.loads('title = "t"\ntargets = ["USA", "FJI"]\n[[systems]]\nname = "m"\nrange_km = 5500\n'
                          '[[sites]]\nname = "e"\nlat = -17.7\nlon = 179.0\n[[sites]]\nname = "w"\nlat = -16\nlon = -179.0\n')
    assert abs(abs(scene_lon(s)) - 180.0) < 1e-6
    payload = map_payload(s, scenario_rings(s))
    lons = [site["lon"] for site in payload["sites"]]
    assert max(lons) - min(lons) < 5  # both sites side by side, not at opposite edges
    usa = next(t for t in payload["targets"] if t["iso3"] == "USA")
    assert usa["bounds"][0] > 0  # the USA drawn east of the scene's centre, past 180
