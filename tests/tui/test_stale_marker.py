"""The TUI scores on today's date: stale evidence shows on the scoring screen, in words, and
in the verdict's conditions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from tui_support import fixed_clock, pilot_test, plain, settle

from checklist.files.folder import RatingsFile, load_folder
from checklist.model import Answer, Evidence
from checklist.tui.screens.scoring import ScoringScreen


@pilot_test
async def test_a_stale_answer_is_marked_in_words(tiny_rubric: Path, workdir: Path):
    from checklist.cli import main
    from checklist.tui.app import make_app

    data = yaml.safe_load(tiny_rubric.read_text(encoding="utf-8"))
    data["policy"] = {"freshness": {"default": 30}}
    tiny_rubric.write_text(yaml.safe_dump(data), encoding="utf-8")
    target = workdir / "ev"
    assert main(["new", str(target), "--rubric", str(tiny_rubric), "--title", "T",
                 "--vendor", "Acme"]) == 0
    old = fixed_clock().date() - dt.timedelta(days=45)
    RatingsFile(target, "ana", load_folder(target).ordering).update(
        "acme", "who-ran", Answer(score=3, evidence=[
            Evidence(url="https://example.com/report", retrieved=old, grade="third-party")]))

    app = make_app(target, rater="Ana", vendor="acme", clock=fixed_clock, check_upgrade=False,
                   poll_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        await pilot.press("k")  # it opens at the first question not answered yet
        await settle(pilot)
        assert screen.question.id == "who-ran"
        assert "stale: evidence 45 days old, rule 30" in plain(screen.query_one("#evidence"))
        assert app.scorecard.vendor("acme").questions["who-ran"].stale  # scored on today
        await pilot.press("j")
        await settle(pilot)
        assert "stale" not in plain(screen.query_one("#evidence"))
