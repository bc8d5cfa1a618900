"""What a memo template can show about one vendor: `vendor`, and each of `memo.vendors`.

See `checklist.memo.view_types` for the whole memo and how to read these fields.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- one vendor --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionRow:
    id: str
    title: str
    axis: str
    weight: str
    #: Open questions count as 0 in `score` and are left out of `score_answered`.
    score: str
    score_answered: str
    coverage: str
    answered: int
    total: int
    #: Questions answered N/A.
    na: int


@dataclass(frozen=True)
class ClaimRow:
    """A benchmark claim the vendor makes, with who ran it."""

    text: str
    task: str
    metric: str
    #: The figure with its unit, as published: "62% win rate", "1357 Elo", "top 3".
    value: str
    #: What it is compared with and the claimed margin: "vs Beta, by +12 points", or "".
    compared: str
    #: Sample size and interval when published: "n = 1200, 95% CI 58.5–65.5", or "".
    sample: str
    #: `value`, `compared` and `sample` in one line, for a table cell.
    figure: str
    source: str
    #: `source` when it is a web address fit to link, else None (show it as text).
    link: str | None
    run_by: str
    grade: str
    grade_label: str
    #: The date of the result, and when the source was read (ISO dates, or "").
    date: str
    retrieved: str
    note: str


@dataclass(frozen=True)
class EvidenceRef:
    """One piece of evidence a rater cited for an answer."""

    source: str
    #: `source` when it is a web address fit to link, else None (show it as text).
    link: str | None
    grade_label: str
    retrieved: str
    #: Its entry in the evidence appendix, "E1.3" (vendor rank, then source).
    ref: str


@dataclass(frozen=True)
class RaterNote:
    """What one rater answered, wrote and cited for a finding."""

    name: str
    #: The rater's answer in the question's own terms ("95 s", an option, "yes", "3/4 Good").
    answer: str
    note: str
    #: "low", "medium", "high" or "".
    confidence: str
    evidence: list[EvidenceRef]


@dataclass(frozen=True)
class Point:
    """A finding: a strength, a risk, or a reason on the first page."""

    id: str
    #: The question, as the rubric asks it.
    text: str
    section: str
    #: The aggregated answer, "3/4 Good" or "yes".
    level: str
    #: The rubric's words for that level (an anchor or a choice's label), or "".
    anchor: str
    #: The question's share of the overall score, "4.2%".
    share: str
    #: The finding as a statement: the anchor at the level reached, the option chosen, or
    #: the measurement against its bound ("Measured 95 s, within ≤ 120 s for 3/4 ...").
    statement: str
    #: The answer in the question's own terms ("95 s", the option, "yes", "3/4 Good"), and
    #: for a measurement the bound it is held to ("≤ 120 s for 3/4 Meets our need"), or "".
    answer: str
    bound: str
    #: Each rater's answer, note and evidence (raters with neither note nor evidence too).
    notes: list[RaterNote]
    #: The appendix entries behind it, "E1.2, E1.5" ("" when none).
    refs: str


@dataclass(frozen=True)
class ReasonRow:
    """A question that decides between two vendors: one vendor's finding, and the other's
    answer to the same question in its own terms ("2/4 Partial", "48%", "unanswered")."""

    finding: Point
    rival: str


@dataclass(frozen=True)
class GateRow:
    id: str
    text: str
    section: str
    #: "pass", "fail", "open" or "off"; `status_label` says it in words.
    status: str
    status_label: str
    level: str
    min: str
    #: The rubric's words for the level reached: why a failed gate failed.
    anchor: str
    reason: str
    #: As for a `Point`: the finding as a statement, the answer in the question's own terms,
    #: the bound a measurement is held to, the raters' notes and evidence, appendix entries.
    statement: str
    answer: str
    bound: str
    notes: list[RaterNote]
    refs: str


@dataclass(frozen=True)
class FollowUpRow:
    """A question to take back to the vendor (see `checklist.scoring.findings`)."""

    id: str
    text: str
    #: The question in words fit to send (the rubric's `ask_vendor`, else its text).
    ask: str
    #: The evidence to provide.
    provide: str
    guidance: str
    section: str
    #: Some of "unanswered", "low score", "low confidence", "gate", "failed gate".
    reasons: list[str]
    #: The reasons joined, for the team; `why_vendor` says them to the vendor.
    why: str
    why_vendor: str
    #: The answer so far, or "unanswered".
    current: str
    #: For a gate, the minimum level and the rubric's words for it; else "".
    gate_min: str
    gate_need: str
    #: What we have so far, as a statement in the rubric's words ("" when unanswered), and
    #: what would meet our need: the gate's minimum, else the level the policy calls enough
    #: (`policy.low_score`), in the rubric's words or as a measurement's bound.
    found: str
    need: str
    gate: bool
    share: str
    #: The share as a number in [0, 1], for sorting.
    weight: float


@dataclass(frozen=True)
class FollowUpGroup:
    """Follow-ups of one section, in rubric order."""

    title: str
    questions: list[FollowUpRow]


@dataclass(frozen=True)
class RaterValue:
    name: str
    #: The rater's answer, "3/4 Good", or "N/A"; `answer` in the question's own terms.
    value: str
    answer: str
    note: str
    evidence: list[EvidenceRef]


@dataclass(frozen=True)
class DisagreementRow:
    vendor: str
    vendor_id: str
    id: str
    text: str
    #: Highest minus lowest rater level, in scale points.
    spread: str
    raters: list[RaterValue]
    #: "Ana 3, Ben 1" on one line.
    summary: str
    #: Whether the question is a gate that applies.
    gate: bool


@dataclass(frozen=True)
class EvidenceRow:
    """One source behind a vendor's answers and claims, listed once however often cited."""

    #: The entry's reference, "E1.3" (vendor rank, then source), cited by every finding.
    ref: str
    vendor: str
    vendor_id: str
    source: str
    #: `source` when it is a web address fit to link, else None (a path is shown as text).
    link: str | None
    retrieved: str
    grade: str
    grade_label: str
    #: The question ids (and claims) it supports, and the raters who cited it.
    supports: list[str]
    raters: list[str]
    notes: list[str]
    #: The three lists above joined into one line each.
    about: str
    by: str
    note: str


