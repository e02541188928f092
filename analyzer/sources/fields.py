"""Which column (or JSON key) of an export holds what, and one row -> one
Document. Shared by the CSV/TSV, JSON and JSONL sources."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping

from ..document import Document
from ..errors import BrokenInputError, SourceError
from ..text import strip_accents

# Looked for in this order (case, accents, spaces and punctuation ignored);
# Open Beauty Facts uses ingredients_text. Shops export in their language.
INGREDIENT_COLUMNS = (
    "ingredients", "ingredients_text", "inci", "ingredient_list", "ingredients_list", "inci_list", "full_ingredients",
    "full_ingredients_list", "full_ingredient_list", "ingredients_inci", "inci_ingredients", "inci_name", "inci_names",
    "composition", "inhaltsstoffe", "ingredientes", "ingredienti", "ingredienser", "ingredienten",
    "sklad", "skladniki", "成分", "全成分", "전성분", "성분",
    "body_html",  # a Shopify export: the list is inside the product's description (read as a page)
)
NAME_COLUMNS = (
    "name", "product_name", "product", "title", "product_title", "item_name", "produktname", "produkt", "artikelname",
    "nom", "nom_du_produit", "nombre", "nome", "naam", "商品名", "제품명",
)
BRAND_COLUMNS = ("brand", "brands", "brand_name", "vendor", "manufacturer", "marke", "hersteller", "marque", "marca", "merk", "ブランド", "브랜드")
ID_COLUMNS = ("id", "code", "product_id", "url", "sku", "handle", "ean", "gtin", "barcode", "upc", "asin", "artikelnummer", "product_url", "link")
TYPE_COLUMNS = ("type", "product_type")  # "leave_on", "rinse_off"... (else read as a category)
CATEGORY_COLUMNS = (
    "category", "categories", "product_category", "categories_en", "breadcrumb", "kategorie", "categorie",
    "categoria",
)
PRODUCT_COLUMNS = frozenset(NAME_COLUMNS + BRAND_COLUMNS + ID_COLUMNS + CATEGORY_COLUMNS)


def _norm(name: str) -> str:
    return re.sub(r"[\W_]+", "_", strip_accents(str(name).strip().strip("\ufeff").lower())).strip("_")


@dataclass(frozen=True)
class Columns:
    """Columns asked for by the user (--column, --name-column...); None = find by name."""

    ingredients: str | None = None
    name: str | None = None
    brand: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class Resolved:
    ingredients: str | None
    name: str | None
    brand: str | None
    id: str | None
    type: str | None
    category: str | None = None
    # Other list columns, read where the chosen one is empty in a row (Open
    # Beauty Facts fills ingredients_text_en or _fr and leaves ingredients_text empty).
    fallbacks: tuple[str, ...] = ()

    @property
    def content(self) -> tuple[str, ...]:
        """The columns that make a row a product of its own: its list and name."""
        return tuple(c for c in (self.ingredients, *self.fallbacks, self.name) if c)

    def document(self, source: str, number: int, row: Mapping[str, Any]) -> Document:
        """Row `number` (1-based) of `source` -> a Document. The id column's
        value names the record when there is one, else FILE#row=N."""
        ident = _text(row.get(self.id)) if self.id else None
        meta = {"source": source, "row": number}
        for key, column in (("name", self.name), ("brand", self.brand), ("type", self.type), ("category", self.category)):
            value = _text(row.get(column)) if column else None
            if value:
                meta[key] = value
        text = ingredients_text(row.get(self.ingredients))
        for column in self.fallbacks if not text.strip() else ():
            text = ingredients_text(row.get(column))
            if text.strip():
                break
        return Document(ident or f"{source}#row={number}", text, None, meta)


