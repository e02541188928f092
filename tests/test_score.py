import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer import analyze_text
from analyzer.models import Active, Concentration, Ingredient, Match
from analyzer.score import RANK_DECAY, dose_factor, grade_for, score_findings

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
    assert rinse_off.product_type.type == "rinse_off" and rinse_off.product_type.basis == "list"
    assert leave_on.product_type.type == "leave_on"
    assert any(note.id == "product_type" for note in rinse_off.notes)
    assert all(f.type_factor == 0.2 for f in rinse_off.findings)


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
    assert early.findings[0].dose.estimate > 1 > late.findings[0].dose.estimate


def test_stated_percent_overrides_position():
    low = analyze_text("Water, Glycerin, Niacinamide 0.1%, Phenoxyethanol")
    high = analyze_text("Water, Glycerin, Niacinamide 10%, Phenoxyethanol")
    assert high.score > low.score
    assert high.findings[0].concentration.status == "above"
    assert low.findings[0].concentration.status == "below"
    assert high.findings[0].dose.basis == "stated" and high.findings[0].dose.factor == 1.0


def test_retinol_stated_strength_orders_the_scores():
    base = "Squalane, Caprylic/Capric Triglyceride, Retinol {}, Tocopherol"
    scores = [analyze_text(base.format(p)).score for p in ("0.1%", "0.5%", "1%")]
    assert scores[0] < scores[1] < scores[2]


def test_second_active_of_a_category_counts_less():
    analysis = analyze_text("Water, Retinol, Retinyl Palmitate, Glycerin")
    retinol, ester = sorted(analysis.findings, key=lambda f: f.ingredient.position)
    assert retinol.rank_factor == 1.0 and ester.rank_factor == RANK_DECAY < 0.5


def test_each_active_counted_once_even_when_repeated_in_a_kit():
    analysis = analyze_text("Serum:\nWater, Retinol, Glycerin\n\nCream:\nWater, Glycerin, Squalane, Retinol")
    assert [f.active.inci for f in analysis.findings] == ["Retinol"]
    assert analysis.findings[0].ingredient.list_index == 0  # the better-placed occurrence


# -- strength before breadth (the targets of the scoring model) ----------------

RETINOL_SERUM = "Squalane, Caprylic/Capric Triglyceride, Retinol 1%, Tocopherol"
LAA_SERUM = "Water, Ascorbic Acid 15%, Propylene Glycol, Glycerin, Laureth-23, Phenoxyethanol"
LAA_23 = "Water, Ascorbic Acid 23%, Propylene Glycol, Glycerin, Phenoxyethanol"
NIACINAMIDE_SERUM = "Water, Niacinamide 10%, Pentylene Glycol, Zinc PCA, Xanthan Gum, Phenoxyethanol, Ethylhexylglycerin"
# Six actives, every one after the preservative.
SIX_TRACES = (
    "Water, Glycerin, Butylene Glycol, Cetearyl Alcohol, Dimethicone, Caprylic/Capric Triglyceride, Squalane, "
    "Glyceryl Stearate, Cetyl Alcohol, Phenoxyethanol, Sodium Hyaluronate, Palmitoyl Pentapeptide-4, Adenosine, "
    "Ceramide NP, Tocopherol, Panthenol"
)


@pytest.mark.parametrize("text", ["Retinol", "Retinal", RETINOL_SERUM, "Squalane, Retinol 0.3%, Tocopherol"])
def test_a_retinoid_alone_at_an_effective_dose_scores_at_least_75(text):
    analysis = analyze_text(text)
    assert analysis.score >= 75
    assert analysis.categories == ["retinoid"] or set(analysis.categories) <= {"retinoid", "vitamin_e"}


@pytest.mark.parametrize("text", [LAA_SERUM, LAA_23])
def test_l_ascorbic_acid_at_15_to_23_percent_alone_scores_at_least_70(text):
    analysis = analyze_text(text)
    assert analysis.score >= 70
    assert analysis.categories == ["vitamin_c"]


def test_niacinamide_at_10_percent_alone_scores_at_least_55():
    analysis = analyze_text(NIACINAMIDE_SERUM)
    assert analysis.score >= 55
    assert analysis.categories == ["vitamin_b3"]


def test_six_traces_after_the_preservative_score_below_every_focused_product():
    traces = analyze_text(SIX_TRACES)
    assert len(traces.findings) == 6
    assert all(f.concentration.status == "below" for f in traces.findings)
    for focused in (RETINOL_SERUM, LAA_SERUM, NIACINAMIDE_SERUM):
        assert traces.score < analyze_text(focused).score, focused


