"""The default engine: worker processes on this machine.

Each document runs in a worker process with a time limit and a memory limit;
a worker that hangs, crashes or runs out of memory is replaced, the document
it was reading gets an `error` record, and the other documents it had been
handed are run again by its replacement. Records come back in input order
whatever the number of workers, and documents are read from the source as
the run goes, so an export of millions of rows runs in bounded memory.

Documents go to a worker in chunks sized to a few milliseconds of work (a
message per short list would cost about as much as the list), and a worker's
next chunk is sent before it runs dry. A worker sends each record back as
soon as it is made, so the parent always knows which document a worker is
reading and when that document began. `shape`, when given, runs in the
worker on each record, so that only what the caller keeps of a record
crosses the pipe and lands in the parent.

A few small text lists are analysed in this process instead: starting
workers takes longer than the lists. The time limit still holds there.
"""
from __future__ import annotations

import gc
import itertools
import os
import pickle
import signal
import struct
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from ..core import Analyzer
from ..document import Document
from ..models import Record

if TYPE_CHECKING:  # imported by the pool when it starts: a few lists run here never need them
    import multiprocessing
    import socket

NAME = "local"
AHEAD = 64  # documents handed out per worker beyond the oldest unfinished one
CHUNK_SECONDS = 0.01  # work in one chunk: long enough to make a message cheap, short enough to balance the end of a run
# A chunk sent to a busy worker waits in the pipe until the worker has
# finished its current chunk: it must fit in the pipe's buffer, or the parent
# would block on it while the worker blocks sending records.
PIPELINED_BYTES = 32 * 1024
CHUNK_BYTES = 4 * 2**20  # a chunk to an idle worker: past this, one document at a time (large pages)
# While every busy worker has its next chunk in hand, records are let gather
# for up to this long (half the work the least busy one holds) before they
# are read: one wake-up of this process for several records (it shares the
# CPUs with the workers).
PAUSE = 0.005
INLINE_DOCUMENTS = 16  # up to this many small text lists are analysed in this process
INLINE_BYTES = 64 * 1024

Shape = Callable[[dict], Any]


def error_record(document: Document, message: str) -> dict:
    source = dict(document.source) if document.source is not None else None
    return Record(document.id, "error", error=message, source=source).to_dict()


def analyze_one(analyzer: Analyzer, document: Document) -> dict:
    """What a worker does with one document (patched in tests)."""
    return analyzer.analyze(document).to_dict()


def run(documents: Iterable[Document], analyzer: Analyzer, jobs: int | None = None,
        shape: Shape | None = None) -> Iterator[Any]:
    """Yield one record (as a dict) per document, in input order, or what
    `shape` makes of it.

    jobs=0 runs in this process (no time or memory limit); otherwise up to
    `jobs` worker processes (default: the number of CPUs), or this process
    with the time limit for a few small text lists.
    """
    if jobs is None:
        jobs = os.cpu_count() or 1
    if jobs == 0:
        for document in documents:
            yield _shaped(analyze_one(analyzer, document), shape)
        return
    # How many documents there are, when known without reading the source
    # (a list, or files counted beforehand as sources.Inputs does).
    count = len(documents) if isinstance(documents, (list, tuple)) else getattr(documents, "total", None)
    if count is not None:
        if count <= INLINE_DOCUMENTS:
            documents = list(documents)
            if _inline_ok(documents):
                yield from _inline(documents, analyzer, shape)
                return
        jobs = max(1, min(jobs, count))
    source = iter(documents)
    first = next(source, None)
    if first is not None:
        yield from _pooled(itertools.chain([first], source), analyzer, jobs, shape)


def _shaped(record: dict, shape: Shape | None) -> Any:
    return record if shape is None else shape(record)


# -- a few small text lists, in this process ------------------------------------


