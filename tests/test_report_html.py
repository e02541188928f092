from pathlib import Path

from bs4 import BeautifulSoup
from click.testing import CliRunner

from analyzer.batch import collect_files, run_batch, sort_records
from analyzer.cli import cli
from analyzer.writers.html import render_report

PAGES = Path(__file__).parent / "fixtures" / "pages"


def report_for(names):
    # Writers render records as given: the batch sorts them first.
    records = sort_records(list(run_batch([PAGES / f"{n}.html" for n in names], jobs=0)))
    return records, BeautifulSoup(render_report(records), "lxml")


def test_report_lists_products_ranked_with_bars_chips_and_explanations():
    records, soup = report_for(["shopify-accordion", "woocommerce-tabs", "magento-more-info", "negative-shoe"])
    products = soup.select("article.product")
    ok = sorted((r for r in records if r["status"] == "ok"), key=lambda r: -r["score"])
    assert len(products) == len(ok) == 3
    scores = [int(p["data-score"]) for p in products]
    assert scores == [r["score"] for r in ok] and scores == sorted(scores, reverse=True)
    first = products[0]
    assert first.select_one(".bar span")["style"].startswith(f"width:{scores[0]}%")
    chips = [c.get_text() for c in first.select(".chip")]
    assert chips == [a["inci"] for a in ok[0]["actives"]]
    rows = first.select("details table tbody tr")
    assert len(rows) == len(ok[0]["actives"])
    assert round(sum(float(r.select_one("td.pts").get_text().lstrip("+")) for r in rows), 6) == scores[0]
    # the plain cleanser shows no chips but still an explanation
    assert "no firming actives" in products[-1].get_text()
    # the shoe page is listed as not scored, with its reason
    assert "Not scored" in soup.get_text() and "no ingredient list" in soup.select_one("ul.other").get_text()


def test_report_has_category_filters_and_search():
    records, soup = report_for(["shopify-accordion", "woocommerce-tabs", "json-ld"])
    present = sorted({c for r in records for c in r.get("categories") or []})
    assert [i["value"] for i in soup.select(".filter input[type=checkbox]")] == present
    assert soup.select_one("input#search")["type"] == "search"
    for product in soup.select("article.product"):
        assert product["data-search"] == product["data-search"].lower()
        assert set(product["data-categories"].split()) <= set(present)
    assert "addEventListener" in soup.find_all("script")[-1].string


def test_report_is_self_contained():
    _, soup = report_for(["kit", "french"])
    for tag in soup.find_all(["script", "img", "link", "iframe"]):
        assert not tag.get("src") and not tag.get("href")
    assert soup.find("style") is not None
    assert soup.find("meta", charset="utf-8") is not None


def test_report_shows_notes_and_cautions():
    _, soup = report_for(["woocommerce-tabs"])  # a retinoid product
    notes = soup.select("ul.notes li")
    assert any("sunscreen" in n.get_text() for n in notes)
    assert any("pregnan" in n.get_text() for n in notes)


def test_report_escapes_page_text(tmp_path):
    page = tmp_path / "x.html"
    page.write_text("<h1>&lt;script&gt;alert(1)&lt;/script&gt; Serum</h1><p>Ingredients: Aqua, Glycerin, Retinol, Niacinamide</p>", encoding="utf-8")
    html = render_report(list(run_batch([page], jobs=0)))
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_batch_writes_the_report(tmp_path):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["batch", str(PAGES / "kit.html"), str(PAGES / "french.html"), "--report", str(out), "-o", str(tmp_path / "t.txt")])
    assert result.exit_code == 0
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "lxml")
    assert len(soup.select("article.product")) == 2
    assert len(collect_files([PAGES])) >= 15


def test_search_text_is_folded_and_covers_every_ingredient():
    records, soup = report_for(["french"])
    [product] = soup.select("article.product")
    search = product["data-search"]
    assert "creme" in search or "glycerine" in search  # accents folded, as the script folds the query
    assert all(ch == ch.lower() for ch in search)
    assert "xanthan gum" in search  # an ordinary ingredient, not only the actives
    assert "normalize('NFKD')" in soup.find_all("script")[-1].string


def test_a_long_chip_wraps_inside_its_card_on_a_phone():
    # A long matched name ("Raspberry Seed Oil/Tocopheryl Succinate
    # Aminopropanediol Esters") ran past the card's edge at 390 px.
    from analyzer.writers.html import STYLE

    chip_rule = next(line for line in STYLE.splitlines() if line.startswith(".chip "))
    assert "nowrap" not in chip_rule
    assert "overflow-wrap:anywhere" in chip_rule and "max-width:100%" in chip_rule


def test_a_report_left_in_the_folder_is_no_product_on_a_later_run(tmp_path):
    import json

    from click.testing import CliRunner

    from analyzer.cli import cli

    (tmp_path / "serum.txt").write_text("Aqua, Glycerin, Retinol", encoding="utf-8")
    first = CliRunner().invoke(cli, ["batch", str(tmp_path), "--report", str(tmp_path / "report.html")])
    assert first.exit_code == 0
    later = CliRunner().invoke(cli, ["batch", str(tmp_path), "--format", "jsonl"])
    records = {json.loads(line)["path"]: json.loads(line) for line in later.stdout.splitlines()}
    report = records[str(tmp_path / "report.html")]
    assert report["status"] == "no_ingredients" and "report written by firming-analyzer" in report["reason"]
    assert records[str(tmp_path / "serum.txt")]["status"] == "ok"
