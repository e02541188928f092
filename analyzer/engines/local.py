"""The default engine: worker processes on this machine.

Each document runs in a worker process with a time limit and a memory limit;
a worker that hangs, crashes or runs out of memory is replaced and the
document gets an `error` record. Records come back in input order whatever
the number of workers, and documents are read from the source as the run
goes, so an export of millions of rows runs in bounded memory.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Iterable, Iterator

from ..core import Analyzer
from ..document import Document
from ..models import Record

NAME = "local"
AHEAD = 64  # documents handed out per worker beyond the oldest unfinished one


def error_record(document: Document, message: str) -> dict:
    source = dict(document.source) if document.source is not None else None
    return Record(document.id, "error", error=message, source=source).to_dict()


def analyze_one(analyzer: Analyzer, document: Document) -> dict:
    """What a worker does with one document (patched in tests)."""
    return analyzer.analyze(document).to_dict()


def _worker(conn: Connection, analyzer: Analyzer, memory_limit: int | None) -> None:
    # Ctrl-C goes to the whole process group: the parent handles it (and stops
    # the workers), so a worker must not die printing a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_limit:
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
        except (ImportError, ValueError, OSError):
            pass
    while True:
        try:
            task = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if task is None:
            return
        index, document = task
        conn.send((index, analyze_one(analyzer, document)))


@dataclass
class _Slot:
    process: multiprocessing.Process
    conn: Connection
    task: tuple[int, Document] | None = None
    started: float = 0.0


class _Pool:
    def __init__(self, jobs: int, analyzer: Analyzer):
        self.args = (analyzer, analyzer.limits.memory)
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.slots = [self._start() for _ in range(jobs)]

    def _start(self) -> _Slot:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(child, *self.args), daemon=True)
        process.start()
        child.close()
        return _Slot(process, parent)

    def replace(self, slot: _Slot) -> None:
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join(1)
        slot.conn.close()
        fresh = self._start()
        slot.process, slot.conn, slot.task = fresh.process, fresh.conn, None

    def close(self) -> None:
        for slot in self.slots:
            try:
                if slot.task is None:
                    slot.conn.send(None)
            except OSError:
                pass
        for slot in self.slots:
            slot.process.join(0.5)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join(1)
            slot.conn.close()


def run(documents: Iterable[Document], analyzer: Analyzer, jobs: int | None = None) -> Iterator[dict]:
    """Yield one record (as a dict) per document, in input order.

    jobs=0 runs in this process (no time or memory limit); otherwise up to
    `jobs` worker processes (default: the number of CPUs).
    """
    if jobs is None:
        jobs = os.cpu_count() or 1
    if jobs == 0:
        for document in documents:
            yield analyze_one(analyzer, document)
        return
    source = iter(documents)
    first = next(source, None)
    if first is None:
        return
    if isinstance(documents, (list, tuple)):
        jobs = max(1, min(jobs, len(documents)))
    pending: list[Document] = [first]  # read from the source, not yet handed out
    timeout = analyzer.limits.timeout
    pool = _Pool(jobs, analyzer)
    done: dict[int, dict] = {}
    next_task = 0
    next_out = 0
    exhausted = False
    try:
        while True:
            for slot in pool.slots:
                if slot.task is not None or next_task - next_out >= AHEAD * jobs:
                    continue
                if not pending and not exhausted:
                    following = next(source, None)
                    if following is None:
                        exhausted = True
                    else:
                        pending.append(following)
                if not pending:
                    break
                document = pending.pop(0)
                slot.task = (next_task, document)
                slot.started = time.monotonic()
                try:
                    slot.conn.send((next_task, document))
                except OSError:
                    done[next_task] = error_record(document, "the worker process failed to start")
                    pool.replace(slot)
                next_task += 1
            busy = [s for s in pool.slots if s.task is not None]
            if not busy and not pending and exhausted and next_out == next_task:
                return
            if busy:
                now = time.monotonic()
                remaining = min(s.started + timeout - now for s in busy)
                ready = wait([s.conn for s in busy] + [s.process.sentinel for s in busy], max(0.0, remaining))
                for slot in busy:
                    index, document = slot.task
                    if slot.conn in ready:
                        try:
                            got_index, record = slot.conn.recv()
                            done[got_index] = record
                            slot.task = None
                            continue
                        except (EOFError, OSError):
                            pass
                    if slot.conn in ready or slot.process.sentinel in ready:
                        if not slot.process.is_alive():
                            code = slot.process.exitcode
                            done[index] = error_record(document, f"the worker process died while reading this input (exit code {code})")
                            pool.replace(slot)
                    elif time.monotonic() - slot.started >= timeout:
                        done[index] = error_record(document, f"timed out after {timeout:g} s")
                        pool.replace(slot)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        pool.close()
