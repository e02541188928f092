"""All records as one JSON array."""
from __future__ import annotations

from ..report import to_json
from . import Writer


def render(records, options) -> str:
    return to_json(records) + "\n"


WRITER = Writer("json", render, help="one JSON array of records")
