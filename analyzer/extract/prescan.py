"""One cheap pass over a page, shared by every strategy: the page in lower
case, its JSON blocks decoded once, and the offsets of "Ingredients" labels,
found with plain string search (a regular expression over a page of several
hundred kilobytes is much slower)."""
from __future__ import annotations

import bisect
import html as htmllib
import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..labels import LABEL_INLINE, LABEL_TEXT

MAX_LABEL_HITS = 60

_NEEDLES = ("ingr", "inci", "inhaltsstoffe", "zutaten", "composition", "zusammensetzung", "成分", "성분")
# Words that may name an ingredient field in application state; a JSON block
# without any of them is not decoded at all.
# "Ingredients:" or an "Ingredients" heading inside a JSON string (HTML escaped or not).
_LABEL_IN_STATE = re.compile(r"(?:ingredients?|inci|inhaltsstoffe|ingr[ée]dients?|zusammensetzung|成分|성분)\s*(?::|\\u003c|<|\\u003a)")
_ATTR_ID = re.compile(r"""\bid\s*=\s*["']?([\w:.-]+)""", re.I)
# `window.__INITIAL_STATE__ = {...}`, `var productData = {...}`, `self.__next_f.push(...)` is not JSON.
_ASSIGNMENT = re.compile(r"(?:^|[;\s])((?:window\.|var\s+|let\s+|const\s+)?[A-Za-z_$][\w$.]{0,60})\s*=\s*(?=[\[{])")
_AFTER_INGR = re.compile(r"(?:e|é|&eacute;|&#0*233;|&#x0*e9;)dient")


@dataclass
class Embedded:
    """A block of application state and where it was found. Blocks up to
    DECODE_LIMIT are decoded whole; larger ones (a shop's whole page state,
    several hundred kilobytes) keep their raw text and only the values under
    ingredient-like keys are decoded."""

    data: Any
    locator: str  # "script#linkStore", "window.__INITIAL_STATE__"
    mentions_label: bool = True  # some string in it says "Ingredients:" (else strings are not searched)
    raw: str | None = None  # the JSON text, for a block too large to decode whole
    lowered: str | None = None  # raw in lower case, same offsets (cut from the page's)


DECODE_LIMIT = 100_000


@dataclass
class PageScan:
    page: str
    lowered: str  # same offsets as page
    json_ld: list[Any] = field(default_factory=list)
    embedded: list[Embedded] = field(default_factory=list)  # other JSON and JS state (Next.js, Shopify...)
    node_hits: list[int] = field(default_factory=list)  # labels that are a whole text node
    inline_hits: list[int] = field(default_factory=list)  # "Ingredients: ..." inside text

    @property
    def saw_label(self) -> bool:
        return bool(self.node_hits)


def scan(page: str) -> PageScan:
    lowered = lowered_copy(page)
    result = PageScan(page, lowered)
    found = needle_positions(lowered, _NEEDLES + ("material",))
    # Where an ingredient word occurs at all: a script without one is not read.
    anywhere = sorted(pos for positions in found.values() for pos in positions)
    for attrs, start, end in scripts(page, lowered):
        kind = attrs.lower()
        if "ld+json" in kind:
            data = loads_lenient(page[start:end])
            if data is not None:
                result.json_ld.append(data)
            continue
        first = bisect.bisect_left(anywhere, start)
        if first >= len(anywhere) or anywhere[first] >= end:
            continue
        body = page[start:end]
        ident = _ATTR_ID.search(attrs)
        where = f"script#{ident.group(1)}" if ident else "script"
        mentions = bool(_LABEL_IN_STATE.search(lowered, start, end))
        if "json" in kind or "__next_data__" in kind or "__nuxt" in kind:
            # application/json, text/json (Sephora's linkStore), __NEXT_DATA__...
            if len(body) > DECODE_LIMIT:
                low = lowered[start:end] if lowered is not page else None
                result.embedded.append(Embedded(None, where, mentions, raw=body, lowered=low))
                continue
            data = loads_lenient(body)
            if data is not None:
                result.embedded.append(Embedded(data, where, mentions))
        elif "src=" not in kind:
            for block in _assignments(body):
                block.mentions_label = mentions
                result.embedded.append(block)
    result.node_hits, result.inline_hits = label_hits(page, lowered, found)
    return result


