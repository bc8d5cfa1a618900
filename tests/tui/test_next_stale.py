"""Issue 19 (TUI): `s` on the scoring screen jumps to the next answer whose evidence is stale,
across vendors, and says so when there is none; the palette's "Next stale answer" too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from tui_support import fixed_clock, pilot_test, plain, settle

from checklist.files.folder import RatingsFile, load_folder
from checklist.model import Answer, Evidence
from checklist.tui.screens.scoring import ScoringScreen


def stale_folder(tiny_rubric: Path, workdir: Path) -> Path:
    """Freshness 30 days; stale: Acme's `tasks` and Gamma's `who-ran`; fresh: Acme's `api`."""
    from checklist.cli import main

    data = yaml.safe_load(tiny_rubric.read_text(encoding="utf-8"))
    data["policy"] = {"freshness": {"default": 30}}
    tiny_rubric.write_text(yaml.safe_dump(data), encoding="utf-8")
    target = workdir / "ev"
    assert main(["new", str(target), "--rubric", str(tiny_rubric), "--title", "T",
                 "--vendor", "Acme", "--vendor", "Beta", "--vendor", "Gamma"]) == 0
    day = fixed_clock().date()
    file = RatingsFile(target, "ben", load_folder(target).ordering)
    for vendor, qid, age in (("acme", "tasks", 45), ("acme", "api", 3),
                             ("gamma", "who-ran", 90)):
        answer = Answer(score=2) if qid != "api" else Answer(answer=True)
        file.update(vendor, qid, answer.model_copy(update={"evidence": [
            Evidence(url=f"https://example.com/{qid}", retrieved=day - dt.timedelta(days=age),
                     grade="third-party")]}))
    return target


@pilot_test
async def test_s_visits_each_stale_answer_across_vendors_and_comes_round(tiny_rubric: Path,
                                                                         workdir: Path):
    from checklist.tui.app import make_app

    folder = stale_folder(tiny_rubric, workdir)
    app = make_app(folder, rater="Ana", vendor="acme", clock=fixed_clock, check_upgrade=False,
                   poll_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        assert (screen.vendor.id, screen.question.id) == ("acme", "who-ran")
        visited = []
        for _ in range(3):
            await pilot.press("s")
            await settle(pilot)
            visited.append((screen.vendor.id, screen.question.id))
            assert "stale: evidence" in plain(screen.query_one("#evidence"))
        assert visited == [("acme", "tasks"), ("gamma", "who-ran"), ("acme", "tasks")]


@pilot_test
async def test_s_says_so_when_nothing_is_stale(make):
    app = make(rater="Ana", vendor="beta-corp")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        where = (screen.vendor.id, screen.question.id)
        await pilot.press("s")
        await settle(pilot)
        assert (screen.vendor.id, screen.question.id) == where
        assert "No stale evidence" in plain(screen.query_one("#hint"))


@pilot_test
async def test_the_palette_jumps_to_the_next_stale_answer_from_the_overview(tiny_rubric: Path,
                                                                            workdir: Path):
    from checklist.tui.app import make_app
    from checklist.tui.screens.overview import OverviewScreen

    folder = stale_folder(tiny_rubric, workdir)
    app = make_app(folder, rater="Ana", clock=fixed_clock, check_upgrade=False,
                   poll_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"next stale")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        assert (screen.vendor.id, screen.question.id) == ("acme", "tasks")
