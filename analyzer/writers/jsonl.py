"""One JSON record per line, streamed in input order."""
from __future__ import annotations

from ..report import to_json
from . import Writer


def line(record: dict) -> str:
    return to_json(record, indent=None)


def render(records, options) -> str:
    return "".join(line(r) + "\n" for r in records)


WRITER = Writer("jsonl", render, line=line, keeps_input_order=True, help="one JSON record per line, streamed")
