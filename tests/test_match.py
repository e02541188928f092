import pytest

from analyzer.knowledge import load_knowledge
from analyzer.match import Matcher, get_matcher
from analyzer.models import Ingredient
from analyzer.parse import parse_text


@pytest.fixture(scope="module")
def matcher():
    return get_matcher()


def match(matcher, name):
    result = matcher.match_name(name)
    return None if result is None else (result.active.inci, result.active.category, result.kind)


@pytest.mark.parametrize(
    "name, inci, category",
    [
        ("Retinol", "Retinol", "retinoid"),
        ("RETINOL", "Retinol", "retinoid"),
        ("retinol.", "Retinol", "retinoid"),
        ("Sodium Hyaluronate", "Sodium Hyaluronate", "hyaluronic_acid"),
        ("Niacinamide", "Niacinamide", "vitamin_b3"),
        ("Tocopheryl Acetate", "Tocopheryl Acetate", "vitamin_e"),
        ("Panthenol", "Panthenol", "vitamin_b5"),
        ("Ascorbic Acid", "Ascorbic Acid", "vitamin_c"),
        ("Hydrolyzed Collagen", "Hydrolyzed Collagen", "collagen"),
        ("Adenosine", "Adenosine", "adenosine"),
        ("Bakuchiol", "Bakuchiol", "bakuchiol"),
        ("Ceramide NP", "Ceramide NP", "ceramide"),
        ("sh-Oligopeptide-1", "sh-Oligopeptide-1", "growth_factor"),
    ],
)
def test_exact_names(matcher, name, inci, category):
    assert match(matcher, name) == (inci, category, "exact")


@pytest.mark.parametrize(
    "name, inci",
    [
        ("acide hyaluronique", "Hyaluronic Acid"),
        ("Hyaluronsäure", "Hyaluronic Acid"),
        ("ácido hialurónico", "Hyaluronic Acid"),
        ("Matrixyl 3000", "Palmitoyl Tripeptide-1"),
        ("Argireline", "Acetyl Hexapeptide-8"),
        ("L-Ascorbic Acid", "Ascorbic Acid"),
        ("Ascorbyl Tetraisopalmitate", "Tetrahexyldecyl Ascorbate"),
        ("Vitamin B3", "Niacinamide"),
    ],
)
def test_aliases_trade_names_and_other_languages(matcher, name, inci):
    assert match(matcher, name)[0] == inci
    assert match(matcher, name)[2] == "alias"


@pytest.mark.parametrize("name, inci", [("Rétinol", "Retinol"), ("TOCOPHÉROL", "Tocopherol"), ("sodiumhyaluronate", "Sodium Hyaluronate")])
def test_accents_case_and_missing_spaces_do_not_matter(matcher, name, inci):
    assert match(matcher, name)[0] == inci


@pytest.mark.parametrize(
    "name",
    [
        "Palmitoyl Tripeptide-38",
        "Acetyl Octapeptide-3",
        "Oligopeptide-34",
        "Dipeptide Diaminobutyroyl Benzylamide Diacetate",
        "Myristoyl Hexapeptide-99",  # not in the list: the family rule knows it
        "Palmitoyl Nonapeptide-77",
    ],
)
def test_peptides_are_an_open_family(matcher, name):
    assert match(matcher, name)[1] == "peptide"


def test_unlisted_peptide_is_matched_by_rule(matcher):
    assert match(matcher, "Myristoyl Hexapeptide-99")[2] == "rule"


@pytest.mark.parametrize("name", ["Hydrolyzed Wheat Protein", "Hydrolyzed Soy Protein", "Hydrolyzed Silk", "Arginine", "Glycine"])
def test_hydrolysed_proteins_and_amino_acids_are_not_peptides(matcher, name):
    result = match(matcher, name)
    assert result is None or result[1] != "peptide"


@pytest.mark.parametrize(
    "typo, inci",
    [
        ("Retinoll", "Retinol"),
        ("Sodium Hyaluronat", "Sodium Hyaluronate"),
        ("Palmitoyl Tripeptlde-1", "Palmitoyl Tripeptide-1"),
        ("Niacinadmide", "Niacinamide"),
        ("Tocopherl", "Tocopherol"),
        ("Retniol", "Retinol"),
        ("Ascorbyl Glucosde", "Ascorbyl Glucoside"),
        ("Tocopheryl Acettate", "Tocopheryl Acetate"),
    ],
)
def test_typos_are_matched_fuzzily_with_similarity(matcher, typo, inci):
    result = matcher.match_name(typo)
    assert result is not None and result.active.inci == inci
    assert result.kind == "fuzzy"
    assert 75 <= result.similarity < 100


