"""What counts as a strength, a risk or a follow-up: the purchasing policy, applied to one
vendor's scored answers.

The thresholds are the rubric's (`policy.strong`, `policy.weak`, `policy.low_score`, with
the defaults 0.75, 0.25 and 0.5 of the scale); every front end that lists strengths, risks
or the questions to send back to a vendor asks here, so none decides it on its own.

- a **strength**: an answered question whose value is at least `strong`;
- a **risk**: an answered question whose value is at most `weak` (a failed gate is listed
  as a failed gate instead);
- a **follow-up**: a question to take back to the vendor, with its reasons: unanswered,
  a low score (below `low_score`), low confidence, a gate still open or passed on shaky
  evidence, a failed gate. The **open questions** are the follow-ups for any reason but a
  low score alone, gates first, then by their share of the score.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from checklist.model.rubric import Policy
from checklist.scoring.results import QuestionResult, VendorResult

Reason = Literal["unanswered", "low score", "low confidence", "gate", "failed gate"]
_EPS = 1e-9


@dataclass(frozen=True)
class FollowUp:
    """A question that goes back to the vendor, and why."""

    result: QuestionResult
    reasons: tuple[Reason, ...]

    @property
    def gate(self) -> bool:
        return "gate" in self.reasons or "failed gate" in self.reasons

    @property
    def is_open(self) -> bool:
        """Asked for a reason other than a low score alone: the memo's open questions."""
        return any(r != "low score" for r in self.reasons)


def strengths(vendor: VendorResult, policy: Policy) -> list[QuestionResult]:
    """Answered questions at or above `policy.strong`, heaviest first."""
    found = [q for q in vendor.questions.values()
             if q.status == "answered" and (q.value or 0) >= policy.strong]
    return sorted(found, key=lambda q: -q.share)


def risks(vendor: VendorResult, policy: Policy) -> list[QuestionResult]:
    """Answered questions at or below `policy.weak`, heaviest first; failed gates are not
    risks but failed gates."""
    found = [q for q in vendor.questions.values()
             if q.status == "answered" and (q.value or 0) <= policy.weak
             and not (q.question.gate and _gate_status(vendor, q.id) == "fail")]
    return sorted(found, key=lambda q: -q.share)


def follow_ups(vendor: VendorResult, policy: Policy) -> list[FollowUp]:
    """Every question to take back to the vendor, in rubric order."""
    found = (follow_up(vendor, q, policy) for q in vendor.questions.values())
    return [f for f in found if f is not None]


def ranked(items: Iterable[FollowUp]) -> list[FollowUp]:
    """Follow-ups by priority: gates first, then by their share of the score."""
    return sorted(items, key=lambda f: (not f.gate, -f.result.share))


def follow_up(vendor: VendorResult, q: QuestionResult, policy: Policy) -> FollowUp | None:
    """Why this question goes back to the vendor, if it does."""
    reasons: list[Reason] = []
    gate = _gate_status(vendor, q.id)
    if q.status == "open":
        reasons.append("unanswered")
    if (q.status == "answered" and q.value is not None and q.value < policy.low_score - _EPS
            and gate != "fail"):
        reasons.append("low score")
    if q.low_confidence and q.status != "na":
        reasons.append("low confidence")
    if gate == "fail":
        reasons.append("failed gate")
    elif gate == "open" or (gate == "pass" and (q.low_confidence or q.disagreement)):
        reasons.append("gate")
    return FollowUp(q, tuple(reasons)) if reasons else None


def _gate_status(vendor: VendorResult, qid: str) -> str | None:
    return next((g.status for g in vendor.gates if g.id == qid), None)


#: How many reasons the memo's first page gives for its recommendation.
REASONS = 4


def runner_up(vendors: Iterable[VendorResult], winner: VendorResult) -> VendorResult | None:
    """The best-ranked other vendor that is not no-go: the alternative the leader beat."""
    return next((v for v in vendors if v.id != winner.id and v.verdict != "no-go"), None)


def deciding(winner: VendorResult, rival: VendorResult | None, policy: Policy,
             limit: int = REASONS) -> list[QuestionResult]:
    """The questions that decided for `winner`: those adding most to its lead over `rival`.

    A question's part in the lead is its share of the score times the value the winner got,
    less the same for the rival (open counts as 0, as in the score). Without a rival (no
    other vendor qualifies) the winner's heaviest strengths decide. Only answered questions
    of the winner that it did not score weak count: a reason is something it has.
    """
    def part(v: VendorResult | None, qid: str) -> float:
        q = v.questions.get(qid) if v is not None else None
        return q.share * (q.value or 0) if q is not None and q.status == "answered" else 0.0

    found = [q for q in winner.questions.values()
             if q.status == "answered" and (q.value or 0) > policy.weak]
    if rival is None:
        return strengths(winner, policy)[:limit]
    lead = [(part(winner, q.id) - part(rival, q.id), q) for q in found]
    return [q for gain, q in sorted(lead, key=lambda t: -t[0]) if gain > _EPS][:limit]
