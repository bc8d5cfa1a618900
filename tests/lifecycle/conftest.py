"""Fixtures for evidence that ages and decisions that expire: a tiny rubric with freshness
rules, an evaluation scored against it, and an in-process CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from lifecycle_support import Cli, Result, fresh_rubric_text


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Runs `checklist ARGS...` in this process: exit code, stdout and stderr."""
    from checklist.cli import main

    def run(*args: str | Path) -> Result:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def fresh_eval(tmp_path: Path, workdir: Path, cli: Cli) -> Path:
    """Acme answered on every question (a go on 2026-10-01), evidence retrieved 2026-09-01
    (the api gate by a vendor claim), Beta Corp with no answers."""
    rubric = tmp_path / "lib" / "fresh.yaml"
    rubric.parent.mkdir()
    rubric.write_text(fresh_rubric_text(), encoding="utf-8")
    ev = tmp_path / "ev"
    assert cli("new", ev, "--rubric", rubric, "--title", "Fresh test", "--vendor", "Acme",
               "--vendor", "Beta Corp", "--owner", "Ana").code == 0
    answers = [("who-ran", "--score", "4", "third-party"), ("tasks", "--score", "4", "own-test"),
               ("api", "--yes", None, "vendor-claim"), ("status", "--choice", "ga", "vendor-claim"),
               ("latency", "--value", "20", "own-test")]
    for qid, flag, value, grade in answers:
        args = [flag] if value is None else [flag, value]
        result = cli("rate", ev, "--rater", "ana", "--vendor", "acme", "--question", qid, *args,
                     "--evidence", f"https://example.com/{qid}", "--grade", grade,
                     "--retrieved", "2026-09-01", "--confidence", "high")
        assert result.code == 0, result.err
    return ev
