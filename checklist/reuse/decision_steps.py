"""Recording one step of a decision's life, for every front end (`checklist decide`, the TUI).

The lifecycle itself (which step is allowed from which status, what a step records) is
`checklist.model.decision_edit`; this module adds what needs the folder and the scorecard:
an accepted vendor must not be no-go, its verdict's conditions and the day its first evidence
goes stale are recorded, and the review-by date defaults to that day. The step is saved as a
folder transaction (`edit_evaluation`): if evaluation.yaml changed meanwhile it is redone on
the new file, and a refused step writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from checklist.errors import ChecklistError, control_character, escape_char, printable
from checklist.files.clock import today
from checklist.files.evaluation_save import Edit, Saved, edit_evaluation
from checklist.files.folder import Workspace, now
from checklist.model.decision import Action
from checklist.model.decision_edit import decide, refusal


@dataclass(frozen=True)
class DecisionRequest:
    """One step as a person asks for it: `vendor` (id or name) only to accept."""

    action: Action
    by: str
    vendor: str | None = None
    reason: str = ""
    review_by: dt.date | None = None
    successor: str = ""


def record_decision(folder: Path, request: DecisionRequest) -> Saved:
    """Takes the step in the folder's evaluation.yaml, or raises ChecklistError saying why
    not (nothing is written then)."""
    bad = control_character(request.by)
    if bad is not None:  # the name goes into evaluation.yaml and every register
        raise ChecklistError.plain(f"--by '{printable(request.by[:40])}' holds the control "
                                   f"character {escape_char(bad)} (U+{ord(bad):04X}); type "
                                   "the name without it")
    if request.successor and request.action != "supersede":
        raise ChecklistError.plain("--successor goes with --supersede")
    return edit_evaluation(folder, lambda workspace: decision_edit(workspace, request))


def decision_edit(workspace: Workspace, request: DecisionRequest) -> Edit:
    """The evaluation after the step, worked out from the folder as loaded."""
    from checklist.scoring import score_workspace
    from checklist.scoring.freshness import first_to_age

    evaluation = workspace.evaluation
    action = request.action
    vendor = fresh_until = None
    conditions: list[str] = []
    if action == "accept" and request.vendor is not None and refusal(evaluation, action) is None:
        vendor = evaluation.find_vendor(request.vendor).id
        card = score_workspace(workspace, draws=0, today=today())
        result = card.vendor(vendor)
        assert result is not None
        if result.verdict == "no-go":
            reasons = "; ".join(c.text() for c in result.conditions)
            raise ChecklistError.plain(f"cannot accept {vendor}: its verdict is no-go "
                                       f"({reasons}); accept another vendor or reject")
        conditions = [c.text(card.rubric) for c in result.conditions]
        first = first_to_age(q.aging for q in result.questions.values())
        fresh_until = first.fresh_until if first else None
    if request.review_by is not None and request.review_by < today():
        raise ChecklistError.plain(f"--review-by {request.review_by.isoformat()} has passed "
                                   f"(today is {today().isoformat()}); give a date from today on")
    review_by = request.review_by
    if review_by is None and fresh_until is not None:
        review_by = max(fresh_until, today())  # evidence already stale: review now
    new = decide(evaluation, action, by=request.by, at=now(), vendor=vendor,
                 reason=request.reason, review_by=review_by, fresh_until=fresh_until,
                 conditions=conditions, successor=request.successor)
    return Edit(new)


def outcome_lines(saved: Saved, request: DecisionRequest, folder: Path) -> list[str]:
    """What the step did, in the words `checklist decide` prints: who, when, why, the
    review-by date and why that date, the conditions, and that ratings are now read-only."""
    evaluation = saved.evaluation
    action = request.action
    step = evaluation.history[-1]
    what = {"accept": f"accepted {evaluation.chosen}", "reject": "rejected",
            "defer": "deferred", "supersede": "superseded", "reopen": "reopened"}[action]
    lines = [f"{what} by {step.by} on {step.at.date().isoformat()}"
             + (f": {step.reason}" if step.reason else "")]
    if evaluation.review_by:
        why = ""
        if action == "accept" and request.review_by is None:
            why = (" (its evidence is already stale: review now)"
                   if step.fresh_until is not None and step.fresh_until < evaluation.review_by
                   else " (when its first evidence goes stale)")
        lines.append(f"review by {evaluation.review_by.isoformat()}{why}")
    if action == "accept" and step.fresh_until is not None and step.fresh_until < today():
        lines.append(f"  evidence went stale after {step.fresh_until.isoformat()}: "
                     f"`checklist recheck {folder}` lists what to re-verify")
    lines += [f"  - condition: {c}" for c in step.conditions]
    if evaluation.status in ("accepted", "rejected", "superseded"):
        lines.append(f"ratings are now read-only; `checklist decide {folder} --reopen --by "
                     "NAME --reason ...` to change answers")
    return lines
