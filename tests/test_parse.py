import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.parse import parse_text


def names(text):
    return [i.name for i in parse_text(text).ingredients]


@pytest.mark.parametrize(
    "text",
    [
        "Aqua, Glycerin, Retinol",
        "Aqua; Glycerin; Retinol",
        "Aqua\nGlycerin\nRetinol",
        "Aqua • Glycerin • Retinol",
        "Aqua · Glycerin · Retinol",
        "Aqua | Glycerin | Retinol",
        "Aqua，Glycerin，Retinol",  # full-width commas
    ],
)
def test_separators(text):
    assert names(text) == ["Aqua", "Glycerin", "Retinol"]


def test_positions_are_one_based_and_in_order():
    parsed = parse_text("Water, Glycerin, Niacinamide, Phenoxyethanol")
    assert [(i.position, i.name) for i in parsed.ingredients] == [
        (1, "Water"),
        (2, "Glycerin"),
        (3, "Niacinamide"),
        (4, "Phenoxyethanol"),
    ]


def test_commas_inside_numbers_and_brackets_do_not_split():
    parsed = parse_text("Water, 1,2-Hexanediol, Parfum (Fragrance, Linalool), Glycerin")
    assert [i.name for i in parsed.ingredients] == ["Water", "1,2-Hexanediol", "Parfum", "Glycerin"]
    assert parsed.ingredients[2].aliases == ("Fragrance", "Linalool")


@pytest.mark.parametrize(
    "label",
    ["Ingredients:", "INCI:", "Ingrédients :", "Inhaltsstoffe:", "Ingredientes:", "Composition:", "INGREDIENTS:"],
)
def test_label_prefixes_are_dropped(label):
    assert names(f"{label} Aqua, Glycerin, Retinol") == ["Aqua", "Glycerin", "Retinol"]


def test_label_on_its_own_line():
    assert names("Full ingredients list:\nAqua, Glycerin, Retinol") == ["Aqua", "Glycerin", "Retinol"]


@pytest.mark.parametrize(
    "marker",
    ["May contain:", "May Contain (+/-):", "[+/-]:", "(+/-)", "+/-", "Peut contenir :"],
)
def test_may_contain_block_is_a_separate_section(marker):
    parsed = parse_text(f"Talc, Mica, Dimethicone {marker} CI 77491, CI 77492, CI 77499")
    main = [i.name for i in parsed.ingredients if i.section == "main"]
    may = [i.name for i in parsed.ingredients if i.section == "may_contain"]
    assert main == ["Talc", "Mica", "Dimethicone"]
    assert may == ["CI 77491", "CI 77492", "CI 77499"]
    assert [i.position for i in parsed.ingredients] == [1, 2, 3, 4, 5, 6]


def test_may_contain_after_a_full_stop():
    parsed = parse_text("Mica, Ceramide 3. May Contain (+/-): Iron Oxides (CI 77492), Titanium Dioxide (CI 77891)")
    assert [i.name for i in parsed.ingredients if i.section == "main"] == ["Mica", "Ceramide 3"]
    may = [i for i in parsed.ingredients if i.section == "may_contain"]
    assert [(i.name, i.aliases) for i in may] == [("Iron Oxides", ("CI 77492",)), ("Titanium Dioxide", ("CI 77891",))]


@pytest.mark.parametrize(
    "item, name, aliases",
    [
        ("Aqua/Water/Eau", "Aqua", ("Water", "Eau")),
        ("Water (Aqua)", "Water", ("Aqua",)),
        ("Tocopherol (Vitamin E)", "Tocopherol", ("Vitamin E",)),
        ("Parfum / Fragrance", "Parfum", ("Fragrance",)),
        ("Oenothera Biennis Oil / Evening Primrose Oil", "Oenothera Biennis Oil", ("Evening Primrose Oil",)),
    ],
)
def test_synonyms_become_one_ingredient_with_aliases(item, name, aliases):
    parsed = parse_text(f"Glycerin, {item}, Retinol")
    assert len(parsed.ingredients) == 3
    middle = parsed.ingredients[1]
    assert (middle.name, middle.aliases, middle.position) == (name, aliases, 2)


@pytest.mark.parametrize(
    "real_name",
    [
        "Caprylic/Capric Triglyceride",
        "Acrylates/C10-30 Alkyl Acrylate Crosspolymer",
        "Ammonium Acryloyldimethyltaurate/VP Copolymer",
        "Cetyl PEG/PPG-10/1 Dimethicone",
        "Butylene Glycol Dicaprylate/Dicaprate",
        "Lactic Acid/Glycolic Acid Copolymer",
        "Citrus Aurantium Dulcis (Orange) Peel Oil",
        "Butyrospermum Parkii (Shea) Butter",
    ],
)
def test_real_names_with_slashes_or_brackets_stay_whole(real_name):
    parsed = parse_text(f"Water, {real_name}, Glycerin")
    assert [i.name for i in parsed.ingredients] == ["Water", real_name, "Glycerin"]
    assert parsed.ingredients[1].aliases == ()


