"""The static map draws every ring that range_ring can return, in a sensible
projection, strokes only true boundaries, shows hostile text literally and
leaves matplotlib's global state alone.

``CASES`` (long-range and awkward scenarios) is shared with tests/test_export.py.
"""

from __future__ import annotations

import io
import math
import subprocess
import sys
from dataclasses import dataclass
from functools import cache

import numpy as np
import pytest
import shapely

from rangemap.errors import InputError, RangemapError
from rangemap.geodesy import range_rings
from rangemap.scenario import Scenario, Site, System


@dataclass(frozen=True)
class Case:
    id: str
    sites: tuple[tuple[float, float], ...]  # (lat, lon)
    ranges_km: tuple[float, ...]
    targets: tuple[str, ...] = ()
    view: str | None = None  # "aeqd" or "global", when the case pins it

    def scenario(self) -> Scenario:
        systems = tuple(System(f"System {i + 1}", r) for i, r in enumerate(self.ranges_km))
        sites = tuple(Site(f"Site {i + 1}", lat, lon) for i, (lat, lon) in enumerate(self.sites))
        return Scenario(f"Case {self.id}", systems, sites, self.targets)


CASES = [
    Case("okinawa-5500", ((26.3, 127.8),), (5500,), ("CHN",), view="aeqd"),
    Case("guam-8000", ((13.44, 144.79),), (8000,), ("RUS",)),
    Case("pyongyang-13000", ((39.02, 125.75),), (13000,), ("USA",), view="global"),
    Case("tokyo-19900", ((35.68, 139.69),), (19900,), view="global"),
    Case("lon180-rus-fji-usa", ((0.0, 180.0), (10.0, -180.0)), (3000,), ("RUS", "FJI", "USA")),
    Case("equator-8000-kir", ((0.0, 20.0),), (8000,), ("KIR",)),
    Case("north-pole-5000", ((90.0, 0.0),), (5000,), ("GRL", "RUS")),
    Case("south-pole-3000", ((-90.0, 0.0),), (3000,), ("ATA",), view="aeqd"),
    Case("antipodal-3000", ((35.0, 139.7), (-35.0, -40.3)), (3000,), view="global"),
    Case("antipodal-9000", ((35.0, 139.7), (-35.0, -40.3)), (9000,), view="global"),
    Case("suva-fji-100", ((-18.14, 178.44),), (100,), ("FJI",), view="aeqd"),
    Case("tokyo-3000", ((35.68, 139.69),), (3000,), ("PRK", "CHN"), view="aeqd"),
    Case("sydney-2000", ((-33.87, 151.21),), (2000,), ("NZL",), view="aeqd"),
    Case("quito-15000", ((-0.22, -78.52),), (15000,), ("USA",), view="global"),
    Case("hobart-6000", ((-42.88, 147.33),), (6000,), ("NZL",), view="aeqd"),
    Case("murmansk-3000", ((68.97, 33.08),), (3000,), ("GRL",), view="aeqd"),
    Case("auckland-2500", ((-36.85, 174.76),), (2500,), ("NZL", "FJI"), view="aeqd"),
    Case("anchorage-5500", ((61.2, -149.9),), (5500,), ("RUS",)),
    Case("kiritimati-kir", ((1.87, -157.4),), (3000,), ("KIR",)),
    Case("lon-180-two-ranges", ((-17.0, -180.0),), (1000, 12000), ("FJI", "NZL"), view="global"),
    Case("nuuk-4000", ((64.18, -51.72),), (4000,), ("GRL",)),
    Case("mcmurdo-3000", ((-77.85, 166.67),), (3000,), ("ATA", "NZL")),
    Case("equator-lon0-10001", ((0.0, 0.0),), (10001.9657,), view="global"),
]
CASE_IDS = [c.id for c in CASES]


@cache
def rings_for(case: Case) -> tuple:
    s = case.scenario()
    pairs = s.pairs()
    return tuple(range_rings([p.lat for p, _ in pairs], [p.lon for p, _ in pairs], [m.range_km for _, m in pairs]))


def artificial_segments(lines) -> int:
    """Segments with both ends on ±180° longitude or both on ±90° latitude."""
    bad = 0
    for line in getattr(lines, "geoms", [lines]):
        xy = np.asarray(line.coords)
        if len(xy) < 2:
            continue
        seam = np.abs(np.abs(xy[:, 0]) - 180.0) <= 1e-9
        pole = np.abs(np.abs(xy[:, 1]) - 90.0) <= 1e-9
        bad += int(((seam[:-1] & seam[1:]) | (pole[:-1] & pole[1:])).sum())
    return bad


def _pixels(fig) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(int).copy()


