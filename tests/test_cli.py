import json

import pytest
from click.testing import CliRunner

from analyzer.cli import cli

SERUM = "Aqua, Glycerin, Retinol, Palmitoyl Tripeptide-1, Sodium Hyaluronat, Ascorbic Acid, Phenoxyethanol, Tocopherol"


@pytest.fixture()
def run():
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


def test_score_json_shape_is_pinned(run):
    result = run("score", SERUM, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert {"score", "grade", "verdict", "categories", "ingredients", "actives", "notes", "cautions", "lists", "one_percent_line"} <= set(data)
    assert 0 <= data["score"] <= 100
    assert data["ingredients"][0] == {"position": 1, "name": "Aqua", "aliases": [], "percent": None, "section": "main", "list": 0}
    actives = {a["inci"]: a for a in data["actives"]}
    assert set(actives) == {"Retinol", "Palmitoyl Tripeptide-1", "Sodium Hyaluronate", "Ascorbic Acid", "Tocopherol"}
    retinol = actives["Retinol"]
    for key in ("inci", "category", "position", "matched", "match", "similarity", "contribution"):
        assert key in retinol
    assert (retinol["category"], retinol["position"], retinol["match"], retinol["similarity"]) == ("retinoid", 3, "exact", 100.0)
    typo = actives["Sodium Hyaluronate"]
    assert (typo["matched"], typo["match"]) == ("Sodium Hyaluronat", "fuzzy")
    assert 90 <= typo["similarity"] < 100
    assert round(sum(a["contribution"] for a in data["actives"]), 6) == data["score"]
    assert "pregnancy" in data["cautions"]


def test_score_text_report(run):
    result = run("score", SERUM)
    assert result.exit_code == 0
    out = result.output
    assert "Firming score:" in out and "/100" in out
    assert "Retinol" in out and "retinoid" in out
    assert "fuzzy" in out  # the typo is shown as a fuzzy match
    assert "pregnancy" in out.lower()


def test_unquoted_words_are_joined(run):
    result = run("score", "Aqua,", "Glycerin,", "Retinol", "--format", "json")
    assert [i["name"] for i in json.loads(result.output)["ingredients"]] == ["Aqua", "Glycerin", "Retinol"]


def test_score_reads_standard_input(run):
    for args in (("score", "--format", "json"), ("score", "-", "--format", "json")):
        result = run(*args, input="Water\nNiacinamide\nGlycerin\n")
        assert result.exit_code == 0
        assert json.loads(result.output)["actives"][0]["inci"] == "Niacinamide"


def test_score_reads_a_file(run, tmp_path):
    path = tmp_path / "list.txt"
    path.write_text("Ingrédients : Aqua, Rétinol, Glycérine", encoding="cp1252")
    result = run("score", "--file", str(path), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)["actives"][0]["inci"] == "Retinol"


@pytest.mark.parametrize("text", ["", "   ", "Visit the Dior boutique", "-Retinol: smooths fine lines and wrinkles."])
def test_no_list_is_a_clear_error_without_traceback(run, text):
    result = run("score", "--", text)
    assert result.exit_code == 1
    assert "no ingredient list found" in result.output
    assert "Traceback" not in result.output


def test_missing_file_is_a_usage_error(run, tmp_path):
    result = run("score", "--file", str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    assert "does not exist" in result.output


@pytest.mark.parametrize("command", ["score", "parse"])
def test_binary_input_is_a_one_line_error(run, tmp_path, command):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 10)
    result = run(command, "--file", str(path))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: {path}: not a text file: looks like a JPEG image"]
    piped = run(command, input=b"\x1f\x8b\x08\x00" + bytes(300))
    assert piped.exit_code == 1 and "standard input: not a text file" in piped.output


def test_prose_with_commas_is_not_a_list(run):
    result = run("score", "This serum is amazing, I love it, my skin feels firmer, would buy again")
    assert result.exit_code == 1 and "no ingredient list found" in result.output


def test_explain_without_a_name_is_a_usage_error(run):
    assert run("explain", "").exit_code == 2


def test_broken_kb_file_is_a_clear_error(run, tmp_path):
    path = tmp_path / "kb.yaml"
    path.write_text("actives:\n  - inci: X\n    category: nope\n    weight: 1\n", encoding="utf-8")
    result = run("score", "Aqua, Retinol, Glycerin", "--kb", str(path))
    assert result.exit_code == 1
    assert "unknown category 'nope'" in result.output and str(path) in result.output


def test_parse_command_shows_positions_aliases_and_sections(run):
    result = run("parse", "Ingredients: Aqua/Water/Eau, Niacinamide 10%, Mica. May contain: CI 77491")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].strip() == "1. Aqua  (also: Water / Eau)"
    assert "2. Niacinamide  (10%)" in result.output
    assert "May contain:" in result.output and "4. CI 77491" in result.output