@pytest.mark.parametrize(
    "item, name, percent",
    [
        ("Niacinamide 10%", "Niacinamide", 10.0),
        ("10% Niacinamide", "Niacinamide", 10.0),
        ("L-Ascorbic Acid (Vitamin C) 15 %", "L-Ascorbic Acid", 15.0),
        ("Retinol 0,3%", "Retinol", 0.3),
        ("Zinc Oxide 20.0%", "Zinc Oxide", 20.0),
    ],
)
def test_stated_percentages_are_kept(item, name, percent):
    ingredient = parse_text(f"Aqua, {item}, Glycerin").ingredients[1]
    assert (ingredient.name, ingredient.percent) == (name, percent)


def test_percent_glued_to_next_name_from_drug_facts():
    parsed = parse_text("Avobenzone 3.0%, Octocrylene 5.0%Water, Butylene Glycol")
    assert [(i.name, i.percent) for i in parsed.ingredients] == [
        ("Avobenzone", 3.0),
        ("Octocrylene", 5.0),
        ("Water", None),
        ("Butylene Glycol", None),
    ]


@pytest.mark.parametrize(
    "item, name",
    [
        ("Retinol*", "Retinol"),
        ("Aloe Barbadensis Leaf Juice**", "Aloe Barbadensis Leaf Juice"),
        ("Tocopherol†", "Tocopherol"),
        ("Titanium Dioxide (nano)", "Titanium Dioxide"),
        ("Zinc Oxide [Nano]", "Zinc Oxide"),
        ("C.I. 77491", "CI 77491"),
        ("CI77491", "CI 77491"),
    ],
)
def test_footnote_marks_nano_and_colour_index(item, name):
    assert names(f"Aqua, {item}, Glycerin") == ["Aqua", name, "Glycerin"]


def test_footnote_lines_are_not_ingredients():
    assert names("Aqua, Rosa Damascena Flower Water*, Glycerin\n*Certified organic ingredient") == [
        "Aqua",
        "Rosa Damascena Flower Water",
        "Glycerin",
    ]


def test_case_is_kept_as_written():
    assert names("AQUA, GLYCERIN, SODIUM HYALURONATE") == ["AQUA", "GLYCERIN", "SODIUM HYALURONATE"]
    assert names("aqua, glycerin, retinol") == ["aqua", "glycerin", "retinol"]


def test_unicode_is_normalised():
    assert names("Aqua,\u00a0Glycerin,\u2009Sodium\u00a0Hyaluronate, ﬁcus Carica Fruit Extract") == [
        "Aqua",
        "Glycerin",
        "Sodium Hyaluronate",
        "ficus Carica Fruit Extract",
    ]


def test_words_broken_by_line_end_hyphen_are_joined():
    assert names("Aqua, Hydroxyace-\ntophenone, Ascorbyl Glu- coside, Glycerin") == [
        "Aqua",
        "Hydroxyacetophenone",
        "Ascorbyl Glucoside",
        "Glycerin",
    ]


def test_line_wrap_inside_a_known_name_is_joined():
    assert names("Aqua, Glycerin, Sodium\nHyaluronate, Retinol") == ["Aqua", "Glycerin", "Sodium Hyaluronate", "Retinol"]


def test_marketing_bullets_are_not_ingredients():
    text = (
        "-Retinol: smooths fine lines and wrinkles.\n\n"
        "-Vitamin C: brightens the look of skin tone.\n\n"
        "Water, Glycerin, Retinol, Phenoxyethanol"
    )
    assert names(text) == ["Water", "Glycerin", "Retinol", "Phenoxyethanol"]


def test_marketing_only_text_holds_no_ingredients():
    text = "-Retinol: smooths fine lines and wrinkles.\n\n-Hyaluronic Acid: plumps the look of skin."
    assert not parse_text(text)


