"""The local engine: documents go to workers in chunks, a bad document inside
a chunk costs only its own record, a few small lists run in this process,
and `shape` runs where the record is made."""
import os
import signal
import time

import pytest

import analyzer.engines.local as local_engine
from analyzer.batch import run_batch
from analyzer.core import Analyzer, Limits
from analyzer.document import Document

SERUM = "Aqua, Glycerin, Retinol, Palmitoyl Tripeptide-1, Ascorbic Acid, Phenoxyethanol"
PAGE = "<html><body><h3>Ingredients</h3><p>Aqua, Glycerin, Retinol, Niacinamide</p></body></html>"


def without_time(records):
    return [{k: v for k, v in r.items() if k != "seconds"} for r in records]


def failing_on(monkeypatch, document_id, action):
    """analyze_one, with `action()` first for one document (a hang, a crash)."""
    real = local_engine.analyze_one

    def patched(analyzer, document):
        if document.id == document_id:
            action()
        return real(analyzer, document)

    monkeypatch.setattr(local_engine, "analyze_one", patched)


@pytest.fixture()
def chunked(tmp_path, monkeypatch):
    """Eight lists, the fourth one bad, and chunks as large as they go: the
    bad list shares its chunk with the lists after it. Every analysis is
    logged with the worker's process id."""
    monkeypatch.setattr(local_engine, "CHUNK_SECONDS", 1000.0)
    files = []
    for i in range(8):
        path = tmp_path / f"{i}-{'bad' if i == 3 else 'fine'}.txt"
        path.write_text(SERUM, encoding="utf-8")
        files.append(path)
    log = tmp_path / "log"
    real = local_engine.analyze_one

    def install(action):
        def patched(analyzer, document):
            with open(log, "a", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()} {os.path.basename(document.id)}\n")
            if "bad" in document.id:
                action()
            return real(analyzer, document)

        monkeypatch.setattr(local_engine, "analyze_one", patched)
        return files

    def runs():
        lines = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
        return {name: [int(pid) for pid, n in lines if n == name] for _, name in lines}

    return install, runs


def check_rerun(records, runs, message):
    assert [r["status"] for r in records] == ["ok", "ok", "ok", "error", "ok", "ok", "ok", "ok"]
    assert message in records[3]["error"]
    seen = runs()
    first_worker = seen["0-fine.txt"][0]
    assert seen["2-fine.txt"] == [first_worker]  # done before the bad one: not run again
    for i in range(4, 8):  # handed out with the bad one, run once, by the next worker
        [pid] = seen[f"{i}-fine.txt"]
        assert pid != first_worker


def test_a_hang_inside_a_chunk_reruns_the_rest_of_the_chunk(chunked):
    install, runs = chunked
    files = install(lambda: time.sleep(60))
    records = list(run_batch(files, jobs=1, timeout=1.5))
    check_rerun(records, runs, "timed out after 1.5 s")


def test_a_crash_inside_a_chunk_reruns_the_rest_of_the_chunk(chunked):
    install, runs = chunked
    files = install(lambda: os._exit(3))
    records = list(run_batch(files, jobs=1, timeout=30))
    check_rerun(records, runs, "exit code 3")


def test_many_workers_keep_the_input_order(tmp_path, monkeypatch):
    monkeypatch.setattr(local_engine, "CHUNK_SECONDS", 1000.0)
    documents = [Document(f"p{i}", PAGE if i % 3 else f"<p>{i}</p>", "html") for i in range(300)]
    records = list(local_engine.run(documents, Analyzer(), jobs=3))
    assert [r["path"] for r in records] == [d.id for d in documents]
    assert [r["status"] for r in records] == ["no_ingredients" if i % 3 == 0 else "ok" for i in range(300)]


def lists(count=5):
    return [Document(f"list{i}", SERUM if i % 2 else "Aqua, Glycerin, Niacinamide", "text") for i in range(count)]


def test_a_few_small_lists_run_in_this_process_with_the_same_records(monkeypatch):
    analyzer = Analyzer()
    inline = without_time(local_engine.run(lists(), analyzer, jobs=2))
    assert inline == without_time(local_engine.run(lists(), analyzer, jobs=0))
    monkeypatch.setattr(local_engine, "INLINE_DOCUMENTS", 0)  # workers now
    assert inline == without_time(local_engine.run(lists(), analyzer, jobs=2))


