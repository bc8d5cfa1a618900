"""The scorecard as the templates see it: typed plain data (`checklist.memo.view_types`).

Two reasons for a separate view model rather than handing templates the scorecard itself:

- **Safety.** User templates run in Jinja's sandbox, but the sandbox still lets a template
  call any public method of an object it is given; a `Path` would let it read files. Plain
  data has no such methods, so what a template can reach is exactly what
  `checklist.memo.view_types` lists.
- **One set of numbers.** Every number is formatted once, by `checklist.numbers`, and
  every format prints the same text; templates decide layout, never arithmetic.

Nothing here decides or words a conclusion: strengths, risks and follow-ups come from
`checklist.scoring.findings`, sentences from `checklist.scoring.narrative`. This module (and
`checklist.memo.vendor_view` for each vendor) lays them out. No Jinja here: the view is built
and tested without a template engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from checklist import __version__
from checklist import numbers as n
from checklist.memo.appendix_types import (
    ChangesView,
    ChartPoint,
    ChartView,
    DeciderRow,
    FlipRow,
    LegendEntry,
    Quadrants,
    RobustnessView,
    UnscoredRow,
)
from checklist.memo.citations import Citations, filler, point
from checklist.memo.claim_check_view import claim_check
from checklist.memo.frameworks_view import framework_views
from checklist.memo.vendor_types import Point, VendorView
from checklist.memo.vendor_view import vendor_view
from checklist.memo.view_types import (
    Approver,
    ConditionRow,
    ContextRow,
    DecisionPage,
    DriverGate,
    Drivers,
    DriverSection,
    MemoView,
    OtherRow,
    RecommendationView,
    RecordView,
    RubricInfo,
)
from checklist.model import when as conditions
from checklist.model.evaluation import Evaluation
from checklist.model.named_fields import fill
from checklist.model.rubric import Rubric
from checklist.scoring import Scorecard, VendorResult, findings, narrative
from checklist.scoring.applies import gate_applies, plain_condition_text
from checklist.scoring.gate_terms import bound_of, bound_text
from checklist.scoring.results import verdict_label

if TYPE_CHECKING:
    from checklist.files.folder import Workspace

#: How many deciders the memo lists before "and N more".
DECIDERS = 5
#: Page one lists at most this many other vendors and conditions, so it stays one page
#: however many vendors an evaluation has; the rest are in the appendix.
PAGE_ONE_OTHERS = 6
PAGE_ONE_CONDITIONS = 4
#: Answers kept but not scored (a typo'd vendor or question id) listed before "and N more".
UNSCORED = 10

#: Each verdict's marker in the charts, by shape, so a chart printed without colour still
#: says it: (shape, symbol).
MARKERS = {
    "go": ("circle", "●"),
    "conditional": ("square", "■"),
    "incomplete": ("triangle", "▲"),
    "no-go": ("diamond", "◆"),
}
#: Axis values printed along both axes of the chart.
TICKS = ["0", "0.25", "0.5", "0.75", "1"]

QUADRANTS = {
    "top_right": "Proven and ready",
    "top_left": "Claims ahead of readiness",
    "bottom_left": "Not there yet",
    "bottom_right": "Ready, under-claimed",
}


def build_view(
    workspace: Workspace,
    card: Scorecard,
    *,
    vendor: str | None = None,
    changes: ChangesView | None = None,
) -> MemoView:
    """Everything a memo, vendor memo or questionnaire template can show."""
    evaluation, rubric = card.evaluation, card.rubric
    vendors = [vendor_view(card, v) for v in card.vendors]
    by_id = {v.id: v for v in vendors}
    winner = card.winner
    pin = evaluation.rubric
    unscored, unscored_total, unscored_more = _unscored(workspace, card.raters)
    # the whole memo only: a vendor memo or questionnaire does not show it
    checked = claim_check(evaluation, workspace.path) if vendor is None else None
    return MemoView(
        title=evaluation.title,
        status=evaluation.status,
        date=evaluation.date.isoformat() if evaluation.date else "",
        as_of=evaluation.as_of,
        owner=evaluation.owner,
        decision_makers=[p.display() for p in evaluation.decision_makers],
        due=evaluation.due.isoformat() if evaluation.due else "",
        options=list(evaluation.options),
        raters=[card.rater_name(r) for r in card.raters],
        aggregate=card.aggregate,
        background=evaluation.background,
        decision=evaluation.decision,
        rubric=RubricInfo(
            id=pin.id,
            version=pin.version,
            sha256=pin.sha256,
            title=rubric.title,
            ref=f"{pin.id}@{pin.version}",
            scale=f"{rubric.scale.min}–{rubric.scale.max}",
        ),
        context=[ContextRow(f.id, f.text, "yes" if card.context.get(f.id) else "no")
                 for f in rubric.context],
        drivers=_drivers(rubric, card.context),
        vendors=vendors,
        winner=by_id[winner.id] if winner else None,
        recommendation=_recommendation(card),
        settled=card.settled,
        chart=_chart(vendors),
        disagreements=[d for v in vendors for d in v.disagreements],
        robustness=_robustness(card),
        evidence=[e for v in vendors for e in v.evidence],
        open_total=sum(len(v.open_questions) for v in vendors),
        changes=changes,
        page_one=_page_one(card, vendors, checked.headline if checked else ""),
        claim_check=checked,
        record=_record(card, vendors),
        ranking_rule=narrative.RANKING_RULE,
        ranking_footnote=any(v.rank_note for v in vendors),
        generator=f"checklist {__version__}",
        vendor=by_id.get(vendor) if vendor else None,
        vendor_count=len(vendors),
        unscored=unscored,
        unscored_total=unscored_total,
        unscored_more=unscored_more,
        frameworks=framework_views(rubric) if vendor is None else [],
    )


#: The order page one names decision makers in: who approves first (DACI's roles); people
#: who are only informed do not approve, and are left out.
ROLE_ORDER = {"approver": 0, "driver": 1, "contributor": 2, None: 3}


def approvers(evaluation: Evaluation) -> list[Approver]:
    """Who approves, read from the evaluation: the one place the memo reads decision makers.
    By role (approver, driver, contributor, then people without one, each in the order
    written); someone only informed is not listed."""
    people = [p for p in evaluation.decision_makers if p.role in ROLE_ORDER]
    people.sort(key=lambda p: ROLE_ORDER[p.role])
    return [Approver(name=p.name, role=p.role or "") for p in people]


def _winner_and_rival(card: Scorecard) -> tuple[VendorResult | None, VendorResult | None]:
    winner = card.winner
    return winner, findings.runner_up(card.vendors, winner) if winner else None


def _citations(card: Scorecard, v: VendorResult, views: dict[str, VendorView]) -> Citations:
    return Citations.of(card, views[v.id].evidence,
                        filler(card.evaluation.vendor(v.id), card.evaluation))


def _page_one(card: Scorecard, vendors: list[VendorView], claims: str) -> DecisionPage:
    """The decision and its reasons, from the same findings as the rest of the memo."""
    views = {v.id: v for v in vendors}
    winner, rival = _winner_and_rival(card)
    conditions: list[ConditionRow] = []
    reasons = views[winner.id].reasons if winner is not None else []
    if winner is not None:
        cite = _citations(card, winner, views)
        if winner.verdict == "conditional":
            for c in winner.conditions:
                behind = winner.questions.get(c.question) if c.question else None
                conditions.append(ConditionRow(c.text(card.rubric),
                                               cite.notes(behind) if behind else []))
    could, more = narrative.could_change(card)
    others = [OtherRow(v.rank, v.name, v.verdict, v.verdict_label, v.overall, v.out_because)
              for v in vendors if winner is None or v.id != winner.id]
    return DecisionPage(
        rival=rival.name if rival else "",
        reasons=reasons,
        conditions=conditions[:PAGE_ONE_CONDITIONS],
        conditions_more=max(0, len(conditions) - PAGE_ONE_CONDITIONS),
        could_change=could,
        could_change_more=more,
        others=others[:PAGE_ONE_OTHERS],
        others_more=max(0, len(others) - PAGE_ONE_OTHERS),
        claim_check=claims,
        approvers=approvers(card.evaluation),
        approve_by=card.evaluation.due.isoformat() if card.evaluation.due else "",
    )


#: Consequences listed on each side.
CONSEQUENCES = 3


def _record(card: Scorecard, vendors: list[VendorView]) -> RecordView:
    """MADR 4's consequences (good and bad) and confirmation, for the leader."""
    views = {v.id: v for v in vendors}
    winner, rival = _winner_and_rival(card)
    if winner is None:
        return RecordView([], [], [], [], "")
    view = views[winner.id]
    better: list[Point] = []
    if rival is not None:
        cite = _citations(card, rival, views)
        better = [point(q, cite) for q in findings.deciding(rival, winner, card.rubric.policy,
                                                            limit=CONSEQUENCES)]
    return RecordView(
        good=view.strengths[:CONSEQUENCES],
        bad=view.risks[:CONSEQUENCES],
        rival_better=better,
        confirmation=narrative.confirmation(card),
        review=narrative.review_date(card),
    )


