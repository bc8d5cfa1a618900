"""The whole walk through the app with Pilot, asserting on screens, widgets and files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from textual.widgets import Input, Static
from tui_support import (
    DATA,
    build_evaluation,
    fixed_clock,
    pilot_test,
    plain,
    ratings_file,
    settle,
)

from checklist.files.config import Folder, load_config
from checklist.files.folder import load_folder
from checklist.tui.app import ChecklistApp, make_app
from checklist.tui.screens.new import NewEvaluationScreen
from checklist.tui.screens.overview import OverviewScreen
from checklist.tui.screens.scoring import ScoringScreen
from checklist.tui.screens.start import StartScreen


def quiet(path: Path | None, **options: object) -> ChecklistApp:
    options.setdefault("clock", fixed_clock)
    options.setdefault("check_upgrade", False)
    options.setdefault("poll_seconds", 0)
    options.setdefault("library_folders", [Folder("tests", DATA)])
    return make_app(path, **options)  # type: ignore[arg-type]


async def type_into(pilot, selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector, Input).focus()
    await pilot.pause()
    await pilot.press(*text)


@pytest.mark.slow
@pilot_test
async def test_create_score_quit_and_reopen(workdir: Path, library: list[Folder]):
    """Create an evaluation in the app, score with keys, add a note and evidence, switch
    vendor, quit; the ratings file holds it all and reopening shows the same state."""
    app = quiet(None, cwd=workdir, library_folders=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewEvaluationScreen)
        assert app.screen.rubric is not None and app.screen.rubric.id == "tiny"
        await type_into(pilot, "#title", "Video")
        await type_into(pilot, "#vendor-name", "Acme")
        await pilot.press("enter")
        await type_into(pilot, "#vendor-name", "Beta")
        await pilot.press("enter")
        await type_into(pilot, "#rater", "Ana")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        folder = workdir / "video"
        workspace = load_folder(folder)
        assert [v.id for v in workspace.evaluation.vendors] == ["acme", "beta"]
        assert workspace.evaluation.context == {"public": False}

        await pilot.press("enter")  # the first cell: Acme, first section
        await settle(pilot)
        scoring = app.screen
        assert isinstance(scoring, ScoringScreen)
        assert (scoring.vendor.id, scoring.question.id) == ("acme", "who-ran")
        await pilot.press("3", "j", "4")
        assert scoring.question.id == "tasks"
        assert "Your answer: 4 Strong" in plain(scoring.query_one("#answer", Static))
        await pilot.press("i", *"fits", "enter")
        await pilot.press("e")
        await settle(pilot)
        await pilot.press(*"a.io/x", "enter")  # Enter goes on to who produced it
        await settle(pilot)
        await pilot.press("enter", "down", "down", "enter")  # third party
        await pilot.press("tab", "enter")  # the date as it is, and add
        await settle(pilot)
        await pilot.press("c", "c")  # confidence: low, then medium
        await pilot.press("right_square_bracket")
        assert (scoring.vendor.id, scoring.question.id) == ("beta", "tasks")
        await pilot.press("1")
        await pilot.press("ctrl+q")
    assert app.return_code == 0

    saved = yaml.safe_load(ratings_file(folder, "ana"))
    acme, beta = saved["answers"]["acme"], saved["answers"]["beta"]
    assert acme["who-ran"]["score"] == 3
    assert acme["tasks"]["score"] == 4
    assert acme["tasks"]["note"] == "fits"
    assert acme["tasks"]["confidence"] == "medium"
    assert acme["tasks"]["evidence"][0]["url"] == "a.io/x"
    assert acme["tasks"]["evidence"][0]["grade"] == "third-party"
    assert str(acme["tasks"]["evidence"][0]["retrieved"]) == "2026-11-02"
    assert beta["tasks"]["score"] == 1
    assert load_config().rater == "Ana"
    assert load_config().recent == [str(folder.resolve())]

    again = quiet(folder)  # the remembered rater, no --rater needed
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.session is not None and again.session.rater == "Ana"
        await again.score_at("acme", 1)
        await settle(pilot)
        scoring = again.screen
        assert isinstance(scoring, ScoringScreen)
        assert "Your answer: 4 Strong" in plain(scoring.query_one("#answer", Static))
        assert "confidence: medium" in plain(scoring.query_one("#answer", Static))
        assert scoring.query_one("#note", Input).value == "fits"
        assert "a.io/x" in plain(scoring.query_one("#evidence", Static))
        await pilot.press("ctrl+q")


@pilot_test
async def test_open_with_vendor_goes_to_its_first_open_question(make):
    """`open --vendor` lands on this rater's first unanswered question for that vendor."""
    app = make(rater="Ben", vendor="Acme")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        assert (screen.vendor.id, screen.question.id) == ("acme", "tasks")
        assert app.focused is None  # digits go to the screen, not to a hidden field


