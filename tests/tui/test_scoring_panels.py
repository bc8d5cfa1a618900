"""The scoring screen's panels: each drawn from where the rater is, and only when what it
shows can have changed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from tui_support import fixed_clock, pilot_test, settle

from checklist.tui.literal import literal
from checklist.tui.screens.scoring import ScoringScreen
from checklist.tui.widgets.claims import ClaimsPanel
from checklist.tui.widgets.levels import LevelPicker


@pytest.fixture
def described(tiny_rubric: Path, workdir: Path) -> Path:
    """The tiny rubric with a description on its first section only, and guidance on a
    question of the second, so the guidance shows on both sections."""
    from checklist.cli import main

    data = yaml.safe_load(tiny_rubric.read_text(encoding="utf-8"))
    first, second = data["sections"]
    first["description"] = "What the first section is about"
    first["questions"][0]["guidance"] = "Ask who ran it"
    second["questions"][0]["guidance"] = "Look for a price list"
    tiny_rubric.write_text(yaml.safe_dump(data), encoding="utf-8")
    target = workdir / "ev"
    assert main(["new", str(target), "--rubric", str(tiny_rubric), "--title", "T",
                 "--vendor", "Acme"]) == 0
    return target


@pilot_test
async def test_the_guidance_tooltip_belongs_to_its_section(described: Path):
    """Hovering the guidance shows the section's description; a question of a section
    without one shows none (not the description of the section scored before)."""
    from checklist.tui.app import make_app

    app = make_app(described, rater="Ana", vendor="acme", clock=fixed_clock, check_upgrade=False,
                   poll_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen) and screen.section.id == "claims-a"
        guidance = screen.query_one("#guidance")
        assert guidance.tooltip == literal("What the first section is about")
        await pilot.press("right_curly_bracket")
        await settle(pilot)
        assert screen.section.id == "ready" and guidance.display
        assert guidance.tooltip is None


@pilot_test
async def test_a_digit_repaints_the_answer_not_the_question(make, monkeypatch):
    """A key that answers repaints the panels showing the answer (the levels) and not the
    rubric's texts or the vendor's claims; moving to another question repaints both."""
    painted: list[str] = []
    for panel in (ClaimsPanel, LevelPicker):
        original = panel.paint

        def paint(self, spot, original=original):
            painted.append(type(self).__name__)
            original(self, spot)

        monkeypatch.setattr(panel, "paint", paint)
    app = make(rater="Ana", vendor="acme")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        painted.clear()
        await pilot.press("3")
        await settle(pilot)
        assert app.screen.mine.score == 3
        assert painted == ["LevelPicker"]
        painted.clear()
        await pilot.press("j")
        await settle(pilot)
        assert sorted(painted) == ["ClaimsPanel", "LevelPicker"]
