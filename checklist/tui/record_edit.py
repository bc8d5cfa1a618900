"""An edit of the decision record made on a screen (vendors, claims, people, context), saved
with the rules answers have: never overwriting someone else's change silently.

Kept free of Textual, like `session.py`. An edit names the part of the evaluation it was made
on (`part`) and what the screen showed of it then (`seen`). It is saved through
`checklist.files.evaluation_save`, so it is worked out again on top of the file as it is on
disk (another person's edit of another part is merged, not lost). When the part itself was
changed on disk since the screen showed it, and the edit would change it again, nothing is
written: `RecordConflict` says what is there now, and the person chooses (`force` keeps
theirs out, the edit is made on top of it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from checklist.files.evaluation_save import Edit, Saved, edit_evaluation
from checklist.files.folder import Workspace
from checklist.model.evaluation import Evaluation

Part = Callable[[Evaluation], object]


@dataclass(frozen=True)
class RecordEdit:
    """One change: `what` in words ("Acme's model"), the `part` it changes, the part as the
    screen showed it (`seen`), and the change itself (`apply`, run on the folder as loaded)."""

    what: str
    part: Part
    seen: object
    apply: Callable[[Workspace], Edit]


class RecordConflict(Exception):
    """The part was changed on disk since the screen showed it; nothing was written."""

    def __init__(self, edit: RecordEdit, theirs: object) -> None:
        super().__init__(f"{edit.what} changed on disk")
        self.edit = edit
        self.theirs = theirs


def save_record(path: Path, edit: RecordEdit, *, force: bool = False) -> Saved:
    """Saves `edit` into the folder at `path` (see the module docstring). With `force`, the
    edit is made even when its part changed on disk (the person chose to keep theirs)."""

    def change(workspace: Workspace) -> Edit:
        now = edit.part(workspace.evaluation)
        result = edit.apply(workspace)
        if not force and now != edit.seen and edit.part(result.evaluation) != now:
            raise RecordConflict(edit, now)
        return result

    return edit_evaluation(path, change)


def vendor_ids(evaluation: Evaluation) -> list[str]:
    return [v.id for v in evaluation.vendors]


def vendor_names(evaluation: Evaluation) -> list[tuple[str, str]]:
    return [(v.id, v.name) for v in evaluation.vendors]
