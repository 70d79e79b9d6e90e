"""Bad input gets one line naming the value, exit code 1, no traceback, and
loses nothing (issue #11)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rangemap.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_cf37cdb565ddf28d.txt"
GOOD = 'title = "t"\ntargets = ["PRK"]\n[[systems]]\nname = "m"\nrange_km = 1000\n[[sites]]\nname = "s"\nlat = 35\nlon = 135\n'

BAD_SCENARIOS = [
    ("huge integer range", GOOD.replace("range_km = 1000", "range_km = 1" + "0" * 400), r"line 5: .*range_km .*integer of 401 digits"),
    ("5,000-digit literal", GOOD.replace("range_km = 1000", "range_km = " + "1" * 5000), r"invalid TOML: a number has more digits"),
    ("range 1e300", GOOD.replace("range_km = 1000", "range_km = 1e300"), r"line 5: .*range_km must be more than 0 and at most 20,004 km.*1e\+300"),
    ("huge lat", GOOD.replace("lat = 35", "lat = " + "9" * 500), r"line 8: .*lat must be a finite number"),
    ("nested 5,000 deep", GOOD + "x = " + "[" * 5000 + "]" * 5000 + "\n", r"invalid TOML: nested too deeply"),
    ("year = true", GOOD.replace("range_km = 1000", "range_km = 1000\nyear = true"), r"line 6: .*year must be a string"),
    ("[systems] table", GOOD.replace("[[systems]]", "[systems]"), r"write \[\[systems\]\] \(two brackets\)"),
    ("unknown missile", GOOD.replace('name = "m"', 'missile = "DF-62"'), r"unknown missile 'DF-62' \(did you mean 'DF-27'"),
    ("min above max", GOOD.replace("range_km = 1000", "range_km = 1000\nmin_range_km = 2000"), r"min_range_km \(2,000\) must be less than range_km"),
    ("unknown place, 1 MB", GOOD.replace('lat = 35\nlon = 135', 'place = "' + "x" * 1_000_000 + '"'), r"unknown place 'x{20,}…'"),
    ("region and lat", GOOD.replace("lat = 35", 'region = "JPN"\nlat = 35'), r"a territory site .* takes no lat"),
    ("unknown region", GOOD.replace("lat = 35\nlon = 135", 'region = "Atlantis"'), r"unknown country 'Atlantis'"),
    ("basket system", GOOD + '[[baskets]]\nsystem = "x"\ntarget = "PRK"\n', r"baskets\[0\]: unknown system 'x'"),
    ("heatmap spacing", GOOD + '[heatmap]\nregion = "JPN"\nspacing_km = 0\n', r"spacing_km must be between 1 and 2,000"),
]


@pytest.mark.parametrize(("case", "text", "pattern"), BAD_SCENARIOS, ids=[c[0] for c in BAD_SCENARIOS])
def test_cli__bad_scenario_gives_one_line(tmp_path, capsys, case, text, pattern):
    import re

    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["report", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("rangemap: error: "), err[:300]
    assert re.search(pattern, err), err[:300]
    assert len(err) < 400


BAD_ARGS = [
    (["export", "{good}", "-o", "{tmp}/x.png", "--dpi", "-5"], "--dpi must be between 50 and 1200, got -5"),
    (["export", "{good}", "-o", "{tmp}/x.png", "--dpi", "0"], "--dpi must be between 50 and 1200, got 0"),
    (["export", "{good}", "-o", "{tmp}/x.png", "--width", "-100"], "--width must be between 200 and 20000, got -100"),
    (["export", "{good}", "-o", "{tmp}/x.png", "--width", "200000"], "--width must be between 200 and 20000"),
    (["export", "{good}", "-o", "{tmp}/x.png", "--width", "0"], "--width must be between 200 and 20000, got 0"),
    (["export", "{good}", "-o", "{tmp}/x.png", "--width", "1", "--dpi", "1"], "must be between"),
    (["rings", "--lat", "1", "--lon", "2", "--range-km", "100", "--precision", "-1"], "--precision must be between 3 and 15"),
    (["rings", "--lat", "1", "--lon", "2", "--range-km", "100", "--precision", "400"], "--precision must be between 3 and 15"),
    (["rings", "--lat", "91", "--lon", "2", "--range-km", "100"], "--lat must be between -90 and 90, got 91"),
    (["export", "{good}", "-o", ""], "the output file name is empty"),
    (["init", str(SEED), "-o", "{tmp}/newdir/"], "is a folder; give a file name"),
    (["render", "{good}", "-o", "{good}"], "is the input file; refusing to write over it"),
    (["export", "{good}", "-o", "{good}"], "is the input file"),
    (["render", str(SEED), "-o", str(SEED)], "is the input file"),
    (["report", "/dev/zero"], "larger than 50 MB"),
    (["report", "{tmp}/S.TOML"], "S.TOML: no such file"),
    (["report", "{tmp}/bad\nname.toml"], "'{tmp}/bad\\nname.toml': no such file"),
    (["reprot", "x"], "unknown command 'reprot' (did you mean 'report'"),
    (["export", "{good}", "-o", "{tmp}/x.pdf"], "unknown extension '.pdf'"),
]


@pytest.mark.parametrize(("argv", "needle"), BAD_ARGS, ids=[" ".join(a[:2] + a[-2:]) for a, _ in BAD_ARGS])
def test_cli__bad_arguments_give_one_line_and_exit_1(tmp_path, capsys, argv, needle):
    good = tmp_path / "good.toml"
    good.write_text(GOOD)
    before = good.read_bytes()
    args = [a.format(good=good, tmp=tmp_path) for a in argv]
    with pytest.raises(SystemExit) as info:
        code = main(args)
        raise SystemExit(code)
    assert info.value.code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert needle.format(tmp=tmp_path) in err, err
    assert good.read_bytes() == before  # the input is untouched
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_cli__upper_case_toml_is_a_scenario(tmp_path, capsys):
    path = tmp_path / "S.TOML"
    path.write_text(GOOD)
    assert main(["report", str(path)]) == 0
    assert "North Korea" in capsys.readouterr().out


def test_cli__scenario_with_a_bom_is_read(tmp_path, capsys):
    path = tmp_path / "s.toml"
    path.write_text("\ufeff" + GOOD, encoding="utf-8")
    assert main(["report", str(path)]) == 0


def test_cli__writes_into_a_device_instead_of_replacing_it(tmp_path, capsys):
    good = tmp_path / "good.toml"
    good.write_text(GOOD)
    assert main(["export", str(good), "-o", "/dev/null"]) == 1  # no extension: refused before writing
    fifo = tmp_path / "pipe.geojson"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    assert main(["export", str(good), "-o", str(fifo)]) == 0
    data = reader.communicate(timeout=30)[0]
    assert data.startswith(b'{"type":"FeatureCollection"')
    assert fifo.is_fifo()  # still a pipe, not replaced by a regular file


def test_cli__long_output_name_is_fine(tmp_path, capsys):
    good = tmp_path / "good.toml"
    good.write_text(GOOD)
    out = tmp_path / ("x" * 240 + ".geojson")
    assert main(["export", str(good), "-o", str(out)]) == 0
    assert out.exists()


def test_brief__refuses_to_replace_a_png_that_is_not_its_own(tmp_path, capsys):
    good = tmp_path / "good.toml"
    good.write_text(GOOD)
    png = tmp_path / "report.png"
    png.write_bytes(b"precious")
    assert main(["brief", str(good), "-o", str(tmp_path / "report.md")]) == 1
    assert "report.png already exists" in capsys.readouterr().err
    assert png.read_bytes() == b"precious"
    assert main(["brief", str(good), "-o", str(tmp_path / "report.md"), "--force"]) == 0
    assert png.read_bytes().startswith(b"\x89PNG")
    # its own PNG is replaced on the next run without --force
    assert main(["brief", str(good), "-o", str(tmp_path / "report.md")]) == 0


def test_init__never_overwrites_without_force(tmp_path, capsys):
    out = tmp_path / "s.toml"
    out.write_text("mine")
    assert main(["init", str(SEED), "-o", str(out)]) == 1
    assert out.read_text() == "mine"
    assert main(["init", str(SEED), "-o", str(out), "--force"]) == 0


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_cli__signal_during_gpkg_export_leaves_no_temporary_file(tmp_path, sig):
    good = tmp_path / "good.toml"
    good.write_text(GOOD.replace('targets = ["PRK"]', 'targets = ["RUS", "CHN", "USA", "CAN", "BRA", "AUS"]'))
    out = tmp_path / "out" / "x.gpkg"
    out.parent.mkdir()
    for delay in (0.8, 1.6, 2.4):
        proc = subprocess.Popen([sys.executable, "-m", "rangemap", "export", str(good), "-o", str(out)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        proc.send_signal(sig)
        proc.communicate(timeout=60)
        leftovers = [p.name for p in out.parent.iterdir() if p.name.startswith(".")]
        assert leftovers == [], leftovers


@pytest.mark.parametrize(("call", "kind"), [
    ("rangemap.geocode(None)", TypeError),
    ("rangemap.country(['PRK'])", TypeError),
    ("rangemap.coverage(None)", TypeError),
    ("rangemap.geocode('Tokyo', near=(999, 999))", ValueError),
    ("rangemap.geocode('Tokyo', near=(float('nan'), 0))", ValueError),
    ("rangemap.missile(3)", TypeError),
])
def test_api__misuse_raises_type_or_value_error(call, kind):
    import rangemap  # noqa: F401

    with pytest.raises(kind):
        eval(call)
