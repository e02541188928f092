"""The development corpus of real product lists is third-party data: the
project keeps only its own labels (keyed by corpus row) and reads the list
texts from the corpus file at run time.

The file is `cosmetics.csv` (UTF-8 with a BOM; an `Ingredients` column), found
from ANALYZER_CORPUS, else as `shared/corpus/cosmetics.csv` in the working
folder or in a folder above it or above the project (CI keeps `../shared`
beside the clone).
"""
from __future__ import annotations

import csv
import functools
import os
from pathlib import Path

CORPUS_NAME = Path("shared") / "corpus" / "cosmetics.csv"
ID_PREFIX = "corpus-"


def find_corpus(*starts: str | Path) -> Path | None:
    env = os.environ.get("ANALYZER_CORPUS")
    if env:
        return Path(env) if Path(env).is_file() else None
    here = Path(__file__).resolve().parent
    for start in (*starts, Path.cwd(), here):
        start = Path(start).resolve()
        for folder in (start, *start.parents):
            candidate = folder / CORPUS_NAME
            if candidate.is_file():
                return candidate
    return None


@functools.lru_cache(maxsize=4)
def corpus_rows(path: str | Path) -> tuple[dict, ...]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return tuple(csv.DictReader(handle))


def row_index(ident: str) -> int | None:
    """`corpus-0123` -> 123 (the 0-based data row, header not counted)."""
    if isinstance(ident, str) and ident.startswith(ID_PREFIX) and ident[len(ID_PREFIX):].isdigit():
        return int(ident[len(ID_PREFIX):])
    return None


def corpus_text(path: str | Path, ident: str) -> str | None:
    index = row_index(ident)
    rows = corpus_rows(str(path))
    if index is None or index >= len(rows):
        return None
    return rows[index].get("Ingredients") or ""
