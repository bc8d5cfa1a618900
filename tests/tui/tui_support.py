"""Helpers for the TUI tests: a deterministic evaluation (fixed dates, a frozen clock).

Everything a screenshot shows must be the same on every machine: dates and timestamps are
fixed, paths on screen are relative, the clock is frozen and the time zone is UTC.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import os
import subprocess
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from checklist.files.atomic import write_atomic
from checklist.files.folder import create_folder, ratings_text
from checklist.files.library import Library
from checklist.model import Answer, Claim, Evaluation, Evidence, Ratings, RubricPin, Vendor

DATA = Path(__file__).resolve().parent.parent / "data"
FIXED = dt.datetime(2026, 11, 2, 10, 4, 0, tzinfo=dt.UTC)


def fixed_clock() -> dt.datetime:
    return FIXED


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


def ratings_file(folder: Path, rater: str) -> str:
    path = folder / "ratings" / f"{rater}.yaml"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def pilot_test(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Runs an `async def` test in its own event loop (no async pytest plugin is installed).

    `functools.wraps` keeps the signature, so pytest still injects the fixtures.
    """

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def plain(widget: Any) -> str:
    """A Static's text without markup, for assertions on what a person reads."""
    visual = widget.visual
    return str(getattr(visual, "plain", visual))


async def settle(pilot: Any) -> None:
    """Lets queued messages, workers and the repaint they cause finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m checklist ...` in a subprocess, as a user would run it."""
    return subprocess.run([sys.executable, "-m", "checklist", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120, env=dict(os.environ))


def record_notes(app: Any) -> list[str]:
    """Every notification the app shows, as "title: message" (patch before `run_test`)."""
    notes: list[str] = []
    original = app.notify

    def notify(message: str, **options: Any) -> None:
        notes.append(f"{options.get('title', '')}: {message}")
        original(message, **options)

    app.notify = notify
    return notes
