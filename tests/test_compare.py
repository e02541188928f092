import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import cli
from analyzer.compare import CompareInputError, compare, rank_biased_overlap

PAGES = Path(__file__).parent / "fixtures" / "pages"
SERUM = "Aqua, Glycerin, Niacinamide, Retinol, Sodium Hyaluronate, Phenoxyethanol"


def test_rank_biased_overlap():
    a = ["aqua", "glycerin", "retinol", "squalane"]
    assert rank_biased_overlap(a, a) == pytest.approx(1.0)
    assert rank_biased_overlap(a, ["x", "y", "z"]) == 0.0
    swapped_top = ["glycerin", "aqua", "retinol", "squalane"]
    swapped_bottom = ["aqua", "glycerin", "squalane", "retinol"]
    # order-aware: a difference at the top costs more than one at the bottom
    assert rank_biased_overlap(a, swapped_bottom) > rank_biased_overlap(a, swapped_top) > 0.5


def test_same_list_reordered_is_a_possible_dupe_and_higher_actives_win():
    result = compare([SERUM, "Aqua, Retinol, Niacinamide, Glycerin, Sodium Hyaluronate, Phenoxyethanol"])
    [pair] = result.pairs
    assert pair["jaccard"] == 1.0
    assert any("possible dupe" in line for line in pair["verdict"])
    assert any("B has the same actives higher up: likely stronger" in line for line in pair["verdict"])


def test_shared_and_missing_actives_with_positions():
    result = compare([SERUM, "Aqua, Glycerin, Ascorbic Acid, Retinol, Phenoxyethanol"])
    rows = {r["inci"]: r for r in result.actives}
    assert rows["Retinol"]["shared"] and [x["position"] for x in rows["Retinol"]["in"]] == [4, 4]
    assert rows["Niacinamide"]["in"][1] is None
    assert rows["Ascorbic Acid"]["in"][0] is None
    verdict = " ".join(result.pairs[0]["verdict"])
    assert "B adds Ascorbic Acid" in verdict and "B lacks" in verdict and "Niacinamide" in verdict


def test_compare_pages_text_files_and_pasted_lists(tmp_path):
    listing = tmp_path / "cream.txt"
    listing.write_text("Aqua, Glycerin, Panthenol, Tocopherol", encoding="utf-8")
    result = compare([str(PAGES / "shopify-accordion.html"), str(listing), SERUM])
    assert len(result.products) == 3
    assert [(p["a"][0], p["b"][0]) for p in result.pairs] == [("A", "B"), ("A", "C"), ("B", "C")]  # every pair
    assert result.products[0].label.startswith("A: ")
    assert result.products[1].label == "B: cream"
    assert result.products[2].label == "C: pasted list"


def test_bad_inputs_are_clear_errors(tmp_path):
    with pytest.raises(CompareInputError, match="no such file"):
        compare([SERUM, str(tmp_path / "missing.html")])
    with pytest.raises(CompareInputError, match="no ingredient list"):
        compare([SERUM, str(PAGES / "negative-shoe.html")])
    with pytest.raises(CompareInputError, match="at least two"):
        compare([SERUM])


def test_compare_command():
    runner = CliRunner()
    out = runner.invoke(cli, ["compare", SERUM, "Aqua, Glycerin, Retinol"])
    assert out.exit_code == 0
    assert "A vs B:" in out.output and "Retinol" in out.output
    data = json.loads(runner.invoke(cli, ["compare", SERUM, "Aqua, Glycerin, Retinol", "--format", "json"]).output)
    assert [p["score"] for p in data["products"]] and data["pairs"][0]["verdict"]
    bad = runner.invoke(cli, ["compare", SERUM, "/no/such/page.html"])
    assert bad.exit_code == 2 and "no such file" in bad.output
    assert runner.invoke(cli, ["compare", SERUM]).exit_code == 2
    folder = runner.invoke(cli, ["compare", SERUM, str(PAGES)])
    assert folder.exit_code == 2 and "is a folder" in folder.output


def test_pasted_lists_with_other_separators_or_slashes_are_lists():
    long_list = "; ".join(["Aqua", "Glycerin", "Niacinamide", "Butylene Glycol", "Retinol"] * 12)
    result = compare(["Aqua/Water/Eau; Glycerin; Retinol", long_list])
    assert [p.label for p in result.products] == ["A: pasted list", "B: pasted list"]


