"""Exports as input: CSV/TSV, JSON arrays and JSON Lines, one record per row,
and how a path is recognised as one."""
import codecs
import csv
import io
import itertools
import json
import tracemalloc

import pytest
from click.testing import CliRunner

from analyzer.cli import cli
from analyzer.core import Analyzer
from analyzer.errors import BrokenInputError, SourceError
from analyzer.sources import Columns, Inputs, detect_format, jsonarray, jsonl, tabular

FIRM = "Aqua, Glycerin, Retinol, Palmitoyl Tripeptide-1, Niacinamide, Sodium Hyaluronate, Tocopherol, Phenoxyethanol"
BRIGHT = "Aqua, Butylene Glycol, Ascorbic Acid, Panthenol, Xanthan Gum, Ethylhexylglycerin"
PLAIN = "Aqua, Cetearyl Alcohol, Glycerin, Dimethicone, Phenoxyethanol"


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer()


def records(paths, columns=Columns(), input_format=None, analyzer=None):
    analyzer = analyzer or Analyzer()
    return [analyzer.analyze(d).to_dict() for d in Inputs([str(p) for p in paths], input_format=input_format, columns=columns)]


def write_csv(path, rows, delimiter=",", encoding="utf-8"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def batch(*args):
    return CliRunner().invoke(cli, ["batch", *map(str, args)], catch_exceptions=False)


def jsonl_records(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


# -- CSV and TSV -----------------------------------------------------------------


def test_csv_rows_become_records_named_by_their_columns(tmp_path, analyzer):
    path = write_csv(tmp_path / "shop.csv", [
        ["code", "product_name", "brands", "ingredients_text"],
        ["A-1", "Lift Serum", "Northwind", FIRM],
        ["A-2", "Glow Drops", "Northwind", BRIGHT],
    ])
    got = records([path], analyzer=analyzer)
    assert [r["path"] for r in got] == ["A-1", "A-2"]
    assert [r["product"]["name"] for r in got] == ["Lift Serum", "Glow Drops"]
    assert {r["product"]["brand"] for r in got} == {"Northwind"}
    assert [r["status"] for r in got] == ["ok", "ok"]
    assert "Retinol" in [a["inci"] for a in got[0]["actives"]]
    assert "Ascorbic Acid" in [a["inci"] for a in got[1]["actives"]]


def test_utf8_bom_does_not_hide_the_first_column(tmp_path, analyzer):
    path = tmp_path / "bom.csv"
    path.write_bytes(codecs.BOM_UTF8 + f'id,name,ingredients\nX7,Rétinol Night,"{FIRM}"\n'.encode("utf-8"))
    [record] = records([path], analyzer=analyzer)
    assert record["path"] == "X7"  # the id column was found despite the BOM glued to it
    assert record["product"]["name"] == "Rétinol Night"
    assert record["status"] == "ok"


def test_utf16_export_with_bom(tmp_path, analyzer):
    path = tmp_path / "utf16.csv"
    path.write_bytes(f"id,ingredients\nu1,\"{FIRM}\"\n".encode("utf-16"))
    [record] = records([path], analyzer=analyzer)
    assert record["path"] == "u1" and record["status"] == "ok"


def test_semicolon_separated_csv_keeps_commas_inside_the_list(tmp_path, analyzer):
    path = tmp_path / "semi.csv"
    path.write_text(f"id;name;ingredients\ns1;Firm;{FIRM}\ns2;Bright;{BRIGHT}\n", encoding="utf-8")
    got = records([path], analyzer=analyzer)
    assert [r["path"] for r in got] == ["s1", "s2"]
    assert len(got[0]["ingredients"]) == len(FIRM.split(", "))
    assert [i["name"] for i in got[1]["ingredients"]] == BRIGHT.split(", ")


def test_tab_separated(tmp_path, analyzer):
    path = write_csv(tmp_path / "shop.tsv", [["id", "name", "inci"], ["t1", "Firm", FIRM], ["t2", "Plain", PLAIN]], delimiter="\t")
    got = records([path], analyzer=analyzer)
    assert [r["path"] for r in got] == ["t1", "t2"]
    assert [i["name"] for i in got[1]["ingredients"]] == PLAIN.split(", ")


def test_tabs_are_sniffed_in_a_csv_file_too(tmp_path, analyzer):
    path = write_csv(tmp_path / "tabs.csv", [["id", "ingredients"], ["t1", FIRM]], delimiter="\t")
    [record] = records([path], analyzer=analyzer)
    assert record["path"] == "t1" and len(record["ingredients"]) == len(FIRM.split(", "))


def test_quoted_new_lines_stay_inside_their_field(tmp_path, analyzer):
    one_per_line = FIRM.replace(", ", "\n")
    path = write_csv(tmp_path / "lines.csv", [["name", "ingredients"], ["Lines", one_per_line], ["After", BRIGHT]])
    assert path.read_text(encoding="utf-8").count("\n") > 3  # the new lines really are in the file
    got = records([path], analyzer=analyzer)
    assert [r["path"] for r in got] == [f"{path}#row=1", f"{path}#row=2"]
    assert [i["name"] for i in got[0]["ingredients"]] == FIRM.split(", ")
    assert got[1]["product"]["name"] == "After"


def test_a_field_of_several_megabytes_is_read(tmp_path, analyzer):
    """Python's csv module refuses fields over 128 KB unless told otherwise."""
    long_list = ", ".join(["Glycerin"] * 14_000)  # ~140 KB, itself over the default limit
    path = write_csv(tmp_path / "huge.csv", [
        ["id", "ingredients", "description"],
        ["big-notes", FIRM, "lovely texture " * 400_000],  # ~6 MB
        ["big-list", f"Aqua, Retinol, {long_list}", "short"],
        ["after", BRIGHT, "short"],
    ])
    previous = csv.field_size_limit(128 * 1024)  # as in a fresh interpreter
    try:
        got = records([path], analyzer=analyzer)
    finally:
        csv.field_size_limit(previous)
    assert [(r["path"], r["status"]) for r in got] == [("big-notes", "ok"), ("big-list", "ok"), ("after", "ok")]
    assert len(got[1]["ingredients"]) == 14_002
    assert got[1]["actives"][0]["inci"] == "Retinol"


def test_bad_rows_are_error_records_and_the_file_goes_on(tmp_path, analyzer):
    path = tmp_path / "bad.csv"
    path.write_text(
        "id,name,ingredients\n"
        f'r1,Good,"{FIRM}"\n'
        "r2,Too many,Aqua,Glycerin,Retinol\n"  # unquoted commas: 5 fields for 3
        "r3,Too few\n"
        f'r4,Also good,"{BRIGHT}"\n',
        encoding="utf-8",
    )
    got = records([path], analyzer=analyzer)
    assert [r["status"] for r in got] == ["ok", "error", "error", "ok"]
    assert got[1]["path"] == f"{path}#row=2" and "5 fields where the header has 3" in got[1]["error"]
    assert got[2]["path"] == f"{path}#row=3" and "2 fields where the header has 3" in got[2]["error"]
    assert got[3]["path"] == "r4"


def test_a_quote_left_open_loses_only_its_own_row(tmp_path, analyzer):
    # The csv module reads an unclosed quote on to the next quote (or the end
    # of the file): every row after it would vanish into one field.
    path = tmp_path / "open-quote.csv"
    path.write_bytes(codecs.BOM_UTF8 + (
        "id;name;brand;ingredients\n"
        f"r1;Good;Acme;{FIRM}\n"
        'r2;Broken;"Unterminated;Aqua, Retinol\n'
        f"r3;Fine;Acme;{BRIGHT}\n"
        f'r4;Lines;Acme;"{FIRM.replace(", ", chr(10))}"\n'
        f"r5;Last;Acme;{BRIGHT}\n"
    ).encode("utf-8"))
    got = records([path], analyzer=analyzer)
    assert [(r["path"], r["status"]) for r in got] == [
        ("r1", "ok"), (f"{path}#row=2", "error"), ("r3", "ok"), ("r4", "ok"), ("r5", "ok"),
    ]
    assert "a quote left open in this row" in got[1]["error"]
    assert [i["name"] for i in got[3]["ingredients"]] == FIRM.split(", ")  # (its quoted new lines still hold)


def test_a_short_row_with_a_quoted_new_line_is_not_read_again(tmp_path, analyzer):
    # Lines inside a closed quote are no rows of their own, even in a bad row.
    path = tmp_path / "short.csv"
    path.write_text(f'id,name,ingredients\nr1,"Aqua,\nGlycerin"\nr2,After,"{BRIGHT}"\n', encoding="utf-8")
    got = records([path], analyzer=analyzer)
    assert [(r["path"], r["status"]) for r in got] == [(f"{path}#row=1", "error"), ("r2", "ok")]
    assert "read again" not in got[0]["error"]


def test_undecodable_bytes_spoil_only_their_row(tmp_path, analyzer):
    good = "id,ingredients\n" + "".join(f'u{i},"Aqua, Glycérine, Rétinol, Tocophérol"\n' for i in range(5))
    path = tmp_path / "mixed.csv"
    path.write_bytes(good.encode("utf-8") + b'broken,"Aqua, Glyc\xe9rine, \xff\xfe Retinol"\n' + b'last,"Aqua, Niacinamide"\n')
    got = records([path], analyzer=analyzer)
    assert [r["path"] for r in got] == [f"u{i}" for i in range(5)] + [f"{path}#row=6", "last"]
    assert [r["status"] for r in got] == ["ok"] * 5 + ["error", "ok"]
    assert "not valid UTF-8" in got[5]["error"]
    assert [i["name"] for i in got[0]["ingredients"]][1:3] == ["Glycérine", "Rétinol"]  # no mojibake


def test_a_windows_1252_export_is_read_as_such(tmp_path, analyzer):
    path = tmp_path / "legacy.csv"
    path.write_bytes('id,ingredients\nw1,"Aqua, Glycérine, Rétinol"\n'.encode("cp1252"))
    [record] = records([path], analyzer=analyzer)
    assert record["status"] == "ok"
    assert [i["name"] for i in record["ingredients"]] == ["Aqua", "Glycérine", "Rétinol"]


def test_rows_without_ingredients_are_no_ingredients(tmp_path, analyzer):
    path = write_csv(tmp_path / "gaps.csv", [["id", "ingredients"], ["e1", ""], ["e2", "   "], ["e3", FIRM]])
    got = records([path], analyzer=analyzer)
    assert [r["status"] for r in got] == ["no_ingredients", "no_ingredients", "ok"]
    assert got[0]["reason"]


def test_blank_lines_are_not_rows(tmp_path, analyzer):
    path = tmp_path / "blank.csv"
    path.write_text(f'name,ingredients\n\nFirst,"{FIRM}"\n\n\nSecond,"{BRIGHT}"\n', encoding="utf-8")
    got = records([path], analyzer=analyzer)
    assert [(r["path"], r["product"]["name"]) for r in got] == [(f"{path}#row=1", "First"), (f"{path}#row=2", "Second")]


# -- which column is which ---------------------------------------------------------


@pytest.mark.parametrize("ingredients", [
    "ingredients", "ingredients_text", "inci", "ingredient_list", "Ingredient List", "INCI",
    "Full Ingredients List", "INCI Name", "Composition", "Inhaltsstoffe", "Ingrédients", "Ingredientes", "전성분",
])
@pytest.mark.parametrize("name, brand, ident", [
    ("name", "brand", "id"),
    ("product_name", "brands", "code"),
    ("Product", "Brand Name", "product_id"),
    ("title", "brand_name", "url"),
    ("Produktname", "Marke", "EAN"),
    ("Nom du produit", "Marque", "GTIN"),
])
def test_columns_are_found_by_name(tmp_path, ingredients, name, brand, ident):
    path = write_csv(tmp_path / "cols.csv", [["price", ident, brand, name, ingredients], ["9", "key-1", "Acme", "Lift", FIRM]])
    [document] = Inputs([str(path)])
    assert document.id == "key-1"
    assert document.data == FIRM
    assert document.meta["name"] == "Lift" and document.meta["brand"] == "Acme"


def test_options_name_the_columns(tmp_path, analyzer):
    path = write_csv(tmp_path / "odd.csv", [
        ["sku", "label_text", "maker", "formula", "ingredients"],
        ["k1", "Odd One", "Acme", FIRM, "Aqua"],
    ])
    default = records([path], analyzer=analyzer)[0]
    assert default["path"] == "k1" and [i["name"] for i in default["ingredients"]] == ["Aqua"]
    chosen = Columns(ingredients="formula", name="label_text", brand="maker", id="label_text")
    [record] = records([path], columns=chosen, analyzer=analyzer)
    assert record["path"] == "Odd One"
    assert record["product"] == {**record["product"], "name": "Odd One", "brand": "Acme"}
    assert len(record["ingredients"]) == len(FIRM.split(", "))


def test_command_line_column_options(tmp_path):
    path = write_csv(tmp_path / "odd.csv", [["ref", "what", "who", "formula"], ["k1", "Odd One", "Acme", FIRM]])
    result = batch(path, "--column", "formula", "--name-column", "what", "--brand-column", "who", "--id-column", "ref",
                   "--format", "jsonl", "--jobs", "0")
    [record] = jsonl_records(result)
    assert (record["path"], record["product"]["name"], record["product"]["brand"], record["status"]) == ("k1", "Odd One", "Acme", "ok")


def test_a_column_named_in_an_option_must_exist(tmp_path):
    path = write_csv(tmp_path / "x.csv", [["name", "ingredients"], ["A", FIRM]])
    for option in ("--column", "--name-column", "--brand-column", "--id-column"):
        result = CliRunner().invoke(cli, ["batch", str(path), option, "nope"])
        assert result.exit_code == 2
        assert f"no column named 'nope' ({option})" in result.output and "name, ingredients" in result.output
        assert "Traceback" not in result.output


def test_path_is_the_row_number_when_the_id_is_empty(tmp_path, analyzer):
    path = write_csv(tmp_path / "ids.csv", [["id", "ingredients"], ["", FIRM], ["given", FIRM]])
    assert [r["path"] for r in records([path], analyzer=analyzer)] == [f"{path}#row=1", "given"]


def test_an_export_without_an_ingredients_column(tmp_path):
    path = write_csv(tmp_path / "prices.csv", [["name", "price"], ["A", "3"]])
    with pytest.raises(BrokenInputError, match="no ingredients column .*name, price.*--column"):
        list(tabular.documents(path))


# -- JSON and JSON Lines -------------------------------------------------------------


def test_json_lines(tmp_path, analyzer):
    path = tmp_path / "shop.jsonl"
    lines = [
        {"id": "j1", "product_name": "Lift", "brands": "Acme", "ingredients_text": FIRM},
        {"id": "j2", "product_name": "Glow", "ingredients": BRIGHT.split(", ")},  # a list of names
        {"id": "j3", "product_name": "Parts", "ingredients": [{"text": n} for n in PLAIN.split(", ")]},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    got = records([path], analyzer=analyzer)
    assert [r["path"] for r in got] == ["j1", "j2", "j3"]
    assert [i["name"] for i in got[1]["ingredients"]] == BRIGHT.split(", ")
    assert [i["name"] for i in got[2]["ingredients"]] == PLAIN.split(", ")
    assert got[0]["product"]["brand"] == "Acme"


def test_bad_json_lines_are_error_records_and_the_file_goes_on(tmp_path, analyzer):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(
        codecs.BOM_UTF8
        + json.dumps({"id": "ok1", "ingredients": FIRM}).encode() + b"\n"
        + b'{"id": "cut", "ingredients": "Aqua, Gly\n'
        + b"[1, 2, 3]\n"
        + b'{"id": "bytes", "ingredients": "Aqua, \xff\xfe Retinol"}\n'
        + b"\n"
        + json.dumps({"id": "ok2", "ingredients": BRIGHT}).encode() + b"\n"
    )
    got = records([path], analyzer=analyzer)
    assert [r["path"] for r in got] == ["ok1", f"{path}#row=2", f"{path}#row=3", f"{path}#row=4", "ok2"]
    assert [r["status"] for r in got] == ["ok", "error", "error", "error", "ok"]
    assert got[1]["error"].startswith("line 2 is not JSON")
    assert "expected a JSON object, got list" in got[2]["error"]
    assert "not valid UTF-8" in got[3]["error"] and "line 4" in got[3]["error"]


def test_a_broken_json_line_is_named_by_its_line_in_the_file(tmp_path, analyzer):
    # Rows are counted without blank lines (as in a CSV); the message gives
    # the line an editor jumps to.
    path = tmp_path / "gaps.jsonl"
    path.write_text(json.dumps({"id": "a", "ingredients": FIRM}) + "\n\n\n[1]\n", encoding="utf-8")
    got = records([path], analyzer=analyzer)
    assert got[1]["path"] == f"{path}#row=2" and "line 4" in got[1]["error"]


def test_json_objects_may_leave_out_fields(tmp_path, analyzer):
    """JSON exports omit empty fields: the first product having no
    ingredients key must not make the whole export unreadable."""
    path = tmp_path / "sparse.jsonl"
    lines = [
        {"code": "1", "product_name": "Not yet listed"},
        {"code": "2", "product_name": "Lift", "ingredients_text": FIRM, "brands": "Acme"},
        {"code": "3", "ingredients_text": ""},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    got = records([path], analyzer=analyzer)
    assert [(r["path"], r["status"]) for r in got] == [("1", "no_ingredients"), ("2", "ok"), ("3", "no_ingredients")]
    assert got[1]["product"]["brand"] == "Acme"  # found though the first object had no brand
    result = batch(path, "--column", "ingredients_text", "--format", "jsonl", "--jobs", "0")
    assert result.exit_code == 0 and [r["status"] for r in jsonl_records(result)] == ["no_ingredients", "ok", "no_ingredients"]


def test_a_json_export_without_any_ingredients_field(tmp_path):
    path = tmp_path / "prices.jsonl"
    path.write_text('{"name": "A", "price": 3}\n{"name": "B", "price": 4}\n', encoding="utf-8")
    with pytest.raises(BrokenInputError, match="no ingredients column"):
        list(jsonl.documents(path))
    path.write_text(json.dumps({"name": "A", "inci": FIRM}), encoding="utf-8")
    with pytest.raises(SourceError, match="no column named 'title'"):
        list(jsonl.documents(path, Columns(name="title")))


def test_json_array_and_object_of_products_give_the_same_records(tmp_path, analyzer):
    products = [
        {"id": "p1", "name": "Lift", "brand": "Acme", "inci": FIRM},
        {"id": "p2", "name": "Glow", "inci": BRIGHT},
    ]
    array = tmp_path / "array.json"
    array.write_text(json.dumps(products, indent=2), encoding="utf-8")
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"count": 2, "products": products}), encoding="utf-8")
    single = tmp_path / "single.json"
    single.write_text(json.dumps(products[0]), encoding="utf-8")
    strip = lambda rs: [{k: v for k, v in r.items() if k != "seconds"} for r in rs]  # noqa: E731
    from_array = strip(records([array], analyzer=analyzer))
    assert [r["path"] for r in from_array] == ["p1", "p2"]
    assert from_array == strip(records([wrapped], analyzer=analyzer))
    assert strip(records([single], analyzer=analyzer)) == from_array[:1]


def test_an_empty_product_list_gives_no_records(tmp_path):
    for text in ('{"products": []}', "[]", " [\n] "):
        path = tmp_path / "empty.json"
        path.write_text(text, encoding="utf-8")
        assert list(jsonarray.documents(path)) == []


def test_a_broken_array_element_is_an_error_and_reading_goes_on(tmp_path, analyzer):
    path = tmp_path / "broken.json"
    path.write_text(
        "[\n"
        f'  {{"id": "a1", "ingredients": "{FIRM}"}},\n'
        '  {"id": "a2", "ingredients": "Aqua" "Glycerin"},\n'
        f'  {{"id": "a3", "ingredients": "{BRIGHT}"}},\n'
        '  "not an object",\n'
        f'  {{"id": "a5", "ingredients": "{PLAIN}"}}\n'
        "]\n",
        encoding="utf-8",
    )
    got = records([path], analyzer=analyzer)
    assert [r["path"] for r in got] == ["a1", f"{path}#row=2", "a3", f"{path}#row=4", "a5"]
    assert [r["status"] for r in got] == ["ok", "error", "ok", "error", "ok"]
    assert got[1]["error"].startswith("malformed element")


def test_an_array_that_is_never_closed_keeps_what_was_read(tmp_path, analyzer):
    path = tmp_path / "cut.json"
    path.write_text(f'[{{"id": "c1", "ingredients": "{FIRM}"}}, {{"id": "c2", "ingre', encoding="utf-8")
    got = records([path], analyzer=analyzer)
    assert got[0]["path"] == "c1" and got[0]["status"] == "ok"
    assert all(r["status"] == "error" for r in got[1:])


def test_json_elements_larger_than_the_read_chunk(tmp_path, analyzer):
    filler = "x" * (jsonarray.CHUNK + 1000)
    path = tmp_path / "big.json"
    path.write_text(json.dumps([
        {"id": "b1", "notes": filler, "ingredients": FIRM},
        {"id": "b2", "ingredients": BRIGHT, "notes": filler},
        {"id": "b3", "ingredients": PLAIN, "weight": 12345},
    ]), encoding="utf-8")
    got = records([path], analyzer=analyzer)
    assert [(r["path"], r["status"]) for r in got] == [("b1", "ok"), ("b2", "ok"), ("b3", "ok")]


def test_a_json_file_holding_json_lines(tmp_path, analyzer):
    path = tmp_path / "lines.json"
    path.write_text(json.dumps({"id": "l1", "ingredients": FIRM}) + "\n" + json.dumps({"id": "l2", "ingredients": BRIGHT}) + "\n", encoding="utf-8")
    assert [r["path"] for r in records([path], analyzer=analyzer)] == ["l1", "l2"]


# -- streaming ---------------------------------------------------------------------


def big_export(path, kind, rows, padding=""):
    """A generated export of `rows` products, written line by line."""
    extract = f"{padding}Extract"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        if kind == "csv":
            handle.write("id,name,ingredients\n")
            for i in range(rows):
                handle.write(f'row{i},Product {i},"{FIRM}, {extract} {i}"\n')
        elif kind == "jsonl":
            for i in range(rows):
                handle.write(json.dumps({"id": f"row{i}", "name": f"Product {i}", "ingredients": f"{FIRM}, {extract} {i}"}) + "\n")
        else:
            handle.write("[\n")
            for i in range(rows):
                handle.write(("," if i else "") + json.dumps({"id": f"row{i}", "ingredients": f"{FIRM}, {extract} {i}"}) + "\n")
            handle.write("]\n")
    return path


def peak_while(func):
    tracemalloc.start()
    try:
        result = func()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("kind, reader", [("csv", tabular), ("jsonl", jsonl), ("json", jsonarray)])
def test_first_records_come_without_reading_the_whole_export(tmp_path, kind, reader):
    path = big_export(tmp_path / f"big.{kind}", kind, 100_000)
    size = path.stat().st_size
    assert size > 12_000_000
    first, peak = peak_while(lambda: [d.id for d in itertools.islice(reader.documents(path), 3)])
    assert first == ["row0", "row1", "row2"]
    assert peak < size / 4


@pytest.mark.parametrize("kind, reader", [("csv", tabular), ("jsonl", jsonl)])
def test_reading_a_whole_export_holds_one_row_at_a_time(tmp_path, kind, reader):
    path = big_export(tmp_path / f"all.{kind}", kind, 6_000, padding="Glycerin, " * 100)
    count, peak = peak_while(lambda: sum(1 for _ in reader.documents(path)))
    assert count == 6_000
    assert peak < path.stat().st_size / 4


def test_a_broken_element_early_in_a_big_array_does_not_load_the_rest(tmp_path):
    path = tmp_path / "early.json"
    big_export(path, "json", 60_000)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"id": "row1", ', '"id": "row1" ', 1), encoding="utf-8")  # a missing comma
    got, peak = peak_while(lambda: [(d.id, d.error is not None) for d in itertools.islice(jsonarray.documents(path), 3)])
    assert got == [("row0", False), (f"{path}#row=2", True), ("row2", False)]
    assert peak < path.stat().st_size / 4


# -- which reader a path gets ---------------------------------------------------------


@pytest.mark.parametrize("name, content, kind", [
    ("a.csv", "x", "csv"), ("a.TSV", "x", "csv"), ("a.json", "x", "json"), ("a.jsonl", "x", "jsonl"),
    ("a.ndjson", "x", "jsonl"), ("a.txt", "id,ingredients\n1,Aqua\n", "files"), ("a.html", "<p>x</p>", "files"),
    ("export", "name;INCI\nA;Aqua, Glycerin\n", "csv"),
    ("export", '{"id": 1, "ingredients": "Aqua"}\n{"id": 2}\n', "jsonl"),
    ("export", '[{"id": 1, "ingredients": "Aqua"}]', "json"),
    ("export", '{\n  "products": []\n}\n', "json"),
    ("pasted", "Aqua, Glycerin, Retinol\nNiacinamide\n", "files"),
    ("pasted", "Ingredients: Aqua, Glycerin\n", "files"),
])
def test_detect_format(tmp_path, name, content, kind):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert detect_format(path) == kind


def test_input_format_forces_the_reader(tmp_path, analyzer):
    listing = tmp_path / "export.txt"
    listing.write_text(f'id,ingredients\nf1,"{FIRM}"\nf2,"{BRIGHT}"\n', encoding="utf-8")
    as_text = records([listing], analyzer=analyzer)
    assert len(as_text) == 1 and as_text[0]["path"] == str(listing)  # a .txt file is one pasted list
    assert [r["path"] for r in records([listing], input_format="csv", analyzer=analyzer)] == ["f1", "f2"]
    result = batch(listing, "--input-format", "csv", "--format", "jsonl", "--jobs", "0")
    assert [r["path"] for r in jsonl_records(result)] == ["f1", "f2"]
    export = tmp_path / "really.csv"
    export.write_text(FIRM, encoding="utf-8")
    [record] = records([export], input_format="files", analyzer=analyzer)
    assert record["status"] == "ok" and record["path"] == str(export)


def test_input_format_of_a_folder_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["batch", str(tmp_path), "--input-format", "csv"])
    assert result.exit_code == 2 and "is a folder" in result.output