def test_misspelt_family_member_is_recognised(matcher):
    result = matcher.match_name("Pentapetpide-59")
    assert result is not None and result.active.category == "peptide" and result.kind == "fuzzy"


@pytest.mark.parametrize(
    "ordinary",
    [
        "Sorbic Acid",
        "Sodium Sorbate",
        "Potassium Sorbate",
        "Cetyl Palmitate",
        "Isopropyl Palmitate",
        "Sodium Gluconate",
        "Potassium Gluconate",
        "Glycine",
        "Glycerin",
        "Isosorbide",
        "Sodium Lauryl Phosphate",
        "Vitamin B6",
        "Vitamin K",
        "Rye Seed Extract",
        "Disodium Rutinyl Disulfate",
        "Chromium Picolinate",
        "Cocamide MEA",
        "Vitis Vinifera (Grape) Skin Extract",
        "Magnesium Carbonate",
    ],
)
def test_near_misses_of_ordinary_ingredients_are_not_actives(matcher, ordinary):
    assert matcher.match_name(ordinary) is None


@pytest.mark.parametrize(
    "ordinary, active",
    [
        ("Sorbic Acid", "Ascorbic Acid"),
        ("Sodium Sorbate", "Sodium Ascorbate"),
        ("Cetyl Palmitate", "Retinyl Palmitate"),
        ("Sodium Gluconate", "Sodium Hyaluronate"),
    ],
)
def test_confusable_pairs_hold_without_the_lexicon(ordinary, active):
    """Even with no lexicon of ordinary names, the word guard keeps real words apart."""
    bare = Matcher(kb=load_knowledge(), ordinary=frozenset())
    hit = bare.match_name(ordinary)
    assert hit is None or hit.active.inci != active
    assert bare.match_name(active).active.inci == active


def test_fuzzy_can_be_switched_off():
    exact_only = get_matcher(fuzzy=False)
    assert exact_only.match_name("Retinoll") is None
    assert exact_only.match_name("Retinol").kind == "exact"


def test_match_uses_aliases_of_the_ingredient(matcher):
    ingredient = parse_text("Glycerin, Dimethyl Isosorbide (and) Hydroxypinacolone Retinoate").ingredients[1]
    result = matcher.match(ingredient)
    assert result.active.inci == "Hydroxypinacolone Retinoate"
    assert result.matched == "Hydroxypinacolone Retinoate"


def test_bracketed_synonym_matches(matcher):
    ingredient = Ingredient(position=4, name="Vitamine C", aliases=("Ascorbic Acid",))
    assert matcher.match(ingredient).active.inci == "Ascorbic Acid"


def test_every_labelled_active_of_the_devset_is_recognised(devset, matcher):
    from analyzer.core import shared_analyzer
    from analyzer.parse import clean_item

    missed = []
    for row in devset:
        for category, names in row["actives"].items():
            for name in names:
                name_, aliases, _ = clean_item(name, shared_analyzer().known)
                hit = matcher.match(Ingredient(1, name_, aliases))
                if hit is None or hit.active.category != category:
                    missed.append((row["id"], name, category))
    assert missed == []


def test_a_size_inside_a_list_item_does_not_hide_the_active():
    # Sizes make a line over a list a product's name; an item keeps its match.
    from analyzer import analyze_text

    assert "hyaluronic_acid" in analyze_text("Aqua, Glycerin, Sodium Hyaluronate 1.5ml, Retinol, Phenoxyethanol").categories


def test_a_matcher_pickles_without_its_caches():
    import pickle

    from analyzer.core import Analyzer

    matcher = Analyzer().matcher
    empty = len(pickle.dumps(matcher))
    for name in ("Retinol", "Retinyl Palmitat", "Palmitoyl Tripeptide-1", "Aqua", "Sodium Hyaluronate"):
        matcher.match_name(name)
    assert len(pickle.dumps(matcher)) == empty
    assert pickle.loads(pickle.dumps(matcher)).match_name("Retinyl Palmitat").active.inci == "Retinyl Palmitate"
