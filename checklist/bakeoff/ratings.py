"""Ratings from the votes: Bradley-Terry strengths with intervals, as win probabilities
and on an Elo-like scale. Pure: a `VoteTable` in, a `Ratings` out.

- **The fit** is `bradley_terry.fit_batch` on the votes that state a preference: a tie is
  half a win for each side; "both unusable" votes are left out (they are counted apart,
  as each vendor's unusable rate, in `quality`). The point estimate is the exact maximum-
  likelihood one; when the votes cannot fix a vendor's strength (it won or lost every
  comparison it had, or has none) rating is refused with `NotRated`, naming the vendors.
- **Elo**: strength x 400/ln 10 + 1000, so the vendors' mean is 1000 and a gap of Δ points
  means the better one is preferred with P = 1/(1 + 10^(-Δ/400)). Only gaps mean anything;
  the mean anchor is a convention (adding a vendor moves every number, not the gaps).
- **Intervals** (95% by default) come from `draws` seeded bootstrap draws that resample
  prompts and raters together (`bootstrap`), each refitted with a tiny ridge prior
  (`DRAW_RIDGE`, which keeps a draw finite when a resampled vendor won everything), with
  the rule of `intervals.two_way_interval`. A draw in which two vendors are not linked by
  chains of "scored against" cannot separate them; such draws are counted, and an end the
  data cannot bound is open (infinite; a win probability of 0 or 1).

The claim check (issue 16, item 3) calls `Ratings.win_probability(a, b)`,
`Ratings.elo_gap(a, b)` and `Ratings.detectable_gap(a, b)`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
from scipy.special import expit  # type: ignore[import-untyped]
from scipy.stats import norm  # type: ignore[import-untyped]

from checklist.bakeoff import bootstrap
from checklist.bakeoff.bradley_terry import (
    ELO_PER_UNIT,
    PairTotals,
    fit_batch,
    scored_against,
    strong_components,
)
from checklist.bakeoff.intervals import LEVEL, Estimate, two_way_interval, z_value
from checklist.bakeoff.vote_table import VoteTable

Float = NDArray[np.float64]

DEFAULT_DRAWS = 1000
#: The Elo scale's anchor: the mean of the rated vendors.
ANCHOR = 1000.0
#: A Gaussian prior ridge/2·Σθ² on each draw's strengths: far below one vote's information
#: (a vote adds at most 0.25), so it moves an identified draw by less than 0.1%, and keeps a
#: draw in which a vendor won everything finite (such a draw is counted as not separating).
DRAW_RIDGE = 1e-4
#: Memory for one batch of draws (floats): draws are fitted in batches of this many cells.
_BATCH_FLOATS = 4_000_000


class NotRated(ValueError):
    """The votes cannot fix every vendor's strength; `reasons` name the vendors."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class Ratings:
    """Strengths of `vendors` with intervals at `level`, from `draws` seeded draws."""

    vendors: tuple[str, ...]
    #: Bradley-Terry strengths (natural-log scale, mean 0).
    theta: Float
    #: Interval ends of each vendor's centred strength, and of every gap θa - θb (n x n).
    theta_low: Float
    theta_high: Float
    gap_low: Float
    gap_high: Float
    level: float
    draws: int
    seed: int
    #: Draws in which some vendors could not be separated (see the module's docstring).
    degenerate_draws: int
    #: Votes stating a preference (ties included), prompts and raters they came from.
    votes: int
    prompts: int
    raters: int
    #: Preference votes per vendor (in `vendors` order).
    vendor_votes: tuple[int, ...]

    def index(self, vendor: str) -> int:
        return self.vendors.index(vendor)

    def elo(self, vendor: str) -> Estimate:
        """The vendor's rating (mean of the vendors = 1000) with its interval."""
        k = self.index(vendor)
        return Estimate(float(self.theta[k]), float(self.theta_low[k]),
                        float(self.theta_high[k])).map(to_elo)

    def elo_gap(self, a: str, b: str) -> Estimate:
        """Elo(a) - Elo(b) with its interval."""
        return self._gap(a, b).map(lambda t: t * ELO_PER_UNIT)

    def win_probability(self, a: str, b: str) -> Estimate:
        """P(a is preferred to b in one comparison; a tie counts as half), with its interval."""
        return self._gap(a, b).map(_expit)

    def detectable_gap(self, a: str, b: str, *, power: float = 0.8) -> float:
        """The smallest true Elo gap between a and b these votes would detect with `power`
        (two-sided, at this interval's level), from the interval's width: (z + z_power) x
        standard error, the standard error being half the interval's width over z.
        Infinite when the interval is open."""
        gap = self._gap(a, b)
        if not gap.bounded:
            return math.inf
        z = z_value(self.level)
        se = (gap.high - gap.low) / (2 * z)
        return float((z + norm.ppf(power)) * se * ELO_PER_UNIT)

    def ranking(self) -> list[str]:
        """Vendors from the strongest down (ties by name)."""
        return sorted(self.vendors, key=lambda v: (-self.theta[self.index(v)], v))

    def _gap(self, a: str, b: str) -> Estimate:
        i, j = self.index(a), self.index(b)
        return Estimate(float(self.theta[i] - self.theta[j]), float(self.gap_low[i, j]),
                        float(self.gap_high[i, j]))


