"""Side-by-side comparison of any number of products: an overall ranking and
a winner, shared and missing actives with their positions and points (score
points, so comparable across products), and for every pair the ingredient
overlap (order-aware) and a plain verdict."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from .core import Analyzer, shared_analyzer
from .document import Document
from .errors import CompareInputError
from .knowledge import KnowledgeBase
from .models import Analysis
from .sources import EXPORT_WORDS, detect_format, export_format, export_kind
from .text import name_key

RBO_P = 0.9  # rank-biased overlap: the top of a list weighs most


@dataclass
class Product:
    label: str
    source: str
    analysis: Analysis

    def key_list(self) -> list[str]:
        return [name_key(i.name) for i in self.analysis.ingredients if i.section == "main"]

    def positions(self) -> dict[str, tuple[int, float]]:
        """Position and points per active; a family-rule match is its own active
        (two different unlisted peptides are not "the same")."""
        return {_label(f): (f.ingredient.position, f.contribution) for f in self.analysis.findings}


@dataclass
class Comparison:
    products: list[Product]
    actives: list[dict] = field(default_factory=list)
    pairs: list[dict] = field(default_factory=list)
    ranking: list[dict] = field(default_factory=list)  # best first; equal scores share a rank
    winner: str | None = None  # None when the best score is shared

    def to_dict(self) -> dict:
        return {
            "products": [
                {
                    "label": p.label,
                    "source": p.source,
                    "score": p.analysis.score,
                    "grade": p.analysis.grade,
                    "type": p.analysis.product_type.type if p.analysis.product_type else None,
                    "ingredients": len(p.analysis.ingredients),
                    "categories": p.analysis.categories,
                }
                for p in self.products
            ],
            "ranking": self.ranking,
            "winner": self.winner,
            "actives": self.actives,
            "pairs": self.pairs,
        }


def load_product(argument: str, analyzer: Analyzer, index: int) -> Product:
    """A path to a saved page or .txt list, or the pasted list itself."""
    letter = chr(ord("A") + index) if index < 26 else str(index + 1)
    path = Path(argument)
    is_file = len(argument) < 4096 and os.path.isfile(argument)  # never raises, unlike Path.is_file
    has_separators = any(sep in argument for sep in ",;|•·\n")
    if is_file:
        _refuse_export(argument, path)
        result = analyzer.analyze(Document.from_path(path))
        if result.status != "ok" or result.analysis is None:
            why = result.error or result.reason or "no ingredient list"
            raise CompareInputError(f"{argument}: {why}")
        name = result.product.name or path.stem
        if result.product.brand and result.product.brand not in name:
            name = f"{result.product.brand} - {name}"
        return Product(f"{letter}: {name}", str(path), result.analysis)
    if not has_separators and path.suffix.lower() in (".html", ".htm", ".txt", ".xhtml", ".md"):
        raise CompareInputError(f"{argument}: no such file")
    many = export_kind(argument)
    if many:
        raise CompareInputError(
            f"{letter}: the pasted text looks like {many}; compare takes one product per argument. "
            "Save it to a .csv, .json or .jsonl file and rank its products with: analyzer batch FILE"
        )
    result = analyzer.analyze(Document("pasted list", argument))
    if result.analysis is None:
        shown = " ".join(argument.split())
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        raise CompareInputError(f"{letter}: no ingredient list found in the pasted text \"{shown}\"")
    return Product(f"{letter}: pasted list", "text", result.analysis)


def _refuse_export(argument: str, path: Path) -> None:
    """An export holds many products: `batch` ranks them, compare would read
    the whole file as one list."""
    import shlex

    kind = detect_format(path)
    many = f"a {kind.upper()} export" if kind in ("csv", "tsv", "json", "jsonl") else None
    option = ""
    if many is None and kind == "files" and path.suffix.lower() not in (".html", ".htm", ".xhtml"):
        try:
            with open(path, "rb") as handle:
                found = export_format(handle.read(65536).decode("utf-8", "ignore"))
        except OSError:
            return  # the analysis says why it cannot be read
        if found:  # (batch reads a .txt file as one list unless told)
            many, option = EXPORT_WORDS[found], f"--input-format {found} "
    if many:
        raise CompareInputError(
            f"{argument} looks like {many} of many products; compare takes one product per argument. "
            f"Rank its products with: analyzer batch {option}{shlex.quote(argument)}"
        )


def _label(finding) -> str:
    return finding.match.matched if finding.active.rule else finding.active.inci


def rank_biased_overlap(a: list[str], b: list[str], p: float = RBO_P) -> float:
    """Order-aware similarity of two ranked lists, 0..1, top ranks weighing
    most; normalised so that a list compared with itself gives 1."""
    depth = max(len(a), len(b))
    if depth == 0:
        return 1.0

    def raw(x: list[str], y: list[str]) -> float:
        seen_x: set[str] = set()
        seen_y: set[str] = set()
        overlap = 0
        total = 0.0
        for d in range(depth):
            if d < len(x):
                item = x[d]
                if item in seen_y and item not in seen_x:
                    overlap += 1
                seen_x.add(item)
            if d < len(y):
                item = y[d]
                if item in seen_x and item not in seen_y:
                    overlap += 1
                seen_y.add(item)
            total += p**d * overlap / (d + 1)
        return total

    best = (raw(a, a) + raw(b, b)) / 2
    return raw(a, b) / best if best else 0.0


def jaccard(a: list[str], b: list[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


def _verdict(a: Product, b: Product, rbo: float, shared: float) -> list[str]:
    la, lb = a.label.split(":")[0], b.label.split(":")[0]
    pa, pb = a.positions(), b.positions()
    common = sorted(set(pa) & set(pb))
    only_a = sorted(set(pa) - set(pb), key=lambda n: -pa[n][1])
    only_b = sorted(set(pb) - set(pa), key=lambda n: -pb[n][1])
    lines: list[str] = []
    if rbo >= 0.8 and shared >= 0.75:
        lines.append(f"Near-identical formulas ({rbo:.0%} order-aware similarity): possible dupe.")
    elif rbo >= 0.6:
        lines.append(f"Similar formulas ({rbo:.0%} order-aware similarity).")
    if common:
        earlier_b = sum(1 for n in common if pb[n][0] < pa[n][0])
        earlier_a = sum(1 for n in common if pa[n][0] < pb[n][0])
        if not only_a and earlier_b > earlier_a:
            lines.append(f"{lb} has the same actives higher up: likely stronger.")
        elif not only_b and earlier_a > earlier_b:
            lines.append(f"{la} has the same actives higher up: likely stronger.")
    if only_b:
        lines.append(f"{lb} adds {', '.join(only_b[:4])}{' and more' if len(only_b) > 4 else ''}.")
    if only_a:
        lines.append(f"{lb} lacks {', '.join(only_a[:4])}{' and more' if len(only_a) > 4 else ''} (in {la}).")
    diff = b.analysis.score - a.analysis.score
    if abs(diff) >= 10:
        better = lb if diff > 0 else la
        lines.append(f"For firming, {better} scores higher ({max(a.analysis.score, b.analysis.score)} vs {min(a.analysis.score, b.analysis.score)}).")
    elif diff == 0:
        lines.append(f"Similar firming scores ({a.analysis.score} vs {b.analysis.score}).")
    else:  # a few points: within what a label lets one estimate
        lines.append(f"Close firming scores ({la} {a.analysis.score}, {lb} {b.analysis.score}).")
    return lines


def compare_products(products: list[Product]) -> Comparison:
    result = Comparison(products=products)
    names: dict[str, str] = {}
    for product in products:
        for finding in product.analysis.findings:
            names.setdefault(_label(finding), finding.active.category)
    order = sorted(names, key=lambda n: (-max(p.positions().get(n, (0, 0))[1] for p in products), n))
    for inci in order:
        row = {"inci": inci, "category": names[inci], "in": []}
        for product in products:
            found = product.positions().get(inci)
            row["in"].append(None if found is None else {"position": found[0], "contribution": found[1]})
        row["shared"] = all(x is not None for x in row["in"])
        result.actives.append(row)
    result.ranking = ranking(products)
    top = [r for r in result.ranking if r["rank"] == 1]
    result.winner = top[0]["label"] if len(top) == 1 else None
    for first, second in combinations(products, 2):
        a, b = first.key_list(), second.key_list()
        rbo = rank_biased_overlap(a, b)
        shared = jaccard(a, b)
        result.pairs.append(
            {
                "a": first.label,
                "b": second.label,
                "shared_ingredients": len(set(a) & set(b)),
                "jaccard": round(shared, 3),
                "order_aware_similarity": round(rbo, 3),
                "verdict": _verdict(first, second, rbo, shared),
            }
        )
    return result


def ranking(products: list[Product]) -> list[dict]:
    """Best score first; equal scores share a rank. Each entry says what
    carries the product: its strongest active and that active's points."""
    ordered = sorted(products, key=lambda p: -p.analysis.score)
    out = []
    for i, product in enumerate(ordered):
        analysis = product.analysis
        rank = out[-1]["rank"] if out and out[-1]["score"] == analysis.score else i + 1
        top = analysis.findings[0] if analysis.findings else None
        out.append({
            "rank": rank,
            "label": product.label,
            "score": analysis.score,
            "grade": analysis.grade,
            "type": analysis.product_type.type if analysis.product_type else None,
            "strongest": None if top is None else {
                "inci": _label(top),
                "contribution": top.contribution,
                "amount": top.dose.reason if top.dose else top.concentration.reason,
            },
        })
    return out


def compare(
    arguments: list[str], kb: KnowledgeBase | None = None, fuzzy: bool = True, product_type: str | None = None
) -> Comparison:
    if len(arguments) < 2:
        raise CompareInputError("give at least two products to compare")
    analyzer = Analyzer(kb, fuzzy=fuzzy, product_type=product_type) if product_type else shared_analyzer(kb, fuzzy)
    return compare_products([load_product(arg, analyzer, i) for i, arg in enumerate(arguments)])
