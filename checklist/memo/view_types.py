"""What a memo template can show: every field of `memo` and `vendor`, with what it holds.

Templates get `memo` (a `MemoView`, here; its analyses, the chart, robustness, changes and
claim check, in `checklist.memo.appendix_types`) and `vendor` (a `VendorView`, in
`checklist.memo.vendor_types`: the one vendor of a vendor memo or questionnaire, else
None). Read a field as `memo.title` or `v.overall`; a misspelt field is an error naming the
template's line. Numbers meant for reading are already text, formatted by
`checklist.numbers` ("0.62", "+0.10", "85%", "3/4 Good", "—" when there is none), so every
format prints the same figures; the few raw numbers (for drawing charts or sorting) say so.
Lists are in the order a memo shows them.

Plain data only: no methods a template could call, nothing that reaches a file. Built by
`checklist.memo.view`; these modules import nothing else, because the render worker (a child
process without pydantic) unpickles these objects.
"""

from __future__ import annotations

from dataclasses import dataclass

from checklist.memo.appendix_types import (
    ChangesView,
    ChartView,
    ClaimCheckView,
    FrameworkView,
    RobustnessView,
    UnscoredRow,
)
from checklist.memo.vendor_types import (
    DisagreementRow,
    EvidenceRow,
    GateRow,
    Point,
    RaterNote,
    ReasonRow,
    VendorView,
)

# --- the rubric and the drivers ----------------------------------------------------------------


@dataclass(frozen=True)
class RubricInfo:
    id: str
    version: str
    sha256: str
    title: str
    #: "id@version".
    ref: str
    #: The scale's range, "0–4".
    scale: str


@dataclass(frozen=True)
class ContextRow:
    """One context flag of the purchase."""

    id: str
    text: str
    #: "yes" or "no".
    value: str


@dataclass(frozen=True)
class DriverSection:
    id: str
    title: str
    #: "claims" or "readiness".
    axis: str
    weight: str
    #: The section's share of all section weight, "25%".
    share: str
    #: How many questions it holds.
    questions: int


@dataclass(frozen=True)
class DriverGate:
    id: str
    text: str
    #: The minimum level, "2/4 Partial".
    min: str
    #: The context flag that switches the gate on, or "".
    when: str
    when_text: str
    reason: str
    applies: bool


@dataclass(frozen=True)
class Drivers:
    sections: list[DriverSection]
    #: Gates that apply to this purchase, and those switched off by its context.
    gates: list[DriverGate]
    gates_off: list[DriverGate]


# --- the whole decision ------------------------------------------------------------------------


@dataclass(frozen=True)
class RecommendationView:
    #: The leader's name and id, None when no vendor qualifies.
    vendor: str | None
    vendor_id: str | None
    headline: str
    #: Whether an open answer could still change the leader, and a close call if it is one.
    settled_text: str
    #: The leader's conditions, when its verdict is conditional.
    conditions: list[str]


# --- page one: the decision and its reasons ------------------------------------------------------


@dataclass(frozen=True)
class ConditionRow:
    """A condition to meet before signing, with the raters' notes behind it side by side."""

    text: str
    notes: list[RaterNote]


@dataclass(frozen=True)
class OtherRow:
    """Why another vendor is not the choice, in one line."""

    rank: int
    name: str
    verdict: str
    verdict_label: str
    overall: str
    #: The gate that puts it out (failed or unanswered), with notes; None when it qualifies.
    gate: GateRow | None


@dataclass(frozen=True)
class Approver:
    """A decision maker, by role (DACI's approver and the people who must agree)."""

    name: str
    #: Their role in the decision ("approver", "driver", "contributor"), "" when not given.
    role: str


@dataclass(frozen=True)
class DecisionPage:
    """Page one: what an approver decides from, in the order they read it."""

    #: The vendor the reasons compare the leader with (the next vendor that is not no-go),
    #: and the leader's reasons (its `VendorView.reasons`).
    rival: str
    reasons: list[ReasonRow]
    #: The first conditions (at most `view.PAGE_ONE_CONDITIONS`), and how many more.
    conditions: list[ConditionRow]
    conditions_more: int
    #: Open questions that could flip the outcome, a close call, shaky evidence; and how many
    #: more open questions could change the leader.
    could_change: list[str]
    could_change_more: int
    #: The next vendors in rank order (at most `view.PAGE_ONE_OTHERS`), and how many more.
    others: list[OtherRow]
    others_more: int
    #: The bake-off's claim check in a sentence, "" without a bake-off.
    claim_check: str
    approvers: list[Approver]
    #: The date to decide by, "" when the evaluation does not say.
    approve_by: str


@dataclass(frozen=True)
class RecordView:
    """MADR 4's consequences and confirmation."""

    #: What choosing the leader brings (its strengths) and costs (its risks, and where the
    #: runner-up is stronger), as findings.
    good: list[Point]
    bad: list[Point]
    rival_better: list[Point]
    #: How the decision is checked after purchase, and when first.
    confirmation: list[str]
    review: str


@dataclass(frozen=True)
class MemoView:
    """Everything a memo, vendor memo or questionnaire template can show, as `memo`."""

    title: str
    status: str
    date: str
    #: The date the evidence is as of, as written in evaluation.yaml.
    as_of: str
    owner: str
    #: Each as "Name (role)", or the name alone when no role was given.
    decision_makers: list[str]
    #: When the decision is due (ISO date), or "".
    due: str
    #: Options considered beside the vendors.
    options: list[str]
    #: Rater names, as written in their files.
    raters: list[str]
    #: "mean" or "median".
    aggregate: str
    background: str
    decision: str
    rubric: RubricInfo
    context: list[ContextRow]
    drivers: Drivers
    #: Every vendor, in rank order; `winner` is the leader (None when no vendor qualifies).
    vendors: list[VendorView]
    winner: VendorView | None
    recommendation: RecommendationView
    settled: bool
    chart: ChartView
    #: Every vendor's disagreements and evidence in one list each.
    disagreements: list[DisagreementRow]
    robustness: RobustnessView
    evidence: list[EvidenceRow]
    #: Open questions over all vendors.
    open_total: int
    #: With `--since`, what changed since the earlier assessment; else None.
    changes: ChangesView | None
    #: Page one: the reasons, conditions, what could change it, the others, who approves.
    page_one: DecisionPage
    #: Consequences and confirmation (MADR 4).
    record: RecordView
    #: The bake-off's claim check (the whole memo only); None without a bake-off.
    claim_check: ClaimCheckView | None
    #: The ranking rule, for a footnote when a vendor ranks below one that scores lower.
    ranking_rule: str
    ranking_footnote: bool
    #: "checklist 0.1.0".
    generator: str
    #: The vendor of a vendor memo or questionnaire (also passed as `vendor`), else None.
    vendor: VendorView | None
    vendor_count: int
    #: Answers not scored: the first ten rows, how many answers in all, how many not listed.
    unscored: list[UnscoredRow]
    unscored_total: int
    unscored_more: int
    #: The frameworks the rubric's questions map to (`maps_to`), each with what it covers
    #: and what it does not; empty when nothing is mapped, and in a vendor memo.
    frameworks: list[FrameworkView]


