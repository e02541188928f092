"""All records as one JSON array."""
from __future__ import annotations

from ..report import to_json
from . import Writer, joined


def row(record: dict, options=None) -> str:
    return to_json(record)


def render_rows(rows: list[str], options=None):
    """The array of records written by `row`, in pieces: what render gives."""
    if not rows:
        yield "[]\n"
        return
    # JSON text never holds a raw new line inside a string: indenting every
    # line nests each record one level, as json.dumps does in an array.
    yield "[\n"
    yield from joined((",\n  " if i else "  ") + text.replace("\n", "\n  ") for i, text in enumerate(rows))
    yield "\n]\n"


def render(records, options) -> str:
    return to_json(records) + "\n"


WRITER = Writer("json", render, help="one JSON array of records", row=row, render_rows=render_rows)