def _assignments(body: str) -> Iterator[Embedded]:
    """JSON assigned to a name in an inline script (`window.__INITIAL_STATE__ = {...};`)."""
    decoder = json.JSONDecoder()
    for match in _ASSIGNMENT.finditer(body):
        try:
            data, _ = decoder.raw_decode(body, match.end())
        except (ValueError, RecursionError):
            continue  # a JavaScript object literal, not JSON
        if isinstance(data, (dict, list)) and data:
            yield Embedded(data, match.group(1).replace("var ", "").replace("let ", "").replace("const ", "").strip())


def lowered_copy(page: str) -> str:
    """The page in lower case with the same offsets, for fast literal search
    (the page itself in the rare case where lowering changes lengths)."""
    lowered = page.lower()
    return lowered if len(lowered) == len(page) else page


def scripts(page: str, lowered: str) -> Iterator[tuple[str, int, int]]:
    """(attributes, start, end of the body) of every <script>, scanning linearly."""
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
        yield page[start + 7 : tag_end], tag_end + 1, close
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
    """Every mapping inside a decoded JSON value, depth-first, bounded
    (iterative: state blobs hold hundreds of thousands of objects)."""
    stack: list[tuple[Any, int]] = [(node, depth)]
    while stack:
        current, level = stack.pop()
        if level > 40:
            continue
        if isinstance(current, dict):
            yield current
            values = current.values()
        elif isinstance(current, list):
            values = current
        else:
            continue
        children = [(v, level + 1) for v in values if isinstance(v, (dict, list))]
        children.reverse()
        stack.extend(children)



def needle_positions(lowered: str, needles: tuple[str, ...] = _NEEDLES) -> dict[str, list[int]]:
    """Every offset of each needle, found with str.find (much faster than a
    regular expression over a page of several hundred kilobytes)."""
    found: dict[str, list[int]] = {}
    for needle in needles:
        positions = []
        pos = lowered.find(needle)
        while pos >= 0:
            positions.append(pos)
            pos = lowered.find(needle, pos + len(needle))
        found[needle] = positions
    return found


def label_offsets(lowered: str, found: dict[str, list[int]] | None = None) -> list[tuple[int, int]]:
    """(start, end) of label words."""
    found = found if found is not None else needle_positions(lowered)
    spans = []
    for needle in _NEEDLES:
        for pos in found.get(needle, ()):
            if len(spans) >= 4 * MAX_LABEL_HITS:
                break
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
    return sorted(spans)


def label_hits(page: str, lowered: str, found: dict[str, list[int]] | None = None) -> tuple[list[int], list[int]]:
    """Offsets of labels that are a whole text node ("Ingredients",
    "화장품법에 따라 기재해야 하는 모든 성분"), and of inline labels
    ("Ingredients: Aqua, ..."). Each hit is judged by the text node around it."""
    node_hits, inline_hits = [], []
    for start, end in label_offsets(lowered, found):
        if len(node_hits) + len(inline_hits) >= MAX_LABEL_HITS:
            break
        left = lowered.rfind(">", max(0, start - 200), start)
        if left < 0 or lowered.rfind("<", max(0, start - 200), start) > left:
            continue  # inside a tag's attributes, or in a long run of text
        right = lowered.find("<", end, end + 2000)
        node = htmllib.unescape(page[left + 1 : right if right >= 0 else end + 2000]).strip()
        if LABEL_TEXT.match(node):
            node_hits.append(start)
            continue
        inline = LABEL_INLINE.search(node)
        if inline and len(node) - inline.end() >= 12:
            inline_hits.append(start)
    return node_hits, inline_hits
