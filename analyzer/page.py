"""Saved pages and files as module-level functions: thin wrappers over the
shared Analyzer (see core.py)."""
from __future__ import annotations

from pathlib import Path

from .core import merge_lists, shared_analyzer
from .document import TEXT_SUFFIXES, Document
from .knowledge import KnowledgeBase
from .models import Record

PageResult = Record  # the name the first versions used

__all__ = ["PageResult", "Record", "TEXT_SUFFIXES", "analyze_file", "analyze_page_text", "merge_lists"]


def analyze_page_text(page: str, kb: KnowledgeBase | None = None, fuzzy: bool = True) -> Record:
    """Analyse the decoded text of a saved page (path left empty)."""
    return shared_analyzer(kb, fuzzy).analyze_page(page)


def analyze_file(path: str | Path, kb: KnowledgeBase | None = None, fuzzy: bool = True) -> Record:
    """A saved page or a pasted list in a file -> one record; never raises for bad input."""
    return shared_analyzer(kb, fuzzy).analyze(Document.from_path(path))
