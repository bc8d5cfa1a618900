"""A vendor's comparative claim checked against our own blind votes.

A claim such as "95 Elo points ahead of Veo", "wins 60% of head-to-heads against Runway" or
"ranks above Kling" says how often a judge should prefer the vendor to a rival in one
comparison. Elo gaps convert by P = 1/(1+10^(-gap/400)) (25 -> 53.6%, 50 -> 57.1%,
100 -> 64.0%); a win rate is that probability; a rank says only "more than 50%". Our
Bradley-Terry fit gives the same probability with its 95% interval, and the verdict is:

- **contradicted**: our interval lies wholly below the claimed probability (the advantage
  is smaller than claimed, or reversed);
- **consistent**: not contradicted, and our interval lies wholly above 50% (we see the
  vendor ahead, by at least as much as the data can say);
- **inconclusive**: neither; our votes cannot tell. This is an answer, not a failure: with
  it comes the smallest gap our data could have detected (80% power), which says how many
  more votes it would take.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from checklist.bakeoff.intervals import Estimate
from checklist.bakeoff.ratings import Ratings
from checklist.numbers import number

Kind = Literal["elo", "win-rate", "rank"]
Verdict = Literal["consistent", "contradicted", "inconclusive"]


@dataclass(frozen=True)
class Comparison:
    """A comparative claim as numbers: `vendor` is preferred to `rival` (both vendors of the
    bake-off) by `margin`: Elo points, or a win rate as a fraction; for a rank, None or a
    number of places (negative: the vendor is behind)."""

    vendor: str
    rival: str
    kind: Kind
    margin: float | None = None


@dataclass(frozen=True)
class ClaimCheck:
    comparison: Comparison
    #: The win probability the claim implies (0.5 for a rank: direction only).
    claimed: float
    #: Ours, with its interval.
    ours: Estimate
    verdict: Verdict
    #: The smallest Elo gap between the two that our votes would detect (80% power).
    detectable_elo: float

    def sentence(self) -> str:
        """The check in one sentence, with both numbers."""
        c = self.comparison
        claimed = ("ahead" if c.kind == "rank" else f"preferred {_percent(self.claimed)} of "
                   "the time")
        ours = (f"ours: {_percent(self.ours.value)} (95% interval {_percent(self.ours.low)} "
                f"to {_percent(self.ours.high)})")
        claimed = f"{c.vendor} {claimed}"
        detect = ("" if self.verdict != "inconclusive" else
                  f"; our votes detect gaps of {number(round(self.detectable_elo))} Elo or more"
                  if math.isfinite(self.detectable_elo) else
                  "; our votes cannot bound this gap")
        return f"{self.verdict}: claimed {claimed} against {c.rival}; {ours}{detect}"


def implied_win_probability(comparison: Comparison) -> float:
    """What the claim says about one comparison of the two (0.5 for a rank)."""
    if comparison.kind == "rank":
        return 0.5
    margin = comparison.margin
    if margin is None or not math.isfinite(margin):
        raise ValueError("this claim gives no margin")
    if comparison.kind == "elo":
        return 1 / (1 + 10 ** (-margin / 400))
    if not 0 <= margin <= 1:
        raise ValueError(f"a win rate is between 0% and 100%, not {margin * 100:g}%")
    return margin


def as_lead(comparison: Comparison) -> Comparison:
    """A claimed deficit ("ranks 100 Elo below X") as the lead of the other side."""
    c = comparison
    behind = c.margin is not None and (c.margin < 0 if c.kind in ("elo", "rank")
                                       else c.margin < 0.5)
    if not behind:
        return c
    assert c.margin is not None
    margin = -c.margin if c.kind in ("elo", "rank") else 1 - c.margin
    return Comparison(c.rival, c.vendor, c.kind, margin)


def check_claim(comparison: Comparison, ratings: Ratings) -> ClaimCheck:
    """The verdict on one comparative claim (see the module); a claimed deficit is checked
    as the other vendor's lead, and reported that way round."""
    comparison = as_lead(comparison)
    claimed = implied_win_probability(comparison)
    ours = ratings.win_probability(comparison.vendor, comparison.rival)
    verdict: Verdict
    if ours.high < claimed:  # for a rank, claimed is 50%: a clear reversal
        verdict = "contradicted"
    elif ours.low > 0.5:
        verdict = "consistent"
    else:
        verdict = "inconclusive"
    return ClaimCheck(comparison, claimed, ours, verdict,
                      ratings.detectable_gap(comparison.vendor, comparison.rival))


def _percent(value: float) -> str:
    return f"{number(round(value * 100, 1))}%"
