"""The scorecard: one computation that the TUI, `summary --json` and the memo all show.

Pure functions over the models, no I/O. The rules (the README's Scoring section):

- a question's value is its aggregated scale score mapped to [0, 1]; N/A drops it;
- a section's `score` counts open questions as 0 ("no evidence, no credit"),
  `score_answered` leaves them out, `coverage` is the answered share of the weight;
- the `claims` and `readiness` axes are section-weighted means, reported apart; their
  difference is the hype gap;
- a failed gate makes a vendor no-go whatever its score; an open gate makes it incomplete;
- `lower`/`upper` put every open question at the scale's minimum/maximum.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from checklist.model.evaluation import Evaluation
from checklist.model.ratings import Answer, Ratings
from checklist.model.rubric import Question, Rubric, Section
from checklist.scoring.values import normalise, scale_score

Aggregate = Literal["mean", "median"]
Verdict = Literal["go", "conditional", "no-go", "incomplete"]
VERDICT_LABELS: dict[str, str] = {
    "go": "go",
    "conditional": "go with conditions",
    "no-go": "no-go",
    "incomplete": "incomplete",
}
_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class RaterView:
    """One rater's answer as the scorecard sees it."""

    rater: str
    level: float | None
    na: bool
    confidence: str | None
    answer: Answer


@dataclass(frozen=True, slots=True)
class QuestionResult:
    question: Question
    section: Section
    status: Literal["answered", "open", "na"]
    level: float | None
    value: float | None
    raters: tuple[RaterView, ...]
    spread: float
    disagreement: bool
    low_confidence: bool
    #: This question's share of the overall score (0 when N/A).
    share: float

    @property
    def id(self) -> str:
        return self.question.id


@dataclass(frozen=True)
class SectionResult:
    section: Section
    score: float | None
    score_answered: float | None
    coverage: float
    answered: int
    total: int
    na: int

    @property
    def id(self) -> str:
        return self.section.id


@dataclass(frozen=True)
class GateResult:
    question: Question
    min: float
    when: str | None
    applies: bool
    status: Literal["pass", "fail", "open", "off"]
    level: float | None
    low_confidence: bool
    disagreement: bool

    @property
    def id(self) -> str:
        return self.question.id

    #: The rubric's words for the level reached (an anchor, or the chosen choice's label):
    #: why a failed gate failed.
    reached: str = ""

    def anchor(self) -> str:
        return self.reached


@dataclass(frozen=True)
class VendorResult:
    id: str
    name: str
    rank: int
    verdict: Verdict
    conditions: tuple[str, ...]
    score: float
    score_answered: float | None
    claims: float | None
    readiness: float | None
    hype_gap: float | None
    coverage: float
    lower: float
    upper: float
    sections: dict[str, SectionResult]
    questions: dict[str, QuestionResult]
    gates: tuple[GateResult, ...]

    @property
    def gates_failed(self) -> list[GateResult]:
        return [g for g in self.gates if g.status == "fail"]

    @property
    def gates_open(self) -> list[GateResult]:
        return [g for g in self.gates if g.status == "open"]

    @property
    def disagreements(self) -> list[QuestionResult]:
        return [q for q in self.questions.values() if q.disagreement]

    @property
    def open_questions(self) -> list[QuestionResult]:
        return [q for q in self.questions.values() if q.status == "open"]

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS[self.verdict]


@dataclass(frozen=True)
class Decider:
    """An open question that could still change who wins."""

    vendor: str
    question: str
    share: float
    gate: bool


@dataclass(frozen=True)
class Flip:
    section: str
    factor: float
    new_winner: str


@dataclass(frozen=True)
class Sensitivity:
    winner: str | None
    stability: float
    close_call: bool
    flips: tuple[Flip, ...]
    draws: int
    seed: int
    spread: float


@dataclass(frozen=True)
class Scorecard:
    evaluation: Evaluation
    rubric: Rubric
    vendors: tuple[VendorResult, ...]
    settled: bool
    deciders: tuple[Decider, ...]
    sensitivity: Sensitivity
    aggregate: Aggregate
    raters: tuple[str, ...]
    context: dict[str, bool] = field(default_factory=dict)

    @property
    def winner(self) -> VendorResult | None:
        first = self.vendors[0] if self.vendors else None
        return first if first is not None and first.verdict != "no-go" else None

    def vendor(self, vid: str) -> VendorResult | None:
        return next((v for v in self.vendors if v.id == vid), None)


# --- computation ----------------------------------------------------------------------------


