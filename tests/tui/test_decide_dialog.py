"""Issue 19 (TUI): `decide` from the overview (d) and the palette: the step `checklist decide`
takes, by name, with the CLI's words for a refused step; the session follows the new status
(read-only once accepted, writable again when reopened)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Select
from tui_support import pilot_test, plain, ratings_file, record_notes, run_cli, settle

from checklist.files.folder import load_folder
from checklist.tui.screens.decide import DecideDialog
from checklist.tui.screens.overview import OverviewScreen
from checklist.tui.screens.scoring import ScoringScreen


async def open_dialog(pilot) -> DecideDialog:
    assert isinstance(pilot.app.screen, OverviewScreen)
    await pilot.press("d")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, DecideDialog)
    return dialog


async def pick(pilot, dialog: DecideDialog, select: str, label_keys: str) -> None:
    """Chooses in a dropdown by keys, as a person would: focus, type to search, Enter."""
    dialog.query_one(f"#{select}", Select).focus()
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press(*label_keys, "enter")
    await settle(pilot)


@pilot_test
async def test_accept_a_vendor_by_name_makes_the_ratings_read_only(make, evaluation: Path):
    app = make(rater="Dana")
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        await pick(pilot, dialog, "decide-vendor", "Acme")
        assert dialog.query_one("#decide-vendor", Select).value == "acme"
        dialog.query_one("#decide-reason").focus()
        await pilot.press(*"only GA API", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, DecideDialog)
        assert any(n.startswith("Decision recorded: accepted acme by Dana on ")
                   and n.split("\n")[0].endswith(": only GA API") for n in notes)
        assert app.save_status.startswith("READ-ONLY")
        assert app.session.read_only is not None
    done = load_folder(evaluation).evaluation
    assert (done.status, done.chosen) == ("accepted", "acme")
    assert (done.history[-1].by, done.history[-1].reason) == ("Dana", "only GA API")


@pilot_test
async def test_a_refused_step_says_what_the_cli_says_and_writes_nothing(make, evaluation: Path):
    before = (evaluation / "evaluation.yaml").read_bytes()
    cli = run_cli("decide", str(evaluation), "--reopen", "--by", "Dana", "--reason", "why not")
    assert cli.returncode == 2
    app = make(rater="Dana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        await pick(pilot, dialog, "decide-step", "Reopen")
        dialog.query_one("#decide-reason").focus()
        await pilot.press(*"why not", "enter")
        await settle(pilot)
        assert app.screen is dialog  # kept open: what was typed is still there
        shown = plain(dialog.query_one("#decide-error"))
        assert "cannot reopen: the decision is draft" in shown
        assert shown.strip() in cli.stderr
    assert (evaluation / "evaluation.yaml").read_bytes() == before


@pilot_test
async def test_reopened_from_the_palette_answers_change_again(make, evaluation: Path):
    assert run_cli("decide", str(evaluation), "--accept", "acme", "--by", "Dana").returncode == 0
    app = make(rater="Ben", save_delay=0.01)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.session.read_only is not None
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Decide")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, DecideDialog)
        assert dialog.query_one("#decide-step", Select).value == "supersede"  # first allowed
        await pick(pilot, dialog, "decide-step", "Reopen")
        dialog.query_one("#decide-reason").focus()
        await pilot.press(*"new evidence", "enter")
        await settle(pilot)
        assert app.session.read_only is None
        assert not app.save_status.startswith("READ-ONLY")
        await app.score_at("acme", 0)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        await pilot.press("4")
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
    assert load_folder(evaluation).evaluation.status == "proposed"
    assert "score: 4" in ratings_file(evaluation, "ben")


@pilot_test
async def test_vendor_names_in_the_dialog_are_shown_as_written(make, tmp_path: Path):
    from checklist.cli import main

    target = tmp_path / "hostile"
    names = ("[b]Bold[/b]", "[@click=app.quit]Q[/]")
    assert main(["new", str(target), "--rubric", str(Path(__file__).parent.parent / "data" /
                                                     "tiny.yaml"), "--title", "T",
                 "--vendor", names[0], "--vendor", names[1]]) == 0
    app = make(target, rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        vendors = dialog.query_one("#decide-vendor", Select)
        vendors.focus()
        await pilot.press("enter")
        await settle(pilot)
        overlay = vendors.query_one("SelectOverlay")
        shown = [overlay.render_line(row).text for row in range(overlay.option_count)]
        for name in names:
            assert any(name in line for line in shown), shown


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_decide_dialog_snapshot(snap_compare, make, size: tuple[int, int]):
    """d on the overview: the Decide dialog over the overview, "The decision is draft;
    allowed now: accept, reject, defer.", the step (Accept a vendor), the vendor prompt
    "(accept only)", By filled with the rater's name "Dana", the empty Reason, Review by and
    Successor with their placeholders, and the Record and Cancel buttons, all inside the box
    at both sizes."""

    async def open_it(pilot) -> None:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)

    assert snap_compare(make(rater="Dana"), terminal_size=size, run_before=open_it)


@pilot_test
async def test_a_name_with_a_control_character_is_refused_as_the_cli_refuses_it(
        make, evaluation: Path):
    from textual import events

    before = (evaluation / "evaluation.yaml").read_bytes()
    cli = run_cli("decide", str(evaluation), "--defer", "--by", "Dana\x1b[2J")
    assert cli.returncode == 2
    app = make(rater="Dana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        await pick(pilot, dialog, "decide-step", "Defer")
        by = dialog.query_one("#decide-by")
        by.focus()
        await pilot.press("end")
        await settle(pilot)
        app.post_message(events.Paste("\x1b[2J"))  # pasted after the name
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        shown = plain(dialog.query_one("#decide-error"))
        assert "holds the control character" in shown
        assert shown.strip() in cli.stderr
    assert (evaluation / "evaluation.yaml").read_bytes() == before
