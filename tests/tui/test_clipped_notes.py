"""Issue 20 item 6 (part): another rater's long note is not cut silently mid-sentence: it
shows further, and when cut it ends in '…'."""

from __future__ import annotations

from pathlib import Path

from tui_support import pilot_test, plain, settle

from checklist.files.folder import RatingsFile, load_folder
from checklist.model import Answer

NOTE = ("The vendor ran it on their own cluster with a prompt set they chose, and the report "
        "leaves out failures entirely, so the end of this sentence matters")


def test_clipped_marks_a_cut():
    from checklist.tui.text import clipped

    assert clipped("short note", 20) == "short note"
    assert clipped("a" * 30, 10) == "a" * 9 + "…"


@pilot_test
async def test_another_raters_long_note_reads_to_its_end(make, evaluation: Path):
    RatingsFile(evaluation, "ben", load_folder(evaluation).ordering).update(
        "gamma", "who-ran", Answer(score=1, note=NOTE))
    app = make(rater="Ana", vendor="gamma")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        while screen.question.id != "who-ran":
            await pilot.press("k")
            await settle(pilot)
        await pilot.press("2")  # blind until this rater answers
        await settle(pilot)
        others = " ".join(plain(screen.query_one("#others")).split())
        assert "the end of this sentence matters" in others
