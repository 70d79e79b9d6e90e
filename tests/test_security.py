"""Hostile text from an article or a scenario file, through every output (issue #10).

Each hostile string is used at once as the title, the description, a system
name, a site name and the quotes of a scenario, and as part of an article
sentence. Every output must then succeed (or fail with one line), show the
text literally, run nothing (no marker file, no ``window.__pwned``), write
XML that parses and CSV that starts no formula.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from rangemap.cli import main

MARKER = "rangemap-marker"


def _hostile(marker_path: Path) -> list[tuple[str, str]]:
    """(id, text): the table of hostile strings from issue #10."""
    return [
        ("jinja-expr", "{{ 7*7 }}"),
        ("jinja-rce", "{{ lipsum.__globals__.os.popen(dict(touch=1)|first ~ ' " + str(marker_path)
         + "').read() }}"),
        ("jinja-rce-noquote", "{{ lipsum.__globals__.os.popen(dict(id=1)|first).read() }}"),
        ("jinja-for", "{% for x in range(3) %}x{% endfor %}"),
        ("jinja-comment", "Base {# c #} end"),
        ("open-expr", "{{"),
        ("close-expr", "}}"),
        ("open-stmt", "{%"),
        ("citation", "a claim {{citation needed}}"),
        ("mathtext", "$\\foo$"),
        ("mathtext-caret", "$^$"),
        ("script", "</script><script>window.__pwned=1</script>"),
        ("img", "<img src=x onerror=\"window.__pwned=1\">"),
        ("template-literal", "${alert(1)}`${window.__pwned=1}`"),
        ("backtick", "a ` b"),
        ("nul", "nul\x00byte \x08 \x1b[31mred"),
        ("rtl-zw", "\u202eevil\u202c zero\u200bwidth \u2066iso\u2069"),
        ("markdown", "# head\n| a | b |\n![x](http://example.invalid/x.png) [l](javascript:alert(1))"),
        ("formula", "=HYPERLINK(\"http://example.invalid\",\"x\")"),
    ]


def _toml_str(s: str) -> str:
    return json.dumps(s)  # a JSON string is a valid TOML basic string for these


def _scenario(text: str) -> str:
    t = _toml_str(text)
    return "\n".join([
        f"title = {t}", f"description = {t}", 'targets = ["PRK"]', "",
        "[[systems]]", f"name = {_toml_str('S ' + text)}", "range_km = 1500", f"quote = {t}", "",
        "[[sites]]", f"name = {_toml_str('P ' + text)}", "lat = 35.0", "lon = 135.0", f"quote = {t}", "",
    ])


def _article(text: str) -> str:
    return ("Japan will deploy a missile with a range of 2,000 km to Okinawa by 2030, which can reach any "
            f"location in North Korea {text}.\n")


def _visible(s: str) -> str:
    """What a reader sees: control and format characters dropped, spaces collapsed."""
    s = " ".join(s.split())
    return "".join(c for c in s if unicodedata.category(c) not in ("Cc", "Cf") and c != "\ufffd")


OUTPUTS = [
    ("render", ["render", "{in}", "-o", "{out}.html"]),
    ("render-offline", ["render", "{in}", "--offline", "-o", "{out}.off.html"]),
    ("render-embed", ["render", "{in}", "--offline", "--embed", "-o", "{out}.embed.html"]),
    ("png", ["export", "{in}", "-o", "{out}.png", "--width", "400", "--dpi", "50"]),
    ("svg", ["export", "{in}", "-o", "{out}.svg", "--width", "400", "--dpi", "50"]),
    ("geojson", ["export", "{in}", "-o", "{out}.geojson"]),
    ("kml", ["export", "{in}", "-o", "{out}.kml"]),
    ("gpkg", ["export", "{in}", "-o", "{out}.gpkg"]),
    ("brief-html", ["brief", "{in}", "-o", "{out}.brief.html"]),
    ("brief-md", ["brief", "{in}", "-o", "{out}.brief.md"]),
    ("report", ["report", "{in}"]),
    ("report-md", ["report", "{in}", "--markdown"]),
    ("report-csv", ["report", "{in}", "--csv"]),
]

CASES = [c for c, _ in _hostile(Path("/x"))]


def _run_all(tmp_path: Path, case: str, kind: str, capsys) -> dict[str, tuple[int, str, str]]:
    marker = tmp_path / MARKER
    text = dict(_hostile(marker))[case]
    src = tmp_path / ("in.toml" if kind == "scenario" else "in.txt")
    src.write_text(_scenario(text) if kind == "scenario" else _article(text), encoding="utf-8")
    results = {}
    for name, argv in OUTPUTS:
        args = [a.format(**{"in": src, "out": tmp_path / "o"}) for a in argv]
        code = main(args)
        cap = capsys.readouterr()
        results[name] = (code, cap.out, cap.err)
    assert not marker.exists(), "a template ran a command"
    return results


