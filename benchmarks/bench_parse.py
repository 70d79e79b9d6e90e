"""Benchmark: parse_text on large inputs, and its scaling.

Two corpora: "news" repeats the seed article (a real news text, about one
place name per 150 characters); "dense" adds every labelled test sentence,
each of which is packed with ranges and places (about 2.5 times the news
density). Times parse_text on 2.5, 5 and 10 MB of each (and 20 MB with --big)
and prints the time ratio for each doubling (linear time gives 2.0).
Also times adversarial inputs: long runs of digits, commas and spaces.
Run: ``python benchmarks/bench_parse.py``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from rangemap import parse_text

ROOT = Path(__file__).resolve().parent.parent


def corpus(size: int, kind: str = "dense") -> str:
    seed = (ROOT / "seeds" / "000_cf37cdb565ddf28d.txt").read_text()
    labelled = " ".join(i["text"] for i in json.loads((ROOT / "tests" / "data" / "parse_labelled.json").read_text()))
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
    for kind in ("news", "dense"):
        prev = None
        for n in sizes:
            sec, found = timed(corpus(n, kind))
            ratio = f"{sec / prev:7.2f}" if prev else "      -"
            print(f"{kind:>7s} {n / 1e6:8.1f}MB {sec:9.2f} {n / 1e6 / sec:7.2f} {found:8d} {ratio}")
            prev = sec
    print()
    for label, payload in [("digits", "9" * 1_000_000 + " km"), ("commas", "1," * 500_000 + "km"),
                           ("spaces", "1 " * 500_000 + "km"), ("words", "three " * 200_000 + "thousand km"),
                           ("capitals", "Sea of " * 150_000)]:
        sec, _ = timed(payload)
        print(f"adversarial {label:9s} {len(payload) / 1e6:5.1f} MB  {sec:6.2f} s")


if __name__ == "__main__":
    main()
