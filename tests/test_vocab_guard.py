"""Confusable names: derivatives without the active's activity, look-alikes of
actives and one-letter slips must not be read as firming actives, while the
glued, salted and less common forms of real actives are."""
import pytest

from analyzer.knowledge import load_knowledge
from analyzer.match import Matcher
from analyzer.names import ordinary_name_keys


@pytest.fixture(scope="module")
def matcher():
    return Matcher(load_knowledge(), ordinary_name_keys())


def hit(matcher, name):
    found = matcher.match_name(name)
    return None if found is None else (found.active.inci, found.active.category)


@pytest.mark.parametrize(
    "name, category",
    [
        ("DMAE Bitartrate", "matrix_booster"),
        ("Niacinamide Lactate", "vitamin_b3"),
        ("Niacinamide Salicylate", "vitamin_b3"),
        ("Niacinamide Riboside Chloride", "vitamin_b3"),
        ("Nicotinamide Mononucleotide", "vitamin_b3"),
        ("Thurfylnicotinate HCl", "vitamin_b3"),
        ("Menthyl Nicotinate", "vitamin_b3"),
        ("Diretinyl Ether", "retinoid"),
        ("Glyceryl Diretinoate", "retinoid"),
        ("Retinoxytrimethylsilane", "retinoid"),
        ("Bis-Retinamido Methylpentane", "retinoid"),
        ("Methoxy PEG-12 Retinamide", "retinoid"),
        ("Magnesium Ascorbylborate", "vitamin_c"),
        ("Nicotinoyl PEG-4 Ethylascorbyl Succinate", "vitamin_c"),
        ("Hydroxytyrosol", "antioxidant"),
        ("Rosmarinic Acid", "antioxidant"),
        ("Fullerenes", "antioxidant"),
        ("sh-Decapeptide-7", "peptide"),
        ("Acetyl Cyclohexapeptide-34", "peptide"),
        ("Sodium Pantetheine Sulfonate", "vitamin_b5"),
        ("Sodium Succinoyl Hydrolyzed Collagen", "collagen"),
        ("Glyceryl Collagenate", "collagen"),
    ],
)
def test_less_common_forms_of_actives_are_recognised(matcher, name, category):
    found = hit(matcher, name)
    assert found is not None and found[1] == category, found


@pytest.mark.parametrize(
    "name",
    [
        # look-alikes of actives' names
        "Picolinamide",
        "Thiolactic Acid",
        "Carbonic Acid",
        "Chloroacetic Acid",
        "Cis-2-Pentenol",
        "Isonicotinamide",
        "Sodium Erythorbate",
        # enzymes, drug and dye conjugates
        "Hyaluronidase",
        "Collagenase",
        "Minoxidil Hyaluronamide",
        "Fluorescent Brightener 264 Hydrolyzed Hyaluronate",
        # acyl surfactants, quats, PEG/PPG ethers, silicones
        "Potassium Cocoyl Hydrolyzed Collagen",
        "Sodium Lauroyl Hydrolyzed Collagen",
        "TEA-Isostearoyl Hydrolyzed Collagen",
        "Cocoyl Hydrolyzed Elastin",
        "Laurdimonium Hydroxypropyl Hydrolyzed Collagen",
        "Triethonium Hydrolyzed Collagen Ethosulfate",
        "Hydrolyzed Collagen PG-Propyl Silanetriol",
        "Tocophereth-5",
        "PPG-20 Tocophereth-50",
        "Potassium Dimethicone PEG-7 Panthenyl Phosphate",
        "Steardimonium Hydroxypropyl Panthenyl PEG-7 Dimethicone Phosphate Chloride",
        # protein sources and enzymes named as polypeptides
        "Glycine Max Polypeptide",
        "Saccharomyces Polypeptides",
        # plant material without the leaf's or herb's actives
        "Camellia Sinensis Leaf Wax",
        "Centella Asiatica Leaf Water",
        "Centella Asiatica Callus Culture",
    ],
)
def test_derivatives_and_look_alikes_are_not_actives(matcher, name):
    assert hit(matcher, name) is None


@pytest.mark.parametrize(
    "typo",
    [
        "Hyaluronidsae",
        "Hyaluronidaze",
        "Hyaluronidas",
        "Potassium Cocoyl Hydrolyzeed Collagen",
        "Sodium Lauroyl Hydolyzed Collagen",
        "Lauroyk Hydrolyzed Collagen",
        "Steardimoniun Hydroxypropyl Hydrolyzed Collagen",
        "Tocopherreth-5",
        "PPG-10 Tocopheretth-30",
        "Chloroaetic Acid",
    ],
)
def test_exclusions_tolerate_one_typo(matcher, typo):
    assert hit(matcher, typo) is None


@pytest.mark.parametrize("typo", ["Hyaluronidsae", "Sodium Lauroyl Hydolyzed Collagen", "Tocopherreth-5"])
def test_the_parser_asks_the_matcher_which_names_a_family_takes(typo):
    # One answer for "does a family rule take this name": the parser's (a lone
    # name read as a list of one) is the matcher's, exclusions with their typos.
    from analyzer.core import Analyzer
    from analyzer.text import name_key

    analyzer = Analyzer()
    assert analyzer._family(name_key(typo)) is False
    key = name_key(typo)  # an exact exclusion lets it through:
    assert any(rule.pattern.search(key) and not (rule.exclude and rule.exclude.search(key)) for rule in analyzer.kb.rules)
    assert analyzer._family(name_key("Sodium Hyaluronate Crosspolymer")) is True


@pytest.mark.parametrize(
    "name, wrong",
    [
        ("Heptapeptide-9", "Hexapeptide-9"),
        ("Heptapeptide-10", "Hexapeptide-10"),
        ("Heptapeptide-11", "Hexapeptide-11"),
        ("Menthyl Nicotinate", "Methyl Nicotinate"),
    ],
)
def test_a_real_word_is_not_read_as_another_active(matcher, name, wrong):
    found = hit(matcher, name)
    assert found is not None and found[0] != wrong


def test_word_by_word_correction_obeys_the_guard(matcher):
    # `pentenol` would be one letter from `pantenol`, but it is a real word
    assert hit(matcher, "Methyl-Methylbicycloheptenyl-Pentenol") is None
    # a genuine slip is still put right
    assert hit(matcher, "Palmitoyl Pentapetpide-4") is not None
