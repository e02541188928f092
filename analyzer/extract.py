"""Saved product page -> product name/brand and candidate ingredient blocks.

Pages are 200 KB - 3 MB, mostly scripts, menus and reviews. Handing a whole
page to BeautifulSoup costs tens of milliseconds, so a cheap pass first finds
the regions that can hold the list (JSON blocks, elements whose whole text is
an "Ingredients" label, "Ingredients: ..." text) and only those fragments are
parsed. Strategies are tried in order and the first that yields an INCI-like
list wins; the full page is read only when the cheap pass finds nothing.
"""
from __future__ import annotations

import html as htmllib
import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4 import XMLParsedAsHTMLWarning
import warnings

from .knowledge import builtin_knowledge, name_sets
from .match import get_matcher
from .models import ParsedText
from .parse import is_prose, parse_text
from .text import name_key

warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)

STRATEGIES = ("json-ld", "microdata", "embedded-json", "labelled-section", "inline-label", "full-page")

_LABEL_WORDS = (
    r"(?:(?:full|complete|all)\s+)?(?:ingredients?(?:\s+list)?|inci(?:\s+list)?|"
    r"ingr(?:é|&eacute;|&#0*233;|&#x0*e9;|e)dients?(?:\s+complets)?|inhaltsstoffe|zutaten|"
    r"ingredientes|ingredienti|composition|成分|全成分)"
)
# Searched in the lower-cased page: plain literals keep the scan fast.
_LABEL_LEAD = re.compile(r">\s*(?:(?:full|complete|all)\s+)?$")
_LABEL_TEXT = re.compile(rf"^\s*{_LABEL_WORDS}\s*[:：]?\s*$", re.I)
_INLINE_LABEL = re.compile(rf"(?<![\w-]){_LABEL_WORDS}\s*[:：]\s*", re.I)
_KEY_LABEL = re.compile(r"key|hero|star|highlight|active\s+ingredients?\b(?!\s*:)|benefit", re.I)
_JSON_KEY = re.compile(r"ingredient|inci\b|^inci|composition|inhaltsstoffe|ingr[eé]dient", re.I)
_JSON_SKIP_KEY = re.compile(r"key|hero|highlight|star|featured|benefit|free|without|url|link|image|slug|handle|id$", re.I)
_TAG = re.compile(r"<[^>]*>")
_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.I | re.S)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_ITEMPROP_INGREDIENTS = re.compile(r"""itemprop\s*=\s*["']?[^"'>]*\b(?:ingredients?|activeIngredient)\b""", re.I)
_ITEMPROP_PROPERTY = re.compile(r"""itemprop\s*=\s*["']?additionalProperty""", re.I)
_DROP_BLOCKS = re.compile(r"<(script|style|noscript|template|svg|iframe|head|nav|footer|aside)(?=[\s/>]).*?</\1\s*>", re.I | re.S)
_BLOCK_SPLIT = re.compile(
    r"<(?:/?(?:p|div|li|ul|ol|tr|td|th|dd|dt|h[1-6]|section|article|aside|table|details|summary|header|footer|nav|main|form|blockquote|pre)|br)\b[^>]*>",
    re.I,
)
_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "br", "tr", "td", "th", "dd", "dt", "dl", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "aside", "table", "tbody", "thead", "details", "summary", "header", "footer", "nav",
    "main", "form", "blockquote", "pre", "hr",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "button", "select", "option", "input"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

WINDOW_BEFORE = 1500
WINDOW_AFTER = 10000
MAX_LABEL_HITS = 60
MAX_SOUP_BYTES = 2_000_000
MIN_LIKENESS = 0.45


@dataclass
class Product:
    name: str | None = None
    brand: str | None = None

    def to_dict(self) -> dict:
        return {"name": self.name, "brand": self.brand}


@dataclass
class Candidate:
    strategy: str
    text: str
    label: str = ""
    likeness: float = 0.0
    count: int = 0
    parsed: ParsedText | None = None  # the parse that was scored, reused downstream


@dataclass
class Extraction:
    product: Product
    strategy: str | None = None
    candidates: list[Candidate] = field(default_factory=list)  # the chosen ones
    reason: str | None = None  # why nothing was chosen
    considered: int = 0


# -- helpers -----------------------------------------------------------------


