"""An evaluation whose rubric marks questions as informed by the team's own measurements."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checklist.cli import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "ai-video-2026"
MEASURED = """\
id: video-measured
version: 1.0.0
title: Video, with measured answers
extends: video-generation
override:
  questions:
    usable-rate: {informed_by: bakeoff.usable-rate}
    p95-latency: {informed_by: measure.latency-p95}
"""


@pytest.fixture
def measured(tmp_path: Path) -> Path:
    """Four vendors (the worked example's bake-off ones) under the measured rubric, with the
    worked example's fictional bake-off copied in."""
    rubric = tmp_path / "measured.yaml"
    rubric.write_text(MEASURED, encoding="utf-8")
    folder = tmp_path / "ev"
    assert main(["new", str(folder), "--rubric", str(rubric), "--title", "Measured",
                 "--vendor", "Seedance 2", "--vendor", "Kling 3", "--vendor", "Veo 3.1",
                 "--vendor", "Runway"]) == 0
    shutil.copytree(EXAMPLE / "bakeoff", folder / "bakeoff")
    return folder