@pytest.mark.parametrize("kind", ["scenario", "article"])
@pytest.mark.parametrize("case", CASES)
def test_hostile_text__every_output_is_safe(tmp_path, case, kind, capsys):
    results = _run_all(tmp_path, case, kind, capsys)
    text = dict(_hostile(tmp_path / MARKER))[case]
    if kind == "article" and "\x00" in text:
        # an article holding a NUL byte is refused as binary, on one line, by every command
        for name, (code, _out, err) in results.items():
            assert code == 1 and err.count("\n") == 1 and "binary" in err, (name, err)
        return
    for name, (code, _out, err) in results.items():
        assert code == 0, f"{name}: exit {code}: {err}"
        assert err.count("\n") <= 1, f"{name}: more than one line on stderr: {err!r}"
    for suffix in (".html", ".off.html", ".embed.html", ".brief.html"):
        html = (tmp_path / f"o{suffix}").read_text(encoding="utf-8")
        assert "Smoke 49" not in html and "S 49" not in html and "P 49" not in html
        assert "uid=" not in html
        assert "<script>window.__pwned" not in html
    # KML is XML; the GeoPackage keeps the name
    ET.parse(tmp_path / "o.kml")
    # no CSV cell starts a formula, and the terminal sees no escape sequence
    _, csv_out, _ = results["report-csv"]
    for row in csv.reader(io.StringIO(csv_out)):
        for cell in row:
            assert cell[:1] not in ("=", "+", "@") and not (cell[:1] == "-" and not _is_number(cell)), cell
    for name in ("report", "report-md"):
        assert "\x1b" not in results[name][1] and "\x00" not in results[name][1] and "\u202e" not in results[name][1]
    if kind == "scenario":
        import sqlite3

        with sqlite3.connect(tmp_path / "o.gpkg") as db:
            names = [r[0] for r in db.execute("SELECT name FROM sites")]
        assert _visible(names[0]) == _visible("P " + text)
    md = (tmp_path / "o.brief.md").read_text(encoding="utf-8")
    _assert_markdown_is_inert(md)


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _assert_markdown_is_inert(md: str) -> None:
    """Rendered by Python-Markdown, the brief has no script, no outside image or
    link, and no heading or table that the user text made."""
    markdown = pytest.importorskip("markdown", reason="Python-Markdown is a test dependency")
    html = markdown.markdown(md, extensions=["tables"])
    assert "<script" not in html.lower()
    assert "example.invalid" not in _attrs(html)
    assert "javascript:" not in _attrs(html).lower()
    # headings: only the brief's own (the title and "Source quotes")
    assert html.count("<h1>") == 1 and html.count("<h2>") <= 1


def _attrs(html: str) -> str:
    import re

    return " ".join(re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)""", html))


# --------------------------------------------------------------------------- #
# in a browser: the text shows literally and nothing runs
# --------------------------------------------------------------------------- #
BROWSER_CASES = ["jinja-expr", "jinja-rce-noquote", "jinja-for", "jinja-comment", "citation", "script", "img",
                 "template-literal", "rtl-zw", "markdown", "mathtext"]


@pytest.mark.browser
@pytest.mark.parametrize("case", BROWSER_CASES)
def test_browser__hostile_text_shows_literally_and_runs_nothing(tmp_path, case, offline_page, capsys):
    text = dict(_hostile(tmp_path / MARKER))[case]
    src = tmp_path / "in.toml"
    src.write_text(_scenario(text), encoding="utf-8")
    out = tmp_path / "m.html"
    assert main(["render", str(src), "--offline", "-o", str(out)]) == 0
    assert main(["brief", str(src), "-o", str(tmp_path / "b.html")]) == 0
    assert main(["brief", str(src), "-o", str(tmp_path / "b.md")]) == 0
    page = offline_page(out)
    assert page.errors == []
    assert page.evaluate("() => window.__pwned") is None
    assert _visible(page.locator(".rm-title").inner_text()) == _visible(text)
    assert _visible("S " + text) in _visible(page.locator(".rm-legend").inner_text())
    page.locator(".rm-site").first.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=3000)
    assert _visible("P " + text) in _visible(popup.inner_text())
    assert page.locator("img[src='x']").count() == 0

    brief = offline_page(tmp_path / "b.html")
    assert brief.evaluate("() => window.__pwned") is None
    assert _visible(brief.locator("h1").inner_text()) == _visible(text)

    markdown = pytest.importorskip("markdown", reason="Python-Markdown is a test dependency")
    rendered = tmp_path / "b.md.html"
    rendered.write_text(markdown.markdown((tmp_path / "b.md").read_text(encoding="utf-8"), extensions=["tables"]),
                        encoding="utf-8")
    md_page = offline_page(rendered)
    assert md_page.evaluate("() => window.__pwned") is None
    assert md_page.blocked == [] or all("example.invalid" not in u for u in md_page.blocked)
    assert _visible(md_page.locator("h1").inner_text()) == _visible(text)


def test_issue_reproducer__article_payload_runs_nothing(tmp_path, capsys):
    """The reproducer from issue #10, verbatim: grep finds no `uid=`."""
    a = tmp_path / "a.txt"
    a.write_text("Japan will deploy a missile with a range of 2,000 km to Okinawa by 2030, which can reach any "
                 "location in North Korea {{ lipsum.__globals__.os.popen(dict(id=1)|first).read() }}.\n")
    assert main(["render", str(a), "-o", str(tmp_path / "a.html")]) == 0
    html = (tmp_path / "a.html").read_text()
    assert "uid=" not in html
    assert "lipsum.__globals__" in html  # shown as text, in the popup quote


def test_matplotlib_text__is_literal():
    from rangemap._text import mpl_literal

    assert mpl_literal("$\\foo$") == "\\$\\foo\\$"
    assert mpl_literal("a\x1bb\nc") == "ab c"
