"""Reading exactly the declared list: what is around a list is set aside,
never scored, and free-from claims are reported as names."""
import json
import sys
from pathlib import Path

import pytest

from analyzer import analyze_text
from analyzer.core import shared_analyzer
from analyzer.parse import parse_text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))


def names(text):
    return [i.name for i in parse_text(text).ingredients]


def categories(text):
    return set(analyze_text(text).categories)


def test_free_from_footer_is_reported_and_never_scored():
    text = (
        "Ingredients: Aqua, Glycerin, Squalane, Cetearyl Alcohol, Phenoxyethanol. "
        "Free from: Parabens, Sulfates, Retinol, Retinyl Palmitate"
    )
    analysis = analyze_text(text)
    assert [i.name for i in analysis.ingredients] == ["Aqua", "Glycerin", "Squalane", "Cetearyl Alcohol", "Phenoxyethanol"]
    assert analysis.categories == [] and analysis.score == 0
    assert list(analysis.parsed.free_from) == ["Parabens", "Sulfates", "Retinol", "Retinyl Palmitate"]
    assert "pregnancy" not in analysis.cautions


def test_sephora_style_formulated_without_footer():
    text = (
        "Sodium Cocoate, Glycerin, Aqua, Charcoal Powder, Parfum\n\n"
        "Clean at Sephora products are formulated without: Parabens, Sulfates SLS & SLES, Phthalates, "
        "Mineral Oil, Retinyl Palmitate, Oxybenzone, Coal Tar, and Triclosan."
    )
    analysis = analyze_text(text)
    assert "retinoid" not in analysis.categories and "sun_sensitivity" not in analysis.cautions
    assert "Retinyl Palmitate" in analysis.parsed.free_from and "Sulfates SLS & SLES" in analysis.parsed.free_from


def test_a_negated_sentence_is_not_a_list():
    parsed = parse_text("This product does not contain retinol, niacinamide or vitamin C.")
    assert not parsed
    assert list(parsed.free_from) == ["retinol", "niacinamide", "vitamin C"]


@pytest.mark.parametrize(
    "badge, name",
    [("Retinol-free", "Retinol"), ("0% parabens", "parabens"), ("No silicones", "silicones"), ("parabenfrei", "parabenfrei")],
)
def test_badges_are_free_from_claims(badge, name):
    parsed = parse_text(f"{badge}\n\nIngredients: Aqua, Glycerin, Squalane, Bakuchiol, Phenoxyethanol")
    assert len(parsed.ingredients) == 5
    assert [n.lower() for n in parsed.free_from] == [name.lower().replace("frei", "")]


LIST = "Aqua, Glycerin, Niacinamide, Retinol, Cetearyl Alcohol, Phenoxyethanol"


