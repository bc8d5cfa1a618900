"""The rubric: what a team must know before buying, as data.

Two shapes: `RubricFile` is what a person writes (it may `extends` another rubric and patch
it); `Rubric` is the resolved, flat result that evaluations are scored against and that
`rubric.lock.yaml` stores. Field-level constraints live here; rules that span fields (unique
ids, anchors inside the scale, ordered thresholds) are in `checklist.model.checks` so they can
report every problem with its own position instead of stopping at the first.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any, ClassVar, Literal

import semver
from pydantic import BeforeValidator, Field, StringConstraints

from checklist.model.common import Axis, Model, Slug
from checklist.model.freshness import Freshness
from checklist.model.when import When

QuestionType = Literal["score", "yes_no", "choice", "number"]
Text = Annotated[str, StringConstraints(max_length=20_000)]
SEMVER = r"^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$"
Version = Annotated[str, StringConstraints(pattern=SEMVER)]
#: One id of a framework (`checklist.frameworks` says which are known).
FrameworkTag = Annotated[str, StringConstraints(min_length=1, max_length=80)]


def version_key(version: str) -> semver.Version:
    """Semantic-version precedence (semver.org, item 11), by the `semver` package:
    1.10.0 > 1.9.0, 1.0.0-rc.10 > 1.0.0-rc.9, 1.0.0-alpha < 1.0.0. Build metadata (`+...`) is
    ignored. Built from the parts rather than `Version.parse`, which refuses what `SEMVER`
    has always let through (a leading zero such as 01.0.0): such a version still sorts."""
    core, _, pre = version.split("+", 1)[0].partition("-")
    major, minor, patch = (int(part) for part in core.split(".")[:3])
    return semver.Version(major, minor, patch, pre or None)


def is_prerelease(version: str) -> bool:
    return "-" in version.split("+", 1)[0]


def _yes_no_word(value: Any) -> Any:
    """YAML reads an unquoted `no` as false: `require: no` and `good: no` mean the word."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


#: "yes" or "no", written quoted or not.
YesNo = Annotated[Literal["yes", "no"], BeforeValidator(_yes_no_word)]


class Scale(Model):
    """The score levels every `score` question uses, e.g. 0..4 with a label per level."""

    min: int = 0
    max: int = 4
    labels: dict[int, str] = Field(default_factory=dict)

    def levels(self) -> range:
        return range(self.min, self.max + 1)

    def label(self, level: int) -> str:
        return self.labels.get(level, str(level))


class ContextFlag(Model):
    """A yes/no fact about the purchase that switches gates on ("outputs published externally")."""

    id: Slug
    text: Text
    description: Text = ""
    default: bool = False


class Gate(Model):
    """A knock-out: a vendor whose answer misses it is no-go, whatever else it scores.

    In the question's own terms (`checklist.model.checks` says which fits which type):

    - a score question: `min`, in scale points;
    - a number question: `min` and/or `max`, in the question's unit, independent of the
      thresholds that score it ("p95 over 2 s is a knock-out": `max: 2`);
    - a yes/no question: `require: yes` or `require: no` (or `min` in scale points);
    - a choice question: `accept`, the acceptable choice ids (or `min` in scale points).
    """

    min: float | None = None
    max: float | None = None
    require: YesNo | None = None
    accept: list[Slug] | None = None
    #: Applies only when this holds (`checklist.model.when`: a flag, `not flag`, all/any).
    when: When | None = None
    reason: Text = ""

    #: Fields added after rubrics were first pinned by sha256 (as `Policy.LATER`): left out
    #: of the digest while unset. `min` is too, now that other bounds may stand in its place.
    LATER: ClassVar[tuple[str, ...]] = ("min", "max", "require", "accept")


class Choice(Model):
    id: Slug
    label: Text
    score: int


#: What the thresholds that sort answers into strengths, risks and follow-ups mean (the
#: rubric file's schema shows them; `checklist.scoring.findings` applies them).
STRONG_HELP = "an answered question at or above this value (0..1) is a strength"
WEAK_HELP = "an answered question at or below this value (0..1) is a risk; below `strong`"
LOW_SCORE_HELP = ("an answered question below this value (0..1) goes back to the vendor "
                  "as a follow-up")
FRESHNESS_HELP = ("how many days evidence stays fresh, by question, section or grade, with a "
                  "default; an answer whose newest evidence is older is stale")
