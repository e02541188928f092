"""Text normalisation shared by every stage, so that the parser, the matcher
and the knowledge base all agree on what "the same name" means."""
from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\x0b\x0c]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_NON_WORD = re.compile(r"[\W_]+")
_GREEK = str.maketrans({"α": "alpha ", "β": "beta ", "γ": "gamma ", "δ": "delta ", "ω": "omega "})


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
