"""One cheap pass over a page, shared by every strategy: the page in lower
case, its JSON blocks decoded once, and the offsets of "Ingredients" labels,
found with plain string search (a regular expression over a page of several
hundred kilobytes is much slower)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

MAX_LABEL_HITS = 60

_NEEDLES = ("ingr", "inci", "inhaltsstoffe", "zutaten", "composition", "成分")
_AFTER_INGR = re.compile(r"(?:e|é|&eacute;|&#0*233;|&#x0*e9;)dient")
_LABEL_LEAD = re.compile(r">\s*(?:(?:full|complete|all)\s+)?$")


@dataclass
class PageScan:
    page: str
    lowered: str  # same offsets as page
    json_ld: list[Any] = field(default_factory=list)
    embedded: list[Any] = field(default_factory=list)  # other JSON blocks (Next.js, Shopify...)
    node_hits: list[int] = field(default_factory=list)  # labels that are a whole text node
    inline_hits: list[int] = field(default_factory=list)  # "Ingredients: ..." inside text

    @property
    def saw_label(self) -> bool:
        return bool(self.node_hits)


def scan(page: str) -> PageScan:
    lowered = lowered_copy(page)
    result = PageScan(page, lowered)
    for attrs, body in scripts(page, lowered):
        kind = attrs.lower()
        if "ld+json" in kind:
            data = loads_lenient(body)
            if data is not None:
                result.json_ld.append(data)
        elif "application/json" in kind or "__next_data__" in kind or "__nuxt" in kind:
            data = loads_lenient(body)
            if data is not None:
                result.embedded.append(data)
    result.node_hits, result.inline_hits = label_hits(page, lowered)
    return result


def lowered_copy(page: str) -> str:
    """The page in lower case with the same offsets, for fast literal search
    (the page itself in the rare case where lowering changes lengths)."""
    lowered = page.lower()
    return lowered if len(lowered) == len(page) else page


def scripts(page: str, lowered: str) -> Iterator[tuple[str, str]]:
    """(attributes, body) of every <script>, in any letter case, scanning linearly."""
    pos = 0
    while True:
        start = lowered.find("<script", pos)
        if start < 0:
            return
        tag_end = lowered.find(">", start)
        if tag_end < 0:
            return
        close = lowered.find("</script", tag_end)
        if close < 0:
            return
        yield page[start + 7 : tag_end], page[tag_end + 1 : close]
        pos = close + 8


def loads_lenient(text: str) -> Any:
    """json.loads that survives the usual breakage of hand-written JSON-LD:
    HTML comments/CDATA, trailing commas, raw new lines inside strings."""
    text = text.strip()
    text = re.sub(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)", "", text)
    text = re.sub(r"(?:-->|//\s*\]\]>|\]\]>)\s*$", "", text).strip().rstrip(";")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        pass
    repaired = re.sub(r",\s*([}\]])", r"\1", text)
    repaired = re.sub(r'"(?:[^"\\\n]|\\.)*\n(?:[^"\\]|\\.)*"', lambda m: m.group(0).replace("\n", "\\n"), repaired)
    repaired = repaired.replace("\t", " ")
    try:
        return json.loads(repaired)
    except (ValueError, RecursionError):
        return None


def walk_json(node: Any, depth: int = 0) -> Iterator[dict]:
    """Every mapping inside a decoded JSON value, depth-first, bounded."""
    if depth > 40:
        return
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk_json(value, depth + 1)
    elif isinstance(node, list):
        for value in node:
            yield from walk_json(value, depth + 1)


def label_offsets(lowered: str) -> list[tuple[int, int]]:
    """(start, end) of label words, found with str.find."""
    spans = []
    for needle in _NEEDLES:
        pos = lowered.find(needle)
        while pos >= 0 and len(spans) < 4 * MAX_LABEL_HITS:
            end = pos + len(needle)
            ok = True
            if needle == "ingr":
                tail = _AFTER_INGR.match(lowered, end)
                ok = tail is not None
                end = tail.end() if tail else end
            elif needle == "inci":
                ok = not (lowered[pos - 1 : pos].isalnum() or lowered[end : end + 1].isalnum())
            if ok:
                spans.append((pos, end))
            pos = lowered.find(needle, end)
    return sorted(spans)


def label_hits(page: str, lowered: str) -> tuple[list[int], list[int]]:
    """Offsets of labels that are a whole text node, and of inline labels."""
    node_hits, inline_hits = [], []
    for start, end in label_offsets(lowered):
        if len(node_hits) + len(inline_hits) >= MAX_LABEL_HITS:
            break
        word_end = re.match(r"[^\s<:：]{0,8}(?:\s+list)?", lowered[end : end + 20])
        end += word_end.end() if word_end else 0
        before = lowered[max(0, start - 40) : start]
        after = page[end : end + 400]
        stripped = after.lstrip(" \t\r\n:：")
        if _LABEL_LEAD.search(before) and (stripped.startswith("<") or not stripped):
            node_hits.append(start)
        elif re.match(r"\s*[:：]\s*[^<]{12,}", after):
            inline_hits.append(start)
    return node_hits, inline_hits
