"""Reading ingredient lists out of decoded JSON values (JSON-LD and embedded
application state alike)."""
from __future__ import annotations

import re
from typing import Any, Iterator

from ..labels import LABEL_INLINE
from .candidates import Candidate, text_after_label
from .html import html_to_text

# Keys that hold a list, and keys that look like it but hold highlights or claims.
JSON_KEY = re.compile(r"ingredient|inci\b|^inci|composition|inhaltsstoffe|ingr[eé]dient", re.I)
JSON_SKIP_KEY = re.compile(r"key|hero|highlight|star|featured|benefit|free|without|url|link|image|slug|handle|id$", re.I)


def is_list_key(key: Any) -> bool:
    return isinstance(key, str) and bool(JSON_KEY.search(key)) and not JSON_SKIP_KEY.search(key)


def value_candidates(strategy: str, value: Any, label: str) -> Iterator[Candidate]:
    """Candidates from one JSON value: a string (maybe HTML), a list of
    names, a list of {"name": ...} objects, or an object wrapping one."""
    if isinstance(value, str) and value.strip():
        text = html_to_text(value)
        yield Candidate(strategy, text_after_label(text) if LABEL_INLINE.search(text[:200]) else text, label)
    elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        yield Candidate(strategy, "\n".join(html_to_text(v) for v in value), label)
    elif isinstance(value, list):
        names = [v.get("name") for v in value if isinstance(v, dict) and isinstance(v.get("name"), str)]
        if names:
            yield Candidate(strategy, "\n".join(names), label)
    elif isinstance(value, dict):
        for key in ("value", "text", "html", "content", "list"):
            if key in value:
                yield from value_candidates(strategy, value[key], label)