def to_elo(theta: float) -> float:
    return ANCHOR + theta * ELO_PER_UNIT


def _expit(value: float) -> float:
    return float(expit(value))


def rate(table: VoteTable, *, draws: int = DEFAULT_DRAWS, seed: int = 0,
         level: float = LEVEL) -> Ratings:
    """Fits the votes of `table` and bootstraps the intervals; raises `NotRated`."""
    if draws < 1:
        raise ValueError("draws must be at least 1")
    votes = table.subset(table.preference)
    n = len(votes.vendors)
    reasons = why_not_rated(votes)
    if reasons:
        raise NotRated(reasons)
    pairs = PairTotals.of(votes.left, votes.right, n)
    pair = pairs.pair_of
    k = len(pairs.first)
    first_score = np.where(pairs.flip, 1 - votes.score, votes.score)
    wins, totals = _pair_totals(pair, first_score, k)
    point = fit_batch(pairs, wins[None], totals[None], n)
    if not point.converged[0]:  # pragma: no cover - identified above
        raise NotRated(["the fit did not converge"])
    theta = point.theta[0]
    noise = _vote_noise(pairs, pair, first_score, theta, point.covariance[0])
    thetas, together = _draw_strengths(votes, pairs, pair, first_score, draws, seed)
    extra = bootstrap.excess(len(votes.prompts), len(votes.raters))
    everyone: NDArray[np.bool_] = np.asarray(together.all(axis=(1, 2)), dtype=bool)
    theta_low, theta_high = two_way_interval(
        theta, thetas, np.sqrt(np.diag(noise)), extra, level=level,
        degenerate=np.repeat(~everyone[:, None], n, axis=1))
    gap_low = np.zeros((n, n))
    gap_high = np.zeros((n, n))
    variance = np.diag(noise)
    for a in range(n):
        gap = theta[a] - theta
        gap_draws = thetas[:, a, None] - thetas
        se = np.sqrt(np.maximum(variance[a] + variance - 2 * noise[a], 0.0))
        low, high = two_way_interval(gap, gap_draws, se, extra, level=level,
                                     degenerate=~together[:, a, :])
        gap_low[a], gap_high[a] = low, high
        gap_low[a, a] = gap_high[a, a] = 0.0
    counts = np.bincount(votes.left, minlength=n) + np.bincount(votes.right, minlength=n)
    return Ratings(votes.vendors, theta, theta_low, theta_high, gap_low, gap_high, level,
                   draws, seed, int((~everyone).sum()), len(votes), len(votes.prompts),
                   len(votes.raters), tuple(int(c) for c in counts))


def why_not_rated(votes: VoteTable) -> list[str]:
    """Why the preference votes cannot fix every strength, naming the vendors; [] when
    they can (every vendor linked to every other by chains of "scored against")."""
    n = len(votes.vendors)
    names = votes.vendors
    counts = np.bincount(votes.left, minlength=n) + np.bincount(votes.right, minlength=n)
    if n < 2:
        return ["a bake-off needs at least two vendors"]
    silent = [names[v] for v in range(n) if counts[v] == 0]
    reasons = [f"{_names(silent)} {'has' if len(silent) == 1 else 'have'} no votes stating "
               "a preference yet"] if silent else []
    if len(votes) == 0:
        return reasons
    pairs = PairTotals.of(votes.left, votes.right, n)
    score = np.where(pairs.flip, 1 - votes.score, votes.score)
    wins, totals = _pair_totals(pairs.pair_of, score, len(pairs.first))
    labels = strong_components(pairs, wins, totals, n)
    voted = [v for v in range(n) if counts[v] > 0]
    if len({int(labels[v]) for v in voted}) == 1:
        return reasons
    rows, cols = scored_against(pairs, wins, totals, n)
    crossing = labels[rows] != labels[cols]
    beats = set(labels[rows][crossing].tolist())  # components that scored against another
    beaten = set(labels[cols][crossing].tolist())
    for label in dict.fromkeys(int(labels[v]) for v in voted):
        members = [v for v in voted if labels[v] == label]
        who = _names([names[v] for v in members])
        against = "" if len(members) == 1 else " against the rest"
        had = f"({int(sum(counts[v] for v in members))} votes): no vote says by how much"
        # the few who won (or lost) everything are named, not the many they beat
        few = 2 * len(members) <= len(voted)
        if label in beats and label not in beaten and few:
            reasons.append(f"{who} won every comparison{against} {had}")
        elif label in beaten and label not in beats and few:
            reasons.append(f"{who} lost every comparison{against} {had}")
        elif label not in beats and label not in beaten:
            reasons.append(f"{who} {'was' if len(members) == 1 else 'were'} never compared "
                           "with the other vendors, directly or through others")
    return reasons


