"""Blind judging in the TUI: keys, the votes file, undo, resuming, the done view, layout,
and that no vendor ever reaches the screen while judging."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tui_support import (
    JUDGE_PROMPTS,
    VENDOR_IDENTITY,
    build_bakeoff,
    cast_all,
    frame_text,
    pilot_test,
    planned,
    screenshot_text,
    settle,
    votes_of,
)

from checklist.tui.judging import current_view
from checklist.tui.screens.judge import JudgeScreen
from checklist.tui.widgets.blind_output import BlindOutputPane


@pytest.fixture
def judging(evaluation: Path) -> Path:
    """The TUI fixture's evaluation with a bake-off: 9 comparisons for each of Ana and Ben."""
    return build_bakeoff(evaluation)


def judge_screen(app: Any) -> JudgeScreen:
    screen = app.screen
    assert isinstance(screen, JudgeScreen), type(screen).__name__
    return screen


def shown(app: Any) -> str:
    """The comparison on screen."""
    view = judge_screen(app).view
    assert view is not None and view.trial is not None
    return view.trial.comparison


async def press(pilot: Any, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def check_mapping(folder: Path, vote: dict[str, Any]) -> None:
    """The vote records the sides as the plan showed them and the hidden vendors behind."""
    plan = planned(folder)
    comparison = next(c for c in plan["comparisons"] if c["id"] == vote["comparison"])
    assert (vote["left_output"], vote["right_output"]) == (comparison["left"],
                                                          comparison["right"])
    assert vote["left_vendor"] == plan["outputs"][vote["left_output"]]["vendor"]
    assert vote["right_vendor"] == plan["outputs"][vote["right_output"]]["vendor"]
    assert vote["left_vendor"] != vote["right_vendor"]


@pilot_test
async def test_each_key_casts_its_verdict_on_the_comparison_shown(make, judging: Path):
    app = make(rater="Ana", judge=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        seen = []
        for key in ("a", "b", "t", "x", "left", "right"):
            seen.append(shown(app))
            await press(pilot, key)
    votes = votes_of(judging, "ana")
    assert [v["comparison"] for v in votes] == seen
    assert [v["verdict"] for v in votes] == ["left", "right", "tie", "both-unusable",
                                             "left", "right"]
    assert seen == planned(judging)["queues"]["ana"][:6]
    for vote in votes:
        check_mapping(judging, vote)


@pilot_test
async def test_reasons_and_note_go_with_the_next_vote(make, judging: Path):
    app = make(rater="Ana", judge=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "r", "space", "down", "space", "enter")
        await press(pilot, "n", *"sharper wording", "enter")
        assert "reasons follows-prompt, quality · n note sharper wording" in frame_text(app)
        await press(pilot, "b")
        assert "reasons none · n note none" in frame_text(app)  # not carried to the next
    [vote] = votes_of(judging, "ana")
    assert vote["verdict"] == "right"
    assert vote["reasons"] == ["follows-prompt", "quality"]
    assert vote["note"] == "sharper wording"


@pilot_test
async def test_the_reasons_picker_can_be_cancelled(make, judging: Path):
    app = make(rater="Ana", judge=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "r", "space", "escape", "a")
    assert "reasons" not in votes_of(judging, "ana")[0]


@pilot_test
async def test_undo_takes_back_the_last_vote_and_shows_it_again(make, judging: Path):
    app = make(rater="Ana", judge=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        second = shown(app)
        await press(pilot, "r", "space", "enter", "t")
        assert len(votes_of(judging, "ana")) == 2
        await press(pilot, "u")
        assert shown(app) == second
        assert [v["verdict"] for v in votes_of(judging, "ana")] == ["left"]
        # the taken-back vote's reason is back, ready to change and vote again
        assert "reasons follows-prompt" in frame_text(app)
        assert "Comparison 2 of 9 · 1 judged" in frame_text(app)
        await press(pilot, "b")
    votes = votes_of(judging, "ana")
    assert [(v["comparison"], v["verdict"]) for v in votes][1] == (second, "right")
    assert votes[1]["reasons"] == ["follows-prompt"]


@pilot_test
async def test_a_vote_that_cannot_be_saved_keeps_the_comparison_and_its_reasons(
        make, judging: Path):
    """The plan changed under the judge: nothing is written, the judge is told, and the
    comparison stays on screen with the reasons they picked."""
    from tui_support import record_notes

    app = make(rater="Ana", judge=True)
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = shown(app)
        plan = judging / "bakeoff" / "plan.yaml"
        plan.write_text(plan.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        await press(pilot, "r", "space", "enter", "a")
        assert shown(app) == first
        assert "reasons follows-prompt" in frame_text(app)
    assert votes_of(judging, "ana") == []
    assert any("Vote not recorded" in n and "plan changed" in n for n in notes)


@pilot_test
async def test_opening_again_resumes_at_the_next_unjudged_comparison(make, judging: Path):
    queue = planned(judging)["queues"]["ana"]
    app = make(rater="Ana", judge=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "a", "b")
        await pilot.press("ctrl+q")
    again = make(rater="Ana", judge=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert shown(again) == queue[2]
        assert "Comparison 3 of 9 · 2 judged" in frame_text(again)
        await press(pilot, "u")  # the previous run's last vote can be taken back too
        assert shown(again) == queue[1]
    assert [v["comparison"] for v in votes_of(judging, "ana")] == queue[:1]


@pilot_test
async def test_others_votes_appear_only_in_the_done_view(make, judging: Path):
    cast_all(judging, "Ben", "tie")
    app = make(rater="Ana", judge=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(8):
            assert "ben" not in frame_text(app).lower()  # Ben's votes, or even his name
            await press(pilot, "a")
        await press(pilot, "t")
        screen = judge_screen(app)
        text = frame_text(app)
        assert screen.view is not None and screen.view.done is not None
        assert "All 9 comparisons judged" in text
        assert "ben: 9 votes; the same verdict as yours on 1 of the 9" in text
        assert "A better 8 · B better 0 · tie 1 · both unusable 0" in text
        footer = text.splitlines()[-1]
        assert "A better" not in footer and "Undo" in footer
        await press(pilot, "a")  # no vote keys any more
        assert len(votes_of(judging, "ana")) == 9
        await press(pilot, "u")  # seen the others: asks first
        assert "no longer blind" in frame_text(app) or "would not be blind" in frame_text(app)
        await press(pilot, "y")
        assert len(votes_of(judging, "ana")) == 8
        assert "ben" not in frame_text(app).lower()  # judging again: blind again


@pilot_test
async def test_done_view_without_other_votes(make, judging: Path):
    app = make(rater="Ana", judge=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *"abtxabtxa")
        assert "No other rater has voted yet." in frame_text(app)
        await press(pilot, "u")  # nobody's votes seen: no question asked
        assert len(votes_of(judging, "ana")) == 8


@pilot_test
async def test_stacked_at_80_columns_side_by_side_at_120(make, judging: Path):
    app = make(rater="Ana", judge=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = judge_screen(app)
        a = screen.query_one("#side-a", BlindOutputPane).region
        b = screen.query_one("#side-b", BlindOutputPane).region
        assert a.x == b.x and b.y >= a.bottom and a.height >= 5  # A above B
        footer = frame_text(app).splitlines()[-1]
        for key in ("a A better", "b B better", "t Tie", "x Unusable", "u Undo", "f1 Help"):
            assert key in footer
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        a = screen.query_one("#side-a", BlindOutputPane).region
        b = screen.query_one("#side-b", BlindOutputPane).region
        assert a.y == b.y and b.x >= a.right and a.width == b.width  # A left of B


@pilot_test
async def test_tab_j_and_k_scroll_the_side_in_focus(make, judging: Path):
    app = make(rater="Ana", judge=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = judge_screen(app)
        long_side = next(s for s in ("#side-a", "#side-b")
                         if screen.query_one(s, BlindOutputPane).max_scroll_y > 0)
        pane = screen.query_one(long_side, BlindOutputPane)
        assert "more lines ↓" in frame_text(app)
        if app.focused is not pane:
            await press(pilot, "tab")
        assert app.focused is pane
        await press(pilot, "j", "j", "j")
        assert pane.scroll_y == 3
        await press(pilot, "k")
        assert pane.scroll_y == 2
        await press(pilot, "tab")
        assert app.focused is not pane and isinstance(app.focused, BlindOutputPane)


@pilot_test
async def test_no_vendor_reaches_the_screen_while_judging(make, judging: Path):
    """Every frame, from the first comparison through the dialogs, help, the command palette
    and every vote to the done view (with another rater's votes), names no vendor and no
    output path: checked in the painted frame and in the exported screenshot."""
    cast_all(judging, "Ben")
    app = make(rater="Ana", judge=True)
    frames: list[str] = []

    def capture() -> None:
        frames.append(frame_text(app))
        frames.append(screenshot_text(app))

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        capture()
        steps: list[tuple[str, ...]] = [
            ("r",), ("space",), ("enter",), ("n", *"why"), ("enter",), ("f1",), ("escape",),
            ("ctrl+p",), tuple("ac"), ("escape",), ("tab",), ("j",),
        ]
        steps += [(key,) for key in "abtxabtx"] + [("u",), ("a",), ("a",)]
        for keys in steps:
            await press(pilot, *keys)
            capture()
        assert judge_screen(app).view.done is not None  # type: ignore[union-attr]
    assert len(frames) == 2 * (len(steps) + 1)
    for frame in frames:
        for name in (*VENDOR_IDENTITY, "outputs/", ".txt"):
            assert name.lower() not in frame.lower(), (name, frame)


@pilot_test
async def test_media_outputs_point_to_the_browser_page(make, evaluation: Path):
    folder = build_bakeoff(evaluation, media=True)
    app = make(rater="Ana", judge=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = frame_text(app)
        assert text.count("An image output: the terminal shows text only") == 2
        assert "checklist bakeoff serve" in text
        assert "Voting keys are off here" in text
        for name in (*VENDOR_IDENTITY, "outputs/", ".png"):
            assert name.lower() not in text.lower()
        await press(pilot, "a", "t")
    assert votes_of(folder, "ana") == []


@pilot_test
async def test_reached_from_the_overview_and_the_palette(make, judging: Path):
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "b Bake-off" in frame_text(app).splitlines()[-1]
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Judge the bake-off" in titles
        await press(pilot, "b")
        screen = judge_screen(app)
        assert screen.view is not None and screen.view.trial is not None
        await press(pilot, "a", "f2")
        assert not isinstance(app.screen, JudgeScreen)
        await press(pilot, "b")
        assert judge_screen(app) is screen  # kept its place
    assert len(votes_of(judging, "ana")) == 1


@pilot_test
async def test_no_bakeoff_no_judging_key(make):
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Bake-off" not in frame_text(app).splitlines()[-1]
        assert "Judge the bake-off" not in [c.title for c in
                                            app.get_system_commands(app.screen)]


@pilot_test
async def test_the_palette_still_lists_vendors_elsewhere(make, judging: Path):
    """The palette hides vendors on the judging screen only (the test above), not here."""
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p", *"acm")
        assert "Score vendor: Acme" in frame_text(app)


def test_current_view_reads_the_next_comparison_then_the_done_view(judging: Path):
    from checklist.bakeoff.judge import Judge

    judge = Judge.open(judging, "Ana")
    view = current_view(judge)
    assert view.trial is not None and view.trial.prompt.id in JUDGE_PROMPTS
    while (trial := judge.next_trial()) is not None:
        judge.vote(trial.comparison, "tie")
    done = current_view(judge).done
    assert done is not None and done.total == 9 and done.counts["tie"] == 9
    assert done.raters == ()  # Ben has not voted


def test_cli_judge_refuses_a_rater_without_a_share(judging: Path, capsys):
    from checklist.cli import main

    assert main(["bakeoff", "judge", str(judging), "--rater", "Zoe"]) == 2
    err = capsys.readouterr().err
    assert "rater 'zoe' has no share in the plan" in err
    assert "Traceback" not in err


def test_cli_judge_without_a_bakeoff_says_how_to_start_one(evaluation: Path, capsys):
    from checklist.cli import main

    assert main(["bakeoff", "judge", str(evaluation), "--rater", "Ana"]) == 2
    err = capsys.readouterr().err
    assert "bakeoff.yaml" in err and "checklist bakeoff init" in err


HOSTILE = "[@click=app.quit]Quit[/] [b]bold[/b] [red \x1b[31mred\\"


@pilot_test
async def test_prompt_outputs_and_note_show_as_written(make, judging: Path):
    """Markup in a prompt, an output or a note is text: brackets shown, nothing run, the
    escape character shown as \\x1b."""
    settings = judging / "bakeoff" / "bakeoff.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("Describe a cordless drill in one line",
                                     '"P ' + HOSTILE.replace("\\", "\\\\").replace(
                                         "\x1b", "\\e") + '"'), encoding="utf-8")
    for path in (judging / "bakeoff" / "outputs").rglob("p03.txt"):
        path.write_text("O " + HOSTILE + "\n", encoding="utf-8")
    app = make(rater="Ana", judge=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "n", *"[b]x[/b]", "enter")
        shown_text = frame_text(app)
        written = HOSTILE.replace("\x1b", "\\x1b")
        assert "P " + written in shown_text
        assert shown_text.count("O " + written) == 2
        assert "note [b]x[/b]" in shown_text
        assert "\x1b" not in shown_text
        for pane in ("#side-a", "#side-b", "#prompt"):
            await pilot.click(pane, offset=(3, 1))
        await settle(pilot)
        assert app.is_running  # the [@click=app.quit] was not a link


@pilot_test
async def test_keys_can_be_remapped_and_f1_lists_them(make, judging: Path):
    from checklist.files.config import UserConfig, save_config
    from checklist.tui.screens.help import help_markdown

    save_config(UserConfig(keymap={"judge.a-better": "1", "judge.tie": "2"}))
    app = make(rater="Ana", judge=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = help_markdown(judge_screen(app))
        assert "Blind judging" in text and "(`judge.a-better`)" in text
        assert "(`judge.undo`)" in text and "(`judge.reasons`)" in text
        await press(pilot, "1", "2")
    assert [v["verdict"] for v in votes_of(judging, "ana")] == ["left", "tie"]
