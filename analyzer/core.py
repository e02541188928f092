"""The Analyzer: one object that owns the knowledge base, the matcher, the
name sets, the caches and the limits, and turns a Document into a Record.

    decode -> (page: extract candidate blocks) -> parse -> match -> score

`analyze(document)` never raises: bad input becomes an `error` or
`no_ingredients` record with a clear message. An Analyzer pickles without its
caches, so it can be sent to worker processes or cluster workers cheaply.
"""
from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from .concentration import classify, estimate, find_line, no_line
from .decode import decode_bytes, looks_like_html
from .document import Document
from .errors import BinaryInputError, NoIngredientsError
from .knowledge import KnowledgeBase, load_knowledge
from .models import GENERATOR_MARK, Analysis, IngredientList, Note, ParsedText, Product, Record
from .parse import parse_with
from .product_type import TYPES, ProductType, detect, from_names, given, topical_list
from .score import dose_for, grade_for, score_findings
from .text import name_key


@dataclass(frozen=True)
class Limits:
    """Bounds that keep one bad document from taking the machine down."""

    max_bytes: int = 64 * 1024 * 1024  # larger inputs get an error record
    timeout: float = 30.0  # seconds per document (enforced by the engines)
    memory: int | None = 2 * 1024**3  # address space per worker (engines)


