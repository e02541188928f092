"""JSON Lines exports: one JSON object per line, one document each, read as
a stream. A line that is not a JSON object becomes an `error` record."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ..document import Document
from ..errors import SourceError
from .fields import Columns, resolve

NAME = "jsonl"
SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")


def documents(path: Path, columns: Columns = Columns()) -> Iterator[Document]:
    source = str(path)
    try:
        handle = open(path, encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        raise SourceError(f"{source}: cannot read: {exc.strerror or exc}") from None
    resolved = None
    with handle:
        number = 0
        for line in handle:
            if not line.strip():
                continue
            number += 1
            try:
                item = json.loads(line)
            except ValueError as exc:
                yield Document(f"{source}#row={number}", None, meta={"source": source, "row": number}, error=f"not JSON: {exc}")
                continue
            if not isinstance(item, dict):
                yield Document(
                    f"{source}#row={number}", None, meta={"source": source, "row": number},
                    error=f"expected a JSON object, got {type(item).__name__}",
                )
                continue
            if resolved is None:
                resolved = resolve(item.keys(), columns, source)
            yield resolved.document(source, number, item)
