"""The installed package works from any directory, with its data files.

The README's test command installs the project (not editable) before running
the tests; these tests run the installed code from a directory that holds no
source, so a missing data file or entry point fails here.
"""
import json
import os
import subprocess
import sys
from pathlib import Path


def run_elsewhere(tmp_path, *args):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)


def test_installed_package_finds_its_knowledge_base(tmp_path):
    code = "import analyzer.knowledge as k, json; print(json.dumps([str(k._builtin_path()), len(k.builtin_knowledge().actives)]))"
    done = run_elsewhere(tmp_path, sys.executable, "-c", code)
    assert done.returncode == 0, done.stderr
    path, count = json.loads(done.stdout)
    assert Path(path).is_file()
    assert count >= 150


def test_console_script_runs_from_another_directory(tmp_path):
    script = Path(sys.executable).parent / ("analyzer.exe" if os.name == "nt" else "analyzer")
    assert script.exists(), "the console script 'analyzer' is installed next to the interpreter"
    done = run_elsewhere(tmp_path, str(script), "score", "Aqua, Retinol, Sodium Hyaluronate", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert [a["inci"] for a in json.loads(done.stdout)["actives"]] == ["Retinol", "Sodium Hyaluronate"]
