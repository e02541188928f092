"""One JSON record per line, streamed in input order."""
from __future__ import annotations

from ..report import to_json
from . import Writer, joined


def line(record: dict) -> str:
    return to_json(record, indent=None)


def render_lines(lines: list[str], options=None):
    return joined(text + "\n" for text in lines)


def render(records, options) -> str:
    return "".join(render_lines([line(r) for r in records]))


WRITER = Writer(
    "jsonl", render, line=line, keeps_input_order=True, help="one JSON record per line, streamed",
    row=lambda record, options: line(record), render_rows=render_lines,
)
