"""Issue 20 item 5: in the evidence dialog, Enter on a grade in the list moves on to the date
(it reopened the list), so URL, Enter, Enter, ↓, Enter, Enter adds the evidence."""

from __future__ import annotations

from textual.widgets import Input
from tui_support import pilot_test, settle

from checklist.tui.screens.dialogs import EvidenceDialog


@pilot_test
async def test_enter_on_a_grade_goes_on_to_the_date(make):
    app = make(rater="Ana", vendor="gamma")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        scoring = app.screen
        await pilot.press("3", "e")
        await settle(pilot)
        assert isinstance(app.screen, EvidenceDialog)
        await pilot.press(*"https://example.com/r", "enter")
        await pilot.press("enter", "down", "enter")  # open the list, pick the next grade
        await settle(pilot)
        assert isinstance(app.focused, Input) and app.focused.id == "evidence-date"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is scoring
        evidence = scoring.mine.evidence
        assert [e.url for e in evidence] == ["https://example.com/r"]
        assert evidence[0].grade != "vendor-claim"
