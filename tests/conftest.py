import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def devset():
    with open(DATA / "devset.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="session")
def devrow(devset):
    rows = {row["id"]: row for row in devset}
    return rows.__getitem__
