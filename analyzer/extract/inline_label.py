"""'Ingredients: Aqua, ...' inside one text node (the list may go on past
inline tags such as <em> or <a> in the same element)."""
from __future__ import annotations

from typing import Iterator

from bs4 import Tag

from ..labels import LABEL_INLINE
from .candidates import Candidate
from .html import BLOCK_TAGS, SKIP_TAGS, element_text, soup, window
from .labelled_section import is_navigation
from .prescan import PageScan

NAME = "inline-label"
LIMIT = 40


def candidates(scan: PageScan) -> Iterator[Candidate]:
    for offset in scan.inline_hits:
        tree = soup(window(scan.page, offset, before=600, after=12000))
        for string in tree.find_all(string=LABEL_INLINE):
            parent = string.parent
            if not isinstance(parent, Tag) or parent.name in SKIP_TAGS or is_navigation(parent):
                continue
            match = LABEL_INLINE.search(str(string))
            head = str(string)[match.end():]
            rest = []
            for sibling in string.next_siblings:
                if isinstance(sibling, Tag) and sibling.name in BLOCK_TAGS - {"br"}:
                    break
                if isinstance(sibling, Tag) and sibling.name == "br":
                    rest.append("\n")  # ("LINALOOL<br><br>Directions: ..." is two lines, not "LINALOOLDirections")
                    continue
                rest.append(element_text(sibling) if isinstance(sibling, Tag) else str(sibling))
            yield Candidate(NAME, head + "".join(rest), match.group(0).strip(), locator=f"{match.group(0).strip()!r} in <{parent.name}>")
