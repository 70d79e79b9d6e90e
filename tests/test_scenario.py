"""Scenario files: reading, writing, validation errors and `rangemap init`."""

from __future__ import annotations

import textwrap

import pytest

from rangemap import ConfigError
from rangemap import scenario as scenario_io
from rangemap.cli import main
from rangemap.infer import scenario_from_text
from tests.conftest import SEED as SEED_PATH

GOOD = textwrap.dedent("""\
    title = "Japan's planned long-range missiles"
    source = "seeds/000_cf37cdb565ddf28d.txt"
    targets = ["PRK", "China"]

    [[systems]]
    name = "Hypersonic missile"
    range_km = 3000
    year = "2035"
    quote = "a hypersonic missile with a range of 3,000 km"
    color = "#d62728"

    [[systems]]
    name = "Upgraded Type 12"
    range_km = 1000

    [[sites]]
    name = "Kumamoto"
    lat = 32.80
    lon = 130.71
    systems = ["Hypersonic missile"]

    [[sites]]
    place = "Camp Kengun"
""")


def write(tmp_path, text, name="s.toml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_from_toml__reads_every_key(tmp_path):
    s = scenario_io.read(write(tmp_path, GOOD))
    assert s.title == "Japan's planned long-range missiles"
    assert s.targets == ("PRK", "CHN")
    assert [(m.name, m.range_km, m.year) for m in s.systems] == [("Hypersonic missile", 3000.0, "2035"),
                                                                 ("Upgraded Type 12", 1000.0, None)]
    kumamoto, kengun = s.sites
    assert (kumamoto.lat, kumamoto.lon, kumamoto.systems) == (32.80, 130.71, ("Hypersonic missile",))
    assert kengun.name == "Camp Kengun" and kengun.lat == pytest.approx(32.8, abs=0.05)
    # Kumamoto carries one system, Camp Kengun (no list) carries both
    assert [(a.name, b.name) for a, b in s.pairs()] == [
        ("Kumamoto", "Hypersonic missile"), ("Camp Kengun", "Hypersonic missile"), ("Camp Kengun", "Upgraded Type 12")]


def test_to_toml__round_trips(tmp_path):
    s = scenario_io.read(write(tmp_path, GOOD))
    out = tmp_path / "copy.toml"
    scenario_io.write(s, out)
    again = scenario_io.read(out)
    assert again.systems == s.systems and again.targets == s.targets and again.title == s.title
    assert [(x.name, x.lat, x.lon, x.systems) for x in again.sites] == [
        (x.name, round(x.lat, 4), round(x.lon, 4), x.systems) for x in s.sites]


def test_to_toml__refuses_to_overwrite_without_force(tmp_path):
    s = scenario_io.read(write(tmp_path, GOOD))
    target = write(tmp_path, "# mine\n", "mine.toml")
    with pytest.raises(FileExistsError, match="--force"):
        scenario_io.write(s, target)
    assert target.read_text() == "# mine\n"
    scenario_io.write(s, target, force=True)
    assert "Hypersonic missile" in target.read_text()


def test_to_toml__escapes_hostile_strings(tmp_path):
    s = scenario_io.read(write(tmp_path, GOOD.replace('name = "Kumamoto"', 'name = "Ku\\"ma\\\\mo\\nto"')))
    out = tmp_path / "out.toml"
    scenario_io.write(s, out)
    assert scenario_io.read(out).sites[0].name == 'Ku"ma\\mo\nto'  # newlines survive the round trip


def test_from_text__seed_defaults(seed_text):
    s = scenario_from_text(seed_text)
    assert sorted(m.range_km for m in s.systems) == [2000.0, 3000.0]
    assert "Hypersonic missile (2035)" in [m.name for m in s.systems]
    assert s.targets == ("PRK", "CHN")
    # the Marines go to Okinawa; the missiles have no stated site: Japan's territory
    assert [(x.name, x.region) for x in s.sites] == [("Anywhere in Japan", "JPN")]
    assert all(m.quote for m in s.systems)


def test_from_text__no_basing_place_gives_the_deploying_territory():
    s = scenario_from_text("Japan plans to field a hypersonic missile with a range of 3,000 km that can reach "
                           "any location in North Korea. Japan said on Monday the plan is on schedule.")
    assert [(x.name, x.region) for x in s.sites] == [("Anywhere in Japan", "JPN")]
    assert s.site_note == "from anywhere in Japan; the article names no launch site"
    text = scenario_io.dumps(s)
    assert 'region = "JPN"' in text and "# Sites: from anywhere in Japan" in text
    assert scenario_io.loads(text) == s  # the comment is a comment; the scenario reads back equal


def test_from_text__territory_site_verifies_the_claim():
    from rangemap import check_claims, coverage

    s = scenario_from_text("Japan plans to field a hypersonic missile with a range of 3,000 km that can reach "
                           "any location in North Korea.")
    claims = check_claims(s, coverage(s))
    assert [(c.target, c.verdict) for c in claims] == [("PRK", "supported")]
    assert "from anywhere in Japan" in claims[0].evidence


BAD = [
    ("malformed", GOOD.replace('range_km = 3000', 'range_km = = 3000'), r"s\.toml: line 7: invalid TOML"),
    ("unknown key", GOOD.replace('range_km = 1000', 'range_km = 1000\nrange_mk = 5'),
     r"line 15: unknown key 'range_mk' in system 'Upgraded Type 12'|line 15: unknown key 'range_mk' in systems\[1\] \(did you mean 'range_km'"),
    ("unknown top key", "titel = 'x'\n" + GOOD, r"line 1: unknown key 'titel' in the scenario \(did you mean 'title'"),
    ("lat 95", GOOD.replace("lat = 32.80", "lat = 95"), r"line 18: site 'Kumamoto': lat must be within \[-90, 90\], got 95"),
    ("range -5", GOOD.replace("range_km = 3000", "range_km = -5"), r"line 7: system 'Hypersonic missile': range_km must be more than 0 and at most 20,004 km .*got -5"),
    ("range nan", GOOD.replace("range_km = 3000", "range_km = nan"), r"line 7: .*range_km must be a finite number, got nan"),
    ("range string", GOOD.replace("range_km = 3000", 'range_km = "3000 km"'), r"range_km must be a number, got '3000 km'"),
    ("unknown place", GOOD.replace('place = "Camp Kengun"', 'place = "Camp Kengn"'),
     r"line 23: site 'Camp Kengn': unknown place 'Camp Kengn' \(did you mean 'Camp Kengun'"),
    ("unknown country", GOOD.replace('"China"', '"Chna"'), r"line 3: targets: unknown country 'Chna' \(did you mean 'China'"),
    ("empty systems", 'title = "x"\nsystems = []\n[[sites]]\nname = "a"\nlat = 1\nlon = 2\n', r"line 2: no \[\[systems\]\]"),
    ("no systems", 'title = "x"\n[[sites]]\nname = "a"\nlat = 1\nlon = 2\n', r"no \[\[systems\]\]"),
    ("duplicate site", GOOD.replace('place = "Camp Kengun"', 'name = "Kumamoto"\nlat = 1\nlon = 2'), r"duplicate site name 'Kumamoto'"),
    ("no position", GOOD.replace('place = "Camp Kengun"', 'name = "Nowhere"'), r"site 'Nowhere' needs lat and lon, or a place name"),
    ("lat without lon", GOOD.replace("lon = 130.71\n", ""), r"site 'Kumamoto' has lat but no lon"),
    ("unknown system", GOOD.replace('systems = ["Hypersonic missile"]', 'systems = ["Hypersonic missle"]'),
     r"unknown system 'Hypersonic missle' \(did you mean 'Hypersonic missile'"),
    ("bad colour", GOOD.replace('"#d62728"', '"red"'), r"color must look like"),
]


@pytest.mark.parametrize(("case", "text", "pattern"), BAD, ids=[b[0] for b in BAD])
def test_from_toml__bad_scenarios(tmp_path, case, text, pattern):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match=pattern) as info:
        scenario_io.read(path)
    msg = str(info.value)
    assert msg.startswith(str(path)) and "\n" not in msg
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(("case", "text", "pattern"), BAD[:9], ids=[b[0] for b in BAD[:9]])
def test_cli_render__bad_scenario_is_one_line_error(tmp_path, capsys, case, text, pattern):
    path = write(tmp_path, text)
    assert main(["render", str(path), "-o", str(tmp_path / "out.html")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and str(path) in err
    assert not (tmp_path / "out.html").exists()


def test_from_toml__missing_file(tmp_path):
    with pytest.raises(ConfigError, match="no such file"):
        scenario_io.read(tmp_path / "nope.toml")


def test_cli_init__writes_commented_scenario_and_refuses_overwrite(tmp_path, capsys):
    from tests.conftest import SEED

    out = tmp_path / "scenario.toml"
    assert main(["init", str(SEED), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    text = out.read_text()
    assert text.startswith("# rangemap scenario")
    s = scenario_io.read(out)
    assert sorted(m.range_km for m in s.systems) == [2000.0, 3000.0] and s.targets == ("PRK", "CHN")

    out.write_text("# my edits\n")
    assert main(["init", str(SEED), "-o", str(out)]) == 1
    assert "--force" in capsys.readouterr().err
    assert out.read_text() == "# my edits\n"
    assert main(["init", str(SEED), "-o", str(out), "--force"]) == 0
    assert "Hypersonic" in out.read_text()


def test_cli_init__article_without_ranges(tmp_path, capsys):
    art = write(tmp_path, "Leaders met in Tokyo on Monday to discuss trade.", "a.txt")
    assert main(["init", str(art), "-o", str(tmp_path / "s.toml")]) == 1
    err = capsys.readouterr().err
    assert "states no weapon range" in err and err.count("\n") == 1
    assert not (tmp_path / "s.toml").exists()


def test_cli__unwritable_output_names_the_file(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = blocker / "map.html"  # a directory that is a file
    assert main(["render", str(SEED_PATH), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(out) in err and "Traceback" not in err and ".tmp" not in err


# --------------------------------------------------------------------------- #
# write, read, equal (hypothesis)
# --------------------------------------------------------------------------- #
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from rangemap.models import Scenario, Site, System  # noqa: E402

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(lambda t: t.strip())
_OPT = st.none() | _TEXT


@st.composite
def scenarios(draw):
    names = draw(st.lists(_TEXT, min_size=1, max_size=4, unique=True))
    systems = []
    for name in names:
        rng = draw(st.floats(min_value=0.5, max_value=20_004, allow_nan=False))
        lo = draw(st.none() | st.floats(min_value=0.1, max_value=rng * 0.99, allow_nan=False))
        systems.append(System(name=name, range_km=rng, year=draw(_OPT), quote=draw(_OPT),
                              color=draw(st.none() | st.sampled_from(["#d62728", "#1F77B4"])),
                              style=draw(st.none() | st.sampled_from(["solid", "dotted"])),
                              min_range_km=lo if lo and lo < rng else None))
    site_names = draw(st.lists(_TEXT, min_size=1, max_size=3, unique=True))
    sites = [Site(name=n, lat=draw(st.floats(-90, 90)), lon=draw(st.floats(-180, 180)),
                  systems=tuple(draw(st.lists(st.sampled_from(names), max_size=2, unique=True))), quote=draw(_OPT))
             for n in site_names]
    return Scenario(title=draw(_TEXT), systems=tuple(systems), sites=tuple(sites),
                    targets=tuple(draw(st.lists(st.sampled_from(["PRK", "CHN", "FJI", "ATA"]), max_size=3,
                                                unique=True))),
                    source=draw(_OPT), description=draw(_OPT))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_dumps__round_trips_any_scenario(s):
    """Names with quotes, backslashes, newlines, DEL and other control characters,
    and any float, read back as the same scenario."""
    assert scenario_io.loads(scenario_io.dumps(s)) == s
