"""Text -> ordered ingredients.

Real lists arrive with labels, marketing lines, kit headers, "may contain"
blocks, percentages, footnote marks and line-wrap debris. The parser keeps the
declared order (it carries concentration information) and drops everything
that is not an ingredient.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable

from .labels import CONTINUING as _CONTINUING_LABEL
from .labels import LABEL_INLINE as _LABEL_INLINE
from .labels import LABEL_ONLY as _LABEL_ONLY
from .models import Ingredient, IngredientList, ParsedText
from .text import name_key, normalize_text

_SKIPPED_TITLE = re.compile(
    r"^\s*(?:key|star|hero|featured|main)\s+(?:ingredients?|actives?)\b|^\s*highlights?\b|"
    r"^\s*(?:how\s+to\s+use|directions|warnings?|caution|benefits|description)\b",
    re.I,
)
_PLUS_MINUS = r"[\[(]\s*\+\s*/\s*-\s*[\])]"
_MAY_CONTAIN = re.compile(
    r"(?:(?:\bmay\s+(?:also\s+)?contain|\bpeut\s+contenir|\bkann\s+enthalten|\bpuede\s+contener|"
    rf"\bpu[oò]\s+contenere)\b\s*(?:{_PLUS_MINUS})?|{_PLUS_MINUS}|\+\s*/\s*-|±)\s*[:：]?",
    re.I,
)
_HYPHEN_BREAK = re.compile(r"(?<=[A-Za-z])-[ \t]*\n[ \t]*(?=[a-z])|(?<=[a-z]{2})-[ \t]+(?=[a-z]{2})")
_CI = re.compile(r"\bC\.?\s?I\.?\s*(\d{5})\b")
_GLUED_PERCENT = re.compile(r"(\d\s*%)(?=[A-Za-z])")
_PERCENT = re.compile(r"(?<![\w.])(\d{1,3}(?:[.,]\d{1,4})?|[.,]\d{1,4})\s*(?:%|percent\b)", re.I)
_FOOTNOTE_MARKS = re.compile(r"[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰°]+")
_FOOTNOTE_CHARS = tuple("*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰°")
_BULLET_STARTS = frozenset("-–—•·▪●◦‣∙*0123456789")
_NANO = re.compile(r"[\[(]\s*nano\s*[\])]", re.I)
_BULLET = re.compile(r"^\s*(?:[-–—•·▪●◦‣∙*]|\d{1,2}[.)])\s*")
_FOOTNOTE_LINE = re.compile(r"^\s*(?:\*+|†|‡)\s*\S")
_HEADER = re.compile(r"^(?P<title>[^,;:：]{1,80}?)\s*[:：]\s*(?P<rest>.*)$")
_PERIOD_SEPARATOR = re.compile(r"(?<=[A-Za-z0-9)\]]) ?\.(?=[A-Za-z][a-z]{2}|CI )")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]*†])\.\s+(?=[A-Z*†])")
_AND_BLEND = re.compile(r"\s*\(\s*and\s*\)\s*|\s+&\s+", re.I)
_TRAILING_BRACKET = re.compile(r"^(?P<outer>.*?\S)\s*[(\[](?P<inner>[^()\[\]]+)[)\]]$")
_SEPARATORS = ",;|•·\n"
# Words that end one chemical name written with slashes (`Acrylates/C10-30
# Alkyl Acrylate Crosspolymer`), as opposed to synonyms (`Aqua/Water/Eau`).
_STRUCTURAL = re.compile(
    r"polymer|triglyceride|glycerides|methicone|siloxane|silicate|acrylate|taurate|caprate|adipate|copolyol|"
    r"\b(?:peg|ppg|vp|va)\b|ester",
    re.I,
)
_STOPWORDS = frozenset(
    # English
    "the a an and or is are to for your you this that with may please be our it its helps help from by "
    "of in on as will can while which who these those we us all more than into skin look "
    # French, German, Spanish, Italian: shop disclaimers come in every language
    "le la les des du nos notre votre vos pour avec est sont une dans sur peut pouvant être cette ces "
    "die der das den dem zu und ist sind mit für auf von ein eine nicht wir unsere bitte "
    "el los las del para con es son una en nuestros nuestra puede por "
    "il lo gli di per con sono può nostri nostra".split()
)
_INCI_SHAPED = re.compile(
    r"\b(?:oil|extract|butter|water|juice|acid|wax|powder|ferment|filtrate|glycerin|squalane|alcohol|esters?)$"
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.U)


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


def parse_with(text: str, known: frozenset[str], actives: frozenset[str]) -> ParsedText:
    """The parser proper: `known` and `actives` are sets of name keys."""
    builder = _ListBuilder(known, actives if known else frozenset())
    for paragraph in _paragraphs(_prepare(text)):
        builder.feed_paragraph(paragraph)
    return builder.result()


_PLUS_MINUS_NOTE = re.compile(r"(?<=[\w)])\s*[\[(]\s*\+\s*/\s*-\s*:?\s*([^\[\](),;]{1,80})[\])]")


def _prepare(text: str) -> str:
    text = normalize_text(text)
    if "+/" in text:
        # "Mica [+/- CI 77891]" annotates one item; it does not open a block.
        text = _PLUS_MINUS_NOTE.sub(r" (\1)", text)
    if "- " in text or "-\n" in text:
        text = _HYPHEN_BREAK.sub("", text)
    if "CI" in text or "C.I" in text or "C I" in text:
        text = _CI.sub(r"CI \1", text)
    if "%" in text:
        text = _GLUED_PERCENT.sub(r"\1, ", text)
    return text


def _paragraphs(text: str) -> list[list[str]]:
    paragraphs: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


@functools.lru_cache(maxsize=1 << 15)
def is_prose(text: str) -> bool:
    """A sentence rather than a name: long, or full of ordinary words."""
    words = _words(text)
    if len(words) > 14:
        return True
    stops = sum(1 for w in words if w.lower() in _STOPWORDS)
    return (len(words) >= 5 and stops >= 2) or (len(words) >= 8 and stops >= 1)


def looks_like_list(text: str) -> bool:
    """Several short, separated items: an ingredient list, not a sentence."""
    items = [i for i in split_items(text) if i.strip()]
    if len(items) < 3:
        return False
    prose = sum(1 for i in items if is_prose(i))
    return prose * 4 <= len(items)


_SPLIT_TOKENS = re.compile(r"[()\[\]{},;|•·\n]")


def split_items(text: str, brackets: bool = True) -> list[str]:
    """Split at top-level separators; commas inside brackets or numbers stay."""
    items: list[str] = []
    depth = 0
    start = 0
    n = len(text)
    for token in _SPLIT_TOKENS.finditer(text):
        ch = token.group()
        i = token.start()
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
        # An unclosed bracket would swallow the rest of the list.
        return split_items(text, brackets=False)
    return items


class _ListBuilder:
    def __init__(self, known: frozenset[str], actives: frozenset[str] = frozenset()):
        self.known = known
        self.actives = actives
        self.lists: list[tuple[str | None, list[str], list[str]]] = []
        self._new(None)
        self.in_may = False
        self.skipping = False

    # -- list state -------------------------------------------------------
    def _new(self, title: str | None) -> None:
        self.lists.append((title, [], []))
        self.in_may = False

    @property
    def _current_has_items(self) -> bool:
        _, main, may = self.lists[-1]
        return bool(main or may)

    def _start_list(self, title: str | None) -> None:
        if self._current_has_items or self.lists[-1][0] is not None:
            self._new(title)
        else:
            self.lists[-1] = (title, [], [])
            self.in_may = False

    def _add_items(self, text: str) -> None:
        if self.skipping:
            return
        # A "may contain" marker splits the text into main and may-contain parts.
        parts = _MAY_CONTAIN.split(text, maxsplit=1)
        self._add_to_section(parts[0])
        if len(parts) > 1:
            self.in_may = True
            self._add_to_section(parts[1])

    def _add_to_section(self, text: str) -> None:
        if not text.strip():
            return
        _, main, may = self.lists[-1]
        target = may if self.in_may else main
        for piece in _pieces(text, self.known):
            target.append(piece)

    # -- paragraphs and lines ---------------------------------------------
    def feed_paragraph(self, lines: list[str]) -> None:
        buffer: list[str] = []
        for line in lines:
            handled = self._line_kind(line)
            if handled is None:
                buffer.append(line)
                continue
            self._flush(buffer)
            buffer = []
            handled()
        self._flush(buffer)

    def _flush(self, lines: list[str]) -> None:
        if not lines:
            return
        # A rough item count is enough here (commas in brackets only overcount).
        counts = [1 + sum(line.count(sep) for sep in ",;|•·") for line in lines]
        listy = any(count >= 3 for count in counts)
        if len(lines) == 1 or listy:
            lines = [
                line
                for line, count in zip(lines, counts)
                if not (count == 1 and self._stray_line(line, len(lines), listy))
            ]
        if not lines:
            return
        text = lines[0]
        for line in lines[1:]:
            text = self._join(text, line)
        text = _LABEL_INLINE.sub(",", text)
        if not _pieces(text, self.known):
            return
        self._add_items(text)

    def _stray_line(self, line: str, paragraph_lines: int, listy: bool) -> bool:
        """A line of words next to the list ("A light serum.", "How to use",
        "Made in France"): one item of several words that is no known or
        INCI-shaped name, in a paragraph that holds a list or on its own."""
        words = len(_words(line))
        if words < 2:
            return False
        if paragraph_lines > 1 and (not listy or words < 3):
            return False  # one ingredient per line, or a name wrapped over two lines
        cleaned = clean_item(line, self.known)
        if cleaned is None:
            return False
        return not _plausible_names((cleaned[0], *cleaned[1]), self.known)

    def _join(self, before: str, after: str) -> str:
        """Join two lines: a separator, unless the break splits a known name."""
        if before.rstrip()[-1:] in _SEPARATORS or after.lstrip()[:1] in _SEPARATORS:
            return before + " " + after
        tail = split_items(before)[-1].strip()
        head = split_items(after)[0].strip()
        joined = name_key(f"{tail} {head}")
        if joined in self.known and not (name_key(tail) in self.known and name_key(head) in self.known):
            return before + " " + after
        return before + "\n" + after

    def _line_kind(self, line: str):
        """Return an action for a structural line, or None for list text."""
        if _FOOTNOTE_LINE.match(line) and not _FOOTNOTE_MARKS.sub("", line).lstrip().startswith(","):
            rest = _FOOTNOTE_MARKS.sub("", line).strip()
            if len(_words(rest)) >= 2 and not looks_like_list(rest):
                return lambda: None
        bullet = _BULLET.match(line)
        body = line[bullet.end():] if bullet else line
        if _LABEL_ONLY.match(body.rstrip(":： ")) and body.rstrip().endswith((":", "：")) or _LABEL_ONLY.match(body):
            return lambda: self._label(body)
        header = _HEADER.match(body)
        if header:
            title = header.group("title").strip()
            rest = header.group("rest").strip()
            if _LABEL_ONLY.match(title):
                return lambda: self._label(title, rest)
            if _MAY_CONTAIN.fullmatch(title + ":") or _MAY_CONTAIN.match(title):
                return None
            if _SKIPPED_TITLE.match(title):
                return lambda: self._skip_section(rest)
            if rest and looks_like_list(rest) and not bullet:
                return lambda: self._header(title, rest)
            if bullet and rest:
                return lambda: None  # "-Retinol: smooths fine lines" is marketing
            if not rest and len(_words(title)) <= 10 and not is_prose(title):
                return lambda: self._header(title, "")
            if rest and (is_prose(rest) or len(split_items(rest)) == 1):
                return lambda: None
        if bullet and not is_prose(body):
            return lambda: self._add_items_unless_skipping(body)
        return None

    def _add_items_unless_skipping(self, text: str) -> None:
        self._add_items(text)

    def _label(self, label: str, rest: str = "") -> None:
        self.skipping = False
        if not _CONTINUING_LABEL.match(label):
            if self._current_has_items:
                self._start_list(None)
        if rest:
            self._add_items(_LABEL_INLINE.sub(",", rest))

    def _header(self, title: str, rest: str) -> None:
        self.skipping = False
        self._start_list(title)
        if rest:
            self._add_items(_LABEL_INLINE.sub(",", rest))

    def _skip_section(self, rest: str) -> None:
        self.skipping = True

    # -- result -------------------------------------------------------------
    def result(self) -> ParsedText:
        lists: list[IngredientList] = []
        for title, main, may in self.lists:
            index = len(lists)
            ingredients: list[Ingredient] = []
            for section, raws in (("main", main), ("may_contain", may)):
                for raw in raws:
                    cleaned = clean_item(raw, self.known)
                    if cleaned is None:
                        continue
                    name, aliases, percent = cleaned
                    joined = _split_joined(name, self.known, self.actives) if not aliases else None
                    for part in joined or [name]:
                        ingredients.append(
                            Ingredient(
                                position=len(ingredients) + 1,
                                name=part,
                                aliases=aliases if joined is None else (),
                                percent=percent if joined is None else None,
                                section=section,
                                list_index=index,
                                raw=raw.strip(),
                            )
                        )
            if ingredients and self._is_a_list(ingredients):
                lists.append(IngredientList(title=title, ingredients=tuple(ingredients)))
        return ParsedText(lists=tuple(lists))

    def _is_a_list(self, ingredients: list[Ingredient]) -> bool:
        """Commas alone do not make a list ("This serum is amazing, I love it"):
        some of the items must be known or INCI-shaped names. One lone item
        ("Retinol") must be one; "No Info" is not."""
        plausible = sum(1 for i in ingredients if _plausible(i, self.known))
        if len(ingredients) == 1:
            return plausible == 1
        return plausible >= max(1, 0.3 * len(ingredients))


def segment_run(text: str, known: frozenset[str], full: bool = False) -> list[str] | None:
    """Split a list written without separators ("Squalane Glycerin Sodium
    Hyaluronate ...") into known names, longest first; None if it is not one.
    With `full`, every word must belong to a known name.

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
    if covered[0] < (n if full else 0.8 * n):
        return None
    out: list[str] = []
    i = 0
    while i < n:
        piece = " ".join(words[i : i + step[i]])
        if out and (piece.startswith("/") or out[-1].endswith("/")):
            out[-1] = f"{out[-1]} {piece}"  # "Oil / Evening Primrose Oil" is one item
        else:
            out.append(piece)
        i += step[i]
    return out


@functools.lru_cache(maxsize=1 << 15)
def _split_joined(name: str, known: frozenset[str], actives: frozenset[str]) -> list[str] | None:
    """`Potassium Sorbate Palmitoyl Tripeptide-5` (a comma lost): two known
    names, one of them an active, make two ingredients."""
    if len(name.split()) < 2 or name_key(name) in known:
        return None
    parts = segment_run(name, known, full=True)
    if not parts or len(parts) < 2 or not any(name_key(p) in actives for p in parts):
        return None
    return parts


def _plausible(ingredient: Ingredient, known: frozenset[str]) -> bool:
    return _plausible_names(ingredient.names, known)


@functools.lru_cache(maxsize=1 << 15)
def _plausible_names(names: tuple[str, ...], known: frozenset[str]) -> bool:
    """A known name, or shaped like an INCI name (`... Extract`, `... Oil`)."""
    return any(name_key(n) in known or _INCI_SHAPED.search(name_key(n)) for n in names)


def _split_sentences(raw: str) -> list[str]:
    """Split at sentence ends outside brackets (`Tocopherol (Vit. E)` stays whole)."""
    cuts = []
    for match in _SENTENCE_END.finditer(raw):
        before = raw[: match.start()]
        if before.count("(") - before.count(")") <= 0 and before.count("[") - before.count("]") <= 0:
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
def _pieces(text: str, known: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Items of a text, with `A.B` run-ons split and trailing sentences dropped."""
    pieces: list[str] = []
    for raw in split_items(text):
        if known and len(raw.split()) >= 10:
            run = segment_run(raw, known)
            if run and len(run) >= 3:
                pieces.extend(run)
                continue
        if "." not in raw:
            if raw.strip(" ;:-") and not is_prose(raw):
                pieces.append(raw)
            continue
        sentences = _split_sentences(raw)
        if len(sentences) > 1:
            # "Oil*. *Organic. **Natural.": footnote definitions after the list
            sentences = [sentences[0]] + [s for s in sentences[1:] if not _FOOTNOTE_LINE.match(s)]
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
    if text[:1] in _BULLET_STARTS:
        text = _BULLET.sub("", text)
    if any(mark in text for mark in _FOOTNOTE_CHARS):
        text = _FOOTNOTE_MARKS.sub("", text)
    lowered = text.lower()
    if "nano" in lowered:
        text = _NANO.sub("", text)
    percent = None
    if "%" in text or "percent" in lowered:
        text, percent = _parse_percent(text)
    if "  " in text or "\t" in text or "\n" in text:
        text = re.sub(r"\s+", " ", text)
    text = text.strip(" .;:-–—•·\"'")
    if not text or not any(ch.isalpha() for ch in text):
        return None
    if is_prose(text) or text.lower() in {"and", "or", "et", "und", "y", "e"}:
        return None
    if " contain" in lowered or "+/-" in text or "±" in text or "contenir" in lowered:
        if _MAY_CONTAIN.search(text):  # "Shades may contain different colourants"
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
