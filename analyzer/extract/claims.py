"""Free-from claims shown with the product ("Retinol-free", "0% parabens",
"Formulated without: ...") outside the ingredient list: the text nodes after
the product's title that hold a claim word, found with plain string search
and given to the parser, which knows the claims."""
from __future__ import annotations

import html as htmllib
import re

from ..names import product_shaped
from ..setaside import FREE_FROM
from ..text import name_key
from .prescan import PageScan

REGION = 25_000  # the product's title, price, badges and description
MAX_LINES = 60
_NEEDLES = (
    "free from", "free of", "-free", "- free", "without", "0%", "0 %", "sans ", "ohne ", "frei", "senza ", "sin ", "sem ",
    "無添加", "无添加", "不添加", "不含", "무첨가", "프리", "フリー", ">no ", ">zero ",
    "bez ", "zonder ", "utan ", "uden ", "uten ", "ilman ", "nie zawiera", "neobsahuje", "fri från", "fri for", "без ",
    "içermez", "不使用",
)
_HINT = re.compile(r"-\s?free\b|\bfrei\b|(?<![\d.,])0\s?%|^\s*(?:no|zero)\s|フリー|프리|무첨가|無添加|不使用|içermez", re.I)
_SHOP = re.compile(r"shipping|delivery|returns?|interest|lieferung|versand|livraison|envío|spedizione|trial|gift|samples?|cancel", re.I)


def page_claims(scan: PageScan, analyzer) -> list[str]:
    start = max(0, scan.lowered.find("<h1"))
    end = min(len(scan.page), start + REGION)
    lowered = scan.lowered
    nodes: dict[int, str] = {}
    for needle in _NEEDLES:
        pos = lowered.find(needle, start, end)
        while pos >= 0 and len(nodes) < MAX_LINES:
            left, text = _node(scan.page, lowered, pos + (1 if needle[0] == ">" else 0))
            if text is not None:
                nodes.setdefault(left, text)
            pos = lowered.find(needle, pos + 1, end)
    keep: list[str] = []
    for left in sorted(nodes):
        line = nodes[left]
        if _SHOP.search(line):
            continue
        marker = FREE_FROM.search(line)
        if not (marker or _HINT.search(line)):
            continue
        if product_shaped(name_key(line)) and len(line) < 120:
            continue  # another product's title in a carousel ("Sonnencreme LSF 50 ohne Parfum")
        keep.extend(("", line))
        if marker is not None and len(line) < 40:
            keep.extend(_following(scan.page, lowered, left, 12))  # the names under "Formulated without"
    if not keep:
        return []
    return list(analyzer.parse("\n".join(keep)).free_from)


def _node(page: str, lowered: str, pos: int) -> tuple[int, str | None]:
    """The text node holding offset `pos` (None inside a tag or a script)."""
    left = lowered.rfind(">", max(0, pos - 600), pos + 1)
    if left < 0 or lowered.rfind("<", max(0, pos - 600), pos) > left:
        return -1, None
    right = lowered.find("<", pos)
    if right < 0 or right - left > 800:
        return -1, None
    if lowered.rfind("<script", max(0, left - 200), left) > lowered.rfind("</script", max(0, left - 200), left):
        return -1, None
    text = htmllib.unescape(page[left + 1 : right]).strip()
    return left, text or None


def _following(page: str, lowered: str, left: int, count: int) -> list[str]:
    out: list[str] = []
    pos = lowered.find("<", left)
    while pos >= 0 and len(out) < count:
        gt = lowered.find(">", pos)
        if gt < 0:
            break
        nxt = lowered.find("<", gt)
        if nxt < 0:
            break
        text = htmllib.unescape(page[gt + 1 : nxt]).strip()
        if text:
            if len(text) > 60:
                break
            out.append(text)
        pos = nxt
    return out
