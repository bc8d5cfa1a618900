"""Saving an edited evaluation.yaml, with a renamed vendor's answers moved in every ratings file.

An edit (`checklist.model.evaluation_edit`) is worked out from the folder as loaded; here it
is checked with the rules `load_folder` applies and written as one folder transaction
(`checklist.files.transaction`): if evaluation.yaml or any ratings file changed since it was
read, nothing is written and a ConflictError says which file. Ratings files are written
first and evaluation.yaml last, so a crash in between leaves a folder that loads: answers
already moved to the new id are then kept as orphans, not lost.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from checklist.errors import ChecklistError, ConflictError, Problem
from checklist.files.folder import (
    EVALUATION_FILE,
    Ordering,
    Workspace,
    evaluation_text,
    find_evaluation,
    is_evaluation,
    load_folder,
    own_file,
    ratings_paths,
    ratings_text,
)
from checklist.files.ratings_file import RatingsFile
from checklist.files.transaction import Replacement, read_or_empty, replace_files
from checklist.model.checks import check_evaluation
from checklist.model.evaluation import Evaluation


@dataclass(frozen=True)
class Edit:
    """The evaluation as it should be, and vendor ids whose answers move (old -> new)."""

    evaluation: Evaluation
    renames: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Saved:
    """What was written: the new evaluation, and the ratings files whose answers moved."""

    evaluation: Evaluation
    moved: list[Path]
    changed: bool


#: Tries of an edit when someone else saved the folder meanwhile (then it is redone on
#: top of their change, as `rate` redoes an answer).
ATTEMPTS = 5


def edit_evaluation(path: Path, change: Callable[[Workspace], Edit], *,
                    dry_run: bool = False) -> Saved:
    """Loads the folder at `path`, applies `change` and saves the result, or writes nothing.

    The folder must load (an edit never starts from a folder with problems); the result must
    pass the same checks, so the folder still loads afterwards. With `dry_run`, everything
    is checked and nothing written. If a file changed between reading and writing, the edit
    is worked out again from the new files (`change` may run more than once), up to
    `ATTEMPTS` times; then the ConflictError stands and nothing is written.
    """
    for attempt in range(ATTEMPTS):
        try:
            return _edit_once(path, change, dry_run=dry_run)
        except ConflictError:
            if attempt + 1 == ATTEMPTS:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _edit_once(path: Path, change: Callable[[Workspace], Edit], *, dry_run: bool) -> Saved:
    folder = find_evaluation(Path(path))
    # Read before loading: if the file changes in between, the transaction sees a conflict.
    before = read_or_empty(own_file(folder, EVALUATION_FILE)) if is_evaluation(folder) else b""
    workspace = load_folder(folder)
    target = own_file(folder, EVALUATION_FILE)
    edit = change(workspace)
    findings = check_evaluation(edit.evaluation, workspace.rubric)
    if findings:
        raise ChecklistError([Problem("checklist", 0, 0, f.message) for f in findings])
    replacements = _moved_answers(workspace, edit)
    text = evaluation_text(edit.evaluation)
    changed = text.encode() != before or bool(replacements)
    if changed and not dry_run:
        replacements.append(Replacement(target, text, before))
        replace_files(folder, replacements, conflict="changed on disk while this edit was "
                      "made; nothing written, run the command again")
    return Saved(edit.evaluation, [r.path for r in replacements if r.path != target], changed)


def _moved_answers(workspace: Workspace, edit: Edit) -> list[Replacement]:
    """New content for each ratings file holding answers of a renamed vendor."""
    if not edit.renames:
        return []
    problems: list[Problem] = []
    ordering = Ordering.of(edit.evaluation, workspace.rubric)
    out = []
    for rater, path in ratings_paths(workspace.path, problems):
        original, ratings = RatingsFile(workspace.path, rater, ordering).snapshot()
        moving = [old for old in edit.renames if ratings.answers.get(old)]
        if not moving:
            continue
        for old in moving:
            new = edit.renames[old]
            if ratings.answers.get(new):
                problems.append(Problem(str(path), 0, 0, f"already holds answers for '{new}' "
                                        "(kept from a vendor removed before); choose another "
                                        "id, or move those answers by hand first"))
                continue
            ratings.answers[new] = ratings.answers.pop(old)
        out.append(Replacement(path, ratings_text(ratings, ordering), original))
    if problems:
        raise ChecklistError(problems)
    return out
