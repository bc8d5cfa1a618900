"""What a person sees, screen by screen, at 80x24 and 120x40 (pytest-textual-snapshot).

Each test says in its docstring what must be visible. Made with textual 8.2.8; regenerate
with `pytest tests/tui --snapshot-update` after a deliberate change, and look at the report
before accepting. Deterministic: fixed dates, a frozen clock, UTC, no cursor blink, no
animations, and nothing from the machine's own rubric library or config.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_support import workers_done

from checklist.files.config import UserConfig, save_config

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
Before = Callable[[Pilot], Awaitable[None]]


async def _idle(pilot: Pilot) -> None:
    """Until saves, re-scoring and renders in workers have finished and been painted."""
    for _ in range(3):
        await pilot.pause(0.05)
        await workers_done(pilot)
    await pilot.pause()


def keys(*pressed: str) -> Before:
    async def run(pilot: Pilot) -> None:
        await _idle(pilot)
        for key in pressed:
            await pilot.press(key)
            await _idle(pilot)

    return run


def fast(make: Any, **options: Any) -> Any:
    """Saves and re-scoring at once, so the screenshot shows their result, not a race."""
    options.setdefault("save_delay", 0.0)
    options.setdefault("score_delay", 0.0)
    return make(**options)


@SIZES
def test_start(snap_compare, make, workdir: Path, size: tuple[int, int]):
    """The start screen: the intro line, the recent list (a folder that no longer exists is
    marked "(missing)"), the three buttons and the footer keys n, o, d, ^q, f1."""
    save_config(UserConfig(recent=["/home/ana/video-2026"]))
    assert snap_compare(make(start=True, cwd=workdir), terminal_size=size,
                        run_before=keys())


@SIZES
def test_new_evaluation(snap_compare, make, workdir: Path, size: tuple[int, int]):
    """New evaluation, half filled: the tiny rubric highlighted as "tiny 1.0.0 · Tiny rubric"
    over "base rubric · tests" (its parent and source), with its preview (2 sections,
    5 questions, 2 gates), title "Video ads", folder ./video-ads, vendors 1. Acme and
    2. Beta, the context flag in words "no  · Outputs are published", rater Ana."""
    save_config(UserConfig(rater="Ana"))

    async def fill(pilot: Pilot) -> None:
        await keys("n")(pilot)
        screen = pilot.app.screen
        screen.query_one("#title").focus()
        await pilot.press(*"Video ads")
        screen.query_one("#vendor-name").focus()
        await pilot.press(*"Acme", "enter", *"Beta", "enter")
        await _idle(pilot)

    assert snap_compare(make(start=True, cwd=workdir), terminal_size=size, run_before=fill)


@SIZES
def test_rater_prompt(snap_compare, make, size: tuple[int, int]):
    """Opening without a known rater asks "Who is scoring?" in a dialog, explaining that the
    name labels ratings/<your-name>.yaml and is remembered."""
    assert snap_compare(make(), terminal_size=size, run_before=keys())


@SIZES
def test_overview(snap_compare, make, size: tuple[int, int]):
    """Overview for rater Ana: the summary ("Your answers 0/15 (0%) · by anyone 6/15, 1 of
    them N/A · raters: Ben", the rater by name), the grid with "answered/total score" per
    vendor and section, each vendor's verdict in words (Beta Corp "no-go", gate failed:
    api), and Acme's detail. At 80x24 the grid is cut at the right and the line under it
    says "← → (h l) scroll: 2 sections, then verdict, axes and gates"; at 120x40 the whole
    grid fits and that line is gone."""
    assert snap_compare(make(rater="Ana"), terminal_size=size, run_before=keys())


@SIZES
def test_scoring_before_answering(snap_compare, make, size: tuple[int, int]):
    """Scoring Acme, question 1/5 "Who ran the benchmark?": the first line "Acme (1/3) · Q 1/5
    · you answered 0/5 · Claims A (claims)", every level 0-4 with its anchor, none chosen,
    "Not answered: press 0-4", the other rater's answer hidden (blind scoring), and Acme's
    benchmark claim with who ran it (Arena volunteers, third party). At 80x24 the side panel
    is stacked below (reached with o, "o More" in the footer); at 120x40 it is on the right
    and the footer has no "More"."""
    assert snap_compare(make(rater="Ana", vendor="acme"), terminal_size=size,
                        run_before=keys())


@SIZES
def test_scoring_after_answering(snap_compare, make, size: tuple[int, int]):
    """After pressing 4 and c: level 4 marked with ● and "← your answer", "Your answer:
    4 Strong · confidence: low", Ben's "1 Weak" now shown with DISAGREEMENT (spread 3),
    the vendor line updated, and the status line "saved 10:04:00 · ratings/ana.yaml"."""
    assert snap_compare(fast(make, rater="Ana", vendor="acme"), terminal_size=size,
                        run_before=keys("4", "c"))


@SIZES
def test_scoring_number_question(snap_compare, make, size: tuple[int, int]):
    """A number question (p95 latency, seconds, lower is better): the thresholds as levels,
    the value field showing 45 with its unit, "45 s (3 Good)" marked as the answer, and
    the N/A line that this question allows."""
    assert snap_compare(fast(make, rater="Ana", vendor="gamma"), terminal_size=size,
                        run_before=keys("left_curly_bracket", "j", "j", "4", "5", "enter"))


@SIZES
def test_evidence_dialog(snap_compare, make, size: tuple[int, int]):
    """The evidence dialog over scoring: URL or path typed in, the grade list set to
    "vendor claim" and focused after Enter (so it is not skipped), the retrieved date
    2026-11-02, Add and Cancel."""
    assert snap_compare(make(rater="Ana", vendor="acme"), terminal_size=size,
                        run_before=keys("e", *"https://acme.example/eval", "enter"))


@SIZES
def test_compare(snap_compare, make, size: tuple[int, int]):
    """Compare: the ranking (Acme "go with conditions" first, Beta Corp "no-go" last) with
    short labels (Ready, Gap, Done), ranges and gates counted ("1 failed, 1 open"); under
    it the key to the labels, or at 80x24 "← → scroll: Gap, Done, Range, Gates · space:
    more below"; the analysis (leader, not settled yet and which answers could change it,
    sensitivity, failed gate with its reason); at 120x40 every column fits and the
    claims-versus-readiness chart (rank numbers, never touching) and its legend show."""
    assert snap_compare(make(rater="Ana"), terminal_size=size, run_before=keys("c"))


@SIZES
def test_memo_preview(snap_compare, make, size: tuple[int, int]):
    """The memo preview: "Memo preview · e export .md · p export PDF · t contents · r
    refresh", the rendered Markdown memo for "Tiny test" from the top, and a footer that
    fits (e, p, esc, ^q, f1 Help) at both sizes."""
    pytest.importorskip("checklist.memo")
    assert snap_compare(make(rater="Ana"), terminal_size=size, run_before=keys("m"))


@SIZES
def test_help(snap_compare, make, size: tuple[int, int]):
    """F1 on the scoring screen: the scoring help (keys and blind scoring explained) in a
    box over the screen; the key table with binding ids follows further down."""
    assert snap_compare(make(rater="Ana", vendor="acme"), terminal_size=size,
                        run_before=keys("f1"))


@SIZES
def test_conflict_dialog(snap_compare, make, evaluation: Path, size: tuple[int, int]):
    """Another program changed Ben's answer to acme / tasks while Ben scored it: the dialog
    shows both answers (on disk "4 · note: from elsewhere", yours "2") and asks
    "Keep mine (m)" or "Use theirs (t)"."""
    from checklist.files.folder import RatingsFile, load_folder
    from checklist.model import Answer

    async def collide(pilot: Pilot) -> None:
        await _idle(pilot)
        RatingsFile(evaluation, "ben", load_folder(evaluation).ordering).update(
            "acme", "tasks", Answer(score=4, note="from elsewhere"))
        await pilot.press("2")
        await _idle(pilot)

    assert snap_compare(fast(make, rater="Ben", vendor="acme"), terminal_size=size,
                        run_before=collide)


NARROW = pytest.mark.parametrize("size", [(80, 24)], ids=["80x24"])


@NARROW
def test_compare_scrolled_right(snap_compare, make, size: tuple[int, int]):
    """Compare at 80x24 after →: rank and vendor stay, the rest of the table (Gap, Done,
    Range, Gates: "passed", "1 failed, 1 open") is in view."""
    assert snap_compare(make(rater="Ana"), terminal_size=size, run_before=keys("c", "right"))


@NARROW
def test_scoring_side_panel(snap_compare, make, size: tuple[int, int]):
    """Scoring at 80x24 after o: the panel stacked under the question is in view: other
    raters (hidden until you answer), and Acme's benchmark claims."""
    assert snap_compare(make(rater="Ana", vendor="acme"), terminal_size=size,
                        run_before=keys("o"))


