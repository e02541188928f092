"""schema.org Product JSON-LD: ingredient fields, an `additionalProperty`
named Ingredients, or a description holding "Ingredients: ..."."""
from __future__ import annotations

from typing import Iterator

from ..labels import LABEL_INLINE, LABEL_TEXT
from .candidates import Candidate, text_after_label
from .html import html_to_text
from .jsonfields import is_list_key, value_candidates
from .prescan import PageScan, walk_json
from .product import is_product

NAME = "json-ld"
LIMIT = 40


def candidates(scan: PageScan) -> Iterator[Candidate]:
    for data in scan.json_ld:
        for item in walk_json(data):
            kind = item.get("@type") if isinstance(item.get("@type"), str) else "item"
            for key, value in item.items():
                if is_list_key(key):
                    yield from value_candidates(NAME, value, key, f"json-ld {kind}.{key}")
            prop_name = item.get("name")
            if (
                item.get("@type") in ("PropertyValue", "http://schema.org/PropertyValue")
                and isinstance(prop_name, str)
                and LABEL_TEXT.match(prop_name)
            ):
                yield from value_candidates(NAME, item.get("value"), prop_name, f"json-ld additionalProperty '{prop_name}'")
            if is_product(item):
                for key in ("description", "disambiguatingDescription"):
                    value = item.get(key)
                    if isinstance(value, str) and LABEL_INLINE.search(value):
                        yield Candidate(NAME, text_after_label(html_to_text(value)), key, locator=f"json-ld {kind}.{key}")