def anchor_at(result: QuestionResult) -> str:
    """The rubric's words for an aggregated answer: for a choice question the label the raters
    chose (when they agree), otherwise the highest anchored level at or below the level (a
    mean of 2.5 reads as the anchor for 2)."""
    question, level = result.question, result.level
    if level is None:
        return ""
    if question.type == "choice":
        chosen = {v.answer.choice for v in result.raters if v.level is not None}
        if len(chosen) == 1:
            label = next((c.label for c in question.choices if c.id in chosen), "")
            if label:
                return label
        reached = [c for c in question.choices if c.score <= level + _EPS]
        return max(reached, key=lambda c: c.score).label if reached else ""
    below = [lv for lv in question.anchors if lv <= level + _EPS]
    return question.anchors[max(below)] if below else ""


def context_values(evaluation: Evaluation, rubric: Rubric) -> dict[str, bool]:
    return {f.id: evaluation.context.get(f.id, f.default) for f in rubric.context}


def question_result(
    question: Question,
    section: Section,
    answers: list[tuple[str, Answer]],
    rubric: Rubric,
    aggregate: Aggregate,
    share: float = 0.0,
) -> QuestionResult:
    """Aggregates the raters' answers to one question for one vendor."""
    scale = rubric.scale
    views = []
    for rater, answer in answers:
        level = None if answer.na else scale_score(answer, question, scale)
        if level is None and not answer.na:
            continue  # a draft (note only) or an answer that does not fit: open
        views.append(RaterView(rater, level, answer.na, answer.confidence, answer))
    levels = [v.level for v in views if v.level is not None]
    any_na = any(v.na for v in views)
    low = any(v.confidence == "low" for v in views)
    if not views:
        return QuestionResult(question, section, "open", None, None, (), 0.0, False, False,
                              share)
    if not levels:
        return QuestionResult(question, section, "na", None, None, tuple(views), 0.0, False,
                              low, 0.0)
    level = statistics.median(levels) if aggregate == "median" else statistics.fmean(levels)
    spread = max(levels) - min(levels)
    disagreement = spread >= rubric.policy.disagreement - _EPS or (any_na and bool(levels))
    return QuestionResult(
        question, section, "answered", level, normalise(level, scale), tuple(views), spread,
        disagreement, low, share,
    )


def is_na(answers: list[tuple[str, Answer]]) -> bool:
    """N/A for this vendor: every rater who gave a value said N/A (drafts do not count)."""
    said = [a.na or a.is_answered for _, a in answers]
    return any(said) and all(a.na for _, a in answers if a.na or a.is_answered)


def _weighted(pairs: list[tuple[float, float | None]]) -> float | None:
    total = sum(w for w, _ in pairs)
    if total <= 0:
        return None
    return sum(w * (v or 0.0) for w, v in pairs) / total


