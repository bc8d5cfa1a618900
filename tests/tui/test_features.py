"""Conflicts, keymaps, themes, the palette, help, compare, memo, the start screen, upgrades."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from textual.widgets import DataTable, OptionList, Static
from tui_support import DATA, pilot_test, plain, ratings_file, record_notes, run_cli, settle

from checklist.files.config import UserConfig, load_config, save_config
from checklist.files.folder import RatingsFile, load_folder
from checklist.model import Answer
from checklist.tui.screens.compare import CompareScreen
from checklist.tui.screens.dialogs import ConflictDialog, TextPrompt
from checklist.tui.screens.help import HelpScreen
from checklist.tui.screens.memo import MemoScreen
from checklist.tui.screens.new import NewEvaluationScreen
from checklist.tui.screens.overview import OverviewScreen
from checklist.tui.screens.scoring import ScoringScreen
from checklist.tui.screens.start import StartScreen

from cli_support import near_zero_gap


def change_elsewhere(folder: Path, rater: str, vendor: str, qid: str, score: int) -> None:
    """What another process (`checklist rate`, a second window) does to the same file."""
    RatingsFile(folder, rater, load_folder(folder).ordering).update(
        vendor, qid, Answer(score=score, note="from elsewhere"))


@pytest.mark.parametrize("key, kept", [("m", 2), ("t", 4)])
@pilot_test
async def test_a_conflicting_save_asks_and_never_overwrites_silently(make, evaluation: Path,
                                                                     key: str, kept: int):
    app = make(rater="Ben", vendor="acme", save_delay=0.01)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.question.id == "tasks"
        change_elsewhere(evaluation, "ben", "acme", "tasks", 4)
        await pilot.press("2")
        await pilot.pause(0.1)
        await settle(pilot)
        assert isinstance(app.screen, ConflictDialog)
        assert "from elsewhere" in app.screen.theirs
        assert "acme" in app.screen.where
        await pilot.press(key)
        await pilot.pause(0.1)
        await settle(pilot)
        assert isinstance(app.screen, ScoringScreen)
        assert app.screen.mine.score == kept
        await pilot.press("ctrl+q")
    saved = yaml.safe_load(ratings_file(evaluation, "ben"))
    assert saved["answers"]["acme"]["tasks"]["score"] == kept


@pilot_test
async def test_quitting_over_a_conflict_asks_first(make, evaluation: Path):
    app = make(rater="Ben", vendor="acme", save_delay=30)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        change_elsewhere(evaluation, "ben", "acme", "tasks", 4)
        await pilot.press("2", "ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("t")
        await settle(pilot)
    assert app.return_code == 0
    assert yaml.safe_load(ratings_file(evaluation, "ben"))["answers"]["acme"]["tasks"][
        "score"] == 4


@pilot_test
async def test_keys_can_be_remapped_by_binding_id(make):
    save_config(UserConfig(keymap={"scoring.next": "l", "scoring.na": "ctrl+x"}))
    app = make(rater="Ana", vendor="gamma")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.question.id == "who-ran"
        await pilot.press("l")
        assert screen.question.id == "tasks"
        await pilot.press("j")  # no longer bound
        assert screen.question.id == "tasks"


@pilot_test
async def test_the_theme_is_remembered(make):
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "textual-light"
        await settle(pilot)
    assert load_config().theme == "textual-light"
    again = make(rater="Ana")
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "textual-light"


@pilot_test
async def test_the_palette_jumps_to_a_vendor_and_a_question(make):
    app = make(rater="Ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"vendor gamma")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen) and screen.vendor.id == "gamma"
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"latency")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert (screen.vendor.id, screen.question.id) == ("gamma", "latency")


@pilot_test
async def test_f1_lists_this_screens_keys_with_their_ids(make):
    app = make(rater="Ana", vendor="acme")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "scoring.next" in app.screen.text and "Blind" not in app.screen.text
        assert "blind scoring" in app.screen.text
        await pilot.press("f1")
        assert isinstance(app.screen, ScoringScreen)


@pilot_test
async def test_compare_shows_ranking_gates_and_chart(make):
    app = make(rater="Ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        table = screen.query_one("#ranking", DataTable)
        assert table.row_count == 3
        assert [str(c) for c in table.get_row_at(2)[1:3]] == ["Beta Corp", "no-go"]
        analysis = plain(screen.query_one("#analysis", Static))
        assert "Failed gates" in analysis and "Beta Corp: api (no, the gate asks yes)" in analysis
        assert "no API no deal" in analysis
        assert "Not settled yet" in analysis
        assert "Disagreements" not in analysis  # only one rater so far
        assert len(screen.query_one("#chart").points) == 3
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ScoringScreen) and app.screen.vendor.id == "acme"


@pilot_test
async def test_compare_prints_numbers_as_the_summary_does(make, tmp_path: Path):
    """claims 0.50, readiness 0.502: the hype gap -0.002 reads "+0.00" (it read "-0.00")."""
    folder = near_zero_gap(tmp_path / "near")
    app = make(folder, rater="Ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        row = [str(c) for c in app.screen.query_one("#ranking", DataTable).get_row_at(0)]
        assert row[3:9] == ["0.50", "0.50", "0.50", "+0.00", "100%", "0.50–0.50"], row


@pilot_test
async def test_memo_preview_and_export(make, evaluation: Path):
    pytest.importorskip("checklist.memo")
    app = make(rater="Ana")
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MemoScreen)
        assert "Memo preview" in plain(app.screen.query_one("#memo-state", Static))
        await pilot.press("e", "p")
        await settle(pilot)
    assert (evaluation / "memo.md").read_text(encoding="utf-8").lstrip().startswith("#")
    assert (evaluation / "memo.pdf").read_bytes().startswith(b"%PDF")
    assert any(str(evaluation / "memo.md") in n for n in notes)
    assert any(str(evaluation / "memo.pdf") in n for n in notes)


@pilot_test
async def test_the_rater_is_asked_once_then_remembered(make):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("enter")  # empty: refused, still asking
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"Zoe", "enter")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert app.session.rater == "Zoe"
    assert load_config().rater == "Zoe"


@pilot_test
async def test_the_working_folder_opens_without_arguments(evaluation: Path):
    from checklist.tui.app import make_app

    app = make_app(None, cwd=evaluation, rater="Ana", check_upgrade=False, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)


@pilot_test
async def test_start_screen_lists_recent_evaluations_and_opens_one(make, evaluation: Path,
                                                                   workdir: Path):
    save_config(UserConfig(recent=[str(evaluation), str(workdir / "gone")]))
    app = make(start=True, cwd=workdir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        recent = app.screen.query_one("#recent", OptionList)
        labels = [str(recent.get_option_at_index(i).prompt) for i in range(recent.option_count)]
        assert labels[0].startswith("Tiny test")
        assert labels[1].endswith("(missing)")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)  # no rater known yet
        await pilot.press(*"Ana", "enter")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)


@pilot_test
async def test_new_evaluation_vendors_can_be_renamed_and_removed(make, tmp_path: Path):
    app = make(start=True, cwd=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NewEvaluationScreen)
        await pilot.press("ctrl+s")
        assert "give the decision a title" in plain(screen.query_one("#new-error", Static))
        screen.query_one("#vendor-name").focus()
        await pilot.press(*"Acme", "enter", *"Bta", "enter", *"Gone", "enter")
        screen.query_one("#vendors").focus()
        await pilot.press("delete")
        assert screen.vendor_names == ["Acme", "Bta"]
        await pilot.press("r")  # the highlight stayed on the row below the removed one
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"Beta", "enter")  # the old name is selected: typing replaces it
        await settle(pilot)
        assert screen.vendor_names == ["Acme", "Beta"]
        flag = screen.query_one("#flag-public")
        assert str(flag.label) == "no  · Outputs are published"
        flag.focus()
        await pilot.press("space")
        assert flag.value and str(flag.label) == "yes · Outputs are published"


@pilot_test
async def test_other_raters_changes_are_picked_up(make, evaluation: Path):
    app = make(rater="Ana", vendor="gamma")
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        change_elsewhere(evaluation, "ben", "gamma", "who-ran", 3)
        app.poll_disk()
        await settle(pilot)
        await pilot.pause()
        assert any("ben" in n for n in notes)
        await pilot.press("3")
        assert "Ben: 3 Good" in plain(app.screen.query_one("#others", Static))


@pilot_test
async def test_a_newer_rubric_is_offered_not_applied(make, evaluation: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch):
    pytest.importorskip("checklist.reuse.upgrade")
    library = tmp_path / "newer"
    library.mkdir()
    text = (DATA / "tiny.yaml").read_text().replace("version: 1.0.0", "version: 1.1.0")
    (library / "tiny.yaml").write_text(text)
    monkeypatch.setenv("CHECKLIST_RUBRIC_PATH", str(library))
    app = make(rater="Ana", check_upgrade=True)
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert app.session.workspace.rubric.version == "1.0.0"
    assert any("tiny@1.1.0" in n and "checklist upgrade" in n for n in notes)


def test_demo_copies_never_over_an_existing_folder(tmp_path: Path):
    from checklist.tui.demo import copy_demo

    first = copy_demo(tmp_path).path
    second = copy_demo(tmp_path).path
    assert (first.name, second.name) == ("checklist-demo", "checklist-demo-2")
    assert load_folder(second).evaluation.vendors


def test_demo_falls_back_to_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import checklist.tui.demo as demo

    monkeypatch.delenv("CHECKLIST_DATA_DIR")  # the platform's data folder, as users have it
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(demo, "_writable", lambda folder: False)
    copy = demo.copy_demo(tmp_path / "readonly")
    assert copy.path == tmp_path / "data" / "checklist" / "checklist-demo"
    assert "not writable" in copy.reason


def test_demo_never_lands_inside_a_git_work_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run from inside someone's repository, the demo goes to the data folder and says why,
    leaving no untracked folder in the checkout; a folder named explicitly is honoured."""
    monkeypatch.delenv("CHECKLIST_DATA_DIR")  # the platform's data folder, as users have it
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    repository = tmp_path / "repo"
    (repository / "src").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    result = run_cli("demo", "--no-open", cwd=repository / "src")
    assert result.returncode == 0, result.stderr
    landed = tmp_path / "data" / "checklist" / "checklist-demo"
    assert (landed / "evaluation.yaml").is_file()
    assert f"copied the worked example to {landed}" in result.stdout
    assert f"not inside the git work tree {repository}" in result.stdout
    assert sorted(p.name for p in repository.rglob("*") if ".git" not in p.parts) == ["src"]

    asked = run_cli("demo", "--no-open", "here", cwd=repository / "src")
    assert asked.returncode == 0, asked.stderr
    assert (repository / "src" / "here" / "evaluation.yaml").is_file()


