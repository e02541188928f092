"""JSON exports: an array of product objects (or an object holding one, as
`{"products": [...]}`), one document per object. The array is decoded one
element at a time, so a large export does not have to fit in memory; a
broken element is an `error` record and reading goes on at the next object.
A `.json` file that holds JSON Lines is read as JSON Lines."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any, Iterator

from ..document import Document
from ..errors import BrokenInputError
from . import SUFFIXES as _SUFFIXES
from . import jsonl
from .fields import Broken, Columns, object_documents, resolve, undecodable

NAME = "json"
SUFFIXES = _SUFFIXES[NAME]
CHUNK = 1 << 20
_NEXT_OBJECT = re.compile(r"\}\s*,\s*(?=\{)")


def documents(path: Path, columns: Columns = Columns()) -> Iterator[Document]:
    source = str(path)
    try:
        handle = open(path, encoding="utf-8-sig", errors="surrogateescape")
    except OSError as exc:
        raise BrokenInputError(f"{source}: cannot read: {exc.strerror or exc}") from None
    with handle:
        yield from object_documents(_array_items(handle, source), columns, source)


def _array_items(handle, source: str) -> Iterator[tuple[int, Any]]:
    """(row number, element or Broken), one element at a time."""
    decoder = json.JSONDecoder()
    buffer = handle.read(CHUNK)
    pos = _skip(buffer, 0)
    if pos >= len(buffer):
        raise BrokenInputError(f"{source}: empty JSON file")
    if buffer[pos] == "{":
        if _json_lines(buffer, pos):
            yield from jsonl._items(_lines(buffer, handle))
            return
        yield from enumerate(_object_products(buffer + handle.read(), source), 1)
        return
    if buffer[pos] != "[":
        raise BrokenInputError(f"{source}: expected a JSON array of products")
    pos += 1
    number = 0
    eof = False
    while True:
        pos = _skip(buffer, pos)
        if pos < len(buffer) and buffer[pos] == ",":
            pos = _skip(buffer, pos + 1)
        if pos >= len(buffer):
            more = "" if eof else handle.read(CHUNK)
            if not more:
                return  # the array was never closed: what was read is kept
            buffer, pos = more, 0
            continue
        if buffer[pos] == "]":
            return
        try:
            item, end = decoder.raw_decode(buffer, pos)
        except (ValueError, RecursionError) as exc:
            if isinstance(exc, ValueError) and not eof and _cut_short(exc, buffer):
                more = handle.read(CHUNK)  # the element goes on past what is read
                if more:
                    buffer, pos = buffer[pos:] + more, 0
                else:
                    eof = True
                continue
            number += 1
            why = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply to read"
            yield number, Broken(f"malformed element: {why}")
            buffer, pos = _resync(handle, buffer, pos)
            if pos is None:
                return
            continue
        if end >= len(buffer) - 1 and not eof:
            # The element may continue beyond what is read (a number cut short).
            more = handle.read(CHUNK)
            if more:
                buffer, pos = buffer[pos:] + more, 0
                continue
            eof = True
        number += 1
        bad = undecodable(buffer[pos:end])
        yield number, Broken(f"malformed element: {bad}") if bad else item
        pos = end
        if pos > CHUNK:
            buffer, pos = buffer[pos:], 0


def _cut_short(exc: json.JSONDecodeError, buffer: str) -> bool:
    """Did decoding fail only because the buffer ends inside the element?"""
    return exc.msg.startswith("Unterminated string") or exc.pos >= len(buffer) - 8


def _resync(handle, buffer: str, pos: int) -> tuple[str, int | None]:
    """After a broken element: the start of the next object, reading on (and
    dropping what was passed) as far as needed; None at the end of the file."""
    while True:
        found = _NEXT_OBJECT.search(buffer, pos)
        if found is not None:
            return buffer, found.end()
        more = handle.read(CHUNK)
        if not more:
            return buffer, None
        keep = max(pos, len(buffer) - 4096)
        buffer, pos = buffer[keep:] + more, 0


def _json_lines(buffer: str, pos: int) -> bool:
    """A first line that is a whole JSON object, with more after it: JSON Lines."""
    newline = buffer.find("\n", pos)
    if newline < 0:
        return False
    try:
        first = json.loads(buffer[pos:newline])
    except (ValueError, RecursionError):
        return False
    return isinstance(first, dict) and bool(buffer[newline:].strip())


def _lines(buffer: str, handle) -> Iterator[str]:
    """The lines of what was read, then of the rest of the file (no seeking,
    so that a pipe works too)."""
    lines = io.StringIO(buffer).readlines()
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += handle.readline()
    yield from lines
    yield from handle


def _object_products(text: str, source: str) -> list:
    """One JSON object: its list of product objects, or the object itself
    when it is one product."""
    bad = undecodable(text)
    if bad:
        raise BrokenInputError(f"{source}: {bad}")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise BrokenInputError(f"{source}: not valid JSON ({exc})") from None
    lists = [v for v in data.values() if isinstance(v, list) and all(isinstance(x, dict) for x in v[:1])]
    products = next((v for v in lists if v), None)
    if products is not None:
        return products
    if lists and resolve(data.keys(), Columns(), source, strict=False).ingredients is None:
        return []  # {"products": []}: an export without products
    return [data]


def _skip(buffer: str, pos: int) -> int:
    while pos < len(buffer) and buffer[pos] in " \t\r\n":
        pos += 1
    return pos
