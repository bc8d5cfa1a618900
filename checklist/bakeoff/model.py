"""The bake-off's files as pydantic models: strict, unknown keys refused, every field bounded.

Four kinds of file, all YAML a team keeps in git beside the evaluation (see the README's
"Bake-off" section for an annotated example of each):

- `bakeoff.yaml` (`BakeoffFile`): settings (title, seed, the vendors taking part, the reason
  tags raters may give) and the prompts;
- `outputs.yaml` (`OutputsFile`): outputs imported from a manifest (a path inside the
  bake-off folder or inline text, with latency, cost and whether the request succeeded);
- `plan.yaml` (`PlanFile`): the opaque output ids with their hidden vendor, the comparisons
  and each rater's queue;
- `votes/<rater>.yaml` (`VotesFile`): one rater's votes, each with the hidden mapping.

Cross-field rules (unique ids, references to vendors and prompts) are checked where the
files meet (`folder.py`, `plan.py`, `votes.py`) so each problem gets its own position.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StrictBool, StringConstraints, model_validator

from checklist.model.common import Model, Slug

#: Limits, documented in the README's robustness table. A plan of 100,000 comparisons is
#: far beyond what a team judges (the issue's own example needs under 1,000).
MAX_VENDORS = 50
MAX_PROMPTS = 2_000
MAX_TAGS = 20
MAX_REASONS = 30
MAX_RATERS = 100
MAX_COMPARISONS = 100_000
MAX_VOTES = MAX_COMPARISONS
MAX_PROMPT_CHARS = 20_000
MAX_INLINE_TEXT_CHARS = 100_000
MAX_NOTE_CHARS = 2_000
MAX_PATH_CHARS = 1_000
MAX_SEED = 2**63 - 1

#: An opaque output id: `o` and ten hex digits, random per plan, derived from nothing.
OUTPUT_ID = r"^o[0-9a-f]{10}$"
#: A comparison id: `c` and a zero-padded number in plan order.
COMPARISON_ID = r"^c[0-9]{4,6}$"
OutputId = Annotated[str, StringConstraints(pattern=OUTPUT_ID)]
ComparisonId = Annotated[str, StringConstraints(pattern=COMPARISON_ID)]
Title = Annotated[str, StringConstraints(max_length=300)]
RelPath = Annotated[str, StringConstraints(min_length=1, max_length=MAX_PATH_CHARS)]
Sha = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]

Verdict = Literal["left", "right", "tie", "both-unusable"]
VERDICTS: tuple[str, ...] = ("left", "right", "tie", "both-unusable")
PairsMode = Literal["all", "balanced"]

DEFAULT_REASONS: tuple[str, ...] = (
    "follows-prompt", "quality", "accuracy", "style", "artifacts", "safety",
)


class Prompt(Model):
    """One prompt every vendor answers: text and/or an input asset (image-to-video)."""

    id: Slug
    text: Annotated[str, StringConstraints(max_length=MAX_PROMPT_CHARS)] = ""
    #: An input asset (a product shot, a reference clip), relative to the bake-off folder.
    input: RelPath | None = None
    #: The category results are reported by: text-generation, text-to-video, image-to-video...
    task: Slug = "general"
    tags: list[Slug] = Field(default_factory=list, max_length=MAX_TAGS)

    @model_validator(mode="after")
    def _has_content(self) -> Prompt:
        if not self.text.strip() and self.input is None:
            raise ValueError("a prompt needs `text:` or an `input:` file (or both)")
        return self


class BakeoffFile(Model):
    """`bakeoff.yaml`: what is tested, on which prompts, under which seed."""

    title: Title = ""
    #: Seeds the plan (pairs, sides, raters' shares and order, opaque ids) and the power
    #: simulation: the same seed and files give the same plan, byte for byte.
    seed: int = Field(ge=0, le=MAX_SEED)
    #: Evaluation vendor ids taking part, in the order status lists them.
    vendors: list[Slug] = Field(min_length=2, max_length=MAX_VENDORS)
    #: Tags a rater may give as reasons with a vote.
    reasons: list[Slug] = Field(default_factory=lambda: list(DEFAULT_REASONS),
                                max_length=MAX_REASONS)
    prompts: list[Prompt] = Field(min_length=1, max_length=MAX_PROMPTS)


class OutputEntry(Model):
    """One output produced elsewhere: a file inside the bake-off folder or inline text."""

    path: RelPath | None = None
    text: Annotated[str, StringConstraints(min_length=1,
                                           max_length=MAX_INLINE_TEXT_CHARS)] | None = None
    latency_s: float | None = Field(default=None, ge=0, le=10_000_000)
    cost: float | None = Field(default=None, ge=0, le=1_000_000_000)
    #: False when the request failed; a failed request may have no output at all.
    ok: StrictBool | None = None

    @model_validator(mode="after")
    def _one_source(self) -> OutputEntry:
        if self.path is not None and self.text is not None:
            raise ValueError("give `path` or `text`, not both")
        if self.path is None and self.text is None and self.ok is not False:
            raise ValueError("give `path` or `text` (or `ok: false` for a request that "
                             "returned nothing)")
        return self


class OutputsFile(Model):
    """`outputs.yaml`: `outputs[vendor][prompt]`, written by `checklist bakeoff add`."""

    outputs: dict[Slug, dict[Slug, OutputEntry]] = Field(default_factory=dict,
                                                         max_length=MAX_VENDORS)

    @model_validator(mode="after")
    def _bounded(self) -> OutputsFile:
        for vendor, by_prompt in self.outputs.items():
            if len(by_prompt) > MAX_PROMPTS:
                raise ValueError(f"vendor '{vendor}' has more than {MAX_PROMPTS} outputs")
        return self


class PlannedOutput(Model):
    """The hidden side of an opaque id: whose output it is, and its content's digest."""

    vendor: Slug
    prompt: Slug
    sha256: Sha


