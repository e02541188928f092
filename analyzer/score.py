"""Matches -> a 0-100 score whose points are each traced to an ingredient.

Model (see README, "How the score works"):
  points(active) = weight x concentration factor x rank factor x category factor
  raw            = sum of points
  score          = round(100 x (1 - exp(-raw / SCALE)))
Each active's contribution is its share of the score (points / raw), rounded
so that the contributions add up to the score exactly.

The rank factor gives diminishing returns inside a category (1, 1/2, 1/4 ...)
and the category factor across categories (the strongest category counts
fully, the next 0.8, then 0.64 ...), so a long "ingredient soup" of traces
does not outscore a focused formula.

The score only ever goes up when an active is added or moved earlier: the
factor never increases with position, both diminishing-return factors are
applied to values sorted best first (adding a value or raising one never
lowers such a sum), and the final curve is increasing.
"""
from __future__ import annotations

import math

from .models import Concentration, Finding, Ingredient, Match

SCALE = 12.0
RANK_DECAY = 0.5  # 2nd active of a category counts half, 3rd a quarter ...
CATEGORY_DECAY = 0.8  # 2nd strongest category counts 0.8, 3rd 0.64 ...
MAY_CONTAIN_FACTOR = 0.15
LOW_DOSE_FLOOR = 0.6
RINSE_OFF_FACTOR = 0.5
STATUS_FACTOR = {"above": 1.0, "near": 0.9, "below": 0.7}

GRADES = (
    (80, "A", "Strong firming formula"),
    (60, "B", "Good firming potential"),
    (40, "C", "Some firming support"),
    (20, "D", "Weak firming relevance"),
    (0, "E", "Little or no firming relevance"),
)


def position_factor(position: int) -> float:
    """1.0 for the first three places, falling linearly to 0.35 at place 30."""
    if position <= 3:
        return 1.0
    return max(0.35, 1.0 - 0.65 * (position - 3) / 27)


def percent_factor(percent: float, low_dose: bool) -> float:
    """A stated percentage overrides position. Low-dose actives (retinoids,
    peptides...) work at 0.01-1%, the others need a few percent."""
    reference = 0.1 if low_dose else 1.0
    value = (0.9 if low_dose else 0.8) + 0.3 * math.log10(percent / reference)
    return min(1.0, max(0.2, value))


def concentration_factor(
    ingredient: Ingredient, concentration: Concentration, low_dose: bool, rinse_off: bool = False
) -> float:
    """How much of an active's weight counts, from 0 to 1.

    Position (or a stated %) stands in for concentration. Low-dose actives
    (retinoids, peptides...) work below 1%, so their place after the 1% line
    costs them less. Rinse-off products keep actives on skin for minutes.
    """
    if ingredient.percent is not None:
        factor = percent_factor(ingredient.percent, low_dose)
    elif ingredient.section == "may_contain":
        factor = MAY_CONTAIN_FACTOR
    elif low_dose:
        factor = max(position_factor(ingredient.position), LOW_DOSE_FLOOR)
    else:
        factor = position_factor(ingredient.position) * STATUS_FACTOR.get(concentration.status, 1.0)
    return factor * (RINSE_OFF_FACTOR if rinse_off else 1.0)


def grade_for(score: int) -> tuple[str, str]:
    for floor, grade, verdict in GRADES:
        if score >= floor:
            return grade, verdict
    return GRADES[-1][1], GRADES[-1][2]


def score_findings(
    candidates: list[tuple[Ingredient, Match, Concentration, float]],
) -> tuple[int, list[Finding]]:
    """candidates: (ingredient, match, concentration, factor) for every matched
    ingredient. Returns the score and one finding per distinct active."""
    best: dict[tuple[str, str], tuple[Ingredient, Match, Concentration, float]] = {}
    for ingredient, match, concentration, factor in candidates:
        active = match.active
        identity = (active.category, active.inci if active.rule is None else match.matched.casefold())
        current = best.get(identity)
        if current is None or active.weight * factor > current[1].active.weight * current[3]:
            best[identity] = (ingredient, match, concentration, factor)

    by_category: dict[str, list[tuple[Ingredient, Match, Concentration, float]]] = {}
    for item in best.values():
        by_category.setdefault(item[1].active.category, []).append(item)

    findings: list[Finding] = []
    groups = []
    for items in by_category.values():
        items.sort(key=lambda it: (-it[1].active.weight * it[3], it[0].list_index, it[0].position))
        ranked = [(RANK_DECAY**rank, item) for rank, item in enumerate(items)]
        total = sum(r * item[1].active.weight * item[3] for r, item in ranked)
        groups.append((total, ranked))
    groups.sort(key=lambda g: -g[0])
    for category_rank, (_, ranked) in enumerate(groups):
        category_factor = CATEGORY_DECAY**category_rank
        for rank_factor, (ingredient, match, concentration, factor) in ranked:
            points = match.active.weight * factor * rank_factor * category_factor
            findings.append(Finding(ingredient, match, concentration, factor, rank_factor, points, 0.0, category_factor))

    raw = sum(f.points for f in findings)
    score = round(100 * (1 - math.exp(-raw / SCALE))) if raw > 0 else 0
    contributions = _split(score, [f.points for f in findings])
    findings = [
        Finding(f.ingredient, f.match, f.concentration, f.factor, f.rank_factor, f.points, c, f.category_factor)
        for f, c in zip(findings, contributions)
    ]
    findings.sort(key=lambda f: (-f.contribution, f.ingredient.list_index, f.ingredient.position))
    return score, findings


def _split(total: int, parts: list[float]) -> list[float]:
    """Share `total` in proportion to `parts`, in tenths, adding up exactly."""
    weight = sum(parts)
    if total == 0 or weight <= 0:
        return [0.0] * len(parts)
    exact = [total * 10 * p / weight for p in parts]
    tenths = [math.floor(x) for x in exact]
    missing = total * 10 - sum(tenths)
    order = sorted(range(len(parts)), key=lambda i: exact[i] - tenths[i], reverse=True)
    for i in order[:missing]:
        tenths[i] += 1
    return [t / 10 for t in tenths]
