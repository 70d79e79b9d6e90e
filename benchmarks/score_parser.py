"""Score the article parser against a labelled corpus of news passages.

    python benchmarks/score_parser.py                 # the tuned set
    python benchmarks/score_parser.py --set heldout   # the held-out set (score it once, at the end)
    python benchmarks/score_parser.py --failures      # also list what each passage got wrong

The corpora (tests/data/parse_passages_*.jsonl) were written and labelled by
someone who had not seen the parser. Prints, micro-averaged over passages:
range precision/recall of the ranges the text states (a range matches within
1%; ranges the parser adds from the missile catalogue are not stated, so they
are left out), place recall, role accuracy on found places, forbidden-place
hits (a place the parser found inside the text of a name labelled as not a
place), target precision/recall and all/part claim accuracy on found targets
(no claim counts as "part").

A gold place is matched to the first found place of the same name, else to
the first whose name holds it or is held by it (this exact-first order came
in while tuning on the dev set, before heldout2 was scored; it used to be the
first either way, so "South China Sea" matched the "China" found before it).

Two definitions changed after the first run on the tuned set, before the
held-out set was scored, and the closing note gives both: catalogue ranges
were added to the parser (and left out here), and a forbidden hit was first
any place whose name was a word of a not-place anywhere in the passage
(so "China" in "China's ICBM force" counted against "China Military Power
Report"); it is now a place found inside an occurrence of the not-place.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NEEDED = {"range_recall": 0.95, "range_precision": 0.97, "place_recall": 0.90, "role_accuracy": 0.85,
          "forbidden_hits": 0, "target_recall": 0.85, "target_precision": 0.90, "claim_accuracy": 0.80}


def load(name: str) -> list[dict]:
    path = ROOT / "tests" / "data" / f"parse_passages_{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _key(s: str) -> str:
    from rangemap._text import normalize

    return normalize(s)


def _same_place(gold: str, pred: str) -> bool:
    g, p = _key(gold), _key(pred)
    if not g or not p:
        return False
    return g == p or f" {p} " in f" {g} " or f" {g} " in f" {p} "


def score(passages: list[dict], *, failures: bool = False) -> dict[str, float]:
    from rangemap import parse_text

    t = {k: 0 for k in ("r_tp", "r_fp", "r_fn", "p_gold", "p_found", "role_ok", "forbidden", "t_tp", "t_fp", "t_fn",
                        "c_total", "c_ok")}
    for item in passages:
        f = parse_text(item["text"])
        problems = []
        # ranges
        stated = [r for r in f.ranges if getattr(r, "source", "article") == "article"]
        pred = sorted({round(r.km) for r in stated} | {round(r.km_min) for r in stated if r.km_min})
        gold = list(item["ranges_km"])
        unmatched = list(pred)
        for g in gold:
            hit = next((p for p in unmatched if abs(p - g) <= 0.01 * g + 0.5), None)
            if hit is None:
                t["r_fn"] += 1
                problems.append(f"range missed {g}")
            else:
                t["r_tp"] += 1
                unmatched.remove(hit)
        t["r_fp"] += len(unmatched)
        problems += [f"range extra {p}" for p in unmatched]
        # places and roles
        places = list(f.places)
        for gp in item["places"]:
            t["p_gold"] += 1
            # an exact name first: "South China Sea" is not the "China" found before it
            match = next((p for p in places if _key(gp["name"]) in (_key(p.name), _key(p.quote))), None) or \
                next((p for p in places if _same_place(gp["name"], p.name) or _same_place(gp["name"], p.quote)), None)
            if match is None:
                problems.append(f"place missed {gp['name']!r} ({gp['role']})")
                continue
            t["p_found"] += 1
            if match.role == gp["role"]:
                t["role_ok"] += 1
            else:
                problems.append(f"role {gp['name']!r}: {match.role} (gold {gp['role']})")
        text = item["text"]
        for bad in item.get("not_places", []):
            spans = []
            k = text.find(bad)
            while k >= 0:
                spans.append((k, k + len(bad)))
                k = text.find(bad, k + 1)
            for p in places:
                if any(p.start < b and a < p.end for a, b in spans):
                    t["forbidden"] += 1
                    problems.append(f"not a place: {bad!r} taken as {p.name!r}")
                    break
        # targets and claims
        pred_t = {}
        for tm in f.targets:
            pred_t.setdefault(tm.iso_a3, tm.claim or "part")
            if tm.claim == "all":
                pred_t[tm.iso_a3] = "all"
        gold_t = set(item["targets"])
        for iso in gold_t:
            if iso in pred_t:
                t["t_tp"] += 1
                t["c_total"] += 1
                if pred_t[iso] == item["claims"].get(iso, "part"):
                    t["c_ok"] += 1
                else:
                    problems.append(f"claim {iso}: {pred_t[iso]} (gold {item['claims'].get(iso)})")
            else:
                t["t_fn"] += 1
                problems.append(f"target missed {iso}")
        for iso in set(pred_t) - gold_t:
            t["t_fp"] += 1
            problems.append(f"target extra {iso}")
        if failures and problems:
            print(f"{item['id']} [{item['style']}]: " + "; ".join(problems))

    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    return {
        "passages": len(passages),
        "range_recall": ratio(t["r_tp"], t["r_tp"] + t["r_fn"]),
        "range_precision": ratio(t["r_tp"], t["r_tp"] + t["r_fp"]),
        "place_recall": ratio(t["p_found"], t["p_gold"]),
        "role_accuracy": ratio(t["role_ok"], t["p_found"]),
        "forbidden_hits": t["forbidden"],
        "target_recall": ratio(t["t_tp"], t["t_tp"] + t["t_fn"]),
        "target_precision": ratio(t["t_tp"], t["t_tp"] + t["t_fp"]),
        "claim_accuracy": ratio(t["c_ok"], t["c_total"]),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sets = sorted(f.stem.removeprefix("parse_passages_") for f in (ROOT / "tests" / "data").glob("parse_passages_*.jsonl"))
    ap.add_argument("--set", default="tuned", choices=sets,
                    help="which corpus, tests/data/parse_passages_SET.jsonl (default: tuned). The README says which "
                         "sets were scored once before any tuning on them, and which were tuned on")
    ap.add_argument("--failures", action="store_true", help="list each passage's errors")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result = score(load(args.set), failures=args.failures)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{args.set}: {result['passages']} passages")
    for k, v in result.items():
        if k == "passages":
            continue
        need = NEEDED[k]
        ok = (v <= need) if k == "forbidden_hits" else (v >= need)
        shown = f"{v}" if isinstance(v, int) else f"{v:.2f}"
        print(f"  {k:<17} {shown:>6}   needed {'≤' if k == 'forbidden_hits' else '≥'} {need}   {'ok' if ok else 'BELOW'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
