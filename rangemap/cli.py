"""The ``rangemap`` command: thin wrappers that parse arguments, call the
library and print. Machine-readable output goes to stdout, messages to stderr.

Every :class:`~rangemap.errors.RangemapError`, every file-system error and
every usage error becomes one line on stderr and exit code 1; SIGINT and
SIGTERM exit with 130 and 143 after the partial output has been removed.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__
from ._text import format_table, quote_value, terminal_safe
from .errors import InputError, RangemapError

log = logging.getLogger("rangemap")

#: The example rendered by a bare ``rangemap``.
SEED_NAME = "000_cf37cdb565ddf28d"


def seed_path() -> Path:
    """The bundled seed article (``seeds/``, installed as ``rangemap.seeds``)."""
    from importlib import resources

    path = Path(str(resources.files("rangemap.seeds").joinpath(f"{SEED_NAME}.txt")))
    if not path.exists():
        raise RangemapError(f"the bundled seed article {SEED_NAME}.txt is missing from this installation")
    return path


def default_maps_dir() -> Path:
    """``maps/`` in the current folder (``make map`` runs from the checkout)."""
    return Path.cwd() / "maps"


def _short(text: str, n: int = 100) -> str:
    text = " ".join(terminal_safe(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _load(path: str | None):
    """(scenario, stem) for an INPUT argument; the seed when None."""
    from .scenario import load

    if path is None:
        seed = seed_path()
        return load(seed), seed.stem
    return load(path), Path(path).stem


def _bounded(kind: type, lo: float, hi: float, what: str):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} must be a number, got {text[:40]!r}") from None
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"{what} must be between {lo:g} and {hi:g}, got {text[:40]}")
        return value
    return parse


# --------------------------------------------------------------------------- #
# subcommands
# --------------------------------------------------------------------------- #
def cmd_rings(args: argparse.Namespace) -> int:
    from .export import features_collection
    from .geodesy import range_rings

    n = len(args.range_km)
    rings = range_rings([args.lat] * n, [args.lon] * n, args.range_km, max_error_m=args.max_error_m)
    feats = [({"range_km": float(r), "lat": args.lat, "lon": args.lon}, geom) for r, geom in zip(args.range_km, rings)]
    print(json.dumps(features_collection(feats, precision=args.precision)))
    return 0


def cmd_parse(args: argparse.Namespace) -> int:
    from ._io import read_text
    from .parse import parse_text

    findings = parse_text(read_text(args.file))
    if args.json:
        print(json.dumps(findings.to_dict(), indent=2, ensure_ascii=True))
        return 0
    print(f"Ranges ({len(findings.ranges)})")
    print(format_table([[f"{r.km:,.0f} km" + (f" (from {r.km_min:,.0f})" if r.km_min else ""), r.qualifier or "",
                         _short(r.system or "", 40), _short(r.year or "", 20), _short(r.quote, 40)] for r in findings.ranges],
                       ["range", "qualifier", "system", "year", "quote"]))
    for r in findings.ranges:
        print(f"  [{r.km:,.0f} km] {_short(r.sentence, 160)}")
    print(f"\nPlaces ({len(findings.places)})")
    print(format_table([[_short(p.name, 40), p.kind, p.country, p.role, f"{p.lat:.2f}, {p.lon:.2f}", _short(p.sentence, 70)]
                        for p in findings.places], ["place", "kind", "country", "role", "lat, lon", "sentence"]))
    print(f"\nTargets ({len(findings.targets)})")
    print(format_table([[_short(t.name, 40), t.iso_a3, t.claim or "", f"{t.range_km:,.0f} km" if t.range_km else "",
                         _short(t.quote, 50)] for t in findings.targets], ["target", "iso_a3", "claim", "range", "quote"]))
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from ._io import check_output, check_overwrite, read_text
    from .infer import scenario_from_text
    from .scenario import write

    check_output(args.output, inputs=[args.article])
    check_overwrite(args.output, force=args.force)
    source = None if args.article == "-" else os.path.relpath(args.article)
    scenario = scenario_from_text(read_text(args.article), source=source)
    path = write(scenario, args.output, force=True)
    log.info("%d systems, %d sites, targets %s%s", len(scenario.systems), len(scenario.sites),
             ", ".join(scenario.targets) or "none", f" (sites: {scenario.site_note})" if scenario.site_note else "")
    print(path)
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from ._io import check_output, write_atomic
    from .render import map_document

    out = Path(args.output) if args.output is not None else None
    if out is not None:
        check_output(out, inputs=[args.input] if args.input else [])
    if args.watch:
        from .serve import watch_files

        if args.embed:
            raise InputError("--watch writes the full map; leave out --embed")
        source = args.input or str(seed_path())
        out = out or default_maps_dir() / f"{Path(source).stem}.html"
        watch_files(source, out, tiles=args.tiles, offline=args.offline, log=log.info)
        return 0
    scenario, stem = _load(args.input)
    out = out or default_maps_dir() / f"{stem}.html"
    _not_the_article(out, scenario)
    doc = map_document(scenario, tiles=args.tiles, offline=args.offline, embed=args.embed,
                       with_coverage=not args.no_coverage, progress=log.info)
    print(write_atomic(out, doc))
    return 0


def _not_the_article(out: Path, scenario) -> None:
    """Refuse to write over the article a scenario names (it is an input too)."""
    from ._io import check_output
    from .scenario import source_path

    article = source_path(scenario)
    if article is not None:
        check_output(out, inputs=[article])


def cmd_report(args: argparse.Namespace) -> int:
    from .measure import check_claims, coverage
    from .reach import best_sites
    from .report import report_csv, report_json, report_markdown, report_text

    scenario, _ = _load(args.input)
    table = coverage(scenario)
    claims = check_claims(scenario, table)
    from .reach import scenario_reach

    baskets, heat = scenario_reach(scenario, progress=log.info)
    best = best_sites(heat) if heat is not None else None
    if args.json:
        print(report_json(table, claims, baskets=baskets, best=best))
    elif args.csv:
        sys.stdout.write(report_csv(table))
    elif args.markdown:
        print(report_markdown(scenario, table, claims, baskets=baskets, best=best))
    else:
        print(report_text(scenario, table, claims, baskets=baskets, best=best))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    serve(args.input, port=args.port, tiles=args.tiles, offline=args.offline, log=log.info)
    return 0


def cmd_heatmap(args: argparse.Namespace) -> int:
    from .reach import best_sites, scenario_heatmap
    from .report import HEAT_HEADERS, heat_rows

    scenario, _ = _load(args.input)
    if not scenario.targets:
        raise InputError("the scenario has no targets; add targets = [...]")
    region = args.region or (scenario.heatmap.region if scenario.heatmap else None)
    if region is None:
        raise InputError("no region to place launchers in: pass --region ISO (or add [heatmap] region = ...)")
    from .geodata import country_code

    heat = scenario_heatmap(scenario, region=country_code(region), spacing_km=args.spacing_km, progress=log.info)
    if args.json:
        print(heat[["lat", "lon", "system", "target", "covered_fraction", "population_in_range"]]
              .to_json(orient="records", double_precision=6))
        return 0
    print(format_table(heat_rows(best_sites(heat)), HEAT_HEADERS, right={2, 3, 4, 5}))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from ._io import check_output
    from .export import export

    check_output(args.output, inputs=[args.input])
    scenario, _ = _load(args.input)
    _not_the_article(Path(args.output), scenario)
    print(export(scenario, args.output, dpi=args.dpi, width_px=args.width))
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    from ._io import check_output
    from .brief import write_brief

    check_output(args.output, inputs=[args.input])
    scenario, _ = _load(args.input)
    _not_the_article(Path(args.output), scenario)
    print(write_brief(scenario, args.output, force=args.force))
    return 0


def cmd_systems(args: argparse.Namespace) -> int:
    from .catalogue import find_missiles

    found = find_missiles(args.query, country=args.country, cls=args.cls)
    if args.json:
        print(json.dumps([m.to_dict() for m in found], indent=2, ensure_ascii=False))
        return 0
    rows = [[m.name, m.country, m.cls, (f"{m.min_range_km:,.0f}–" if m.min_range_km else "") + f"{m.range_km:,.0f} km",
             m.status, str(m.first_year or ""), _short(m.citation(), 70)] for m in found]
    print(format_table(rows, ["system", "country", "class", "range", "status", "year", "source"], right={3}))
    log.info("%d of the catalogue's systems", len(found))
    return 0


# --------------------------------------------------------------------------- #
# parser
# --------------------------------------------------------------------------- #
class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors on one line and exit code 1."""

    def error(self, message: str) -> NoReturn:
        text = " ".join(terminal_safe(message).split())
        self.exit(1, f"{self.prog}: error: {text} (see {self.prog} --help)\n")

