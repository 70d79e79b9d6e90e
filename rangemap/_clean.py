"""Stage 1 of the parser: clean article text, keeping a map back to the original.

Articles arrive as plain text, as text copied out of web pages (HTML
entities, tags) and as hard-wrapped wire copy. :func:`clean_text` turns any of
them into one plain form the later stages read, in three passes:

1. **Markup** (the only pass that changes the length): HTML character
   references are decoded (``&#8211;`` -> ``–``, ``&nbsp;`` -> a space), tags
   are dropped, and block tags (``<p>``, ``<br>``, ``<li>``, ...) become a line
   break; soft hyphens and zero-width characters are dropped; ``\\r\\n`` becomes
   ``\\n``. Each change is recorded in an :class:`OffsetMap`.
2. **Characters**, one for one: curly quotes become straight ones, every dash
   and minus becomes ``-``, bullets become ``•``, and no-break, thin and other
   spaces become a plain space.
3. **Lines**, one for one: a hard line wrap inside a paragraph becomes a space,
   while the breaks around headlines, bullets, datelines and paragraphs stay.
   After clean-up a ``\\n`` always means a real break.

Passes 2 and 3 keep every character where it is, so the map of pass 1 is the
whole map: :meth:`CleanText.original_span` turns a span of the cleaned text
into the span of the original text it came from (an entity or a tag is never
cut in half), so every quote the parser reports is a slice of the text it was
given.

Every regular expression here is linear: tags and entities are bounded in
length and nothing is quantified twice.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field

__all__ = ["CleanText", "OffsetMap", "clean_text"]


@dataclass(frozen=True)
class OffsetMap:
    """Where the cleaned text came from: the chunks of the original that were
    replaced, as parallel tuples sorted by their cleaned offset. Between two
    chunks the texts agree character for character."""

    clean_at: tuple[int, ...] = ()
    clean_len: tuple[int, ...] = ()
    orig_at: tuple[int, ...] = ()
    orig_len: tuple[int, ...] = ()

    def start(self, pos: int) -> int:
        """The original offset where the cleaned character at ``pos`` begins."""
        i = bisect_right(self.clean_at, pos) - 1
        if i < 0:
            return pos
        chunk_end = self.clean_at[i] + self.clean_len[i]
        if pos < chunk_end:  # inside a replacement: its whole source
            return self.orig_at[i]
        return self.orig_at[i] + self.orig_len[i] + (pos - chunk_end)

    def end(self, pos: int) -> int:
        """The original offset where the cleaned character before ``pos`` ends."""
        if pos <= 0:
            return 0
        last = pos - 1
        i = bisect_right(self.clean_at, last) - 1
        if i < 0:
            return pos
        chunk_end = self.clean_at[i] + self.clean_len[i]
        if last < chunk_end:
            return self.orig_at[i] + self.orig_len[i]
        return self.orig_at[i] + self.orig_len[i] + (pos - chunk_end)


@dataclass(frozen=True)
class CleanText:
    """The cleaned text and the map back to the original."""

    text: str
    original: str
    offsets: OffsetMap = field(default_factory=OffsetMap)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` came from."""
        if not self.offsets.clean_at:
            return start, end
        if end <= start:
            s = self.offsets.start(start)
            return s, s
        return self.offsets.start(start), self.offsets.end(end)

    def original_quote(self, start: int, end: int) -> tuple[str, int, int]:
        """``(quote, start, end)`` in the original text for a cleaned span."""
        s, e = self.original_span(start, end)
        return self.original[s:e], s, e


