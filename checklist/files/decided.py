"""Ratings are read-only once the decision is taken (accepted, rejected or superseded): the
decision rests on the answers as they were. Checked under the folder lock by every writer of
ratings files (`RatingsFile`, `replace_files`), from evaluation.yaml as it is on disk then,
so a TUI opened before `checklist decide` cannot change an answer after it either.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from checklist.errors import ChecklistError
from checklist.files.layout import EVALUATION_FILE, RATINGS_DIR, own_file
from checklist.files.yamlio import read_yaml
from checklist.model.decision import DECIDED


def is_ratings_path(folder: Path, path: Path) -> bool:
    return path.parent.name == RATINGS_DIR and path.parent.parent == folder


def refuse_if_decided(folder: Path) -> None:
    """Raises when evaluation.yaml says the decision is taken; says who took it and how to
    reopen it."""
    notice = decided_notice(folder)
    if notice is not None:
        raise ChecklistError.at(own_file(folder, EVALUATION_FILE), notice)


def decided_notice(folder: Path) -> str | None:
    """Why the ratings are read-only, who decided and how to reopen, when evaluation.yaml
    says the decision is taken; None while answers may change."""
    path = own_file(folder, EVALUATION_FILE)
    if not path.is_file():
        return None
    doc = read_yaml(path, what="evaluation")
    data = doc.data if isinstance(doc.data, dict) else {}
    status = data.get("status")
    if status not in DECIDED:
        return None
    history = data.get("history")
    step = history[-1] if isinstance(history, list) and history else None
    who = ""
    if isinstance(step, dict):
        at = step.get("at")
        day = at.date().isoformat() if isinstance(at, dt.datetime) else str(at or "")[:10]
        who = f" by {str(step.get('by', ''))[:60]} on {day}" if day else ""
    return (f"the decision is {status}{who}: its ratings are read-only and nothing was "
            f"written; reopen it to change answers: `checklist decide {folder} --reopen --by "
            "NAME --reason \"...\"`")