def test_the_strongest_active_decides_most_of_the_score():
    analysis = analyze_text(
        "Water, Retinol, Glycerin, Niacinamide, Sodium Hyaluronate, Panthenol, Phenoxyethanol, Adenosine, Tocopherol"
    )
    top = analysis.findings[0]
    assert top.active.inci == "Retinol"
    assert top.contribution > analysis.score / 2


def test_a_last_place_peptide_earns_little():
    # The peptide after sodium hydroxide, last of a long list (a drugstore moisturiser).
    names = ["Water", "Glycerin", "Isohexadecane", "Niacinamide", "Isopropyl Isostearate", "Panthenol",
             "Dimethicone", "Cetyl Alcohol", "Stearyl Alcohol", "Tocopheryl Acetate", "Phenoxyethanol",
             "Benzyl Alcohol", "Methylparaben", "Disodium EDTA", "Carbomer", "Sodium Hydroxide", "Palmitoyl Pentapeptide-4"]
    analysis = analyze_text(", ".join(names))
    peptide = next(f for f in analysis.findings if f.active.category == "peptide")
    assert peptide.dose.factor < 0.3
    assert peptide.contribution < analysis.score * 0.1
    high = analyze_text(", ".join(names[:2] + names[-1:] + names[2:-1]))
    assert next(f for f in high.findings if f.active.category == "peptide").dose.factor > 0.8


def test_a_peptide_stated_as_its_solution_is_read_against_the_solution_range():
    analysis = analyze_text("Water, Glycerin, Palmitoyl Tripeptide-1 5%, Phenoxyethanol")
    dose = analysis.findings[0].dose
    assert dose.scale == "supplied" and dose.basis == "stated" and dose.factor > 0.9


def test_an_alphabetical_list_says_nothing_about_the_amount():
    text = (
        "Drug Facts\nActive ingredient: Adapalene 0.1%\nPurpose: Acne treatment\n"
        "Inactive ingredients: Carbomer 940, Edetate Disodium, Methylparaben, Niacinamide, Poloxamer 182, "
        "Propylene Glycol, Purified Water, Sodium Hydroxide"
    )
    analysis = analyze_text(text)
    niacinamide = next(f for f in analysis.findings if f.active.inci == "Niacinamide")
    assert niacinamide.dose.estimate is None and niacinamide.dose.basis == "unordered"
    adapalene = next(f for f in analysis.findings if f.active.inci == "Adapalene")
    assert adapalene.dose.basis == "stated" and adapalene.dose.estimate == 0.1


def test_dose_factor_is_monotone_and_pinned_at_the_range():
    assert dose_factor(1.0, 0.1, 1.0) == 1.0 and dose_factor(5, 0.1, 1.0) == 1.0
    assert dose_factor(0.1, 0.1, 1.0) == pytest.approx(0.8)
    values = [dose_factor(x / 1000, 0.1, 1.0) for x in range(1, 2000)]
    assert values == sorted(values)
    assert dose_factor(0.001, 0.1, 1.0) < 0.1


# -- product type --------------------------------------------------------------

SERUM_LIST = "Water, Glycerin, Niacinamide, Sodium Hyaluronate, Adenosine, Phenoxyethanol"


def test_product_type_from_the_name_weighs_the_score_down():
    leave_on = analyze_text(SERUM_LIST, name="Hydrating Serum")
    sheet = analyze_text(SERUM_LIST, name="Hydrating Sheet Mask")
    mask = analyze_text(SERUM_LIST, name="Purifying Clay Mask")
    cleanser = analyze_text(SERUM_LIST, name="Gentle Cream Cleanser")
    assert [a.product_type.type for a in (leave_on, sheet, mask, cleanser)] == ["leave_on", "sheet_mask", "wash_off_mask", "rinse_off"]
    assert leave_on.score > sheet.score > mask.score > cleanser.score > 0
    assert sheet.product_type.basis == "name" and "Sheet Mask" in sheet.product_type.reason


def test_sleeping_masks_and_overnight_masks_stay_on():
    assert analyze_text(SERUM_LIST, name="Water Sleeping Mask").product_type.type == "leave_on"
    assert analyze_text(SERUM_LIST, name="Overnight Retinol Mask").product_type.type == "leave_on"


