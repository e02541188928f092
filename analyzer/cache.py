"""Built data kept between runs, so that a one-list `analyzer score` does not
parse and validate ingredients.yaml (and key the ordinary names) every time:
that work costs more than the analysis itself.

An entry is a pickle in the user's cache folder ($XDG_CACHE_HOME/firming-
analyzer, else ~/.cache/firming-analyzer), one file per kind of data and
installation. Its first line is a digest of everything the data is built from
-- the data files and the code that reads them -- and of the Python version:
an edited YAML file, a changed schema or a new release builds the data anew
and replaces the entry, never uses a stale one. Entries are written to a
temporary file and renamed into place, so a process never reads half an
entry. A folder that cannot be written, or an entry that cannot be read,
means building the data as if there were no cache, silently.

A pickle runs code when loaded, so only an entry this user wrote is read: a
file of another user's, or one others may write to, is passed over, and
nothing is written into a folder that is not the user's own (a cache folder
pointed at a shared place). Entries not rewritten for 90 days (an old
installation's) and temporary files left by a killed process are removed
when an entry is written.
"""
from __future__ import annotations

import os
import pickle
import re
import stat
import sys
import time
import zlib
from pathlib import Path
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")

PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "firming-analyzer"


def digest(inputs: Iterable[Path]) -> bytes | None:
    """What the data is built from, as one line: each file's length and two
    checksums of its bytes (zlib's: hashlib alone takes longer to import than
    the files take to read); None when a file cannot be read."""
    parts = [sys.version.replace("\n", " ")]
    try:
        for path in inputs:
            data = Path(path).read_bytes()
            parts.append(f"{len(data)}:{zlib.crc32(data):08x}:{zlib.adler32(data):08x}")
    except OSError:
        return None
    return " ".join(parts).encode()


def cached(kind: str, inputs: Iterable[Path], build: Callable[[], T]) -> T:
    """build(), or what it returned in an earlier run from the same inputs."""
    key = digest(inputs)
    if key is None or os.environ.get("ANALYZER_NO_CACHE"):
        return build()
    value = read(kind, key)
    if value is _MISSING:
        value = build()
        write(kind, key, value)
    return value


_MISSING = object()


def entry(kind: str) -> Path:
    # One entry per installation and Python: two installations never take turns
    # rewriting one file.
    where = f"{zlib.crc32(f'{PACKAGE}{sys.version}'.encode()):08x}"
    return cache_dir() / f"{kind}-{where}.pickle"


STALE = 90 * 86400  # seconds after which an entry not rewritten is removed
STALE_TEMPORARY = 3600


def _own(info: os.stat_result) -> bool:
    """This user's, and no one else may write to it."""
    if not hasattr(os, "getuid"):
        return True  # (Windows: the cache lives in the user's own profile)
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read(kind: str, key: bytes) -> object:
    """The entry of this kind when it was written from `key`, else _MISSING."""
    try:
        with open(entry(kind), "rb") as handle:
            if _own(os.fstat(handle.fileno())) and handle.readline().rstrip(b"\n") == key:
                return pickle.load(handle)
    except Exception:  # missing, unreadable or damaged: build it again
        pass
    return _MISSING


class _Pickler(pickle.Pickler):
    """Regular expressions in an entry are loaded through compiled.compile:
    pickle's own way compiles each anew (about 8 ms of a one-list `score` for
    the knowledge base's rules)."""

    def reducer_override(self, obj):
        if isinstance(obj, re.Pattern):
            from . import compiled

            return compiled.compile, (obj.pattern, obj.flags)
        return NotImplemented


def write(kind: str, key: bytes, value: object) -> None:
    """Replace the entry of this kind (silently not, on a read-only or full disk)."""
    import tempfile

    path = entry(kind)
    tmp = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _own(path.parent.stat()):
            return
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key + b"\n")
            _Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
        os.replace(tmp, path)
        tmp = None
        _tidy(path.parent)
    except Exception:  # a read-only or full disk: run without the cache
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _tidy(folder: Path) -> None:
    """Remove entries not rewritten for STALE seconds and temporary files
    older than an hour."""
    now = time.time()
    for item in folder.iterdir():
        age = STALE if item.suffix == ".pickle" else STALE_TEMPORARY if item.suffix == ".tmp" else None
        try:
            if age is not None and now - item.stat().st_mtime > age:
                item.unlink()
        except OSError:
            pass
