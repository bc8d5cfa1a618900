"""`checklist claim add|edit|remove|list`: a vendor's benchmark claims, as data."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checklist.files.evaluation_save import Edit
    from checklist.files.folder import Workspace

from checklist.cli.record_common import (
    CLAIM_TEXT_FLAGS,
    edit_of,
    flag,
    given_values,
    save_edit,
    say,
    vendor_id,
)


def _claim_values(args: argparse.Namespace, workspace: Workspace,
                  current: dict[str, Any] | None) -> dict[str, Any]:
    """The claim fields the flags give, as `Claim` takes them; `current` is the claim being
    edited (its comparison and interval are changed, not replaced, by --margin or --level)."""
    from checklist.errors import ChecklistError

    fields = given_values(args, CLAIM_TEXT_FLAGS)
    if "unit" in fields and fields["unit"] == "":
        fields["unit"] = None
    if args.value is not None:
        from checklist.model.claim import value_from_text

        fields["value"] = value_from_text(args.value)
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
            against["vendor"] = vendor_id(workspace, kinds["vendor"])
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


def _interval(text: str) -> dict[str, float]:
    from checklist.errors import ChecklistError
    from checklist.model.claim import interval_from_text

    values = interval_from_text(text)
    if values is None:
        raise ChecklistError.plain(f"--interval {text!r}: write LOW..HIGH with finite "
                                   "numbers, e.g. 58.5..65.5")
    return values


def cmd_claim_add(args: argparse.Namespace) -> int:
    from checklist.model.evaluation_edit import add_claim

    done: list[str] = []

    def change(w: Workspace) -> Edit:
        vid = vendor_id(w, args.vendor)
        done[:] = [vid]
        return edit_of(add_claim(w.evaluation, vid, _claim_values(args, w, None), label=flag))

    saved = save_edit(args, change)
    vendor = saved.evaluation.vendor(done[0])
    assert vendor is not None
    say(f"{vendor.id}: claim {len(vendor.claims)} added")
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
        vid = vendor_id(w, args.vendor)
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
        return edit_of(evaluation)

    saved = save_edit(args, change)
    say(f"claim {args.number} {'changed' if saved.changed else 'unchanged'}")
    return 0


def cmd_claim_remove(args: argparse.Namespace) -> int:
    from checklist.model.evaluation_edit import remove_claim

    save_edit(args, lambda w: edit_of(remove_claim(w.evaluation, vendor_id(w, args.vendor),
                                             args.number)))
    say(f"claim {args.number} removed")
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
        say(f"{vendor.id} ({vendor.name}): {len(vendor.claims) or 'no'} "
             f"claim{'' if len(vendor.claims) == 1 else 's'}")
        for number, claim in enumerate(vendor.claims, 1):
            say(f"  {number}. {claim.text}")
            facts = [claim.task, claim.metric, figure_text(claim),
                     comparison_text(claim, names), sample_text(claim)]
            line = "; ".join(f for f in facts if f)
            if line:
                say(f"     {line}")
            who = claim.run_by or "run by: not stated"
            dates = ", ".join(d for d in (
                f"result {claim.date}" if claim.date else "",
                f"retrieved {claim.retrieved}" if claim.retrieved else "") if d)
            say(f"     {who} ({GRADE_LABELS.get(claim.grade, claim.grade)})"
                 + (f"; {dates}" if dates else ""))
            if claim.source:
                say(f"     source: {claim.source}")
    return 0
