"""Every claim of an evaluation against its bake-off, through `checklist bakeoff results`: a
verdict with both numbers for what the bake-off can check, a reason for the rest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hostile.util import run_main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ai-video-2026"


@pytest.fixture
def video(tmp_path: Path) -> Path:
    folder = tmp_path / "video"
    shutil.copytree(EXAMPLE, folder)
    for args in (
        ["seedance-2", "--text", "Beats Kling by 60 Elo", "--task", "text-to-video",
         "--unit", "elo", "--vs-vendor", "kling-3", "--margin", "60"],
        ["kling-3", "--text", "Wins 70% against Runway", "--unit", "win-rate", "--value",
         "70", "--vs-vendor", "runway"],
        ["runway", "--text", "Preferred over Seedance", "--unit", "rank", "--vs-vendor",
         "seedance-2"],
        ["runway", "--text", "Beats Sora", "--unit", "rank", "--vs-vendor", "sora-2"],
        ["kling-3", "--text", "367% win rate against Veo", "--unit", "win-rate", "--value",
         "367", "--vs-vendor", "veo-3-1"],
        ["veo-3-1", "--text", "20% sharper than Runway", "--unit", "percent", "--metric",
         "sharpness", "--vs-vendor", "runway", "--margin", "20"],
    ):
        result = run_main("claim", "add", folder, *args)
        assert result.code == 0, result.output
    return folder


def test_results_check_every_comparative_claim(video: Path) -> None:
    result = run_main("bakeoff", "results", video, "--json")
    assert result.code == 0, result.output
    listed = json.loads(result.stdout)["claims"]
    claims = {c["claim"]: c for c in listed}
    # the fictional votes: Seedance ~53% over Kling on text-to-video, Runway well behind
    seedance = claims["Beats Kling by 60 Elo"]
    assert seedance["verdict"] == "inconclusive" and seedance["category"] == "text-to-video"
    assert seedance["claimed"] == pytest.approx(1 / (1 + 10 ** (-60 / 400)), abs=1e-4)
    assert seedance["ours"]["low"] < 0.5 < seedance["ours"]["high"]
    assert claims["Preferred over Seedance"]["verdict"] == "contradicted"
    assert claims["Preferred over Seedance"]["ours"]["high"] < 0.5
    assert claims["Wins 70% against Runway"]["verdict"] in ("inconclusive", "consistent")
    assert claims["Beats Sora"]["why_not"] == "sora-2 was not in our bake-off"
    assert "not a win rate" in claims["367% win rate against Veo"]["why_not"]
    assert "measures which output judges prefer" in claims["20% sharper than Runway"]["why_not"]
    # every claim of the evaluation is accounted for, the example's own ones too
    assert len(listed) == 6 + 11


def test_results_text_shows_both_numbers_and_the_reasons(video: Path) -> None:
    result = run_main("bakeoff", "results", video)
    assert result.code == 0, result.output
    section = result.stdout.split("Claims versus our own test", 1)[1]
    assert "contradicted" in section and "runway > seedance-2" in section
    assert "Not checked by the bake-off:" in section
    assert "sora-2 was not in our bake-off" in section
