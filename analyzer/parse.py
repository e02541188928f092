"""Text -> the declared ingredient list(s), and what was set aside.

Real text arrives with the list among things that are not the list: labels,
marketing bullets, key-ingredient highlights, "free from" claims, footnotes,
disclaimers, Drug Facts sections, reviews, prices, cookie banners, kit
headers, "may contain" blocks. The reader walks the text line by line,
recognises what each line is (setaside.py), groups the list text into
segments (one per label or kit header, or per paragraph), and keeps the
segments that read as ingredient lists. The item-level work (separators,
synonyms, percentages, footnote marks) is in items.py.

The declared order is kept: it carries concentration information.
"""
from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from . import setaside
from .items import (
    ABBREVIATIONS,
    BULLET,
    CI,
    FOOTNOTE_LINE,
    FOOTNOTE_MARKS,
    GLUED_PERCENT,
    HEADER,
    HYPHEN_BREAK,
    MAY_CONTAIN,
    SEPARATORS,
    at_most_words,
    clean_item,
    is_prose,
    looks_like_list,
    pieces,
    plausible,
    plausible_item,
    segment_run,
    split_items,
    split_joined,
    words,
)
from .labels import CONTINUING as _CONTINUING_LABEL
from .labels import LABEL_INLINE as _LABEL_INLINE
from .labels import LABEL_ONLY as _LABEL_ONLY
from .labels import WORDS as _LABEL_WORDS
from .models import Ingredient, IngredientList, ParsedText
from .names import generic_term, inci_shaped, product_shaped
from .text import LazyPattern, may_hold, name_key, normalize_text

# Re-exported: the item-level helpers used to live here.
__all__ = ["clean_item", "is_prose", "looks_like_list", "parse_text", "parse_with", "split_items"]

