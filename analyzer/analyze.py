"""The text path as module-level functions: thin wrappers over the shared
Analyzer (see core.py), kept for scripts that call them directly."""
from __future__ import annotations

from pathlib import Path

from .core import is_rinse_off, shared_analyzer
from .errors import NoIngredientsError
from .knowledge import KnowledgeBase
from .models import Analysis, ParsedText

__all__ = ["NoIngredientsError", "analyze_parsed", "analyze_text", "is_rinse_off"]


def analyze_text(
    text: str,
    kb: KnowledgeBase | str | Path | None = None,
    fuzzy: bool = True,
    name: str | None = None,
    product_type: str | None = None,
) -> Analysis:
    """Score a pasted ingredient list (one product, or a kit of several lists).
    `name` (the product's name) helps tell a cleanser or a mask from a
    leave-on product; `product_type` (leave_on, rinse_off, wash_off_mask,
    sheet_mask) overrides both.

    Raises NoIngredientsError when the text holds no list.
    """
    return shared_analyzer(kb, fuzzy).analyze_text(text, name=name, product_type=product_type)


def analyze_parsed(parsed: ParsedText, kb: KnowledgeBase | None = None, fuzzy: bool = True) -> Analysis:
    return shared_analyzer(kb, fuzzy).analyze_parsed(parsed)