def _inline_ok(documents: list[Document]) -> bool:
    """A few small text lists, analysed faster here than by starting workers."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return False  # the time limit needs SIGALRM, which only the main thread gets
    if signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        return False  # the caller's own alarm is running (a test timeout, a script's): leave it be
    return all(_small_list(d) for d in documents)


def _small_list(document: Document) -> bool:
    if document.error or document.reason:
        return True  # its record is made without reading anything
    if document.hint != "text":
        return False  # pages are where hangs and crashes happen
    data = document.data
    if isinstance(data, Path):
        try:
            return data.is_file() and data.stat().st_size <= INLINE_BYTES
        except OSError:
            return True  # its record says why it cannot be read
    return isinstance(data, (str, bytes, bytearray)) and len(data) <= INLINE_BYTES


class _Overtime(BaseException):
    """A document ran past the time limit (not an Exception, which
    Analyzer.analyze would turn into a record of its own)."""


def _inline(documents: list[Document], analyzer: Analyzer, shape: Shape | None) -> Iterator[Any]:
    timeout = analyzer.limits.timeout
    armed = [False]

    def overtime(signum, frame):
        if armed[0]:
            raise _Overtime

    previous = signal.signal(signal.SIGALRM, overtime)
    try:
        for document in documents:
            record = None
            try:
                armed[0] = True
                signal.setitimer(signal.ITIMER_REAL, timeout)
                record = analyze_one(analyzer, document)
            except _Overtime:
                pass  # (a record finished as the time ran out is kept)
            finally:
                armed[0] = False
                signal.setitimer(signal.ITIMER_REAL, 0)
            if record is None:
                record = error_record(document, f"timed out after {timeout:g} s")
            yield _shaped(record, shape)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# -- worker processes -------------------------------------------------------------
#
# A worker and this process talk over a socket pair in messages: 8 bytes of
# length, then a pickle. Chunks of (index, document) go out; (index, record)
# pairs come back, one message each, read many at a time here.

_LENGTH = struct.Struct("!Q")


def _send(sock: socket.socket, message: Any) -> None:
    data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    if len(data) < 65536:
        sock.sendall(_LENGTH.pack(len(data)) + data)
    else:  # a large page: not copied once more
        sock.sendall(_LENGTH.pack(len(data)))
        sock.sendall(data)


def _receive_exactly(sock: socket.socket, size: int) -> bytearray:
    data = bytearray(size)
    view = memoryview(data)
    got = 0
    while got < size:
        n = sock.recv_into(view[got:])
        if not n:
            raise EOFError
        got += n
    return data


def _worker(sock: socket.socket, analyzer: Analyzer, memory_limit: int | None, shape: Shape | None) -> None:
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
            (size,) = _LENGTH.unpack(_receive_exactly(sock, _LENGTH.size))
            chunk = pickle.loads(_receive_exactly(sock, size))
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if chunk is None:
            return
        for index, document in chunk:
            record = _shaped(analyze_one(analyzer, document), shape)
            try:
                # Sent at once, so that the parent knows this document is done
                # and the next one has begun (its time limit counts from here).
                _send(sock, (index, record))
            except OSError:  # the parent is gone
                return


@dataclass(eq=False)  # told apart by identity (kept in sets)
class _Slot:
    process: multiprocessing.Process
    sock: socket.socket
    queue: deque = field(default_factory=deque)  # (index, document) handed out and not answered, in order
    chunks: deque = field(default_factory=deque)  # how many of `queue` each chunk sent holds, oldest first
    started: float = 0.0  # when the worker began the document at the head of `queue`
    inbox: bytearray = field(default_factory=bytearray)  # received, not yet a whole message


class _Pool:
    def __init__(self, jobs: int, analyzer: Analyzer, shape: Shape | None):
        import multiprocessing
        import selectors

        self.forked = "fork" in multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if self.forked else "spawn")
        # A forked worker shares this process's memory; a shape function
        # (often a closure) can only go to a forked one.
        self.args = (analyzer, analyzer.limits.memory, shape if self.forked else None)
        self.selector = selectors.DefaultSelector()  # every worker's socket and process sentinel
        self.slots = []
        for _ in range(jobs):
            slot = _Slot(*self._start())
            self._watch(slot)
            self.slots.append(slot)
        self.pipelined = _pipelined_bytes(self.slots[0].sock)

    def _start(self) -> tuple[multiprocessing.Process, socket.socket]:
        if self.forked:
            # What this process holds lives as long as the run: out of the
            # reach of the workers' garbage collector, whose passes would
            # otherwise write to (and so copy) every page they share with it.
            gc.freeze()
        import socket

        parent, child = socket.socketpair()
        process = self.context.Process(target=_worker, args=(child, *self.args), daemon=True)
        process.start()
        child.close()
        return process, parent

    def _watch(self, slot: _Slot) -> None:
        from selectors import EVENT_READ

        self.selector.register(slot.sock, EVENT_READ, slot)
        self.selector.register(slot.process.sentinel, EVENT_READ, slot)

    def ready(self, timeout: float) -> set:
        """The slots whose worker has sent something or has ended."""
        return {key.data for key, _ in self.selector.select(timeout)}

    def replace(self, slot: _Slot) -> None:
        self.selector.unregister(slot.sock)
        self.selector.unregister(slot.process.sentinel)
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join(1)
        slot.sock.close()
        slot.process, slot.sock = self._start()
        slot.queue.clear()
        slot.chunks.clear()
        slot.inbox.clear()
        self._watch(slot)

    def close(self) -> None:
        """Idle workers are told to stop; busy ones (after a Ctrl-C) are killed."""
        for slot in self.slots:
            try:
                if slot.queue:
                    slot.process.kill()
                else:
                    _send(slot.sock, None)
            except OSError:
                pass
        for slot in self.slots:
            slot.process.join(0.5)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join(1)
            slot.sock.close()
        self.selector.close()
        if self.forked:
            gc.unfreeze()


def _pipelined_bytes(sock: socket.socket) -> int:
    """How large a chunk sent to a busy worker may be. It waits in the socket
    until the worker has finished its current chunk, next to at most one
    other: both must fit in the socket's buffer, or the parent would block on
    the send (and stop watching the time limits) while the worker blocks
    sending its records."""
    from socket import SO_SNDBUF, SOL_SOCKET

    try:
        return min(PIPELINED_BYTES, sock.getsockopt(SOL_SOCKET, SO_SNDBUF) // 4)
    except OSError:
        return 0  # unknown: only idle workers get chunks


def _weight(document: Document) -> int:
    """About how many bytes a document takes in a message, at most."""
    data = document.data
    if isinstance(data, str):
        size = len(data) if data.isascii() else 4 * len(data)  # UTF-8: up to 4 bytes a character
    else:
        size = len(data) if isinstance(data, (bytes, bytearray)) else 0
    return 512 + size + sum(4 * len(v) for v in document.meta.values() if isinstance(v, str))


def _pooled(source: Iterator[Document], analyzer: Analyzer, jobs: int, shape: Shape | None) -> Iterator[Any]:
    timeout = analyzer.limits.timeout
    window = AHEAD * jobs
    most = max(1, AHEAD // 2)  # documents in a chunk: two chunks in flight per worker fit in the window
    pending: deque[tuple[int, Document]] = deque()  # read (or to be run again), not handed out
    done: dict[int, Any] = {}
    next_task = next_out = 0
    exhausted = False
    per_document: float | None = None  # seconds a document takes, a running average
    pool: _Pool | None = None

    def take(count: int, max_bytes: int, first_always: bool) -> list[tuple[int, Document]]:
        """Up to `count` documents from the front of `pending`, then the
        source, of at most `max_bytes` together (but the first one, with
        `first_always`)."""
        nonlocal next_task, exhausted
        chunk = []
        size = 0
        while len(chunk) < count:
            if not pending:
                if exhausted or next_task - next_out >= window:
                    break
                document = next(source, None)
                if document is None:
                    exhausted = True
                    break
                pending.append((next_task, document))
                next_task += 1
            size += _weight(pending[0][1])
            if size > max_bytes and (chunk or not first_always):
                break
            chunk.append(pending.popleft())
        return chunk

    def fail(slot: _Slot, message: str) -> None:
        """The document at the head of the worker's queue gets an error
        record; the worker is replaced and the rest of its queue runs again."""
        index, document = slot.queue.popleft()
        done[index] = _shaped(error_record(document, message), shape)
        rerun = sorted([*slot.queue, *pending], key=lambda item: item[0])
        pending.clear()
        pending.extend(rerun)
        pool.replace(slot)

    def receive(slot: _Slot, until_closed: bool = False) -> bool:
        """Take the records the worker has sent (all of them, up to the end
        of its socket, with `until_closed`); False once the socket is closed."""
        nonlocal per_document
        while True:
            try:
                data = slot.sock.recv(1 << 18)
            except OSError:
                data = b""
            slot.inbox += data
            inbox = slot.inbox
            start = 0
            while len(inbox) - start >= _LENGTH.size:
                (size,) = _LENGTH.unpack_from(inbox, start)
                end = start + _LENGTH.size + size
                if len(inbox) < end:
                    break
                index, result = pickle.loads(memoryview(inbox)[start + _LENGTH.size:end])
                start = end
                expected, _ = slot.queue.popleft()
                assert index == expected, (index, expected)
                done[index] = result if pool.forked else _shaped(result, shape)
                now = time.monotonic()
                took = now - slot.started
                per_document = took if per_document is None else 0.8 * per_document + 0.2 * took
                slot.started = now
                slot.chunks[0] -= 1
                if not slot.chunks[0]:
                    slot.chunks.popleft()
            del inbox[:start]
            if not data:
                return False
            if not until_closed:
                return True

    try:
        pool = _Pool(jobs, analyzer, shape)
        while True:
            # A chunk to each idle worker, and a small next one to a worker on its last.
            for slot in pool.slots:
                while len(slot.chunks) < 2:
                    idle = not slot.chunks
                    if not idle and not pool.pipelined:
                        break
                    size = 1 if per_document is None else int(max(1, min(most, CHUNK_SECONDS / max(per_document, 1e-6))))
                    chunk = take(size, CHUNK_BYTES if idle else pool.pipelined, first_always=idle)
                    if not chunk:
                        break
                    slot.queue.extend(chunk)
                    slot.chunks.append(len(chunk))
                    if idle:
                        slot.started = time.monotonic()
                    try:
                        _send(slot.sock, chunk)
                    except OSError:
                        if idle:  # a worker that dies while busy is found below
                            fail(slot, "the worker process failed to start")
                        break
            busy = [s for s in pool.slots if s.queue]
            if busy:
                if per_document and all(len(s.chunks) == 2 for s in busy):
                    time.sleep(min(PAUSE, min(len(s.queue) for s in busy) * per_document / 2))
                remaining = min(s.started for s in busy) + timeout - time.monotonic()
                ready = pool.ready(max(0.0, remaining))
                for slot in pool.slots:
                    ended = False
                    if slot in ready:
                        ended = not receive(slot) or slot.process.exitcode is not None
                        if ended:
                            receive(slot, until_closed=True)  # what it sent before it ended
                    if ended and not slot.queue:
                        pool.replace(slot)
                    elif ended:
                        slot.process.join(1)
                        fail(slot, f"the worker process died while reading this input (exit code {slot.process.exitcode})")
                    elif slot.queue and time.monotonic() - slot.started >= timeout:
                        fail(slot, f"timed out after {timeout:g} s")
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            if not busy and exhausted and not pending:
                return
    finally:
        if pool is not None:
            pool.close()
