"""Where each rater left off (`checklist.files.positions`), without the UI: kept per rater and
evaluation in the state folder, the most recent 200 evaluations, and a bad file ignored."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checklist.files import positions
from checklist.files.positions import Position, load_position, save_position


def state_file() -> Path:
    return Path(os.environ["CHECKLIST_STATE_DIR"]) / "positions.yaml"


def test_kept_per_rater_and_evaluation(tmp_path: Path):
    one, two = tmp_path / "one", tmp_path / "two"
    save_position(one, "ana", Position(vendor="acme", question="q1"))
    save_position(one, "ben", Position(vendor="beta", question="q2"))
    save_position(two, "ana", Position(vendor="gamma", question="q3"))
    assert load_position(one, "ana") == Position(vendor="acme", question="q1")
    assert load_position(one, "ben") == Position(vendor="beta", question="q2")
    assert load_position(two, "ana") == Position(vendor="gamma", question="q3")
    assert load_position(two, "ben") is None
    text = state_file().read_text(encoding="utf-8")
    save_position(two, "ana", Position(vendor="gamma", question="q3"))
    assert state_file().read_text(encoding="utf-8") == text  # deterministic


def test_the_least_recently_used_evaluations_are_forgotten(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(positions, "MAX_EVALUATIONS", 3)
    for n in range(4):
        save_position(tmp_path / f"e{n}", "ana", Position(vendor="v", question=f"q{n}"))
    assert load_position(tmp_path / "e0", "ana") is None
    assert load_position(tmp_path / "e3", "ana") == Position(vendor="v", question="q3")
    save_position(tmp_path / "e1", "ana", Position(vendor="v", question="again"))
    save_position(tmp_path / "e4", "ana", Position(vendor="v", question="q4"))
    assert load_position(tmp_path / "e1", "ana") is not None  # used again: kept
    assert load_position(tmp_path / "e2", "ana") is None


@pytest.mark.parametrize("text", ["evaluations: [1, 2", "- a list\n", "evaluations: {x: 1}\n",
                                  "evaluations: {x: {ana: {vendor: '../..', question: q}}}\n",
                                  "\x00\x01binary"])
def test_a_bad_file_is_ignored_and_replaced(tmp_path: Path, text: str):
    state_file().parent.mkdir(parents=True, exist_ok=True)
    state_file().write_text(text, encoding="utf-8")
    assert load_position(tmp_path, "ana") is None
    save_position(tmp_path, "ana", Position(vendor="acme", question="q1"))
    assert load_position(tmp_path, "ana") == Position(vendor="acme", question="q1")
