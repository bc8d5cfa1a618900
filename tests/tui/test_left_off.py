"""Issue 20 item 7: "s: score where you left off" returns to the vendor and question the rater
left, within a run and after a restart, per rater and evaluation; the place is kept in the
user's state folder (never in the evaluation), and a bad or missing file is ignored."""

from __future__ import annotations

import os
from pathlib import Path

from tui_support import pilot_test, settle

from checklist.tui.screens.overview import OverviewScreen
from checklist.tui.screens.scoring import ScoringScreen


def positions_file() -> Path:
    return Path(os.environ["CHECKLIST_STATE_DIR"]) / "positions.yaml"


async def resume(pilot) -> ScoringScreen:
    """From the overview, `s`."""
    if not isinstance(pilot.app.screen, OverviewScreen):
        await pilot.press("escape")
        await settle(pilot)
    assert isinstance(pilot.app.screen, OverviewScreen)
    await pilot.press("s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ScoringScreen)
    return screen


@pilot_test
async def test_s_returns_to_the_question_left_not_the_first_open_one(make):
    app = make(rater="Ana", vendor="beta-corp")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j")  # status, Ana's third open question after who-ran
        await settle(pilot)
        screen = await resume(pilot)
        assert (screen.vendor.id, screen.question.id) == ("beta-corp", "status")


@pilot_test
async def test_the_place_survives_a_restart_per_rater(make, evaluation: Path):
    app = make(rater="Ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await resume(pilot)
        assert (screen.vendor.id, screen.question.id) == ("acme", "who-ran")  # nothing kept
        await pilot.press("right_square_bracket", "right_square_bracket", "j", "j")
        await settle(pilot)
        assert (screen.vendor.id, screen.question.id) == ("gamma", "api")
        await pilot.press("ctrl+q")  # at once: the place is written on the way out
        await settle(pilot)
    assert "gamma" in positions_file().read_text(encoding="utf-8")
    assert "positions" not in " ".join(p.name for p in evaluation.rglob("*"))

    again = make(rater="Ana")
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await resume(pilot)
        assert (screen.vendor.id, screen.question.id) == ("gamma", "api")

    ben = make(rater="Ben")
    async with ben.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await resume(pilot)
        assert (screen.vendor.id, screen.question.id) == ("acme", "tasks")  # Ben's first open


@pilot_test
async def test_a_bad_positions_file_is_ignored_and_replaced(make):
    positions_file().parent.mkdir(parents=True, exist_ok=True)
    positions_file().write_text("evaluations: [not, {a: mapping", encoding="utf-8")
    app = make(rater="Ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await resume(pilot)
        assert (screen.vendor.id, screen.question.id) == ("acme", "who-ran")
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    assert "question: tasks" in positions_file().read_text(encoding="utf-8")
