"""What the scorecard says: plain frozen results, shared by every front end.

Computed by `checklist.scoring.scorecard` (values, sections, axes, bounds) and
`checklist.scoring.verdict` (gates and verdicts); worded by `checklist.scoring.narrative`;
printed with `checklist.numbers`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from checklist import numbers as n
from checklist.model.evaluation import Evaluation
from checklist.model.ratings import Answer
from checklist.model.rubric import Question, Rubric, Section
from checklist.scoring.values import anchor_at

Aggregate = Literal["mean", "median"]
Verdict = Literal["go", "conditional", "no-go", "incomplete"]
VERDICT_LABELS: dict[str, str] = {
    "go": "go",
    "conditional": "go with conditions",
    "no-go": "no-go",
    "incomplete": "incomplete",
}


def verdict_label(verdict: str | None) -> str:
    """A verdict in words; "absent" for a vendor the assessment does not have."""
    return "absent" if verdict is None else VERDICT_LABELS.get(verdict, verdict)


@dataclass(frozen=True, slots=True)
class RaterView:
    """One rater's answer as the scorecard sees it."""

    rater: str
    level: float | None
    na: bool
    confidence: str | None
    answer: Answer


@dataclass(frozen=True, slots=True)
class Aging:
    """When one rater's answer goes stale: the date of its evidence that stays fresh longest,
    and the rule (days) that applies to it (`checklist.scoring.freshness`)."""

    rater: str
    dated: dt.date
    rule: int

    @property
    def fresh_until(self) -> dt.date:
        """The last day the evidence is fresh; stale from the day after."""
        return self.dated + dt.timedelta(days=self.rule)

    def age(self, today: dt.date) -> int:
        """Days since the evidence was retrieved."""
        return (today - self.dated).days

    def is_stale(self, today: dt.date) -> bool:
        return today > self.fresh_until


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
    #: The answer that goes stale first (None: no answer has a dated rule), and whether it
    #: is stale on the scorecard's `today` (never, when scored without one).
    aging: Aging | None = None
    stale: bool = False

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def anchor(self) -> str:
        """The rubric's words for the aggregated answer (see `anchor_at`)."""
        chosen = {v.answer.choice for v in self.raters if v.level is not None}
        return anchor_at(self.question, self.level, chosen)


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
    #: The gate's answer that went stale, on the scorecard's `today`; None while fresh.
    stale: Aging | None = None

    def anchor(self) -> str:
        return self.reached


ConditionKind = Literal[
    "gate failed", "gate open", "coverage", "low confidence", "disagreement", "readiness",
    "stale"]


@dataclass(frozen=True)
class Condition:
    """One reason behind a verdict that is not a plain go: a gate that failed or is open, or
    evidence too thin to sign (see `checklist.scoring.verdict`).

    `question` is the gate's question id for the gate kinds; `value` is what fell short (a
    gate's level, the coverage, the readiness) and `limit` what it had to reach; for
    "stale", `value` is the evidence's age and `limit` the freshness rule, in days.
    """

    kind: ConditionKind
    question: str | None = None
    value: float | None = None
    limit: float | None = None

    def text(self, rubric: Rubric | None = None) -> str:
        """The condition in a sentence. A gate is named by its id ("gate api"), or with the
        `rubric` by its question ("the gate “Is there a commercial API?”"), as a memo does."""
        question = rubric.question(self.question) if rubric and self.question else None
        gate = f"the gate “{question.text}”" if question else f"gate {self.question}"
        match self.kind:
            case "gate failed":
                return f"{gate} failed ({n.number(self.value)} < {n.number(self.limit)})"
            case "gate open":
                return f"{gate} is unanswered"
            case "coverage":
                return (f"only {n.pct(self.value)} of the weight is answered "
                        f"(policy: {n.pct(self.limit)})")
            case "low confidence":
                return f"{gate} passed on a low-confidence answer"
            case "disagreement":
                return f"raters disagree on {gate}"
            case "readiness":
                return (f"readiness {n.score(self.value)} is below the policy floor "
                        f"{n.score(self.limit)}")
            case "stale":
                return (f"evidence on {gate} is {n.figure(self.value)} days old "
                        f"(rule: {n.figure(self.limit)})")


@dataclass(frozen=True)
class VendorResult:
    id: str
    name: str
    rank: int
    verdict: Verdict
    conditions: tuple[Condition, ...]
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
    def stale_questions(self) -> list[QuestionResult]:
        """Answered questions with a stale answer, on the scorecard's `today`."""
        return [q for q in self.questions.values() if q.stale]

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
    #: Rater ids are file names; people read the names in the files ("Ana María").
    rater_names: dict[str, str] = field(default_factory=dict)
    #: The day evidence ages to; None: scored without freshness (nothing is stale).
    today: dt.date | None = None

    def rater_name(self, rid: str) -> str:
        return self.rater_names.get(rid, rid)

    @property
    def winner(self) -> VendorResult | None:
        first = self.vendors[0] if self.vendors else None
        return first if first is not None and first.verdict != "no-go" else None

    def vendor(self, vid: str) -> VendorResult | None:
        return next((v for v in self.vendors if v.id == vid), None)