def _clean(text: str | None) -> str | None:
    if not text:
        return None
    text = htmllib.unescape(_TAG.sub(" ", str(text)))
    text = re.sub(r"\s+", " ", text).strip()
    return text or None


def _soup(fragment: str) -> BeautifulSoup:
    return BeautifulSoup(fragment, "lxml")


_NEWLINE = object()


def element_text(element: Tag) -> str:
    """Text of an element with block boundaries as new lines (so `<li>`,
    `<br>`, table cells become separators) and inline tags glued. Iterative,
    so absurdly deep markup cannot exhaust the stack."""
    return nodes_text([element])


def nodes_text(nodes: list[Any]) -> str:
    parts: list[str] = []
    stack: list[Any] = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if node is _NEWLINE:
            parts.append("\n")
        elif isinstance(node, NavigableString):
            if type(node) is NavigableString:
                parts.append(str(node))
        elif isinstance(node, Tag) and node.name not in _SKIP_TAGS:
            if node.name in _BLOCK_TAGS:
                parts.append("\n")
                stack.append(_NEWLINE)
            stack.extend(reversed(node.contents))
    text = re.sub(r"[ \t\r\f\v]+", " ", "".join(parts))
    return re.sub(r"\s*\n\s*", "\n", text).strip()


def _table_text(table: Tag) -> str:
    """The ingredient column of a table (the one headed Ingredient/INCI/Name, else the first)."""
    rows = table.find_all("tr")
    column = 0
    if rows:
        header = [c.get_text(" ", strip=True) for c in rows[0].find_all(["th", "td"])]
        for i, cell in enumerate(header):
            if re.search(r"ingredient|inci|name|nom|bestandteil|ingrediente", cell, re.I):
                column = i
                break
        if rows[0].find("th") or any(re.search(r"ingredient|inci|function", c, re.I) for c in header):
            rows = rows[1:]
    cells = []
    for row in rows:
        found = row.find_all(["td", "th"])
        if len(found) > column:
            cells.append(found[column].get_text(" ", strip=True))
    return "\n".join(c for c in cells if c)


def _panel_text(element: Tag) -> str:
    tables = element.find_all("table") if element.name != "table" else [element]
    if element.name == "table":
        return _table_text(element)
    text = element_text(element)
    if tables and len(tables) == 1:
        table_part = _table_text(tables[0])
        if table_part:
            return table_part
    return text


# -- metadata ----------------------------------------------------------------


def lowered_copy(page: str) -> str:
    """The page in lower case with the same offsets, for fast literal search
    (the page itself in the rare case where lowering changes lengths)."""
    lowered = page.lower()
    return lowered if len(lowered) == len(page) else page


def _scripts(page: str, lowered: str) -> Iterator[tuple[str, str]]:
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


def _walk_json(node: Any, depth: int = 0) -> Iterator[dict]:
    if depth > 40:
        return
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk_json(value, depth + 1)
    elif isinstance(node, list):
        for value in node:
            yield from _walk_json(value, depth + 1)


def _is_product(item: dict) -> bool:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.split("/")[-1] in ("Product", "ProductGroup", "IndividualProduct") for k in kinds)


def _brand_name(brand: Any) -> str | None:
    if isinstance(brand, list) and brand:
        brand = brand[0]
    if isinstance(brand, dict):
        brand = brand.get("name")
    return _clean(brand) if isinstance(brand, str) else None


def _meta_tags(page: str) -> dict[str, str]:
    metas: dict[str, str] = {}
    for tag in _META.findall(page[:300_000]):
        attrs = {k.lower(): v.strip("\"'") for k, v in _ATTR.findall(tag)}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key and "content" in attrs and key not in metas:
            metas[key] = htmllib.unescape(attrs["content"]).strip()
    return metas


def _strip_site(title: str | None, site: str | None, brand: str | None) -> str | None:
    if not title:
        return None
    parts = [p.strip() for p in re.split(r"\s+[|–—·-]\s+|\s+::\s+", title) if p.strip()]
    if len(parts) > 1:
        drop = {s.casefold() for s in (site,) if s}
        kept = [p for p in parts if p.casefold() not in drop]
        if len(kept) > 1:
            kept = kept[:1] if not brand or kept[0].casefold() != brand.casefold() else kept[:2]
            if brand and kept[0].casefold() == brand.casefold() and len(kept) > 1:
                kept = kept[1:]
        return kept[0] if kept else parts[0]
    return title


