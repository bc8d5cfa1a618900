"""Shared fixtures. Every test runs with its own config folder and no ambient search paths,
so a developer's ~/.config/checklist or CHECKLIST_RUBRIC_PATH never changes a result."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

#: What the quick loop (`pytest -m "not slow"`) leaves to the full suite, besides the tests
#: marked `slow` one by one (SIGKILL loops, races, fuzzers): whole folders and modules whose
#: tests each start a terminal app, a browser, a typst render or a `python -m checklist`
#: process. Measured (CPU seconds per test, bench-free): these are about 80% of the suite's
#: CPU; what stays covers the models, scoring, files, CLI in-process, bake-off and reuse.
HEAVY = (
    "tests/tui/",                        # Pilot walks, snapshots, tmux sessions
    "tests/web/",                        # headless chromium
    "tests/test_types.py",               # mypy --strict on the package
    "tests/memo/",                       # typst PDFs, DOCX and XLSX renders
    "tests/test_layering.py",            # import-linter over the package
    "tests/hostile/test_files.py",       # the YAML attack catalogue, through subprocesses
    "tests/hostile/test_templates.py",   # render budgets that run out on purpose
    "tests/hostile/test_paths.py",
    "tests/hostile/test_csv.py",
    "tests/hostile/test_bakeoff_files.py",
    "tests/hostile/test_output.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        where = Path(str(item.path)).resolve().relative_to(REPO).as_posix()
        if where.startswith(HEAVY):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("CHECKLIST_CONFIG_DIR", str(config))
    monkeypatch.delenv("CHECKLIST_RUBRIC_PATH", raising=False)
    monkeypatch.delenv("CHECKLIST_TEMPLATE_PATH", raising=False)
    monkeypatch.delenv("CHECKLIST_MAX_FILE_BYTES", raising=False)
    monkeypatch.delenv("CHECKLIST_DEBUG", raising=False)
    # Evidence ages (rubric freshness rules): every test sees the same day.
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-27")
    monkeypatch.setenv("CHECKLIST_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("CHECKLIST_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("CHECKLIST_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    return config


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean working folder (so ./rubrics and ./templates are empty)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def tiny_rubric(tmp_path: Path) -> Path:
    """A small rubric with every question type and two gates, for fast tests."""
    folder = tmp_path / "lib"
    folder.mkdir()
    target = folder / "tiny.yaml"
    shutil.copy(DATA / "tiny.yaml", target)
    return target


@pytest.fixture
def tiny_eval(tmp_path: Path, tiny_rubric: Path, workdir: Path) -> Path:
    """An evaluation of three vendors against the tiny rubric, no answers yet."""
    from checklist.cli import main

    target = tmp_path / "ev"
    code = main(["new", str(target), "--rubric", str(tiny_rubric), "--title", "Tiny test",
                 "--vendor", "Acme", "--vendor", "Beta Corp", "--vendor", "Gamma",
                 "--context", "public=yes"])
    assert code == 0
    return target


from cli_support import run_cli  # noqa: E402,F401  (re-exported for older imports)
