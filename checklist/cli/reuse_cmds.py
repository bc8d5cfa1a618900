"""`checklist upgrade`, `diff`, `export` and `import`: evaluations over time and in spreadsheets.

Only argparse at load time (the CLI must start fast); the work lives in `checklist.reuse`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from checklist.cli.rate_cmds import write_plan
from checklist.cli.rater_check import add_new_rater_flag, check_rater


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser("upgrade", help="move an evaluation to another version of its rubric")
    p.add_argument("dir", metavar="DIR", type=Path)
    p.add_argument("--to", metavar="ID@VERSION",
                   help="target rubric: id, id@version or a rubric file (default: the newest "
                        "version of the evaluation's rubric on the search path)")
    p.add_argument("--dry-run", action="store_true", help="show the plan, write nothing")
    p.add_argument("--json", action="store_true", help="print the plan as JSON")
    p.set_defaults(handler=cmd_upgrade)

    p = commands.add_parser("diff", help="compare a re-assessment with an earlier one")
    p.add_argument("old", metavar="OLD_DIR", type=Path)
    p.add_argument("new", metavar="NEW_DIR", type=Path)
    p.add_argument("--json", action="store_true", help="print the comparison as JSON")
    p.add_argument("--top", type=int, default=5, metavar="N",
                   help="moved answers listed per vendor (default 5)")
    p.add_argument("--aggregate", choices=("mean", "median"), default="mean",
                   help="how several raters' scores combine (default mean)")
    p.set_defaults(handler=cmd_diff)

    p = commands.add_parser("export", help="ratings as a spreadsheet (CSV or XLSX) or JSON")
    p.add_argument("dir", metavar="DIR", type=Path)
    p.add_argument("--format", choices=("csv", "xlsx", "json"), default=None,
                   help="default: xlsx when the -o file ends in .xlsx, else csv")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="write here (default: standard output)")
    p.add_argument("--rater", metavar="NAME", help="only this rater's answers")
    p.add_argument("--blank", action="store_true",
                   help="also a row for every unanswered vendor x question (needs --rater when "
                        "several people rate): a form to fill in")
    p.add_argument("--bom", action=argparse.BooleanOptionalAction, default=None,
                   help="start the CSV with a UTF-8 byte-order mark so Excel reads accents "
                        "(default: yes for files, no for standard output)")
    p.set_defaults(handler=cmd_export)

    p = commands.add_parser("import", help="ratings from a CSV or XLSX sheet (as `export` "
                                           "writes it)")
    p.add_argument("dir", metavar="DIR", type=Path)
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument("--format", choices=("csv", "xlsx"), default=None,
                   help="default: xlsx when the file ends in .xlsx, else csv")
    p.add_argument("--rater", required=True, metavar="NAME",
                   help="whose ratings file to update; rows naming another rater are skipped")
    add_new_rater_flag(p)
    p.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    p.set_defaults(handler=cmd_import)


def cmd_upgrade(args: argparse.Namespace) -> int:
    from checklist.cli.output import dump_json
    from checklist.reuse.upgrade import apply_upgrade, plan_upgrade

    plan = plan_upgrade(args.dir, args.to)
    if args.json:
        data = plan.to_json()
        data["dry_run"] = bool(args.dry_run)
        if not args.dry_run and not plan.up_to_date:
            apply_upgrade(plan)
        print(dump_json(data))
        return 0
    print(plan.text())
    if plan.up_to_date:
        return 0
    if args.dry_run:
        files = plan.changed_files()
        print(f"\ndry run: nothing written (would write {len(files)} file(s): "
              f"{', '.join(p.name for p in files)})")
        return 0
    written = apply_upgrade(plan)
    print(f"\nupgraded to {plan.new.ref}; wrote {', '.join(str(p) for p in written) or 'nothing'}")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from checklist.cli.output import dump_json
    from checklist.errors import ChecklistError
    from checklist.files.clock import today
    from checklist.files.folder import load_folder
    from checklist.reuse.eval_diff import diff_evaluations

    if args.top < 0:
        raise ChecklistError.plain("--top must be 0 or more")
    old = load_folder(args.old)
    new = load_folder(args.new)
    diff = diff_evaluations(old, new, aggregate=args.aggregate, top=args.top, today=today())
    if args.json:
        print(dump_json(diff.to_json()))
    else:
        print(diff.text())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from checklist.cli.output import dump_json, write_document
    from checklist.errors import ChecklistError
    from checklist.files.folder import load_folder
    from checklist.files.output import write_output
    from checklist.reuse.spreadsheet import export_rows, to_csv, to_json

    workspace = load_folder(args.dir)
    if args.blank and args.rater is None and len(workspace.ratings) != 1:
        raise ChecklistError.plain("--blank makes a form for one rater; add --rater NAME")
    rater = args.rater
    if args.blank and rater is None:
        rater = next(iter(workspace.ratings))
    export = export_rows(workspace, rater=rater, blank=args.blank)
    fmt = args.format or ("xlsx" if args.output is not None
                          and args.output.suffix.lower() == ".xlsx" else "csv")
    if fmt == "xlsx":
        from checklist.reuse.xlsx_export import to_xlsx

        payload = to_xlsx(workspace, export.rows)
    elif fmt == "csv":
        bom = args.bom if args.bom is not None else args.output is not None
        payload = to_csv(export.rows, bom=bom)
    else:
        text = dump_json(to_json(workspace, export.rows))
        payload = (text + "\n").encode("utf-8")
    if args.output is None:
        write_document(payload, binary=fmt == "xlsx")
    else:
        write_output(args.output, payload, binary=fmt == "xlsx")
        print(f"wrote {len(export.rows)} row(s) to {args.output}", file=sys.stderr)
    if export.orphans:
        print(f"note: {export.orphans} answer(s) to questions or vendors the evaluation no "
              "longer has are not exported (they stay in the ratings files; `checklist status` "
              "lists them)", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from checklist.files.folder import load_folder
    from checklist.reuse.spreadsheet import plan_import

    workspace = load_folder(args.dir)
    notice = check_rater(workspace.path, args.rater, new_rater=args.new_rater)
    plan = plan_import(workspace, args.file, args.rater, sheet_format=args.format)
    return write_plan(plan, dry_run=args.dry_run, notice=notice)