@pytest.mark.parametrize(
    "claim, expected",
    [
        ("Nie zawiera: parabenów, silikonów ani SLS.", ["parabenów", "silikonów", "SLS"]),  # Polish
        ("Retinol içermez. Paraben içermez.", ["Retinol", "Paraben"]),  # Turkish, marker after the name
        ("Bu ürün paraben ve parfüm içermez.", ["paraben", "parfüm"]),
        ("Fri från parabener och parfym.", ["parabener", "parfym"]),  # Swedish
        ("Parfymfri. Utan silikoner.", ["silikoner", "Parfym"]),
        ("Uden parfume og parabener.", ["parfume", "parabener"]),  # Danish
        ("Neobsahuje parabeny ani silikony.", ["parabeny", "silikony"]),  # Czech
        ("Без парабенов и силиконов.", ["парабенов", "силиконов"]),  # Russian
        ("Ilman hajusteita ja parabeeneja.", ["hajusteita", "parabeeneja"]),  # Finnish
        ("파라벤 무첨가 · 인공색소 무첨가", ["파라벤", "인공색소"]),  # Korean, marker after the name
        ("[무첨가] 파라벤, 인공색소", ["파라벤", "인공색소"]),  # ... and before, in brackets
        ("7가지 무첨가 성분: 파라벤, 인공색소, 미네랄오일", ["파라벤", "인공색소", "미네랄오일"]),
        ("【6つの無添加】パラベン、鉱物油、合成香料", ["パラベン", "鉱物油", "合成香料"]),
        ("Free from vitamin A palmitate and parabens.", ["vitamin A palmitate", "parabens"]),
        ("香料・着色料・アルコール不使用", ["香料", "着色料", "アルコール"]),  # Japanese
        ("Free of fragrance, mineral oil & silicones.", ["fragrance", "mineral oil", "silicones"]),
        ("✅ 0% Alcohol · 0% Fragrance · 0% Paraben", ["Alcohol", "Fragrance", "Paraben"]),
        ("Livre de parabenos e de fragrância.", ["parabenos", "fragrância"]),
        ("Paraben-free; sulfate-free; mineral oil–free", ["Paraben", "sulfate", "mineral oil"]),
    ],
)
def test_free_from_claims_in_more_languages(claim, expected):
    parsed = parse_text(f"{claim}\n\nIngredients: {LIST}")
    assert [i.name for i in parsed.ingredients] == LIST.split(", ")
    assert list(parsed.free_from) == expected


def test_a_shop_name_over_set_aside_text_is_no_list_of_one():
    # The page's other lines are a review and a seller's free-from answer:
    # the shop's name on the first line is not a one-ingredient product.
    text = "Shopname\n\nSoru: Bu kremde paraben var mı?\nSatıcı yanıtı: Merhaba, ürünümüz paraben içermez."
    parsed = parse_text(text)
    assert not parsed and list(parsed.free_from) == ["paraben"]


def test_a_filter_count_with_a_spaced_thousands_group_is_no_claim():
    parsed = parse_text(f"☐ bez parabenów (2 440)\n☐ bez silikonów (1 018)\n\nSkład: {LIST}")
    assert list(parsed.free_from) == [] and len(parsed.ingredients) == 6


def test_claims_about_other_things_are_not_ingredients():
    parsed = parse_text("Streak-free, cruelty-free and worry-free.\n\nAqua, Glycerin, Retinol, Phenoxyethanol")
    assert list(parsed.free_from) == []


def test_reviews_prices_and_recommendations_around_a_list_are_set_aside():
    text = (
        "We use cookies to improve your experience. Accept all\n"
        "Home > Skincare > Night creams\n"
        "£34.00\nAdd to bag\n\n"
        "Ingredients\nAqua, Glycerin, Caprylic/Capric Triglyceride, Niacinamide, Phenoxyethanol\n\n"
        "Reviews\n★★★★★ I also use a hyaluronic acid serum and a retinol oil.\n\n"
        "Customers also bought\nRetinol 0.5% Night Oil £28.00\nVitamin C Brightening Serum 30ml £22.00"
    )
    analysis = analyze_text(text)
    assert len(analysis.ingredients) == 5
    assert analysis.categories == ["vitamin_b3"]


def test_a_menu_of_actives_is_not_a_list():
    assert not parse_text("Shop by ingredient\nHyaluronic Acid\nRetinol\nVitamin C\nPeptides\nCeramides")
    assert not parse_text("Ingredient: Hyaluronic Acid (212) | Retinol (87) | Vitamin C (66) | Collagen (9)")


def test_footnotes_and_glued_footnote_digits():
    text = (
        "Inhaltsstoffe: Aqua, Glycerin*, Sodium Hyaluronate, Parfum, Limonene1, Linalool1, Coumarin1\n"
        "*aus kontrolliert biologischem Anbau\n1 natürlicher Bestandteil ätherischer Öle"
    )
    assert names(text) == ["Aqua", "Glycerin", "Sodium Hyaluronate", "Parfum", "Limonene", "Linalool", "Coumarin"]