def test_exports_found_in_a_folder_are_read_row_by_row(tmp_path, analyzer):
    (tmp_path / "sub").mkdir()
    write_csv(tmp_path / "sub" / "shop.csv", [["id", "ingredients"], ["g1", FIRM], ["g2", BRIGHT]])
    (tmp_path / "serum.txt").write_text(PLAIN, encoding="utf-8")
    result = batch(tmp_path, "--glob", "*.csv", "--glob", "*.txt", "--format", "jsonl", "--jobs", "0")
    assert [r["path"] for r in jsonl_records(result)] == [str(tmp_path / "serum.txt"), "g1", "g2"]


def test_a_broken_export_does_not_stop_the_others(tmp_path):
    good = write_csv(tmp_path / "good.csv", [["id", "ingredients"], ["k1", FIRM]])
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    garbled = tmp_path / "garbled.json"
    garbled.write_text('{"products": [ {"id": ', encoding="utf-8")
    columnless = write_csv(tmp_path / "prices.csv", [["name", "price"], ["A", "3"]])
    out = tmp_path / "out.jsonl"
    result = batch(empty, good, garbled, columnless, "--format", "jsonl", "-o", out, "--jobs", "0")
    assert result.exit_code == 0
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["path"], r["status"]) for r in got] == [
        (str(empty), "error"), ("k1", "ok"), (str(garbled), "error"), (str(columnless), "error"),
    ]
    assert "empty export" in got[0]["error"]
    assert "not valid JSON" in got[2]["error"]
    assert "no ingredients column" in got[3]["error"]
    assert "1 ok" in result.stderr and "3 errors" in result.stderr


