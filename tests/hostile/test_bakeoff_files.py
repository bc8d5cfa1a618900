"""The bake-off's YAML files (bakeoff.yaml, outputs.yaml, plan.yaml, votes/<rater>.yaml) fed
every generic hostile YAML case from the shared catalogue, through `checklist bakeoff status`:
exit 2 with `file:line:column` (or `file:`), no traceback, the file unchanged."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from hostile.cases import GENERIC, PWNED, Case, write_case
from hostile.util import check_user_error, run_cli, run_main

FILES = {
    "settings": "bakeoff/bakeoff.yaml",
    "outputs": "bakeoff/outputs.yaml",
    "plan": "bakeoff/plan.yaml",
    "votes": "bakeoff/votes/ana.yaml",
}
MARQUEE = {"python-object-apply", "alias-bomb", "deep-flow-list", "not-utf8", "over-size-limit"}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bakeoff.bakeoff_support import make_bakeoff, plan

    from checklist.bakeoff.judge import Judge

    folder = make_bakeoff(tmp_path_factory.mktemp("bakefiles"))
    (folder / "bakeoff" / "outputs" / "gamma" / "p04.txt").unlink()
    (folder / "bakeoff" / "outputs.yaml").write_text(
        "outputs:\n  gamma:\n    p04:\n      text: Gamma four\n      latency_s: 2\n")
    plan(folder)
    judge = Judge.open(folder, "ana")
    for verdict in ("left", "tie"):
        trial = judge.next_trial()
        assert trial is not None
        judge.vote(trial.comparison, verdict, reasons=["quality"])
    return folder


@pytest.fixture
def folder(pristine: Path, tmp_path: Path) -> Path:
    target = tmp_path / "ev"
    shutil.copytree(pristine, target)
    return target


@pytest.mark.parametrize("kind,case", [
    pytest.param(kind, case, id=f"{kind}-{case.name}") for kind in FILES for case in GENERIC
])
def test_bakeoff_file(kind: str, case: Case, folder: Path) -> None:
    target = folder / FILES[kind]
    valid = target.read_bytes()
    write_case(target, valid, case)
    if case.name in MARQUEE:
        result = run_cli("bakeoff", "status", folder, cwd=folder.parent, env=case.env)
    else:
        result = run_main("bakeoff", "status", folder)
    assert not (folder.parent / PWNED).exists(), "a YAML tag ran a command"
    if case.expect == "ok" or (case.expect == "any" and result.code == 0):
        assert result.code == 0, result.output[:2000]
        return
    check_user_error(result, target, positioned=case.expect != "whole-file",
                     message=case.message, line=case.line(valid) if case.line else None,
                     max_lines=10)
    if kind in ("plan", "votes") and not case.sparse:
        # judging reads the same files: it refuses, and the file stays as it was
        before = target.read_bytes()
        from checklist.bakeoff.judge import Judge
        from checklist.errors import ChecklistError

        with pytest.raises(ChecklistError):
            Judge.open(folder, "ana")
        assert target.read_bytes() == before


@pytest.mark.parametrize("kind,expect", [("settings", 2), ("plan", 2), ("votes", 0),
                                          ("outputs", 2)])
def test_empty_files(kind: str, expect: int, folder: Path) -> None:
    target = folder / FILES[kind]
    target.write_bytes(b"")
    result = run_main("bakeoff", "status", folder)
    if kind == "outputs":  # an empty outputs.yaml is simply no outputs: gamma's p04 is missing
        assert result.code == 0 and "missing: p04" in result.stdout
        return
    assert result.code == expect, result.output
    if expect:
        check_user_error(result, target, message="empty")
