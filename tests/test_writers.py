"""Batch outputs, one module per format in analyzer/writers: what each prints
for the same records, and the options that shape them."""
import csv
import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from analyzer.batch import category_summary, sort_records
from analyzer.cli import cli
from analyzer.core import Analyzer
from analyzer.document import Document
from analyzer.writers import WRITERS, Options
from analyzer.writers import csv as csv_writer
from analyzer.writers import table as table_writer

XSS_NAME = '<img src=x onerror="alert(1)">Serum'
XSS_BRAND = '"><script>alert(2)</script>'
LISTS = [
    ("firm", "Lift Serum", "Northwind", "Aqua, Glycerin, Retinol, Palmitoyl Tripeptide-1, Niacinamide, Sodium Hyaluronate, Tocopherol, Phenoxyethanol"),
    ("family", "Peptide Mist", None, "Aqua, Glycerin, Myristoyl Nonapeptide-77, Phenoxyethanol"),
    ("claims", "Clean Cream", "Southwind", "Aqua, Glycerin, Niacinamide, Phenoxyethanol. Free from parabens and silicones."),
    ("plain", "Plain Lotion", None, "Aqua, Cetearyl Alcohol, Glycerin, Dimethicone, Phenoxyethanol"),
    ("xss", XSS_NAME, XSS_BRAND, "Aqua, Ascorbic Acid, Glycerin, Phenoxyethanol"),
    ("kit", "Night Kit", None, "Step 1 Cleanser: Aqua, Sodium Laureth Sulfate, Glycerin\nStep 2 Cream: Aqua, Adenosine, Tocopherol, Phenoxyethanol"),
]


@pytest.fixture(scope="module")
def records():
    analyzer = Analyzer()
    out = []
    for ident, name, brand, text in LISTS:
        meta = {"name": name, **({"brand": brand} if brand else {})}
        out.append(analyzer.analyze(Document(ident, text, "text", meta)).to_dict())
    out.append(analyzer.analyze(Document("empty", "", "text", {"name": "No List"})).to_dict())
    out.append(analyzer.analyze(Document("broken", None, error="malformed row: 5 fields where the header has 3")).to_dict())
    return out


@pytest.fixture(scope="module")
def ranked(records):
    return sort_records(records, "score")


def by_path(records):
    return {r["path"]: r for r in records}


def test_every_format_is_a_batch_choice():
    help_text = CliRunner().invoke(cli, ["batch", "--help"]).output
    assert set(WRITERS) == {"table", "text", "csv", "json", "jsonl", "html"}
    for name in WRITERS:
        assert f"{name}:" in help_text


def test_the_records_cover_every_case(records):
    """The fixtures hold what the writers must cope with."""
    statuses = [r["status"] for r in records]
    assert statuses.count("ok") == len(LISTS) and "no_ingredients" in statuses and "error" in statuses
    assert by_path(records)["family"]["actives"][0]["rule"]
    assert by_path(records)["claims"]["free_from"] == ["parabens", "silicones"]


# -- table -------------------------------------------------------------------------


def cells_shortened(text):
    return "…" in text


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_table_fits_the_width(ranked, width):
    text = table_writer.render(ranked, Options(width=width, summary=category_summary(ranked)))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    assert lines[0].split()[:3] == ["#", "score", "product"]
    assert [line.split()[0] for line in lines[2:2 + len(ranked)]] == [str(i) for i in range(1, len(ranked) + 1)]
    assert cells_shortened(text)  # these records do not fit in full


def test_a_wide_table_shortens_nothing(ranked):
    text = table_writer.render(ranked, Options(width=300))
    assert not cells_shortened(text)
    assert "Northwind - Lift Serum" in text and "Myristoyl Nonapeptide-77 (+" in text
    assert max(len(line) for line in text.splitlines()) <= 300


def test_full_width_never_shortens(ranked):
    text = table_writer.render(ranked, Options(width=40, full_width=True))
    assert not cells_shortened(text)
    assert max(len(line) for line in text.splitlines()) > 40


def test_table_lists_at_most_three_actives_per_product(ranked):
    firm = by_path(ranked)["firm"]
    row = next(line for line in table_writer.render(ranked, Options(full_width=True)).splitlines() if "Lift Serum" in line)
    names = [a["inci"] for a in firm["actives"]]
    assert all(n in row for n in names[:3]) and f"+{len(names) - 3} more" in row


def test_a_table_piped_on_or_written_to_a_file_is_never_cut(tmp_path):
    # No terminal and no COLUMNS: nothing to fit, so no name loses its end.
    for name, _, _, text in LISTS:
        (tmp_path / f"{name}-with-a-rather-long-file-name-for-the-file-column-that-goes-on-and-on.txt").write_text(text, encoding="utf-8")
    piped = CliRunner(env={"COLUMNS": ""}).invoke(cli, ["batch", str(tmp_path), "--jobs", "0"])
    assert not cells_shortened(piped.stdout) and max(len(line) for line in piped.stdout.splitlines()) > 120
    out = tmp_path / "ranking.txt"
    CliRunner(env={"COLUMNS": "60"}).invoke(cli, ["batch", str(tmp_path), "--jobs", "0", "-o", str(out), "--glob", "*.txt"])
    assert not cells_shortened(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("columns", ["60", "200"])
def test_batch_table_follows_the_columns_variable(tmp_path, columns):
    for name, _, _, text in LISTS:
        (tmp_path / f"{name}-with-a-rather-long-file-name-for-the-file-column.txt").write_text(text, encoding="utf-8")
    result = CliRunner(env={"COLUMNS": columns}).invoke(cli, ["batch", str(tmp_path), "--jobs", "0"])
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= int(columns)
    full = CliRunner(env={"COLUMNS": columns}).invoke(cli, ["batch", str(tmp_path), "--jobs", "0", "--full-width"])
    assert not cells_shortened(full.stdout)
    assert str(tmp_path / "plain-with-a-rather-long-file-name-for-the-file-column.txt") in full.stdout


def test_summary_under_the_table_counts_categories_and_grades(ranked):
    text = table_writer.render(ranked, Options(width=60, summary=category_summary(ranked)))
    _, _, summary = text.partition("\n\n")
    summary = " ".join(summary.split())  # undo the wrapping
    ok = [r for r in ranked if r["status"] == "ok"]
    assert summary.startswith(f"Categories in {len(ok)} scored products: ")
    for category in {c for r in ok for c in r["categories"]}:
        count = sum(category in r["categories"] for r in ok)
        assert f"{category.replace('_', ' ')} {count}" in summary
    grades = dict(re.findall(r"\b([A-E]) (\d+)", summary.partition("Grades:")[2]))
    assert sum(map(int, grades.values())) == len(ok)
    for grade in "ABCDE":
        assert int(grades[grade]) == sum(r["grade"] == grade for r in ok)


# -- csv ---------------------------------------------------------------------------


def test_csv_parses_back_to_the_records(ranked):
    rows = list(csv.DictReader(io.StringIO(WRITERS["csv"].render(ranked, Options()))))
    assert list(rows[0]) == csv_writer.FIELDS
    assert [r["path"] for r in rows] == [r["path"] for r in ranked]
    assert [r["rank"] for r in rows] == [str(i) for i in range(1, len(ranked) + 1)]
    for row, record in zip(rows, ranked):
        assert row["status"] == record["status"]
        assert row["product"] == (record["product"]["name"] or "")
        assert row["brand"] == (record["product"]["brand"] or "")
        if record["status"] == "ok":
            assert (int(row["score"]), row["grade"]) == (record["score"], record["grade"])
            assert row["categories"].split() == record["categories"]
            assert int(row["ingredients"]) == len(record["ingredients"])
        else:
            assert row["score"] == ""
    assert by_path(rows)["broken"]["error"].startswith("malformed row")
    assert by_path(rows)["xss"]["product"] == XSS_NAME  # quoted as it is, not escaped


def test_csv_stream_is_header_then_one_line_per_record(records):
    writer = WRITERS["csv"]
    streamed = writer.head + "".join(writer.line(r) + "\n" for r in records)
    rows = list(csv.DictReader(io.StringIO(streamed)))
    assert [r["path"] for r in rows] == [r["path"] for r in records]
    assert all(r["rank"] == "" for r in rows)


# -- json and jsonl ------------------------------------------------------------------


def test_json_is_the_records_as_they_are(ranked):
    data = json.loads(WRITERS["json"].render(ranked, Options()))
    assert data == ranked


def test_record_shape(records):
    for record in records:
        assert {"path", "status", "error", "reason", "product", "strategy", "locator", "free_from", "seconds"} <= set(record)
    claims = by_path(records)["claims"]
    assert claims["free_from"] == ["parabens", "silicones"]
    assert claims["strategy"] == "text" and claims["locator"] is None
    kit = by_path(records)["kit"]
    assert [lst["title"] for lst in kit["lists"]] == ["Step 1 Cleanser", "Step 2 Cream"]
    assert all(lst["ordered"] is True for lst in kit["lists"])
    assert [a["list"] for a in kit["actives"]] and {a["list"] for a in kit["actives"]} <= {0, 1}


def test_jsonl_is_one_record_per_line(records):
    text = WRITERS["jsonl"].render(records, Options())
    assert [json.loads(line) for line in text.splitlines()] == records
    assert WRITERS["jsonl"].keeps_input_order and not WRITERS["csv"].keeps_input_order


def test_batch_jsonl_keeps_the_input_order(tmp_path):
    # Ranked by score the order would differ: the weakest list comes first.
    rows = [("r1", LISTS[3][3]), ("r2", LISTS[0][3]), ("r3", LISTS[2][3]), ("r4", LISTS[1][3])] * 3
    path = tmp_path / "order.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([("id", "ingredients")] + [(f"{i}-{n}", t) for n, (i, t) in enumerate(rows)])
    expected = [f"{i}-{n}" for n, (i, _) in enumerate(rows)]
    for jobs in ("0", "3"):
        result = CliRunner().invoke(cli, ["batch", str(path), "--format", "jsonl", "--jobs", jobs])
        got = [json.loads(line) for line in result.stdout.splitlines()]
        assert [r["path"] for r in got] == expected
        assert [r["score"] for r in got] != sorted((r["score"] for r in got), reverse=True)
    ranked = CliRunner().invoke(cli, ["batch", str(path), "--format", "jsonl", "--jobs", "0", "--sort", "score"])
    scores = [json.loads(line)["score"] for line in ranked.stdout.splitlines()]
    assert scores == sorted(scores, reverse=True)


# -- html --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report(ranked):
    html = WRITERS["html"].render(ranked, Options(summary=category_summary(ranked)))
    return html, BeautifulSoup(html, "lxml")


def test_html_escapes_names_and_brands(report):
    html, soup = report
    assert "<img src=x" not in html and "<script>alert(2)" not in html
    products = soup.select("article.product")
    assert len(products) == len(LISTS)
    xss = next(p for p in products if XSS_NAME in p.select_one(".name b").get_text())
    assert xss.select_one(".name b").get_text() == XSS_NAME
    assert xss.select_one(".brand").get_text() == XSS_BRAND
    assert len(soup.find_all("script")) == 2  # the data block and the report's own script, nothing injected


def test_html_family_chips_show_the_name_on_the_label(report, ranked):
    _, soup = report
    family = by_path(ranked)["family"]["actives"][0]
    assert family["inci"] != family["matched"]
    chips = [c.get_text() for c in soup.select(".chip")]
    assert family["matched"] in chips and family["inci"] not in chips


def test_html_summary_counts_categories_and_grades(report, ranked):
    _, soup = report
    section = soup.select_one("section.summary")
    ok = [r for r in ranked if r["status"] == "ok"]
    assert f"Summary of {len(ok)} scored products" in section.get_text()
    counts = {row.select_one(".chip").get_text(): int(row.select_one("td.pts").get_text()) for row in section.select("tbody tr")}
    expected = {}
    for r in ok:
        for c in r["categories"]:
            expected[c.replace("_", " ")] = expected.get(c.replace("_", " "), 0) + 1
    assert counts == expected
    grades = [g.get_text().split() for g in section.select(".grade")]
    assert {g: int(n) for g, n in grades} == {g: sum(r["grade"] == g for r in ok) for g in "ABCDE"}


def test_html_data_block_is_json(report, ranked):
    _, soup = report
    data = json.loads(soup.find("script", id="report-data").string)
    ok = [r for r in ranked if r["status"] == "ok"]
    assert data == {"products": len(ok), "categories": sorted({c for r in ok for c in r["categories"]})}


def test_html_lists_records_without_a_score(report):
    _, soup = report
    others = soup.select("ul.other li")
    assert len(others) == 2
    text = " ".join(li.get_text() for li in others)
    assert "No List" in text and "no ingredient list" in text and "malformed row" in text


def test_html_explanation_hides_a_label_that_repeats_the_active(report, ranked):
    """On a phone the explanation rows drop the label when it is the active's own name."""
    _, soup = report
    rows = {}
    for article in soup.select("article.product"):
        for tr in article.select("table.explain tbody tr"):
            cells = tr.find_all("td")
            rows[cells[1].get_text()] = "same" in (cells[1].get("class") or [])
    assert rows["Retinol"] is True
    assert rows["Myristoyl Nonapeptide-77"] is False


# -- text and names -------------------------------------------------------------------


def test_text_writer_gives_each_product_its_report(ranked):
    text = WRITERS["text"].render(ranked, Options())
    assert text.count("Firming score:") == len(LISTS)
    assert "Northwind - Lift Serum" in text
    assert "Declared free of: parabens, silicones" in text
    assert "No ingredient list:" in text and "Error: malformed row" in text


def test_names_from_text_file_names_keep_their_case(tmp_path):
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    (shelf / "Firm-Serum_XL.txt").write_text(LISTS[0][3], encoding="utf-8")
    (shelf / "vitamin_C-booster.txt").write_text(LISTS[4][3], encoding="utf-8")
    report = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["batch", str(shelf), "--jobs", "0", "--format", "jsonl", "--report", str(report)])
    names = sorted(json.loads(line)["product"]["name"] for line in result.stdout.splitlines())
    assert names == ["Firm Serum XL", "vitamin C booster"]
    soup = BeautifulSoup(report.read_text(encoding="utf-8"), "lxml")
    assert sorted(b.get_text() for b in soup.select(".name b")) == names
    table = CliRunner().invoke(cli, ["batch", str(shelf), "--jobs", "0", "--full-width"]).stdout
    assert "Firm Serum XL" in table and "vitamin C booster" in table


