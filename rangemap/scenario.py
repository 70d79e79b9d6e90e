"""Scenario files (TOML) <-> :class:`Scenario`, with validation.

A scenario is what a map shows: systems (a name and a range), launch sites,
and target countries. It is read from TOML written by hand or by ``rangemap
init``, or built straight from an article with :meth:`Scenario.from_text`.

Every problem is reported as a :class:`~rangemap.errors.ConfigError` whose
message names the file, the line (where the key can be found), the key and
the value, and suggests the nearest valid key, place, system or country.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .errors import ConfigError, RangemapError, UnknownPlaceError, did_you_mean

__all__ = ["Scenario", "System", "Site", "PALETTE", "DEFAULT_SITES"]

#: Colours for systems, largest range first; distinct in colour-blind palettes.
PALETTE = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f")

#: Representative launch sites used when an article names none for the deploying country.
DEFAULT_SITES: dict[str, tuple[str, ...]] = {
    "JPN": ("Camp Kengun", "Misawa Air Base", "Okinawa"),
    "KOR": ("Camp Humphreys", "Gangwon"),
    "PRK": ("Pyongyang", "Sohae", "Sinpo"),
    "CHN": ("Beijing", "Fujian", "Hainan"),
    "TWN": ("Taipei", "Kinmen"),
    "USA": ("Guam", "Okinawa"),
    "RUS": ("Vladivostok", "Kaliningrad", "Kamchatka"),
    "IRN": ("Tehran",),
    "PHL": ("Luzon",),
}

_TOP_KEYS = ("title", "source", "targets", "systems", "sites", "description")
_SYSTEM_KEYS = ("name", "range_km", "year", "quote", "color", "style")
_SITE_KEYS = ("name", "lat", "lon", "place", "systems", "quote")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_STYLES = ("solid", "dashed", "dotted", "dashdot")


@dataclass(frozen=True)
class System:
    """A weapon system: its name and range."""

    name: str
    range_km: float
    year: str | None = None
    quote: str | None = None
    color: str | None = None
    style: str | None = None  # line style: solid, dashed, dotted, dashdot

    def label(self) -> str:
        return f"{self.name}, {self.range_km:,.0f} km"


@dataclass(frozen=True)
class Site:
    """A launch site, lon/lat in degrees; ``systems`` empty means every system."""

    name: str
    lat: float
    lon: float
    place: str | None = None
    systems: tuple[str, ...] = ()
    quote: str | None = None


@dataclass(frozen=True)
class Scenario:
    """Systems, sites and targets: everything a map shows."""

    title: str
    systems: tuple[System, ...]
    sites: tuple[Site, ...]
    targets: tuple[str, ...] = ()  # ISO alpha-3
    source: str | None = None
    description: str | None = None
    claims: tuple[Any, ...] = field(default=(), compare=False)  # TargetMentions from the article, if any
    path: str | None = field(default=None, compare=False)
    default_sites: bool = field(default=False, compare=False)  # sites are placeholders, not from the article

    # ------------------------------------------------------------------ #
    def pairs(self) -> list[tuple[Site, System]]:
        """Every (site, system) ring, sites in order, then systems in order."""
        out = []
        for site in self.sites:
            for system in self.systems:
                if not site.systems or system.name in site.systems:
                    out.append((site, system))
        return out

    def system_color(self, system: System) -> str:
        if system.color:
            return system.color
        return PALETTE[self.systems.index(system) % len(PALETTE)]

    def system_style(self, system: System) -> str:
        if system.style:
            return system.style
        return _STYLES[self.systems.index(system) % len(_STYLES)]

    # ------------------------------------------------------------------ #
    @classmethod
    def from_toml(cls, path: str | os.PathLike) -> Scenario:
        """Read and validate a scenario file."""
        name = os.fspath(path)
        try:
            raw = Path(name).read_bytes()
        except FileNotFoundError:
            raise ConfigError(f"{name}: no such file") from None
        except OSError as exc:
            raise ConfigError(f"{name}: cannot read ({exc.strerror})") from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise ConfigError(f"{name}: line {line}: not valid UTF-8") from None
        return cls.from_toml_text(text, path=name)

    @classmethod
    def from_toml_text(cls, text: str, *, path: str = "<scenario>") -> Scenario:
        """Validate scenario TOML given as a string (``path`` names it in errors)."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            msg = str(exc)
            m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
            where = f"line {m.group(1)}: " if m else ""
            msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
            raise ConfigError(f"{path}: {where}invalid TOML: {msg}") from None
        return _Validator(text, path).scenario(data)

    @classmethod
    def from_text(cls, article_text: str, *, source: str | None = None, title: str | None = None) -> Scenario:
        """Build a scenario from an article, with the same defaults as ``rangemap init``."""
        from .parse import parse_text

        return _from_findings(parse_text(article_text), source=source, title=title)

    @classmethod
    def from_file(cls, path: str | os.PathLike) -> Scenario:
        """A scenario from a ``.toml`` file, or from an article (any other text file)."""
        name = os.fspath(path)
        if name.endswith(".toml"):
            return cls.from_toml(name)
        from ._io import read_text

        try:
            source = os.path.relpath(name)
        except ValueError:  # another drive on Windows
            source = name
        return cls.from_text(read_text(name), source=source if not source.startswith("../..") else name)

    # ------------------------------------------------------------------ #
    def to_toml_text(self, *, defaults_note: bool = False) -> str:
        """A commented TOML document that :meth:`from_toml` reads back."""
        return _to_toml(self, defaults_note=defaults_note)

    def to_toml(self, path: str | os.PathLike, *, force: bool = False) -> Path:
        """Write the scenario as TOML, atomically; refuses to overwrite unless ``force``."""
        from ._io import check_overwrite, write_atomic

        check_overwrite(path, force=force)
        return write_atomic(path, self.to_toml_text())

    def to_map(self, **kwargs: Any):
        """The interactive map as a ``folium.Map`` (displays inline in Jupyter)."""
        from .render import render_map

        return render_map(self, **kwargs)


