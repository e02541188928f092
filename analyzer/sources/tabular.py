"""CSV and TSV exports: one document per row, read as a stream (a multi-GB
Open Beauty Facts export runs in constant memory).

The delimiter (`,` `;` tab `|`) and the encoding (UTF-8 with or without BOM,
UTF-16 with BOM, else windows-1252) are found from the start of the file.
A malformed row becomes an `error` record and the run goes on.
"""
from __future__ import annotations

import codecs
import csv
import sys
from pathlib import Path
from typing import Iterator

from ..document import Document
from ..errors import SourceError
from .fields import Columns, resolve

NAME = "csv"
SUFFIXES = (".csv", ".tsv", ".tab")
FIELD_LIMIT = 64 * 1024 * 1024


def sniff_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            return "cp1252"
    return "utf-8"


def sniff_delimiter(line: str, suffix: str = "") -> str:
    if suffix in (".tsv", ".tab"):
        return "\t"
    counts = {}
    for delimiter in (",", ";", "\t", "|"):
        inside = False
        n = 0
        for ch in line:
            if ch == '"':
                inside = not inside
            elif ch == delimiter and not inside:
                n += 1
        counts[delimiter] = n
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def documents(path: Path, columns: Columns = Columns()) -> Iterator[Document]:
    source = str(path)
    csv.field_size_limit(min(FIELD_LIMIT, sys.maxsize))
    try:
        with open(path, "rb") as raw:
            head = raw.read(65536)
        encoding = sniff_encoding(head)
        handle = open(path, encoding=encoding, errors="replace", newline="")
    except OSError as exc:
        raise SourceError(f"{source}: cannot read: {exc.strerror or exc}") from None
    with handle:
        first = handle.readline()
        if not first.strip():
            raise SourceError(f"{source}: empty export (no header row)")
        delimiter = sniff_delimiter(first, path.suffix.lower())
        handle.seek(0)
        reader = csv.reader(handle, delimiter=delimiter)
        header = next(reader)
        wanted = resolve(header, columns, source)
        width = len(header)
        number = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                number += 1
                yield Document(f"{source}#row={number}", None, meta={"source": source, "row": number}, error=f"malformed row: {exc}")
                continue
            if not any(cell.strip() for cell in row):
                continue  # a blank line is no row
            number += 1
            if len(row) > width:
                yield Document(
                    f"{source}#row={number}", None, meta={"source": source, "row": number},
                    error=f"malformed row: {len(row)} fields where the header has {width} (a stray delimiter or quote?)",
                )
                continue
            yield wanted.document(source, number, dict(zip(header, row)))
