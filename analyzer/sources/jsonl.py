"""JSON Lines exports: one JSON object per line, one document each, read as
a stream. A line that is not a JSON object (or not valid UTF-8) becomes an
`error` record and the run goes on."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from ..document import Document
from ..errors import BrokenInputError
from .fields import Broken, Columns, not_an_object, object_documents, undecodable
from . import SUFFIXES as _SUFFIXES

NAME = "jsonl"
SUFFIXES = _SUFFIXES[NAME]


def documents(path: Path, columns: Columns = Columns()) -> Iterator[Document]:
    source = str(path)
    try:
        handle = open(path, encoding="utf-8-sig", errors="surrogateescape")
    except OSError as exc:
        raise BrokenInputError(f"{source}: cannot read: {exc.strerror or exc}") from None
    with handle:
        yield from object_documents(_items(handle), columns, source)


def _items(lines) -> Iterator[tuple[int, Any]]:
    """(row number, the decoded value or Broken). Rows are counted without
    blank lines, as in a CSV export; a broken one's message gives its line."""
    number = 0
    for line_number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        number += 1
        bad = undecodable(line)
        if bad:
            yield number, Broken(f"malformed line {line_number}: {bad}")
            continue
        try:
            value = json.loads(line)
        except ValueError as exc:
            yield number, Broken(f"line {line_number} is not JSON: {exc}")
        except RecursionError:
            yield number, Broken(f"line {line_number} is not JSON: nested too deeply to read")
        else:
            if isinstance(value, dict):
                yield number, value
            else:
                yield number, Broken(f"line {line_number}: {not_an_object(value)}")
