"""HTML helpers shared by the page strategies: parse a fragment, and read an
element's text with block boundaries kept as new lines."""
from __future__ import annotations

import html as htmllib
import re
import warnings
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4 import XMLParsedAsHTMLWarning

warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)

TAG = re.compile(r"<[^>]*>")
BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "br", "tr", "td", "th", "dd", "dt", "dl", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "aside", "table", "tbody", "thead", "details", "summary", "header", "footer", "nav",
    "main", "form", "blockquote", "pre", "hr",
}
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "button", "select", "option", "input"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

WINDOW_BEFORE = 1500
WINDOW_AFTER = 10000


def clean(text: str | None) -> str | None:
    """Markup and entities out, white space collapsed; None when nothing is left."""
    if not text:
        return None
    text = htmllib.unescape(TAG.sub(" ", str(text)))
    text = re.sub(r"\s+", " ", text).strip()
    return text or None


def soup(fragment: str) -> BeautifulSoup:
    return BeautifulSoup(fragment, "lxml")


def window(page: str, start: int, before: int = WINDOW_BEFORE, after: int = WINDOW_AFTER) -> str:
    """The part of a page around an offset, starting at a tag boundary."""
    left = max(0, start - before)
    tag = page.find("<", left, start)
    if tag >= 0:
        left = tag
    return page[left : start + after]


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
        elif isinstance(node, Tag) and node.name not in SKIP_TAGS:
            if node.name in BLOCK_TAGS:
                parts.append("\n")
                stack.append(_NEWLINE)
            stack.extend(reversed(node.contents))
    text = re.sub(r"[ \t\r\f\v]+", " ", "".join(parts))
    return re.sub(r"\s*\n\s*", "\n", text).strip()


def html_to_text(value: str) -> str:
    """A string that may hold HTML (a JSON field, a description) -> text.
    HTML escaped twice ("&lt;br&gt;" in a JSON string) is read as HTML too."""
    if "<" in value and ">" in value:
        value = element_text(soup(value))
    else:
        value = htmllib.unescape(value)
    if "<" in value and _ESCAPED_TAG.search(value):
        value = element_text(soup(value))
    return value


_ESCAPED_TAG = re.compile(r"<\s*/?\s*(?:br|p|li|ul|div|b|strong|span)\b[^>]*>", re.I)


def table_text(table: Tag) -> str:
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


def panel_text(element: Tag) -> str:
    """The text of a panel; a panel that is one table gives its ingredient column."""
    if element.name == "table":
        return table_text(element)
    tables = element.find_all("table")
    text = element_text(element)
    if tables and len(tables) == 1:
        table_part = table_text(tables[0])
        if table_part:
            return table_part
    return text