def _pair_totals(pair: NDArray[np.intp], first_score: Float, k: int) -> tuple[Float, Float]:
    """Per pair: the first vendor's total score, and the number of votes."""
    wins = np.bincount(pair, first_score, minlength=k).astype(np.float64)
    return wins, np.bincount(pair, minlength=k).astype(np.float64)


def _names(vendors: list[str]) -> str:
    return vendors[0] if len(vendors) == 1 else ", ".join(vendors[:-1]) + " and " + vendors[-1]


def _vote_noise(pairs: PairTotals, pair: NDArray[np.intp], first_score: Float, theta: Float,
                covariance: Float) -> Float:
    """The strengths' covariance from the votes' own noise, votes taken as independent:
    the sandwich C·M·C with M = Σ (s - p)² x xᵀ over votes (x: +1 first, -1 second). A tie
    is less noisy than a win or a loss, which the model's own covariance C would ignore."""
    n = len(theta)
    p = expit(theta[pairs.first[pair]] - theta[pairs.second[pair]])
    squared = np.bincount(pair, (first_score - p) ** 2, minlength=len(pairs.first))
    design = np.zeros((len(pairs.first), n))
    design[np.arange(len(pairs.first)), pairs.first] = 1.0
    design[np.arange(len(pairs.first)), pairs.second] = -1.0
    meat = design.T @ (squared[:, None] * design)
    return covariance @ meat @ covariance


def _draw_strengths(votes: VoteTable, pairs: PairTotals, pair: NDArray[np.intp],
                    first_score: Float, draws: int,
                    seed: int) -> tuple[Float, NDArray[np.bool_]]:
    """Strengths of every bootstrap draw (draws x n), and per draw which vendors the
    draw's votes link both ways (draws x n x n)."""
    n = len(votes.vendors)
    k = len(pairs.first)
    raters = len(votes.raters)
    cell_key = votes.prompt * raters + votes.rater
    keys, cell = np.unique(cell_key, return_inverse=True)
    cell = cell.ravel()
    shape = (len(keys), k)
    cell_wins = csr_matrix((first_score, (cell, pair)), shape=shape)
    cell_totals = csr_matrix((np.ones(len(cell)), (cell, pair)), shape=shape)
    cell_prompt, cell_rater = keys // raters, keys % raters
    by_prompt, by_rater = bootstrap.draw_counts(len(votes.prompts), raters, draws,
                                                bootstrap.generator(seed))
    thetas = np.empty((draws, n))
    together = np.empty((draws, n, n), dtype=bool)
    batch = max(1, _BATCH_FLOATS // max(len(keys), k * n, n * n * n))
    for start in range(0, draws, batch):
        rows = slice(start, min(start + batch, draws))
        weight = (by_prompt[rows][:, cell_prompt] * by_rater[rows][:, cell_rater]).astype(
            np.float64)
        wins = np.asarray((cell_wins.T @ weight.T).T)
        totals = np.asarray((cell_totals.T @ weight.T).T)
        fitted = fit_batch(pairs, wins, totals, n, ridge=DRAW_RIDGE)
        thetas[rows] = fitted.theta
        linked = _mutually_reachable(pairs, wins, totals, n)
        linked &= fitted.converged[:, None, None]
        together[rows] = linked
    return thetas, together


def _mutually_reachable(pairs: PairTotals, wins: Float, totals: Float,
                        n: int) -> NDArray[np.bool_]:
    """Per draw, whether i and j reach each other by chains of "scored against": the
    condition under which their strength difference is finite (Ford 1957), for all
    draws at once by squaring the reachability matrix."""
    reach = np.zeros((wins.shape[0], n, n), dtype=np.float32)
    reach[:, pairs.first, pairs.second] = wins > 0
    reach[:, pairs.second, pairs.first] = totals - wins > 0
    reach[:, np.arange(n), np.arange(n)] = 1.0
    for _ in range(max(1, math.ceil(math.log2(n)))):
        reach = np.minimum(reach @ reach, 1.0)
    linked = reach > 0
    return linked & linked.transpose(0, 2, 1)
