"""The shape of `summary --json`, as typed dictionaries: `checklist.scoring.export` builds it,
mypy checks the builder against it, and `checklist rubrics schema summary` prints its JSON
Schema (pydantic derives it from these types), so the documented shape is the one produced.

`SCHEMA_VERSION` goes up when a field changes meaning or goes away; new fields may appear
without a new version.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, with_config
from typing_extensions import TypedDict

#: Every object lists all its keys: a key the builder adds without documenting it here is an
#: error in the tests, not a silent extra.
CLOSED = ConfigDict(extra="forbid")

#: 1: the first versioned shape (per-question results, gates in their questions' terms).
SCHEMA_VERSION = 1

Level = float | int | None


@with_config(CLOSED)
class PinJson(TypedDict):
    id: str
    version: str
    sha256: str


@with_config(CLOSED)
class EvaluationJson(TypedDict):
    title: str
    status: str
    rubric: PinJson
    context: dict[str, bool]
    raters: list[str]
    aggregate: Literal["mean", "median"]
    #: The day freshness is judged on (None: scored without one).
    today: str | None


@with_config(CLOSED)
class BoundJson(TypedDict):
    """What a gate asks: `kind` level (scale points), number (the unit) or answer."""

    kind: Literal["level", "number", "answer"]
    min: float | None
    max: float | None
    #: The acceptable answers of an answer gate: "yes"/"no" or choice ids.
    accept: list[str]
    unit: str | None


@with_config(CLOSED)
class GateAnswerJson(TypedDict):
    level: Level
    measured: float | None
    #: Each distinct answer the raters gave ("yes"/"no" or choice ids) for an answer gate.
    answers: list[str]


@with_config(CLOSED)
class GateJson(TypedDict):
    question: str
    status: Literal["pass", "fail", "open", "off"]
    #: The level reached and the gate's `min` as written (kept from the first shape).
    value: Level
    min: Level
    bound: BoundJson
    answer: GateAnswerJson
    #: The answer against the bound in words: "2.6 s, the gate asks at most 2 s".
    text: str


@with_config(CLOSED)
class RaterAnswerJson(TypedDict):
    #: As the rater gave it: a score, true/false, a choice id, a measurement, "N/A".
    answer: int | bool | str | float | None
    level: Level
    confidence: str | None
    evidence: int


@with_config(CLOSED)
class QuestionJson(TypedDict):
    section: str
    status: Literal["answered", "open", "na", "off"]
    applies: bool
    #: Why it does not apply ("does not apply because ..."), for a question `when:` turns off.
    because: str | None
    raters: dict[str, RaterAnswerJson]
    #: The aggregated level, its value in [0, 1], and for a number question the aggregated
    #: measurement in `unit`.
    level: Level
    value: float | None
    measured: float | None
    unit: str | None
    spread: Level
    relative_spread: float | None
    disagreement: bool
    share: float | None
    evidence: int
    gate: GateJson | None


@with_config(CLOSED)
class SectionJson(TypedDict):
    score: float | None
    score_answered: float | None
    coverage: float | None
    answered: int
    total: int


@with_config(CLOSED)
class DisagreementJson(TypedDict, total=False):
    question: str
    spread: Level
    relative_spread: float | None
    unit: str | None
    raters: dict[str, Any]


@with_config(CLOSED)
class StaleJson(TypedDict):
    """An answer whose freshest evidence is older than the rubric's freshness rule."""

    question: str
    rater: str
    retrieved: str
    age_days: int
    rule_days: int
    stale_since: str


@with_config(CLOSED)
class VendorJson(TypedDict):
    id: str
    name: str
    rank: int
    verdict: str
    conditions: list[str]
    score: float | None
    score_answered: float | None
    claims: float | None
    readiness: float | None
    hype_gap: float | None
    coverage: float | None
    lower: float | None
    upper: float | None
    gates_failed: list[GateJson]
    gates_open: list[str]
    sections: dict[str, SectionJson]
    disagreements: list[DisagreementJson]
    stale: list[StaleJson]
    questions: dict[str, QuestionJson]


@with_config(CLOSED)
class DeciderJson(TypedDict):
    vendor: str
    question: str
    share: float | None
    gate: bool


@with_config(CLOSED)
class FlipJson(TypedDict):
    section: str
    factor: float
    new_winner: str


@with_config(CLOSED)
class SensitivityJson(TypedDict):
    winner: str | None
    stability: float | None
    close_call: bool
    draws: int
    seed: int
    spread: float
    flips: list[FlipJson]


@with_config(CLOSED)
class UnscoredJson(TypedDict):
    rater: str
    vendor: str
    question: str
    reason: str


@with_config(CLOSED)
class ScorecardJson(TypedDict):
    schema_version: int
    evaluation: EvaluationJson
    vendors: list[VendorJson]
    winner: str | None
    settled: bool
    deciders: list[DeciderJson]
    sensitivity: SensitivityJson


@with_config(CLOSED)
class SummaryJson(ScorecardJson, total=False):
    """What `summary --json` prints: the scorecard and the answers it could not score."""

    unscored: list[UnscoredJson]


def summary_schema() -> dict[str, Any]:
    """The JSON Schema of `summary --json`."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(SummaryJson).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "checklist summary --json"
    return schema
