"""The bundled text bake-off example loads, and its plan is what its files and seed give."""

from __future__ import annotations

import shutil
from pathlib import Path

from hostile.util import run_main

from bakeoff.example_video_bakeoff import build
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


VIDEO = EXAMPLE.parent / "ai-video-2026"


def test_worked_example_bakeoff_is_what_its_generator_gives(tmp_path: Path) -> None:
    copy = tmp_path / "video"
    shutil.copytree(VIDEO, copy, ignore=shutil.ignore_patterns("bakeoff"))
    build(copy)
    made = sorted(p.relative_to(copy) for p in (copy / "bakeoff").rglob("*") if p.is_file())
    kept = sorted(p.relative_to(VIDEO) for p in (VIDEO / "bakeoff").rglob("*") if p.is_file())
    assert made == kept
    for name in made:
        assert (copy / name).read_bytes() == (VIDEO / name).read_bytes(), name


def test_worked_example_bakeoff_is_fictional_complete_and_rated() -> None:
    bakeoff = load_bakeoff(VIDEO)
    plan = load_plan(bakeoff)
    assert plan is not None
    votes = load_votes(bakeoff, plan)
    assert sum(len(f.votes) for f in votes.values()) == 144
    assert all(v.note.startswith("(fictional)") for f in votes.values() for v in f.votes)
    assert "(fictional)" in bakeoff.settings.title
    result = run_main("bakeoff", "results", VIDEO)
    assert result.code == 0, result.output
    assert "144 of 144 planned votes" in result.stdout
    for task in ("all prompts", "task text-to-video", "task image-to-video"):
        assert f"Ratings, {task}" in result.stdout
