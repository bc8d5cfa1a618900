"""Issue 20 item 4: in New evaluation, Tab from the rubric list goes to the title field, so
the title typed next lands there (it went to an invisible scrolling container and was lost).
Every Tab stop is a visible field, list or button, at both sizes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Checkbox, Input, OptionList
from tui_support import pilot_test, settle

from checklist.tui.screens.new import NewEvaluationScreen


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pilot_test
async def test_tab_from_the_rubric_list_lands_in_the_title(make, tmp_path: Path,
                                                           size: tuple[int, int]):
    app = make(start=True, cwd=tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NewEvaluationScreen)
        assert screen.focused is not None and screen.focused.id == "rubrics"
        await pilot.press("tab", *"Video model for ads")
        await settle(pilot)
        assert screen.query_one("#title", Input).value == "Video model for ads"
        stops = []
        for _ in range(12):  # round the whole form: no stop is a bare container
            await pilot.press("tab")
            await settle(pilot)
            assert screen.focused is not None
            assert isinstance(screen.focused, (Input, OptionList, Button, Checkbox)), (
                screen.focused)
            stops.append(screen.focused.id)
        assert "folder" in stops and "vendor-name" in stops and "rater" in stops