def test_kit_lists_are_all_read_with_their_titles():
    text = (
        "Step 1 Collagen Ampoule:\nWater, Hydrolyzed Collagen, Glycerin\n\n"
        "Formula 2:\nAqua, Retinol, Tocopherol"
    )
    parsed = parse_text(text)
    assert [lst.title for lst in parsed.lists] == ["Step 1 Collagen Ampoule", "Formula 2"]
    assert [[i.name for i in lst.ingredients] for lst in parsed.lists] == [
        ["Water", "Hydrolyzed Collagen", "Glycerin"],
        ["Aqua", "Retinol", "Tocopherol"],
    ]
    # Positions restart in every list of a kit.
    assert [i.position for i in parsed.lists[1].ingredients] == [1, 2, 3]
    assert [i.list_index for i in parsed.ingredients] == [0, 0, 0, 1, 1, 1]


def test_kit_header_with_the_list_on_the_same_line():
    parsed = parse_text("Medium-Tan: Ricinus Communis (Castor) Seed Oil, Tribehenin, Tocopherol")
    assert parsed.lists[0].title == "Medium-Tan"
    assert len(parsed.ingredients) == 3


def test_trailing_disclaimer_sentence_is_dropped():
    text = "Water, Glycerin, Phenoxyethanol\n\nPlease be aware that ingredient lists may change or vary from time to time."
    assert names(text) == ["Water", "Glycerin", "Phenoxyethanol"]
    assert names("Water, Glycerin. Please refer to the packaging for the most up to date list.") == ["Water", "Glycerin"]


def test_trade_blend_names_keep_their_parts_as_aliases():
    ingredient = parse_text("Glycerin, Dimethyl Isosorbide (and) Hydroxypinacolone Retinoate, Water").ingredients[1]
    assert "Hydroxypinacolone Retinoate" in ingredient.aliases


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "Visit the Dior boutique", "No Info", "#NAME?", "*Plant origin."])
def test_text_without_a_list_parses_to_nothing(text):
    assert not parse_text(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses_to_ordered_positions(text):
    parsed = parse_text(text)
    for lst in parsed.lists:
        assert [i.position for i in lst.ingredients] == list(range(1, len(lst.ingredients) + 1))
        assert all(i.name.strip() for i in lst.ingredients)


def test_full_stops_inside_brackets_do_not_split():
    assert names("Aqua, Tocopherol (Vit. E), Retinol, Glycerin") == ["Aqua", "Tocopherol", "Retinol", "Glycerin"]
    assert parse_text("Aqua, Tocopherol (Vit. E), Retinol").ingredients[1].aliases == ("Vit. E",)


def test_percent_without_leading_zero():
    ingredient = parse_text("Aqua, Glycerin, Ascorbic Acid .5%, Retinol").ingredients[2]
    assert (ingredient.name, ingredient.percent) == ("Ascorbic Acid", 0.5)


def test_an_item_of_slashes_only_does_not_break_the_list():
    assert names("Aqua, Glycerin, Retinol, / (Vitamin E)")[:3] == ["Aqua", "Glycerin", "Retinol"]


def test_a_list_wrapped_at_a_fixed_width_keeps_its_names_whole():
    text = (
        "Water, Glycerin, Rice Ferment Filtrate (Sake), Caprylic/Capric\n"
        "Triglyceride, Pentylene Glycol, Rubus Fruticosus (Blackberry) Leaf\n"
        "Extract, Rosa Damascena Flower Oil, Butylene Glycol, Parfum\n"
        "(Fragrance), Hydrogenated Lecithin, Phenoxyethanol"
    )
    assert names(text) == [
        "Water", "Glycerin", "Rice Ferment Filtrate", "Caprylic/Capric Triglyceride", "Pentylene Glycol",
        "Rubus Fruticosus (Blackberry) Leaf Extract", "Rosa Damascena Flower Oil", "Butylene Glycol", "Parfum",
        "Hydrogenated Lecithin", "Phenoxyethanol",
    ]
    # One name per line is still one ingredient per line.
    assert names("Water\nGlycerin\nLeaf Extract\nPhenoxyethanol") == ["Water", "Glycerin", "Leaf Extract", "Phenoxyethanol"]


def test_an_entity_escaped_twice_does_not_split_a_name():
    text = "Water/Eau/Aqua, Vegetable Oil/Huile V&#233;g&#233;tale, Octyldodecanol, Glycerin, Phenoxyethanol"
    assert names(text) == ["Water", "Vegetable Oil/Huile Végétale", "Octyldodecanol", "Glycerin", "Phenoxyethanol"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # one item per line after the commas: each break is a separator
        ("Ingredients:\nWater, Glycerin, Butylene Glycol, Niacinamide\nPanthenol, Allantoin, Sodium Hyaluronate, Squalane\n"
         "Phenoxyethanol, Retinol, Tocopherol\nCitric Acid",
         ["Water", "Glycerin", "Butylene Glycol", "Niacinamide", "Panthenol", "Allantoin", "Sodium Hyaluronate", "Squalane",
          "Phenoxyethanol", "Retinol", "Tocopherol", "Citric Acid"]),
        ("Water, solvent\nGlycerin, humectant\nNiacinamide, skin conditioning\nRetinol, antioxidant",
         ["Water", "solvent", "Glycerin", "humectant", "Niacinamide", "skin conditioning", "Retinol", "antioxidant"]),
        ("Ingredients:\nAqua (Water, Eau)\nGlycerin (Vegetable, Organic)\nRetinol (Vitamin A, Encapsulated)\nTocopherol",
         ["Aqua", "Glycerin", "Retinol", "Tocopherol"]),
    ],
)
def test_breaks_between_items_stay_separators(text, expected):
    assert names(text) == expected


