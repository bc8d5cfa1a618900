"""`checklist bakeoff results` as a user runs it: the tables, the JSON, and refusals with
exit 2 that name the vendors the votes cannot rate."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile.util import check_user_error, run_main

from bakeoff.bakeoff_support import plan
from checklist.bakeoff.folder import load_bakeoff
from checklist.bakeoff.plan import require_plan
from checklist.bakeoff.votes import VoteFile

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bakeoff-text"

Chooser = Callable[[str, str, str], str]


def vote_all(folder: Path, rater: str, choose: Chooser) -> None:
    """Casts `rater`'s whole share; `choose(left vendor, right vendor, prompt)` -> verdict."""
    bakeoff = load_bakeoff(folder)
    planned = require_plan(bakeoff)
    file = VoteFile.open(bakeoff, planned, rater)
    by_id = {c.id: c for c in planned.comparisons}
    for cid in planned.queues[file.rater]:
        c = by_id[cid]
        left, right = planned.outputs[c.left].vendor, planned.outputs[c.right].vendor
        file.cast(cid, choose(left, right, c.prompt))  # type: ignore[arg-type]


def by_order(order: list[str], upsets: dict[str, tuple[str, str]]) -> Chooser:
    """The vendor earlier in `order` wins, except where `upsets[prompt]` = (winner, loser)."""
    def choose(left: str, right: str, prompt: str) -> str:
        winner = left if order.index(left) < order.index(right) else right
        upset = upsets.get(prompt)
        if upset is not None and {left, right} == set(upset):
            winner = upset[0]
        return "left" if winner == left else "right"
    return choose


MIXED = by_order(["acme", "beta-corp", "gamma"], {"p02": ("gamma", "beta-corp"),
                                                   "p03": ("beta-corp", "acme"),
                                                   "p04": ("gamma", "acme")})


@pytest.fixture
def voted(bakeoff: Path) -> Path:
    """Three vendors, four prompts (two tasks), every comparison judged by ana and bob."""
    settings = bakeoff / "bakeoff" / "bakeoff.yaml"
    text = settings.read_text()
    text = re.sub(r"(id: p0[34]\n(?:  .*\n)*?  task:) text-generation", r"\1 summarisation",
                  text)
    settings.write_text(text)
    plan(bakeoff, "ana", "bob", extra=("--overlap", "2"))
    vote_all(bakeoff, "ana", MIXED)
    vote_all(bakeoff, "bob", MIXED)
    return bakeoff


def test_results_table_ranks_vendors_with_intervals_and_quality(voted: Path) -> None:
    result = run_main("bakeoff", "results", voted)
    assert result.code == 0, result.output
    out = result.stdout
    assert "24 of 24 planned votes" in out
    ranks = re.findall(r"^ +(\d)  (acme|beta-corp|gamma) ", out, re.MULTILINE)
    assert ranks[:3] == [("1", "acme"), ("2", "beta-corp"), ("3", "gamma")]
    assert "Win probability" in out and "vs 1" in out
    assert "Ratings, task text-generation" in out and "Ratings, task summarisation" in out
    assert "agreement between raters (Krippendorff's alpha" in out
    assert "position bias: left won" in out
    assert run_main("bakeoff", "results", voted).stdout == out  # seeded: the same again


def test_results_json_has_a_schema_version_and_every_number(voted: Path) -> None:
    result = run_main("bakeoff", "results", voted, "--json", "--draws", "200")
    assert result.code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["method"]["draws"] == 200
    assert data["method"]["seed"] == load_bakeoff(voted).settings.seed
    ratings = data["ratings"]
    assert ratings["rated"] and ratings["votes"] == 24
    first = ratings["vendors"][0]
    assert first["vendor"] == "acme" and first["rank"] == 1
    assert first["elo"]["value"] > 1000
    versus = first["win_probability"]["beta-corp"]
    assert 0.5 < versus["value"] < 1 and {"low", "high", "elo_gap",
                                          "detectable_gap_elo"} <= set(versus)
    assert sum(v["elo"]["value"] for v in ratings["vendors"]) == pytest.approx(3000, abs=0.01)
    assert [c["category"] for c in data["categories"]] == ["text-generation", "summarisation"]
    quality = data["quality"]
    assert quality["agreement"]["krippendorff_alpha_nominal"] == pytest.approx(1.0)
    assert quality["agreement"]["comparisons_judged_by_several"] == 12
    assert {r["rater"] for r in quality["raters"]} == {"ana", "bob"}