# --------------------------------------------------------------------------- #
# the table: every case draws, and draws its rings
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_render_static__awkward_case_draws_its_rings(case):
    from rangemap.geodata import country
    from rangemap.static import RING_GID, _choose_view, render_static

    s = case.scenario()
    rings = list(rings_for(case))
    if case.view:
        view = _choose_view(s, rings, [country(t).geometry for t in s.targets])
        assert view.kind == case.view
    fig = render_static(s, rings=rings, width_px=400, dpi=50)
    w, h = fig.get_size_inches()
    assert math.isfinite(w) and math.isfinite(h) and w > 0 and h > 0
    with_rings = _pixels(fig)
    assert with_rings.shape[1] == 400 and with_rings.std() > 10  # a drawing, not a blank page
    for artist in fig.findobj(lambda a: a.get_gid() == RING_GID):
        artist.set_visible(False)
    without = _pixels(fig)
    changed = int((np.abs(with_rings - without).sum(axis=-1) > 0).sum())
    assert changed > 1000, f"the rings changed only {changed} pixels"
    # the stroke, in the system's own colour (#d62728), is there too
    red = np.array([0xD6, 0x27, 0x28])

    def near(img):
        return int((np.abs(img - red).sum(axis=-1) < 90).sum())

    assert near(with_rings) - near(without) >= 3


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_ring_outlines__never_stroke_the_closing_edges(case):
    from pyproj import Geod

    from rangemap.static import _ring_outlines

    geod = Geod(ellps="WGS84")
    s = case.scenario()
    rings = rings_for(case)
    for (_site, system), _ring, outline in zip(s.pairs(), rings, _ring_outlines(rings)):
        assert artificial_segments(outline) == 0
        # nothing of the true boundary is lost: its length is the circle's
        # (the circumference of a geodesic circle on the sphere, to 1 %)
        rho = system.range_km * 1000.0 / 6_371_008.8
        expected = 2 * math.pi * 6_371_008.8 * math.sin(rho)
        if expected > 50_000:
            assert geod.geometry_length(outline) == pytest.approx(expected, rel=0.01)


def test_ring_outline__pole_ring_from_murmansk_has_no_line_along_180():
    from rangemap.static import _ring_outlines, boundary_lines

    ring = range_rings([68.97], [33.08], [3000])[0]
    xy = shapely.get_coordinates(ring)
    assert xy[:, 1].max() == 90  # the polygon is closed through the pole ...
    outline = _ring_outlines([ring])[0]
    assert artificial_segments(outline) == 0  # ... but that edge is not stroked
    assert shapely.get_coordinates(outline)[:, 1].max() < 90
    assert boundary_lines(ring).equals(outline)


@pytest.mark.parametrize("iso3", ["FJI", "RUS", "KIR", "ATA", "USA"])
def test_borders__countries_split_at_the_antimeridian_draw_no_seam(iso3):
    from rangemap.geodata import country
    from rangemap.static import _boundary_lines_fallback

    lines = _boundary_lines_fallback(country(iso3).geometry)
    assert not lines.is_empty and artificial_segments(lines) == 0


def test_boundary_lines__world_box_minus_cap_is_just_the_cap():
    from rangemap.static import _boundary_lines_fallback

    ring = range_rings([35.0], [139.7], [19000.0])[0]
    lines = _boundary_lines_fallback(ring)
    assert artificial_segments(lines) == 0
    # the far cap round (-35, -40.3), whole
    assert shapely.get_coordinates(lines)[:, 1].max() < -20


# --------------------------------------------------------------------------- #
# projection choice and size
# --------------------------------------------------------------------------- #
def test_render_static__antipodal_sites_give_a_finite_figure():
    from rangemap.static import render_static

    s = Scenario("Antipodes", (System("S", 2000),), (Site("A", 35, 139.7), Site("B", -35, -40.3)))
    fig = render_static(s, width_px=600, dpi=60)
    assert np.isfinite(fig.get_size_inches()).all() and (fig.get_size_inches() > 0).all()
    assert fig.get_size_inches()[0] == pytest.approx(10.0)


def test_global_view__seam_falls_in_the_widest_gap():
    from rangemap.geodata import country
    from rangemap.static import _choose_view

    s = Scenario("Pacific", (System("S", 3000),), (Site("Suva", -18.14, 178.44),), ("USA", "RUS"))
    rings = range_rings([-18.14], [178.44], [3000])
    view = _choose_view(s, rings, [country(t).geometry for t in s.targets])
    assert view.kind == "global"
    seam = (view.lon0 + 360.0) % 360.0 - 180.0  # lon0 + 180, wrapped
    assert -60.0 < seam < 20.0  # in the Atlantic/Europe gap, not through the Pacific scene


