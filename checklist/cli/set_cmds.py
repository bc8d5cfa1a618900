"""`checklist set` and `checklist context`: the decision itself, edited from scripts."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checklist.files.evaluation_save import Edit
    from checklist.files.folder import Workspace

from checklist.cli.record_common import (
    SET_FLAGS,
    edit_of,
    flag,
    given_values,
    save_edit,
    say,
)


def cmd_set(args: argparse.Namespace) -> int:
    from checklist.errors import ChecklistError
    from checklist.model import evaluation_edit as edit

    fields = given_values(args, SET_FLAGS)
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
        return edit_of(evaluation)

    saved = save_edit(args, change)
    say("saved" if saved.changed else "unchanged")
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
            say(f"{fid}={'yes' if value else 'no'}  {text}")
        return 0
    shown: list[str] = []

    def change(w: Workspace) -> Edit:
        values = parse_context(args.flags, [f.id for f in w.rubric.context], what="FLAG=yes|no")
        shown[:] = context_change(w.evaluation, w.rubric, w.ratings, values).lines()
        return edit_of(set_context(w.evaluation, values))

    saved = edit_evaluation(args.dir, change, dry_run=args.dry_run)
    for line in shown:
        say(line)
    if args.dry_run:
        say("(dry run: nothing written)")
    elif saved.changed:
        say("saved")
    return 0
