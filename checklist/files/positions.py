"""Where each rater left off in each evaluation ("s: score where you left off" in the TUI).

Kept per user in the user's state folder, never in the evaluation: a position is one person's
habit, not part of the decision, and must not show up in the team's git diffs. The file is
`positions.yaml` in `state_dir()`: for each evaluation folder (most recently used first,
at most `MAX_EVALUATIONS`), each rater's vendor and question. It is written atomically;
a file that is missing, unreadable or not in this shape is ignored (and replaced by the next
write): losing a position costs a few keys, never an answer.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from pydantic import Field

from checklist.errors import ChecklistError
from checklist.files.atomic import write_atomic
from checklist.files.config import APP_NAME
from checklist.files.validate import to_model
from checklist.files.yamlio import dump_yaml, read_yaml
from checklist.model.common import Model, Slug

#: Evaluations remembered; the least recently used beyond this are forgotten.
MAX_EVALUATIONS = 200
POSITIONS_FILE = "positions.yaml"


def state_dir() -> Path:
    """`CHECKLIST_STATE_DIR`, else the platform's user state folder (platformdirs:
    `$XDG_STATE_HOME/checklist`, usually `~/.local/state/checklist`, on Linux)."""
    explicit = os.environ.get("CHECKLIST_STATE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    return platformdirs.user_state_path(APP_NAME, appauthor=False)


class Position(Model):
    vendor: Slug
    question: Slug


class Positions(Model):
    #: Evaluation folder (absolute) -> rater id -> where that rater left off.
    evaluations: dict[str, dict[str, Position]] = Field(default_factory=dict)


def _path() -> Path:
    return state_dir() / POSITIONS_FILE


def _key(folder: Path) -> str:
    return str(folder.resolve())


def _read() -> Positions:
    try:
        return to_model(read_yaml(_path(), what="positions file"), Positions,
                        what="positions file")
    except (ChecklistError, OSError, ValueError):
        return Positions()  # missing, unreadable or hand-mangled: start afresh


def load_position(folder: Path, rater: str) -> Position | None:
    """Where `rater` (an id) left off in the evaluation at `folder`, if remembered."""
    return _read().evaluations.get(_key(folder), {}).get(rater)


def save_position(folder: Path, rater: str, position: Position) -> None:
    """Remembers where `rater` is in `folder`; raises OSError when the state folder cannot
    take the file (the caller ignores it: a position is not worth a warning)."""
    known = _read().evaluations
    key = _key(folder)
    mine = {**known.pop(key, {}), rater: position}
    kept = {key: mine, **dict(list(known.items())[:MAX_EVALUATIONS - 1])}
    data = {"evaluations": {k: {r: p.model_dump() for r, p in v.items()}
                            for k, v in kept.items()}}
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, dump_yaml(data, header="checklist: where you left off in each "
                                 "evaluation (safe to delete)"))