class Analyzer:
    """Documents in, records out: owns the knowledge base (built in, a
    user's --kb file, or a KnowledgeBase), the matcher, the known names,
    per-name caches and the limits a batch runs under. Build one and reuse
    it: the caches make every later list faster. It pickles without its
    caches (for worker processes). `product_type` overrides what a
    product's names and list say ("leave_on", "rinse_off", ...)."""

    def __init__(
        self,
        kb: KnowledgeBase | str | Path | None = None,
        fuzzy: bool = True,
        limits: Limits | None = None,
        product_type: str | None = None,
    ):
        self.kb = kb if isinstance(kb, KnowledgeBase) else load_knowledge(kb)
        self.fuzzy = fuzzy
        self.limits = limits or Limits()
        if product_type is not None:
            given(product_type)  # an unknown type fails here, not per document
        self.product_type = product_type  # overrides what the names and lists say
        self._reset_caches()

    def _reset_caches(self) -> None:
        self._matcher = None
        self._names: tuple[frozenset[str], frozenset[str]] | None = None
        self._parsed: dict[str, ParsedText] = {}  # a page repeats its list (one per size or shade)
        self._facts: dict[tuple[str, tuple[str, ...]], tuple] = {}  # (name, aliases) -> (match, flags)

    def __getstate__(self) -> dict:
        return {"kb": self.kb, "fuzzy": self.fuzzy, "limits": self.limits, "product_type": self.product_type}

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
        """Pasted text -> its declared lists and free-from names (no scoring)."""
        parsed = self._parsed.get(text)
        if parsed is None:
            parsed = parse_with(text, self.known, self.active_names, self._family)
            if len(self._parsed) > 512:
                self._parsed.clear()
            self._parsed[text] = parsed
        return parsed

    def _family(self, key: str) -> bool:
        """A name an active's family rule takes (for one-name lists), as the
        matcher decides it: the same exclusions, tolerant of a typo."""
        return self.matcher.rule_for(key) is not None

    def extract(self, page: str):
        """A decoded page -> where its list is (the candidate blocks, the
        winning strategy, the product's name), before scoring."""
        from .extract import extract

        return extract(page, self)

    def analyze_text(self, text: str, name: str | None = None, product_type: str | None = None) -> Analysis:
        """Score a pasted list (one product, or a kit of several lists).
        `name` (the product's name) helps tell a cleanser or a mask.
        Raises NoIngredientsError when the text holds no list."""
        if isinstance(text, (bytes, bytearray)):
            text = decode_bytes(bytes(text))[0]
        if not isinstance(text, str):
            raise TypeError(f"analyze_text needs the list as a str, not {type(text).__name__}")
        parsed = self.parse(text)
        if not parsed:
            raise NoIngredientsError("no ingredient list found in the input")
        return self.analyze_parsed(parsed, (name,), product_type)

    def analyze_parsed(self, parsed: ParsedText, names: tuple[str | None, ...] = (), product_type: str | None = None) -> Analysis:
        """Score parsed lists. `names` (product name, page title, shop
        category, file name) tell the product type; `product_type` overrides it."""
        kb, facts = self.kb, self._facts
        flagged: set[str] = set()  # the knowledge base's flags on the names (for the notes)
        kind = product_type or self.product_type
        forced = given(kind) if kind else None
        named = from_names([n for n in names if n]) if forced is None else None
        surfactants = kb.flags.get("rinse_off_surfactant", frozenset())
        candidates = []
        lines = []
        types = []
        for index, lst in enumerate(parsed.lists):
            ingredients = lst.ingredients
            count = sum(1 for i in ingredients if i.section == "main")
            line = find_line(ingredients, kb, index, lst.leading_actives) if lst.ordered else no_line(index)
            lines.append(line.to_dict())
            # A kit's part is typed by its own title when that names a cleanser
            # or a mask ("Step 1 Cleanser"); otherwise the product's name rules
            # ("Rubber Mask" kit: its "Super Booster" step goes under the mask).
            titled = from_names([lst.title]) if lst.title and forced is None else None
            if titled is not None and titled.type == "leave_on" and named is not None:
                titled = None
            ptype = forced or titled or named or detect([], ingredients, surfactants)
            if ptype.type == "oral" and ptype.basis != "given" and topical_list(ingredients):
                ptype = detect([], ingredients, surfactants)  # a serum named a "skin supplement"
            types.append(ptype)
            for ingredient in ingredients:
                fact = facts.get((ingredient.name, ingredient.aliases))
                if fact is None:
                    fact = self._fact(ingredient)
                match, marks = fact
                if marks:
                    flagged |= marks
                if match is None:
                    continue
                concentration = classify(ingredient, line, len(ingredients))
                dose = dose_for(match.active, estimate(ingredient, line, count, lst.leading_actives))
                factor = dose.factor * ptype.factor
                candidates.append((ingredient, match, concentration, factor, dose, ptype.factor))
        score, findings = score_findings(candidates)
        grade, verdict = grade_for(score)
        overall = _overall_type(types)
        derived = {overall.type} if overall is not None else set()
        if overall is not None and overall.type == "rinse_off":
            derived.add("rinse_off")
        notes = _notes(flagged, findings, kb, derived)
        if overall is not None and overall.type != "leave_on":
            notes.append(Note("product_type", _type_message(overall)))
        elif len(types) > 1:
            parts = [(lst.title or f"list {i + 1}", t) for i, (lst, t) in enumerate(zip(parsed.lists, types)) if t.type != "leave_on"]
            for title, t in parts:
                # A kit with a cleanser: say which part washes off, not the whole kit.
                notes.append(Note("product_type_part", f"'{title}' looks like a {t.label} product ({t.reason}); its actives count {t.factor:g}x."))
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
            product_type=overall,
            list_types=tuple(types),
        )

    def _fact(self, ingredient) -> tuple:
        """(the active it matches or None, the knowledge base's flags on its
        names): all the scoring asks of a name, kept per name."""
        flags = self.kb.flag_index
        marks = frozenset().union(*(flags.get(name_key(n), ()) for n in ingredient.names))
        fact = (self.matcher.match(ingredient), marks)
        if len(self._facts) < 200_000:
            self._facts[(ingredient.name, ingredient.aliases)] = fact
        return fact

    def analyze_page(self, page: str, names: tuple[str | None, ...] = (), product_type: str | None = None) -> Record:
        """A decoded saved page -> record (path left empty). `names` given
        with the page (an export's name column, the file name) join the
        page's own name and category in telling the product type."""
        if GENERATOR_MARK in page[:4096]:
            return Record("", "no_ingredients", reason="a report written by firming-analyzer, not a product page")
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
        product = found.product
        names = (*names, product.name, product.category, found.title)
        record.analysis = self.analyze_parsed(ParsedText(parsed.lists, record.free_from), names, product_type)
        return record

    def analyze(self, document: Document | str | bytes | os.PathLike) -> Record:
        """One document -> one record. Never raises for bad input: what
        cannot be read is an `error` record saying why. For convenience a
        str or bytes is taken as pasted text or a page (sniffed), and a
        Path as a file to read; anything else is a TypeError."""
        if not isinstance(document, Document):
            document = _as_document(document)
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
        if not isinstance(data, (str, bytes, bytearray, Path, type(None))):
            return Record("", "error", product=_meta_product(document),
                          error=f"cannot read data of type {type(data).__name__}: a document holds text, bytes or a file's path")
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
            record = self.analyze_page(text, _meta_names(document), _meta_type(document))
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
        analysis = self.analyze_parsed(parsed, _meta_names(document, product), _meta_type(document))
        return Record("", "ok", product=product, strategy="text", analysis=analysis, free_from=parsed.free_from)


