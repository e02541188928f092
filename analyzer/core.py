"""The Analyzer: one object that owns the knowledge base, the matcher, the
name sets, the caches and the limits, and turns a Document into a Record.

    decode -> (page: extract candidate blocks) -> parse -> match -> score

`analyze(document)` never raises: bad input becomes an `error` or
`no_ingredients` record with a clear message. An Analyzer pickles without its
caches, so it can be sent to worker processes or cluster workers cheaply.
"""
from __future__ import annotations

import stat
import time
from dataclasses import dataclass
from pathlib import Path

from .concentration import classify, find_line
from .decode import decode_bytes, looks_like_html
from .document import Document
from .errors import BinaryInputError, NoIngredientsError
from .knowledge import KnowledgeBase, load_knowledge
from .models import Analysis, IngredientList, Note, ParsedText, Product, Record
from .text import name_key


@dataclass(frozen=True)
class Limits:
    """Bounds that keep one bad document from taking the machine down."""

    max_bytes: int = 64 * 1024 * 1024  # larger inputs get an error record
    timeout: float = 30.0  # seconds per document (enforced by the engines)
    memory: int | None = 2 * 1024**3  # address space per worker (engines)


class Analyzer:
    def __init__(self, kb: KnowledgeBase | str | Path | None = None, fuzzy: bool = True, limits: Limits | None = None):
        self.kb = kb if isinstance(kb, KnowledgeBase) else load_knowledge(kb)
        self.fuzzy = fuzzy
        self.limits = limits or Limits()
        self._reset_caches()

    def _reset_caches(self) -> None:
        self._matcher = None
        self._names: tuple[frozenset[str], frozenset[str]] | None = None
        self._parsed: dict[str, ParsedText] = {}  # a page repeats its list (one per size or shade)

    def __getstate__(self) -> dict:
        return {"kb": self.kb, "fuzzy": self.fuzzy, "limits": self.limits}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._reset_caches()

    def __repr__(self) -> str:
        return f"Analyzer({len(self.kb.actives)} actives, fuzzy={self.fuzzy})"

    # -- shared parts, built on first use ----------------------------------
    @property
    def matcher(self):
        if self._matcher is None:
            from .match import Matcher
            from .names import ordinary_name_keys

            self._matcher = Matcher(kb=self.kb, ordinary=ordinary_name_keys(), fuzzy=self.fuzzy)
        return self._matcher

    @property
    def known(self) -> frozenset[str]:
        """Keys of every known name: ordinary names plus the actives' names."""
        return self._name_sets()[0]

    @property
    def active_names(self) -> frozenset[str]:
        return self._name_sets()[1]

    def _name_sets(self) -> tuple[frozenset[str], frozenset[str]]:
        if self._names is None:
            self._names = _name_sets(self.kb)
        return self._names

    # -- stages ------------------------------------------------------------
    def parse(self, text: str) -> ParsedText:
        from .parse import parse_with

        parsed = self._parsed.get(text)
        if parsed is None:
            parsed = parse_with(text, self.known, self.active_names, self._family)
            if len(self._parsed) > 512:
                self._parsed.clear()
            self._parsed[text] = parsed
        return parsed

    def _family(self, key: str) -> bool:
        """A name an active's family rule takes (for one-name lists)."""
        return any(rule.matches(key) for rule in self.kb.rules)

    def extract(self, page: str):
        from .extract import extract

        return extract(page, self)

    def analyze_text(self, text: str) -> Analysis:
        """Score a pasted list (one product, or a kit of several lists).
        Raises NoIngredientsError when the text holds no list."""
        if isinstance(text, (bytes, bytearray)):
            text = decode_bytes(bytes(text))[0]
        if not isinstance(text, str):
            raise TypeError(f"analyze_text needs the list as a str, not {type(text).__name__}")
        parsed = self.parse(text)
        if not parsed:
            raise NoIngredientsError("no ingredient list found in the input")
        return self.analyze_parsed(parsed)

    def analyze_parsed(self, parsed: ParsedText) -> Analysis:
        from .score import concentration_factor, grade_for, score_findings

        kb, matcher = self.kb, self.matcher
        candidates = []
        lines = []
        rinse_lists: list[str] = []
        for index, lst in enumerate(parsed.lists):
            ingredients = list(lst.ingredients)
            line = find_line(ingredients, kb, index)
            lines.append(line.to_dict())
            rinse_off = is_rinse_off(ingredients, kb)
            if rinse_off:
                rinse_lists.append(lst.title or f"list {index + 1}")
            for ingredient in ingredients:
                match = matcher.match(ingredient)
                if match is None:
                    continue
                concentration = classify(ingredient, line, len(ingredients))
                low_dose = kb.categories.get(match.active.category, {}).get("low_dose", False)
                factor = concentration_factor(ingredient, concentration, low_dose, rinse_off)
                candidates.append((ingredient, match, concentration, factor))
        score, findings = score_findings(candidates)
        grade, verdict = grade_for(score)
        derived: set[str] = set()
        if rinse_lists and len(rinse_lists) == len(parsed.lists):
            derived.add("rinse_off")
        notes = _notes(parsed, findings, kb, derived)
        if rinse_lists and "rinse_off" not in derived:
            # A kit with a cleanser: say which part washes off, not the whole kit.
            names = ", ".join(f"'{t}'" for t in rinse_lists)
            notes.append(Note("rinse_off_part", f"{names} looks like a rinse-off cleanser; its actives count for less."))
        caution_ids = sorted({c for f in findings for c in f.active.cautions} | {n.caution for n in notes if n.caution})
        return Analysis(
            score=score,
            grade=grade,
            verdict=verdict,
            parsed=parsed,
            findings=findings,
            notes=notes,
            cautions={cid: kb.cautions.get(cid, cid) for cid in caution_ids},
            one_percent_line=lines,
        )

    def analyze_page(self, page: str) -> Record:
        """A decoded saved page -> record (path left empty)."""
        found = self.extract(page)
        record = Record(path="", status="no_ingredients", product=found.product, strategy=found.strategy, locator=found.locator)
        parsed = merge_lists([c.parsed for c in found.candidates])  # parsed once, when scored
        free_from = list(parsed.free_from)
        seen = {name_key(n) for n in free_from}
        free_from += [n for n in found.claims if name_key(n) not in seen and not seen.add(name_key(n))]
        record.free_from = tuple(free_from)
        if not parsed:
            record.strategy = record.locator = None
            record.reason = found.reason or "no ingredient list found on the page"
            return record
        record.status = "ok"
        record.analysis = self.analyze_parsed(ParsedText(parsed.lists, record.free_from))
        return record

    def analyze(self, document: Document) -> Record:
        """One document -> one record. Never raises for bad input."""
        started = time.perf_counter()
        try:
            record = self._analyze(document)
        except MemoryError:
            record = Record("", "error", error="ran out of memory while reading this input")
        except RecursionError:
            record = Record("", "error", error="the input is nested too deeply to read")
        except Exception as exc:  # one broken document must not stop a batch
            record = Record("", "error", error=f"unexpected failure: {type(exc).__name__}: {exc}")
        record.path = document.id
        record.seconds = time.perf_counter() - started
        if document.source is not None:
            record.source = dict(document.source)
        return record

    def _analyze(self, document: Document) -> Record:
        if document.error:
            return Record("", "error", product=_meta_product(document), error=document.error)
        if document.reason:
            return Record("", "no_ingredients", product=_meta_product(document), reason=document.reason)
        data = document.data
        encoding = None
        if isinstance(data, Path):
            data = self._read(data)
            if isinstance(data, Record):
                return data
        if isinstance(data, (bytes, bytearray)):
            if not data.strip():
                return Record("", "no_ingredients", product=_meta_product(document), reason=_empty_reason(document))
            try:
                data, encoding = decode_bytes(bytes(data), html=document.hint != "text")
            except BinaryInputError as exc:
                return Record("", "error", product=_meta_product(document), error=str(exc))
        text = (data or "").replace("\x00", "")
        if not text.strip():
            return Record("", "no_ingredients", product=_meta_product(document), reason=_empty_reason(document))
        if document.hint == "html" or (document.hint != "text" and looks_like_html(text)):
            record = self.analyze_page(text)
            record.product = _meta_product(document, record.product)
        else:
            record = self._analyze_list(text, document)
        record.encoding = encoding
        return record

    def _read(self, path: Path) -> bytes | Record:
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe, socket or device)"
                return Record("", "error", error=f"cannot read: {kind}")
            size = info.st_size
            limit = self.limits.max_bytes
            if size > limit:
                return Record("", "error", error=f"file too large ({size / 1e6:.0f} MB; the limit is {limit // 2**20} MB)")
            with open(path, "rb") as handle:
                return handle.read()
        except OSError as exc:
            return Record("", "error", error=f"cannot read: {exc.strerror or exc}")

    def _analyze_list(self, text: str, document: Document) -> Record:
        product = _meta_product(document)
        parsed = self.parse(text)
        if not parsed:
            return Record("", "no_ingredients", product=product, reason="no ingredient list in the text", free_from=parsed.free_from)
        return Record("", "ok", product=product, strategy="text", analysis=self.analyze_parsed(parsed), free_from=parsed.free_from)


