"""Issue 20 item 6 (the note field): after Enter the note shows from its first letter (a note
as wide as the field lost it, a longer one its beginning), and pressing i again adds to the
note instead of replacing it with the next key."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from textual.widgets import Input
from tui_support import pilot_test, ratings_file, settle

from checklist.tui.screens.scoring import ScoringScreen


def shown(field: Input) -> str:
    """The field's one line as the terminal shows it."""
    return field.render_line(0).text


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pilot_test
async def test_after_enter_the_note_shows_from_its_first_letter(make, size: tuple[int, int]):
    app = make(rater="Ana", vendor="acme")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        note = screen.query_one("#note", Input)
        width = note.content_size.width
        for text in ("A" + "b" * (width - 1), "Start " + "x" * (2 * width)):
            await pilot.press("i", "ctrl+u", *text, "enter")
            await settle(pilot)
            assert note.value == text and not note.has_focus
            assert shown(note).startswith(text[:width - 1]), shown(note)


@pilot_test
async def test_i_again_adds_to_the_note(make, evaluation: Path):
    app = make(rater="Ana", vendor="acme", save_delay=0.01)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        await pilot.press("2", "i", *"vendor ran it", "enter")
        await settle(pilot)
        await pilot.press("i", *"; no raw data", "enter", "ctrl+s")
        await settle(pilot)
        assert screen.mine is not None and screen.mine.note == "vendor ran it; no raw data"
    saved = yaml.safe_load(ratings_file(evaluation, "ana"))
    assert saved["answers"]["acme"]["who-ran"]["note"] == "vendor ran it; no raw data"
