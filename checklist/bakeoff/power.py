"""What difference a plan can detect: the power of its votes, by seeded simulation.

For one pair of vendors (the pair the plan compares least often directly, so the answer
holds for every pair), give them a true gap of Δ Elo and every other vendor the strength
halfway between; simulate every planned vote as a win or a loss (P = 1/(1+10^(-Δ/400)) for
the stronger side, no ties), fit Bradley-Terry to all the votes (`bradley_terry.fit_batch`),
and call the pair's difference detected when |θa - θb| / SE > z (1.96 for 5% two-sided).
Power is the share of simulations that detect it; the smallest Δ with 80% power is found
by bisection with the same random numbers at every Δ (common random numbers, so power rises
smoothly with Δ). Votes are simulated as independent: raters who agree more than chance
(or several raters judging one comparison) make the real plan somewhat weaker than this.

Reference point (issue 16): two vendors, 385 votes, a 50-Elo gap -> about 80% power.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.special import expit  # type: ignore[import-untyped]
from scipy.stats import norm  # type: ignore[import-untyped]

from checklist.bakeoff.bradley_terry import (
    ELO_PER_UNIT,
    PairTotals,
    elo_to_probability,
    fit_batch,
)

DEFAULT_SIMULATIONS = 1000
#: A tiny prior keeps a simulation in which one vendor won everything finite (it then counts
#: as not detected, as a real analysis of such votes could not say by how much).
_RIDGE = 1e-6
#: The search stops here: a 800-Elo gap is a 99% win rate, which any real plan either
#: detects or cannot rate at all (the stronger vendor wins every vote it has).
MAX_ELO = 800.0


@dataclass(frozen=True)
class Power:
    """The smallest gap the plan detects for one pair with the given power."""

    pair: tuple[int, int]
    #: Votes between the two directly, and votes in the whole plan.
    direct_votes: int
    votes: int
    elo: float
    power: float
    alpha: float
    simulations: int

    @property
    def win_probability(self) -> float:
        """The stronger vendor's chance of winning one comparison at the detectable gap."""
        return elo_to_probability(self.elo)


def power_at(votes: Sequence[tuple[int, int]], n_vendors: int, pair: tuple[int, int],
             elo: float, *, alpha: float = 0.05, simulations: int = DEFAULT_SIMULATIONS,
             seed: int = 0) -> float:
    """The share of simulated bake-offs that detect a true gap of `elo` within `pair`."""
    uniforms = _uniforms(len(votes), simulations, seed)
    return _power(votes, n_vendors, pair, elo, alpha, uniforms)


def detectable_gap(votes: Sequence[tuple[int, int]], n_vendors: int, *, power: float = 0.8,
                   alpha: float = 0.05, simulations: int = DEFAULT_SIMULATIONS,
                   seed: int = 0, pair: tuple[int, int] | None = None,
                   tolerance: float = 0.5) -> Power:
    """The smallest gap (Elo) detected with `power` for `pair` (default: the pair with the
    fewest direct votes); `votes` are (left, right) vendor indices, one per planned vote.
    Returns infinity when not even MAX_ELO is detected often enough."""
    if not votes:
        raise ValueError("a plan with no votes detects nothing")
    direct = Counter((min(a, b), max(a, b)) for a, b in votes)
    if pair is None:
        candidates = [(a, b) for a in range(n_vendors) for b in range(a + 1, n_vendors)]
        pair = min(candidates, key=lambda p: (direct.get(p, 0), p))
    pair = (min(pair), max(pair))
    uniforms = _uniforms(len(votes), simulations, seed)
    low, high = 0.0, 25.0
    while _power(votes, n_vendors, pair, high, alpha, uniforms) < power:
        if high >= MAX_ELO:
            return Power(pair, direct.get(pair, 0), len(votes), math.inf, power, alpha,
                         simulations)
        low, high = high, min(2 * high, MAX_ELO)
    while high - low > tolerance:
        middle = (low + high) / 2
        if _power(votes, n_vendors, pair, middle, alpha, uniforms) >= power:
            high = middle
        else:
            low = middle
    return Power(pair, direct.get(pair, 0), len(votes), high, power, alpha, simulations)


def _uniforms(count: int, simulations: int, seed: int) -> np.ndarray:
    return np.random.default_rng(np.random.SeedSequence([seed, 0xB0FF])).random(
        (simulations, count))


def _power(votes: Sequence[tuple[int, int]], n: int, pair: tuple[int, int], elo: float,
           alpha: float, uniforms: np.ndarray) -> float:
    a, b = pair
    theta = np.zeros(n)
    theta[a] = elo / ELO_PER_UNIT / 2
    theta[b] = -elo / ELO_PER_UNIT / 2
    left = np.array([v[0] for v in votes], dtype=np.intp)
    right = np.array([v[1] for v in votes], dtype=np.intp)
    p = expit(theta[left] - theta[right])
    wins_left = (uniforms < p).astype(np.float64)
    pairs = PairTotals.of(left, right, n)
    wins, totals = pairs.totals(wins_left, np.ones_like(wins_left))
    result = fit_batch(pairs, wins, totals, n, ridge=_RIDGE)
    difference, se = result.difference(a, b)
    z = np.divide(difference, se, out=np.zeros_like(difference), where=se > 0)
    critical = float(norm.ppf(1 - alpha / 2))
    detected = (np.abs(z) > critical) & result.converged
    return float(detected.mean())


def elo_text(elo: float) -> str:
    return f"{elo:.0f}" if math.isfinite(elo) else "∞"
