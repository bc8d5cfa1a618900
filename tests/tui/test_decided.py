"""A decided evaluation (accepted, rejected, superseded) opens read-only: the TUI says why and
how to reopen, changes nothing, and never retries a save the files layer refuses."""

from __future__ import annotations

from pathlib import Path

from tui_support import pilot_test, ratings_file, record_notes, settle

from checklist.cli import main
from checklist.tui.screens.scoring import ScoringScreen


def decide(folder: Path) -> None:
    assert main(["decide", str(folder), "--accept", "acme", "--by", "Dana"]) == 0


@pilot_test
async def test_a_decided_evaluation_opens_read_only_and_says_how_to_reopen(make,
                                                                           evaluation: Path):
    decide(evaluation)
    before = ratings_file(evaluation, "ben")
    app = make(rater="Ben", vendor="acme", save_delay=0.01)
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        assert any("read-only" in n and "--reopen" in n for n in notes)
        assert "READ-ONLY" in app.save_status
        kept = screen.mine
        await pilot.press("0")
        await settle(pilot)
        assert screen.mine == kept
        assert any(n.startswith("Read-only: Not changed") for n in notes)
    assert ratings_file(evaluation, "ben") == before


@pilot_test
async def test_decided_while_open_stops_retrying(make, evaluation: Path):
    app = make(rater="Ben", vendor="acme", save_delay=0.01)
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        before = ratings_file(evaluation, "ben")
        decide(evaluation)
        await pilot.press("0")
        await settle(pilot)
        await pilot.pause(0.3)
        assert any(n.startswith("Read-only: Now read-only") and "--reopen" in n for n in notes)
        assert "retrying" not in app.save_status
        assert ratings_file(evaluation, "ben") == before
        await pilot.press("1")
        await settle(pilot)
        assert any(n.startswith("Read-only: Not changed") for n in notes)
