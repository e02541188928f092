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
    analyzer = DocumentFields.wrap(analyzer)
    if engine == "local":
        from .local import run as local_run

        return local_run(documents, analyzer, **options)
    if engine == "dask":
        from .dask import run as dask_run

        return dask_run(documents, analyzer, **options)
    raise ValueError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")


# -- Document.reason and Document.source ------------------------------------------
# To move into Analyzer.analyze and Record: a document with a `reason` gets a
# no_ingredients record without being read, and every record carries its
# document's `source`. Until then every engine answers them here.


def record_of(analyzer: Analyzer, document: Document) -> dict:
    """One document -> its record, as a dict."""
    if document.reason and not document.error:
        from ..models import Product, Record

        meta = document.meta
        record = Record(document.id, "no_ingredients", Product(meta.get("name"), meta.get("brand")), reason=document.reason)
    else:
        record = analyzer.analyze(document)
    result = record.to_dict()
    if document.source is not None:
        result["source"] = dict(document.source)
    return result


class DocumentFields:
    """An Analyzer whose records answer Document.reason and carry
    Document.source (what the engines call: analyze(document).to_dict())."""

    def __init__(self, analyzer: Analyzer):
        self.analyzer = analyzer

    @classmethod
    def wrap(cls, analyzer):
        return analyzer if isinstance(analyzer, cls) else cls(analyzer)

    @property
    def limits(self):
        return self.analyzer.limits

    def analyze(self, document: Document) -> "_Done":
        return _Done(record_of(self.analyzer, document))


class _Done:
    __slots__ = ("record",)

    def __init__(self, record: dict):
        self.record = record

    def to_dict(self) -> dict:
        return self.record
