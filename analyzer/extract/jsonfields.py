"""Reading ingredient lists out of decoded JSON values (JSON-LD and embedded
application state alike)."""
from __future__ import annotations

import functools
import re
from typing import Any, Iterator

from ..labels import LABEL_INLINE
from .candidates import Candidate, text_after_label
from .html import html_to_text

# Keys that hold a list, and keys that look like it but hold highlights or claims.
JSON_KEY = re.compile(r"ingredient|inci\b|^inci|composition|inhaltsstoffe|ingr[eé]dient|zusammensetzung|成分|성분", re.I)
JSON_SKIP_KEY = re.compile(
    r"key|hero|highlight|star|featured|benefit|free|without|url|link|image|slug|handle|id$|filter|facet|refine|count|"
    r"preference|concern|callout|spotlight|glossary|wirkstoff",
    re.I,
)
# One object per ingredient: {"material": "AQUA", "percentage": ""}, {"inciName": ...}
_NAME_KEYS = ("material", "inci", "inciName", "inci_name", "name", "ingredient", "ingredientName", "label", "title", "text", "value")
_PERCENT_KEYS = ("percentage", "percent", "concentration", "amount", "pct")


@functools.lru_cache(maxsize=4096)
def _list_key(key: str) -> bool:
    return bool(JSON_KEY.search(key)) and not JSON_SKIP_KEY.search(key)


def is_list_key(key: Any) -> bool:
    """A key that names an ingredient list (`ingredientDesc`, `inci`,
    `composition`), not highlights or claims (`keyIngredients`, `freeFrom`)."""
    return isinstance(key, str) and _list_key(key)


def value_candidates(strategy: str, value: Any, label: str, locator: str = "") -> Iterator[Candidate]:
    """Candidates from one JSON value: a string (maybe HTML), a list of
    names, a list of {"name"/"material": ...} objects, or an object wrapping one."""
    if isinstance(value, str) and value.strip():
        text = html_to_text(value)
        yield Candidate(strategy, text_after_label(text) if LABEL_INLINE.search(text[:200]) else text, label, locator=locator)
    elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        yield Candidate(strategy, "\n".join(html_to_text(v) for v in value), label, locator=locator)
    elif isinstance(value, list):
        rows = [_row(v) for v in value if isinstance(v, dict)]
        rows = [r for r in rows if r]
        if rows:
            yield Candidate(strategy, "\n".join(rows), label, locator=locator)
    elif isinstance(value, dict):
        for key in ("value", "text", "html", "content", "list", "items", "ingredients"):
            if key in value:
                yield from value_candidates(strategy, value[key], label, f"{locator}.{key}" if locator else key)


def _row(item: dict) -> str | None:
    """One ingredient object -> "NAME" or "NAME 2%"."""
    name = next((item[k] for k in _NAME_KEYS if isinstance(item.get(k), str) and item[k].strip()), None)
    if name is None:
        return None
    share = next((item[k] for k in _PERCENT_KEYS if item.get(k) not in (None, "", 0)), None)
    if isinstance(share, (int, float)) or (isinstance(share, str) and re.fullmatch(r"\s*\d+(?:[.,]\d+)?\s*%?\s*", share)):
        return f"{name.strip()} {str(share).strip().rstrip('%')}%"
    return name.strip()


def ingredient_rows(value: list) -> bool:
    """A list of one object per ingredient (named by material/INCI keys)."""
    rows = [v for v in value[:50] if isinstance(v, dict)]
    return len(rows) >= 3 and sum(1 for r in rows if any(k in r for k in ("material", "inci", "inciName", "inci_name"))) >= 0.8 * len(rows)