def test_which_inputs_run_in_this_process(monkeypatch):
    started = []
    real = local_engine._Pool

    def counting(*args, **kwargs):
        started.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(local_engine, "_Pool", counting)
    analyzer = Analyzer()
    list(local_engine.run(lists(), analyzer, jobs=2))
    assert started == []
    list(local_engine.run([*lists(), Document("page", PAGE, "html")], analyzer, jobs=2))  # a page: workers
    assert started == [1]
    list(local_engine.run(lists(local_engine.INLINE_DOCUMENTS + 1), analyzer, jobs=2))  # too many
    assert started == [1, 1]
    list(local_engine.run(iter(lists()), analyzer, jobs=2))  # how many is not known
    assert started == [1, 1, 1]


def test_the_time_limit_holds_for_lists_run_in_this_process(monkeypatch):
    failing_on(monkeypatch, "list1", lambda: time.sleep(60))
    before = signal.getsignal(signal.SIGALRM)
    started = time.monotonic()
    records = list(local_engine.run(lists(3), Analyzer(limits=Limits(timeout=1)), jobs=2))
    assert time.monotonic() - started < 30
    assert [r["status"] for r in records] == ["ok", "error", "ok"]
    assert records[1]["error"] == "timed out after 1 s"
    assert signal.getsignal(signal.SIGALRM) == before


def test_a_running_alarm_of_the_caller_is_left_alone(monkeypatch):
    started = []
    real = local_engine._Pool
    monkeypatch.setattr(local_engine, "_Pool", lambda *a, **k: started.append(1) or real(*a, **k))
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        records = list(local_engine.run(lists(3), Analyzer(), jobs=2))
        assert [r["status"] for r in records] == ["ok", "ok", "ok"]
        assert started == [1]  # run by workers, not under this process's alarm
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 20  # the caller's alarm still runs
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def shape(record):
    return os.getpid(), record["path"], record["status"]


def test_shape_runs_in_the_worker_and_on_error_records(monkeypatch):
    failing_on(monkeypatch, "p2", lambda: os._exit(3))
    documents = [Document(f"p{i}", PAGE, "html") for i in range(5)]
    shaped = list(local_engine.run(documents, Analyzer(), jobs=2, shape=shape))
    assert [(path, status) for _, path, status in shaped] == [(f"p{i}", "error" if i == 2 else "ok") for i in range(5)]
    assert all(pid != os.getpid() for pid, path, _ in shaped if path != "p2")
    assert shaped[2][0] == os.getpid()  # the error record was made here
    inline = list(local_engine.run(lists(2), Analyzer(), jobs=2, shape=shape))
    assert [pid for pid, _, _ in inline] == [os.getpid()] * 2


def test_no_worker_starts_for_no_documents(monkeypatch):
    monkeypatch.setattr(local_engine, "_Pool", None)  # would fail if called
    assert list(local_engine.run(iter(()), Analyzer(), jobs=2)) == []


def test_large_documents_go_one_at_a_time(monkeypatch):
    monkeypatch.setattr(local_engine, "CHUNK_SECONDS", 1000.0)
    monkeypatch.setattr(local_engine, "CHUNK_BYTES", 150_000)
    sent = []
    real = local_engine._send

    def counting(sock, message):
        if isinstance(message, list):
            sent.append([document.id for _, document in message])
        real(sock, message)

    monkeypatch.setattr(local_engine, "_send", counting)
    filler = "<div><p>" + "lovely texture and glow " * 40 + "</p></div>"
    page = "<html><body>" + filler * 100 + "<h3>Ingredients</h3><p>Aqua, Glycerin, Retinol</p></body></html>"
    documents = [Document(f"p{i}", page, "html") for i in range(6)] + [Document(f"small{i}", PAGE, "html") for i in range(40)]
    records = list(local_engine.run(documents, Analyzer(), jobs=2))
    assert [r["path"] for r in records] == [d.id for d in documents]
    assert all(r["status"] == "ok" for r in records)
    assert all(sum(ident.startswith("p") for ident in chunk) <= 1 for chunk in sent)  # never two large pages
    assert max(map(len, sent)) > 1  # the small ones went together
