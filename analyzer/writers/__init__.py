"""Records -> output, one module per format. The CLI's --format choices come
from WRITERS, so adding a format is adding a module here.

Every writer renders a whole list of records (already sorted and filtered by
the caller). Formats that can be written one record at a time (`line`) are
streamed as results come in, so an interrupted run keeps what finished.

A writer with `row` renders from rows too: the little of a record it shows
(the table's cells, a CSV line), made where the record is made. A run over a
large export then holds a row per product instead of the whole record.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass(frozen=True)
class Options:
    width: int | None = None  # terminal width for the table (None: from COLUMNS / the terminal)
    full_width: bool = False  # never shorten table cells
    category_labels: dict = field(default_factory=dict)  # id -> label, for the text report
    summary: dict | None = None  # per-category summary to print after a table or in a report
    title: str = "Firming analysis"


@dataclass(frozen=True)
class Writer:
    name: str
    render: Callable[[list[dict], Options], str]
    line: Callable[[dict], str] | None = None  # one record as it comes (streamable formats)
    head: str = ""  # what a stream starts with (the CSV header)
    keeps_input_order: bool = False  # streamed as it comes unless a sort is asked for
    help: str = ""
    row: Callable[[dict, Options], Any] | None = None  # one record as render_rows needs it
    render_rows: Callable[[list, Options], str] | None = None  # rows (in the final order) -> the output

    def keep(self, record: dict, options: Options) -> Any:
        """What render_kept needs of one record: its row, else the whole record."""
        return record if self.row is None else self.row(record, options)

    def render_kept(self, kept: list, options: Options) -> str:
        return self.render(kept, options) if self.row is None else self.render_rows(kept, options)


def _registry() -> dict[str, Writer]:
    from . import csv, html, json, jsonl, table, text

    return {w.name: w for w in (table.WRITER, text.WRITER, csv.WRITER, json.WRITER, jsonl.WRITER, html.WRITER)}


WRITERS = _registry()
