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


async def workers_done(pilot: Any) -> None:
    """Until every worker has finished, except one waiting for the person to answer a
    dialog (`app.waiting`: leaving, a conflict): that one waits for a key the test is about
    to press."""
    app = pilot.app
    while any(not w.is_finished and w not in app.waiting for w in app.workers):
        await pilot.pause(0.01)


async def settle(pilot: Any) -> None:
    """Lets queued messages, workers and the repaint they cause finish."""
    await pilot.pause()
    await workers_done(pilot)
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


#: Every vendor of `build_evaluation`, by id and by name: none may reach the judging screen.
VENDOR_IDENTITY = ("acme", "Acme", "beta-corp", "Beta Corp", "gamma", "Gamma")
JUDGE_PROMPTS = ("p01", "p02", "p03")
#: Output texts that name no vendor (with `long`, two of the three vendors' go on to scroll).
_REPLIES = (
    ("Cold at noon, cold at midnight.", "Twenty-four hours of cold, one steel bottle.",
     "Keeps it cold; you keep going."),
    ("Spring sale: 20% off hiking boots", "Boots for the trail, 20% off this spring",
     "Your next hike starts at 20% off"),
    ("An 18 V drill with two batteries.", "Two batteries, one drill, no waiting.",
     "Charge in 45 minutes, drill all day."),
)


def build_bakeoff(folder: Path, *, media: bool = False, raters: tuple[str, ...] = ("Ana", "Ben"),
                  long: bool = True) -> Path:
    """A bake-off in `build_evaluation`'s folder: three prompts, a text output from every
    vendor (or a tiny PNG, with `media`), and a plan where every rater judges all nine
    comparisons (`--overlap` = raters)."""
    from checklist.cli import main

    if not (folder / "evaluation.yaml").exists():
        build_evaluation(folder)
    prompts = folder.parent / f"{folder.name}-prompts.txt"
    prompts.write_text("Write a tagline for a steel bottle\nWrite a subject line for a sale\n"
                       "Describe a cordless drill in one line\n", encoding="utf-8")
    assert main(["bakeoff", "init", str(folder), "--prompts", str(prompts), "--seed", "11",
                 "--task", "text-generation"]) == 0
    vendors = ("acme", "beta-corp", "gamma")
    for k, prompt in enumerate(JUDGE_PROMPTS):
        for i, vendor in enumerate(vendors):
            target = folder / "bakeoff" / "outputs" / vendor
            target.mkdir(parents=True, exist_ok=True)
            if media:
                (target / f"{prompt}.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes([i]) * 64)
                continue
            text = _REPLIES[k][i]
            if long and i != 1:  # every pair has a side that scrolls
                lines = 30 if i == 0 else 12
                text += "\n" + "\n".join(f"Line {n} of a long answer." for n in
                                          range(2, lines + 1))
            (target / f"{prompt}.txt").write_text(text + "\n", encoding="utf-8")
    args = ["bakeoff", "plan", str(folder), "--simulations", "100",
            "--overlap", str(len(raters))]
    for rater in raters:
        args += ["--rater", rater]
    assert main(args) == 0
    return folder


def cast_all(folder: Path, rater: str, verdict: str = "left") -> None:
    """`rater` judges their whole share (through the bake-off core, as a front end would)."""
    from checklist.bakeoff.judge import Judge

    judge = Judge.open(folder, rater)
    while (trial := judge.next_trial()) is not None:
        judge.vote(trial.comparison, verdict)  # type: ignore[arg-type]


def votes_of(folder: Path, rater: str) -> list[dict[str, Any]]:
    import yaml

    path = folder / "bakeoff" / "votes" / f"{rater}.yaml"
    if not path.exists():
        return []
    return list((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("votes") or [])


def planned(folder: Path) -> dict[str, Any]:
    """plan.yaml as data: the hidden mapping (`outputs`), comparisons and queues."""
    import yaml

    return dict(yaml.safe_load((folder / "bakeoff" / "plan.yaml").read_text(encoding="utf-8")))


def frame_text(app: Any) -> str:
    """Every character painted on the terminal now, dialogs and the screens under them
    included (what a person sees), one line per row."""
    from textual.strip import Strip

    update = app.screen._compositor.render_update(full=True,
                                                  screen_stack=app._background_screens)
    return "\n".join("".join(s.text for s in Strip.join(chops)) for chops in update.strips)


def screenshot_text(app: Any) -> str:
    """`export_screenshot()` (the SVG) with its markup dropped and entities decoded: the
    text a saved screenshot carries."""
    import html
    import re

    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")