def test_drug_facts_make_one_list_with_the_actives_first():
    text = (
        "Drug Facts\nActive ingredients Purpose\nZinc Oxide 12% ........ Sunscreen\n"
        "Uses helps prevent sunburn\nWarnings For external use only\n"
        "Inactive ingredients Caprylyl Glycol, Dimethicone, Glycerin, Niacinamide, Sodium Hyaluronate, Water\n"
        "Other information protect from excessive heat"
    )
    parsed = parse_text(text)
    [lst] = parsed.lists
    assert [i.name for i in lst.ingredients][:2] == ["Zinc Oxide", "Caprylyl Glycol"]
    assert lst.ingredients[0].percent == 12.0 and len(lst.ingredients) == 7
    assert lst.leading_actives == 1 and lst.ordered is False  # the inactive list is alphabetical


def test_canadian_medicinal_and_non_medicinal_ingredients_make_one_list():
    text = (
        "NPN 80000000\nMedicinal ingredients / Ingrédients médicinaux:\n"
        "Zinc Oxide / Oxyde de zinc .......... 12%\n"
        "Non-medicinal ingredients / Ingrédients non médicinaux: Water, Glycerin, Squalane, Niacinamide, "
        "Tocopherol, Phenoxyethanol\n\nUses: helps prevent sunburn."
    )
    [lst] = parse_text(text).lists
    assert [i.name for i in lst.ingredients][:3] == ["Zinc Oxide", "Water", "Glycerin"]
    assert lst.leading_actives == 1 and len(lst.ingredients) == 7 and lst.ordered is True


def test_a_japanese_quasi_drug_reads_its_actives_in_their_own_names():
    # 有効成分 (the declared actives) in quasi-drug names, then その他の成分.
    text = (
        "成分\n有効成分：L-アスコルビン酸 2-グルコシド、グリチルリチン酸ジカリウム\n"
        "その他の成分：精製水、濃グリセリン、ニコチン酸アミド、天然ビタミンE、キサンタンガム、フェノキシエタノール"
    )
    [lst] = parse_text(text).lists
    assert lst.leading_actives == 2 and len(lst.ingredients) == 8
    assert {"vitamin_c", "vitamin_b3", "vitamin_e"} <= set(analyze_text(text).categories)


def test_declared_actives_with_their_percent_then_the_rest_of_the_list():
    # Every name of the block is an active, but with its % it is the label's
    # actives part, not a menu of actives; the unlabelled list after it is the rest.
    text = "Actives:\nNiacinamide 5,0%\nRetinol 0,1%\nPanthenol 2,0%\n\nAqua, Glycerin, Squalane, Phenoxyethanol"
    [lst] = parse_text(text).lists
    assert [(i.name, i.percent) for i in lst.ingredients][:3] == [("Niacinamide", 5.0), ("Retinol", 0.1), ("Panthenol", 2.0)]
    assert lst.leading_actives == 3 and len(lst.ingredients) == 7
    # Without percentages the same names are still a menu, not a formula.
    assert not parse_text("Look for:\nRetinol\nRetinal\nRetinyl Palmitate")


def test_an_alphabetical_label_gets_no_one_percent_line():
    """Caprylyl Glycol (a ~1% marker) heads an A-Z list by its letter, not its amount."""
    from analyzer import analyze_text
    from analyzer.report import render_text

    text = (
        "Drug Facts\nActive ingredients Purpose\nZinc Oxide 12% Sunscreen\nUses helps prevent sunburn\n"
        "Inactive ingredients Caprylyl Glycol, Dimethicone, Glycerin, Niacinamide, Sodium Hyaluronate, Water"
    )
    analysis = analyze_text(text)
    assert analysis.one_percent_line == [{"list": 0, "position": None, "marker": None, "basis": "unordered"}]
    niacinamide = next(f for f in analysis.findings if f.active.inci == "Niacinamide")
    assert niacinamide.concentration.status == "unknown" and "A-Z" in niacinamide.concentration.reason
    report = render_text(analysis)
    assert "no ~1% line" in report and "~1% line from" not in report