_ITEMPROP_BRAND = re.compile(r"""itemprop\s*=\s*["']?brand\b""", re.I)


def _microdata_brand(page: str) -> str | None:
    match = _ITEMPROP_BRAND.search(page)
    if not match:
        return None
    soup = _soup(_window(page, match.start(), before=300, after=1500))
    element = soup.find(attrs={"itemprop": re.compile(r"^brand$", re.I)})
    if element is None:
        return None
    if element.get("content"):
        return _clean(element["content"])
    inner = element.find(attrs={"itemprop": "name"})
    if inner is not None:
        return _clean(inner.get("content") or inner.get_text(" ", strip=True))
    return _clean(element.get_text(" ", strip=True))


def _embedded_brand(blocks: list[Any]) -> str | None:
    for data in blocks:
        for item in _walk_json(data):
            brand = item.get("brand") or item.get("vendor")
            found = _clean(brand) if isinstance(brand, str) else _brand_name(brand)
            if found:
                return found
    return None


_BRAND_WORD = r"(?:brand|marke|marque|marca)\s*:?"
_BRAND_LABEL = re.compile(rf">\s*{_BRAND_WORD}\s*<", re.I)
_BRAND_TEXT = re.compile(rf"^\s*{_BRAND_WORD}\s*$", re.I)
_STORE_BYLINE = re.compile(r">\s*(?:Visit the|Besuchen Sie den|Visitez la boutique)\s+([^<]{1,60}?)\s+(?:Store|Shop|-Store)\s*<", re.I)


def _labelled_brand(page: str) -> str | None:
    """Marketplaces: a "Brand" row in a details table, or a "Visit the X Store" byline."""
    byline = _STORE_BYLINE.search(page)
    if byline:
        return _clean(byline.group(1))
    match = _BRAND_LABEL.search(page)
    if not match:
        return None
    soup = _soup(_window(page, match.start(), before=200, after=800))
    for string in soup.find_all(string=_BRAND_TEXT):
        cell = string.parent
        sibling = cell.find_next_sibling(["td", "dd", "span", "div"]) if isinstance(cell, Tag) else None
        if sibling is None and isinstance(cell, Tag) and cell.parent is not None:
            sibling = cell.parent.find_next_sibling(["td", "dd", "span", "div"])
        text = _clean(sibling.get_text(" ", strip=True)) if sibling is not None else None
        if text and len(text) <= 60:
            return text
    return None


def product_info(page: str, json_ld: list[Any], embedded: list[Any] | None = None) -> Product:
    product = Product()
    metas = _meta_tags(page)
    for data in json_ld:
        for item in _walk_json(data):
            if _is_product(item):
                product.name = product.name or _clean(item.get("name") if isinstance(item.get("name"), str) else None)
                product.brand = product.brand or _brand_name(item.get("brand")) or _brand_name(item.get("manufacturer"))
    if product.name:
        product.name = _strip_site(product.name, metas.get("og:site_name"), product.brand)
    product.brand = product.brand or next(
        (_clean(metas[k]) for k in ("product:brand", "og:brand", "brand", "og:product:brand") if metas.get(k)), None
    )
    product.brand = product.brand or _microdata_brand(page) or _embedded_brand(embedded or []) or _labelled_brand(page)
    if not product.name:
        h1 = _H1.search(page)
        product.name = _clean(h1.group(1)) if h1 else None
    if not product.name:
        product.name = _strip_site(_clean(metas.get("og:title")), metas.get("og:site_name"), product.brand)
    if not product.name:
        title = _TITLE.search(page[:300_000])
        product.name = _strip_site(_clean(title.group(1)) if title else None, metas.get("og:site_name"), product.brand)
    if product.name and len(product.name) > 200:
        product.name = product.name[:200].rstrip() + "…"
    return product


# -- candidate assessment ----------------------------------------------------


