"""How well the score ranks products the way an expert would.

    python scripts/measure_panel.py [tests/data/expert_panel.yaml] [--show]

The panel (tests/data/expert_panel.yaml) gives real products a tier 0-3 set
from their declared lists and published dermatology guidance before the
analyzer scored them. The lists are read at run time: `corpus-NNNN` rows from
../shared/corpus/cosmetics.csv, `sephora:FILE` pages from ../shared/pages/sephora.
Prints:

  spearman             rank correlation of score with tier (ties share ranks)
  pairwise             share of pairs of different tiers put in the right order
                       (an equal score counts half)
  strong_vs_moderate   the same over tier-3 against tier-2 pairs only
  type                 share of products whose detected type matches the panel's

With --show, every product with its tier, score and type, and the pairs put in
the wrong order.
"""
from __future__ import annotations

import argparse
import sys
from itertools import combinations
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.core import Analyzer  # noqa: E402
from analyzer.corpus import corpus_rows, find_corpus, row_index  # noqa: E402
from analyzer.document import Document  # noqa: E402

DEFAULT = ROOT / "tests" / "data" / "expert_panel.yaml"
PAGES = ROOT.parent / "shared" / "pages" / "sephora"


def documents(panel: list[dict], corpus: Path, pages: Path) -> list[tuple[dict, Document]]:
    rows = corpus_rows(str(corpus))
    found = []
    for entry in panel:
        ident = entry["id"]
        if ident.startswith("sephora:"):
            found.append((entry, Document.from_path(pages / ident.split(":", 1)[1])))
            continue
        row = rows[row_index(ident)]
        meta = {"name": row.get("Name"), "brand": row.get("Brand"), "category": row.get("Label")}
        found.append((entry, Document(ident, row.get("Ingredients") or "", "text", meta)))
    return found


def ranks(values: list[float]) -> list[float]:
    """1-based ranks; tied values share their average rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result


def spearman(xs: list[float], ys: list[float]) -> float:
    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else 0.0


def pairwise(results: list[dict], tiers: tuple[int, int] | None = None) -> tuple[float, list[tuple[dict, dict]]]:
    """Share of pairs of different tiers in the right order, and the wrong ones."""
    right, total, wrong = 0.0, 0, []
    for a, b in combinations(results, 2):
        if a["tier"] == b["tier"]:
            continue
        high, low = (a, b) if a["tier"] > b["tier"] else (b, a)
        if tiers is not None and (high["tier"], low["tier"]) != tiers:
            continue
        total += 1
        if high["score"] > low["score"]:
            right += 1
        elif high["score"] == low["score"]:
            right += 0.5
            wrong.append((high, low))
        else:
            wrong.append((high, low))
    return (right / total if total else 0.0), wrong


def measure(panel: list[dict], corpus: Path, pages: Path, analyzer: Analyzer | None = None) -> dict:
    analyzer = analyzer or Analyzer()
    results = []
    for entry, document in documents(panel, corpus, pages):
        record = analyzer.analyze(document).to_dict()
        results.append({
            "id": entry["id"],
            "product": entry.get("product", ""),
            "tier": int(entry["tier"]),
            "type": entry.get("type"),
            "score": record.get("score") or 0,
            "found_type": (record.get("product_type") or {}).get("type"),
            "status": record["status"],
        })
    pair_share, wrong = pairwise(results)
    strong, strong_wrong = pairwise(results, (3, 2))
    typed = [r for r in results if r["type"]]
    return {
        "products": len(results),
        "spearman": spearman([r["tier"] for r in results], [r["score"] for r in results]),
        "pairwise": pair_share,
        "strong_vs_moderate": strong,
        "type": sum(r["found_type"] == r["type"] for r in typed) / len(typed) if typed else 0.0,
        "results": results,
        "wrong": wrong,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("panel", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args(argv)
    corpus = args.corpus or find_corpus(ROOT)
    if corpus is None or not args.pages.is_dir():
        print("the corpus CSV or the pages folder is missing (see ../shared)", file=sys.stderr)
        return 2
    with open(args.panel, encoding="utf-8") as handle:
        panel = yaml.safe_load(handle)
    figures = measure(panel, corpus, args.pages)
    print(f"{figures['products']} products from {args.panel}")
    for key in ("spearman", "pairwise", "strong_vs_moderate", "type"):
        print(f"  {key:<20} {figures[key]:.3f}")
    if args.show:
        for r in sorted(figures["results"], key=lambda r: (-r["tier"], -r["score"])):
            kind = r["found_type"] if r["found_type"] == r["type"] else f"{r['found_type']} (panel: {r['type']})"
            print(f"  tier {r['tier']}  {r['score']:>3}  {kind:<28} {r['id']:<32} {r['product'][:50]}")
        print("pairs in the wrong order (higher tier first):")
        for high, low in figures["wrong"]:
            if high["tier"] - low["tier"] >= 1:
                print(f"  {high['tier']}:{high['score']:>3} {high['id']:<30} <= {low['tier']}:{low['score']:>3} {low['id']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
