"""The knowledge base (`ingredients.yaml`).

Knowledge lives in data: categories, actives with their aliases and weights,
family rules, flags and interaction notes. The file is validated on load so
that a broken user file fails with the file, the entry and the problem named.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import KnowledgeBaseError
from .models import Active
from .text import compact_key, name_key

REQUIRED_CATEGORIES = (
    "retinoid",
    "hyaluronic_acid",
    "peptide",
    "vitamin_c",
    "vitamin_e",
    "vitamin_b3",
    "vitamin_b5",
    "antioxidant",
    "collagen",
)


# Conditions the analysis works out itself, usable in interactions' when/unless.
DERIVED_TERMS = frozenset({"rinse_off"})


@dataclass(frozen=True)
class Rule:
    id: str
    active: Active
    pattern: re.Pattern
    exclude: re.Pattern | None = None


@dataclass
class KnowledgeBase:
    categories: dict[str, dict] = field(default_factory=dict)
    cautions: dict[str, str] = field(default_factory=dict)
    actives: list[Active] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    flags: dict[str, frozenset[str]] = field(default_factory=dict)
    interactions: list[dict] = field(default_factory=list)
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self._index()

    # Indexes are derived: a pickled base (sent to worker processes) carries
    # only the data and rebuilds them on arrival.
    _DERIVED = ("by_key", "by_compact", "_flag_index")

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in self._DERIVED}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._index()

    def _index(self) -> None:
        self._flag_index: dict[str, frozenset[str]] | None = None
        self.by_key: dict[str, tuple[Active, str]] = {}
        self.by_compact: dict[str, tuple[Active, str]] = {}
        for active in self.actives:
            for i, name in enumerate((active.inci, *active.aliases)):
                kind = "exact" if i == 0 else "alias"
                self.by_key[name_key(name)] = (active, kind)
                self.by_compact.setdefault(compact_key(name), (active, kind))

    def lookup(self, name: str) -> tuple[Active, str] | None:
        """Exact or alias lookup by any spelling of a name."""
        return self.by_key.get(name_key(name)) or self.by_compact.get(compact_key(name))

    def category_label(self, category: str) -> str:
        return self.categories.get(category, {}).get("label", category)

    def category_named(self, text: str) -> str | None:
        """The category a user's words name, or None: its id (`vitamin_c`,
        `Vitamin C`, `vitamin-c`), either number (`retinoids`, `peptide`),
        its label, or a name in its label (`Vitamin A`, `niacinamide`)."""
        def fold(words: str) -> str:
            return "_".join(words.strip().lower().replace("-", " ").split())

        wanted = fold(text)
        if not wanted:
            return None
        for cid in self.categories:
            label = self.category_label(cid)
            forms = {cid, cid + "s", fold(label)}
            for part in re.split(r"\s*[()]\s*|\s+and\s+", label):
                if part.strip() and part.strip().lower() != "topical":
                    forms.update((fold(part), fold(part).rstrip("s")))
            if wanted in forms or wanted.rstrip("s") in forms:
                return cid
        return None

    def flag_of(self, key: str) -> frozenset[str]:
        return self.flag_index.get(key, frozenset())

    @property
    def flag_index(self) -> dict[str, frozenset[str]]:
        """name key -> the flags it carries (only names that carry one)."""
        if self._flag_index is None:
            index: dict[str, set[str]] = {}
            for flag, keys in self.flags.items():
                for k in keys:
                    index.setdefault(k, set()).add(flag)
            self._flag_index = {k: frozenset(v) for k, v in index.items()}
        return self._flag_index

    def merged_with(self, other: "KnowledgeBase") -> "KnowledgeBase":
        """`other` extends this base; its entries replace same-named ones."""
        replaced = {name_key(a.inci) for a in other.actives}
        other_names = {name_key(n) for a in other.actives for n in (a.inci, *a.aliases)}
        actives = [a for a in self.actives if name_key(a.inci) not in replaced]
        # An alias claimed by the user's file moves to the user's active.
        actives = [
            Active(**{**a.__dict__, "aliases": tuple(n for n in a.aliases if name_key(n) not in other_names)})
            for a in actives
        ]
        rule_ids = {r.id for r in other.rules}
        flags = {k: frozenset(v) for k, v in self.flags.items()}
        for k, v in other.flags.items():
            flags[k] = flags.get(k, frozenset()) | v
        interaction_ids = {i["id"] for i in other.interactions}
        return KnowledgeBase(
            categories={**self.categories, **other.categories},
            cautions={**self.cautions, **other.cautions},
            actives=actives + list(other.actives),
            rules=list(other.rules) + [r for r in self.rules if r.id not in rule_ids],
            flags=flags,
            interactions=[i for i in self.interactions if i["id"] not in interaction_ids] + list(other.interactions),
            sources=self.sources + other.sources,
        )


# -- loading and validation --------------------------------------------------


def _builtin_path() -> Path:
    packaged = Path(__file__).resolve().parent / "ingredients.yaml"
    if packaged.is_file():
        return packaged
    # Running from a source checkout: the file lives at the repository root.
    return packaged.parent.parent / "ingredients.yaml"


class _Checker:
    def __init__(self, source: str):
        self.source = source

    def fail(self, where: str, problem: str) -> KnowledgeBaseError:
        return KnowledgeBaseError(f"{self.source}: {where}: {problem}")

    def text(self, entry: dict, key: str, where: str, required: bool = True) -> str:
        value = entry.get(key)
        if value is None:
            if required:
                raise self.fail(where, f"missing '{key}'")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(where, f"'{key}' must be a non-empty text, got {value!r}")
        return value.strip()

    def names(self, entry: dict, key: str, where: str) -> tuple[str, ...]:
        value = entry.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
            raise self.fail(where, f"'{key}' must be a list of names, got {value!r}")
        return tuple(str(v).strip() for v in value if str(v).strip())

    def entries(self, data: dict, section: str, id_key: str, expected: str):
        """(where, entry, id) for each mapping of a list section."""
        raw = data.get(section) or []
        if not isinstance(raw, list):
            raise self.fail(section, "expected a list of entries")
        for i, entry in enumerate(raw):
            where = f"{section}[{i}]"
            if not isinstance(entry, dict):
                raise self.fail(where, f"expected a mapping with {expected}")
            ident = self.text(entry, id_key, where)
            yield f"{section}[{i}] ({ident})", entry, ident

    def weight(self, entry: dict, where: str) -> float:
        value = entry.get("weight")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10:
            raise self.fail(where, f"'weight' must be a number from 0 to 10, got {value!r}")
        return float(value)

    def dose_range(self, entry: dict, key: str, where: str, required: bool) -> tuple[float, float] | None:
        """`[low, high]` in percent: 0 < low <= high <= 100."""
        value = entry.get(key)
        if value is None:
            if required:
                raise self.fail(where, f"missing '{key}' (the effective range in %, e.g. {key}: [0.1, 1])")
            return None
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
        ):
            raise self.fail(where, f"'{key}' must be two numbers [low, high] in percent, got {value!r}")
        low, high = float(value[0]), float(value[1])
        if not 0 < low <= high <= 100:
            raise self.fail(where, f"'{key}' must satisfy 0 < low <= high <= 100 (percent), got {value!r}")
        return low, high

    def regex(self, entry: dict, key: str, where: str, required: bool = True) -> re.Pattern | None:
        pattern = self.text(entry, key, where, required)
        if not pattern:
            return None
        try:
            return re.compile(pattern)
        except re.error as exc:
            raise self.fail(where, f"'{key}' is not a valid regular expression ({exc})") from None


def parse_knowledge(data: Any, source: str, builtin: KnowledgeBase | None = None) -> KnowledgeBase:
    """Validate a loaded YAML document and build a knowledge base from it.

    A user file (`builtin` given) may leave out sections and may refer to the
    built-in categories and cautions.
    """
    check = _Checker(source)
    if not isinstance(data, dict):
        raise check.fail("top level", "expected a mapping with 'categories', 'actives', ...")
    unknown = set(data) - {"version", "categories", "cautions", "actives", "rules", "flags", "interactions"}
    if unknown:
        raise check.fail("top level", f"unknown section(s): {', '.join(sorted(unknown))}")

    categories: dict[str, dict] = {}
    raw_categories = data.get("categories") or {}
    if not isinstance(raw_categories, dict):
        raise check.fail("categories", "expected a mapping of category id -> {label, note}")
    for cid, info in raw_categories.items():
        where = f"categories.{cid}"
        if not isinstance(cid, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", cid):
            raise check.fail(where, "category ids are lower-case words joined by '_'")
        if not isinstance(info, dict):
            raise check.fail(where, "expected a mapping with 'label' and 'note'")
        if not isinstance(info.get("low_dose", False), bool):
            raise check.fail(where, f"'low_dose' must be true or false, got {info.get('low_dose')!r}")
        categories[cid] = {
            "label": check.text(info, "label", where),
            "note": check.text(info, "note", where, required=False),
            "low_dose": bool(info.get("low_dose", False)),
        }
    if builtin is None:
        missing = [c for c in REQUIRED_CATEGORIES if c not in categories]
        if missing:
            raise check.fail("categories", f"missing required categories: {', '.join(missing)}")
    known_categories = set(categories) | (set(builtin.categories) if builtin else set())

    raw_cautions = data.get("cautions") or {}
    if not isinstance(raw_cautions, dict) or not all(isinstance(v, str) for v in raw_cautions.values()):
        raise check.fail("cautions", "expected a mapping of caution id -> one sentence")
    cautions = {str(k): v.strip() for k, v in raw_cautions.items()}
    known_cautions = set(cautions) | (set(builtin.cautions) if builtin else set())

    def caution_ids(entry: dict, where: str) -> tuple[str, ...]:
        ids = check.names(entry, "cautions", where)
        for cid in ids:
            if cid not in known_cautions:
                raise check.fail(where, f"unknown caution '{cid}' (known: {', '.join(sorted(known_cautions))})")
        return ids

    def category(entry: dict, where: str) -> str:
        cid = check.text(entry, "category", where)
        if cid not in known_categories:
            raise check.fail(where, f"unknown category '{cid}' (known: {', '.join(sorted(known_categories))})")
        return cid

    def doses(entry: dict, where: str) -> dict:
        # The built-in file gives every active its range; a user's entry may
        # leave it out (a generic range is used, and said so).
        dose = check.dose_range(entry, "dose", where, required=builtin is None)
        supplied = check.dose_range(entry, "supplied", where, required=False)
        note = check.text(entry, "dose_note", where, required=False)
        if dose is None and (supplied or note):
            raise check.fail(where, "'supplied' and 'dose_note' need a 'dose'")
        return {"dose": dose, "dose_note": note, "supplied": supplied}

    actives: list[Active] = []
    seen: dict[str, str] = {}
    for where, entry, inci in check.entries(data, "actives", "inci", "'inci', 'category', 'weight', ..."):
        active = Active(
            inci=inci,
            category=category(entry, where),
            weight=check.weight(entry, where),
            note=check.text(entry, "note", where, required=False),
            evidence=check.text(entry, "evidence", where, required=False),
            aliases=check.names(entry, "aliases", where),
            cautions=caution_ids(entry, where),
            **doses(entry, where),
        )
        for name in (active.inci, *active.aliases):
            key = name_key(name)
            if not key:
                raise check.fail(where, f"name {name!r} has no letters or digits")
            if key in seen:
                if seen[key] != inci:
                    raise check.fail(where, f"name {name!r} is already used by '{seen[key]}'")
                raise check.fail(where, f"name {name!r} repeats another name of the same entry (case and accents do not count)")
            seen[key] = inci
        actives.append(active)

    rules: list[Rule] = []
    for where, entry, rid in check.entries(data, "rules", "id", "'id', 'category', 'pattern', ..."):
        active = Active(
            inci=check.text(entry, "name", where),
            category=category(entry, where),
            weight=check.weight(entry, where),
            note=check.text(entry, "note", where, required=False),
            evidence=check.text(entry, "evidence", where, required=False),
            cautions=caution_ids(entry, where),
            rule=rid,
            **doses(entry, where),
        )
        pattern = check.regex(entry, "pattern", where)
        rules.append(Rule(id=rid, active=active, pattern=pattern, exclude=check.regex(entry, "exclude", where, False)))

    flags: dict[str, frozenset[str]] = {}
    raw_flags = data.get("flags") or {}
    if not isinstance(raw_flags, dict):
        raise check.fail("flags", "expected a mapping of flag id -> list of names")
    for fid, names in raw_flags.items():
        flags[str(fid)] = frozenset(name_key(n) for n in check.names({"names": names}, "names", f"flags.{fid}"))

    interactions: list[dict] = []
    known_terms = known_categories | set(flags) | (set(builtin.flags) if builtin else set()) | DERIVED_TERMS
    for where, entry, iid in check.entries(data, "interactions", "id", "'id', 'when', 'message'"):
        when = check.names(entry, "when", where)
        unless = check.names(entry, "unless", where)
        if not when:
            raise check.fail(where, "'when' must name at least one category or flag")
        for term in when + unless:
            if term not in known_terms:
                raise check.fail(where, f"unknown category or flag '{term}'")
        caution = entry.get("caution")
        if caution is not None and not isinstance(caution, str):
            raise check.fail(where, f"'caution' must be one caution id, got {caution!r}")
        if caution is not None and caution not in known_cautions:
            raise check.fail(where, f"unknown caution '{caution}'")
        interactions.append(
            {"id": iid, "when": when, "unless": unless, "caution": caution, "message": check.text(entry, "message", where)}
        )

    return KnowledgeBase(
        categories=categories,
        cautions=cautions,
        actives=actives,
        rules=rules,
        flags=flags,
        interactions=interactions,
        sources=(source,),
    )


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise KnowledgeBaseError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(f"{path}: cannot read the file ({exc})") from None
    import yaml  # here, not at the top: a run that finds the base in the cache never needs it

    try:  # libyaml parses the built-in file about ten times faster
        from yaml import CSafeLoader as loader
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        from yaml import SafeLoader as loader
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "YAML"
        problem = getattr(exc, "problem", None) or str(exc)
        raise KnowledgeBaseError(f"{path}: {where}: not valid YAML ({problem})") from None


@functools.lru_cache(maxsize=1)
def builtin_knowledge() -> KnowledgeBase:
    """The built-in base, from the compiled copy of an earlier run when the
    YAML file and the code that reads it are unchanged (see cache.py)."""
    from .cache import cached

    path = _builtin_path()
    here = Path(__file__).resolve().parent
    # Kept with its indexes (a plain pickle leaves them out, see __getstate__):
    # building them again would cost half of what the cache saves.
    state = cached(
        "knowledge",
        (path, here / "knowledge.py", here / "models.py", here / "text.py"),
        lambda: dict(vars(parse_knowledge(_read_yaml(path), str(path.name)))),
    )
    kb = KnowledgeBase.__new__(KnowledgeBase)
    kb.__dict__.update(state)
    return kb


@functools.lru_cache(maxsize=8)
def _user_knowledge(path: str, stamp: tuple) -> KnowledgeBase:
    base = builtin_knowledge()
    return base.merged_with(parse_knowledge(_read_yaml(Path(path)), path, builtin=base))


def load_knowledge(path: str | Path | None = None) -> KnowledgeBase:
    """The built-in base, extended and overridden by a user file when given."""
    if path is None:
        return builtin_knowledge()
    p = Path(path)
    try:
        info = p.stat()
    except OSError:
        raise KnowledgeBaseError(f"{p}: file not found") from None
    # The file's identity and content stamp: another file, or a new version, is reloaded.
    return _user_knowledge(str(p.resolve()), (info.st_mtime_ns, info.st_size, info.st_ino))