MEASURE_SPREAD_HELP = ("raters' measurements of one number question whose spread (largest "
                       "minus smallest) is at least this share of the largest in size are a "
                       "disagreement: 0.25 flags 1.5 s against 2 s")


class Policy(Model):
    """How the scorecard turns numbers into verdicts; teams tune it per rubric."""

    disagreement: float = Field(default=2, gt=0)
    min_coverage: float = Field(default=0.8, ge=0, le=1)
    min_readiness: float = Field(default=0.5, ge=0, le=1)
    close_call: float = Field(default=0.8, ge=0, le=1)
    strong: float = Field(default=0.75, ge=0, le=1, description=STRONG_HELP)
    weak: float = Field(default=0.25, ge=0, le=1, description=WEAK_HELP)
    low_score: float = Field(default=0.5, ge=0, le=1, description=LOW_SCORE_HELP)
    #: How long evidence stays fresh (`checklist.model.freshness`); none: never stale.
    freshness: Freshness = Field(default_factory=Freshness, description=FRESHNESS_HELP)
    measure_spread: float = Field(default=0.25, gt=0, description=MEASURE_SPREAD_HELP)

    #: Fields added after rubrics were first pinned by sha256: while they hold their default
    #: they are left out of the digest, so adding them changed no evaluation's pin.
    LATER: ClassVar[tuple[str, ...]] = ("strong", "weak", "low_score", "freshness",
                                        "measure_spread")


class Question(Model):
    id: Slug
    text: Text
    guidance: Text = ""
    evidence: Text = ""
    ask_vendor: Text = ""
    weight: float = Field(default=1, ge=0)
    type: QuestionType = "score"
    anchors: dict[int, Text] = Field(default_factory=dict)
    choices: list[Choice] = Field(default_factory=list)
    unit: str | None = None
    better: Literal["higher", "lower"] | None = None
    thresholds: dict[int, float] = Field(default_factory=dict)
    allow_na: bool = False
    gate: Gate | None = None
    #: A named source of the team's own measurements that proposes this question's answer
    #: (`checklist.model.informed_by`); None for most questions.
    informed_by: str | None = Field(default=None, max_length=64)
    #: A yes/no question's good answer: `no` for "Does the vendor keep prompts beyond 30
    #: days?". The good answer scores the scale's maximum, the other its minimum.
    good: YesNo = "yes"
    #: Asked only when this holds; otherwise the question leaves every denominator, as N/A.
    when: When | None = None
    #: The framework ids this question covers (`checklist.frameworks`): "GOVERN 1.1",
    #: "Intellectual Property", "Art. 50", "A.10.3". For coverage reports; never scored.
    maps_to: list[FrameworkTag] = Field(default_factory=list, max_length=64)

    #: Fields added after rubrics were first pinned by sha256, left out of the digest while
    #: they hold their default (as `Policy.LATER`).
    LATER: ClassVar[tuple[str, ...]] = ("informed_by", "good", "when", "maps_to")


class Section(Model):
    id: Slug
    title: Text
    axis: Axis
    weight: float = Field(default=1, ge=0)
    description: Text = ""
    questions: list[Question] = Field(default_factory=list)
    #: Asked only when this holds; otherwise every question in it is off.
    when: When | None = None

    LATER: ClassVar[tuple[str, ...]] = ("when",)


