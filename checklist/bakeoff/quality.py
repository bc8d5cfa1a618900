"""How well the judging went: agreement between raters, position bias, raters who disagree
with the others, and each vendor's "both unusable" rate. Pure: a `VoteTable` in.

- **Agreement**: Krippendorff's alpha (`agreement`) over comparisons (a prompt and a vendor
  pair) judged by two or more raters, each verdict turned to the pair's order so a rater
  who saw the pair the other way round still counts: nominal over the four verdicts
  (first better, tie, second better, both unusable), and ordinal over the three
  preferences (first better < tie < second better; "both unusable" left out). Needs a plan
  with `--overlap 2` or more; None otherwise.
- **Position bias**: the share of decisive votes (neither tie nor unusable) that went to
  the left side, overall and per rater, with a Wilson interval; 50% is no bias. Sides are
  balanced in the plan, so a bias adds noise to the ratings but does not favour a vendor.
- **Raters against the consensus**: each rater's decisive votes are predicted by a
  Bradley-Terry fit of everyone else's votes (leave one rater out; a N(0, 1) prior on each
  strength, `CONSENSUS_RIDGE`, keeps vendors the others rarely saw near even). A rater
  agrees with a vote's prediction when they picked the side the others favour. The share
  they agreed is compared with what a rater like the others would reach (the mean of
  max(p, 1 - p)); a rater more than two standard errors below (`FLAG_Z`) is flagged:
  their judgement differs from the team's, or they voted carelessly. Worth a conversation,
  not a verdict; their votes are kept.
- **Unusable rate**: per vendor, the share of its comparisons judged "both unusable", with
  a Wilson interval: a readiness signal of its own, apart from the preference ratings.

Wilson intervals take votes as independent; when raters differ (or the same output was
judged unusable by several raters) the true uncertainty is larger.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.special import expit  # type: ignore[import-untyped]

from checklist.bakeoff.agreement import alpha
from checklist.bakeoff.bradley_terry import PairTotals, fit_batch
from checklist.bakeoff.intervals import LEVEL, Estimate, wilson
from checklist.bakeoff.vote_table import VoteTable

#: A rater is flagged when their agreement with the others is this many standard errors
#: below what a rater like the others would reach.
FLAG_Z = -2.0
#: The consensus fit's prior: ridge/2·Σθ², a N(0, 1) prior on each strength (σ = 174 Elo).
CONSENSUS_RIDGE = 1.0

#: Verdicts turned to a pair's order (the vendor listed first in the bake-off first).
FIRST_BETTER, TIE, SECOND_BETTER, UNUSABLE = 0, 1, 2, 3


@dataclass(frozen=True)
class Agreement:
    nominal: float | None
    ordinal: float | None
    #: Comparisons judged by two raters or more, and the votes on them.
    units: int
    votes: int


@dataclass(frozen=True)
class PositionBias:
    left: int
    decisive: int
    share: Estimate

    @property
    def detected(self) -> bool:
        """The interval of the left side's share leaves out 50%."""
        return self.decisive > 0 and self.share.excludes(0.5)


@dataclass(frozen=True)
class RaterCheck:
    rater: str
    votes: int
    decisive: int
    #: Share of decisive votes on the side the others' fit favours; None without others.
    agreed: float | None
    #: The share a rater like the others would reach, and how far below it (in SE) this is.
    expected: float | None
    z: float | None
    left: Estimate

    @property
    def flagged(self) -> bool:
        return self.z is not None and self.z < FLAG_Z


@dataclass(frozen=True)
class UnusableRate:
    vendor: str
    unusable: int
    votes: int
    rate: Estimate


@dataclass(frozen=True)
class Quality:
    agreement: Agreement
    position: PositionBias
    raters: tuple[RaterCheck, ...]
    unusable: tuple[UnusableRate, ...]
    level: float


def judging_quality(table: VoteTable, *, level: float = LEVEL) -> Quality:
    return Quality(rater_agreement(table), position_bias(table, level=level),
                   rater_checks(table, level=level), unusable_rates(table, level=level), level)