# --------------------------------------------------------------------------- #
# validation
# --------------------------------------------------------------------------- #
class _Validator:
    def __init__(self, text: str, path: str):
        self.lines = text.splitlines()
        self.path = path

    def _line(self, table: str | None, index: int | None, key: str | None) -> int | None:
        """Best-effort line of ``key`` in the ``index``-th ``[[table]]`` (or the top level)."""
        start, end = 0, len(self.lines)
        tables = [i for i, ln in enumerate(self.lines) if re.match(r"\s*\[", ln)]
        if table is None:
            end = tables[0] if tables else end  # top-level keys come before the first table
        else:
            headers = [i for i, ln in enumerate(self.lines) if re.match(rf"\s*\[\[\s*{re.escape(table)}\s*\]\]", ln)]
            if index is not None and index < len(headers):
                start = headers[index]
                end = next((i for i in tables if i > start), len(self.lines))
                if key is None:
                    return start + 1
            # else: an inline array of tables; search the whole file
        if key is None:
            return None
        for i in range(start, end):
            if re.match(rf"\s*{re.escape(key)}\s*=", self.lines[i]):
                return i + 1
        return None

    def fail(self, message: str, *, table: str | None = None, index: int | None = None, key: str | None = None) -> None:
        line = self._line(table, index, key)
        where = f"{self.path}: " + (f"line {line}: " if line else "")
        raise ConfigError(where + message)

    def _unknown_keys(self, data: dict, allowed: tuple[str, ...], what: str, table=None, index=None) -> None:
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=3, cutoff=0.5)
                self.fail(f"unknown key {key!r} in {what}{did_you_mean(close)}", table=table, index=index, key=key)

    def _number(self, value: Any, key: str, what: str, table, index) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(f"{what}: {key} must be a number, got {value!r}", table=table, index=index, key=key)
        if not math.isfinite(value):
            self.fail(f"{what}: {key} must be finite, got {value!r}", table=table, index=index, key=key)
        return float(value)

    def _string(self, value: Any, key: str, what: str, table=None, index=None, *, optional: bool = True) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str) or (not optional and not value.strip()):
            self.fail(f"{what}: {key} must be a non-empty string, got {value!r}", table=table, index=index, key=key)
        return value

    def scenario(self, data: dict) -> Scenario:
        self._unknown_keys(data, _TOP_KEYS, "the scenario")
        title = self._string(data.get("title", "Range map"), "title", "the scenario", optional=False)
        source = self._string(data.get("source"), "source", "the scenario")
        description = self._string(data.get("description"), "description", "the scenario")
        systems = self.systems(data.get("systems"))
        sites = self.sites(data.get("sites"), systems)
        targets = self.targets(data.get("targets", []))
        return Scenario(title=title, systems=systems, sites=sites, targets=targets, source=source,
                        description=description, path=self.path)

    def systems(self, raw: Any) -> tuple[System, ...]:
        if raw is None:
            self.fail("no [[systems]]: add at least one system with a name and range_km")
        if not isinstance(raw, list) or not raw:
            self.fail("systems is empty: add at least one [[systems]] table with a name and range_km", key="systems")
        out: list[System] = []
        for i, item in enumerate(raw):
            what = f"systems[{i}]"
            if not isinstance(item, dict):
                self.fail(f"{what} must be a table, got {item!r}", table="systems", index=i)
            self._unknown_keys(item, _SYSTEM_KEYS, what, "systems", i)
            if "name" not in item:
                self.fail(f"{what} has no name", table="systems", index=i)
            name = self._string(item["name"], "name", what, "systems", i, optional=False)
            what = f"system {name!r}"
            if "range_km" not in item:
                self.fail(f"{what} has no range_km", table="systems", index=i)
            rng = self._number(item["range_km"], "range_km", what, "systems", i)
            if rng <= 0:
                self.fail(f"{what}: range_km must be a positive number of km, got {item['range_km']!r}",
                          table="systems", index=i, key="range_km")
            year = item.get("year")
            if year is not None and not isinstance(year, (str, int)):
                self.fail(f"{what}: year must be a string such as \"2035\", got {year!r}", table="systems", index=i, key="year")
            color = self._string(item.get("color"), "color", what, "systems", i)
            if color is not None and not _COLOR.match(color):
                self.fail(f"{what}: color must look like \"#d62728\", got {color!r}", table="systems", index=i, key="color")
            style = self._string(item.get("style"), "style", what, "systems", i)
            if style is not None and style not in _STYLES:
                close = difflib.get_close_matches(style, _STYLES, n=1, cutoff=0.4)
                self.fail(f"{what}: style must be one of {', '.join(_STYLES)}, got {style!r}{did_you_mean(close)}",
                          table="systems", index=i, key="style")
            if any(s.name == name for s in out):
                self.fail(f"duplicate system name {name!r}", table="systems", index=i, key="name")
            out.append(System(name=name, range_km=rng, year=str(year) if year is not None else None,
                              quote=self._string(item.get("quote"), "quote", what, "systems", i), color=color, style=style))
        return tuple(out)

    def sites(self, raw: Any, systems: tuple[System, ...]) -> tuple[Site, ...]:
        from .gazetteer import geocode

        if raw is None or (isinstance(raw, list) and not raw):
            self.fail("no [[sites]]: add at least one site with lat and lon, or a place name", key="sites")
        if not isinstance(raw, list):
            self.fail(f"sites must be an array of tables, got {raw!r}", key="sites")
        names = [s.name for s in systems]
        out: list[Site] = []
        for i, item in enumerate(raw):
            what = f"sites[{i}]"
            if not isinstance(item, dict):
                self.fail(f"{what} must be a table, got {item!r}", table="sites", index=i)
            self._unknown_keys(item, _SITE_KEYS, what, "sites", i)
            place = self._string(item.get("place"), "place", what, "sites", i)
            name = self._string(item.get("name", place), "name", what, "sites", i, optional=False) if (
                "name" in item or place) else None
            if name is None:
                self.fail(f"{what} has neither a name nor a place", table="sites", index=i)
            what = f"site {name!r}"
            has_lat, has_lon = "lat" in item, "lon" in item
            if has_lat != has_lon:
                missing = "lon" if has_lat else "lat"
                self.fail(f"{what} has {'lat' if has_lat else 'lon'} but no {missing}", table="sites", index=i)
            if has_lat:
                lat = self._number(item["lat"], "lat", what, "sites", i)
                lon = self._number(item["lon"], "lon", what, "sites", i)
                if not -90 <= lat <= 90:
                    self.fail(f"{what}: lat must be within [-90, 90], got {item['lat']!r}"
                              + (" (are lat and lon swapped?)" if -90 <= lon <= 90 and abs(lat) <= 180 else ""),
                              table="sites", index=i, key="lat")
                if not -180 <= lon <= 180:
                    self.fail(f"{what}: lon must be within [-180, 180], got {item['lon']!r}", table="sites", index=i, key="lon")
            elif place:
                try:
                    p = geocode(place)
                except UnknownPlaceError as exc:
                    self.fail(f"{what}: unknown place {place!r}{did_you_mean(exc.suggestions)}",
                              table="sites", index=i, key="place")
                lat, lon = p.lat, p.lon
            else:
                self.fail(f"{what} needs lat and lon, or a place name (place = \"Kumamoto\")", table="sites", index=i)
            wanted = item.get("systems", [])
            if isinstance(wanted, str):
                wanted = [wanted]
            if not isinstance(wanted, list) or not all(isinstance(w, str) for w in wanted):
                self.fail(f"{what}: systems must be a list of system names, got {wanted!r}", table="sites", index=i, key="systems")
            for w in wanted:
                if w not in names:
                    close = difflib.get_close_matches(w, names, n=3, cutoff=0.4)
                    self.fail(f"{what}: unknown system {w!r}{did_you_mean(close)}", table="sites", index=i, key="systems")
            if any(s.name == name for s in out):
                self.fail(f"duplicate site name {name!r}; give each site its own name", table="sites", index=i, key="name")
            out.append(Site(name=name, lat=lat, lon=lon, place=place, systems=tuple(wanted),
                            quote=self._string(item.get("quote"), "quote", what, "sites", i)))
        return tuple(out)

    def targets(self, raw: Any) -> tuple[str, ...]:
        from .errors import UnknownCountryError
        from .geodata import country_code

        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list):
            self.fail(f"targets must be a list of countries, got {raw!r}", key="targets")
        out: list[str] = []
        for value in raw:
            if not isinstance(value, str):
                self.fail(f"targets: {value!r} is not a country name or code", key="targets")
            try:
                code = country_code(value)
            except UnknownCountryError as exc:
                self.fail(f"targets: unknown country {value!r}{did_you_mean(exc.suggestions)}", key="targets")
            if code not in out:
                out.append(code)
        return tuple(out)


