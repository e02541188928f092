"""A ranked CSV table, one row per record. Streamed to a file as results come
in, then rewritten in the final order."""
from __future__ import annotations

import csv
import io

from . import Writer, joined

FIELDS = [
    "rank", "score", "grade", "status", "product", "brand", "type", "categories", "actives",
    "ingredients", "strategy", "path", "reason", "error",
]


def active_summary(record: dict, limit: int | None = None) -> str:
    actives = record.get("actives") or []
    names = [f"{a['inci'] if not a.get('rule') else a['matched']} (+{a['contribution']:g})" for a in actives[:limit]]
    if limit is not None and len(actives) > limit:
        names.append(f"+{len(actives) - limit} more")
    return "; ".join(names)


def row(record: dict, rank: int | None = None) -> dict:
    product = record.get("product") or {}
    kind = record.get("product_type") or record.get("type")
    return {
        "rank": rank if rank is not None else "",
        "score": record.get("score", ""),
        "grade": record.get("grade", ""),
        "status": record["status"],
        "product": product.get("name") or "",
        "brand": product.get("brand") or "",
        "type": (kind or {}).get("type", "") if isinstance(kind, dict) else (kind or ""),
        "categories": " ".join(record.get("categories") or []),
        "actives": active_summary(record),
        "ingredients": len(record.get("ingredients") or []),
        "strategy": record.get("strategy") or "",
        "path": record["path"],
        "reason": record.get("reason") or "",
        "error": record.get("error") or "",
    }


def _lines(rows: list[dict], header: bool) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    if header:
        writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def line(record: dict) -> str:
    """One row without its rank (the first field, left empty)."""
    return _lines([row(record)], header=False).rstrip("\n")


HEAD = _lines([], header=True)


def render_lines(lines: list[str], options=None):
    """The table from lines made by `line`, ranked in the order given, in pieces."""
    yield HEAD
    yield from joined(f"{rank}{text}\n" for rank, text in enumerate(lines, 1))


def render(records, options) -> str:
    return "".join(render_lines([line(r) for r in records]))


WRITER = Writer(
    "csv", render, line=line, head=HEAD, help="a ranked CSV table",
    row=lambda record, options: line(record), render_rows=render_lines,
)
