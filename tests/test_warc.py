"""Web crawls as input: WARC and ARC files, one record per HTTP response."""
import gzip
import hashlib
import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("warcio", reason="the warc extra (warcio) is not installed: pip install 'firming-analyzer[warc]'")

from analyzer.cli import cli  # noqa: E402
from analyzer.core import Analyzer  # noqa: E402
from analyzer.document import Document  # noqa: E402
from analyzer.engines import run as run_engine  # noqa: E402
from analyzer.sources import Inputs, detect_format, warc  # noqa: E402

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import warcgen  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "pages"
RESPONSES = 120


@pytest.fixture(scope="session")
def crawls(tmp_path_factory):
    """The same generated crawl, gzipped per record and plain, with its manifest."""
    folder = tmp_path_factory.mktemp("crawl")
    made = {}
    for name in ("crawl.warc.gz", "crawl.warc"):
        made[name] = (folder / name, warcgen.write_warc(folder / name, RESPONSES, seed=5))
    return made


@pytest.fixture(scope="session")
def analyzer():
    return Analyzer()


@pytest.fixture(scope="session")
def records(crawls, analyzer):
    """Records of the gzipped crawl, in this process."""
    path, _ = crawls["crawl.warc.gz"]
    return list(run_engine(Inputs([path]), analyzer, jobs=0))


def key(document: Document):
    return (document.id, dict(document.source or {}), document.error, document.reason, document.data)


def test_every_response_gives_one_document_in_file_order(crawls):
    for path, manifest in crawls.values():
        documents = list(warc.documents(path))
        assert [d.id for d in documents] == [e.uri for e in manifest]
        assert [d.source["offset"] for d in documents] == [e.offset for e in manifest]
        assert {d.source["warc"] for d in documents} == {str(path)}


def test_records_name_the_file_and_the_offset_of_their_record(crawls, records):
    from warcio.archiveiterator import ArchiveIterator

    path, manifest = crawls["crawl.warc.gz"]
    assert [r["path"] for r in records] == [e.uri for e in manifest]
    with open(path, "rb") as handle:
        for record in records[:40]:
            if record["status"] == "error":
                continue
            assert record["source"]["warc"] == str(path)
            handle.seek(record["source"]["offset"])
            found = next(iter(ArchiveIterator(handle)))
            assert found.rec_headers.get_header("WARC-Target-URI") == record["path"]


def test_each_kind_of_response_gets_the_status_it_calls_for(crawls, records):
    _, manifest = crawls["crawl.warc.gz"]
    by_kind = {}
    for entry, record in zip(manifest, records):
        by_kind.setdefault(entry.kind, []).append((entry, record))
        if entry.kind in ("product", "not-html", "redirect", "not-found", "truncated"):
            assert record["status"] == entry.expect, (entry, record)
    assert {"product", "fixture", "other-page", "not-html", "redirect", "not-found", "truncated"} <= set(by_kind)
    for entry, record in by_kind["not-html"]:
        assert record["reason"] == f"not an HTML page ({entry.content_type})"
    for _, record in by_kind["redirect"]:
        assert record["reason"].startswith("a redirect (HTTP 301) to https://shop.example/products/moved-")
    for _, record in by_kind["not-found"]:
        assert record["reason"] == "not a page: the server answered HTTP 404"


def test_pages_without_an_html_type_are_sniffed(crawls, records):
    _, manifest = crawls["crawl.warc.gz"]
    sniffed = [(e, r) for e, r in zip(manifest, records) if e.kind == "product" and e.content_type in ("", "application/octet-stream")]
    assert {e.content_type for e, _ in sniffed} == {"", "application/octet-stream"}
    assert all(r["status"] == "ok" and r["score"] > 0 for _, r in sniffed)


