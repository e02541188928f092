import json

import pytest
from click.testing import CliRunner

from analyzer.cli import cli
from analyzer.explain import explain


@pytest.mark.parametrize(
    "query, inci, match",
    [
        ("Retinol", "Retinol", "exact"),
        ("Matrixyl 3000", "Palmitoyl Tripeptide-1", "alias"),
        ("acide hyaluronique", "Hyaluronic Acid", "alias"),
        ("Niacinadmide", "Niacinamide", "fuzzy"),
        ("Palmitoyl Hexapeptide-99", "Peptide (family)", "rule"),
    ],
)
def test_explain_finds_by_any_name(query, inci, match):
    result = explain(query)
    assert result.found and result.active.inci == inci and result.match == match


def test_explanation_has_everything_a_user_asks():
    data = explain("Retinol").to_dict()
    assert data["category"] == "retinoid" and data["category_label"]
    assert data["note"] and data["evidence"] and 0 < data["weight"] <= 10
    assert {"sun_sensitivity", "pregnancy"} <= set(data["cautions"])
    assert "Vitamin A" in data["aliases"]


def test_ordinary_ingredient_is_said_to_be_ordinary():
    result = explain("Sorbic Acid")
    assert not result.found and result.ordinary
    assert [s["inci"] for s in result.suggestions] == ["Ascorbic Acid"]  # shown as "not to be confused with"


def test_unknown_name_gets_marked_suggestions_and_exit_1():
    misspelt_family = CliRunner().invoke(cli, ["explain", "Palmitoyl Tripptide"])
    assert misspelt_family.exit_code == 0 and "likely misspelling" in misspelt_family.output
    unknown = CliRunner().invoke(cli, ["explain", "Zorblax Extract"])
    assert unknown.exit_code == 1
    assert "not a known firming active" in unknown.output
    assert "Suggestions (nearest known actives, not matches)" in unknown.output


def test_explain_text_and_json():
    runner = CliRunner()
    text = runner.invoke(cli, ["explain", "Argireline"]).output
    assert "Acetyl Hexapeptide-8" in text and "Evidence weight:" in text and "Also known as:" in text
    data = json.loads(runner.invoke(cli, ["explain", "Argireline", "--format", "json"]).output)
    assert data["inci"] == "Acetyl Hexapeptide-8" and data["match"] == "alias"


def test_flags_are_explained():
    result = explain("Phenoxyethanol")
    assert "below_one_percent" in result.flags
    text = CliRunner().invoke(cli, ["explain", "Phenoxyethanol"]).output
    assert "1% or less" in text


@pytest.mark.parametrize("query, inci", [("HA", "Hyaluronic Acid"), ("Retin-A", "Tretinoin"), ("Vitamin A", "Retinol")])
def test_explain_resolves_common_short_names(query, inci):
    from analyzer.explain import explain

    result = explain(query)
    assert result.active is not None and result.active.inci == inci
    assert result.match == "alias"


def test_explain_shows_where_an_active_works():
    out = CliRunner().invoke(cli, ["explain", "Matrixyl 3000"]).output
    assert "Works at: 3-10 ppm in a leave-on product (its supplier's solution at 3-8%)" in out


@pytest.mark.parametrize("query, category", [("peptides", "peptide"), ("Retinoids", "retinoid"), ("ceramides", "ceramide")])
def test_a_category_name_explains_the_category_and_its_actives(query, category):
    result = explain(query)
    assert result.found and result.active is None and result.category_id == category
    weights = [m["weight"] for m in result.members]
    assert weights and weights == sorted(weights, reverse=True)
    out = CliRunner().invoke(cli, ["explain", query])
    assert out.exit_code == 0 and f"({category})" in out.output and "not a known firming active" not in out.output


def test_a_stated_percent_does_not_change_what_is_explained():
    assert explain("Retinol 1%").active.inci == "Retinol" and explain("Retinol 1%").match == "exact"
    assert explain("Niacinamide (5%)").active.inci == "Niacinamide"


def test_a_percent_before_the_name_is_ignored_too():
    assert explain("2% Niacinamide").active.inci == "Niacinamide"
    assert explain("1% Retinol").match == "exact"
