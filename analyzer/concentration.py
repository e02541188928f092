"""Where the ~1% line falls in a list.

INCI lists are in descending concentration down to about 1%; below that the
order is free. Ingredients that are almost never used above 1% (preservatives,
fragrance, chelators, some thickeners: the `below_one_percent` flag of the
knowledge base) and stated percentages of 1% or less mark the line: whatever
comes after them is at most ~1%.
"""
from __future__ import annotations

from dataclasses import dataclass

from .knowledge import KnowledgeBase
from .models import Concentration, Ingredient
from .text import name_key


@dataclass(frozen=True)
class OnePercentLine:
    list_index: int
    position: int | None  # first ingredient known to be at or under ~1%
    marker: str | None  # its name
    basis: str  # "marker", "stated" or "position"

    def to_dict(self) -> dict:
        return {"list": self.list_index, "position": self.position, "marker": self.marker, "basis": self.basis}


def find_line(ingredients: list[Ingredient], kb: KnowledgeBase, list_index: int = 0) -> OnePercentLine:
    markers = kb.flags.get("below_one_percent", frozenset())
    for ing in ingredients:
        if ing.section != "main":
            continue
        if ing.percent is not None and ing.percent <= 1:
            return OnePercentLine(list_index, ing.position, ing.name, "stated")
        if any(name_key(n) in markers for n in ing.names) or ing.name.upper().startswith("CI "):
            return OnePercentLine(list_index, ing.position, ing.name, "marker")
    return OnePercentLine(list_index, None, None, "position")


def _fmt_percent(value: float) -> str:
    return f"{value:g}%"


def classify(ingredient: Ingredient, line: OnePercentLine, list_length: int) -> Concentration:
    """Above, near or below the ~1% line, with the reason in words."""
    name = ingredient.name
    if ingredient.percent is not None:
        pct = ingredient.percent
        status = "above" if pct > 1 else ("near" if pct == 1 else "below")
        return Concentration(status, "stated", pct, f"{name} is stated at {_fmt_percent(pct)}")
    if ingredient.section == "may_contain":
        return Concentration("below", "may contain", None, f"{name} is in the 'may contain' block: traces at most")
    p = ingredient.position
    if line.position is not None:
        marker = line.marker
        if p > line.position:
            return Concentration("below", line.basis, None, f"{name} sits after {marker}: likely under 1%")
        if p >= line.position - 2:
            return Concentration("near", line.basis, None, f"{name} sits just before {marker}: around 1% or a little more")
        return Concentration("above", line.basis, None, f"{name} sits well before {marker}: may be above 1%")
    upper = max(3, list_length // 4)
    middle = max(6, list_length // 2)
    if p <= upper:
        status, words = "above", "high in the list (may be above 1%)"
    elif p <= middle:
        status, words = "near", "mid-list"
    else:
        status, words = "below", "late in the list"
    return Concentration(status, "position", None, f"{name} is {words} (no preservative or other 1% marker to go by)")
