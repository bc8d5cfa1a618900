"""What the record commands share: their flags, one edit saved as a transaction, messages."""

from __future__ import annotations

import argparse
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
    "compared_with.margin": "--margin",
    "interval.level": "--level",
    "decision_makers": "--person",
    "options": "--option",
    "vendors": "the vendor",
}


def flag(key: str) -> str:
    """The flag that sets field `key` ("interval.level" for a part of one): the one word
    errors use for it."""
    if key in _SPECIAL:
        return _SPECIAL[key]
    head = key.split(".")[0]
    return _SPECIAL.get(head, "--" + head.replace("_", "-"))


def save_edit(args: argparse.Namespace, change: Any) -> Saved:
    from checklist.files.evaluation_save import edit_evaluation

    return edit_evaluation(args.dir, change)


def edit_of(evaluation: Evaluation, renames: dict[str, str] | None = None) -> Edit:
    from checklist.files.evaluation_save import Edit

    return Edit(evaluation, renames or {})


def given_values(args: argparse.Namespace, keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: getattr(args, k) for k in keys if getattr(args, k) is not None}


def say(text: str) -> None:
    from checklist.errors import printable

    print(printable(text))


def vendor_id(workspace: Workspace, text: str) -> str:
    return workspace.evaluation.find_vendor(text).id
