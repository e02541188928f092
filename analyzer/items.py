"""One item of a list -> an ingredient name, its synonyms and stated %.

The item-level half of the parser: splitting at separators (but not inside
brackets or numbers), footnote marks, `(nano)`, percentages, synonyms in
slashes or brackets, sentences glued to the last item, run-on lists without
separators. parse.py decides which text is the list; this decides what each
item of it is.
"""
from __future__ import annotations

import functools
import re

from .names import inci_shaped, product_shaped
from .text import LazyPattern, name_key

_PLUS_MINUS = r"[\[(]\s*\+\s*/\s*-\s*[\])]"
_MAY_WORDS = (
    r"(?:\bmay\s+(?:also\s+)?contain|\bpeut\s+contenir|\bkann\s+enthalten|\bpuede\s+contener|\bpu[oò]\s+contenere|"
    r"\bpode\s+conter|\bkan\s+bevatten)\b"
)
# "May contain / Peut contenir [+/-]:" is one marker, in as many languages as the label has.
_MAY_PHRASE = rf"{_MAY_WORDS}(?:\s*[/|]\s*{_MAY_WORDS})*"
MAY_CONTAIN = LazyPattern(
    rf"(?:{_MAY_PHRASE}\s*(?:{_PLUS_MINUS})?|(?:{_PLUS_MINUS}|\+\s*/\s*-|±)(?:\s*{_MAY_PHRASE})?)\s*[:：]?",
    re.I,
)
# (Each expression that runs on the whole text starts with a literal or a
# class, which re finds fast; tests check them against their readable forms.)
HYPHEN_BREAK = LazyPattern(r"-(?:(?<=[A-Za-z]-)[ \t]*\n[ \t]*(?=[a-z])|(?<=[a-z]{2}-)[ \t]+(?=[a-z]{2}))")
CI = LazyPattern(r"C(?<=\bC)\.?\s?I\.?\s*(\d{5})\b")
GLUED_PERCENT = LazyPattern(r"(\d\s*%)(?=[A-Za-z])")
_PERCENT = LazyPattern(r"(?<![\w.])(\d{1,3}(?:[.,]\d{1,4})?|[.,]\d{1,4})\s*(?:%|percent\b)", re.I)
FOOTNOTE_MARKS = LazyPattern(r"[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰°※]+")
_FOOTNOTE_CHARS = frozenset("*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰°")
BULLET_STARTS = frozenset("-–—•·▪●◦‣∙*0123456789")
_NANO = LazyPattern(r"[\[(]\s*nano\s*[\])]", re.I)
BULLET = LazyPattern(r"^\s*(?:[-–—•·▪●◦‣∙*]|\d{1,2}[.)])\s*")
FOOTNOTE_LINE = LazyPattern(r"^\s*(?:\*+|†|‡|※)\s*\S")
HEADER = LazyPattern(r"^(?P<title>[^,;:：]{1,80}?)\s*[:：]\s*(?P<rest>.*)$")
_PERIOD_SEPARATOR = LazyPattern(r"(?<=[A-Za-z0-9)\]]) ?\.(?=[A-Za-z][a-z]{2}|CI )")
_SENTENCE_END = LazyPattern(r"(?<=[a-z0-9)\]*†])\.\s+(?=[A-Z*†])")
_AND_BLEND = LazyPattern(r"\s*\(\s*and\s*\)\s*|\s+&\s+", re.I)
_TRAILING_BRACKET = LazyPattern(r"^(?P<outer>.*?\S)\s*[(\[](?P<inner>[^()\[\]]+)[)\]]$")
SEPARATORS = ",;|•·\n"
# Words that end one chemical name written with slashes (`Acrylates/C10-30
# Alkyl Acrylate Crosspolymer`), as opposed to synonyms (`Aqua/Water/Eau`).
_STRUCTURAL = LazyPattern(
    r"polymer|triglyceride|glycerides|methicone|siloxane|silicate|acrylate|taurate|caprate|adipate|copolyol|"
    r"\b(?:peg|ppg|vp|va)\b|ester",
    re.I,
)
STOPWORDS = frozenset(
    # English
    "the a an and or is are to for your you this that with may please be our it its helps help from by "
    "of in on as will can while which who these those we us all more than into skin look "
    # French, German, Spanish, Italian: shop disclaimers come in every language
    "le la les des du nos notre votre vos pour avec est sont une dans sur peut pouvant être cette ces "
    "die der das den dem zu und ist sind mit für auf von ein eine nicht wir unsere bitte "
    "el los las del para con es son una en nuestros nuestra puede por "
    "il lo gli di per con sono può nostri nostra".split()
)
# Conjunctions left by a split, and the words of page controls ("[more]").
_NOT_ITEMS = frozenset(
    "and or et und y e more less mehr weniger plus moins expand collapse".split()
    + ["show more", "read more", "see more", "see all", "view all", "show less", "read less", "mehr anzeigen", "voir plus"]
)
_LINKING = frozenset("di de del della dei degli des du da do von of".split())
_WORD = LazyPattern(r"[^\W\d_][\w'’-]*", re.U)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def at_most_words(text: str, most: int) -> bool:
    """len(words(text)) <= most, without finding every word of a long line."""
    for count, _ in enumerate(_WORD.finditer(text), 1):
        if count > most:
            return False
    return True


