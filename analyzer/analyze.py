"""The text path end to end: parse -> match -> concentration -> score -> notes."""
from __future__ import annotations

from pathlib import Path

from .concentration import classify, find_line
from .knowledge import KnowledgeBase, load_knowledge
from .match import get_matcher
from .models import Analysis, Note, ParsedText
from .parse import parse_text
from .score import concentration_factor, grade_for, score_findings
from .text import name_key


class NoIngredientsError(ValueError):
    """The input holds no ingredient list."""


def analyze_text(text: str, kb: KnowledgeBase | str | Path | None = None, fuzzy: bool = True) -> Analysis:
    """Score a pasted ingredient list (one product, or a kit of several lists).

    Raises NoIngredientsError when the text holds no list.
    """
    if isinstance(text, (bytes, bytearray)):
        from .source import decode_bytes

        text = decode_bytes(bytes(text))[0]
    if not isinstance(text, str):
        raise TypeError(f"analyze_text needs the list as a str, not {type(text).__name__}")
    if not isinstance(kb, KnowledgeBase):
        kb = load_knowledge(kb)
    parsed = parse_text(text, kb=kb)
    if not parsed:
        raise NoIngredientsError("no ingredient list found in the input")
    return analyze_parsed(parsed, kb, fuzzy=fuzzy)


def analyze_parsed(parsed: ParsedText, kb: KnowledgeBase | None = None, fuzzy: bool = True) -> Analysis:
    kb = kb or load_knowledge()
    matcher = get_matcher(kb, fuzzy=fuzzy)
    candidates = []
    lines = []
    derived: set[str] = set()
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
