"""Nothing a person does loses their work or ends the app with a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from textual.widgets import Checkbox, Input
from tui_support import pilot_test, ratings_file, record_notes, settle

from checklist.files.config import Folder
from checklist.files.folder import RatingsFile, load_folder
from checklist.model import Answer
from checklist.tui.screens.dialogs import ConfirmDialog, ConflictDialog, TextPrompt
from checklist.tui.screens.new import NewEvaluationScreen
from checklist.tui.screens.scoring import ScoringScreen


def change_elsewhere(folder: Path, rater: str, vendor: str, qid: str, score: int) -> None:
    RatingsFile(folder, rater, load_folder(folder).ordering).update(
        vendor, qid, Answer(score=score, note="from elsewhere"))


async def change_rater(pilot, name: str) -> None:
    app = pilot.app
    app.action_change_rater()
    await settle(pilot)
    assert isinstance(app.screen, TextPrompt)
    app.screen.query_one(Input).value = name
    await pilot.press("enter")
    await settle(pilot)


@pytest.fixture
def twin_library(tiny_rubric: Path) -> list[Folder]:
    """The tiny rubric and a copy under another id: both have the context flag `public`
    (as any rubric made with `checklist rubrics new X --extends ...` shares its base's)."""
    text = tiny_rubric.read_text().replace("id: tiny\n", "id: tiny-twin\n", 1)
    (tiny_rubric.parent / "tiny-twin.yaml").write_text(text)
    return [Folder("tests", tiny_rubric.parent)]


@pilot_test
async def test_moving_between_rubrics_sharing_flags_keeps_the_form(make, workdir: Path,
                                                                  twin_library):
    """Down then Up in the rubric list used to crash with DuplicateIds ('flag-public')."""
    app = make(start=True, cwd=workdir, library_folders=twin_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NewEvaluationScreen)
        screen.query_one("#title", Input).value = "Video ads"
        screen.query_one("#rubrics").focus()
        for key in ("down", "up", "down", "up", "down", "down", "up"):
            await pilot.press(key)
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#title", Input).value == "Video ads"
        boxes = list(screen.query(Checkbox))
        assert [box.id for box in boxes] == ["flag-public"]
        highlighted = screen.entries[screen.query_one("#rubrics").highlighted]
        assert screen.rubric is not None and screen.rubric.id == highlighted.file.id


@pytest.mark.parametrize("key, kept", [("t", 4), ("m", 2)])
@pilot_test
async def test_changing_rater_settles_a_conflict_and_rereads_the_file(make, evaluation: Path,
                                                                     key: str, kept: int):
    """The reviewer's repro: q=2 in memory, another process writes 4, switch to Bob and
    back to Ana. The conflict is asked about first; afterwards screen and file agree."""
    app = make(rater="Ana", vendor="acme", save_delay=30)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        question = app.screen.question.id
        await pilot.press("2")
        change_elsewhere(evaluation, "ana", "acme", question, 4)
        await change_rater(pilot, "Bob")
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press(key)
        await settle(pilot)
        assert app.session.rater == "Bob"
        await change_rater(pilot, "Ana")
        session = app.session
        assert session.rater == "Ana"
        assert session.answer("acme", question).score == kept
        assert session.pending == 0 and not session.conflicts
        await app.score_at("acme", [q.id for _, q in session.questions].index(question))
        await settle(pilot)
        assert isinstance(app.screen, ScoringScreen)
        assert app.screen.mine.score == kept
        await pilot.press("ctrl+q")
    saved = yaml.safe_load(ratings_file(evaluation, "ana"))
    assert saved["answers"]["acme"][question]["score"] == kept


@pilot_test
async def test_changing_rater_after_a_failed_save_offers_a_recovery_file(
        make, evaluation: Path, monkeypatch: pytest.MonkeyPatch):
    app = make(rater="Ana", vendor="acme", save_delay=30)
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        old = app.session

        def broken(*args: object, **kwargs: object) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(old.file, "update", broken)
        await pilot.press("3")
        await change_rater(pilot, "Bob")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # stay: nothing lost, still Ana
        await settle(pilot)
        assert app.session is old and old.pending == 1
        await change_rater(pilot, "Bob")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert app.session.rater == "Bob"
    kept = list((evaluation / "ratings").glob(".ana.unsaved-*.yaml"))
    assert len(kept) == 1 and "score: 3" in kept[0].read_text()
    assert any(str(kept[0]) in note for note in notes)
    assert ratings_file(evaluation, "ana") == ""


@pilot_test
async def test_quitting_after_a_failed_save_says_where_the_answers_went(
        make, evaluation: Path, monkeypatch: pytest.MonkeyPatch):
    app = make(rater="Ana", vendor="acme", save_delay=30)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app.session.file, "update",
                            lambda *a, **k: (_ for _ in ()).throw(OSError("read-only")))
        await pilot.press("3", "ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
    (kept,) = (evaluation / "ratings").glob(".ana.unsaved-*.yaml")
    assert "score: 3" in kept.read_text()
    assert app.return_code == 0 and app.recovered == kept


KEYS = ["down", "up", "right", "left", "enter", "escape", "j", "k", "0", "4", "9", "y", "n",
        "x", "c", "space", "right_square_bracket", "left_curly_bracket", "backspace",
        "pagedown", "pageup", "tab", "o"]


@pytest.mark.slow
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pilot_test
async def test_keys_on_every_screen_never_crash(make, evaluation: Path, size):
    """A walk pressing the common keys on each screen at both sizes ends without error."""
    app = make(rater="Ana", save_delay=0.01, score_delay=0.01)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for screen_key in ("f2", "f3", "f4", "f5", "f2"):
            await pilot.press(screen_key)
            await settle(pilot)
            for key in KEYS:
                await pilot.press(key)
                if app.screen.is_modal:
                    await pilot.press("escape")
            await settle(pilot)
            while app.screen.is_modal:
                await pilot.press("escape")
                await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.return_code == 0

