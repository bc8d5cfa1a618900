"""Issue 20 item 2: F1 help scrolls by keyboard, so the keys below the fold can be read."""

from __future__ import annotations

from tui_support import pilot_test, settle

from checklist.tui.screens.help import HelpScreen


@pilot_test
async def test_help_scrolls_to_its_end_with_the_keyboard(make):
    app = make(rater="Ana", vendor="acme")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        box = help_screen.query_one("#help-box")
        assert box.max_scroll_y > 0  # the "Everywhere" keys are below the fold at 80x24
        await pilot.press("end")
        await settle(pilot)
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("home")
        await pilot.press("pagedown")
        await settle(pilot)
        assert box.scroll_y > 0
