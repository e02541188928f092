"""Whole-process time and peak memory of `analyzer batch EXPORT.csv` over a
large CSV export (columns brand, name, ingredients).

    python bench/bench_export.py [--rows N] [--baseline DIR] [--corpus CSV]

The export is written to a temporary folder at run time, cycling through the
lists of the development corpus (../shared/corpus/cosmetics.csv beside the
repository, or --corpus); nothing is copied into the repository. Peak memory
is the largest resident set of the batch process and of its worker
processes (each measured on its own, as the operating system reports it).
"""
from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpuslists import corpus_lists  # noqa: E402

CLI = "import sys; from analyzer.cli import main; sys.argv[0] = 'analyzer'; sys.exit(main())"
# Runs the batch as a child and prints the largest resident set of it and its children.
WRAP = (
    "import resource, subprocess, sys; "
    "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)"
)


def write_export(rows: list[dict], path: Path, count: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["brand", "name", "ingredients"])
        for i in range(count):
            row = rows[i % len(rows)]
            writer.writerow([row["brand"], f"{row['name']} #{i}", row["ingredients"]])


def run(tree: Path, export: Path, tmp: Path) -> tuple[float, float]:
    """One batch run from `tree` (run in `tmp`: from the checkout itself, its
    own folder would shadow PYTHONPATH)."""
    env = dict(os.environ, PYTHONPATH=str(tree), XDG_CACHE_HOME=str(tmp / "cache" / tree.name))
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", WRAP, sys.executable, "-c", CLI, "batch", str(export)],
                          env=env, cwd=tmp, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 3):
        sys.exit(f"batch failed ({done.returncode}): {done.stderr[-500:]}")
    return elapsed, int(done.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--baseline", type=Path, help="another checkout of the project to time alongside this one")
    parser.add_argument("--corpus", type=Path)
    args = parser.parse_args()
    rows, source = corpus_lists(args.corpus)
    trees = [("this checkout", ROOT)] + ([(f"baseline {args.baseline}", args.baseline.resolve())] if args.baseline else [])
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        export = tmp / "export.csv"
        write_export(rows, export, args.rows)
        print(f"{args.rows:,}-row CSV export ({export.stat().st_size / 1e6:.1f} MB) from {source}; one run each")
        for label, tree in trees:
            seconds, peak = run(tree, export, tmp)
            print(f"  {label:<40} {seconds:7.1f} s  peak {peak:6.0f} MB  ({args.rows / seconds:,.0f} rows/s)")


if __name__ == "__main__":
    main()