@pilot_test
async def test_digit_then_quit_leaves_the_answer_on_disk(make, evaluation: Path):
    """The Pilot twin of the tmux test: a digit key, then ctrl+q, even with a slow autosave."""
    app = make(rater="R", vendor="gamma", save_delay=30)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "ctrl+q")
    saved = yaml.safe_load(ratings_file(evaluation, "r"))
    assert saved["answers"]["gamma"]["who-ran"]["score"] == 2


@pilot_test
async def test_autosave_writes_without_quitting_and_says_when(make, evaluation: Path):
    app = make(rater="Ana", vendor="acme", save_delay=0.01)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await pilot.pause(0.1)
        await settle(pilot)
        assert "score: 3" in ratings_file(evaluation, "ana")
        assert app.save_status.startswith("saved 10:04:00")


@pilot_test
async def test_each_question_type_takes_its_keys(make, evaluation: Path):
    """Score digits, y/n, a choice by number, a measured value with Enter, N/A, clear."""
    app = make(rater="Ana", vendor="acme")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        await pilot.press("0")  # who-ran: score 0
        await pilot.press("j", "j", "n")  # api: yes/no
        await pilot.press("j", "2")  # status: the 2nd choice
        await pilot.press("j", "4", "5", "enter")  # latency: 45 s
        assert screen.mine is not None and screen.mine.value == 45
        assert "45 s (3 Good)" in plain(screen.query_one("#answer", Static))
        await pilot.press("x")
        assert screen.mine is not None and screen.mine.na
        await pilot.press("backspace")
        assert screen.mine is None
        await pilot.press("k", "k", "k", "k", "x")  # who-ran does not allow N/A
        assert screen.mine is not None and screen.mine.score == 0
        await pilot.press("ctrl+q")
    answers = load_folder(evaluation).ratings["ana"].answers["acme"]
    assert answers["who-ran"].score == 0
    assert answers["api"].answer is False
    assert answers["status"].choice == "preview"
    assert "latency" not in answers


@pilot_test
async def test_other_raters_are_hidden_until_you_answer(make):
    """Blind scoring: Ben's answer shows only after this rater answered, with disagreement."""
    app = make(rater="Ana", vendor="acme")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        others = app.screen.query_one("#others", Static)
        assert "hidden until you answer" in plain(others)
        assert "Weak" not in plain(others)
        await pilot.press("4")
        assert "Ben: 1 Weak" in plain(others)
        assert "DISAGREEMENT" in plain(others)
        await pilot.press("2")
        assert "raters agree" in plain(others)


@pilot_test
async def test_moving_between_questions_vendors_and_sections(make):
    app = make(rater="Ana", vendor="acme")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        await pilot.press("down", "down")
        assert screen.question.id == "api"
        await pilot.press("up", "k")
        assert screen.question.id == "who-ran"
        await pilot.press("right_curly_bracket")
        assert screen.section.id == "ready"
        await pilot.press("left_square_bracket")
        assert screen.vendor.id == "gamma" and screen.question.id == "api"
        await pilot.press("3", "space")
        assert screen.question.id == "status"
        await pilot.press("escape")
        assert isinstance(app.screen, OverviewScreen)


@pilot_test
async def test_overview_cell_opens_that_vendor_and_section(make):
    app = make(rater="Ben")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        assert "1/2 0.17" in str(overview.query_one("#grid").get_cell("acme", "s:claims-a"))
        assert "2/3" in str(overview.query_one("#grid").get_cell("acme", "s:ready"))
        await pilot.press("down", "right", "right", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        assert screen.vendor.id == "beta-corp" and screen.section.id == "ready"
        assert screen.question.id == "status"  # Ben answered api for Beta already


@pilot_test
async def test_scores_refresh_after_an_answer(make):
    app = make(rater="Ana", vendor="gamma", score_delay=0.01)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = app.scorecard.vendor("gamma").score
        await pilot.press("4")
        await pilot.pause(0.1)
        await settle(pilot)
        assert app.scorecard.vendor("gamma").score > before
        await pilot.press("f2")
        await settle(pilot)
        grid = app.screen.query_one("#grid")
        assert str(grid.get_cell("gamma", "s:claims-a")).startswith("1/2")


def test_a_broken_folder_is_reported_before_the_ui_starts(tmp_path: Path):
    from checklist.errors import ChecklistError

    build_evaluation(tmp_path / "ev")
    (tmp_path / "ev" / "evaluation.yaml").write_text("title: [unclosed\n")
    try:
        quiet(tmp_path / "ev")
    except ChecklistError as exc:
        assert "evaluation.yaml" in str(exc)
    else:
        raise AssertionError("expected a ChecklistError")


@pilot_test
async def test_the_mouse_picks_a_level_and_opens_a_cell(make):
    """Clicking a level's line answers with it; clicking an overview cell opens it."""
    app = make(rater="Ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        grid = app.screen.query_one("#grid")
        await pilot.click(grid, offset=(2, 3))  # the row of the third vendor (Gamma)
        await pilot.click(grid, offset=(2, 3))  # a second click on the highlighted cell
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen) and screen.vendor.id == "gamma"
        await pilot.click("#levels", offset=(4, 3))  # the line of level 3
        assert screen.mine is not None and screen.mine.score == 3