def test_active_and_other_ingredients_on_one_line():
    [lst] = parse_text("Active: Retinol 0.3%, Niacinamide 4%. Other ingredients: Aqua, Squalane, Glycerin, Phenoxyethanol").lists
    assert [i.name for i in lst.ingredients] == ["Retinol", "Niacinamide", "Aqua", "Squalane", "Glycerin", "Phenoxyethanol"]
    assert lst.leading_actives == 2 and lst.ordered


def test_incidecoder_skim_table_reads_the_name_column():
    text = (
        "Skim through\nIngredient name what-it-does irr., com. ID-Rating\n"
        "Water solvent\nGlycerin skin-identical ingredient, moisturizer/humectant 0, 0 superstar\n"
        "Niacinamide cell-communicating ingredient, skin brightening 0, 0 superstar\n"
        "Phenoxyethanol preservative"
    )
    assert names(text) == ["Water", "Glycerin", "Niacinamide", "Phenoxyethanol"]


def test_incidecoder_overview_without_its_function_groups():
    text = (
        "Ingredients overview\nWater, Glycerin, Sodium Hyaluronate, Adenosine, Phenoxyethanol\n\n"
        "Highlights\n#alcohol-free\nKey Ingredients\nSkin-identical ingredient: Glycerin, Sodium Hyaluronate\n"
        "Other Ingredients\nSolvent: Water\nPreservative: Phenoxyethanol"
    )
    parsed = parse_text(text)
    assert len(parsed.lists) == 1 and len(parsed.ingredients) == 5
    assert list(parsed.free_from) == ["alcohol"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[전성분] 정제수, 글리세린, 나이아신아마이드, 레티놀, 아데노신, 페녹시에탄올", {"vitamin_b3", "retinoid", "adenosine"}),
        ("全成分：水、グリセリン、ナイアシンアミド、レチノール、フェノキシエタノール", {"vitamin_b3", "retinoid"}),
        ("成分：水、甘油、烟酰胺、视黄醇、透明质酸钠、苯氧乙醇", {"vitamin_b3", "retinoid", "hyaluronic_acid"}),
        ("成分：水/甘油/烟酰胺/视黄醇/苯氧乙醇", {"vitamin_b3", "retinoid"}),
        ("Ingredienti: acqua, glicerina vegetale, acido ialuronico sale sodico, vitamina E, pantenolo", {"hyaluronic_acid", "vitamin_e", "vitamin_b5"}),
        ("Composição: Água, Glicerina, Colágeno Hidrolisado, Niacinamida, Adenosina", {"collagen", "vitamin_b3", "adenosine"}),
    ],
)
def test_lists_in_other_languages(text, expected):
    assert categories(text) == expected


@pytest.mark.parametrize("text, name", [("White Petrolatum", "White Petrolatum"), ("C13-16 Isoparaffin.", "C13-16 Isoparaffin"), ("Retinyl Oleate", "Retinyl Oleate")])
def test_a_single_known_or_family_name_is_a_list_of_one(text, name):
    assert names(text) == [name]


@pytest.mark.parametrize("text", ["Loved it, great for dry skin, would buy again", "Retinol Night Serum 30 ml"])
def test_prose_and_product_names_are_still_refused(text):
    assert not parse_text(text)


def test_ocr_digits_inside_words_are_read_as_letters():
    text = "INGRED1ENTS: AQUA, GLYCER1N, CETEARYL ALC0-\nHOL, RET1NOL, S0DIUM HYALUR0NATE, PHEN0XYETHAN0L"
    assert names(text) == ["AQUA", "GLYCERIN", "CETEARYL ALCOHOL", "RETINOL", "SODIUM HYALURONATE", "PHENOXYETHANOL"]


