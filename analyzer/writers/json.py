"""All records as one JSON array."""
from __future__ import annotations

from ..report import to_json
from . import Writer


def row(record: dict, options=None) -> str:
    return to_json(record)


def render_rows(rows: list[str], options=None) -> str:
    """The array of records written by `row`: what to_json(records) gives."""
    if not rows:
        return "[]\n"
    # JSON text never holds a raw new line inside a string: indenting every
    # line nests each record one level, as json.dumps does in an array.
    return "[\n" + ",\n".join("  " + text.replace("\n", "\n  ") for text in rows) + "\n]\n"


def render(records, options) -> str:
    return to_json(records) + "\n"


WRITER = Writer("json", render, help="one JSON array of records", row=row, render_rows=render_rows)