def test_chunked_and_gzip_bodies_are_decoded(crawls):
    path, manifest = crawls["crawl.warc"]
    documents = list(warc.documents(path))
    checked = set()
    for entry, document in zip(manifest, documents):
        if isinstance(document.data, bytes) and entry.transfer != "identity":
            assert hashlib.sha1(document.data).hexdigest() == entry.body_sha1
            checked.add(entry.transfer)
    assert checked == {"chunked", "gzip", "chunked+gzip"}


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_a_record_cut_short_is_an_error_and_the_file_goes_on(crawls, name):
    path, manifest = crawls[name]
    documents = list(warc.documents(path))
    [broken] = [i for i, e in enumerate(manifest) if e.kind == "truncated"]
    assert 0 < broken < len(manifest) - 10
    error = documents[broken].error
    assert error.startswith("truncated or corrupt record: ")
    assert documents[broken].id == manifest[broken].uri  # named from the header that survived
    assert [d.error for d in documents if d.error] == [error]
    assert [d.id for d in documents[broken + 1 :]] == [e.uri for e in manifest[broken + 1 :]]


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_a_file_that_ends_inside_a_record(crawls, name, tmp_path):
    path, manifest = crawls[name]
    cut = tmp_path / name
    last = max(i for i, e in enumerate(manifest) if e.kind == "product")
    cut.write_bytes(path.read_bytes()[: manifest[last].offset + 3000])
    documents = list(warc.documents(cut))
    assert [d.id for d in documents] == [e.uri for e in manifest[: last + 1]]
    assert documents[-1].error.startswith("truncated")
    assert documents[-2].error is None or manifest[last - 1].kind == "truncated"


def test_bytes_between_records_are_one_error(crawls, tmp_path):
    path, manifest = crawls["crawl.warc"]
    data = path.read_bytes()
    at = manifest[10].offset
    junk = tmp_path / "junk.warc"
    junk.write_bytes(data[:at] + b"GARBAGE\r\nnot a record at all\r\n" * 50 + data[at:])
    documents = list(warc.documents(junk))
    assert documents[10].error == "corrupt record: no WARC or ARC header where a record should start"
    assert documents[10].source["offset"] == at
    assert [d.id for d in documents[:10] + documents[11:]] == [e.uri for e in manifest]


