"""The article parser: the seed, a labelled set of our own, adversarial input."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from rangemap import parse_text
from rangemap.cli import main
from rangemap.parse import words_to_number

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_cf37cdb565ddf28d.txt"
LABELLED = json.loads((ROOT / "tests" / "data" / "parse_labelled.json").read_text())


# --------------------------------------------------------------------------- #
# the seed article
# --------------------------------------------------------------------------- #
@pytest.fixture(scope="module")
def seed():
    return parse_text(SEED.read_text())


def test_parse_text__seed_ranges_are_2000_and_3000(seed):
    assert sorted({r.km for r in seed.ranges}) == [2000.0, 3000.0]
    spun = [r for r in seed.ranges if "three thousand" in r.quote]
    assert spun and spun[0].qualifier == "about" and spun[0].quote == "regarding three thousand kilometers"
    hyper = [r for r in seed.ranges if r.system == "hypersonic missile"]
    assert hyper and hyper[0].km == 3000 and hyper[0].year == "2035"
    two = [r for r in seed.ranges if r.km == 2000][0]
    assert two.year == "early 2030s" and two.system == "missile"


def test_parse_text__seed_targets_and_claims(seed):
    claims = {t.iso_a3: t.claim for t in seed.targets}
    assert claims == {"PRK": "all", "CHN": "part"}
    prk = next(t for t in seed.targets if t.iso_a3 == "PRK")
    assert prk.quote == "any location in North Korea" and prk.range_km == 3000


def test_parse_text__seed_places(seed):
    names = {p.name for p in seed.places}
    assert "Okinawa" in names
    # the unit deployed "to the island of Okinawa" is basing; "50,000 American soldiers ...
    # stationed on the island of Okinawa" is troops only, which the labelling conventions make "other"
    assert [p.role for p in seed.places if p.name == "Okinawa"] == ["basing", "other"]
    # Lloyd Austin is a person, not Austin, Texas
    assert "Austin" not in names


def test_parse_text__seed_ignores_troops_money_and_years(seed):
    quotes = " ".join(r.quote for r in seed.ranges)
    for noise in ("50,000", "320", "2025", "2023"):
        assert noise not in quotes
    assert all(r.km in (2000.0, 3000.0) for r in seed.ranges)


def test_parse_text__offsets_point_at_quotes(seed):
    text = SEED.read_text()
    for item in (*seed.ranges, *seed.places, *seed.targets):
        assert text[item.start:item.end] == item.quote


def test_cli_parse__json_matches_to_dict(capsys, seed):
    assert main(["parse", str(SEED), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == json.loads(json.dumps(seed.to_dict()))
    assert set(out) == {"ranges", "places", "targets"}
    r = out["ranges"][0]
    assert {"km", "km_min", "qualifier", "quote", "start", "end", "system", "year", "sentence"} <= set(r)
    p = out["places"][0]
    assert {"name", "lat", "lon", "country", "kind", "role", "quote", "start", "end"} <= set(p)
    assert {"iso_a3", "name", "claim", "quote"} <= set(out["targets"][0])


def test_cli_parse__table_and_stdin(capsys, monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"The DF-26 missile has a range of 4,000 km.")))
    assert main(["parse", "-"]) == 0
    out = capsys.readouterr().out
    assert "4,000 km" in out and "DF-26 missile" in out


@pytest.mark.parametrize("content", [b"\x00\x01\x02binary", b"caf\xe9 2000 km"])
def test_cli_parse__binary_or_bad_utf8_is_one_line_error(tmp_path, capsys, content):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    assert main(["parse", str(f)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(f) in err and "Traceback" not in err


def test_cli_parse__missing_file(capsys):
    assert main(["parse", "no/such/file.txt"]) == 1
    assert "no such file" in capsys.readouterr().err


# --------------------------------------------------------------------------- #
# the labelled set
# --------------------------------------------------------------------------- #
def _score():
    tp_r = fp_r = fn_r = tp_p = fp_p = fn_p = 0
    for item in LABELLED:
        f = parse_text(item["text"])
        got = [r.km for r in f.ranges if r.source == "article"]
        want = [float(r["km"]) for r in item["ranges"]]
        for km in got:
            if any(abs(km - w) < 0.01 for w in want):
                tp_r += 1
            else:
                fp_r += 1
        fn_r += sum(1 for w in want if not any(abs(km - w) < 0.01 for km in got))
        got_p = {p.name for p in f.places}
        want_p = set(item["places"])
        tp_p += len(got_p & want_p)
        fp_p += len(got_p - want_p)
        fn_p += len(want_p - got_p)
    return tp_r, fp_r, fn_r, tp_p, fp_p, fn_p


def precision_recall():
    tp_r, fp_r, fn_r, tp_p, fp_p, fn_p = _score()
    return (tp_r / max(tp_r + fp_r, 1), tp_r / max(tp_r + fn_r, 1), tp_p / max(tp_p + fp_p, 1), tp_p / max(tp_p + fn_p, 1))


def test_labelled_set__has_at_least_40_sentences():
    assert len(LABELLED) >= 40


def test_labelled_set__precision_and_recall():
    pr, rr, pp, rp = precision_recall()
    assert pr >= 0.95 and rr >= 0.95, (pr, rr)
    assert pp >= 0.9 and rp >= 0.9, (pp, rp)


@pytest.mark.parametrize("item", LABELLED, ids=[i["text"][:50] for i in LABELLED])
def test_parse_text__labelled_sentence(item):
    f = parse_text(item["text"])
    stated = [r for r in f.ranges if r.source == "article"]  # the catalogue's figures are checked in test_catalogue
    assert sorted(r.km for r in stated) == pytest.approx(sorted(float(r["km"]) for r in item["ranges"]))
    for want in item["ranges"]:
        got = next(r for r in stated if abs(r.km - float(want["km"])) < 0.01)
        for key in ("km_min", "qualifier", "system", "year"):
            if key in want:
                assert getattr(got, key) == want[key], (key, got)
    assert {p.name for p in f.places} == set(item["places"])
    for name, role in item.get("roles", {}).items():
        assert {p.role for p in f.places if p.name == name} == {role}, name
    if "targets" in item:
        assert {(t.iso_a3, t.claim) for t in f.targets} == {(t["iso_a3"], t["claim"]) for t in item["targets"]}


# --------------------------------------------------------------------------- #
# numbers, safety and speed
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("words", "value"), [
    ("three thousand", 3000), ("fifteen hundred", 1500), ("a thousand", 1000), ("two hundred and fifty", 250),
    ("twenty-five hundred", 2500), ("ten thousand", 10000), ("one million", 1e6)])
def test_words_to_number(words, value):
    assert words_to_number(words.replace("-", " ").split()) == value


@pytest.mark.parametrize("payload", [
    "1," * 20000 + "km", "9" * 50000 + " km", "1 " * 30000 + "km", ", " * 40000 + "km",
    "missile " * 20000 + "range of 2,000 km", "new " * 30000 + "missile", "A " * 20000 + "Bb", "Sea of " * 10000,
    "-" * 50000 + "km", "three " * 20000 + "thousand km",
])
def test_parse_text__adversarial_input_is_fast(payload):
    t = time.perf_counter()
    parse_text(payload)
    assert time.perf_counter() - t < 5.0


def test_parse_text__rejects_non_text():
    with pytest.raises(TypeError):
        parse_text(b"bytes")  # type: ignore[arg-type]


HELDOUT = json.loads((ROOT / "tests" / "data" / "parse_heldout.json").read_text())


def test_heldout_set__precision_and_recall():
    """16 sentences written after the parser, scored without tuning it to them
    (see the closing note of the parser issue for the figures)."""
    tp_r = fp_r = fn_r = tp_p = fp_p = fn_p = 0
    for item in HELDOUT:
        f = parse_text(item["text"])
        got, want = [r.km for r in f.ranges], [float(r["km"]) for r in item["ranges"]]
        hit = sum(any(abs(g - w) < 0.01 for w in want) for g in got)
        tp_r, fp_r = tp_r + hit, fp_r + len(got) - hit
        fn_r += sum(not any(abs(g - w) < 0.01 for g in got) for w in want)
        gp, wp = {p.name for p in f.places}, set(item["places"])
        tp_p, fp_p, fn_p = tp_p + len(gp & wp), fp_p + len(gp - wp), fn_p + len(wp - gp)
    assert tp_r / (tp_r + fp_r) >= 0.85 and tp_r / (tp_r + fn_r) >= 0.85
    assert tp_p / (tp_p + fp_p) >= 0.85 and tp_p / (tp_p + fn_p) >= 0.85