@functools.lru_cache(maxsize=1 << 15)
def is_prose(text: str) -> bool:
    """A sentence rather than a name: long, or full of ordinary words."""
    if len(text) > 120 and not at_most_words(text, 14):
        return True  # (a long line: without finding all of its words)
    found = words(text)
    if len(found) > 14:
        return True
    if len(found) < 5:
        return False  # (most names: neither test below can hold)
    # "olio di mandorle dolci", "extrait de rose": a translated name, not a sentence
    linking = _LINKING if len(found) <= 6 else frozenset()
    # "Vitamin A" is no article: a capital letter counts only where a sentence starts.
    stops = sum(1 for i, w in enumerate(found) if w.lower() in STOPWORDS and w.lower() not in linking and (i == 0 or w != "A"))
    return (len(found) >= 5 and stops >= 2) or (len(found) >= 8 and stops >= 1)


def looks_like_list(text: str) -> bool:
    """Several short, separated items: an ingredient list, not a sentence."""
    items = [i for i in split_items(text) if i.strip()]
    if len(items) < 3:
        return False
    prose = sum(1 for i in items if is_prose(i))
    return prose * 4 <= len(items)


_SPLIT_TOKENS = LazyPattern(r"([()\[\]{},;|•·\n])")  # (kept by split: text, token, text, ...)


def split_items(text: str, brackets: bool = True) -> list[str]:
    """Split at top-level separators; commas inside brackets or numbers stay."""
    return list(_split_items(text, brackets))


@functools.lru_cache(maxsize=1024)  # a line is split by several judges in turn
def _split_items(text: str, brackets: bool) -> tuple[str, ...]:
    parts = _SPLIT_TOKENS.split(text)  # the text between tokens at even places, each token after it
    items: list[str] = []
    depth = 0
    first = 0  # the part the current item starts at
    for k in range(1, len(parts), 2):
        token = parts[k]
        if token in "([{":
            depth += brackets
        elif token in ")]}":
            depth = max(0, depth - brackets)
        elif depth == 0:
            if token == "," and parts[k - 1][-1:].isdigit() and parts[k + 1][:1].isdigit():
                continue  # "1,2-Hexanediol"
            items.append("".join(parts[first:k]))
            first = k + 1
    items.append("".join(parts[first:]))
    if brackets and depth > 0:
        # An unclosed bracket would swallow the rest of the list.
        return _split_items(text, False)
    return tuple(items)


def segment_run(text: str, known: frozenset[str], full: bool = False, least: float = 0.8) -> list[str] | None:
    """Split a list written without separators ("Squalane Glycerin Sodium
    Hyaluronate ...") into known names, longest first; None if it is not one.
    With `full`, every word must belong to a known name, else at least the
    share `least`; words between known names stay together as one item.

    Dynamic programming over word positions with back-pointers: linear in the
    number of words (names are at most 8 words long)."""
    words = text.split()
    keys = [name_key(w) for w in words]
    n = len(words)
    covered = [0] * (n + 1)
    pieces = [0] * (n + 1)
    step = [1] * (n + 1)
    for i in range(n - 1, -1, -1):
        best = (covered[i + 1], -(pieces[i + 1] + 1), 1)
        for j in range(i + 1, min(n, i + 8) + 1):
            if " ".join(k for k in keys[i:j] if k) in known:
                option = (covered[j] + (j - i), -(pieces[j] + 1), j - i)
                if option > best:
                    best = option
        covered[i], pieces[i], step[i] = best[0], -best[1], best[2]
    if covered[0] < (n if full else least * n):
        return None
    out: list[str] = []
    i = 0
    loose = False  # the last item is made of words no known name covers
    while i < n:
        piece = " ".join(words[i : i + step[i]])
        unknown = step[i] == 1 and keys[i] not in known
        if out and (piece.startswith("/") or out[-1].endswith("/") or (unknown and loose)):
            out[-1] = f"{out[-1]} {piece}"  # "Oil / Evening Primrose Oil" is one item
        else:
            out.append(piece)
            loose = unknown
        i += step[i]
    return out


