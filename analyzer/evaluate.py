"""Per-category precision and recall over a labelled set of real lists.

Each line of the set is JSON: {"id", "ingredients": <text>, "categories": [...],
"actives": {category: [names as written]}}. A line without "ingredients"
whose id is `corpus-NNNN` takes its text from row NNNN of the corpus file
(see corpus.py): the project keeps labels, not third-party texts. With typos on, every labelled
active name in the text is misspelt once (a seeded, realistic edit: a dropped,
doubled, swapped or replaced letter) to measure recall under typos and OCR noise.
"""
from __future__ import annotations

import json
import os
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from .core import shared_analyzer
from .corpus import corpus_text, find_corpus, row_index
from .errors import LabelledSetError, NoIngredientsError
from .knowledge import KnowledgeBase
from .models import Ingredient
from .parse import clean_item

_OCR = {"l": "1", "i": "l", "o": "0", "e": "c", "rn": "m", "m": "rn", "a": "e"}


@dataclass
class CategoryStats:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Evaluation:
    rows: int = 0
    per_category: dict[str, CategoryStats] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # categories the set does not label
    names: int = 0
    names_found: int = 0
    names_missed: list[str] = field(default_factory=list)

    @property
    def name_recall(self) -> float:
        return self.names_found / self.names if self.names else 1.0

    def to_dict(self) -> dict:
        return {
            "rows": self.rows,
            "categories": {
                c: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4), "recall": round(s.recall, 4)}
                for c, s in sorted(self.per_category.items())
            },
            "errors": self.errors,
            "not_labelled": self.skipped,
            "names": {"total": self.names, "found": self.names_found, "recall": round(self.name_recall, 4), "missed": self.names_missed},
        }


def misspell(name: str, rng: random.Random) -> str:
    """One realistic typo in the longest word of a name."""
    words = re.findall(r"[A-Za-z]{5,}", name)
    if not words:
        return name
    word = max(words, key=len)
    i = rng.randrange(1, len(word) - 1)
    edit = rng.choice(("drop", "double", "swap", "replace", "ocr"))
    if edit == "drop":
        typo = word[:i] + word[i + 1:]
    elif edit == "double":
        typo = word[:i] + word[i] + word[i:]
    elif edit == "swap":
        typo = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    elif edit == "replace":
        typo = word[:i] + rng.choice("aeiourstn".replace(word[i].lower(), "")) + word[i + 1:]
    else:
        for src, dst in _OCR.items():
            j = word.find(src, 1)
            if j > 0:
                typo = word[:j] + dst + word[j + len(src):]
                break
        else:
            typo = word[:i] + word[i + 1:]
    return name.replace(word, typo, 1)


def load_labelled_set(path: str | Path, kb: KnowledgeBase, corpus: str | Path | None = None) -> list[dict]:
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelledSetError(f"{path}: cannot read ({exc})") from None
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise LabelledSetError(f"{path}:{number}: not JSON ({exc})") from None
        if isinstance(row, dict) and "ingredients" not in row and row_index(row.get("id")) is not None:
            row["ingredients"] = _corpus_text(path, number, row["id"], corpus)
        if not isinstance(row, dict) or not isinstance(row.get("ingredients"), str):
            raise LabelledSetError(f"{path}:{number}: each line needs an 'ingredients' text")
        categories = row.get("categories")
        if not isinstance(categories, list):
            raise LabelledSetError(f"{path}:{number}: each line needs a 'categories' list")
        if not all(isinstance(c, str) for c in categories):
            raise LabelledSetError(f"{path}:{number}: 'categories' must be a list of category ids")
        actives = row.get("actives", {})
        if not isinstance(actives, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(n, str) for n in v) for k, v in actives.items()
        ):
            raise LabelledSetError(f"{path}:{number}: 'actives' must map category ids to lists of names")
        unknown = [c for c in categories if c not in kb.categories]
        if unknown:
            raise LabelledSetError(f"{path}:{number}: unknown categor{'y' if len(unknown) == 1 else 'ies'} {', '.join(map(str, unknown))}")
        row.setdefault("id", f"line {number}")
        rows.append(row)
    if not rows:
        raise LabelledSetError(f"{path}: no labelled lists in the file")
    return rows


def _corpus_text(path, number: int, ident: str, corpus: str | Path | None) -> str:
    found = Path(corpus) if corpus else find_corpus(Path(path).resolve().parent)
    if found is None or not found.is_file():
        where = (
            f"ANALYZER_CORPUS={os.environ['ANALYZER_CORPUS']} is no file" if os.environ.get("ANALYZER_CORPUS")
            else f"looked for shared/corpus/cosmetics.csv in {Path(path).resolve().parent}, {Path.cwd()} and their parent folders"
        )
        raise LabelledSetError(
            f"{path}:{number}: the text of {ident} lives in the corpus file, which was not found ({where}); "
            "give its path with --corpus or ANALYZER_CORPUS"
        )
    text = corpus_text(found, ident)
    if text is None:
        raise LabelledSetError(f"{path}:{number}: {ident} is not a row of {found}")
    return text


def evaluate(
    path: str | Path, kb: KnowledgeBase | None = None, typos: bool = False, seed: int = 7, fuzzy: bool = True,
    corpus: str | Path | None = None,
) -> Evaluation:
    analyzer = shared_analyzer(kb, fuzzy)
    kb = analyzer.kb
    rng = random.Random(seed)
    result = Evaluation()
    rows = load_labelled_set(path, kb, corpus)
    # Only categories the set labels are measured: a category no row was
    # labelled for would count every finding as a false positive.
    labelled = {c for row in rows for c in row.get("categories", [])}
    result.skipped = sorted(set(kb.categories) - labelled)
    for row in rows:
        text = row["ingredients"]
        if typos:
            for names in row.get("actives", {}).values():
                for name in names:
                    typo = misspell(name, rng)
                    text = re.sub(re.escape(name), lambda _m: typo, text, flags=re.I)
        try:
            found = set(analyzer.analyze_text(text).categories) & labelled
        except NoIngredientsError:
            found = set()
        expected = set(row.get("categories", []))
        result.rows += 1
        for category in found | expected:
            stats = result.per_category.setdefault(category, CategoryStats())
            if category in found and category in expected:
                stats.tp += 1
            elif category in found:
                stats.fp += 1
                result.errors.append({"id": row.get("id"), "category": category, "error": "false positive"})
            else:
                stats.fn += 1
                result.errors.append({"id": row.get("id"), "category": category, "error": "missed"})
    # Name level: every labelled active on its own, misspelt when typos are on.
    matcher = analyzer.matcher
    name_rng = random.Random(seed)
    for row in rows:
        for category, names in row.get("actives", {}).items():
            for name in names:
                label = misspell(name, name_rng) if typos else name
                result.names += 1
                cleaned = clean_item(label, analyzer.known)
                hits = [matcher.match(Ingredient(1, cleaned[0], cleaned[1]))] if cleaned else []
                if any(h is not None and h.active.category == category for h in hits):
                    result.names_found += 1
                else:
                    result.names_missed.append(f"{label} ({category})")
    return result
