"""Data kept between runs (cache.py) and the kept opcodes of regular
expressions (compiled.py): a later run gets what an earlier one built, a
changed input or a damaged entry is built again, and an expression made from
kept opcodes behaves exactly as re.compile's."""
from __future__ import annotations

import os
import re
import subprocess
import time
import sys
from pathlib import Path

import pytest

from analyzer import cache, compiled
from analyzer.text import LazyPattern

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("ANALYZER_NO_CACHE", raising=False)
    return tmp_path / "firming-analyzer"


def test_a_later_run_gets_what_an_earlier_one_built(cache_home, tmp_path):
    source = tmp_path / "data.txt"
    source.write_text("one")
    builds = []

    def build():
        builds.append(1)
        return {"built": len(builds)}

    assert cache.cached("thing", [source], build) == {"built": 1}
    assert cache.cached("thing", [source], build) == {"built": 1}
    assert len(builds) == 1
    source.write_text("two")  # a changed input: built again, never the stale entry
    assert cache.cached("thing", [source], build) == {"built": 2}


def test_a_damaged_entry_is_built_again(cache_home, tmp_path):
    source = tmp_path / "data.txt"
    source.write_text("one")
    cache.cached("thing", [source], lambda: [1, 2, 3])
    entry = cache.entry("thing")
    key = entry.read_bytes().split(b"\n", 1)[0]
    entry.write_bytes(key + b"\nnot a pickle")
    assert cache.cached("thing", [source], lambda: [4]) == [4]


def test_without_the_cache_nothing_is_written(cache_home, tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYZER_NO_CACHE", "1")
    source = tmp_path / "data.txt"
    source.write_text("one")
    assert cache.cached("thing", [source], lambda: 7) == 7
    assert not cache_home.exists()


def _package_patterns() -> list[tuple[str, int]]:
    """Every LazyPattern at the top of a module of the package."""
    import importlib
    import pkgutil

    import analyzer

    found = {}
    for info in pkgutil.walk_packages(analyzer.__path__, "analyzer."):
        if info.name.endswith(("__main__", "engines.dask", "sources.warc")):
            continue  # (the command line; optional extras)
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, LazyPattern):
                found[(value.pattern, int(value._flags))] = None
    return list(found)


SAMPLES = [
    "Aqua (Water), Glycerin, Sodium Hyaluronate, Retinol 0.5%, Parfum*",
    "Ingredients: Water, Niacinamide. Free from parabens and sulfates. May contain: CI 77891.",
    "Formulated without retinyl palmitate | Add to bag $42.00 | 4.5 out of 5 stars (1,234 reviews)",
    "成分：水、グリセリン、ヒアルロン酸Na 【無添加】 パラベン 레티놀 무첨가",
    "1) Step 1 Cleanser: Water, Sodium Laureth Sulfate\n2) Serum - Aqua, Glycer1n, Palmitoyl Tripeptide-\n1",
    "Drug Facts\nActive ingredients Zinc Oxide 10% Purpose Sunscreen\nInactive ingredients: Water",
    '<?xml version="1.0" encoding="ISO-8859-1"?><html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
]


def test_kept_opcodes_make_the_same_expressions():
    patterns = _package_patterns()
    assert len(patterns) > 80  # (the parser's, the set-asides', the names'...)
    for pattern, flags in patterns:
        mine = compiled._sre.compile(pattern, *compiled._arguments(pattern, flags))
        theirs = re.compile(pattern, flags)
        assert (mine.pattern, mine.flags, mine.groups, mine.groupindex) == (
            theirs.pattern, theirs.flags, theirs.groups, theirs.groupindex
        ), pattern
        for text in SAMPLES:
            text = text.encode() if isinstance(pattern, bytes) else text  # (the page decoder's are bytes)
            assert [m.span() for m in mine.finditer(text)] == [m.span() for m in theirs.finditer(text)], pattern