# -- rows: what a run holds per product ------------------------------------------------


@pytest.mark.parametrize("name", [n for n, w in WRITERS.items() if w.row is not None])
@pytest.mark.parametrize("options", [Options(), Options(width=50), Options(full_width=True)])
def test_rows_render_what_the_records_render(ranked, name, options):
    writer = WRITERS[name]
    options = Options(width=options.width, full_width=options.full_width, summary=category_summary(ranked))
    kept = [writer.keep(r, options) for r in ranked]
    same = lambda text: re.sub(r"generated [0-9: -]+", "", text)  # noqa: E731  (the report's clock)
    assert same("".join(writer.render_kept(kept, options))) == same(writer.render(ranked, options))
    assert same("".join(writer.render_kept([], options))) == same(writer.render([], options))


def test_brief_records_sort_and_count_as_whole_ones(records):
    from analyzer.batch import brief, keep

    briefs = [brief(r) for r in records]
    for key in ("score", "name", "path", "input"):
        assert [r["path"] for r in sort_records(briefs, key)] == [r["path"] for r in sort_records(records, key)]
    assert category_summary(briefs) == category_summary(records)
    wanted = keep(["retinoid"], 10)
    assert [wanted(b) for b in briefs] == [wanted(r) for r in records]


@pytest.mark.parametrize("args", [[], ["--format", "csv"], ["--format", "json", "--sort", "name"], ["--format", "text"], ["--format", "html"]])
def test_workers_and_this_process_print_the_same(tmp_path, args):
    for ident, name, brand, text in LISTS:
        (tmp_path / f"{ident}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "page.html").write_text(f"<title>{XSS_NAME}</title><p>Ingredients: {LISTS[0][3]}</p>", encoding="utf-8")
    outputs = set()
    for jobs in ("0", "2"):
        result = CliRunner().invoke(cli, ["batch", str(tmp_path), "--jobs", jobs, "--full-width", *args])
        assert result.exit_code == 0
        outputs.add(re.sub(r'"seconds": [0-9.e-]+|generated [0-9: -]+', "", result.stdout))
    assert len(outputs) == 1


# -- from a script ---------------------------------------------------------------------


def test_analyze_takes_text_or_a_path_and_reports_bad_data_as_a_record(tmp_path):
    from pathlib import Path

    from analyzer.document import Document

    analyzer = Analyzer()
    assert analyzer.analyze("Aqua, Glycerin, Retinol").to_dict()["categories"] == ["retinoid"]
    path = tmp_path / "serum.txt"
    path.write_text("Aqua, Niacinamide, Glycerin", encoding="utf-8")
    assert analyzer.analyze(Path(path)).to_dict()["path"] == str(path)
    record = analyzer.analyze(Document("odd", 123))
    assert record.status == "error" and "cannot read data of type int" in record.error
    with pytest.raises(TypeError, match="takes a Document, text, bytes or a path"):
        analyzer.analyze(123)


def test_a_writer_outputs_records_or_their_dicts():
    from analyzer.writers import WRITERS

    analyzer = Analyzer()
    records = [analyzer.analyze("Aqua, Glycerin, Retinol"), analyzer.analyze("Nice and light")]
    def same(text):  # (the HTML report says when it was made, to the minute)
        return re.sub(r"generated \d{4}-\d\d-\d\d \d\d:\d\d", "", text)

    for name, writer in WRITERS.items():
        assert same(writer.output(records)) == same(writer.output([r.to_dict() for r in records])), name
    assert WRITERS["csv"].output(records).splitlines()[1].split(",")[3] == "ok"
