"""The parser's cheap tests before its costly expressions never change what
it reads: where a test says "no match", the expression finds none, and the
expressions rewritten for speed find what the readable forms find."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer import parse
from analyzer.items import MAY_CONTAIN, split_items
from analyzer.setaside import FREE_FROM, PAGE_CHROME, page_chrome

WORDS = [
    "Aqua", "Glycerin", "free", "Free from", "without", "sans", "sin", "Resin", "contains no", "there is no",
    "may contain", "MAY CONTAIN", "peut contenir", "kann enthalten", "+/-", "[+/-]", "±", "0%", "0 %", "1", "0",
    "Retin0l", "GLYCER1N", "S0DIUM", "Limonene1", "Oil2.", "PEG-100", "1,2-Hexanediol", "ohne", "utan", "Butane",
    "formulated without", "does not contain", "never contains", "frei von", "senza", "bez", "sem", "uden",
    "Camellia Sinensis", "Semen", "Polyisobutene", "uten", "Sansevieria", "fri for", "Fritillaria", "nie zawiera",
    "CI 77891", "C.I. 77491", "C I 19140", "ACI 12345", "CI77891", "Glu-", "coside", "ceteareth-", "Inactive:",
    "Other ingredients:", "Ingredients :", "INCI", "Inhaltsstoffe", "Zutaten", "Composition", "Sklad:",
    "Zusammensetzung", "Full Ingredient List", "inactive ingredients", "Ingredientes", "Incipient", ";", ".", "aB-",
    "Niebla", "ohne_", "bez2", "free of", "Fragrance Free", "free\nfrom", "doesn't contain", "donot contain",
    "does not\ncontain", "contain no", "sin.", "bez;", "sem,", "there is\tno", "there are  no", "containsno",
    "Freesia", "didn't contain", "will not contain", "contains", "Utanone", "ilman", "zonder", "neobsahuje",
]
SEPARATORS = [", ", "; ", " ", "\n", ". ", " - ", ": ", ") ", " (", "-\n"]
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=12).map(
    lambda parts: "".join(w + s for w, s in parts)
) | st.text(alphabet="aAoO01 ,;.%:+/-()\nsinfrewthoucmy", max_size=60)

OCR_DIGIT = re.compile(r"(?<=[A-Za-z])[01]+(?=[A-Za-z]|-\n)|\b[01](?=[A-Za-z]{3,})")
HYPHEN_BREAK = re.compile(r"(?<=[A-Za-z])-[ \t]*\n[ \t]*(?=[a-z])|(?<=[a-z]{2})-[ \t]+(?=[a-z]{2})")
CI = re.compile(r"\bC\.?\s?I\.?\s*(\d{5})\b")
LABEL_AFTER_SENTENCE = re.compile(rf"(?<=[.;])\s+(?=(?:{parse._LABEL_WORDS}|inactive|other\s+ingredients)\s*[:：])", re.I)
GLUED_FOOTNOTE = re.compile(r"(?<=[a-zäöüßéèàç)])(\d{1,2})(?=\s*(?:[,;.)]|$))", re.M)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_the_gates_only_skip_what_cannot_match(text):
    lowered = text.lower()
    if not parse._may_claim(text, lowered) or not any(hint in lowered for hint in parse._CLAIM_HINTS):
        assert FREE_FROM.search(text) is None
    if not parse._may_contain_marker(text):
        assert MAY_CONTAIN.search(text) is None
    assert bool(parse._label_line(text)) == bool(parse._LABEL_LINE.match(text))


CHROME = [
    "Aqua", "Glycerin", "$", "12.50", "£", "€", "EUR", "usd", "RRP", "Price:", "Sale", "save 20%", "Add to bag",
    "add to cart", "in den Warenkorb", "Jetzt kaufen", "Buy now", "Ajouter au panier", "aggiungi al carrello",
    "We use cookies", "cookies", "settings", "Accept all", "Alle akzeptieren", "4.5 out of 5 stars", "von 5 Sternen",
    "1,234 reviews", "2k ratings", "Verified Purchase", "found this helpful", "free delivery", "free UK shipping",
    "Home >", "Startseite /", "a > b > c", "Sign in", "Subscribe", "newsletter", "Write a review", "Quantity:",
    "Qty 1", "Size:", "Shade", "Colour:", "Color 2", "Sold by", "Ships from", "In stock", "SKU", "Item no", "Earn 50 points",
    "12 results", "Sort by", "Filters", "(3 products)", "★", "☐", "Sodium", "Butylene", "Homosalate", "Itemized",
]
chrome_texts = st.lists(st.tuples(st.sampled_from(CHROME), st.sampled_from(SEPARATORS)), max_size=10).map(
    lambda parts: "".join(w + s for w, s in parts)
) | st.text(alphabet="aAoOeEsSrR01 ,;.%:$>/()\nfreiumpt", max_size=60)


@settings(max_examples=400, deadline=None)
@given(chrome_texts)
def test_the_page_chrome_gate_only_skips_what_cannot_match(text):
    assert page_chrome(text) == (PAGE_CHROME.search(text) is not None)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_rewritten_expressions_find_the_same(text):
    assert parse._OCR_DIGIT.findall(text) == OCR_DIGIT.findall(text)
    assert parse._GLUED_FOOTNOTE.sub("", text) == GLUED_FOOTNOTE.sub("", text)
    assert parse.HYPHEN_BREAK.sub("", text) == HYPHEN_BREAK.sub("", text)
    assert parse.CI.sub(r"CI \1", text) == CI.sub(r"CI \1", text)
    assert parse._LABEL_AFTER_SENTENCE.sub("\\1\n", text) == LABEL_AFTER_SENTENCE.sub("\n", text)


def test_a_claim_inside_a_list_is_still_read():
    parsed = parse.parse_text("Aqua, Glycerin, Niacinamide, Phenoxyethanol. Free from parabens and sulfates.")
    assert [i.name for i in parsed.ingredients][:3] == ["Aqua", "Glycerin", "Niacinamide"]
    assert parsed.free_from


def _split_readably(text: str, brackets: bool = True) -> list[str]:
    """split_items as first written: one token at a time, by its offset."""
    items, depth, start, n = [], 0, 0, len(text)
    for token in re.finditer(r"[()\[\]{},;|•·\n]", text):
        ch, i = token.group(), token.start()
        if ch in "([{":
            depth += brackets
        elif ch in ")]}":
            depth = max(0, depth - brackets)
        elif depth == 0:
            if ch == "," and 0 < i < n - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue
            items.append(text[start:i])
            start = i + 1
    items.append(text[start:])
    if brackets and depth > 0:
        return _split_readably(text, False)
    return items


split_texts = texts | st.text(alphabet="ab1 2,;|•·\n()[]{}", max_size=40)


@settings(max_examples=600, deadline=None)
@given(split_texts)
def test_split_items_splits_as_written_first(text):
    assert split_items(text) == _split_readably(text)
    assert split_items(text, brackets=False) == _split_readably(text, brackets=False)
