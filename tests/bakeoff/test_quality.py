"""Judging quality on simulated and constructed votes: position bias, raters against the
consensus, agreement with pairs seen either way round, unusable rates."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from bakeoff.simulate_votes import Scenario, simulate
from checklist.bakeoff.intervals import wilson
from checklist.bakeoff.quality import (
    judging_quality,
    position_bias,
    rater_agreement,
    rater_checks,
    unusable_rates,
)
from checklist.bakeoff.vote_table import VoteTable

proportion = pytest.importorskip("statsmodels.stats.proportion")


def test_position_bias_is_detected_on_left_biased_votes() -> None:
    biased = position_bias(simulate(Scenario(left_bias=0.4), 1))
    assert biased.detected and biased.share.low > 0.55, biased
    fair = position_bias(simulate(Scenario(), 1))
    assert not fair.detected, fair


def test_the_biased_rater_shows_in_their_own_left_share() -> None:
    table = simulate(Scenario(raters=4, prompts=60, left_bias=1.0, biased_raters=(2,)), 3)
    checks = {c.rater: c for c in rater_checks(table)}
    assert checks["r2"].left.low > 0.6
    assert all(checks[r].left.low < 0.5 < checks[r].left.high for r in ("r0", "r1", "r3"))


def test_a_contrarian_rater_is_flagged_and_the_others_are_not() -> None:
    """r1 reverses every verdict: they disagree with the fit of the others' votes."""
    table = simulate(Scenario(strengths=(1.0, 0.5, 0.0, -0.5, -1.0), raters=4), 2)
    score = np.where(table.rater == 1, 1 - table.score, table.score)
    checks = {c.rater: c for c in rater_checks(dataclasses.replace(table, score=score))}
    assert checks["r1"].flagged and checks["r1"].agreed < 0.4
    assert not any(checks[r].flagged for r in ("r0", "r2", "r3"))
    # (the contrarian also pulls the others' consensus towards even, so they agree with it
    # more often than it expects: never flagged for that)
    assert all(checks[r].agreed >= checks[r].expected - 0.05 for r in ("r0", "r2", "r3"))


def test_a_rater_is_compared_with_the_others_not_with_themselves() -> None:
    """r0 casts half the votes, all reversed; three others share the other half. A fit
    that kept r0's own votes would sit near even and find nothing odd about r0."""
    table = simulate(Scenario(strengths=(1.0, 0.5, 0.0, -0.5, -1.0), raters=2), 6)
    score = np.where(table.rater == 0, 1 - table.score, table.score)
    rater = np.where(table.rater == 0, 0, 1 + table.prompt % 3)
    table = dataclasses.replace(table, score=score, rater=rater,
                                raters=("r0", "r1", "r2", "r3"))
    (contrarian, *_) = rater_checks(table)
    assert contrarian.flagged and contrarian.expected > 0.6, contrarian


def test_a_coin_flipping_rater_is_flagged() -> None:
    table = simulate(Scenario(strengths=(1.0, 0.5, 0.0, -0.5, -1.0), raters=4, prompts=60), 5)
    coin = np.random.default_rng(0).integers(0, 2, len(table)).astype(float)
    score = np.where(table.rater == 3, coin, table.score)
    checks = {c.rater: c for c in rater_checks(dataclasses.replace(table, score=score))}
    assert checks["r3"].flagged
    assert not any(checks[r].flagged for r in ("r0", "r1", "r2"))


def test_a_lone_rater_has_no_consensus_to_compare_with() -> None:
    table = simulate(Scenario(raters=1, prompts=5), 0)
    (check,) = rater_checks(table)
    assert check.agreed is None and check.z is None and not check.flagged


