"""Resampling prompts and raters together (a two-way cluster, or "pigeonhole", bootstrap).

Votes are not independent: the same prompt is judged for several pairs (a hard prompt
favours one vendor everywhere), and the same rater judges many comparisons (a rater's
taste favours one vendor everywhere). A draw resamples the P prompts with replacement and
the R raters with replacement, independently, and takes every vote of every chosen
(prompt, rater) cell as often as both were drawn: a vote's weight is (times its prompt was
drawn) x (times its rater was drawn). Resampling prompts alone misses the raters' share of
the uncertainty and under-covers when raters differ (bench/README.md measures it).

The price of resampling both ways is that each vote's own noise is counted several times:
a vote's weight has mean 1 and E[w²] = (2 - 1/P)(2 - 1/R), so the draws hold its noise
E[w²] - 1 times instead of once (Owen 2007, "The pigeonhole bootstrap"; McCullagh 2000).
With equal raters that makes intervals about 1.6 times too wide (99.5% coverage instead of
95%); `excess` is that surplus, and `intervals.two_way_interval` takes it out again.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Counts = NDArray[np.int64]


def draw_counts(prompts: int, raters: int, draws: int,
                rng: np.random.Generator) -> tuple[Counts, Counts]:
    """How often each prompt and each rater is drawn, per draw: (draws, P) and (draws, R)."""
    by_prompt = rng.multinomial(prompts, np.full(prompts, 1 / prompts), size=draws)
    by_rater = rng.multinomial(raters, np.full(raters, 1 / raters), size=draws)
    return by_prompt, by_rater


def excess(prompts: int, raters: int) -> float:
    """How many times more than once the draws count each vote's own noise: E[w²] - 2."""
    return (2 - 1 / prompts) * (2 - 1 / raters) - 2


def generator(seed: int) -> np.random.Generator:
    """The draws' random numbers: the same seed gives the same draws, and so the same
    intervals, on every machine."""
    return np.random.default_rng(np.random.SeedSequence([seed, 0xB007_0016]))
