"""Scoring a crawl: the WARC libraries, the local engine and the Dask engine.

    python bench/bench_crawl.py [--responses N] [--page-size BYTES] [--repeat R] [--keep DIR]

Generates a crawl (bench/warcgen.py: product pages from the fixtures and
bench/pagegen.py, other pages, non-HTML responses, redirects, 404s, chunked
and gzip bodies, one record cut short), gzipped per record, then measures on
this machine:

  1. the WARC libraries on the same file: warcio and fastwarc (if installed)
     reading every response with its decoded body, and this project's reader
     (record framing, warcio parsing, the pre-filter);
  2. records per second of `analyzer batch` on the crawl: the local engine
     with 1 and 2 workers, and the Dask engine with 1 and 2 workers, both on
     a LocalCluster it starts itself (start-up included) and on a cluster
     already running (as with --scheduler);
  3. the Dask overhead against the local engine with 2 workers.

Every run must give the same records (timings aside); the script checks it.
Runs are interleaved; each figure is given as the best and the median of
--repeat runs (the machine is shared, so the best is the least disturbed).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import warcgen  # noqa: E402

from analyzer.core import Analyzer  # noqa: E402
from analyzer.engines import run as run_engine  # noqa: E402
from analyzer.sources import Inputs, warc  # noqa: E402


def read_warcio(path: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    with open(path, "rb") as handle:
        for record in ArchiveIterator(handle, arc2warc=True):
            if record.rec_type == "response" and record.http_headers is not None:
                record.http_headers.get_header("Content-Type")
                record.content_stream().read()
                count += 1
    return count


def read_fastwarc(path: Path, decode: str = "transfer") -> int:
    """fastwarc decodes the transfer encoding; a gzip content encoding is
    decoded here (its own 'all' mode stops at a chunked gzip body)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    count = 0
    for record in ArchiveIterator(str(path), record_types=WarcRecordType.response, parse_http=True, auto_decode=decode):
        record.http_headers.get("Content-Type")
        body = record.reader.read()
        if decode == "transfer" and record.http_headers.get("Content-Encoding") == "gzip":
            zlib.decompress(body, 31)
        count += 1
    return count


def read_ours(path: Path) -> int:
    return sum(1 for _ in warc.documents(path))


def best_of(function, path: Path, repeat: int) -> tuple[float, int]:
    times, count = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        count = function(path)
        times.append(time.perf_counter() - started)
    return min(times), count


def libraries(folder: Path, crawl: Path, args) -> None:
    plain = folder / "lib.warc"
    gzipped = folder / "lib.warc.gz"
    for path in (plain, gzipped):  # the same crawl without the record cut short: every reader gets through
        warcgen.write_warc(path, args.responses, seed=args.seed, page_size=args.page_size, truncate_at=-1)
    from importlib.metadata import version

    readers = [(f"warcio {version('warcio')}", read_warcio)]
    try:
        import fastwarc  # noqa: F401

        readers.append((f"fastwarc {version('fastwarc')}", read_fastwarc))
    except ImportError:
        print("(fastwarc is not installed: pip install fastwarc to compare it)")
    print("\n## WARC libraries: every response with its decoded body, best of 3\n")
    print("| reader | file | responses | seconds | responses/s | MB/s (file) |")
    print("|---|---|---|---|---|---|")
    for label, reader in readers:
        for path in (gzipped, plain):
            seconds, count = best_of(reader, path, 3)
            size = path.stat().st_size / 1e6
            print(f"| {label} | {path.name} | {count} | {seconds:.2f} | {count / seconds:,.0f} | {size / seconds:,.0f} |")
    if len(readers) > 1:
        whole = read_fastwarc(plain, "all")
        print(f"\nfastwarc with auto_decode='all' stops silently after {whole} of {args.responses} responses "
              "(at the first body that is both chunked and gzipped).")
    seconds, count = best_of(read_ours, crawl, 3)
    print(f"\nThis project's reader (framing, warcio, pre-filter) on {crawl.name}: {count} responses in "
          f"{seconds:.2f} s ({count / seconds:,.0f}/s).")


def strip(records: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "seconds"} for r in records]


def peak_rss() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux


