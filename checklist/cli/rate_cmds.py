"""`checklist rate`: one answer from flags, or many from a file (`--from`), into a rater's
ratings file; an answer's value is parsed by `checklist.model.answer_edit.parse_value`."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from checklist.cli.rater_check import add_new_rater_flag, check_rater, tell

if TYPE_CHECKING:
    from checklist.files.folder import Workspace
    from checklist.model import Answer, Question
    from checklist.model.answer_edit import Value
    from checklist.model.ratings import Keep
    from checklist.reuse.sheet_import import ImportPlan


def register_rate(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser("rate", help="record one answer for a vendor and question, or "
                            "many from a file")
    p.add_argument("dir", metavar="DIR", type=Path)
    p.add_argument("--rater", required=True, metavar="NAME")
    add_new_rater_flag(p)
    p.add_argument("--from", dest="from_file", type=Path, metavar="FILE",
                   help="record every answer in FILE (YAML shaped like a ratings file, or "
                        "CSV as `export` writes it), all or nothing")
    p.add_argument("--dry-run", action="store_true", help="with --from: check, write nothing")
    p.add_argument("--vendor", metavar="VENDOR", help="vendor id or name")
    p.add_argument("--question", metavar="QID")
    value = p.add_mutually_exclusive_group()
    value.add_argument("--score", type=int, metavar="N")
    value.add_argument("--yes", action="store_true")
    value.add_argument("--no", action="store_true")
    value.add_argument("--choice", metavar="C", help="choice id or label")
    value.add_argument("--value", metavar="X",
                       help="measured value: a number, optionally with the question's unit")
    value.add_argument("--na", action="store_true", help="not applicable")
    value.add_argument("--clear", action="store_true", help="remove this answer")
    p.add_argument("--note")
    p.add_argument("--evidence", action="append", default=[], metavar="URL_OR_PATH")
    p.add_argument("--grade", default=None, metavar="G",
                   help="evidence grade: vendor-claim, vendor-sampled, third-party, "
                        "independent-lab, peer-reviewed, own-test")
    p.add_argument("--retrieved", default=None, metavar="YYYY-MM-DD",
                   help="when the evidence was retrieved (default today)")
    p.add_argument("--confidence", choices=("low", "medium", "high"))
    p.set_defaults(handler=cmd_rate)


def find_question(workspace: Workspace, qid: str) -> Question:
    from checklist.errors import ChecklistError, hint

    question = workspace.rubric.question(qid)
    if question is None:
        ids = [q.id for _, q in workspace.rubric.questions()]
        raise ChecklistError.plain(f"unknown question '{qid}'{hint(qid, ids, 'questions')} "
                                   f"(see `checklist rubrics show {workspace.rubric.ref}`)")
    return question


def build_answer(args: argparse.Namespace, question: Question, workspace: Workspace,
                 previous: Answer | None) -> Answer:
    """The new answer: the given value, keeping the previous note and evidence unless replaced."""
    from checklist.errors import ChecklistError
    from checklist.files.folder import now
    from checklist.model import Answer, Evidence
    from checklist.model.checks import check_answer
    from checklist.model.common import GRADES
    from checklist.model.ratings import KEEP

    scale = workspace.rubric.scale
    value = _requested_value(args, question, workspace)
    if args.grade and args.grade not in GRADES:
        raise ChecklistError.plain(f"--grade {args.grade!r}: choose one of {', '.join(GRADES)}")
    if args.grade and not args.evidence:
        raise ChecklistError.plain("--grade describes --evidence; give --evidence URL_OR_PATH too")
    base = previous if previous is not None else Answer()
    evidence = list(base.evidence)
    from checklist.files.clock import today

    retrieved = _date(args.retrieved) if args.retrieved else today()
    for url in args.evidence:
        item = Evidence(url=url, retrieved=retrieved, grade=args.grade or "vendor-claim")
        evidence = [e for e in evidence if e.url != url] + [item]
    answer = base.merged(
        value=value,
        note=args.note if args.note is not None else KEEP,
        evidence=evidence,
        confidence=args.confidence or KEEP,
    )
    findings = check_answer(answer, question, scale)
    if findings:
        # The findings name YAML keys (`score:`); on the command line, name the flags.
        first = findings[0]
        if first.at_key and first.loc[-1] in ("score", "answer", "choice", "value"):
            detail = _wrong_flag(question, workspace)
        elif first.loc[-1] == "choice":
            detail = first.message  # already lists the choices
        elif first.loc[-1] == "na":
            detail = f"{first.message}; answer it with {_flags_for(question, workspace)}"
        else:
            detail = f"{first.message}; use {_flags_for(question, workspace)}"
        raise ChecklistError.plain(detail)
    return answer.stamped(previous, now())


def _requested_value(args: argparse.Namespace, question: Question,
                     workspace: Workspace) -> Value | Keep | None:
    """The value the flags give (KEEP: none given). --choice and --value are text, read as
    every front end reads a value; the other flags are typed by argparse already."""
    from checklist.errors import ChecklistError
    from checklist.model.answer_edit import Value, ValueProblem, parse_value
    from checklist.model.ratings import KEEP

    if args.score is not None:
        return Value("score", args.score)
    if args.yes or args.no:
        return Value("answer", bool(args.yes))
    if args.na:
        return Value.na()
    for text, kind in ((args.choice, "choice"), (args.value, "number")):
        if text is None:
            continue
        if question.type != kind:
            raise ChecklistError.plain(_wrong_flag(question, workspace))
        try:
            return parse_value(question, workspace.rubric.scale, text)
        except ValueProblem as problem:
            raise ChecklistError.plain(str(problem)) from None
    return KEEP


def _flags_for(question: Question, workspace: Workspace) -> str:
    """The flags that answer `question`, as the error messages name them."""
    scale = workspace.rubric.scale
    return {
        "score": f"--score {scale.min}..{scale.max}",
        "yes_no": "--yes or --no",
        "choice": f"--choice ({', '.join(c.id for c in question.choices)})",
        "number": f"--value X ({question.unit or 'a number'})",
    }[question.type]


def _wrong_flag(question: Question, workspace: Workspace) -> str:
    return (f"question '{question.id}' is a {question.type} question; use "
            f"{_flags_for(question, workspace)}")


def _has_value(args: argparse.Namespace) -> bool:
    return (args.score is not None or args.yes or args.no or args.choice is not None
            or args.value is not None or args.na)


def _date(text: str) -> dt.date:
    from checklist.errors import ChecklistError
    from checklist.files.clock import today

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ChecklistError.plain(f"--retrieved {text!r}: write a date like 2026-11-21") from None
    if day > today():
        raise ChecklistError.plain(f"--retrieved {text}: evidence cannot be read in the future "
                                   f"(today is {today().isoformat()}); give the day it was read")
    return day


def cmd_rate(args: argparse.Namespace) -> int:
    from checklist.errors import ChecklistError, ConflictError
    from checklist.files.folder import load_folder, rater_id

    if args.from_file is not None:
        return _rate_from(args)
    if args.dry_run:
        raise ChecklistError.plain("--dry-run goes with --from FILE")
    missing = [f for f, v in (("--vendor", args.vendor), ("--question", args.question))
               if v is None]
    if missing:
        raise ChecklistError.plain(f"give {' and '.join(missing)} (or --from FILE for many "
                                   "answers)")
    if not (_has_value(args) or args.clear or args.note is not None or args.evidence
            or args.confidence):
        raise ChecklistError.plain("nothing to record: give a value (--score N, --yes, --no, "
                                   "--choice C, --value X or --na), --note or --evidence")
    workspace = load_folder(args.dir)
    vendor = workspace.evaluation.find_vendor(args.vendor)
    question = find_question(workspace, args.question)
    notice = check_rater(workspace.path, args.rater, new_rater=args.new_rater)
    file = workspace.ratings_file(args.rater)
    if args.clear:
        file.update(vendor.id, question.id, None)
        print(f"cleared {vendor.id} / {question.id} in {file.path}")
        tell(notice)
        return 0
    display = args.rater if rater_id(args.rater) != args.rater else None
    # The new answer keeps the old note and evidence, so it is built from what is on disk;
    # if someone saves this answer in between, rebuild on top of theirs instead of undoing it.
    for attempt in range(_RATE_ATTEMPTS):
        previous = file.read().get(vendor.id, question.id)
        answer = build_answer(args, question, workspace, previous)
        try:
            file.update(vendor.id, question.id, answer, expected=previous, display_name=display)
        except ConflictError:
            if attempt + 1 == _RATE_ATTEMPTS:
                raise
            continue
        break
    print(f"{vendor.id} / {question.id} = {answer.display(question.unit)}  ({file.path})")
    tell(notice)
    return 0


_RATE_ATTEMPTS = 5


def _rate_from(args: argparse.Namespace) -> int:
    """`rate --from FILE`: the flags of a single answer do not mix with a file of them."""
    from checklist.errors import ChecklistError
    from checklist.files.folder import load_folder
    from checklist.reuse.batch_rate import plan_batch

    single = [name for name, given in (
        ("--vendor", args.vendor), ("--question", args.question), ("a value", _has_value(args)),
        ("--clear", args.clear), ("--note", args.note is not None),
        ("--evidence", args.evidence), ("--grade", args.grade),
        ("--retrieved", args.retrieved), ("--confidence", args.confidence)) if given]
    if single:
        raise ChecklistError.plain(f"--from FILE gives every answer; drop {', '.join(single)} "
                                   "(or drop --from to record one answer)")
    workspace = load_folder(args.dir)
    notice = check_rater(workspace.path, args.rater, new_rater=args.new_rater)
    return write_plan(plan_batch(workspace, args.from_file, args.rater),
                      dry_run=args.dry_run, notice=notice)


def write_plan(plan: ImportPlan, *, dry_run: bool, notice: str) -> int:
    """Shows a checked batch of answers (`rate --from`, `import`), then writes it unless
    `dry_run`; `notice` is `check_rater`'s, given once the answers are written."""
    from checklist.reuse.sheet_import import apply_import

    print(plan.text())
    if dry_run:
        print("dry run: nothing written")
    elif apply_import(plan):
        print(f"wrote {plan.file.path}")
        tell(notice)
    else:
        print(f"no changes; {plan.file.path} left as it is")
    return 0