def resolve(header: Iterable[str], asked: Columns, source: str, strict: bool = True) -> Resolved:
    """Match the export's header against the known column names (case,
    spaces and punctuation ignored); a column the user named must exist.
    With strict=False (one JSON object, which may leave out empty fields) a
    missing column is None instead of an error."""
    header = [h for h in header if isinstance(h, str)]
    by_norm = {}
    for h in header:
        by_norm.setdefault(_norm(h), h)

    def pick(wanted: str | None, choices: tuple[str, ...], option: str, required: bool = False) -> str | None:
        if wanted is not None:
            found = by_norm.get(_norm(wanted))
            if found is None and strict:
                raise SourceError(f"{source}: no column named {wanted!r} ({option}); the columns are: {', '.join(header)}")
            return found
        for choice in choices:
            if choice in by_norm:
                return by_norm[choice]
        # Open Beauty Facts' language variants: ingredients_text_en, ingredients_text_fr...
        for norm, original in by_norm.items():
            if any(norm.startswith(c + "_") for c in choices[:2]):
                return original
        if required and strict:
            raise BrokenInputError(
                f"{source}: no ingredients column (looked for {', '.join(choices)}); the columns are: "
                f"{', '.join(header) or '(none)'}. Name it with --column"
            )
        return None

    ingredients = pick(asked.ingredients, INGREDIENT_COLUMNS, "--column", required=True)
    fallbacks: tuple[str, ...] = ()
    if asked.ingredients is None and ingredients is not None:
        # the other list columns, language variants (ingredients_text_en...) first
        variants = [o for n, o in by_norm.items() if re.fullmatch(r"ingredients_text_[a-z]{2}", n) and o != ingredients]
        others = [by_norm[c] for c in INGREDIENT_COLUMNS if c in by_norm and by_norm[c] != ingredients]
        fallbacks = tuple(dict.fromkeys(variants + others))
    return Resolved(
        ingredients=ingredients,
        name=pick(asked.name, NAME_COLUMNS, "--name-column"),
        brand=pick(asked.brand, BRAND_COLUMNS, "--brand-column"),
        id=pick(asked.id, ID_COLUMNS, "--id-column"),
        type=pick(None, TYPE_COLUMNS, ""),
        category=pick(None, CATEGORY_COLUMNS, ""),
        fallbacks=fallbacks,
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


# Bytes that are not text in the file's encoding, kept by the
# "surrogateescape" error handler so that a bad row can be told apart.
_UNDECODABLE = re.compile("[\udc80-\udcff]")


def undecodable(text: str, encoding: str = "UTF-8") -> str | None:
    """Why `text` (read with errors="surrogateescape") is not clean text, or None."""
    found = _UNDECODABLE.search(text)
    if found is None:
        return None
    return f"bytes that are not valid {encoding} (0x{ord(found.group()) - 0xDC00:02x} at character {found.start() + 1})"


@dataclass(frozen=True)
class Broken:
    """An item of an export that could not be read, and why."""

    message: str


WINDOW = 200  # objects looked at for the fields before deciding an export has none


def not_an_object(value: Any) -> str:
    """Why a JSON value is no product."""
    return f"expected a JSON object, got {type(value).__name__}"


def object_documents(items: Iterable[tuple[int, Any]], asked: Columns, source: str) -> Iterator[Document]:
    """(row number, JSON value or Broken) -> one Document each.

    JSON exports leave out empty fields, so the fields are found per object:
    a product without its ingredients key is `no_ingredients`, not the end of
    the file. The export as a whole must still have them: the first objects
    (up to WINDOW) are held until one has an ingredients field and every
    field named with an option has been seen, else the export is refused."""
    by_keys: dict[tuple, Resolved] = {}

    def document(number: int, item: Any) -> Document:
        meta = {"source": source, "row": number}
        if isinstance(item, Broken):
            return Document(f"{source}#row={number}", None, meta=meta, error=item.message)
        if not isinstance(item, dict):
            return Document(f"{source}#row={number}", None, meta=meta, error=not_an_object(item))
        keys = tuple(item)
        resolved = by_keys.get(keys)
        if resolved is None:
            if len(by_keys) > 256:
                by_keys.clear()
            resolved = by_keys[keys] = resolve(keys, asked, source, strict=False)
        return resolved.document(source, number, item)

    asked_names = [c for c in (asked.ingredients, asked.name, asked.brand, asked.id) if c is not None]
    held: list[tuple[int, Any]] = []
    seen: dict[str, None] = {}  # every field met so far, in order (for the message)
    ready = False
    for number, item in items:
        if ready:
            yield document(number, item)
            continue
        held.append((number, item))
        if isinstance(item, dict):
            seen.update(dict.fromkeys(k for k in item if isinstance(k, str)))
            found = resolve(seen, Columns(ingredients=asked.ingredients), source, strict=False).ingredients
            folded = {_norm(k) for k in seen}
            ready = found is not None and all(_norm(c) in folded for c in asked_names)
        if ready or len(held) >= WINDOW:
            if not ready:
                resolve(seen, asked, source)  # raises: what is missing, and the fields there are
            ready = True
            for number, item in held:
                yield document(number, item)
            held = []
    if held:
        if seen:
            resolve(seen, asked, source)  # raises
        for number, item in held:  # only broken lines: their error records
            yield document(number, item)