@pytest.mark.parametrize("fmt, content", [
    ("csv", f'id,ingredients\np1,"{FIRM}"\np2,"{BRIGHT}"\n'),
    ("json", json.dumps([{"id": "p1", "ingredients": FIRM}, {"id": "p2", "ingredients": BRIGHT}])),
    ("json", json.dumps({"id": "p1", "ingredients": FIRM}) + "\n" + json.dumps({"id": "p2", "ingredients": BRIGHT}) + "\n"),
    ("jsonl", json.dumps({"id": "p1", "ingredients": FIRM}) + "\n" + json.dumps({"id": "p2", "ingredients": BRIGHT}) + "\n"),
])
def test_an_export_read_from_a_pipe(tmp_path, fmt, content):
    """`analyzer batch --input-format csv <(zcat export.csv.gz)`: a pipe can be
    read only once, so the export must be opened once and never rewound."""
    import os
    import subprocess
    import sys
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)

    def feed():
        with open(pipe, "w", encoding="utf-8") as handle:
            handle.write(content)

    threading.Thread(target=feed, daemon=True).start()
    done = subprocess.run(
        [sys.executable, "-m", "analyzer", "batch", str(pipe), "--input-format", fmt, "--format", "jsonl", "--jobs", "0"],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    got = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["path"], r["status"]) for r in got] == [("p1", "ok"), ("p2", "ok")]


