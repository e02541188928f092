"""The full text report of every record, one after the other."""
from __future__ import annotations

import click

from ..report import render_text
from . import Writer


def render(records, options) -> str:
    labels = options.category_labels
    blocks = []
    for record in records:
        product = record.get("product") or {}
        name = product.get("name") or record["path"]
        if product.get("brand"):
            name = f"{product['brand']} - {name}"
        head = click.style(name, bold=True) + f"\n{record['path']}"
        if record["status"] == "ok":
            blocks.append(head + "\n" + render_text(record, lambda c: labels.get(c, c.replace("_", " "))))
        elif record["status"] == "no_ingredients":
            blocks.append(head + f"\nNo ingredient list: {record.get('reason') or ''}")
        else:
            blocks.append(head + f"\nError: {record.get('error') or ''}")
    return "\n\n".join(blocks) + ("\n" if blocks else "")


WRITER = Writer("text", render, help="the full text report of each product")
