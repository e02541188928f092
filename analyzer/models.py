"""Small dataclasses passed between the stages. Each has `to_dict()` giving
the JSON shape the CLI prints, so scripts and the CLI see the same thing."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


# What an HTML report this tool writes carries in its head, so that a later
# batch over the same folder does not read it as a product page.
GENERATOR_MARK = '<meta name="generator" content="firming-analyzer">'


@dataclass(slots=True)
class Ingredient:
    position: int  # 1-based position in its declared list
    name: str
    aliases: tuple[str, ...] = ()
    percent: float | None = None
    section: str = "main"  # "main" or "may_contain"
    list_index: int = 0  # which list of a kit (0-based)
    raw: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def to_dict(self) -> dict:
        return {
            "position": self.position,
            "name": self.name,
            "aliases": list(self.aliases),
            "percent": self.percent,
            "section": self.section,
            "list": self.list_index,
        }


@dataclass(frozen=True)
class IngredientList:
    title: str | None
    ingredients: tuple[Ingredient, ...]
    ordered: bool = True  # False when the label lists by name, not concentration (US OTC inactives)
    leading_actives: int = 0  # a Drug Facts list: its first N items are the declared actives

    def to_dict(self) -> dict:
        return {"title": self.title, "count": len(self.ingredients), "ordered": self.ordered, "actives": self.leading_actives}


@dataclass(frozen=True)
class ParsedText:
    lists: tuple[IngredientList, ...]
    free_from: tuple[str, ...] = ()  # names the text says the product does not contain

    @property
    def ingredients(self) -> list[Ingredient]:
        return [ing for lst in self.lists for ing in lst.ingredients]

    def __bool__(self) -> bool:
        return any(lst.ingredients for lst in self.lists)


@dataclass(frozen=True)
class Active:
    """One known active of the knowledge base (or a family rule)."""

    inci: str
    category: str
    weight: float
    note: str = ""
    evidence: str = ""
    aliases: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    rule: str | None = None  # id of the family rule, for rule entries
    dose: tuple[float, float] | None = None  # effective range in a leave-on product, % of pure active
    dose_note: str = ""  # the evidence for that range, in one line
    # For actives used at ppm levels: the usual % of the supplier's solution in
    # a product, which is what the label's place and a stated % show.
    supplied: tuple[float, float] | None = None

    def to_dict(self) -> dict:
        return {
            "inci": self.inci,
            "category": self.category,
            "weight": self.weight,
            "note": self.note,
            "evidence": self.evidence,
            "aliases": list(self.aliases),
            "cautions": list(self.cautions),
            "rule": self.rule,
            "dose": list(self.dose) if self.dose else None,
            "dose_note": self.dose_note,
            "supplied": list(self.supplied) if self.supplied else None,
        }


@dataclass(frozen=True)
class Match:
    active: Active
    kind: str  # "exact", "alias", "rule" or "fuzzy"
    similarity: float  # 100 unless fuzzy
    matched: str  # the name on the label that matched


@dataclass(frozen=True)
class Concentration:
    status: str  # "above", "near", "below" (the ~1% line), or "unknown" (a list in A-Z order)
    basis: str  # "stated", "marker" or "position"
    percent: float | None = None
    reason: str = ""

    def to_dict(self) -> dict:
        return {"status": self.status, "basis": self.basis, "percent": self.percent, "reason": self.reason}


@dataclass(frozen=True)
class Dose:
    """How much of an active the product likely holds, against the range it
    works in, and the share of its strength that earns."""

    estimate: float | None  # % estimated (or stated); None when the label cannot tell
    basis: str  # "stated", "only", "before line", "at line", "after line", "unordered", "may contain", ...
    low: float  # the range compared with, in %
    high: float
    scale: str  # "active" (the pure active) or "supplied" (the supplier's solution, for ppm actives)
    factor: float  # 0-1
    reason: str

    def to_dict(self) -> dict:
        return {
            "estimate": _round_percent(self.estimate),
            "basis": self.basis,
            "range": [self.low, self.high],
            "scale": self.scale,
            "factor": round(self.factor, 3),
            "reason": self.reason,
        }


def _round_percent(value: float | None) -> float | None:
    if value is None:
        return None
    return float(f"{value:.3g}")


@dataclass(frozen=True)
class Finding:
    """An active found in the list, with its share of the score."""

    ingredient: Ingredient
    match: Match
    concentration: Concentration
    factor: float  # dose factor x product-type factor, 0-1
    rank_factor: float  # diminishing returns inside a category (1, 0.3, 0.09 ...)
    points: float  # weight/10 x factor x rank_factor x category_factor: the active's strength as counted
    contribution: float = 0.0  # share of the final score; contributions add up to it
    category_factor: float = 1.0  # diminishing returns across categories (1, 0.4, 0.24 ...)
    dose: Dose | None = None
    type_factor: float = 1.0  # leave-on 1, sheet mask 0.7, wash-off mask 0.5, rinse-off 0.3

    @property
    def active(self) -> Active:
        return self.match.active

    def to_dict(self) -> dict:
        active = self.active
        return {
            "inci": active.inci,
            "category": active.category,
            "rule": active.rule,
            "label": self.ingredient.name,
            "percent": self.ingredient.percent,
            "position": self.ingredient.position,
            "list": self.ingredient.list_index,
            "section": self.ingredient.section,
            "matched": self.match.matched,
            "match": self.match.kind,
            "similarity": round(self.match.similarity, 1),
            "weight": active.weight,
            "factor": round(self.factor, 3),
            "rank_factor": self.rank_factor,
            "category_factor": round(self.category_factor, 4),
            "points": round(self.points, 3),
            "concentration": self.concentration.to_dict(),
            "dose": self.dose.to_dict() if self.dose else None,
            "type_factor": self.type_factor,
            "contribution": self.contribution,
            "note": active.note,
            "cautions": list(active.cautions),
        }


@dataclass(frozen=True)
class Note:
    id: str
    message: str
    caution: str | None = None

    def to_dict(self) -> dict:
        return {"id": self.id, "message": self.message, "caution": self.caution}


@dataclass
class Analysis:
    score: int
    grade: str
    verdict: str
    parsed: ParsedText
    findings: list[Finding]
    notes: list[Note] = field(default_factory=list)
    cautions: dict[str, str] = field(default_factory=dict)  # caution id -> text
    one_percent_line: list[dict] = field(default_factory=list)
    product_type: Any = None  # a ProductType (leave-on, rinse-off, wash-off mask, sheet mask)
    list_types: tuple = ()  # one ProductType per list (a kit's parts can differ)

    @property
    def ingredients(self) -> list[Ingredient]:
        return self.parsed.ingredients

    @property
    def categories(self) -> list[str]:
        return sorted({f.active.category for f in self.findings})

    def to_dict(self) -> dict:
        return {
            "score": self.score,
            "grade": self.grade,
            "verdict": self.verdict,
            "categories": self.categories,
            "product_type": self.product_type.to_dict() if self.product_type is not None else None,
            "lists": [
                {**lst.to_dict(), **({"type": t.type} if t is not None else {})}
                for lst, t in zip(self.parsed.lists, self.list_types or (None,) * len(self.parsed.lists))
            ],
            "free_from": list(self.parsed.free_from),
            "ingredients": [ing.to_dict() for lst in self.parsed.lists for ing in lst.ingredients],
            "actives": [f.to_dict() for f in self.findings],
            "one_percent_line": self.one_percent_line,
            "notes": [n.to_dict() for n in self.notes],
            "cautions": self.cautions,
        }


@dataclass
class Product:
    name: str | None = None
    brand: str | None = None
    category: str | None = None  # the shop's category path ("Skincare > Masks > Sheet Masks")

    def to_dict(self) -> dict:
        return {"name": self.name, "brand": self.brand, "category": self.category}


@dataclass
class Record:
    """The result for one document: status `ok` (with the analysis),
    `no_ingredients` (with the reason) or `error` (with the message)."""

    path: str
    status: str  # "ok", "no_ingredients" or "error"
    product: Product = field(default_factory=Product)
    strategy: str | None = None
    locator: str | None = None  # where on the page the list was found
    error: str | None = None
    reason: str | None = None
    encoding: str | None = None
    seconds: float = 0.0
    analysis: Analysis | None = None
    free_from: tuple[str, ...] = ()  # names the text declares absent, also when it holds no list
    source: dict | None = None  # where the document sits in a container (a crawl file and offset)

    @property
    def score(self) -> int | None:
        return self.analysis.score if self.analysis else None

    def to_dict(self) -> dict:
        record = {
            "path": self.path,
            "status": self.status,
            "error": self.error,
            "reason": self.reason,
            "product": self.product.to_dict(),
            "strategy": self.strategy,
            "locator": self.locator,
            "encoding": self.encoding,
            "seconds": round(self.seconds, 4),
            "free_from": list(self.free_from),
        }
        if self.source is not None:
            record["source"] = dict(self.source)
        if self.analysis is not None:
            record.update(self.analysis.to_dict())
        return record
