"""The compare screen's claim check (issue 16): the same verdicts and numbers as the memo and
`checklist bakeoff results`, computed off the event loop, text from files never read as
markup, and nothing shown without a bake-off."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_support import pilot_test, plain, run_cli, settle

from checklist.memo.appendix_types import ClaimCheckRow
from checklist.tui.widgets.claim_check import ClaimCheckPanel, interval_bar

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ai-video-2026"
RATER = "marco-bianchi"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    folder = tmp_path / "ai-video"
    shutil.copytree(EXAMPLE, folder)
    return folder


async def _compare(pilot: object) -> ClaimCheckPanel:
    await settle(pilot)
    await pilot.press("c")  # type: ignore[attr-defined]
    await settle(pilot)
    return pilot.app.screen.query_one(ClaimCheckPanel)  # type: ignore[attr-defined]


@pilot_test
async def test_claim_check_shows_the_cli_numbers(make, example: Path):
    """The worked example's one checkable claim: its verdict, the claimed value, our estimate
    with its interval and the detectable gap, exactly as `bakeoff results --json` gives them;
    the claims the bake-off cannot check are listed with the reason."""
    done = run_cli("bakeoff", "results", str(example), "--json")
    assert done.returncode == 0, done.stderr
    checked = [c for c in json.loads(done.stdout)["claims"] if c["verdict"]]
    assert len(checked) == 1
    cli = checked[0]
    app = make(example, rater=RATER)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await _compare(pilot)
        text = plain(panel)
        assert panel.display
    assert "Claims versus our own test" in text
    assert f"{cli['verdict'].upper()}  Google Veo 3.1" in text
    ours = cli["ours"]
    for share in (ours["value"], ours["low"], ours["high"]):
        assert f"{round(share * 100, 1):g}%" in text
    assert f"detectable gap {round(cli['detectable_elo'])} Elo" in text
    assert "claimed ahead (over 50%)" in text
    assert "▲" in text and "●" in text
    assert "Not checked by the bake-off (10)" in text
    assert "which is not a vendor of this evaluation" in text


@pilot_test
async def test_claim_text_is_never_markup(make, example: Path):
    """A claim written as markup with an action shows as written and does nothing."""
    evaluation = example / "evaluation.yaml"
    text = evaluation.read_text(encoding="utf-8")
    written = ("  - text: Ranks below Seedance 2.0, Kling 3.0 and HappyHorse on the text-to-video "
               "and image-to-video arena\n      leaderboards\n")
    assert written in text
    evil = '  - text: "[@click=app.quit]Ranks[/] below [b]Seedance"\n'
    evaluation.write_text(text.replace(written, evil, 1), encoding="utf-8")
    app = make(example, rater=RATER)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await _compare(pilot)
        text = plain(panel)
        assert "[@click=app.quit]Ranks[/] below [b]Seedance" in text
        assert app.is_running


@pilot_test
async def test_no_bakeoff_no_panel(make):
    """An evaluation without a bake-off shows no claim check at all."""
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await _compare(pilot)
        assert not panel.display
        assert panel.view is None


def test_interval_bar_reads_without_colour():
    """Our interval in brackets with ● at our estimate, ┼ at 50%, ▲ under the claim."""
    row = ClaimCheckRow(vendor="A", claim="c", pair="A over B", claimed="75%", claimed_p=0.75,
                        ours="60%", ours_p=0.6, low_p=0.4, high_p=0.8, verdict="inconclusive",
                        detectable="100 Elo", remark="")
    bar, under = interval_bar(row, width=11)
    assert bar == "0% ────[┼●━]── 100%"
    assert under.index("▲") == len("0% ") + 8  # 75% of the 10 steps, rounded
    assert "claimed 75%" in under


def test_claim_check_snapshot(snap_compare, make, example: Path):
    """Compare at 80x24 scrolled to "Claims versus our own test": the headline "1 claim
    checked, inconclusive", INCONCLUSIVE Google Veo 3.1 with the claim, the pair Seedance
    over Veo, "claimed ahead (over 50%)", ours 62.1% (49.7% to 75.5%), detectable gap
    141 Elo, the bar with [ ┼ ● ] and the ▲ under 50%, then the claims not checked."""

    async def scrolled(pilot: Pilot) -> None:
        panel = await _compare(pilot)
        pilot.app.screen.query_one("#compare-body").scroll_to_widget(panel, top=True,
                                                                      animate=False)
        await settle(pilot)

    assert snap_compare(make(example, rater=RATER), terminal_size=(80, 24),
                        run_before=scrolled)
