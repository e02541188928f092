"""The full text report of every record, one after the other."""
from __future__ import annotations

import click

from ..report import render_text
from . import Writer, joined


def block(record: dict, options) -> str:
    """The report of one record."""
    labels = options.category_labels
    product = record.get("product") or {}
    name = product.get("name") or record["path"]
    if product.get("brand"):
        name = f"{product['brand']} - {name}"
    head = click.style(name, bold=True) + f"\n{record['path']}"
    if record["status"] == "ok":
        return head + "\n" + render_text(record, lambda c: labels.get(c, c.replace("_", " ")))
    if record["status"] == "no_ingredients":
        return head + f"\nNo ingredient list: {record.get('reason') or ''}"
    return head + f"\nError: {record.get('error') or ''}"


def render_blocks(blocks: list[str], options=None):
    yield from joined(("\n\n" if i else "") + text for i, text in enumerate(blocks))
    if blocks:
        yield "\n"


def render(records, options) -> str:
    return "".join(render_blocks([block(r, options) for r in records]))


WRITER = Writer("text", render, help="the full text report of each product", row=block, render_rows=render_blocks)
