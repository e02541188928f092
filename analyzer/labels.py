"""The words that label an ingredient list, in one place for the parser (text)
and the page extractor (HTML), so both recognise the same labels."""
from __future__ import annotations

import re

from .text import LazyPattern

# "Ingredients", "INCI", "Ingrédients", "Inhaltsstoffe", "成分", "전성분"...
NOUNS = (
    r"ingredients?(?:\s+(?:list|overview))?|inci(?:\s+list)?|ingr[ée]dients?(?:\s+complets)?|inhaltsstoffe|zutaten|"
    r"ingredi[eë]nten|ingredienser|ingredientes|ingredienti|composition|composi[çc][ãa]o|composici[óo]n|composizione|"
    r"zusammensetzung|sk[łl]ad|složení|全成分表|成分表|全成分|有効成分|その他の成分|成分|전성분|"
    r"화장품법에\s*따라\s*기재(?:·표시|\s*표시)?(?:해야|하여야)\s*하는\s*모든\s*성분"
)
# "Full ingredients", "Other ingredients", "Inactive ingredients"...
# (Canada's natural health products: "Medicinal" and "Non-medicinal ingredients".)
PREFIX = r"(?:(?:full|complete|all|other|(?:in|ln|1n)active|active|non[\s-]?medicinal|medicinal)\s+)?"
WORDS = rf"{PREFIX}(?:{NOUNS})"

LABEL_ONLY = LazyPattern(rf"^\s*{WORDS}\s*$", re.I)  # a line or element that is just the label
LABEL_TEXT = LazyPattern(rf"^\s*{WORDS}\s*[:：]?\s*$", re.I)  # the label, maybe with a colon
LABEL_INLINE = LazyPattern(rf"(?<![\w-]){WORDS}\s*[:：]\s*", re.I)  # "Ingredients: Aqua, ..."
# A label that continues the list before it instead of starting a new one.
CONTINUING = LazyPattern(r"^\s*(?:other|(?:in|ln|1n)active|non[\s-]?medicinal|その他の成分)", re.I)