def _empty_reason(document: Document) -> str:
    return "empty file" if isinstance(document.data, Path) else "no ingredients given"


def _meta_product(document: Document, found: Product | None = None) -> Product:
    """Name and brand given with the document (export columns, a file name)
    win over what was read from the page."""
    meta = document.meta
    found = found or Product()
    name = meta.get("name") or found.name
    if not name and isinstance(document.data, Path) and document.hint == "text":
        name = document.data.stem.replace("-", " ").replace("_", " ")
    return Product(name=name, brand=meta.get("brand") or found.brand)


def merge_lists(parts: list[ParsedText]) -> ParsedText:
    """Several candidate blocks (a kit) become one text with numbered lists."""
    lists: list[IngredientList] = []
    free_from: list[str] = []
    for parsed in parts:
        for lst in parsed.lists:
            index = len(lists)
            ingredients = tuple(
                type(i)(i.position, i.name, i.aliases, i.percent, i.section, index, i.raw) for i in lst.ingredients
            )
            lists.append(IngredientList(lst.title, ingredients, lst.ordered, lst.leading_actives))
        free_from.extend(n for n in parsed.free_from if n not in free_from)
    return ParsedText(tuple(lists), tuple(free_from))


def is_rinse_off(ingredients, kb: KnowledgeBase) -> bool:
    """A cleansing surfactant among the first five ingredients: a wash-off product."""
    surfactants = kb.flags.get("rinse_off_surfactant", frozenset())
    return any(name_key(n) in surfactants for ing in ingredients[:5] for n in ing.names)