def _common() -> _Parser:
    """-v and -q, accepted before or after the command."""
    p = _Parser(add_help=False)
    p.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS, help="more messages on stderr")
    p.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="only errors on stderr")
    return p


def _add_render_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", nargs="?", metavar="INPUT", help="scenario .toml or article .txt (default: the bundled seed)")
    p.add_argument("-o", "--output", metavar="OUT.html", help="where to write the map (default: maps/<input name>.html)")
    p.add_argument("--tiles", default="OpenStreetMap", metavar="NAME|none",
                   help="web map tiles: OpenStreetMap (default), 'CartoDB positron', or none for the bundled borders only")
    p.add_argument("--offline", action="store_true", help="no tiles: the file makes no network request at all")
    p.add_argument("--embed", action="store_true", help="write an HTML fragment (an <iframe srcdoc>) to paste into a page")
    p.add_argument("--no-coverage", action="store_true", help="leave coverage figures off the target tooltips")
    p.add_argument("--watch", action="store_true",
                   help="re-render whenever INPUT (or the article it names) changes, until Ctrl-C")
    p.set_defaults(func=cmd_render)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    common = _common()
    parser = _Parser(
        prog="rangemap", parents=[common],
        description="Turn a news article about missile deployments into an exact geodesic range map. "
        "With no command, renders the bundled example article to maps/ (the same as `rangemap render`).")
    parser.add_argument("--version", action="version", version=f"rangemap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("rings", parents=[common], help="print geodesic range rings as GeoJSON",
                       description="Print exact WGS84 geodesic range rings round one point as an RFC 7946 FeatureCollection.")
    p.add_argument("--lat", type=_bounded(float, -90, 90, "--lat"), required=True, help="centre latitude, degrees")
    p.add_argument("--lon", type=_bounded(float, -180, 180, "--lon"), required=True, help="centre longitude, degrees")
    p.add_argument("--range-km", type=_bounded(float, 1e-6, 20_004, "--range-km"), nargs="+", required=True,
                   metavar="KM", help="one or more radii in km (at most 20,004)")
    p.add_argument("--max-error-m", type=_bounded(float, 0.01, 100_000, "--max-error-m"), default=100.0, metavar="M",
                   help="largest allowed boundary error in metres (default: 100)")
    p.add_argument("--precision", type=_bounded(int, 3, 15, "--precision"), default=6,
                   help="decimal places in coordinates, 3 to 15 (default: 6, about 0.1 m)")
    p.set_defaults(func=cmd_rings)

    p = sub.add_parser("parse", parents=[common], help="list the ranges, places and targets an article states",
                       description="Read an article (UTF-8 text) and list the weapon ranges, places, target countries "
                       "and reach claims it states, each with its sentence.")
    p.add_argument("file", metavar="FILE", help="article text file, or - for standard input")
    p.add_argument("--json", action="store_true", help="print JSON (the shape of Findings.to_dict()) instead of tables")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("init", parents=[common], help="write a scenario file (TOML) from an article",
                       description="Parse an article and write a commented scenario file: a system per stated range, "
                       "a site per basing place (or representative default sites), and the target countries.")
    p.add_argument("article", metavar="ARTICLE", help="article text file, or - for standard input")
    p.add_argument("-o", "--output", default="scenario.toml", help="scenario file to write (default: scenario.toml)")
    p.add_argument("--force", action="store_true", help="overwrite OUTPUT if it exists")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("render", parents=[common], help="draw the interactive HTML map (the default command)",
                       description="Render a scenario (.toml) or an article (.txt) as an interactive HTML range map. "
                       "With no INPUT, renders the bundled example article to maps/.")
    _add_render_options(p)

    p = sub.add_parser("report", parents=[common], help="coverage of the targets and verdicts on the article's claims",
                       description="How much of each target country each ring covers (geodesic area), the cities in "
                       "range, the range needed to cover it all, and verdicts on the article's reach claims.")
    p.add_argument("input", metavar="INPUT", help="scenario .toml or article .txt")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help='{"rows": [...], "claims": [...]}')
    fmt.add_argument("--csv", action="store_true", help="the coverage rows as CSV")
    fmt.add_argument("--markdown", action="store_true", help="Markdown tables")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("export", parents=[common], help="static PNG/SVG map, or GeoJSON/KML/GeoPackage for GIS",
                       description="Export a scenario or article. The format follows the extension: .png and .svg "
                       "(a static map for reports), .geojson (RFC 7946), .kml (Google Earth), .gpkg (layers rings, "
                       "sites, targets).")
    p.add_argument("input", metavar="INPUT", help="scenario .toml or article .txt")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="output file: .png .svg .geojson .kml .gpkg")
    p.add_argument("--dpi", type=_bounded(int, 50, 1200, "--dpi"), default=None,
                   help="static maps: dots per inch, 50 to 1,200 (default: 200)")
    p.add_argument("--width", type=_bounded(int, 200, 20_000, "--width"), default=None, metavar="PX",
                   help="static maps: width in pixels, 200 to 20,000 (default: 2400)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("brief", parents=[common], help="a one-page report: map, coverage, claims, quotes",
                       description="Write a one-page brief: title, static map, coverage table, claims with verdicts, "
                       "source quotes and attribution. .html is one self-contained file; .md writes a PNG beside it.")
    p.add_argument("input", metavar="INPUT", help="scenario .toml or article .txt")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="brief.html or brief.md")
    p.add_argument("--force", action="store_true", help="replace an existing PNG beside a .md brief")
    p.set_defaults(func=cmd_brief)

    p = sub.add_parser("heatmap", parents=[common], help="score candidate launch sites across a territory",
                       description="Evaluate candidate launch sites on an equal-area grid inside a region: for each "
                       "system and target, the share of the target in range and the people in range. Prints the "
                       "best ten sites per system and target, or every cell with --json.")
    p.add_argument("input", metavar="INPUT", help="scenario .toml or article .txt")
    p.add_argument("--region", metavar="ISO", help="where launchers may stand (default: the scenario's [heatmap] region)")
    p.add_argument("--spacing-km", type=_bounded(float, 1, 2000, "--spacing-km"), default=None, metavar="KM",
                   help="grid spacing in km (default: the scenario's, else 25)")
    p.add_argument("--json", action="store_true", help="every cell as a JSON object")
    p.set_defaults(func=cmd_heatmap)

    p = sub.add_parser("serve", parents=[common], help="serve the map on 127.0.0.1 and reload it on every save",
                       description="Serve the map of a scenario (or article) on http://127.0.0.1:PORT/ only, re-render "
                       "it whenever the file (or the article it names) changes, and reload the open page within a "
                       "second. A save with an error keeps the last good map and shows the error in a banner.")
    p.add_argument("input", metavar="INPUT", help="scenario .toml or article .txt")
    p.add_argument("--port", type=_bounded(int, 0, 65535, "--port"), default=8000, help="port (default: 8000; 0: any free)")
    p.add_argument("--tiles", default="OpenStreetMap", metavar="NAME|none", help="web map tiles, as for render")
    p.add_argument("--offline", action="store_true", help="no tiles")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("systems", parents=[common], help="list the missile catalogue, with ranges and sources",
                       description="List the systems of the bundled missile catalogue (geodata/missiles.csv) whose "
                       "name or alias contains QUERY, with their range, status and source.")
    p.add_argument("query", nargs="?", metavar="QUERY", help="part of a name or alias (DF-26, Guam killer, Kalibr)")
    p.add_argument("--country", metavar="ISO", help="operator or developer: ISO alpha-3 code or country name")
    p.add_argument("--class", dest="cls", metavar="C", help="SRBM, MRBM, IRBM, ICBM, SLBM, GLCM, ALCM, SLCM, HGV, ...")
    p.add_argument("--json", action="store_true", help="print the records as JSON")
    p.set_defaults(func=cmd_systems)
    return parser


