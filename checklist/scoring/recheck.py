"""The re-check work list: which answers to verify again, most decisive first. Pure.

An answer is on the list when it is stale on the scorecard's day or goes stale before the
horizon. Order is how much re-verifying it could change the decision: gates that apply first
(a gate that fails makes the vendor no-go), then by the question's share of the score, then
the one that went stale first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from checklist.scoring.results import Aging, QuestionResult, Scorecard, VendorResult


@dataclass(frozen=True)
class Recheck:
    vendor: VendorResult
    question: QuestionResult
    aging: Aging
    stale: bool

    @property
    def gate(self) -> bool:
        """A gate that applies to this vendor (one switched off by the context is not)."""
        return any(g.id == self.question.id and g.status != "off" for g in self.vendor.gates)

    @property
    def stale_from(self) -> dt.date:
        return self.aging.fresh_until + dt.timedelta(days=1)


def recheck_vendors(card: Scorecard) -> list[VendorResult]:
    """Whose evidence matters: the accepted vendor, else every vendor not ruled out."""
    chosen = card.evaluation.chosen
    if chosen is not None and (vendor := card.vendor(chosen)) is not None:
        return [vendor]
    return [v for v in card.vendors if v.verdict != "no-go"]


def recheck_list(card: Scorecard, vendors: Sequence[VendorResult],
                 horizon: dt.date) -> list[Recheck]:
    """Answers of `vendors` stale on the card's day or going stale by `horizon`, in order."""
    today = card.today or horizon
    items = [
        Recheck(vendor, q, q.aging, q.aging.is_stale(today))
        for vendor in vendors
        for q in vendor.questions.values()
        if q.aging is not None and q.aging.fresh_until < horizon
    ]
    items.sort(key=lambda r: (not r.gate, -r.question.share, r.aging.fresh_until,
                              r.vendor.rank, r.question.id))
    return items