def test_parse_json(run):
    data = json.loads(run("parse", "Water, Glycerin", "--format", "json").output)
    assert [i["name"] for i in data["ingredients"]] == ["Water", "Glycerin"]


def test_evaluate_command_prints_precision_and_recall(run, corpus):
    result = run("evaluate", "tests/data/devset.jsonl")
    assert result.exit_code == 0
    assert "precision" in result.output and "recall" in result.output
    assert "retinoid" in result.output


def test_help_has_examples(run):
    for command in ("score", "parse", "evaluate"):
        assert "Example:" in run(command, "--help").output


def test_module_entry_point():
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "analyzer", "score", "Aqua, Retinol, Glycerin", "--format", "json"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0
    assert json.loads(done.stdout)["actives"][0]["inci"] == "Retinol"


def test_score_type_option_overrides_what_the_name_says():
    text = "Water, Glycerin, Niacinamide, Adenosine, Phenoxyethanol"
    named = json.loads(CliRunner().invoke(cli, ["score", "--name", "Foaming Cleanser", "--format", "json", text]).output)
    given = json.loads(CliRunner().invoke(cli, ["score", "--name", "Foaming Cleanser", "--type", "leave_on", "--format", "json", text]).output)
    assert named["product_type"]["type"] == "rinse_off" and named["product_type"]["basis"] == "name"
    assert given["product_type"]["type"] == "leave_on" and given["product_type"]["basis"] == "given"
    assert given["score"] > named["score"]
    bad = CliRunner().invoke(cli, ["score", "--type", "spray", text])
    assert bad.exit_code == 2 and "Invalid value for '--type'" in bad.output


LONG_NAMES = (
    "Aqua, Dipeptide Diaminobutyroyl Benzylamide Diacetate, Palmitoyl Tripeptide-1 (Matrixyl 3000 peptide complex), "
    "Retinol, Phenoxyethanol"
)


@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize("command", [["score", LONG_NAMES], ["compare", LONG_NAMES, "Aqua, Glycerin, Retinol"]])
def test_text_output_fits_the_terminal(columns, command):
    from analyzer.report import display_width

    result = CliRunner().invoke(cli, command, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    assert max(display_width(line) for line in result.output.splitlines()) < columns
    if command[0] == "score" and columns == 80:
        assert "…" in result.output  # long names are cut to fit, not the table widened


def test_wide_letters_keep_the_table_aligned(run):
    from analyzer.report import display_width

    out = run("score", "정제수, 글리세린, 레티놀, 나이아신아마이드, 페녹시에탄올").output
    rows = [line for line in out.splitlines() if "+" in line and ("Retinol" in line or "Niacinamide" in line)]
    assert len(rows) == 2
    # the column after the names starts at the same terminal column in both rows
    starts = [display_width(row[: row.index("Retinol" if "Retinol" in row else "Niacinamide")]) for row in rows]
    assert starts[0] == starts[1]


def test_parse_shows_what_was_set_aside_and_the_free_from_names(run):
    text = (
        "Ingredients: Aqua, Glycerin, Retinol*, Phenoxyethanol.\n*Organic\n"
        "Free from parabens and retinyl palmitate.\nTags: retinol, peptides"
    )
    out = run("parse", text).output
    assert "Declared free of: parabens, retinyl palmitate" in out
    assert "Set aside as not the list (3 lines):\n  *Organic\n  Free from parabens" in out and "  Tags: retinol, peptides" in out
    data = json.loads(run("parse", "--format", "json", text).output)
    assert data["free_from"] == ["parabens", "retinyl palmitate"]
    assert data["set_aside"] == ["*Organic", "Free from parabens and retinyl palmitate.", "Tags: retinol, peptides"]
    assert [i["name"] for i in data["ingredients"]] == ["Aqua", "Glycerin", "Retinol", "Phenoxyethanol"]


def test_an_inci_table_with_its_header_is_one_list_not_an_export(run, tmp_path):
    table = tmp_path / "table.txt"
    table.write_text("INCI Name\tFunction\nAqua\tSolvent\nGlycerin\tHumectant\nRetinol\tSkin conditioning\n", encoding="utf-8")
    result = run("score", "--file", str(table), "--format", "json")
    assert result.exit_code == 0 and [a["inci"] for a in json.loads(result.output)["actives"]] == ["Retinol"]
