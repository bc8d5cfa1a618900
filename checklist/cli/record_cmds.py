"""`checklist vendor`, `claim`, `set` and `context`: the decision record edited from scripts.

Every command loads the folder, makes one edit (`checklist.model.evaluation_edit`) and saves
it as a folder transaction (`checklist.files.evaluation_save`): a bad value names its flag,
exits 2 and writes nothing; a file changed meanwhile is a conflict, not an overwrite.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checklist.files.evaluation_save import Edit
    from checklist.files.folder import Workspace

from checklist.cli.claim_cmds import (
    cmd_claim_add,
    cmd_claim_edit,
    cmd_claim_list,
    cmd_claim_remove,
)
from checklist.cli.record_common import (
    SET_FLAGS,
    VENDOR_FLAGS,
    edit_of,
    flag,
    given_values,
    save_edit,
    say,
    vendor_id,
)
from checklist.cli.set_cmds import cmd_context, cmd_set


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser("vendor", help="add, rename, remove or describe vendors")
    sub = p.add_subparsers(title="vendor commands", metavar="ACTION", required=True)
    q = sub.add_parser("add", help="add a vendor")
    q.add_argument("dir", metavar="DIR", type=Path)
    q.add_argument("name", metavar="NAME")
    q.add_argument("--id", metavar="ID", help="its id (default: made from the name)")
    _vendor_fields(q)
    q.set_defaults(handler=cmd_vendor_add)
    q = sub.add_parser("set", help="set a vendor's product, model, channel, region ...")
    q.add_argument("dir", metavar="DIR", type=Path)
    q.add_argument("vendor", metavar="VENDOR", help="vendor id or name")
    _vendor_fields(q)
    q.set_defaults(handler=cmd_vendor_set)
    q = sub.add_parser("rename", help="rename a vendor; its answers follow in every "
                       "rater's file")
    q.add_argument("dir", metavar="DIR", type=Path)
    q.add_argument("vendor", metavar="VENDOR", help="vendor id or name")
    q.add_argument("name", metavar="NEW_NAME")
    id_group = q.add_mutually_exclusive_group()
    id_group.add_argument("--id", metavar="ID", help="its new id (default: made from the name)")
    id_group.add_argument("--keep-id", action="store_true", help="change the name only")
    q.set_defaults(handler=cmd_vendor_rename)
    q = sub.add_parser("remove", help="remove a vendor; its answers are kept as orphans")
    q.add_argument("dir", metavar="DIR", type=Path)
    q.add_argument("vendor", metavar="VENDOR", help="vendor id or name")
    q.set_defaults(handler=cmd_vendor_remove)
    q = sub.add_parser("list", help="the vendors and their fields")
    q.add_argument("dir", metavar="DIR", type=Path, nargs="?", default=Path("."))
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_vendor_list)

    p = commands.add_parser("claim", help="add, edit, remove or list vendors' benchmark claims")
    sub = p.add_subparsers(title="claim commands", metavar="ACTION", required=True)
    q = sub.add_parser("add", help="record a vendor's benchmark claim")
    q.add_argument("dir", metavar="DIR", type=Path)
    q.add_argument("vendor", metavar="VENDOR", help="vendor id or name")
    _claim_fields(q, required=True)
    q.set_defaults(handler=cmd_claim_add)
    q = sub.add_parser("edit", help="change a claim (numbered as `claim list` shows)")
    q.add_argument("dir", metavar="DIR", type=Path)
    q.add_argument("vendor", metavar="VENDOR", help="vendor id or name")
    q.add_argument("number", metavar="N", type=int)
    _claim_fields(q, required=False)
    q.add_argument("--clear", action="append", default=[], metavar="FIELD",
                   help="empty a field (task, value, compared-with, interval, ...)")
    q.add_argument("--move-to", type=int, metavar="M", help="move it to position M")
    q.set_defaults(handler=cmd_claim_edit)
    q = sub.add_parser("remove", help="remove a claim")
    q.add_argument("dir", metavar="DIR", type=Path)
    q.add_argument("vendor", metavar="VENDOR", help="vendor id or name")
    q.add_argument("number", metavar="N", type=int)
    q.set_defaults(handler=cmd_claim_remove)
    q = sub.add_parser("list", help="the claims, numbered")
    q.add_argument("dir", metavar="DIR", type=Path, nargs="?", default=Path("."))
    q.add_argument("--vendor", metavar="VENDOR", help="one vendor only")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_claim_list)

    p = commands.add_parser("set", help="set the decision's title, background, due date, "
                            "people and options")
    p.add_argument("dir", metavar="DIR", type=Path)
    for key in SET_FLAGS:
        p.add_argument(flag(key), dest=key, metavar="TEXT" if key != "due" else "YYYY-MM-DD")
    p.add_argument("--background-file", type=Path, metavar="FILE",
                   help="read the background (Markdown) from FILE")
    p.add_argument("--person", action="append", default=[], metavar="NAME[=ROLE]",
                   help="add a decision maker, or change their role (driver, approver, "
                        "contributor, informed)")
    p.add_argument("--remove-person", action="append", default=[], metavar="NAME")
    p.add_argument("--option", action="append", default=[], metavar="TEXT",
                   help="an option considered beside the vendors")
    p.add_argument("--remove-option", action="append", default=[], metavar="TEXT")
    p.set_defaults(handler=cmd_set)

    p = commands.add_parser("context", help="set context flags; shows the gates they switch "
                            "and the verdicts that change")
    p.add_argument("dir", metavar="DIR", type=Path)
    p.add_argument("flags", metavar="FLAG=yes|no", nargs="*")
    p.add_argument("--dry-run", action="store_true", help="show the change, write nothing")
    p.set_defaults(handler=cmd_context)


def _vendor_fields(p: argparse.ArgumentParser) -> None:
    for key in VENDOR_FLAGS:
        help_text = {"channel": "direct, cloud-marketplace or reseller",
                     "model": "the model id as the API names it",
                     "version": "its version or snapshot",
                     "maker": "who makes the model, when bought through someone else"}
        p.add_argument(flag(key), dest=key, metavar="TEXT", help=help_text.get(key))


def _claim_fields(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("--text", required=required, metavar="TEXT", help="the statement")
    p.add_argument("--task", metavar="TEXT", help="task or category, e.g. text-to-video")
    p.add_argument("--metric", metavar="TEXT")
    p.add_argument("--value", metavar="X", help="the figure: a number, or words ('top 3')")
    p.add_argument("--unit", metavar="UNIT",
                   help="score, elo, win-rate, percent, seconds, price or rank")
    against = p.add_mutually_exclusive_group()
    against.add_argument("--vs-vendor", metavar="VENDOR",
                         help="compared with another vendor of this evaluation")
    against.add_argument("--vs-model", metavar="NAME", help="compared with a named model")
    against.add_argument("--vs-baseline", metavar="TEXT", help="compared with a baseline")
    p.add_argument("--margin", type=float, metavar="M",
                   help="the claimed margin, in the claim's unit")
    p.add_argument("--sample-size", type=int, metavar="N")
    p.add_argument("--interval", metavar="LOW..HIGH", help="a published confidence interval")
    p.add_argument("--level", type=float, metavar="PERCENT",
                   help="the interval's confidence level (default 95)")
    p.add_argument("--source", metavar="URL_OR_FILE")
    p.add_argument("--run-by", dest="run_by", metavar="TEXT", help="who ran the test")
    p.add_argument("--grade", metavar="G", help="evidence grade: vendor-claim, vendor-sampled, "
                   "third-party, independent-lab, peer-reviewed, own-test")
    p.add_argument("--retrieved", metavar="YYYY-MM-DD", help="when the source was read")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the date of the result")
    p.add_argument("--note", metavar="TEXT")


# --- shared ---------------------------------------------------------------------------------


# --- vendors --------------------------------------------------------------------------------


def cmd_vendor_add(args: argparse.Namespace) -> int:
    from checklist.model.evaluation_edit import add_vendor

    fields = given_values(args, VENDOR_FLAGS)
    saved = save_edit(args, lambda w: edit_of(add_vendor(w.evaluation, args.name, fields,
                                                   ident=args.id, label=flag)))
    vendor = saved.evaluation.vendors[-1]
    say(f"added vendor {vendor.id} ({vendor.name})")
    return 0


def cmd_vendor_set(args: argparse.Namespace) -> int:
    from checklist.errors import ChecklistError
    from checklist.model.evaluation_edit import set_vendor

    fields = given_values(args, VENDOR_FLAGS)
    if not fields:
        raise ChecklistError.plain("nothing to set: give one of "
                                   + ", ".join(flag(k) for k in VENDOR_FLAGS))
    found: list[str] = []

    def change(w: Workspace) -> Edit:
        found[:] = [vendor_id(w, args.vendor)]
        return edit_of(set_vendor(w.evaluation, found[0], fields, label=flag))

    saved = save_edit(args, change)
    verb = "set" if saved.changed else "unchanged:"
    say(f"{found[0]}: {verb} " + ", ".join(sorted(fields)))
    return 0


def cmd_vendor_rename(args: argparse.Namespace) -> int:
    from checklist.bakeoff.references import refuse_if_referenced
    from checklist.model.evaluation_edit import rename_vendor

    moves: list[tuple[str, str]] = []

    def change(w: Workspace) -> Edit:
        vid = vendor_id(w, args.vendor)
        new_id = vid if args.keep_id else args.id
        renamed = rename_vendor(w.evaluation, vid, args.name, new_id, label=flag)
        index = [v.id for v in w.evaluation.vendors].index(vid)
        moves[:] = [(vid, renamed.vendors[index].id)]
        old, new = moves[0]
        if old != new:
            refuse_if_referenced(w, old, "renamed to a new id")
        return edit_of(renamed, {old: new} if old != new else {})

    saved = save_edit(args, change)
    old, new = moves[0]
    say(f"renamed {old} -> {new} ({args.name.strip()})")
    for path in saved.moved:
        say(f"  answers moved in {path}")
    return 0


def cmd_vendor_remove(args: argparse.Namespace) -> int:
    from checklist.bakeoff.references import refuse_if_referenced
    from checklist.model.evaluation_edit import remove_vendor

    report: dict[str, Any] = {}

    def change(w: Workspace) -> Edit:
        vid = vendor_id(w, args.vendor)
        refuse_if_referenced(w, vid, "removed")
        evaluation, notes = remove_vendor(w.evaluation, vid)
        kept = sum(len(r.answers.get(vid, {})) for r in w.ratings.values())
        report.update(vid=vid, notes=notes, kept=kept)
        return edit_of(evaluation)

    save_edit(args, change)
    say(f"removed vendor {report['vid']}")
    if report["kept"]:
        say(f"  its {report['kept']} answer(s) stay in the ratings files, not scored "
             "(`checklist status` lists them; `checklist vendor add` with the same id brings "
             "them back)")
    for note in report["notes"]:
        say(f"  {note}")
    return 0


def cmd_vendor_list(args: argparse.Namespace) -> int:
    from checklist.cli.output import dump_json
    from checklist.cli.table import render
    from checklist.files.folder import load_folder

    evaluation = load_folder(args.dir).evaluation
    if args.json:
        print(dump_json([v.model_dump(mode="json", exclude={"claims"})
                         for v in evaluation.vendors]))
        return 0
    rows = [[v.id, v.name, v.product, v.model, v.version, v.channel or "", v.region,
             len(v.claims)] for v in evaluation.vendors]
    print(render(("ID", "NAME", "PRODUCT", "MODEL", "VERSION", "CHANNEL", "REGION", "CLAIMS"),
                 rows, right=[7]))
    return 0


# --- claims ---------------------------------------------------------------------------------


# --- the decision ---------------------------------------------------------------------------


