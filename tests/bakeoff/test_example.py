"""The bundled text bake-off example loads, and its plan is what its files and seed give."""

from __future__ import annotations

from pathlib import Path

from hostile.util import run_main

from checklist.bakeoff.catalog import build_catalog
from checklist.bakeoff.folder import load_bakeoff
from checklist.bakeoff.plan import PlanRequest, load_plan, make_plan, plan_text
from checklist.bakeoff.votes import load_votes, visible_votes

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bakeoff-text"


def test_example_status_is_clean() -> None:
    result = run_main("bakeoff", "status", EXAMPLE)
    assert result.code == 0, result.output
    assert "outputs: 18 of 18" in result.stdout
    assert "18/18" in result.stdout and "12/18" in result.stdout


def test_example_plan_is_reproducible_from_its_files_and_seed() -> None:
    bakeoff = load_bakeoff(EXAMPLE)
    plan = load_plan(bakeoff)
    assert plan is not None
    again = make_plan(bakeoff, build_catalog(bakeoff),
                      PlanRequest(["Mei Tanaka", "Jonas Berg"], bakeoff.settings.seed,
                                  overlap=2))
    assert plan_text(again) == (EXAMPLE / "bakeoff" / "plan.yaml").read_text(encoding="utf-8")


def test_example_votes_are_fictional_and_blind_for_the_unfinished_rater() -> None:
    bakeoff = load_bakeoff(EXAMPLE)
    plan = load_plan(bakeoff)
    assert plan is not None
    votes = load_votes(bakeoff, plan)
    assert all(v.note.startswith("(fictional)") for f in votes.values() for v in f.votes)
    assert visible_votes(bakeoff, plan, "Jonas Berg").blind
    assert set(visible_votes(bakeoff, plan, "Mei Tanaka").votes) == {"mei-tanaka",
                                                                       "jonas-berg"}