# --------------------------------------------------------------------------- #
# pass 1: markup
# --------------------------------------------------------------------------- #
_HARD = "\u2029"  # a break made by markup (<p>, <br>, <li>): never joined; "\n" in the end
_BLOCK_TAGS = frozenset(
    ["p", "br", "li", "ul", "ol", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table", "thead", "tbody", "blockquote", "section", "article", "header", "footer", "figure", "figcaption", "hr", "pre", "dl", "dt", "dd", "nav", "aside", "main", "title", "body", "html", "head"])
_INLINE_TAGS = frozenset(
    ["b", "i", "u", "em", "strong", "span", "a", "font", "small", "big", "sup", "sub", "img", "abbr", "cite", "q", "s", "strike", "mark", "time", "code", "tt", "ins", "del", "label", "meta", "link"])
# an entity, a tag (bounded), a character to drop, or \r
_MARKUP = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
    r"|<(/?)([A-Za-z][A-Za-z0-9]{0,15})(?:[\s/][^<>]{0,500})?>"
    r"|<!--[^<>]{0,2000}-->"
    r"|[\u00ad\u200b\u200c\u200d\u2060\ufeff\r]")
_HAS_MARKUP = re.compile(r"[&<\u00ad\u200b\u200c\u200d\u2060\ufeff\r]")


def _decode(text: str) -> tuple[str, OffsetMap]:
    if not _HAS_MARKUP.search(text):
        return text, OffsetMap()
    parts: list[str] = []
    c_at: list[int] = []
    c_len: list[int] = []
    o_at: list[int] = []
    o_len: list[int] = []
    pos = 0  # in the original
    out_len = 0  # of the cleaned text so far
    for m in _MARKUP.finditer(text):
        g = m.group()
        if g[0] == "&":
            new = html.unescape(g)
            if new == g or not new.isprintable() and not new.isspace():
                continue
        elif g[0] == "<":
            name = (m.group(2) or "").lower()
            if g.startswith("<!--"):
                new = ""
            elif name == "li" and not m.group(1):
                new = _HARD + "\u2022 "  # a list item reads as a bullet line
            elif name in _BLOCK_TAGS:
                new = _HARD
            elif name in _INLINE_TAGS:
                new = ""
            else:
                continue  # "a < b > c" and unknown tags stay as text
        elif g == "\r":
            new = "" if text.startswith("\n", m.end()) else "\n"
        else:
            new = ""
        parts.append(text[pos:m.start()])
        out_len += m.start() - pos
        c_at.append(out_len)
        c_len.append(len(new))
        o_at.append(m.start())
        o_len.append(len(g))
        parts.append(new)
        out_len += len(new)
        pos = m.end()
    if not c_at:
        return text, OffsetMap()
    parts.append(text[pos:])
    return "".join(parts), OffsetMap(tuple(c_at), tuple(c_len), tuple(o_at), tuple(o_len))


# --------------------------------------------------------------------------- #
# pass 2: characters, one for one
# --------------------------------------------------------------------------- #
_CHARS = str.maketrans({
    **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u00b4\u02bc`"},
    **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"},
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"},
    **{c: "\u2022" for c in "\u2023\u2043\u25aa\u25ab\u25cf\u25e6\u25ba\u25b8\u00b7\u2219"},
    **{c: " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f"
                       "\u205f\u3000\t\x0b\x0c"},
    "\u2028": "\n", "\u2026": ".",
})


# --------------------------------------------------------------------------- #
# pass 3: lines, one for one
# --------------------------------------------------------------------------- #
_LINE_SEP = re.compile("[\n\u2029]")
_WRAP_WIDTH = 100  # a block whose lines (but the last) are all this short is hard-wrapped
_BULLET = re.compile(r"\s*(?:[\u2022*+>]|-(?=\s)|\d{1,2}[.)](?=\s))")
_DATELINE = re.compile(r"\s*[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3}(?:,| ?\(| -)")
_FUNCTION_END = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "from", "by", "for", "with", "and", "or", "but", "as", "near", "into", "onto", "over", "under", "about", "than", "that", "which", "who", "whose", "its", "their", "his", "her", "our", "your", "this", "these", "those", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "may", "might", "must", "should", "not", "no", "some", "any", "such", "inside", "outside", "between", "within", "across", "toward", "towards"])


def _ends_open(line: str) -> bool:
    """Whether a line visibly stops mid-sentence (a comma, a hyphen or a function word)."""
    s = line.rstrip()
    if not s:
        return False
    if s[-1] in ",-":
        return True
    return s.rsplit(None, 1)[-1].casefold() in _FUNCTION_END


def _keep_break(line: str, nxt: str, *, first: bool) -> bool:
    """Whether the newline between ``line`` and ``nxt`` (two lines of one
    hard-wrapped block) is a real break; ``first``: ``line`` opens the block."""
    head = nxt.lstrip()[:1]
    if _BULLET.match(nxt) or _DATELINE.match(nxt):
        return True
    if _BULLET.match(line):
        return not head.islower() and not _ends_open(line)  # a bullet item wraps onto a lower-case line or after "and"
    if head.islower() or head.isdigit():
        return False
    tail = line.rstrip()
    if tail.endswith(":"):
        return True
    if first and not _ends_open(tail) and tail[-1:] not in ".!?;\"')":
        # a headline: the block's first line, no closing punctuation, then a
        # capitalised line; but not inside a name ("Kaliningrad\nOblast")
        last = tail.rsplit(None, 1)[-1]
        return not (last[:1].isupper() and not last.isupper())
    return False


# a markup break inside a sentence: "about 1,000<br/>km", "roughly<br/>1.35k km"
_HARD_INSIDE = re.compile(
    r"(\d)\u2029(\n?)(?=[ \t]*(?:km\b|kilomet|miles?\b|mi\b|nmi\b|nautical))"
    r"|(\b(?:about|around|roughly|some|nearly|almost|over|than|to|of|up|approx\.|approximately|est\.))"
    r"\u2029(\n?)(?=[ \t]*\d)"
    r"|([a-z,])\u2029(\n?)(?=[ \t]*[a-z])")  # "enough to reach<br/>the Chinese mainland"


def _unbreak(m: re.Match) -> str:
    head = m.group(1) or m.group(3) or m.group(5)
    return head + " " * (len(m.group()) - len(head))


def _layout(text: str) -> str:
    """Hard-wrapped lines joined (``\\n`` -> space) where a paragraph continues;
    markup breaks become ``\\n``."""
    if "\n" not in text and _HARD not in text:
        return text
    if _HARD in text:
        text = _HARD_INSIDE.sub(_unbreak, text)  # same length: offsets hold
    lines: list[tuple[int, int, str]] = []  # (start, end, separator after it)
    pos = 0
    for m in _LINE_SEP.finditer(text):
        lines.append((pos, m.start(), m.group()))
        pos = m.end()
    lines.append((pos, len(text), ""))
    joins: list[int] = []  # offsets of newlines that become spaces
    block: list[tuple[int, int, str]] = []
    for line in lines:
        s, e, sep = line
        if text[s:e].strip():
            block.append(line)
        if sep != "\n" or not text[s:e].strip():
            _join_block(text, block, joins)
            block = []
    _join_block(text, block, joins)
    if joins:
        pieces, prev = [], 0
        for nl in joins:
            pieces += [text[prev:nl], " "]
            prev = nl + 1
        pieces.append(text[prev:])
        text = "".join(pieces)
    return text.replace(_HARD, "\n")


def _join_block(text: str, block: list[tuple[int, int, str]], joins: list[int]) -> None:
    if len(block) < 2:
        return
    if any(e - s > _WRAP_WIDTH for s, e, _ in block[:-1]):
        # one paragraph per line: every newline is a break, but for a line that
        # stops mid-sentence before a lower-case one ("a range of 150-500\nkm, met")
        for k in range(len(block) - 1):
            s, e, sep = block[k]
            nxt = text[e + 1:block[k + 1][1]].lstrip()
            if sep == "\n" and block[k + 1][0] == e + 1 and (nxt[:1].islower() or nxt[:1].isdigit() or
                                                              _ends_open(text[s:e].rstrip()) or
                                                              e - s > _WRAP_WIDTH and text[s:e].rstrip()[-1:].isalpha()) and \
                    text[s:e].rstrip()[-1:] not in ".!?:;" and not _BULLET.match(text[s:e]):
                joins.append(e)
        return
    for k in range(len(block) - 1):
        s, e, sep = block[k]
        if sep == "\n" and block[k + 1][0] == e + 1:
            if not _keep_break(text[s:e], text[e + 1:block[k + 1][1]], first=k == 0):
                joins.append(e)


def clean_text(text: str) -> CleanText:
    """Clean ``text`` (see the module docstring) and map it back.

    >>> c = clean_text("range of 1,800&#8211;2,500&nbsp;km")
    >>> c.text
    'range of 1,800-2,500 km'
    >>> c.original_quote(9, 23)[0]
    '1,800&#8211;2,500&nbsp;km'
    """
    decoded, offsets = _decode(text)
    plain = decoded.translate(_CHARS)
    return CleanText(_layout(plain), text, offsets)
