"""CSV and TSV exports: one document per row, read as a stream (a multi-GB
Open Beauty Facts export runs in constant memory).

The delimiter (`,` `;` tab `|`) and the encoding (UTF-8 with or without BOM,
UTF-16 with BOM, else windows-1252) are found from the start of the file.
A malformed row (more or fewer fields than the header, bytes that are not
text in the file's encoding) becomes an `error` record and the run goes on.
"""
from __future__ import annotations

import codecs
import csv
import io
import sys
from collections import deque
from pathlib import Path
from typing import Iterator

from ..document import Document
from ..errors import BrokenInputError
from .fields import Columns, resolve, undecodable
from . import SUFFIXES as _SUFFIXES

NAME = "csv"
SUFFIXES = _SUFFIXES[NAME]
FIELD_LIMIT = 64 * 1024 * 1024
HEAD = 65536  # bytes looked at for the encoding
_NAMES = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "cp1252": "windows-1252"}


def sniff_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        # Bad bytes: a windows-1252 export, or UTF-8 with a few broken rows.
        # UTF-8's multi-byte sequences almost never happen by chance, so the
        # more common of the two decides (a character cut at the end of the
        # sample is not a bad byte).
        text = head.decode("utf-8", "replace").rstrip("\ufffd")
        bad = text.count("\ufffd")
        good = sum(1 for ch in text if ch > "\x7f") - bad
        if bad and bad >= good:
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
        # One open, no seeking: a pipe (`<(zcat export.csv.gz)`) is read once.
        raw = open(path, "rb", buffering=HEAD)
        head = raw.peek(HEAD)[:HEAD]
    except OSError as exc:
        raise BrokenInputError(f"{source}: cannot read: {exc.strerror or exc}") from None
    encoding = sniff_encoding(head)
    # Bad bytes are kept as lone surrogates so that their row can be told
    # apart (UTF-16 has no such handler: its bad units are replaced).
    errors = "replace" if encoding == "utf-16" else "surrogateescape"
    with io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline="") as handle:
        first = handle.readline()
        if not first.strip():
            raise BrokenInputError(f"{source}: empty export (no header row)")
        delimiter = sniff_delimiter(first, path.suffix.lower())
        lines = _Lines(first, handle)
        reader = csv.reader(lines, delimiter=delimiter)
        header = next(reader)
        wanted = resolve(header, columns, source)
        width = len(header)
        number = 0
        last_id = ""
        while True:
            lines.taken = []
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                number += 1
                problem = f"malformed row: {exc}" + _read_again(lines, delimiter, width)
                yield Document(f"{source}#row={number}", None, meta={"source": source, "row": number}, error=problem)
                continue
            if not any(cell.strip() for cell in row):
                continue  # a blank line is no row
            number += 1
            problem = None
            if len(row) != width:
                problem = f"{len(row)} fields where the header has {width} (a stray delimiter or quote?)"
                problem += _read_again(lines, delimiter, width)
            else:
                problem = next(filter(None, (undecodable(cell, _NAMES.get(encoding, encoding)) for cell in row)), None)
            if problem:
                yield Document(f"{source}#row={number}", None, meta={"source": source, "row": number}, error=f"malformed row: {problem}")
                continue
            values = dict(zip(header, row))
            ident = values.get(wanted.id, "").strip() if wanted.id else ""
            if ident and ident == last_id and not any(values.get(c, "").strip() for c in wanted.content):
                continue  # a variant row of the product above (a Shopify export's sizes and shades)
            last_id = ident
            yield wanted.document(source, number, values)


class _Lines:
    """The file's lines as the csv reader takes them, with those of the row
    being read (`taken`), so that lines can be handed to it again."""

    def __init__(self, first: str, handle):
        self.pending: deque[str] = deque([first])
        self.handle = handle
        self.taken: list[str] = []

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.pending.popleft() if self.pending else next(self.handle)
        self.taken.append(line)
        return line


def _read_again(lines: _Lines, delimiter: str, width: int) -> str:
    """A malformed row that ran over several lines, a quote left open on its
    first line and the next line a whole row of its own: the quote swallowed
    the rows after it. Those lines are read again as rows (else one stray
    quote loses the rest of the export); what is said about it, for the
    row's error."""
    taken = lines.taken
    if len(taken) < 2 or taken[0].count('"') % 2 == 0 or taken[1].count('"') % 2:
        return ""  # no quote left open on the first line, or the next line closes it (a field over two lines)
    if len(next(csv.reader([taken[1]], delimiter=delimiter), [])) != width:
        return ""
    lines.pending.extendleft(reversed(taken[1:]))
    return f"; a quote left open in this row ran it over the {len(taken) - 1} lines after it, which are read again as rows"