# --------------------------------------------------------------------------- #
# from an article
# --------------------------------------------------------------------------- #
def _system_name(mention) -> str:
    base = (mention.system or "Missile").strip()
    base = base[0].upper() + base[1:]
    return f"{base} ({mention.year})" if mention.year else base


def _from_findings(findings, *, source: str | None, title: str | None) -> Scenario:
    from .gazetteer import geocode
    from .geodata import country_names

    if not findings.ranges:
        raise RangemapError("the article states no weapon range (such as \"a range of 2,000 km\"); "
                            "write a scenario by hand instead (see the README)")
    # one system per distinct range; a specific system and a dated deployment win
    chosen: dict[float, Any] = {}
    for r in findings.ranges:
        best = chosen.get(r.km)
        score = (r.year is not None and bool(re.search(r"\d{4}", r.year or "")), r.system not in (None, "missile", "missiles"))
        if best is None or score > best[0]:
            chosen[r.km] = (score, r)
    mentions = sorted((v[1] for v in chosen.values()), key=lambda r: -r.km)
    systems: list[System] = []
    for i, r in enumerate(mentions):
        name = _system_name(r)
        if any(s.name == name for s in systems):
            name = f"{name}, {r.km:,.0f} km"
        systems.append(System(name=name, range_km=r.km, year=r.year, quote=" ".join(r.sentence.split()),
                              color=PALETTE[i % len(PALETTE)]))

    targets = tuple(dict.fromkeys(t.iso_a3 for t in findings.targets))
    deployer = _deploying_country(findings, targets)
    sites: list[Site] = []
    defaults = False
    for p in findings.basing_places():
        if deployer and p.country and p.country != deployer:
            continue
        sites.append(Site(name=p.name, lat=p.lat, lon=p.lon, place=p.name, quote=" ".join(p.sentence.split())))
    if not sites:
        defaults = True
        names = DEFAULT_SITES.get(deployer or "", ())
        if not names and deployer:
            names = (country_names().get(deployer, deployer),)
        for n in names:
            p = geocode(n)
            sites.append(Site(name=p.name, lat=p.lat, lon=p.lon, place=p.name))
    if not sites:
        raise RangemapError("the article names no launch site and no deploying country; add [[sites]] by hand")
    if title is None:
        who = country_names().get(deployer, "") if deployer else ""
        title = (f"{who}' missile ranges" if who.endswith("s") else f"{who}'s missile ranges") if who else "Missile ranges"
    return Scenario(title=title, systems=tuple(systems), sites=tuple(sites), targets=targets, source=source,
                    claims=tuple(findings.targets), default_sites=defaults)


