import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer import analyze_text
from analyzer.models import Active, Concentration, Ingredient, Match
from analyzer.score import grade_for, percent_factor, position_factor, score_findings

SERUM = (
    "Aqua, Ascorbic Acid, Glycerin, Niacinamide, Retinol, Palmitoyl Tripeptide-1, Palmitoyl Tetrapeptide-7, "
    "Sodium Hyaluronate, Tocopherol, Ferulic Acid, Phenoxyethanol, Ethylhexylglycerin"
)
CLEANSER = (
    "Water, Sodium Laureth Sulfate, Cocamidopropyl Betaine, Sodium Chloride, Glycol Distearate, "
    "Citric Acid, Sodium Benzoate, Fragrance, Limonene"
)
ORDINARY = [
    "Glycerin", "Butylene Glycol", "Dimethicone", "Squalane", "Cetearyl Alcohol", "Caprylic/Capric Triglyceride",
    "Xanthan Gum", "Phenoxyethanol", "Ethylhexylglycerin", "Carbomer", "Sodium Hydroxide", "Disodium EDTA",
    "Citric Acid", "Fragrance", "Silica", "Cetyl Alcohol", "Stearic Acid", "Propanediol",
]
ACTIVES = [
    "Retinol", "Sodium Hyaluronate", "Palmitoyl Tripeptide-1", "Ascorbic Acid", "Tocopherol", "Niacinamide",
    "Panthenol", "Hydrolyzed Collagen", "Adenosine", "Bakuchiol", "Ceramide NP", "Acetyl Hexapeptide-8",
    "Resveratrol", "Retinyl Palmitate", "Ascorbyl Glucoside", "sh-Oligopeptide-1",
]


def test_retinoid_peptide_vitamin_c_serum_scores_high():
    analysis = analyze_text(SERUM)
    assert analysis.score >= 80
    assert analysis.grade == "A"
    assert {"retinoid", "peptide", "vitamin_c"} <= set(analysis.categories)


def test_plain_cleanser_scores_zero():
    analysis = analyze_text(CLEANSER)
    assert analysis.score == 0
    assert analysis.findings == []
    assert analysis.grade == "E"


def test_list_without_actives_scores_zero():
    assert analyze_text(", ".join(ORDINARY)).score == 0


def test_rinse_off_cleanser_with_actives_counts_for_less():
    leave_on = analyze_text("Water, Glycerin, Niacinamide, Sodium Hyaluronate, Panthenol, Phenoxyethanol")
    rinse_off = analyze_text("Water, Sodium Laureth Sulfate, Niacinamide, Sodium Hyaluronate, Panthenol, Phenoxyethanol")
    assert rinse_off.score < leave_on.score
    assert any(note.id == "rinse_off" for note in rinse_off.notes)


def test_contributions_add_up_to_the_score(devset):
    for row in devset:
        text = row["ingredients"]
        try:
            analysis = analyze_text(text)
        except ValueError:
            continue
        total = sum(f.contribution for f in analysis.findings)
        assert math.isclose(total, analysis.score, abs_tol=1e-6), row["id"]
        assert all(f.contribution >= 0 for f in analysis.findings)


def test_earlier_position_weighs_more():
    early = analyze_text("Water, Niacinamide, Glycerin, " + ", ".join(ORDINARY[1:14]))
    late = analyze_text("Water, Glycerin, " + ", ".join(ORDINARY[1:14]) + ", Niacinamide")
    assert early.score > late.score
    assert position_factor(3) > position_factor(30)


def test_stated_percent_overrides_position():
    low = analyze_text("Water, Glycerin, Niacinamide 0.1%, Phenoxyethanol")
    high = analyze_text("Water, Glycerin, Niacinamide 10%, Phenoxyethanol")
    assert high.score > low.score
    assert high.findings[0].concentration.status == "above"
    assert low.findings[0].concentration.status == "below"
    assert percent_factor(10, low_dose=False) == 1.0


