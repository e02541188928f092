"""Many documents at once: sources -> engine -> records, plus the batch
controls (sort, filters, the catalogue check) and the summary lines."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from .core import Analyzer, Limits
from .engines import run as run_engine
from .sources import DEFAULT_PATTERNS, collect_files
from .sources.files import documents as file_documents

DEFAULT_TIMEOUT = Limits.timeout
MEMORY_LIMIT = Limits.memory
SORT_KEYS = ("score", "name", "path", "input")

__all__ = [
    "DEFAULT_PATTERNS", "DEFAULT_TIMEOUT", "CategoryCounts", "brief", "category_summary", "collect_files", "keep",
    "run_batch", "sort_key", "sort_records", "summarize", "summary_line",
]


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


def brief(record: dict, name: bool = True) -> dict:
    """The fields of a record that sort_records, keep, category_summary,
    summarize and a catalogue check read (the product's name only with
    `name`, for sorting by name): a few hundred bytes instead of the whole
    record, for runs that hold one per product."""
    kept = {
        "path": record["path"],
        "status": record["status"],
        "score": record.get("score"),
        "grade": record.get("grade"),
        "categories": tuple(record.get("categories") or ()),
    }
    product = record.get("product") or {}
    if name and product.get("name"):
        kept["product"] = {"name": product["name"]}
    return kept


def _display_name(record: dict) -> str:
    product = record.get("product") or {}
    return (product.get("name") or Path(record["path"]).name or "").casefold()


def sort_records(records: list[dict], key: str = "score") -> list[dict]:
    """Scored records first (best first for `score`), then pages without a
    list, then errors; `input` keeps the input order."""
    if key == "input":
        return list(records)
    return sorted(records, key=sort_key(key))


def sort_key(key: str = "score") -> Callable[[dict], tuple]:
    """What sort_records orders records by, for `key` other than `input`."""
    if key == "name":
        return lambda r: (_STATUS_ORDER.get(r["status"], 3), _display_name(r), r["path"])
    if key == "path":
        return lambda r: (_STATUS_ORDER.get(r["status"], 3), r["path"])
    return lambda r: (_STATUS_ORDER.get(r["status"], 3), -(r.get("score") or 0), r["path"])


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
    return summary_line(Counter(r["status"] for r in records), seconds, noun)


def summary_line(statuses: Mapping[str, int], seconds: float, noun: str = "file") -> str:
    """The closing line of a run from its count of records per status."""
    count = sum(statuses.values())
    errors = statuses.get("error", 0)
    rate = count / seconds if seconds > 0 else 0.0
    return (
        f"{count} {noun}{'s' if count != 1 else ''} in {seconds:.1f} s ({rate:.0f}/s): "
        f"{statuses.get('ok', 0)} ok, {statuses.get('no_ingredients', 0)} without an ingredient list, "
        f"{errors} error{'s' if errors != 1 else ''}"
    )


def category_summary(records: Iterable[dict]) -> dict:
    """How many scored products have each category, and the grade distribution."""
    counts = CategoryCounts()
    for record in records:
        counts.add(record)
    return counts.summary()


class CategoryCounts:
    """category_summary counted as records come in, so that a run need not
    hold the records for it."""

    def __init__(self):
        self.products = 0
        self.categories: Counter = Counter()
        self.grades: Counter = Counter()

    def add(self, record: dict) -> None:
        if record["status"] == "ok":
            self.products += 1
            self.categories.update(record.get("categories") or ())
            self.grades[record.get("grade")] += 1

    def summary(self) -> dict:
        return {
            "products": self.products,
            "categories": dict(sorted(self.categories.items(), key=lambda kv: (-kv[1], kv[0]))),
            "grades": {g: self.grades.get(g, 0) for g in "ABCDE"},
        }
