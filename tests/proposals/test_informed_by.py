"""`informed_by` in a rubric: checked with its position, converted to the question's unit, and
left out of a rubric's digest when absent (every existing pin still holds)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile.util import run_main

from checklist.model.informed_by import in_question_unit
from checklist.model.rubric import Question

RUBRIC = """\
id: t
version: 1.0.0
title: T
sections:
  - id: s
    title: S
    axis: readiness
    questions:
      - id: fast
        text: How fast?
        type: number
        unit: {unit}
        better: lower
        thresholds: {{4: 1, 0: 10}}
        informed_by: {source}
"""


@pytest.mark.parametrize("unit, source, message", [
    ("s", "bakeoff.win-rate", "'bakeoff.win-rate' is a share: give the question one of the "
                              "units '%'"),
    ("s", "measure.latency-p99", "unknown source 'measure.latency-p99'"),
    ("s", "bakeoff.to-plan", "'bakeoff.to-plan' gives yes or no"),
])
def test_a_wrong_source_is_named_at_its_line(tmp_path: Path, unit: str, source: str,
                                             message: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(RUBRIC.format(unit=unit, source=source), encoding="utf-8")
    result = run_main("rubrics", "validate", path)
    assert result.code == 2
    assert f"{path}:15:22: {message}" in result.stderr


def test_a_fitting_source_validates(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(RUBRIC.format(unit="ms", source="measure.latency-p95"), encoding="utf-8")
    assert run_main("rubrics", "validate", path).code == 0


def test_values_reach_the_question_in_its_unit() -> None:
    def question(unit: str, source: str) -> Question:
        return Question(id="q", text="Q?", type="number", unit=unit, better="lower",
                        informed_by=source)
    assert in_question_unit(question("ms", "measure.latency-p95"), 1.5) == 1500
    assert in_question_unit(question("%", "measure.error-rate"), 0.25) == 25
    assert in_question_unit(question("fraction", "bakeoff.win-rate"), 0.6) == 0.6


def test_a_question_without_a_source_hashes_as_before() -> None:
    plain = Question(id="q", text="Q?")
    data = plain.model_dump()
    assert data["informed_by"] is None  # present in the model ...
    from checklist.model.rubric import Rubric, Section
    rubric = Rubric(id="r", version="1.0.0", title="R",
                    sections=[Section(id="s", title="S", axis="claims", questions=[plain])])
    assert "informed_by" not in rubric.stored()["sections"][0]["questions"][0]  # ... not pinned
