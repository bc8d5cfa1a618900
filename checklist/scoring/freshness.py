"""When evidence goes stale: the rubric's freshness rules applied to answers. Pure, no clock.

- each evidence item is dated by its `retrieved` date, or by the answer's time when it has
  none (the rater saw it then at the latest); an answer without evidence is dated by its
  time, with no grade;
- each item's rule is the most specific one the policy gives (`Freshness.days`: question,
  section, grade, default); an item without a rule never goes stale, and neither does an
  answer holding one;
- an answer is fresh while its freshest item is (the one whose date plus rule is latest):
  one new document re-verifies the answer;
- a question goes stale with the first of its raters' answers; N/A and drafts do not age.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from checklist.model.evaluation import Evaluation
from checklist.model.freshness import Freshness
from checklist.model.ratings import Answer, Ratings
from checklist.model.rubric import Rubric
from checklist.scoring.results import Aging


def answer_aging(rater: str, answer: Answer, section: str, question: str,
                 rules: Freshness) -> Aging | None:
    """When this answer goes stale; None when it never does or cannot be dated."""
    if rules.is_empty or answer.na or not answer.is_answered:
        return None
    answered = answer.at.date() if answer.at is not None else None
    items: list[tuple[dt.date | None, str | None]] = [
        (item.retrieved or answered, item.grade) for item in answer.evidence]
    if not items:
        items = [(answered, None)]
    best: Aging | None = None
    for dated, grade in items:
        days = rules.days(section, question, grade)
        if days is None:
            return None  # evidence no rule ages keeps the answer fresh
        if dated is None:
            continue
        aging = Aging(rater, dated, days)
        if best is None or aging.fresh_until > best.fresh_until:
            best = aging
    return best


def first_to_age(agings: Iterable[Aging | None]) -> Aging | None:
    """The answer that goes stale first (raters in the order given on a tie)."""
    dated = [a for a in agings if a is not None]
    return min(dated, key=lambda a: a.fresh_until) if dated else None


@dataclass(frozen=True)
class StaleAnswer:
    """One rater's answer that is stale on the day asked about."""

    vendor: str
    question: str
    rater: str
    aging: Aging


def stale_answers(evaluation: Evaluation, rubric: Rubric, ratings: Mapping[str, Ratings],
                  today: dt.date) -> list[StaleAnswer]:
    """Every answer to a vendor and question of the evaluation that is stale on `today`,
    the longest past its rule first (then in evaluation and rubric order)."""
    rules = rubric.policy.freshness
    found: list[StaleAnswer] = []
    for vendor in evaluation.vendors:
        for section, question in rubric.questions():
            for rid in sorted(ratings):
                answer = ratings[rid].get(vendor.id, question.id)
                if answer is None:
                    continue
                aging = answer_aging(rid, answer, section.id, question.id, rules)
                if aging is not None and aging.is_stale(today):
                    found.append(StaleAnswer(vendor.id, question.id, rid, aging))
    found.sort(key=lambda s: s.aging.fresh_until)  # stable: file order on a tie
    return found
