"""Leave-on, rinse-off, wash-off mask or sheet mask: how long the actives stay
on the skin.

A cleanser is on the skin for a minute, a clay mask for ten, a sheet mask for
twenty and a serum until the next wash, so the same actives are worth less in
the first three. The type is read from what names the product (its name, the
page title, the shop's category, the file name), then from the list itself (a
cleansing surfactant or a clay high in the list); `--type` overrides both.
"""
from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from .text import LazyPattern, name_key

# type -> (label, factor applied to every active's strength)
TYPES = {
    "leave_on": ("leave-on", 1.0),
    "sheet_mask": ("sheet mask", 0.5),
    "wash_off_mask": ("wash-off mask", 0.35),
    "rinse_off": ("rinse-off", 0.2),
    "oral": ("taken by mouth", 0.0),  # a supplement: nothing of it acts on the skin's surface
}
TYPE_NAMES = tuple(TYPES)

_SHEET = LazyPattern(
    r"\b(?:sheet|tissue|hydrogel|bio ?cellulose|biocellulose|cotton|fiber|fibre)\s+(?:face\s+|facial\s+)?masks?\b|"
    r"\bsheet\s*masks?\b|\bmask\s+sheets?\b|시트\s*마스크|마스크\s*팩|마스크팩|シートマスク|フェイスマスク|面膜贴|贴片面膜|片状面膜",
    re.I,
)
# A mask that stays on overnight, and patches, are leave-on.
_LEAVE_ON_MASK = LazyPattern(
    r"\b(?:sleeping|overnight|night|leave[- ]on|sleep)\s+(?:\w+\s+)?(?:masks?|packs?)\b|\bsleeping\s*packs?\b|\b(?:eye|under[- ]eye|lip)\s+(?:masks?|patch(?:es)?)\b|"
    r"슬리핑|睡眠面膜|スリーピング",
    re.I,
)
_MASK = LazyPattern(r"\bmasks?\b|\bmasque\b|\bmaske\b|\bmascarilla\b|\bmaschera\b|마스크|マスク|面膜|パック", re.I)
_RINSE = LazyPattern(
    r"\b(?:cleanser|cleansers|cleansing|face\s+wash|facial\s+wash|body\s+wash|wash|washes|shower|soap|scrub|polish|"
    r"exfoliat(?:or|ing\s+(?:scrub|polish|cleanser|powder))|micellar|make[- ]?up\s+remover|remover|shampoo|conditioner|"
    r"bath|foaming|foam\s+cleanser|reinigung\w*|nettoyant|d[ée]maquillant|limpiador|detergente|"
    r"클렌저|클렌징|폼|洗面|クレンジング|洁面|卸妆)\b|클렌저|클렌징|洗顔|クレンジング|洁面|洗面奶|卸妆",
    re.I,
)
_LEAVE_ON = LazyPattern(
    r"\b(?:serums?|moisturi[sz]ers?|moisturi[sz]ing\s+(?:cream|lotion)|creams?|cr[eè]me|lotions?|essences?|toners?|tonics?|"
    r"ampoules?|concentrates?|oils?|balms?|gels?|fluids?|emulsions?|treatments?|boosters?|drops|elixirs?|mists?|sprays?|"
    r"sunscreens?|spf|primers?|foundations?|patch(?:es)?|peel\s+pads?|pads?|sticks?|"
    r"세럼|크림|에센스|앰플|토너|로션|美容液|乳液|化粧水|精华|面霜|爽肤水)\b|세럼|크림|에센스|앰플|토너|美容液|化粧水|精华|面霜",
    re.I,
)
# Supplements are swallowed ("capsules" alone are often single doses of a serum).
_ORAL = LazyPattern(
    r"\b(?:supplements?|softgels?|gumm(?:y|ies)|tablets?|chewables?|ingestibles?|dietary|beauty\s+drinks?|"
    r"collagen\s+(?:drinks?|shots?)|nahrungserg[äa]nzung\w*|compl[ée]ments?\s+alimentaires?|integratori?\s+alimentar[ei]|"
    r"suplementos?(?:\s+alimentarios?)?)\b|サプリ|保健食品|영양제",
    re.I,
)
_NOT_RINSE = LazyPattern(r"\b(?:after[- ]?wash|post[- ]?cleans\w*|pre[- ]?cleanse\s+serum)\b", re.I)

