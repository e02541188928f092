"""Batch controls (--sort, --category, --min-score, --fail-under, the
summary), `score --name`, `score` pointing exports at `batch`, results kept
when inputs are broken, and an Analyzer that pickles without its caches."""
import csv
import io
import json
import pickle

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from analyzer.cli import EXIT_FAIL_UNDER, cli
from analyzer.core import Analyzer
from analyzer.document import Document
from analyzer.report import render_text

SHELF = {
    "Zeta Firm.txt": "Aqua, Glycerin, Retinol, Palmitoyl Tripeptide-1, Niacinamide, Sodium Hyaluronate, Tocopherol, Phenoxyethanol",
    "alpha glow.txt": "Water, Butylene Glycol, Ascorbic Acid, Panthenol, Xanthan Gum, Ethylhexylglycerin",
    "Mid Cream.txt": "Aqua, Glycerin, Caprylic/Capric Triglyceride, Niacinamide, Cetearyl Alcohol, Phenoxyethanol",
    "beta plain.txt": "Aqua, Cetearyl Alcohol, Glycerin, Dimethicone, Phenoxyethanol",
    "Omega Retinal.txt": "Aqua, Squalane, Retinal, Tocopherol, Phenoxyethanol",
}


@pytest.fixture(scope="module")
def shelf(tmp_path_factory):
    root = tmp_path_factory.mktemp("shelf")
    for name, text in SHELF.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "nothing.txt").write_text("Lovely texture, smells nice, would buy again", encoding="utf-8")
    return root


def batch(*args, **kwargs):
    return CliRunner().invoke(cli, ["batch", *map(str, args), "--jobs", "0"], catch_exceptions=False, **kwargs)


def lines_of(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def everything(shelf):
    """Every record, unfiltered, in input order: what the filters are checked against."""
    records = lines_of(batch(shelf, "--format", "jsonl"))
    assert len(records) == len(SHELF) + 1
    return records


def scored(records):
    return [r for r in records if r["status"] == "ok"]


# -- sort --------------------------------------------------------------------------


def test_sort_by_score_puts_the_best_first_and_unscored_last(shelf, everything):
    got = lines_of(batch(shelf, "--format", "jsonl", "--sort", "score"))
    scores = [r["score"] for r in scored(got)]
    assert scores == sorted(scores, reverse=True)
    assert got[-1]["status"] == "no_ingredients"
    assert len({r["score"] for r in scored(everything)}) >= 3  # the order is not a tie


def test_sort_by_name_ignores_case(shelf):
    got = scored(lines_of(batch(shelf, "--format", "jsonl", "--sort", "name")))
    names = [r["product"]["name"] for r in got]
    assert names == sorted(names, key=str.casefold)
    assert names != sorted(names)  # "alpha glow" before "Mid Cream": case really is ignored


def test_sort_by_path(shelf):
    got = scored(lines_of(batch(shelf, "--format", "jsonl", "--sort", "path")))
    paths = [r["path"] for r in got]
    assert paths == sorted(paths)


def test_table_and_csv_follow_the_sort(shelf, tmp_path):
    out = tmp_path / "by-name.csv"
    batch(shelf, "--format", "csv", "-o", out, "--sort", "name")
    rows = [r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))) if r["status"] == "ok"]
    assert [r["product"] for r in rows] == sorted((r["product"] for r in rows), key=str.casefold)
    table = batch(shelf, "--sort", "name", "--full-width").stdout.splitlines()
    shown = [name for line in table[2:] for name in (n.split(".")[0] for n in SHELF) if name in line]
    assert shown == sorted(shown, key=str.casefold)


# -- filters -----------------------------------------------------------------------


def test_category_filter_keeps_products_having_every_named_category(shelf, everything):
    retinoid = lines_of(batch(shelf, "--format", "jsonl", "--category", "retinoid"))
    assert {r["path"] for r in retinoid} == {r["path"] for r in scored(everything) if "retinoid" in r["categories"]}
    both = lines_of(batch(shelf, "--format", "jsonl", "--category", "retinoid", "--category", "peptide"))
    expected = {r["path"] for r in scored(everything) if {"retinoid", "peptide"} <= set(r["categories"])}
    assert {r["path"] for r in both} == expected
    assert 0 < len(expected) < len({r["path"] for r in retinoid})  # the second category narrowed it


def test_the_summary_says_how_many_products_the_filters_kept(shelf, everything):
    result = batch(shelf, "--category", "retinoid", "--min-score", 1)
    kept = [r for r in scored(everything) if "retinoid" in r["categories"] and r["score"] >= 1]
    assert f"{len(kept)} of {len(scored(everything))} scored products shown (--category retinoid and --min-score 1)" in result.stderr
    none = batch(shelf, "--category", "bakuchiol")
    assert f"0 of {len(scored(everything))} scored products shown (--category bakuchiol)" in none.stderr


