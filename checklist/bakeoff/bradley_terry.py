"""Bradley-Terry strengths from pairwise outcomes, by maximum likelihood (Newton's method).

The model: P(a beats b) = 1 / (1 + exp(-(θa - θb))), strengths θ on the natural-log scale
with Σθ = 0. On the Elo scale a gap of Δ points is θ-gap × 400 / ln 10, so
P = 1 / (1 + 10^(-Δ/400)) (25 Elo = 53.6%, 50 = 57.1%, 100 = 64.0%).

**Ties count as half a win for each side**: an outcome is the score of the first item, 1, 0
or 0.5, and the likelihood is Σ w·[s·log p + (1-s)·log(1-p)]. A tie thus pulls the two
strengths together exactly as one win each way would, at half the weight; it is not a
separate tie model (such as Davidson's), so the tie rate itself is not estimated.
"Both unusable" verdicts carry no preference and are left out before fitting.

Everything is reduced to per-pair totals first (the likelihood depends only on how often
each pair met and how much the first item scored), so a fit costs the same for 100 or
100,000 votes, and `fit_batch` fits many weightings of the same outcomes at once (simulated
votes for a power estimate, bootstrap resamples for intervals) with one vectorised Newton
iteration. Written here rather than taken from `choix` because the batch form and the
standard errors from the Hessian are what the power simulation and the intervals need; it is
checked against statsmodels' logistic regression in the tests.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
from scipy.sparse.csgraph import connected_components  # type: ignore[import-untyped]
from scipy.special import expit, log_expit  # type: ignore[import-untyped]

ELO_PER_UNIT = 400 / math.log(10)

Float = NDArray[np.float64]


def elo_to_probability(elo: float) -> float:
    return 1 / (1 + 10 ** (-elo / 400))


def probability_to_elo(probability: float) -> float:
    return -400 * math.log10(1 / probability - 1)


class NotIdentified(ValueError):
    """The outcomes cannot fix every strength: a vendor won (or lost) every comparison, or
    some vendors were never compared, directly or through others."""


@dataclass(frozen=True)
class Strengths:
    """A fit: strengths (mean 0) and their covariance, by item name."""

    items: tuple[str, ...]
    theta: Float
    covariance: Float
    log_likelihood: float

    def index(self, item: str) -> int:
        return self.items.index(item)

    def elo(self) -> dict[str, float]:
        """Strengths on the Elo scale (mean 0: add a base such as 1000 to print them)."""
        return {item: float(t) * ELO_PER_UNIT for item, t in zip(self.items, self.theta,
                                                                  strict=True)}

    def win_probability(self, a: str, b: str) -> float:
        return float(expit(self.theta[self.index(a)] - self.theta[self.index(b)]))

    def difference_se(self, a: str, b: str) -> float:
        """Standard error of θa - θb (natural-log units), from the observed information."""
        i, j = self.index(a), self.index(b)
        c = self.covariance
        return float(math.sqrt(max(c[i, i] + c[j, j] - 2 * c[i, j], 0.0)))


def fit(outcomes: Iterable[tuple[str, str, float]], items: Sequence[str] | None = None, *,
        weights: Sequence[float] | None = None, ridge: float = 0.0) -> Strengths:
    """Bradley-Terry strengths from (a, b, score of a) triples; score 1, 0 or 0.5 (a tie).

    `items` fixes the order (and may include items with no outcomes only when `ridge` > 0);
    `weights` weighs each outcome (a bootstrap's counts); `ridge` adds a Gaussian prior
    ridge/2·Σθ², which keeps strengths finite when a vendor won everything. With ridge 0
    the result is the exact maximum-likelihood estimate, or `NotIdentified` is raised.
    """
    rows = list(outcomes)
    names = list(items) if items is not None else sorted({x for a, b, _ in rows for x in (a, b)})
    position = {name: k for k, name in enumerate(names)}
    if len(position) != len(names):
        raise ValueError("items must be distinct")
    for a, b, given in rows:
        if a not in position or b not in position:
            raise ValueError(f"outcome between {a!r} and {b!r}: not in items")
        if a == b:
            raise ValueError(f"an item cannot meet itself ({a!r})")
        if not 0 <= given <= 1:
            raise ValueError(f"score must be 0, 0.5 or 1 (or between), got {given}")
    first = np.array([position[a] for a, _, _ in rows], dtype=np.intp)
    second = np.array([position[b] for _, b, _ in rows], dtype=np.intp)
    score = np.array([s for _, _, s in rows], dtype=np.float64)
    weight = np.ones(len(rows)) if weights is None else np.asarray(weights, dtype=np.float64)
    if weight.shape != score.shape or (weight < 0).any() or not np.isfinite(weight).all():
        raise ValueError("weights: one finite, non-negative weight per outcome")
    n = len(names)
    if n < 2:
        raise NotIdentified("at least two items are needed")
    pairs = PairTotals.of(first, second, n)
    wins, totals = pairs.totals(score[None, :], weight[None, :])
    if ridge == 0 and not identified(pairs, wins[0], totals[0], n):
        raise NotIdentified("the outcomes do not fix every strength: some vendor won (or lost) "
                            "every comparison it had, or some vendors were never compared, "
                            "directly or through others")
    result = fit_batch(pairs, wins, totals, n, ridge=ridge)
    if not result.converged[0]:
        raise NotIdentified("the fit did not converge")  # pragma: no cover - identified above
    return Strengths(tuple(names), result.theta[0], result.covariance[0],
                     float(result.log_likelihood[0]))


@dataclass(frozen=True)
class PairTotals:
    """The distinct pairs (first < second) that met, and which pair each outcome belongs to.
    `flip` marks outcomes given as (larger index, smaller index)."""

    first: NDArray[np.intp]
    second: NDArray[np.intp]
    #: outcome -> pair, as a (outcomes x pairs) sparse matrix with +1 entries
    member: csr_matrix
    flip: NDArray[np.bool_]

    @classmethod
    def of(cls, a: NDArray[np.intp], b: NDArray[np.intp], n: int) -> PairTotals:
        low, high = np.minimum(a, b), np.maximum(a, b)
        keys, inverse = np.unique(low * n + high, return_inverse=True)
        member = csr_matrix((np.ones(len(a)), (np.arange(len(a)), inverse.ravel())),
                            shape=(len(a), len(keys)))
        return cls(keys // n, keys % n, member, a > b)

    def totals(self, score: Float, weight: Float) -> tuple[Float, Float]:
        """Per pair and batch row: the first item's weighted score, and the total weight.
        `score` and `weight` are (batch, outcomes) or broadcast to it."""
        score = np.where(self.flip, 1 - score, score)
        shape = np.broadcast_shapes(score.shape, weight.shape)
        score, weight = np.broadcast_to(score, shape), np.broadcast_to(weight, shape)
        wins = np.asarray((self.member.T @ (score * weight).T).T)
        totals = np.asarray((self.member.T @ weight.T).T)
        return wins, totals


def identified(pairs: PairTotals, wins: Float, totals: Float, n: int) -> bool:
    """Whether the maximum-likelihood strengths exist: every vendor can be reached from
    every other by a chain of "scored against" (Zermelo's condition, Ford 1957)."""
    forward = wins > 0  # the first item scored against the second
    backward = totals - wins > 0
    rows = np.concatenate([pairs.first[forward], pairs.second[backward]])
    cols = np.concatenate([pairs.second[forward], pairs.first[backward]])
    graph = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    count, _ = connected_components(graph, directed=True, connection="strong")
    return bool(count == 1)


@dataclass(frozen=True)
class BatchFit:
    theta: Float  # (batch, n), each row mean 0
    covariance: Float  # (batch, n, n)
    log_likelihood: Float  # (batch,)
    converged: NDArray[np.bool_]  # (batch,)

    def difference(self, a: int, b: int) -> tuple[Float, Float]:
        """θa - θb and its standard error, per batch row."""
        c = self.covariance
        variance = c[:, a, a] + c[:, b, b] - 2 * c[:, a, b]
        return self.theta[:, a] - self.theta[:, b], np.sqrt(np.maximum(variance, 0.0))


def fit_batch(pairs: PairTotals, wins: Float, totals: Float, n: int, *, ridge: float = 0.0,
              max_iter: int = 100, tol: float = 1e-10) -> BatchFit:
    """Fits every row of (batch, pairs) totals at once; rows that cannot be fitted (a
    vendor that won everything, with ridge 0) come back with `converged` False."""
    batch = wins.shape[0]
    k = len(pairs.first)
    design = np.zeros((k, n))
    design[np.arange(k), pairs.first] = 1.0
    design[np.arange(k), pairs.second] = -1.0
    ones = np.full((n, n), 1.0)
    theta = np.zeros((batch, n))
    active = np.ones(batch, dtype=bool)
    converged = np.zeros(batch, dtype=bool)
    loglik = _log_likelihood(theta, design, wins, totals, ridge)
    for _ in range(max_iter):
        if not active.any():
            break
        t = theta[active]
        d = t @ design.T
        p = expit(d)
        gradient = (wins[active] - totals[active] * p) @ design - ridge * t
        curvature = totals[active] * p * (1 - p)
        hessian = np.einsum("ki,bk,kj->bij", design, curvature, design)
        hessian += ridge * np.eye(n) + ones  # + 11ᵀ: solves within Σθ = 0
        step = np.linalg.solve(hessian, gradient[..., None])[..., 0]
        old = loglik[active]
        scale = np.ones(len(t))
        new_theta = t + step
        new = _log_likelihood(new_theta, design, wins[active], totals[active], ridge)
        for _ in range(40):  # halve steps that lower the (concave) log-likelihood
            worse = new < old - 1e-12 * np.abs(old)
            if not worse.any():
                break
            scale[worse] /= 2
            new_theta[worse] = t[worse] + scale[worse, None] * step[worse]
            new[worse] = _log_likelihood(new_theta[worse], design, wins[active][worse],
                                         totals[active][worse], ridge)
        indices = np.flatnonzero(active)
        theta[indices] = new_theta - new_theta.mean(axis=1, keepdims=True)
        loglik[indices] = new
        done = np.abs(scale[:, None] * step).max(axis=1) < tol
        converged[indices[done]] = True
        active[indices[done]] = False
    d = theta @ design.T
    curvature = totals * expit(d) * expit(-d)
    hessian = np.einsum("ki,bk,kj->bij", design, curvature, design) + ridge * np.eye(n) + ones
    covariance = np.linalg.inv(hessian) - ones / n**2
    converged &= np.isfinite(theta).all(axis=1) & (np.abs(theta).max(axis=1) < 50)
    return BatchFit(theta, covariance, loglik, converged)


def _log_likelihood(theta: Float, design: Float, wins: Float, totals: Float,
                    ridge: float) -> Float:
    d = theta @ design.T
    value = (wins * log_expit(d) + (totals - wins) * log_expit(-d)).sum(axis=1)
    return value - ridge / 2 * (theta**2).sum(axis=1)  # type: ignore[no-any-return]
