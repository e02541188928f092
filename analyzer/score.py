"""Matches -> a 0-100 score whose points are each traced to an ingredient.

Model (see README, "How the score works"):

  strength(active) = weight/10 x dose factor x product-type factor
  the strongest active of each category counts fully, the next 0.15, then 0.0225 ...
  the strongest category counts fully, the next 0.3, then 0.15, 0.075 ...
  raw   = sum of the counted strengths
  score = round(100 x (1 - exp(-K x raw)))

Strength before breadth: one retinoid at an effective dose in a leave-on
(strength 1) scores 83, and a second category can add at most 0.3 of its own
strength, so eight traces cannot outscore one well-dosed active. The dose
factor compares the likely amount (stated, or estimated from the place in the
list: see concentration.py) with the range the active works in: 1 at or above
the top of the range, 0.8 at its bottom, falling with the square root of the
shortfall below it, so an active far after the preservative earns little.

Each active's contribution is its share of the score (points / raw), rounded
so that the contributions add up to the score exactly.

The score never goes down when an active is added, moved earlier or given a
higher stated %: the estimate never falls as a place moves up, the dose
factor never falls as the amount rises, both diminishing-return steps apply
non-increasing coefficients to values sorted best first (adding a value or
raising one never lowers such a sum), and the final curve is increasing.
"""
from __future__ import annotations

import math

from .concentration import Estimate, fmt_estimate
from .models import Active, Dose, Finding

K = 1.75
RANK_DECAY = 0.15  # 2nd active of a category counts 0.15, 3rd 0.0225 ...
SECOND_CATEGORY = 0.3  # the 2nd strongest category counts 0.3 ...
LATER_CATEGORY = 0.5  # ... the 3rd 0.3 x 0.5, the 4th 0.3 x 0.25 ...
AT_LOW_END = 0.8  # dose factor at the bottom of the effective range
UNKNOWN_AMOUNT = 0.5  # the label cannot tell the amount (an A-Z list)
MAY_CONTAIN = 0.1
GENERIC_DOSE = (0.1, 1.0)  # a user's active without a range
SOLUTION_SHARE = 20  # a stated % this far above the pure range is the supplier's solution
MOST = 2  # a place-based estimate past twice the top of an active's range is more than products hold

GRADES = (
    (80, "A", "Strong firming formula"),
    (60, "B", "Good firming potential"),
    (40, "C", "Some firming support"),
    (20, "D", "Weak firming relevance"),
    (0, "E", "Little or no firming relevance"),
)


def grade_for(score: int) -> tuple[str, str]:
    for floor, grade, verdict in GRADES:
        if score >= floor:
            return grade, verdict
    return GRADES[-1][1], GRADES[-1][2]


def dose_factor(amount: float, low: float, high: float) -> float:
    """1 at or above `high`, 0.8 at `low`, even on a log scale between them,
    and 0.8 x sqrt(amount / low) below it."""
    if amount >= high:
        return 1.0
    if amount >= low:
        if high <= low:
            return 1.0
        return AT_LOW_END + (1 - AT_LOW_END) * math.log(amount / low) / math.log(high / low)
    return AT_LOW_END * math.sqrt(max(amount, 0.0) / low)


def dose_for(active: Active, estimate: Estimate) -> Dose:
    """The dose factor of an active at its estimated amount, with the reason."""
    low, high = active.dose or GENERIC_DOSE
    scale = "active"
    # Peptides and growth factors work at ppm levels and come as dilute
    # solutions: a place in the list, or a stated % far above the pure range,
    # shows how much of the solution went in.
    if active.supplied and (estimate.basis != "stated" or estimate.percent > SOLUTION_SHARE * high):
        low, high = active.supplied
        scale = "supplied"
    percent, words = estimate.percent, estimate.words
    if percent is None:
        factor = MAY_CONTAIN if estimate.basis == "may contain" else UNKNOWN_AMOUNT
    else:
        factor = dose_factor(percent, low, high)
        if estimate.basis in ("before line", "at line") and percent > MOST * high and active.dose:
            # A place high in a short list says more than any product holds
            # (retinal at "1.4%"): said as the most products hold. The factor
            # is 1 either way.
            percent = MOST * high
            words = f"{words}, more than products hold: taken as about {fmt_estimate(percent)}"
    works = f"works at {_range(low, high)}" + (" of its supplier's solution" if scale == "supplied" else "")
    if not active.dose:
        works += " (no range given: a generic one)"
    return Dose(percent, estimate.basis, low, high, scale, factor, f"{words}; {works}")


def _range(low: float, high: float) -> str:
    if high < 0.01:
        return f"{low * 10000:g}-{high * 10000:g} ppm"
    return f"{low:g}-{high:g}%"


def score_findings(candidates: list[tuple]) -> tuple[int, list[Finding]]:
    """candidates: (ingredient, match, concentration, factor[, dose, type_factor])
    for every matched ingredient, `factor` being dose x type factor. Returns the
    score and one finding per distinct active."""
    best: dict[tuple[str, str], tuple] = {}
    for item in candidates:
        ingredient, match, _concentration, factor = item[:4]
        active = match.active
        identity = (active.category, active.inci if active.rule is None else match.matched.casefold())
        current = best.get(identity)
        if current is None or active.weight * factor > current[1].active.weight * current[3]:
            best[identity] = item

    by_category: dict[str, list[tuple]] = {}
    for item in best.values():
        by_category.setdefault(item[1].active.category, []).append(item)

    groups = []
    for items in by_category.values():
        items.sort(key=lambda it: (-it[1].active.weight * it[3], it[0].list_index, it[0].position))
        ranked = [(RANK_DECAY**rank, item) for rank, item in enumerate(items)]
        total = sum(r * item[1].active.weight * item[3] for r, item in ranked)
        groups.append((total, ranked))
    groups.sort(key=lambda g: -g[0])

    scored = []  # (item, rank factor, points, category factor)
    for category_rank, (_, ranked) in enumerate(groups):
        category_factor = 1.0 if category_rank == 0 else SECOND_CATEGORY * LATER_CATEGORY ** (category_rank - 1)
        for rank_factor, item in ranked:
            points = item[1].active.weight / 10 * item[3] * rank_factor * category_factor
            scored.append((item, rank_factor, points, category_factor))

    raw = sum(points for _, _, points, _ in scored)
    score = round(100 * (1 - math.exp(-K * raw))) if raw > 0 else 0
    contributions = _split(score, [points for _, _, points, _ in scored])
    findings = [
        Finding(item[0], item[1], item[2], item[3], rank_factor, points, contribution, category_factor,
                item[4] if len(item) > 4 else None, item[5] if len(item) > 5 else 1.0)
        for (item, rank_factor, points, category_factor), contribution in zip(scored, contributions)
    ]
    findings.sort(key=lambda f: (-f.contribution, -f.points, f.ingredient.list_index, f.ingredient.position))
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