@functools.lru_cache(maxsize=4)
def known_words(known: frozenset[str]) -> frozenset[str]:
    """Every word of every known name key."""
    return frozenset(word for key in known for word in key.split())


@functools.lru_cache(maxsize=1 << 15)
def split_joined(name: str, known: frozenset[str], actives: frozenset[str]) -> list[str] | None:
    """`Potassium Sorbate Palmitoyl Tripeptide-5` (a comma lost): two known
    names, one of them an active, make two ingredients."""
    if len(name.split()) < 2 or name_key(name) in known:
        return None
    ours = known_words(known)
    if not all(ours.issuperset(name_key(word).split()) for word in name.split()):
        return None  # a word no known name has: no split covers every word
    parts = segment_run(name, known, full=True)
    if not parts or len(parts) < 2 or not any(name_key(p) in actives for p in parts):
        return None
    return parts


@functools.lru_cache(maxsize=1 << 15)
def plausible(names: tuple[str, ...], known: frozenset[str]) -> bool:
    """A known name, or shaped like an INCI name (`... Extract`, `PEG-40 ...`),
    and not a product's name ("Retinol Serum for Face 1 fl oz")."""
    return any(
        name_key(n) in known or (inci_shaped(name_key(n)) and not product_shaped(name_key(n))) for n in names
    )


@functools.lru_cache(maxsize=1 << 15)
def plausible_item(raw: str, known: frozenset[str]) -> bool:
    """`plausible` for one raw item of a list, as the parser judges a line's items."""
    cleaned = clean_item(raw, known)
    return cleaned is not None and plausible((cleaned[0], *cleaned[1]), known)


# Abbreviations in ingredient names: the full stop after them ends no sentence
# ("Alcohol Denat.", "Leaf Ext.", "Vit. E", "Spirulina sp. Extract").
ABBREVIATIONS = frozenset({
    "denat", "ext", "extr", "vit", "co", "spp", "sp", "ssp", "subsp", "var", "cv", "no", "nr", "st", "hydrol", "aq", "sol",
})


def _split_sentences(raw: str) -> list[str]:
    """Split at sentence ends outside brackets (`Tocopherol (Vit. E)` stays
    whole) and not after an abbreviation (`Vit. C`)."""
    cuts = []
    for match in _SENTENCE_END.finditer(raw):
        before = raw[: match.start()]
        if before.count("(") - before.count(")") <= 0 and before.count("[") - before.count("]") <= 0:
            if before.rsplit(None, 1)[-1].lower() in ABBREVIATIONS:
                continue
            cuts.append(match)
    if not cuts:
        return [raw]
    out, start = [], 0
    for match in cuts:
        out.append(raw[start : match.start()])
        start = match.end()
    out.append(raw[start:])
    return out


