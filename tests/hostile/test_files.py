"""Every file checklist reads, fed every kind of hostile YAML, through the real CLI.

The promise: exit 2, one clear `file:line:column` message (or `file:` when the problem is
the whole file), no traceback, no hang, and the user's file left exactly as it was. Each
case runs `python -m checklist` in a subprocess with a generous timeout that only catches a
hang; the one-second target per case is measured by `python bench/run.py`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checklist.errors import ChecklistError
from hostile.cases import (
    PWNED,
    SPECIFIC,
    VALID_CONFIG,
    Case,
    cases,
    hostile_eval_files,
    write_case,
)
from hostile.util import (
    POSITIONED,
    TINY_RUBRIC,
    Run,
    check_user_error,
    make_evaluation,
    run_cli,
    run_main,
)

#: Cases that always go through a real subprocess, whatever the file.
MARQUEE = {"python-object-apply", "alias-bomb", "deep-flow-list", "deep-block-map", "not-utf8",
           "over-size-limit", "bom-crlf", "empty"}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One valid evaluation folder, built once and copied by each test."""
    root = tmp_path_factory.mktemp("pristine")
    return make_evaluation(root)


@pytest.fixture
def folder(pristine: Path, tmp_path: Path) -> Path:
    target = tmp_path / "ev"
    shutil.copytree(pristine, target)
    return target


def _params(kind: str) -> list[pytest.param]:
    return [pytest.param(case, id=case.name) for case in cases(kind)]


def _expect(run_result: Run, case: Case, target: Path, valid: bytes) -> None:
    if case.expect == "ok":
        assert run_result.code == 0, run_result.output[:2000]
        assert "Traceback" not in run_result.output
        return
    if case.expect == "any" and run_result.code == 0:
        return
    check_user_error(
        run_result, target, positioned=case.expect != "whole-file", message=case.message,
        line=case.line(valid) if case.line else None,
    )


@pytest.mark.parametrize("case", _params("rubric"))
def test_rubric(case: Case, tmp_path: Path) -> None:
    target = tmp_path / "team.yaml"
    valid = TINY_RUBRIC.read_bytes()
    write_case(target, valid, case)
    result = run_cli("rubrics", "validate", target, cwd=tmp_path, env=case.env)
    _expect(result, case, target, valid)
    assert not (tmp_path / PWNED).exists(), "a YAML tag ran a command"


@pytest.mark.parametrize("kind,case", [
    pytest.param(kind, case, id=f"{kind}-{case.name}")
    for kind in ("evaluation", "lock", "ratings") for case in cases(kind)
])
def test_evaluation_folder(kind: str, case: Case, folder: Path) -> None:
    target = folder / hostile_eval_files(kind)
    valid = target.read_bytes()
    written = write_case(target, valid, case)
    checked = folder / "evaluation.yaml" if case.name == "edited-by-hand" else target
    if kind == "ratings" or case in SPECIFIC or case.name in MARQUEE:
        result = run_cli("summary", folder, cwd=folder.parent, env=case.env)
    else:
        # the YAML-level cases read evaluation.yaml and the lock through the same code as
        # the ratings above; in-process keeps the suite fast (a crash still fails the worker)
        result = run_main("summary", folder)
    _expect(result, case, checked, valid)
    assert not (folder.parent / PWNED).exists(), "a YAML tag ran a command"
    if kind != "ratings":
        return
    # `rate` reads the same file before writing: on a broken file it must refuse and keep it
    before = target.read_bytes() if not case.sparse else None
    rated = run_cli("rate", folder, "--rater", "ana", "--vendor", "gamma", "--question",
                    "tasks", "--score", "2", cwd=folder.parent, env=case.env)
    if result.code == 0:
        assert rated.code == 0, rated.output[:2000]
        text = target.read_text(encoding="utf-8")
        assert "gamma:" in text and "tasks:" in text
        for answer in ("who-ran", "api", "status", "latency"):  # earlier answers survive
            if f"{answer}:" in written.decode("utf-8", "replace"):
                assert f"{answer}:" in text, f"{answer} lost after rewriting a {case.name} file"
    else:
        check_user_error(rated, checked, positioned=case.expect != "whole-file")
        if before is not None:
            assert target.read_bytes() == before == written, "a refused file was changed"
        else:
            assert target.stat().st_size == case.sparse


