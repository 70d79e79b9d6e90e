"""The missile catalogue: public range figures, each with its source.

``geodata/missiles.csv`` (see ``geodata/README.md``) holds one row per system.
Names and aliases (designations, NATO reporting names, nicknames) match
case-, space- and hyphen-insensitively: "df26", "DF 26", "Dongfeng-26" and
"Guam killer" are all the DF-26.

>>> missile("dongfeng 26").name, missile("Guam killer").range_km
('DF-26', 4000.0)
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from typing import Any

from ._text import normalize, quote_value, suggest
from .errors import UnknownSystemError, did_you_mean
from .models import Missile

__all__ = ["missile", "missiles", "find_missiles", "missile_key", "catalogue_names"]

CATALOGUE_FILE = "missiles.csv"


def missile_key(name: str) -> str:
    """The key names are compared by: normalised, spaces and hyphens removed.

    >>> missile_key("Dong Feng-26"), missile_key("DF26")
    ('dongfeng26', 'df26')
    """
    return re.sub(r"[\s_]+", "", normalize(name))


@lru_cache(maxsize=1)
def _table() -> tuple[Missile, ...]:
    from .geodata import data_path

    rows = []
    with open(data_path(CATALOGUE_FILE), encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            rows.append(Missile(
                name=r["name"], aliases=tuple(a.strip() for a in r["aliases"].split("|") if a.strip()),
                country=r["country"], cls=r["class"],
                min_range_km=float(r["min_range_km"]) if r["min_range_km"] else None, range_km=float(r["range_km"]),
                range_note=r["range_note"] or None, status=r["status"],
                first_year=int(r["first_year"]) if r["first_year"] else None, source=r["source"],
                source_date=r["source_date"]))
    return tuple(rows)


@lru_cache(maxsize=1)
def _index() -> dict[str, Missile]:
    index: dict[str, Missile] = {}
    for m in _table():
        for n in (m.name, *m.aliases):
            index.setdefault(missile_key(n), m)
        # "Dongfeng-26" is also written "Dong Feng-26" and "DF-26"
        index.setdefault(missile_key(m.name.replace("DF-", "Dongfeng-")), m)
    return index


def catalogue_names() -> dict[str, str]:
    """Every name and alias (as written) -> the system's name; for the parser."""
    return {n: m.name for m in _table() for n in (m.name, *m.aliases)}


def missile(name: str) -> Missile:
    """One system by name or alias.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    UnknownSystemError
        A ``LookupError``, with up to three suggestions.
    """
    if not isinstance(name, str):
        raise TypeError(f"missile() needs a name (str), got {type(name).__name__}")
    found = _index().get(missile_key(name))
    if found is None:
        close = suggest(name, [n for m in _table() for n in (m.name, *m.aliases)], cutoff=0.6)
        raise UnknownSystemError(f"unknown missile {quote_value(name)}{did_you_mean(close)}; "
                                 "`rangemap systems` lists the catalogue", name=name, suggestions=close)
    return found


def find_missiles(query: str | None = None, *, country: str | None = None, cls: str | None = None) -> list[Missile]:
    """Systems whose name or alias contains ``query`` (compared as keys), of a
    country (ISO alpha-3 or name) and class, in table order."""
    if country is not None:
        from .geodata import country_code

        country = country_code(country)
    key = missile_key(query) if query else ""
    out = []
    for m in _table():
        if country and m.country != country:
            continue
        if cls and m.cls.casefold() != cls.casefold():
            continue
        if key and not any(key in missile_key(n) for n in (m.name, *m.aliases)):
            continue
        out.append(m)
    return out


def missiles() -> Any:
    """The whole catalogue as a pandas DataFrame (a fresh copy)."""
    import pandas as pd

    rows = []
    for m in _table():
        d = m.to_dict()
        d["aliases"] = "|".join(m.aliases)
        d["class"] = d.pop("cls")
        rows.append(d)
    return pd.DataFrame(rows)