def test_numbered_kit_parts_are_lists_and_a_glossary_is_not():
    kit = "INGREDIENTS:\n1. Day Serum: Water, Glycerin, Niacinamide, Phenoxyethanol\n2. Night Serum: Water, Squalane, Retinol, Tocopherol"
    assert [len(lst.ingredients) for lst in parse_text(kit).lists] == [4, 4]
    glossary = "Adenosine – a molecule that smooths the look of wrinkles.\nRetinol – vitamin A, the gold standard."
    assert not parse_text(glossary)


def test_numbered_list_lines_under_one_label_are_the_parts_of_a_kit():
    kit = (
        "Set includes:\n1) Foaming Cleanser 100ml\n2) Night Cream 50ml\n\nINGREDIENTS:\n"
        "1) Water, Sodium Laureth Sulfate, Cocamidopropyl Betaine, Glycerin, Niacinamide, Sodium Benzoate\n"
        "2) Water, Caprylic/Capric Triglyceride, Glycerin, Cetearyl Alcohol, Retinol, Tocopherol, Phenoxyethanol"
    )
    lists = parse_text(kit).lists
    assert [len(lst.ingredients) for lst in lists] == [6, 7]
    # The cleanser is rinse-off; the cream is not, and its retinol counts in full.
    analysis = analyze_text(kit)
    assert [t.type for t in analysis.list_types] == ["rinse_off", "leave_on"]
    assert "retinoid" in analysis.categories
    # One numbered name per line is one list, not a kit of one-name parts.
    assert len(parse_text("Ingredients:\n1. Water\n2. Glycerin\n3. Retinol\n4. Phenoxyethanol").lists) == 1


def test_a_glossary_of_several_names_is_no_list():
    text = (
        "Ingredient glossary\n\nC\nCeramide NP, Ceramide AP, Ceramide EOP: lipids that restore the barrier in dry skin. "
        "Found in: Barrier Cream.\nCentella Asiatica Extract: soothes and supports the look of firmness.\n"
    )
    assert not parse_text(text)


def test_a_kit_part_named_with_its_size_over_its_list_is_not_an_ingredient():
    text = (
        "Overnight Retinol Oil (10mL)\nSqualane, Caprylic/Capric Triglyceride, Retinol, Bakuchiol, Tocopherol\n\n"
        "Lip Tint (3g)\nPolybutene, Silica, Palmitoyl Tripeptide-38, Tocopheryl Acetate, Flavor"
    )
    assert [len(lst.ingredients) for lst in parse_text(text).lists] == [5, 5]


def test_a_numbered_one_per_line_list_without_dots():
    text = (
        "Ingredients List\n1 Water\n2 Glycerin\n3 Niacinamide\n4 Retinol\n5 Phenoxyethanol\n"
        "Show ingredients as text\n\nNotable Ingredients\nRetinol — speeds up cell turnover"
    )
    assert names(text) == ["Water", "Glycerin", "Niacinamide", "Retinol", "Phenoxyethanol"]
    # A name that starts with a number outside such rows keeps it.
    assert names("Ingredients: Aqua, Glycerin, 1 2 Hexanediol, Retinol") == ["Aqua", "Glycerin", "1 2 Hexanediol", "Retinol"]


@pytest.mark.parametrize(
    "rows",
    [
        "1 Water\n2 Glycerin\n3 1,2-Hexanediol\n4 Niacinamide\n5 Retinol\n6 Phenoxyethanol",  # a name starting with a digit
        "1 Water\n2 Glycerin\n3 1,2-Hexanediol\n5 Niacinamide\n5 Retinol\n6 Phenoxyethanol",  # a number skipped, one repeated
        "1 Water\nSolvent\n2 Glycerin\nHumectant\n3 1,2-Hexanediol\n4 Niacinamide\n5 Retinol\n6 Phenoxyethanol",  # function cells
    ],
)
def test_numbered_rows_that_break_their_order_do_not_cut_the_list(rows):
    assert names(f"Ingredients\n{rows}") == ["Water", "Glycerin", "1,2-Hexanediol", "Niacinamide", "Retinol", "Phenoxyethanol"]