_PLUS_MINUS_NOTE = LazyPattern(r"(?<=[\w)])\s*[\[(]\s*\+\s*/\s*-\s*:?\s*([^\[\](),;]{1,80})[\])]")
# "[전성분]", "【全成分】", "<成分>": a bracketed label opens the list.
_BRACKETED_LABEL = LazyPattern(r"[\[【<〔(]\s*(전성분|성분|全成分|成分|ingredients?|inci)\s*[\]】>〕)]\s*[:：]?", re.I)
_CJK = LazyPattern(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# CJK lists separate names with 、 (and Chinese labels often with /).
_CJK_SLASH = LazyPattern(r"(?<=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7afA-Za-z0-9)）])\s*/\s*(?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af(（0-9])")
# Footnote digits glued to a name by a shop's translation: "Limonene1, Linalool1".
# (Written digit first, so that the search skips ahead to a digit: the same
# matches as a lookbehind first, found much faster on a long list.)
_GLUED_FOOTNOTE = LazyPattern(r"\d(?<=[a-zäöüßéèàç)]\d)\d?(?=\s*(?:[,;.)]|$))", re.M)
# "... Phenoxyethanol. Other ingredients: ..." / ". Inactive: ..." -> a new line.
# A sentence after a list's full stop, on the same line: it starts a line of
# its own, to be read (and set aside) as such. Only words that open a
# sentence, capitalised, after a word (not "Vit. E", "Alcohol Denat. Retinol").
_OPENERS = (
    "Contains?|Including|Featuring|Enriched|Infused|Powered|Packed|Plus|Also|Not|Never|Avoid|Use|Pairs?|Works?|"
    "Combines?|Key|Star|Hero|Our|This|These|It|Its|Formulated|Free|Made|Suitable|Tags|Keywords|Please|Warnings?|"
    "Cautions?|Directions|How|Apply|Store|Keep|For|Dermatologist|Clinically|Vegan|Cruelty|Good|Great|Ideal|Perfect|"
    "Popular|Tested|Hergestellt|Fabriqu[ée]|Usage|Nur|Hecho|Prodotto"
)
_SENTENCE_AFTER_LIST = LazyPattern(
    rf"(?<=[A-Za-z)\]])\.[ \t]*(?=(?:{_OPENERS}|{_OPENERS.upper()})\b)"
)
_OPENS_SENTENCE = LazyPattern(rf"(?:{_OPENERS}|{_OPENERS.upper()})\b")
_LABEL_AFTER_SENTENCE = LazyPattern(rf"([.;])\s+(?=(?:{_LABEL_WORDS}|inactive|other\s+ingredients)\s*[:：])", re.I)
# "Active: Retinol 0.3%", "Active ingredients", "Wirkstoffe:", "Principes actifs :"
_ACTIVE_LABEL = LazyPattern(
    r"^\s*(?:active\s+ingredients?|actives?|active|drug\s+facts\s+active\s+ingredients?|有効成分)(?:\b|(?=[:：]))"
    r"(?:\s*\(in\s+each[^)]*\))?\s*[:：]?\s*(?P<rest>.*)$",
    re.I,
)
_LABEL_LINE = LazyPattern(
    rf"^(?P<pre>[^,;:：]{{0,60}}?)\s*(?P<label>{_LABEL_WORDS})(?:\s*\((?:inci|ingredients?)\))?"
    r"(?P<tail>(?:\s+(?:overview|list|inci))?)\s*(?P<colon>[:：])?\s*(?P<rest>.*)$",
    re.I,
)
# Literal parts of the label's nouns (labels.NOUNS), lower-cased: an ASCII
# line without any of them holds no label.
_LABEL_HINTS = ("ingr", "inci", "inhaltsstoffe", "zutaten", "composi", "zusammensetzung", "sklad")


def _label_line(text: str):
    """_LABEL_LINE.match(text), tried only where a label's noun is."""
    return _LABEL_LINE.match(text) if may_hold(text, _LABEL_HINTS) else None


# "[토너]", "<Serum>": a kit part's name alone on its line, its list below.
_BRACKETED_ALONE = LazyPattern(r"^[<\[【〈《]\s*(?P<title>[^<>\[\]【】〈〉《》]{1,30}?)\s*[>\]】〉》]\s*:?$")
# "<化粧水>水、BG、...", "[본품] ...": a kit part named in brackets before its list.
_BRACKETED_TITLE = LazyPattern(r"^[<\[【〈《]\s*(?P<title>[^<>\[\]【】〈〉《》]{1,30}?)\s*[>\]】〉》]\s*(?P<rest>.+)$")
# A table copied with its header: "Ingredient | Function | ...", "INCI name<TAB>..."
_TABLE_HEADER = LazyPattern(
    r"^\s*\|?\s*(?:(?:no\.?|nr\.?|n[°º]|#)\s*(?:\||\t)\s*)?(?:ingredients?(?:\s+name)?|inci(?:\s+name)?|name|成分名?|성분명?)\s*(?:\||\t)",
    re.I,
)
# A product's size in a name key: "10ml", "3g", "1 7 oz" (the key of "1.7 oz")
_SIZE = LazyPattern(r"\b\d+(?: \d+)? ?(?:ml|g|oz)\b")
# "1 Water", "2 Caprylic/Capric Triglyceride": a numbered row of a one-per-line list
_NUMBERED_ROW = LazyPattern(r"^(\d{1,3})\s+(?=\S)(.+)$")
# Drug Facts rows: "Zinc Oxide 10.0% ........ Sunscreen" -> "Zinc Oxide 10.0%"
_PURPOSE_ROW = LazyPattern(
    r"^(?P<item>.*?\d(?:[.,]\d+)?\s*%(?:\s*\([^)]{1,40}\))?)\s*(?:(?:\.{2,}|…+|\s{2,}|\s-+\s|\t).*|\s*[A-Za-z][A-Za-z /-]*)$"
)
_STRICT_SECTION = LazyPattern(
    r"\b(?:shop|filter|browse|refine|key|star|hero|featured|highlights?|callouts|customers?|also|recommended|"
    r"similar|related|complete|bought|kunden|produktmerkmale)\b",
    re.I,
)
# Cheap substring tests before the costly expressions: most lines are list text.
_CLAIM_HINTS = (
    "free", "without", "contain", "there", "ohne", "frei", "kein", "sans", "contient", "sin",
    "libre", "livre", "contiene", "senza", "privo", "0%", "0 %", "no ", "zero ", "bez", "sem", "zonder", "vrij", "utan",
    "uden", "無添加", "无添加", "不添加", "不含", "무첨가", "프리", "フリー",
    "fri", "uten", "ilman", "woln", "bevat", "zawiera", "neobsahuje", "innehåller", "indeholder", "inneholder", "sisällä",
    "без", "содержит", "çerme", "不使用",
)
_DISCLAIMER_HINTS = ("change", "vary", "differ", "refer", "packag", "label", "up to date", "up-to-date", "current", "vorbehalten",
                     "verpackung", "emballage", "confezione", "envase", "embalaje", "实物", "包装", "パッケージ", "포장")
_CLAIM_HINTS_ASCII = tuple(h for h in _CLAIM_HINTS if h.isascii())
_DISCLAIMER_HINTS_ASCII = tuple(h for h in _DISCLAIMER_HINTS if h.isascii())
# Functions a copied table glues to the name after them ("Skin ConditioningGlycerin").
_GLUED_FUNCTIONS = (
    "skin conditioning", "humectant", "antioxidant", "solvent", "absorbent", "emollient", "emulsion stabilising",
    "emulsifying", "buffering", "preservative", "perfuming", "chelating", "viscosity controlling", "surfactant",
    "soothing", "skin brightening", "film forming", "uv filter", "colorant", "exfoliant", "moisturi[sz]ing",
)
_GLUED_FUNCTION = LazyPattern(
    r"^(?:" + "|".join(f.replace(" ", r"\s+") for f in _GLUED_FUNCTIONS) + r")(?=[A-Z])", re.I
)
# Their first words, up to any bracket (a cheap test before the expression).
_FUNCTION_STARTS = tuple(dict.fromkeys(f.split()[0].split("[")[0] for f in _GLUED_FUNCTIONS))
# The first words of a sentence that names ingredients, not of an INCI name.
_SENTENCE_LEAD = LazyPattern(
    r"(?:contains?|including|includes|featuring|features|enriched|infused|powered|packed|loaded|boosted|plus|also|"
    r"not|never|avoid|use|pairs?|works?|combines?|combined)\s+(?:with\s+|by\s+|well\s+with\s+)?[a-z]",
    re.I,
)
# A bullet that ends in ": a sentence" after the names it praises.
_CLAIM_AFTER_COLON = LazyPattern(r":\s+[A-Z][a-z]+(?:\s+\S+){2,}[^,;]*$")
_QUOTES = frozenset('"“„«「『')
# "(266)", "(1,284)", "(2 440)": a count of products beside a filter
_FACET_COUNT = LazyPattern(r"\(\d[\d,.]*(?:[ \u00a0\u202f]\d{3})*\)")
_FACET_END = LazyPattern(r"^[^,;]{1,40}\(\d[\d,.]*(?:[ \u00a0\u202f]\d{3})*\)\s*$")  # "Paraben-Free (266)"
# A label photographed and read by OCR: "GLYCER1N", "S0DIUM", "RET1NOL".
# (Digit first, as above: "(?<=[A-Za-z])[01]+(?=[A-Za-z]|-\n)|\b[01](?=[A-Za-z]{3,})".)
_OCR_DIGIT = LazyPattern(r"[01](?:(?<=[A-Za-z][01])[01]*(?=[A-Za-z]|-\n)|(?<=\b[01])(?=[A-Za-z]{3,}))")
_UPPER_BREAK = LazyPattern(r"(?<=[A-Z]{2})-[ \t]*\n[ \t]*(?=[A-Z]{2,}[ ,.;)])")
_DASH_HEADER = LazyPattern(r"^(?P<title>[^,;:：–—]{2,60}?)\s+[–—-]\s+(?P<rest>.+)$")
# A row of a filter bar: "成分：  玻色因  A醇  胜肽": names apart by wide spaces, no separators.
_FILTER_ROW = LazyPattern(r"\S\s{2,}\S.*\S\s{2,}\S")
# "STEP 01 CLEANSER", "Étape 2 : Sérum": a kit part's title without a list on its line.
_STEP_TITLE = LazyPattern(r"^(?:step|étape|etape|schritt|paso|passo|단계|ステップ)\s*0?\d{1,2}\b[^,;]{0,60}$", re.I)
_SENTENCE_BREAK = LazyPattern(r"[.;!?](?:\s+|$)")
_STRONG_SHARE = 0.7


@dataclass
class _Segment:
    """Lines that may form one list: after a label, after a kit header, or a paragraph."""

    title: str | None = None
    labelled: bool = False
    titled: bool = False  # a kit header ("Step 1 Cleanser:") named it
    role: str = "main"  # "main", "active" (Drug Facts actives) or "inactive"
    lines: list[str] = field(default_factory=list)
    skim: bool = False  # lines are rows of an ingredient table (name first)
    raw_first: str = ""  # the first row as it was (a pipe table keeps its cells)
    label_title: str | None = None  # "Cleanser Ingredients:", "Inhaltsstoffe Tagescreme:"
    numbered: bool = False  # its list is on a numbered line ("1) Water, ...")
    next_row: int = 1  # the number a numbered row ("1 Water") would have next

    @property
    def has_text(self) -> bool:
        return bool(self.lines)


def parse_text(text: str, known: Iterable[str] | None = None, kb=None) -> ParsedText:
    """Parse pasted text into one ordered list per product (kits give several).

    `known` is a set of name keys (see `text.name_key`) of real INCI names; it
    decides whether `A/B` is one name or synonyms and whether a line break
    wraps a name. By default the names of the ordinary lexicon and of the
    knowledge base (`kb`, a user's --kb base, when given) are used.
    """
    from .core import shared_analyzer

    analyzer = shared_analyzer(kb)
    if known is None:
        return analyzer.parse(text)
    if not isinstance(known, (set, frozenset)):
        known = frozenset(known)
    return parse_with(text, known, analyzer.active_names)


def parse_with(
    text: str, known: frozenset[str], actives: frozenset[str], family: Callable[[str], bool] | None = None
) -> ParsedText:
    """The parser proper. `known` and `actives` are sets of name keys;
    `family(key)` says whether a name belongs to a family of actives (it lets
    a lone name such as "Retinyl Oleate" count as a one-ingredient list)."""
    reader = _Reader(known, actives if known else frozenset(), family)
    reader.read(_prepare(text))
    return reader.result()


def lines_set_aside(text: str, parsed: ParsedText) -> list[str]:
    """The lines of `text` that are not the declared list (claims, bullets,
    reviews, tags...), for showing what was left out: a line counts as the
    list's when at least half of its items are items of a list read."""
    raws = {ing.raw for ing in parsed.ingredients} | {ing.name for ing in parsed.ingredients}
    out = []
    for line in _prepare(text).split("\n"):  # (as the reader sees it: "、" is a comma)
        line = line.strip()
        if not line:
            continue
        items = [i.strip(" .;*") for i in split_items(line) if i.strip(" .;*")]
        inside = sum(1 for i in items if i in raws or i.rstrip("*†") in raws)
        if not items or inside * 2 < len(items):
            out.append(line)
    return out


def _prepare(text: str) -> str:
    if "&" in text and _ENTITY.search(text):
        # "Huile V&#233;g&#233;tale": an entity left by a page that escaped
        # its text twice (its ";" would end the item). Only the entities are
        # decoded: "madecassoside&centella" stays as written.
        import html

        decoded = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
        if "&lt;" in text.lower():
            decoded = _ESCAPED_BREAK.sub("\n", decoded)  # "Water&lt;br&gt;Glycerin": a line break
        text = decoded
    if "\t" in text:
        text = re.sub(r"[ ]*\t+[ ]*", " | ", text)  # a table copied with tabs: its cells
    text = normalize_text(text)
    if _OCR_DIGIT.search(text) and len(_OCR_DIGIT.findall(text)) >= 3:
        text = _OCR_DIGIT.sub(lambda m: m.group(0).replace("0", "O").replace("1", "I"), text)
    if "+/" in text:
        # "Mica [+/- CI 77891]" annotates one item; it does not open a block.
        text = _PLUS_MINUS_NOTE.sub(r" (\1)", text)
    if "- " in text or "-\n" in text:
        text = _NUMBER_BREAK.sub("-", text)  # "Palmitoyl Tripeptide-\n1", "PEG-\n100 Stearate"
        text = HYPHEN_BREAK.sub("", text)
        text = _UPPER_BREAK.sub("", text)  # "CETEARYL ALCO-\nHOL" on a photographed label
    if "CI" in text or "C.I" in text or "C I" in text:
        text = CI.sub(r"CI \1", text)
    if "%" in text:
        text = GLUED_PERCENT.sub(r"\1, ", text)
    if not text.isascii() and _CJK.search(text):  # (the search is costly on long lists)
        text = _BRACKETED_LABEL.sub(r"\n\1:", text)
        text = text.replace("、", ", ").replace("﹑", ", ")
        if text.count("/") > text.count(","):
            text = _CJK_SLASH.sub(", ", text)  # Chinese labels that separate names with /
    elif "[" in text or "【" in text:
        text = _BRACKETED_LABEL.sub(r"\n\1:", text)
    text = _GLUED_FOOTNOTE.sub("", text)
    if ": " in text or ":" in text:
        text = _LABEL_AFTER_SENTENCE.sub("\\1\n", text)
    if "." in text:
        text = _SENTENCE_AFTER_LIST.sub(".\n", text)  # "..., Phenoxyethanol. Contains retinol, ..."
    return text


_NUMBER_BREAK = LazyPattern(r"(?<=[A-Za-z])-[ \t]*\n[ \t]*(?=\d)")
_ENTITY = LazyPattern(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ESCAPED_BREAK = LazyPattern(r"<\s*(?:br\s*/?|/?p|/?li|/?div)\s*>", re.I)
# "| What-it-does: ..." inside a row of properties; "..., Ingredients: Water" is a label
_PROPERTY_KEY = LazyPattern(r"[|;,·•]\s*([\w -]{2,30}):\s")
_LABEL_WORD = LazyPattern(r"ingredient|inactive|active|contains|may contain|ingr[ée]dients|inhalt", re.I)


# Literal words without which FREE_FROM cannot match ASCII text (its
# expressions are costly on a long list; most lists hold none of these): words
# it reads at the start of a word, and short ones it reads only whole, which
# also start many names ("Camellia Sinensis", "Hydrogenated Polyisobutene").
_FREE_FROM_STARTS = ("without", "contient", "contiene", "there", "frei", "libre", "privo", "livre",
                     "vrij", "woln", "bevat", "neobsahuje", "indeholder", "inneholder")
_FREE_FROM_WHOLE = ("sans", "ohne", "sin", "senza", "sem", "bez", "zonder", "utan", "uden", "uten", "ilman", "fri", "nie")
# Its claims with "free" and "contain" ("May contain", "Fragrance Free" are none).
_FREE_CONTAIN = LazyPattern(r"\bfree\s+(?:from|of)\b|(?:not|n[o']t)\s+contain|\bnever\s+contain|\bcontains?\s+no\b", re.I)
_ZERO_START = LazyPattern(r"\W*0\s?%", re.I)  # FREE_FROM's "0% ..." at the start of a line
# Literal parts of MAY_CONTAIN ("may contain", "peut contenir", "kann", "puede",
# "può", "pode", "kan", "+/-", "±"), lower-cased.
_MAY_CONTAIN_WORDS = ("may", "peut", "kan", "puede", "puo", "pode", "+")


def _claim_hinted(lowered: str) -> bool:
    """A hint of a free-from claim in `lowered` (a line, lower-cased)."""
    return any(hint in lowered for hint in (_CLAIM_HINTS_ASCII if lowered.isascii() else _CLAIM_HINTS))


def _may_claim(line: str, lowered: str) -> bool:
    """False when FREE_FROM cannot match `line` (`lowered` is line.lower())."""
    if not line.isascii():
        return True
    # Each of its words follows a word boundary (\b) in FREE_FROM.
    starts = [word for word in _FREE_FROM_STARTS if word in lowered]
    wholes = [word for word in _FREE_FROM_WHOLE if word in lowered]
    return (
        any(_word_at(lowered, word) for word in starts)
        or (("free" in lowered or "contain" in lowered) and _FREE_CONTAIN.search(lowered) is not None)
        or any(_word_at(lowered, word, whole=True) for word in wholes)
        or _ZERO_START.match(line) is not None
    )


def _word_at(text: str, word: str, whole: bool = False) -> bool:
    """`word` occurs in ASCII `text` at the start of a word (after \\b), and
    with `whole` also at its end (before \\b)."""
    at = text.find(word)
    while at >= 0:
        if at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_"):
            end = at + len(word)
            if not whole or end == len(text) or not (text[end].isalnum() or text[end] == "_"):
                return True
        at = text.find(word, at + 1)
    return False


def _may_contain_marker(text: str) -> bool:
    """False when MAY_CONTAIN cannot match `text`."""
    return may_hold(text, _MAY_CONTAIN_WORDS)


def _separators(text: str) -> int:
    return text.count(",") + text.count(";") + text.count("|") + text.count("•") + text.count("·")


def _listy(text: str) -> bool:
    return _separators(text) >= 2


class _Reader:
    def __init__(self, known: frozenset[str], actives: frozenset[str], family: Callable[[str], bool] | None):
        self.known = known
        self.actives = actives
        self.family = family
        self.segments: list[_Segment] = []
        self.current: _Segment | None = None
        self.skipping: str | None = None  # the title of a section being skipped
        self.free_from: list[str] = []
        self.free_from_block = False  # after "Formulated without:" on its own line
        self.last_short: str | None = None  # a short line that may name the next kit part
        self._shares: dict[str, float] = {}
        self.lines = 0  # lines of text read

    # -- reading ------------------------------------------------------------
    def read(self, text: str) -> None:
        for raw in text.split("\n"):
            line = raw.strip()
            if line:
                self.lines += 1
                self._line(line)
            else:
                self._blank()

    def _blank(self) -> None:
        self.skipping = None
        self.free_from_block = False
        if self.current is not None and self.current.skim:
            self._close()
        if self.current is not None and self.current.has_text:
            self._close()

    def _close(self) -> None:
        self.current = None

    def _open(self, **kwargs) -> _Segment:
        segment = _Segment(**kwargs)
        self.segments.append(segment)
        self.current = segment
        return segment

    def _end_list(self) -> None:
        """Text that is not the list ends a list that has begun."""
        if self.current is not None and self.current.has_text:
            self._close()

    def _line(self, line: str) -> None:
        segment = self.current
        head = line[:24]  # (longer than any function's first word)
        glued = _GLUED_FUNCTION.match(line) if not head.isascii() or head.lower().startswith(_FUNCTION_STARTS) else None
        if glued:
            line = line[glued.end():]  # "Skin ConditioningGlycerin" (a function glued to the name)
        if segment is not None and segment.skim:
            if setaside.SKIM_HEADER.match(line) or re.fullmatch(r"[\s|:+-]+", line):
                return
            if segment.lines and "|" in segment.raw_first and "|" not in line:
                self._close()  # a table copied with its cells ends where the cells end
            else:
                name = _first_cell(line) if "|" in line else setaside.skim_row_name(line)
                if name and not is_prose(line) and len(words(name)) <= 10 and not setaside.page_chrome(line):
                    if not segment.lines:
                        segment.raw_first = line
                    segment.lines.append(name)
                    return
                self._close()
        if self._set_aside(line):
            return
        bullet = BULLET.match(line)
        body = line[bullet.end():] if bullet else line
        if self._label(body):
            return
        if self._section(body):
            return
        dashed = _DASH_HEADER.match(body)
        if dashed and not _listy(dashed.group("title")) and len(words(dashed.group("title"))) <= 6:
            rest = dashed.group("rest")
            if _listy(rest) and self._plausible_share(rest) >= 0.5:
                self._start(titled=True, title=dashed.group("title").strip(), label_title=dashed.group("title").strip())
                self.current.lines.append(rest)
                return
            if not _listy(rest) and rest[:1].islower():
                self._end_list()  # a glossary or marketing line: "Adenosine – smooths the look of wrinkles"
                return
        if _STEP_TITLE.match(body) and not _listy(body):
            self._start(titled=True, title=body.rstrip(":： "), label_title=body.rstrip(":： "))
            return
        bracketed = _BRACKETED_TITLE.match(body)
        if bracketed and setaside.SECTION.match(bracketed.group("title") + ":"):
            self.skipping = bracketed.group("title")  # "【核心成分】A + B": highlights
            self._end_list()
            return
        if bracketed and _listy(bracketed.group("rest")):
            self._start(titled=True, title=bracketed.group("title").strip(), label_title=bracketed.group("title").strip())
            self.current.lines.append(bracketed.group("rest"))
            return
        alone = _BRACKETED_ALONE.match(body) if body[:1] in "<[【〈《" else None
        if alone and self._part_title(alone.group("title").strip()):
            title = alone.group("title").strip()
            if setaside.SECTION.match(title + ":"):
                self.skipping = title
                self._end_list()
            else:
                self._start(titled=True, title=title, label_title=title)  # "[토너]" over the toner's list
            return
        if self.skipping is not None:
            # Under "Description" a list may follow without a blank line; under
            # "Shop by ingredient" or "Key ingredients" a list of names is not the list.
            if not _STRICT_SECTION.search(self.skipping) and self._strong_list(line):
                self.skipping = None
            else:
                return
        header = HEADER.match(body)
        if header and self._header(header.group("title").strip(), header.group("rest").strip(), bool(bullet), line):
            return
        if bullet and _CLAIM_AFTER_COLON.search(body):
            self._end_list()  # "-Aloe Juice, Birch Sap and Cotton Water: Help nourish and support."
            return
        if body[:1].isalpha() and _SENTENCE_LEAD.match(body) and not plausible_item(split_items(body)[0], self.known):
            self._end_list()  # "Contains retinol, peptides and ...", "Not recommended with retinoids, vitamin C"
            return
        if bullet and is_prose(body) and not _listy(body):
            self._end_list()
            return
        if (is_prose(line) and (not _listy(line) or self._plausible_share(line) < 0.5) and not self._bare_run(line)) or line[:1] in _QUOTES:
            self._end_list()  # a sentence (with or without commas), or a quoted review
            return
        segment = self.current
        row = _NUMBERED_ROW.match(line) if line[:1].isdigit() and segment is not None and segment.labelled else None
        if row and not _listy(row.group(2)) and _next_in_order(int(row.group(1)), segment.next_row):
            segment.next_row = int(row.group(1)) + 1  # rows numbered 1, 2, 3...: the number is no part of the name
            segment.lines.append(row.group(2))
            return
        if segment is not None and segment.next_row > 1 and not _listy(line) and not plausible_item(line, self.known):
            return  # between numbered rows: a function cell ("Solvent"), "Show ingredients as text"
        if ":" in line and self._glossary(line):
            self._end_list()  # "Ceramide NP, Ceramide AP: lipids that restore the barrier."
            return
        if self.current is not None and (
            _full_stop(self.current.lines)
            or (self.current.lines and self.current.lines[-1].endswith(".") and _OPENS_SENTENCE.match(line))
        ):
            # A list ends at its full stop: what follows is other text ("Contains
            # retinol, peptides and ...", highlighted actives "Retinol, Bakuchiol").
            self._close()
        if self.current is None:
            if self._may_contain_continues(line):
                return
            self._open()
        if bullet and bullet.group().strip()[:1].isdigit() and self._strong_list(body):
            # "1) Water, ...", "2) Water, ...": under one label, each numbered
            # line is the list of one part of a kit.
            if self.current.has_text and self.current.numbered:
                parent = self.current
                self._open(labelled=parent.labelled, titled=True, role=parent.role)
            self.current.numbered = True
        if not _listy(line) and len(words(line)) <= 6 and not self.current.has_text:
            self.last_short = line
        self.current.lines.append(body if bullet and not is_prose(body) else line)

    def _part_title(self, title: str) -> bool:
        """A kit part's name alone in brackets ("[토너]"), not a note inside a
        list ("[Organic]", "[May contain]") nor a label."""
        if _listy(title) or is_prose(title) or "+/" in title or "±" in title or MAY_CONTAIN.search(title):
            return False
        if _LABEL_ONLY.match(title):
            return False
        segment = self.current
        # Between parts: nothing open, an empty label, or the part before it.
        return segment is None or not segment.has_text or segment.titled

    def _glossary(self, line: str) -> bool:
        """A glossary entry: a few names, a colon, then a sentence about them."""
        head, _, tail = line.partition(":")
        tail = tail.strip()
        return (
            len(split_items(head)) <= 3 and tail[:1].islower() and is_prose(tail)
            and self._plausible_share(tail) < 0.5 and self._plausible_share(head) > 0
        )

    def _bare_run(self, line: str) -> bool:
        """A list written without separators ("Propylene Glycol Dimethicone
        Glycerin Ascorbic Acid ..."): mostly known names end to end."""
        if _listy(line) or len(words(line)) < 8:
            return False
        run = segment_run(line.rstrip(". "), self.known, least=0.6)
        return bool(run) and len(run) >= 5

    def _section(self, body: str) -> bool:
        """A section title that is not the list ("How to use", "Reviews",
        Drug Facts' "Uses ..."): what follows is skipped up to the next blank
        line, label, or line that is clearly a list."""
        if ":" in body or "：" in body:
            return False  # "Title: rest" lines are read as headers
        if setaside.DRUG_FACTS_HEADING.match(body) or (at_most_words(body, 6) and setaside.SECTION.match(body)):
            if self._strong_list(body):
                return False
            self.skipping = body
            self._end_list()
            return True
        if at_most_words(body, 8) and setaside.NOTE_TITLE.match(body) and not self._strong_list(body):
            self._end_list()  # "Popular", "Avoid using with Retinol, Tretinoin": this line only
            return True
        return False

    def _may_contain_continues(self, line: str) -> bool:
        """A "May contain" paragraph after a list belongs to that list."""
        if MAY_CONTAIN.match(line) and self.segments and self.segments[-1].has_text:
            self.current = self.segments[-1]
            self.current.lines.append(line)
            return True
        return False

    def _set_aside(self, line: str) -> bool:
        """Footnotes, disclaimers, free-from claims, section titles, page chrome."""
        counts = len(_FACET_COUNT.findall(line))
        if (counts >= 2 and counts * 2 >= len(split_items(line))) or _FACET_END.search(line):
            self._end_list()  # filter facets: "Retinol (87) | Vitamin C (66)"
            return True
        if FOOTNOTE_LINE.match(line) and not FOOTNOTE_MARKS.sub("", line).lstrip().startswith(","):
            rest = FOOTNOTE_MARKS.sub("", line).strip()
            if not looks_like_list(rest):
                self._end_list()
                return True
        if setaside.NUMBER_FOOTNOTE.match(line) and not looks_like_list(line):
            self._end_list()
            return True
        lowered = line.lower()
        plain = lowered.isascii()  # (then only the ASCII hints can occur in it)
        # Both gates only skip lines FREE_FROM cannot match (tests say so); on
        # ASCII text _may_claim is the narrower, so the hints are asked there
        # only where claims outside a list are read.
        may_claim = _may_claim(line, lowered) and (plain or _claim_hinted(lowered))
        claim = setaside.FREE_FROM.search(line) if may_claim else None
        if claim is not None and not _LABEL_INLINE.match(line):
            before = self._sentence_before(line, claim.start())
            if before is not None:
                if not self._in_reviews():
                    names: list[str] = []
                    outside = line[: claim.start()]
                    while claim is not None:
                        names += setaside.free_from_names(line[claim.end():])
                        after = _SENTENCE_BREAK.search(line, claim.end())
                        following = setaside.FREE_FROM.search(line, claim.end())
                        if after is not None and (following is None or following.start() >= after.end()):
                            outside += ". " + line[after.end(): following.start() if following else len(line)]
                        claim = following
                    self._add_free_from(names + setaside.claim_names(outside))
                    if not names and (line.rstrip().endswith((":", "：")) or len(words(line)) <= 4):
                        self.free_from_block = True  # "Formulated without" over a list of names
                if before.strip():
                    self._line(before.strip())
                else:
                    self._end_list()
                return True
        if self.free_from_block:
            if _label_line(line) or setaside.SECTION.match(line):
                self.free_from_block = False
            elif BULLET.match(line) or (not _listy(line) and len(words(line)) <= 5):
                self._add_free_from(setaside.free_from_names(BULLET.sub("", line)))
                return True
            self.free_from_block = False
        disclaimer_hints = _DISCLAIMER_HINTS_ASCII if plain else _DISCLAIMER_HINTS
        disclaimer = setaside.DISCLAIMER.search(line) if any(h in lowered for h in disclaimer_hints) else None
        if disclaimer is not None:
            before = self._sentence_before(line, disclaimer.start())
            if before is not None:
                if before.strip():
                    self._line(before.strip())
                else:
                    self._end_list()
                return True
        if (not _listy(line) or not self._plausible_share(line) >= 0.5) and _claim_hinted(lowered):
            claims = setaside.claim_names(line)
            if claims and (not _listy(line) or len(claims) * 2 >= len(split_items(line))):
                if not self._in_reviews():
                    self._add_free_from(claims)
                self._end_list()
                return True
        if setaside.FUNCTION_TITLE.match(line) and not _formula_after_title(line):
            return True  # INCIDecoder groups the list by function: not the declared order
        if setaside.SKIM_HEADER.match(line) or _TABLE_HEADER.match(line):
            self._open(labelled=True, skim=True)
            self.skipping = None
            return True
        if not (_listy(line) and self._plausible_share(line) >= 0.7) and setaside.page_chrome(line):
            self._end_list()
            return True
        return False

    def _sentence_before(self, line: str, at: int) -> str | None:
        """The text before the sentence that holds offset `at` ("" when the
        sentence starts the line); None when that sentence is list text (a
        marker inside a list item is not a claim)."""
        head = line[:at]
        breaks = list(_SENTENCE_BREAK.finditer(head))
        if breaks:
            return head[: breaks[-1].end()]
        if _listy(head) and self._plausible_share(head) >= 0.6 and not is_prose(line[at:]):
            return None
        return ""

    def _in_reviews(self) -> bool:
        return self.skipping is not None and bool(re.search(r"review|rezension|avis|customer|kunden|recensi", self.skipping, re.I))

    def _add_free_from(self, names: list[str]) -> None:
        """Keep the names a claim makes about ingredients: a class of them
        ("parabens", "drying alcohols") or a known ingredient name."""
        seen = {name_key(n) for n in self.free_from}
        for name in names:
            key = name_key(name)
            if not key or key in seen:
                continue
            if not (setaside.CLAIM_CLASS.search(name) or key in self.known or key.rstrip("s") in self.known):
                continue
            seen.add(key)
            self.free_from.append(name)

    def _label(self, body: str) -> bool:
        """An "Ingredients" / "INCI" / "Active ingredients" label, maybe with the list after it."""
        active = _ACTIVE_LABEL.match(body)
        if active and not _LABEL_ONLY.match(body):
            rest = active.group("rest").strip()
            colon = re.search(r"[:：]", body[: len(body) - len(rest)]) is not None
            if rest and not colon and not re.match(r"^(?:purpose|zweck)\b", rest, re.I) and not re.search(r"\d\s*%", rest) and not _listy(rest):
                return False  # "Active lifestyle", a sentence
            self._start(role="active", labelled=True)
            rest = re.sub(r"^(?:purpose|zweck)\b\s*", "", rest, flags=re.I)
            if rest:
                self._line_into_current(rest)
            return True
        match = _label_line(body)
        if match is None or setaside.SECTION.match(body):
            return False
        pre, label, rest = match.group("pre").strip(), match.group("label"), match.group("rest").strip()
        colon = bool(match.group("colon"))
        if pre and (len(words(pre)) > 6 or _listy(pre) or is_prose(pre) or setaside.SECTION.match(pre)):
            return False
        if not colon and rest and (pre or rest[:1] in ",.;"):
            return False  # "... with 16 ingredients, including vitamin C": a sentence
        if not colon and rest and not _listy(rest):
            if not (match.group("tail") or rest.lower().startswith(("purpose", "zweck"))):
                # "Ingredients overview" is a label; "Ingredients that work" is a sentence.
                if len(words(rest)) > 3 or pre:
                    return False
                title_rest = rest
                rest = ""
            else:
                title_rest = None
        else:
            title_rest = None
        role = "inactive" if _CONTINUING_LABEL.match(label) else "main"
        if re.match(r"^\s*(?:active\b|medicinal\b|有効成分)", label, re.I):
            role = "active"
        title = pre or None
        sub = re.match(r"^(?P<title>[^,;:：]{1,40}?)\s*[:：]\s*(?P<rest>.*)$", rest) if rest else None
        if sub and not _listy(sub.group("title")) and len(words(sub.group("title"))) <= 5:
            title, rest = (title + " " if title else "") + sub.group("title").strip(), sub.group("rest").strip()
        elif title_rest and not title:
            title = title_rest
        if rest.lower().startswith(("purpose", "zweck")):
            rest = re.sub(r"^(?:purpose|zweck)\b\s*", "", rest, flags=re.I)
        if role == "inactive" and self.skipping is not None and not rest:
            return True  # "Other Ingredients" over INCIDecoder's function groups
        if rest and not _listy(rest) and _FILTER_ROW.search(rest):
            return True  # "成分：  玻色因  A醇  胜肽" in a listing's filter bar
        self._start(role=role, labelled=True, label_title=title)
        if rest:
            self._line_into_current(rest)
        return True

    def _start(self, **kwargs) -> None:
        self.skipping = None
        self.free_from_block = False
        if "label_title" not in kwargs or not kwargs["label_title"]:
            kwargs["label_title"] = self.last_short
        self.last_short = None
        self._open(**kwargs)

    def _line_into_current(self, text: str) -> None:
        """The rest of a label or header line: list text, or one more title."""
        if self._set_aside(text):
            return
        self.current.lines.append(text)

    def _header(self, title: str, rest: str, bullet: bool, line: str) -> bool:
        """`Title: rest` lines: kit headers, marketing bullets, sections to skip."""
        if MAY_CONTAIN.fullmatch(title + ":") or MAY_CONTAIN.match(title):
            return False
        if setaside.SECTION.match(title + ":"):
            self.skipping = title
            self._end_list()
            return True
        if setaside.NOTE_TITLE.match(title + ":"):
            self._end_list()  # "Tags: retinol, peptides": this line only (a list may follow)
            return True
        if rest and name_key(title) in self.known and not self._strong_list(rest):
            self._end_list()  # "Niacinamide: vitamin B3, refines pores": a glossary entry
            return True
        if rest and _listy(rest) and (not bullet or (self._plausible_share(rest) >= 0.6 and not is_prose(split_items(rest)[0]))):
            # "Step 1 Cleanser: Water, ..." or "1. Vitamin C Serum: Aloe ..., Water, ...": a kit part
            nested = HEADER.match(rest)
            if nested and not _listy(nested.group("title")) and len(words(nested.group("title"))) <= 6:
                title, rest = f"{title}: {nested.group('title').strip()}", nested.group("rest").strip()
            if any(not _LABEL_WORD.search(key) for key in _PROPERTY_KEY.findall(rest)):
                self._end_list()  # "Also-called: A, B | What-it-does: ...": a row of properties
                return True
            self._start(titled=True, title=title, label_title=title)
            self.current.lines.append(rest)
            return True
        if bullet and rest:
            self._end_list()  # "-Retinol: smooths fine lines" is marketing
            return True
        if not rest and len(words(title)) <= 10 and not is_prose(title):
            self._start(titled=True, title=title, label_title=title)
            return True
        if rest and (is_prose(rest) or len(split_items(rest)) == 1):
            self._end_list()
            return True
        return False

    # -- judging text -------------------------------------------------------
    def _plausible_share(self, text: str) -> float:
        share = self._shares.get(text)
        if share is None:
            share = self._shares[text] = self._share(text)
        return share

    def _share(self, text: str) -> float:
        items = [i for i in split_items(text) if i.strip()]
        if not items:
            return 0.0
        return sum(map(plausible_item, items, itertools.repeat(self.known, len(items)))) / len(items)

    def _strong_list(self, line: str) -> bool:
        """A line that is an ingredient list whatever surrounds it."""
        return len(split_items(line)) >= 5 and self._plausible_share(line) >= _STRONG_SHARE

    # -- segments -> lists --------------------------------------------------
    def result(self) -> ParsedText:
        built = []
        for segment in self.segments:
            main, may = self._segment_items(segment)
            ingredients, facts = self._ingredients(main, may)
            if ingredients:
                built.append((segment, ingredients, facts))
        chosen = _distinct(self._choose(built))
        lists: list[IngredientList] = []
        i = 0
        while i < len(chosen):
            segment, ingredients = chosen[i]
            ordered = True
            leading = 0
            if segment.role == "active" and i + 1 < len(chosen) and chosen[i + 1][0].role in ("inactive", "main"):
                following = chosen[i + 1][1]
                leading = len(ingredients)
                ordered = not _alphabetical(following)
                ingredients = ingredients + following
                i += 1
            elif segment.role == "inactive":
                ordered = not _alphabetical(ingredients)
            elif _sorted_names(ingredients):
                ordered = False  # any list in A-Z order (a US label, a shop that sorts names): not by amount
            index = len(lists)
            if index == 0 and not leading:
                numbered = tuple(ingredients)  # numbered so already (position n, list 0)
            else:
                numbered = tuple(
                    Ingredient(n, ing.name, ing.aliases, ing.percent, ing.section, index, ing.raw)
                    for n, ing in enumerate(ingredients, 1)
                )
            lists.append(IngredientList(segment.title, numbered, ordered=ordered, leading_actives=leading))
            i += 1
        if len(lists) > 1:
            # Several lists: name each after its kit part where the text did.
            titled = [lst if lst.title else IngredientList(seg.label_title, lst.ingredients, lst.ordered, lst.leading_actives)
                      for lst, (seg, _) in zip(lists, _unmerged(chosen))]
            lists = titled
        return ParsedText(lists=tuple(lists), free_from=tuple(self.free_from))

    def _segment_items(self, segment: _Segment) -> tuple[list[str], list[str]]:
        lines = segment.lines
        if segment.skim:
            return [name for name in lines if name], []
        if segment.role == "active":
            lines = [_purpose_row(line) for line in lines]
        if not lines:
            return [], []
        counts = [1 + _separators(line) for line in lines]
        listy = any(count >= 3 for count in counts)
        if len(lines) == 1 or listy:
            lines = [
                line for line, count in zip(lines, counts)
                if not (count == 1 and self._stray_line(line, len(lines), listy))
            ]
        if listy and len(lines) > 1:
            # A line of words among list lines ("great for dry skin, would buy
            # again", a product-information row): no name in it is plausible.
            lines = [
                line for line in lines
                if not ((_listy(line) and self._plausible_share(line) < 0.3)
                        or ((len(words(line)) >= 4 or "," in line) and self._plausible_share(line) == 0))
            ]
        if not lines:
            return [], []
        text = lines[0]
        wrapped = _hard_wrapped(lines)
        for line in lines[1:]:
            text = self._join(text, line, wrapped)
        if ":" in text or "：" in text:  # (the label needs its colon)
            text = _LABEL_INLINE.sub(",", text)
        main: list[str] = []
        may: list[str] = []
        parts = MAY_CONTAIN.split(text, maxsplit=1) if _may_contain_marker(text) else [text]
        main.extend(pieces(parts[0], self.known) if parts[0].strip() else ())
        if len(parts) > 1 and parts[1].strip():
            # In a "may contain" block " / " separates the shades' colourants,
            # not other names of one ingredient: "CI 77891 / CI 77491 / Mica".
            may.extend(pieces(parts[1].replace(" / ", ", "), self.known))
        return main, may

    def _stray_line(self, line: str, paragraph_lines: int, listy: bool) -> bool:
        """A line of words next to the list ("A light serum.", "Made in
        France"): one item of several words that is no known or INCI-shaped
        name, in a paragraph that holds a list or on its own."""
        count = len(words(line))
        if count < 2:
            return False
        if paragraph_lines > 1 and (not listy or count < 3):
            return False  # one ingredient per line, or a name wrapped over two lines
        key = name_key(line)
        if product_shaped(key) or _SIZE.search(key):
            return True  # "Overnight Retinol Oil (10mL)": a kit part's name over its list
        cleaned = clean_item(line, self.known)
        if cleaned is None:
            return False
        names = (cleaned[0], *cleaned[1])
        if self.family is not None and any(self.family(name_key(n)) for n in names):
            return False
        return not plausible(names, self.known)

    def _join(self, before: str, after: str, wrapped: bool = False) -> str:
        """Join two lines: a separator, unless the break splits a known name.
        In a `wrapped` paragraph (one list broken inside its items) a break
        is inside an item unless a known name follows it: "Parfum\n(Fragrance)",
        "Leaf\nExtract", "Polystyrene\nSulfonate"."""
        if _at_separator(before, after):
            return before + " " + after
        tail = split_items(before)[-1].strip()
        head = split_items(after)[0].strip()
        joined = name_key(f"{tail} {head}")
        if joined in self.known and not (name_key(tail) in self.known and name_key(head) in self.known):
            return before + " " + after
        if wrapped and (head[:1] in "([" or name_key(head) not in self.known):
            return before + " " + after
        return before + "\n" + after

    def _ingredients(self, main: list[str], may: list[str]) -> tuple[list[Ingredient], list[tuple]]:
        """The ingredients of a segment's items, and what `_choose` asks of
        each (see `_judge`)."""
        half = len(main) // 2
        if (half >= 3 and len(main) % 2 == 0 and name_key(main[0]) == name_key(main[half])
                and [name_key(x) for x in main[:half]] == [name_key(x) for x in main[half:]]):
            main = main[:half]  # the same list twice in a row (one name per line, then as one line)
        ingredients: list[Ingredient] = []
        facts: list[tuple] = []
        known, actives = self.known, self.actives
        badges = _may_badge("\n".join(main))
        for section, raws in (("main", main), ("may_contain", may)):
            for raw in raws:
                badge = setaside.badge_item(raw) if badges and _may_badge(raw) else None
                if badge:
                    self._add_free_from([badge])  # "Retinol-free" at the end of a list
                    continue
                parts = _read_item(raw, known, actives)
                if parts:
                    stripped = raw.strip()
                    for name, aliases, percent, judged in parts:
                        ingredients.append(Ingredient(len(ingredients) + 1, name, aliases, percent, section, 0, stripped))
                        facts.append(judged)
        return ingredients, facts

    def _actives_only(self, facts: list[tuple]) -> bool:
        """Names that are nearly all actives (or family members) and none an
        ordinary ingredient: a formula always holds a base (water, oils,
        glycerin, a preservative)."""
        actives = 0
        for generic, *_, kind, keys in facts:
            if generic or self._active_fact(kind, keys):
                actives += 1  # ("Retinol | Peptides | Hyaluronic Acid": a menu word counts as one)
            elif kind < 0:
                return False  # (usually the first name, water: one family question)
        return actives >= 0.8 * len(facts)

    def _active_fact(self, kind: int, keys: tuple[str, ...]) -> bool:
        """An active's name, or one a family rule takes."""
        return kind > 0 or (self.family is not None and any(self.family(k) for k in keys))

    def _single_name(self, ingredient: Ingredient) -> bool:
        """A lone item that is a list of one: a known name or a family member."""
        for name in ingredient.names:
            key = name_key(name)
            if key in self.known or (self.family is not None and self.family(key) and not product_shaped(key)):
                return True
            if inci_shaped(key) and not product_shaped(key):
                return True  # "Calophyllum Tacamahaca Seed Oil.": a one-ingredient product
        return False

    def _choose(self, built: list[tuple[_Segment, list[Ingredient], list[tuple]]]) -> list[tuple[_Segment, list[Ingredient]]]:
        """Keep the segments that read as ingredient lists. A label is strong
        evidence; text without one must look like a list on its own."""
        judged = []
        # Text that holds one run of several items and nothing else listy: the
        # run is the list unless most of it is not ingredient-like.
        runs = sum(1 for _, ingredients, _ in built if len(ingredients) >= 3)
        # A lone name is a list of one only when nothing else was read: the
        # text is that name, not a page whose other lines were set aside.
        alone = len(built) == 1 and self.lines <= 3
        for segment, ingredients, facts in built:
            count = len(ingredients)
            generic = sum(1 for f in facts if f[0])
            if generic >= 2 and generic * 4 >= count:
                continue  # "Peptides, Ceramides, Antioxidants": a menu of actives, not a label
            share = sum(1 for f in facts if f[1]) / count
            if count >= 3 and not _declared_actives(segment, ingredients) and self._actives_only(facts):
                continue  # "Look for: Retinol, Retinal, Retinyl Palmitate": a menu of actives, not a formula
            if segment.role == "active" and any(len(ings) >= 3 for _, ings, _ in judged) and all(i.percent is None for i in ingredients):
                continue  # "Actives: Retinol, Adenosine" after the list: highlights (declared actives come first, with their %)
            if segment.labelled or segment.titled:
                ok = (count >= 2 and share >= 0.3) or (count == 1 and (self._single_name(ingredients[0]) or share == 1.0 and segment.labelled))
                if not ok and segment.role == "active" and any(self._active_fact(kind, keys) for *_, kind, keys in facts):
                    ok = True  # declared actives named another way (a quasi-drug's 有効成分): one known active vouches
            else:
                least = 0.3 if runs == 1 else 0.5
                products = sum(1 for f in facts if f[2])
                ok = (count >= 3 and share >= least and products * 3 < count) or (
                    alone and count <= 2 and all(self._single_name(i) for i in ingredients)
                )
            if ok:
                judged.append((segment, ingredients, share))
        if any(seg.labelled or seg.titled for seg, _, _ in judged):
            # A list right after declared actives with their % is the rest of
            # that label ("Actives: Retinol 0.1%, ..." then "Aqua, Glycerin, ...").
            after_actives = {id(judged[k + 1][0]) for k in range(len(judged) - 1) if _declared_actives(*judged[k][:2])}
            judged = [
                (seg, ings, share) for seg, ings, share in judged
                if seg.labelled or seg.titled or (share >= 0.8 and len(ings) >= 8)
                or (id(seg) in after_actives and share >= 0.5 and len(ings) >= 3)
            ]
        else:
            # Without any label, lone names next to a real list are stray words.
            if any(len(ings) >= 3 for _, ings, _ in judged):
                judged = [(seg, ings, share) for seg, ings, share in judged if len(ings) >= 3]
        return [(seg, ings) for seg, ings, _ in judged]


@functools.lru_cache(maxsize=1 << 15)
def _read_item(raw: str, known: frozenset[str], actives: frozenset[str]) -> tuple[tuple, ...]:
    """One raw item -> (name, aliases, percent, what _choose asks of it) of
    each ingredient it holds: none, one, or several where a comma was lost
    between known names."""
    cleaned = clean_item(raw, known)
    if cleaned is None:
        return ()
    name, aliases, percent = cleaned
    joined = split_joined(name, known, actives) if not aliases else None
    if joined is None:
        return ((name, aliases, percent, _judge(name, aliases, known, actives)),)
    return tuple((part, (), None, _judge(part, (), known, actives)) for part in joined)


@functools.lru_cache(maxsize=1 << 15)
def _judge(name: str, aliases: tuple[str, ...], known: frozenset[str], actives: frozenset[str]):
    """What `_choose` asks of one ingredient, but the family rules (asked
    later, only where they can change the answer): (a generic term,
    plausible, product-shaped, 1 if an active / -1 if an ordinary name / 0,
    its name keys)."""
    key = name_key(name)
    keys = (key, *(name_key(a) for a in aliases))
    if any(k in actives for k in keys):
        kind = 1
    elif any(k in known for k in keys):
        kind = -1
    else:
        kind = 0
    return generic_term(key), plausible((name, *aliases), known), product_shaped(key), kind, keys


def _distinct(chosen):
    """The same list repeated (an overview and a table of it) is read once."""
    if len(chosen) < 2:
        return chosen
    kept = []
    seen: list[frozenset[str]] = []
    for segment, ingredients in chosen:
        keys = frozenset(name_key(i.name) for i in ingredients)
        if any(keys <= other for other in seen) and segment.role == "main":
            continue
        seen.append(keys)
        kept.append((segment, ingredients))
    return kept


def _unmerged(chosen):
    """The chosen segments, one per resulting list (an actives part and the
    inactive part that follows it make one list)."""
    out = []
    i = 0
    while i < len(chosen):
        out.append(chosen[i])
        if chosen[i][0].role == "active" and i + 1 < len(chosen) and chosen[i + 1][0].role in ("inactive", "main"):
            i += 1
        i += 1
    return out


def _may_badge(text: str) -> bool:
    """False when `text` holds no "-free" / "frei" badge (a cheap test first)."""
    return "ree" in text or "rei" in text or "REE" in text or "REI" in text


def _formula_after_title(line: str) -> bool:
    """ "Moisturizer: Water, Glycerin, ..." is a kit part's list, not one of
    INCIDecoder's function groups (a few names, never led by water)."""
    items = split_items(line.partition(":")[2] or line.partition("：")[2])
    first = name_key(items[0]) if items else ""
    return len(items) >= 3 and first.split(" ", 1)[0] in ("water", "aqua", "eau", "purified")


def _full_stop(lines: list[str]) -> bool:
    """The text so far ends a sentence: "..., Phenoxyethanol." (not "...", not
    an abbreviation such as "Alcohol Denat." or "Vit.", not inside brackets)."""
    if not lines:
        return False
    last = lines[-1].rstrip()
    if not (last.endswith(".") and not last.endswith("..") and len(last) > 1 and (last[-2].isalnum() or last[-2] in ")]")
            and _listy(last)):
        return False
    word = last[:-1].rsplit(None, 1)[-1].lstrip("([").lower()
    if word in ABBREVIATIONS:
        return False  # "Alcohol Denat.", "Leaf Ext.", "(Vit.": an abbreviation, not the end
    text = "".join(lines)
    return text.count("(") <= text.count(")") and text.count("[") <= text.count("]")


def _declared_actives(segment: _Segment, ingredients: list[Ingredient]) -> bool:
    """A label's actives part with their % ("Active: Retinol 0.1%, ...")."""
    return segment.role == "active" and any(i.percent is not None for i in ingredients)


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines of one list broken inside its items, not between them: every
    line but the last holds several items, and at least two breaks and most
    of them have no separator on either side."""
    if len(lines) < 3 or not all("|" not in line and len(split_items(line)) > 1 for line in lines[:-1]):
        return False  # (a table's rows, "8 | Fragrance", are no wrapped list)
    inside = sum(1 for before, after in zip(lines, lines[1:]) if not _at_separator(before, after))
    return inside >= 2 and inside * 2 >= len(lines) - 1


def _at_separator(before: str, after: str) -> bool:
    """The break between two lines has a separator on one side ("Aqua,\nGlycerin")."""
    return before.rstrip()[-1:] in SEPARATORS or after.lstrip()[:1] in SEPARATORS


def _next_in_order(number: int, expected: int) -> bool:
    """The first row (1), or one in order after the rows before it (a row
    repeated or a few skipped by the page)."""
    if expected == 1:
        return number == 1
    return expected - 1 <= number <= expected + 3


def _first_cell(row: str) -> str:
    """The name cell of a table row: the first, or the second after a row number."""
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    if len(cells) > 1 and cells[0].rstrip(".").isdigit():
        return cells[1]
    return cells[0] if cells else ""


def _purpose_row(line: str) -> str:
    match = _PURPOSE_ROW.match(line)
    return match.group("item") if match else line


ALPHABETICAL_LEAST = 10  # names: a list that long in A-Z order is not so by chance


def _sorted_names(ingredients: list[Ingredient]) -> bool:
    """A list without an "inactive" label that is in strict A-Z order after
    its first name (water often heads a sorted list): a list by amount ends
    with its preservatives and colourants, not at the letter Z."""
    keys = _main_keys(ingredients)
    return len(keys) >= ALPHABETICAL_LEAST and all(a <= b for a, b in zip(keys[1:], keys[2:]))


def _main_keys(ingredients: list[Ingredient]) -> list[str]:
    return [name_key(i.name) for i in ingredients if i.section == "main"]


def _alphabetical(ingredients: list[Ingredient]) -> bool:
    """US OTC inactive ingredients are often listed A-Z, not by concentration."""
    keys = _main_keys(ingredients)
    if len(keys) < 4:
        return False
    in_order = sum(1 for a, b in zip(keys, keys[1:]) if a <= b)
    return in_order >= 0.9 * (len(keys) - 1)
