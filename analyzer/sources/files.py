"""Files and folders: each saved page or pasted-list file is one document.

Files named on the command line are taken as they are; folders are searched
recursively for names matching the patterns (symlinked folders are not
followed, so link loops cannot trap the walk).
"""
from __future__ import annotations

import fnmatch
import os
import re
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

from ..document import Document

DEFAULT_PATTERNS = ("*.html", "*.htm", "*.xhtml", "*.txt")


def collect_files(paths: Iterable[str | Path], patterns: Iterable[str] = DEFAULT_PATTERNS,
                  skipped: Counter | None = None) -> list[Path]:
    """The files named, and those in the folders named that match the
    patterns; `skipped` counts the others by suffix (hidden files aside)."""
    # One expression for all the patterns, matched against the lower-cased name.
    wanted = re.compile("|".join(fnmatch.translate(p.lower()) for p in patterns) or "(?!)").match
    found: list[Path] = []
    seen: set[str] = set()

    for raw in paths:
        path = Path(raw)
        if path.is_dir():  # a folder named here is walked even through a link
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs.sort()
                folder = Path(root)
                where = os.path.abspath(root)
                for name in sorted(files):
                    if wanted(name.lower()):
                        key = os.path.join(where, name)
                        if key not in seen:
                            seen.add(key)
                            found.append(folder / name)
                    elif skipped is not None and not name.startswith("."):
                        skipped[Path(name).suffix.lower() or "(no suffix)"] += 1
        elif path.exists() or path.is_symlink():
            key = os.path.abspath(path)
            if key not in seen:
                seen.add(key)
                found.append(path)
        else:
            raise FileNotFoundError(str(path))
    return found


def documents(paths: Iterable[Path]) -> Iterator[Document]:
    for path in paths:
        yield Document.from_path(path)