def test_a_crawl_gzipped_as_one_member(crawls, tmp_path):
    path, manifest = crawls["crawl.warc"]
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(path.read_bytes()))
    documents = list(warc.documents(whole))
    assert [d.id for d in documents] == [e.uri for e in manifest]
    assert {d.source["offset"] for d in documents} == {0}
    assert [d.source["inner_offset"] for d in documents] == [e.offset for e in manifest]
    assert len(warc.ranges(whole, 10_000)) == 1  # records cannot be found from inside a member


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
@pytest.mark.parametrize("size", [3_000, 40_000, 250_000])
def test_byte_ranges_read_every_record_once(crawls, name, size):
    path, _ = crawls[name]
    whole = [key(d) for d in warc.documents(path)]
    ranges = warc.ranges(path, size)
    assert len(ranges) == -(-path.stat().st_size // size)
    assert [key(d) for r in ranges for d in r.documents()] == whole


@pytest.mark.parametrize("name", ["crawl.arc.gz", "crawl.arc"])
def test_arc_files(tmp_path, name):
    path = tmp_path / name
    manifest = warcgen.write_arc(path, 40, seed=5)
    documents = list(warc.documents(path))
    assert [d.id for d in documents] == [e.uri for e in manifest]
    assert [d.source["offset"] for d in documents] == [e.offset for e in manifest]
    statuses = [r["status"] for r in run_engine(documents, Analyzer(), jobs=0)]
    for entry, status in zip(manifest, statuses):
        if entry.kind in ("product", "not-html", "redirect", "not-found"):
            assert status == entry.expect
    if name.endswith(".gz"):
        ranges = warc.ranges(path, 20_000)
        assert len(ranges) > 3
        assert [key(d) for r in ranges for d in r.documents()] == [key(d) for d in documents]
    else:
        assert len(warc.ranges(path, 20_000)) == 1  # plain ARC is read whole


def test_the_pre_filter_answers_pages_without_any_ingredient_word(crawls, records):
    _, manifest = crawls["crawl.warc.gz"]
    prefiltered = [(e, r) for e, r in zip(manifest, records) if e.prefiltered]
    assert prefiltered
    for _, record in prefiltered:
        assert record["reason"] == "no ingredient list: the page names neither ingredients nor any common INCI name"
        assert record["strategy"] is None and record["encoding"] is None  # the page was never read
    assert warc.might_hold_a_list((FIXTURES / "negative-shoe.html").read_bytes()) is False


def test_the_pre_filter_keeps_every_page_that_holds_a_list(analyzer):
    import random

    from pagegen import LAYOUTS, generate_page

    pages = [p.read_bytes() for p in sorted(FIXTURES.glob("*.html"))]
    rng = random.Random(3)
    pages += [generate_page(rng, layout, size=60_000).encode() for layout in LAYOUTS]
    kept = 0
    for page in pages:
        if analyzer.analyze(Document("page", page, "html")).status == "ok":
            assert warc.might_hold_a_list(page)
            kept += 1
    assert kept >= len(pages) // 2


def test_the_pre_filter_reads_labels_in_other_scripts_and_encodings():
    assert warc.might_hold_a_list('<meta charset="euc-kr"><p>전성분: 정제수, 글리세린</p>'.encode("euc-kr"))
    assert warc.might_hold_a_list("<p>СОСТАВ: вода</p>".encode("utf-8"))
    assert warc.might_hold_a_list("<p>成分：水</p>".encode("utf-16"))
    assert not warc.might_hold_a_list("<p>Chaussures de course légères</p>".encode("utf-8"))


def test_the_http_charset_decodes_pages_that_do_not_declare_one(tmp_path):
    import random

    page = "<html><body><h2>Ingrédients</h2><p>Aqua, Glycérine, Rétinol, Niacinamide, Phénoxyéthanol</p></body></html>"
    http = warcgen.http_response("200 OK", [("Content-Type", "text/html; charset=ISO-8859-1")], page.encode("cp1252"))
    path = tmp_path / "one.warc"
    path.write_bytes(warcgen.warc_record("response", "https://x.example/p", http, random.Random(1), "application/http; msgtype=response"))
    [document] = warc.documents(path)
    assert document.data == page
    [record] = run_engine([document], Analyzer(), jobs=0)
    assert {a["inci"] for a in record["actives"]} >= {"Retinol", "Niacinamide"}


def test_a_response_over_the_size_limit_is_an_error(crawls):
    path, manifest = crawls["crawl.warc"]
    documents = list(warc.WarcRange(str(path), "crawl.warc").documents(max_body=30_000))
    large = [d for d, e in zip(documents, manifest) if e.kind == "product"]
    assert all(d.error and d.error.startswith("response too large") for d in large)


def test_crawl_files_are_found_by_name_and_by_their_first_bytes(crawls, tmp_path):
    for name in ("a.warc", "a.warc.gz", "a.arc", "a.ARC.GZ"):
        (tmp_path / name).write_bytes(b"x")
        assert detect_format(tmp_path / name) == "warc"
    for name in ("crawl.warc.gz", "crawl.warc"):
        renamed = tmp_path / (name.replace(".", "-") + ".bin")
        renamed.write_bytes(crawls[name][0].read_bytes()[:8192])
        assert detect_format(renamed) == "warc"
    (tmp_path / "pages.bin").write_bytes(gzip.compress(b"<html>not a crawl</html>"))
    assert detect_format(tmp_path / "pages.bin") == "files"


def test_batch_scores_a_crawl(crawls, tmp_path):
    path, manifest = crawls["crawl.warc.gz"]
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["batch", str(path), "--format", "jsonl", "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 0, result.output + result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["path"] for r in rows] == [e.uri for e in manifest]
    assert all(r["source"] == {"warc": str(path), "offset": e.offset} for r, e in zip(rows, manifest))
    assert f"{len(manifest)} records in" in result.stderr and "1 error" in result.stderr


def test_a_folder_of_crawls_with_a_glob(crawls, tmp_path):
    path, manifest = crawls["crawl.warc.gz"]
    folder = tmp_path / "crawls"
    folder.mkdir()
    os.symlink(path, folder / "a.warc.gz")
    inputs = Inputs([folder], ["*.warc.gz"])
    assert [d.id for d in inputs] == [e.uri for e in manifest]


def test_without_the_library_reading_a_crawl_is_a_usage_error(crawls, monkeypatch):
    monkeypatch.setitem(sys.modules, "warcio", None)
    path, _ = crawls["crawl.warc.gz"]
    result = CliRunner().invoke(cli, ["batch", str(path)])
    assert result.exit_code == 2
    assert "pip install 'firming-analyzer[warc]'" in result.stderr
    assert "Traceback" not in result.stderr
