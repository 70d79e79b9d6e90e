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

__all__ = ["missile", "missiles", "find_missiles", "missile_key", "catalogue_names", "find_in_text",
           "with_catalogue", "DISAGREEMENT"]

#: A stated range that differs from the catalogue's by more than this share is kept and flagged.
DISAGREEMENT = 0.25

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
    classes = sorted({m.cls for m in _table()})
    if cls and cls.casefold() not in {c.casefold() for c in classes}:
        from .errors import InputError

        raise InputError(f"unknown missile class {quote_value(cls)}{did_you_mean(suggest(cls, classes, cutoff=0.5))}; "
                         f"the catalogue has {', '.join(classes)}")
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


# --------------------------------------------------------------------------- #
# the catalogue in articles
# --------------------------------------------------------------------------- #
_TOKEN = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+")
_WEAPON_CONTEXT = re.compile(
    r"\b(?:missiles?|rockets?|launch(?:er|ers|ed|es)?|ballistic|cruise|hypersonic|warheads?|fired|firing|"
    r"test(?:ed|s)?|deploy(?:ed|s|ment)?|interceptors?|batter(?:y|ies)|system|systems|arsenal|strike|salvo|"
    r"derivative|variant|version|range|\d[\d,.]*\s*(?:km|kilomet(?:er|re)s|miles)|"
    r"(?:can|could|would|will)\s+(?:reach|strike|hit|target))\b",
    re.IGNORECASE)
_MAX_TOKENS = 4


@lru_cache(maxsize=1)
def _first_tokens() -> frozenset[str]:
    """The first token of every name and alias (lowercase), to skip most words at once."""
    out = set()
    for m in _table():
        for n in (m.name, *m.aliases):
            t = _TOKEN.findall(n)
            if t:
                out.add(t[0].casefold())
    return frozenset(out)


# a word that can open a system's name: capitalised or a designation with a digit ("DF-26", "9M729")
_CANDIDATE = re.compile(r"(?<![0-9A-Za-z\u00c0-\u024f])[A-Z0-9\u00c0-\u00de][0-9A-Za-z\u00c0-\u024f]*")


def _distinctive(alias: str) -> bool:
    """A designation with a digit ("DF-26", "9M729") cannot be an ordinary word."""
    return any(c.isdigit() for c in alias)


def _part_of_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a match continues into a longer designation ("X-1403", "X-II", "X2")."""
    after = text[end:end + 2]
    before = text[max(0, start - 2):start]
    return (len(after) == 2 and after[0] in "-\u2010\u2011" and after[1].isalnum()) or \
        (after[:1].isalnum()) or (len(before) == 2 and before[1] in "-\u2010\u2011" and before[0].isalnum())


def find_in_text(text: str) -> list[tuple[int, int, Missile]]:
    """Catalogue systems named in ``text``: ``(start, end, missile)``, longest
    match first at each position, in text order. Linear in the text: each
    position tries at most four tokens. A name without a digit ("Jericho",
    "Shaheen") counts only in a sentence about weapons."""
    index = _index()
    firsts = _first_tokens()
    out: list[tuple[int, int, Missile]] = []
    pos = 0
    while True:
        f = _CANDIDATE.search(text, pos)
        if f is None:
            return out
        if f.group().casefold() not in firsts:
            pos = f.end()
            continue
        tokens = []
        for t in _TOKEN.finditer(text, f.start()):
            tokens.append((t.start(), t.end(), t.group(0).casefold()))
            if len(tokens) == _MAX_TOKENS:
                break
        i = 0
        if tokens[0][2] not in firsts:  # a token that merely starts like one
            pos = tokens[0][1]
            continue
        hit = None
        for n in range(min(_MAX_TOKENS, len(tokens) - i), 0, -1):
            # the tokens must be joined by nothing, a space or a hyphen
            gaps = [text[tokens[k][1]:tokens[k + 1][0]] for k in range(i, i + n - 1)]
            if any(g not in (" ", "-", "\u2010", "\u2011", "\u2013", "") for g in gaps):
                continue
            key = "".join(t[2] for t in tokens[i:i + n])
            missile = index.get(key)
            if missile is not None:
                hit = (tokens[i][0], tokens[i + n - 1][1], missile, n)
                break
        if hit is None:
            pos = tokens[0][1]
            continue
        start, end, missile, n = hit
        pos = end
        if _part_of_longer_name(text, start, end):  # "Zolfaghar-1403" is an exercise, "KN-23A" another missile
            continue
        if not _distinctive(text[start:end]):
            s0 = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
            s1 = min([x for x in (text.find(".", end), text.find("\n", end)) if x >= 0] or [len(text)])
            if not _WEAPON_CONTEXT.search(text, s0, s1):
                continue
        out.append((start, end, missile))


def with_catalogue(text: str, findings: Any) -> Any:
    """Findings with the catalogue applied (the parser's last step).

    - A stated range in a sentence that names a catalogue system is tied to
      it (``missile``); if it differs from the catalogue's range by more than
      :data:`DISAGREEMENT`, it is kept and flagged in ``note``.
    - A named system with no stated range anywhere in the text gets the
      catalogue's range, with ``source="catalogue"`` and the citation.
    """
    import dataclasses

    from .models import RangeMention

    mentions = find_in_text(text)
    if not mentions:
        return findings
    ranges = []
    stated_for: set[str] = set()
    for r in findings.ranges:
        m = _system_of(r, text, mentions) if r.source == "article" else None
        if m is not None:
            stated_for.add(m.name)
            note = None
            if abs(r.km - m.range_km) > DISAGREEMENT * m.range_km:
                note = (f"the catalogue gives {m.range_km:,.0f} km for {m.name} ({m.citation()}); "
                        f"the article's {r.km:,.0f} km is kept")
            r = dataclasses.replace(r, missile=m.name, note=note)
        ranges.append(r)
    seen: set[str] = set()
    for a, b, m in mentions:
        if m.name in stated_for or m.name in seen:
            continue
        seen.add(m.name)
        s0 = max(text.rfind(".", 0, a), text.rfind("\n", 0, a)) + 1
        s1 = min([x + 1 for x in (text.find(".", b), text.find("\n", b)) if x >= 0] or [len(text)])
        sentence = " ".join(text[s0:s1].split())
        ranges.append(RangeMention(
            km=m.range_km, km_min=m.min_range_km, qualifier=None, quote=text[a:b], start=a, end=b, system=m.name,
            year=str(m.first_year) if m.first_year else None, sentence=sentence, unit="km", value=m.range_km,
            source="catalogue", citation=m.citation(), missile=m.name))
    ranges.sort(key=lambda r: r.start)
    return dataclasses.replace(findings, ranges=tuple(ranges))


def _system_of(r: Any, text: str, mentions: list[tuple[int, int, Missile]]) -> Missile | None:
    """The catalogue system a stated range belongs to: the one in the system
    the parser attributed it to ("its range": the weapon in focus), else the
    one named nearest to it in its own sentence."""
    if r.system:
        named = find_in_text(r.system + " missile")
        if named:
            return named[0][2]
    s0 = text.rfind(r.sentence[:40], 0, r.start + 1) if r.sentence else -1
    s1 = s0 + len(r.sentence) if s0 >= 0 else -1
    if s0 < 0:
        return None
    from bisect import bisect_left

    lo = bisect_left(mentions, s0, key=lambda t: t[0])  # mentions are in text order: only this sentence's
    near = []
    for a, b, m in mentions[lo:]:
        if a > s1:
            break
        if b <= s1:
            near.append((abs(a - r.start), m))
    return min(near, key=lambda t: t[0])[1] if near else None
