"""Inputs -> Documents, one module per kind of input.

    files    saved pages and pasted-list files, folders searched recursively
    csv      CSV/TSV exports, one document per row
    json     a JSON array of products
    jsonl    JSON Lines, one product per line
    warc     web crawls (WARC and ARC files), one document per HTTP response

A path named on the command line is read by its suffix, or by sniffing its
first bytes when the suffix says nothing; `--input-format` decides instead.
Folders are walked for pages and lists; an export or a crawl found there
(with --glob '*.csv', say) is read as one, not as a single product.
"""
from __future__ import annotations

import importlib
import os
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

from ..document import Document
from ..errors import BrokenInputError, SourceError
from . import files
from .fields import INGREDIENT_COLUMNS, PRODUCT_COLUMNS, Columns
from .fields import _norm as norm
from .files import DEFAULT_PATTERNS, collect_files

# Each kind of export or crawl: the module that reads it, imported when a
# file of that kind is read (a folder of pages and lists never needs them),
# and the suffixes that name it.
_MODULES = {"csv": "tabular", "json": "jsonarray", "jsonl": "jsonl", "warc": "warc"}
SUFFIXES = {
    "csv": (".csv", ".tsv", ".tab"),
    "json": (".json",),
    "jsonl": (".jsonl", ".ndjson", ".jsonlines"),
    "warc": (".warc", ".warc.gz", ".arc", ".arc.gz"),
}
FORMATS = ("files",) + tuple(_MODULES)


def reader(kind: str):
    """The module that reads `kind` (one of FORMATS but "files")."""
    return importlib.import_module(f".{_MODULES[kind]}", __name__)

__all__ = ["Columns", "DEFAULT_PATTERNS", "FORMATS", "Inputs", "collect_files", "detect_format", "open_inputs"]


def _kind_by_name(path: Path) -> str:
    """The kind of a file by its name alone: "files" unless a crawl or an export."""
    if path.name.lower().endswith(SUFFIXES["warc"]):
        return "warc"
    suffix = path.suffix.lower()
    for kind in ("csv", "json", "jsonl"):
        if suffix in SUFFIXES[kind]:
            return kind
    return "files"


def detect_format(path: Path) -> str:
    """The kind of one named file: by suffix, else by its first bytes."""
    kind = _kind_by_name(path)
    if kind != "files" or path.suffix.lower() in (".html", ".htm", ".xhtml", ".txt", ".text", ".inci", ".md"):
        return kind
    try:
        if not path.is_file():
            return "files"  # a pipe cannot be sniffed without losing what was read: --input-format
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return "files"  # the files source reports why it cannot be read
    return sniff_format(head)


def sniff_format(head: bytes) -> str:
    if reader("warc").sniff(head):
        return "warc"
    text = head.decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        first = text.split("\n", 1)[0].rstrip()
        return "jsonl" if first.endswith("}") else "json"
    header = text.split("\n", 1)[0]
    if len(text.split("\n", 1)) > 1 and looks_like_header(header):
        return "csv"
    return "files"


# What each kind of export found in a text is called in a message.
EXPORT_WORDS = {
    "csv": "a CSV export (a header row with an ingredients column)",
    "json": "a JSON export (product objects)",
    "jsonl": "a JSON Lines export (product objects)",
}


