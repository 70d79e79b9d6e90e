"""Text helpers shared by every stage: one of each.

Text from an article, a scenario file, the gazetteer or the catalogue is
hostile. It is data: it never becomes the source of a template, a regular
expression or a matplotlib mathtext string. Each output escapes it for its own
medium with one of the functions here:

========================  ==========================================
medium                    function
========================  ==========================================
HTML                      :func:`html_escape` (or Jinja2 autoescape)
Markdown                  :func:`markdown_escape`
CSV (spreadsheets)        :func:`csv_cell`
terminal                  :func:`terminal_safe`
XML (KML) / GeoPackage    :func:`xml_safe`
matplotlib                :func:`mpl_literal`
error messages            :func:`quote_value`
========================  ==========================================
"""

from __future__ import annotations

import difflib
import html
import re
import unicodedata
from collections.abc import Iterable, Sequence

__all__ = [
    "normalize",
    "suggest",
    "html_escape",
    "markdown_escape",
    "csv_cell",
    "terminal_safe",
    "xml_safe",
    "mpl_literal",
    "quote_value",
    "format_table",
    "percent",
]

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")


def normalize(name: str) -> str:
    """The key rangemap compares names by: accents stripped, case folded, curly
    apostrophes straightened, hyphens and runs of space as one space, dots and
    apostrophes dropped.

    >>> normalize("People’s Republic of  China")
    'peoples republic of china'
    >>> normalize("Nizhniy-Novgorod")
    'nizhniy novgorod'
    """
    text = unicodedata.normalize("NFKD", str(name)).translate(_APOSTROPHES)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DASHES.sub(" ", text.casefold())
    text = text.replace("'", "").replace(".", "")
    return " ".join(text.split())


def suggest(word: str, choices: Iterable[str], *, n: int = 3, cutoff: float = 0.6) -> tuple[str, ...]:
    """Up to ``n`` choices close to ``word`` (compared normalised), best first.

    >>> suggest("Okinowa", ["Okinawa", "Osaka", "Tokyo"])
    ('Okinawa',)
    """
    pool: dict[str, str] = {}
    for c in choices:
        pool.setdefault(normalize(c), c)
    close = difflib.get_close_matches(normalize(word)[:200], list(pool), n=n, cutoff=cutoff)
    return tuple(pool[c] for c in close)


def html_escape(text: object) -> str:
    """Escape for HTML text and attribute values (``None`` gives ``""``)."""
    return html.escape("" if text is None else str(text), quote=True)


# The characters both CommonMark and Python-Markdown (with its tables
# extension) accept as backslash escapes, and that can start structure.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def markdown_escape(text: object) -> str:
    r"""Markdown that shows ``text`` literally on one line: ``<``, ``>`` and
    ``&`` become HTML entities, every Markdown punctuation character is
    backslash-escaped (so no link, image, emphasis, code, table cell or heading
    can start), ``://`` cannot autolink, and line breaks become spaces.

    >>> markdown_escape("<b>x</b> | [a](http://e)")
    '&lt;b&gt;x&lt;/b&gt; \\| \\[a\\]\\(http&#58;//e\\)'
    """
    s = terminal_safe(" ".join(str("" if text is None else text).split()))
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return s.replace("://", "&#58;//")


def csv_cell(value: object) -> object:
    """A CSV cell that no spreadsheet runs as a formula (OWASP): text starting
    with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading ``'``.
    Numbers pass through unchanged."""
    if not isinstance(value, str):
        return value
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


# C0 and C1 controls except tab and newline, DEL, and the bidirectional
# overrides and isolates that can reorder what a terminal shows.
_TERMINAL_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def terminal_safe(text: object) -> str:
    """Text with control characters (escape sequences among them) removed, for
    printing to a terminal."""
    return _TERMINAL_BAD.sub("", "" if text is None else str(text))


_XML_BAD = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: object) -> str:
    """Text with the characters XML 1.0 does not allow (NUL, most C0 controls,
    lone surrogates, U+FFFE/U+FFFF) replaced by U+FFFD. Also used for
    GeoPackage text, where a NUL would cut the value short."""
    return _XML_BAD.sub("\ufffd", "" if text is None else str(text))


def mpl_literal(text: object) -> str:
    """Text that matplotlib draws literally: every ``$`` is escaped, so no part
    of it is read as mathtext; control characters are dropped.

    >>> mpl_literal("$\\\\foo$ costs $5")
    '\\\\$\\\\foo\\\\$ costs \\\\$5'
    """
    s = terminal_safe(text).replace("\n", " ").replace("\t", " ")
    return s.replace("$", r"\$")


def quote_value(value: object, limit: int = 80) -> str:
    """``repr`` of a value for a one-line error message, cut to ``limit`` characters."""
    if isinstance(value, str):
        s = value if len(value) <= limit else value[: limit - 1] + "…"
        return repr(terminal_safe(s))
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"an integer of {len(str(abs(value)))} digits" if value.bit_length() < 20000 else "a huge integer"
    s = repr(value)
    s = terminal_safe(" ".join(s.split()))
    return s if len(s) <= limit else s[: limit - 1] + "…"


def format_table(rows: Sequence[Sequence[str]], headers: Sequence[str], *, right: Iterable[int] = ()) -> str:
    """A plain-text table with aligned columns; columns in ``right`` are
    right-aligned. Cells are made terminal-safe and kept on one line."""
    right = set(right)
    clean = [[" ".join(terminal_safe(c).split()) for c in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in clean]) for i, h in enumerate(headers)]

    def fmt(cells: Sequence[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    return "\n".join([fmt(list(headers)), "  ".join("-" * w for w in widths), *(fmt(r) for r in clean)])


def percent(fraction: float) -> str:
    """A covered fraction for people: "100%", "63.1%", "<0.1%", "0.0%".

    >>> percent(0.6312), percent(1.0), percent(0.0004)
    ('63.1%', '100%', '<0.1%')
    """
    if fraction >= 0.9995:
        return "100%"
    if 0 < fraction < 0.001:
        return "<0.1%"
    return f"{fraction * 100:.1f}%"
