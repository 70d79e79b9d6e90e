"""Coverage table and claim verdicts -> text for people and tools: a terminal
table, Markdown, CSV and JSON.

Every user string is escaped for its medium (:mod:`rangemap._text`): control
characters are stripped for the terminal, Markdown structure and HTML are
escaped in Markdown, and CSV cells that a spreadsheet would run as a formula
are neutralised.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from ._text import csv_cell, format_table, markdown_escape, percent, terminal_safe
from .models import Claim, Scenario

__all__ = ["DISPLAY", "display_rows", "range_sources", "report_text", "report_markdown", "report_csv", "report_json"]


class Column(NamedTuple):
    """How one coverage column is shown to people."""

    header: str
    format: Callable[[Any, dict[str, str]], str]
    numeric: bool = False


#: The coverage table as people see it; adding a column means adding a line here.
DISPLAY: tuple[Column, ...] = (
    Column("site", lambda r, n: str(r.site)),
    Column("system", lambda r, n: str(r.system)),
    Column("range", lambda r, n: f"{r.range_km:,.0f} km", True),
    Column("target", lambda r, n: n.get(r.target, r.target)),
    Column("covered", lambda r, n: percent(r.covered_fraction), True),
    Column("area km²", lambda r, n: f"{r.covered_km2:,.0f} / {r.target_km2:,.0f}", True),
    Column("cities", lambda r, n: f"{r.cities_in_range:,}", True),
    Column("population", lambda r, n: f"{r.population_in_range:,}", True),
    Column("capital", lambda r, n: "yes" if r.capital_in_range else "no"),
    Column("full cover needs", lambda r, n: f"{r.full_coverage_km:,.0f} km", True),
)
HEADERS = [c.header for c in DISPLAY]
NUMERIC = {i for i, c in enumerate(DISPLAY) if c.numeric}


def display_rows(table: Any) -> list[list[str]]:
    """The coverage table's rows as strings, one per :data:`DISPLAY` column."""
    from .geodata import country_names

    names = country_names()
    return [[c.format(r, names) for c in DISPLAY] for r in table.itertuples(index=False)]


def range_sources(scenario: Scenario) -> list[str]:
    """Where each system's figures come from, one line per system:
    "DF-26: 4,000 km, catalogue: <source>" or "...: 3,000 km, as stated"."""
    out = []
    for s in scenario.systems:
        lo = f"{s.min_range_km:,.0f}–" if s.min_range_km else ""
        where = s.range_source or ("as stated in the source" if scenario.claims or scenario.source else "as stated")
        out.append(f"{s.name}: {lo}{s.range_km:,.0f} km, {where}")
    return out


HEAT_HEADERS = ["system", "target", "lat", "lon", "covered", "population"]


def heat_rows(best: Any) -> list[list[str]]:
    """The best heat-map cells as strings (see :func:`rangemap.reach.best_sites`)."""
    if best is None:
        return []
    return [[str(r.system), str(r.target), f"{r.lat:.3f}", f"{r.lon:.3f}", percent(r.covered_fraction),
             f"{int(r.population_in_range):,}"] for r in best.itertuples(index=False)]


def report_text(scenario: Scenario, table: Any, claims: Sequence[Claim], *, baskets: Sequence[Any] = (),
                best: Any = None) -> str:
    """A plain-text report for the terminal (control characters stripped)."""
    rows = display_rows(table)
    lines = [terminal_safe(" ".join(scenario.title.split())), "", format_table(rows, HEADERS, right=NUMERIC)]
    if not rows:
        lines.append("(no targets: add targets = [...] to the scenario)")
    lines += ["", "Ranges"] + [f"  {terminal_safe(' '.join(x.split()))}" for x in range_sources(scenario)]
    if baskets:
        lines += ["", "Launch baskets"] + [f"  {terminal_safe(b.describe())}" for _, b in baskets]
    if best is not None and len(best):
        lines += ["", "Best launch sites (heat map)", format_table(heat_rows(best), HEAT_HEADERS, right={2, 3, 4, 5})]
    lines += ["", "Claims"]
    if claims:
        for c in claims:
            lines.append(f"  [{c.verdict}] {terminal_safe(' '.join(c.evidence.split()))}")
            lines.append(f"      “{terminal_safe(' '.join(c.quote.split()))}”")
    else:
        lines.append("  (the article makes no reach claim, or the input is a scenario file)")
    return "\n".join(lines)


def markdown_table(rows: Sequence[Sequence[str]], headers: Sequence[str], numeric: Iterable[int] = ()) -> list[str]:
    """A Markdown table; every cell is escaped and kept on one line."""
    numeric = set(numeric)
    out = ["| " + " | ".join(markdown_escape(h) for h in headers) + " |",
           "|" + "|".join("---:" if i in numeric else "---" for i in range(len(headers))) + "|"]
    out += ["| " + " | ".join(markdown_escape(c) for c in r) + " |" for r in rows]
    return out


def report_markdown(scenario: Scenario, table: Any, claims: Sequence[Claim], *, heading: bool = True,
                    baskets: Sequence[Any] = (), best: Any = None) -> str:
    """The report as Markdown tables (every user string escaped)."""
    lines = [f"## {markdown_escape(scenario.title)}", ""] if heading else []
    lines += markdown_table(display_rows(table), HEADERS, NUMERIC)
    lines += [""] + [f"- {markdown_escape(x)}" for x in range_sources(scenario)]
    if baskets:
        lines += [""] + [f"- {markdown_escape(b.describe())}" for _, b in baskets]
    if best is not None and len(best):
        lines += [""] + markdown_table(heat_rows(best), HEAT_HEADERS, {2, 3, 4, 5})
    if claims:
        lines += [""] + markdown_table([[f"“{c.quote}”", c.verdict, c.evidence] for c in claims],
                                       ["claim", "verdict", "evidence"])
    return "\n".join(lines)


def report_csv(table: Any) -> str:
    """The coverage rows as CSV; text cells never start a spreadsheet formula."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(list(table.columns))
    for row in table.itertuples(index=False):
        writer.writerow([csv_cell(_csv_value(v)) for v in row])
    return buf.getvalue()


def _csv_value(v: Any) -> Any:
    if isinstance(v, float):
        return f"{v:.10g}"
    if hasattr(v, "item"):  # numpy scalars
        return _csv_value(v.item())
    return v


def report_json(table: Any, claims: Sequence[Claim], *, baskets: Sequence[Any] = (), best: Any = None) -> str:
    """``{"rows": [...], "claims": [...], "baskets": [...], "best_sites": [...]}`` as JSON."""
    out: dict[str, Any] = {"rows": json.loads(table.to_json(orient="records")), "claims": [c.to_dict() for c in claims]}
    if baskets:
        out["baskets"] = [{**spec.to_dict(), "area_km2": b.area_km2, "empty": b.empty, "text": b.describe()}
                          for spec, b in baskets]
    if best is not None and len(best):
        out["best_sites"] = json.loads(best.to_json(orient="records"))
    return json.dumps(out, indent=2, ensure_ascii=False)