def test_different_unlisted_peptides_are_not_the_same_active():
    result = compare(["Aqua, Glycerin, Palmitoyl Tripeptide-99, Phenoxyethanol", "Aqua, Glycerin, Acetyl Decapeptide-77, Phenoxyethanol"])
    assert {r["inci"] for r in result.actives} == {"Palmitoyl Tripeptide-99", "Acetyl Decapeptide-77"}
    assert not any(r["shared"] for r in result.actives)


def test_n_products_get_an_overall_order_and_a_winner():
    retinol = "Squalane, Caprylic/Capric Triglyceride, Retinol 1%, Tocopherol"
    niacinamide = "Water, Niacinamide 10%, Glycerin, Phenoxyethanol"
    # (actives far after the preservative, past the fragrance and its allergens: traces)
    traces = (
        "Water, Glycerin, Cetyl Alcohol, Phenoxyethanol, Xanthan Gum, Citric Acid, Sodium Benzoate, Parfum, "
        "Limonene, Linalool, Caprylyl Glycol, Sodium Hyaluronate, Adenosine, Tocopherol"
    )
    plain = "Water, Glycerin, Cetyl Alcohol, Phenoxyethanol"
    result = compare([traces, plain, retinol, niacinamide])
    order = [entry["label"][0] for entry in result.ranking]
    assert order == ["C", "D", "A", "B"]
    assert [entry["rank"] for entry in result.ranking] == [1, 2, 3, 4]
    assert result.winner.startswith("C: ")
    assert result.ranking[0]["strongest"]["inci"] == "Retinol"
    assert result.ranking[-1]["strongest"] is None and result.ranking[-1]["score"] == 0
    assert len(result.pairs) == 6
    scores = [entry["score"] for entry in result.ranking]
    assert scores == sorted(scores, reverse=True)


def test_a_shared_best_score_has_no_single_winner():
    result = compare(["Aqua, Retinol, Glycerin", "Aqua, Retinol, Glycerin", "Aqua, Glycerin"])
    assert [entry["rank"] for entry in result.ranking] == [1, 1, 3]
    assert result.winner is None


def test_compare_command_ranks_and_names_the_winner():
    out = CliRunner().invoke(cli, ["compare", "Aqua, Glycerin, Niacinamide, Phenoxyethanol", "Squalane, Retinol 1%, Tocopherol"])
    assert out.exit_code == 0, out.output
    assert "1. B: pasted list" in out.output and "Winner for firming: B: pasted list" in out.output
    data = json.loads(CliRunner().invoke(cli, ["compare", "--format", "json", "Aqua, Retinol", "Aqua, Glycerin, Panthenol"]).output)
    assert data["winner"] == "A: pasted list" and data["ranking"][0]["rank"] == 1


EXPORT_ROWS = [{"name": "X", "inci": "Aqua, Glycerin, Phenoxyethanol"}, {"name": "Y", "inci": "Aqua, Retinol, Phenoxyethanol"}]


@pytest.mark.parametrize("filename, body, hint", [
    ("shelf.json", json.dumps(EXPORT_ROWS), "analyzer batch "),
    ("shelf.jsonl", "\n".join(json.dumps(r) for r in EXPORT_ROWS), "analyzer batch "),
    ("shelf.csv", 'name,inci\nX,"Aqua, Glycerin"\nY,"Aqua, Retinol"\n', "analyzer batch "),
    ("shelf.txt", 'name;inci\nX;Aqua, Glycerin\nY;Aqua, Retinol\n', "analyzer batch --input-format csv "),
])
def test_an_export_of_many_products_is_refused_with_the_batch_command(tmp_path, filename, body, hint):
    # Read as one product, its rows would merge into one list ("Retinol 4004").
    path = tmp_path / filename
    path.write_text(body, encoding="utf-8")
    with pytest.raises(CompareInputError, match="compare takes one product per argument") as error:
        compare([str(path), SERUM])
    assert hint + str(path) in str(error.value)
    with pytest.raises(CompareInputError, match="the pasted text looks like a"):
        compare([SERUM, body])


def test_a_json_array_of_names_is_one_pasted_list():
    result = compare([SERUM, json.dumps(["Aqua", "Glycerin", "Retinol"])])
    assert len(result.products) == 2


def test_every_pair_says_how_its_scores_compare():
    close = compare(["Aqua, Glycerin, Retinol, Niacinamide", "Aqua, Glycerin, Retinol, Tocopherol"])
    [pair] = close.pairs
    a, b = (p.analysis.score for p in close.products)
    assert a != b and abs(a - b) < 10
    assert f"Close firming scores (A {a}, B {b})." in pair["verdict"]
