"""Typed, immutable records passed between the stages.

Nothing here imports a stage: records carry data and the small pure
behaviour that belongs to it (a scenario knows its (site, system) pairs and
its default colours), never I/O, parsing or drawing. Coordinates are named
``lat``/``lon`` fields so they cannot be swapped silently; geometry is always
lon/lat (x, y).

The chain, one module per stage::

    article text -> parse.Findings -> infer -> Scenario (scenario.py reads/writes TOML)
                 -> rings.scenario_rings -> measure.coverage -> report, static, export, render, brief
"""

from __future__ import annotations

import dataclasses
import math
from functools import cached_property
from typing import Any, NamedTuple

from .errors import GeodesyError

__all__ = [
    "Place", "Country", "check_lat_lon",
    "RangeMention", "PlaceMention", "TargetMention", "Findings",
    "Missile", "System", "Site", "BasketSpec", "HeatmapSpec", "Scenario", "Ring", "Claim",
    "PALETTE", "STYLES",
]

#: Colours for systems, in order; distinct in colour-blind palettes.
PALETTE = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f")
#: Line styles for systems, so that a greyscale print tells them apart.
STYLES = ("solid", "dashed", "dotted", "dashdot")


def check_lat_lon(lat: float, lon: float, *, what: str = "point") -> None:
    """Raise :class:`GeodesyError` unless ``lat``/``lon`` are a valid position."""
    from ._text import quote_value

    if isinstance(lat, bool) or not isinstance(lat, (int, float)):
        raise GeodesyError(f"{what}: latitude must be a number, got {quote_value(lat)}")
    if isinstance(lon, bool) or not isinstance(lon, (int, float)):
        raise GeodesyError(f"{what}: longitude must be a number, got {quote_value(lon)}")
    try:
        flat, flon = float(lat), float(lon)
    except OverflowError:
        raise GeodesyError(f"{what}: latitude/longitude out of range, got {quote_value(lat)}, {quote_value(lon)}") from None
    if not (math.isfinite(flat) and -90.0 <= flat <= 90.0):
        raise GeodesyError(f"{what}: latitude must be within [-90, 90], got {quote_value(lat)}")
    if not math.isfinite(flon):
        raise GeodesyError(f"{what}: longitude must be finite, got {quote_value(lon)}")