def test_category_may_be_written_as_its_label(shelf):
    a = lines_of(batch(shelf, "--format", "jsonl", "--category", "vitamin_c"))
    b = lines_of(batch(shelf, "--format", "jsonl", "--category", "Vitamin C"))
    assert [r["path"] for r in a] == [r["path"] for r in b] and a


@pytest.mark.parametrize("written, category", [
    ("retinoids", "retinoid"), ("Vitamin A", "retinoid"), ("peptides", "peptide"), ("niacinamide", "vitamin_b3"),
    ("Hyaluronic acid", "hyaluronic_acid"), ("growth factors", "growth_factor"), ("tocopherols", "vitamin_e"),
])
def test_category_may_be_written_in_the_plural_or_by_a_name_in_its_label(written, category):
    from analyzer.cli import _category_id
    from analyzer.knowledge import load_knowledge

    assert _category_id(written, load_knowledge()) == category


def test_unknown_category_is_a_usage_error(shelf):
    result = CliRunner().invoke(cli, ["batch", str(shelf), "--category", "unicorn"])
    assert result.exit_code == 2 and "unknown category unicorn" in result.output and "retinoid" in result.output


def test_min_score_keeps_products_at_or_above_it(shelf, everything):
    ok = scored(everything)
    bar = sorted(r["score"] for r in ok)[len(ok) // 2]  # the median: some in, some out
    got = lines_of(batch(shelf, "--format", "jsonl", "--min-score", bar))
    assert {r["path"] for r in got} == {r["path"] for r in ok if r["score"] >= bar}
    assert 0 < len(got) < len(ok)


def test_filters_apply_to_the_table_and_its_summary(shelf, everything):
    result = batch(shelf, "--category", "retinoid", "--full-width")
    table, _, summary = result.stdout.partition("\n\n")
    kept = [r for r in scored(everything) if "retinoid" in r["categories"]]
    assert len(table.splitlines()) == 2 + len(kept)
    assert summary.startswith(f"Categories in {len(kept)} scored product")
    assert f"retinoid {len(kept)}" in summary


# -- fail-under --------------------------------------------------------------------


def test_fail_under_exits_3_when_a_product_is_below(shelf, everything, tmp_path):
    lowest = min(r["score"] for r in scored(everything))
    out = tmp_path / "checked.csv"
    failed = batch(shelf, "--fail-under", lowest + 1, "--format", "csv", "-o", out)
    assert failed.exit_code == EXIT_FAIL_UNDER == 3
    below = sum(r["score"] < lowest + 1 for r in scored(everything))
    assert f"{below} product{'s' if below != 1 else ''} scored below {lowest + 1}" in failed.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == len(everything)  # the results are written all the same
    passed = batch(shelf, "--fail-under", lowest)
    assert passed.exit_code == 0


def test_fail_under_counts_products_a_filter_hides(shelf, everything):
    """The check is over every scored product, not only those shown."""
    lowest = min(r["score"] for r in scored(everything))
    top = max(r["score"] for r in scored(everything))
    result = batch(shelf, "--min-score", top, "--fail-under", lowest + 1, "--format", "jsonl")
    assert result.exit_code == 3
    assert all(r["score"] >= top for r in lines_of(result))


def test_fail_under_ignores_inputs_without_a_score(tmp_path):
    (tmp_path / "good.txt").write_text(SHELF["Zeta Firm.txt"], encoding="utf-8")
    (tmp_path / "prose.txt").write_text("Nice and light", encoding="utf-8")
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 20)
    good = lines_of(batch(tmp_path / "good.txt", "--format", "jsonl"))[0]["score"]
    assert batch(tmp_path, "--fail-under", good).exit_code == 0
    failed = batch(tmp_path, "--fail-under", good + 1)
    assert failed.exit_code == 3
    assert f"1 product scored below {good + 1}:\n  {tmp_path / 'good.txt'} (good): {good}" in failed.stderr


def test_fail_under_fails_a_check_that_scored_nothing(tmp_path):
    # An export whose list column was not found, a folder of pages without lists:
    # a catalogue check that checked nothing must not pass.
    (tmp_path / "prose.txt").write_text("Nice and light", encoding="utf-8")
    result = batch(tmp_path, "--fail-under", 10)
    assert result.exit_code == 3 and "no product was scored" in result.stderr


# -- summary -------------------------------------------------------------------------


def test_report_has_the_same_summary_as_the_table(shelf, everything, tmp_path):
    report = tmp_path / "report.html"
    result = batch(shelf, "--report", report, "--full-width")
    summary = result.stdout.partition("\n\n")[2]
    soup = BeautifulSoup(report.read_text(encoding="utf-8"), "lxml")
    rows = soup.select("section.summary tbody tr")
    assert rows
    for row in rows:
        name, count = row.select_one(".chip").get_text(), row.select_one("td.pts").get_text()
        assert f"{name} {count}" in summary
    grades = " ".join(g.get_text() for g in soup.select("section.summary .grade"))
    assert grades == summary.partition("Grades: ")[2].strip().replace(",", "")


