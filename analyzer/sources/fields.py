"""Which column (or JSON key) of an export holds what, and one row -> one
Document. Shared by the CSV/TSV, JSON and JSONL sources."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from ..document import Document
from ..errors import SourceError

# Looked for in this order; Open Beauty Facts uses ingredients_text.
INGREDIENT_COLUMNS = ("ingredients", "ingredients_text", "inci", "ingredient_list", "ingredients_list", "inci_list", "full_ingredients")
NAME_COLUMNS = ("name", "product_name", "product", "title", "product_title")
BRAND_COLUMNS = ("brand", "brands", "brand_name", "vendor", "manufacturer")
ID_COLUMNS = ("id", "code", "product_id", "url", "sku", "handle")
TYPE_COLUMNS = ("type", "product_type", "category", "categories", "label")


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(name).strip().strip("\ufeff").lower()).strip("_")


@dataclass(frozen=True)
class Columns:
    """Columns asked for by the user (--column, --name-column...); None = find by name."""

    ingredients: str | None = None
    name: str | None = None
    brand: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class Resolved:
    ingredients: str
    name: str | None
    brand: str | None
    id: str | None
    type: str | None

    def document(self, source: str, number: int, row: Mapping[str, Any]) -> Document:
        """Row `number` (1-based) of `source` -> a Document. The id column's
        value names the record when there is one, else FILE#row=N."""
        ident = _text(row.get(self.id)) if self.id else None
        meta = {"source": source, "row": number}
        for key, column in (("name", self.name), ("brand", self.brand), ("type", self.type)):
            value = _text(row.get(column)) if column else None
            if value:
                meta[key] = value
        return Document(ident or f"{source}#row={number}", ingredients_text(row.get(self.ingredients)), None, meta)


def resolve(header: Iterable[str], asked: Columns, source: str) -> Resolved:
    """Match the export's header against the known column names (case,
    spaces and punctuation ignored); a column the user named must exist."""
    header = [h for h in header if isinstance(h, str)]
    by_norm = {}
    for h in header:
        by_norm.setdefault(_norm(h), h)

    def pick(wanted: str | None, choices: tuple[str, ...], option: str, required: bool = False) -> str | None:
        if wanted is not None:
            found = by_norm.get(_norm(wanted))
            if found is None:
                raise SourceError(f"{source}: no column named {wanted!r} ({option}); the columns are: {', '.join(header)}")
            return found
        for choice in choices:
            if choice in by_norm:
                return by_norm[choice]
        # Open Beauty Facts' language variants: ingredients_text_en, ingredients_text_fr...
        for norm, original in by_norm.items():
            if any(norm.startswith(c + "_") for c in choices[:2]):
                return original
        if required:
            raise SourceError(
                f"{source}: no ingredients column (looked for {', '.join(choices)}); the columns are: "
                f"{', '.join(header) or '(none)'}. Name it with --column"
            )
        return None

    return Resolved(
        ingredients=pick(asked.ingredients, INGREDIENT_COLUMNS, "--column", required=True),
        name=pick(asked.name, NAME_COLUMNS, "--name-column"),
        brand=pick(asked.brand, BRAND_COLUMNS, "--brand-column"),
        id=pick(asked.id, ID_COLUMNS, "--id-column"),
        type=pick(None, TYPE_COLUMNS, ""),
    )


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v is not None)
    text = str(value).strip()
    return text or None


def ingredients_text(value: Any) -> str:
    """A cell or JSON value -> list text: a string as it is, a list of names
    joined with commas, a list of {"text"/"name": ...} objects by their names."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        names = []
        for item in value:
            if isinstance(item, dict):
                item = item.get("text") or item.get("name") or item.get("inci") or item.get("id")
            if isinstance(item, (str, int, float)) and str(item).strip():
                names.append(str(item).strip())
        return ", ".join(names)
    if isinstance(value, dict):
        return ingredients_text(value.get("text") or value.get("value") or value.get("list"))
    return str(value)
