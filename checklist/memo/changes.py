"""The memo's "Changes since ..." section: an earlier assessment compared with this one.

The comparison itself is `checklist.reuse.eval_diff` (the same one `checklist diff` prints);
this module only turns it into plain data for the templates, with numbers formatted by
`checklist.numbers` like everything else in the memo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checklist import numbers as n
from checklist.errors import ChecklistError
from checklist.memo.appendix_types import AnswerMoveRow, ChangesView, VendorChange
from checklist.scoring.results import verdict_label

if TYPE_CHECKING:
    from checklist.files.folder import Workspace
    from checklist.reuse.diff_results import Delta, EvalDiff, VendorDiff
    from checklist.scoring import Scorecard


def changes_view(since: Workspace, card: Scorecard, *, rater: str | None = None,
                 aggregate: str = "mean") -> ChangesView:
    """What moved between `since` (the earlier assessment) and `card` (this one)."""
    from checklist.reuse.eval_diff import diff_scorecards
    from checklist.scoring import score_workspace

    # Scored on this memo's day, so evidence ages by the same clock on both sides and a
    # verdict does not "change" only because the earlier round was scored without one.
    day = card.today
    try:
        old = score_workspace(since, rater=rater, aggregate=aggregate,  # type: ignore[arg-type]
                              draws=0, today=day)
    except ChecklistError:
        # The rater may not have scored the earlier round: compare with everyone's answers.
        old = score_workspace(since, aggregate=aggregate, draws=0,  # type: ignore[arg-type]
                              today=day)
    diff = diff_scorecards(old, card)
    return _view(diff, old, card)


def _text(card: Scorecard, other: Scorecard, qid: str) -> str:
    question = card.rubric.question(qid) or other.rubric.question(qid)
    return question.text if question else qid


def _move(delta: Delta, signed: bool = False) -> str:
    fmt = n.signed if signed else n.score
    if delta.old is None and delta.new is None:
        return n.DASH
    if delta.change is not None and abs(delta.change) < 1e-9:
        return fmt(delta.new)
    change = f" ({n.signed(delta.change)})" if delta.change is not None else ""
    return f"{fmt(delta.old)} → {fmt(delta.new)}{change}"


def _view(diff: EvalDiff, old: Scorecard, new: Scorecard) -> ChangesView:
    names = {v.id: v.name for v in (*old.vendors, *new.vendors)}
    headline = []
    if diff.old_rubric != diff.new_rubric:
        headline.append(f"The rubric changed from {diff.old_rubric} to {diff.new_rubric} "
                        f"({len(diff.questions_added)} question(s) added, "
                        f"{len(diff.questions_removed)} removed); answers are compared where "
                        "the questions overlap.")
    if diff.winner_changed:
        before = names.get(diff.old_winner or "", "no vendor")
        after = names.get(diff.new_winner or "", "no vendor")
        headline.append(f"The leader changed from {before} to {after}.")
    else:
        headline.append(f"The leader is unchanged: {names.get(diff.new_winner or '', 'none')}.")
    if diff.old_settled != diff.new_settled:
        headline.append("The decision is now settled." if diff.new_settled
                        else "The decision is no longer settled.")
    vendors = [_vendor(v, old, new) for v in diff.vendors if v.changed]
    date = old.evaluation.date.isoformat() if old.evaluation.date else ""
    title = old.evaluation.title + (f" ({date})" if date else "")
    return ChangesView(
        title=title,
        old_title=old.evaluation.title,
        old_date=date,
        headline=headline,
        vendors=vendors,
        unchanged=[v.name for v in diff.vendors if not v.changed],
        lines=headline + [row.summary for row in vendors],
    )


def _vendor(v: VendorDiff, old: Scorecard, new: Scorecard) -> VendorChange:
    verdict = (f"{verdict_label(v.old_verdict)} → {verdict_label(v.new_verdict)}"
               if v.verdict_changed else verdict_label(v.new_verdict))
    if v.presence == "added":
        summary = (f"{v.name}: new in this assessment, {verdict_label(v.new_verdict)}, "
                   f"overall {n.score(v.overall.new)}.")
    elif v.presence == "removed":
        summary = (f"{v.name}: no longer assessed (was {verdict_label(v.old_verdict)}, "
                   f"overall {n.score(v.overall.old)}).")
    else:
        summary = f"{v.name}: {verdict}, overall {_move(v.overall)}."
    gates = []
    for label, ids in (("newly failed", v.gates_newly_failed),
                       ("newly passed", v.gates_newly_passed),
                       ("open again", v.gates_newly_open)):
        gates += [f"Gate {label}: {_text(new, old, g)}" for g in ids]
    rank = ("—" if v.new_rank is None else str(v.new_rank)) if v.old_rank == v.new_rank else \
        f"{v.old_rank or '—'} → {v.new_rank or '—'}"
    return VendorChange(
        id=v.id,
        name=v.name,
        presence=v.presence,
        summary=summary,
        verdict=verdict,
        rank=rank,
        overall=_move(v.overall),
        claims=_move(v.claims),
        readiness=_move(v.readiness),
        hype_gap=_move(v.hype_gap, signed=True),
        coverage=(f"{n.pct(v.coverage.old)} → {n.pct(v.coverage.new)}"
                  if v.coverage.change else n.pct(v.coverage.new)),
        gates=gates,
        moves=[
            AnswerMoveRow(
                text=m.text,
                old=m.old,
                new=m.new,
                impact=n.impact(m.impact),
                gate=m.gate,
                summary=f"{m.text}: {m.old} → {m.new} (overall {n.impact(m.impact)})",
            )
            for m in v.moves
        ],
        moves_more=max(0, v.moved_total - len(v.moves)),
    )