@dataclass(frozen=True)
class Detail:
    """One of a vendor's facts, named: ("Model id", "veo-3.1-generate-001")."""

    label: str
    value: str


@dataclass(frozen=True)
class VendorView:
    id: str
    name: str
    product: str
    #: The vendor's other facts that are given (model id, version, maker, channel, region,
    #: contact), in that order.
    details: list[Detail]
    website: str
    link: str | None
    notes: str
    rank: int
    #: "go", "conditional", "no-go" or "incomplete"; `verdict_label` says it in words.
    verdict: str
    verdict_label: str
    #: Why a go is conditional (or a gate failed or open), naming gates by their question.
    conditions: list[str]
    overall: str
    overall_answered: str
    claims: str
    readiness: str
    #: Claims minus readiness, signed: "+0.20".
    hype_gap: str
    coverage: str
    #: Overall with every open question at the scale's minimum and maximum; `range` is both.
    lower: str
    upper: str
    range: str
    #: Raw readiness and claims in [0, 1] (None when not scored), and as chart coordinates.
    x: float | None
    y: float | None
    chart_x: str
    chart_y: str
    sections: list[SectionRow]
    benchmark_claims: list[ClaimRow]
    #: The heaviest strengths and risks (see the rubric's policy), and how many more.
    strengths: list[Point]
    strengths_more: int
    risks: list[Point]
    risks_more: int
    #: Every gate that applies, and the failed ones.
    gates: list[GateRow]
    gates_failed: list[GateRow]
    #: Follow-ups asked for more than a low score, in rubric order; `open_top` the first
    #: few by priority (gates first, then heaviest), `open_more` how many more.
    open_questions: list[FollowUpRow]
    open_top: list[FollowUpRow]
    open_more: int
    #: Every follow-up (the questionnaire), and the same grouped by section.
    followups: list[FollowUpRow]
    followup_sections: list[FollowUpGroup]
    disagreements: list[DisagreementRow]
    evidence: list[EvidenceRow]
    #: The verdict in one sentence, numbers included.
    sentence: str
    #: Why it ranks where it does, when a vendor below it scores higher overall (a no-go
    #: ranks after every vendor that is not); else "".
    rank_note: str
    #: For a vendor that is out (no-go or incomplete): the gate that puts it out, as a
    #: finding with the raters' notes; else None.
    out_because: GateRow | None
    #: What decides between this vendor and `compared_with`: for the leader, the runner-up
    #: (what puts it ahead); for another vendor that is not no-go, the leader (where the
    #: leader is ahead). This vendor's findings, most decisive first; empty for a no-go
    #: vendor (its failed gates decide) or when there is no one to compare with.
    reasons: list[ReasonRow]
    compared_with: str