# -- broken inputs -------------------------------------------------------------------


def test_output_is_written_when_one_input_is_broken(shelf, tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_bytes(b'{"id": "x", "ingredients": "Aqua, Retinol"}\n{not json\n\xff\xfe\n')
    dangling = tmp_path / "gone.csv"
    dangling.symlink_to(tmp_path / "deleted.csv")
    out, report = tmp_path / "out.csv", tmp_path / "report.html"
    result = batch(shelf, broken, dangling, "--format", "csv", "-o", out, "--report", report)
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    statuses = [r["status"] for r in rows]
    assert statuses.count("ok") == len(SHELF) + 1
    errors = {r["path"]: r["error"] for r in rows if r["status"] == "error"}
    assert errors[f"{broken}#row=2"].startswith("line 2 is not JSON") and "not valid UTF-8" in errors[f"{broken}#row=3"]
    assert "cannot read" in errors[str(dangling)]
    assert "Traceback" not in result.output
    assert len(BeautifulSoup(report.read_text(encoding="utf-8"), "lxml").select("article.product")) == len(SHELF) + 1


# -- score ---------------------------------------------------------------------------


def test_score_name_titles_the_report():
    result = CliRunner().invoke(cli, ["score", "--name", "My Night Serum", SHELF["Zeta Firm.txt"]])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "My Night Serum"
    assert result.output.splitlines()[1].startswith("Firming score:")


@pytest.mark.parametrize("text, kind", [
    ('name,ingredients\nA,"Aqua, Retinol"\nB,"Aqua, Glycerin"\n', "CSV export"),
    ('name;INCI\nA;Aqua, Retinol', "CSV export"),  # one row, no final new line
    ('[{"name": "A", "inci": "Aqua, Retinol"}]', "JSON export"),
    ('{"name": "A", "ingredients": "Aqua, Retinol"}', "JSON export"),
    ('{"name": "A", "ingredients": "Aqua, Retinol"}\n{"name": "B", "ingredients": "Aqua"}\n', "JSON Lines export"),
])
def test_score_points_exports_at_batch(tmp_path, text, kind):
    piped = CliRunner().invoke(cli, ["score"], input=text)
    assert piped.exit_code == 1
    assert kind in piped.output and "analyzer batch FILE" in piped.output
    assert "Traceback" not in piped.output and len(piped.output.strip().splitlines()) == 1
    path = tmp_path / "my export.data"
    path.write_text(text, encoding="utf-8")
    named = CliRunner().invoke(cli, ["score", "--file", str(path)])
    assert named.exit_code == 1 and f"analyzer batch '{path}'" in named.output


def test_score_still_reads_a_json_array_of_names():
    result = CliRunner().invoke(cli, ["score", "--format", "json"], input='["Aqua", "Glycerin", "Retinol"]')
    assert result.exit_code == 0
    assert "Retinol" in [a["inci"] for a in json.loads(result.output)["actives"]]


def test_score_shows_declared_free_from_names():
    text = "Aqua, Glycerin, Niacinamide, Phenoxyethanol. Free from parabens, silicones and mineral oil."
    result = CliRunner().invoke(cli, ["score", text])
    assert result.exit_code == 0
    data = json.loads(CliRunner().invoke(cli, ["score", text, "--format", "json"]).output)
    assert data["free_from"]
    assert f"Declared free of: {', '.join(data['free_from'])}" in result.output
    assert "parabens" in data["free_from"] and "Parabens" not in [i["name"] for i in data["ingredients"]]


def test_no_free_from_line_without_claims():
    analysis = Analyzer().analyze_text("Aqua, Glycerin, Niacinamide, Phenoxyethanol")
    assert "Declared free of" not in render_text(analysis)


# -- the Analyzer travels without its caches ---------------------------------------------


def test_analyzer_pickles_without_its_caches():
    analyzer = Analyzer()
    before = len(pickle.dumps(analyzer))
    texts = list(SHELF.values()) + ["Aqua, Glycerin, Retinoll, Niacinamde, Phenoxyethanol"]
    page = "<html><body><h2>Ingredients</h2><p>Aqua, Glycerin, Retinol, Adenosine, Phenoxyethanol</p></body></html>"
    documents = [Document(f"t{i}", t, "text") for i, t in enumerate(texts)] + [Document("page", page, "html")]
    first = [analyzer.analyze(d).to_dict() for d in documents]
    assert analyzer._parsed and analyzer._matcher is not None  # the caches did fill
    assert len(pickle.dumps(analyzer)) == before
    assert len(pickle.dumps(analyzer.kb)) == len(pickle.dumps(Analyzer().kb))
    copy = pickle.loads(pickle.dumps(analyzer))
    again = [copy.analyze(d).to_dict() for d in documents]
    strip = lambda rs: [{k: v for k, v in r.items() if k != "seconds"} for r in rs]  # noqa: E731
    assert strip(again) == strip(first)
    assert all(r["status"] == "ok" for r in first)