class Comparison(Model):
    """Two outputs for one prompt, in the order the judge sees them."""

    id: ComparisonId
    prompt: Slug
    left: OutputId
    right: OutputId


class PlanFile(Model):
    """`plan.yaml`: written by `checklist bakeoff plan`; `id` is the digest of the rest."""

    id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$")]
    seed: int = Field(ge=0, le=MAX_SEED)
    pairs: PairsMode
    per_prompt: int = Field(ge=1, le=MAX_VENDORS * (MAX_VENDORS - 1) // 2)
    overlap: int = Field(ge=1, le=MAX_RATERS)
    vendors: list[Slug] = Field(min_length=2, max_length=MAX_VENDORS)
    raters: list[Slug] = Field(min_length=1, max_length=MAX_RATERS)
    outputs: dict[OutputId, PlannedOutput] = Field(max_length=MAX_VENDORS * MAX_PROMPTS)
    comparisons: list[Comparison] = Field(min_length=1, max_length=MAX_COMPARISONS)
    #: Each rater's comparisons, in the order they are shown.
    queues: dict[Slug, list[ComparisonId]] = Field(max_length=MAX_RATERS)


class Vote(Model):
    """One judgement, with what the judge saw (opaque ids) and what was hidden (vendors)."""

    comparison: ComparisonId
    prompt: Slug
    left_output: OutputId
    right_output: OutputId
    left_vendor: Slug
    right_vendor: Slug
    verdict: Verdict
    reasons: list[Slug] = Field(default_factory=list, max_length=10)
    note: Annotated[str, StringConstraints(max_length=MAX_NOTE_CHARS)] = ""
    at: dt.datetime


class VotesFile(Model):
    """`votes/<rater>.yaml`: one rater's votes in the order they were cast."""

    rater: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    #: The id of the plan the votes were cast under.
    plan: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$")]
    votes: list[Vote] = Field(default_factory=list, max_length=MAX_VOTES)