def likeness(text: str, kb=None, fuzzy: bool = True, parsed: ParsedText | None = None) -> tuple[float, int]:
    """How INCI-like a block is: the share of its items that are known names
    (ordinary or active) or INCI-shaped, and how many items it has."""
    if parsed is None:
        parsed = parse_text(text, kb=kb)
    items = parsed.ingredients
    if not items:
        return 0.0, 0
    known = name_sets(kb or builtin_knowledge())[0]
    matcher = get_matcher(kb, fuzzy=fuzzy)
    points = 0.0
    for ing in items:
        key = name_key(ing.name)
        if key in known or any(name_key(a) in known for a in ing.aliases) or matcher.match(ing):
            points += 1
        elif re.search(r"\b(extract|oil|acid|butter|water|glycol|ate|ide|ine|ol|ose|wax|gum|powder|ferment|filtrate|ci \d{5})$", key):
            points += 0.6
        elif len(key.split()) <= 5:
            points += 0.15
    # Sentences the parser dropped mean prose with a few name-like fragments.
    kept = sum(len(raw) for raw in {i.raw for i in items})
    coverage = min(1.0, kept / max(1, len(re.sub(r"[\s,;.]+", "", text))))
    penalty = min(1.0, coverage / 0.6)
    return penalty * points / len(items), len(items)


def _text_after_label(text: str) -> str:
    match = _INLINE_LABEL.search(text)
    return text[match.end():] if match else text


# -- strategies --------------------------------------------------------------


def _from_json_ld(json_ld: list[Any]) -> Iterator[Candidate]:
    for data in json_ld:
        for item in _walk_json(data):
            for key, value in item.items():
                if isinstance(key, str) and _JSON_KEY.search(key) and not _JSON_SKIP_KEY.search(key):
                    yield from _json_value_candidates("json-ld", value, key)
            prop_name = item.get("name")
            if (
                item.get("@type") in ("PropertyValue", "http://schema.org/PropertyValue")
                and isinstance(prop_name, str)
                and _LABEL_TEXT.match(prop_name)
            ):
                yield from _json_value_candidates("json-ld", item.get("value"), prop_name)
            if _is_product(item):
                for key in ("description", "disambiguatingDescription"):
                    value = item.get(key)
                    if isinstance(value, str) and _INLINE_LABEL.search(value):
                        yield Candidate("json-ld", _text_after_label(_html_to_text(value)), key)


def _html_to_text(value: str) -> str:
    if "<" in value and ">" in value:
        return element_text(_soup(value))
    return htmllib.unescape(value)


def _json_value_candidates(strategy: str, value: Any, label: str) -> Iterator[Candidate]:
    if isinstance(value, str) and value.strip():
        text = _html_to_text(value)
        yield Candidate(strategy, _text_after_label(text) if _INLINE_LABEL.search(text[:200]) else text, label)
    elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        yield Candidate(strategy, "\n".join(_html_to_text(v) for v in value), label)
    elif isinstance(value, list):
        names = [v.get("name") for v in value if isinstance(v, dict) and isinstance(v.get("name"), str)]
        if names:
            yield Candidate(strategy, "\n".join(names), label)
    elif isinstance(value, dict):
        for key in ("value", "text", "html", "content", "list"):
            if key in value:
                yield from _json_value_candidates(strategy, value[key], label)


def _from_embedded_json(blocks: list[Any]) -> Iterator[Candidate]:
    for data in blocks:
        for item in _walk_json(data):
            for key, value in item.items():
                if not isinstance(key, str):
                    continue
                if _JSON_KEY.search(key) and not _JSON_SKIP_KEY.search(key):
                    yield from _json_value_candidates("embedded-json", value, key)
                elif isinstance(value, str) and len(value) > 40 and _mentions_label(value):
                    # Shopify body_html / descriptions carrying "Ingredients: ..." text.
                    for candidate in _candidates_in_html_string(value):
                        candidate.strategy = "embedded-json"
                        yield candidate
            # {"title": "Ingredients", "content": "..."}: tabs described as data
            title = item.get("title") or item.get("label") or item.get("name") or item.get("heading")
            if isinstance(title, str) and _LABEL_TEXT.match(title):
                for key in ("content", "body", "text", "value", "html", "description"):
                    if key in item:
                        yield from _json_value_candidates("embedded-json", item[key], title)


def _mentions_label(value: str) -> bool:
    if _INLINE_LABEL.search(value):
        return True
    return "<" in value and bool(_label_offsets(value.lower()))


def _candidates_in_html_string(value: str) -> Iterator[Candidate]:
    if "<" in value:
        soup = _soup(value)
        yield from _label_candidates_in_soup(soup, "labelled-section")
        text = element_text(soup)
    else:
        text = htmllib.unescape(value)
    match = _INLINE_LABEL.search(text)
    if match:
        yield Candidate("inline-label", text[match.end():].split("\n\n")[0], match.group(0))


