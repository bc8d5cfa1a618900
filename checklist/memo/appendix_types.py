"""What the memo's analyses show a template, as `memo.chart`, `memo.robustness`,
`memo.unscored`, `memo.changes`, `memo.claim_check` and `memo.frameworks` (see `view_types`
for the rest).

Plain data only, importing nothing but `dataclasses`: the render worker unpickles these.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChartPoint:
    rank: int
    name: str
    #: Readiness and claims clamped to [0, 1]; `px`, `py` where to draw the marker, nudged
    #: apart from the others; `chart_x`, `chart_y` the true position as Mermaid text.
    x: float
    y: float
    px: float
    py: float
    chart_x: str
    chart_y: str
    verdict: str
    verdict_label: str
    #: The marker's shape, so the verdict reads without colour: "circle" (go), "square"
    #: (go with conditions), "triangle" (incomplete), "diamond" (no-go); `symbol` the same
    #: as one character ("●", "■", "▲", "◆").
    marker: str
    symbol: str
    #: The quadrant the true position falls in, by its label.
    quadrant: str


@dataclass(frozen=True)
class LegendEntry:
    """One marker shape and the verdict it stands for."""

    marker: str
    symbol: str
    label: str


@dataclass(frozen=True)
class Quadrants:
    top_right: str
    top_left: str
    bottom_left: str
    bottom_right: str


@dataclass(frozen=True)
class ChartView:
    """Claims versus readiness, one point per scored vendor."""

    points: list[ChartPoint]
    quadrants: Quadrants
    x_label: str
    y_label: str
    #: The marker shapes of the verdicts shown, in verdict order.
    legend: list[LegendEntry]
    #: Axis values to print along both axes, positions in [0, 1] as text ("0", "0.5", "1").
    ticks: list[str]


@dataclass(frozen=True)
class DeciderRow:
    """An open question that could still change who leads."""

    vendor: str
    id: str
    text: str
    share: str
    gate: bool


@dataclass(frozen=True)
class FlipRow:
    """A section weight that, changed alone, changes the leader."""

    section: str
    factor: str
    new_winner: str
    text: str


@dataclass(frozen=True)
class RobustnessView:
    settled: bool
    deciders: list[DeciderRow]
    deciders_more: int
    #: The share of random weight draws in which the leader stays ahead, "97%".
    stability: str
    close_call: bool
    draws: int
    stability_text: str
    flips: list[FlipRow]


@dataclass(frozen=True)
class UnscoredRow:
    """Answers kept in a ratings file but not scored: their vendor or question is unknown."""

    rater: str
    file: str
    vendor: str
    #: The first question ids ("a, b, c and 4 more"), and all of them.
    question: str
    questions: list[str]
    count: int
    reason: str
    #: The whole row as one line.
    text: str


@dataclass(frozen=True)
class AnswerMoveRow:
    text: str
    old: str
    new: str
    #: The change in the overall score from this answer, "+0.031".
    impact: str
    gate: bool
    summary: str


@dataclass(frozen=True)
class VendorChange:
    """What moved for one vendor since the earlier assessment."""

    id: str
    name: str
    #: "both", "added" or "removed".
    presence: str
    summary: str
    verdict: str
    rank: str
    #: "0.55 → 0.62 (+0.07)", or the value alone when it did not move.
    overall: str
    claims: str
    readiness: str
    hype_gap: str
    coverage: str
    gates: list[str]
    moves: list[AnswerMoveRow]
    moves_more: int


@dataclass(frozen=True)
class ChangesView:
    """The memo's "Changes since ..." section (`checklist memo --since`)."""

    title: str
    old_title: str
    old_date: str
    headline: list[str]
    vendors: list[VendorChange]
    unchanged: list[str]
    #: One line per fact, for a template that wants a plain list.
    lines: list[str]


@dataclass(frozen=True)
class ClaimCheckRow:
    """One vendor claim checked against our blind bake-off (`checklist bakeoff results`)."""

    #: The vendor whose claim it is, and the claim as written.
    vendor: str
    claim: str
    #: The two vendors as the claim is checked: "ByteDance Seedance 2.0 over Google Veo 3.1"
    #: (a claimed deficit is checked as the other side's lead).
    pair: str
    #: What the claim implies, in words ("62%", "ahead"), and as a win probability (0 to 1).
    claimed: str
    claimed_p: float
    #: Our win probability with its 95% interval, in words and as numbers (0 to 1).
    ours: str
    ours_p: float
    low_p: float
    high_p: float
    #: "consistent", "contradicted" or "inconclusive".
    verdict: str
    #: The smallest Elo gap our votes would detect ("141 Elo", or "unbounded").
    detectable: str
    #: The task whose votes were used, and any remark on the check ("" when none).
    remark: str


@dataclass(frozen=True)
class ClaimNotChecked:
    vendor: str
    claim: str
    why: str


@dataclass(frozen=True)
class ClaimCheckView:
    """The bake-off's claim check: its headline for page one, the claims it checked (with the
    numbers for a forest plot), the ones it cannot check and why; or, when the bake-off cannot
    be rated yet, `unrated` says why and the lists are empty."""

    headline: str
    rows: list[ClaimCheckRow]
    not_checked: list[ClaimNotChecked]
    unrated: str


@dataclass(frozen=True)
class FrameworkIdRow:
    """One id of a framework that the rubric's questions cover."""

    id: str
    #: The questions mapping to it, by id, joined with ", ".
    questions: str


@dataclass(frozen=True)
class FrameworkView:
    """How much of one framework the rubric covers (`checklist rubrics coverage`)."""

    #: "NIST AI RMF 1.0 (subcategories)", and where its ids come from.
    name: str
    source: str
    #: "12 of 72 ids covered".
    summary: str
    covered: list[FrameworkIdRow]
    #: The ids no question maps to, in the framework's order.
    not_covered: list[str]
