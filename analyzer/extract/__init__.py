"""Saved product page -> product name/brand and candidate ingredient blocks.

Pages are 200 KB - 3 MB, mostly scripts, menus and reviews. Handing a whole
page to BeautifulSoup costs tens of milliseconds, so a cheap pre-scan first
finds the regions that can hold the list (JSON blocks, elements whose whole
text is an "Ingredients" label, "Ingredients: ..." text) and only those
fragments are parsed. Strategies, one module each, are tried in the order of
STRATEGIES and the first that yields an INCI-like list wins; the full page is
read only when nothing else found a list.
"""
from __future__ import annotations

from . import embedded_json, full_page, inline_label, json_ld, labelled_section, microdata
from .candidates import Candidate, Extraction, accept, choose, likeness, with_drug_facts
from .claims import page_claims
from ..models import Product
from .pagekind import NOT_A_PRODUCT, no_list_reason
from .prescan import loads_lenient, scan
from .product import page_title, product_info

STRATEGIES = (json_ld, microdata, embedded_json, labelled_section, inline_label, full_page)
STRATEGY_NAMES = tuple(s.NAME for s in STRATEGIES)

__all__ = ["Candidate", "Extraction", "STRATEGIES", "STRATEGY_NAMES", "extract", "likeness", "loads_lenient"]


def extract(page: str, analyzer=None) -> Extraction:
    """Find the product and its ingredient list(s) in a saved page; the
    Analyzer (default: the shared one) decides which names count as known."""
    if analyzer is None:
        from ..core import shared_analyzer

        analyzer = shared_analyzer()
    page_scan = scan(page)
    result = Extraction(product=product_info(page_scan))
    for strategy in STRATEGIES:
        if strategy is full_page:
            # The last resort reads every text block: not on a page that is
            # a bot check, a product that is gone or a listing.
            result.reason = no_list_reason(page_scan, page_scan.saw_label, result.product.name)
            if result.reason.startswith(NOT_A_PRODUCT):
                result.product = Product() if not result.reason.startswith("a listing") else result.product
                return result
        good = with_drug_facts(accept(strategy.candidates(page_scan), analyzer, limit=strategy.LIMIT), analyzer)
        result.considered += 1
        if good:
            result.strategy = strategy.NAME
            result.candidates = choose(good)
            result.reason = None
            break
    result.claims = page_claims(page_scan, analyzer)
    result.title = page_title(page)
    return result
