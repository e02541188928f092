"""Records -> output, one module per format. The CLI's --format choices come
from WRITERS, so adding a format is adding a module here.

Every writer renders a whole list of records (already sorted and filtered by
the caller). Formats that can be written one record at a time (`line`) are
streamed as results come in, so an interrupted run keeps what finished.

A writer with `row` renders from rows too: the little of a record it shows
(the table's cells, a CSV line), made where the record is made, and writes
the output in pieces. A run over a large export then holds a row per product
instead of the whole record, and never the whole output as one string.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator


@dataclass(frozen=True)
class Options:
    width: int | None = None  # terminal width for the table (None: from COLUMNS / the terminal)
    full_width: bool = False  # never shorten table cells
    category_labels: dict = field(default_factory=dict)  # id -> label, for the text report
    summary: dict | None = None  # per-category summary to print after a table or in a report
    title: str = "Firming analysis"


@dataclass(frozen=True)
class Writer:
    """One output format. From a script, `output(records)` gives the whole
    output for Records (or their dicts); `render` takes the dicts only."""

    name: str
    render: Callable[[list[dict], Options], str]  # record dicts (Record.to_dict()) -> the whole output
    line: Callable[[dict], str] | None = None  # one record as it comes (streamable formats)
    head: str = ""  # what a stream starts with (the CSV header)
    keeps_input_order: bool = False  # streamed as it comes unless a sort is asked for
    help: str = ""
    row: Callable[[dict, Options], Any] | None = None  # one record as render_rows needs it
    render_rows: Callable[[list, Options], Iterable[str]] | None = None  # rows in the final order -> the output, in pieces

    def output(self, records: Iterable, options: Options | None = None) -> str:
        """The whole output for `records`, in the order given: Records (as
        Analyzer.analyze returns them) or their dicts."""
        dicts = [r.to_dict() if hasattr(r, "to_dict") else r for r in records]
        return self.render(dicts, options or Options())

    def keep(self, record: dict, options: Options) -> Any:
        """What render_kept needs of one record: its row, else the whole record."""
        return record if self.row is None else self.row(record, options)

    def render_kept(self, kept: list, options: Options) -> Iterator[str]:
        """The output of what `keep` made, in the final order, in pieces."""
        if self.row is None:
            yield self.render(kept, options)
        else:
            yield from self.render_rows(kept, options)


def joined(texts: Iterable[str], size: int = 1000) -> Iterator[str]:
    """`texts` joined `size` at a time: a write per piece, not per line."""
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) >= size:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def _registry() -> dict[str, Writer]:
    from . import csv, html, json, jsonl, table, text

    return {w.name: w for w in (table.WRITER, text.WRITER, csv.WRITER, json.WRITER, jsonl.WRITER, html.WRITER)}


WRITERS = _registry()
