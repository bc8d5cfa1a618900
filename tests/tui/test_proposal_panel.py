"""Proposed answers on the scoring screen (issue 16 item 4): shown with their value and
evidence, taken with `a`, and never written over a rater's own answer (the CLI's rule)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from textual.pilot import Pilot
from tui_support import FIXED, pilot_test, plain, ratings_file, settle

from checklist.files.folder import load_folder
from checklist.files.proposals import write_proposals
from checklist.model.proposal import Proposal, ProposalsFile
from checklist.model.ratings import Answer, Evidence
from checklist.tui.widgets.hint import Hint
from checklist.tui.widgets.proposal import ProposalPanel

URL = "runs/acme-load.csv"
#: The tiny rubric's order: who-ran, tasks, api, status, latency.
LATENCY = 4


def _propose(folder: Path, note: str = "p95 of 120 successful requests") -> None:
    workspace = load_folder(folder)
    evidence = Evidence(url=URL, grade="own-test", retrieved=dt.date(2026, 11, 1),
                        sha256="ab" * 32, note="our load test")
    answer = Answer(value=38.5, note=note, evidence=[evidence])
    write_proposals(workspace, ProposalsFile(
        source="evidence-acme-load", title="runs/acme-load.csv", made=FIXED,
        proposals=[Proposal(vendor="acme", question="latency", answer=answer)]))


def _mine(folder: Path) -> dict[str, object]:
    data = yaml.safe_load(ratings_file(folder, "ana") or "{}") or {}
    return (data.get("answers") or {}).get("acme", {}).get("latency") or {}


async def _at_latency(pilot: Pilot) -> ProposalPanel:
    await settle(pilot)
    screen = pilot.app.screen
    screen.goto("acme", LATENCY)  # type: ignore[attr-defined]
    await settle(pilot)
    return screen.query_one(ProposalPanel)


@pilot_test
async def test_an_open_proposal_is_shown_and_taken_with_a(make, evaluation: Path):
    _propose(evaluation)
    app = make(rater="Ana", vendor="acme", save_delay=0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await _at_latency(pilot)
        assert panel.display
        text = plain(panel)
        assert "Proposed from runs/acme-load.csv: 38.5 s" in text
        assert "press a to take it" in text
        assert "p95 of 120 successful requests" in text
        assert f"evidence: {URL} (" in text
        await pilot.press("a")
        await settle(pilot)
        assert "you took it" in plain(panel)
        await pilot.press("ctrl+s")
        await settle(pilot)
    mine = _mine(evaluation)
    assert mine["value"] == 38.5
    assert mine["evidence"][0]["url"] == URL
    assert mine["note"] == "p95 of 120 successful requests"


@pilot_test
async def test_a_raters_own_answer_is_never_replaced(make, evaluation: Path):
    _propose(evaluation)
    app = make(rater="Ana", vendor="acme", save_delay=0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await _at_latency(pilot)
        await pilot.press(*"45", "enter")
        await settle(pilot)
        assert "your own answer stands" in plain(panel)
        await pilot.press("a")
        await settle(pilot)
        hint = app.screen.query_one(Hint)
        assert "a proposal never replaces it" in plain(hint)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert _mine(evaluation)["value"] == 45
        await pilot.press("backspace", "a", "ctrl+s")
        await settle(pilot)
    assert _mine(evaluation)["value"] == 38.5


@pilot_test
async def test_proposal_text_is_never_markup(make, evaluation: Path):
    _propose(evaluation, note="[@click=app.quit]fast[/] [b]really")
    app = make(rater="Ana", vendor="acme")
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await _at_latency(pilot)
        assert "[@click=app.quit]fast[/] [b]really" in plain(panel)
        assert app.is_running


@pilot_test
async def test_a_broken_proposals_file_is_named_not_fatal(make, evaluation: Path):
    (evaluation / "proposals").mkdir()
    (evaluation / "proposals" / "bakeoff.yaml").write_text("source: [unclosed\n",
                                                          encoding="utf-8")
    app = make(rater="Ana", vendor="acme")
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await _at_latency(pilot)
        text = plain(panel)
        assert "cannot be read" in text and "bakeoff.yaml:" in text
        await pilot.press("a")
        await settle(pilot)
        assert app.is_running
    assert _mine(evaluation) == {}


@pilot_test
async def test_no_proposal_no_panel(make):
    app = make(rater="Ana", vendor="acme")
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await _at_latency(pilot)
        assert not panel.display
        await pilot.press("a")
        await settle(pilot)
        assert "No proposed answer" in plain(app.screen.query_one(Hint))


def test_proposal_panel_snapshot(snap_compare, make, evaluation: Path):
    """Scoring Acme's p95 latency at 80x24 with a proposal from a load test: "Proposed from
    runs/acme-load.csv: 38.5 s (...) · press a to take it as your answer, with its
    evidence", how it was computed and the evidence file with its grade and date."""
    _propose(evaluation)

    async def at_latency(pilot: Pilot) -> None:
        await _at_latency(pilot)

    assert snap_compare(make(rater="Ana", vendor="acme"), terminal_size=(80, 24),
                        run_before=at_latency)
