"""Fixtures for the TUI: a deterministic evaluation (fixed dates, fixed clock) and app builders.

Everything a screenshot shows must be the same on every machine: dates and timestamps are
fixed, paths on screen are relative, the clock is frozen and the time zone is UTC.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checklist.files.atomic import write_atomic
from checklist.files.folder import create_folder, ratings_text
from checklist.files.library import Library
from checklist.model import Answer, Claim, Evaluation, Evidence, Ratings, RubricPin, Vendor

DATA = Path(__file__).resolve().parent.parent / "data"
FIXED = dt.datetime(2026, 11, 2, 10, 4, 0, tzinfo=dt.UTC)


def fixed_clock() -> dt.datetime:
    return FIXED


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """Saved times show in the local zone; pin it so screenshots match everywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def build_evaluation(folder: Path, *, with_ratings: bool = True) -> Path:
    """Three vendors on the tiny rubric; a second rater (Ben) has answered some questions."""
    rubric = Library.discover([]).resolve(str(DATA / "tiny.yaml"))
    vendors = [
        Vendor(id="acme", name="Acme", claims=[
            Claim(text="Tops the public arena for text-to-video", metric="Elo", value=1250,
                  run_by="Arena volunteers", grade="third-party", date=dt.date(2026, 10, 1)),
        ]),
        Vendor(id="beta-corp", name="Beta Corp", claims=[
            Claim(text="2x faster than the leader", metric="p95 latency", value="40 s",
                  run_by="", grade="vendor-claim"),
        ]),
        Vendor(id="gamma", name="Gamma"),
    ]
    evaluation = Evaluation(
        title="Tiny test", owner="Ana", date=dt.date(2026, 11, 2),
        rubric=RubricPin(id=rubric.id, version=rubric.version, sha256=rubric.digest()),
        context={"public": True}, vendors=vendors,
    )
    workspace = create_folder(folder, evaluation, rubric)
    if with_ratings:
        ben = Ratings(rater="Ben", answers={
            "acme": {
                "who-ran": Answer(score=1, note="vendor ran it", at=FIXED),
                "api": Answer(answer=True, at=FIXED),
                "status": Answer(choice="ga", at=FIXED),
            },
            "beta-corp": {
                "who-ran": Answer(score=3, at=FIXED),
                "api": Answer(answer=False, at=FIXED, evidence=[
                    Evidence(url="https://beta.example/pricing", grade="vendor-claim",
                             retrieved=dt.date(2026, 11, 1))]),
            },
            "gamma": {"latency": Answer(na=True, at=FIXED)},
        })
        write_atomic(folder / "ratings" / "ben.yaml", ratings_text(ben, workspace.ordering))
    return folder


@pytest.fixture
def evaluation(tmp_path: Path, workdir: Path) -> Path:
    return build_evaluation(tmp_path / "ev")


AppFactory = Callable[..., Any]


@pytest.fixture
def make(evaluation: Path) -> AppFactory:
    """`make(rater=..., vendor=...)`: the app on the fixture evaluation, deterministic."""
    from checklist.tui.app import make_app

    def factory(path: Path | None = None, **options: Any) -> Any:
        options.setdefault("clock", fixed_clock)
        options.setdefault("check_upgrade", False)
        options.setdefault("poll_seconds", 0)
        return make_app(path if path is not None else evaluation, **options)

    return factory


def ratings_file(folder: Path, rater: str) -> str:
    path = folder / "ratings" / f"{rater}.yaml"
    return path.read_text(encoding="utf-8") if path.exists() else ""


os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