def vendor_result(
    vendor_id: str,
    vendor_name: str,
    rubric: Rubric,
    ratings: Mapping[str, Ratings],
    context: Mapping[str, bool],
    aggregate: Aggregate,
) -> VendorResult:
    """Everything about one vendor except its rank (which needs the others)."""
    # Each rater's answers for this vendor, looked up once (raters in name order).
    by_rater = [(rater, ratings[rater].answers.get(vendor_id, {})) for rater in sorted(ratings)]
    answers_to = {
        q.id: [(rater, a) for rater, mine in by_rater if (a := mine.get(q.id)) is not None]
        for _, q in rubric.questions()
    }
    # A question's share of the overall score needs to know which questions are N/A first.
    na = {qid: is_na(given) for qid, given in answers_to.items()}
    applicable_weight = {
        s.id: sum(q.weight for q in s.questions if not na[q.id]) for s in rubric.sections
    }
    total_section_weight = sum(
        s.weight for s in rubric.sections if applicable_weight[s.id] > 0
    )
    sections: dict[str, SectionResult] = {}
    questions: dict[str, QuestionResult] = {}
    section_weights: list[tuple[Section, float]] = []
    for section in rubric.sections:
        in_section = applicable_weight[section.id]
        results = []
        for question in section.questions:
            share = 0.0
            if in_section > 0 and total_section_weight > 0 and not na[question.id]:
                share = (section.weight / total_section_weight) * (question.weight / in_section)
            result = question_result(question, section, answers_to[question.id], rubric,
                                     aggregate, share)
            questions[question.id] = result
            results.append(result)
        applicable = [r for r in results if r.status != "na"]
        weight_total = sum(r.question.weight for r in applicable)
        answered = [r for r in applicable if r.status == "answered"]
        weight_answered = sum(r.question.weight for r in answered)
        score = _weighted([(r.question.weight, r.value) for r in applicable])
        score_answered = _weighted([(r.question.weight, r.value) for r in answered])
        coverage = weight_answered / weight_total if weight_total > 0 else 1.0
        sections[section.id] = SectionResult(
            section, score, score_answered, coverage, len(answered), len(applicable),
            len(results) - len(applicable),
        )
        if weight_total > 0:
            section_weights.append((section, section.weight))

    def axis(name: str | None) -> float | None:
        pairs = [
            (s.weight, sections[s.id].score)
            for s, _ in section_weights
            if name is None or s.axis == name
        ]
        return _weighted(pairs)

    overall = axis(None) or 0.0
    answered_pairs = [
        (s.weight, sections[s.id].score_answered)
        for s, _ in section_weights
        if sections[s.id].score_answered is not None
    ]
    score_answered = _weighted(answered_pairs)
    claims, readiness = axis("claims"), axis("readiness")
    open_share = sum(q.share for q in questions.values() if q.status == "open")
    answered_share = sum(q.share for q in questions.values() if q.status == "answered")
    applicable_share = open_share + answered_share
    # Nothing applicable (every question N/A) leaves nothing unanswered: full coverage, as
    # for a section.
    coverage = answered_share / applicable_share if applicable_share > 0 else 1.0
    lower = overall
    upper = min(1.0, overall + open_share)

    gates = tuple(_gate(q, questions[q.id], context) for _, q in rubric.questions() if q.gate)
    verdict, conditions = _verdict(gates, coverage, readiness, rubric, questions)
    return VendorResult(
        id=vendor_id,
        name=vendor_name,
        rank=0,
        verdict=verdict,
        conditions=tuple(conditions),
        score=overall,
        score_answered=score_answered,
        claims=claims,
        readiness=readiness,
        hype_gap=(claims - readiness) if claims is not None and readiness is not None else None,
        coverage=coverage,
        lower=lower,
        upper=upper,
        sections=sections,
        questions=questions,
        gates=gates,
    )


def _gate(question: Question, result: QuestionResult, context: Mapping[str, bool]) -> GateResult:
    gate = question.gate
    assert gate is not None
    applies = gate.when is None or bool(context.get(gate.when, False))
    if not applies or result.status == "na":
        status: Literal["pass", "fail", "open", "off"] = "off"
    elif result.status == "open":
        status = "open"
    elif result.level is not None and result.level < gate.min - _EPS:
        status = "fail"
    else:
        status = "pass"
    return GateResult(question, gate.min, gate.when, applies, status, result.level,
                      result.low_confidence, result.disagreement, anchor_at(result))


def _verdict(
    gates: tuple[GateResult, ...],
    coverage: float,
    readiness: float | None,
    rubric: Rubric,
    questions: Mapping[str, QuestionResult],
) -> tuple[Verdict, list[str]]:
    """go / conditional / no-go / incomplete, with the reasons behind a conditional.

    `conditional` ("go with conditions") means every applicable gate passed, but the
    evidence is not yet strong enough to sign: too little of the weight is answered, a gate
    passed on a low-confidence answer or over a rater disagreement, or readiness is below the
    policy's floor.
    """
    failed = [g for g in gates if g.status == "fail"]
    if failed:
        return "no-go", [f"gate {g.id} failed ({_level(g.level)} < {g.min:g})" for g in failed]
    still_open = [g for g in gates if g.status == "open"]
    if still_open:
        return "incomplete", [f"gate {g.id} is unanswered" for g in still_open]
    policy = rubric.policy
    conditions = []
    if coverage < policy.min_coverage - _EPS:
        conditions.append(
            f"only {coverage:.0%} of the weight is answered (policy: {policy.min_coverage:.0%})"
        )
    for gate in gates:
        if gate.status != "pass":
            continue
        if gate.low_confidence:
            conditions.append(f"gate {gate.id} passed on a low-confidence answer")
        if gate.disagreement:
            conditions.append(f"raters disagree on gate {gate.id}")
    if readiness is not None and readiness < policy.min_readiness - _EPS:
        conditions.append(
            f"readiness {readiness:.2f} is below the policy floor {policy.min_readiness:.2f}"
        )
    return ("conditional" if conditions else "go"), conditions


def _level(level: float | None) -> str:
    return "—" if level is None else f"{level:.3g}"


def rank_key(result: VendorResult) -> tuple[bool, float, float, str, str]:
    """Qualified first, then overall, then readiness, then name; no-go vendors last."""
    return (
        result.verdict == "no-go",
        -round(result.score, 12),
        -round(result.readiness or 0.0, 12),
        result.name.casefold(),
        result.id,
    )
