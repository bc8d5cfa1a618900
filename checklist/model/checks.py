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
from checklist.frameworks import tag_problem
from checklist.model import when
from checklist.model.answer_edit import na_refused, out_of_range, unknown_choice
from checklist.model.evaluation import Evaluation
from checklist.model.informed_by import problem as source_problem
from checklist.model.named_fields import question_texts, unknown_field
from checklist.model.ratings import Answer, Ratings
from checklist.model.rubric import Question, Rubric, Scale, Section

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
        found += unknown_flags(section.when, flags, ("sections", si, "when"))
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
    flag_list = list(flags)
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
    found += unknown_flags(question.when, flag_list, ("when",))
    if question.good != "yes" and kind != "yes_no":
        found.append(Finding(("good",), "only yes/no questions have `good`", at_key=True))
    gate = question.gate
    if gate is not None:
        found += check_gate(question, scale, flag_list)
    trouble = source_problem(question)
    if trouble is not None:
        found.append(Finding(("informed_by",), trouble))
    for index, tag in enumerate(question.maps_to):
        wrong = tag_problem(tag)
        if wrong is not None:
            found.append(Finding(("maps_to", index), wrong))
    found += _duplicates(question.maps_to, lambda i: ("maps_to", i), "framework")
    return found


#: Which gate keys fit which question type (`when` and `reason` fit every type).
_GATE_KEYS: dict[str, tuple[str, ...]] = {
    "score": ("min",),
    "number": ("min", "max"),
    "yes_no": ("require", "min"),
    "choice": ("accept", "min"),
}
_GATE_USAGE: dict[str, str] = {
    "score": "`min:` in scale points",
    "number": "`max:` and/or `min:` in the question's unit",
    "yes_no": "`require: yes` or `require: no`",
    "choice": "`accept:` with the acceptable choice ids",
}


def flag_users(sections: Iterable[Section], flag: str) -> list[str]:
    """What reads a context flag in its `when:`: "gate on 'q'", "question 'q'", "section 's'"."""
    users = []
    for section in sections:
        if flag in when.flags(section.when):
            users.append(f"section '{section.id}'")
        for question in section.questions:
            if flag in when.flags(question.when):
                users.append(f"question '{question.id}'")
            if question.gate is not None and flag in when.flags(question.gate.when):
                users.append(f"gate on '{question.id}'")
    return users


def unused_flags(rubric: Rubric) -> list[Finding]:
    """Warnings: context flags that no `when:` reads switch nothing, yet the memo lists them
    among the facts that decide which gates apply."""
    return [Finding(("context", i, "id"), f"warning: context flag '{flag.id}' switches "
                    "nothing: no gate, question or section reads it in `when:`; use it, or "
                    "remove it (`remove: {context: [" + flag.id + "]}` in a rubric that "
                    "extends this one)")
            for i, flag in enumerate(rubric.context)
            if not flag_users(rubric.sections, flag.id)]


def check_gate(question: Question, scale: Scale, flags: list[str]) -> list[Finding]:
    """A gate in its question's own terms (see `checklist.model.rubric.Gate`)."""
    gate = question.gate
    assert gate is not None
    kind = question.type
    found: list[Finding] = []
    given = [k for k in ("min", "max", "require", "accept") if getattr(gate, k) is not None]
    for key in given:
        if key not in _GATE_KEYS[kind]:
            found.append(Finding(("gate", key), f"a gate on a {kind} question takes "
                                 f"{_GATE_USAGE[kind]}, not `{key}:`", at_key=True))
    if not given:
        found.append(Finding(("gate",), f"the gate asks nothing: give it "
                             f"{_GATE_USAGE[kind]}"))
    if kind in ("yes_no", "choice") and {"min"} < set(given):
        found.append(Finding(("gate", "min"), f"give either {_GATE_USAGE[kind]} or `min:`, "
                             "not both", at_key=True))
    if kind == "number":
        if gate.min is not None and gate.max is not None and gate.min > gate.max:
            found.append(Finding(("gate", "min"), f"gate min {gate.min:g} is above its max "
                                 f"{gate.max:g}: no measurement could pass"))
    elif gate.min is not None and not scale.min < gate.min <= scale.max:
        found.append(Finding(("gate", "min"), f"gate min {gate.min:g} must be above "
                             f"{scale.min} and at most {scale.max}"))
    if kind == "choice" and gate.accept is not None:
        ids = [c.id for c in question.choices]
        if not gate.accept:
            found.append(Finding(("gate", "accept"), "list at least one acceptable choice"))
        for ai, cid in enumerate(gate.accept):
            if cid not in ids:
                found.append(Finding(("gate", "accept", ai), f"unknown choice '{cid}'"
                                     f"{hint(cid, ids, 'choices')}"))
    found += unknown_flags(gate.when, flags, ("gate", "when"))
    return found


def unknown_flags(condition: str | dict[str, list[str]] | None, flags: list[str],
                  loc: Loc) -> list[Finding]:
    """Every flag a `when:` reads must be declared in the rubric's `context`."""
    if condition is None:
        return []
    found = []
    for flag in when.flags(condition):
        if flag not in flags:
            at: Loc = loc if isinstance(condition, str) else (*loc, *_join_at(condition, flag))
            found.append(Finding(at, f"unknown context flag '{flag}'"
                                 f"{hint(flag, flags, 'declared flags')}"))
    return found


def _join_at(condition: dict[str, list[str]], flag: str) -> Loc:
    """Where a flag sits in `{all: [...]}`: the join and the item's index."""
    join, listed = next(iter(condition.items()))
    index = next(i for i, item in enumerate(listed) if item.split()[-1] == flag)
    return (join, index)


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
    if answer.value is not None and kind == "number":
        problem = out_of_range(question, answer.value)
        if problem is not None:
            found.append(Finding(("value",), problem))
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
