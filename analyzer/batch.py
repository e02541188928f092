"""Score many files: collect them, run them in worker processes, stream results.

One bad file never stops the run. Each file runs in a worker process with a
time limit and a memory limit; a worker that hangs, crashes or runs out of
memory is replaced and the file gets an `error` record. Results come back in
input order whatever the number of workers.
"""
from __future__ import annotations

import fnmatch
import multiprocessing
import os
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable, Iterable, Iterator

DEFAULT_PATTERNS = ("*.html", "*.htm", "*.xhtml", "*.txt")
DEFAULT_TIMEOUT = 30.0
MEMORY_LIMIT = 2 * 1024**3  # per worker: a safety net, far above normal use


class NoFilesError(ValueError):
    pass


def collect_files(paths: Iterable[str | Path], patterns: Iterable[str] = DEFAULT_PATTERNS) -> list[Path]:
    """Files named on the command line are taken as they are; folders are
    searched recursively for names matching the patterns (symlinked folders
    are not followed, so link loops cannot trap the walk)."""
    patterns = tuple(p.lower() for p in patterns)
    found: list[Path] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            found.append(path)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():  # a folder named here is walked even through a link
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    if any(fnmatch.fnmatch(name.lower(), p) for p in patterns):
                        add(Path(root) / name)
        elif path.exists() or path.is_symlink():
            add(path)
        else:
            raise FileNotFoundError(str(path))
    return found


def _error_record(path: Path, message: str) -> dict:
    return {
        "path": str(path),
        "status": "error",
        "error": message,
        "reason": None,
        "product": {"name": None, "brand": None},
        "strategy": None,
        "encoding": None,
        "seconds": 0.0,
    }


def _analyze_record(path: Path, kb_path: str | None, fuzzy: bool) -> dict:
    from .knowledge import load_knowledge
    from .page import analyze_file

    try:
        return analyze_file(path, load_knowledge(kb_path), fuzzy=fuzzy).to_dict()
    except MemoryError:
        return _error_record(path, "ran out of memory while reading this file")
    except RecursionError:
        return _error_record(path, "the file is nested too deeply to read")
    except Exception as exc:  # one broken file must not stop the batch
        return _error_record(path, f"unexpected failure: {type(exc).__name__}: {exc}")


def _worker(conn: Connection, kb_path: str | None, fuzzy: bool, memory_limit: int | None) -> None:
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
        index, path = task
        conn.send((index, _analyze_record(Path(path), kb_path, fuzzy)))


@dataclass
class _Slot:
    process: multiprocessing.Process
    conn: Connection
    task: tuple[int, Path] | None = None
    started: float = 0.0


class _Pool:
    def __init__(self, jobs: int, kb_path: str | None, fuzzy: bool, memory_limit: int | None):
        self.args = (kb_path, fuzzy, memory_limit)
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


def run_batch(
    files: list[Path],
    jobs: int | None = None,
    kb_path: str | None = None,
    fuzzy: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    memory_limit: int | None = MEMORY_LIMIT,
) -> Iterator[dict]:
    """Yield one record per file, in the order of `files`.

    jobs=0 runs in this process (no time or memory limit); otherwise up to
    `jobs` worker processes (default: the number of CPUs).
    """
    if jobs is None:
        jobs = os.cpu_count() or 1
    if jobs == 0:
        for path in files:
            yield _analyze_record(path, kb_path, fuzzy)
        return
    jobs = max(1, min(jobs, len(files) or 1))
    pool = _Pool(jobs, kb_path, fuzzy, memory_limit)
    done: dict[int, dict] = {}
    next_task = 0
    next_out = 0
    try:
        while next_out < len(files):
            for slot in pool.slots:
                if slot.task is None and next_task < len(files):
                    slot.task = (next_task, files[next_task])
                    slot.started = time.monotonic()
                    try:
                        slot.conn.send((next_task, str(files[next_task])))
                    except OSError:
                        done[next_task] = _error_record(files[next_task], "the worker process failed to start")
                        pool.replace(slot)
                    next_task += 1
            busy = [s for s in pool.slots if s.task is not None]
            if busy:
                now = time.monotonic()
                remaining = min(s.started + timeout - now for s in busy)
                ready = wait([s.conn for s in busy] + [s.process.sentinel for s in busy], max(0.0, remaining))
                for slot in busy:
                    index, path = slot.task
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
                            done[index] = _error_record(path, f"the worker process died while reading this file (exit code {code})")
                            pool.replace(slot)
                    elif time.monotonic() - slot.started >= timeout:
                        done[index] = _error_record(path, f"timed out after {timeout:g} s")
                        pool.replace(slot)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        pool.close()


def summarize(records: list[dict], seconds: float) -> str:
    ok = sum(1 for r in records if r["status"] == "ok")
    empty = sum(1 for r in records if r["status"] == "no_ingredients")
    errors = sum(1 for r in records if r["status"] == "error")
    rate = len(records) / seconds if seconds > 0 else 0.0
    return (
        f"{len(records)} file{'s' if len(records) != 1 else ''} in {seconds:.1f} s ({rate:.0f}/s): "
        f"{ok} ok, {empty} without an ingredient list, {errors} error{'s' if errors != 1 else ''}"
    )


ProgressCallback = Callable[[int, int, dict], None]