def _window(page: str, start: int, before: int = WINDOW_BEFORE, after: int = WINDOW_AFTER) -> str:
    left = max(0, start - before)
    tag = page.find("<", left, start)
    if tag >= 0:
        left = tag
    return page[left : start + after]


_NEEDLES = ("ingr", "inci", "inhaltsstoffe", "zutaten", "composition", "成分")
_AFTER_INGR = re.compile(r"(?:e|é|&eacute;|&#0*233;|&#x0*e9;)dient")


def _label_offsets(lowered: str) -> list[tuple[int, int]]:
    """(start, end) of label words, found with str.find: much faster than a
    regular expression over a page of several hundred kilobytes."""
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


def _label_hits(page: str, lowered: str) -> tuple[list[int], list[int]]:
    """Offsets of labels that are a whole text node, and of inline labels."""
    node_hits, inline_hits = [], []
    for start, end in _label_offsets(lowered):
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


_NAVIGATION = re.compile(r"\b(?:nav|menu|breadcrumbs?|footer|site-header|mega|sidebar|widget|cat-item|tags?)\b", re.I)


def _is_navigation(label: Tag) -> bool:
    """A link to another page, or anything inside menus and footers, is
    navigation ("Shop by ingredient"), not the label of a section."""
    if _target_id(label):
        return False  # a tab or accordion control for a panel on this page
    node: Tag | None = label
    depth = 0
    while isinstance(node, Tag) and node.name not in ("body", "html", "[document]") and depth < 12:
        if node.name in ("nav", "footer", "header", "aside"):
            return True
        if node.name == "a":
            href = node.get("href")
            if isinstance(href, str) and href.strip() and not href.strip().startswith(("#", "javascript")):
                return True
        classes = " ".join(node.get("class") or []) + " " + str(node.get("id") or "")
        if classes.strip() and _NAVIGATION.search(classes.replace("_", "-")):
            return True
        node = node.parent
        depth += 1
    return False


def _label_elements(soup: BeautifulSoup) -> list[Tag]:
    found = []
    for string in soup.find_all(string=_LABEL_TEXT):
        parent = string.parent
        if isinstance(parent, Tag) and _is_navigation(parent):
            continue
        if isinstance(parent, Tag) and parent.name not in _SKIP_TAGS | {"title", "option"}:
            found.append(parent)
        elif isinstance(parent, Tag) and parent.name == "button":
            found.append(parent)
    return found


def _target_id(label: Tag) -> str | None:
    node: Tag | None = label
    for _ in range(4):
        if node is None or not isinstance(node, Tag):
            break
        for attr in ("aria-controls", "data-target", "data-bs-target", "href", "data-tab", "data-href"):
            value = node.get(attr)
            if isinstance(value, str) and value.strip():
                value = value.strip()
                if attr == "href" and not value.startswith("#"):
                    continue
                parts = value.lstrip("#").split()
                if parts:
                    return parts[0]
        node = node.parent
    return None


def _panel_for(label: Tag, soup: BeautifulSoup, page: str | None) -> Tag | str | None:
    summary = label if label.name == "summary" else label.find_parent("summary")
    if summary is not None and summary.parent is not None:
        details = summary.parent
        return nodes_text([c for c in details.children if c is not summary])
    target = _target_id(label)
    if target:
        panel = soup.find(id=target)
        if panel is None and page is not None:
            at = page.find(f'id="{target}"')
            if at < 0:
                at = page.find(f"id='{target}'")
            if at >= 0:
                panel = _soup(_window(page, at, before=200)).find(id=target)
        if isinstance(panel, Tag):
            inner = _label_inside(panel)
            return inner if inner is not None else panel
    cell = label if label.name in ("dt", "th", "td") else label.find_parent(["dt", "th"])
    if cell is not None:
        sibling = cell.find_next_sibling(["dd", "td"])
        if sibling is not None:
            return sibling
    # The label's own block: climb while the parent holds nothing but the label.
    label_text = label.get_text(" ", strip=True)
    block = label
    while block.parent is not None and isinstance(block.parent, Tag) and block.parent.name not in ("body", "html", "[document]"):
        if block.parent.get_text(" ", strip=True) != label_text:
            break
        block = block.parent
    # Text after an inline label inside the same parent (<p><b>Ingredients:</b> Aqua, ...</p>).
    parent = block.parent
    inline = block.name not in _BLOCK_TAGS and block.name not in _HEADINGS
    if inline and isinstance(parent, Tag) and parent.name not in ("body", "html", "[document]"):
        after: list[Any] = []
        seen = False
        for child in parent.children:
            if child is block:
                seen = True
                continue
            if seen:
                if isinstance(child, Tag) and child.name in _HEADINGS:
                    break
                after.append(child)
        text = nodes_text(after)
        if len(text) >= 15:
            return text
    # Otherwise the following siblings, up to the next heading or label.
    collected: list[str] = []
    for sibling in block.find_next_siblings(limit=6):
        if sibling.name in _HEADINGS or _LABEL_TEXT.match(sibling.get_text(" ", strip=True) or "x"):
            if collected:
                break
            if sibling.name in _HEADINGS:
                break
        collected.append(_panel_text(sibling))
        if sum(len(c) for c in collected) > 80:
            break
    return "\n".join(collected) if collected else None