@functools.lru_cache(maxsize=256)
def pieces(text: str, known: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Items of a text, with `A.B` run-ons split and trailing sentences dropped."""
    out: list[str] = []
    for raw in split_items(text):
        out.extend(_item_pieces(raw, known))
    return tuple(out)


@functools.lru_cache(maxsize=1 << 15)  # lists share most of their items
def _item_pieces(raw: str, known: frozenset[str]) -> tuple[str, ...]:
    if known and len(raw.split()) >= 10:
        # A whole list without separators: mostly known names end to end.
        run = segment_run(raw.strip().rstrip("."), known, least=0.6 if len(raw.split()) >= 15 else 0.8)
        if run and len(run) >= 3:
            return tuple(run)
    if "." not in raw:
        return (raw,) if raw.strip(" ;:-") and not is_prose(raw) else ()
    pieces: list[str] = []
    sentences = _split_sentences(raw)
    if len(sentences) > 1:
        # "Oil*. *Organic. **Natural.": footnote definitions after the list
        sentences = [sentences[0]] + [s for s in sentences[1:] if not FOOTNOTE_LINE.match(s)]
    if len(sentences) > 1 and any(is_prose(s) for s in sentences):
        sentences = [s for s in sentences if not is_prose(s)]
    for sentence in sentences:
        for piece in _PERIOD_SEPARATOR.split(sentence):
            if piece.strip(" .;:-") and not is_prose(piece):
                pieces.append(piece)
    return tuple(pieces)


def _parse_percent(text: str) -> tuple[str, float | None]:
    match = _PERCENT.search(text)
    if not match:
        return text, None
    value = float(match.group(1).replace(",", "."))
    text = text[: match.start()] + text[match.end():]
    text = re.sub(r"[(\[]\s*[)\]]", "", text)
    return text, value if 0 < value <= 100 else None


@functools.lru_cache(maxsize=1 << 15)
def clean_item(raw: str, known: frozenset[str] = frozenset()) -> tuple[str, tuple[str, ...], float | None] | None:
    """One raw item -> (name, aliases, stated percent), or None if not an ingredient."""
    # Most items are plain names: each clean-up runs only when its trigger is there.
    text = raw.strip()
    if text[:1] in BULLET_STARTS:
        text = BULLET.sub("", text)
    if not _FOOTNOTE_CHARS.isdisjoint(text):
        text = FOOTNOTE_MARKS.sub("", text)
    lowered = text.lower()
    if "nano" in lowered:
        text = _NANO.sub("", text)
    percent = None
    if "%" in text or "percent" in lowered:
        text, percent = _parse_percent(text)
    if "  " in text or "\t" in text or "\n" in text:
        text = re.sub(r"\s+", " ", text)
    text = text.strip(" .;:-–—•·\"'")
    if not text or not (text[0].isalpha() or any(ch.isalpha() for ch in text)):
        return None
    if is_prose(text) or text.strip("[]() ").lower() in _NOT_ITEMS:
        return None
    if " contain" in lowered or "+/-" in text or "±" in text or "contenir" in lowered:
        if MAY_CONTAIN.search(text):  # "Shades may contain different colourants"
            return None
    if text.count("(") != text.count(")") or text.count("[") != text.count("]"):
        text = _drop_unmatched_brackets(text)
    name, aliases = _split_synonyms(text, known)
    return name, aliases, percent


def _drop_unmatched_brackets(text: str) -> str:
    """`Iron Oxides (CI 77492, CI 77491)]` -> `Iron Oxides (CI 77492, CI 77491)`."""
    pairs = {")": "(", "]": "["}
    stack: list[int] = []
    drop: set[int] = set()
    for i, ch in enumerate(text):
        if ch in "([":
            stack.append(i)
        elif ch in ")]":
            if stack and text[stack[-1]] == pairs[ch]:
                stack.pop()
            else:
                drop.add(i)
    drop.update(stack)
    cleaned = "".join(ch for i, ch in enumerate(text) if i not in drop)
    return re.sub(r"\s+", " ", cleaned).strip(" .;:-")


def _split_synonyms(text: str, known: frozenset[str]) -> tuple[str, tuple[str, ...]]:
    aliases: list[str] = []
    name = text
    bracket = _TRAILING_BRACKET.match(name)
    if bracket:
        outer, inner = bracket.group("outer").strip(), bracket.group("inner").strip()
        name = outer
        if inner and inner.lower() not in {"and", "nano"}:
            aliases.extend(p.strip() for p in re.split(r"\s*[/,;]\s*", inner) if p.strip())
    elif name.startswith(("(", "[")) and name.endswith((")", "]")):
        name = name[1:-1].strip()
    if "/" in name:
        parts = [p.strip() for p in re.split(r"\s*/\s*", name) if p.strip()]
        spaced = bool(re.search(r"\s/\s", name))
        # `Aqua/Water/Eau` names one thing three ways; `Caprylic/Capric
        # Triglyceride` is one name. Split only when spaced or every part is a name.
        if not parts:
            return (aliases[0], tuple(aliases[1:])) if aliases else (name, ())
        structural = _STRUCTURAL.search(parts[-1]) and not spaced
        if len(parts) > 1 and not structural and (spaced or all(name_key(p) in known for p in parts)):
            name, aliases = parts[0], parts[1:] + aliases
    if "&" in name or "(" in name:  # (what _AND_BLEND needs)
        blend = [p.strip() for p in _AND_BLEND.split(name) if p.strip()]
        if len(blend) > 1:
            aliases.extend(blend)
    seen: set[str] = {name_key(name)}
    unique: list[str] = []
    for alias in aliases:
        key = name_key(alias)
        if key and key not in seen:
            seen.add(key)
            unique.append(alias)
    return name, tuple(unique)
