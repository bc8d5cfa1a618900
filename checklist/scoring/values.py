"""From one rater's answer to a point on the rubric's scale, and from a level back to the
rubric's words for it.

Every question type is mapped to the same scale first (the good answer of a yes/no question,
yes unless it says `good: no`, = max, a choice to its score, a
measurement through the thresholds), so aggregation, gates and disagreement work the same way
for all of them.
"""

from __future__ import annotations

import statistics
from collections.abc import Collection, Sequence
from typing import Literal

from checklist.model.ratings import Answer
from checklist.model.rubric import Question, Scale

_EPS = 1e-9


def number_to_level(question: Question, value: float, scale: Scale) -> int:
    """The highest level whose threshold the measurement meets; below every threshold: min."""
    best = scale.min
    for level, threshold in question.thresholds.items():
        meets = value >= threshold if question.better == "higher" else value <= threshold
        if meets and level > best:
            best = level
    return best


def aggregated(values: Sequence[float], aggregate: Literal["mean", "median"]) -> float:
    """The raters' values in one: their mean, or their median."""
    return statistics.median(values) if aggregate == "median" else statistics.fmean(values)


def relative_spread(values: Sequence[float]) -> float:
    """How far apart measurements are, as a share of the largest in size: (largest -
    smallest) / max(|largest|, |smallest|). 1.7 s and 2.1 s: 0.19; 0.4 s and 30 s: 0.99;
    0 when they are equal (all zero included)."""
    low, high = min(values), max(values)
    size = max(abs(low), abs(high))
    return (high - low) / size if size > 0 else 0.0


def scale_score(answer: Answer, question: Question, scale: Scale) -> float | None:
    """The answer on the scale, or None when it is N/A, unanswered or does not fit the type.

    Answers that do not fit (a score on a yes/no question) are rejected when files load; here
    they simply count as open so a partly upgraded evaluation still scores.
    """
    kind = question.type
    if kind == "score" and answer.score is not None:
        return float(answer.score) if scale.min <= answer.score <= scale.max else None
    if kind == "yes_no" and answer.answer is not None:
        good = answer.answer == (question.good == "yes")
        return float(scale.max if good else scale.min)
    if kind == "choice" and answer.choice is not None:
        choice = next((c for c in question.choices if c.id == answer.choice), None)
        return float(choice.score) if choice is not None else None
    if kind == "number" and answer.value is not None:
        return float(number_to_level(question, answer.value, scale))
    return None


def normalise(level: float, scale: Scale) -> float:
    """(score - min) / (max - min): every scale becomes a fraction in [0, 1]."""
    return (level - scale.min) / (scale.max - scale.min)


def anchor_at(question: Question, level: float | None,
              chosen: Collection[str | None] = ()) -> str:
    """The rubric's words for a level: for a choice question the label the raters `chosen`
    (when they agree on one), otherwise the highest choice or anchored level at or below the
    level (a mean of 2.5 reads as the anchor for 2)."""
    if level is None:
        return ""
    if question.type == "choice":
        if len(set(chosen)) == 1:
            label = next((c.label for c in question.choices if c.id in chosen), "")
            if label:
                return label
        reached = [c for c in question.choices if c.score <= level + _EPS]
        return max(reached, key=lambda c: c.score).label if reached else ""
    below = [lv for lv in question.anchors if lv <= level + _EPS]
    return question.anchors[max(below)] if below else ""
