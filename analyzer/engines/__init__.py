"""Engines run an Analyzer over a stream of Documents and yield records in
input order: `local` (worker processes on this machine, the default) and
`dask` (a Dask cluster; optional extra).

With `shape`, an engine yields shape(record) instead of each record, made
where the record is made when it can (the local engine's workers), so that
only what the caller keeps of a record reaches it."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator

from ..core import Analyzer
from ..document import Document
from ..errors import AnalyzerError

ENGINES = ("local", "dask")


class EngineError(AnalyzerError):
    """An engine that cannot run: a missing extra, an unreachable cluster."""


def run(documents: Iterable[Document], analyzer: Analyzer, engine: str = "local",
        shape: Callable[[dict], Any] | None = None, **options) -> Iterator[Any]:
    if engine == "local":
        from .local import run as local_run

        return local_run(documents, analyzer, shape=shape, **options)
    if engine == "dask":
        from .dask import run as dask_run

        records = dask_run(documents, analyzer, **options)
        return records if shape is None else map(shape, records)
    raise ValueError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
