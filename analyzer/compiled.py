"""Regular expressions compiled in an earlier run.

Python compiles an expression in two steps: a compiler written in Python turns
the pattern into a list of opcodes, then `_sre.compile` turns that list into a
pattern object. The first step is the slow one -- a one-list `analyzer score`
spent about 15 ms of its 120 there, on the parser's large multilingual
expressions. The opcode lists of the expressions this package compiles are kept
in the cache folder (see cache.py), one entry per Python version, so that a
later run does only the second step.

The steps are the ones `re.compile` takes (the same in Pythons 3.10 to 3.13);
where anything differs -- another Python, a damaged entry, an expression that
will not compile -- the expression is compiled as usual.
"""
from __future__ import annotations

import os
import re
import sys

try:
    import _sre

    if sys.version_info >= (3, 11):
        from re import _compiler, _parser
    else:  # pragma: no cover - Python 3.10
        import sre_compile as _compiler
        import sre_parse as _parser
except ImportError:  # pragma: no cover - a Python without these internals
    _compiler = None

KIND = "patterns"
FORMAT = 1  # of an entry: a change to what _arguments keeps makes a new one
MOST = 4096  # entries kept: the package has a few hundred expressions

_known: dict[tuple, tuple] | None = None  # (type, pattern, flags) -> arguments of _sre.compile
_added = 0
_owner = 0  # the process that loaded the entry (a forked worker does not write it)


def compile(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile(pattern, flags), from the kept opcodes when there are some."""
    flags = int(flags)
    known = _load()
    if known is None:
        return re.compile(pattern, flags)
    key = (type(pattern), pattern, flags)  # (as re's own cache: b"x" and "x" are two expressions)
    args = known.get(key)
    if args is not None:
        try:
            return _sre.compile(pattern, *args)
        except Exception:  # not what this Python's _sre takes: compile anew
            known.pop(key, None)
    try:
        args = _arguments(pattern, flags)
        compiled = _sre.compile(pattern, *args)
    except Exception:  # an invalid pattern gets re's own error; anything else, re's own compile
        return re.compile(pattern, flags)
    global _added
    if len(known) >= MOST:
        known.clear()  # (expressions made at run time from data: start again)
    known[key] = args
    _added += 1
    return compiled


def _arguments(pattern: str, flags: int) -> tuple:
    """What re.compile passes to _sre.compile, but the pattern itself."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # (named opcodes do not pickle)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _key() -> bytes:
    version = sys.version.replace("\n", " ")  # (the entry's key is its first line)
    return f"{version} {_sre.MAGIC} {_sre.CODESIZE} {FORMAT}".encode()


def _load() -> dict | None:
    global _known, _owner
    if _known is None:
        if _compiler is None or os.environ.get("ANALYZER_NO_CACHE"):
            return None
        import atexit

        from .cache import _MISSING, read

        entry = read(KIND, _key())
        _known = entry if isinstance(entry, dict) and entry is not _MISSING else {}
        _owner = os.getpid()
        atexit.register(save)
    return _known


def save() -> None:
    """Keep what this process compiled for the next run (at exit)."""
    global _added
    if _known is not None and _added and os.getpid() == _owner:
        from .cache import write

        write(KIND, _key(), _known)
        _added = 0