def test_open_beauty_facts_rows_use_a_filled_language_column_and_the_category(tmp_path, analyzer):
    path = tmp_path / "obf.tsv"
    path.write_text(
        "code\tproduct_name\tbrands\tingredients_text\tingredients_text_en\tingredients_text_fr\tcategories\n"
        f"301\tNight Cream\tAcme\t\t{FIRM}\t\tSkin care, Face creams\n"
        f"302\tCrème\tAcme\t\t\t{BRIGHT}\tSoins du visage\n"
        "303\tEmpty\tAcme\t\t\t\tSkin care\n",
        encoding="utf-8",
    )
    got = records([path], analyzer=analyzer)
    assert [(r["path"], r["status"]) for r in got] == [("301", "ok"), ("302", "ok"), ("303", "no_ingredients")]
    assert [i["name"] for i in got[0]["ingredients"]] == FIRM.split(", ")
    assert [i["name"] for i in got[1]["ingredients"]] == BRIGHT.split(", ")
    assert got[0]["product"]["category"] == "Skin care, Face creams"


def test_a_shopify_export_reads_the_list_in_the_description_and_skips_variant_rows(tmp_path, analyzer):
    path = write_csv(tmp_path / "products_export.csv", [
        ["Handle", "Title", "Vendor", "Body (HTML)", "Variant SKU"],
        ["eye-gel", "Eye Gel", "Helix", f"<p>A cooling gel.</p><p><strong>Ingredients:</strong> {FIRM}</p>", "S-1"],
        ["eye-gel", "", "", "", "S-2"],  # the same product in another size
        ["night-oil", "Night Oil", "Helix", f"<p>Ingredients: {BRIGHT}</p>", "N-1"],
    ])
    got = records([path], analyzer=analyzer)
    assert [(r["path"], r["status"], r["product"]["name"]) for r in got] == [
        ("eye-gel", "ok", "Eye Gel"), ("night-oil", "ok", "Night Oil"),
    ]
    assert [i["name"] for i in got[0]["ingredients"]] == FIRM.split(", ")


