"""Application state embedded as JSON or assigned in a script: Next.js
`__NEXT_DATA__`, Sephora's `linkStore` (text/json), Shopify product JSON,
`window.__INITIAL_STATE__ = {...}` and other `application/json` blocks.
Fields named like ingredients/INCI/composition (HTML inside a JSON string,
plain text, a list of names, one object per ingredient), descriptions
holding an "Ingredients" heading, and tabs described as data."""
from __future__ import annotations

import html as htmllib
import json
import re
from typing import Iterator

from ..labels import LABEL_INLINE, LABEL_TEXT
from . import labelled_section
from .candidates import Candidate
from .html import element_text, soup
from .jsonfields import ingredient_rows, is_list_key, value_candidates
from .prescan import PageScan, label_offsets, lowered_copy, needle_positions, walk_json

NAME = "embedded-json"
LIMIT = 40
_LABEL_HIT = re.compile(r"(?:ingredients?|inci|inhaltsstoffe|ingr[ée]dients?|zusammensetzung)\s*(?::|\\u003c|<|\\u003a)")


# Words of an ingredient-like key in raw JSON text: "ingredientDesc": ...
_KEY_WORDS = ("ingredient", "ingrédient", "inci", "composition", "inhaltsstoff", "zusammensetzung", "成分", "성분")
_KEY = re.compile(r'"([^"\\]{0,40}(?:' + "|".join(_KEY_WORDS) + r')[^"\\]{0,40})"\s*:\s*(?=["\[{])', re.I)
_KEY_END = re.compile(r'\s*:\s*(?=["\[{])')


def candidates(scan: PageScan) -> Iterator[Candidate]:
    for block in scan.embedded:
        if block.raw is not None:
            yield from _raw_candidates(block)
            continue
        if isinstance(block.data, list) and ingredient_rows(block.data):
            # The whole block is the composition: [{"material": "AQUA", "percentage": ""}, ...]
            yield from value_candidates(NAME, block.data, "composition", block.locator)
        for item in walk_json(block.data):
            for key, value in item.items():
                if not isinstance(key, str):
                    continue
                if is_list_key(key):
                    yield from value_candidates(NAME, value, key, f"{block.locator} {key}")
                elif block.mentions_label and isinstance(value, str) and len(value) > 40 and _mentions_label(value):
                    # Shopify body_html / descriptions carrying "Ingredients: ..." text.
                    for candidate in _in_html_string(value):
                        candidate.strategy = NAME
                        candidate.locator = f"{block.locator} {key}"
                        yield candidate
            # {"title": "Ingredients", "content": "..."}: tabs described as data
            title = item.get("title") or item.get("label") or item.get("name") or item.get("heading")
            if isinstance(title, str) and LABEL_TEXT.match(title):
                for key in ("content", "body", "text", "value", "html", "description"):
                    if key in item:
                        yield from value_candidates(NAME, item[key], title, f"{block.locator} {title!r} {key}")


def _raw_candidates(block) -> Iterator[Candidate]:
    """A large block read without decoding it whole: the values of
    ingredient-like keys, and strings that hold an "Ingredients" label."""
    raw = block.raw
    lowered = block.lowered if block.lowered is not None else lowered_copy(raw)
    decoder = json.JSONDecoder()
    seen: set[int] = set()
    for key, end in _keys(raw, lowered):
        if not is_list_key(key):
            continue
        try:
            value, _ = decoder.raw_decode(raw, end)
        except (ValueError, RecursionError):
            continue
        seen.add(end)
        yield from value_candidates(NAME, value, key, f"{block.locator} {key}")
    if not block.mentions_label:
        return
    for hit in _LABEL_HIT.finditer(lowered):
        start = max(raw.rfind('":"', 0, hit.start()), raw.rfind('": "', 0, hit.start()))
        if start < 0 or hit.start() - start > 200_000:
            continue
        start = raw.index('"', start + 2)
        if start in seen:
            continue
        seen.add(start)
        try:
            value, end = decoder.raw_decode(raw, start)
        except (ValueError, RecursionError):
            continue
        if isinstance(value, str) and end > hit.start() and _mentions_label(value):
            key_end = raw.rfind('"', 0, start - 1)
            key_start = raw.rfind('"', 0, key_end)
            key = raw[key_start + 1 : key_end] if 0 <= key_start < key_end else "text"
            for candidate in _in_html_string(value):
                candidate.strategy = NAME
                candidate.locator = f"{block.locator} {key}"
                yield candidate


def _keys(raw: str, lowered: str) -> Iterator[tuple[str, int]]:
    """Ingredient-like keys of raw JSON text, `"ingredientDesc": ...`, with
    where their value starts. Found from the words with `str.find`, which
    is many times faster on megabytes of page state than one regex that
    tries every quote."""
    if lowered is raw:  # lowering changed lengths (a rare letter): the slow, exact way
        for match in _KEY.finditer(raw):
            yield match.group(1), match.end()
        return
    hits = [(at, word) for word, positions in needle_positions(lowered, _KEY_WORDS).items() for at in positions]
    done: set[int] = set()
    for at, word in sorted(hits):
        start = lowered.rfind('"', max(0, at - 41), at)
        if start < 0 or start in done or "\\" in lowered[start:at]:
            continue
        stop = lowered.find('"', at + len(word), at + len(word) + 41)
        if stop < 0 or "\\" in lowered[at:stop]:
            continue
        tail = _KEY_END.match(raw, stop + 1)
        if tail is None:
            continue
        done.add(start)
        yield raw[start + 1 : stop], tail.end()


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
