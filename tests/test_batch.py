import csv
import gzip
import io
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import analyzer.engines.local as local_engine
from analyzer.batch import collect_files, run_batch
from analyzer.cli import cli

PAGES = Path(__file__).parent / "fixtures" / "pages"
SERUM = "Aqua, Glycerin, Retinol, Palmitoyl Tripeptide-1, Ascorbic Acid, Phenoxyethanol"


@pytest.fixture()
def folder(tmp_path):
    """A shelf of saved pages plus the junk every real folder holds."""
    root = tmp_path / "pages"
    (root / "shop" / "deeper").mkdir(parents=True)
    for layout in ("shopify-accordion", "json-ld", "kit", "negative-shoe"):
        shutil.copy(PAGES / f"{layout}.html", root / "shop" / f"{layout}.html")
    shutil.copy(PAGES / "utf16.html", root / "shop" / "deeper" / "utf16.htm")
    (root / "serum.txt").write_text(SERUM, encoding="utf-8")
    (root / "empty.html").write_bytes(b"")
    (root / "binary.html").write_bytes(bytes(range(256)) * 50)
    (root / "nul-bytes.html").write_bytes(b"<html><body><p>Ingredients: Aqua,\x00 Glycerin, Retinol, Niacinamide</p></body></html>")
    (root / "invalid-utf8.html").write_bytes("<p>Ingrédients : Aqua, Glycérine, Rétinol, Niacinamide</p>".encode("cp1252") + b"\xff\xfe\x81")
    (root / "gzipped.html").write_bytes(gzip.compress(b"<html><p>Ingredients: Aqua, Glycerin</p></html>"))
    (root / "notes.md").write_text("not matched by the default patterns", encoding="utf-8")
    os.symlink("loop.html", root / "loop.html")  # a symlink pointing at itself
    os.symlink(root, root / "shop" / "back-to-root")  # a folder loop
    os.mkfifo(root / "pipe.html")
    return root


def records_by_name(records):
    return {Path(r["path"]).name: r for r in records}


def test_collect_files_recurses_and_filters(folder):
    files = collect_files([folder])
    names = sorted(p.name for p in files)
    assert "notes.md" not in names and "utf16.htm" in names and "serum.txt" in names
    assert len(names) == len(set(names))  # the folder loop was not followed
    assert [p.name for p in collect_files([folder], ["*.md"])] == ["notes.md"]


def test_collect_files_missing_path(tmp_path):
    with pytest.raises(FileNotFoundError):
        collect_files([tmp_path / "nope"])


def test_every_file_gets_a_record_and_bad_ones_do_not_stop_the_run(folder):
    files = collect_files([folder])
    records = list(run_batch(files, jobs=2, timeout=20))
    assert [r["path"] for r in records] == [str(p) for p in files]
    by_name = records_by_name(records)
    assert by_name["shopify-accordion.html"]["status"] == "ok"
    assert by_name["kit.html"]["status"] == "ok" and len(by_name["kit.html"]["lists"]) == 3
    assert by_name["utf16.htm"]["status"] == "ok"
    assert by_name["serum.txt"]["status"] == "ok" and by_name["serum.txt"]["strategy"] == "text"
    assert by_name["negative-shoe.html"]["status"] == "no_ingredients"
    assert by_name["empty.html"] == {**by_name["empty.html"], "status": "no_ingredients", "reason": "empty file"}
    assert by_name["binary.html"]["status"] == "error" and "not a text file" in by_name["binary.html"]["error"]
    assert by_name["gzipped.html"]["status"] == "error" and "gzip" in by_name["gzipped.html"]["error"]
    assert by_name["nul-bytes.html"]["status"] == "ok"
    assert [a["inci"] for a in by_name["nul-bytes.html"]["actives"]][:1] == ["Retinol"]
    assert by_name["invalid-utf8.html"]["status"] == "ok"
    assert "Retinol" in [a["inci"] for a in by_name["invalid-utf8.html"]["actives"]]
    assert by_name["loop.html"]["status"] == "error" and "symbolic links" in by_name["loop.html"]["error"]
    assert by_name["pipe.html"]["status"] == "error" and "not a regular file" in by_name["pipe.html"]["error"]


def test_same_order_and_results_with_one_or_many_workers(folder):
    files = collect_files([folder])
    strip = lambda rs: [{k: v for k, v in r.items() if k != "seconds"} for r in rs]  # noqa: E731
    one = strip(run_batch(files, jobs=1))
    many = strip(run_batch(files, jobs=3))
    inline = strip(run_batch(files, jobs=0))
    assert one == many == inline


def test_unreadable_file_gets_an_error_record(tmp_path, monkeypatch):
    page = tmp_path / "locked.html"
    page.write_text("<p>Ingredients: Aqua, Retinol, Glycerin</p>", encoding="utf-8")
    real_open = open

    def deny(path, *args, **kwargs):
        if str(path) == str(page):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny)
    [record] = run_batch([page], jobs=0)
    assert record["status"] == "error" and record["error"] == "cannot read: Permission denied"


