"""Scenario files: TOML <-> :class:`~rangemap.models.Scenario`, with validation.

This module only reads and writes TOML (and, for convenience, dispatches an
input path to the article route in :mod:`rangemap.infer`). Every problem is a
:class:`~rangemap.errors.ConfigError` whose one-line message names the file,
the line (where the key can be found), the key and the value, and suggests the
nearest valid key, place, system or country.
"""

from __future__ import annotations

import math
import os
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from ._text import quote_value, suggest
from .errors import ConfigError, UnknownPlaceError, did_you_mean
from .models import STYLES, BasketSpec, HeatmapSpec, Scenario, Site, System

__all__ = ["read", "loads", "source_path", "with_article_claims", "dumps", "dumps_parts", "site_table", "write", "load", "is_scenario_path", "MAX_RANGE_KM"]

#: The longest range a scenario accepts: every point on Earth is within
#: 20,004 km (half a meridian) of every other, so a longer range adds nothing.
MAX_RANGE_KM = 20_004.0
MAX_INPUT_BYTES = 50 * 1024 * 1024

TOP_KEYS = ("title", "source", "description", "targets", "systems", "sites", "baskets", "heatmap")
SYSTEM_KEYS = ("name", "missile", "range_km", "min_range_km", "year", "quote", "color", "style")
SITE_KEYS = ("name", "lat", "lon", "place", "region", "region_file", "systems", "quote")
BASKET_KEYS = ("system", "target", "cover", "within")
HEATMAP_KEYS = ("region", "spacing_km")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")

HEADER = """\
# rangemap scenario: edit the sites and systems, then run
#   rangemap render THIS_FILE
# Keys: title, source, description, targets; [[systems]] name, range_km,
# min_range_km, missile (a catalogue name: fills the ranges and the year),
# year, quote, color, style; [[sites]] name, lat + lon (or place = "a
# gazetteer name", or region = "JPN" / region_file = "x.geojson" for "from
# anywhere in this territory"), systems (default: all), quote; [[baskets]]
# system, target, cover ("all" or "any"), within; [heatmap] region, spacing_km.
"""


def is_scenario_path(path: str | os.PathLike) -> bool:
    """Whether an input path names a scenario file (``.toml``, any case)."""
    return os.fspath(path).lower().endswith(".toml")


def load(path: str | os.PathLike) -> Scenario:
    """A scenario from a ``.toml`` file, or from an article (any other text
    file, or ``-`` for standard input)."""
    if is_scenario_path(path):
        return with_article_claims(read(path))
    from ._io import read_text
    from .infer import scenario_from_text

    name = os.fspath(path)
    source = None
    if name != "-":
        try:
            rel = os.path.relpath(name)
            source = name if rel.startswith(os.pardir + os.sep + os.pardir) else rel
        except ValueError:  # another drive on Windows
            source = name
    return scenario_from_text(read_text(name), source=source)


def source_path(scenario: Scenario) -> Path | None:
    """The article a scenario names in ``source``, if it exists (relative to the scenario file)."""
    if not scenario.source:
        return None
    base = Path(scenario.path).parent if scenario.path and not scenario.path.startswith("<") else Path.cwd()
    for candidate in (base / scenario.source, Path(scenario.source)):
        try:
            if candidate.is_file():
                return candidate
        except OSError:
            continue
    return None


def with_article_claims(scenario: Scenario) -> Scenario:
    """The scenario with the reach claims of the article it names, so that an
    edited scenario still checks them (the article is read again, not stored)."""
    import dataclasses

    article = source_path(scenario)
    if article is None or scenario.claims:
        return scenario
    from ._io import read_text
    from .errors import RangemapError
    from .parse import parse_text

    try:
        claims = parse_text(read_text(article)).targets
    except RangemapError:
        return scenario
    return dataclasses.replace(scenario, claims=tuple(claims))


def read(path: str | os.PathLike) -> Scenario:
    """Read and validate a scenario file."""
    from ._io import read_bytes

    name = os.fspath(path)
    raw = read_bytes(name, error=ConfigError)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{quote_value(name)}: line {line}: not valid UTF-8") from None
    return loads(text, path=name)