def test_opcodes_are_kept_between_runs_and_a_bad_entry_is_ignored(tmp_path):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    env.pop("ANALYZER_NO_CACHE", None)
    script = (
        "from analyzer import compiled; from analyzer.text import LazyPattern; "
        "p = LazyPattern(r'(?P<w>ab+c)\\s*[:：]', 2); "
        "print(p.search('x ABBC : y').group('w'), compiled._added)"
    )

    def run() -> str:
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    assert run() == ["ABBC", "1"]  # compiled anew, kept at exit
    assert run() == ["ABBC", "0"]  # from the kept opcodes
    entry = next((tmp_path / "firming-analyzer").glob("patterns-*.pickle"))
    entry.write_bytes(entry.read_bytes()[:40])  # cut short
    assert run() == ["ABBC", "1"]
    env["ANALYZER_NO_CACHE"] = "1"
    entry.unlink()
    assert run() == ["ABBC", "0"]  # re.compile, nothing kept
    assert not entry.exists()


def test_expressions_in_an_entry_load_from_the_kept_opcodes(tmp_path):
    # The knowledge base's rules are expressions: loading its entry compiles
    # them through compiled.compile, so a later run skips re's compiler there too.
    source = tmp_path / "data.txt"
    source.write_text("one")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    env.pop("ANALYZER_NO_CACHE", None)
    script = (
        "import re, sys; from analyzer import cache, compiled; "
        f"value = cache.cached('thing', [{str(source)!r}], lambda: {{'rule': re.compile(r'retin(?:ol|al)\\b', re.I), 'n': 3}}); "
        "rule = value['rule']; "
        "print(type(rule).__name__, rule.flags == re.compile('', re.I).flags, rule.search('x RETINAL y').group(), value['n'], compiled._added)"
    )

    def run() -> list[str]:
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    assert run() == ["Pattern", "True", "RETINAL", "3", "0"]  # built (re.compile), then written
    assert run() == ["Pattern", "True", "RETINAL", "3", "1"]  # loaded: compiled once, its opcodes kept
    assert run() == ["Pattern", "True", "RETINAL", "3", "0"]  # loaded from the kept opcodes


def test_an_invalid_pattern_raises_re_error():
    with pytest.raises(re.error):
        compiled.compile(r"(unclosed")


def test_a_text_and_a_bytes_pattern_are_two_expressions():
    text, data = compiled.compile("ab+"), compiled.compile(b"ab+")
    assert text.pattern == "ab+" and data.pattern == b"ab+"
    assert text.search("xabb").group() == "abb" and data.search(b"xabb").group() == b"abb"


def test_the_key_of_the_kept_opcodes_is_one_line():
    assert b"\n" not in compiled._key()


def test_an_entry_others_may_write_to_is_not_read(cache_home, tmp_path):
    # A pickle runs code when loaded: one that another user could have put
    # there is built again instead.
    source = tmp_path / "data.txt"
    source.write_text("one")
    cache.cached("thing", [source], lambda: "mine")
    cache.entry("thing").chmod(0o666)
    assert cache.cached("thing", [source], lambda: "built again") == "built again"


def test_nothing_is_written_into_a_folder_others_may_write_to(cache_home, tmp_path):
    cache_home.mkdir(parents=True)
    cache_home.chmod(0o777)
    source = tmp_path / "data.txt"
    source.write_text("one")
    assert cache.cached("thing", [source], lambda: 1) == 1
    assert list(cache_home.iterdir()) == []


def test_old_entries_and_left_temporary_files_are_removed_on_a_write(cache_home, tmp_path):
    cache_home.mkdir(parents=True, mode=0o700)
    old_entry, old_tmp, new_tmp = (cache_home / n for n in ("knowledge-0000.pickle", "x.pickle123.tmp", "y.pickle456.tmp"))
    for item in (old_entry, old_tmp, new_tmp):
        item.write_bytes(b"")
    long_ago = time.time() - cache.STALE - 60
    os.utime(old_entry, (long_ago, long_ago))
    os.utime(old_tmp, (time.time() - 2 * 3600,) * 2)
    source = tmp_path / "data.txt"
    source.write_text("one")
    cache.cached("thing", [source], lambda: 1)
    assert sorted(p.name for p in cache_home.iterdir()) == sorted([cache.entry("thing").name, new_tmp.name])
