"""Issue 20 item 3: a context flag's yes/no shows in words even when its text is too long
for the column (the word came last and was cut, leaving colour alone)."""

from __future__ import annotations

from pathlib import Path

import yaml
from textual.widgets import Checkbox
from tui_support import pilot_test, settle

from checklist.tui.screens.new import NewEvaluationScreen

LONG = ("Outputs are published under our brand in the EU, to customers and to partners, "
        "in every channel we run")


@pilot_test
async def test_a_long_flag_still_shows_yes_or_no(make, tiny_rubric: Path, tmp_path: Path):
    data = yaml.safe_load(tiny_rubric.read_text(encoding="utf-8"))
    data["context"][0]["text"] = LONG
    tiny_rubric.write_text(yaml.safe_dump(data), encoding="utf-8")
    app = make(start=True, cwd=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NewEvaluationScreen)
        flag = screen.query_one("#flag-public", Checkbox)
        label = str(flag.label)
        # the columns of the label the #flags column shows, after the box "▐X▌ "
        shown = screen.query_one("#flags").content_region.right - (flag.content_region.x + 4)
        assert "no" in label[:shown].split()
        flag.focus()
        await pilot.press("space")
        await settle(pilot)
        assert "yes" in str(flag.label)[:shown].split()