def loads(text: str, *, path: str = "<scenario>") -> Scenario:
    """Validate scenario TOML given as a string (``path`` names it in errors)."""
    where = quote_value(path) if "\n" in path or len(path) > 200 else path
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        at = f"line {m.group(1)}: " if m else ""
        msg = re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", msg)
        raise ConfigError(f"{where}: {at}invalid TOML: {msg}") from None
    except RecursionError:
        raise ConfigError(f"{where}: invalid TOML: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer literal longer than Python's digit limit
        msg = str(exc)
        if "digits" in msg:
            msg = "a number has more digits than any range or position can have"
        raise ConfigError(f"{where}: invalid TOML: {' '.join(msg.split())[:120]}") from None
    return _Validator(text, where, file=path if path != "<scenario>" else None).scenario(data)


def dumps(scenario: Scenario) -> str:
    """A commented TOML document that :func:`loads` reads back as an equal scenario."""
    head, sites, tail = dumps_parts(scenario)
    return head + "".join(sites) + tail


def site_table(site: Site) -> str:
    """One ``[[sites]]`` table as TOML text (with its leading blank line)."""
    import tomli_w

    where = ({"region": site.region, "region_file": site.region_file} if site.is_territory
             else {"lat": site.lat, "lon": site.lon, "place": site.place})
    return "\n[[sites]]\n" + tomli_w.dumps(_drop_none({
        "name": site.name, **where, "systems": list(site.systems) or None, "quote": site.quote}))


def dumps_parts(scenario: Scenario) -> tuple[str, list[str], str]:
    """The TOML document in three parts: everything before the sites, one
    table per site, and everything after (so a map can write its sites back
    and leave the rest unchanged)."""
    import tomli_w

    top: dict[str, Any] = {"title": scenario.title}
    if scenario.source:
        top["source"] = scenario.source
    if scenario.description:
        top["description"] = scenario.description
    targets = ", ".join(tomli_w.dumps({"t": t})[4:].strip() for t in scenario.targets)
    parts = [HEADER, tomli_w.dumps(top), f"targets = [{targets}]  # ISO alpha-3 codes or country names\n"]
    for s in scenario.systems:
        parts.append("\n[[systems]]\n" + tomli_w.dumps(_drop_none(_system_table(s))))
    if scenario.site_note:
        note = (f"Sites: {scenario.site_note}. To use known launch sites, replace it with [[sites]] tables with "
                "lat and lon (or a place name).")
        parts.append("\n" + "".join(f"# {line}\n" for line in _comment_lines(note)))
    tail = []
    for b in scenario.baskets:
        tail.append("\n[[baskets]]\n" + tomli_w.dumps(_drop_none(b.to_dict())))
    if scenario.heatmap is not None:
        tail.append("\n[heatmap]\n" + tomli_w.dumps({"region": scenario.heatmap.region,
                                                     "spacing_km": _num(scenario.heatmap.spacing_km)}))
    return "".join(parts), [site_table(site) for site in scenario.sites], "".join(tail)


def write(scenario: Scenario, path: str | os.PathLike, *, force: bool = False) -> Path:
    """Write the scenario as TOML, atomically; refuses to overwrite unless ``force``."""
    from ._io import check_overwrite, write_atomic

    check_overwrite(path, force=force)
    return write_atomic(path, dumps(scenario))


def _system_table(s: System) -> dict[str, Any]:
    """A system as TOML keys; figures that came from the catalogue are left to it."""
    from_catalogue = s.missile is not None and s.range_source is not None
    entry = None
    if s.missile is not None:
        from .catalogue import missile

        entry = missile(s.missile)
    return {
        "name": s.name, "missile": s.missile,
        "range_km": None if from_catalogue else _num(s.range_km),
        "min_range_km": None if s.min_range_km is None or (entry and s.min_range_km == entry.min_range_km)
        else _num(s.min_range_km),
        "year": None if entry and entry.first_year and s.year == str(entry.first_year) else s.year,
        "quote": s.quote, "color": s.color, "style": s.style}


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else float(x)


def _comment_lines(text: str) -> list[str]:
    from ._text import terminal_safe

    words, lines, line = " ".join(terminal_safe(text).split()).split(" "), [], ""
    for w in words:
        if line and len(line) + len(w) > 76:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return lines + ([line] if line else [])


# --------------------------------------------------------------------------- #
# validation
# --------------------------------------------------------------------------- #
class _Validator:
    def __init__(self, text: str, path: str, file: str | None = None):
        self.lines = text.splitlines()
        self.path = path
        self.file = file
        self._tables = [i for i, ln in enumerate(self.lines) if re.match(r"\s*\[", ln)]

    # ---------------------------------------------------------------- errors
    def _line(self, table: str | None, index: int | None, key: str | None) -> int | None:
        """Best-effort line of ``key`` in the ``index``-th ``[[table]]`` (or the top level)."""
        start, end = 0, len(self.lines)
        if table is None:
            end = self._tables[0] if self._tables else end  # top-level keys come before the first table
        else:
            header = re.compile(rf"\s*\[\[\s*{re.escape(table)}\s*\]\]")
            headers = [i for i in self._tables if header.match(self.lines[i])]
            if index is not None and index < len(headers):
                start = headers[index]
                end = next((i for i in self._tables if i > start), len(self.lines))
                if key is None:
                    return start + 1
        if key is None:
            return None
        pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
        return next((i + 1 for i in range(start, end) if pattern.match(self.lines[i])), None)

    def fail(self, message: str, *, table: str | None = None, index: int | None = None, key: str | None = None) -> NoReturn:
        line = self._line(table, index, key)
        raise ConfigError(f"{self.path}: " + (f"line {line}: " if line else "") + message)

    # ---------------------------------------------------------------- values
    def _unknown_keys(self, data: dict, allowed: tuple[str, ...], what: str, table=None, index=None, key=None) -> None:
        for key in data:
            if key not in allowed:
                self.fail(f"unknown key {quote_value(key)} in {what}{did_you_mean(suggest(key, allowed, cutoff=0.5))}",
                          table=table, index=index, key=key)

    def _number(self, value: Any, key: str, what: str, table=None, index=None) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(f"{what}: {key} must be a number, got {quote_value(value)}", table=table, index=index, key=key)
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):
            self.fail(f"{what}: {key} must be a finite number, got {quote_value(value)}", table=table, index=index, key=key)
        return number

    def _string(self, value: Any, key: str, what: str, table=None, index=None, *, optional: bool = True) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str) or (not optional and not value.strip()):
            self.fail(f"{what}: {key} must be a non-empty string, got {quote_value(value)}", table=table, index=index,
                      key=key)
        return value

    def _required(self, value: Any, key: str, what: str, table: str | None = None, index: int | None = None) -> str:
        """A string that must be there and not blank."""
        text = self._string(value, key, what, table, index, optional=False)
        assert text is not None
        return text

    def _array_of_tables(self, raw: Any, key: str) -> list[dict]:
        if isinstance(raw, dict):
            self.fail(f"{key} must be an array of tables: write [[{key}]] (two brackets), not [{key}]", key=key)
        if not isinstance(raw, list) or not raw:
            self.fail(f"no [[{key}]]: add at least one [[{key}]] table", key=key)
        for i, item in enumerate(raw):
            if not isinstance(item, dict):
                self.fail(f"{key}[{i}] must be a table, got {quote_value(item)}", table=key, index=i)
        return raw

    # ---------------------------------------------------------------- tables
    def scenario(self, data: dict) -> Scenario:
        self._unknown_keys(data, TOP_KEYS, "the scenario")
        title = self._required(data.get("title", "Range map"), "title", "the scenario")
        source = self._string(data.get("source"), "source", "the scenario")
        description = self._string(data.get("description"), "description", "the scenario")
        if "systems" not in data:
            self.fail("no [[systems]]: add at least one system with a name and range_km")
        if "sites" not in data:
            self.fail("no [[sites]]: add at least one site with lat and lon, or a place name")
        systems = tuple(self.system(item, i) for i, item in enumerate(self._array_of_tables(data["systems"], "systems")))
        self._unique([s.name for s in systems], "system", "systems")
        sites = tuple(self.site(item, i, systems) for i, item in enumerate(self._array_of_tables(data["sites"], "sites")))
        self._unique([s.name for s in sites], "site", "sites")
        targets = self.targets(data.get("targets", []))
        baskets: tuple[BasketSpec, ...] = ()
        if "baskets" in data:
            baskets = tuple(self.basket(item, i, systems) for i, item in
                            enumerate(self._array_of_tables(data["baskets"], "baskets")))
        heatmap = self.heatmap(data["heatmap"]) if "heatmap" in data else None
        return Scenario(title=title or "Range map", systems=systems, sites=sites, targets=targets, source=source,
                        description=description, path=self.path, baskets=baskets, heatmap=heatmap)

    def _country(self, value: Any, what: str, table: str | None = None, index: int | None = None,
                 key: str | None = None) -> str:
        from .errors import UnknownCountryError
        from .geodata import country_code

        if not isinstance(value, str):
            self.fail(f"{what}: {quote_value(value)} is not a country name or code", table=table, index=index, key=key)
        try:
            return country_code(value)
        except UnknownCountryError as exc:
            self.fail(f"{what}: unknown country {quote_value(value)}{did_you_mean(exc.suggestions)}", table=table,
                      index=index, key=key)

    def basket(self, item: dict, i: int, systems: tuple[System, ...]) -> BasketSpec:
        t = "baskets"
        self._unknown_keys(item, BASKET_KEYS, f"baskets[{i}]", t, i)
        names = [s.name for s in systems]
        system = self._required(item.get("system"), "system", f"baskets[{i}]", t, i)
        if system not in names:
            self.fail(f"baskets[{i}]: unknown system {quote_value(system)}{did_you_mean(suggest(system, names, cutoff=0.4))}",
                      table=t, index=i, key="system")
        if "target" not in item:
            self.fail(f"baskets[{i}] has no target (a country)", table=t, index=i)
        target = self._country(item["target"], f"baskets[{i}]: target", t, i, "target")
        cover = item.get("cover", "all")
        if cover not in ("all", "any"):
            self.fail(f"baskets[{i}]: cover must be \"all\" or \"any\", got {quote_value(cover)}", table=t, index=i,
                      key="cover")
        within = self._country(item["within"], f"baskets[{i}]: within", t, i, "within") if "within" in item else None
        return BasketSpec(system=system, target=target, cover=cover, within=within)

    def heatmap(self, raw: Any) -> HeatmapSpec:
        if not isinstance(raw, dict):
            self.fail("heatmap must be a table: [heatmap] with region and spacing_km", key="heatmap")
        self._unknown_keys(raw, HEATMAP_KEYS, "[heatmap]", key=None)
        if "region" not in raw:
            self.fail("[heatmap] has no region (the country where launchers may stand)")
        region = self._country(raw["region"], "[heatmap] region")
        spacing = self._number(raw.get("spacing_km", 25.0), "spacing_km", "[heatmap]")
        if not 1.0 <= spacing <= 2000.0:
            self.fail(f"[heatmap]: spacing_km must be between 1 and 2,000 km, got {quote_value(raw.get('spacing_km'))}")
        return HeatmapSpec(region=region, spacing_km=spacing)

    def _unique(self, names: list[str], what: str, table: str) -> None:
        seen: set[str] = set()
        for i, n in enumerate(names):
            if n in seen:
                self.fail(f"duplicate {what} name {quote_value(n)}; give each {what} its own name", table=table,
                          index=i, key="name")
            seen.add(n)

    def system(self, item: dict, i: int) -> System:
        t = "systems"
        self._unknown_keys(item, SYSTEM_KEYS, f"systems[{i}]", t, i)
        entry = self._missile(item, i)
        if "name" not in item and entry is None:
            self.fail(f"systems[{i}] has no name (or missile = \"a catalogue name\")", table=t, index=i)
        name = self._required(item.get("name", entry.name if entry else None), "name", f"systems[{i}]", t, i)
        what = f"system {quote_value(name)}"
        if "range_km" not in item and entry is None:
            self.fail(f"{what} has no range_km (or missile = \"a catalogue name\")", table=t, index=i)
        rng = self._range(item["range_km"], "range_km", what, i) if "range_km" in item else entry.range_km
        lo = entry.min_range_km if entry else None
        if "min_range_km" in item:
            lo = self._range(item["min_range_km"], "min_range_km", what, i)
        if lo is not None and lo >= rng:
            self.fail(f"{what}: min_range_km ({lo:,.0f}) must be less than range_km ({rng:,.0f})", table=t, index=i,
                      key="min_range_km")
        year = item.get("year", entry.first_year if entry else None)
        if year is not None and (isinstance(year, bool) or not isinstance(year, (str, int))):
            self.fail(f"{what}: year must be a string such as \"2035\", got {quote_value(year)}", table=t, index=i,
                      key="year")
        color = self._string(item.get("color"), "color", what, t, i)
        if color is not None and not _COLOR.match(color):
            self.fail(f"{what}: color must look like \"#d62728\", got {quote_value(color)}", table=t, index=i, key="color")
        style = self._string(item.get("style"), "style", what, t, i)
        if style is not None and style not in STYLES:
            self.fail(f"{what}: style must be one of {', '.join(STYLES)}, got {quote_value(style)}"
                      f"{did_you_mean(suggest(style, STYLES, n=1, cutoff=0.4))}", table=t, index=i, key="style")
        source = f"catalogue: {entry.citation()}" if entry is not None and "range_km" not in item else None
        return System(name=name, range_km=rng, year=str(year) if year is not None else None,
                      quote=self._string(item.get("quote"), "quote", what, t, i), color=color, style=style,
                      min_range_km=lo, missile=entry.name if entry else None, range_source=source)

    def _range(self, value: Any, key: str, what: str, i: int) -> float:
        rng = self._number(value, key, what, "systems", i)
        if not 0 < rng <= MAX_RANGE_KM:
            self.fail(f"{what}: {key} must be more than 0 and at most {MAX_RANGE_KM:,.0f} km (every point on Earth "
                      f"is within that), got {quote_value(value)}", table="systems", index=i, key=key)
        return rng

    def _missile(self, item: dict, i: int):
        if "missile" not in item:
            return None
        from .catalogue import missile
        from .errors import UnknownSystemError

        value = self._required(item["missile"], "missile", f"systems[{i}]", "systems", i)
        try:
            return missile(value)
        except UnknownSystemError as exc:
            self.fail(f"systems[{i}]: unknown missile {quote_value(value)}{did_you_mean(exc.suggestions)}; "
                      "`rangemap systems` lists the catalogue", table="systems", index=i, key="missile")

    def site(self, item: dict, i: int, systems: tuple[System, ...]) -> Site:
        t = "sites"
        self._unknown_keys(item, SITE_KEYS, f"sites[{i}]", t, i)
        place = self._string(item.get("place"), "place", f"sites[{i}]", t, i)
        region, region_file, default_name = self._territory(item, i)
        if "name" not in item and not place and not default_name:
            self.fail(f"sites[{i}] has neither a name nor a place", table=t, index=i)
        name = self._required(item.get("name", place or default_name), "name", f"sites[{i}]", t, i)
        what = f"site {quote_value(name)}"
        if region or region_file:
            if place or "lat" in item or "lon" in item:
                self.fail(f"{what}: a territory site (region/region_file) takes no lat, lon or place", table=t,
                          index=i, key="region" if region else "region_file")
            lat, lon = self._territory_point(region, region_file)
        else:
            lat, lon = self._position(item, place, what, i)
        wanted = item.get("systems", [])
        if isinstance(wanted, str):
            wanted = [wanted]
        if not isinstance(wanted, list) or not all(isinstance(w, str) for w in wanted):
            self.fail(f"{what}: systems must be a list of system names, got {quote_value(wanted)}", table=t, index=i,
                      key="systems")
        names = [s.name for s in systems]
        for w in wanted:
            if w not in names:
                self.fail(f"{what}: unknown system {quote_value(w)}{did_you_mean(suggest(w, names, cutoff=0.4))}",
                          table=t, index=i, key="systems")
        return Site(name=name, lat=lat, lon=lon, place=place, systems=tuple(wanted),
                    quote=self._string(item.get("quote"), "quote", what, t, i), region=region, region_file=region_file)

    def _territory(self, item: dict, i: int) -> tuple[str | None, str | None, str | None]:
        """(region ISO code, region file, default site name) of a site's territory keys."""
        t = "sites"
        if "region" in item and "region_file" in item:
            self.fail(f"sites[{i}] has both region and region_file; give one", table=t, index=i, key="region_file")
        if "region" in item:
            from .geodata import country_names

            code = self._country(item["region"], f"sites[{i}]: region (a country; for a first-level region or any "
                                 "other area use region_file = \"area.geojson\")", t, i, "region")
            return code, None, f"Anywhere in {country_names().get(code, code)}"
        if "region_file" in item:
            value = self._required(item["region_file"], "region_file", f"sites[{i}]", t, i)
            base = os.path.dirname(self.file) if self.file else ""
            path = value if os.path.isabs(value) else os.path.normpath(os.path.join(base, value))
            from .errors import InputError
            from .reach import territory

            try:
                territory(path)
            except InputError as exc:
                self.fail(f"sites[{i}]: region_file: {exc}", table=t, index=i, key="region_file")
            return None, path, f"Anywhere in {Path(value).stem}"
        return None, None, None

    def _territory_point(self, region: str | None, region_file: str | None) -> tuple[float, float]:
        if region:
            from .geodata import country_label_points

            lat, lon = country_label_points()[region]
            return float(lat), float(lon)
        import shapely

        from .reach import territory

        p = shapely.point_on_surface(territory(region_file))
        return round(p.y, 6), round(p.x, 6)

    def _position(self, item: dict, place: str | None, what: str, i: int) -> tuple[float, float]:
        t = "sites"
        has_lat, has_lon = "lat" in item, "lon" in item
        if has_lat != has_lon:
            self.fail(f"{what} has {'lat' if has_lat else 'lon'} but no {'lon' if has_lat else 'lat'}", table=t, index=i)
        if has_lat:
            lat = self._number(item["lat"], "lat", what, t, i)
            lon = self._number(item["lon"], "lon", what, t, i)
            if not -90 <= lat <= 90:
                swapped = " (are lat and lon swapped?)" if -90 <= lon <= 90 and abs(lat) <= 180 else ""
                self.fail(f"{what}: lat must be within [-90, 90], got {quote_value(item['lat'])}{swapped}", table=t,
                          index=i, key="lat")
            if not -180 <= lon <= 180:
                self.fail(f"{what}: lon must be within [-180, 180], got {quote_value(item['lon'])}", table=t, index=i,
                          key="lon")
            return lat, lon
        if not place:
            self.fail(f"{what} needs lat and lon, or a place name (place = \"Kumamoto\")", table=t, index=i)
        from .gazetteer import geocode

        try:
            p = geocode(place)
        except UnknownPlaceError as exc:
            self.fail(f"{what}: unknown place {quote_value(place)}{did_you_mean(exc.suggestions)}", table=t, index=i,
                      key="place")
        return p.lat, p.lon

    def targets(self, raw: Any) -> tuple[str, ...]:
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list):
            self.fail(f"targets must be a list of countries, got {quote_value(raw)}", key="targets")
        return tuple(dict.fromkeys(self._country(v, "targets", key="targets") for v in raw))
