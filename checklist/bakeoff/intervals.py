"""Intervals: an estimate with its low and high ends, and the two rules that make them.

- `two_way_interval`: from bootstrap draws that resample prompts and raters together (see
  `bootstrap`), percentile ends, corrected for the vote noise that resampling counts more
  than once, never narrower than the votes' own noise, and open where the data cannot
  bound them. Used for every rating (Elo, gaps, win probabilities).
- `wilson`: the Wilson score interval of a share (k of n), for the judging-quality rates
  (left side wins, "both unusable"), which may be 0 of n.

An open end is -inf or +inf (JSON: null): more than half of the (1 - level) tail's draws
could not separate the vendors at all, so no finite number is honest there.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.stats import norm  # type: ignore[import-untyped]

Float = NDArray[np.float64]

LEVEL = 0.95


@dataclass(frozen=True)
class Estimate:
    """A value and its interval; an end the data cannot bound is -inf or +inf."""

    value: float
    low: float
    high: float

    def map(self, function: Callable[[float], float]) -> Estimate:
        """The same estimate on another scale, through an increasing function."""
        return Estimate(function(self.value), function(self.low), function(self.high))

    @property
    def bounded(self) -> bool:
        return math.isfinite(self.low) and math.isfinite(self.high)

    def excludes(self, value: float) -> bool:
        return value < self.low or value > self.high


def z_value(level: float) -> float:
    return float(norm.ppf(0.5 + level / 2))


def two_way_interval(estimate: Float, draws: Float, noise_se: Float, excess: float, *,
                     level: float = LEVEL,
                     degenerate: NDArray[np.bool_] | None = None) -> tuple[Float, Float]:
    """Low and high ends for each column of `draws` (bootstrap draws x statistics).

    Each side separately: the percentile end's distance d from the estimate is corrected to
    sqrt(max(d² - excess·(z·se)², (z·se)²)), where se is the statistic's standard error
    from the votes' own noise (`noise_se`, votes taken as independent) and `excess` is how
    many more times than once the resampling counted that noise (`bootstrap.excess`).
    So the interval keeps the draws' asymmetry, holds the prompt-to-prompt and rater-to-
    rater variation the draws saw, and counts the noise of single votes once.

    `degenerate` marks, per draw and statistic, draws that could not separate the vendors;
    when more of them lie beyond the estimate on one side than the tail holds
    ((1 - level)/2 of the draws), that end is open (-inf or +inf).
    """
    tail = (1 - level) / 2
    low_q, high_q = np.quantile(draws, [tail, 1 - tail], axis=0)
    noise = (z_value(level) * noise_se) ** 2

    def side(distance: Float) -> Float:
        raw = np.maximum(distance, 0.0) ** 2
        return np.sqrt(np.maximum(raw - excess * noise, noise))

    low = estimate - side(estimate - low_q)
    high = estimate + side(high_q - estimate)
    if degenerate is not None:
        limit = tail * draws.shape[0]
        low = np.where((degenerate & (draws < estimate)).sum(axis=0) > limit, -np.inf, low)
        high = np.where((degenerate & (draws > estimate)).sum(axis=0) > limit, np.inf, high)
    return low, high


def wilson(k: int, n: int, *, level: float = LEVEL) -> Estimate:
    """The share k/n with its Wilson score interval (votes taken as independent);
    NaN throughout when n is 0."""
    if n == 0:
        return Estimate(math.nan, math.nan, math.nan)
    z = z_value(level)
    share = k / n
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n))
    return Estimate(share, max(0.0, centre - half), min(1.0, centre + half))
