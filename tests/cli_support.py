"""Helpers shared by test modules. A plain module, not conftest: several folders have their
own conftest.py, and `from conftest import ...` would pick whichever was imported first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Runs `python -m checklist` in a subprocess, as a user would, capturing output. The
    timeout only catches a hang (a loaded machine can be slow); speed is checked in bench/."""
    return subprocess.run(
        [sys.executable, "-m", "checklist", *args],
        capture_output=True, text=True, cwd=cwd, timeout=timeout,
        env={**os.environ, **(env or {})},
    )


NEAR_ZERO_RUBRIC = """\
id: near-zero
version: 1.0.0
title: A hype gap just below zero
scale: {min: 0, max: 100}
sections:
  - {id: claims, title: Claims, axis: claims, questions: [{id: c, text: Claim}]}
  - id: ready
    title: Readiness
    axis: readiness
    questions: [{id: r1, text: One, weight: 4}, {id: r2, text: Two, weight: 1}]
"""


def near_zero_gap(folder: Path) -> Path:
    """An evaluation whose one vendor, Acme, has claims 0.50 and readiness
    (4 * 0.50 + 0.51) / 5 = 0.502: a hype gap of -0.002, which prints as "+0.00"."""
    from checklist.cli import main

    folder.mkdir(parents=True, exist_ok=True)
    rubric = folder / "near-zero.yaml"
    rubric.write_text(NEAR_ZERO_RUBRIC, encoding="utf-8")
    ev = folder / "ev"
    assert main(["new", str(ev), "--rubric", str(rubric), "--title", "t", "--vendor", "Acme"]) == 0
    for question, value in (("c", "50"), ("r1", "50"), ("r2", "51")):
        assert main(["rate", str(ev), "--rater", "ana", "--vendor", "acme", "--question",
                     question, "--score", value]) == 0
    return ev
