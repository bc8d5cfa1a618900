"""A re-assessment against an earlier one: what moved for each vendor, and why.

Vendors get re-assessed next quarter; the question then is not "who wins" but "what changed":
a verdict that flipped, a gate newly failed, the answers that moved the score most. Computed
from two scorecards (the same computation the summary and the memo show), so the numbers here
always match what each assessment said on its own.

`diff_scorecards` is the whole comparison; `diff_evaluations` scores two loaded folders and
calls it. Vendors are matched by id; questions by id, so two quarters scored against different
rubric versions still compare where they overlap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checklist.reuse.diff_results import EPS, AnswerMove, Delta, EvalDiff, VendorDiff
from checklist.scoring.context_change import switches
from checklist.scoring.results import QuestionResult, Scorecard, VendorResult

if TYPE_CHECKING:
    import datetime as dt

    from checklist.files.folder import Workspace
    from checklist.scoring.results import Aggregate

#: How many moved answers to keep per vendor by default.
TOP_ANSWERS = 5


def diff_scorecards(old: Scorecard, new: Scorecard, *, top: int = TOP_ANSWERS) -> EvalDiff:
    """Compares two scorecards vendor by vendor. Pure.

    `top` limits the moved answers listed per vendor (all are counted in `moved_total`);
    `top=0` lists none.
    """
    old_q = {q.id for _, q in old.rubric.questions()}
    new_q = {q.id for _, q in new.rubric.questions()}
    vendors: list[VendorDiff] = []
    for result in new.vendors:
        before = old.vendor(result.id)
        vendors.append(_vendor_diff(before, result, top))
    for result in old.vendors:
        if new.vendor(result.id) is None:
            vendors.append(_vendor_diff(result, None, top))
    flags = sorted({*old.context, *new.context})
    changes = tuple((f, old.context.get(f), new.context.get(f)) for f in flags
                    if old.context.get(f) != new.context.get(f))
    gates, parts = switches(new.rubric, old.context, new.context) if changes else ([], [])
    return EvalDiff(
        context_changes=changes,
        gates_switched=tuple(gates),
        switched=tuple(parts),
        old_title=old.evaluation.title,
        new_title=new.evaluation.title,
        old_rubric=f"{old.rubric.ref}",
        new_rubric=f"{new.rubric.ref}",
        old_winner=old.winner.id if old.winner else None,
        new_winner=new.winner.id if new.winner else None,
        old_settled=old.settled,
        new_settled=new.settled,
        vendors=tuple(vendors),
        questions_added=tuple(q for q in (q.id for _, q in new.rubric.questions())
                              if q not in old_q),
        questions_removed=tuple(q for q in (q.id for _, q in old.rubric.questions())
                                if q not in new_q),
    )


def diff_evaluations(old: Workspace, new: Workspace, *, aggregate: Aggregate = "mean",
                     top: int = TOP_ANSWERS, today: dt.date | None = None) -> EvalDiff:
    """Scores two loaded evaluation folders and compares them (see `diff_scorecards`).

    Both are scored on the same `today` (evidence ages by one clock; None: it does not age).
    Sensitivity draws are skipped: a diff compares verdicts and scores, not stability, and
    the draws are the slow part of scoring.
    """
    from dataclasses import replace

    from checklist.scoring import score_workspace

    old_card = score_workspace(old, aggregate=aggregate, draws=0, today=today)
    new_card = score_workspace(new, aggregate=aggregate, draws=0, today=today)
    result = diff_scorecards(old_card, new_card, top=top)
    return replace(result, old_path=str(old.path), new_path=str(new.path))


def _vendor_diff(old: VendorResult | None, new: VendorResult | None, top: int) -> VendorDiff:
    either = new or old
    assert either is not None

    def delta(name: str) -> Delta:
        return Delta(getattr(old, name) if old else None, getattr(new, name) if new else None)

    presence = "both" if old and new else ("added" if new else "removed")
    failed: tuple[str, ...] = ()
    newly_passed: tuple[str, ...] = ()
    newly_open: tuple[str, ...] = ()
    moves: list[AnswerMove] = []
    if old and new:
        before = {g.id: g.status for g in old.gates}
        after = {g.id: g.status for g in new.gates}
        failed = tuple(g for g, s in after.items() if s == "fail" and before.get(g) != "fail")
        newly_passed = tuple(g for g, s in after.items()
                             if s == "pass" and before.get(g) in ("fail", "open"))
        newly_open = tuple(g for g, s in after.items()
                           if s == "open" and before.get(g) in ("fail", "pass"))
        gate_ids = {g.id for g in new.gates} | {g.id for g in old.gates}
        for qid, result in new.questions.items():
            previous = old.questions.get(qid)
            if previous is None:
                continue
            move = _answer_move(previous, result, qid in gate_ids)
            if move is not None:
                moves.append(move)
        moves.sort(key=lambda m: (-abs(m.impact), -abs((m.new_level or 0) - (m.old_level or 0)),
                                  m.question))
    return VendorDiff(
        id=either.id,
        name=either.name,
        presence=presence,
        old_verdict=old.verdict if old else None,
        new_verdict=new.verdict if new else None,
        old_rank=old.rank if old else None,
        new_rank=new.rank if new else None,
        overall=delta("score"),
        claims=delta("claims"),
        readiness=delta("readiness"),
        hype_gap=delta("hype_gap"),
        coverage=delta("coverage"),
        gates_newly_failed=failed,
        gates_newly_passed=newly_passed,
        gates_newly_open=newly_open,
        moves=tuple(moves[:max(top, 0)]),
        moved_total=len(moves),
    )


def _answer_move(old: QuestionResult, new: QuestionResult, gate: bool) -> AnswerMove | None:
    old_shown, new_shown = _shown(old), _shown(new)
    level_moved = (old.level is None) != (new.level is None) or (
        old.level is not None and new.level is not None and abs(old.level - new.level) > EPS
    )
    if not level_moved and old.status == new.status and old_shown == new_shown:
        return None
    impact = (new.value or 0) * new.share - (old.value or 0) * old.share
    notes = tuple(
        (view.rater, view.answer.note)
        for view in new.raters
        if view.answer.note and view.answer.note != _note_of(old, view.rater)
    )
    return AnswerMove(new.id, new.question.text, old_shown, new_shown, old.level, new.level,
                      impact, gate, notes)


def _note_of(result: QuestionResult, rater: str) -> str:
    return next((v.answer.note for v in result.raters if v.rater == rater), "")


def _shown(result: QuestionResult) -> str:
    """The answer as people said it: one rater's own words, or the aggregate level."""
    if result.status == "na":
        return "N/A"
    if result.status == "off":
        return "does not apply"
    if result.status == "open" or result.level is None:
        return "open"
    answered = [v for v in result.raters if v.answer.is_answered and not v.na]
    if len(answered) == 1:
        return answered[0].answer.display(result.question.unit)
    level = result.level
    return f"{level:g}" if float(level).is_integer() else f"{level:.2f}"