@SIZES
def test_judge(snap_compare, make, evaluation: Path, size: tuple[int, int]):
    """Blind judging, Ana's first comparison: "Comparison 1 of 9 · 0 judged · prompt p03
    (text-generation)", the prompt's text, the two outputs titled only A and B (side by side
    at 120x40, A above B at 80x24; A has 30 lines, B 12; A's border highlighted: the keys
    scroll it), each bottom border saying how many lines are out of sight at 80x24 ("23 more
    lines ↓" on A, "5 more lines ↓" on B; none at 120x40, where both fit),
    "With your vote: r reasons none · n note none", where votes are saved, and the footer
    keys a A better, b B better, t Tie, x Unusable, u Undo (greyed: nothing to take back).
    No vendor name anywhere."""
    from tui_support import build_bakeoff

    build_bakeoff(evaluation)
    assert snap_compare(make(rater="Ana", judge=True), terminal_size=size,
                        run_before=keys())


@NARROW
def test_judge_reasons(snap_compare, make, evaluation: Path, size: tuple[int, int]):
    """The reasons picker over the judging screen: the six default reasons with
    follows-prompt ticked, "at most 10", space / enter / esc explained, Keep and Cancel."""
    from tui_support import build_bakeoff

    build_bakeoff(evaluation)
    assert snap_compare(make(rater="Ana", judge=True), terminal_size=size,
                        run_before=keys("r", "space"))


@SIZES
def test_judge_done(snap_compare, make, evaluation: Path, size: tuple[int, int]):
    """The done view after Ana's ninth vote: "All 9 comparisons judged", her verdicts
    counted (A better 2 · B better 2 · tie 3 · both unusable 2), Ben's votes now shown
    ("ben: 9 votes; the same verdict as yours on 3 of the 9 comparisons you both judged
    (33%)"), the note that undoing now is no longer blind, and
    the table of comparisons with Ana's and Ben's verdicts (A better, B better, tie, both
    unusable; still no vendors). The footer has u Undo but no vote keys."""
    from tui_support import build_bakeoff, cast_all

    build_bakeoff(evaluation)
    cast_all(evaluation, "Ben", "tie")
    assert snap_compare(make(rater="Ana", judge=True), terminal_size=size,
                        run_before=keys(*"abtxabtxt"))
