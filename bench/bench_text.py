"""Lists per second of the text path (parse -> match -> score) in one process.

    python bench/bench_text.py [cosmetics.csv] [--repeat N]

Runs over every list of the development corpus (default: ../shared/corpus/
cosmetics.csv next to the repository; the corpus is read, never copied)
three ways in the same run, so the figures compare on the same machine load:
fuzzy matching on, fuzzy off, and fuzzy on with every list's active names
misspelt (the typo path, where the fuzzy matcher really works).
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer import NoIngredientsError, analyze_text  # noqa: E402
from analyzer.corpus import find_corpus  # noqa: E402
from analyzer.evaluate import misspell  # noqa: E402
from analyzer.knowledge import load_knowledge  # noqa: E402
from analyzer.match import get_matcher  # noqa: E402


def load_lists(path: Path | None) -> tuple[list[str], str]:
    path = path or find_corpus(ROOT)
    if path is None:
        sys.exit("no corpus CSV given or found (../shared/corpus/cosmetics.csv beside the repository)")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [row["Ingredients"] for row in csv.DictReader(handle)], str(path)


def with_typos(lists: list[str]) -> list[str]:
    """Misspell every recognised active once per list."""
    rng = random.Random(11)
    out = []
    for text in lists:
        try:
            analysis = analyze_text(text)
        except NoIngredientsError:
            out.append(text)
            continue
        for finding in analysis.findings:
            name = finding.ingredient.name
            text = text.replace(name, misspell(name, rng))
        out.append(text)
    return out


def clear_caches(fuzzy: bool) -> None:
    """Empty the matcher's caches and every cached function of the package."""
    import analyzer

    matcher = get_matcher(load_knowledge(), fuzzy=fuzzy)
    matcher._cache.clear()
    matcher._by_name.clear()
    matcher._by_names.clear()
    matcher._rules.clear()
    for name, module in list(sys.modules.items()):
        if name == "analyzer" or name.startswith("analyzer."):
            for value in vars(module).values():
                info = getattr(value, "cache_info", None)
                # (a cache of one holds a loaded resource, not analyses)
                if callable(info) and info().maxsize != 1 and value.__module__.startswith("analyzer"):
                    value.cache_clear()
    for _, held in analyzer.core._SHARED.values():
        held._parsed.clear()
        held._facts.clear()


def one_pass(lists: list[str], kb, fuzzy: bool) -> float:
    start = time.perf_counter()
    for text in lists:
        try:
            analyze_text(text, kb, fuzzy=fuzzy)
        except NoIngredientsError:
            pass
    return time.perf_counter() - start


def run(lists: list[str], fuzzy: bool, repeat: int) -> tuple[float, float]:
    """(lists/s of a first pass with empty caches, lists/s of the passes after)."""
    kb = load_knowledge()
    get_matcher(kb, fuzzy=fuzzy)  # build indices outside the timing
    clear_caches(fuzzy)
    cold = len(lists) / one_pass(lists, kb, fuzzy)
    warm_time = sum(one_pass(lists, kb, fuzzy) for _ in range(repeat))
    return cold, len(lists) * repeat / warm_time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    lists, source = load_lists(args.csv)
    typo_lists = with_typos(lists)
    print(f"{len(lists)} lists from {source}, one process; first pass with empty caches, then {args.repeat} more passes")
    print(f"  {'':<32} {'first pass':>12} {'later passes':>14}")
    for label, data, fuzzy in (
        ("fuzzy off (exact, alias, rule)", lists, False),
        ("fuzzy on", lists, True),
        ("fuzzy on, actives misspelt", typo_lists, True),
    ):
        cold, warm = run(data, fuzzy, args.repeat)
        print(f"  {label:<32} {cold:8.0f} /s {warm:10.0f} /s")


if __name__ == "__main__":
    main()
