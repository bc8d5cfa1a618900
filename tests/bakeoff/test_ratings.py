"""Ratings with intervals: the point estimate against an independent fit (statsmodels),
the intervals against simulations with known strengths, refusals naming the vendors."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bakeoff.simulate_votes import Scenario, coverage, prompts_only, simulate
from checklist.bakeoff import ratings as ratings_module
from checklist.bakeoff.bradley_terry import ELO_PER_UNIT, PairTotals, strong_components
from checklist.bakeoff.intervals import two_way_interval
from checklist.bakeoff.ratings import NotRated, rate
from checklist.bakeoff.vote_table import VoteTable

sm = pytest.importorskip("statsmodels.api")


def table_of(rows: list[tuple[int, int, float]], vendors: int = 3, *,
             prompts: list[int] | None = None, raters: list[int] | None = None) -> VoteTable:
    """A table from (left, right, left's score) rows; NaN is "both unusable"."""
    count = len(rows)
    prompt = np.array(prompts if prompts is not None else [k % 4 for k in range(count)])
    rater = np.array(raters if raters is not None else [k % 2 for k in range(count)])
    return VoteTable(tuple(f"v{k}" for k in range(vendors)),
                     tuple(f"p{k}" for k in range(int(prompt.max()) + 1)),
                     tuple(f"r{k}" for k in range(int(rater.max()) + 1)),
                     tuple("general" for _ in range(int(prompt.max()) + 1)),
                     np.array([r[0] for r in rows]), np.array([r[1] for r in rows]),
                     prompt, rater, np.array([r[2] for r in rows], dtype=np.float64))


def reference_fit(table: VoteTable) -> tuple[np.ndarray, object]:
    """Bradley-Terry as a binomial GLM with logit link (ties as the fraction 0.5): one
    column per vendor but the first (fixed at 0), +1 left, -1 right, no intercept.
    "Both unusable" votes are left out, as the ratings leave them out."""
    keep = ~np.isnan(table.score)
    n = len(table.vendors)
    x = np.zeros((int(keep.sum()), n - 1))
    for k, (a, b) in enumerate(zip(table.left[keep], table.right[keep], strict=True)):
        if a:
            x[k, a - 1] += 1
        if b:
            x[k, b - 1] -= 1
    model = sm.GLM(table.score[keep], x, family=sm.families.Binomial())
    result = model.fit(method="newton", tol=1e-13, maxiter=100, cov_type="HC0")
    theta = np.concatenate([[0.0], result.params])
    return theta - theta.mean(), result


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("ties", [0.0, 0.2])
def test_point_estimates_agree_with_statsmodels_to_1e6(seed: int, ties: float) -> None:
    table = simulate(Scenario(prompts=30, raters=3, tie=ties, unusable=0.05), seed)
    result = rate(table, draws=50, seed=seed)
    reference, _ = reference_fit(table)
    assert np.max(np.abs(result.theta - reference)) < 1e-6
    for k, vendor in enumerate(table.vendors):
        assert result.elo(vendor).value == pytest.approx(1000 + reference[k] * ELO_PER_UNIT,
                                                         abs=1e-4)
    p = 1 / (1 + math.exp(-(reference[0] - reference[4])))
    assert result.win_probability("v0", "v4").value == pytest.approx(p, abs=1e-6)
    assert result.votes == int((~np.isnan(table.score)).sum())


@pytest.mark.parametrize("ties", [0.0, 0.3])
def test_vote_noise_is_the_sandwich_covariance_of_statsmodels(ties: float) -> None:
    """The votes' own noise (the floor of every interval) is the heteroskedasticity-robust
    (HC0) covariance of the same fit: checked on the gap between v1 and v0."""
    table = simulate(Scenario(prompts=30, raters=3, tie=ties), 5)
    votes = table.subset(table.preference)
    pairs = PairTotals.of(votes.left, votes.right, 5)
    score = np.where(pairs.flip, 1 - votes.score, votes.score)
    result = rate(table, draws=20)
    wins, totals = ratings_module._pair_totals(pairs.pair_of, score, len(pairs.first))
    fitted = ratings_module.fit_batch(pairs, wins[None], totals[None], 5)
    noise = ratings_module._vote_noise(pairs, pairs.pair_of, score, result.theta,
                                       fitted.covariance[0])
    _, reference = reference_fit(table)
    variance = noise[1, 1] + noise[0, 0] - 2 * noise[0, 1]
    assert variance == pytest.approx(reference.cov_params()[0, 0], rel=1e-6)


def test_same_seed_same_intervals_other_seed_other_draws() -> None:
    table = simulate(Scenario(), 1)
    one, again, other = rate(table, seed=3), rate(table, seed=3), rate(table, seed=4)
    assert np.array_equal(one.gap_low, again.gap_low)
    assert np.array_equal(one.theta_high, again.theta_high)
    assert not np.array_equal(one.gap_low, other.gap_low)
    assert np.array_equal(one.theta, other.theta)


def test_batches_do_not_change_the_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    """Draws are fitted in batches to bound memory; the batch size changes nothing."""
    table = simulate(Scenario(), 2)
    whole = rate(table, draws=200, seed=9)
    monkeypatch.setattr(ratings_module, "_BATCH_FLOATS", 1)  # one draw per batch
    split = rate(table, draws=200, seed=9)
    assert np.allclose(whole.gap_low, split.gap_low, atol=1e-12)
    assert np.allclose(whole.theta_high, split.theta_high, atol=1e-12)


def test_intervals_cover_in_a_quick_simulation() -> None:
    """A fast check of coverage (30 runs): a gross error in the intervals (too narrow by a
    third, say) would land far below; the slow test pins it to 90-98% over 200 runs."""
    elo, gap = coverage(Scenario(), 30, draws=300, seed=1)
    assert 0.88 <= elo <= 0.99 and 0.88 <= gap <= 0.99, (elo, gap)


@pytest.mark.slow
@pytest.mark.parametrize("scenario", [
    Scenario(),  # raters alike: the plain case
    Scenario(raters=5, rater_taste=0.25, prompt_effect=0.2),  # raters and prompts differ
], ids=["raters-alike", "raters-differ"])
def test_intervals_cover_the_truth_in_90_to_98_percent_of_200_runs(scenario: Scenario) -> None:
    elo, gap = coverage(scenario, 200, draws=1000, seed=2)
    assert 0.90 <= elo <= 0.98, elo
    assert 0.90 <= gap <= 0.98, gap


@pytest.mark.slow
def test_resampling_prompts_alone_under_covers_when_raters_differ() -> None:
    """Eight raters whose tastes differ (σ 0.4 per vendor, about 170 Elo): resampling
    prompts alone leaves the raters' share of the uncertainty out and under-covers;
    resampling prompts and raters together covers."""
    scenario = Scenario(raters=8, rater_taste=0.4)
    both = coverage(scenario, 200, draws=1000, seed=3)
    alone = coverage(scenario, 200, draws=1000, seed=3, raters=False)
    assert all(0.90 <= share <= 0.98 for share in both), both
    assert all(share < 0.90 for share in alone), alone
    assert all(a < b - 0.03 for a, b in zip(alone, both, strict=True)), (alone, both)


def test_one_rater_means_prompts_only_and_still_an_interval() -> None:
    table = prompts_only(simulate(Scenario(), 4))
    result = rate(table, draws=200)
    gap = result.elo_gap("v0", "v4")
    assert gap.low < gap.value < gap.high and gap.bounded


def test_a_vendor_that_won_everything_is_named() -> None:
    rows = [(0, 1, 1.0), (1, 0, 0.0), (0, 2, 1.0), (1, 2, 1.0), (2, 1, 1.0), (2, 0, 0.0)]
    with pytest.raises(NotRated) as caught:
        rate(table_of(rows))
    assert caught.value.reasons == [
        "v0 won every comparison (4 votes): no vote says by how much"]


def test_a_vendor_that_lost_everything_and_one_without_votes_are_named() -> None:
    rows = [(0, 1, 1.0), (1, 0, 1.0), (0, 2, 1.0), (2, 1, 0.0), (1, 3, float("nan"))]
    with pytest.raises(NotRated) as caught:
        rate(table_of(rows, vendors=4))
    assert caught.value.reasons == [
        "v3 has no votes stating a preference yet",
        "v2 lost every comparison (2 votes): no vote says by how much"]


def test_groups_never_compared_are_named() -> None:
    rows = [(0, 1, 1.0), (1, 0, 1.0), (2, 3, 1.0), (3, 2, 1.0)]
    with pytest.raises(NotRated) as caught:
        rate(table_of(rows, vendors=4))
    assert caught.value.reasons == [
        "v0 and v1 were never compared with the other vendors, directly or through others",
        "v2 and v3 were never compared with the other vendors, directly or through others"]


def test_ties_link_vendors_and_pull_them_together() -> None:
    """A tie is half a win each way: two vendors that only tied are rated equal, and a
    vendor that won everything but one tie is rated (finitely) above."""
    rows = [(0, 1, 0.5), (1, 0, 0.5), (0, 2, 1.0), (2, 0, 0.5), (1, 2, 1.0), (2, 1, 0.5)]
    result = rate(table_of(rows), draws=100)
    assert result.elo("v0").value == pytest.approx(result.elo("v1").value, abs=1e-6)
    assert result.elo("v0").value > result.elo("v2").value


def test_an_end_the_data_cannot_bound_is_open() -> None:
    """v0 won 9 of 10: many draws leave out its one loss, and then nothing bounds how much
    better it is, so the interval's top is open, its win probability reaches 1, and the
    smallest detectable gap is infinite."""
    rows = [(0, 1, 1.0)] * 5 + [(1, 0, 0.0)] * 4 + [(1, 0, 1.0)]
    rows += [(1, 2, 1.0), (2, 1, 1.0)] * 20  # on every prompt, by both raters, both ways
    prompts = list(range(10)) + [k // 4 for k in range(40)]
    raters = [0, 1] * 5 + [k // 2 % 2 for k in range(40)]
    result = rate(table_of(rows, prompts=prompts, raters=raters), draws=400)
    assert result.degenerate_draws > 20
    assert result.elo("v0").high == math.inf
    assert result.win_probability("v0", "v1").high == 1.0
    assert result.win_probability("v1", "v0").low == 0.0
    assert result.detectable_gap("v0", "v1") == math.inf
    gap = result.elo_gap("v1", "v2")  # these two met often both ways
    assert math.isfinite(gap.low) and math.isfinite(gap.high)


def test_detectable_gap_shrinks_with_more_votes() -> None:
    small = rate(simulate(Scenario(prompts=20), 1), draws=300)
    large = rate(simulate(Scenario(prompts=80), 1), draws=300)
    assert large.detectable_gap("v0", "v1") < small.detectable_gap("v0", "v1")
    assert 0 < large.detectable_gap("v0", "v1") < math.inf


def test_two_way_interval_without_excess_is_the_percentile_interval() -> None:
    draws = np.random.default_rng(0).normal(0.0, 1.0, (4000, 1))
    low, high = two_way_interval(np.zeros(1), draws, np.zeros(1), 0.0)
    assert low[0] == pytest.approx(np.quantile(draws, 0.025))
    assert high[0] == pytest.approx(np.quantile(draws, 0.975))
    # counted three times, the noise is taken out twice; never below the noise itself
    low, high = two_way_interval(np.zeros(1), draws, np.full(1, 1 / math.sqrt(3)), 2.0)
    assert high[0] == pytest.approx(1.96 / math.sqrt(3), rel=0.05)
    low, high = two_way_interval(np.zeros(1), draws * 0, np.full(1, 0.5), 2.0)
    assert high[0] == pytest.approx(1.96 * 0.5, rel=1e-3)


@settings(max_examples=60, deadline=None)
@given(st.integers(3, 7), st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6),
                                             st.sampled_from([0.0, 0.5, 1.0])),
                                   min_size=1, max_size=25))
def test_draws_link_vendors_as_strong_components_do(n: int, rows: list) -> None:
    """The batched reachability test agrees with scipy's strongly connected components."""
    rows = [(a % n, b % n, s) for a, b, s in rows if a % n != b % n]
    if not rows:
        return
    pairs = PairTotals.of(np.array([r[0] for r in rows]), np.array([r[1] for r in rows]), n)
    score = np.where(pairs.flip, 1 - np.array([r[2] for r in rows]), [r[2] for r in rows])
    wins, totals = ratings_module._pair_totals(pairs.pair_of, score, len(pairs.first))
    linked = ratings_module._mutually_reachable(pairs, wins[None], totals[None], n)[0]
    labels = strong_components(pairs, wins, totals, n)
    assert np.array_equal(linked, labels[:, None] == labels[None, :])


def test_category_subset_keeps_vendors_and_renumbers_prompts() -> None:
    table = simulate(Scenario(prompts=6), 0)
    table = dataclasses.replace(table, categories=("a", "b", "a", "b", "a", "b"))
    only = table.category("b")
    assert only.vendors == table.vendors
    assert only.prompts == ("p1", "p3", "p5")
    assert set(only.prompt.tolist()) == {0, 1, 2}
    assert len(only) == len(table) // 2