def _notes(parsed: ParsedText, findings, kb: KnowledgeBase, derived: set[str]) -> list[Note]:
    present = {f.active.category for f in findings} | derived
    for ingredient in parsed.ingredients:
        for name in ingredient.names:
            present |= kb.flag_of(name_key(name))
    notes = []
    for rule in kb.interactions:
        if all(term in present for term in rule["when"]) and not any(term in present for term in rule["unless"]):
            notes.append(Note(rule["id"], rule["message"], rule.get("caution")))
    return notes


def _name_sets(kb: KnowledgeBase) -> tuple[frozenset[str], frozenset[str]]:
    from .names import ordinary_name_keys

    actives = frozenset(kb.by_key)
    return ordinary_name_keys() | actives, actives


# -- one shared Analyzer per knowledge base and setting ------------------------

_SHARED: dict[tuple[int, bool], tuple[KnowledgeBase, Analyzer]] = {}


def shared_analyzer(kb: KnowledgeBase | str | Path | None = None, fuzzy: bool = True) -> Analyzer:
    """The Analyzer the module-level functions use: one per knowledge base and
    fuzzy setting, so its caches serve every call."""
    if not isinstance(kb, KnowledgeBase):
        kb = load_knowledge(kb)
    key = (id(kb), fuzzy)
    held = _SHARED.get(key)
    if held is None or held[0] is not kb:
        if len(_SHARED) > 16:
            _SHARED.clear()
        held = (kb, Analyzer(kb, fuzzy=fuzzy))
        _SHARED[key] = held
    return held[1]
