import atexit
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Data the package keeps between runs (the knowledge base, expressions) goes to
# a folder of this test session, not the user's cache.
_CACHE = tempfile.mkdtemp(prefix="analyzer-tests-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)

from analyzer.corpus import corpus_text, find_corpus

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = find_corpus(ROOT)
NO_CORPUS = "corpus test: ../shared/corpus/cosmetics.csv (third-party data, not shipped) is not beside the clone"


def labelled_rows(name: str) -> list[dict]:
    """A labelled set with the list texts read from the corpus."""
    rows = []
    with open(DATA / name, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                row["ingredients"] = corpus_text(CORPUS, row["id"])
                rows.append(row)
    return rows


@pytest.fixture(scope="session")
def corpus():
    if CORPUS is None:
        pytest.skip(NO_CORPUS)
    return CORPUS


@pytest.fixture(scope="session")
def devset(corpus):
    return labelled_rows("devset.jsonl")


@pytest.fixture(scope="session")
def devrow(devset):
    rows = {row["id"]: row for row in devset}
    return rows.__getitem__


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip with a one-line reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)} (third-party data, read at run time, not shipped)")
    return path
