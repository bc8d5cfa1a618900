"""`checklist rate --from FILE`: many answers of one rater in one process, all or nothing.

For people who score from a document: one process per answer costs a second each. The file
is a CSV sheet (the columns `checklist export` writes: vendor, question, value, note,
evidence, confidence; read by `checklist.reuse.sheet_import`) or a YAML file shaped like a
ratings file:

    answers:
      acme:                      # vendor id or name
        who-ran: {score: 3, note: Lab report}
        api: {answer: yes, evidence: [{url: "https://acme.example/api", grade: vendor-claim}]}

Every answer is checked first (vendor, question, value against the question, limits); any
problem, each with its line and column, and nothing is written. Otherwise the rater's file is
replaced in one transaction that refuses if it changed meanwhile. As with `rate`, an answer
keeps the parts the file does not give (a YAML answer without `note:` keeps its note).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import Field

from checklist.errors import ChecklistError, Problem, hint
from checklist.files.folder import Workspace, now, rater_id
from checklist.files.validate import findings_to_error, to_model
from checklist.files.yamlio import read_yaml
from checklist.model.answer_edit import Value
from checklist.model.checks import Finding, check_answer
from checklist.model.common import NAME_CHARS, Model
from checklist.model.ratings import KEEP, VALUE_KEYS, Answer, Keep, Ratings
from checklist.reuse.sheet_import import ImportPlan, plan_import

#: Answers in one YAML batch (a whole rubric for many vendors fits).
MAX_BATCH_ANSWERS = 20_000


class AnswerBatch(Model):
    """A YAML batch: `answers[vendor][question]`; `rater`, if given, must be the --rater."""

    rater: str | None = Field(default=None, max_length=NAME_CHARS)
    answers: dict[str, dict[str, Answer]] = Field(max_length=MAX_BATCH_ANSWERS)


def plan_batch(workspace: Workspace, source: Path, rater: str) -> ImportPlan:
    """Checks every answer in `source` (CSV or YAML, by its suffix) for `rater`."""
    suffix = Path(source).suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        return plan_import(workspace, source, rater)
    if suffix in (".yaml", ".yml"):
        return _plan_yaml(workspace, Path(source), rater)
    raise ChecklistError.at(source, "give a .yaml or .csv file (a ratings-shaped YAML file, "
                            "or a sheet as `checklist export` writes it)")


def _plan_yaml(workspace: Workspace, source: Path, rater: str) -> ImportPlan:
    rid = rater_id(rater)
    doc = read_yaml(source, what="answers file")
    batch = to_model(doc, AnswerBatch, what="answers file")
    problems: list[Problem] = []
    if batch.rater is not None and rater_id(batch.rater) != rid:
        problems.append(doc.problem(("rater",), f"these are answers of '{batch.rater}', not "
                                    f"of --rater '{rater}'; give the same rater"))
    file = workspace.ratings_file(rid)
    original, before = file.snapshot()
    if not original:
        before = Ratings(rater=rater)
    after = before.model_copy(deep=True)
    plan = ImportPlan(workspace, source, rid, file, original, before, after)
    evaluation, rubric = workspace.evaluation, workspace.rubric
    vendors = {v.id: v.id for v in evaluation.vendors}
    vendors.update({v.name.casefold(): v.id for v in evaluation.vendors})
    raw: dict[str, Any] = doc.data.get("answers") or {}
    stamp = now()
    seen: dict[tuple[str, str], str] = {}
    for vkey, by_question in batch.answers.items():
        vid = vendors.get(vkey) or vendors.get(vkey.casefold())
        if vid is None:
            known = [v.id for v in evaluation.vendors]
            problems.append(doc.problem(("answers", vkey), f"unknown vendor '{vkey}'"
                                        f"{hint(vkey, known, 'vendors')}", at_key=True))
            continue
        for qid, answer in by_question.items():
            loc = ("answers", vkey, qid)
            question = rubric.question(qid)
            if question is None:
                ids = [q.id for _, q in rubric.questions()]
                problems.append(doc.problem(loc, f"unknown question '{qid}'"
                                            f"{hint(qid, ids, 'questions')}", at_key=True))
                continue
            if (vid, qid) in seen:
                problems.append(doc.problem(loc, f"{vid} / {qid} is given twice (also under "
                                            f"'{seen[vid, qid]}'); keep one", at_key=True))
                continue
            seen[vid, qid] = vkey
            error = findings_to_error(doc, [
                Finding((*loc, *f.loc), f.message, f.at_key)
                for f in check_answer(answer, question, rubric.scale)])
            if error:
                problems += error.problems
                continue
            given = raw.get(vkey, {}).get(qid) or {}
            _merge(plan, vid, qid, answer, set(given) if isinstance(given, dict) else set(),
                   stamp)
    if not batch.answers and not problems:
        problems.append(doc.problem(("answers",), "no answers; nothing to record"))
    if problems:
        raise ChecklistError(sorted(problems, key=lambda p: (p.line, p.column)))
    plan.rows = len(seen)
    return plan


def _merge(plan: ImportPlan, vid: str, qid: str, answer: Answer, present: set[str],
           stamp: dt.datetime) -> None:
    """Sets the parts of the answer the file gives, keeping the others (as `rate` does)."""
    existing = plan.after.get(vid, qid)
    base = existing if existing is not None else Answer()
    value: Value | Keep | None = KEEP
    if present & set(VALUE_KEYS):
        value = next((_value(answer, k) for k in VALUE_KEYS if answer._is_set(k)), None)
    merged = base.merged(
        value=value,
        note=answer.note if "note" in present else KEEP,
        evidence=answer.evidence if "evidence" in present else KEEP,
        confidence=answer.confidence if "confidence" in present else KEEP,
        at=answer.at if "at" in present else KEEP,
    )
    key = (vid, qid)
    if merged.is_empty:
        if existing is not None:
            plan.after.put(vid, qid, None)
            plan.cleared.append(key)
        else:
            plan.unchanged += 1
        return
    stamped = merged.stamped(existing, stamp)
    if stamped is existing:
        plan.unchanged += 1
        return
    (plan.changed if existing is not None else plan.added).append(key)
    plan.after.put(vid, qid, stamped)


def _value(answer: Answer, key: str) -> Value:
    return Value.na() if key == "na" else Value(key, getattr(answer, key))  # type: ignore[arg-type]
