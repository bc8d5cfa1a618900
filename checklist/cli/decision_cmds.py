"""`checklist decide`: the decision's lifecycle, recorded with who, when and why."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checklist.files.folder import Workspace
    from checklist.model.decision import Action
    from checklist.model.rubric import Question
    from checklist.scoring.recheck import Recheck

#: The flag of each step, as `checklist.model.decision` names them.
ACTION_FLAGS: dict[str, str] = {"accept": "--accept", "reject": "--reject", "defer": "--defer",
                                "supersede": "--supersede", "reopen": "--reopen"}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser("decide", help="accept a vendor, reject, defer, supersede or "
                            "reopen the decision; ratings are read-only once decided")
    p.add_argument("dir", metavar="DIR", type=Path)
    step = p.add_mutually_exclusive_group(required=True)
    step.add_argument("--accept", metavar="VENDOR", help="accept this vendor (id or name)")
    step.add_argument("--reject", action="store_true", help="buy none of them")
    step.add_argument("--defer", action="store_true", help="decide later (--review-by)")
    step.add_argument("--supersede", action="store_true",
                      help="a later evaluation replaces this decision (--successor)")
    step.add_argument("--reopen", action="store_true",
                      help="open an accepted, rejected or deferred decision again (--reason)")
    p.add_argument("--by", required=True, metavar="NAME", help="who decides")
    p.add_argument("--reason", default="", metavar="TEXT", help="why (required to reopen)")
    p.add_argument("--review-by", metavar="YYYY-MM-DD", type=_date,
                   help="when to look again (default for --accept: when the accepted "
                        "vendor's first evidence goes stale)")
    p.add_argument("--successor", default="", metavar="DIR_OR_TEXT",
                   help="what replaces the decision (with --supersede)")
    p.set_defaults(handler=cmd_decide)

    p = commands.add_parser("recheck", help="what to re-verify before evidence goes stale, "
                            "most decisive first, with the question to ask the vendor")
    p.add_argument("dir", metavar="DIR", type=Path, nargs="?", default=Path("."))
    p.add_argument("--within", type=int, default=30, metavar="DAYS",
                   help="also list answers going stale within DAYS (default 30)")
    p.add_argument("--vendor", metavar="VENDOR",
                   help="this vendor only (default: the accepted vendor, else every vendor "
                        "not ruled out)")
    p.add_argument("--ics", type=Path, metavar="FILE",
                   help="write the review dates as an iCalendar file")
    p.set_defaults(handler=cmd_recheck)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: write a date like 2026-11-21") from None


def _action(args: argparse.Namespace) -> Action:
    if args.accept is not None:
        return "accept"
    steps: tuple[Action, ...] = ("reject", "defer", "supersede", "reopen")
    for action in steps:
        if getattr(args, action):
            return action
    raise AssertionError("argparse requires one step")


def cmd_decide(args: argparse.Namespace) -> int:
    from checklist.errors import printable
    from checklist.reuse.decision_steps import DecisionRequest, outcome_lines, record_decision

    action = _action(args)
    request = DecisionRequest(action, args.by, vendor=args.accept, reason=args.reason,
                              review_by=args.review_by, successor=args.successor)
    saved = record_decision(args.dir, request)
    for line in outcome_lines(saved, request, args.dir):
        print(printable(line))
    return 0


def cmd_recheck(args: argparse.Namespace) -> int:
    from checklist import numbers as n
    from checklist.errors import ChecklistError, printable
    from checklist.files.clock import today
    from checklist.files.folder import load_folder
    from checklist.scoring import score_workspace
    from checklist.scoring.recheck import recheck_list, recheck_vendors

    if not 0 <= args.within <= 36_500:
        raise ChecklistError.plain(f"--within {args.within}: give a number of days from 0 "
                                   "to 36500")
    workspace = load_folder(args.dir)
    day = today()
    card = score_workspace(workspace, draws=0, today=day)
    evaluation = workspace.evaluation
    if args.vendor is not None:
        wanted = evaluation.find_vendor(args.vendor).id
        vendors = [v for v in card.vendors if v.id == wanted]
    else:
        vendors = recheck_vendors(card)
    horizon = day + dt.timedelta(days=args.within)
    if evaluation.review_by is not None:
        horizon = max(horizon, evaluation.review_by)
    items = recheck_list(card, vendors, horizon)
    lines = [f"{evaluation.title}  [{evaluation.status}]  on {day.isoformat()}"]
    if evaluation.review_by is not None:
        due = " (overdue)" if evaluation.review_by < day else ""
        lines.append(f"review by {evaluation.review_by.isoformat()}{due}")
    if card.rubric.policy.freshness.is_empty:
        lines.append(f"rubric {card.rubric.ref} has no freshness rules: no evidence goes stale")
    elif not items:
        lines.append(f"nothing to re-check: no evidence goes stale by {horizon.isoformat()}")
    for number, item in enumerate(items, 1):
        age = item.aging.age(day)
        when = (f"stale since {item.stale_from.isoformat()} ({age} days old, rule "
                f"{item.aging.rule})" if item.stale else
                f"goes stale on {item.stale_from.isoformat()} (rule {item.aging.rule} days)")
        gate = "gate, " if item.gate else ""
        lines.append(f"{number:>3}. {item.vendor.name} / {item.question.id}: {when}; "
                     f"{gate}{n.share(item.question.share)} of the score")
        lines.append(f"     ask: {_ask(item.question.question, item.vendor.id, workspace)}")
    for line in lines:
        print(printable(line))
    if args.ics is not None:
        _write_ics(args.ics, workspace, items, day)
        print(printable(f"wrote {args.ics}"))
    return 0


def _write_ics(path: Path, workspace: Workspace, items: list[Recheck], day: dt.date) -> None:
    from checklist.files.output import write_output
    from checklist.reuse.calendar import Review, calendar_bytes

    evaluation = workspace.evaluation
    reviews = []
    if evaluation.review_by is not None:
        chosen = f" ({evaluation.chosen})" if evaluation.chosen else ""
        reviews.append(Review(evaluation.review_by, f"Review decision: {evaluation.title}",
                              f"status {evaluation.status}{chosen}; `checklist recheck`",
                              "review-by"))
    for item in items:
        reviews.append(Review(item.stale_from, f"Re-check {item.vendor.name}: "
                              f"{item.question.id}",
                              _ask(item.question.question, item.vendor.id, workspace),
                              f"{item.vendor.id}/{item.question.id}"))
    write_output(path, calendar_bytes(reviews, stamp=day, name=evaluation.title))


def _ask(question: Question, vendor: str, workspace: Workspace) -> str:
    """What to ask the vendor, with the rubric's named fields filled for this vendor (an
    empty one marked, as in the questionnaire), on one line."""
    from checklist.model.named_fields import fill

    text = question.ask_vendor.strip() or question.text
    filled = fill(text, workspace.evaluation.vendor(vendor), workspace.evaluation)
    return " ".join(filled.text.split())
