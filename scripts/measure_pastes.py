"""How exactly the declared list is read from messy pastes.

    python scripts/measure_pastes.py [tests/data/pastes.jsonl] [--show]

Each paste in the labelled set is a text as people copy it from shop pages,
ingredient sites and labels (footers, bullets, free-from claims, reviews,
Drug Facts, INCIDecoder tables, CJK/DE/FR/ES/IT labels), with the expected
status, number of lists, ingredient count, categories and free-from names.
Prints the share of pastes read right on each of them, and with --show every
paste that is not.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.core import Analyzer  # noqa: E402
from analyzer.document import Document  # noqa: E402
from analyzer.text import name_key  # noqa: E402

DEFAULT = ROOT / "tests" / "data" / "pastes.jsonl"


def load(path: Path = DEFAULT) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def check(row: dict, analyzer: Analyzer) -> dict:
    """What the analyzer read from one paste, against what was expected."""
    expect = row["expect"]
    record = analyzer.analyze(Document(row["id"], row["text"], "text")).to_dict()
    ok = record["status"] == "ok"
    got_status = "ok" if ok else "no_list"
    got = {
        "status": got_status,
        "lists": len(record.get("lists") or []),
        "count": len(record.get("ingredients") or []),
        "categories": sorted(record.get("categories") or []),
        "free_from": record.get("free_from") or [],
        "ordered": all(lst.get("ordered", True) for lst in record.get("lists") or []),
    }
    want_ff = {name_key(n) for n in expect.get("free_from", [])}
    got_ff = {name_key(n) for n in got["free_from"]}
    result = {
        "id": row["id"],
        "status": got_status == expect["status"],
        "categories": got["categories"] == sorted(expect.get("categories", [])),
        "free_from": want_ff == got_ff,
        "extra": sorted(set(got["categories"]) - set(expect.get("categories", []))),
        "missed": sorted(set(expect.get("categories", [])) - set(got["categories"])),
        "got": got,
    }
    if expect["status"] == "ok":
        result["count"] = got["count"] == expect["count"]
        result["count_near"] = abs(got["count"] - expect["count"]) <= 1
        result["lists"] = got["lists"] == expect.get("lists", 1)
        result["ordered"] = got["ordered"] == expect.get("ordered", True)
    return result


def measure(rows: list[dict], analyzer: Analyzer | None = None) -> dict:
    analyzer = analyzer or Analyzer()
    results = [check(row, analyzer) for row in rows]
    listed = [r for r in results if "count" in r]
    figures = {
        "pastes": len(results),
        "status": sum(r["status"] for r in results) / len(results),
        "categories": sum(r["categories"] for r in results) / len(results),
        "free_from": sum(r["free_from"] for r in results) / len(results),
        "count": sum(r["count"] for r in listed) / max(1, len(listed)),
        "count_within_1": sum(r["count_near"] for r in listed) / max(1, len(listed)),
        "lists": sum(r["lists"] for r in listed) / max(1, len(listed)),
        "ordered": sum(r["ordered"] for r in listed) / max(1, len(listed)),
        "false_categories": sum(len(r["extra"]) for r in results),
        "missed_categories": sum(len(r["missed"]) for r in results),
    }
    return {"figures": figures, "results": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", action="store_true", help="print every paste that is not read right")
    args = parser.parse_args()
    rows = load(args.path)
    out = measure(rows)
    f = out["figures"]
    print(f"{f['pastes']} pastes from {args.path}")
    for key in ("status", "categories", "free_from", "count", "count_within_1", "lists", "ordered"):
        print(f"  {key:<16} {f[key]:.3f}")
    print(f"  categories found but not declared: {f['false_categories']}; declared but missed: {f['missed_categories']}")
    styles = Counter()
    for row, r in zip(rows, out["results"]):
        if not (r["status"] and r["categories"] and r.get("count", True) and r["free_from"]):
            styles[row.get("style", "?")] += 1
    if styles:
        print("  not read right, by style: " + ", ".join(f"{s} {n}" for s, n in styles.most_common()))
    if args.show:
        by_id = {row["id"]: row for row in rows}
        for r in out["results"]:
            bad = [k for k in ("status", "categories", "free_from", "count", "lists", "ordered") if r.get(k) is False]
            if bad:
                e = by_id[r["id"]]["expect"]
                print(f"\n{r['id']} ({by_id[r['id']].get('style')}): wrong {', '.join(bad)}")
                print(f"  expected: status {e['status']}, lists {e.get('lists')}, count {e.get('count')}, {e.get('categories')}, free_from {e.get('free_from')}")
                g = r["got"]
                print(f"  got:      status {g['status']}, lists {g['lists']}, count {g['count']}, {g['categories']}, free_from {g['free_from']}")


if __name__ == "__main__":
    main()
