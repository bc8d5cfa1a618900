"""Moving a decision through its life (`checklist decide`): pure, one step at a time.

The table of allowed steps is `checklist.model.decision.ALLOWED`; a step it does not allow is
refused with what to do instead, and nothing changes. Every step is appended to the
evaluation's `history` with who took it, when and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from checklist.errors import ChecklistError
from checklist.model.decision import ALLOWED, LEADS_TO, REMEDY, Action, DecisionStep
from checklist.model.evaluation import Evaluation


def last_step(evaluation: Evaluation) -> DecisionStep | None:
    return evaluation.history[-1] if evaluation.history else None


def refusal(evaluation: Evaluation, action: Action) -> str | None:
    """Why `action` is not allowed now, or None when it is."""
    status = evaluation.status
    if action in ALLOWED[status]:
        return None
    step = last_step(evaluation)
    since = f" (by {step.by} on {step.at.date().isoformat()})" if step else ""
    return f"cannot {action}: the decision is {status}{since}; {REMEDY[status]}"


def decide(evaluation: Evaluation, action: Action, *, by: str, at: dt.datetime,
           vendor: str | None = None, reason: str = "", review_by: dt.date | None = None,
           fresh_until: dt.date | None = None, conditions: Sequence[str] = (),
           successor: str = "") -> Evaluation:
    """The evaluation after one step. `vendor` (an id) is required to accept and refused
    otherwise; `reason` is required to reopen. An accepted decision's review-by date is
    `review_by`, else `fresh_until` (when its first evidence goes stale)."""
    problem = refusal(evaluation, action)
    if problem is None and action == "accept" and vendor is None:
        problem = "name the vendor to accept (--accept VENDOR)"
    if problem is None and action != "accept" and vendor is not None:
        problem = f"only --accept names a vendor; {action} decides for the whole evaluation"
    if problem is None and action == "reopen" and not reason.strip():
        problem = ("say why the decision is reopened (--reason \"...\"): the reason is "
                   "recorded with it")
    if problem is not None:
        raise ChecklistError.plain(problem)
    if action == "accept":
        review_by = review_by or fresh_until
    elif action not in ("defer", "reject"):
        review_by = None
    step = DecisionStep(action=action, by=by, at=at, reason=reason, vendor=vendor,
                        review_by=review_by,
                        fresh_until=fresh_until if action == "accept" else None,
                        conditions=list(conditions) if action == "accept" else [],
                        successor=successor)
    chosen = vendor if action == "accept" else (
        evaluation.chosen if action == "supersede" else None)
    data = evaluation.model_dump()
    data.update(status=LEADS_TO[action], chosen=chosen, review_by=review_by,
                history=[*data["history"], step.model_dump()])
    return Evaluation.model_validate(data)
