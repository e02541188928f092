"""Text normalisation shared by every stage, so that the parser, the matcher
and the knowledge base all agree on what "the same name" means."""
from __future__ import annotations

import functools
import re
import unicodedata

from .compiled import compile as compile_kept


class LazyPattern:
    """A regular expression compiled on first use, then as fast as a compiled
    one. The parser has about a hundred expressions, most of them for inputs a
    run may never see (CJK labels, Drug Facts, page chrome); compiling them all
    at import took a one-list `analyzer score` longer than the analysis. It
    is compiled from the opcodes an earlier run kept (see compiled.py)."""

    _METHODS = ("search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern  # readable without compiling, for building other expressions
        self._flags = flags
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = compile_kept(self.pattern, self._flags)
            for method in self._METHODS:  # found on the instance from now on
                setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._flags!r})"


_SPACES = LazyPattern(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\x0b\x0c]")
_ZERO_WIDTH = LazyPattern(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_NON_WORD = re.compile(r"[\W_]+")
_GREEK = str.maketrans({"α": "alpha ", "β": "beta ", "γ": "gamma ", "δ": "delta ", "ω": "omega "})


def may_hold(text: str, words: tuple[str, ...]) -> bool:
    """False when ASCII `text` holds none of `words` (lower-case literals an
    expression cannot match without): the cheap test before a costly
    expression. Other text is always tried (its case folding is wider)."""
    if not text.isascii():
        return True
    lowered = text.lower()
    return any(word in lowered for word in words)


def normalize_text(text: str) -> str:
    """NFKC-normalise pasted text: ligatures, full-width punctuation, odd spaces."""
    if text.isascii():  # nothing to normalise but line ends and control spaces
        return text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = unicodedata.normalize("NFKC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def strip_accents(text: str) -> str:
    """Accents off Latin letters (`Rétinol` -> `Retinol`); other scripts keep
    their marks (a Japanese voicing mark is part of the letter)."""
    decomposed = unicodedata.normalize("NFKD", text)
    out: list[str] = []
    for ch in decomposed:
        if unicodedata.combining(ch) and out and out[-1] < "\u0250":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The comparison form of an ingredient name: case, accents and punctuation
    do not distinguish INCI names (`Rétinol`, `RETINOL`, `retinol.` are one)."""
    folded = name.casefold()
    if folded.isascii():
        return _NON_ALNUM.sub(" ", folded).strip()
    # Other scripts keep their letters: 레티놀, レチノール and 视黄醇 are names too.
    folded = strip_accents(unicodedata.normalize("NFKC", folded).casefold().translate(_GREEK))
    return _NON_WORD.sub(" ", folded).strip()


def compact_key(name: str) -> str:
    """`name_key` without spaces: catches `sodiumhyaluronate`, `Glu- coside`."""
    return name_key(name).replace(" ", "")
