"""`checklist vendor`, `claim`, `set` and `context`: the decision record edited from scripts.

Every command loads the folder, makes one edit (`checklist.model.evaluation_edit`) and saves
it as a folder transaction (`checklist.files.evaluation_save`): a bad value names its flag,
exits 2 and writes nothing; a file changed meanwhile is a conflict, not an overwrite.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checklist.files.evaluation_save import Edit, Saved
    from checklist.files.folder import Workspace
    from checklist.model.evaluation import Evaluation

#: Vendor fields set by flag (`--model`, `--channel` ...), as `Vendor` names them.
VENDOR_FLAGS: tuple[str, ...] = ("product", "model", "version", "maker", "channel", "region",
                                 "contact", "website", "notes")
#: Claim fields given as text, as `Claim` names them (`run_by` is `--run-by`).
CLAIM_TEXT_FLAGS: tuple[str, ...] = ("text", "task", "metric", "unit", "source", "run_by",
                                     "grade", "retrieved", "date", "note")
#: `checklist set` flags for one value each, as `Evaluation` names them.
SET_FLAGS: tuple[str, ...] = ("title", "owner", "as_of", "due", "background", "decision",
                              "buyer", "use_case", "settings", "volume", "currency", "term",
                              "acceptance_criteria", "must_haves")
_SPECIAL = {
    "compared_with": "--vs-vendor, --vs-model or --vs-baseline",
    "decision_makers": "--person",
    "options": "--option",
    "vendors": "the vendor",
}


def flag(key: str) -> str:
    """The flag that sets field `key`: the one word errors use for it."""
    return _SPECIAL.get(key, "--" + key.replace("_", "-"))


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


def _save(args: argparse.Namespace, change: Any) -> Saved:
    from checklist.files.evaluation_save import edit_evaluation

    return edit_evaluation(args.dir, change)


def _edit(evaluation: Evaluation, renames: dict[str, str] | None = None) -> Edit:
    from checklist.files.evaluation_save import Edit

    return Edit(evaluation, renames or {})


def _given(args: argparse.Namespace, keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: getattr(args, k) for k in keys if getattr(args, k) is not None}


def _say(text: str) -> None:
    from checklist.errors import printable

    print(printable(text))


def _vendor(workspace: Workspace, text: str) -> str:
    return workspace.evaluation.find_vendor(text).id


# --- vendors --------------------------------------------------------------------------------


def cmd_vendor_add(args: argparse.Namespace) -> int:
    from checklist.model.evaluation_edit import add_vendor

    fields = _given(args, VENDOR_FLAGS)
    saved = _save(args, lambda w: _edit(add_vendor(w.evaluation, args.name, fields,
                                                   ident=args.id, label=flag)))
    vendor = saved.evaluation.vendors[-1]
    _say(f"added vendor {vendor.id} ({vendor.name})")
    return 0


def cmd_vendor_set(args: argparse.Namespace) -> int:
    from checklist.errors import ChecklistError
    from checklist.model.evaluation_edit import set_vendor

    fields = _given(args, VENDOR_FLAGS)
    if not fields:
        raise ChecklistError.plain("nothing to set: give one of "
                                   + ", ".join(flag(k) for k in VENDOR_FLAGS))
    found: list[str] = []

    def change(w: Workspace) -> Edit:
        found[:] = [_vendor(w, args.vendor)]
        return _edit(set_vendor(w.evaluation, found[0], fields, label=flag))

    saved = _save(args, change)
    verb = "set" if saved.changed else "unchanged:"
    _say(f"{found[0]}: {verb} " + ", ".join(sorted(fields)))
    return 0


def cmd_vendor_rename(args: argparse.Namespace) -> int:
    from checklist.model.evaluation_edit import rename_vendor

    moves: list[tuple[str, str]] = []

    def change(w: Workspace) -> Edit:
        vid = _vendor(w, args.vendor)
        new_id = vid if args.keep_id else args.id
        renamed = rename_vendor(w.evaluation, vid, args.name, new_id, label=flag)
        index = [v.id for v in w.evaluation.vendors].index(vid)
        moves[:] = [(vid, renamed.vendors[index].id)]
        old, new = moves[0]
        return _edit(renamed, {old: new} if old != new else {})

    saved = _save(args, change)
    old, new = moves[0]
    _say(f"renamed {old} -> {new} ({args.name.strip()})")
    for path in saved.moved:
        _say(f"  answers moved in {path}")
    return 0


def cmd_vendor_remove(args: argparse.Namespace) -> int:
    from checklist.model.evaluation_edit import remove_vendor

    report: dict[str, Any] = {}

    def change(w: Workspace) -> Edit:
        vid = _vendor(w, args.vendor)
        evaluation, notes = remove_vendor(w.evaluation, vid)
        kept = sum(len(r.answers.get(vid, {})) for r in w.ratings.values())
        report.update(vid=vid, notes=notes, kept=kept)
        return _edit(evaluation)

    _save(args, change)
    _say(f"removed vendor {report['vid']}")
    if report["kept"]:
        _say(f"  its {report['kept']} answer(s) stay in the ratings files, not scored "
             "(`checklist status` lists them; `checklist vendor add` with the same id brings "
             "them back)")
    for note in report["notes"]:
        _say(f"  {note}")
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


def _claim_values(args: argparse.Namespace, workspace: Workspace,
                  current: dict[str, Any] | None) -> dict[str, Any]:
    """The claim fields the flags give, as `Claim` takes them; `current` is the claim being
    edited (its comparison and interval are changed, not replaced, by --margin or --level)."""
    from checklist.errors import ChecklistError

    fields = _given(args, CLAIM_TEXT_FLAGS)
    if "unit" in fields and fields["unit"] == "":
        fields["unit"] = None
    if args.value is not None:
        fields["value"] = _number_or_words(args.value)
    if args.sample_size is not None:
        fields["sample_size"] = args.sample_size
    kinds = {"vendor": args.vs_vendor, "model": args.vs_model, "baseline": args.vs_baseline}
    kinds = {k: v for k, v in kinds.items() if v is not None}
    if kinds or args.margin is not None:
        against = dict((current or {}).get("compared_with") or {})
        if kinds:
            against = {"margin": against.get("margin"), **kinds}
        if not against:
            raise ChecklistError.plain("--margin: say what the margin is over with "
                                       "--vs-vendor, --vs-model or --vs-baseline")
        if args.margin is not None:
            against["margin"] = args.margin
        if "vendor" in kinds:
            against["vendor"] = _vendor(workspace, kinds["vendor"])
        fields["compared_with"] = against
    if args.interval is not None or args.level is not None:
        interval = dict((current or {}).get("interval") or {})
        if args.interval is not None:
            interval.update(_interval(args.interval))
        if not interval:
            raise ChecklistError.plain("--level: give the interval too, with --interval "
                                       "LOW..HIGH")
        if args.level is not None:
            interval["level"] = args.level
        fields["interval"] = interval
    return fields


def _number_or_words(text: str) -> str | float:
    """`--value 62` is a number; `--value "top 3"` is the figure in words."""
    try:
        number = float(text.strip())
    except ValueError:
        return text
    return number if math.isfinite(number) else text


def _interval(text: str) -> dict[str, float]:
    from checklist.errors import ChecklistError

    low, sep, high = text.partition("..")
    try:
        if not sep:
            raise ValueError
        values = {"low": float(low), "high": float(high)}
    except ValueError:
        raise ChecklistError.plain(f"--interval {text!r}: write LOW..HIGH, e.g. "
                                   "58.5..65.5") from None
    if not all(math.isfinite(v) for v in values.values()):
        raise ChecklistError.plain(f"--interval {text!r}: give finite numbers")
    return values


def cmd_claim_add(args: argparse.Namespace) -> int:
    from checklist.model.evaluation_edit import add_claim

    done: list[str] = []

    def change(w: Workspace) -> Edit:
        vid = _vendor(w, args.vendor)
        done[:] = [vid]
        return _edit(add_claim(w.evaluation, vid, _claim_values(args, w, None), label=flag))

    saved = _save(args, change)
    vendor = saved.evaluation.vendor(done[0])
    assert vendor is not None
    _say(f"{vendor.id}: claim {len(vendor.claims)} added")
    return 0


#: `--clear` names, as a person writes them, to claim fields.
_CLEARABLE = {"compared-with": "compared_with", "run-by": "run_by",
              "sample-size": "sample_size"}


def cmd_claim_edit(args: argparse.Namespace) -> int:
    from checklist.errors import ChecklistError, hint
    from checklist.model.claim import Claim
    from checklist.model.evaluation_edit import edit_claim, move_claim

    clearable = [k.replace("_", "-") for k in Claim.model_fields if k != "text"]
    cleared: dict[str, Any] = {}
    for name in args.clear:
        if name not in clearable:
            raise ChecklistError.plain(f"--clear {name!r}: not a field that can be emptied"
                                       f"{hint(name, clearable, 'fields')}")
        cleared[_CLEARABLE.get(name, name.replace("-", "_"))] = None

    def change(w: Workspace) -> Edit:
        vid = _vendor(w, args.vendor)
        evaluation = w.evaluation
        vendor = evaluation.vendor(vid)
        assert vendor is not None
        from checklist.model.evaluation_edit import claim_index

        index = claim_index(evaluation, vid, args.number)
        fields = {**cleared, **_claim_values(args, w, vendor.claims[index].model_dump())}
        if not fields and args.move_to is None:
            raise ChecklistError.plain("nothing to change: give a claim flag (--text, "
                                       "--value ...), --clear FIELD or --move-to M")
        if fields:
            evaluation = edit_claim(evaluation, vid, args.number, fields, label=flag)
        if args.move_to is not None:
            evaluation = move_claim(evaluation, vid, args.number, args.move_to)
        return _edit(evaluation)

    saved = _save(args, change)
    _say(f"claim {args.number} {'changed' if saved.changed else 'unchanged'}")
    return 0


def cmd_claim_remove(args: argparse.Namespace) -> int:
    from checklist.model.evaluation_edit import remove_claim

    _save(args, lambda w: _edit(remove_claim(w.evaluation, _vendor(w, args.vendor),
                                             args.number)))
    _say(f"claim {args.number} removed")
    return 0


def cmd_claim_list(args: argparse.Namespace) -> int:
    from checklist.cli.output import dump_json
    from checklist.files.folder import load_folder
    from checklist.model.claim import comparison_text, figure_text, sample_text
    from checklist.model.common import GRADE_LABELS

    evaluation = load_folder(args.dir).evaluation
    vendors = evaluation.vendors
    if args.vendor:
        vendors = [evaluation.find_vendor(args.vendor)]
    if args.json:
        print(dump_json([
            {"vendor": v.id, "number": n, **c.model_dump(mode="json")}
            for v in vendors for n, c in enumerate(v.claims, 1)
        ]))
        return 0
    names = {v.id: v.name for v in evaluation.vendors}
    for vendor in vendors:
        _say(f"{vendor.id} ({vendor.name}): {len(vendor.claims) or 'no'} "
             f"claim{'' if len(vendor.claims) == 1 else 's'}")
        for number, claim in enumerate(vendor.claims, 1):
            _say(f"  {number}. {claim.text}")
            facts = [claim.task, claim.metric, figure_text(claim),
                     comparison_text(claim, names), sample_text(claim)]
            line = "; ".join(f for f in facts if f)
            if line:
                _say(f"     {line}")
            who = claim.run_by or "run by: not stated"
            dates = ", ".join(d for d in (
                f"result {claim.date}" if claim.date else "",
                f"retrieved {claim.retrieved}" if claim.retrieved else "") if d)
            _say(f"     {who} ({GRADE_LABELS.get(claim.grade, claim.grade)})"
                 + (f"; {dates}" if dates else ""))
            if claim.source:
                _say(f"     source: {claim.source}")
    return 0


# --- the decision ---------------------------------------------------------------------------


def cmd_set(args: argparse.Namespace) -> int:
    from checklist.errors import ChecklistError
    from checklist.model import evaluation_edit as edit

    fields = _given(args, SET_FLAGS)
    if args.background_file is not None:
        if "background" in fields:
            raise ChecklistError.plain("give --background or --background-file, not both")
        fields["background"] = _read_text(args.background_file)
    if "due" in fields and fields["due"] == "":
        fields["due"] = None
    people = [_person(p) for p in args.person]
    if not (fields or people or args.remove_person or args.option or args.remove_option):
        raise ChecklistError.plain("nothing to set: give --title, --background, --due, "
                                   "--person NAME=ROLE, --option TEXT ... (see --help)")

    def change(w: Workspace) -> Edit:
        evaluation = edit.set_fields(w.evaluation, fields, label=flag) if fields else \
            w.evaluation
        for name in args.remove_person:
            evaluation = edit.remove_person(evaluation, name, label=lambda _: "--remove-person")
        for name, role in people:
            evaluation = edit.set_person(evaluation, name, role, label=_person_flag)
        for text in args.remove_option:
            evaluation = edit.remove_option(evaluation, text, label=lambda _: "--remove-option")
        for text in args.option:
            evaluation = edit.add_option(evaluation, text, label=flag)
        return _edit(evaluation)

    saved = _save(args, change)
    _say("saved" if saved.changed else "unchanged")
    return 0


def _person_flag(key: str) -> str:
    return "--person NAME=ROLE" if key == "role" else "--person"


def _person(text: str) -> tuple[str, str | None]:
    from checklist.errors import ChecklistError

    name, sep, role = text.rpartition("=") if "=" in text else (text, "", "")
    if not name.strip():
        raise ChecklistError.plain(f"--person {text!r}: write NAME or NAME=ROLE")
    return name.strip(), (role.strip() or None) if sep else None


def _read_text(path: Path) -> str:
    from checklist.errors import ChecklistError

    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ChecklistError.at(path, "not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        error = ChecklistError.from_os(exc, path)
        raise error if error else ChecklistError.at(path, "cannot be read") from None


def cmd_context(args: argparse.Namespace) -> int:
    from checklist.cli.evaluation_cmds import parse_context
    from checklist.files.evaluation_save import edit_evaluation
    from checklist.files.folder import load_folder
    from checklist.model.evaluation_edit import set_context
    from checklist.scoring.context_change import context_change
    from checklist.scoring.scorecard import context_values

    if not args.flags:
        workspace = load_folder(args.dir)
        for fid, value in context_values(workspace.evaluation, workspace.rubric).items():
            text = next(f.text for f in workspace.rubric.context if f.id == fid)
            _say(f"{fid}={'yes' if value else 'no'}  {text}")
        return 0
    shown: list[str] = []

    def change(w: Workspace) -> Edit:
        values = parse_context(args.flags, [f.id for f in w.rubric.context], what="FLAG=yes|no")
        shown[:] = context_change(w.evaluation, w.rubric, w.ratings, values).lines()
        return _edit(set_context(w.evaluation, values))

    saved = edit_evaluation(args.dir, change, dry_run=args.dry_run)
    for line in shown:
        _say(line)
    if args.dry_run:
        _say("(dry run: nothing written)")
    elif saved.changed:
        _say("saved")
    return 0
