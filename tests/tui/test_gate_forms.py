"""Gates in the question's own terms on every screen: a number's `max`, a yes/no's `require`
(with `good: no`), a choice's `accept`; none of them has a `min`."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from tui_support import fixed_clock, pilot_test, plain, settle

from checklist.files.folder import RatingsFile, load_folder
from checklist.files.library import Library
from checklist.model import Answer
from checklist.tui.screens.compare import CompareScreen
from checklist.tui.screens.new import preview_content
from checklist.tui.screens.overview import OverviewScreen
from checklist.tui.screens.scoring import ScoringScreen


@pytest.fixture
def gated(tiny_rubric: Path) -> Path:
    """The tiny rubric with gates without `min`: keeping prompts is bad (`good: no`)."""
    data = yaml.safe_load(tiny_rubric.read_text(encoding="utf-8"))
    ready = data["sections"][1]["questions"]
    api, status, latency = ready
    api.update(text="Does the vendor keep our prompts?", good="no",
               anchors={0: "keeps them", 4: "keeps nothing"},
               gate={"require": "no", "reason": "prompts are confidential"})
    status["gate"] = {"accept": ["ga"], "when": "public"}
    latency["gate"] = {"max": 60}
    tiny_rubric.write_text(yaml.safe_dump(data), encoding="utf-8")
    return tiny_rubric


@pytest.fixture
def folder(gated: Path, workdir: Path) -> Path:
    from checklist.cli import main

    target = workdir / "ev"
    assert main(["new", str(target), "--rubric", str(gated), "--title", "T",
                 "--vendor", "Acme", "--vendor", "Beta"]) == 0
    ratings = RatingsFile(target, "ben", load_folder(target).ordering)
    ratings.update("acme", "api", Answer(answer=True))
    ratings.update("acme", "latency", Answer(value=90))
    return target


def test_the_new_evaluation_preview_words_each_gate(gated: Path):
    """It formatted `gate.min` and crashed on a gate without one."""
    rubric = Library.discover([]).resolve(str(gated))
    text = preview_content(rubric).plain
    assert "api asks no" in text
    assert "status asks GA when public" in text
    assert "latency asks at most 60 s" in text


@pilot_test
async def test_scoring_overview_and_compare_word_gates_in_the_questions_terms(folder: Path):
    from checklist.tui.app import make_app

    app = make_app(folder, rater="Ana", vendor="acme", clock=fixed_clock, check_upgrade=False,
                   poll_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        while screen.question.id != "api":
            await pilot.press("j")
            await settle(pilot)
        assert plain(screen.query_one("#gate")) == (
            "GATE: the vendor is no-go unless no: prompts are confidential")
        levels = plain(screen.query_one("#levels"))
        assert "y yes (the bad answer): keeps them" in levels
        assert "n no (the good answer): keeps nothing" in levels
        await pilot.press("n")
        await settle(pilot)
        assert "no (the good answer)" in plain(screen.query_one("#levels"))
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        detail = plain(app.screen.query_one("#detail"))
        assert "GATE FAILED latency: 90 s, the gate asks at most 60 s" in detail
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        analysis = plain(app.screen.query_one("#analysis"))
        assert "Acme: latency (90 s, the gate asks at most 60 s)" in analysis