def test_only_entities_are_decoded():
    assert names("madecassoside&centella asiatica extract, Water, Glycerin, Retinol") == [
        "madecassoside&centella asiatica extract", "Water", "Glycerin", "Retinol"]
    assert names("Water&lt;br&gt;Glycerin&lt;br&gt;Retinol&lt;br&gt;Phenoxyethanol") == ["Water", "Glycerin", "Retinol", "Phenoxyethanol"]


def test_a_number_after_a_line_end_hyphen_stays_in_the_name():
    assert names("Aqua, Glycerin, Palmitoyl Tripeptide-\n1, PEG-\n100 Stearate, Phenoxyethanol") == [
        "Aqua", "Glycerin", "Palmitoyl Tripeptide-1", "PEG-100 Stearate", "Phenoxyethanol"]


@pytest.mark.parametrize(
    "marker", ["+/- May Contain:", "[+/- May Contain:", "May contain [+/-]:", "+/-", "Peut contenir / May contain:"]
)
def test_every_shade_colourant_after_a_may_contain_marker_is_kept(marker):
    parsed = parse_text(f"Aqua, Mica, Dimethicone, Phenoxyethanol {marker} CI 77891, CI 77491, CI 77492")
    assert [(i.name, i.section) for i in parsed.ingredients][-3:] == [
        ("CI 77891", "may_contain"), ("CI 77491", "may_contain"), ("CI 77492", "may_contain")]


def test_a_long_list_in_a_to_z_order_is_not_read_by_amount():
    from analyzer import analyze_text

    # A shop or a US label that sorts the names: a place says nothing about the amount.
    sorted_list = ("Ascorbic Acid, Biotin, Cyclomethicone, Dimethicone Crosspolymer, Glyceryl Isostearate, "
                   "Iron Oxides, Phospholipids, Purified Water, Silica, Zinc Oxide")
    [lst] = parse_text(sorted_list).lists
    assert lst.ordered is False
    analysis = analyze_text(sorted_list)
    assert analysis.one_percent_line[0]["basis"] == "unordered"
    assert [f.dose.basis for f in analysis.findings] == ["unordered"]
    # a short list, or one that is not in order, keeps its order
    assert parse_text("Aqua, Butylene Glycol, Glycerin, Retinol").lists[0].ordered is True
    assert parse_text("Squalane, Aqua, Glycerin, " + sorted_list).lists[0].ordered is True  # three names out of A-Z order


def test_a_short_list_that_happens_to_be_in_a_to_z_order_keeps_its_order():
    assert parse_text("Aqua, Glycerin, Niacinamide, Propanediol, Retinol, Squalane, Tocopherol, Xanthan Gum").lists[0].ordered
    # ... and so does a long one whose preservative comes last (a list by amount)
    names = "Aqua, Butylene Glycol, Caprylyl Glycol, Dimethicone, Glycerin, Niacinamide, Retinol, Squalane, Tocopherol, Xanthan Gum, Phenoxyethanol"
    assert parse_text(names).lists[0].ordered


def test_colourants_joined_by_a_slash_in_a_may_contain_block_are_each_an_ingredient():
    parsed = parse_text("Aqua, Glycerin, Mica\n[+/- May contain: CI 77891 / CI 77491 / CI 77492]")
    may = [i.name for i in parsed.ingredients if i.section == "may_contain"]
    assert may == ["CI 77891", "CI 77491", "CI 77492"]
    parsed = parse_text("Aqua, Glycerin, Mica. May contain: Titanium Dioxide (CI 77891) / Iron Oxides (CI 77491).")
    assert [(i.name, i.aliases) for i in parsed.ingredients if i.section == "may_contain"] == [
        ("Titanium Dioxide", ("CI 77891",)), ("Iron Oxides", ("CI 77491",)),
    ]
