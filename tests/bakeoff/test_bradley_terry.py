"""Bradley-Terry: checked against an independent fit (statsmodels' logistic regression) and
against simulations with known strengths, never only against itself."""

from __future__ import annotations

import math

import numpy as np
import pytest

from checklist.bakeoff.bradley_terry import (
    NotIdentified,
    elo_to_probability,
    fit,
    probability_to_elo,
)

sm = pytest.importorskip("statsmodels.api")

NAMES = ["a", "b", "c", "d", "e"]


def simulate(truth: np.ndarray, count: int, seed: int) -> list[tuple[str, str, float]]:
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(count):
        i, j = rng.choice(len(truth), 2, replace=False)
        p = 1 / (1 + math.exp(-(truth[i] - truth[j])))
        rows.append((NAMES[i], NAMES[j], float(rng.random() < p)))
    return rows


def logistic_reference(rows: list[tuple[str, str, float]]) -> tuple[np.ndarray, object]:
    """The same model as a logistic regression: one column per item but the first (fixed at
    0), +1 for the first item of a row, -1 for the second, no intercept."""
    x = np.zeros((len(rows), len(NAMES) - 1))
    y = np.array([s for _, _, s in rows])
    for k, (a, b, _) in enumerate(rows):
        if NAMES.index(a):
            x[k, NAMES.index(a) - 1] += 1
        if NAMES.index(b):
            x[k, NAMES.index(b) - 1] -= 1
    result = sm.Logit(y, x).fit(disp=0, method="newton", tol=1e-12, maxiter=100)
    theta = np.concatenate([[0.0], result.params])
    return theta - theta.mean(), result


@pytest.mark.parametrize("seed", range(5))
def test_agrees_with_logistic_regression_to_1e6(seed: int) -> None:
    truth = np.array([0.6, 0.2, 0.0, -0.3, -0.5])
    rows = simulate(truth, 400, seed)
    ours = fit(rows, NAMES)
    reference, result = logistic_reference(rows)
    assert np.max(np.abs(ours.theta - reference)) < 1e-6
    # standard errors too: item b's coefficient is θb - θa
    assert ours.difference_se("b", "a") == pytest.approx(result.bse[0], rel=1e-6)
    assert ours.theta.sum() == pytest.approx(0, abs=1e-12)


def test_recovers_known_strengths() -> None:
    truth = np.array([0.8, 0.3, 0.0, -0.4, -0.7])
    ours = fit(simulate(truth, 20_000, 3), NAMES)
    centred = truth - truth.mean()
    for k, name in enumerate(NAMES):  # within 4 standard errors of the truth
        se = math.sqrt(ours.covariance[k, k])
        assert abs(ours.theta[k] - centred[k]) < 4 * se, name
    assert ours.win_probability("a", "e") == pytest.approx(
        1 / (1 + math.exp(-1.5)), abs=0.02)


def test_intervals_cover_the_truth_about_95_percent() -> None:
    truth = np.array([0.5, 0.0, -0.5])
    covered = 0
    runs = 200
    for seed in range(runs):
        rows = [r for r in simulate(np.concatenate([truth, [0, 0]]), 600, seed)
                if r[0] in "abc" and r[1] in "abc"]
        ours = fit(rows, ["a", "b", "c"])
        gap, se = ours.theta[0] - ours.theta[2], ours.difference_se("a", "c")
        covered += abs(gap - 1.0) < 1.96 * se
    assert 0.90 <= covered / runs <= 0.98


def test_a_tie_counts_as_half_a_win_each() -> None:
    rows = [("a", "b", 1.0), ("b", "a", 1.0), ("a", "b", 1.0), ("b", "c", 1.0),
            ("c", "b", 1.0), ("a", "c", 1.0), ("c", "a", 1.0)]
    with_tie = fit([*rows, ("a", "c", 0.5)], ["a", "b", "c"])
    halves = fit([*rows, ("a", "c", 1.0), ("a", "c", 0.0)], ["a", "b", "c"],
                 weights=[1.0] * len(rows) + [0.5, 0.5])
    assert np.allclose(with_tie.theta, halves.theta, atol=1e-12)


def test_weights_equal_repeated_outcomes() -> None:
    rows = simulate(np.array([0.3, 0.0, -0.3, 0.1, 0.0]), 200, 9)
    doubled = fit(rows + rows[:50], NAMES)
    weighted = fit(rows, NAMES, weights=[2.0] * 50 + [1.0] * 150)
    assert np.allclose(doubled.theta, weighted.theta, atol=1e-10)


def test_a_vendor_that_won_everything_is_not_identified() -> None:
    rows = [("a", "b", 1.0), ("a", "c", 1.0), ("b", "c", 1.0), ("c", "b", 1.0)]
    with pytest.raises(NotIdentified):
        fit(rows, ["a", "b", "c"])
    with pytest.raises(NotIdentified):  # never compared with the others
        fit([("a", "b", 1.0), ("b", "a", 1.0)], ["a", "b", "c"])
    shrunk = fit(rows, ["a", "b", "c"], ridge=1.0)  # a prior keeps it finite
    assert np.isfinite(shrunk.theta).all() and shrunk.theta[0] > shrunk.theta[1]


def test_elo_scale() -> None:
    assert elo_to_probability(25) == pytest.approx(0.536, abs=5e-4)
    assert elo_to_probability(50) == pytest.approx(0.571, abs=5e-4)
    assert elo_to_probability(100) == pytest.approx(0.640, abs=5e-4)
    assert probability_to_elo(elo_to_probability(73.0)) == pytest.approx(73.0)
    ours = fit([("a", "b", 1.0)] * 3 + [("b", "a", 1.0)], ["a", "b"])
    elo = ours.elo()
    assert elo["a"] - elo["b"] == pytest.approx(probability_to_elo(0.75))
