"""Benchmark: parse_text on large inputs, and its scaling.

Three corpora: "news" repeats the seed article (a real news text, about one
place name per 150 characters); "html" is the same article as copied from a
web page (paragraphs in <p>, entities for quotes and dashes, hard-wrapped at
72 columns), so the clean-up stage and its offset map do real work; "dense"
adds every labelled test sentence, each of which is packed with ranges and
places (about 2.5 times the news density). Times parse_text on 2.5, 5 and
10 MB of each (and 20 MB with --big) and prints the time ratio for each
doubling (linear time gives 2.0). News-like text must parse at 0.5 MB/s or
faster. Also times adversarial inputs: long runs of digits, commas, spaces,
entities, tags, line breaks, bullets and cue words.
Run: ``python benchmarks/bench_parse.py``.
"""

from __future__ import annotations

import argparse
import json
import textwrap
import time
from pathlib import Path

from rangemap import parse_text

ROOT = Path(__file__).resolve().parent.parent
NEEDED_MB_S = 0.5  # on news-like text ("news" and "html")


def _html(text: str) -> str:
    """The article as a web page would give it: <p> paragraphs, entities, hard wraps."""
    paragraphs = []
    for para in text.splitlines():
        if not para.strip():
            continue
        para = (para.replace("&", "&amp;").replace("’", "&#8217;").replace("“", "&#8220;")
                .replace("”", "&#8221;").replace(" - ", " &#8211; "))
        paragraphs.append("<p>" + "\n".join(textwrap.wrap(para, 72)) + "</p>")
    return "\n".join(paragraphs)


def corpus(size: int, kind: str = "dense") -> str:
    seed = (ROOT / "seeds" / "000_cf37cdb565ddf28d.txt").read_text()
    labelled = " ".join(i["text"] for i in json.loads((ROOT / "tests" / "data" / "parse_labelled.json").read_text()))
    if kind == "html":
        block = _html(seed) + "\n"
    else:
        block = seed + "\n" + (labelled + "\n" if kind == "dense" else "")
    return (block * (size // len(block) + 1))[:size]


def timed(text: str) -> tuple[float, int]:
    t = time.perf_counter()
    f = parse_text(text)
    return time.perf_counter() - t, len(f.ranges)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--big", action="store_true", help="also 20 MB")
    args = ap.parse_args()
    parse_text(corpus(10_000))  # warm the gazetteer
    sizes = [2_500_000, 5_000_000, 10_000_000] + ([20_000_000] if args.big else [])
    print(f"{'corpus':>7s} {'size':>10s} {'seconds':>9s} {'MB/s':>7s} {'ranges':>8s} {'x prev':>7s}")
    slowest_news = None
    for kind in ("news", "html", "dense"):
        prev = None
        for n in sizes:
            sec, found = timed(corpus(n, kind))
            ratio = f"{sec / prev:7.2f}" if prev else "      -"
            print(f"{kind:>7s} {n / 1e6:8.1f}MB {sec:9.2f} {n / 1e6 / sec:7.2f} {found:8d} {ratio}")
            prev = sec
            if kind != "dense":
                rate = n / 1e6 / sec
                slowest_news = rate if slowest_news is None else min(slowest_news, rate)
    verdict = "ok" if slowest_news is not None and slowest_news >= NEEDED_MB_S else "BELOW"
    print(f"\nnews-like text: slowest {slowest_news:.2f} MB/s (needed >= {NEEDED_MB_S}) {verdict}\n")
    for label, payload in [("digits", "9" * 1_000_000 + " km"), ("commas", "1," * 500_000 + "km"),
                           ("spaces", "1 " * 500_000 + "km"), ("words", "three " * 200_000 + "thousand km"),
                           ("capitals", "Sea of " * 150_000), ("entities", "&#8211;" * 150_000),
                           ("tags", "<b>x</b>" * 125_000), ("newlines", "a\n" * 500_000),
                           ("bullets", "\u2022 Guam - 1 km\n" * 70_000), ("cues", "from the " * 110_000 + "Guam"),
                           ("places", "Berlin, " * 125_000 + "within range"), ("units", "km " * 330_000)]:
        sec, _ = timed(payload)
        print(f"adversarial {label:9s} {len(payload) / 1e6:5.1f} MB  {sec:6.2f} s")


if __name__ == "__main__":
    main()