def _as_document(value) -> Document:
    if isinstance(value, (str, bytes, bytearray)):
        return Document("text", value)
    if isinstance(value, os.PathLike):
        return Document.from_path(Path(value))
    raise TypeError(f"Analyzer.analyze takes a Document, text, bytes or a path, not {type(value).__name__}")


def _meta_names(document: Document, product: Product | None = None) -> tuple[str | None, ...]:
    """What names the product outside its list: for the product type."""
    meta = document.meta
    names = [meta.get("name"), meta.get("title"), meta.get("category"), meta.get("type")]  # ("type": "Cleanser")
    if product is not None:
        names.append(product.name)
    if isinstance(document.data, Path):
        names.append(document.data.stem)
    return tuple(n for n in names if isinstance(n, str) and n)


def _meta_type(document: Document) -> str | None:
    """A product type given with the document (an export's `type` column)."""
    kind = document.meta.get("type")
    if isinstance(kind, str):
        kind = kind.strip().lower().replace("-", "_").replace(" ", "_")
        return kind if kind in TYPES else None
    return None


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
    category = meta.get("category") if isinstance(meta.get("category"), str) else None
    return Product(name=name, brand=meta.get("brand") or found.brand, category=category or found.category)


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


def _overall_type(types):
    """One type for the product: a kit is as lasting as its most lasting part."""
    if not types:
        return None
    if len({t.type for t in types}) == 1:
        return types[0]
    best = max(types, key=lambda t: t.factor)
    return ProductType(best.type, best.basis, f"a kit whose most lasting part is {best.label}")


def _type_message(ptype) -> str:
    contact = {
        "rinse_off": "actives are washed away within a minute or two",
        "wash_off_mask": "actives stay on for minutes, then are washed off",
        "sheet_mask": "actives stay on for about 20 minutes",
        "oral": "it is swallowed, not put on the skin",
    }[ptype.type]
    if ptype.type == "oral":
        return f"Taken as a supplement ({ptype.reason}): {contact}, so its ingredients earn no points for firming skin."
    return f"Taken as a {ptype.label} product ({ptype.reason}): {contact}, so they count {ptype.factor:g}x."


def _notes(flagged: set[str], findings, kb: KnowledgeBase, derived: set[str]) -> list[Note]:
    present = {f.active.category for f in findings} | derived | flagged
    notes = []
    for rule in kb.interactions:
        if all(term in present for term in rule["when"]) and not any(term in present for term in rule["unless"]):
            notes.append(Note(rule["id"], rule["message"], rule.get("caution")))
    return notes


_NAME_SETS: dict[int, tuple[KnowledgeBase, tuple[frozenset[str], frozenset[str]]]] = {}


def _name_sets(kb: KnowledgeBase) -> tuple[frozenset[str], frozenset[str]]:
    """One pair of sets per knowledge base: the parser's caches are keyed by
    them, so Analyzers on the same base share those caches' entries."""
    def build() -> tuple[frozenset[str], frozenset[str]]:
        from .names import ordinary_name_keys

        actives = frozenset(kb.by_key)
        return ordinary_name_keys() | actives, actives

    return _per_base(_NAME_SETS, id(kb), kb, build, 8)


def _per_base(table: dict, key, kb: KnowledgeBase, build, most: int):
    """What `build()` makes for `kb`, kept in `table` under `key` (which holds
    id(kb)): the base is kept with it, so a new base at a reused id builds anew."""
    held = table.get(key)
    if held is None or held[0] is not kb:
        if len(table) > most:
            table.clear()
        held = table[key] = (kb, build())
    return held[1]


# -- one shared Analyzer per knowledge base and setting ------------------------

_SHARED: dict[tuple[int, bool], tuple[KnowledgeBase, Analyzer]] = {}


def shared_analyzer(kb: KnowledgeBase | str | Path | None = None, fuzzy: bool = True) -> Analyzer:
    """The Analyzer the module-level functions use: one per knowledge base and
    fuzzy setting, so its caches serve every call."""
    if not isinstance(kb, KnowledgeBase):
        kb = load_knowledge(kb)
    return _per_base(_SHARED, (id(kb), fuzzy), kb, lambda: Analyzer(kb, fuzzy=fuzzy), 16)
