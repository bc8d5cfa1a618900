"""Simulated bake-off votes with known strengths, for the statistics tests and bench/.

Every vendor pair meets on every prompt once (sides random), and the comparisons of a
prompt are dealt to the raters in turn (`overlap` raters judge each one). A vote for the
left vendor has probability expit(θleft - θright + rater's taste + prompt's effect + left
bias); the rater's taste (σ `rater_taste`) and the prompt's effect (σ `prompt_effect`)
are drawn per vendor, so raters (and prompts) differ in which vendor they prefer, while
the truth is θ: the strengths of the population of raters and prompts they come from.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit

from checklist.bakeoff.vote_table import VoteTable


@dataclass(frozen=True)
class Scenario:
    strengths: tuple[float, ...] = (0.5, 0.25, 0.0, -0.25, -0.5)
    prompts: int = 40
    raters: int = 4
    rater_taste: float = 0.0
    prompt_effect: float = 0.0
    #: Added to the left side's log-odds: a rater pull towards the left output.
    left_bias: float = 0.0
    #: Raters whose votes carry the left bias (default: all).
    biased_raters: tuple[int, ...] | None = None
    tie: float = 0.0
    unusable: float = 0.0
    overlap: int = 1

    @property
    def truth(self) -> np.ndarray:
        theta = np.asarray(self.strengths, dtype=np.float64)
        return theta - theta.mean()


def simulate(scenario: Scenario, seed: int) -> VoteTable:
    rng = np.random.default_rng(seed)
    theta = np.asarray(scenario.strengths, dtype=np.float64)
    n, prompts, raters = len(theta), scenario.prompts, scenario.raters
    taste = rng.normal(0.0, scenario.rater_taste, (raters, n))
    effect = rng.normal(0.0, scenario.prompt_effect, (prompts, n))
    biased = set(range(raters) if scenario.biased_raters is None else scenario.biased_raters)
    pairs = np.array([(a, b) for a in range(n) for b in range(a + 1, n)])
    left, right, prompt, rater, score = [], [], [], [], []
    turn = 0
    for p in range(prompts):
        order = pairs[rng.permutation(len(pairs))]
        swap = rng.random(len(order)) < 0.5
        for (a, b), flip in zip(order, swap, strict=True):
            a, b = (b, a) if flip else (a, b)
            for extra in range(scenario.overlap):
                r = (turn + extra) % raters
                log_odds = (theta[a] - theta[b] + taste[r, a] - taste[r, b] + effect[p, a]
                            - effect[p, b] + (scenario.left_bias if r in biased else 0.0))
                u = rng.random()
                if u < scenario.unusable:
                    value = np.nan
                elif u < scenario.unusable + scenario.tie:
                    value = 0.5
                else:
                    value = float(rng.random() < expit(log_odds))
                left.append(a)
                right.append(b)
                prompt.append(p)
                rater.append(r)
                score.append(value)
            turn += 1
    return VoteTable(tuple(f"v{k}" for k in range(n)), tuple(f"p{k}" for k in range(prompts)),
                     tuple(f"r{k}" for k in range(raters)),
                     tuple("general" for _ in range(prompts)), np.array(left, dtype=np.intp),
                     np.array(right, dtype=np.intp), np.array(prompt, dtype=np.intp),
                     np.array(rater, dtype=np.intp), np.array(score, dtype=np.float64))


def prompts_only(table: VoteTable) -> VoteTable:
    """The same votes as if one rater had cast them all: resampling then covers prompts
    only (what an analysis that ignores who voted does)."""
    return VoteTable(table.vendors, table.prompts, ("everyone",), table.categories, table.left,
                     table.right, table.prompt, np.zeros_like(table.rater), table.score)


def coverage(scenario: Scenario, runs: int, *, draws: int = 1000, seed: int = 0,
             raters: bool = True) -> tuple[float, float]:
    """Shares of (every vendor's Elo, every pair's Elo gap) 95% intervals that hold the
    truth, pooled over `runs` simulated bake-offs."""
    from checklist.bakeoff.bradley_terry import ELO_PER_UNIT
    from checklist.bakeoff.ratings import rate

    truth = scenario.truth * ELO_PER_UNIT
    held_elo = held_gap = count_elo = count_gap = 0
    for run in range(runs):
        table = simulate(scenario, seed * 100_003 + run)
        result = rate(table if raters else prompts_only(table), draws=draws, seed=run)
        for k, vendor in enumerate(table.vendors):
            e = result.elo(vendor)
            held_elo += e.low <= 1000 + truth[k] <= e.high
            count_elo += 1
            for j in range(k + 1, len(table.vendors)):
                g = result.elo_gap(vendor, table.vendors[j])
                held_gap += g.low <= truth[k] - truth[j] <= g.high
                count_gap += 1
    return held_elo / count_elo, held_gap / count_gap
