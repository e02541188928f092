"""The words that label an ingredient list, in one place for the parser (text)
and the page extractor (HTML), so both recognise the same labels."""
from __future__ import annotations

import re

# "Ingredients", "INCI", "Ingrédients", "Inhaltsstoffe", "成分", "전성분"...
NOUNS = (
    r"ingredients?(?:\s+list)?|inci(?:\s+list)?|ingr[ée]dients?(?:\s+complets)?|inhaltsstoffe|zutaten|"
    r"ingredientes|ingredienti|composition|全成分|成分|전성분"
)
# "Full ingredients", "Other ingredients", "Inactive ingredients"...
PREFIX = r"(?:(?:full|complete|all|other|inactive|active)\s+)?"
WORDS = rf"{PREFIX}(?:{NOUNS})"

LABEL_ONLY = re.compile(rf"^\s*{WORDS}\s*$", re.I)  # a line or element that is just the label
LABEL_TEXT = re.compile(rf"^\s*{WORDS}\s*[:：]?\s*$", re.I)  # the label, maybe with a colon
LABEL_INLINE = re.compile(rf"(?<![\w-]){WORDS}\s*[:：]\s*", re.I)  # "Ingredients: Aqua, ..."
# A label that continues the list before it instead of starting a new one.
CONTINUING = re.compile(r"^\s*(?:other|inactive)\b", re.I)
