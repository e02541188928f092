"""Ingredient -> known active.

Order of trust: exact name, alias, family rule, then fuzzy for typos and OCR
noise. Fuzzy guesses are guarded, because near-miss names of ordinary
ingredients score as high as real typos (`Sorbic Acid` vs `Ascorbic Acid`
~92, `Retinoll` vs `Retinol` ~93): a name known to be ordinary never gets a
fuzzy match, and a guess may not swap a real word for another.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .knowledge import KnowledgeBase
from .models import Ingredient, Match
from .names import product_shaped
from .text import LazyPattern, compact_key, name_key

MIN_FUZZY_LENGTH = 5
_COLOUR_INDEX = LazyPattern(r"^\s*C\.?\s?I\.?\s*\d{5}\b", re.I)


@dataclass(repr=False)
class Matcher:
    kb: KnowledgeBase
    ordinary: frozenset[str]
    fuzzy: bool = True

    def __repr__(self) -> str:
        return f"Matcher({len(self.kb.actives)} actives, {len(self.ordinary)} ordinary names, fuzzy={self.fuzzy})"

    def __post_init__(self) -> None:
        self._ordinary_compact = {k.replace(" ", "") for k in self.ordinary}
        # The literal words of each rule's exclusion, each allowed one typo
        # (see _excluded): `Hyaluronidsae` is still the enzyme.
        self._exclude_words = {rule.id: _literal_words(rule.exclude.pattern) for rule in self.kb.rules if rule.exclude}
        # Built after the first few hundred names (compiling it costs more
        # than a one-list `score` would save with it).
        self._any_rule: re.Pattern | None = None
        self._until_any_rule = 256
        self._rules: dict[str, tuple] = {}  # key -> (rule or None, refused)
        self._cache: dict[str, tuple[object, str, float] | None] = {}
        self._by_name: dict[str, Match | None] = {}
        self._by_names: dict[tuple[str, tuple[str, ...]], Match | None] = {}  # (name, aliases) of an ingredient

    # The typo indexes are built when a name first needs a typo check: a list
    # of known names never does.
    @functools.cached_property
    def _active_words(self) -> frozenset[str]:
        return frozenset(w for key in self.kb.by_key for w in key.split() if len(w) >= 4 and not w.isdigit())

    @functools.cached_property
    def _ordinary_list(self) -> list[str]:
        return sorted(self.ordinary - set(self.kb.by_key))

    @functools.cached_property
    def _active_by_length(self) -> "ByLength":
        return ByLength(sorted(k for k in self.kb.by_key if len(k.replace(" ", "")) >= MIN_FUZZY_LENGTH))

    @functools.cached_property
    def _ordinary_by_length(self) -> "ByLength":
        return ByLength(self._ordinary_list)

    @functools.cached_property
    def _active_words_by_length(self) -> "ByLength":
        return ByLength(sorted(self._active_words))

    @functools.cached_property
    def _known_words(self) -> frozenset[str]:
        """Words of ordinary names and of actives' names are real words, not
        typos: `menthyl` is no slip of `methyl`, nor `heptapeptide` of `hexapeptide`."""
        ordinary_words = {w for key in self._ordinary_list for w in key.split() if len(w) >= 4 and not w.isdigit()}
        return frozenset(ordinary_words) | self._active_words

    def __getstate__(self) -> dict:
        """Pickled without its caches and indexes (built again on load)."""
        return {"kb": self.kb, "ordinary": self.ordinary, "fuzzy": self.fuzzy}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    def _excluded(self, rule, key: str) -> bool:
        """The rule's exclusion, tolerant of one typo in a word of it: each word
        of the name that is no known word and lies one edit from (or, when
        longer, holds a one-edit slip of) an exclusion word is read as that
        word, and the exclusion tried again."""
        if rule.exclude is None:
            return False
        if rule.exclude.search(key):
            return True
        targets = self._exclude_words.get(rule.id)
        if not targets:
            return False
        words = key.split()
        for i, word in enumerate(words):
            if len(word) < 5 or word in self._known_words or word.isdigit():
                continue
            for target in targets:
                repaired = _repair(word, target)
                if repaired is not None and rule.exclude.search(" ".join((*words[:i], repaired, *words[i + 1 :]))):
                    return True
        return False

    def rule_for(self, key: str):
        """The family rule that takes a name key, or None (what the parser
        asks of a lone name); answered once per key."""
        return self._rule(key)[0]

    def _rule(self, key: str):
        """The first rule whose pattern takes the name and whose exclusion does
        not, and whether an exclusion refused it (a known derivative that is
        no active: no typo guess either)."""
        found = self._rules.get(key)
        if found is None:
            if len(self._rules) > 1 << 16:
                self._rules.clear()
            found = self._rules[key] = self._first_rule(key)
        return found

    def _first_rule(self, key: str):
        if self._until_any_rule:
            self._until_any_rule -= 1
            if not self._until_any_rule:
                self._any_rule = _any_of([rule.pattern for rule in self.kb.rules])
        elif self._any_rule is not None and self._any_rule.search(key) is None:
            return None, False
        refused = False
        for rule in self.kb.rules:
            if rule.pattern.search(key):
                if self._excluded(rule, key):
                    refused = True
                    continue
                return rule, refused
        return None, refused

    # -- public -------------------------------------------------------------
    def match(self, ingredient: Ingredient) -> Match | None:
        """The best match among the ingredient's names (name first, then aliases).

        A colourant declared by its CI number (`CI 75130 (Beta-Carotene)`) is
        there for colour, at traces: it is not an active."""
        key = (ingredient.name, ingredient.aliases)
        if key in self._by_names:
            return self._by_names[key]
        found = self._match_names(ingredient.name, ingredient.aliases)
        if len(self._by_names) < 200_000:
            self._by_names[key] = found
        return found

    def _match_names(self, name: str, aliases: tuple[str, ...]) -> Match | None:
        if name[:1] in "Cc" and _COLOUR_INDEX.match(name):
            return None
        found = None
        for written in (name, *aliases):
            result = self.match_name(written)
            if result is None:
                continue
            if result.kind in ("exact", "alias"):
                return result
            if found is None or _rank(result) > _rank(found):
                found = result
        return found

    def match_name(self, name: str) -> Match | None:
        # Two caches: by the name as written (the same spellings recur across
        # lists) and by its key (different spellings of one name).
        if name in self._by_name:
            return self._by_name[name]
        key = name_key(name)
        result = None
        if key:
            if key not in self._cache:
                self._cache[key] = self._lookup(key)
            hit = self._cache[key]
            if hit is not None:
                active, kind, similarity = hit
                result = Match(active=active, kind=kind, similarity=similarity, matched=name)
        if len(self._by_name) < 200_000:
            self._by_name[name] = result
        return result

    # -- stages -------------------------------------------------------------
    def _lookup(self, key: str):
        exact = self.kb.by_key.get(key) or self.kb.by_compact.get(key.replace(" ", ""))
        if exact:
            return exact[0], exact[1], 100.0
        if key in self.ordinary or key.replace(" ", "") in self._ordinary_compact:
            return None  # a known ordinary name (Tocophereth-5, Hyaluronidase) is no active
        if product_shaped(key):
            return None  # "Retinol Night Serum 30 ml": a product, not an ingredient
        rule, refused = self._rule(key)
        if rule is not None:
            # The rule settles the category; a guarded fuzzy hit on a named
            # active of that category (`Sodium Hyaluronat`) is more specific.
            refined = self._fuzzy(key) if self.fuzzy else None
            if refined is not None and refined[0].category == rule.active.category:
                return refined
            return rule.active, "rule", 100.0
        if refused or not self.fuzzy or len(key.replace(" ", "")) < MIN_FUZZY_LENGTH:
            return None
        return self._fuzzy(key)

    def _fuzzy(self, key: str):
        """A guarded typo match: within the edits a name's length allows, no
        ordinary name as close, and no real word swapped for another."""
        fuzz = _rapidfuzz()[0]
        allowed = max_edits(key)
        if allowed == 0:
            return None
        if all(word in self._active_words for word in key.split()):
            # Every word is a real word of some active's name: a fragment
            # ("Retinyl" from "Retinyl, Palmitate"), not a misspelling.
            return None
        best = _nearest(key, self._active_by_length, allowed)
        if best is not None:
            candidate, distance, _ = best
            ordinary = _nearest(key, self._ordinary_by_length, distance)
            if ordinary is None and self._plausible_typo(key, candidate):
                active, _ = self.kb.by_key[candidate]
                return active, "fuzzy", float(fuzz.ratio(key, candidate))
        return self._fuzzy_words(key)

    def _fuzzy_words(self, key: str):
        """Correct misspelt words one by one (`pentapetpide 59` -> `pentapeptide
        59`) and try the exact names and family rules again, under the same
        guard as a whole-name guess: no ordinary name closer, a plausible
        typo, and no rule's exclusion."""
        fuzz, _, OSA = _rapidfuzz()
        words = key.split()
        corrected = []
        changed = False
        for word in words:
            if len(word) < 8 or word in self._known_words:
                corrected.append(word)
                continue
            allowed = 1 if len(word) < 12 else 2
            hit = _nearest(word, self._active_words_by_length, allowed)
            if hit is None:
                corrected.append(word)
                continue
            corrected.append(hit[0])
            changed = True
        if not changed:
            return None
        fixed = " ".join(corrected)
        if fixed in self.ordinary or product_shaped(fixed):
            return None
        # An ordinary name closer than the correction wins; at equal distance the
        # corrected words (each one edit from an active's word) do.
        distance = OSA.distance(key, fixed)
        if _nearest(key, self._ordinary_by_length, distance - 1) is not None or not self._plausible_typo(key, fixed):
            return None
        exact = self.kb.by_key.get(fixed) or self.kb.by_compact.get(fixed.replace(" ", ""))
        if exact:
            return exact[0], "fuzzy", float(fuzz.ratio(key, fixed))
        rule, _ = self._rule(fixed)
        if rule is not None:
            return rule.active, "fuzzy", float(fuzz.ratio(key, fixed))
        return None

    def _plausible_typo(self, key: str, candidate: str) -> bool:
        """Reject guesses that replace a real word (`sorbate` -> `ascorbate`,
        `cetyl` -> `retinyl`) or change a number (`peptide 1` -> `peptide 3`)."""
        _, process, OSA = _rapidfuzz()
        words, target = key.split(), set(candidate.split())
        if " " not in candidate and candidate[:1] != key[:1] and OSA.distance(key, candidate) > 1:
            return False
        for word in words:
            if word in target:
                continue
            # Short words and numbers carry meaning a typo cannot be told from
            # (`b6` vs `b3`, `rye` vs `grape`); real words are not typos.
            if len(word) < 4 or word.isdigit() or word in self._known_words:
                return False
            # A typo stays inside its word (`skin` is no misspelling of `seed`)
            # and rarely changes its first letter (`sorbique` vs `ascorbique`).
            near = process.extractOne(word, target, scorer=OSA.distance, score_cutoff=1 if len(word) < 8 else 2)
            if near is None and " " in candidate:
                return False
            if near is not None and near[0][:1] != word[:1] and near[1] > 1:
                return False
        numbers = [w for w in words if w.isdigit()]
        target_numbers = [w for w in candidate.split() if w.isdigit()]
        return numbers == target_numbers or not numbers