class Rubric(Model):
    """A resolved rubric: no `extends`, everything spelled out."""

    id: Slug
    version: Version
    title: Text
    description: Text = ""
    based_on: list[str] = Field(default_factory=list)
    scale: Scale = Field(default_factory=Scale)
    policy: Policy = Field(default_factory=Policy)
    context: list[ContextFlag] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)

    def questions(self) -> list[tuple[Section, Question]]:
        return [(s, q) for s in self.sections for q in s.questions]

    def question(self, qid: str) -> Question | None:
        for section in self.sections:
            for question in section.questions:
                if question.id == qid:
                    return question
        return None

    def section_of(self, qid: str) -> Section | None:
        for section in self.sections:
            if any(q.id == qid for q in section.questions):
                return section
        return None

    def flag(self, fid: str) -> ContextFlag | None:
        return next((f for f in self.context if f.id == fid), None)

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    def stored(self, mode: Literal["python", "json"] = "python") -> dict[str, Any]:
        """The rubric as `rubric.lock.yaml` stores it and its sha256 hashes it: the policy
        fields added later (`Policy.LATER`) are left out while they hold their defaults, so
        a lock written before they existed reads, writes and hashes as it always did."""
        data = self.model_dump(mode=mode)
        defaults = Policy().model_dump(mode=mode)
        for name in Policy.LATER:
            if data["policy"][name] == defaults[name]:
                del data["policy"][name]
        for section in data["sections"]:
            for name in Section.LATER:
                if section[name] == Section.model_fields[name].default:
                    del section[name]
            for question in section["questions"]:
                for name in Question.LATER:
                    default = Question.model_fields[name].get_default(call_default_factory=True)
                    if question[name] == default:
                        del question[name]
                gate = question.get("gate")
                if gate is not None:
                    for name in Gate.LATER:
                        if gate[name] is None:
                            del gate[name]
        return data

    def digest(self) -> str:
        """sha256 of the canonical JSON form: what evaluations pin, whatever the YAML layout."""
        canonical = json.dumps(
            _integral(self.stored(mode="json")),
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _integral(value: object) -> object:
    """2.0 and 2 are the same weight; the digest must not depend on how it was typed."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _integral(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_integral(v) for v in value]
    return value


class WeightOverrides(Model):
    sections: dict[str, float] = Field(default_factory=dict)
    questions: dict[str, float] = Field(default_factory=dict)


class Removals(Model):
    sections: list[str] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list)
    #: Context flags of the parent to drop (refused while a `when:` still reads one).
    context: list[str] = Field(default_factory=list)


class PolicyPatch(Model):
    disagreement: float | None = Field(default=None, gt=0)
    min_coverage: float | None = Field(default=None, ge=0, le=1)
    min_readiness: float | None = Field(default=None, ge=0, le=1)
    close_call: float | None = Field(default=None, ge=0, le=1)
    strong: float | None = Field(default=None, ge=0, le=1, description=STRONG_HELP)
    weak: float | None = Field(default=None, ge=0, le=1, description=WEAK_HELP)
    low_score: float | None = Field(default=None, ge=0, le=1, description=LOW_SCORE_HELP)
    #: Rules given here replace the parent's for their grade, section or question.
    freshness: Freshness | None = Field(default=None, description=FRESHNESS_HELP)
    measure_spread: float | None = Field(default=None, gt=0, description=MEASURE_SPREAD_HELP)


class QuestionOverride(Model):
    """Changes to one inherited question; fields left out keep the parent's value."""

    text: Text | None = None
    guidance: Text | None = None
    evidence: Text | None = None
    ask_vendor: Text | None = None
    weight: float | None = Field(default=None, ge=0)
    type: QuestionType | None = None
    anchors: dict[int, Text] | None = None
    choices: list[Choice] | None = None
    unit: str | None = None
    better: Literal["higher", "lower"] | None = None
    thresholds: dict[int, float] | None = None
    allow_na: bool | None = None
    informed_by: str | None = Field(default=None, max_length=64)
    good: YesNo | None = None
    when: When | None = None
    maps_to: list[FrameworkTag] | None = Field(default=None, max_length=64)


class SectionOverride(Model):
    title: Text | None = None
    description: Text | None = None
    axis: Axis | None = None
    weight: float | None = Field(default=None, ge=0)
    when: When | None = None


class Overrides(Model):
    sections: dict[str, SectionOverride] = Field(default_factory=dict)
    questions: dict[str, QuestionOverride] = Field(default_factory=dict)


class RubricFile(Model):
    """A rubric as written. With `extends`, the other fields patch the parent rubric."""

    id: Slug
    version: Version
    title: Text
    description: Text = ""
    extends: str | None = None
    #: This rubric's line continues under another id (renamed or split): `upgrade` and the
    #: upgrade notice offer that id's newest version, not a newer version of this id. Not part
    #: of the resolved rubric, so adding it to a published file changes no pin.
    continued_as: Slug | None = None
    scale: Scale | None = None
    policy: PolicyPatch | None = None
    context: list[ContextFlag] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    # Patches, only meaningful with `extends`:
    remove: Removals | None = None
    add_questions: dict[str, list[Question]] = Field(default_factory=dict)
    override: Overrides | None = None
    weights: WeightOverrides | None = None
    gates: dict[str, Gate | None] = Field(default_factory=dict)

    PATCH_FIELDS: ClassVar[tuple[str, ...]] = (
        "remove", "add_questions", "override", "weights", "gates"
    )
