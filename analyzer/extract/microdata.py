"""Microdata: `itemprop="ingredients"` or an `additionalProperty` named Ingredients."""
from __future__ import annotations

import re
from typing import Iterator

from ..labels import LABEL_TEXT
from .candidates import Candidate, text_after_label
from .html import panel_text, soup, window
from .prescan import PageScan

NAME = "microdata"
LIMIT = 40

_ITEMPROP_INGREDIENTS = re.compile(r"""itemprop\s*=\s*["']?[^"'>]*\b(?:ingredients?|activeIngredient)\b""", re.I)
_ITEMPROP_PROPERTY = re.compile(r"""itemprop\s*=\s*["']?additionalProperty""", re.I)


def candidates(scan: PageScan) -> Iterator[Candidate]:
    page = scan.page
    if "itemprop" not in page:
        return
    for match in _ITEMPROP_INGREDIENTS.finditer(page):
        fragment = soup(window(page, match.start(), before=300, after=12000))
        for element in fragment.find_all(attrs={"itemprop": re.compile(r"ingredient|activeIngredient", re.I)}):
            text = element.get("content") or panel_text(element)
            if text:
                yield Candidate(NAME, text_after_label(text), element.get("itemprop"), locator=f"[itemprop={element.get('itemprop')}]")
        break
    for match in _ITEMPROP_PROPERTY.finditer(page):
        fragment = soup(window(page, match.start(), before=300, after=8000))
        for prop in fragment.find_all(attrs={"itemprop": "additionalProperty"}):
            name = prop.find(attrs={"itemprop": "name"})
            value = prop.find(attrs={"itemprop": "value"})
            name_text = (name.get("content") or name.get_text(" ", strip=True)) if name else ""
            if value is not None and LABEL_TEXT.match(name_text or ""):
                yield Candidate(NAME, value.get("content") or panel_text(value), name_text, locator=f"[itemprop=additionalProperty] '{name_text}'")
        break