class _Record:
    """``to_dict`` for every dataclass record: its fields, records nested."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            if f.metadata.get("export", True):
                out[f.name] = _plain(getattr(self, f.name))
        return out


def _plain(value: Any) -> Any:
    if isinstance(value, _Record):
        return value.to_dict()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


_HIDDEN: Any = {"export": False}


# --------------------------------------------------------------------------- #
# gazetteer and borders
# --------------------------------------------------------------------------- #
class Place(NamedTuple):
    """A gazetteer entry. ``country`` is ISO 3166-1 alpha-3 ("" for seas)."""

    name: str
    lat: float
    lon: float
    country: str
    kind: str  # city, capital, country, island, island_group, region, sea, strait, base, launch_site, ...
    population: int
    source: str

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


class Country(NamedTuple):
    """A country from the bundled borders; ``geometry`` is a lon/lat (Multi)Polygon."""

    iso_a3: str
    iso_a2: str
    name: str
    geometry: Any


# --------------------------------------------------------------------------- #
# parse -> findings
# --------------------------------------------------------------------------- #
@dataclasses.dataclass(frozen=True)
class RangeMention(_Record):
    """A stated weapon range, in km. ``km`` is the upper bound of a span."""

    km: float
    km_min: float | None
    qualifier: str | None  # "about", "up to", "over", "at least" or None
    quote: str
    start: int
    end: int
    system: str | None
    year: str | None
    sentence: str
    unit: str
    value: float
    source: str = "article"  # "article", or "catalogue" when the range comes from the missile catalogue
    citation: str | None = None  # the catalogue's source, when it gave the range
    missile: str | None = None  # the catalogue system the range belongs to, if named
    note: str | None = None  # e.g. a stated range that disagrees with the catalogue by more than 25 %


@dataclasses.dataclass(frozen=True)
class PlaceMention(_Record):
    """A place named in the text, geocoded with the bundled gazetteer."""

    name: str
    lat: float
    lon: float
    country: str
    kind: str
    role: str  # "basing", "target" or "other"
    quote: str
    start: int
    end: int
    sentence: str = dataclasses.field(default="", metadata=_HIDDEN)


@dataclasses.dataclass(frozen=True)
class TargetMention(_Record):
    """A country the text says is within reach; ``claim`` is "all", "part" or None."""

    iso_a3: str
    name: str
    claim: str | None
    quote: str
    start: int
    end: int
    sentence: str
    range_km: float | None  # the range stated with the claim, if any
    system: str | None


@dataclasses.dataclass(frozen=True)
class Findings(_Record):
    """Everything :func:`rangemap.parse.parse_text` found, in text order."""

    ranges: tuple[RangeMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    targets: tuple[TargetMention, ...] = ()

    def basing_places(self) -> list[PlaceMention]:
        """Basing places, one per name, in text order."""
        seen: dict[str, PlaceMention] = {}
        for p in self.places:
            if p.role == "basing":
                seen.setdefault(p.name, p)
        return list(seen.values())


# --------------------------------------------------------------------------- #
# the missile catalogue
# --------------------------------------------------------------------------- #
@dataclasses.dataclass(frozen=True)
class Missile(_Record):
    """A catalogue entry (``geodata/missiles.csv``): public figures with their source."""

    name: str
    aliases: tuple[str, ...]
    country: str  # ISO alpha-3 of the operator or developer
    cls: str  # SRBM, MRBM, IRBM, ICBM, SLBM, GLCM, ALCM, ...
    min_range_km: float | None
    range_km: float
    range_note: str | None
    status: str
    first_year: int | None
    source: str
    source_date: str

    def citation(self) -> str:
        """The source, for maps and reports: "<source> (<date>)"."""
        return f"{self.source} ({self.source_date})"


# --------------------------------------------------------------------------- #
# the scenario
# --------------------------------------------------------------------------- #
@dataclasses.dataclass(frozen=True)
class System(_Record):
    """A weapon system: its name and range (and minimum range, if any).

    ``missile`` names the catalogue entry it was filled from; ``range_source``
    says where ``range_km`` came from: "scenario" (the file or the article) or
    the catalogue citation."""

    name: str
    range_km: float
    year: str | None = None
    quote: str | None = None
    color: str | None = None
    style: str | None = None  # line style: solid, dashed, dotted, dashdot
    min_range_km: float | None = None
    missile: str | None = None
    range_source: str | None = None  # None: stated in the scenario or the article; else "catalogue: <citation>"

    def label(self) -> str:
        lo = f"{self.min_range_km:,.0f}–" if self.min_range_km else ""
        return f"{self.name}, {lo}{self.range_km:,.0f} km"

    @property
    def year_value(self) -> int | None:
        """The first year the system is in place, read from ``year``:
        "2035" -> 2035, "early 2030s" -> 2030, "mid-2030s" -> 2034,
        "late 2020s" -> 2027; None when it names no year ("next decade")."""
        import re

        if not self.year:
            return None
        m = re.search(r"\b(1[89]\d\d|2\d\d\d)(s?)\b", self.year)
        if not m:
            return None
        year = int(m.group(1))
        if m.group(2):
            text = self.year.casefold()
            year += 4 if "mid" in text else 7 if "late" in text else 0
        return year


@dataclasses.dataclass(frozen=True)
class Site(_Record):
    """A launch site, in degrees; ``systems`` empty means every system.

    ``place`` is the gazetteer name it came from, if any (kept as a note: the
    position is ``lat``/``lon``). A *territory* site has ``region`` (a country
    code) or ``region_file`` (a GeoJSON file) and means "from anywhere in this
    territory"; its ``lat``/``lon`` is a representative point inside it, for
    the marker."""

    name: str
    lat: float
    lon: float
    place: str | None = None
    systems: tuple[str, ...] = ()
    quote: str | None = None
    region: str | None = None
    region_file: str | None = None

    @property
    def is_territory(self) -> bool:
        return self.region is not None or self.region_file is not None

    @property
    def territory(self) -> str | None:
        """What :func:`rangemap.reach.territory` takes for this site, if a territory."""
        return self.region_file or self.region


@dataclasses.dataclass(frozen=True)
class BasketSpec(_Record):
    """A launch basket to show: where ``system`` must stand to reach ``cover``
    ("all" or "any") of ``target``, optionally within a basing territory."""

    system: str
    target: str  # ISO alpha-3
    cover: str = "all"
    within: str | None = None  # ISO alpha-3


@dataclasses.dataclass(frozen=True)
class HeatmapSpec(_Record):
    """A siting heat map: candidate sites every ``spacing_km`` inside ``region``."""

    region: str  # ISO alpha-3
    spacing_km: float = 25.0


@dataclasses.dataclass(frozen=True)
class Scenario(_Record):
    """Systems, sites and targets: everything a map shows.

    Read and written by :mod:`rangemap.scenario`; built from an article by
    :mod:`rangemap.infer`.
    """

    title: str
    systems: tuple[System, ...]
    sites: tuple[Site, ...]
    targets: tuple[str, ...] = ()  # ISO alpha-3
    source: str | None = None
    description: str | None = None
    claims: tuple[TargetMention, ...] = dataclasses.field(default=(), compare=False, metadata=_HIDDEN)
    path: str | None = dataclasses.field(default=None, compare=False, metadata=_HIDDEN)
    site_note: str | None = dataclasses.field(default=None, compare=False)  # why these sites, when not from the article
    baskets: tuple[BasketSpec, ...] = ()
    heatmap: HeatmapSpec | None = None

    def pairs(self) -> list[tuple[Site, System]]:
        """Every (site, system) ring, sites in order, then systems in order."""
        out = []
        for site in self.sites:
            wanted = set(site.systems)
            for system in self.systems:
                if not wanted or system.name in wanted:
                    out.append((site, system))
        return out

    @cached_property
    def _system_index(self) -> dict[str, int]:
        return {s.name: i for i, s in enumerate(self.systems)}

    def system_color(self, system: System) -> str:
        """The system's colour, or the palette's colour for its position."""
        return system.color or PALETTE[self._system_index[system.name] % len(PALETTE)]

    def system_style(self, system: System) -> str:
        """The system's line style, or the default for its position."""
        return system.style or STYLES[self._system_index[system.name] % len(STYLES)]


@dataclasses.dataclass(frozen=True)
class Ring(_Record):
    """One (site, system) range ring: a lon/lat shapely geometry."""

    site: Site
    system: System
    geometry: Any = dataclasses.field(metadata=_HIDDEN)


@dataclasses.dataclass(frozen=True)
class Claim(_Record):
    """A reach claim from the article, with its verdict."""

    target: str
    claim: str  # "all" or "part"
    system: str | None
    range_km: float | None
    verdict: str  # "supported", "contradicted" or "unverifiable"
    evidence: str
    quote: str
