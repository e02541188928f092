"""Why a page has no list: a bot check, a product that is gone, a listing of
many products, a tool. Judged only when no strategy found a list, from the
page's visible text nodes (never from script strings, which hold every
message a shop might show)."""
from __future__ import annotations

import html as htmllib
import re

from .prescan import PageScan
from .product import is_product

# Reasons that say the page is not one product's page.
NOT_A_PRODUCT = ("a bot check", "the shop says the product is not available", "a listing")
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_BOT = re.compile(
    r"just a moment|checking (?:your|if the site connection is) (?:browser|secure)|attention required|are you a (?:human|robot)|"
    r"verify (?:you are|that you are) (?:a )?human|robot check|security check|access denied|request blocked|"
    r"pardon our interruption|please enable (?:javascript and )?cookies|ddos protection|one more step",
    re.I,
)
_GONE = re.compile(
    r"(?:product|item|page|article)\s+(?:is\s+)?(?:no\s+longer|not|currently\s+not|currently\s+un)\s*available|"
    r"sorry,?\s+this\s+product|has\s+been\s+discontinued|no\s+longer\s+(?:sold|carried|available)|"
    r"nicht\s+(?:mehr\s+)?(?:verfügbar|lieferbar)|n'est\s+plus\s+disponible|ya\s+no\s+está\s+disponible|non\s+è\s+più\s+disponibile|"
    r"page\s+(?:not\s+found|introuvable)|seite\s+nicht\s+gefunden|판매\s*종료|販売終了|已下架",
    re.I,
)
_TOOL = re.compile(
    r"\b(?:led|razor|razors|blades?|devices?|tool|tools|brush(?:es)?|roller|gua\s*sha|sponge|mirror|led\s+(?:mask|light|device)|"
    r"blanket|tweezers?|applicator|headband|bag|pouch|wand|massager|microcurrent|dermaplan\w*|sleep\s*mask|silk\s+pillowcase|"
    r"scrunchie|eyelash\s+curler|sharpener|cotton\s+pads?|supplement|capsules?|gummies)\b",
    re.I,
)
_PRICE = re.compile(r"[£$€¥₩]\s?\d{1,4}(?:[.,]\d{2})?|\d{1,4}[.,]\d{2}\s?(?:€|eur|usd)\b", re.I)
_ADD = re.compile(r"add\s+to\s+(?:bag|basket|cart)|in\s+den\s+(?:warenkorb|einkaufswagen)|ajouter\s+au\s+panier", re.I)
_FACET = re.compile(r"\(\d[\d,.]*\)")


_INVISIBLE = re.compile(r"<(script|style|noscript|template|svg)(?=[\s/>]).*?</\1\s*>", re.I | re.S)
_ANY_TAG = re.compile(r"<[^>]*>")
_BLANKS = re.compile(r"[ \t\r\f\v]*\n[\s]*")


def visible_text(page: str, lowered: str | None = None, limit: int = 400_000) -> str:
    """The text nodes of a page outside scripts and styles, one per line (cheap:
    regular expressions, no parse tree)."""
    text = _INVISIBLE.sub(" ", page[:limit])
    text = _ANY_TAG.sub("\n", text)
    return htmllib.unescape(_BLANKS.sub("\n", text)).strip()


def no_list_reason(scan: PageScan, saw_label: bool, product_name: str | None) -> str:
    title_match = _TITLE.search(scan.page[:300_000])
    title = htmllib.unescape(title_match.group(1)).strip() if title_match else ""
    text = visible_text(scan.page, scan.lowered)
    head = text[:3000]
    if _BOT.search(title) or (len(text) < 4000 and _BOT.search(head)):
        return f"a bot check page ({title or 'challenge'!r}), not the product page: the shop did not serve the product"
    gone = _GONE.search(text)
    if gone:
        return f"the shop says the product is not available ({gone.group(0)!r}), so there is no list"
    products = _listing_size(scan, text)
    if products >= 8 and not any(is_product(item) for item in _json_ld_items(scan)):
        return f"a listing or category page (about {products} products), not one product's page"
    name = product_name or title
    tool = _TOOL.search(name or "")
    if tool:
        return f"no list: the page sells a tool or accessory ({tool.group(0)}), which has no ingredients"
    if saw_label:
        return "an 'Ingredients' section was found, but it holds no ingredient list"
    return "no ingredient list found on the page"


def _listing_size(scan: PageScan, text: str) -> int:
    for item in _json_ld_items(scan):
        kind = item.get("@type")
        if kind in ("ItemList", "OfferCatalog", "CollectionPage") and isinstance(item.get("itemListElement"), list):
            return len(item["itemListElement"])
    adds = len(_ADD.findall(text))
    prices = len(_PRICE.findall(text))
    facets = len(_FACET.findall(text))
    return max(adds, prices // 2 if facets >= 4 else 0)


def _json_ld_items(scan: PageScan):
    from .prescan import walk_json

    for data in scan.json_ld:
        yield from walk_json(data)
