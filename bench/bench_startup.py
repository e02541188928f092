"""Whole-process times of the CLI: `analyzer score "<one list>"` and
`analyzer batch DIR` over 2,000 .txt lists.

    python bench/bench_startup.py [--baseline DIR] [--runs N] [--files N] [--no-bytecode]

The .txt files are written to a temporary folder at run time from the lists
of the development corpus (../shared/corpus/cosmetics.csv beside the
repository, or --corpus); nothing is copied into the repository.

Each command runs as a fresh process, as a user runs it, from this checkout
and, with --baseline, from another checkout of the project (an older commit
in a git worktree), alternately in the same run, so both see the same
machine load; best and median of --runs are printed. `python -c pass` is
timed too: the interpreter's own start, which no change here can remove.

Python's bytecode is cached as an installed package has it (in a temporary
PYTHONPYCACHEPREFIX, warmed by one untimed run); --no-bytecode measures the
imports compiled from source every time instead. The knowledge-base cache
goes to a temporary XDG_CACHE_HOME, also warmed by that first run.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpuslists import corpus_lists  # noqa: E402


def write_lists(rows: list[dict], folder: Path, count: int) -> None:
    for i in range(count):
        row = rows[i % len(rows)]
        slug = re.sub(r"[^a-z0-9]+", "-", row["name"].lower()).strip("-")[:40] or "product"
        (folder / f"{i:05d}-{slug}.txt").write_text(row["ingredients"] + "\n", encoding="utf-8")


def typical_list(rows: list[dict]) -> str:
    """The list of median length: what one pasted list looks like."""
    lists = sorted((r["ingredients"] for r in rows if r["ingredients"].strip()), key=lambda t: t.count(","))
    return lists[len(lists) // 2]


def environment(tree: Path, tmp: Path, bytecode: bool) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tree)
    env["XDG_CACHE_HOME"] = str(tmp / "cache" / tree.name)
    env.pop("COLUMNS", None)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
    return env


CLI = "import sys; from analyzer.cli import main; sys.argv[0] = 'analyzer'; sys.exit(main())"


def timed(argv: list[str], env: dict, cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv[:4])} ... failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", type=Path, help="another checkout of the project to time alongside this one")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--no-bytecode", action="store_true", help="compile every import from source (no .pyc)")
    args = parser.parse_args()
    rows, source = corpus_lists(args.corpus)
    one = typical_list(rows)
    trees = [("this checkout", ROOT)]
    if args.baseline:
        trees.append((f"baseline {args.baseline}", args.baseline.resolve()))
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folder = tmp / "lists"
        folder.mkdir()
        write_lists(rows, folder, args.files)
        commands = {
            "python -c pass": lambda tree: [sys.executable, "-c", "pass"],
            "score one list": lambda tree: [sys.executable, "-c", CLI, "score", one],
            f"batch {args.files} .txt": lambda tree: [sys.executable, "-c", CLI, "batch", str(folder)],
        }
        print(f"{args.files} .txt lists from {source}; {len(one.split(','))}-name list for score; "
              f"{'no bytecode' if args.no_bytecode else 'bytecode cached'}; {args.runs} runs each, best / median")
        times: dict[tuple[str, str], list[float]] = {}
        for label, tree in trees:  # warm the bytecode and knowledge caches
            env = environment(tree, tmp, not args.no_bytecode)
            for command in commands.values():
                timed(command(tree), env, tmp)
        for _ in range(args.runs):
            for name, command in commands.items():
                for label, tree in trees:
                    if name.startswith("python") and label != trees[0][0]:
                        continue
                    env = environment(tree, tmp, not args.no_bytecode)
                    times.setdefault((name, label), []).append(timed(command(tree), env, tmp))
        for name in commands:
            for label, _ in trees:
                got = times.get((name, label))
                if got:
                    print(f"  {name:<18} {label:<40} {min(got):6.3f} s  {statistics.median(got):6.3f} s")


if __name__ == "__main__":
    main()
