"""Scoring: evaluation + rubric + ratings -> scorecard. Pure functions, no I/O, no UI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Protocol

from checklist.model.evaluation import Evaluation
from checklist.model.ratings import Ratings
from checklist.model.rubric import Rubric
from checklist.scoring.results import (
    VERDICT_LABELS,
    Aggregate,
    Decider,
    GateResult,
    QuestionResult,
    Scorecard,
    SectionResult,
    Sensitivity,
    VendorResult,
)
from checklist.scoring.scorecard import context_values, rank_key, vendor_result
from checklist.scoring.sensitivity import DEFAULT_DRAWS, DEFAULT_SEED, sensitivity

__all__ = [
    "VERDICT_LABELS",
    "Decider",
    "GateResult",
    "QuestionResult",
    "Scorecard",
    "Scored",
    "SectionResult",
    "Sensitivity",
    "VendorResult",
    "score",
    "score_workspace",
]



class Scored(Protocol):
    """What scoring needs of a loaded evaluation: plain models, no files. A
    `checklist.files.folder.Workspace` is one; so is anything else holding these three."""

    @property
    def evaluation(self) -> Evaluation: ...

    @property
    def rubric(self) -> Rubric: ...

    @property
    def ratings(self) -> Mapping[str, Ratings]: ...

_EPS = 1e-9


def score(
    evaluation: Evaluation,
    rubric: Rubric,
    ratings: Mapping[str, Ratings],
    *,
    aggregate: Aggregate = "mean",
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    today: dt.date | None = None,
) -> Scorecard:
    """The whole scorecard. `ratings` maps rater id to that rater's file. With `today`,
    evidence older than the rubric's freshness rules is stale on that day (a gate passed on
    it makes the verdict "go with conditions"); without, nothing is stale."""
    context = context_values(evaluation, rubric)
    unranked = [
        vendor_result(v.id, v.name, rubric, ratings, context, aggregate, today)
        for v in evaluation.vendors
    ]
    ordered = sorted(unranked, key=rank_key)
    vendors = tuple(_ranked(v, i + 1) for i, v in enumerate(ordered))

    qualified = [v for v in vendors if v.verdict != "no-go"]
    leader = qualified[0] if qualified else None
    deciders: list[Decider] = []
    settled = True
    if leader is not None:
        contenders = [v for v in qualified[1:] if v.upper > leader.lower + _EPS]
        if contenders or leader.verdict == "incomplete":
            settled = False
            for vendor in (leader, *contenders):
                gate_ids = {g.id for g in vendor.gates_open}
                deciders += [
                    Decider(vendor.id, q.id, q.share, q.id in gate_ids)
                    for q in vendor.open_questions
                ]
            deciders.sort(key=lambda d: (not d.gate, -d.share, d.vendor, d.question))

    section_ids = [s.id for s in rubric.sections]
    sens = sensitivity(
        qualified,
        section_ids,
        [s.axis for s in rubric.sections],
        [s.weight for s in rubric.sections],
        threshold=rubric.policy.close_call,
        draws=draws,
        seed=seed,
    )
    return Scorecard(
        evaluation=evaluation,
        rubric=rubric,
        vendors=vendors,
        settled=settled,
        deciders=tuple(deciders),
        sensitivity=sens,
        aggregate=aggregate,
        raters=tuple(sorted(ratings)),
        context=context,
        rater_names={rid: r.rater for rid, r in ratings.items()},
        today=today,
    )


def score_workspace(
    workspace: Scored,
    *,
    rater: str | None = None,
    aggregate: Aggregate = "mean",
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    today: dt.date | None = None,
) -> Scorecard:
    """Scores a loaded folder, optionally as one rater sees it (`rater` is a name or id);
    `today` as for `score`."""
    ratings = dict(workspace.ratings)
    if rater is not None:
        from checklist.errors import ChecklistError, hint
        from checklist.model.common import slugify

        wanted = slugify(rater)
        if wanted not in ratings:
            raise ChecklistError.plain(
                f"no ratings from rater '{rater}'{hint(wanted, sorted(ratings), 'raters')}"
            )
        ratings = {wanted: ratings[wanted]}
    return score(workspace.evaluation, workspace.rubric, ratings, aggregate=aggregate,
                 draws=draws, seed=seed, today=today)


def _ranked(result: VendorResult, rank: int) -> VendorResult:
    from dataclasses import replace

    return replace(result, rank=rank)
