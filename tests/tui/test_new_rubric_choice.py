"""Choosing a rubric in New evaluation (issue 21 item 4): each rubric shows what it is for,
its parent and version, as `checklist rubrics list` does; the neutral base in the version the
library picks is highlighted first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import OptionList
from tui_support import pilot_test

from checklist.files.config import Folder, bundled_dir


@pilot_test
async def test_the_picker_shows_purpose_parent_and_version(make: Any, workdir: Path) -> None:
    bundled = [Folder("bundled", bundled_dir("rubrics"))]
    app = make(start=True, cwd=workdir, library_folders=bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        for _ in range(50):
            await pilot.pause(0.05)
            options = pilot.app.screen.query_one("#rubrics", OptionList)
            if options.option_count:
                break
        prompts = {str(options.get_option_at_index(i).id):
                   str(options.get_option_at_index(i).prompt)
                   for i in range(options.option_count)}
        llm = prompts["llm-api@1.0.0"].splitlines()
        assert llm[0] == "llm-api 1.0.0 · Language-model APIs (chat, extraction, tool use)"
        assert llm[1].strip().startswith("For buying a language-model API")
        assert llm[2].strip() == "extends benchmark-vs-production@2.0.0 · bundled"
        base = prompts["benchmark-vs-production@2.0.0"].splitlines()
        assert base[-1].strip() == "base rubric · bundled"
        highlighted = options.get_option_at_index(options.highlighted or 0).id
        assert highlighted == "benchmark-vs-production@2.0.0"  # not the kept 1.2.0
