"""Clean git diffs: saving an unchanged evaluation changes no byte; one answer, a few lines."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from checklist.files.folder import load_folder, save_evaluation, write_lock

from .conftest import Cli, rate

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c",
         "commit.gpgsign=false", *args],
        cwd=folder, capture_output=True, text=True, check=True,
    ).stdout


def test_resaving_changes_nothing_and_one_answer_changes_a_few_lines(cli: Cli, ev: Path,
                                                                    workdir: Path) -> None:
    rate(cli, ev, "ana", "acme", "who-ran", "--score", "2", "--note", "vendor deck only",
         "--evidence", "https://example.org/deck.pdf", "--grade", "vendor-claim")
    rate(cli, ev, "ana", "acme", "api", "--yes")
    rate(cli, ev, "ana", "beta-corp", "status", "--choice", "ga")
    rate(cli, ev, "bob", "gamma", "latency", "--value", "95.5")
    git(ev, "init", "-q")
    git(ev, "add", "-A")
    git(ev, "commit", "-q", "-m", "Q1")
    mtimes = {p: p.stat().st_mtime_ns for p in ev.rglob("*.yaml")}

    # every way of saving an unchanged evaluation
    workspace = load_folder(ev)
    save_evaluation(ev, workspace.evaluation, expected=(ev / "evaluation.yaml").read_bytes())
    write_lock(ev, workspace.rubric)
    for rater, ratings in workspace.ratings.items():
        workspace.ratings_file(rater).replace(ratings)
    sheet = workdir / "ana.csv"
    assert cli("export", ev, "--rater", "ana", "-o", sheet).code == 0
    assert cli("import", ev, sheet, "--rater", "ana").code == 0
    assert cli("upgrade", ev).code == 0
    assert git(ev, "status", "--porcelain") == ""
    assert {p: p.stat().st_mtime_ns for p in ev.rglob("*.yaml")} == mtimes

    # one changed answer: its value and its timestamp, in one file, nothing else
    rate(cli, ev, "ana", "acme", "who-ran", "--score", "3")
    added, removed, name = git(ev, "diff", "--numstat").split()
    assert name == "ratings/ana.yaml"
    assert added == removed and added in ("1", "2")     # the score (and `at` if a second passed)
    git(ev, "commit", "-q", "-am", "one answer")

    # one new answer in the middle of the file: only its own lines are added
    rate(cli, ev, "ana", "acme", "tasks", "--score", "1")
    added, removed, name = git(ev, "diff", "--numstat").split()
    assert (removed, name) == ("0", "ratings/ana.yaml") and int(added) <= 3
