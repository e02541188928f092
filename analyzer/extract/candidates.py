"""Candidate blocks: how INCI-like each is, which pass, and which are chosen
(the best list, plus other distinct full lists of a kit)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from ..labels import LABEL_INLINE
from ..models import ParsedText, Product
from ..parse import is_prose
from ..text import name_key

MIN_LIKENESS = 0.45
MIN_LIKENESS_LABELLED = 0.25  # the page itself says the block is the ingredients
_INCI_ENDING = re.compile(r"\b(extract|oil|acid|butter|water|glycol|ate|ide|ine|ol|ose|wax|gum|powder|ferment|filtrate|ci \d{5})$")


@dataclass
class Candidate:
    strategy: str
    text: str
    label: str = ""
    likeness: float = 0.0
    count: int = 0
    parsed: ParsedText | None = None  # the parse that was scored, reused downstream
    locator: str = ""  # where the list was found, for a user to check: "script#linkStore ingredientDesc"


@dataclass
class Extraction:
    product: Product
    strategy: str | None = None
    candidates: list[Candidate] = field(default_factory=list)  # the chosen ones
    reason: str | None = None  # why nothing was chosen
    considered: int = 0
    claims: list[str] = field(default_factory=list)  # free-from claims shown with the product
    title: str | None = None  # the page's <title>, which may name the product type

    @property
    def locator(self) -> str | None:
        found = [c.locator for c in self.candidates if c.locator]
        return "; ".join(dict.fromkeys(found)) or None


def text_after_label(text: str) -> str:
    match = LABEL_INLINE.search(text)
    return text[match.end():] if match else text


def likeness(text: str, analyzer, parsed: ParsedText | None = None) -> tuple[float, int]:
    """How INCI-like a block is: the share of its items that are known names
    (ordinary or active) or INCI-shaped, and how many items it has."""
    if parsed is None:
        parsed = analyzer.parse(text)
    items = parsed.ingredients
    if not items:
        return 0.0, 0
    known = analyzer.known
    matcher = analyzer.matcher
    points = 0.0
    for ing in items:
        key = name_key(ing.name)
        if key in known or any(name_key(a) in known for a in ing.aliases) or matcher.match(ing):
            points += 1
        elif _INCI_ENDING.search(key):
            points += 0.6
        elif len(key.split()) <= 5:
            points += 0.15
    # Sentences the parser dropped mean prose with a few name-like fragments.
    kept = sum(len(raw) for raw in {i.raw for i in items})
    coverage = min(1.0, kept / max(1, len(re.sub(r"[\s,;.]+", "", text))))
    penalty = min(1.0, coverage / 0.3)
    return penalty * points / len(items), len(items)


def accept(candidates: Iterator[Candidate], analyzer, limit: int = 40) -> list[Candidate]:
    """The candidates (at most `limit` looked at) that read as an ingredient list."""
    good: list[Candidate] = []
    for n, candidate in enumerate(candidates):
        if n >= limit:
            break
        text = candidate.text.strip()
        head = text[:200]
        if not text or (len(text) > 200 and is_prose(head) and not any(sep in head for sep in ",;\n•")):
            continue
        labelled = candidate.strategy != "full-page"
        # The page labels this block as the ingredients: the parser reads it so.
        candidate.parsed = analyzer.parse(f"Ingredients:\n{text}" if labelled else text)
        candidate.likeness, candidate.count = likeness(text, analyzer, candidate.parsed)
        # A short list counts when every item is a known name and a label said so.
        short_ok = labelled and candidate.likeness >= 0.99
        least = MIN_LIKENESS_LABELLED if labelled else MIN_LIKENESS
        if (candidate.count >= 3 or (candidate.count >= 1 and short_ok)) and candidate.likeness >= least:
            good.append(candidate)
    return good


def choose(good: list[Candidate]) -> list[Candidate]:
    """The best list, plus other distinct full lists (kits); duplicates dropped."""
    if not good:
        return []
    # Structured data repeats the list per size or shade under one key: the
    # first value is the product as shown.
    firsts: dict[str, Candidate] = {}
    for candidate in good:
        if candidate.strategy in ("embedded-json", "json-ld") and candidate.locator:
            firsts.setdefault(candidate.locator, candidate)
    good = [c for c in good if c.strategy not in ("embedded-json", "json-ld") or not c.locator or firsts[c.locator] is c]
    # A full list runs to 15-40 names: among INCI-like blocks the longer wins.
    ranked = sorted(good, key=lambda c: (c.likeness * min(1.0, c.count / 20), c.count), reverse=True)
    best = _first_twin(ranked[0], good)
    chosen = [best]
    seen = {_signature(best)}
    for candidate in ranked[1:]:
        sig = _signature(candidate)
        if sig in seen or any(sig <= s or s <= sig or _jaccard(sig, s) >= 0.8 for s in seen):
            continue  # the same list again (another size or shade of the product)
        if candidate.count >= 8 and candidate.likeness >= 0.6 and candidate.label.casefold() == best.label.casefold():
            chosen.append(candidate)
            seen.add(sig)
    return chosen


def _first_twin(best: Candidate, good: list[Candidate]) -> Candidate:
    """Of near-identical lists (one per size or shade), the first on the page:
    the one for the product as shown."""
    sig = _signature(best)
    for candidate in good:
        if candidate is best:
            return best
        if _jaccard(_signature(candidate), sig) >= 0.8 and candidate.label.casefold() == best.label.casefold():
            return candidate
    return best


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def _signature(candidate: Candidate) -> frozenset[str]:
    return frozenset(name_key(i.name) for i in candidate.parsed.ingredients)


_ACTIVE = re.compile(r"^\s*active\s+ingredients?\b", re.I)
_INACTIVE = re.compile(r"^\s*(?:inactive|other)\s+ingredients?\b", re.I)


def with_drug_facts(good: list[Candidate], analyzer) -> list[Candidate]:
    """A Drug Facts panel gives "Active ingredients" and "Inactive ingredients"
    as two blocks: they are one list, actives first."""
    active = next((c for c in good if _ACTIVE.match(c.label)), None)
    inactive = next((c for c in good if _INACTIVE.match(c.label)), None)
    if active is None or inactive is None:
        return good
    text = f"Active ingredients: {active.text}\nInactive ingredients: {inactive.text}"
    merged = Candidate(inactive.strategy, text, inactive.label, locator=f"{active.locator}; {inactive.locator}")
    merged.parsed = analyzer.parse(text)
    merged.likeness, merged.count = likeness(text, analyzer, merged.parsed)
    return [merged] + [c for c in good if c is not active and c is not inactive]
