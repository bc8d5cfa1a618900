"""The power estimate against a known case: two vendors, 385 votes, a 50-Elo gap -> ~80%
(the normal approximation gives 80.9%)."""

from __future__ import annotations

import pytest

from checklist.bakeoff.power import detectable_gap, power_at

TWO_VENDORS = [(0, 1) if k % 2 == 0 else (1, 0) for k in range(385)]


def test_385_votes_give_80_percent_power_at_50_elo() -> None:
    power = power_at(TWO_VENDORS, 2, (0, 1), 50.0, simulations=4000, seed=3)
    assert power == pytest.approx(0.80, abs=0.03)


def test_the_detectable_gap_for_385_votes_is_about_50_elo() -> None:
    result = detectable_gap(TWO_VENDORS, 2, simulations=2000, seed=5)
    assert result.elo == pytest.approx(50, abs=5)
    assert result.win_probability == pytest.approx(0.571, abs=0.008)
    assert (result.direct_votes, result.votes) == (385, 385)


def test_no_gap_is_found_about_5_percent_of_the_time() -> None:
    assert power_at(TWO_VENDORS, 2, (0, 1), 0.0, simulations=4000, seed=4) == pytest.approx(
        0.05, abs=0.015)


def test_more_votes_detect_smaller_gaps_and_too_few_detect_nothing() -> None:
    small = detectable_gap(TWO_VENDORS[:100], 2, simulations=500, seed=1)
    large = detectable_gap(TWO_VENDORS * 4, 2, simulations=500, seed=1)
    assert large.elo < small.elo
    assert detectable_gap(TWO_VENDORS[:4], 2, simulations=200).elo == float("inf")


def test_same_seed_same_answer() -> None:
    votes = [(0, 1), (1, 2), (2, 0), (1, 0), (2, 1), (0, 2)] * 30
    first = detectable_gap(votes, 3, simulations=300, seed=8)
    assert first == detectable_gap(votes, 3, simulations=300, seed=8)
