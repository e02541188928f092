"""The last resort, only when no other strategy found a list: the text
blocks of the whole page, with scripts, styles, menus and footers removed."""
from __future__ import annotations

import re
from typing import Iterator

from .candidates import Candidate
from .html import clean, panel_text, soup
from .prescan import PageScan

NAME = "full-page"
LIMIT = 400
MAX_SOUP_BYTES = 2_000_000

_DROP_BLOCKS = re.compile(r"<(script|style|noscript|template|svg|iframe|head|nav|footer|aside)(?=[\s/>]).*?</\1\s*>", re.I | re.S)
_BLOCK_SPLIT = re.compile(
    r"<(?:/?(?:p|div|li|ul|ol|tr|td|th|dd|dt|h[1-6]|section|article|aside|table|details|summary|header|footer|nav|main|form|blockquote|pre)|br)\b[^>]*>",
    re.I,
)


def candidates(scan: PageScan) -> Iterator[Candidate]:
    for text in _text_blocks(scan.page):
        yield Candidate(NAME, text, locator="a text block of the page")


def _text_blocks(page: str) -> Iterator[str]:
    stripped = _DROP_BLOCKS.sub(" ", page)
    if len(stripped) <= MAX_SOUP_BYTES:
        tree = soup(stripped)
        for element in tree.find_all(["p", "div", "td", "dd", "section", "ul", "ol", "table"]):
            if element.name not in ("ul", "ol", "table") and element.find(["p", "div", "section", "table", "ul"]):
                continue
            text = panel_text(element)
            if 30 <= len(text) <= 30000 and text.count(",") + text.count("\n") >= 4:
                yield text
    else:
        for chunk in _BLOCK_SPLIT.split(stripped):
            text = clean(chunk)
            if text and 30 <= len(text) <= 30000 and text.count(",") >= 4:
                yield text
