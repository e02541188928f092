"""Many documents at once: sources -> engine -> records, plus the batch
controls (sort, filters, the catalogue check) and the summary lines."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .core import Analyzer, Limits
from .engines import run as run_engine
from .sources import DEFAULT_PATTERNS, collect_files
from .sources.files import documents as file_documents

DEFAULT_TIMEOUT = Limits.timeout
MEMORY_LIMIT = Limits.memory
SORT_KEYS = ("score", "name", "path", "input")

__all__ = ["DEFAULT_PATTERNS", "DEFAULT_TIMEOUT", "collect_files", "keep", "run_batch", "sort_records", "summarize"]


def run_batch(
    files: list[Path],
    jobs: int | None = None,
    kb_path: str | None = None,
    fuzzy: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    memory_limit: int | None = MEMORY_LIMIT,
) -> Iterator[dict]:
    """Yield one record per file, in the order of `files` (the engine API
    with files for input; see engines.run for any Documents)."""
    analyzer = Analyzer(kb_path, fuzzy=fuzzy, limits=Limits(timeout=timeout, memory=memory_limit))
    yield from run_engine(file_documents(files), analyzer, jobs=jobs)


# -- controls ------------------------------------------------------------------

_STATUS_ORDER = {"ok": 0, "no_ingredients": 1, "error": 2}


def _display_name(record: dict) -> str:
    product = record.get("product") or {}
    return (product.get("name") or Path(record["path"]).name or "").casefold()


def sort_records(records: list[dict], key: str = "score") -> list[dict]:
    """Scored records first (best first for `score`), then pages without a
    list, then errors; `input` keeps the input order."""
    if key == "input":
        return list(records)
    if key == "name":
        return sorted(records, key=lambda r: (_STATUS_ORDER.get(r["status"], 3), _display_name(r), r["path"]))
    if key == "path":
        return sorted(records, key=lambda r: (_STATUS_ORDER.get(r["status"], 3), r["path"]))
    return sorted(records, key=lambda r: (_STATUS_ORDER.get(r["status"], 3), -(r.get("score") or 0), r["path"]))


def keep(categories: Iterable[str] = (), min_score: int | None = None) -> Callable[[dict], bool]:
    """A record filter: every named category present, score at least N.
    With a filter, records that were not scored are left out."""
    wanted = frozenset(categories)

    def test(record: dict) -> bool:
        if not wanted and min_score is None:
            return True
        if record["status"] != "ok":
            return False
        if wanted and not wanted <= set(record.get("categories") or ()):
            return False
        return min_score is None or (record.get("score") or 0) >= min_score

    return test


def summarize(records: list[dict], seconds: float, noun: str = "file") -> str:
    statuses = Counter(r["status"] for r in records)
    errors = statuses["error"]
    rate = len(records) / seconds if seconds > 0 else 0.0
    return (
        f"{len(records)} {noun}{'s' if len(records) != 1 else ''} in {seconds:.1f} s ({rate:.0f}/s): "
        f"{statuses['ok']} ok, {statuses['no_ingredients']} without an ingredient list, {errors} error{'s' if errors != 1 else ''}"
    )


def category_summary(records: list[dict]) -> dict:
    """How many scored products have each category, and the grade distribution."""
    scored = [r for r in records if r["status"] == "ok"]
    categories = Counter(c for r in scored for c in r.get("categories") or ())
    grades = Counter(r.get("grade") for r in scored)
    return {
        "products": len(scored),
        "categories": dict(sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))),
        "grades": {g: grades.get(g, 0) for g in "ABCDE"},
    }
