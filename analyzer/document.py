"""The unit of work: one document in, one record out.

A document is whatever holds one product: a saved page, a pasted list, a row
of an export, a response in a web crawl. Sources make documents; the
Analyzer turns each into a Record; writers print records.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

TEXT_SUFFIXES = frozenset({".txt", ".text", ".inci"})


@dataclass(frozen=True)
class Document:
    id: str  # what the record's `path` shows: a file path, FILE#row=N, a URL
    # The content, or a path read when analysed (so a worker reads its own
    # file and a batch never holds every page in memory).
    data: bytes | str | Path | None
    hint: str | None = None  # "text" (a pasted list), "html" (a page) or None (sniff)
    meta: Mapping[str, Any] = field(default_factory=dict)  # name, brand, title, source...
    error: str | None = None  # set by a source that could not read this item
    # Set by a source that knows, without reading a page, that it holds no
    # list (a redirect, an image in a crawl): a no_ingredients record with this reason.
    reason: str | None = None
    # Where the document sits inside a container (a crawl file and the
    # record's offset), given in its record as "source".
    source: Mapping[str, Any] | None = None

    @classmethod
    def from_path(cls, path: str | Path) -> "Document":
        path = Path(path)
        hint = "text" if path.suffix.lower() in TEXT_SUFFIXES else None
        return cls(str(path), path, hint, {"file": str(path)})