def worker_memory(cluster) -> int:
    """The largest peak resident memory of the cluster's workers so far."""
    from distributed import Client

    with Client(cluster) as client:
        return max(client.run(peak_rss).values())


def engines(crawl: Path, args, html: int) -> None:
    """Each run on its own: a cluster "already running" is started before
    the clock starts and closed after it stops, so no idle cluster runs
    beside another configuration."""
    import logging

    from distributed import LocalCluster

    logging.getLogger("distributed").setLevel(logging.ERROR)
    configs = [
        ("local, 1 worker", dict(engine="local", jobs=1), 0),
        ("local, 2 workers", dict(engine="local", jobs=2), 0),
        ("dask, 1 worker, cluster already running", dict(engine="dask"), 1),
        ("dask, 2 workers, cluster already running", dict(engine="dask"), 2),
        ("dask, 1 worker, LocalCluster started by the run", dict(engine="dask", jobs=1), 0),
        ("dask, 2 workers, LocalCluster started by the run", dict(engine="dask", jobs=2), 0),
    ]
    runs: dict[str, list[float]] = {}
    reference = None
    memory = 0
    for round_ in range(args.repeat):
        for label, options, running in configs:
            cluster = None
            if running:
                cluster = LocalCluster(n_workers=running, threads_per_worker=1, processes=True,
                                       dashboard_address=":0", silence_logs=40)
                options = dict(options, scheduler=cluster.scheduler_address)
            try:
                started = time.perf_counter()
                records = list(run_engine(Inputs([crawl]), Analyzer(), **options))
                runs.setdefault(label, []).append(time.perf_counter() - started)
                if running == 2:
                    memory = max(memory, worker_memory(cluster))
            finally:
                if cluster is not None:
                    cluster.close()
            records = strip(records)
            if reference is None:
                reference = records
            elif records != reference:
                raise SystemExit(f"{label}: records differ from the first run")
            print(f"  round {round_ + 1}: {label}: {runs[label][-1]:.1f} s", file=sys.stderr)
    count = len(reference)
    print(f"\n## Engines: {count} responses ({html} HTML pages), {args.repeat} runs each, interleaved\n")
    print("| engine | best (s) | median (s) | responses/s (best) | responses/s (median) |")
    print("|---|---|---|---|---|")
    best = {label: min(times) for label, times in runs.items()}
    median = {label: statistics.median(times) for label, times in runs.items()}
    for label, _, _ in configs:
        print(f"| {label} | {best[label]:.1f} | {median[label]:.1f} | {count / best[label]:.0f} | {count / median[label]:.0f} |")
    print(f"\nPeak worker memory (resident, largest worker of the 2-worker clusters): {memory / 2**20:.0f} MiB")
    for label in ("dask, 2 workers, cluster already running", "dask, 2 workers, LocalCluster started by the run"):
        print(f"\nDask overhead ({label.split(', ', 2)[2]}) against the local engine with 2 workers: "
              f"best {100 * (best[label] / best['local, 2 workers'] - 1):+.1f}%, "
              f"median {100 * (median[label] / median['local, 2 workers'] - 1):+.1f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--responses", type=int, default=2600, help="HTTP responses in the crawl (4 in 5 are HTML pages)")
    parser.add_argument("--page-size", type=int, default=100_000, help="smallest generated product page (bytes)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", help="write the crawl files in this folder and keep them")
    parser.add_argument("--skip-libraries", action="store_true")
    parser.add_argument("--skip-engines", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.keep or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        crawl = folder / "crawl.warc.gz"
        started = time.perf_counter()
        manifest = warcgen.write_warc(crawl, args.responses, seed=args.seed, page_size=args.page_size)
        html = sum(1 for e in manifest if e.kind in ("product", "fixture", "other-page"))
        print(f"{crawl.name}: {len(manifest)} responses ({html} HTML pages), {crawl.stat().st_size / 1e6:.1f} MB "
              f"gzipped, generated in {time.perf_counter() - started:.0f} s")
        if not args.skip_libraries:
            libraries(folder, crawl, args)
        if not args.skip_engines:
            engines(crawl, args, html)


if __name__ == "__main__":
    main()
