"""Fixtures for the TUI tests; the helpers they use are in `tui_support`."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tui_support import build_evaluation, fixed_clock

from checklist.files.config import Folder


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """Saved times show in the local zone; pin it so screenshots match everywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


@pytest.fixture
def evaluation(tmp_path: Path, workdir: Path) -> Path:
    """Three vendors on the tiny rubric; Ben has answered some questions."""
    return build_evaluation(tmp_path / "ev")


AppFactory = Callable[..., Any]


@pytest.fixture
def library(tiny_rubric: Path) -> list[Folder]:
    """Only the tiny rubric, so "New evaluation" never depends on the bundled library."""
    return [Folder("tests", tiny_rubric.parent)]


@pytest.fixture
def make(evaluation: Path, library: list[Folder]) -> AppFactory:
    """`make(rater=..., vendor=...)`: the app on the fixture folder, deterministic and quiet."""
    from checklist.tui.app import make_app

    def factory(path: Path | None = None, *, start: bool = False, **options: Any) -> Any:
        """`start=True`: no folder, so the start screen (give `cwd` an empty folder)."""
        options.setdefault("clock", fixed_clock)
        options.setdefault("check_upgrade", False)
        options.setdefault("poll_seconds", 0)
        options.setdefault("library_folders", library)
        if start:
            return make_app(None, **options)
        return make_app(path if path is not None else evaluation, **options)

    return factory
