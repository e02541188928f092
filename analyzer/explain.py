"""Look one ingredient up: what it is, what it does for firm skin, why its
weight, cautions and other names; nearest known names when it is unknown.
A category's name ("peptides", "vitamin C") gets the category and its actives."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .core import shared_analyzer
from .knowledge import KnowledgeBase
from .models import Active
from .text import name_key

FLAG_WORDS = {
    "below_one_percent": "almost always used at 1% or less (it marks the 1% line in a list)",
    "exfoliant_acid": "an exfoliating acid (AHA/BHA/PHA)",
    "sunscreen": "a UV filter",
    "rinse_off_surfactant": "a cleansing surfactant (rinse-off products)",
}


_STATED_PERCENT = re.compile(r"\s*[(\[]?\s*\d+(?:[.,]\d+)?\s*%\s*[)\]]?\s*$|^\s*\d+(?:[.,]\d+)?\s*%\s*")


def strength(weight: float) -> str:
    if weight >= 8:
        return "strong evidence"
    if weight >= 5:
        return "good evidence"
    if weight >= 3:
        return "moderate evidence"
    if weight > 0:
        return "weak or supporting evidence"
    return "no firming evidence"


@dataclass
class Explanation:
    query: str
    active: Active | None = None
    match: str | None = None  # exact, alias, rule or fuzzy
    similarity: float | None = None
    category: dict = field(default_factory=dict)
    cautions: dict[str, str] = field(default_factory=dict)
    ordinary: bool = False
    flags: list[str] = field(default_factory=list)
    suggestions: list[dict] = field(default_factory=list)
    category_id: str | None = None  # the query names this category (not one active)
    members: list[dict] = field(default_factory=list)  # the category's actives, strongest first

    @property
    def found(self) -> bool:
        return self.active is not None or self.category_id is not None

    def to_dict(self) -> dict:
        data = {
            "query": self.query,
            "found": self.found,
            "match": self.match,
            "similarity": self.similarity,
            "ordinary": self.ordinary,
            "flags": self.flags,
            "suggestions": self.suggestions,
        }
        if self.category_id is not None:
            data.update({
                "category": self.category_id,
                "category_label": self.category.get("label"),
                "category_note": self.category.get("note"),
                "members": self.members,
            })
        if self.active is not None:
            data.update(
                {
                    "inci": self.active.inci,
                    "category": self.active.category,
                    "category_label": self.category.get("label"),
                    "category_note": self.category.get("note"),
                    "note": self.active.note,
                    "weight": self.active.weight,
                    "strength": strength(self.active.weight),
                    "evidence": self.active.evidence,
                    "cautions": self.cautions,
                    "aliases": list(self.active.aliases),
                    "family_rule": self.active.rule,
                }
            )
        return data


def suggest(name: str, kb: KnowledgeBase, limit: int = 5) -> list[dict]:
    """Nearest known active names, whatever their spelling distance."""
    choices: dict[str, Active] = {}
    for active in kb.actives:
        for n in (active.inci, *active.aliases):
            choices.setdefault(name_key(n), active)
    hits = process.extract(name_key(name), list(choices), scorer=fuzz.ratio, limit=limit * 3)
    out: list[dict] = []
    seen: set[str] = set()
    for key, score, _ in hits:
        active = choices[key]
        if active.inci in seen or score < 50:
            continue
        seen.add(active.inci)
        out.append({"inci": active.inci, "category": active.category, "similarity": round(score, 1)})
        if len(out) == limit:
            break
    return out


def explain(name: str, kb: KnowledgeBase | None = None, fuzzy: bool = True) -> Explanation:
    analyzer = shared_analyzer(kb, fuzzy)
    kb = analyzer.kb
    result = Explanation(query=name)
    name = _STATED_PERCENT.sub("", name) or name  # "Retinol 1%": the name, not a family member
    key = name_key(name)
    result.flags = sorted(kb.flag_of(key))
    match = analyzer.matcher.match_name(name)
    category = kb.category_named(name)
    if category is not None and (match is None or match.kind not in ("exact", "alias")):
        # "peptides", "ceramides": the category, not a guess at one of its actives
        result.category_id = category
        result.category = kb.categories.get(category, {})
        members = sorted((a for a in kb.actives if a.category == category), key=lambda a: (-a.weight, a.inci))
        result.members = [{"inci": a.inci, "weight": a.weight, "family_rule": a.rule} for a in members]
        return result
    if match is not None:
        result.active = match.active
        result.match = match.kind
        result.similarity = round(match.similarity, 1)
        result.category = kb.categories.get(match.active.category, {})
        result.cautions = {c: kb.cautions.get(c, c) for c in match.active.cautions}
        return result
    result.ordinary = key in analyzer.known
    result.suggestions = suggest(name, kb)
    if result.ordinary:
        # For a known ordinary name, only look-alikes matter ("not to be confused with").
        result.suggestions = [s for s in result.suggestions if s["similarity"] >= 80][:3]
    return result