@functools.cache
def _rapidfuzz():
    """(fuzz, process, OSA), imported when a name first needs a typo check:
    a list of known names never does, and the import costs a one-list
    `analyzer score` a tenth of its time."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import OSA

    return fuzz, process, OSA


def _any_of(patterns: list[re.Pattern]) -> re.Pattern | None:
    """One expression that matches where any of `patterns` does: most names
    match no family rule, and one search says so faster than one per rule.
    None when they cannot be joined safely (back-references, flags)."""
    if not patterns or any(
        p.flags != patterns[0].flags or "(?P=" in p.pattern or "(?(" in p.pattern or re.search(r"\\\d", p.pattern)
        for p in patterns
    ):
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)
    except re.error:
        return None


def _literal_words(pattern: str) -> tuple[str, ...]:
    """Words of five or more letters written out in a regular expression
    (`\\b(?:cocoyl|lauroyl) hydrolyzed\\b` -> cocoyl, lauroyl, hydrolyzed)."""
    plain = re.sub(r"\\[a-zA-Z]|\[[^\]]*\]|\{[^}]*\}|\(\?[:!=<]*", " ", pattern)
    return tuple(dict.fromkeys(w for w in re.findall(r"[a-z]+", plain) if len(w) >= 5))


def _repair(word: str, target: str) -> str | None:
    """`word` with a one-edit slip of `target` put right: the word itself when
    it is one edit from `target`, or a longer word ending in the slip
    (`steardimoniun` -> `steardimonium` for `monium`); else None."""
    OSA = _rapidfuzz()[2]
    if abs(len(word) - len(target)) <= 1 and OSA.distance(word, target, score_cutoff=1) <= 1:
        return target
    if len(word) > len(target) + 1:
        # the ending of target's length, give or take one letter
        for size in (len(target) - 1, len(target), len(target) + 1):
            if OSA.distance(word[-size:], target, score_cutoff=1) <= 1:
                return word[:-size] + target
    return None


class ByLength:
    """Keys by length, and for each window of lengths (n - d to n + d) its
    keys in sorted order, put together on first use: a name within d edits
    of a key is compared with the keys of that window only, in one call."""

    def __init__(self, keys):
        self.groups: dict[int, list[str]] = {}
        for key in keys:
            self.groups.setdefault(len(key), []).append(key)
        self._windows: dict[tuple[int, int], list[str]] = {}

    def window(self, n: int, d: int) -> list[str]:
        found = self._windows.get((n, d))
        if found is None:
            found = self._windows[(n, d)] = sorted(k for length in range(n - d, n + d + 1) for k in self.groups.get(length, ()))
        return found


def _nearest(key: str, lengths: ByLength, max_distance: int):
    """The closest key within `max_distance` edits (OSA), or None; of keys
    as close, the first in sorted order. Only keys whose length can be that
    close are compared: several times faster."""
    if max_distance < 0:
        return None
    candidates = lengths.window(len(key), max_distance)
    if not candidates:
        return None
    _, process, OSA = _rapidfuzz()
    return process.extractOne(key, candidates, scorer=OSA.distance, score_cutoff=max_distance)


def max_edits(text: str) -> int:
    """Typos allowed by length: none under 5 letters, 1 up to 7, 2 up to 15, then 3."""
    n = len(text.replace(" ", ""))
    if n < 5:
        return 0
    if n <= 7:
        return 1
    if n <= 15:
        return 2
    return 3


def _rank(match: Match) -> tuple[int, float]:
    order = {"exact": 3, "alias": 3, "rule": 2, "fuzzy": 1}
    return order[match.kind], match.similarity


def get_matcher(kb: KnowledgeBase | None = None, fuzzy: bool = True) -> Matcher:
    """The shared Analyzer's matcher for this knowledge base and setting:
    building the indices costs milliseconds and its cache makes batches fast."""
    from .core import shared_analyzer

    return shared_analyzer(kb, fuzzy).matcher