COMMANDS = {"rings", "parse", "init", "render", "report", "export", "brief", "systems", "heatmap", "serve"}


def _configure_logging(verbose: int, quiet: bool) -> None:
    """Messages from rangemap's own loggers on stderr; other libraries stay quiet."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("rangemap: %(message)s"))
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.ERROR if quiet else (logging.DEBUG if verbose else logging.INFO))


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread so that partial outputs are cleaned up."""


def _on_sigterm(signum, frame):
    raise _Terminated()


def _error(message: str) -> int:
    print(f"rangemap: error: {' '.join(terminal_safe(message).split())}", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    words = [a for a in argv if not a.startswith("-")]
    if not ({"-h", "--help", "--version"} & set(argv)) and not (COMMANDS & set(words)):
        if words and not os.path.exists(words[0]) and not any(c in words[0] for c in "./\\"):
            from ._text import suggest
            from .errors import did_you_mean

            return _error(f"unknown command {quote_value(words[0])}{did_you_mean(suggest(words[0], sorted(COMMANDS)))}"
                          "; see rangemap --help")
        argv = ["render", *argv]  # a bare `rangemap [options] [INPUT]` is `rangemap render ...`
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed on one line
        return exc.code if isinstance(exc.code, int) else 1
    if not hasattr(args, "func"):
        parser.print_help()
        return 0
    _configure_logging(getattr(args, "verbose", 0), getattr(args, "quiet", False))
    previous = None
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread
        pass
    try:
        return args.func(args)
    except RangemapError as exc:
        return _error(str(exc))
    except KeyboardInterrupt:
        print("rangemap: interrupted", file=sys.stderr)
        return 130
    except _Terminated:
        print("rangemap: terminated", file=sys.stderr)
        return 143
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the interpreter's flush at exit
        except OSError:
            pass
        return 1
    except OSError as exc:
        where = f"{quote_value(os.fspath(exc.filename), 200)}: " if getattr(exc, "filename", None) else ""
        return _error(f"{where}{exc.strerror or exc}")
    except MemoryError:
        return _error("out of memory (is the input far larger than an article?)")
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


__all__ = ["main", "build_parser", "seed_path", "default_maps_dir", "SEED_NAME", "InputError"]