def test_a_note_in_brackets_inside_a_list_is_no_kit_part():
    may = "Ingredients: Aqua, Dimethicone, Glycerin, Retinol, Phenoxyethanol\n[May contain]\nCI 77491, CI 77891, Mica"
    [lst] = parse_text(may).lists
    assert [i.section for i in lst.ingredients][-3:] == ["may_contain"] * 3
    organic = "INGREDIENTS:\nAqua, Glycerin, Dimethicone, Butylene Glycol, Propanediol, Cetearyl Alcohol,\n[Organic]\nRetinol, Phenoxyethanol"
    assert len(parse_text(organic).lists) == 1


def test_a_tab_table_with_a_number_column_and_a_crossed_out_claim():
    text = (
        "Alcohol Free ✓   Paraben Free ✓   Silicone Free ✗\n\n"
        "No.\tIngredient\tFunction\tRisk\n1\tWater\tSolvent\tLow\n2\tAscorbic Acid\tAntioxidant\tLow\n"
        "3\tGlycerin\tHumectant\tLow\n4\tDimethicone\tEmollient\tLow\n5\tPhenoxyethanol\tPreservative\tModerate"
    )
    parsed = parse_text(text)
    assert [i.name for i in parsed.ingredients] == ["Water", "Ascorbic Acid", "Glycerin", "Dimethicone", "Phenoxyethanol"]
    assert list(parsed.free_from) == ["Alcohol", "Paraben"]


def test_a_kit_part_named_in_brackets_on_its_own_line():
    text = (
        "모든 성분:\n[토너]\n정제수, 부틸렌글라이콜, 글리세린, 나이아신아마이드, 판테놀\n"
        "[크림]\n정제수, 글리세린, 세테아릴알코올, 스쿠알란, 레티놀, 토코페롤"
    )
    lists = parse_text(text).lists
    assert [(lst.title, len(lst.ingredients)) for lst in lists] == [("토너", 5), ("크림", 6)]


@pytest.mark.parametrize("name", ["pastes.jsonl", "pastes_b.jsonl"])
def test_the_messy_paste_sets_are_read_right(name):
    import measure_pastes

    figures = measure_pastes.measure(measure_pastes.load(ROOT / "tests" / "data" / name), shared_analyzer())["figures"]
    assert figures["pastes"] >= 60
    assert figures["status"] >= 0.98 and figures["categories"] >= 0.97 and figures["free_from"] >= 0.95
    assert figures["count"] >= 0.95 and figures["false_categories"] == 0