def misbehaving(tmp_path, monkeypatch, action):
    """A bad file and a good one; reading the bad one runs `action` in the
    worker (the patch is inherited by forked workers)."""
    bad, fine = tmp_path / "bad.html", tmp_path / "fine.txt"
    bad.write_text("<p>x</p>", encoding="utf-8")
    fine.write_text(SERUM, encoding="utf-8")
    real = local_engine.analyze_one

    def patched(analyzer, document):
        if document.id.endswith("bad.html"):
            action()
        return real(analyzer, document)

    monkeypatch.setattr(local_engine, "analyze_one", patched)
    return [bad, fine]


def test_a_hanging_file_times_out_and_the_run_goes_on(tmp_path, monkeypatch):
    files = misbehaving(tmp_path, monkeypatch, lambda: time.sleep(60))
    started = time.monotonic()
    records = list(run_batch(files, jobs=1, timeout=1.5))
    assert time.monotonic() - started < 20
    assert records[0]["status"] == "error" and "timed out after 1.5 s" in records[0]["error"]
    assert records[1]["status"] == "ok"


def test_a_crashing_worker_is_replaced(tmp_path, monkeypatch):
    files = misbehaving(tmp_path, monkeypatch, lambda: os._exit(3))
    records = list(run_batch(files, jobs=1, timeout=10))
    assert records[0]["status"] == "error" and "exit code 3" in records[0]["error"]
    assert records[1]["status"] == "ok"