def _unscored(workspace: Workspace, raters: Iterable[str]) -> tuple[list[UnscoredRow], int, int]:
    """Answers kept on disk but not scored: their vendor or question is not in the evaluation.

    A typo in a hand-edited ratings file (`veo-31` for `veo-3-1`) drops answers from the
    scores without an error, and could change a recommendation; the memo says so. Answers
    of one rater for one unknown vendor are one line (a typo'd vendor id orphans them all).
    Returns the rows listed, the answers not scored, and the answers not listed.
    """
    included = set(raters)
    orphans = [o for o in workspace.orphans if o.rater in included]
    groups: dict[tuple[str, str, str], list[str]] = {}
    for o in orphans:
        key = (o.rater, o.vendor, o.reason if o.reason.startswith("vendor ") else o.question)
        groups.setdefault(key, []).append(o.question)
    rows = []
    for (rater, vendor, _), questions in groups.items():
        reason = next(o.reason for o in orphans
                      if o.rater == rater and o.vendor == vendor and o.question == questions[0])
        shown = ", ".join(questions[:3]) + (f" and {len(questions) - 3} more"
                                            if len(questions) > 3 else "")
        count = f" ({len(questions)} answers)" if len(questions) > 1 else ""
        file = next(o.file for o in orphans if o.rater == rater)
        rows.append(UnscoredRow(
            rater=rater,
            file=file,
            vendor=vendor,
            question=shown,
            questions=list(questions),
            count=len(questions),
            reason=reason,
            text=f"{file}: {vendor} / {shown}{count}: {reason}",
        ))
    return rows[:UNSCORED], len(orphans), sum(r.count for r in rows[UNSCORED:])


