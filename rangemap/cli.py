"""The ``rangemap`` command: thin wrappers that parse arguments, call the library
and print. Machine-readable output goes to stdout, messages to stderr.

Every :class:`~rangemap.errors.RangemapError` becomes one line on stderr and
exit code 1; a usage error exits with 2 (argparse's convention).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from . import __version__
from .errors import RangemapError

log = logging.getLogger("rangemap")

#: The example rendered by a bare ``rangemap``.
SEED_NAME = "000_cf37cdb565ddf28d"


def _repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def seed_path() -> Path:
    """The bundled seed article (``seeds/``, installed as ``rangemap.seeds``)."""
    from importlib import resources

    path = Path(str(resources.files("rangemap.seeds").joinpath(f"{SEED_NAME}.txt")))
    if not path.exists():
        raise RangemapError(f"the bundled seed article {SEED_NAME}.txt is missing from this installation")
    return path


def default_maps_dir() -> Path:
    """``maps/`` of the checkout when run from one, else ``./maps``."""
    root = _repo_root()
    if (root / "pyproject.toml").exists() and (root / "maps").is_dir():
        return root / "maps"
    return Path.cwd() / "maps"


# --------------------------------------------------------------------------- #
# subcommands
# --------------------------------------------------------------------------- #
def cmd_rings(args: argparse.Namespace) -> int:
    from .geodesy import range_rings
    from .export import features_collection

    n = len(args.range_km)
    rings = range_rings([args.lat] * n, [args.lon] * n, args.range_km, max_error_m=args.max_error_m)
    feats = [
        ({"range_km": float(r), "lat": args.lat, "lon": args.lon}, geom) for r, geom in zip(args.range_km, rings)
    ]
    print(json.dumps(features_collection(feats, precision=args.precision)))
    return 0


def _table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(out)


def _short(text: str, n: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def cmd_parse(args: argparse.Namespace) -> int:
    from ._io import read_text
    from .parse import parse_text

    findings = parse_text(read_text(args.file))
    if args.json:
        print(json.dumps(findings.to_dict(), indent=2, ensure_ascii=False))
        return 0
    print(f"Ranges ({len(findings.ranges)})")
    print(_table([[f"{r.km:,.0f} km" + (f" (from {r.km_min:,.0f})" if r.km_min else ""), r.qualifier or "",
                   r.system or "", r.year or "", _short(r.quote, 40)] for r in findings.ranges],
                 ["range", "qualifier", "system", "year", "quote"]))
    for r in findings.ranges:
        print(f"  [{r.km:,.0f} km] {_short(r.sentence, 160)}")
    print(f"\nPlaces ({len(findings.places)})")
    print(_table([[p.name, p.kind, p.country, p.role, f"{p.lat:.2f}, {p.lon:.2f}", _short(p.sentence, 70)]
                  for p in findings.places], ["place", "kind", "country", "role", "lat, lon", "sentence"]))
    print(f"\nTargets ({len(findings.targets)})")
    print(_table([[t.name, t.iso_a3, t.claim or "", f"{t.range_km:,.0f} km" if t.range_km else "", _short(t.quote, 50)]
                  for t in findings.targets], ["target", "iso_a3", "claim", "range", "quote"]))
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from ._io import check_overwrite, read_text, write_atomic
    from .scenario import Scenario

    check_overwrite(args.output, force=args.force)
    scenario = Scenario.from_text(read_text(args.article), source=os.path.relpath(args.article) if args.article != "-" else None)
    path = write_atomic(args.output, scenario.to_toml_text())
    log.info("%d systems, %d sites, targets %s%s", len(scenario.systems), len(scenario.sites),
             ", ".join(scenario.targets) or "none", " (default sites: edit them)" if scenario.default_sites else "")
    print(path)
    return 0


def _load_scenario(path: str | None):
    from .scenario import Scenario

    if path is None:
        seed = seed_path()
        return Scenario.from_file(seed), seed.stem
    return Scenario.from_file(path), Path(path).stem


def cmd_render(args: argparse.Namespace) -> int:
    from .render import write_map

    scenario, stem = _load_scenario(args.input)
    out = Path(args.output) if args.output else default_maps_dir() / f"{stem}.html"
    coverage = None
    if not args.no_coverage and scenario.targets:
        from .coverage import coverage as compute_coverage

        coverage = compute_coverage(scenario)
    if args.embed:
        from .export import embed_html
        from ._io import write_atomic

        path = write_atomic(out, embed_html(scenario, tiles=args.tiles, offline=args.offline, coverage=coverage))
    else:
        path = write_map(scenario, out, tiles=args.tiles, offline=args.offline, coverage=coverage)
    print(path)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .coverage import check_claims, coverage, report_markdown, report_text

    scenario, _ = _load_scenario(args.input)
    table = coverage(scenario)
    claims = check_claims(scenario, table)
    if args.json:
        rows = json.loads(table.to_json(orient="records"))
        print(json.dumps({"rows": rows, "claims": [c.to_dict() for c in claims]}, indent=2, ensure_ascii=False))
    elif args.csv:
        sys.stdout.write(table.to_csv(index=False, float_format="%.6g", lineterminator="\n"))
    elif args.markdown:
        print(report_markdown(scenario, table, claims))
    else:
        print(report_text(scenario, table, claims))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export

    scenario, _ = _load_scenario(args.input)
    print(export(scenario, args.output, dpi=args.dpi, width_px=args.width))
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    from .brief import write_brief

    scenario, _ = _load_scenario(args.input)
    print(write_brief(scenario, args.output))
    return 0


# --------------------------------------------------------------------------- #
# parser
# --------------------------------------------------------------------------- #
_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def _add_input(p: argparse.ArgumentParser) -> None:
    """The INPUT argument that report, export and brief share."""
    p.add_argument("input", metavar="INPUT", help="scenario .toml or article .txt")


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rangemap",
        description="Turn a news article about missile deployments into an exact geodesic range map. "
        "With no command, renders the bundled example article to maps/.",
    )
    parser.add_argument("--version", action="version", version=f"rangemap {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more messages on stderr")
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors on stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("rings", help="print geodesic range rings as GeoJSON",
                       description="Print exact WGS84 geodesic range rings round one point as an RFC 7946 FeatureCollection.")
    p.add_argument("--lat", type=float, required=True, help="centre latitude, degrees")
    p.add_argument("--lon", type=float, required=True, help="centre longitude, degrees")
    p.add_argument("--range-km", type=float, nargs="+", required=True, metavar="KM", help="one or more radii in km")
    p.add_argument("--max-error-m", type=float, default=100.0, metavar="M",
                   help="largest allowed boundary error in metres (default: 100)")
    p.add_argument("--precision", type=int, default=6, help="decimal places in coordinates (default: 6)")
    _COMMANDS["rings"] = cmd_rings

    p = sub.add_parser("parse", help="list the ranges, places and targets an article states",
                       description="Read an article (UTF-8 text) and list the weapon ranges, places, target countries "
                       "and reach claims it states, each with its sentence.")
    p.add_argument("file", metavar="FILE", help="article text file, or - for standard input")
    p.add_argument("--json", action="store_true", help="print JSON (the shape of Findings.to_dict()) instead of tables")
    _COMMANDS["parse"] = cmd_parse

    p = sub.add_parser("init", help="write a scenario file (TOML) from an article",
                       description="Parse an article and write a commented scenario file: a system per stated range, "
                       "a site per basing place (or representative default sites), and the target countries.")
    p.add_argument("article", metavar="ARTICLE", help="article text file, or - for standard input")
    p.add_argument("-o", "--output", default="scenario.toml", help="scenario file to write (default: scenario.toml)")
    p.add_argument("--force", action="store_true", help="overwrite OUTPUT if it exists")
    _COMMANDS["init"] = cmd_init

    p = sub.add_parser("render", help="draw the interactive HTML map (default command)",
                       description="Render a scenario (.toml) or an article (.txt) as an interactive HTML range map. "
                       "With no INPUT, renders the bundled example article to maps/.")
    p.add_argument("input", nargs="?", metavar="INPUT", help="scenario .toml or article .txt (default: the bundled seed)")
    p.add_argument("-o", "--output", metavar="OUT.html", help="where to write the map (default: maps/<input name>.html)")
    p.add_argument("--tiles", default="OpenStreetMap", metavar="NAME|none",
                   help="web map tiles: OpenStreetMap (default), 'CartoDB positron', or none for the bundled borders only")
    p.add_argument("--offline", action="store_true",
                   help="one self-contained file: inline Leaflet, no tiles, no network at all")
    p.add_argument("--embed", action="store_true", help="write an HTML fragment (an <iframe srcdoc>) to paste into a page")
    p.add_argument("--no-coverage", action="store_true", help="leave coverage figures off the target tooltips")
    _COMMANDS["render"] = cmd_render

    p = sub.add_parser("report", help="coverage of the targets and verdicts on the article's claims",
                       description="How much of each target country each ring covers (geodesic area), the cities in "
                       "range, the range needed to cover it all, and verdicts on the article's reach claims.")
    _add_input(p)
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help='{"rows": [...], "claims": [...]}')
    fmt.add_argument("--csv", action="store_true", help="the coverage rows as CSV")
    fmt.add_argument("--markdown", action="store_true", help="Markdown tables")
    _COMMANDS["report"] = cmd_report

    p = sub.add_parser("export", help="static PNG/SVG map, or GeoJSON/KML/GeoPackage for GIS",
                       description="Export a scenario or article. The format follows the extension: .png and .svg "
                       "(a static map for reports), .geojson (RFC 7946), .kml (Google Earth), .gpkg (layers rings, "
                       "sites, targets).")
    _add_input(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="output file: .png .svg .geojson .kml .gpkg")
    p.add_argument("--dpi", type=int, default=None, help="static maps: dots per inch (default: 200)")
    p.add_argument("--width", type=int, default=None, metavar="PX", help="static maps: width in pixels (default: 2400)")
    _COMMANDS["export"] = cmd_export

    p = sub.add_parser("brief", help="a one-page report: map, coverage, claims, quotes",
                       description="Write a one-page brief: title, static map, coverage table, claims with verdicts, "
                       "source quotes and attribution. .html is one self-contained file; .md writes a PNG beside it.")
    _add_input(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="brief.html or brief.md")
    _COMMANDS["brief"] = cmd_brief
    return parser


def _configure_logging(verbose: int, quiet: bool) -> None:
    """Messages from rangemap's own loggers on stderr; other libraries stay quiet."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("rangemap: %(message)s"))
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.ERROR if quiet else (logging.DEBUG if verbose else logging.INFO))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _build_parser()
    args = parser.parse_args(argv)
    _configure_logging(args.verbose, args.quiet)
    command = args.command
    if command is None:
        if "render" not in _COMMANDS:
            parser.print_help()
            return 0
        args = parser.parse_args(["render", *argv])
        command = "render"
    try:
        return _COMMANDS[command](args)
    except RangemapError as exc:
        print(f"rangemap: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("rangemap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the interpreter's flush at exit
        except OSError:
            pass
        return 1
    except OSError as exc:
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        print(f"rangemap: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
