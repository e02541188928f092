"""Known ordinary (non-active) INCI names.

They do two jobs: a known ordinary name never gets a fuzzy match to an active
(`Sorbic Acid` is not `Ascorbic Acid`), and the parser uses known names to
tell one name written with slashes from synonyms and to split run-on lists.
"""
from __future__ import annotations

import functools
from importlib import resources

from .text import name_key


@functools.lru_cache(maxsize=1)
def ordinary_name_keys() -> frozenset[str]:
    """Known ordinary (non-active) INCI names: they win over fuzzy guesses."""
    text = (resources.files("analyzer") / "data" / "ordinary_inci.txt").read_text(encoding="utf-8")
    return frozenset(name_key(line) for line in text.splitlines() if line.strip() and not line.startswith("#"))
