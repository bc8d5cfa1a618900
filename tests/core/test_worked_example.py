"""The bundled worked example tells the story it promises (see examples/ai-video-2026/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checklist.files.folder import load_folder
from checklist.scoring import score_workspace

from cli_support import run_cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ai-video-2026"


@pytest.fixture(scope="module")
def card():
    return score_workspace(load_folder(EXAMPLE))


def failed(card, vendor: str) -> set[str]:
    return {g.id for g in card.vendor(vendor).gates_failed}


def test_loads_cleanly_with_two_raters_and_seven_vendors():
    workspace = load_folder(EXAMPLE)
    assert sorted(workspace.ratings) == ["marco-bianchi", "priya-raman"]
    assert len(workspace.evaluation.vendors) == 7
    assert workspace.orphans == []


def test_retired_api_fails_the_lifecycle_gate(card):
    assert card.vendor("sora-2").verdict == "no-go"
    assert {"lifecycle", "commercial-api"} <= failed(card, "sora-2")


def test_studio_letters_fail_the_ip_gate_when_outputs_are_published(card):
    assert card.context["outputs-published"] is True
    assert card.vendor("seedance-2").verdict == "no-go"
    assert "training-disputes" in failed(card, "seedance-2")


def test_leaderboard_leader_without_api_has_the_largest_hype_gap(card):
    happy = card.vendor("happyhorse")
    assert "commercial-api" in failed(card, "happyhorse")
    gaps = {v.id: v.hype_gap for v in card.vendors}
    assert max(gaps, key=gaps.get) == "happyhorse"
    assert happy.claims > 0.15 and happy.readiness < 0.05


def test_raters_disagree_and_a_gate_disagreement_makes_the_leader_conditional(card):
    pairs = {(v.id, q.id) for v in card.vendors for q in v.disagreements}
    assert ("veo-3-1", "output-indemnity") in pairs
    assert ("kling-3", "who-ran-it") in pairs
    leader = card.winner
    assert leader.id == "veo-3-1" and leader.verdict == "conditional"
    assert "raters disagree on gate output-indemnity" in [c.text() for c in leader.conditions]


def test_open_questions_keep_it_unsettled(card):
    assert card.vendor("kling-3").verdict == "incomplete"
    assert [g.id for g in card.vendor("kling-3").gates_open] == ["output-indemnity"]
    assert not card.settled
    assert {d.vendor for d in card.deciders} >= {"hailuo"}


def test_a_section_score_is_explainable_by_hand(card):
    # Veo 3.1 `access`: commercial-api ga-direct 4 (w 2), lifecycle 3 (w 1.5), infra-fit yes
    # (w 1); reseller-channel N/A is dropped: (2*1 + 1.5*.75 + 1*1) / 4.5
    access = card.vendor("veo-3-1").sections["access"]
    assert access.score == pytest.approx((2 + 1.5 * 0.75 + 1) / 4.5)
    # Veo 3.1 output-indemnity: Priya 3, Marco 1, mean 2 = exactly the gate's minimum
    q = card.vendor("veo-3-1").questions["output-indemnity"]
    assert q.level == pytest.approx(2.0) and q.disagreement


def test_summary_runs_on_the_example_as_a_user_would():
    text = run_cli("summary", str(EXAMPLE))
    assert text.returncode == 0, text.stderr
    assert "Google Veo 3.1" in text.stdout and "no-go" in text.stdout
    lines = text.stdout.splitlines()
    assert any(line.startswith("#  VENDOR") for line in lines)
    assert any(line.startswith("1  Google Veo 3.1") for line in lines)
    assert "\\x0a" not in text.stdout
    data = json.loads(run_cli("summary", str(EXAMPLE), "--json").stdout)
    assert data["vendors"][0]["id"] == "veo-3-1"
    assert data["settled"] is False
