"""A ranked table for the terminal, fitted to its width (COLUMNS), with a
per-category summary under it."""
from __future__ import annotations

import textwrap
from pathlib import Path

from ..report import table_lines
from . import Writer
from .csv import active_summary

MIN = {"product": 16, "actives": 20, "file": 12}
SMALL = {"product": 10, "actives": 10, "file": 6}  # for a narrow terminal (under about 62 columns)
NATURAL_CAP = {"product": 44, "actives": 70}


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def _shorten_left(text: str, width: int) -> str:
    return text if len(text) <= width else "…" + text[-max(1, width - 1):]


def _fit(natural: dict[str, int], room: int) -> dict[str, int]:
    """Share `room` characters between the flexible columns. Everything in
    full when it fits; else each column gets at least its minimum (smaller
    ones on a narrow terminal), then the rest in proportion to what it would
    like, up to a cap for long names and active lists, then beyond it."""
    if sum(natural.values()) <= room:
        return dict(natural)
    widths = {k: min(natural[k], MIN[k]) for k in natural}
    if sum(widths.values()) > room:
        widths = {k: min(natural[k], SMALL[k]) for k in natural}
    for target in ({k: min(natural[k], NATURAL_CAP.get(k, natural[k])) for k in natural}, natural):
        spare = room - sum(widths.values())
        wants = {k: max(0, target[k] - widths[k]) for k in natural}
        total = sum(wants.values())
        if spare <= 0 or not total:
            continue
        for k in natural:
            widths[k] += min(wants[k], spare * wants[k] // total)
    return widths


def row(record: dict, options=None) -> tuple[str, str, str, str]:
    """(score, product, actives, file): what the table shows of one record."""
    product = record.get("product") or {}
    name = product.get("name") or Path(record["path"]).name
    if product.get("brand"):
        name = f"{product['brand']} - {name}"
    ptype = record.get("product_type") or {}
    if ptype.get("type") and ptype["type"] != "leave_on":
        name = f"{name} [{ptype['label']}]"
    if record["status"] == "ok":
        score = f"{record['score']:>3} {record['grade']}"
        detail = active_summary(record, limit=3) or "no firming actives"
    elif record["status"] == "no_ingredients":
        score, detail = "  -", f"no list: {record.get('reason') or ''}"
    else:
        score, detail = "  !", f"error: {record.get('error') or ''}"
    return score, name, detail, record["path"]


def render(records, options) -> str:
    return render_rows([row(r) for r in records], options)


def render_rows(cells: list[tuple[str, str, str, str]], options) -> str:
    """The table of rows made by `row`, ranked in the order given."""
    rows = [[str(rank), *r] for rank, r in enumerate(cells, 1)]
    header = ["#", "score", "product", "actives (points)", "file"]
    if not options.full_width:
        import shutil  # here: the CLI loads every writer to list the formats, and shutil is slow to import

        width = options.width or shutil.get_terminal_size((120, 24)).columns
        fixed = max([len(r[0]) for r in rows] + [1]) + 5 + 4 * 2
        natural = {
            "product": max([len(r[2]) for r in rows] + [7]),
            "actives": max([len(r[3]) for r in rows] + [7]),
            "file": max([len(r[4]) for r in rows] + [4]),
        }
        fitted = _fit(natural, width - fixed)
        if fitted["actives"] < len(header[3]):
            header[3] = "actives"
        for r in rows:
            r[2] = _shorten(r[2], fitted["product"])
            r[3] = _shorten(r[3], fitted["actives"])
            r[4] = _shorten_left(r[4], fitted["file"])
    out = table_lines(rows, header)
    if options.summary and options.summary.get("products"):
        lines = summary_lines(options.summary)
        if not options.full_width:
            lines = [part for line in lines for part in textwrap.wrap(line, max(20, width), subsequent_indent="  ")]
        out.extend(["", *lines])
    return "\n".join(out) + "\n"


def summary_lines(summary: dict) -> list[str]:
    categories = ", ".join(f"{c.replace('_', ' ')} {n}" for c, n in summary["categories"].items()) or "none"
    grades = ", ".join(f"{g} {n}" for g, n in summary["grades"].items())
    return [
        f"Categories in {summary['products']} scored product{'s' if summary['products'] != 1 else ''}: {categories}",
        f"Grades: {grades}",
    ]


WRITER = Writer("table", render, help="a ranked table fitted to the terminal", row=row, render_rows=render_rows)