def _deploying_country(findings, targets: tuple[str, ...]) -> str | None:
    """The country that fields the systems: the most-named country that is not a target."""
    counts: dict[str, int] = {}
    for p in findings.places:
        if p.kind == "country" and p.country not in targets:
            counts[p.country] = counts.get(p.country, 0) + (2 if p.role == "basing" else 1)
    for p in findings.basing_places():
        if p.country:
            counts[p.country] = counts.get(p.country, 0) + 2
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]


# --------------------------------------------------------------------------- #
# writing TOML
# --------------------------------------------------------------------------- #
def _toml_str(value: str) -> str:
    out = value.replace("\\", "\\\\").replace('"', '\\"')
    out = "".join(c if c >= " " or c == "\t" else f"\\u{ord(c):04x}" for c in out.replace("\n", " "))
    return f'"{out}"'


def _to_toml(s: Scenario, *, defaults_note: bool = False) -> str:
    defaults = defaults_note or s.default_sites
    lines = [
        "# rangemap scenario: edit the sites and systems, then run",
        "#   rangemap render THIS_FILE",
        "# Keys: title, source, targets; [[systems]] name, range_km, year, quote, color, style;",
        "# [[sites]] name, lat + lon (or place = \"a gazetteer name\"), systems (default: all).",
        "",
        f"title = {_toml_str(s.title)}",
    ]
    if s.source:
        lines.append(f"source = {_toml_str(s.source)}")
    if s.description:
        lines.append(f"description = {_toml_str(s.description)}")
    lines.append("targets = [" + ", ".join(_toml_str(t) for t in s.targets) + "]  # ISO alpha-3 codes or country names")
    for sysm in s.systems:
        lines += ["", "[[systems]]", f"name = {_toml_str(sysm.name)}", f"range_km = {_fmt_num(sysm.range_km)}"]
        if sysm.year:
            lines.append(f"year = {_toml_str(sysm.year)}")
        if sysm.quote:
            lines.append(f"quote = {_toml_str(sysm.quote)}")
        if sysm.color:
            lines.append(f"color = {_toml_str(sysm.color)}")
        if sysm.style:
            lines.append(f"style = {_toml_str(sysm.style)}")
    if defaults:
        lines += ["", "# DEFAULT SITES: the article names no launch site for the deploying country.",
                  "# These are representative locations; move them or add your own."]
    for site in s.sites:
        lines += ["", "[[sites]]", f"name = {_toml_str(site.name)}",
                  f"lat = {site.lat:.4f}", f"lon = {site.lon:.4f}"]
        if site.place:
            lines.append(f"# from the gazetteer: {site.place}")
        if site.systems:
            lines.append("systems = [" + ", ".join(_toml_str(n) for n in site.systems) + "]")
        if site.quote:
            lines.append(f"quote = {_toml_str(site.quote)}")
    return "\n".join(lines) + "\n"


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))
