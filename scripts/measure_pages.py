"""How the page path does on real saved shop pages, against hand labels.

    python scripts/measure_pages.py [PAGES_DIR] [--labels FILE] [--show]

PAGES_DIR defaults to ../shared/pages/sephora beside the repository (real
Sephora pages, read in place and never copied); the labels, written by hand
from each page's declared list, are tests/data/sephora_labels.jsonl. Prints:
pages with a list found, status right, categories right, ingredient count
right, and every category found that the declared list does not hold (an
active taken from free-from, navigation or marketing text), plus pages/s.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.core import Analyzer  # noqa: E402
from analyzer.document import Document  # noqa: E402

DEFAULT_PAGES = ROOT.parent / "shared" / "pages" / "sephora"
DEFAULT_LABELS = ROOT / "tests" / "data" / "sephora_labels.jsonl"


def load_labels(path: Path = DEFAULT_LABELS) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def measure(pages: Path, labels: list[dict], analyzer: Analyzer | None = None) -> dict:
    analyzer = analyzer or Analyzer()
    results = []
    started = time.perf_counter()
    size = 0
    for label in labels:
        path = pages / label["file"]
        size += path.stat().st_size
        record = analyzer.analyze(Document.from_path(path)).to_dict()
        got = sorted(record.get("categories") or [])
        want = sorted(label["categories"])
        results.append({
            "file": label["file"],
            "label": label,
            "status": record["status"],
            "status_right": record["status"] == label["status"],
            "categories_right": got == want,
            "count": len(record.get("ingredients") or []),
            "count_right": len(record.get("ingredients") or []) == label["count"],
            "lists": len(record.get("lists") or []),
            "extra": sorted(set(got) - set(want)),
            "missed": sorted(set(want) - set(got)),
            "reason": record.get("reason") or record.get("error"),
            "strategy": record.get("strategy"),
            "locator": record.get("locator"),
        })
    seconds = time.perf_counter() - started
    listed = [r for r in results if r["label"]["status"] == "ok"]
    return {
        "figures": {
            "pages": len(results),
            "labelled_with_list": len(listed),
            "found": sum(r["status"] == "ok" for r in listed) / max(1, len(listed)),
            "status": sum(r["status_right"] for r in results) / len(results),
            "categories": sum(r["categories_right"] for r in listed) / max(1, len(listed)),
            "count": sum(r["count_right"] for r in listed) / max(1, len(listed)),
            "lists": sum(r["lists"] == r["label"]["lists"] for r in listed) / max(1, len(listed)),
            "extra_categories": sum(len(r["extra"]) for r in results),
            "missed_categories": sum(len(r["missed"]) for r in results),
            "pages_per_second": len(results) / seconds,
            "megabytes": size / 1e6,
        },
        "results": results,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="?", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--show", action="store_true", help="print every page that is not read right")
    args = parser.parse_args()
    if not args.pages.is_dir():
        sys.exit(f"no pages folder at {args.pages} (the real pages live in ../shared/pages/sephora)")
    out = measure(args.pages, load_labels(args.labels))
    f = out["figures"]
    print(f"{f['pages']} real pages ({f['megabytes']:.0f} MB) in {args.pages}, {f['labelled_with_list']} with a declared list")
    print(f"  list found             {f['found']:.3f}")
    print(f"  status right           {f['status']:.3f}")
    print(f"  categories right       {f['categories']:.3f}")
    print(f"  ingredient count right {f['count']:.3f}")
    print(f"  number of lists right  {f['lists']:.3f}")
    print(f"  categories not declared in the list (free-from, navigation, marketing): {f['extra_categories']}")
    print(f"  declared categories missed: {f['missed_categories']}")
    print(f"  {f['pages_per_second']:.1f} pages/s in one process")
    if args.show:
        for r in out["results"]:
            if r["status_right"] and r["categories_right"] and (r["count_right"] or r["label"]["status"] != "ok"):
                continue
            lab = r["label"]
            print(f"\n{r['file']} ({lab['page']}): status {r['status']} (want {lab['status']}), "
                  f"count {r['count']} (want {lab['count']}), lists {r['lists']} (want {lab['lists']}), "
                  f"extra {r['extra']}, missed {r['missed']}, via {r['strategy']} {r['locator'] or ''}")
            if r["reason"]:
                print(f"  reason: {r['reason']}")


if __name__ == "__main__":
    main()