@pytest.mark.parametrize("case", _params("config"))
def test_config(case: Case, isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checklist.files.config import load_config

    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    target = isolated / "config.yaml"
    write_case(target, VALID_CONFIG, case)
    if case.expect == "ok":
        load_config()
        return
    try:
        load_config()
    except ChecklistError as exc:
        problem = exc.problems[0]
        assert Path(problem.file) == target
        if case.expect == "whole-file":
            assert problem.line == 0
        else:
            assert POSITIONED.match(str(problem)), str(problem)
            if case.line:
                assert problem.line == case.line(VALID_CONFIG), str(problem)
        if case.message:
            import re

            assert re.search(case.message, problem.message), str(problem)
        return
    assert case.expect == "any", f"{case.name}: a broken config loaded without error"


@pytest.mark.parametrize("name", ["python-object-apply", "alias-bomb", "not-utf8",
                                  "deep-flow-list", "unknown-key"])
def test_broken_config_never_breaks_the_cli(name: str, isolated: Path) -> None:
    """A broken config.yaml must not hide the bundled rubrics nor crash any command."""
    case = next(c for c in cases("config") if c.name == name)
    write_case(isolated / "config.yaml", VALID_CONFIG, case)
    result = run_cli("rubrics", "list")
    assert result.code == 0, result.output[:2000]
    assert "Traceback" not in result.output
    assert "benchmark-vs-production" in result.stdout


def test_missing_lock_is_a_whole_file_error(folder: Path) -> None:
    (folder / "rubric.lock.yaml").unlink()
    result = run_cli("summary", folder)
    check_user_error(result, folder / "rubric.lock.yaml", positioned=False, message="missing")


def test_unreadable_ratings_file(folder: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    target = folder / "ratings" / "ana.yaml"
    target.chmod(0)
    result = run_cli("summary", folder)
    check_user_error(result, target, positioned=False, message="cannot read")


def test_folder_named_as_a_file(folder: Path) -> None:
    shutil.rmtree(folder / "ratings")
    (folder / "ratings").mkdir()
    (folder / "ratings" / "ana.yaml").mkdir()
    result = run_cli("summary", folder)
    check_user_error(result, folder / "ratings" / "ana.yaml", positioned=False,
                     message="folder")


def test_fifo_is_refused_not_waited_on(folder: Path) -> None:
    import os

    target = folder / "ratings" / "carl.yaml"
    os.mkfifo(target)
    result = run_cli("summary", folder)
    check_user_error(result, target, positioned=False, message="not a regular file")


def test_ratings_file_with_a_bad_name(folder: Path) -> None:
    (folder / "ratings" / "Ana Maria.yaml").write_text("rater: Ana\n")
    result = run_cli("summary", folder)
    check_user_error(result, folder / "ratings" / "Ana Maria.yaml", positioned=False,
                     message="rename")


def test_orphaned_answers_are_kept_and_listed(folder: Path) -> None:
    """Answers for a vendor the evaluation no longer has: kept on save, listed by status."""
    target = folder / "ratings" / "ana.yaml"
    target.write_text(target.read_text() + "  zeta-gone:\n    who-ran:\n      score: 2\n")
    summary = run_cli("summary", folder)
    assert summary.code == 0, summary.output
    assert run_cli("rate", folder, "--rater", "ana", "--vendor", "gamma", "--question",
                   "tasks", "--score", "1").code == 0
    assert "zeta-gone:" in target.read_text()
    status = run_cli("status", folder)
    assert status.code == 0 and "zeta-gone" in status.stdout


@pytest.mark.parametrize("args,message", [
    (("--question", "latency", "--value", "nan"), "finite"),
    (("--question", "latency", "--value=-inf"), "finite"),
    (("--question", "tasks", "--score", "2", "--note", "n" * 20_001), "too long"),
    (("--question", "tasks", "--score", "2", "--evidence", ""), "empty"),
    (("--question", "tasks", "--score", "2", "--evidence", "u" * 4_001), "too long"),
    (("--question", "tasks", "--score", "99999999999999999999"), "scale"),
    (("--question", "tasks", "--score", "2", "--retrieved", "2026-02-30"), "date"),
    (("--question", "status", "--choice", "\x1b[2Jga"), "choice"),
])
def test_hostile_command_line_values(args: tuple[str, ...], message: str, folder: Path) -> None:
    """Values typed on the command line get the same promise: exit 2, nothing written."""
    target = folder / "ratings" / "ana.yaml"
    before = target.read_bytes()
    result = run_cli("rate", folder, "--rater", "ana", "--vendor", "acme", *args)
    check_user_error(result, "checklist", positioned=False, message=message)
    assert target.read_bytes() == before
