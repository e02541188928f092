"""Pages per second of the page path, against a naive full-page scan.

    python bench/bench_pages.py [--pages N] [--seed S]

Generates N product pages of 200-300 KB (bench/pagegen.py: the list buried in
one of several shop layouts among scripts, menus, cards and reviews), then
times, in this one process and on the same pages:
  - the analyzer's page path (extract -> parse -> match -> score), and
  - a naive baseline that only runs BeautifulSoup(page, "html.parser").get_text()
    over every page (before any ingredient work at all).
The ratio between the two is what to read: the machine's load affects both.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bs4 import BeautifulSoup  # noqa: E402
from pagegen import LAYOUTS, generate_page  # noqa: E402

from analyzer.page import analyze_page_text  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pages = [generate_page(rng, LAYOUTS[i % len(LAYOUTS)], size=rng.randrange(200_000, 300_000)) for i in range(args.pages)]
    analyze_page_text(pages[0])  # load the knowledge base outside the timing
    mb = sum(len(p) for p in pages) / 1e6
    print(f"{len(pages)} pages, {mb:.1f} MB, layouts: {', '.join(LAYOUTS)}")

    start = time.perf_counter()
    results = [analyze_page_text(p) for p in pages]
    ours = time.perf_counter() - start
    found = sum(1 for r in results if r.status == "ok")
    strategies = sorted({r.strategy for r in results if r.strategy})

    start = time.perf_counter()
    for page in pages:
        BeautifulSoup(page, "html.parser").get_text()
    naive = time.perf_counter() - start

    print(f"  analyzer page path             {len(pages) / ours:7.1f} pages/s  ({found}/{len(pages)} lists found; {', '.join(strategies)})")
    print(f"  naive html.parser get_text()   {len(pages) / naive:7.1f} pages/s")
    print(f"  speed-up                       {naive / ours:7.1f}x")


if __name__ == "__main__":
    main()
