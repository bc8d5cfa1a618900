"""Fixtures for the reuse tests: a team rubric folder on the search path and a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
TINY_TEXT = (DATA / "tiny.yaml").read_text(encoding="utf-8")


@dataclass
class Result:
    code: int
    out: str
    err: str


Cli = Callable[..., Result]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Runs `checklist ARGS...` in this process and returns exit code, stdout and stderr."""
    from checklist.cli import main

    def run(*args: str | Path) -> Result:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def tiny_variant(version: str, *replacements: tuple[str, str]) -> str:
    """The tiny rubric at another version, with text replacements applied (each must match)."""
    text = TINY_TEXT.replace("version: 1.0.0", f"version: {version}")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text


#: tiny 1.1.0: `tasks` removed, `who-ran` heavier with a new anchor, `status` loses `preview`,
#: `latency` becomes a score question, a new yes/no question `sso`, the `public` flag renamed.
TINY_1_1 = (
    ("        weight: 2\n        anchors: {0: vendor only, 2: third party, 4: independent}",
     "        weight: 3\n        anchors: {0: vendor only, 2: third party with samples, "
     "4: independent}"),
    ("      - id: tasks\n        text: Do the benchmarked tasks match ours?\n        weight: 1\n"
     "        anchors: {0: \"no match\", 4: \"all our tasks\"}\n", ""),
    ("          - {id: preview, label: Preview, score: 2}\n", ""),
    ("        type: number\n        unit: s\n        better: lower\n"
     "        thresholds: {4: 30, 3: 60, 2: 120, 1: 300}\n", ""),
    ("      - id: status\n",
     "      - id: sso\n        text: Single sign-on?\n        type: yes_no\n      - id: status\n"),
    ("  - id: public\n    text: Outputs are published\n",
     "  - id: published\n    text: Outputs are published externally\n"),
    ("gate: {min: 2, when: public}", "gate: {min: 2, when: published}"),
)


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A team rubric folder holding tiny@1.0.0, on CHECKLIST_RUBRIC_PATH."""
    folder = tmp_path / "team-rubrics"
    folder.mkdir()
    (folder / "tiny.yaml").write_text(TINY_TEXT, encoding="utf-8")
    monkeypatch.setenv("CHECKLIST_RUBRIC_PATH", str(folder))
    return folder


@pytest.fixture
def ev(team: Path, workdir: Path, cli: Cli) -> Path:
    """An evaluation of tiny@1.0.0 (from the library) with three vendors and no answers."""
    target = workdir / "ev"
    result = cli("new", target, "--rubric", "tiny", "--title", "Q1 review", "--vendor", "Acme",
                 "--vendor", "Beta Corp", "--vendor", "Gamma", "--context", "public=yes")
    assert result.code == 0, result.err
    return target


def rate(cli: Cli, folder: Path, rater: str, vendor: str, question: str, *value: str) -> None:
    result = cli("rate", folder, "--rater", rater, "--vendor", vendor, "--question", question,
                 *value)
    assert result.code == 0, result.err


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m checklist ARGS` in a real process, as a user runs it (tracebacks would show)."""
    return subprocess.run([sys.executable, "-m", "checklist", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120, env=dict(os.environ))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in an evaluation folder, by relative path: to prove nothing was written."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }
