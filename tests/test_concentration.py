"""The ~1% line, checked on real lists of the development corpus."""
import pytest

from analyzer import analyze_text
from analyzer.concentration import find_line
from analyzer.knowledge import load_knowledge
from analyzer.parse import parse_text


def findings(text):
    return {f.active.inci: f for f in analyze_text(text).findings}


def test_real_corpus_rows(devset):
    """In every dev row with phenoxyethanol, actives after it are 'below' and
    the reason names the marker."""
    checked = 0
    for row in devset:
        if "Phenoxyethanol" not in row["ingredients"]:
            continue
        try:
            analysis = analyze_text(row["ingredients"])
        except ValueError:
            continue
        for lst in analysis.one_percent_line:
            if lst["position"] is None:
                continue
            for f in analysis.findings:
                if f.ingredient.list_index != lst["list"] or f.ingredient.percent is not None:
                    continue
                if f.ingredient.section == "main" and f.ingredient.position > lst["position"]:
                    assert f.concentration.status == "below", (row["id"], f.active.inci)
                    assert lst["marker"] in f.concentration.reason
                    checked += 1
    assert checked >= 50


def test_line_from_the_first_marker():
    parsed = parse_text("Aqua, Glycerin, Niacinamide, Xanthan Gum, Phenoxyethanol, Retinol")
    line = find_line(list(parsed.ingredients), load_knowledge())
    assert (line.position, line.marker, line.basis) == (4, "Xanthan Gum", "marker")


def test_statuses_and_words():
    found = findings("Aqua, Niacinamide, Glycerin, Squalane, Sodium Hyaluronate, Phenoxyethanol, Retinol")
    assert found["Niacinamide"].concentration.status == "above"
    assert found["Sodium Hyaluronate"].concentration.status == "near"
    assert found["Retinol"].concentration.status == "below"
    assert found["Retinol"].concentration.reason == "Retinol sits after Phenoxyethanol: likely under 1%"


def test_stated_percent_overrides_and_marks_the_line():
    found = findings("Aqua, Glycerin, Retinol 0.5%, Squalane, Niacinamide")
    assert found["Retinol"].concentration.status == "below"
    assert found["Retinol"].concentration.basis == "stated"
    assert found["Niacinamide"].concentration.reason.startswith("Niacinamide sits after Retinol")


def test_without_any_marker_position_is_the_fallback():
    found = findings("Aqua, Niacinamide, Glycerin, Squalane, Dimethicone, Cetyl Alcohol, Stearic Acid, Isononyl Isononanoate, Retinol")
    assert found["Niacinamide"].concentration.basis == "position"
    assert "no preservative" in found["Niacinamide"].concentration.reason


def test_the_score_uses_the_line():
    before = analyze_text("Aqua, Glycerin, Niacinamide, Phenoxyethanol, Squalane").score
    after = analyze_text("Aqua, Glycerin, Phenoxyethanol, Niacinamide, Squalane").score
    assert after < before


def test_text_report_says_it_in_words():
    from click.testing import CliRunner

    from analyzer.cli import cli

    out = CliRunner().invoke(cli, ["score", "Aqua, Glycerin, Phenoxyethanol, Retinol"]).output
    assert "Amount: about 0.5% (4 of 4, after the ~1% line)" in out


def test_a_late_marker_is_not_called_the_line_when_the_estimate_is_earlier():
    """Phenoxyethanol 11th of 12 bounds the line; the estimate puts ~1% at
    place 6, and the words must say which one they mean."""
    from analyzer.concentration import estimate, find_line
    from analyzer.knowledge import load_knowledge
    from analyzer.parse import parse_text

    names = "Aqua, Glycerin, Butylene Glycol, Squalane, Niacinamide, Retinol, Cetearyl Alcohol, Sodium Hyaluronate, Tocopherol, Xylitol, Phenoxyethanol, Ethylhexylglycerin"
    ingredients = parse_text(names).ingredients
    line = find_line(ingredients, load_knowledge())
    assert line.position == 11
    late = estimate(ingredients[7], line, len(ingredients))
    assert late.basis == "after line"
    assert "(8 of 12; a list of 12 is usually down to ~1% by place 6)" == late.words[late.words.index("("):]
    early = find_line(parse_text("Aqua, Glycerin, Phenoxyethanol, Retinol").ingredients, load_knowledge())
    assert "before the ~1% line" in estimate(parse_text("Aqua, Glycerin, Phenoxyethanol, Retinol").ingredients[1], early, 4).words


@pytest.mark.parametrize("marker", ["Ethylhexylglycerin", "Sodium Benzoate", "Potassium Sorbate", "Fragrance", "Disodium EDTA", "Xanthan Gum", "CI 77891"])
def test_known_markers(marker):
    found = findings(f"Aqua, Glycerin, {marker}, Niacinamide")
    assert found["Niacinamide"].concentration.status == "below"


@pytest.mark.parametrize("text, marker", [
    ("정제수, 글리세린, 부틸렌글라이콜, 나이아신아마이드, 레티놀, 페녹시에탄올, 아데노신", "페녹시에탄올"),
    ("水、グリセリン、BG、ナイアシンアミド、フェノキシエタノール、レチノール", "フェノキシエタノール"),
    ("水, 甘油, 丁二醇, 烟酰胺, 苯氧乙醇, 视黄醇", "苯氧乙醇"),
])
def test_a_preservative_named_in_korean_japanese_or_chinese_marks_the_line(text, marker):
    line = find_line(parse_text(text).ingredients, load_knowledge())
    assert (line.marker, line.basis) == (marker, "marker")


_GENERA = ("Rosa", "Salvia", "Mentha", "Citrus", "Quercus", "Pinus", "Prunus", "Malus", "Vitis", "Olea", "Betula", "Ilex")
_SPECIES = ("Alba", "Nigra", "Rubra", "Lutea", "Viridis", "Montana", "Sylvestris", "Officinalis", "Vulgaris")
_BOTANICALS = [f"{g} {s} Leaf Extract" for s in _SPECIES for g in _GENERA]


def _names(count: int, start: int = 0) -> list[str]:
    """Made-up botanical extracts, all different."""
    return _BOTANICALS[start:start + count]


def test_a_long_list_is_down_to_one_percent_by_place_12_plus_a_tenth():
    # 85 names, the first marker (EDTA) 43rd: the line is not taken past place 20.
    names = ["Aqua", "Cyclopentasiloxane", "Glycerin", *_names(27), "Retinol", *_names(11, 27), "Disodium EDTA", *_names(42, 38)]
    parsed = parse_text(", ".join(names))
    analysis = analyze_text(", ".join(names))
    retinol = next(f for f in analysis.findings if f.active.inci == "Retinol")
    assert len(parsed.ingredients) == 85 and retinol.ingredient.position == 31
    assert retinol.dose.basis == "after line" and retinol.dose.estimate < 0.05
    assert "by place 20" in retinol.dose.reason


def test_an_amount_after_the_line_does_not_depend_on_how_long_the_list_goes_on():
    head = "Aqua, Glycerin, Squalane, Cetearyl Alcohol, Phenoxyethanol, Carbomer, Retinol"
    short = analyze_text(head)
    long = analyze_text(head + ", " + ", ".join(_names(40)))
    assert short.findings[0].dose.estimate == long.findings[0].dose.estimate
    assert 0.05 < short.findings[0].dose.estimate < 0.5  # two places after the preservative: tenths of a percent
