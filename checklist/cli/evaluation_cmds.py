"""`checklist new` and `status`: create an evaluation and see where it stands (`rate`, which
scores it without the TUI, is in `rate_cmds`)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from checklist.cli.rate_cmds import register_rate

if TYPE_CHECKING:
    from checklist.files.folder import Workspace


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser("new", help="create an evaluation folder")
    p.add_argument("dir", metavar="DIR", type=Path)
    p.add_argument("--rubric", required=True, metavar="ID_OR_PATH",
                   help="rubric id (see `checklist rubrics list`), id@version, or a YAML file")
    p.add_argument("--title", required=True)
    p.add_argument("--vendor", action="append", required=True, metavar="NAME",
                   help="a vendor to compare (repeat for each)")
    p.add_argument("--context", action="append", default=[], metavar="FLAG=yes|no",
                   help="a context flag of the rubric (repeat for each)")
    p.add_argument("--owner", default="", help="who owns the decision")
    p.set_defaults(handler=cmd_new)

    register_rate(commands)

    p = commands.add_parser("status", help="answered / total per vendor and rater")
    p.add_argument("dir", metavar="DIR", type=Path, nargs="?", default=Path("."))
    p.add_argument("--stale", action="store_true",
                   help="list only the answers whose evidence is older than the rubric's "
                        "freshness rules (CHECKLIST_TODAY sets the day)")
    p.set_defaults(handler=cmd_status)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def parse_context(items: list[str], flags: list[str], *,
                  what: str = "--context") -> dict[str, bool]:
    from checklist.errors import ChecklistError, hint

    values: dict[str, bool] = {}
    for item in items:
        name, sep, raw = item.partition("=")
        name = name.strip()
        answer = raw.strip().lower()
        if not sep or answer not in ("yes", "no", "true", "false"):
            raise ChecklistError.plain(f"{what} {item!r}: write FLAG=yes or FLAG=no")
        if name not in flags:
            raise ChecklistError.plain(f"{what}: unknown flag '{name}'"
                                       f"{hint(name, flags, 'the rubric declares')}")
        values[name] = answer in ("yes", "true")
    return values


def cmd_new(args: argparse.Namespace) -> int:
    from checklist.files.folder import create_folder
    from checklist.files.library import Library
    from checklist.model import Evaluation, RubricPin
    from checklist.model.evaluation import vendors_from_names

    rubric = Library.discover().resolve(args.rubric)
    context = parse_context(args.context, [f.id for f in rubric.context])
    evaluation = Evaluation(
        title=args.title,
        owner=args.owner,
        date=dt.date.today(),
        rubric=RubricPin(id=rubric.id, version=rubric.version, sha256=rubric.digest()),
        context={f.id: context.get(f.id, f.default) for f in rubric.context},
        vendors=vendors_from_names(args.vendor),
    )
    workspace = create_folder(args.dir, evaluation, rubric)
    total = len(rubric.questions())
    count = len(evaluation.vendors)
    print(f"created {workspace.path} ({rubric.ref}: {total} questions, "
          f"{count} vendor{'s' if count != 1 else ''}: "
          f"{', '.join(v.id for v in evaluation.vendors)})")
    print(f"next: checklist open {workspace.path}   or   checklist rate {workspace.path} ...")
    return 0


def _field_flag(field: str) -> str:
    """The flag that fills a named field ("vendor.model" -> "--model ...")."""
    return f"--{field.partition('.')[2].replace('_', '-')} ..."


def cmd_status(args: argparse.Namespace) -> int:
    from checklist.cli.table import render
    from checklist.errors import printable
    from checklist.files.folder import load_folder
    from checklist.model.named_fields import missing_fields

    workspace = load_folder(args.dir)
    if args.stale:
        return _print_stale(workspace)
    evaluation, rubric = workspace.evaluation, workspace.rubric
    questions = [q.id for _, q in rubric.questions()]
    raters = sorted(workspace.ratings)
    print(printable(f"{evaluation.title}  [{evaluation.status}]  rubric {rubric.ref}"))
    print(f"{plural(len(evaluation.vendors), 'vendor')}, {plural(len(raters), 'rater')}, "
          f"{plural(len(questions), 'question')}")
    print()
    rows = []
    for vendor in evaluation.vendors:
        row: list[object] = [vendor.id]
        union: set[str] = set()
        for rater in raters:
            answers = workspace.ratings[rater].answers.get(vendor.id, {})
            done = {q for q in questions if q in answers and answers[q].is_answered}
            union |= done
            row.append(f"{len(done)}/{len(questions)}")
        row.append(f"{len(union)}/{len(questions)}")
        rows.append(row)
    headers = ("VENDOR", *raters, "ANY RATER")
    print(render(headers, rows, right=range(1, len(headers))))
    if not raters:
        print(f"\nno ratings yet: `checklist open {args.dir}` or `checklist rate {args.dir} ...`")
    if workspace.orphans:
        print(f"\n{len(workspace.orphans)} answer(s) kept but not scored:")
        for orphan in workspace.orphans[:20]:
            print(printable(f"  {orphan}"))
    missing = missing_fields(evaluation, rubric)
    if missing:
        print("\nnamed fields the rubric's texts use that are still empty (the memo and "
              "questionnaire mark them):")
        for owner, fields in missing.items():
            command = f"checklist vendor set DIR {owner}" if owner else "checklist set DIR"
            flags = [_field_flag(f) for f in fields if f != "vendor.claim"]
            how = [f"{command} {' '.join(flags)}"] if flags else []
            if "vendor.claim" in fields:
                how.append("checklist claim add")
            print(printable(f"  {owner or 'evaluation'}: {', '.join(fields)}  "
                            f"({'; '.join(how)})"))
    _print_open_proposals(workspace, raters, args.dir)
    return 0


def _print_stale(workspace: Workspace) -> int:
    """`status --stale`: every answer whose evidence is older than its rule, oldest first
    past its rule, with the rule that made it stale."""
    from checklist.cli.table import render
    from checklist.errors import printable
    from checklist.files.clock import today
    from checklist.scoring.freshness import stale_answers

    day = today()
    evaluation, rubric = workspace.evaluation, workspace.rubric
    print(printable(f"{evaluation.title}  [{evaluation.status}]  rubric {rubric.ref}"))
    if rubric.policy.freshness.is_empty:
        print(f"rubric {rubric.ref} has no freshness rules: no evidence goes stale "
              "(add `policy: freshness:` to the rubric)")
        return 0
    found = stale_answers(workspace.evaluation, rubric, workspace.ratings, day)
    if not found:
        print(f"no stale evidence on {day.isoformat()}")
        return 0
    print(f"{plural(len(found), 'stale answer')} on {day.isoformat()}:")
    rows = [(s.vendor, s.question, s.rater, s.aging.dated.isoformat(),
             str(s.aging.age(day)), str(s.aging.rule)) for s in found]
    table = render(("VENDOR", "QUESTION", "RATER", "EVIDENCE OF", "DAYS OLD", "RULE"), rows,
                   right=(4, 5))
    for line in table.split("\n"):
        print(printable(line))
    return 0


def _print_open_proposals(workspace: Workspace, raters: list[str], folder: Path) -> None:
    from checklist.errors import printable
    from checklist.files.proposals import standings

    proposed = standings(workspace, None)
    if not proposed:
        return
    waiting = {r: sum(s.state == "open" for s in standings(workspace, r)) for r in raters}
    who = ", ".join(f"{r} {n}" for r, n in waiting.items() if n) or "none open for any rater"
    print(printable(f"\n{plural(len(proposed), 'proposed answer')} ({who}): "
                    f"`checklist proposals list {folder} --rater NAME`"))
