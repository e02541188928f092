"""The product's name and brand, from JSON-LD, meta tags, microdata, embedded
JSON, a "Brand" row, the <h1> or the <title>."""
from __future__ import annotations

import html as htmllib
import re
from typing import Any

from bs4 import Tag

from ..models import Product
from .html import clean, soup, window
from .prescan import PageScan, walk_json

_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.I | re.S)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_ITEMPROP_BRAND = re.compile(r"""itemprop\s*=\s*["']?brand\b""", re.I)
_BRAND_WORD = r"(?:brand|marke|marque|marca)\s*:?"
_BRAND_LABEL = re.compile(rf">\s*{_BRAND_WORD}\s*<", re.I)
_BRAND_TEXT = re.compile(rf"^\s*{_BRAND_WORD}\s*$", re.I)
_STORE_BYLINE = re.compile(r">\s*(?:Visit the|Besuchen Sie den|Visitez la boutique)\s+([^<]{1,60}?)\s+(?:Store|Shop|-Store)\s*<", re.I)


def is_product(item: dict) -> bool:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.split("/")[-1] in ("Product", "ProductGroup", "IndividualProduct") for k in kinds)


def _brand_name(brand: Any) -> str | None:
    if isinstance(brand, list) and brand:
        brand = brand[0]
    if isinstance(brand, dict):
        brand = brand.get("name")
    return clean(brand) if isinstance(brand, str) else None


def meta_tags(page: str) -> dict[str, str]:
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


def _microdata_brand(page: str) -> str | None:
    match = _ITEMPROP_BRAND.search(page)
    if not match:
        return None
    element = soup(window(page, match.start(), before=300, after=1500)).find(attrs={"itemprop": re.compile(r"^brand$", re.I)})
    if element is None:
        return None
    if element.get("content"):
        return clean(element["content"])
    inner = element.find(attrs={"itemprop": "name"})
    if inner is not None:
        return clean(inner.get("content") or inner.get_text(" ", strip=True))
    return clean(element.get_text(" ", strip=True))


def _embedded_brand(blocks: list[Any]) -> str | None:
    """The brand named in application state, when it names one brand only (a
    listing's state names the brand of every tile)."""
    brands: list[str] = []
    for data in blocks:
        for item in walk_json(data):
            brand = item.get("brand") or item.get("vendor")
            found = clean(brand) if isinstance(brand, str) else _brand_name(brand)
            if found and found not in brands:
                brands.append(found)
                if len(brands) > 1:
                    return None
    return brands[0] if brands else None


def _labelled_brand(page: str) -> str | None:
    """Marketplaces: a "Brand" row in a details table, or a "Visit the X Store" byline."""
    byline = _STORE_BYLINE.search(page)
    if byline:
        return clean(byline.group(1))
    match = _BRAND_LABEL.search(page)
    if not match:
        return None
    fragment = soup(window(page, match.start(), before=200, after=800))
    for string in fragment.find_all(string=_BRAND_TEXT):
        cell = string.parent
        sibling = cell.find_next_sibling(["td", "dd", "span", "div"]) if isinstance(cell, Tag) else None
        if sibling is None and isinstance(cell, Tag) and cell.parent is not None:
            sibling = cell.parent.find_next_sibling(["td", "dd", "span", "div"])
        text = clean(sibling.get_text(" ", strip=True)) if sibling is not None else None
        if text and len(text) <= 60:
            return text
    return None


def page_title(page: str) -> str | None:
    title = _TITLE.search(page[:300_000])
    return clean(title.group(1)) if title else None


def _breadcrumb(scan: PageScan, metas: dict[str, str]) -> str | None:
    """The shop's category path, from a JSON-LD BreadcrumbList or a
    product's `category`: it tells a sheet mask or a cleanser apart."""
    for data in scan.json_ld:
        for item in walk_json(data):
            kind = item.get("@type")
            if kind == "BreadcrumbList" and isinstance(item.get("itemListElement"), list):
                names = []
                for element in item["itemListElement"]:
                    if not isinstance(element, dict):
                        continue
                    inner = element.get("item")
                    name = element.get("name") or (inner.get("name") if isinstance(inner, dict) else None)
                    if isinstance(name, str) and clean(name):
                        names.append(clean(name))
                if names:
                    return " > ".join(names)[:300]
            if is_product(item) and isinstance(item.get("category"), str) and clean(item["category"]):
                return clean(item["category"])[:300]
    category = metas.get("product:category") or metas.get("og:product:category")
    return clean(category)[:300] if category and clean(category) else None


def product_info(scan: PageScan) -> Product:
    page = scan.page
    product = Product()
    metas = meta_tags(page)
    for data in scan.json_ld:
        for item in walk_json(data):
            if is_product(item):
                product.name = product.name or clean(item.get("name") if isinstance(item.get("name"), str) else None)
                product.brand = product.brand or _brand_name(item.get("brand")) or _brand_name(item.get("manufacturer"))
    if product.name:
        product.name = _strip_site(product.name, metas.get("og:site_name"), product.brand)
    product.brand = product.brand or next(
        (clean(metas[k]) for k in ("product:brand", "og:brand", "brand", "og:product:brand") if metas.get(k)), None
    )
    product.brand = product.brand or _microdata_brand(page) or _embedded_brand([block.data for block in scan.embedded]) or _labelled_brand(page)
    if not product.name:
        h1 = _H1.search(page)
        product.name = clean(h1.group(1)) if h1 else None
    if not product.name:
        product.name = _strip_site(clean(metas.get("og:title")), metas.get("og:site_name"), product.brand)
    if not product.name:
        title = _TITLE.search(page[:300_000])
        product.name = _strip_site(clean(title.group(1)) if title else None, metas.get("og:site_name"), product.brand)
    product.category = _breadcrumb(scan, metas)
    if product.name and len(product.name) > 200:
        product.name = product.name[:200].rstrip() + "…"
    return product
