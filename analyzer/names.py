"""Known ordinary (non-active) INCI names, and the shapes of ordinary names.

They do two jobs: a known ordinary name never gets a fuzzy match to an active
(`Sorbic Acid` is not `Ascorbic Acid`), and the parser uses known names to
tell one name written with slashes from synonyms, to split run-on lists and
to tell an ingredient list from text around it.

The names come from the project's own curated list (data/ordinary_names.txt:
names its authors know to be ordinary ingredients, grouped by function, and
the look-alikes of actives found by measurement). Whole families are
recognised by their shape instead of being listed: botanicals (`Genus species
Part Extract`), PEG/PPG-n and other ethoxylates, colour index numbers,
polymers, silicones, fatty esters, salts and alkyl chains.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from .text import LazyPattern, name_key

# Plant parts and preparations that end a botanical INCI name.
_PARTS = (
    r"extract|oil|butter|wax|water|juice|powder|ferment|filtrate|lysate|callus|culture|cera|"
    r"leaf|leaves|root|seed|flower|fruit|bark|peel|stem|sap|resin|gum|kernel|husk|bud|twig|rhizome|"
    r"shoot|sprout|bulb|tuber|pulp|hull|cone|needle|wood|seedcake|meristem|cells?|hydrosol|distillate|"
    r"unsaponifiables|oleosomes|sterols|protein|starch|flour|meal|bran|germ|sprout"
)
_BOTANICAL = LazyPattern(rf"^[a-z]{{3,}} (?:[a-z]{{3,}} )?(?:[a-z]{{3,}} )*(?:{_PARTS})(?: (?:{_PARTS}))*$")
_SHAPES = LazyPattern(
    r"|".join(
        (
            r"\b(?:peg|ppg)\b \d+",  # PEG-100 Stearate, PPG-15 Stearyl Ether
            r"\b(?:laureth|ceteareth|steareth|oleth|ceteth|trideceth|pareth|isoceteth|isosteareth|polysorbate|poloxamer|"
            r"polyquaternium|quaternium|polyglyceryl|nylon|acrylates|styrene|ceteareth|beheneth|coceth|deceth) \d+",
            r"^ci \d{5}$",  # colour index
            r"(?:co|cross)polymer$|polymer$|\bcopolymer\b|\bcrosspolymer\b",
            r"methicone|siloxane|silsesquioxane|silanol\b|\bsilicate\b",
            r"^c\d+ \d+ ",  # C12-15 Alkyl Benzoate, C13-16 Isoparaffin
            r"\b(?:glyceryl|sorbitan|sucrose|methyl glucose|cetyl|stearyl|cetearyl|isopropyl|ethylhexyl|octyldodecyl|"
            r"isostearyl|isononyl|isodecyl|decyl|lauryl|myristyl|behenyl|caprylyl|oleyl|hexyldecyl|tridecyl|"
            r"pentaerythrityl|neopentyl glycol|propylene glycol|butylene glycol|dipropylene glycol|coco|diisopropyl|"
            r"diethylhexyl|dicaprylyl|trimethylolpropane|polyglyceryl \d+) [a-z ]*(?:ate|ates|ide|oate)$",
            r"^(?:sodium|potassium|calcium|magnesium|zinc|ammonium|disodium|trisodium|tetrasodium|aluminum|iron|copper|"
            r"tea|mea|dea|amp|lithium|barium|strontium) [a-z ]*(?:ate|ide|ite|phosphate|sulfate|chloride|hydroxide|"
            r"citrate|lactate|benzoate|gluconate|stearate|laurate|myristate|palmitate|oleate|cocoate|pca|edta)$",
            r"(?:glycol|glycerin|alcohol|acid|esters?|triglycerides?|glycerides?|amine|betaine|sultaine|glucoside|"
            r"isethionate|taurate|sarcosinate|glutamate|lactylate|amphoacetate|sulfosuccinate|dimethicone|"
            r"cellulose|starch|gum|clay|mica|talc|silica|kaolin|alumina|wax|oils|extracts|butters|waxes)$",
            # Names as shops translate them: "acide hyaluronique", "olio di mandorle", "Mandelöl", "aceite de argán"
            r"^(?:acide|acido|ácido|extrait|estratto|extracto|extrato|huile|olio|aceite|óleo|oleo|beurre|burro|manteca|"
            r"manteiga|cire|cera|eau|acqua|agua|água|alcool|álcool|gomme|gomma|goma|chlorure|cloruro|sodium|sodio|sódio|"
            r"potassium|potassio|potasio|natrium|kalium|glycérine|glicerina|succo|jus|jugo|suco)\b",
            r"(?:öl|extrakt|säure|wasser|butter|wachs|alkohol|saft|olie|zuur|extrakt)$",
            # One chemical word in any language: "butanediol", "xylitol", "tocophérol", "glicerina"
            r"^[a-z]{4,}(?:ate|ato|ide|ido|ine|ina|ol|olo|one|ene|eno|ane|ano|ose|osa|ite|ium|io|ique|ico)$",
            r"^[a-z]{4,}(?:ate|ato|ure|uro|ide|ido) (?:de|di|del|da|do|d) [a-z]",  # "stéarate de glucose", "benzoato di sodio"
        )
    )
)


@functools.lru_cache(maxsize=1 << 16)
def inci_shaped(key: str) -> bool:
    """Shaped like an INCI name (a name key: lower case, single spaces)."""
    if not key or len(key) > 200:
        return False
    return bool(_SHAPES.search(key) or _BOTANICAL.match(key))


# Words of product names, not of ingredient names: "Retinol Night Serum",
# "Vitamin C Brightening Drops 30 ml", "Hyaluron Creme".
_PRODUCT = LazyPattern(
    r"\b(?:serum|serums|cream|creams|creme|crème|lotion|moisturi[sz]er|cleanser|toner|essence|ampoule|mask|masks|"
    r"balm|booster|drops|treatment|night|eye|face|facial|spf|ml|oz|fl|kit|set|duo|trio|mini|travel|refill|pads?|"
    r"patch(?:es)?|stick|mist|spray|foam|wash|scrub|primer|foundation|concealer|lipstick|gloss|shampoo|"
    r"conditioner|routine|brightening|firming|lifting|hydrating|plumping|anti|aging|ageing|wrinkle|glow|"
    r"nachtcreme|tagescreme|augencreme|gesichtscreme|sonnencreme|körperlotion|sérum|soin|crema|siero|contorno|creme|lsf|fps)\b"
)


@functools.lru_cache(maxsize=1 << 16)
def product_shaped(key: str) -> bool:
    """A product's name rather than an ingredient's (a name key)."""
    return bool(_PRODUCT.search(key))


# Words shops use to group actives in menus and filters ("Shop by ingredient:
# Peptides, Ceramides, AHA/BHA"): a list holding several is a menu, not a label.
_GENERIC = LazyPattern(
    r"^(?:peptides|ceramides|antioxidants|retinoids|vitamins|acids|ahas?|bhas|phas?|aha \w* ?bha|exfoliants?|"
    r"exfoliating acids|probiotics|prebiotics|botanicals|minerals|mineral sunscreens?|chemical sunscreens?|sunscreens?|spf|"
    r"oils|face oils|essential oils|hydrators|humectants|emollients|actives|growth factors|stem cells|brighteners|"
    r"clean(?: beauty)?|vegan|cruelty free|fragrance free|hyaluronics|skin care|skincare|makeup|hair|fragrances|"
    r"body|tools|sets|gifts|new|bestsellers|sale)$"
)


@functools.lru_cache(maxsize=1 << 16)  # asked for every ingredient of every list
def generic_term(key: str) -> bool:
    """A menu word for a group of ingredients or products, not an ingredient."""
    return bool(_GENERIC.match(key))


def botanical(key: str) -> bool:
    """`genus species ... part/preparation`: a plant ingredient."""
    return bool(_BOTANICAL.match(key))


_DATA = Path(__file__).resolve().parent / "data"


def _read(name: str) -> list[str]:
    text = (_DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@functools.lru_cache(maxsize=1)
def ordinary_name_keys() -> frozenset[str]:
    """Keys of the known ordinary (non-active) INCI names (kept built between
    runs, see cache.py)."""
    from .cache import cached

    here = Path(__file__).resolve().parent
    return cached(
        "ordinary",
        (_DATA / "ordinary_names.txt", here / "names.py", here / "text.py"),
        lambda: frozenset(name_key(line) for line in _read("ordinary_names.txt")),
    )
