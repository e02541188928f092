"""The same lists give the same analyses whichever way they come in: rows of
a CSV, a TSV, JSON Lines, a JSON array, or one .txt file each."""
import csv
import json

import pytest
from click.testing import CliRunner

from analyzer.cli import cli

# Made-up products; the names double as file names ("Lift-Serum-1.txt" -> "Lift Serum 1").
PRODUCTS = {
    "Lift Serum 1": "Aqua, Glycerin, Retinol, Palmitoyl Tripeptide-1, Niacinamide, Sodium Hyaluronate, Tocopherol, Phenoxyethanol",
    "Glow Drops 2": "Water, Butylene Glycol, Ascorbic Acid, Ferulic Acid, Panthenol, Xanthan Gum, Ethylhexylglycerin",
    "Plain Lotion 3": "Aqua, Cetearyl Alcohol, Glycerin, Dimethicone, Phenoxyethanol",
    "Eye Gel 4": "Aqua, Adenosine, Bakuchiol, Ceramide NP, Squalane, Sodium Benzoate, Acetyl Hexapeptide-8, Myristoyl Nonapeptide-77",
    "Kit Night 5": "Step 1 Cleanser: Aqua, Sodium Laureth Sulfate, Glycerin, Retinyl Palmitate\n"
                   "Step 2 Cream: Aqua, Niacinamide, Hydrolyzed Hyaluronic Acid, Tocopheryl Acetate, Phenoxyethanol",
    "Typos 6": "Aqua, Glycerin, Retinoll, Sodium Hyaluronat, Niacinamde, Phenoxyethanol",
    "Percent 7": "Aqua, Niacinamide 10%, Zinc PCA 1%, Tamarindus Indica Seed Gum, Phenoxyethanol",
}
# What may differ between paths: where the record came from, and how long it took.
WHERE = {"path", "seconds", "encoding", "source"}


def analysed(records):
    """name -> everything a record says about the product, not about the input."""
    return {r["product"]["name"]: {k: v for k, v in r.items() if k not in WHERE} for r in records}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("paths")
    texts = root / "texts"
    texts.mkdir()
    for name, text in PRODUCTS.items():
        (texts / (name.replace(" ", "-") + ".txt")).write_text(text, encoding="utf-8")
    for name, delimiter in (("export.csv", ","), ("export.tsv", "\t")):
        with open(root / name, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter)
            writer.writerow(["name", "ingredients"])
            writer.writerows(PRODUCTS.items())
    rows = [{"product_name": name, "ingredients_text": text} for name, text in PRODUCTS.items()]
    (root / "export.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (root / "export.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return root


def run(*args):
    result = CliRunner().invoke(cli, ["batch", *map(str, args), "--format", "jsonl", "--jobs", "0"], catch_exceptions=False)
    assert result.exit_code == 0
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def from_texts(inputs):
    records = run(inputs / "texts")
    assert len(records) == len(PRODUCTS)
    return analysed(records)


@pytest.mark.parametrize("export", ["export.csv", "export.tsv", "export.jsonl", "export.json"])
def test_exports_and_text_files_give_identical_analyses(inputs, from_texts, export):
    records = run(inputs / export)
    assert [r["product"]["name"] for r in records] == list(PRODUCTS)  # in input order
    assert analysed(records) == from_texts


def test_the_lists_exercise_what_is_compared(from_texts):
    """Guard against a vacuous comparison: the lists give scored products with
    actives of several kinds, a kit and fuzzy matches."""
    assert all(r["status"] == "ok" and r["strategy"] == "text" for r in from_texts.values())
    assert len({r["score"] for r in from_texts.values()}) >= 4
    kinds = {a["match"] for r in from_texts.values() for a in r["actives"]}
    assert {"exact", "fuzzy", "rule"} <= kinds
    assert len(from_texts["Kit Night 5"]["lists"]) == 2
    assert from_texts["Plain Lotion 3"]["actives"] == []


def test_files_a_folder_holds_beside_the_lists_are_counted_and_named(tmp_path):
    # An export in the folder is not read as a list (its rows are products):
    # the run says it was left out and how to read it.
    (tmp_path / "serum.txt").write_text("Aqua, Glycerin, Retinol", encoding="utf-8")
    (tmp_path / "shelf.csv").write_text('name,ingredients\nX,"Aqua, Niacinamide"\n', encoding="utf-8")
    (tmp_path / "shelf.json").write_text("[]", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\0")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1
    assert "skipped 2 files in the folders that match no pattern (1 .csv, 1 .json)" in result.stderr.lower()
    assert "--glob '*.csv'" in result.stderr
    (tmp_path / "serum.txt").unlink()
    empty = CliRunner().invoke(cli, ["batch", str(tmp_path)])
    assert empty.exit_code == 2 and "skipped 2 files" in empty.output
