"""The development corpus's lists, read at run time (never copied into the
repository), for the benchmarks that write their own input files."""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus_lists(path: Path | None = None) -> tuple[list[dict], str]:
    """(rows with brand, name and ingredients, where they came from)."""
    if path is None:
        sys.path.insert(0, str(ROOT))
        from analyzer.corpus import find_corpus

        path = find_corpus(ROOT)
    if path is None:
        sys.exit("no corpus CSV given or found (../shared/corpus/cosmetics.csv beside the repository)")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = [
            {"brand": row["Brand"], "name": row["Name"], "ingredients": row["Ingredients"]}
            for row in csv.DictReader(handle)
        ]
    return rows, str(path)
