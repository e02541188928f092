"""Where the ~1% line falls in a list, and about how much of an ingredient
the product holds.

INCI lists are in descending concentration down to about 1%; below that the
order is free. Ingredients that are almost never used above 1% (preservatives,
fragrance, chelators, some thickeners: the `below_one_percent` flag of the
knowledge base) and stated percentages of 1% or less mark the line: whatever
comes after them is at most ~1%.

The estimate is rough on purpose: a stated % is taken as it is; otherwise
about 20% for the first ingredient of a list, falling as a power of the place
to 1% at the line (the first marker, but no later than 45% down the list nor
than place 12 + 10% of it), then from 0.5% just after it, fastest over the
first places, to about 1 ppm fifty places after it. Brands mostly keep
descending order below the line too, and that is all the place in the list
can tell.
"""
from __future__ import annotations

import functools
import math
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


def find_line(ingredients: list[Ingredient], kb: KnowledgeBase, list_index: int = 0, leading: int = 0) -> OnePercentLine:
    """The first ingredient known to be at or under ~1%; the `leading`
    declared actives of a Drug Facts list are not in the order and are skipped."""
    markers = kb.flags.get("below_one_percent", frozenset())
    for ing in ingredients[leading:]:
        if ing.section != "main":
            continue
        if ing.percent is not None and ing.percent <= 1:
            return OnePercentLine(list_index, ing.position, ing.name, "stated")
        if _marker(ing.name, ing.aliases, markers):
            return OnePercentLine(list_index, ing.position, ing.name, "marker")
    return OnePercentLine(list_index, None, None, "position")


@functools.lru_cache(maxsize=1 << 15)
def _marker(name: str, aliases: tuple[str, ...], markers: frozenset[str]) -> bool:
    """An ingredient used at or under ~1%: a marker name, or a colourant (CI number)."""
    return any(name_key(n) in markers for n in (name, *aliases)) or name.upper().startswith("CI ")


def no_line(list_index: int) -> OnePercentLine:
    """A list in A-Z order (US OTC inactive ingredients) has no ~1% line."""
    return OnePercentLine(list_index, None, None, "unordered")


TOP = 20.0  # % for the first of several ingredients
LINE = 1.0
AFTER_LINE = 0.5  # % just after the line
LAST = 0.0001  # % from TAIL_STEPS places after the line on (1 ppm: extracts deep in a long list)
# After the line, the amount depends on how far after it an ingredient sits,
# not on how long the list goes on (so adding an ingredient at the end never
# lowers the estimate of another): it falls fastest in the first places
# (thickeners, pH adjusters, then actives and extracts at tenths of a
# percent), reaching LAST after TAIL_STEPS places.
TAIL_STEPS = 50
TAIL_BEND = 0.5
LINE_SHARE = 0.45  # without a marker, the line is taken at 45% of the list
# ... but no later than 12 + 10% of it: a formula holds only so many
# ingredients at 1% or more, however long its list (an 85-name list of
# extracts is down to ~1% by place 20, not 38).
LONG_LIST_LINE = 12
LONG_LIST_SHARE = 0.1


@dataclass(frozen=True)
class Estimate:
    percent: float | None  # None: the label cannot tell (an A-Z list, "may contain")
    basis: str  # "stated", "only", "before line", "at line", "after line", "unordered", "may contain"
    words: str  # the estimate in words, for the report


def estimate(ingredient: Ingredient, line: OnePercentLine, count: int, leading: int = 0) -> Estimate:
    """About how much of `ingredient` a list of `count` main ingredients holds.

    `leading` declared actives (a Drug Facts list) come first and are not part
    of the concentration order of the rest."""
    if ingredient.percent is not None:
        return Estimate(ingredient.percent, "stated", f"stated at {_fmt_percent(ingredient.percent)}")
    if ingredient.section == "may_contain":
        return Estimate(None, "may contain", "in the 'may contain' block: traces at most")
    if ingredient.position <= leading:
        return Estimate(LINE, "declared active", "a declared active without its %: taken as about 1%")
    if line.basis == "unordered":
        return Estimate(None, "unordered", "the list is in A-Z order, so its place says nothing about the amount")
    q = ingredient.position - leading
    n = max(1, count - leading)
    if n == 1:
        return Estimate(100.0, "only", "the only ingredient")
    # A late marker (carbomer 46th of 72) only bounds the line: few
    # ingredients past ~45% of a list are above 1%.
    m = max(6, round(min(LINE_SHARE * n, LONG_LIST_LINE + LONG_LIST_SHARE * n)))
    marker = line.position - leading if line.position is not None and line.position > leading else None
    by_marker = marker is not None and marker <= m
    if by_marker:
        m = marker
    where = "" if by_marker else f"; a list of {n} is usually down to ~1% by place {m}"
    if q < m:
        # Concentrations fall fast at the top of a list (water, then a few
        # humectants and emollients at several %): a power law in the place.
        value = TOP * q ** (math.log(LINE / TOP) / math.log(m))
        return Estimate(value, "before line", f"about {fmt_estimate(value)} ({_place(q, n)}{where or ', before the ~1% line'})")
    if q == m:
        return Estimate(LINE, "at line", f"about 1% ({'at the ~1% line' if by_marker else _place(q, n) + where})")
    value = AFTER_LINE * (LAST / AFTER_LINE) ** (min(1.0, (q - m - 1) / TAIL_STEPS) ** TAIL_BEND)
    return Estimate(value, "after line", f"about {fmt_estimate(value)} ({_place(q, n)}{where or ', after the ~1% line'})")


def _place(q: int, n: int) -> str:
    return f"{q} of {n}"


def fmt_estimate(value: float) -> str:
    if value >= 2:
        return f"{value:.0f}%"
    if value >= 0.01:
        return f"{value:.2g}%"
    return f"{value * 10000:.2g} ppm"


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
    if line.basis == "unordered":
        return Concentration("unknown", "unordered", None, f"{name} is in a list in A-Z order: its place says nothing about the amount")
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