def _label_inside(panel: Tag) -> str | None:
    """A tab panel often repeats its label as a heading: read what follows it."""
    for label in _label_elements(panel):
        if label is panel:
            continue
        rest = _panel_for(label, panel, None)
        if isinstance(rest, Tag):
            rest = _panel_text(rest)
        if rest and len(rest) > 15:
            return rest
    return None


def _label_candidates_in_soup(soup: BeautifulSoup, strategy: str, page: str | None = None) -> Iterator[Candidate]:
    for label in _label_elements(soup):
        label_text = label.get_text(" ", strip=True)
        panel = _panel_for(label, soup, page)
        if panel is None:
            continue
        text = _panel_text(panel) if isinstance(panel, Tag) else panel
        if text and text.strip():
            yield Candidate(strategy, text, label_text)


def _from_labels(page: str, node_hits: list[int]) -> Iterator[Candidate]:
    covered = -1
    for offset in node_hits:
        if offset < covered:
            continue
        fragment = _window(page, offset)
        covered = offset + WINDOW_AFTER // 2
        yield from _label_candidates_in_soup(_soup(fragment), "labelled-section", page)


def _from_inline(page: str, inline_hits: list[int]) -> Iterator[Candidate]:
    for offset in inline_hits:
        soup = _soup(_window(page, offset, before=600, after=12000))
        for string in soup.find_all(string=_INLINE_LABEL):
            parent = string.parent
            if not isinstance(parent, Tag) or parent.name in _SKIP_TAGS:
                continue
            match = _INLINE_LABEL.search(str(string))
            head = str(string)[match.end():]
            # The list may go on past inline tags (<em>, <a>) inside the same element.
            rest = []
            for sibling in string.next_siblings:
                if isinstance(sibling, Tag) and sibling.name in _BLOCK_TAGS - {"br"}:
                    break
                rest.append(element_text(sibling) if isinstance(sibling, Tag) else str(sibling))
            yield Candidate("inline-label", head + "".join(rest), match.group(0).strip())


def _from_microdata(page: str) -> Iterator[Candidate]:
    if "itemprop" not in page:
        return
    for match in _ITEMPROP_INGREDIENTS.finditer(page):
        soup = _soup(_window(page, match.start(), before=300, after=12000))
        for element in soup.find_all(attrs={"itemprop": re.compile(r"ingredient|activeIngredient", re.I)}):
            text = element.get("content") or _panel_text(element)
            if text:
                yield Candidate("microdata", _text_after_label(text), element.get("itemprop"))
        break
    for match in _ITEMPROP_PROPERTY.finditer(page):
        soup = _soup(_window(page, match.start(), before=300, after=8000))
        for prop in soup.find_all(attrs={"itemprop": "additionalProperty"}):
            name = prop.find(attrs={"itemprop": "name"})
            value = prop.find(attrs={"itemprop": "value"})
            name_text = (name.get("content") or name.get_text(" ", strip=True)) if name else ""
            if value is not None and _LABEL_TEXT.match(name_text or ""):
                yield Candidate("microdata", value.get("content") or _panel_text(value), name_text)
        break