def test_a_stray_delimiter_beside_a_field_over_two_lines_invents_no_row(tmp_path, analyzer):
    # The quote is closed on the next line: nothing was swallowed, nothing is read again.
    path = tmp_path / "stray.csv"
    path.write_text(f'name,brand,ingredients\nFirming Serum, Night,Acme,"Aqua, Glycerin,\nRetinol, Squalane"\nOther,Acme,"{BRIGHT}"\n', encoding="utf-8")
    got = records([path], analyzer=analyzer)
    assert [(r["path"], r["status"]) for r in got] == [(f"{path}#row=1", "error"), (f"{path}#row=2", "ok")]
    assert "read again" not in got[0]["error"]


def test_only_language_columns_stand_in_for_an_empty_list_column(tmp_path, analyzer):
    path = tmp_path / "obf.tsv"
    path.write_text(
        "code\tproduct_name\tingredients_text\tingredients_tags\tingredients_from_palm_oil_n\tlabel\n"
        "1\tTags only\t\ten:glycerin,en:retinol\t0\tCleanser\n",
        encoding="utf-8",
    )
    [record] = records([path], analyzer=analyzer)
    assert record["status"] == "no_ingredients"  # not "en:glycerin, en:retinol", nor "0"
    assert record["product"]["category"] is None  # a "label" column is no category


def test_an_export_without_a_name_column_is_still_an_export(tmp_path, analyzer):
    path = tmp_path / "noext"
    path.write_text(f'ingredients,price,rating\n"{FIRM}",10,4\n"{BRIGHT}",12,5\n', encoding="utf-8")
    got = records([path], analyzer=analyzer)
    assert [r["status"] for r in got] == ["ok", "ok"]