def test_seed_is_recorded_and_leaves_the_ratings_alone(voted: Path) -> None:
    one = json.loads(run_main("bakeoff", "results", voted, "--json", "--seed", "1").stdout)
    two = json.loads(run_main("bakeoff", "results", voted, "--json", "--seed", "2").stdout)
    first, second = one["ratings"]["vendors"], two["ratings"]["vendors"]
    assert [v["elo"]["value"] for v in first] == [v["elo"]["value"] for v in second]
    assert (one["method"]["seed"], two["method"]["seed"]) == (1, 2)


def test_one_category(voted: Path) -> None:
    result = run_main("bakeoff", "results", voted, "--category", "summarisation", "--json")
    assert result.code == 0, result.output
    data = json.loads(result.stdout)
    assert data["category"] == "summarisation" and data["ratings"]["votes"] == 12
    assert data["categories"] == []


def test_a_vendor_that_won_everything_is_refused_by_name(bakeoff: Path) -> None:
    plan(bakeoff, "ana", "bob")
    winner = by_order(["acme", "beta-corp", "gamma"], {"p01": ("gamma", "beta-corp")})
    vote_all(bakeoff, "ana", winner)
    vote_all(bakeoff, "bob", winner)
    votes = bakeoff / "bakeoff" / "votes"
    before = {p.name: p.read_bytes() for p in votes.iterdir()}
    result = run_main("bakeoff", "results", bakeoff)
    check_user_error(result, votes, positioned=False,
                     message="too few votes to rate every vendor: acme won every comparison")
    assert "a bake-off with more prompts can say by how much" in result.stderr
    assert {p.name: p.read_bytes() for p in votes.iterdir()} == before


def test_a_vendor_without_votes_is_named(bakeoff: Path) -> None:
    plan(bakeoff, "ana", "bob")
    vote_all(bakeoff, "ana", lambda left, right, prompt: (
        "both-unusable" if "gamma" in (left, right) else "tie"))
    result = run_main("bakeoff", "results", bakeoff)
    check_user_error(result, bakeoff / "bakeoff" / "votes", positioned=False,
                     message="gamma has no votes stating a preference yet")
    assert "keep judging (6 of 12 planned votes cast)" in result.stderr, result.stderr


def test_no_votes_and_bad_options_are_refused(bakeoff: Path) -> None:
    no_plan = run_main("bakeoff", "results", bakeoff)
    check_user_error(no_plan, bakeoff / "bakeoff" / "plan.yaml", positioned=False,
                     message="no plan yet")
    plan(bakeoff, "ana")
    none = run_main("bakeoff", "results", bakeoff)
    check_user_error(none, bakeoff / "bakeoff" / "votes", positioned=False,
                     message="no votes yet")
    assert "(0 of 12 planned)" in none.stderr
    check_user_error(run_main("bakeoff", "results", bakeoff, "--category", "text-generaton"),
                     "checklist", positioned=False, message="did you mean 'text-generation'")
    check_user_error(run_main("bakeoff", "results", bakeoff, "--draws", "5"), "checklist",
                     positioned=False, message="--draws 5: give 100 to 20,000")
    check_user_error(run_main("bakeoff", "results", bakeoff, "--seed", "-1"), "checklist",
                     positioned=False, message="--seed -1")


def test_the_example_is_rated_and_says_where_votes_are_too_few() -> None:
    result = run_main("bakeoff", "results", EXAMPLE)
    assert result.code == 0, result.output
    assert "30 of 36 planned votes" in result.stdout
    assert re.search(r"^ +1  quill-ai +Quill AI +1080 ", result.stdout, re.MULTILINE)
    assert "cannot bound" in result.stdout  # six prompts: some ends stay open


def test_agreement_near_zero_prints_without_a_minus_sign():
    """Raters' agreement is printed by the one number rule: a value that rounds to zero is
    "0.00", never "-0.00" (issue 20 item 9)."""
    from checklist.cli.bakeoff_results import _alpha

    assert _alpha(-0.001) == "0.00"
    assert _alpha(-0.25) == "-0.25"
    assert _alpha(None).startswith("—")