def _drivers(rubric: Rubric, context: dict[str, bool]) -> Drivers:
    total = sum(s.weight for s in rubric.sections) or 1.0
    sections = [
        DriverSection(
            id=s.id,
            title=s.title,
            axis=s.axis,
            weight=n.number(s.weight),
            share=n.pct(s.weight / total),
            questions=len(s.questions),
        )
        for s in rubric.sections
    ]
    gates = []
    for _, q in rubric.questions():
        if q.gate is None:
            continue
        when = q.gate.when
        gates.append(DriverGate(
            id=q.id,
            text=q.text,
            min=bound_text(bound_of(q), q, rubric.scale),
            when=conditions.text(when) if when is not None else "",
            when_text=plain_condition_text(when, rubric) if when is not None else "",
            reason=q.gate.reason,
            applies=gate_applies(q, context),
        ))
    return Drivers(
        sections=sections,
        gates=[g for g in gates if g.applies],
        gates_off=[g for g in gates if not g.applies],
    )


def _recommendation(card: Scorecard) -> RecommendationView:
    said = narrative.recommendation(card)
    winner = said.vendor
    return RecommendationView(
        vendor=winner.name if winner else None,
        vendor_id=winner.id if winner else None,
        headline=said.headline,
        settled_text=said.settled,
        conditions=list(said.conditions),
    )