def test_demo_into_a_folder_with_files_is_refused(tmp_path: Path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "mine.txt").write_text("keep me")
    result = run_cli("demo", "--no-open", "taken", cwd=tmp_path)
    assert result.returncode == 2
    assert "is not empty" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["mine.txt"]


def test_demo_without_the_bundled_example_says_so(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch):
    import checklist.tui.demo as demo
    from checklist.errors import ChecklistError

    monkeypatch.setattr(demo, "bundled_dir", lambda name: tmp_path)
    with pytest.raises(ChecklistError, match="worked example"):
        demo.copy_demo(tmp_path)


def test_demo_command_says_where_it_copied(tmp_path: Path):
    result = run_cli("demo", "--no-open", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"copied the worked example to {tmp_path / 'checklist-demo'}" in result.stdout
    assert (tmp_path / "checklist-demo" / "evaluation.yaml").is_file()


def test_open_refuses_a_folder_without_an_evaluation(tmp_path: Path):
    result = run_cli("open", str(tmp_path))
    assert result.returncode == 2
    assert "not an evaluation folder" in result.stderr


def test_open_with_an_unknown_vendor_says_which_exist(evaluation: Path, capsys):
    from checklist.cli import main

    assert main(["open", str(evaluation), "--vendor", "Acne", "--rater", "Ana"]) == 2
    assert "unknown vendor 'Acne'; vendors: acme, beta-corp, gamma" in capsys.readouterr().err


def test_the_example_copies_intact(tmp_path: Path):
    from checklist.tui.demo import demo_source

    target = tmp_path / "copy"
    shutil.copytree(demo_source(), target)
    assert load_folder(target).ratings


@pilot_test
async def test_a_rubric_continued_under_another_id_is_named_as_such(
        make, evaluation: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A rubric whose line goes on under a new id (`continued_as`) is not "a newer rubric":
    the notice names where it continues."""
    library = tmp_path / "continued"
    library.mkdir()
    old = (DATA / "tiny.yaml").read_text()
    (library / "tiny.yaml").write_text(old.replace("version: 1.0.0",
                                                   "version: 1.0.0\ncontinued_as: tiny-next", 1))
    (library / "tiny-next.yaml").write_text(old.replace("id: tiny\n", "id: tiny-next\n", 1))
    monkeypatch.setenv("CHECKLIST_RUBRIC_PATH", str(library))
    app = make(rater="Ana", check_upgrade=True)
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.pause()
    offered = [n for n in notes if "checklist upgrade" in n]
    assert offered and "continues as tiny-next@1.0.0" in offered[0]
    assert "newer rubric" not in offered[0]
