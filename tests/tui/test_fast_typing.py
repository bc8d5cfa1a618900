"""Issue 20 item 1: a typed number counts every keystroke at any speed. The first digit on a
number question moves the focus to the value field; digits that arrive before the focus
does were taken as a fresh start, so typing 95 quickly kept 5."""

from __future__ import annotations

from textual import events
from tui_support import pilot_test, settle

from checklist.tui.screens.scoring import ScoringScreen


@pilot_test
async def test_digits_typed_faster_than_the_focus_moves_all_count(make):
    app = make(rater="Ana", vendor="gamma")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        while screen.question.id != "latency":
            await pilot.press("j")
            await settle(pilot)
        for key in "95":  # both keys queued before either is handled
            app.post_message(events.Key(key, key))
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.mine is not None and screen.mine.value == 95
