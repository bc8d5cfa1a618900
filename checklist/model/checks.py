"""Rules that span fields, reported all at once with the path of each offending value.

Pydantic checks one field at a time and stops a model at its first cross-field error; a
person fixing a rubric wants every problem, each pointing at its own line. So these return
`Finding`s (a path into the document and a message) that the loader turns into positions.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from checklist.errors import hint
from checklist.model.answer_edit import na_refused, unknown_choice
from checklist.model.evaluation import Evaluation
from checklist.model.informed_by import problem as source_problem
from checklist.model.named_fields import question_texts, unknown_field
from checklist.model.ratings import Answer, Ratings
from checklist.model.rubric import Question, Rubric, Scale

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    loc: Loc
    message: str
    at_key: bool = False


def check_rubric(rubric: Rubric) -> list[Finding]:
    found: list[Finding] = []
    scale = rubric.scale
    if scale.max <= scale.min:
        found.append(Finding(("scale", "max"), f"scale max ({scale.max}) must be above min "
                             f"({scale.min})"))
        return found
    if scale.max - scale.min > 100:
        found.append(Finding(("scale",), "a scale may have at most 101 levels"))
    for level in scale.labels:
        if level not in scale.levels():
            found.append(Finding(("scale", "labels", level), _outside(level, scale), at_key=True))

    flags = [f.id for f in rubric.context]
    found += _duplicates(flags, lambda i: ("context", i, "id"), "context flag")
    found += _duplicates(
        [s.id for s in rubric.sections], lambda i: ("sections", i, "id"), "section"
    )
    all_questions = [
        (("sections", si, "questions", qi), q)
        for si, s in enumerate(rubric.sections)
        for qi, q in enumerate(s.questions)
    ]
    seen: dict[str, Loc] = {}
    for loc, question in all_questions:
        if question.id in seen:
            found.append(Finding((*loc, "id"), f"duplicate question id '{question.id}'; "
                                 "question ids must be unique across the whole rubric"))
        seen.setdefault(question.id, loc)

    policy = rubric.policy
    if policy.weak >= policy.strong:
        found.append(Finding(("policy", "weak"), f"policy weak ({policy.weak:g}) must be below "
                             f"strong ({policy.strong:g}): an answer cannot be both a strength "
                             "and a risk; lower `weak` or raise `strong`"))

    found += _freshness_ids(rubric)

    if not rubric.sections:
        found.append(Finding(("sections",), "a rubric needs at least one section"))
    elif sum(s.weight for s in rubric.sections) <= 0:
        found.append(Finding(("sections",), "at least one section needs a weight above 0"))

    for si, section in enumerate(rubric.sections):
        if not section.questions:
            found.append(Finding(("sections", si, "questions"), f"section '{section.id}' has no "
                                 "questions; add one or remove the section"))
        elif all(q.weight <= 0 for q in section.questions):
            found.append(Finding(("sections", si, "questions"), f"section '{section.id}' needs "
                                 "at least one question with a weight above 0"))
        for qi, question in enumerate(section.questions):
            loc = ("sections", si, "questions", qi)
            found += [
                Finding((*loc, *f.loc), f.message, f.at_key)
                for f in check_question(question, scale, flags)
            ]
    return found


def _freshness_ids(rubric: Rubric) -> list[Finding]:
    """A freshness rule for a section or question the rubric does not have would never
    apply: most likely a typo, so it is pointed at."""
    found: list[Finding] = []
    rules = rubric.policy.freshness
    known = {"sections": [s.id for s in rubric.sections],
             "questions": [q.id for _, q in rubric.questions()]}
    for kind, ids in known.items():
        for rid in getattr(rules, kind):
            if rid not in ids:
                what = kind[:-1]
                found.append(Finding(("policy", "freshness", kind, rid),
                                     f"freshness rule for unknown {what} '{rid}'"
                                     f"{hint(rid, ids, f'{what} ids')}",
                                     at_key=True))
    return found


def check_question(question: Question, scale: Scale, flags: Iterable[str]) -> list[Finding]:
    found: list[Finding] = []
    for loc, text in question_texts(question):
        problem = unknown_field(text)
        if problem:
            found.append(Finding(loc, f"{problem} (README, \"Named fields\", lists them)"))
    kind = question.type
    for level in question.anchors:
        if level not in scale.levels():
            found.append(Finding(("anchors", level), _outside(level, scale), at_key=True))
        elif kind == "yes_no" and level not in (scale.min, scale.max):
            found.append(Finding(("anchors", level), f"a yes/no question has anchors only for "
                                 f"{scale.max} (yes) and {scale.min} (no)", at_key=True))
    if kind == "choice":
        if len(question.choices) < 2:
            found.append(Finding(("choices",), "a choice question needs at least two choices"))
        found += _duplicates(
            [c.id for c in question.choices], lambda i: ("choices", i, "id"), "choice"
        )
        for ci, choice in enumerate(question.choices):
            if choice.score not in scale.levels():
                found.append(Finding(("choices", ci, "score"), _outside(choice.score, scale)))
    elif question.choices:
        found.append(Finding(("choices",), f"only choice questions have choices (this one is "
                             f"'{kind}')", at_key=True))
    if kind == "number":
        if question.better is None:
            found.append(Finding(("type",), "a number question needs `better: higher` or "
                                 "`better: lower`"))
        if not question.thresholds:
            found.append(Finding(("type",), "a number question needs `thresholds` "
                                 "(score: value) to turn a measurement into a score"))
        for level in question.thresholds:
            if level not in scale.levels():
                found.append(Finding(("thresholds", level), _outside(level, scale), at_key=True))
        ordered = sorted(question.thresholds.items())
        for (low_level, low), (high_level, high) in itertools.pairwise(ordered):
            rising = question.better == "higher"
            if (rising and not high > low) or (not rising and not high < low):
                word = "above" if rising else "below"
                found.append(Finding(
                    ("thresholds", high_level),
                    f"threshold for {high_level} ({high:g}) must be {word} the one for "
                    f"{low_level} ({low:g}) when better is {question.better}",
                ))
    else:
        for key in ("unit", "better"):
            if getattr(question, key) is not None:
                found.append(Finding((key,), f"only number questions have `{key}`", at_key=True))
        if question.thresholds:
            found.append(Finding(("thresholds",), "only number questions have `thresholds`",
                                 at_key=True))
    gate = question.gate
    if gate is not None:
        if not scale.min < gate.min <= scale.max:
            found.append(Finding(("gate", "min"), f"gate min {gate.min:g} must be above "
                                 f"{scale.min} and at most {scale.max}"))
        flag_list = list(flags)
        if gate.when is not None and gate.when not in flag_list:
            found.append(Finding(("gate", "when"), f"unknown context flag '{gate.when}'"
                                 f"{hint(gate.when, flag_list, 'declared flags')}"))
    trouble = source_problem(question)
    if trouble is not None:
        found.append(Finding(("informed_by",), trouble))
    return found


def check_evaluation(evaluation: Evaluation, rubric: Rubric) -> list[Finding]:
    found = _duplicates(
        [v.id for v in evaluation.vendors], lambda i: ("vendors", i, "id"), "vendor"
    )
    flags = [f.id for f in rubric.context]
    for flag in evaluation.context:
        if flag not in flags:
            found.append(Finding(("context", flag), f"unknown context flag '{flag}'"
                                 f"{hint(flag, flags, 'the rubric declares')}", at_key=True))
    found += _compared_vendors(evaluation)
    ids = [v.id for v in evaluation.vendors]
    if evaluation.chosen is not None and evaluation.chosen not in ids:
        found.append(Finding(("chosen",), f"the chosen vendor '{evaluation.chosen}' is not a "
                             f"vendor of the evaluation{hint(evaluation.chosen, ids, 'vendors')}"))
    return found


def _compared_vendors(evaluation: Evaluation) -> list[Finding]:
    """A claim compared with a vendor names another vendor of this evaluation."""
    ids = [v.id for v in evaluation.vendors]
    found: list[Finding] = []
    for vi, vendor in enumerate(evaluation.vendors):
        for ci, claim in enumerate(vendor.claims):
            other = claim.compared_with.vendor if claim.compared_with else None
            loc: Loc = ("vendors", vi, "claims", ci, "compared_with", "vendor")
            if other == vendor.id:
                found.append(Finding(loc, f"a claim of '{vendor.id}' cannot compare it with "
                                     "itself; name another vendor, or use `model:`"))
            elif other is not None and other not in ids:
                found.append(Finding(loc, f"unknown vendor '{other}'"
                                     f"{hint(other, ids, 'vendors')}; a model outside the "
                                     "evaluation goes under `model:`"))
    return found


def check_answer(answer: Answer, question: Question, scale: Scale) -> list[Finding]:
    """Does this answer fit its question? Answers to unknown questions are not checked here."""
    kind = question.type
    wrong = {
        "score": ("answer", "choice", "value"),
        "yes_no": ("score", "choice", "value"),
        "choice": ("score", "answer", "value"),
        "number": ("score", "answer", "choice"),
    }[kind]
    expected = {"score": "score", "yes_no": "answer", "choice": "choice", "number": "value"}[kind]
    found: list[Finding] = []
    for key in wrong:
        if getattr(answer, key) is not None:
            found.append(Finding((key,), f"question '{question.id}' is a {kind} question: use "
                                 f"`{expected}:` instead of `{key}:`", at_key=True))
    if answer.score is not None and kind == "score" and answer.score not in scale.levels():
        found.append(Finding(("score",), f"score {answer.score} is outside the scale "
                             f"{scale.min}..{scale.max}"))
    if answer.choice is not None and kind == "choice":
        ids = [c.id for c in question.choices]
        if answer.choice not in ids:
            found.append(Finding(("choice",), unknown_choice(question, answer.choice)))
    if answer.na and not question.allow_na:
        found.append(Finding(("na",), na_refused(question)))
    return found


def check_ratings(ratings: Ratings, rubric: Rubric) -> list[Finding]:
    found: list[Finding] = []
    questions = {q.id: q for _, q in rubric.questions()}
    for vendor, answers in ratings.answers.items():
        for qid, answer in answers.items():
            question = questions.get(qid)
            if question is None:
                continue
            found += [
                Finding(("answers", vendor, qid, *f.loc), f.message, f.at_key)
                for f in check_answer(answer, question, rubric.scale)
            ]
    return found


def _outside(level: int, scale: Scale) -> str:
    return f"level {level} is outside the scale {scale.min}..{scale.max}"


def _duplicates(ids: list[str], where: Callable[[int], Loc], what: str) -> list[Finding]:
    seen: set[str] = set()
    found = []
    for index, ident in enumerate(ids):
        if ident in seen:
            found.append(Finding(where(index), f"duplicate {what} id '{ident}'"))
        seen.add(ident)
    return found