def _text_blocks(page: str) -> Iterator[str]:
    """Full-page fallback: text blocks of the page without scripts and styles."""
    stripped = _DROP_BLOCKS.sub(" ", page)
    if len(stripped) <= MAX_SOUP_BYTES:
        soup = _soup(stripped)
        for element in soup.find_all(["p", "div", "td", "dd", "section", "ul", "ol", "table"]):
            if element.name not in ("ul", "ol", "table") and element.find(["p", "div", "section", "table", "ul"]):
                continue
            text = _panel_text(element)
            if 30 <= len(text) <= 30000 and text.count(",") + text.count("\n") >= 4:
                yield text
    else:
        for chunk in _BLOCK_SPLIT.split(stripped):
            text = _clean(chunk)
            if text and 30 <= len(text) <= 30000 and text.count(",") >= 4:
                yield text


# -- driver ------------------------------------------------------------------


def _accept(candidates: Iterator[Candidate], limit: int = 40, kb=None, fuzzy: bool = True) -> list[Candidate]:
    good: list[Candidate] = []
    for n, candidate in enumerate(candidates):
        if n >= limit:
            break
        text = candidate.text.strip()
        head = text[:200]
        if not text or (len(text) > 200 and is_prose(head) and not any(sep in head for sep in ",;\n•")):
            continue
        candidate.parsed = parse_text(text, kb=kb)
        candidate.likeness, candidate.count = likeness(text, kb, fuzzy, candidate.parsed)
        # A short list counts when every item is a known name and a label said so.
        short_ok = candidate.strategy != "full-page" and candidate.likeness >= 0.99
        if (candidate.count >= 3 or (candidate.count >= 1 and short_ok)) and candidate.likeness >= MIN_LIKENESS:
            good.append(candidate)
    return good


def _choose(good: list[Candidate]) -> list[Candidate]:
    """The best list, plus other distinct full lists (kits); duplicates dropped."""
    if not good:
        return []
    ranked = sorted(good, key=lambda c: (c.likeness * min(1.0, c.count / 8), c.count), reverse=True)
    best = ranked[0]
    chosen = [best]
    seen = {_signature(best)}
    for candidate in ranked[1:]:
        sig = _signature(candidate)
        if sig in seen or any(sig <= s or s <= sig for s in seen if isinstance(s, frozenset)):
            continue
        if candidate.count >= 8 and candidate.likeness >= 0.6 and candidate.label.casefold() == best.label.casefold():
            chosen.append(candidate)
            seen.add(sig)
    return chosen


def _signature(candidate: Candidate) -> frozenset[str]:
    return frozenset(name_key(i.name) for i in candidate.parsed.ingredients)


def extract(page: str, kb=None, fuzzy: bool = True) -> Extraction:
    """Find the product and its ingredient list(s) in a saved page; `kb` (a
    user's --kb base) decides which names count as known."""
    json_ld, embedded = [], []
    lowered_page = lowered_copy(page)
    for attrs, body in _scripts(page, lowered_page):
        lowered = attrs.lower()
        if "ld+json" in lowered:
            data = loads_lenient(body)
            if data is not None:
                json_ld.append(data)
        elif "application/json" in lowered or "__next_data__" in lowered or "__nuxt" in lowered:
            data = loads_lenient(body)
            if data is not None:
                embedded.append(data)
    result = Extraction(product=product_info(page, json_ld, embedded))
    node_hits, inline_hits = _label_hits(page, lowered_page)
    saw_label = bool(node_hits)
    strategies = (
        ("json-ld", lambda: _from_json_ld(json_ld)),
        ("microdata", lambda: _from_microdata(page)),
        ("embedded-json", lambda: _from_embedded_json(embedded)),
        ("labelled-section", lambda: _from_labels(page, node_hits)),
        ("inline-label", lambda: _from_inline(page, inline_hits)),
    )
    for name, run in strategies:
        good = _accept(run(), kb=kb, fuzzy=fuzzy)
        result.considered += 1
        if good:
            result.strategy = name
            result.candidates = _choose(good)
            return result
    good = _accept((Candidate("full-page", t) for t in _text_blocks(page)), limit=400, kb=kb, fuzzy=fuzzy)
    if good:
        result.strategy = "full-page"
        result.candidates = _choose(good)
        return result
    if saw_label:
        result.reason = "an 'Ingredients' section was found, but it holds no ingredient list"
    else:
        result.reason = "no ingredient list found on the page"
    return result
