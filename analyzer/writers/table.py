"""A ranked table for the terminal, fitted to its width (COLUMNS), with a
per-category summary under it."""
from __future__ import annotations

import textwrap
from pathlib import Path

from . import Writer, joined
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
    return "".join(render_rows([row(r) for r in records], options))


def render_rows(cells: list[tuple[str, str, str, str]], options):
    """The table of rows made by `row`, ranked in the order given, in pieces."""
    header = ["#", "score", "product", "actives (points)", "file"]
    longest = [max(map(len, column), default=0) for column in zip(*cells)] if cells else [0, 0, 0, 0]
    widths = [len(str(len(cells))), max(5, longest[0]), *(max(len(h), n) for h, n in zip(header[2:], longest[1:]))]
    fitted = None
    if not options.full_width:
        import shutil  # here: the CLI loads every writer to list the formats, and shutil is slow to import

        width = options.width or shutil.get_terminal_size((120, 24)).columns
        fixed = max(len(str(len(cells))), 1) + 5 + 4 * 2
        natural = {"product": max(longest[1], 7), "actives": max(longest[2], 7), "file": max(longest[3], 4)}
        fitted = _fit(natural, width - fixed)
        if fitted["actives"] < len(header[3]):
            header[3] = "actives"
        # A cell longer than its column is cut to the column's width (plus
        # the ellipsis when that is a single character).
        for i, key in ((2, "product"), (3, "actives"), (4, "file")):
            n = longest[i - 1]
            cut = n if n <= fitted[key] else max(1, fitted[key] - 1) + 1
            widths[i] = max(len(header[i]), cut)

    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(w) for cell, w in zip(cells, widths)).rstrip()

    def lines():
        yield line(header) + "\n"
        yield line(["-" * w for w in widths]) + "\n"
        for rank, (score, name, detail, path) in enumerate(cells, 1):
            if fitted is not None:
                name = _shorten(name, fitted["product"])
                detail = _shorten(detail, fitted["actives"])
                path = _shorten_left(path, fitted["file"])
            yield line([str(rank), score, name, detail, path]) + "\n"

    yield from joined(lines())
    if options.summary and options.summary.get("products"):
        summary = summary_lines(options.summary)
        if not options.full_width:
            summary = [part for text in summary for part in textwrap.wrap(text, max(20, width), subsequent_indent="  ")]
        yield "\n" + "".join(text + "\n" for text in summary)


def summary_lines(summary: dict) -> list[str]:
    categories = ", ".join(f"{c.replace('_', ' ')} {n}" for c, n in summary["categories"].items()) or "none"
    grades = ", ".join(f"{g} {n}" for g, n in summary["grades"].items())
    return [
        f"Categories in {summary['products']} scored product{'s' if summary['products'] != 1 else ''}: {categories}",
        f"Grades: {grades}",
    ]


WRITER = Writer("table", render, help="a ranked table fitted to the terminal", row=row, render_rows=render_rows)
