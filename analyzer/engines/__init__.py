"""Engines run an Analyzer over a stream of Documents and yield records in
input order: `local` (worker processes on this machine, the default) and
`dask` (a Dask cluster; optional extra)."""
from __future__ import annotations

from typing import Iterable, Iterator

from ..core import Analyzer
from ..document import Document
from ..errors import AnalyzerError

ENGINES = ("local", "dask")


class EngineError(AnalyzerError):
    """An engine that cannot run: a missing extra, an unreachable cluster."""


def run(documents: Iterable[Document], analyzer: Analyzer, engine: str = "local", **options) -> Iterator[dict]:
    if engine == "local":
        from .local import run as local_run

        return local_run(documents, analyzer, **options)
    if engine == "dask":
        from .dask import run as dask_run

        return dask_run(documents, analyzer, **options)
    raise ValueError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