def _chart(vendors: list[VendorView]) -> ChartView:
    """Chart points: true coordinates (for Mermaid) and display positions nudged apart.

    Two vendors with nearly equal scores would hide each other's numbered marker in the
    drawn charts, so later points move the smallest step that clears earlier ones.
    """
    points: list[ChartPoint] = []
    placed: list[tuple[float, float]] = []
    for v in vendors:
        if v.x is None or v.y is None:
            continue
        x, y = min(1.0, max(0.0, v.x)), min(1.0, max(0.0, v.y))
        px, py = _clear_spot(x, y, placed)
        placed.append((px, py))
        marker, symbol = MARKERS.get(v.verdict, MARKERS["incomplete"])
        # by the position as printed (two decimals), so the table never contradicts itself
        side = (("top" if round(y, 2) >= 0.5 else "bottom")
                + ("_right" if round(x, 2) >= 0.5 else "_left"))
        points.append(ChartPoint(rank=v.rank, name=v.name, x=x, y=y, px=px, py=py,
                                 chart_x=v.chart_x, chart_y=v.chart_y, verdict=v.verdict,
                                 verdict_label=v.verdict_label, marker=marker, symbol=symbol,
                                 quadrant=QUADRANTS[side]))
    shown = {p.verdict for p in points}
    legend = [LegendEntry(marker, symbol, verdict_label(verdict))
              for verdict, (marker, symbol) in MARKERS.items() if verdict in shown]
    return ChartView(points=points, quadrants=Quadrants(**QUADRANTS),
                     x_label="Production readiness", y_label="Benchmark claims",
                     legend=legend, ticks=list(TICKS))


#: Marker spacing in chart units (the charts are about 4:3, so x counts for more).
_ASPECT = 1.33
_SPACING = 0.075


def _clear_spot(x: float, y: float, placed: list[tuple[float, float]]) -> tuple[float, float]:
    def free(px: float, py: float) -> bool:
        return all(((px - qx) * _ASPECT) ** 2 + (py - qy) ** 2 >= _SPACING ** 2
                   for qx, qy in placed)

    if free(x, y):
        return x, y
    for ring in range(1, 12):
        step = _SPACING * ring
        for dx, dy in ((1, 0), (0, -1), (-1, 0), (0, 1), (1, -1), (-1, -1), (-1, 1), (1, 1)):
            px = min(1.0, max(0.0, x + dx * step / _ASPECT))
            py = min(1.0, max(0.0, y + dy * step))
            if free(px, py):
                return px, py
    return x, y


def _robustness(card: Scorecard) -> RobustnessView:
    sens = card.sensitivity
    titles = {s.id: s.title for s in card.rubric.sections}
    names = {v.id: v.name for v in card.vendors}
    deciders = []
    for d in card.deciders[:DECIDERS]:
        question = card.rubric.question(d.question)
        deciders.append(DeciderRow(
            vendor=names.get(d.vendor, d.vendor),
            id=d.question,
            text=fill(question.text, card.evaluation.vendor(d.vendor), card.evaluation).text
            if question else d.question,
            share=n.share(d.share),
            gate=d.gate,
        ))
    flips = [FlipRow(section=titles.get(f.section, f.section), factor=n.number(f.factor),
                     new_winner=names.get(f.new_winner, f.new_winner),
                     text=narrative.flip_sentence(card, f)) for f in sens.flips]
    return RobustnessView(
        settled=card.settled,
        deciders=deciders,
        deciders_more=max(0, len(card.deciders) - DECIDERS),
        stability=n.pct(sens.stability),
        close_call=sens.close_call,
        draws=sens.draws,
        stability_text=narrative.stability_sentence(card),
        flips=flips,
    )
