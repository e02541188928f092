"""Application state embedded as JSON: Next.js `__NEXT_DATA__`, Shopify
product JSON and other `application/json` blocks (fields named like
ingredients/INCI, HTML descriptions holding an "Ingredients" heading, tabs
described as data)."""
from __future__ import annotations

import html as htmllib
from typing import Iterator

from ..labels import LABEL_INLINE, LABEL_TEXT
from . import labelled_section
from .candidates import Candidate
from .html import element_text, soup
from .jsonfields import is_list_key, value_candidates
from .prescan import PageScan, label_offsets, walk_json

NAME = "embedded-json"
LIMIT = 40


def candidates(scan: PageScan) -> Iterator[Candidate]:
    for data in scan.embedded:
        for item in walk_json(data):
            for key, value in item.items():
                if not isinstance(key, str):
                    continue
                if is_list_key(key):
                    yield from value_candidates(NAME, value, key)
                elif isinstance(value, str) and len(value) > 40 and _mentions_label(value):
                    # Shopify body_html / descriptions carrying "Ingredients: ..." text.
                    for candidate in _in_html_string(value):
                        candidate.strategy = NAME
                        yield candidate
            # {"title": "Ingredients", "content": "..."}: tabs described as data
            title = item.get("title") or item.get("label") or item.get("name") or item.get("heading")
            if isinstance(title, str) and LABEL_TEXT.match(title):
                for key in ("content", "body", "text", "value", "html", "description"):
                    if key in item:
                        yield from value_candidates(NAME, item[key], title)


def _mentions_label(value: str) -> bool:
    if LABEL_INLINE.search(value):
        return True
    return "<" in value and bool(label_offsets(value.lower()))


def _in_html_string(value: str) -> Iterator[Candidate]:
    if "<" in value:
        tree = soup(value)
        yield from labelled_section.candidates_in_soup(tree, labelled_section.NAME)
        text = element_text(tree)
    else:
        text = htmllib.unescape(value)
    match = LABEL_INLINE.search(text)
    if match:
        yield Candidate("inline-label", text[match.end():].split("\n\n")[0], match.group(0))
