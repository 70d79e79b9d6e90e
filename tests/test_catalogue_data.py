"""Checks on the hand-edited missile catalogue geodata/missiles.csv.

Reads the file with the standard csv module only, so the checks run without
rangemap's geospatial dependencies.
"""

from __future__ import annotations

import csv
import re
import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest

GEODATA = Path(__file__).resolve().parent.parent / "geodata"
CSV_PATH = GEODATA / "missiles.csv"
GPKG_PATH = GEODATA / "countries_50m.gpkg"

COLUMNS = [
    "name", "aliases", "country", "class", "min_range_km", "range_km", "range_note",
    "status", "first_year", "source", "source_date",
]
CLASSES = {
    "SRBM", "CRBM", "MRBM", "IRBM", "ICBM", "SLBM", "GLCM", "ALCM", "SLCM", "HGV",
    "ASBM", "ASCM", "LACM", "ALBM", "SAM", "MLRS",
}
STATUSES = {"operational", "in development", "retired", "tested"}
# Used only if the bundled GeoPackage cannot be read.
FALLBACK_ISO_A3 = {
    "CHN", "PRK", "RUS", "IRN", "USA", "JPN", "KOR", "TWN", "IND", "PAK", "ISR",
    "FRA", "GBR", "TUR", "UKR", "YEM", "NOR", "DEU", "ITA", "ESP", "AUS", "SAU",
    "ARE", "EGY", "SYR", "IRQ", "LBN", "BLR", "KAZ", "UZB", "AZE", "ARM", "VNM",
    "IDN", "MYS", "SGP", "PHL", "THA", "BRA", "ARG", "CAN", "MEX", "ZAF", "POL",
    "NLD", "BEL", "SWE", "FIN", "GRC",
}


def _read() -> tuple[list[str], list[dict[str, str]]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [dict(zip(header, values)) for values in reader]
    return header, rows


HEADER, ROWS = _read()


def _label(row: dict[str, str]) -> str:
    return row.get("name") or "<unnamed row>"


def _iso_a3_codes() -> set[str]:
    try:
        con = sqlite3.connect(f"file:{GPKG_PATH}?mode=ro", uri=True)
        try:
            codes = {r[0] for r in con.execute("SELECT iso_a3 FROM countries") if r[0]}
        finally:
            con.close()
    except sqlite3.Error:
        return FALLBACK_ISO_A3
    return codes or FALLBACK_ISO_A3


def _norm(term: str) -> str:
    return re.sub(r"[\s\-_]", "", term.lower())


def test_missiles_csv__header_is_exactly_the_column_list():
    assert HEADER == COLUMNS


def test_missiles_csv__has_at_least_200_rows():
    assert len(ROWS) >= 200


def test_missiles_csv__every_row_has_all_columns():
    bad = [_label(r) for r in ROWS if len(r) != len(COLUMNS) or None in r.values()]
    assert not bad, f"rows with a wrong number of fields: {bad}"


def test_missiles_csv__every_row_has_a_name():
    assert all(r["name"].strip() for r in ROWS)


def test_missiles_csv__every_row_has_a_positive_range():
    bad = []
    for r in ROWS:
        try:
            ok = float(r["range_km"]) > 0
        except ValueError:
            ok = False
        if not ok:
            bad.append((_label(r), r["range_km"]))
    assert not bad, f"range_km missing, not a number or not positive: {bad}"


def test_missiles_csv__min_range_is_below_the_range():
    bad = []
    for r in ROWS:
        if not r["min_range_km"].strip():
            continue
        try:
            ok = 0 < float(r["min_range_km"]) < float(r["range_km"])
        except ValueError:
            ok = False
        if not ok:
            bad.append((_label(r), r["min_range_km"], r["range_km"]))
    assert not bad, f"min_range_km must satisfy 0 < min < range_km: {bad}"


def test_missiles_csv__class_is_allowed():
    bad = [(_label(r), r["class"]) for r in ROWS if r["class"] not in CLASSES]
    assert not bad, f"class not in {sorted(CLASSES)}: {bad}"


def test_missiles_csv__status_is_allowed():
    bad = [(_label(r), r["status"]) for r in ROWS if r["status"] not in STATUSES]
    assert not bad, f"status not in {sorted(STATUSES)}: {bad}"


def test_missiles_csv__every_row_has_a_source():
    bad = [_label(r) for r in ROWS if not r["source"].strip()]
    assert not bad, f"rows without a source: {bad}"


def test_missiles_csv__every_row_has_a_source_date():
    bad = [(_label(r), r["source_date"]) for r in ROWS
           if not re.fullmatch(r"\d{4}(-\d{2})?", r["source_date"].strip())]
    assert not bad, f"source_date must be YYYY or YYYY-MM: {bad}"


def test_missiles_csv__country_is_a_valid_iso_a3_code():
    codes = _iso_a3_codes()
    bad = [(_label(r), r["country"]) for r in ROWS if r["country"] not in codes]
    assert not bad, f"country not an ISO 3166-1 alpha-3 code: {bad}"


def test_missiles_csv__first_year_is_empty_or_plausible():
    bad = []
    for r in ROWS:
        year = r["first_year"].strip()
        if year and not (re.fullmatch(r"\d{4}", year) and 1940 <= int(year) <= 2040):
            bad.append((_label(r), year))
    assert not bad, f"first_year must be empty or a year 1940-2040: {bad}"


def test_missiles_csv__aliases_are_well_formed():
    bad = [(_label(r), r["aliases"]) for r in ROWS
           if r["aliases"] and any(not a.strip() or a != a.strip() for a in r["aliases"].split("|"))]
    assert not bad, f"empty or padded aliases: {bad}"


def test_missiles_csv__names_and_aliases_point_to_one_system():
    owners: dict[str, set[int]] = defaultdict(set)
    for i, r in enumerate(ROWS):
        terms = [r["name"]] + [a for a in r["aliases"].split("|") if a]
        for term in terms:
            owners[_norm(term)].add(i)
    clashes = {key: sorted(_label(ROWS[i]) for i in rows) for key, rows in owners.items() if len(rows) > 1}
    assert not clashes, f"names or aliases shared by more than one row: {clashes}"


@pytest.mark.parametrize("name", ["DF-26", "Hwasong-18", "9M729", "Tomahawk Block V"])
def test_missiles_csv__brief_examples_are_present(name):
    assert name in {r["name"] for r in ROWS}
