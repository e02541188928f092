"""A file (saved page or pasted list) -> one result record.

Never raises for bad input: every file gets a record with status `ok`,
`no_ingredients` (with the reason) or `error` (with a clear message).
"""
from __future__ import annotations

import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from .analyze import analyze_parsed
from .extract import Product, extract
from .knowledge import KnowledgeBase, load_knowledge
from .models import Analysis, IngredientList, ParsedText
from .parse import parse_text
from .source import BinaryInputError, decode_bytes

TEXT_SUFFIXES = {".txt", ".text", ".inci"}
MAX_BYTES = 64 * 1024 * 1024


@dataclass
class PageResult:
    path: str
    status: str  # "ok", "no_ingredients" or "error"
    product: Product = field(default_factory=Product)
    strategy: str | None = None
    error: str | None = None
    reason: str | None = None
    encoding: str | None = None
    seconds: float = 0.0
    analysis: Analysis | None = None

    @property
    def score(self) -> int | None:
        return self.analysis.score if self.analysis else None

    def to_dict(self) -> dict:
        record = {
            "path": self.path,
            "status": self.status,
            "error": self.error,
            "reason": self.reason,
            "product": self.product.to_dict(),
            "strategy": self.strategy,
            "encoding": self.encoding,
            "seconds": round(self.seconds, 4),
        }
        if self.analysis is not None:
            record.update(self.analysis.to_dict())
        return record


def merge_lists(parts: list[ParsedText]) -> ParsedText:
    """Several candidate blocks (a kit) become one text with numbered lists."""
    lists: list[IngredientList] = []
    for parsed in parts:
        for lst in parsed.lists:
            index = len(lists)
            ingredients = tuple(
                type(i)(i.position, i.name, i.aliases, i.percent, i.section, index, i.raw) for i in lst.ingredients
            )
            lists.append(IngredientList(lst.title, ingredients))
    return ParsedText(tuple(lists))


def analyze_page_text(page: str, kb: KnowledgeBase | None = None, fuzzy: bool = True) -> PageResult:
    """Analyse the decoded text of a saved page (path left empty)."""
    kb = kb or load_knowledge()
    found = extract(page, kb, fuzzy)
    result = PageResult(path="", status="no_ingredients", product=found.product, strategy=found.strategy)
    parsed = merge_lists([c.parsed for c in found.candidates])  # parsed once, when scored
    if not parsed:
        result.strategy = None
        result.reason = found.reason or "no ingredient list found on the page"
        return result
    result.status = "ok"
    result.analysis = analyze_parsed(parsed, kb, fuzzy=fuzzy)
    return result


def analyze_file(path: str | Path, kb: KnowledgeBase | None = None, fuzzy: bool = True) -> PageResult:
    started = time.perf_counter()
    path = Path(path)
    result = _analyze_file(path, kb, fuzzy)
    result.path = str(path)
    result.seconds = time.perf_counter() - started
    return result


def _analyze_file(path: Path, kb: KnowledgeBase | None, fuzzy: bool) -> PageResult:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe, socket or device)"
            return PageResult("", "error", error=f"cannot read: {kind}")
        size = info.st_size
        if size > MAX_BYTES:
            return PageResult("", "error", error=f"file too large ({size / 1e6:.0f} MB; the limit is {MAX_BYTES // 2**20} MB)")
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return PageResult("", "error", error=f"cannot read: {exc.strerror or exc}")
    if not data.strip():
        return PageResult("", "no_ingredients", reason="empty file")
    is_text = path.suffix.lower() in TEXT_SUFFIXES
    try:
        text, encoding = decode_bytes(data, html=not is_text)
    except BinaryInputError as exc:
        return PageResult("", "error", error=str(exc))
    text = text.replace("\x00", "")
    if not is_text and not _looks_like_html(text):
        is_text = True  # a plain list saved under another name (.md, no extension...)
    if is_text:
        result = _analyze_list_file(text, path, kb, fuzzy)
    else:
        result = analyze_page_text(text, kb, fuzzy)
    result.encoding = encoding
    return result


def _looks_like_html(text: str) -> bool:
    head = text[:4096].lower()
    return "<" in head and any(tag in head for tag in ("<html", "<body", "<div", "<p", "<head", "<!doctype", "<meta", "<span", "<li", "<table", "<script", "<br", "<h1", "<h2", "<h3", "<a "))


def _analyze_list_file(text: str, path: Path, kb: KnowledgeBase | None, fuzzy: bool) -> PageResult:
    kb = kb or load_knowledge()
    product = Product(name=path.stem.replace("-", " ").replace("_", " "))
    parsed = parse_text(text, kb=kb)
    if not parsed:
        return PageResult("", "no_ingredients", product=product, reason="no ingredient list in the text")
    return PageResult("", "ok", product=product, strategy="text", analysis=analyze_parsed(parsed, kb, fuzzy=fuzzy))