def test_a_given_type_overrides_the_name():
    analysis = analyze_text(SERUM_LIST, name="Gentle Cream Cleanser", product_type="leave_on")
    assert analysis.product_type.type == "leave_on" and analysis.product_type.basis == "given"
    assert analysis.score == analyze_text(SERUM_LIST).score


def test_a_clay_after_water_reads_as_a_wash_off_mask_but_a_kaolin_powder_does_not():
    mask = analyze_text("Water, Kaolin, Bentonite, Glycerin, Niacinamide, Phenoxyethanol")
    powder = analyze_text("Talc, Mica, Kaolin, Zinc Stearate, Niacinamide, Phenoxyethanol")
    assert mask.product_type.type == "wash_off_mask" and mask.product_type.basis == "list"
    assert powder.product_type.type == "leave_on"


def test_a_shop_category_path_is_read_from_its_most_specific_step():
    from analyzer.product_type import from_names

    assert from_names(["Skincare > Cleansers > Toners"]).type == "leave_on"
    assert from_names(["Skincare > Masks > Sheet Masks"]).type == "sheet_mask"
    assert from_names([None, "Face Wash"]).type == "rinse_off"
    assert from_names(["Vitamin C Powder"]) is None


@pytest.mark.parametrize("name", [
    "Pure Skin Clarifying Dietary Supplement", "Anti-Aging Supplement", "Collagen Beauty Gummies", "Skin Softgels",
    "Skincare > Wellness > Beauty Supplements",
])
def test_a_supplement_is_swallowed_and_earns_no_points(name):
    analysis = analyze_text("Vitamin C (as Ascorbic Acid), Niacin, Vitamin E, Microcrystalline Cellulose, Gelatin, Magnesium Stearate, Silicon Dioxide", name=name)
    assert analysis.product_type.type == "oral" and analysis.score == 0
    assert [f.active.category for f in analysis.findings][:1] == ["vitamin_c"]  # still shown, with no points
    assert any(n.id == "product_type" and "supplement" in n.message for n in analysis.notes)


@pytest.mark.parametrize("name", ["Retinol Ceramide Capsules Night Serum", "Vitamin C Capsules", "Collagen Boosting Serum"])
def test_capsules_of_serum_are_not_supplements(name):
    analysis = analyze_text(SERUM_LIST, name=name)
    assert analysis.product_type.type == "leave_on" and analysis.score > 0


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
    analysis = analyze_text(text)
    notes = {n.id: n.message for n in analysis.notes}
    assert "product_type" not in notes and analysis.product_type.type == "leave_on"
    assert notes["product_type_part"].startswith("'Step 1 Cleanser' looks like a rinse-off product")
    assert [t.type for t in analysis.list_types] == ["rinse_off", "leave_on"]


def test_prescription_tretinoin_at_its_approved_dose_ranks_with_the_best_retinol():
    # 0.025% tretinoin improves photoageing as much as 0.1% (it is the reference
    # treatment): a cream with it is no weaker than retinol after the preservative.
    tretinoin = analyze_text(
        "Active ingredient: Tretinoin 0.025%\n"
        "Inactive ingredients: Purified Water, Stearic Acid, Isopropyl Myristate, Stearyl Alcohol, Xanthan Gum, Sorbic Acid"
    )
    retinol_late = analyze_text("Aqua, Glycerin, Caprylic/Capric Triglyceride, Cetearyl Alcohol, Dimethicone, Phenoxyethanol, Retinol")
    assert tretinoin.findings[0].dose.factor == 1.0
    assert tretinoin.score > retinol_late.score


def test_a_place_that_says_more_than_products_hold_is_said_as_the_most_they_hold():
    analysis = analyze_text("Aqua, Glycerin, Butylene Glycol, Retinal, Squalane, Cetearyl Alcohol, Phenoxyethanol")
    [retinal] = analysis.findings
    assert retinal.dose.estimate == pytest.approx(0.2)  # twice the top of its 0.05-0.1% range, not "~3%"
    assert "more than products hold" in retinal.dose.reason and retinal.dose.factor == 1.0
    stated = analyze_text("Aqua, Glycerin, Butylene Glycol, Retinal 0.5%, Squalane, Cetearyl Alcohol, Phenoxyethanol")
    assert stated.findings[0].dose.estimate == 0.5  # a stated % is never changed


def test_a_serum_named_a_skin_supplement_is_not_swallowed():
    analysis = analyze_text("Aqua, Glycerin, Niacinamide, Retinol, Phenoxyethanol", name="Nightly Skin Supplement")
    assert analysis.product_type.type == "leave_on" and analysis.score > 80
