"""Scenario -> a one-page brief (HTML or Markdown): the map, the coverage
table, the claims with their verdicts, the source quotes and the attribution.

The HTML brief is one self-contained file (the map is an inline PNG): it opens
with no network. The Markdown brief writes its PNG beside it.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import Any

from .scenario import Scenario

__all__ = ["brief_html", "brief_markdown", "write_brief"]

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;color:#1b1b1b;max-width:1000px;margin:24px auto;padding:0 18px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:17px;margin:22px 0 8px;border-bottom:1px solid #ddd;padding-bottom:3px}
.meta{color:#555;font-size:13px}img.map{width:100%;height:auto;border:1px solid #ccc}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #e3e3e3;padding:4px 6px;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.v{font-weight:600;padding:1px 6px;border-radius:3px;font-size:12px}
.supported{background:#d9f0d3;color:#1b5e20}.contradicted{background:#fbd5d5;color:#8b1a1a}.unverifiable{background:#eee;color:#444}
blockquote{margin:6px 0;padding:4px 12px;border-left:3px solid #bbb;color:#333;font-style:italic}
footer{margin-top:24px;color:#666;font-size:12px}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}}
"""


def _e(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _rows(table) -> list[list[str]]:
    from .coverage import _display_rows

    return _display_rows(table)


def brief_html(scenario: Scenario, *, width_px: int = 1800, dpi: int = 180) -> str:
    """The brief as one self-contained HTML document."""
    from .coverage import _HEADERS, check_claims, coverage
    from .geodata import attribution
    from .static import static_bytes

    table = coverage(scenario)
    claims = check_claims(scenario, table)
    png = base64.b64encode(static_bytes(scenario, "png", width_px=width_px, dpi=dpi)).decode("ascii")
    numeric = {2, 4, 5, 6, 7, 9}
    head = "".join(f"<th class='n'>{_e(h)}</th>" if i in numeric else f"<th>{_e(h)}</th>" for i, h in enumerate(_HEADERS))
    body = "".join("<tr>" + "".join(f"<td class='n'>{_e(c)}</td>" if i in numeric else f"<td>{_e(c)}</td>"
                                    for i, c in enumerate(r)) + "</tr>" for r in _rows(table))
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width,initial-scale=1'>",
        f"<title>{_e(scenario.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(scenario.title)}</h1>",
        f"<div class='meta'>{'Source: ' + _e(scenario.source) + ' · ' if scenario.source else ''}"
        f"{len(scenario.systems)} systems, {len(scenario.sites)} sites, targets: "
        f"{_e(', '.join(scenario.targets) or 'none')}</div>",
        f"<h2>Map</h2><img class='map' alt='{_e('Range map: ' + scenario.title)}' src='data:image/png;base64,{png}'>",
        "<h2>Coverage of the targets</h2>",
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>" if len(table) else
        "<p>No target countries in the scenario.</p>",
        "<h2>The article's claims</h2>",
    ]
    if claims:
        parts.append("<table><thead><tr><th>claim</th><th>verdict</th><th>evidence</th></tr></thead><tbody>")
        for c in claims:
            parts.append(f"<tr><td>“{_e(c.quote)}”</td><td><span class='v {_e(c.verdict)}'>{_e(c.verdict)}</span></td>"
                         f"<td>{_e(c.evidence)}</td></tr>")
        parts.append("</tbody></table>")
    else:
        parts.append("<p>No reach claims to check (the input states none, or is a scenario file).</p>")
    parts.append("<h2>Source quotes</h2>")
    quotes = [(f"{s.name} ({s.range_km:,.0f} km)", s.quote) for s in scenario.systems if s.quote]
    quotes += [(s.name, s.quote) for s in scenario.sites if s.quote]
    parts += [f"<p><b>{_e(who)}</b></p><blockquote>{_e(q)}</blockquote>" for who, q in quotes] or ["<p>None recorded.</p>"]
    if scenario.default_sites:
        parts.append("<p><b>Note:</b> the article names no launch site; the sites are rangemap's representative "
                     "defaults.</p>")
    parts.append(f"<footer>Range rings are exact geodesic circles on the WGS84 ellipsoid (boundary error under 100 m); "
                 f"areas are geodesic. {_e(attribution())}. Made with rangemap.</footer></body></html>")
    return "\n".join(parts) + "\n"


def brief_markdown(scenario: Scenario, image_name: str) -> str:
    """The brief as Markdown that shows ``image_name`` (written beside it)."""
    from .coverage import check_claims, coverage, report_markdown
    from .geodata import attribution

    table = coverage(scenario)
    claims = check_claims(scenario, table)
    lines = [f"# {scenario.title}", ""]
    if scenario.source:
        lines += [f"Source: `{scenario.source}`", ""]
    lines += [f"![Range map: {scenario.title}]({image_name})", "", report_markdown(scenario, table, claims).split("\n", 2)[2]]
    quotes = [(f"{s.name} ({s.range_km:,.0f} km)", s.quote) for s in scenario.systems if s.quote]
    if quotes:
        lines += ["", "## Source quotes", ""]
        for who, q in quotes:
            lines += [f"**{who}**", "", f"> {q}", ""]
    lines += ["", f"_{attribution()}. Rings: exact geodesic circles on the WGS84 ellipsoid._", ""]
    return "\n".join(lines)


def write_brief(scenario: Scenario, path: str | Path) -> Path:
    """Write the brief; ``.html`` or ``.md`` (with its PNG beside it)."""
    from ._io import write_atomic
    from .errors import RangemapError
    from .static import static_bytes

    target = Path(path)
    suffix = target.suffix.lower()
    if suffix in (".html", ".htm"):
        return write_atomic(target, brief_html(scenario))
    if suffix == ".md":
        image = target.with_suffix(".png")
        write_atomic(image, static_bytes(scenario, "png", width_px=1800, dpi=180))
        return write_atomic(target, brief_markdown(scenario, image.name))
    raise RangemapError(f"cannot write a brief to {str(path)!r}: use a .html or .md file name")