def test_paste_sets_are_well_formed():
    for name in ("pastes.jsonl", "pastes_b.jsonl"):
        for line in (ROOT / "tests" / "data" / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            expect = row["expect"]
            assert expect["categories"] == sorted(expect.get("actives", {}))
            for found in expect.get("actives", {}).values():
                assert all(n.lower() in row["text"].lower() for n in found), row["id"]


# Text a shop or a reviewer writes next to a list, naming actives the product
# does not declare. BASE has no active; none of these lines may add one.
BASE = "Aqua, Glycerin, Squalane, Cetearyl Alcohol, Phenoxyethanol"
NEXT_TO_THE_LIST = [
    "Tags: retinol, peptides, hyaluronic acid, niacinamide",
    "Keywords: retinol, peptides, hyaluronic acid",
    "Pros: retinol, peptides, hyaluronic acid\nCons: pricey, small tube",
    "Routine: retinol, vitamin C, moisturiser",
    "Related searches: retinol serum, peptide cream, hyaluronic acid",
    "Pairs with: Retinol, Vitamin C",
    "Popular: retinol, niacinamide",
    "Avoid using with Retinol, Tretinoin, Adapalene.",
    "Contains retinol, peptides and hyaluronic acid.",
    "Not recommended with retinoids, vitamin C, AHA.",
    "Enriched with Retinol, Niacinamide and Sodium Hyaluronate",
    "Actives: Retinol, Adenosine",
]


@pytest.mark.parametrize("label", ["Ingredients: ", ""])
@pytest.mark.parametrize("stop", [".", ""])
@pytest.mark.parametrize("after", NEXT_TO_THE_LIST)
def test_lines_naming_actives_next_to_the_list_are_not_the_list(label, stop, after):
    analysis = analyze_text(f"{label}{BASE}{stop}\n{after}")
    assert names(f"{label}{BASE}{stop}\n{after}") == BASE.split(", ")
    assert analysis.categories == [] and analysis.score == 0


def test_highlighted_ingredients_over_the_list_are_set_aside():
    # A shop page copied whole: the highlights come first, then the label.
    text = "Highlighted Ingredients:\n- Retinol\n- Peptides\nIngredients\nWater (Aqua), Glycerin, Squalane, Niacinamide, Phenoxyethanol"
    assert names(text) == ["Water", "Glycerin", "Squalane", "Niacinamide", "Phenoxyethanol"]
    assert analyze_text(text).categories == ["vitamin_b3"]


def test_a_badge_at_the_end_of_a_list_is_a_claim_not_an_ingredient():
    analysis = analyze_text(f"{BASE}. Retinol-free.")
    assert names(f"{BASE}. Retinol-free.") == BASE.split(", ")
    assert analysis.parsed.free_from == ("Retinol",)
    assert analysis.categories == []


def test_declared_actives_with_their_percent_after_the_list_still_count():
    # Some labels print the inactive part first; actives with their % are declared.
    text = "Inactive Ingredients: Water, Glycerin, Cetearyl Alcohol, Phenoxyethanol\nActive Ingredients: Zinc Oxide 10%, Niacinamide 4%"
    assert "Niacinamide" in names(text)
    assert "vitamin_b3" in analyze_text(text).categories


def test_a_list_goes_on_after_a_line_break_without_a_full_stop():
    text = "Ingredients: Aqua, Glycerin, Squalane,\nRetinol, Phenoxyethanol."
    assert names(text) == ["Aqua", "Glycerin", "Squalane", "Retinol", "Phenoxyethanol"]
    # and a may-contain paragraph after the full stop still belongs to the list
    text = "Aqua, Glycerin, Squalane, Phenoxyethanol.\nMay contain: CI 77491, CI 77891"
    assert names(text)[-2:] == ["CI 77491", "CI 77891"]


@pytest.mark.parametrize("text, count", [
    ("Ingredients: Aqua, Glycerin, Butylene Glycol, Alcohol Denat.\nRetinol, Palmitoyl Tripeptide-1, Adenosine, Phenoxyethanol", 8),
    ("Aqua, Glycerin, Aloe Barbadensis Leaf Ext.\nRetinol, Phenoxyethanol, Citric Acid", 6),
    ("Aqua, Glycerin, Tocopherol (Vit.\nE), Retinol, Phenoxyethanol", 5),
])
def test_a_list_hard_wrapped_after_an_abbreviation_goes_on(text, count):
    assert len(names(text)) == count and "retinoid" in categories(text)


@pytest.mark.parametrize("title", ["Concerns:", "Tags:", "Routine: PM", "Use with:", "Good for:", "Popular", "Cons:"])
def test_a_note_title_sets_aside_its_own_line_only(title):
    text = f"{title}\nAqua, Glycerin, Retinol, Phenoxyethanol"
    assert names(text) == ["Aqua", "Glycerin", "Retinol", "Phenoxyethanol"]


@pytest.mark.parametrize("after", ["Retinol, Bakuchiol, Adenosine", "Retinol", "Ascorbic Acid 15%, Ferulic Acid 0.5%, Tocopherol 1%"])
def test_highlighted_actives_after_the_lists_full_stop_are_not_the_list(after):
    text = f"Ingredients: Water, Glycerin, Squalane, Cetearyl Alcohol, Caprylyl Glycol, Phenoxyethanol.\n{after}"
    assert len(names(text)) == 6 and categories(text) == set()


@pytest.mark.parametrize("sentence", [
    "Contains retinol, peptides and hyaluronic acid.", "Avoid using with retinol, vitamin C or AHAs.",
    "Our retinol alternative, bakuchiol, is gentler.", "Key ingredients: Retinol, Adenosine.",
])
def test_a_sentence_after_the_full_stop_on_the_same_line_is_not_the_list(sentence):
    text = f"Ingredients: Water, Glycerin, Squalane, Cetearyl Alcohol, Phenoxyethanol. {sentence}"
    assert names(text) == ["Water", "Glycerin", "Squalane", "Cetearyl Alcohol", "Phenoxyethanol"]
    assert categories(text) == set()


def test_abbreviations_stay_inside_their_names():
    assert names("Aqua, Glycerin, Vit. C, Vit. E, Retinol, Phenoxyethanol.")[2:4] == ["Vit. C", "Vit. E"]
    assert "vitamin_c" in categories("Aqua, Glycerin, Vit. C, Vit. E, Retinol, Phenoxyethanol.")
    assert names("Aqua, Spirulina sp. Extract, Citrus Aurantium var. Amara Flower Oil")[1:] == [
        "Spirulina sp. Extract", "Citrus Aurantium var. Amara Flower Oil",
    ]


def test_a_kit_part_named_like_a_function_keeps_its_list():
    # INCIDecoder groups names under "Moisturizer:"; a kit's moisturizer has a whole formula.
    assert names("Moisturizer: Water, Glycerin, Cetearyl Alcohol, Ceramide NP, Sodium Hyaluronate, Phenoxyethanol.")[:2] == ["Water", "Glycerin"]


def test_a_menu_of_actives_with_a_generic_word_is_not_a_second_list():
    text = "Retinol | Peptides | Hyaluronic Acid\n\nIngredients: Aqua, Glycerin, Squalane, Cetearyl Alcohol, Phenoxyethanol"
    assert len(parse_text(text).lists) == 1 and categories(text) == set()


@pytest.mark.parametrize("text, last, left", [
    ("Aqua, Glycerin, Tocopherol (Vit. E). Apply daily.", "Tocopherol", "Apply daily."),
    ("Aqua, Glycerin, Alcohol Denat. Apply daily.", "Alcohol Denat", "Apply daily."),
    ("Aqua, Glycerin, Retinol, Squalane.Made in France.", "Squalane", "Made in France."),
    ("INCI: AQUA, GLYCERIN, RETINOL, PARFUM. MADE IN KOREA.", "PARFUM", "MADE IN KOREA."),
    ("Aqua, Glycerin, Rosa Canina Seed Extract. Good for cellulite.", "Rosa Canina Seed Extract", "Good for cellulite."),
    ("Aqua, Glycerin, Squalane. Fabriqué en France.", "Squalane", "Fabriqué en France."),
])
def test_a_closing_sentence_after_the_last_name_is_set_aside(text, last, left):
    from analyzer.parse import lines_set_aside

    parsed = parse_text(text)
    assert parsed.ingredients[-1].name == last
    assert lines_set_aside(text, parsed) == [left]


def test_a_short_kit_part_named_moisturizer_is_read():
    parsed = parse_text("Serum: Water, Glycerin, Ascorbic Acid.\nMoisturizer: Water, Shea Butter, Squalane.")
    assert [(lst.title, len(lst.ingredients)) for lst in parsed.lists] == [("Serum", 3), ("Moisturizer", 3)]