def export_format(text: str) -> str | None:
    """The format of the export of many products `text` is ("csv", "json",
    "jsonl"), or None: one product's list or page. A JSON array of plain
    names is a list."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith(("[", "{")):
        found = _json_export(head)
        if found:
            return found
    lines = head.split("\n", 2)
    if len(lines) > 1 and lines[1].strip() and looks_like_header(lines[0]):
        return "csv"
    return None


def export_kind(text: str) -> str | None:
    """export_format in words ("a CSV export ..."), for a message."""
    found = export_format(text)
    return EXPORT_WORDS[found] if found else None


def _json_export(text: str) -> str | None:
    import json

    try:
        data = json.loads(text)
        found = "json"
    except (ValueError, RecursionError):
        try:
            data = json.loads(text.split("\n", 1)[0])
            found = "jsonl"
        except (ValueError, RecursionError):
            return None
    if isinstance(data, list):
        data = data[0] if data else None
    return found if isinstance(data, dict) else None


def looks_like_header(line: str) -> bool:
    """A header row of an export: short fields, one of them an ingredients
    column and another a product's name, brand or id, or at least none that
    describes an ingredient (an INCI table copied with its "INCI Name |
    Function" header is one product's list)."""
    delimiter = reader("csv").sniff_delimiter(line)
    fields = [norm(f.strip().strip('"')) for f in line.split(delimiter)]
    return (
        len(fields) >= 2 and all(len(f) <= 40 for f in fields) and any(f in INGREDIENT_COLUMNS for f in fields)
        and (any(f in PRODUCT_COLUMNS for f in fields) or not any(f in _INGREDIENT_TABLE for f in fields))
    )


# Columns of a table of one product's ingredients, not of an export of products.
_INGREDIENT_TABLE = frozenset({
    "function", "functions", "purpose", "what_it_does", "role", "funktion", "fonction", "funcion", "funzione",
    "concentration", "percent", "cas", "cas_no", "cas_number", "ec", "einecs", "irritancy", "comedogenicity",
})


class Inputs:
    """The documents of every named path, in order, read lazily. `len()` is
    known when every input is a file or folder (for a progress bar)."""

    def __init__(self, paths: Iterable[str | Path], patterns: Iterable[str] = DEFAULT_PATTERNS,
                 input_format: str | None = None, columns: Columns = Columns(), exclude: Iterable[str] = ()):
        self.parts: list[tuple[str, object]] = []  # ("files", [paths]) or (format, path)
        self.skipped: Counter = Counter()  # files in the folders that match no pattern, by suffix
        exclude = {os.path.abspath(e) for e in exclude}
        pending: list[Path] = []
        for raw in paths:
            path = Path(raw)
            if not path.exists() and not path.is_symlink():
                raise FileNotFoundError(str(path))
            kind = input_format or ("files" if path.is_dir() else detect_format(path))
            if kind == "files":
                for found in collect_files([path], patterns, self.skipped):
                    if os.path.abspath(found) in exclude:
                        continue
                    found_kind = _kind_by_name(found) if input_format is None else "files"
                    if found_kind != "files":  # a crawl or an export in a folder (--glob '*.csv')
                        if pending:
                            self.parts.append(("files", pending))
                            pending = []
                        self.parts.append((found_kind, found))
                    else:
                        pending.append(found)
                continue
            if path.is_dir():
                raise SourceError(f"{path} is a folder; --input-format {kind} reads one export file")
            if pending:
                self.parts.append(("files", pending))
                pending = []
            self.parts.append((kind, path))
        if pending:
            self.parts.append(("files", pending))
        self.columns = columns

    @property
    def total(self) -> int | None:
        if all(kind == "files" for kind, _ in self.parts):
            return sum(len(p) for _, p in self.parts)
        return None

    def __bool__(self) -> bool:
        return any(kind != "files" or part for kind, part in self.parts)

    def check(self) -> None:
        """Open every export and find its columns before the run, so that a
        wrong --column stops at once with a message instead of mid-run. An
        export that is broken in itself is left to the run: one error record."""
        for kind, part in self.parts:
            if kind != "files" and Path(part).is_file():  # a pipe can be read only once
                try:
                    next(iter(reader(kind).documents(part, self.columns)), None)
                except (BrokenInputError, OSError):
                    pass

    def __iter__(self) -> Iterator[Document]:
        for kind, part in self.parts:
            yield from self._documents(kind, part)

    def units(self, range_bytes: int | None = None, parts: int = 1) -> Iterator:
        """The inputs as work units for a cluster, in order: crawl files as
        byte ranges that a worker reads itself (`range_bytes` each, or each
        file in at least `parts`), everything else as documents."""
        for kind, part in self.parts:
            if kind == "warc":
                yield from reader("warc").ranges(part, range_bytes, parts)
            else:
                yield from self._documents(kind, part)

    def _documents(self, kind: str, part) -> Iterator[Document]:
        if kind == "files":
            yield from files.documents(part)
            return
        try:
            yield from reader(kind).documents(part, self.columns)
        except SourceError as exc:  # a broken export is one error record; the run goes on
            yield Document(str(part), None, meta={"source": str(part)}, error=str(exc))
        except OSError as exc:  # the file went away or failed mid-read
            yield Document(str(part), None, meta={"source": str(part)}, error=f"{part}: cannot read: {exc.strerror or exc}")


def open_inputs(paths, **options) -> Inputs:
    """The Documents of files, folders, exports and crawls, in order, read
    lazily. Options, as Inputs takes them: `patterns` (file name globs for
    folders), `input_format` ("csv", "json", "jsonl", "warc"... instead of
    guessing from the name), `columns` (a Columns naming an export's
    columns) and `exclude` (paths never read: a run's own outputs)."""
    return Inputs(paths, **options)