def small(rows: list[tuple[int, int, int, int, float]], vendors: int = 2) -> VoteTable:
    """(prompt, rater, left, right, left's score) rows."""
    prompts = max(r[0] for r in rows) + 1
    raters = max(r[1] for r in rows) + 1
    return VoteTable(tuple(f"v{k}" for k in range(vendors)),
                     tuple(f"p{k}" for k in range(prompts)),
                     tuple(f"r{k}" for k in range(raters)), ("general",) * prompts,
                     np.array([r[2] for r in rows]), np.array([r[3] for r in rows]),
                     np.array([r[0] for r in rows]), np.array([r[1] for r in rows]),
                     np.array([r[4] for r in rows], dtype=np.float64))


def test_agreement_counts_a_pair_seen_either_way_round_as_the_same_comparison() -> None:
    """r0 saw v0 on the left and picked it; r1 saw v0 on the right and picked it too: the
    same verdict. Over three such comparisons with varied verdicts, alpha is 1."""
    rows = [(0, 0, 0, 1, 1.0), (0, 1, 1, 0, 0.0),       # both: v0 better
            (1, 0, 0, 1, 0.5), (1, 1, 1, 0, 0.5),       # both: tie
            (2, 0, 1, 0, 1.0), (2, 1, 0, 1, 0.0),       # both: v1 better
            (3, 0, 0, 1, np.nan), (3, 1, 1, 0, np.nan)]  # both: both unusable
    result = rater_agreement(small(rows))
    assert result.nominal == pytest.approx(1.0) and result.ordinal == pytest.approx(1.0)
    assert (result.units, result.votes) == (4, 8)


def test_agreement_needs_comparisons_judged_twice() -> None:
    table = simulate(Scenario(raters=3), 0)
    result = rater_agreement(table)
    assert result.nominal is None and result.units == 0


def test_agreement_is_high_for_like_raters_and_near_zero_for_coin_flippers() -> None:
    """Vendors equal overall, but each prompt clearly favours some (σ 3): raters who see
    the same comparison agree far beyond chance. (Were one vendor better everywhere,
    "first better" would dominate and chance agreement alone would be high: alpha
    measures agreement beyond that.)"""
    strong = simulate(Scenario(strengths=(0.0,) * 4, prompt_effect=3.0, raters=3,
                               overlap=2), 1)
    assert rater_agreement(strong).ordinal > 0.5
    coin = np.random.default_rng(1).integers(0, 2, len(strong)).astype(float)
    noise = rater_agreement(dataclasses.replace(strong, score=coin))
    assert abs(noise.nominal) < 0.1 and abs(noise.ordinal) < 0.1


def test_unusable_rates_count_every_comparison_of_the_vendor() -> None:
    rows = [(0, 0, 0, 1, np.nan), (1, 0, 0, 2, 1.0), (2, 0, 2, 1, np.nan), (3, 0, 1, 2, 0.5)]
    rates = {r.vendor: r for r in unusable_rates(small(rows, vendors=3))}
    assert (rates["v0"].unusable, rates["v0"].votes) == (1, 2)
    assert (rates["v1"].unusable, rates["v1"].votes) == (2, 3)
    assert (rates["v2"].unusable, rates["v2"].votes) == (1, 3)
    assert rates["v1"].rate.value == pytest.approx(2 / 3)


@pytest.mark.parametrize(("k", "n"), [(0, 20), (3, 40), (20, 20), (7, 9)])
def test_wilson_interval_matches_statsmodels(k: int, n: int) -> None:
    low, high = proportion.proportion_confint(k, n, alpha=0.05, method="wilson")
    ours = wilson(k, n)
    assert (ours.low, ours.high) == pytest.approx((low, high), abs=1e-9)


def test_judging_quality_puts_it_together() -> None:
    table = simulate(Scenario(raters=3, overlap=2, unusable=0.1), 4)
    quality = judging_quality(table)
    assert quality.agreement.units > 0
    assert len(quality.raters) == 3 and len(quality.unusable) == 5
    assert all(0.0 < u.rate.value < 0.25 for u in quality.unusable)