# Ingredients that make a mask wash-off when among the first five.
_CLAYS = frozenset(
    name_key(n)
    for n in (
        "Kaolin", "Bentonite", "Montmorillonite", "Illite", "Charcoal Powder", "Charcoal", "Moroccan Lava Clay",
        "Sodium Magnesium Silicate", "Solum Fullonum", "Magnesium Aluminum Silicate",
    )
)


_WATER = frozenset(name_key(n) for n in ("Water", "Aqua", "Aqua/Water", "Water/Aqua", "Water (Aqua)", "Aqua (Water)", "Eau", "Purified Water"))


@dataclass(frozen=True)
class ProductType:
    type: str  # one of TYPE_NAMES
    basis: str  # "given" (--type), "name", "list" or "default"
    reason: str

    @property
    def label(self) -> str:
        return TYPES[self.type][0]

    @property
    def factor(self) -> float:
        return TYPES[self.type][1]

    def to_dict(self) -> dict:
        return {"type": self.type, "label": self.label, "factor": self.factor, "basis": self.basis, "reason": self.reason}


def given(kind: str) -> ProductType:
    if kind not in TYPES:
        raise ValueError(f"unknown product type {kind!r} (known: {', '.join(TYPE_NAMES)})")
    return ProductType(kind, "given", f"given as {TYPES[kind][0]}")


def from_names(texts: list[str]) -> ProductType | None:
    """The type the first of a product's name, title, category or file name
    that says one says. A shop's category path is read from its most
    specific step ("Skincare > Cleansers > Toners" is a toner)."""
    for text in texts:
        if not text:
            continue
        for part in reversed(text.split(" > ")) if " > " in text else (text,):
            found = _from_name(part)
            if found is not None:
                return found
    return None


@functools.lru_cache(maxsize=1 << 12)  # (an export repeats its names and categories)
def _from_name(text: str) -> ProductType | None:
    text = re.sub(r"[_\-]+", " ", text)
    shown = text if len(text) <= 60 else text[:57] + "..."
    if _SHEET.search(text):
        return ProductType("sheet_mask", "name", f"'{shown}' names a sheet mask")
    if _LEAVE_ON_MASK.search(text):
        return ProductType("leave_on", "name", f"'{shown}' names a mask that stays on")
    if _MASK.search(text):
        return ProductType("wash_off_mask", "name", f"'{shown}' names a mask, washed off after use")
    if _RINSE.search(text) and not _NOT_RINSE.search(text):
        return ProductType("rinse_off", "name", f"'{shown}' names a product that is rinsed off")
    if _LEAVE_ON.search(text):
        return ProductType("leave_on", "name", f"'{shown}' names a product left on the skin")
    if _ORAL.search(text):
        return ProductType("oral", "name", f"'{shown}' names a supplement, taken by mouth")
    return None


def from_list(ingredients, surfactants: frozenset[str]) -> ProductType | None:
    """A cleansing surfactant or a clay among the first five: washed off."""
    head = list(itertools.islice((ing for ing in ingredients if ing.section == "main"), 5))
    for ing in head:
        if any(name_key(n) in surfactants for n in ing.names):
            return ProductType("rinse_off", "list", f"{ing.name}, a cleansing surfactant, is among the first five ingredients")
    # "Water, Kaolin, Bentonite, ...": a clay mask (a powder foundation with
    # kaolin has no water at the top).
    if head and any(name_key(n) in _WATER for n in head[0].names):
        for ing in head[1:4]:
            if any(name_key(n) in _CLAYS for n in ing.names):
                return ProductType("wash_off_mask", "list", f"{ing.name}, a clay, follows water at the top of the list")
    return None


def topical_list(ingredients) -> bool:
    """A list that starts with water: a cosmetic, whatever its name says
    ("Nightly Skin Supplement" serum); a supplement's starts with its actives."""
    first = next((ing for ing in ingredients if ing.section == "main"), None)
    return first is not None and any(name_key(n) in _WATER for n in first.names)


def detect(texts: list[str], ingredients, surfactants: frozenset[str]) -> ProductType:
    return from_names(texts) or from_list(ingredients, surfactants) or _DEFAULT


_DEFAULT = ProductType("leave_on", "default", "nothing names a cleanser or a mask: taken as leave-on")
