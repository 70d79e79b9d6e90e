"""Scenario, rings and coverage -> a one-page brief (HTML or Markdown): the
map, the coverage table, the claims with their verdicts, the source quotes
and the attribution.

The HTML brief is one self-contained file (the map is an inline PNG): it opens
with no network. It is rendered from a constant Jinja2 template
(``assets/brief.html.j2``) with autoescape on; user text enters only as
variables. The Markdown brief escapes every user string
(:func:`rangemap._text.markdown_escape`) and writes its PNG beside it.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ._text import markdown_escape
from .models import Claim, Scenario
from .report import HEADERS, NUMERIC, display_rows, range_sources, report_markdown
from .rings import RING_MAX_ERROR_M

__all__ = ["brief_html", "brief_markdown", "write_brief", "BRIEF_DPI", "BRIEF_WIDTH_PX"]

BRIEF_WIDTH_PX = 1800
BRIEF_DPI = 180


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, StrictUndefined

    env = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    source = resources.files("rangemap").joinpath("assets", "brief.html.j2").read_text(encoding="utf-8")
    return env.from_string(source)


def _quotes(scenario: Scenario) -> list[tuple[str, str]]:
    quotes = [(f"{s.name} ({s.range_km:,.0f} km)", s.quote) for s in scenario.systems if s.quote]
    return quotes + [(s.name, s.quote) for s in scenario.sites if s.quote]


def brief_html(scenario: Scenario, table: Any, claims: Sequence[Claim], png: bytes) -> str:
    """The brief as one self-contained HTML document.

    ``table`` and ``claims`` come from :func:`rangemap.measure.coverage` and
    :func:`rangemap.measure.check_claims`; ``png`` is the static map.
    """
    from .geodata import attribution

    return _template().render(
        title=scenario.title, source=scenario.source, n_systems=len(scenario.systems), n_sites=len(scenario.sites),
        targets=", ".join(scenario.targets), png=base64.b64encode(png).decode("ascii"), headers=HEADERS,
        numeric=NUMERIC, rows=display_rows(table), claims=claims, quotes=_quotes(scenario),
        range_sources=range_sources(scenario),
        site_note=scenario.site_note, error_m=f"{RING_MAX_ERROR_M:.0f}", attribution=attribution())


def brief_markdown(scenario: Scenario, table: Any, claims: Sequence[Claim], image_name: str) -> str:
    """The brief as Markdown that shows ``image_name`` (written beside it)."""
    from urllib.parse import quote

    from .geodata import attribution

    lines = [f"# {markdown_escape(scenario.title)}", ""]
    if scenario.source:
        lines += [f"Source: {markdown_escape(scenario.source)}", ""]
    lines += [f"![Range map]({quote(image_name)})", "", report_markdown(scenario, table, claims, heading=False)]
    quotes = _quotes(scenario)
    if quotes:
        lines += ["", "## Source quotes", ""]
        for who, q in quotes:
            lines += [f"**{markdown_escape(who)}**", "", f"> {markdown_escape(q)}", ""]
    if scenario.site_note:
        lines += ["", f"**Note:** {markdown_escape(scenario.site_note)}", ""]
    lines += ["", f"_{markdown_escape(attribution())}\\. Rings: exact geodesic circles on the WGS84 ellipsoid\\._", ""]
    return "\n".join(lines)


def brief_image_path(path: str | Path) -> Path:
    """Where the Markdown brief ``path`` writes its map."""
    return Path(path).with_suffix(".png")


def write_brief(scenario: Scenario, path: str | Path, *, rings: Any = None, table: Any = None,
                claims: Sequence[Claim] | None = None, force: bool = False) -> Path:
    """Write the brief: ``.html`` (one file) or ``.md`` (with its PNG beside it).

    A Markdown brief refuses to replace an existing PNG that is not its own
    (one that the existing brief beside it does not show) unless ``force``.
    """
    from ._io import write_atomic
    from .errors import InputError, OutputExistsError
    from .measure import check_claims, coverage
    from .rings import scenario_rings
    from .static import static_bytes

    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".html", ".htm", ".md"):
        raise InputError(f"cannot write a brief to {str(path)[:200]!r}: use a .html or .md file name")
    image = brief_image_path(target)
    if suffix == ".md" and image.exists() and not force:
        ours = target.exists() and f"]({image.name})" in target.read_text(encoding="utf-8", errors="replace")
        if not ours:
            raise OutputExistsError(f"{image} already exists and the brief would replace it with its map; "
                                    "pass --force, or choose another name")
    rings = scenario_rings(scenario) if rings is None else rings
    table = coverage(scenario, rings=rings) if table is None else table
    claims = check_claims(scenario, table) if claims is None else claims
    png = static_bytes(scenario, "png", rings=[getattr(r, "geometry", r) for r in rings], width_px=BRIEF_WIDTH_PX,
                       dpi=BRIEF_DPI)
    if suffix == ".md":
        write_atomic(image, png)
        return write_atomic(target, brief_markdown(scenario, table, claims, image.name))
    return write_atomic(target, brief_html(scenario, table, claims, png))
