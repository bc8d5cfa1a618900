"""`checklist register`: every decision found under some folders, in one list."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: write a date like 2026-11-21") from None


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser("register", help="every evaluation under some folders: status, "
                            "chosen vendor, review-by date, stale evidence, open conditions")
    p.add_argument("roots", metavar="ROOT", type=Path, nargs="+",
                   help="folders to search (a repository of evaluations)")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print JSON")
    form.add_argument("--csv", action="store_true", help="print CSV")
    form.add_argument("--html", action="store_true", help="print a self-contained HTML page")
    p.add_argument("--vendor", metavar="V",
                   help="only evaluations that compare this vendor (id or name)")
    p.add_argument("--status", action="append", default=[], metavar="S",
                   help="only this status: draft, proposed, accepted, rejected, deferred, "
                        "superseded (repeat for several)")
    p.add_argument("--due-before", type=_date, metavar="YYYY-MM-DD",
                   help="only decisions to review before this day")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE")
    p.set_defaults(handler=cmd_register)


def cmd_register(args: argparse.Namespace) -> int:
    from checklist.errors import ChecklistError, hint
    from checklist.files.clock import today
    from checklist.files.register import read_register, select
    from checklist.model.decision import ALLOWED
    from checklist.reuse.register_page import entry_row

    for status in args.status:
        if status not in ALLOWED:
            raise ChecklistError.plain(f"--status {status!r} is not a status"
                                       f"{hint(status, ALLOWED, 'statuses')}")
    day = today()
    found = read_register(args.roots)
    entries = select(found.entries, vendor=args.vendor, statuses=args.status,
                     due_before=args.due_before)
    rows = [entry_row(e, day) for e in entries]
    text = _format(args, rows, day)
    if args.output is not None:
        from checklist.files.output import write_output

        write_output(args.output, text.encode("utf-8"))
        print(f"wrote {args.output}", file=sys.stderr)
    elif args.csv or args.html:
        from checklist.cli.output import write_document

        write_document(text.encode("utf-8"), binary=False)  # exact bytes unless a terminal
    else:
        sys.stdout.write(text)
    if found.problems:
        # the register of every other evaluation is still printed; these say what to fix
        raise ChecklistError(found.problems)
    return 0


def _format(args: argparse.Namespace, rows: list[dict[str, object]], day: dt.date) -> str:
    from checklist.reuse.register_page import COLUMNS, cell, register_csv, register_html

    if args.json:
        from checklist.cli.output import dump_json

        return dump_json({"today": day.isoformat(), "evaluations": rows}) + "\n"
    if args.csv:
        return register_csv(rows)
    if args.html:
        return register_html(rows, day)
    from checklist.cli.table import render

    if not rows:
        return "no evaluations found\n"
    headers = ("TITLE", "OWNER", "STATUS", "VENDOR", "REVIEW BY", "STALE SINCE", "CONDITIONS",
               "FOLDER")
    table = [[cell(r, c) if c != "conditions" else str(len(r["conditions"]))  # type: ignore[arg-type]
              for c in COLUMNS] for r in rows]
    return render(headers, table, max_width=40) + "\n"
