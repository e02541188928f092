"""An element labelled "Ingredients" (heading, tab, button, <summary>, <dt>,
<th>, <strong>...) and the panel it controls or introduces."""
from __future__ import annotations

import re
from typing import Any, Iterator

from bs4 import BeautifulSoup, Tag

from ..labels import LABEL_TEXT
from .candidates import Candidate
from .html import BLOCK_TAGS, HEADINGS, SKIP_TAGS, WINDOW_AFTER, nodes_text, panel_text, soup, window
from .prescan import PageScan

NAME = "labelled-section"
LIMIT = 40

_NAVIGATION = re.compile(
    r"\b(?:nav|navbar|navigation|menu|submenu|breadcrumbs?|footer|site-header|mega|megamenu|sidebar|widget|cat-item|tags?|"
    r"facets?|filters?|refinements?|refine|plp|search-results?|product-grid|product-tiles?|drawer)\b",
    re.I,
)


def candidates(scan: PageScan) -> Iterator[Candidate]:
    page = scan.page
    covered = -1
    for offset in scan.node_hits:
        if offset < covered:
            continue
        fragment = window(page, offset)
        covered = offset + WINDOW_AFTER // 2
        yield from candidates_in_soup(soup(fragment), NAME, page)


def candidates_in_soup(tree: BeautifulSoup, strategy: str, page: str | None = None) -> Iterator[Candidate]:
    for label in label_elements(tree):
        label_text = label.get_text(" ", strip=True)
        panel = _panel_for(label, tree, page)
        if panel is None:
            continue
        text = panel_text(panel) if isinstance(panel, Tag) else panel
        if text and text.strip():
            where = describe(label) + f" {label_text[:60]!r}"
            if isinstance(panel, Tag) and panel is not label:
                where += f" -> {describe(panel)}"
            yield Candidate(strategy, text, label_text, locator=where)


def describe(element: Tag) -> str:
    """A short CSS-like name of an element: `button#tab-2`, `div.accordion__panel`."""
    name = element.name or "?"
    ident = element.get("id")
    if isinstance(ident, str) and ident:
        return f"{name}#{ident}"
    classes = element.get("class") or []
    return f"{name}.{classes[0]}" if classes else name


def is_navigation(label: Tag) -> bool:
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


def label_elements(tree: BeautifulSoup) -> list[Tag]:
    found = []
    for string in tree.find_all(string=LABEL_TEXT):
        parent = string.parent
        if isinstance(parent, Tag) and is_navigation(parent):
            continue
        if isinstance(parent, Tag) and parent.name not in SKIP_TAGS | {"title", "option"}:
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


def _panel_for(label: Tag, tree: BeautifulSoup, page: str | None) -> Tag | str | None:
    summary = label if label.name == "summary" else label.find_parent("summary")
    if summary is not None and summary.parent is not None:
        details = summary.parent
        return nodes_text([c for c in details.children if c is not summary])
    target = _target_id(label)
    if target:
        panel = tree.find(id=target)
        if panel is None and page is not None:
            at = page.find(f'id="{target}"')
            if at < 0:
                at = page.find(f"id='{target}'")
            if at >= 0:
                panel = soup(window(page, at, before=200)).find(id=target)
        if isinstance(panel, Tag):
            inner = _label_inside(panel)
            return inner if inner is not None else panel
    cell = label if label.name in ("dt", "th", "td") else label.find_parent(["dt", "th"])
    column = _column_below(cell) if cell is not None and cell.name in ("th", "td") else None
    if column:
        return column
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
    inline = block.name not in BLOCK_TAGS and block.name not in HEADINGS
    if inline and isinstance(parent, Tag) and parent.name not in ("body", "html", "[document]"):
        after: list[Any] = []
        seen = False
        for child in parent.children:
            if child is block:
                seen = True
                continue
            if seen:
                if isinstance(child, Tag) and child.name in HEADINGS:
                    break
                after.append(child)
        text = nodes_text(after)
        if len(text) >= 15:
            return text
    # Otherwise the following siblings, up to the next heading or label.
    collected: list[str] = []
    for sibling in block.find_next_siblings(limit=6):
        if sibling.name in HEADINGS or LABEL_TEXT.match(sibling.get_text(" ", strip=True) or "x"):
            if collected:
                break
            if sibling.name in HEADINGS:
                break
        collected.append(panel_text(sibling))
        if sum(len(c) for c in collected) > 80:
            break
    return "\n".join(collected) if collected else None


def _column_below(cell: Tag) -> str | None:
    """A header cell over a column ("Active ingredients | Purpose" over the
    rows of a Drug Facts table): the cells below it in its column."""
    row = cell.find_parent("tr")
    table = cell.find_parent("table")
    if row is None or table is None:
        return None
    cells = row.find_all(["th", "td"], recursive=False)
    if cell not in cells:
        return None
    index = cells.index(cell)
    rows = table.find_all("tr")
    if not rows or rows[0] is not row or len(rows) < 2:
        return None  # only a table's header row heads a column
    below = []
    for other in rows[1:]:
        found = other.find_all(["th", "td"], recursive=False)
        if len(found) > index:
            text = found[index].get_text(" ", strip=True)
            if text:
                below.append(text)
    return "\n".join(below) or None


def _label_inside(panel: Tag) -> str | None:
    """A tab panel often repeats its label as a heading: read what follows it."""
    for label in label_elements(panel):
        if label is panel:
            continue
        rest = _panel_for(label, panel, None)
        if isinstance(rest, Tag):
            rest = panel_text(rest)
        if rest and len(rest) > 15:
            return rest
    return None
