"""The Dask engine, on LocalClusters of one and two worker processes."""
import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("distributed", reason="the dask extra is not installed: pip install 'firming-analyzer[dask]'")
pytest.importorskip("warcio", reason="the warc extra (warcio) is not installed: pip install 'firming-analyzer[warc]'")

from distributed import Client, LocalCluster  # noqa: E402

from analyzer.cli import cli  # noqa: E402
from analyzer.core import Analyzer, Limits  # noqa: E402
from analyzer.engines import EngineError  # noqa: E402
from analyzer.engines import dask as dask_engine  # noqa: E402
from analyzer.engines import run as run_engine  # noqa: E402
from analyzer.sources import Inputs  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import warcgen  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "pages"
RANGE = 150_000  # small byte ranges: many units per crawl file


def without_time(records):
    return [{k: v for k, v in r.items() if k != "seconds"} for r in records]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """Two crawl files (gzipped and plain, each with a record cut short), a
    folder of saved pages and an export."""
    folder = tmp_path_factory.mktemp("inputs")
    warcgen.write_warc(folder / "a.warc.gz", 150, seed=11)
    warcgen.write_warc(folder / "b.warc", 60, seed=12)
    export = folder / "export.jsonl"
    export.write_text(
        "\n".join(json.dumps({"id": f"p{i}", "ingredients": "Aqua, Glycerin, Retinol, Niacinamide, Phenoxyethanol"})
                  for i in range(40)),
        encoding="utf-8",
    )
    return [folder / "a.warc.gz", folder / "b.warc", FIXTURES, export]


@pytest.fixture(scope="module")
def expected(inputs):
    return without_time(run_engine(Inputs(inputs), Analyzer(), engine="local", jobs=2))


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=40) as running:
        yield running


def test_records_are_those_of_the_local_engine(inputs, expected, cluster):
    got = without_time(run_engine(Inputs(inputs), Analyzer(), engine="dask", scheduler=cluster.scheduler_address,
                                  range_bytes=RANGE, batch=8))
    assert got == expected
    crawl = [r for r in got if "source" in r]
    assert len(crawl) == 210 and {r["source"]["warc"] for r in crawl} == {str(p) for p in inputs[:2]}


def test_a_local_cluster_of_jobs_workers_is_started_and_closed(inputs, expected):
    import psutil

    before = set(psutil.Process().children(recursive=True))
    got = without_time(run_engine(Inputs(inputs[1:3]), Analyzer(), engine="dask", jobs=1, range_bytes=RANGE))
    crawl_b = [r for r in expected if r.get("source", {}).get("warc") == str(inputs[1])]
    pages = [r for r in expected if "source" not in r and not r["path"].startswith("p")]
    assert got == crawl_b + pages
    time.sleep(0.5)
    assert [p for p in psutil.Process().children(recursive=True) if p not in before and p.is_running()
            and p.status() != psutil.STATUS_ZOMBIE] == []


def test_a_killed_worker_has_its_units_rerun_and_no_record_is_lost_or_repeated(inputs, expected):
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=50) as cluster, Client(cluster) as client:
        pids = client.run(os.getpid)
        victim = sorted(pids.values())[0]
        results = run_engine(Inputs(inputs), Analyzer(), engine="dask", scheduler=cluster.scheduler_address,
                             range_bytes=RANGE, batch=8)
        got = []
        for record in results:
            got.append(record)
            if len(got) == 20:  # units are in flight on both workers
                os.kill(victim, signal.SIGKILL)
        assert victim not in client.run(os.getpid).values()  # it was killed, and the nanny started another
    assert without_time(got) == expected
    assert len({(r["path"], json.dumps(r.get("source"))) for r in got}) == len(got)


