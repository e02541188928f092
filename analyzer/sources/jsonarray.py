"""JSON exports: an array of product objects (or an object holding one, as
`{"products": [...]}`), one document per object. The array is decoded one
element at a time, so a large export does not have to fit in memory."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

from ..document import Document
from ..errors import SourceError
from .fields import Columns, resolve

NAME = "json"
SUFFIXES = (".json",)
CHUNK = 1 << 20
_NEXT_OBJECT = re.compile(r"\}\s*,\s*(?=\{)")


def documents(path: Path, columns: Columns = Columns()) -> Iterator[Document]:
    source = str(path)
    try:
        handle = open(path, encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        raise SourceError(f"{source}: cannot read: {exc.strerror or exc}") from None
    with handle:
        items = _array_items(handle, source)
        resolved = None
        number = 0
        for item in items:
            number += 1
            if isinstance(item, _Broken):
                yield Document(f"{source}#row={number}", None, meta={"source": source, "row": number}, error=item.message)
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


class _Broken:
    def __init__(self, message: str):
        self.message = message


def _array_items(handle, source: str) -> Iterator[Any]:
    decoder = json.JSONDecoder()
    buffer = handle.read(CHUNK)
    pos = _skip(buffer, 0)
    if pos >= len(buffer):
        raise SourceError(f"{source}: empty JSON file")
    if buffer[pos] == "{":
        # One object: its first list of objects is the product list.
        text = buffer + handle.read()
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise SourceError(f"{source}: not valid JSON ({exc})") from None
        products = next((v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)), None)
        if products is None:
            products = [data]
        yield from products
        return
    if buffer[pos] != "[":
        raise SourceError(f"{source}: expected a JSON array of products")
    pos += 1
    eof = False
    while True:
        pos = _skip(buffer, pos)
        if pos < len(buffer) and buffer[pos] == ",":
            pos = _skip(buffer, pos + 1)
        if pos < len(buffer) and buffer[pos] == "]":
            return
        try:
            item, end = decoder.raw_decode(buffer, pos)
        except ValueError as exc:
            if not eof:
                more = handle.read(CHUNK)
                if more:
                    buffer = buffer[pos:] + more
                    pos = 0
                    continue
                eof = True
                continue
            if pos >= len(buffer):
                return  # the array was never closed: what was read is kept
            # A broken element: report it and go on at the next object.
            found = _NEXT_OBJECT.search(buffer, pos)
            yield _Broken(f"malformed element: {exc.msg} (column {exc.colno})")
            if found is None:
                return
            pos = found.end()
            continue
        if end >= len(buffer) - 1 and not eof:
            # The element may continue beyond what is buffered (a number cut short).
            more = handle.read(CHUNK)
            if more:
                buffer = buffer[pos:] + more
                pos = 0
                continue
            eof = True
        yield item
        pos = end
        if pos > CHUNK:
            buffer, pos = buffer[pos:], 0


def _skip(buffer: str, pos: int) -> int:
    while pos < len(buffer) and buffer[pos] in " \t\r\n":
        pos += 1
    return pos