def test_second_active_of_a_category_counts_less():
    analysis = analyze_text("Water, Retinol, Retinyl Palmitate, Glycerin")
    retinol, ester = sorted(analysis.findings, key=lambda f: f.ingredient.position)
    assert retinol.rank_factor == 1.0 and ester.rank_factor == 0.5


def test_each_active_counted_once_even_when_repeated_in_a_kit():
    analysis = analyze_text("Serum:\nWater, Retinol, Glycerin\n\nCream:\nWater, Glycerin, Squalane, Retinol")
    assert [f.active.inci for f in analysis.findings] == ["Retinol"]
    assert analysis.findings[0].ingredient.list_index == 0  # the better-placed occurrence


@pytest.mark.parametrize("score, grade", [(100, "A"), (80, "A"), (79, "B"), (60, "B"), (45, "C"), (20, "D"), (5, "E"), (0, "E")])
def test_grades(score, grade):
    assert grade_for(score)[0] == grade


def _list(ordinary_idx, actives_idx):
    return [ORDINARY[i] for i in ordinary_idx] + [ACTIVES[i] for i in actives_idx]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(0, len(ORDINARY) - 1), min_size=1, max_size=15, unique=True),
    st.lists(st.integers(0, len(ACTIVES) - 1), max_size=6, unique=True),
    st.integers(0, len(ACTIVES) - 1),
    st.randoms(use_true_random=False),
)
def test_adding_an_active_never_lowers_the_score(ordinary, actives, extra, rnd):
    names = _list(ordinary, actives)
    rnd.shuffle(names)
    before = analyze_text(", ".join(names)).score
    after = analyze_text(", ".join(names + [ACTIVES[extra]])).score
    assert after >= before


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(0, len(ORDINARY) - 1), min_size=2, max_size=15, unique=True),
    st.lists(st.integers(0, len(ACTIVES) - 1), min_size=1, max_size=6, unique=True),
    st.randoms(use_true_random=False),
)
def test_moving_an_active_earlier_never_lowers_the_score(ordinary, actives, rnd):
    names = _list(ordinary, actives)
    rnd.shuffle(names)
    active_positions = [i for i, n in enumerate(names) if n in ACTIVES and i > 0 and names[i - 1] not in ACTIVES]
    if not active_positions:
        return
    i = rnd.choice(active_positions)
    moved = names[:]
    moved[i - 1], moved[i] = moved[i], moved[i - 1]  # swap with the ordinary ingredient before it
    assert analyze_text(", ".join(moved)).score >= analyze_text(", ".join(names)).score


def _finding_input(weight, category, factor, n):
    active = Active(inci=f"A{n}", category=category, weight=weight)
    ingredient = Ingredient(position=n + 1, name=f"A{n}")
    return ingredient, Match(active, "exact", 100.0, f"A{n}"), Concentration("above", "position"), factor


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 10), st.sampled_from(["retinoid", "peptide", "vitamin_c", "antioxidant"]), st.floats(0.05, 1)),
        max_size=10,
    ),
    st.tuples(st.floats(0, 10), st.sampled_from(["retinoid", "peptide", "vitamin_c", "antioxidant"]), st.floats(0.05, 1)),
)
def test_score_model_is_monotone_and_bounded(existing, extra):
    candidates = [_finding_input(w, c, f, n) for n, (w, c, f) in enumerate(existing)]
    score, findings = score_findings(candidates)
    more, _ = score_findings(candidates + [_finding_input(*extra, len(existing))])
    assert 0 <= score <= more <= 100
    assert math.isclose(sum(f.contribution for f in findings), score, abs_tol=1e-6)


def test_a_kit_with_a_cleanser_names_the_rinse_off_part_only():
    text = (
        "Step 1 Cleanser: Aqua, Sodium Laureth Sulfate, Cocamidopropyl Betaine, Glycerin, Phenoxyethanol\n"
        "Step 2 Serum: Aqua, Retinol, Niacinamide, Glycerin, Phenoxyethanol"
    )
    notes = {n.id: n.message for n in analyze_text(text).notes}
    assert "rinse_off" not in notes
    assert notes["rinse_off_part"].startswith("'Step 1 Cleanser' looks like a rinse-off cleanser")