def test_a_unit_whose_worker_dies_is_rerun_one_document_per_task(inputs, expected, monkeypatch):
    """With no failure allowed, the units of a killed worker fail at once (as
    units whose page keeps killing its worker do): each is rerun a document
    per task, and the records are still all there, once, in order."""
    import dask

    rerun = []
    one_by_one = dask_engine._one_by_one

    def counted(client, held, unit, run_id):
        rerun.append(unit)
        yield from one_by_one(client, held, unit, run_id)

    monkeypatch.setattr(dask_engine, "_one_by_one", counted)
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                         silence_logs=50) as cluster, Client(cluster) as client:
        pids = client.run(os.getpid)
        got = []
        for record in run_engine(Inputs(inputs), Analyzer(), engine="dask", scheduler=cluster.scheduler_address,
                                 range_bytes=RANGE, batch=8):
            got.append(record)
            if len(got) == 20:
                # The worker that holds units right now, so that some unit is lost with it.
                busy = [address for address, keys in client.processing().items() if keys]
                os.kill(pids[sorted(busy or pids)[0]], signal.SIGKILL)
    assert rerun
    assert without_time(got) == expected


def test_memory_per_worker_stays_bounded(inputs, cluster):
    """Units in flight are bounded, so are the results waiting on the
    workers; the workers run under the memory limit given to the cluster."""
    import psutil

    window = dask_engine.AHEAD * 2
    with Client(cluster.scheduler_address) as client:
        results = run_engine(Inputs(inputs[:2]), Analyzer(), engine="dask", scheduler=cluster.scheduler_address,
                             range_bytes=40_000, batch=8)
        held, rss = [], []
        for index, _ in enumerate(results):
            if index % 15 == 0:
                held.append(sum(client.run(lambda dask_worker: sum(1 for k in dask_worker.data if str(k).startswith("unit-"))).values()))
                rss.append(max(client.run(lambda: psutil.Process().memory_info().rss).values()))
    assert len(held) > 10
    assert max(held) <= window
    assert max(rss) < 1024**3

    client, started = dask_engine.connect(None, 1, 400 * 2**20)
    try:
        [worker] = client.scheduler_info()["workers"].values()
        assert worker["memory_limit"] == 400 * 2**20 and worker["nthreads"] == 1
    finally:
        client.close()
        started.close()


def test_an_unreachable_scheduler_is_a_one_line_error(inputs, tmp_path):
    import socket

    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    for address, reason in ((f"tcp://127.0.0.1:{port}", "Connection refused"), ("nowhere", "expected tcp://HOST:PORT")):
        result = CliRunner().invoke(cli, ["batch", str(inputs[1]), "--engine", "dask", "--scheduler", address,
                                          "-o", str(tmp_path / "out.jsonl")])
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith(f"Error: cannot reach the Dask scheduler at {address}: ")
        assert reason in result.stderr
        assert result.stdout == ""


def test_a_scheduler_without_the_dask_engine_is_a_usage_error(inputs):
    result = CliRunner().invoke(cli, ["batch", str(inputs[1]), "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "a scheduler is for --engine dask" in result.stderr


def test_without_the_extra_the_dask_engine_says_how_to_get_it(inputs, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(EngineError, match=r"pip install 'firming-analyzer\[dask\]'"):
        run_engine(Inputs(inputs[1:2]), Analyzer(limits=Limits()), engine="dask")
    result = CliRunner().invoke(cli, ["batch", str(inputs[1]), "--engine", "dask"])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1


def test_batch_with_the_dask_engine_writes_the_same_output(inputs, cluster, tmp_path):
    outputs = []
    for engine in (["--engine", "local", "--jobs", "2"], ["--engine", "dask", "--scheduler", cluster.scheduler_address]):
        out = tmp_path / f"{engine[1]}.jsonl"
        result = CliRunner().invoke(cli, ["batch", str(inputs[0]), "--format", "jsonl", "-o", str(out), *engine])
        assert result.exit_code == 0, result.stderr
        assert "150 records in" in result.stderr
        outputs.append(without_time(json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()))
    assert outputs[0] == outputs[1]