def pair_verdicts(table: VoteTable) -> NDArray[np.intp]:
    """Each vote's verdict in its pair's order: FIRST_BETTER, TIE, SECOND_BETTER, UNUSABLE."""
    first_score = np.where(table.left < table.right, table.score, 1 - table.score)
    verdict = np.full(len(table), UNUSABLE, dtype=np.intp)
    verdict[first_score == 1] = FIRST_BETTER
    verdict[first_score == 0.5] = TIE
    verdict[first_score == 0] = SECOND_BETTER
    return verdict


def rater_agreement(table: VoteTable) -> Agreement:
    n = len(table.vendors)
    low = np.minimum(table.left, table.right)
    high = np.maximum(table.left, table.right)
    unit = (table.prompt * n + low) * n + high
    verdict = pair_verdicts(table)
    _, inverse, per_unit = np.unique(unit, return_inverse=True, return_counts=True)
    shared = per_unit[inverse.ravel()] >= 2
    preference = verdict != UNUSABLE
    return Agreement(alpha(unit, verdict, 4, "nominal"),
                     alpha(unit[preference], verdict[preference], 3, "ordinal"),
                     int((per_unit >= 2).sum()), int(shared.sum()))


def position_bias(table: VoteTable, *, level: float = LEVEL) -> PositionBias:
    decisive = table.decisive
    left = int((table.score[decisive] == 1).sum())
    count = int(decisive.sum())
    return PositionBias(left, count, wilson(left, count, level=level))


def unusable_rates(table: VoteTable, *, level: float = LEVEL) -> tuple[UnusableRate, ...]:
    rates = []
    for k, vendor in enumerate(table.vendors):
        involved = table.involving(k)
        count = int(involved.sum())
        bad = int((involved & table.unusable).sum())
        rates.append(UnusableRate(vendor, bad, count, wilson(bad, count, level=level)))
    return tuple(rates)


def rater_checks(table: VoteTable, *, level: float = LEVEL) -> tuple[RaterCheck, ...]:
    """Each rater's agreement with a fit of everyone else's votes (see the module)."""
    n = len(table.vendors)
    raters = len(table.raters)
    preference = table.preference
    checks = []
    theta = np.zeros((raters, n))
    others = np.zeros(raters, dtype=np.intp)
    if preference.any():
        pairs = PairTotals.of(table.left[preference], table.right[preference], n)
        pair = pairs.pair_of
        score = np.where(pairs.flip, 1 - table.score[preference], table.score[preference])
        rater = table.rater[preference]
        k = len(pairs.first)
        own_wins = np.zeros((raters, k))
        own_totals = np.zeros((raters, k))
        np.add.at(own_wins, (rater, pair), score)
        np.add.at(own_totals, (rater, pair), 1.0)
        wins = own_wins.sum(axis=0) - own_wins
        totals = own_totals.sum(axis=0) - own_totals
        theta = fit_batch(pairs, wins, totals, n, ridge=CONSENSUS_RIDGE).theta
        others = (totals.sum(axis=1)).astype(np.intp)
    for r, name in enumerate(table.raters):
        mine = table.rater == r
        decisive = mine & table.decisive
        picked_left = table.score[decisive] == 1
        left = wilson(int(picked_left.sum()), int(decisive.sum()), level=level)
        agreed = expected = z = None
        if others[r] > 0 and decisive.any():
            p = expit(theta[r, table.left[decisive]] - theta[r, table.right[decisive]])
            agree = np.where(p > 0.5, picked_left, np.where(p < 0.5, ~picked_left, 0.5))
            q = np.maximum(p, 1 - p)
            agreed = float(agree.mean())
            expected = float(q.mean())
            spread = float(np.sqrt((q * (1 - q)).sum()))
            z = (float(agree.sum() - q.sum()) / spread) if spread > 0 else None
            z = None if z is not None and not math.isfinite(z) else z
        checks.append(RaterCheck(name, int(mine.sum()), int(decisive.sum()), agreed,
                                 expected, z, left))
    return tuple(checks)