def test_deeply_nested_and_huge_pages_are_bounded(tmp_path):
    nested = tmp_path / "nested.html"
    nested.write_text("<html><body>" + "<div>" * 200_000 + "<p>Ingredients: Aqua, Glycerin, Retinol, Niacinamide</p>" + "</div>" * 200_000, encoding="utf-8")
    filler = "<div class='review'><p>" + "lovely texture and glow " * 40 + "</p></div>"
    huge = tmp_path / "huge.html"
    with open(huge, "w", encoding="utf-8") as handle:
        handle.write("<html><head><title>Huge Serum</title></head><body>")
        for _ in range(50_000_000 // len(filler) + 1):
            handle.write(filler)
        handle.write("<h3>Ingredients</h3><p>Aqua, Glycerin, Retinol, Niacinamide, Phenoxyethanol</p></body></html>")
    assert huge.stat().st_size > 50_000_000
    records = records_by_name(run_batch([nested, huge], jobs=2, timeout=60))
    assert records["nested.html"]["status"] == "ok"
    assert records["huge.html"]["status"] == "ok"
    assert records["huge.html"]["product"]["name"] == "Huge Serum"


def test_huge_page_stays_under_one_gigabyte(tmp_path):
    import subprocess
    import sys

    filler = "<div class='review'><p>" + "lovely texture and glow " * 40 + "</p></div>"
    huge = tmp_path / "huge.html"
    with open(huge, "w", encoding="utf-8") as handle:
        handle.write("<html><body>")
        for _ in range(50_000_000 // len(filler) + 1):
            handle.write(filler)
        handle.write("<p>Aqua, Glycerin, Retinol, Niacinamide, Phenoxyethanol, Xanthan Gum</p></body></html>")
    code = (
        "import resource, sys; from analyzer.page import analyze_file; "
        f"r = analyze_file({str(huge)!r}); "
        "print(r.status, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    status, max_kb = done.stdout.split()
    assert status == "ok"
    assert int(max_kb) < 1024 * 1024  # ru_maxrss is in KiB on Linux


# -- the command --------------------------------------------------------------


def invoke(*args):
    return CliRunner().invoke(cli, ["batch", *map(str, args)], catch_exceptions=False)


def test_batch_table_is_ranked_with_a_summary(folder):
    result = invoke(folder, "--jobs", "2")
    assert result.exit_code == 0
    table, _, summary = result.stdout.partition("\n\n")
    lines = table.splitlines()
    assert lines[0].split()[:3] == ["#", "score", "product"]
    scores = [int(line.split()[1]) for line in lines[2:] if line.split()[1].isdigit()]
    assert summary.startswith("Categories in") and "Grades: A" in summary
    assert scores == sorted(scores, reverse=True) and len(scores) >= 6
    assert "files in" in result.stderr and "ok" in result.stderr and "errors" in result.stderr


def test_batch_jsonl_records(folder):
    result = invoke(folder, "--format", "jsonl", "--jobs", "1")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    for record in records:
        assert {"path", "status", "error", "product", "strategy"} <= set(record)
        assert set(record["product"]) == {"name", "brand", "category"}
        if record["status"] == "ok":
            assert {"score", "ingredients", "actives"} <= set(record)
    accordion = next(r for r in records if r["path"].endswith("shopify-accordion.html"))
    assert accordion["strategy"] == "labelled-section"


def test_batch_csv_file_is_ranked(folder, tmp_path):
    out = tmp_path / "ranking.csv"
    result = invoke(folder, "--format", "csv", "--output", out)
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["rank"] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
    ok = [int(r["score"]) for r in rows if r["status"] == "ok"]
    assert ok == sorted(ok, reverse=True)
    assert rows[-1]["status"] == "error"


def test_batch_json_output(folder):
    data = json.loads(invoke(folder, "--format", "json").stdout)
    assert isinstance(data, list) and len(data) == len(collect_files([folder]))


def test_interrupted_run_keeps_finished_results(folder, tmp_path, monkeypatch):
    files = collect_files([folder])

    from analyzer.engines.local import run as local_run

    def interrupted(documents, analyzer, engine="local", **kwargs):
        yield from list(local_run(list(documents)[:3], analyzer, **{**kwargs, "jobs": 0}))
        raise KeyboardInterrupt

    monkeypatch.setattr("analyzer.engines.run", interrupted)
    for fmt in ("jsonl", "csv"):
        out = tmp_path / f"partial.{fmt}"
        result = invoke(folder, "--format", fmt, "--output", out)
        assert result.exit_code == 130
        text = out.read_text(encoding="utf-8").strip().splitlines()
        assert len(text) == (3 if fmt == "jsonl" else 4)  # csv: header + 3 rows
        assert "interrupted" in result.stderr
    assert len(files) > 3


@pytest.mark.parametrize(
    "args, message",
    [
        (["/definitely/not/here"], "no such file or folder"),
        (["--format", "xml", "."], "Invalid value for '--format'"),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = CliRunner().invoke(cli, ["batch", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_no_matching_files_is_a_usage_error(tmp_path):
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path)])
    assert result.exit_code == 2 and "no files matching" in result.output


@pytest.mark.parametrize("option", ["--output", "--report"])
def test_unwritable_output_fails_before_the_run(tmp_path, option):
    result = CliRunner().invoke(cli, ["batch", str(PAGES / "kit.html"), option, str(tmp_path / "missing" / "x.csv")])
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert "files in" not in result.output  # nothing ran


def test_a_second_run_in_place_does_not_read_its_own_output(tmp_path):
    shutil.copy(PAGES / "kit.html", tmp_path / "kit.html")
    out = tmp_path / "ranking.txt"
    for _ in range(2):
        result = invoke(tmp_path, "--output", out, "--jobs", "0")
        assert result.exit_code == 0
    assert "1 file in" in result.stderr


def test_plain_text_list_with_another_extension_is_read_as_a_list(tmp_path):
    listing = tmp_path / "serum.md"
    listing.write_text(SERUM, encoding="utf-8")
    [record] = run_batch([listing], jobs=0)
    assert record["status"] == "ok" and record["strategy"] == "text"


def _default_sigint():
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_big_batch(tmp_path):
    """A batch of 3,000 pages in its own session, as soon as it has written
    its first results (long before it can finish, even on a loaded machine)."""
    import subprocess
    import sys

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(3000):
        shutil.copy(PAGES / "kit.html", folder / f"p{i:04}.html")
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "analyzer", "batch", str(folder), "--format", "jsonl", "-o", str(out), "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        # Ctrl-C as in a terminal: a test run started in the background (`pytest &`)
        # passes SIGINT on ignored, and Python then never raises KeyboardInterrupt.
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size == 0):
        time.sleep(0.01)
    return process, out


def test_ctrl_c_keeps_finished_results_without_tracebacks(tmp_path):
    import signal

    process, out = start_big_batch(tmp_path)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err.decode(errors="replace")[-3000:]
    assert b"Traceback" not in err and b"(interrupted)" in err
    lines = out.read_text(encoding="utf-8").splitlines()
    assert 0 < len(lines) < 3000
    assert all(json.loads(line)["status"] == "ok" for line in lines)
    assert f"{len(lines)} file{'s' if len(lines) != 1 else ''} in".encode() in err


def test_a_symlinked_folder_named_on_the_command_line_is_walked(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    shutil.copy(PAGES / "kit.html", real / "kit.html")
    link = tmp_path / "linked"
    os.symlink(real, link)
    assert [p.name for p in collect_files([link])] == ["kit.html"]


def test_sigterm_stops_workers_and_keeps_results(tmp_path):
    import signal
    import subprocess

    process, _ = start_big_batch(tmp_path)
    process.send_signal(signal.SIGTERM)  # the parent only, as `kill PID` does
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and b"Traceback" not in err
    time.sleep(0.5)
    leftover = subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True, text=True).stdout.split()
    assert leftover == []


def test_an_interrupt_before_the_run_exits_130_too(folder, monkeypatch):
    # Ctrl-C while the files are still being found (or the knowledge base
    # loaded): the same exit code as during the run, and no traceback.
    def interrupted(self):
        raise KeyboardInterrupt

    monkeypatch.setattr("analyzer.sources.Inputs.check", interrupted)
    result = invoke(folder)
    assert result.exit_code == 130
    assert "interrupted" in result.stderr and "Traceback" not in result.stderr