@pytest.mark.parametrize("width,dpi", [(-100, 200), (0, 200), (200_000, 200), (1, 1), (2400, -5), (2400, 0),
                                       (2400, 5000), (199, 50), (2400.5, 200), (True, 200)])
def test_render_static__bounds_width_and_dpi(width, dpi):
    from rangemap.static import render_static

    s = CASES[0].scenario()
    with pytest.raises(InputError) as exc:
        render_static(s, width_px=width, dpi=dpi)
    assert isinstance(exc.value, RangemapError) and "\n" not in str(exc.value)
    bad = width if not (isinstance(width, int) and not isinstance(width, bool) and 200 <= width <= 20_000) else dpi
    assert repr(bad) in str(exc.value)


# --------------------------------------------------------------------------- #
# hostile text, global state, reproducibility
# --------------------------------------------------------------------------- #
def test_static_bytes__mathtext_is_shown_literally():
    from rangemap.static import render_static, static_bytes

    s = Scenario(r"Range $^$ of $\foo$", (System(r"$\alpha$ missile", 1000, year="$x$"),),
                 (Site(r"$\foo$", 35.0, 139.7),), ("JPN",), source="article $$.txt")
    png = static_bytes(s, "png", width_px=400, dpi=50)
    assert png.startswith(b"\x89PNG")
    svg = static_bytes(s, "svg", width_px=400, dpi=50)
    assert svg.startswith(b"<?xml")
    fig = render_static(s, width_px=400, dpi=50)
    from matplotlib.text import Text

    texts = [t.get_text() for t in fig.findobj(Text)]
    assert r"Range \$^\$ of \$\foo\$" in texts and r"\$\foo\$" in texts


def test_static_bytes__deterministic_and_leaves_matplotlib_alone():
    import matplotlib

    from rangemap.static import static_bytes

    before = dict(matplotlib.rcParams)
    backend = matplotlib.rcParams._get_backend_or_none()
    case = next(c for c in CASES if c.id == "lon180-rus-fji-usa")
    s = case.scenario()
    a = static_bytes(s, "svg", rings=rings_for(case), width_px=400, dpi=50)
    b = static_bytes(s, "svg", rings=rings_for(case), width_px=400, dpi=50)
    assert a == b
    assert static_bytes(s, "png", width_px=400, dpi=50) == static_bytes(s, "png", width_px=400, dpi=50)
    assert dict(matplotlib.rcParams) == before
    assert matplotlib.rcParams._get_backend_or_none() == backend


def test_static__no_pyplot_and_no_backend_switch():
    code = (
        "import sys, matplotlib\n"
        "from rangemap.scenario import Scenario, Site, System\n"
        "from rangemap.static import static_bytes\n"
        "s = Scenario('T', (System('S', 3000),), (Site('A', 0.0, 180.0),), ('FJI',))\n"
        "static_bytes(s, 'png', width_px=300, dpi=50)\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'\n"
        "assert matplotlib.rcParams._get_backend_or_none() is None, 'backend chosen'\n"
        "assert matplotlib.rcParams['svg.hashsalt'] is None\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]


def test_static_bytes__png_decodes_with_the_width_asked():
    from PIL import Image

    from rangemap.static import static_bytes

    case = CASES[0]
    png = static_bytes(case.scenario(), "png", rings=rings_for(case), width_px=500, dpi=50)
    with Image.open(io.BytesIO(png)) as im:
        assert im.size[0] == 500


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_every_output__long_range_and_awkward_scenarios(case, tmp_path):
    """Issue #11: each scenario also goes through the map, the brief and the
    report (the exports are above), and the figures are sane."""
    from rangemap.brief import brief_html, brief_markdown
    from rangemap.measure import check_claims, coverage
    from rangemap.render import render_html
    from rangemap.report import report_csv, report_markdown, report_text
    from rangemap.rings import scenario_rings
    from rangemap.static import static_bytes

    s = case.scenario()
    rings = scenario_rings(s)
    table = coverage(s, rings=rings)
    claims = check_claims(s, table)
    assert ((table.covered_fraction >= 0) & (table.covered_fraction <= 1)).all()
    assert (table.full_coverage_km <= 20_004).all()
    html = render_html(s, rings=rings, coverage=table, offline=True)
    assert "rangemap-data" in html and len(html) < 3_000_000
    png = static_bytes(s, "png", rings=rings, width_px=400, dpi=50)
    assert "<h1>" in brief_html(s, table, claims, png)
    assert brief_markdown(s, table, claims, "map.png").startswith("# ")
    assert s.title in report_text(s, table, claims)
    report_markdown(s, table, claims)
    assert report_csv(table).startswith("site,system")
