"""The Dask engine: the same Analyzer on a Dask distributed cluster.

With a scheduler address it uses that cluster; without one it starts a
LocalCluster of `jobs` single-threaded worker processes. Work goes out in
units: a byte range of a crawl file (the worker reads the file itself, so the
client never reads the pages; every worker needs the file at the same path),
or a batch of other documents (pages are read by the worker from their path).
A bounded number of units is in flight, and records come back unit by unit in
input order.

A worker that dies has its units rerun by the scheduler, and each unit's
records are taken once, in order, so none is lost or repeated. A unit whose
workers keep dying (a page that takes a worker down) is rerun one document
per task, so that only that page gets an `error` record.

Needs the `dask` extra: pip install 'firming-analyzer[dask]'.
"""
from __future__ import annotations

import logging
import os
import uuid
from collections import deque
from concurrent.futures import CancelledError
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator

from ..document import Document
from ..models import Record
from . import EngineError

NAME = "dask"
EXTRA_HINT = "the dask engine needs the dask extra: pip install 'firming-analyzer[dask]'"
BATCH = 32  # documents of files and exports per task
AHEAD = 4  # units in flight per worker thread
SPLIT = 16  # a crawl file is split in at least this many units per worker thread (to balance the end of a run)
CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler


def run(documents: Iterable[Document], analyzer, jobs: int | None = None, scheduler: str | None = None,
        range_bytes: int | None = None, batch: int = BATCH, connect_timeout: float | None = None) -> Iterator[dict]:
    """Yield one record (as a dict) per document, in input order.

    Connects (or starts the LocalCluster) before returning, so that an
    unreachable scheduler or a missing extra is an EngineError at once.
    `documents` may offer `units(range_bytes)` (sources.Inputs does): crawl
    files are then split into byte ranges instead of being read here."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise EngineError(EXTRA_HINT) from None
    client, cluster = connect(scheduler, jobs, analyzer.limits.memory, connect_timeout or CONNECT_TIMEOUT)
    if hasattr(documents, "units"):
        units = documents.units(range_bytes, parts=SPLIT * _threads(client))
    else:
        units = iter(documents)
    return _records(client, cluster, _batches(units, batch), analyzer)


def connect(scheduler: str | None, jobs: int | None, memory: int | None, timeout: float = CONNECT_TIMEOUT):
    """(client, cluster): a client of the scheduler at `scheduler`, or of a
    new LocalCluster (cluster is then returned to be closed at the end)."""
    from distributed import Client, LocalCluster

    if scheduler:
        _check_address(scheduler, timeout)
        quiet = _quiet("distributed")
        try:
            return Client(scheduler, timeout=timeout, set_as_default=False), None
        except (OSError, TimeoutError, ValueError) as exc:
            reason = " ".join(str(exc).split()) or type(exc).__name__
            if "Timed out" in reason or isinstance(exc, TimeoutError):
                reason = f"no answer within {timeout:g} s"
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {reason}") from None
        finally:
            quiet()
    workers = (os.cpu_count() or 1) if jobs is None else jobs
    cluster = LocalCluster(
        n_workers=max(1, workers),
        threads_per_worker=1,
        processes=workers != 0,  # --jobs 0: one worker thread in this process (for debugging)
        dashboard_address=":0",  # no fixed port: several clusters may run
        memory_limit=memory or "auto",
        silence_logs=logging.ERROR,
    )
    return Client(cluster, set_as_default=False), cluster


def _check_address(scheduler: str, timeout: float) -> None:
    """Refuse a malformed address, and a TCP address where nothing listens,
    at once (the client would retry until its timeout)."""
    import socket

    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(scheduler)
        host, port = parse_host_port(location) if scheme in ("tcp", "tls") else (None, None)
    except (ValueError, TypeError) as exc:
        raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {' '.join(str(exc).split())} "
                          "(expected tcp://HOST:PORT)") from None
    if host is None:
        return
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except socket.timeout:
        raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: no answer within {timeout:g} s") from None
    except OSError as exc:
        raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {exc.strerror or exc}") from None


def _quiet(name: str):
    """Silence a logger and its children (retry chatter, reconnection
    tracebacks) while the engine reports failures itself; returns the undo."""
    names = [name] + [n for n in logging.root.manager.loggerDict if n.startswith(name + ".")]
    loggers = [logging.getLogger(n) for n in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)

    def undo() -> None:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)

    return undo


def _batches(units: Iterable, size: int) -> Iterator[object]:
    """Crawl ranges one per task; other documents in lists of `size`, with
    paths made absolute for workers started elsewhere."""
    batch: list[Document] = []
    for unit in units:
        if isinstance(unit, Document):
            if isinstance(unit.data, Path):
                unit = replace(unit, data=Path(os.path.abspath(unit.data)))
            batch.append(unit)
            if len(batch) >= size:
                yield batch
                batch = []
            continue
        if batch:
            yield batch
            batch = []
        yield unit
    if batch:
        yield batch


# -- on the workers ---------------------------------------------------------------


def _hold(analyzer):
    """The Analyzer, as a task result that every unit depends on: each worker
    holds one copy (its caches built once), and it is recomputed if lost."""
    return analyzer


def analyze_unit(analyzer, unit) -> list[dict]:
    """Every record of one unit: a crawl byte range or a list of documents."""
    if isinstance(unit, list):
        return [analyzer.analyze(document).to_dict() for document in unit]
    records = []
    try:
        for document in unit.documents(analyzer.limits.max_bytes):
            records.append(analyzer.analyze(document).to_dict())
    except Exception as exc:  # the file cannot be read on this worker
        records.append(unit_error(unit, f"cannot read on this worker: {exc}"))
    return records


def unit_error(unit, message: str) -> dict:
    record = Record(unit.name, "error", error=message).to_dict()
    record["source"] = {"warc": unit.name, "offset": unit.start}
    return record


def document_error(document: Document, message: str) -> dict:
    record = Record(document.id, "error", error=message).to_dict()
    if document.source is not None:
        record["source"] = dict(document.source)
    return record


# -- on the client ------------------------------------------------------------------


def _records(client, cluster, units: Iterator[object], analyzer) -> Iterator[dict]:
    from distributed import KilledWorker

    run_id = uuid.uuid4().hex[:12]
    quiet = _quiet("distributed")  # its reconnection tracebacks: a lost cluster is reported once, below
    held = client.submit(_hold, analyzer, key=f"analyzer-{run_id}", pure=False)
    window = max(4, AHEAD * _threads(client))
    pending: deque = deque()
    count = 0
    try:
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < window:
                unit = next(units, None)
                if unit is None:
                    exhausted = True
                    break
                count += 1
                future = client.submit(analyze_unit, held, unit, key=f"unit-{run_id}-{count}", pure=False)
                pending.append((unit, future))
            if not pending:
                break
            unit, future = pending.popleft()
            try:
                records = future.result()
            except KilledWorker:
                records = None
            except CancelledError:
                raise EngineError("lost the Dask cluster: the connection to the scheduler was lost") from None
            except (OSError, TimeoutError) as exc:
                raise EngineError(f"lost the Dask cluster: {' '.join(str(exc).split()) or type(exc).__name__}") from None
            finally:
                future.release()
            if records is None:
                yield from _one_by_one(client, held, unit, run_id)
            else:
                yield from records
    finally:
        for _, future in pending:
            future.cancel()
        try:
            held.release()
            client.close()
            if cluster is not None:
                cluster.close()
        finally:
            quiet()


def _one_by_one(client, held, unit, run_id: str) -> Iterator[dict]:
    """Rerun a unit whose workers died, a task per document; a document whose
    worker dies again gets an error record. (The client reads this one range
    itself, to hand its pages out one by one.)"""
    from distributed import KilledWorker

    documents = iter(unit) if isinstance(unit, list) else _documents_of(unit)
    window = max(4, AHEAD * _threads(client))
    pending: deque = deque()
    index = 0
    while True:
        while len(pending) < window:
            document = next(documents, None)
            if document is None:
                break
            if isinstance(document, dict):  # the range could not be read here either
                pending.append((None, document))
                continue
            index += 1
            future = client.submit(analyze_unit, held, [document], key=f"doc-{run_id}-{index}", pure=False,
                                   retries=0)
            pending.append((document, future))
        if not pending:
            return
        document, future = pending.popleft()
        if document is None:
            yield future
            continue
        try:
            records = future.result()
        except KilledWorker:
            records = [document_error(document, "the worker process died while reading this input")]
        except CancelledError:
            raise EngineError("lost the Dask cluster: the connection to the scheduler was lost") from None
        finally:
            future.release()
        yield from records


def _documents_of(unit) -> Iterator[Document | dict]:
    try:
        yield from unit.documents()
    except Exception as exc:
        yield unit_error(unit, f"cannot read: {exc}")


def _threads(client) -> int:
    try:
        workers = client.scheduler_info().get("workers", {})
        return max(1, sum(w.get("nthreads", 1) for w in workers.values()))
    except Exception:
        return 1
