"""Claim verdicts on constructed cases with known truth: a large true gap is consistent, a
claimed lead our votes reverse is contradicted, too few votes are inconclusive."""

from __future__ import annotations

import pytest

from bakeoff.simulate_votes import Scenario, simulate
from checklist.bakeoff.bradley_terry import ELO_PER_UNIT
from checklist.bakeoff.claim_check import Comparison, check_claim, implied_win_probability
from checklist.bakeoff.ratings import rate


def _elo(points: float) -> float:
    """An Elo gap on the natural-log strength scale the simulation uses."""
    return points / ELO_PER_UNIT


@pytest.mark.parametrize("gap, probability", [(25, 0.536), (50, 0.571), (100, 0.640),
                                              (0, 0.5), (-100, 0.360)])
def test_elo_gaps_as_win_probabilities(gap: float, probability: float) -> None:
    comparison = Comparison("a", "b", "elo", gap)
    assert implied_win_probability(comparison) == pytest.approx(probability, abs=5e-4)


def test_a_win_rate_over_100_percent_is_refused() -> None:
    with pytest.raises(ValueError, match="between 0% and 100%"):
        implied_win_probability(Comparison("a", "b", "win-rate", 3.67))


def _check(strengths: tuple[float, ...], prompts: int, claim: Comparison,
           seed: int) -> str:
    table = simulate(Scenario(strengths=strengths, prompts=prompts, raters=3,
                              rater_taste=0.1, prompt_effect=0.1), seed)
    return check_claim(claim, rate(table, draws=300, seed=seed)).verdict


@pytest.mark.parametrize("seed", range(5))
def test_a_large_true_lead_makes_a_smaller_claim_consistent(seed: int) -> None:
    # truth: v0 is 200 Elo ahead of v1; the claim says 100 (a 64% win rate)
    claim = Comparison("v0", "v1", "elo", 100)
    assert _check((_elo(200), 0.0, _elo(-50)), 150, claim, seed) == "consistent"


@pytest.mark.parametrize("seed", range(5))
def test_a_lead_our_votes_reverse_is_contradicted(seed: int) -> None:
    # truth: v1 is 100 Elo ahead of v0; v0 claims to win 60% of head-to-heads
    claim = Comparison("v0", "v1", "win-rate", 0.60)
    assert _check((0.0, _elo(100), _elo(-50)), 150, claim, seed) == "contradicted"
    # "ranks above v1" says only "more than 50%": a reversal must be clear to contradict it
    assert _check((0.0, _elo(200), _elo(-50)), 150,
                  Comparison("v0", "v1", "rank"), seed) == "contradicted"


@pytest.mark.parametrize("seed", range(5))
def test_too_few_votes_are_inconclusive(seed: int) -> None:
    # truth: a 50 Elo lead as claimed, but only 3 prompts (9 votes per pair)
    claim = Comparison("v0", "v1", "elo", 50)
    table = simulate(Scenario(strengths=(_elo(50), 0.0, _elo(-25)), prompts=3, raters=3),
                     seed)
    result = check_claim(claim, rate(table, draws=300, seed=seed))
    assert result.verdict == "inconclusive"
    assert result.detectable_elo > 50
    assert ("inconclusive: claimed v0 preferred 57.1% of the time against v1; ours:"
            in result.sentence())


@pytest.mark.parametrize("seed", range(3))
def test_a_claimed_deficit_is_checked_as_the_other_sides_lead(seed: int) -> None:
    # "v1 ranks 100 Elo below v0" is v0's lead of 100 Elo; the truth is 200
    claim = Comparison("v1", "v0", "elo", -100)
    table = simulate(Scenario(strengths=(_elo(200), 0.0, _elo(-50)), prompts=150, raters=3,
                              rater_taste=0.1, prompt_effect=0.1), seed)
    result = check_claim(claim, rate(table, draws=300, seed=seed))
    assert result.verdict == "consistent"
    assert (result.comparison.vendor, result.comparison.rival) == ("v0", "v1")
    assert result.claimed == pytest.approx(0.640, abs=5e-4)
